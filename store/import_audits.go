package store

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/internal/bulk"
	"sullam/models"
	"sullam/scoring"
)

// loadForms returns every audit form with its items, by ID, and the latest version of each code.
func (s *Store) loadForms(tx *gorm.DB) (map[uint]models.AuditForm, map[string]models.AuditForm, error) {
	var forms []models.AuditForm
	if err := tx.Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("sort, id") }).Order("code, form_ver").Find(&forms).Error; err != nil {
		return nil, nil, fmt.Errorf("load audit forms: %w", err)
	}
	byID := map[uint]models.AuditForm{}
	latest := map[string]models.AuditForm{}
	for _, f := range forms {
		byID[f.ID] = f
		latest[strings.ToUpper(f.Code)] = f // ordered by version: the last one wins
	}
	return byID, latest, nil
}

// FormItems converts an audit form's items to what scoring.AuditScore
// takes (the one conversion: imports, the store's audits and the entry
// screen's running score all use it).
func FormItems(f models.AuditForm) []scoring.AuditItem {
	out := make([]scoring.AuditItem, len(f.Items))
	for i, it := range f.Items {
		out[i] = scoring.AuditItem{Code: it.Code, Weight: it.Weight, Critical: it.Critical}
	}
	return out
}

// ImportAudits imports quality audits (Quality), keyed by audit_ref: a
// stored audit equal to the file's row is unchanged, a changed one is
// updated (its answers replaced, on the latest version of the row's form),
// a new one is inserted. A row that would change a finalized year (the
// audit's year before or after the change) refuses the file. The audit
// summaries of the agent-years the file changed (before and after a
// change) are refreshed in the same transaction.
func (s *Store) ImportAudits(a Actor, src ImportSource, rows []models.AuditRow) (models.ImportResult, error) {
	if err := s.require(a, OpEnterAudits); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindAudits); err != nil {
			return err
		}
		im := &auditImport{s: s, tx: tx, src: src, rows: rows}
		if err := im.load(); err != nil {
			return err
		}
		// the header first and alone (spec "Header problems are reported
		// first and alone"): every item of each form the rows name has a
		// column, and every item column is an item of those forms
		if errs := auditHeader(src, rows, im.latest); len(errs) > 0 {
			return importFail(src, errs)
		}
		if errs := im.check(&res); len(errs) > 0 {
			return importFail(src, errs)
		}
		if err := im.write(a); err != nil {
			return err
		}
		if err := im.sums.write(tx); err != nil {
			return err
		}
		res.Inserted, res.Updated = len(im.fresh), len(im.changed)
		return s.finishImport(tx, a, models.KindAudits, src, res, len(rows))
	})
	if err != nil {
		return models.ImportResult{}, err
	}
	return res, nil
}

// auditImport is one audits file being imported, step by step.
type auditImport struct {
	s    *Store
	tx   *gorm.DB
	src  ImportSource
	rows []models.AuditRow
	// read by load
	idx    map[string]models.Agent
	byID   map[uint]models.AuditForm
	latest map[string]models.AuditForm
	fin    map[agentYear]bool
	stored map[string]storedAudit
	// made by check: each row's agent, the rows to insert and to update
	agents         []models.Agent
	fresh, changed []int
	// the audits written (write), and the summaries of the agent-years
	// they touched
	audits []models.Audit
	sums   *auditFresh
}

// load reads what checking the rows needs: the agents, the forms, the
// finalized years and the stored audits of the rows' refs.
func (im *auditImport) load() error {
	var err error
	if im.idx, err = im.s.agentIndex(im.tx); err != nil {
		return err
	}
	if im.byID, im.latest, err = im.s.loadForms(im.tx); err != nil {
		return err
	}
	if im.fin, err = im.s.finalizedYears(im.tx); err != nil {
		return err
	}
	im.stored, err = storedAudits(im.tx, im.rows)
	return err
}

// check checks every row and sorts them into new, changed and unchanged
// (counted in res), returning every bad row.
func (im *auditImport) check(res *models.ImportResult) []models.RowError {
	var errs []models.RowError
	itemsOf := map[uint][]scoring.AuditItem{} // form ID → its items
	im.agents = make([]models.Agent, len(im.rows))
	for i, r := range im.rows {
		ag, ok := lookupAgent(im.idx, r.EmployeeNo, r.Line, "employee_no", &errs)
		im.agents[i] = ag
		form, fok := im.latest[strings.ToUpper(r.FormCode)]
		if !fok {
			errs = append(errs, models.Msg("import.err.unknown_form", nil, "no audit form has this code").Row(r.Line, "form_code", r.FormCode))
			continue
		}
		items, ok2 := itemsOf[form.ID]
		if !ok2 {
			items = FormItems(form)
			itemsOf[form.ID] = items
		}
		checkAuditAnswers(r, items, &errs)
		if !ok {
			continue
		}
		old, found := im.stored[r.Audit.Ref]
		if found {
			c := auditChanges(old, im.byID[old.FormID], form, r, ag)
			if len(c) == 0 {
				res.Unchanged++
				continue
			}
			if y := old.AuditDate.Year; im.fin[agentYear{old.AgentID, y}] {
				errs = append(errs, finalizedRow(r.Line, "audit_ref", r.Audit.Ref, r.EmployeeNo, y))
				continue
			}
			old.changes = c
			im.stored[r.Audit.Ref] = old
		}
		if y := r.Audit.AuditDate.Year; im.fin[agentYear{ag.ID, y}] {
			errs = append(errs, finalizedRow(r.Line, "audit_date", r.Audit.AuditDate.String(), r.EmployeeNo, y))
			continue
		}
		if found {
			im.changed = append(im.changed, i)
		} else {
			im.fresh = append(im.fresh, i)
		}
	}
	return errs
}

// checkAuditAnswers adds to errs the error of a row whose answers, all
// given, cannot be scored (every item na).
func checkAuditAnswers(r models.AuditRow, items []scoring.AuditItem, errs *[]models.RowError) {
	answers := make([]models.Answer, len(items))
	complete := true
	for j, it := range items {
		ans, ok := r.Answers[it.Code]
		if !ok {
			complete = false
		}
		answers[j] = ans
	}
	if complete {
		if _, err := scoring.AuditScore(items, answers); err != nil {
			*errs = append(*errs, auditScoreRow(r.Line, err))
		}
	}
}

// auditChanges returns what row r changes of the stored audit old (of
// form oldForm), read on form, the latest version of the row's form, for
// agent ag.
func auditChanges(old storedAudit, oldForm, form models.AuditForm, r models.AuditRow, ag models.Agent) changes {
	var c changes
	c.add("employee_no", old.AgentID, ag.ID)
	c.add("form_code", strings.ToUpper(oldForm.Code), strings.ToUpper(r.FormCode))
	c.add("audit_date", old.AuditDate, r.Audit.AuditDate)
	c.add("channel", old.Channel, r.Audit.Channel)
	c.add("auditor", old.Auditor, r.Audit.Auditor)
	c.add("notes", old.Notes, r.Audit.Notes)
	for _, it := range oldForm.Items {
		c.add(it.Code, old.answers[it.ID], r.Answers[it.Code])
	}
	// the row is read on the latest version of its form: a
	// stored audit of an older version moves to it (its answers
	// to the new items would otherwise be dropped unseen)
	c.add("form_version", oldForm.FormVer, form.FormVer)
	return c
}

// write updates the changed audits, inserts the new ones and writes the
// answers of both, collecting the agent-years touched: those with no
// stored audit before (classified first) summarised from the new audits,
// the others (and both agent-years of a changed audit) refreshed from the
// raw audits.
func (im *auditImport) write(a Actor) error {
	s, tx, rows := im.s, im.tx, im.rows
	im.audits = make([]models.Audit, len(rows))
	im.sums = s.newAuditFresh()
	keys := make([]agentYear, 0, len(im.fresh))
	for _, i := range im.fresh {
		keys = append(keys, agentYear{im.agents[i].ID, rows[i].Audit.AuditDate.Year})
	}
	if err := im.sums.classify(tx, keys); err != nil {
		return err
	}
	for _, i := range im.changed {
		old := im.stored[rows[i].Audit.Ref]
		im.sums.stored(agentYear{old.AgentID, old.AuditDate.Year})
		im.sums.stored(agentYear{im.agents[i].ID, rows[i].Audit.AuditDate.Year})
	}
	for i, r := range rows {
		form := im.latest[strings.ToUpper(r.FormCode)]
		au := r.Audit
		au.ID = 0
		au.AgentID = im.agents[i].ID
		au.FormID = form.ID
		au.Version = 1
		au.Results = nil
		im.audits[i] = au
	}
	now := s.now().UTC()
	log := &updateLog{s: s, a: a}
	for _, i := range im.changed {
		r, old := rows[i], im.stored[rows[i].Audit.Ref]
		au := &im.audits[i]
		au.ID = old.ID
		if err := tx.Model(&models.Audit{}).Where("id = ?", old.ID).Updates(map[string]any{"agent_id": au.AgentID, "form_id": au.FormID,
			"audit_date": au.AuditDate, "channel": au.Channel, "auditor": au.Auditor, "notes": au.Notes,
			"version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
			return fmt.Errorf("line %d: update audit %s: %w", r.Line, r.Audit.Ref, translate(err))
		}
		if err := tx.Where("audit_id = ?", old.ID).Delete(&models.AuditResult{}).Error; err != nil {
			return fmt.Errorf("line %d: update audit %s: %w", r.Line, r.Audit.Ref, translate(err))
		}
		log.add("audit", r.Audit.Ref, r.Line, old.changes)
	}
	if err := im.insertFresh(now); err != nil {
		return err
	}
	for _, i := range im.fresh {
		im.sums.add(&im.audits[i], rows[i].Answers, im.latest[strings.ToUpper(rows[i].FormCode)].Items)
	}
	if err := im.writeAnswers(); err != nil {
		return err
	}
	return log.flush(tx)
}

// insertFresh inserts the new audits (without their answers).
func (im *auditImport) insertFresh(now time.Time) error {
	s, tx, rows, fresh, audits := im.s, im.tx, im.rows, im.fresh, im.audits
	ids, err := s.reserveIDs(tx, "audits", len(fresh))
	if err != nil {
		return err
	}
	byKey := make(map[string]keyedRow, len(fresh))
	for _, i := range fresh {
		byKey[strings.ToLower(rows[i].Audit.Ref)] = keyedRow{line: rows[i].Line, value: rows[i].Audit.Ref}
	}
	if err := s.insertRows(tx, "audits", []string{"id", "ref", "agent_id", "form_id", "audit_date", "channel", "auditor", "notes"},
		len(fresh), func(k int, dst []any) []any {
			au := &audits[fresh[k]]
			au.ID, au.CreatedAt, au.UpdatedAt = ids[k], now, now
			return append(dst, int64(au.ID), au.Ref, int64(au.AgentID), int64(au.FormID), dateValue(au.AuditDate), string(au.Channel),
				au.Auditor, au.Notes)
		}, s.stamps(now)...); err != nil {
		return fmt.Errorf("insert audits: %w", conflict(err, im.src, "audit_ref", byKey))
	}
	return nil
}

// writeAnswers writes the answers of the new and the changed audits, form
// by form: an audit's answers are one row of the writer, its id bound once
// and the item ids written in.
func (im *auditImport) writeAnswers() error {
	s, tx, rows, audits := im.s, im.tx, im.rows, im.audits
	byForm := map[uint][]int{} // form ID → indexes of its audits
	var formOrder []uint
	for _, i := range slices.Concat(im.fresh, im.changed) {
		f := audits[i].FormID
		if _, ok := byForm[f]; !ok {
			formOrder = append(formOrder, f)
		}
		byForm[f] = append(byForm[f], i)
	}
	for _, f := range formOrder {
		items := im.byID[f].Items
		keys := make([]string, len(items))
		for j, it := range items {
			keys[j] = bulk.Int(int64(it.ID))
		}
		w, err := s.newShapedWriter(tx, "audit_results", childShape([3]string{"audit_id", "item_id", "answer"}, keys))
		if err != nil {
			return err
		}
		idx := byForm[f]
		err = w.Write(len(idx), func(k int, dst []any) []any {
			i := idx[k]
			dst = append(dst, int64(audits[i].ID))
			for _, it := range items {
				dst = append(dst, string(rows[i].Answers[it.Code]))
			}
			return dst
		})
		w.Close()
		if err != nil {
			return fmt.Errorf("insert audit results: %w", err)
		}
	}
	return nil
}

// auditHeader checks the item columns of an audits file against the latest
// version of each form its rows name: a missing item column and a column
// that is no item of the form are errors on the header's line.
func auditHeader(src ImportSource, rows []models.AuditRow, latest map[string]models.AuditForm) []models.RowError {
	line := max(src.HeaderLine, 1)
	var errs []models.RowError
	checked := map[string]bool{}
	for _, r := range rows {
		form, ok := latest[strings.ToUpper(r.FormCode)]
		if !ok || checked[form.Code] {
			continue // an unknown form is the row's error
		}
		checked[form.Code] = true
		have := map[string]bool{}
		for _, it := range form.Items {
			have[it.Code] = true
			if _, ok := r.Answers[it.Code]; !ok {
				errs = append(errs, models.Msg("import.err.form_item_missing", map[string]any{"Form": form.Code, "Item": it.Code},
					"form %s has item %s but the file has no column for it", form.Code, it.Code).Row(line, it.Code, ""))
			}
		}
		extra := make([]string, 0, len(r.Answers))
		for code := range r.Answers {
			if !have[code] {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		for _, code := range extra {
			errs = append(errs, models.Msg("import.err.form_no_item", map[string]any{"Form": form.Code, "Item": code},
				"form %s has no item %s", form.Code, code).Row(line, code, code))
		}
	}
	return errs
}

// storedAudit is a stored audit a file row has the ref of, with its
// answers by item id, and what the row changes.
type storedAudit struct {
	models.Audit
	answers map[uint]models.Answer
	changes changes
}

// storedAudits returns the stored audits with the refs of rows, by ref.
func storedAudits(tx *gorm.DB, rows []models.AuditRow) (map[string]storedAudit, error) {
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = r.Audit.Ref
	}
	out := map[string]storedAudit{}
	byID := map[uint]string{}
	var ids []uint
	for start := 0; start < len(refs); start += refBatch {
		var part []models.Audit
		if err := tx.Select("id", "ref", "agent_id", "form_id", "audit_date", "channel", "auditor", "notes").
			Where("ref IN ?", refs[start:min(start+refBatch, len(refs))]).Find(&part).Error; err != nil {
			return nil, fmt.Errorf("read stored audits: %w", err)
		}
		for _, au := range part {
			out[au.Ref] = storedAudit{Audit: au, answers: map[uint]models.Answer{}}
			byID[au.ID] = au.Ref
			ids = append(ids, au.ID)
		}
	}
	for start := 0; start < len(ids); start += refBatch {
		var results []models.AuditResult
		if err := tx.Where("audit_id IN ?", ids[start:min(start+refBatch, len(ids))]).Find(&results).Error; err != nil {
			return nil, fmt.Errorf("read stored audit answers: %w", err)
		}
		for _, r := range results {
			out[byID[r.AuditID]].answers[r.ItemID] = r.Answer
		}
	}
	return out, nil
}

// childShape writes the children of one parent, one a key: cols are the
// parent's id column, the key column and the value column; the parent's id
// and one value a key are bound, the keys (SQL literals) written in. Binding
// is the dearest part of a row, and every child repeats the parent's id.
func childShape(cols [3]string, keys []string) bulk.Shape {
	return bulk.Shape{Cols: cols[:], Params: 1 + len(keys), Tuples: len(keys), Values: func(sb *strings.Builder, p func(j int) string) {
		for j, k := range keys {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(" + p(0) + "," + k + "," + p(1+j) + ")")
		}
	}}
}
