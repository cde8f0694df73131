package github

import (
	"slices"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// collected is the snapshot's list of what was read completely
// (internal/evidence, collected.go): one entry per organisation whose
// collection ran to its end, with the types no gap of the organisation
// names. Repositories count only when every repository was asked for: a
// target limited to some (repos patterns) proves nothing about the others.
func (r *run) collected(read []Target) []evidence.Collected {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := []evidence.Collected{}
	for _, t := range read {
		scope := evidence.Scope{Platform: "github", Org: t.Org}
		types := []string{TypeOrganization, TypeMember}
		if len(t.Repos) == 0 {
			types = append(types, TypeRepository, TypeWorkflow)
		}
		types = slices.DeleteFunc(types, func(typ string) bool {
			return slices.ContainsFunc(r.notCollected, func(g evidence.NotCollected) bool {
				return g.ResourceType == typ && g.Scope.Org == t.Org
			})
		})
		out = append(out, evidence.CollectedScope(scope, types...))
	}
	// An organisation named by two targets is one scope.
	return evidence.UnionCollected(out)
}
