package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
)

// AuditFormSummary is one version of an audit form with how many audits use
// it and whether it is the latest version of its code.
type AuditFormSummary struct {
	models.AuditForm
	// Audits is the number of audits entered on this version.
	Audits int64
	// Latest marks the newest version of the form's code.
	Latest bool
}

// requireForms checks that the actor may read audit forms: Quality, who
// manages them and enters audits.
func (s *Store) requireForms(a Actor) error {
	if err := s.checkSession(a); err != nil {
		return err
	}
	if a.Can(OpManageAuditForms) || a.Can(OpEnterAudits) {
		return nil
	}
	return s.deny(a, OpManageAuditForms, "")
}

// ListAuditForms lists every version of every audit form with its items,
// by code then version, with the number of audits using each.
func (wk *Work) ListAuditForms(ctx context.Context, a Actor) ([]AuditFormSummary, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.requireForms(a); err != nil {
		return nil, err
	}
	byID, latest, err := s.loadForms(s.db)
	if err != nil {
		return nil, err
	}
	type count struct {
		FormID uint
		N      int64
	}
	var counts []count
	if err := s.db.Model(&models.Audit{}).Select("form_id, COUNT(*) AS n").Group("form_id").Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("count audits per form: %w", err)
	}
	used := map[uint]int64{}
	for _, c := range counts {
		used[c.FormID] = c.N
	}
	out := make([]AuditFormSummary, 0, len(byID))
	for _, f := range byID {
		out = append(out, AuditFormSummary{AuditForm: f, Audits: used[f.ID], Latest: latest[strings.ToUpper(f.Code)].ID == f.ID})
	}
	slices.SortFunc(out, func(x, y AuditFormSummary) int {
		return cmp.Or(cmp.Compare(x.Code, y.Code), cmp.Compare(x.FormVer, y.FormVer))
	})
	return out, nil
}

// LatestForms returns the latest version of each audit form, with its items
// in order: the forms new audits are entered on.
func (wk *Work) LatestForms(ctx context.Context, a Actor) ([]models.AuditForm, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.requireForms(a); err != nil {
		return nil, err
	}
	_, latest, err := s.loadForms(s.db)
	if err != nil {
		return nil, err
	}
	out := make([]models.AuditForm, 0, len(latest))
	for _, f := range latest {
		out = append(out, f)
	}
	slices.SortFunc(out, func(x, y models.AuditForm) int { return cmp.Compare(x.Code, y.Code) })
	return out, nil
}

// AuditFormByID returns one version of an audit form with its items in order.
func (wk *Work) AuditFormByID(ctx context.Context, a Actor, id uint) (models.AuditForm, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.requireForms(a); err != nil {
		return models.AuditForm{}, err
	}
	var f models.AuditForm
	if err := s.db.Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("sort, id") }).First(&f, id).Error; err != nil {
		return models.AuditForm{}, fmt.Errorf("audit form #%d: %w", id, translate(err))
	}
	return f, nil
}

// validateForm trims and checks a form: a code, a name, at least one item,
// unique item codes, positive weights, a text per item. A name or text given
// in one language only is used for both. Items are renumbered in order.
func validateForm(f *models.AuditForm) error {
	f.Code = strings.ToUpper(strings.TrimSpace(f.Code))
	f.NameAr, f.NameEn = bothLanguages(f.NameAr, f.NameEn)
	switch {
	case f.Code == "":
		return models.Invalid("error.form_code_required", nil, "the form code is required")
	case len(f.Code) > 32:
		return models.Invalid("error.form_code_long", map[string]any{"Code": f.Code}, "form code %q is longer than 32 characters", f.Code)
	case f.NameAr == "":
		return models.Invalid("error.form_name_required", map[string]any{"Code": f.Code}, "form %s: a name is required", f.Code)
	case len(f.Items) == 0:
		return models.Invalid("error.form_items_required", map[string]any{"Code": f.Code}, "form %s: at least one item is required", f.Code)
	}
	seen := map[string]bool{}
	for i := range f.Items {
		it := &f.Items[i]
		it.Code = strings.ToUpper(strings.TrimSpace(it.Code))
		it.TextAr, it.TextEn = bothLanguages(it.TextAr, it.TextEn)
		it.Sort = i + 1
		switch {
		case it.Code == "":
			return models.Invalid("error.item_code_required", map[string]any{"Code": f.Code, "Item": i + 1}, "form %s, item %d: the item code is required", f.Code, i+1)
		case len(it.Code) > 32:
			return models.Invalid("error.item_code_long", map[string]any{"Code": f.Code, "Item": it.Code}, "form %s, item %s: code longer than 32 characters", f.Code, it.Code)
		case seen[it.Code]:
			return models.Invalid("error.item_code_twice", map[string]any{"Code": f.Code, "Item": it.Code}, "form %s: item code %s is used twice", f.Code, it.Code)
		case it.Weight <= 0:
			return models.Invalid("error.item_weight", map[string]any{"Code": f.Code, "Item": it.Code, "Weight": it.Weight}, "form %s, item %s: weight %d must be greater than 0", f.Code, it.Code, it.Weight)
		case it.TextAr == "":
			return models.Invalid("error.item_text_required", map[string]any{"Code": f.Code, "Item": it.Code}, "form %s, item %s: the item text is required", f.Code, it.Code)
		}
		seen[it.Code] = true
	}
	return nil
}

// bothLanguages trims an Arabic/English pair and fills an empty side with the other.
func bothLanguages(ar, en string) (string, string) {
	ar, en = strings.TrimSpace(ar), strings.TrimSpace(en)
	if ar == "" {
		ar = en
	}
	if en == "" {
		en = ar
	}
	return ar, en
}

// formView is what the audit log records of a form version.
func formView(f models.AuditForm) map[string]any {
	items := make([]map[string]any, len(f.Items))
	for i, it := range f.Items {
		items[i] = map[string]any{"code": it.Code, "text_ar": it.TextAr, "text_en": it.TextEn, "weight": it.Weight, "critical": it.Critical}
	}
	return map[string]any{"code": f.Code, "version": f.FormVer, "name_ar": f.NameAr, "name_en": f.NameEn, "items": items}
}

// SaveAuditForm creates a form (ID 0, version 1) or saves an edit of the
// version f.ID at f.Version. An edit must start from the latest version of
// its code as read (otherwise ErrStale). When audits already use that version, the edit is
// stored as a NEW version (same code, FormVer+1) and the old version and its
// audits stay as they were; an unused version is updated in place. Quality only.
func (wk *Work) SaveAuditForm(ctx context.Context, a Actor, f models.AuditForm) (models.AuditForm, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageAuditForms); err != nil {
		return models.AuditForm{}, err
	}
	if err := validateForm(&f); err != nil {
		return models.AuditForm{}, fmt.Errorf("save audit form: %w", err)
	}
	items := make([]models.AuditFormItem, len(f.Items))
	for i, it := range f.Items {
		items[i] = models.AuditFormItem{Code: it.Code, TextAr: it.TextAr, TextEn: it.TextEn, Weight: it.Weight, Critical: it.Critical, Sort: it.Sort}
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var maxVer int
		if err := tx.Model(&models.AuditForm{}).Where("UPPER(code) = ?", f.Code).Select("COALESCE(MAX(form_ver), 0)").Scan(&maxVer).Error; err != nil {
			return err
		}
		if f.ID == 0 {
			if maxVer > 0 {
				return fmt.Errorf("form code %s: %w", f.Code, models.ErrAlreadyExists)
			}
			return s.insertFormVersion(tx, a, &f, items, 1, "create", nil)
		}
		var old models.AuditForm
		if err := tx.Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("sort, id") }).First(&old, f.ID).Error; err != nil {
			return translate(err)
		}
		if !strings.EqualFold(old.Code, f.Code) {
			return fmt.Errorf("the code of form %s cannot change to %s: %w", old.Code, f.Code, models.ErrInvalid)
		}
		if old.FormVer != maxVer || old.Version != f.Version {
			return fmt.Errorf("form %s version %d is no longer the latest (%d): %w", old.Code, old.FormVer, maxVer, models.ErrStale)
		}
		var used int64
		if err := tx.Model(&models.Audit{}).Where("form_id = ?", old.ID).Count(&used).Error; err != nil {
			return err
		}
		if used > 0 {
			return s.insertFormVersion(tx, a, &f, items, maxVer+1, "new_version", formView(old))
		}
		res := tx.Model(&models.AuditForm{}).Where("id = ? AND version = ?", old.ID, f.Version).
			Updates(map[string]any{"name_ar": f.NameAr, "name_en": f.NameEn, "version": f.Version + 1})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		if err := tx.Where("form_id = ?", old.ID).Delete(&models.AuditFormItem{}).Error; err != nil {
			return translate(err)
		}
		for i := range items {
			items[i].FormID = old.ID
		}
		if err := tx.Omit(clause.Associations).Create(&items).Error; err != nil {
			return translate(err)
		}
		f.ID, f.Code, f.FormVer, f.CreatedAt, f.Items, f.Version = old.ID, old.Code, old.FormVer, old.CreatedAt, items, f.Version+1
		return s.logChange(tx, a, "update", "audit_form", fmt.Sprintf("%s/v%d", f.Code, f.FormVer), formView(old), formView(f))
	})
	if err != nil {
		return models.AuditForm{}, fmt.Errorf("save audit form %s: %w", f.Code, err)
	}
	return f, nil
}

// insertFormVersion inserts f with its items as version ver.
func (s *Store) insertFormVersion(tx *gorm.DB, a Actor, f *models.AuditForm, items []models.AuditFormItem, ver int, action string, old any) error {
	row := models.AuditForm{Code: f.Code, FormVer: ver, NameAr: f.NameAr, NameEn: f.NameEn, Version: 1}
	if err := tx.Omit(clause.Associations).Create(&row).Error; err != nil {
		return translate(err)
	}
	for i := range items {
		items[i].FormID = row.ID
	}
	if err := tx.Omit(clause.Associations).Create(&items).Error; err != nil {
		return translate(err)
	}
	row.Items = items
	*f = row
	return s.logChange(tx, a, action, "audit_form", fmt.Sprintf("%s/v%d", f.Code, f.FormVer), old, formView(*f))
}
