package engine

import (
	"fmt"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// A relation lets a control conclude from absence ("no trail logs every
// region", "no metric filter watches root logins"), and absence is only
// proven where the producer read the type completely: the snapshot's
// collected list (internal/evidence, collected.go). Resources present of the
// type prove nothing about the others, so the list alone decides. A
// related type the snapshot does not list for the subject's scope makes
// the result not_evaluated naming the type and the scope; a collection gap
// (not_collected) for it is reported first, with its own reason.

// readIndex is the snapshot's collected list, for the related types,
// indexed by platform and account so a subject looks at its own
// account's entries (and the platform-wide ones), never the whole list.
type readIndex struct {
	byAccount map[string][]evidence.Collected
	// unlisted: the snapshot has no list at all (written before it
	// existed), so no related type counts as read.
	unlisted bool
}

func readKey(s evidence.Scope) string { return s.Platform + "\x00" + s.AccountID + "\x00" + s.Org }

func newReadIndex(snap *evidence.Snapshot) readIndex {
	ri := readIndex{byAccount: map[string][]evidence.Collected{}, unlisted: snap.Collected == nil}
	for _, c := range snap.Collected {
		k := readKey(c.Scope)
		ri.byAccount[k] = append(ri.byAccount[k], c)
	}
	return ri
}

// joinScope is the scope the related resources of r are looked for in:
// its account (AWS account, GitHub organisation), and its region for a
// region join. Terraform evidence is one scan: its platform alone.
func joinScope(r evidence.Resource, region bool) evidence.Scope {
	s := evidence.Scope{Platform: r.Scope.Platform}
	if s.Platform == "terraform" {
		return s
	}
	s.AccountID, s.Org = r.Scope.AccountID, r.Scope.Org
	if region {
		s.Region = r.Scope.Region
	}
	return s
}

// unread says why rel's type cannot be trusted to be complete for r, or
// nil when the snapshot lists it as read there.
func (ri readIndex) unread(r evidence.Resource, rel Relation, region bool) *blocked {
	scope := joinScope(r, region)
	if ri.unlisted {
		return &blocked{finding.NotEvaluated, fmt.Sprintf(
			"related %s: %s was not collected for %s: the snapshot does not say which types it collected (written before rampart recorded it), so the absence of one proves nothing; collect again",
			rel.Name, rel.Type, evidence.ScopeName(scope))}
	}
	where, ok := ri.read(rel.Type, scope, region)
	if ok {
		return nil
	}
	return &blocked{finding.NotEvaluated, fmt.Sprintf(
		"related %s: %s was not collected for %s (the snapshot's collected list does not name it there, so the absence of one proves nothing)",
		rel.Name, rel.Type, evidence.ScopeName(where))}
}

// read reports whether typ was read completely for scope: an entry whose
// scope covers it lists typ. An account-wide look (region false) is also
// complete when every regional entry of the account lists typ — the AWS
// collector reads regional types region by region. When it was not, where
// is the scope to name: the first region that lacks it, or scope itself.
func (ri readIndex) read(typ string, scope evidence.Scope, region bool) (where evidence.Scope, ok bool) {
	own := ri.byAccount[readKey(scope)]
	// Entries that leave the account (or organisation) out cover every one
	// of the platform: {terraform}, or a hand-written {aws}.
	wide := ri.byAccount[readKey(evidence.Scope{Platform: scope.Platform})]
	for _, list := range [][]evidence.Collected{own, wide} {
		for _, c := range list {
			if c.Covers(scope) && c.Lists(typ) {
				return scope, true
			}
		}
	}
	if region {
		return scope, false
	}
	regional := 0
	for _, c := range own {
		s := c.Scope
		if s.Region == "" || s.Platform != scope.Platform || s.AccountID != scope.AccountID ||
			s.Org != scope.Org || s.Repo != "" || s.Path != "" {
			continue
		}
		if !c.Lists(typ) {
			return s, false
		}
		regional++
	}
	return scope, regional > 0
}

// UnlistedWarning is the report's one warning for evidence that does not
// say which types it collected, when some loaded control relates to
// others (only relations conclude from absence); "" otherwise.
func (e *Engine) UnlistedWarning(snap *evidence.Snapshot) string {
	if len(e.rels) == 0 || (snap.Collected != nil && !snap.CollectedUnlisted) {
		return ""
	}
	return "evidence: a snapshot does not list the resource types it collected (written before rampart recorded them): controls that relate to other resources are not_evaluated where it is the only evidence; collect it again"
}
