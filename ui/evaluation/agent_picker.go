package evaluation

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"sullam/models"
)

// The agent picker of the work screens: an entry completing an employee
// number or name (moved verbatim from audits.go).

// agentPicker is a searchable select of agents: typing narrows the options
// to the agents whose number or name contains the text.
type agentPicker struct {
	entry   *widget.SelectEntry
	labels  []string
	byLabel map[string]models.Agent
	pick    *models.Agent
	onPick  func(*models.Agent)
}

func newAgentPicker(placeholder string, onPick func(*models.Agent)) *agentPicker {
	p := &agentPicker{byLabel: map[string]models.Agent{}, onPick: onPick}
	p.entry = widget.NewSelectEntry(nil)
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = p.onChanged
	return p
}

func agentLabel(ag models.Agent) string { return ag.EmployeeNo + " — " + ag.FullName }

func (p *agentPicker) setAgents(agents []models.Agent) {
	p.labels = make([]string, len(agents))
	p.byLabel = map[string]models.Agent{}
	for i, ag := range agents {
		p.labels[i] = agentLabel(ag)
		p.byLabel[p.labels[i]] = ag
	}
	p.entry.SetOptions(p.labels)
}

func (p *agentPicker) onChanged(text string) {
	p.pick = nil
	if ag, ok := p.byLabel[text]; ok {
		p.pick = &ag
	} else {
		q := strings.ToLower(strings.TrimSpace(models.LatinDigits(text)))
		var opts []string
		for _, l := range p.labels {
			if q == "" || strings.Contains(strings.ToLower(l), q) {
				opts = append(opts, l)
			}
		}
		p.entry.SetOptions(opts)
	}
	if p.onPick != nil {
		p.onPick(p.pick)
	}
}

// selected returns the chosen agent, nil when none.
func (p *agentPicker) selected() *models.Agent { return p.pick }

// choose selects an agent by ID (tests and defaults).
func (p *agentPicker) choose(id uint) {
	for _, l := range p.labels {
		if p.byLabel[l].ID == id {
			p.entry.SetText(l)
			return
		}
	}
}
