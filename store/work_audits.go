package store

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
	"sullam/scoring"
)

// NewAudit is a quality audit as entered on a form: the answer to each item
// of the form, by item ID.
type NewAudit struct {
	AgentID uint
	FormID  uint
	Date    models.Date
	Channel models.Channel
	Auditor string
	Notes   string
	Answers map[uint]models.Answer
}

// AuditEntry is one stored audit for a listing, with its agent, form and score.
type AuditEntry struct {
	models.Audit
	EmployeeNo string
	AgentName  string
	FormCode   string
	FormVer    int
	// Score is the exact audit score (scoring.AuditScore).
	Score *big.Rat `gorm:"-"`
	// CriticalFail marks an audit scored 0 by a failed critical item.
	CriticalFail bool
}

// AuditListFilter narrows an audit listing.
type AuditListFilter struct {
	AgentID  uint        // 0: every agent the actor may see
	From, To models.Date // zero: unbounded; inclusive
	Channel  models.Channel
	Limit    int // 0: 1000
}

// EnterAudit stores one quality audit (Quality) on the latest version of its
// form, with a generated reference AUD-YYYYMMDD-nnnn (the audit date and a
// sequence number of that date). Every item must be answered pass, fail or
// na, not all na; the date may not be in the future.
func (wk *Work) EnterAudit(ctx context.Context, a Actor, n NewAudit) (models.Audit, error) {
	s := wk.s
	s = s.withContext(ctx)
	var ag models.Agent
	if err := s.db.First(&ag, n.AgentID).Error; err != nil {
		return models.Audit{}, fmt.Errorf("enter audit: agent #%d: %w", n.AgentID, translate(err))
	}
	if err := s.requireAgent(a, OpEnterAudits, &ag); err != nil {
		return models.Audit{}, err
	}
	if n.Date.IsZero() {
		return models.Audit{}, models.Invalid("error.date_required", map[string]any{"Agent": ag.EmployeeNo}, "enter audit for %s: the date is required", ag.EmployeeNo)
	}
	if n.Date.After(models.DateOf(s.now())) {
		return models.Audit{}, models.Invalid("error.date_future", map[string]any{"Agent": ag.EmployeeNo, "Date": n.Date}, "enter audit for %s: date %s is in the future", ag.EmployeeNo, n.Date)
	}
	if !slices.Contains(models.Channels, n.Channel) {
		return models.Audit{}, models.Invalid("error.channel", map[string]any{"Agent": ag.EmployeeNo, "Channel": n.Channel}, "enter audit for %s: channel %q is not one of phone, email, chat, in_person", ag.EmployeeNo, n.Channel)
	}
	var au models.Audit
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var form models.AuditForm
		if err := tx.Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("sort, id") }).First(&form, n.FormID).Error; err != nil {
			return fmt.Errorf("audit form #%d: %w", n.FormID, translate(err))
		}
		var maxVer int
		if err := tx.Model(&models.AuditForm{}).Where("UPPER(code) = ?", strings.ToUpper(form.Code)).Select("MAX(form_ver)").Scan(&maxVer).Error; err != nil {
			return err
		}
		if form.FormVer != maxVer {
			return fmt.Errorf("form %s version %d was replaced by version %d: %w", form.Code, form.FormVer, maxVer, models.ErrStale)
		}
		answers := make([]models.Answer, len(form.Items))
		view := map[string]models.Answer{}
		for i, it := range form.Items {
			ans, ok := n.Answers[it.ID]
			if !ok {
				return models.Invalid("error.item_unanswered", map[string]any{"Item": it.Code}, "item %s has no answer", it.Code)
			}
			answers[i] = ans
			view[it.Code] = ans
		}
		if len(n.Answers) != len(form.Items) {
			return models.Invalid("error.answers_count", map[string]any{"Answers": len(n.Answers), "Items": len(form.Items), "Form": form.Code}, "%d answers for the %d items of form %s", len(n.Answers), len(form.Items), form.Code)
		}
		score, err := scoring.AuditScore(FormItems(form), answers)
		if err != nil {
			return fmt.Errorf("%w: %w", err, models.ErrInvalid)
		}
		ref, err := nextAuditRef(tx, n.Date)
		if err != nil {
			return err
		}
		au = models.Audit{Ref: ref, AgentID: ag.ID, FormID: form.ID, AuditDate: n.Date, Channel: n.Channel,
			Auditor: strings.TrimSpace(n.Auditor), Notes: strings.TrimSpace(n.Notes), Version: 1}
		if err := tx.Omit(clause.Associations).Create(&au).Error; err != nil {
			return translate(err)
		}
		results := make([]models.AuditResult, len(form.Items))
		for i, it := range form.Items {
			results[i] = models.AuditResult{AuditID: au.ID, ItemID: it.ID, Answer: answers[i]}
		}
		if err := tx.Omit(clause.Associations).Create(&results).Error; err != nil {
			return translate(err)
		}
		au.Results = results
		if err := s.refreshAuditSummaries(tx, summaryKeys{{au.AgentID, au.AuditDate.Year}: {}}); err != nil {
			return err
		}
		return s.logChange(tx, a, "create", "audit", ref, nil, map[string]any{
			"employee_no": ag.EmployeeNo, "form": fmt.Sprintf("%s/v%d", form.Code, form.FormVer), "date": n.Date.String(),
			"channel": n.Channel, "auditor": au.Auditor, "notes": au.Notes, "answers": view, "score": scoring.Round(score).String()})
	})
	if err != nil {
		return models.Audit{}, fmt.Errorf("enter audit for %s: %w", ag.EmployeeNo, err)
	}
	return au, nil
}

// nextAuditRef returns the next free reference AUD-YYYYMMDD-nnnn of date.
func nextAuditRef(tx *gorm.DB, date models.Date) (string, error) {
	prefix := fmt.Sprintf("AUD-%04d%02d%02d-", date.Year, date.Month, date.Day)
	var refs []string
	if err := tx.Model(&models.Audit{}).Where("ref LIKE ?", prefix+"%").Pluck("ref", &refs).Error; err != nil {
		return "", fmt.Errorf("next audit reference: %w", err)
	}
	next := 1
	for _, r := range refs {
		if n, err := strconv.Atoi(strings.TrimPrefix(r, prefix)); err == nil && n >= next {
			next = n + 1
		}
	}
	return fmt.Sprintf("%s%04d", prefix, next), nil
}

// ListAudits lists the audits of the agents whose scores the actor may see,
// newest first, each with its exact score.
func (wk *Work) ListAudits(ctx context.Context, a Actor, f AuditListFilter) ([]AuditEntry, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpViewScores); err != nil {
		return nil, err
	}
	q := scopeAgents(s.db.Model(&models.Audit{}).Joins("JOIN agents ON agents.id = audits.agent_id"), a, OpViewScores)
	if f.AgentID != 0 {
		q = q.Where("audits.agent_id = ?", f.AgentID)
	}
	if !f.From.IsZero() {
		q = q.Where("audits.audit_date >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("audits.audit_date <= ?", f.To)
	}
	if f.Channel != "" {
		q = q.Where("audits.channel = ?", f.Channel)
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	type row struct {
		models.Audit
		EmployeeNo string
		AgentName  string
	}
	var rows []row
	if err := q.Select("audits.*, agents.employee_no AS employee_no, agents.full_name AS agent_name").
		Order("audits.audit_date DESC, audits.id DESC").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list audits: %w", err)
	}
	if len(rows) == 0 {
		return []AuditEntry{}, nil
	}
	byID, _, err := s.loadForms(s.db)
	if err != nil {
		return nil, err
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	results := map[uint]map[uint]models.Answer{}
	for start := 0; start < len(ids); start += batchSize {
		var part []models.AuditResult
		if err := s.db.Where("audit_id IN ?", ids[start:min(start+batchSize, len(ids))]).Find(&part).Error; err != nil {
			return nil, fmt.Errorf("list audit answers: %w", err)
		}
		for _, r := range part {
			if results[r.AuditID] == nil {
				results[r.AuditID] = map[uint]models.Answer{}
			}
			results[r.AuditID][r.ItemID] = r.Answer
		}
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		form := byID[r.FormID]
		e := AuditEntry{Audit: r.Audit, EmployeeNo: r.EmployeeNo, AgentName: r.AgentName, FormCode: form.Code, FormVer: form.FormVer}
		answers := make([]models.Answer, len(form.Items))
		for j, it := range form.Items {
			answers[j] = results[r.ID][it.ID]
			if it.Critical && answers[j] == models.Fail {
				e.CriticalFail = true
			}
		}
		if score, err := scoring.AuditScore(FormItems(form), answers); err == nil {
			e.Score = score
		}
		out[i] = e
	}
	return out, nil
}

// DeleteAudit removes a quality audit entered by mistake (Quality, for the
// agents they may audit), with its answers. version is the audit's version
// as shown (a stale one is refused with ErrStale) and the reason is
// required; the audit as it was and the reason go to the audit log. An
// evaluation finalized on it keeps its snapshot and shows "inputs changed".
func (wk *Work) DeleteAudit(ctx context.Context, a Actor, id uint, version int, reason string) error {
	s := wk.s
	s = s.withContext(ctx)
	reason = strings.TrimSpace(reason)
	// access first, outside the transaction: a denial writes its own
	// audit-log row, which would wait for the transaction's write lock
	var au models.Audit
	var ag models.Agent
	if err := s.db.First(&au, id).Error; err != nil {
		return fmt.Errorf("delete audit #%d: %w", id, translate(err))
	}
	if err := s.db.First(&ag, au.AgentID).Error; err != nil {
		return fmt.Errorf("delete audit #%d: %w", id, translate(err))
	}
	if err := s.requireAgent(a, OpEnterAudits, &ag); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Preload("Results").First(&au, id).Error; err != nil {
			return translate(err)
		}
		if au.Version != version {
			return fmt.Errorf("audit %s was changed by someone else: %w", au.Ref, models.ErrStale)
		}
		if reason == "" {
			return models.Invalid("error.reason_required", nil, "a reason is required")
		}
		if err := tx.Where("audit_id = ?", id).Delete(&models.AuditResult{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&models.Audit{}, id).Error; err != nil {
			return err
		}
		if err := s.refreshAuditSummaries(tx, summaryKeys{{au.AgentID, au.AuditDate.Year}: {}}); err != nil {
			return err
		}
		answers := map[string]models.Answer{}
		for _, r := range au.Results {
			answers[strconv.FormatUint(uint64(r.ItemID), 10)] = r.Answer
		}
		old := map[string]any{"agent": ag.EmployeeNo, "date": au.AuditDate.String(), "channel": au.Channel, "form_id": au.FormID,
			"auditor": au.Auditor, "notes": au.Notes, "answers": answers}
		return s.logChange(tx, a, "delete_audit", "audit", au.Ref, old, map[string]any{"deleted": true, "reason": reason})
	})
	if err != nil {
		return fmt.Errorf("delete audit #%d: %w", id, err)
	}
	return nil
}
