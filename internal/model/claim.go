package model

import (
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/glob"
)

// Claim gives every resource and collection gap of the snapshot the system
// whose selectors match its scope. A repository glob match is more specific
// than a whole-organisation claim and wins over it; among equals, the first
// system in file order wins.
func (ws *Workspace) Claim(snap *evidence.Snapshot) {
	for i := range snap.Resources {
		snap.Resources[i].System = ws.SystemFor(snap.Resources[i].Scope)
	}
	for i := range snap.NotCollected {
		snap.NotCollected[i].System = ws.SystemFor(snap.NotCollected[i].Scope)
	}
}

// SystemFor returns the ID of the system that claims the scope, or "".
func (ws *Workspace) SystemFor(sc evidence.Scope) string {
	best, bestRank := "", 0
	for _, s := range ws.Systems {
		if r := s.claimRank(sc); r > bestRank {
			best, bestRank = s.ID, r
		}
	}
	return best
}

// claimRank is 0 when the system does not claim the scope, higher for more
// specific matches.
func (s *System) claimRank(sc evidence.Scope) int {
	rank := 0
	switch sc.Platform {
	case "github":
		for _, g := range s.GitHub {
			if g.Org != sc.Org {
				continue
			}
			if len(g.Repos) == 0 {
				rank = max(rank, 1)
				continue
			}
			for _, pat := range g.Repos {
				if sc.Repo != "" && glob.Match(pat, sc.Repo) {
					rank = max(rank, 2)
				}
			}
		}
	case "aws":
		for _, a := range s.AWS {
			if a.AccountID != sc.AccountID {
				continue
			}
			if len(a.Regions) == 0 {
				rank = max(rank, 1)
				continue
			}
			for _, reg := range a.Regions {
				if reg == sc.Region {
					rank = max(rank, 2)
				}
			}
		}
	case "terraform":
		for _, t := range s.Terraform {
			for _, pat := range t.Paths {
				if glob.Match(pat, sc.Path) {
					rank = max(rank, 2)
				}
			}
		}
	}
	return rank
}

// System returns the system with the ID, or nil.
func (ws *Workspace) System(id string) *System {
	for _, s := range ws.Systems {
		if s.ID == id {
			return s
		}
	}
	return nil
}
