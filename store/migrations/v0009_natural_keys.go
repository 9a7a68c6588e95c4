package migrations

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Migration 0009 gives the two import kinds that had none a unique index on
// their natural key (spec/import-formats.md), so that two imports running
// at once can no longer store the same row twice:
//
//   - reviews: (agent_id, review_date, reviewer), a review without a
//     reviewer counting as reviewer 0;
//   - candidates: lower(email), for candidates with an e-mail.
//
// The other kinds had theirs since 0001 (agents.employee_no, attendance
// (agent_id, date), audits.ref, weekly (agent_id, week_start), job and
// question codes).
//
// Rows already stored twice are handled first. A later copy identical to
// the first of its key (what importing the same file twice left) is
// removed, and the removal written to the audit log (ids only, no personal
// values). Copies that differ, or a candidate copy with interviews or hired,
// are not guessed at: the migration is refused with a message naming them,
// and the database is left as it was.
func init() {
	register(&gormigrate.Migration{
		ID: "0009_natural_keys",
		Migrate: func(tx *gorm.DB) error {
			if err := v9DedupeReviews(tx); err != nil {
				return err
			}
			if err := v9DedupeCandidates(tx); err != nil {
				return err
			}
			for _, q := range []string{
				"CREATE UNIQUE INDEX IF NOT EXISTS ux_review_key ON reviews (agent_id, review_date, COALESCE(reviewer_id, 0))",
				"CREATE UNIQUE INDEX IF NOT EXISTS ux_candidate_email ON candidates (LOWER(email)) WHERE email <> ''",
			} {
				if err := tx.Exec(q).Error; err != nil {
					return fmt.Errorf("migration 0009: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, q := range []string{"DROP INDEX IF EXISTS ux_review_key", "DROP INDEX IF EXISTS ux_candidate_email"} {
				if err := tx.Exec(q).Error; err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// v9Review is a review stored under the same key as another, as read by 0009.
type v9Review struct {
	ID         uint
	EmployeeNo string
	ReviewDate string
	Reviewer   int64
	Period     string
	Comments   string
	Ratings    string // "CODE=n;…" in code order
}

// v9DedupeReviews removes the identical later copies of a review and
// refuses differing ones.
func v9DedupeReviews(tx *gorm.DB) error {
	var dups []v9Review
	if err := tx.Raw(`SELECT r.id, a.employee_no, CAST(r.review_date AS TEXT) AS review_date, COALESCE(r.reviewer_id, 0) AS reviewer,
		COALESCE(r.period, '') AS period, COALESCE(r.comments, '') AS comments
		FROM reviews r JOIN agents a ON a.id = r.agent_id
		WHERE EXISTS (SELECT 1 FROM reviews o WHERE o.agent_id = r.agent_id AND o.review_date = r.review_date
			AND COALESCE(o.reviewer_id, 0) = COALESCE(r.reviewer_id, 0) AND o.id <> r.id)
		ORDER BY a.employee_no, r.review_date, reviewer, r.id`).Scan(&dups).Error; err != nil {
		return fmt.Errorf("migration 0009: find reviews stored twice: %w", err)
	}
	if len(dups) == 0 {
		return nil
	}
	for i := range dups {
		var ratings []struct {
			CompetencyCode string
			Rating         int
		}
		if err := tx.Raw("SELECT competency_code, rating FROM review_ratings WHERE review_id = ? ORDER BY competency_code", dups[i].ID).
			Scan(&ratings).Error; err != nil {
			return fmt.Errorf("migration 0009: read ratings of review #%d: %w", dups[i].ID, err)
		}
		var sb strings.Builder
		for _, r := range ratings {
			fmt.Fprintf(&sb, "%s=%d;", r.CompetencyCode, r.Rating)
		}
		dups[i].Ratings = sb.String()
	}
	var remove []uint
	var differ []string
	for i := 0; i < len(dups); {
		j := i + 1
		first := dups[i]
		for j < len(dups) && dups[j].EmployeeNo == first.EmployeeNo && dups[j].ReviewDate == first.ReviewDate && dups[j].Reviewer == first.Reviewer {
			d := dups[j]
			if d.Period == first.Period && d.Comments == first.Comments && d.Ratings == first.Ratings {
				remove = append(remove, d.ID)
			} else {
				differ = append(differ, fmt.Sprintf("agent %s on %s (reviewer #%d): reviews #%d and #%d differ", first.EmployeeNo,
					v9Day(first.ReviewDate), first.Reviewer, first.ID, d.ID))
			}
			j++
		}
		i = j
	}
	if len(differ) > 0 {
		return fmt.Errorf("migration 0009: %d reviews have the same employee_no, review_date and reviewer as another but different ratings, period or comments, and Sullam cannot tell which one is right: %s; delete the wrong one of each (agent profile, Reviews, Delete) with the previous version of Sullam, then start this version again",
			len(differ), v9List(differ))
	}
	for _, id := range remove {
		for _, q := range []string{"DELETE FROM review_ratings WHERE review_id = ?", "DELETE FROM reviews WHERE id = ?"} {
			if err := tx.Exec(q, id).Error; err != nil {
				return fmt.Errorf("migration 0009: remove the copy review #%d: %w", id, err)
			}
		}
		if err := v9Log(tx, "review", id); err != nil {
			return err
		}
	}
	return nil
}

// v9Candidate is a candidate stored with the same e-mail as another, as read by 0009.
type v9Candidate struct {
	ID              uint
	Email           string
	FullName        string
	Phone           string
	JobID           uint
	AppliedOn       string
	Stage           string
	Education       string
	ExperienceYears string
	Languages       string
	Source          string
	Notes           string
	CVName          string
	CVData          []byte
	AgentID         *uint
	Interviews      int64
}

// same reports whether c holds exactly what first holds, apart from the id.
func (c v9Candidate) same(first v9Candidate) bool {
	return c.FullName == first.FullName && c.Phone == first.Phone && c.JobID == first.JobID && c.AppliedOn == first.AppliedOn &&
		c.Stage == first.Stage && c.Education == first.Education && c.ExperienceYears == first.ExperienceYears &&
		c.Languages == first.Languages && c.Source == first.Source && c.Notes == first.Notes && c.CVName == first.CVName &&
		bytes.Equal(c.CVData, first.CVData)
}

// v9DedupeCandidates removes the identical later copies of a candidate (no
// interview, not hired) and refuses other candidates sharing an e-mail.
func v9DedupeCandidates(tx *gorm.DB) error {
	var dups []v9Candidate
	if err := tx.Raw(`SELECT c.id, LOWER(c.email) AS email, c.full_name, COALESCE(c.phone, '') AS phone, c.job_id,
		CAST(c.applied_on AS TEXT) AS applied_on, c.stage, COALESCE(c.education, '') AS education,
		COALESCE(c.experience_years, '') AS experience_years, COALESCE(c.languages, '') AS languages, COALESCE(c.source, '') AS source,
		COALESCE(c.notes, '') AS notes, COALESCE(c.cv_name, '') AS cv_name, c.cv_data, c.agent_id,
		(SELECT COUNT(*) FROM interviews i WHERE i.candidate_id = c.id) AS interviews
		FROM candidates c
		WHERE c.email <> '' AND EXISTS (SELECT 1 FROM candidates o WHERE LOWER(o.email) = LOWER(c.email) AND o.id <> c.id)
		ORDER BY LOWER(c.email), c.id`).Scan(&dups).Error; err != nil {
		return fmt.Errorf("migration 0009: find candidates stored twice: %w", err)
	}
	var remove []uint
	var differ []string
	for i := 0; i < len(dups); {
		j := i + 1
		first := dups[i]
		for j < len(dups) && dups[j].Email == first.Email {
			d := dups[j]
			if d.same(first) && d.Interviews == 0 && d.AgentID == nil {
				remove = append(remove, d.ID)
			} else {
				// the ids only: an error message may end up in a log
				differ = append(differ, fmt.Sprintf("candidates #%d and #%d", first.ID, d.ID))
			}
			j++
		}
		i = j
	}
	if len(differ) > 0 {
		return fmt.Errorf("migration 0009: %d candidates have the same e-mail (ignoring case) as another but differ from it, or have interviews or were hired: %s; merge or correct them (Recruitment, Candidates) with the previous version of Sullam so that each e-mail belongs to one candidate, then start this version again",
			len(differ), v9List(differ))
	}
	for _, id := range remove {
		for _, q := range []string{"DELETE FROM stage_changes WHERE candidate_id = ?", "DELETE FROM candidates WHERE id = ?"} {
			if err := tx.Exec(q, id).Error; err != nil {
				return fmt.Errorf("migration 0009: remove the copy candidate #%d: %w", id, err)
			}
		}
		if err := v9Log(tx, "candidate", id); err != nil {
			return err
		}
	}
	return nil
}

// v9Log writes the removal of a copy to the audit log (the id only).
func v9Log(tx *gorm.DB, entity string, id uint) error {
	if err := tx.Exec("INSERT INTO audit_logs (at, username, action, entity, entity_key, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
		time.Now().UTC(), "migration 0009", "delete", entity, fmt.Sprintf("#%d", id),
		fmt.Sprintf(`{"id":%d}`, id), `{"reason":"an identical copy stored twice under the same natural key"}`).Error; err != nil {
		return fmt.Errorf("migration 0009: log the removal of %s #%d: %w", entity, id, err)
	}
	return nil
}

// v9Day is the date part of a date read as text ("2024-03-01" or a timestamp).
func v9Day(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// v9List joins the first ten items, and says how many more there are.
func v9List(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:10], "; ") + fmt.Sprintf("; and %d more", len(items)-10)
}
