package demo

import (
	"strings"
	"testing"

	"sullam/store"
)

// Rule (issue 11): the demo accounts have no password written in the
// source: with no DemoPassword, each generation makes a new random one that
// passes the password rules, from an alphabet without look-alikes; a given
// DemoPassword is used as it is.
func TestDemoPasswordIsRandomUnlessGiven(t *testing.T) {
	o := Options{Agents: MinAgents, Years: 1, Seed: 1, Today: today}
	seen := map[string]bool{}
	for range 5 {
		d := mustGenerate(t, o)
		if err := store.CheckPasswordRules(d.Password); err != nil {
			t.Fatalf("random password %q: %v", d.Password, err)
		}
		if strings.Trim(d.Password, passwordAlphabet) != "" || len(d.Password) != passwordLength {
			t.Errorf("random password %q: want %d characters of the alphabet", d.Password, passwordLength)
		}
		if seen[d.Password] {
			t.Errorf("the password %q came twice", d.Password)
		}
		seen[d.Password] = true
	}
	o.DemoPassword = "chosen by the user"
	if d := mustGenerate(t, o); d.Password != o.DemoPassword {
		t.Errorf("password %q, want the given one", d.Password)
	}
}
