package store

import (
	"gorm.io/gorm"

	"sullam/models"
)

// streamStart begins a streaming import (attendance, weekly reports) inside
// its transaction tx: it takes the import's lock for kind, then reads what
// each chunk's rows are checked against: the agents by employee number and
// the finalized agent-years.
func (s *Store) streamStart(tx *gorm.DB, kind models.ImportKind) (map[string]models.Agent, map[agentYear]bool, error) {
	if err := s.importLock(tx, kind); err != nil {
		return nil, nil, err
	}
	idx, err := s.agentIndex(tx)
	if err != nil {
		return nil, nil, err
	}
	fin, err := s.finalizedYears(tx)
	if err != nil {
		return nil, nil, err
	}
	return idx, fin, nil
}
