package evaluation

import (
	"strings"
	"testing"

	"sullam/models"
)

// TestCheckPromotion states each promotion rule, in the order they are
// checked.
func TestCheckPromotion(t *testing.T) {
	start := models.MustDate("2022-03-01")
	ok := Promotion{Status: models.Active, RoleStart: start, NextRole: "coordinator", ToRole: "coordinator",
		Effective: models.MustDate("2026-02-01"), Reason: "strong year", Ready: true}
	with := func(f func(p *Promotion)) Promotion { p := ok; f(&p); return p }
	justification := strings.Repeat("ج", MinJustification) // characters, not bytes
	for _, c := range []struct {
		name string
		p    Promotion
		want Refusal
	}{
		{"a ready active agent to the next role with a reason is allowed", ok, Allowed},
		{"the role asked for is compared trimmed", with(func(p *Promotion) { p.ToRole = " coordinator " }), Allowed},
		{"an inactive agent cannot be promoted", with(func(p *Promotion) { p.Status = models.Inactive }), NotActive},
		{"inactive is refused before anything else", with(func(p *Promotion) { p.Status = models.Inactive; p.NextRole = ""; p.Reason = "" }), NotActive},
		{"the top of the ladder has no promotion", with(func(p *Promotion) { p.NextRole = "" }), TopOfLadder},
		{"only to the next role, never skipping one", with(func(p *Promotion) { p.ToRole = "team_lead" }), NotNextRole},
		{"the effective date is required", with(func(p *Promotion) { p.Effective = models.Date{} }), NoEffectiveDate},
		{"not effective before the role start", with(func(p *Promotion) { p.Effective = start.AddDays(-1) }), BeforeRoleStart},
		{"effective on the role start day is allowed", with(func(p *Promotion) { p.Effective = start }), Allowed},
		{"a reason is required", with(func(p *Promotion) { p.Reason = "  " }), NoReason},
		{"not ready: a short reason needs a justification", with(func(p *Promotion) { p.Ready = false }), NeedsJustification},
		{"not ready: one character short is refused", with(func(p *Promotion) { p.Ready = false; p.Reason = justification[len("ج"):] }), NeedsJustification},
		{"not ready: MinJustification Arabic characters are enough", with(func(p *Promotion) { p.Ready = false; p.Reason = justification }), Allowed},
		{"not ready: surrounding blanks do not count", with(func(p *Promotion) { p.Ready = false; p.Reason = "  " + strings.Repeat("x", MinJustification-1) + "  " }), NeedsJustification},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := CheckPromotion(c.p); got != c.want {
				t.Errorf("CheckPromotion(%+v) = %d, want %d", c.p, got, c.want)
			}
		})
	}
	if Justified(justification[len("ج"):]) || !Justified(" "+justification+" ") {
		t.Error("Justified: MinJustification characters, blanks around not counted")
	}
	if ok.Exception() || !with(func(p *Promotion) { p.Ready = false }).Exception() {
		t.Error("a promotion is an exception exactly when the agent is not ready")
	}
}

// TestCheckKeep states the keep-in-role rules: active, below the top of the
// ladder, overdue from the OverdueYears anniversary on, with a reason.
func TestCheckKeep(t *testing.T) {
	ok := Keep{Status: models.Active, RoleStart: models.MustDate("2021-03-01"), NextRole: "coordinator",
		Today: models.MustDate("2026-03-01"), OverdueYears: 5, Reason: "needs coaching"}
	with := func(f func(k *Keep)) Keep { k := ok; f(&k); return k }
	for _, c := range []struct {
		name string
		k    Keep
		want Refusal
	}{
		{"overdue on the anniversary itself", ok, Allowed},
		{"a day before the anniversary is not overdue", with(func(k *Keep) { k.Today = models.MustDate("2026-02-28") }), NotOverdue},
		{"an inactive agent is not kept", with(func(k *Keep) { k.Status = models.Inactive }), NotActive},
		{"the top of the ladder is never overdue", with(func(k *Keep) { k.NextRole = "" }), TopOfLadder},
		{"a reason is required", with(func(k *Keep) { k.Reason = " \n" }), NoReason},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := CheckKeep(c.k); got != c.want {
				t.Errorf("CheckKeep(%+v) = %d, want %d", c.k, got, c.want)
			}
		})
	}
	if got := ok.OverdueOn(); got != models.MustDate("2026-03-01") {
		t.Errorf("OverdueOn = %s, want the fifth anniversary 2026-03-01", got)
	}
}
