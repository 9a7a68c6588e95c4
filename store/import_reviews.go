package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sullam/internal/bulk"
	"sullam/models"
)

// reviewKey is a review's natural key: the agent, the date and the reviewer
// (0: none).
type reviewKey struct {
	agentID  uint
	date     models.Date
	reviewer uint
}

// storedReview is what a reviews import compares a file row with.
type storedReview struct {
	id       uint
	period   string
	comments string
	ratings  map[string]int
}

// storedReviews returns the reviews of agents by key, with their ratings.
func (s *Store) storedReviews(tx *gorm.DB, agents []uint) (map[reviewKey]*storedReview, error) {
	out := map[reviewKey]*storedReview{}
	byID := map[uint]*storedReview{}
	var ids []uint
	for start := 0; start < len(agents); start += refBatch {
		rows, err := tx.Raw("SELECT id, agent_id, "+s.dateText("review_date")+", COALESCE(reviewer_id, 0), COALESCE(period, ''), COALESCE(comments, '') FROM reviews WHERE agent_id IN ?",
			agents[start:min(start+refBatch, len(agents))]).Rows()
		if err != nil {
			return nil, fmt.Errorf("read stored reviews: %w", err)
		}
		for rows.Next() {
			var (
				k    reviewKey
				day  sql.RawBytes
				r    storedReview
				revw int64
			)
			if err = rows.Scan(&r.id, &k.agentID, &day, &revw, &r.period, &r.comments); err != nil {
				break
			}
			if k.date, err = parseDateBytes(day); err != nil {
				break
			}
			k.reviewer = uint(revw)
			r.ratings = map[string]int{}
			out[k] = &r
			byID[r.id] = &r
			ids = append(ids, r.id)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return nil, fmt.Errorf("read stored reviews: %w", err)
		}
	}
	for start := 0; start < len(ids); start += refBatch {
		var ratings []models.ReviewRating
		if err := tx.Where("review_id IN ?", ids[start:min(start+refBatch, len(ids))]).Find(&ratings).Error; err != nil {
			return nil, fmt.Errorf("read stored review ratings: %w", err)
		}
		for _, r := range ratings {
			byID[r.ReviewID].ratings[r.CompetencyCode] = r.Rating
		}
	}
	return out, nil
}

// ImportReviews imports supervisor reviews (a supervisor, for their team),
// keyed by employee_no, review_date and reviewer_no (the importing
// supervisor when the file leaves it empty): a stored review equal to the
// file's row is unchanged, a changed one is updated in place (its ratings
// replaced, so a corrected rating changes the supervisor score rather than
// adding a second review to average), a new one is inserted. A row that
// would change a finalized year refuses the file.
func (s *Store) ImportReviews(a Actor, src ImportSource, rows []models.ReviewRow) (models.ImportResult, error) {
	if err := s.require(a, OpWriteReview); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindReviews); err != nil {
			return err
		}
		im := &reviewImport{s: s, tx: tx, a: a, rows: rows}
		var err error
		if im.idx, err = s.agentIndex(tx); err != nil {
			return err
		}
		if err := tx.Where("active = ?", true).Order("sort").Find(&im.comps).Error; err != nil {
			return fmt.Errorf("read competencies: %w", err)
		}
		// the header first and alone (spec "Header problems are reported
		// first and alone"), on its line: a column per active competency,
		// and no other
		if errs := reviewHeader(src, rows, im.comps); len(errs) > 0 {
			return importFail(src, errs)
		}
		if im.fin, err = s.finalizedYears(tx); err != nil {
			return err
		}
		errs := im.resolve()
		errs = append(errs, im.duplicates()...)
		if im.stored, err = s.storedReviews(tx, im.agents); err != nil {
			return err
		}
		errs = append(errs, im.classify(&res)...)
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		// the agent-years of the new and the changed reviews (a review's
		// agent and date are its key: a change keeps them): those without
		// a stored review (read before the insert) summarised from the
		// new reviews, the others refreshed from the raw reviews
		sums := s.newReviewFresh()
		keys := make([]agentYear, 0, len(im.fresh))
		for _, i := range im.fresh {
			keys = append(keys, agentYear{im.reviews[i].AgentID, im.reviews[i].ReviewDate.Year})
		}
		if err := sums.classify(tx, keys); err != nil {
			return err
		}
		for _, i := range im.changed {
			sums.stored(agentYear{im.reviews[i].AgentID, im.reviews[i].ReviewDate.Year})
		}
		if err := s.insertReviews(tx, src, rows, im.reviews, im.keys, im.fresh, im.comps); err != nil {
			return err
		}
		if err := im.updateChanged(); err != nil {
			return err
		}
		codes := make([]string, len(im.comps))
		for j, c := range im.comps {
			codes[j] = c.Code
		}
		slices.Sort(codes)
		for _, i := range im.fresh {
			sums.add(&im.reviews[i], rows[i].Ratings, codes)
		}
		if err := sums.write(tx); err != nil {
			return err
		}
		res.Inserted, res.Updated = len(im.fresh), len(im.changed)
		return s.finishImport(tx, a, models.KindReviews, src, res, len(rows))
	})
	return res, err
}

// reviewImport is one reviews file being imported, step by step.
type reviewImport struct {
	s      *Store
	tx     *gorm.DB
	a      Actor
	rows   []models.ReviewRow
	idx    map[string]models.Agent
	comps  []models.Competency
	fin    map[agentYear]bool
	stored map[reviewKey]*storedReview
	// made by resolve: each row's review and key, the agents named
	reviews []models.Review
	keys    []reviewKey
	agents  []uint
	// made by classify: the rows to insert and to update, with what each
	// update changes and the stored review it changes
	fresh, changed []int
	diffs          []changes
	olds           []*storedReview
}

// reviewHeader checks the competency columns of a reviews file: a column
// per active competency, and no other; the errors are on the header's line.
func reviewHeader(src ImportSource, rows []models.ReviewRow, comps []models.Competency) []models.RowError {
	var errs []models.RowError
	if len(rows) > 0 {
		line := max(src.HeaderLine, 1)
		have := map[string]bool{}
		for _, c := range comps {
			have[c.Code] = true
			if _, ok := rows[0].Ratings[c.Code]; !ok {
				errs = append(errs, models.Msg("import.err.competency_missing", nil, "the file has no column for this competency").Row(line, c.Code, ""))
			}
		}
		extra := make([]string, 0, len(rows[0].Ratings))
		for code := range rows[0].Ratings {
			if !have[code] {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		for _, code := range extra {
			errs = append(errs, models.Msg("import.err.not_competency", nil, "not a competency of the review form").Row(line, code, code))
		}
	}
	return errs
}

// resolve resolves each row's agent and reviewer into its review and key
// (agent 0 when unresolved), returning the rows' errors.
func (im *reviewImport) resolve() []models.RowError {
	var errs []models.RowError
	a, rows := im.a, im.rows
	im.reviews = make([]models.Review, len(rows))
	im.keys = make([]reviewKey, len(rows))
	seenAgent := map[uint]bool{}
	for i, r := range rows {
		ag, ok := lookupAgent(im.idx, r.EmployeeNo, r.Line, "employee_no", &errs)
		if ok && !a.CanOnAgent(OpWriteReview, &ag) {
			errs = append(errs, reasonNotYourTeam.Row(r.Line, "employee_no", r.EmployeeNo))
		}
		rv := r.Review
		rv.ID = 0
		rv.AgentID = ag.ID
		rv.Version = 1
		rv.Ratings = nil
		if r.ReviewerNo != "" {
			if rev, ok := lookupAgent(im.idx, r.ReviewerNo, r.Line, "reviewer_no", &errs); ok {
				id := rev.ID
				rv.ReviewerID = &id
			}
		} else if a.AgentID != nil {
			rv.ReviewerID = a.AgentID
		}
		im.reviews[i] = rv
		im.keys[i] = reviewKey{agentID: ag.ID, date: rv.ReviewDate}
		if rv.ReviewerID != nil {
			im.keys[i].reviewer = *rv.ReviewerID
		}
		if ok && !seenAgent[ag.ID] {
			seenAgent[ag.ID] = true
			im.agents = append(im.agents, ag.ID)
		}
	}
	return errs
}

// duplicates reports the same key twice in one file (the reader cannot
// tell: the reviewer of an empty reviewer_no is the importing supervisor).
func (im *reviewImport) duplicates() []models.RowError {
	var errs []models.RowError
	first := map[reviewKey]int{}
	for i, r := range im.rows {
		if im.keys[i].agentID == 0 {
			continue
		}
		if line, ok := first[im.keys[i]]; ok {
			errs = append(errs, models.Msg("import.err.duplicate", map[string]any{"Line": line, "Columns": models.Columns{"employee_no", "review_date", "reviewer_no"}},
				"duplicate: line %d has the same employee_no, review_date and reviewer_no", line).Row(r.Line, "review_date", r.Review.ReviewDate.String()))
			continue
		}
		first[im.keys[i]] = r.Line
	}
	return errs
}

// classify sorts the resolved rows into new, changed and unchanged
// (counted in res) against the stored reviews, returning the rows that
// would change a finalized year.
func (im *reviewImport) classify(res *models.ImportResult) []models.RowError {
	var errs []models.RowError
	keys, rows := im.keys, im.rows
	im.olds = make([]*storedReview, len(rows))
	for i, r := range rows {
		if keys[i].agentID == 0 {
			continue
		}
		old, ok := im.stored[keys[i]]
		if !ok && r.ReviewerNo == "" && keys[i].reviewer != 0 {
			// a review imported without a reviewer by someone who is no agent
			if old, ok = im.stored[reviewKey{keys[i].agentID, keys[i].date, 0}]; ok {
				keys[i].reviewer = 0
				im.reviews[i].ReviewerID = nil
			}
		}
		var c changes
		if ok {
			c.add("period", old.period, r.Review.Period)
			c.add("comments", old.comments, r.Review.Comments)
			for _, comp := range im.comps {
				c.add(comp.Code, old.ratings[comp.Code], r.Ratings[comp.Code])
			}
			if len(c) == 0 {
				res.Unchanged++
				continue
			}
		}
		if y := r.Review.ReviewDate.Year; im.fin[agentYear{keys[i].agentID, y}] {
			errs = append(errs, finalizedRow(r.Line, "review_date", r.Review.ReviewDate.String(), r.EmployeeNo, y))
			continue
		}
		if ok {
			im.olds[i] = old
			im.changed = append(im.changed, i)
			im.diffs = append(im.diffs, c)
		} else {
			im.fresh = append(im.fresh, i)
		}
	}
	return errs
}

// updateChanged updates the changed reviews: their period and comments,
// their ratings replaced, each change logged.
func (im *reviewImport) updateChanged() error {
	s, tx, rows, comps := im.s, im.tx, im.rows, im.comps
	log := &updateLog{s: s, a: im.a}
	now := s.now().UTC()
	codes := make([]string, len(comps))
	for j, c := range comps {
		codes[j] = c.Code
	}
	for k, i := range im.changed {
		r, id := rows[i], im.olds[i].id
		if err := tx.Model(&models.Review{}).Where("id = ?", id).Updates(map[string]any{"period": r.Review.Period, "comments": r.Review.Comments,
			"version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
			return fmt.Errorf("line %d: update review: %w", r.Line, translate(err))
		}
		if err := tx.Where("review_id = ? AND competency_code IN ?", id, codes).Delete(&models.ReviewRating{}).Error; err != nil {
			return fmt.Errorf("line %d: update review ratings: %w", r.Line, translate(err))
		}
		ratings := make([]models.ReviewRating, len(comps))
		for j, c := range comps {
			ratings[j] = models.ReviewRating{ReviewID: id, CompetencyCode: c.Code, Rating: r.Ratings[c.Code]}
		}
		if err := tx.Create(&ratings).Error; err != nil {
			return fmt.Errorf("line %d: update review ratings: %w", r.Line, translate(err))
		}
		log.add("review", fmt.Sprintf("%s/%s", r.EmployeeNo, r.Review.ReviewDate), r.Line, im.diffs[k])
	}
	return log.flush(tx)
}

// insertReviews inserts the reviews of rows at indexes fresh, with their
// ratings, in bulk. A review another import stored meanwhile is reported as
// a conflict naming its line.
func (s *Store) insertReviews(tx *gorm.DB, src ImportSource, rows []models.ReviewRow, reviews []models.Review, keys []reviewKey, fresh []int, comps []models.Competency) error {
	if len(fresh) == 0 {
		return nil
	}
	ids, err := s.reserveIDs(tx, "reviews", len(fresh))
	if err != nil {
		return err
	}
	byKey := make(map[string]keyedRow, len(fresh))
	for _, i := range fresh {
		k := keys[i]
		value := []string{rows[i].EmployeeNo, rows[i].Review.ReviewDate.String()}
		if rows[i].ReviewerNo != "" {
			value = append(value, rows[i].ReviewerNo)
		}
		byKey[strconv.FormatUint(uint64(k.agentID), 10)+", "+isoDate(k.date)+", "+strconv.FormatUint(uint64(k.reviewer), 10)] = keyedRow{
			line: rows[i].Line, value: strings.Join(value, " / ")}
	}
	now := s.now().UTC()
	if err := s.insertRows(tx, "reviews", []string{"id", "agent_id", "review_date", "period", "reviewer_id", "comments"},
		len(fresh), func(k int, dst []any) []any {
			rv := &reviews[fresh[k]]
			rv.ID, rv.CreatedAt, rv.UpdatedAt = ids[k], now, now
			return append(dst, int64(rv.ID), int64(rv.AgentID), dateValue(rv.ReviewDate), rv.Period, uintPtr(rv.ReviewerID), rv.Comments)
		}, s.stamps(now)...); err != nil {
		return fmt.Errorf("insert reviews: %w", conflict(err, src, "employee_no+review_date+reviewer_no", byKey))
	}
	// the ratings: a review's ratings are one row of the writer
	lits := make([]string, len(comps))
	for j, c := range comps {
		lits[j] = bulk.Text(c.Code)
	}
	w, err := s.newShapedWriter(tx, "review_ratings", childShape([3]string{"review_id", "competency_code", "rating"}, lits))
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Write(len(fresh), func(k int, dst []any) []any {
		i := fresh[k]
		dst = append(dst, int64(reviews[i].ID))
		for _, c := range comps {
			dst = append(dst, int64(rows[i].Ratings[c.Code]))
		}
		return dst
	}); err != nil {
		return fmt.Errorf("insert review ratings: %w", err)
	}
	return nil
}
