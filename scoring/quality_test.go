package scoring

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"sullam/models"
)

// answers parses "pass,fail,na,…".
func answers(s string) []models.Answer {
	var out []models.Answer
	for _, a := range strings.Split(s, ",") {
		out = append(out, models.Answer(a))
	}
	return out
}

// TestDefaultAuditForm: the items, weights and critical flags of CS-STD-1.
func TestDefaultAuditForm(t *testing.T) {
	want := []AuditItem{
		{"GREETING", 1, false}, {"NEEDS", 2, false}, {"LISTENING", 2, false}, {"CLARITY", 2, false},
		{"RESPONSE_TIME", 2, false}, {"PERSONAL", 1, false}, {"ACCURACY", 3, true}, {"RESOLUTION", 3, false},
		{"PRIVACY", 2, true}, {"CLOSING", 1, false},
	}
	got := DefaultAuditForm()
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestAuditScore(t *testing.T) {
	form := DefaultAuditForm() // total weight 19
	tests := []struct {
		rule    string
		answers string
		want    string // exact rational; "" when an error is wanted
		err     error
	}{
		{"§2 all pass → 100",
			"pass,pass,pass,pass,pass,pass,pass,pass,pass,pass", "100", nil},
		{"§2 a non-critical fail: 100 × 17/19",
			"pass,fail,pass,pass,pass,pass,pass,pass,pass,pass", "1700/19", nil},
		{"§2 na excluded from the denominator: NEEDS na → 17/17 = 100",
			"pass,na,pass,pass,pass,pass,pass,pass,pass,pass", "100", nil},
		{"§2 na excluded from the denominator: NEEDS na, GREETING fail → 100 × 16/17",
			"fail,na,pass,pass,pass,pass,pass,pass,pass,pass", "1600/17", nil},
		{"§2 critical fail (ACCURACY) = 0 even with every other item passed",
			"pass,pass,pass,pass,pass,pass,fail,pass,pass,pass", "0", nil},
		{"§2 critical fail (PRIVACY) = 0 with the rest na",
			"na,na,na,na,na,na,na,na,fail,na", "0", nil},
		{"§2 several fails: RESPONSE_TIME, RESOLUTION, CLOSING → 100 × 13/19",
			"pass,pass,pass,pass,fail,pass,pass,fail,pass,fail", "1300/19", nil},
		{"§2 a critical item passed, everything else na → 100",
			"na,na,na,na,na,na,pass,na,na,na", "100", nil},
		{"§2 every non-critical item failed, criticals passed → 100 × 5/19",
			"fail,fail,fail,fail,fail,fail,pass,fail,pass,fail", "500/19", nil},
		{"§2 an all-na audit is refused",
			"na,na,na,na,na,na,na,na,na,na", "", ErrAllNA},
		{"answers must match the items (too few)",
			"pass,pass,pass", "", nil},
		{"answers must match the items (too many)",
			"pass,pass,pass,pass,pass,pass,pass,pass,pass,pass,pass", "", nil},
		{"an answer must be pass, fail or na",
			"pass,pass,pass,pass,pass,pass,pass,pass,pass,yes", "", nil},
		{"answers are exact values (PASS is not pass)",
			"PASS,pass,pass,pass,pass,pass,pass,pass,pass,pass", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, err := AuditScore(form, answers(tt.answers))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("AuditScore = %v, want an error", got)
				}
				if tt.err != nil && !errors.Is(err, tt.err) {
					t.Errorf("error %v is not %v", err, tt.err)
				}
				if got != nil {
					t.Errorf("score %v returned with an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("AuditScore: %v", err)
			}
			if got.Cmp(rat(tt.want)) != 0 {
				t.Errorf("AuditScore = %v, want %s", got, tt.want)
			}
		})
	}
	if _, err := AuditScore([]AuditItem{{Code: "X", Weight: 0}}, answers("pass")); err == nil {
		t.Error("a zero item weight must be refused")
	}
	if _, err := AuditScore(nil, nil); err == nil {
		t.Error("an empty form must be refused")
	}
}

func TestQualityScore(t *testing.T) {
	s := func(date, score string) DatedScore { return DatedScore{Date: d(date), Score: rat(score)} }
	tests := []struct {
		rule       string
		scores     []DatedScore
		sufficient bool
		score      string
		reason     string
		audits     int
	}{
		{"§2 3 audits → insufficient",
			[]DatedScore{s("2025-01-05", "100"), s("2025-02-05", "100"), s("2025-03-05", "100")},
			false, "", "3 audits, 4 needed", 3},
		{"§2 4 audits → the mean",
			[]DatedScore{s("2025-01-05", "100"), s("2025-02-05", "90"), s("2025-03-05", "80"), s("2025-04-05", "0")},
			true, "67.50", "", 4},
		{"§2 the mean of exact audit scores, rounded once: (1300/19 + 300)/4 = 92.105… → 92.11",
			[]DatedScore{s("2025-01-05", "1300/19"), s("2025-02-05", "100"), s("2025-03-05", "100"), s("2025-04-05", "100")},
			true, "92.11", "", 4},
		{"§2 the mean rounds half-up: 92.105 exactly → 92.11",
			[]DatedScore{s("2025-01-05", "68.42"), s("2025-02-05", "100"), s("2025-03-05", "100"), s("2025-04-05", "100")},
			true, "92.11", "", 4},
		{"§2 audit scores are not rounded before the mean (rounding each first would give 90.00)",
			[]DatedScore{s("2025-01-05", "90.0049"), s("2025-02-05", "90.0049"), s("2025-03-05", "90.0049"), s("2025-04-05", "90.0149")},
			true, "90.01", "", 4},
		{"§2 only audits dated in Y count",
			[]DatedScore{s("2024-12-31", "100"), s("2025-01-01", "100"), s("2025-12-31", "100"), s("2026-01-01", "100"), s("2025-06-01", "100")},
			false, "", "3 audits, 4 needed", 3},
		{"§2 a critical fail counts as 0 in the mean",
			[]DatedScore{s("2025-01-05", "0"), s("2025-02-05", "100"), s("2025-03-05", "100"), s("2025-04-05", "100")},
			true, "75.00", "", 4},
		{"§2 no audit → insufficient, not zero",
			nil, false, "", "0 audits, 4 needed", 0},
		{"§2 one audit (singular wording)",
			[]DatedScore{s("2025-01-05", "100")}, false, "", "1 audit, 4 needed", 1},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			c := QualityScore(p, 2025, tt.scores)
			checkComponent(t, c, Quality, tt.sufficient, tt.score, tt.reason)
			if c.Quality == nil || c.Quality.Audits != tt.audits || len(c.Quality.Scores) != tt.audits {
				t.Errorf("detail = %+v, want %d audits", c.Quality, tt.audits)
			}
			if tt.sufficient && c.Quality.Mean.Cmp(c.Exact) != 0 {
				t.Errorf("mean %v != exact %v", c.Quality.Mean, c.Exact)
			}
			if !tt.sufficient && c.Explanation.Args["audits"] != tt.audits {
				t.Errorf("explanation %+v", c.Explanation)
			}
		})
	}
	// The exact mean is kept: 3 × 100 + 1300/19, over 4.
	c := QualityScore(p, 2025, []DatedScore{s("2025-01-05", "1300/19"), s("2025-02-05", "100"), s("2025-03-05", "100"), s("2025-04-05", "100")})
	if c.Quality.Mean.Cmp(big.NewRat(7000, 76)) != 0 {
		t.Errorf("mean = %v, want 7000/76", c.Quality.Mean)
	}
}
