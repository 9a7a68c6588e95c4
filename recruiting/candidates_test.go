package recruiting

import (
	"testing"

	"sullam/models"
)

// TestDuplicates checks duplicate-candidate matching: the same e-mail
// ignoring case and spaces, or the same phone digits ignoring spaces,
// dashes and signs; an empty e-mail or phone matches nothing; a candidate
// with neither has no duplicates.
func TestDuplicates(t *testing.T) {
	others := []models.Candidate{
		{ID: 1, Email: "Sara@Example.com ", Phone: ""},
		{ID: 2, Email: "", Phone: "+966 50 123-4567"},
		{ID: 3, Email: "other@example.com", Phone: "0551112222"},
		{ID: 4, Email: "", Phone: ""},
	}
	ids := func(cs []models.Candidate) []uint {
		var out []uint
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		c    models.Candidate
		want []uint
	}{
		{"same e-mail, other case and spaces", models.Candidate{Email: " sara@example.COM"}, []uint{1}},
		{"same phone digits, other punctuation", models.Candidate{Phone: "966501234567"}, []uint{2}},
		{"either matches", models.Candidate{Email: "sara@example.com", Phone: "055-111-2222"}, []uint{1, 3}},
		{"no contact: no duplicates (empty matches nothing)", models.Candidate{}, nil},
		{"phone of signs only is no contact", models.Candidate{Phone: "+ -"}, nil},
		{"different", models.Candidate{Email: "x@example.com", Phone: "0500000000"}, nil},
	} {
		got := ids(Duplicates(tc.c, others))
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			}
		}
		if HasContact(tc.c) != (tc.c.Email != "" || digits(tc.c.Phone) != "") {
			t.Errorf("%s: HasContact = %v", tc.name, HasContact(tc.c))
		}
	}
}

// TestDeletableAndComparable checks that a hired candidate (linked to an
// agent) cannot be deleted, and an anonymised one is left out of the
// comparison.
func TestDeletableAndComparable(t *testing.T) {
	agent := uint(7)
	if !Deletable(models.Candidate{}) || Deletable(models.Candidate{AgentID: &agent}) {
		t.Error("Deletable: want true without an agent, false with one")
	}
	if !Comparable(models.Candidate{}) || Comparable(models.Candidate{Anonymized: true}) {
		t.Error("Comparable: want true unless anonymised")
	}
}
