package worker

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// part is one row of rampart_dist_part as the evaluate job reads it.
type part struct {
	Key      string
	Job      CollectArgs
	State    string
	Snapshot *evidence.Snapshot
	Reason   string
}

// mergeParts joins the parts of a run into the one snapshot an unsharded
// collection would have produced:
//
//   - the aws.account resource, which every AWS shard builds the part of
//     it saw (the global group the account settings, each regional group
//     its regions' settings), is merged into one resource: attributes and
//     unknown maps deep-merged; an attribute one part could not read stays
//     unknown whatever another part says about it (fail closed);
//   - a collection gap recorded alike by several shards (an organisation
//     none of them could read) is kept once;
//   - any other resource in two parts is an error (evidence.Merge): a
//     shard collected what is not its own, and counting it twice would
//     change the report;
//   - a failed part becomes not_collected for every type its scope could
//     hold, with the reason, and the snapshot is marked incomplete.
func mergeParts(parts []part) (*evidence.Snapshot, error) {
	accounts := map[string]*evidence.Resource{}
	var snaps []*evidence.Snapshot
	var failed []string
	gaps := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{}}
	for _, p := range parts {
		switch p.State {
		case partCollected:
		case partFailed:
			gaps.NotCollected = append(gaps.NotCollected, partGaps(p)...)
			failed = append(failed, p.Key+": "+p.Reason)
			gaps.Collectors = append(gaps.Collectors, p.Job.Collector)
			continue
		default:
			return nil, fmt.Errorf("merge parts: part %s is %s, not collected or failed", p.Key, p.State)
		}
		s := *p.Snapshot
		s.Resources = nil
		for _, r := range p.Snapshot.Resources {
			if r.Type != aws.TypeAccount {
				s.Resources = append(s.Resources, r)
				continue
			}
			if cur, ok := accounts[r.ID]; ok {
				mergeAccount(cur, r)
				continue
			}
			c := r
			c.Attributes = maps.Clone(r.Attributes)
			c.Unknown = maps.Clone(r.Unknown)
			accounts[r.ID] = &c
		}
		if s.Resources == nil {
			s.Resources = []evidence.Resource{}
		}
		snaps = append(snaps, &s)
	}
	for _, id := range slices.Sorted(maps.Keys(accounts)) {
		acct := accounts[id]
		for k := range acct.Unknown {
			delete(acct.Attributes, k)
		}
		if len(acct.Unknown) == 0 {
			acct.Unknown = nil
		}
		gaps.Resources = append(gaps.Resources, *acct)
	}
	if len(failed) > 0 {
		slices.Sort(failed)
		gaps.Incomplete = true
		gaps.IncompleteReason = fmt.Sprintf("%d collection job(s) failed after their retries: %s", len(failed), strings.Join(failed, "; "))
	}
	out, err := evidence.Merge(append(snaps, gaps)...)
	if err != nil {
		return nil, fmt.Errorf("merge parts: %w", err)
	}
	out.NotCollected = dedupeGaps(out.NotCollected)
	slices.Sort(out.Collectors)
	out.Collectors = slices.Compact(out.Collectors)
	evidence.Sort(out)
	return out, nil
}

// mergeAccount folds another shard's part of an aws.account into cur.
func mergeAccount(cur *evidence.Resource, r evidence.Resource) {
	cur.Attributes = deepMerge(cur.Attributes, r.Attributes)
	if len(r.Unknown) > 0 && cur.Unknown == nil {
		cur.Unknown = map[string]string{}
	}
	for k, v := range r.Unknown {
		if old, ok := cur.Unknown[k]; ok && old != v {
			v = old + "; " + v
		}
		cur.Unknown[k] = v
	}
}

// deepMerge merges maps key by key; for a key both hold with other than
// two maps, b's value wins only where a has none (both shards read the
// same account setting: the same value).
func deepMerge(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]any{}
	}
	for k, bv := range b {
		av, ok := out[k]
		if !ok {
			out[k] = bv
			continue
		}
		am, aok := av.(map[string]any)
		bm, bok := bv.(map[string]any)
		if aok && bok {
			out[k] = deepMerge(am, bm)
		}
	}
	return out
}

// dedupeGaps keeps one gap per (type, scope): the report derives a
// finding's fingerprint from them, so two shards' gaps over one scope
// (an organisation none could read, two failed shards of one
// organisation) must be one entry, with each distinct reason.
func dedupeGaps(gaps []evidence.NotCollected) []evidence.NotCollected {
	type key struct {
		typ, scopeID, system string
		scope                evidence.Scope
	}
	at := map[key]int{}
	var out []evidence.NotCollected
	for _, g := range gaps {
		k := key{g.ResourceType, g.ScopeID, g.System, g.Scope}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, g)
			continue
		}
		if !slices.Contains(strings.Split(out[i].Reason, "; "), g.Reason) {
			out[i].Reason += "; " + g.Reason
		}
		if out[i].MissingPermission == "" {
			out[i].MissingPermission = g.MissingPermission
		}
	}
	return out
}

// partGaps are the not_collected entries of a part that failed: every
// type its scope could hold, so a control over any of them is
// not_evaluated there instead of passing on absent resources.
func partGaps(p part) []evidence.NotCollected {
	a := p.Job
	reason := "collection job " + p.Key + " failed after its retries: " + p.Reason
	var out []evidence.NotCollected
	switch a.Collector {
	case github.CollectorName:
		sc := evidence.Scope{Platform: "github", Org: a.Org}
		types := []string{github.TypeRepository}
		if (github.RepoShard{Index: a.Shard, Count: a.Shards}).HasOrg() {
			types = []string{github.TypeOrganization, github.TypeMember, github.TypeRepository}
		}
		for _, t := range types {
			out = append(out, evidence.NotCollected{ResourceType: t, Scope: sc, ScopeID: "github.com/" + a.Org, Reason: reason})
		}
	case aws.CollectorName:
		sc := evidence.Scope{Platform: "aws", AccountID: a.AccountID, Region: a.Region}
		id := "aws:" + a.AccountID
		if a.Region != "" {
			id += "/" + a.Region
		}
		for _, t := range aws.GroupTypes[a.Group] {
			out = append(out, evidence.NotCollected{ResourceType: t, Scope: sc, ScopeID: id, Reason: reason})
		}
	}
	return out
}
