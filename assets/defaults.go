package assets

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// defaultsFS holds the default content seeded into a new database. The texts
// come from the Arabic source documents in the shared seeds folder (job
// descriptions, interview questions, service fundamentals, career ladder) and
// from spec/scoring.md (audit form CS-STD-1, supervisor competencies).
//
//go:embed defaults/*.json
var defaultsFS embed.FS

// Job is a default job description. List fields hold one item per entry.
type Job struct {
	Code               string   `json:"code"`
	TitleAr            string   `json:"title_ar"`
	TitleEn            string   `json:"title_en"`
	LadderRole         string   `json:"ladder_role"`
	LocationAr         string   `json:"location_ar"`
	LocationEn         string   `json:"location_en"`
	PurposeAr          string   `json:"purpose_ar"`
	PurposeEn          string   `json:"purpose_en"`
	ResponsibilitiesAr []string `json:"responsibilities_ar"`
	ResponsibilitiesEn []string `json:"responsibilities_en"`
	QualificationsAr   []string `json:"qualifications_ar"`
	QualificationsEn   []string `json:"qualifications_en"`
	SkillsAr           []string `json:"skills_ar"`
	SkillsEn           []string `json:"skills_en"`
}

// QuestionCategory is a category of the default interview question bank.
// Categories are listed in display order.
type QuestionCategory struct {
	Code   string `json:"code"`
	NameAr string `json:"name_ar"`
	NameEn string `json:"name_en"`
}

// Question is a default interview question with its scoring guide: what a
// poor (1), acceptable (3) and excellent (5) answer looks like.
type Question struct {
	Code       string `json:"code"`
	Category   string `json:"category"`
	TextAr     string `json:"text_ar"`
	TextEn     string `json:"text_en"`
	Competency string `json:"competency"`
	Guide1Ar   string `json:"guide_1_ar"`
	Guide1En   string `json:"guide_1_en"`
	Guide3Ar   string `json:"guide_3_ar"`
	Guide3En   string `json:"guide_3_en"`
	Guide5Ar   string `json:"guide_5_ar"`
	Guide5En   string `json:"guide_5_en"`
}

// Competency is what an interview question assesses, taken from the tips for
// interviewers; the description tells the interviewer what to look for.
type Competency struct {
	Code          string `json:"code"`
	NameAr        string `json:"name_ar"`
	NameEn        string `json:"name_en"`
	DescriptionAr string `json:"description_ar"`
	DescriptionEn string `json:"description_en"`
}

// AuditFormDef is the default quality audit form (spec/scoring.md §2).
type AuditFormDef struct {
	Code    string         `json:"code"`
	Version int            `json:"version"`
	NameAr  string         `json:"name_ar"`
	NameEn  string         `json:"name_en"`
	Items   []AuditItemDef `json:"items"`
}

// AuditItemDef is one item of the default audit form, in display order.
type AuditItemDef struct {
	Code     string `json:"code"`
	TextAr   string `json:"text_ar"`
	TextEn   string `json:"text_en"`
	Weight   int    `json:"weight"`
	Critical bool   `json:"critical"`
}

// SupervisorCompetency is a competency a supervisor rates in a review
// (spec/scoring.md §4), in display order.
type SupervisorCompetency struct {
	Code          string `json:"code"`
	NameAr        string `json:"name_ar"`
	NameEn        string `json:"name_en"`
	DescriptionAr string `json:"description_ar"`
	DescriptionEn string `json:"description_en"`
	Weight        int    `json:"weight"`
}

// LadderStep is one role of the career ladder. Next is the code of the role
// above it, empty at the top.
type LadderStep struct {
	Code          string `json:"code"`
	NameAr        string `json:"name_ar"`
	NameEn        string `json:"name_en"`
	DescriptionAr string `json:"description_ar"`
	DescriptionEn string `json:"description_en"`
	Rank          int    `json:"rank"`
	Next          string `json:"next"`
}

// Content is all the default content, as returned by Defaults.
type Content struct {
	Jobs                   []Job
	Categories             []QuestionCategory
	Questions              []Question
	InterviewCompetencies  []Competency
	AuditForm              AuditFormDef
	SupervisorCompetencies []SupervisorCompetency
	Ladder                 []LadderStep
}

// Defaults parses and checks the embedded default content. Each call returns
// a fresh copy the caller may modify.
func Defaults() (Content, error) {
	var (
		c    Content
		jobs struct {
			Jobs []Job `json:"jobs"`
		}
		bank struct {
			Categories   []QuestionCategory `json:"categories"`
			Competencies []Competency       `json:"competencies"`
			Questions    []Question         `json:"questions"`
		}
		comps struct {
			Competencies []SupervisorCompetency `json:"competencies"`
		}
		ladder struct {
			Ladder []LadderStep `json:"ladder"`
		}
	)
	for _, f := range []struct {
		name string
		dst  any
	}{
		{"jobs.json", &jobs},
		{"questions.json", &bank},
		{"audit_form.json", &c.AuditForm},
		{"competencies.json", &comps},
		{"ladder.json", &ladder},
	} {
		if err := decodeDefaultsFile(f.name, f.dst); err != nil {
			return Content{}, err
		}
	}
	c.Jobs = jobs.Jobs
	c.Categories = bank.Categories
	c.InterviewCompetencies = bank.Competencies
	c.Questions = bank.Questions
	c.SupervisorCompetencies = comps.Competencies
	c.Ladder = ladder.Ladder
	if err := c.check(); err != nil {
		return Content{}, fmt.Errorf("check default content: %w", err)
	}
	return c, nil
}

// decodeDefaultsFile strictly decodes one embedded defaults file into dst.
func decodeDefaultsFile(name string, dst any) error {
	data, err := defaultsFS.ReadFile("defaults/" + name)
	if err != nil {
		return fmt.Errorf("read default content %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("decode default content %s: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("decode default content %s: trailing data after the JSON value", name)
	}
	return nil
}

// check verifies that codes are unique and every reference resolves: job
// ladder roles, question categories and competencies, and the ladder chain.
func (c Content) check() error {
	ladder := make(map[string]bool, len(c.Ladder))
	for _, s := range c.Ladder {
		if s.Code == "" || ladder[s.Code] {
			return fmt.Errorf("ladder step %q: empty or duplicate code", s.Code)
		}
		ladder[s.Code] = true
	}
	for _, s := range c.Ladder {
		if s.Next != "" && !ladder[s.Next] {
			return fmt.Errorf("ladder step %s: unknown next step %q", s.Code, s.Next)
		}
	}
	jobs := make(map[string]bool, len(c.Jobs))
	for _, j := range c.Jobs {
		if j.Code == "" || jobs[j.Code] {
			return fmt.Errorf("job %q: empty or duplicate code", j.Code)
		}
		jobs[j.Code] = true
		if !ladder[j.LadderRole] {
			return fmt.Errorf("job %s: unknown ladder role %q", j.Code, j.LadderRole)
		}
	}
	categories := make(map[string]bool, len(c.Categories))
	for _, cat := range c.Categories {
		if cat.Code == "" || categories[cat.Code] {
			return fmt.Errorf("question category %q: empty or duplicate code", cat.Code)
		}
		categories[cat.Code] = true
	}
	competencies := make(map[string]bool, len(c.InterviewCompetencies))
	for _, comp := range c.InterviewCompetencies {
		if comp.Code == "" || competencies[comp.Code] {
			return fmt.Errorf("interview competency %q: empty or duplicate code", comp.Code)
		}
		competencies[comp.Code] = true
	}
	questions := make(map[string]bool, len(c.Questions))
	for _, q := range c.Questions {
		if q.Code == "" || questions[q.Code] {
			return fmt.Errorf("question %q: empty or duplicate code", q.Code)
		}
		questions[q.Code] = true
		if !categories[q.Category] {
			return fmt.Errorf("question %s: unknown category %q", q.Code, q.Category)
		}
		if !competencies[q.Competency] {
			return fmt.Errorf("question %s: unknown competency %q", q.Code, q.Competency)
		}
	}
	items := make(map[string]bool, len(c.AuditForm.Items))
	for _, it := range c.AuditForm.Items {
		if it.Code == "" || items[it.Code] {
			return fmt.Errorf("audit form %s item %q: empty or duplicate code", c.AuditForm.Code, it.Code)
		}
		items[it.Code] = true
		if it.Weight <= 0 {
			return fmt.Errorf("audit form %s item %s: weight %d is not positive", c.AuditForm.Code, it.Code, it.Weight)
		}
	}
	supervisor := make(map[string]bool, len(c.SupervisorCompetencies))
	for _, comp := range c.SupervisorCompetencies {
		if comp.Code == "" || supervisor[comp.Code] {
			return fmt.Errorf("supervisor competency %q: empty or duplicate code", comp.Code)
		}
		supervisor[comp.Code] = true
		if comp.Weight <= 0 {
			return fmt.Errorf("supervisor competency %s: weight %d is not positive", comp.Code, comp.Weight)
		}
	}
	return nil
}
