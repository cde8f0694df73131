package aws

import (
	"slices"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The snapshot's collected list says which types were read completely in
// which scope (internal/evidence, collected.go), so that a control may
// conclude from absence only there. A scope is listed when every task of it
// ran to its end — a cancelled or broken run lists nothing it did not
// finish — and a type is left out of it when any listing of that type in
// the scope failed (its not_collected gap says why). The account scope
// carries the global types, each region scope the regional ones.

// ranAll records that every task of scope ran, for types.
func (r *run) ranAll(scope evidence.Scope, types []string) {
	r.mu.Lock()
	r.read = append(r.read, evidence.CollectedScope(scope, types...))
	r.mu.Unlock()
}

// collected is the list for the snapshot, without the types a gap names in
// an overlapping scope. Called with r.mu held.
func (r *run) collected() []evidence.Collected {
	out := make([]evidence.Collected, 0, len(r.read))
	for _, c := range r.read {
		kept := slices.DeleteFunc(slices.Clone(c.Types), func(typ string) bool {
			return slices.ContainsFunc(r.gaps, func(g evidence.NotCollected) bool {
				return g.ResourceType == typ && overlaps(g.Scope, c.Scope)
			})
		})
		out = append(out, evidence.Collected{Scope: c.Scope, Types: kept})
	}
	return evidence.UnionCollected(out)
}

// overlaps: the same account, and regions equal or one of them account-wide.
func overlaps(a, b evidence.Scope) bool {
	return a.AccountID == b.AccountID && (a.Region == "" || b.Region == "" || a.Region == b.Region)
}
