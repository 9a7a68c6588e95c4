package store

import (
	"fmt"
	"reflect"
	"testing"

	"sullam/models"
)

// Rule (issue 17): the agent index every import resolves employee numbers
// with, now scanned by hand, holds for every agent exactly the fields
// GORM's read of the same columns gives: supervisors and none, teams and
// none, each role start date.
func TestAgentIndexAsGORMReadsIt(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			rows := make([]models.AgentRow, 40)
			for i := range rows {
				team := fmt.Sprintf("T%d", i%3)
				if i%5 == 0 {
					team = ""
				}
				rows[i] = models.AgentRow{Agent: models.Agent{EmployeeNo: fmt.Sprintf("IX-%03d", i+1), FullName: fmt.Sprintf("وكيل %d", i+1),
					HireDate: models.MustDate("2019-03-10").AddDays(i), Role: "csr", RoleStartDate: models.MustDate("2020-01-05").AddDays(7 * i),
					Team: team, Status: models.Active}, Present: map[string]bool{"supervisor_no": true}}
				if i > 0 && i%4 != 0 {
					rows[i].SupervisorNo = "IX-001"
				}
			}
			if _, err := s.ImportAgents(SystemActor("t"), ImportSource{File: "t"}, rows); err != nil {
				t.Fatal(err)
			}
			got, err := s.agentIndex(s.db)
			if err != nil {
				t.Fatal(err)
			}
			var all []models.Agent
			if err := s.db.Select("id", "employee_no", "full_name", "supervisor_id", "team", "role", "role_start_date", "status").Find(&all).Error; err != nil {
				t.Fatal(err)
			}
			if len(got) != len(all) || len(all) != 40 {
				t.Fatalf("index of %d agents, GORM reads %d, imported 40", len(got), len(all))
			}
			sups := 0
			for _, want := range all {
				if !reflect.DeepEqual(got[want.EmployeeNo], want) {
					t.Errorf("%s: index %+v, GORM %+v", want.EmployeeNo, got[want.EmployeeNo], want)
				}
				if want.SupervisorID != nil {
					sups++
				}
			}
			if sups == 0 {
				t.Error("no agent has a supervisor: the test checks nothing of them")
			}
		})
	}
}
