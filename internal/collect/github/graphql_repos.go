package github

import (
	"context"
	"fmt"
	"regexp"
	"sync/atomic"

	gh "github.com/google/go-github/v60/github"
	"golang.org/x/sync/errgroup"
)

// graphQLRepositories pages the organisation's repositories through
// GraphQL and hands each, with its answer, to a worker that adds the REST
// parts. A repository GraphQL did not return (a failed page, a node nulled
// by an error) still gets its REST parts and the GraphQL attributes unknown
// with the reason.
func (r *run) graphQLRepositories(ctx context.Context, t Target, st *orgState, repos []*gh.Repository, done []atomic.Bool) error {
	index := make(map[string]int, len(repos))
	for i, repo := range repos {
		index[repo.GetName()] = i
	}
	answered := make([]bool, len(repos))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.o.concurrency)
	work := func(i int, node *gqlRepo) {
		g.Go(func() error {
			if err := r.repositoryGraphQL(gctx, t.Org, repos[i], node, st); err != nil {
				return err
			}
			done[i].Store(true)
			if r.progress != nil {
				r.progress.repoDone()
			}
			return nil
		})
	}
	groups := [groupCount]bool{}
	for i := range groups {
		groups[i] = !r.o.restGroups[i]
	}
	var pageFailure *gap
	after := any(nil)
	size := repoPageSize()
	for {
		nodes, failure, err := r.repoPage(gctx, t.Org, size, after, groups)
		if err != nil {
			_ = g.Wait()
			return err
		}
		if failure != nil {
			pageFailure = failure
			break
		}
		for _, n := range nodes.Organization.Repositories.Nodes {
			if n == nil {
				continue
			}
			if i, ok := index[n.Name]; ok && !answered[i] {
				answered[i] = true
				work(i, n)
			}
		}
		pi := nodes.Organization.Repositories.PageInfo
		if !pi.HasNextPage {
			break
		}
		after = pi.EndCursor
	}
	for i := range repos {
		if answered[i] {
			continue
		}
		n := &gqlRepo{Name: repos[i].GetName()}
		reason := &gap{reason: "GraphQL did not return this repository", failure: true}
		if pageFailure != nil {
			reason = pageFailure
		}
		for gr := range n.gaps {
			if !r.o.restGroups[gr] { // a group the server lacks is read through REST
				n.gaps[gr] = reason
			}
		}
		work(i, n)
	}
	return g.Wait()
}

// repoPage reads one page. A failure of the whole query (after the
// limiter's retries) is retried with half the page size down to 10, then
// returned as a gap; errors beside data mark the groups they name on their
// repository, and a repository nulled by one (a non-null field's error
// propagates) is re-read without that group.
func (r *run) repoPage(ctx context.Context, org string, size int, after any, groups [groupCount]bool) (*gqlRepoPage, *gap, error) {
	limited := 0
	for {
		var page gqlRepoPage
		errs, err := r.graphQL(ctx, repoQuery(groups), map[string]any{"org": org, "first": size, "after": after}, &page)
		if err != nil {
			gp, err := classify(ctx, err, needRepoMeta)
			if err != nil {
				return nil, nil, err
			}
			if size > 10 {
				r.o.logf("github: GraphQL page of %d repositories failed (%s); retrying with %d", size, gp.reason, size/2)
				size /= 2
				continue
			}
			gp.reason = "GraphQL repositories query: " + gp.reason
			return nil, gp, nil
		}
		if changed, ok := r.undefinedFields(errs); !ok {
			return nil, &gap{reason: "GraphQL repositories query: " + errs[0].Message, failure: true}, nil
		} else if changed {
			for gr := range groups {
				groups[gr] = groups[gr] && !r.o.restGroups[gr]
			}
			continue
		}
		if page.Organization == nil && rateLimited(errs) && limited < r.o.maxRetries {
			// GitHub may answer an exhausted GraphQL budget with 200 and a
			// RATE_LIMITED error: ask again, the limiter now waits for the
			// reset (X-RateLimit-Remaining 0) or stops the collection.
			limited++
			continue
		}
		if page.Organization == nil {
			reason := "GraphQL answered no organization"
			if len(errs) > 0 {
				reason += ": " + errs[0].Message
			}
			return nil, &gap{reason: reason, failure: true}, nil
		}
		nodes := page.Organization.Repositories.Nodes
		nulled := [groupCount]bool{}
		retry := false
		byIndex := map[int][]graphQLError{}
		for _, e := range errs {
			i, gr, ok := errorTarget(e)
			if !ok {
				continue
			}
			if i < len(nodes) && nodes[i] == nil && groups[gr] {
				nulled[gr], retry = true, true
			}
			byIndex[i] = append(byIndex[i], e)
		}
		if retry {
			// The errors nulled whole repositories: read the page again
			// without the groups they named, and mark those unknown.
			again := groups
			for gr, n := range nulled {
				if n {
					again[gr] = false
				}
			}
			p2, failure, err := r.repoPage(ctx, org, size, after, again)
			if err != nil || failure != nil {
				return nil, failure, err
			}
			// Only the repositories the errors named lose the group; the
			// others read it through REST (present is false, no gap).
			for i, n := range p2.Organization.Repositories.Nodes {
				if n == nil {
					continue
				}
				for _, e := range byIndex[i] {
					if _, gr, _ := errorTarget(e); nulled[gr] {
						n.gaps[gr] = r.groupGap(gr, []graphQLError{e})
					}
				}
			}
			return p2, nil, nil
		}
		for i, n := range nodes {
			if n == nil {
				continue
			}
			for gr, on := range groups {
				n.present[gr] = on
			}
			for _, e := range byIndex[i] {
				_, gr, _ := errorTarget(e)
				gp := r.groupGap(gr, []graphQLError{e})
				switch sub := subField(e); {
				case gr == groupProtection && sub == "branchProtectionRule":
					n.classicGap = gp
				case gr == groupProtection && sub == "rules":
					n.rulesGap = gp
				default:
					n.gaps[gr] = gp
				}
			}
		}
		return &page, nil, nil
	}
}

// undefinedFields turns undefinedField errors (a GitHub Enterprise Server
// whose schema lacks a field) into groups read through REST from now on.
// A lacking field outside every group (the page itself) turns them all to
// REST. ok is false when nothing changed: the server refuses a field
// already dropped, and the page cannot be read.
func (r *run) undefinedFields(errs []graphQLError) (changed, ok bool) {
	found := false
	for _, e := range errs {
		typ, field, isUndefined := e.undefinedField()
		if !isUndefined {
			continue
		}
		found = true
		groups := groupsSelecting(typ, field)
		if len(groups) == 0 {
			for gr := range groupCount {
				groups = append(groups, gr)
			}
		}
		for _, gr := range groups {
			if !r.o.restGroups[gr] {
				r.o.restGroups[gr], changed = true, true
				r.o.logf("github: this server's GraphQL has no %s.%s: reading %s through REST", typ, field, groupField[gr])
			}
		}
	}
	return changed, !found || changed
}

// groupsSelecting are the groups whose selection names field: the group
// of that Repository field, else any whose selection has it as a word.
func groupsSelecting(typ, field string) []gqlGroup {
	for gr, f := range groupField {
		if typ == "Repository" && f == field {
			return []gqlGroup{gqlGroup(gr)}
		}
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(field) + `\b`)
	var out []gqlGroup
	for gr, sel := range groupSelection {
		if word.MatchString(sel) {
			out = append(out, gqlGroup(gr))
		}
	}
	return out
}

func rateLimited(errs []graphQLError) bool {
	for _, e := range errs {
		if e.Type == "RATE_LIMITED" {
			return true
		}
	}
	return false
}

// subField is the field below the repository's that an error names.
func subField(e graphQLError) string {
	if len(e.Path) < 6 {
		return ""
	}
	s, _ := e.Path[5].(string)
	return s
}

// errorTarget finds the repository index and group an error's path names
// (organization.repositories.nodes.<i>.<field>…).
func errorTarget(e graphQLError) (int, gqlGroup, bool) {
	if len(e.Path) < 5 || e.Path[2] != "nodes" {
		return 0, 0, false
	}
	f, _ := e.Path[3].(float64)
	name, _ := e.Path[4].(string)
	for gr, fld := range groupField {
		if fld == name {
			return int(f), gqlGroup(gr), true
		}
	}
	return 0, 0, false
}

// groupGap is the reason a group's attributes are unknown: a FORBIDDEN
// error is a missing permission; anything else a failure.
func (r *run) groupGap(gr gqlGroup, errs []graphQLError) *gap {
	msg, typ := "error", ""
	if len(errs) > 0 {
		msg, typ = errs[0].Message, errs[0].Type
	}
	if typ == "FORBIDDEN" {
		perm := groupNeed[gr].String()
		return &gap{reason: fmt.Sprintf("GraphQL %s %s: %s: needs %s", typ, groupField[gr], msg, perm), permission: perm}
	}
	return &gap{reason: fmt.Sprintf("GraphQL %s %s: %s", typ, groupField[gr], msg), failure: true}
}
