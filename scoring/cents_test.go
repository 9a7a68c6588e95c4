package scoring

import (
	"encoding/json"
	"math/big"
	"testing"
)

func TestRound(t *testing.T) {
	tests := []struct {
		rule string
		in   string
		want Cents
	}{
		{"half-up at .xx5: 2.675 → 2.68 (a float would give 2.67)", "2.675", 268},
		{"half-up at .xx5: 0.005 → 0.01", "0.005", 1},
		{"half-up at .xx5 carries: 89.995 → 90.00", "89.995", 9000},
		{"half-up at .xx5: 92.0025 annual of the worked example → 92.00", "92.0025", 9200},
		{"half away from zero for negatives: −2.675 → −2.68", "-2.675", -268},
		{"half away from zero for negatives: −0.005 → −0.01", "-0.005", -1},
		{"just below half rounds down", "2.674999999", 267},
		{"just above half rounds up", "2.6750000001", 268},
		{"repeating fraction 1/3", "1/3", 33},
		{"repeating fraction 2/3", "2/3", 67},
		{"years in role 1452/365.25 = 3.975… → 3.98", "5808/1461", 398},
		{"exact value unchanged", "90", 9000},
		{"zero", "0", 0},
		{"hundred", "100", 10000},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := Round(rat(tt.in)); got != tt.want {
				t.Errorf("Round(%s) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
	if got := Round(nil); got != 0 {
		t.Errorf("Round(nil) = %d, want 0", got)
	}
}

func TestCentsString(t *testing.T) {
	tests := []struct {
		in   Cents
		want string
	}{
		{9750, "97.50"}, {-305, "-3.05"}, {10000, "100.00"}, {0, "0.00"},
		{5, "0.05"}, {-5, "-0.05"}, {9000, "90.00"}, {22422, "224.22"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Cents(%d).String() = %q, want %q", int64(tt.in), got, tt.want)
		}
	}
}

func TestCentsRat(t *testing.T) {
	if got := Cents(9750).Rat(); got.Cmp(big.NewRat(195, 2)) != 0 {
		t.Errorf("Cents(9750).Rat() = %v, want 195/2", got)
	}
	for _, c := range []Cents{0, 1, -1, 9999, -12345} {
		if got := Round(c.Rat()); got != c {
			t.Errorf("Round(%d.Rat()) = %d", int64(c), got)
		}
	}
}

func TestParseCents(t *testing.T) {
	tests := []struct {
		in      string
		want    Cents
		wantErr bool
	}{
		{"90", 9000, false}, {"90.5", 9050, false}, {"90.50", 9050, false},
		{"-3.05", -305, false}, {" 100.00 ", 10000, false}, {"+1.2", 120, false}, {"0.01", 1, false},
		{"", 0, true}, {"9.999", 0, true}, {"abc", 0, true}, {"1.", 0, true},
		{".5", 0, true}, {"1.2.3", 0, true}, {"1e3", 0, true}, {"--1", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseCents(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCentsJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		S Cents `json:"s"`
	}{9050})
	if err != nil || string(b) != `{"s":90.50}` {
		t.Errorf("marshal = %s, %v", b, err)
	}
	for in, want := range map[string]Cents{`90.5`: 9050, `"90.50"`: 9050, `90`: 9000, `-0.05`: -5} {
		var c Cents
		if err := json.Unmarshal([]byte(in), &c); err != nil || c != want {
			t.Errorf("unmarshal %s = %d, %v; want %d", in, c, err, want)
		}
	}
	var c Cents
	if err := json.Unmarshal([]byte(`90.555`), &c); err == nil {
		t.Errorf("unmarshal 90.555: want an error")
	}
}
