package model

import (
	"fmt"
	"slices"
	"strings"

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

// ClaimNotes are the warnings of a claimed snapshot, so that nothing the
// selectors miss goes unsaid: a system whose selectors claim none of the
// evidence of a platform the evidence holds (a misspelt organisation, a
// wrong account ID), and the resources no system claims, counted per
// platform with a few examples rather than listed (an estate has
// thousands). A workspace with no system claims nothing by design (an
// audit against the pack alone) and gets no note. Call after Claim.
func (ws *Workspace) ClaimNotes(snap *evidence.Snapshot) []string {
	if len(ws.Systems) == 0 {
		return nil
	}
	perPlatform := map[string]int{}
	claimed := map[string]bool{}
	unclaimed := map[string][]string{}
	var platforms []string
	for _, r := range snap.Resources {
		p := r.Scope.Platform
		if perPlatform[p] == 0 {
			platforms = append(platforms, p)
		}
		perPlatform[p]++
		if r.System != "" {
			claimed[r.System+"\x00"+p] = true
		} else {
			unclaimed[p] = append(unclaimed[p], r.ID)
		}
	}
	// A gap its selectors claim is an attempt that failed, said elsewhere
	// (not_evaluated results), not a selector that names nothing.
	for _, nc := range snap.NotCollected {
		if nc.System != "" {
			claimed[nc.System+"\x00"+nc.Scope.Platform] = true
		}
	}
	var notes []string
	for _, s := range ws.Systems {
		for _, sel := range s.selectors() {
			if n := perPlatform[sel.platform]; n > 0 && !claimed[s.ID+"\x00"+sel.platform] {
				notes = append(notes, fmt.Sprintf("system %q: its %s selectors (%s) claim none of the %d %s resource(s) of the evidence; check the names",
					s.ID, sel.platform, strings.Join(sel.names, ", "), n, sel.platform))
			}
		}
	}
	slices.Sort(platforms)
	for _, p := range platforms {
		ids := unclaimed[p]
		if len(ids) == 0 {
			continue
		}
		const examples = 3
		eg := ids[:min(examples, len(ids))]
		more := ""
		if len(ids) > examples {
			more = ", …"
		}
		notes = append(notes, fmt.Sprintf("%d of %d %s resource(s) are claimed by no system (e.g. %s%s): their findings name no system and no owner",
			len(ids), perPlatform[p], p, strings.Join(eg, ", "), more))
	}
	return notes
}

type selector struct {
	platform string
	names    []string
}

// selectors are the platforms a system selects from and what it names there.
func (s *System) selectors() []selector {
	var out []selector
	add := func(platform, name string) {
		if len(out) == 0 || out[len(out)-1].platform != platform {
			out = append(out, selector{platform: platform})
		}
		out[len(out)-1].names = append(out[len(out)-1].names, name)
	}
	for _, g := range s.GitHub {
		name := "org " + g.Org
		if len(g.Repos) > 0 {
			name += " repos " + strings.Join(g.Repos, " ")
		}
		add("github", name)
	}
	for _, a := range s.AWS {
		add("aws", "account "+a.AccountID)
	}
	for _, t := range s.Terraform {
		add("terraform", "paths "+strings.Join(t.Paths, " "))
	}
	return out
}
