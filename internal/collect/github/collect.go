package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	gh "github.com/google/go-github/v60/github"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/glob"
)

// Resource types this collector produces, named by the registry.
const (
	TypeOrganization = evidence.TypeGitHubOrganization
	TypeMember       = evidence.TypeGitHubMember
	TypeRepository   = evidence.TypeGitHubRepository
)

// run is one collection's shared state; ctx is passed, never stored.
type run struct {
	c        *gh.Client
	o        *options
	stats    *Stats
	progress *Progress
	now      time.Time
	failures atomic.Int64
	// firstFailure is the reason of the first failed request: what a
	// collection with no network or a broken proxy says (DNS, TLS), instead
	// of only a count.
	firstFailure atomic.Pointer[string]

	mu           sync.Mutex
	resources    []evidence.Resource
	notCollected []evidence.NotCollected
}

// Collect reads every target organisation. A collection cut short by the
// rate limit returns the snapshot so far with Incomplete set and the
// resources it never reached in NotCollected; cut short by ctx, it returns
// that snapshot together with the context's error (the partial-result rule
// of internal/collect). Rejected credentials are an error and no snapshot:
// nothing collected with them could be trusted.
func Collect(ctx context.Context, cfg Config) (*evidence.Snapshot, *Stats, error) {
	stats := &Stats{}
	if len(cfg.Targets) == 0 {
		return nil, stats, errors.New("no GitHub organizations to collect: pass --org or claim one in a system's github block")
	}
	o := resolve(cfg)
	c, err := client(cfg, o, stats)
	if err != nil {
		return nil, stats, err
	}
	r := &run{c: c, o: o, stats: stats, progress: cfg.Progress, now: o.now().UTC()}
	if r.progress != nil {
		r.progress.attach(stats)
	}
	var stop error
	var read []Target // organisations collected to the end
	for _, t := range cfg.Targets {
		if stop != nil {
			r.orgNotCollected(t.Org, "collection stopped before this organization: "+stopReason(stop))
			continue
		}
		if err := r.collectOrg(ctx, t); err != nil {
			stop = err
		} else {
			read = append(read, t)
		}
	}
	snap := &evidence.Snapshot{
		Schema: evidence.SchemaV1, CollectedAt: r.now, Collectors: []string{"github"},
		Resources: r.resources, NotCollected: r.notCollected, Collected: r.collected(read),
	}
	if snap.Resources == nil {
		snap.Resources = []evidence.Resource{}
	}
	switch {
	case errors.Is(stop, ErrUnauthorized):
		return nil, stats, stop // the URL in it carries no credential
	case stop != nil:
		snap.Incomplete = true
		snap.IncompleteReason = redactAll(stopReason(stop), secrets(cfg))
		if cerr := ctx.Err(); cerr != nil {
			evidence.Sort(snap)
			return snap, stats, fmt.Errorf("collect github: %w", cerr)
		}
	case r.failures.Load() > 0:
		snap.Incomplete = true
		first := ""
		if f := r.firstFailure.Load(); f != nil {
			first = " (the first: " + *f + ")"
		}
		snap.IncompleteReason = redactAll(fmt.Sprintf("%d GitHub request(s) failed after retries%s; the attributes they would have filled are listed as unknown", r.failures.Load(), first), secrets(cfg))
	}
	evidence.Sort(snap)
	return snap, stats, nil
}

func stopReason(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "collection cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return "collection timed out"
	default:
		return err.Error()
	}
}

func (r *run) add(res evidence.Resource) {
	r.mu.Lock()
	r.resources = append(r.resources, res)
	r.mu.Unlock()
}

func (r *run) gap(typ string, scope evidence.Scope, scopeID string, g *gap) {
	r.failed(g)
	r.mu.Lock()
	r.notCollected = append(r.notCollected, evidence.NotCollected{
		ResourceType: typ, Scope: scope, ScopeID: scopeID, Reason: g.reason, MissingPermission: g.permission,
	})
	r.mu.Unlock()
}

// failed counts a gap that is a failure (not a permission) and keeps the
// first one's reason.
func (r *run) failed(g *gap) {
	if g.failure {
		r.failures.Add(1)
		reason := g.reason
		r.firstFailure.CompareAndSwap(nil, &reason)
	}
}

// miss records an unknown attribute; failures (not permissions) also make
// the snapshot incomplete.
func (r *run) miss(a *attrs, path string, g *gap) {
	r.failed(g)
	a.miss(path, g.reason)
}

func (r *run) orgNotCollected(org, reason string) {
	scope := evidence.Scope{Platform: "github", Org: org}
	for _, typ := range []string{TypeOrganization, TypeMember, TypeRepository, TypeWorkflow} {
		r.gap(typ, scope, "github.com/"+org, &gap{reason: reason})
	}
}

func (r *run) source() evidence.Source {
	return evidence.Source{Kind: "live", Collector: "github", CollectedAt: r.now}
}

// list GETs every page of a list endpoint, 100 per page, by following the
// rel="next" URL of each answer's Link header. go-github only turns a next
// link into a page number or a known cursor (page=, after=, cursor=); any
// other link (since=, before=, a malformed one) left NextPage at 0 and the
// list silently ended on its first page. A next link that cannot be
// followed, one that leads back to a page already read, or more than
// maxPages pages end the list with an error, so the caller records the list
// as not collected instead of using part of it.
func list[T any](ctx context.Context, r *run, path string, q url.Values) ([]T, error) {
	return listIn[T](ctx, r, path, q, "")
}

// listIn is list for endpoints that wrap each page's items in an object
// ({"total_count": n, "<field>": [...]}: runner groups, Actions secrets);
// field "" reads a bare array. A page without the field is an error, never
// an empty page.
func listIn[T any](ctx context.Context, r *run, path string, q url.Values, field string) ([]T, error) {
	if q == nil {
		q = url.Values{}
	}
	q.Set("per_page", "100")
	next := path + "?" + q.Encode()
	visited := map[string]bool{}
	var all []T
	for pages := 0; ; pages++ {
		if pages >= r.o.maxPages {
			return nil, fmt.Errorf("list %s: %w: still a next page after %d pages", path, errPageLimit, pages)
		}
		req, err := r.c.NewRequest("GET", next, nil)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", path, err)
		}
		key := canonicalURL(req.URL)
		if visited[key] {
			return nil, fmt.Errorf("list %s: %w: page %d links back to %s", path, errPageCycle, pages, req.URL.RequestURI())
		}
		visited[key] = true
		page, resp, err := getPage[T](ctx, r, req, field)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			return nil, fmt.Errorf("list %s, page %d: %w", path, pages+1, err)
		}
		all = append(all, page...)
		u, err := nextLink(resp.Response, r.c.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("list %s, after page %d: %w", path, pages+1, err)
		}
		if u == nil {
			return all, nil
		}
		next = u.String()
	}
}

func esc(s string) string { return url.PathEscape(s) }

// orgState is what the organisation-wide requests found, shared read-only
// by the repository workers.
type orgState struct {
	org *gh.Organization

	rulesets    []*gh.Ruleset
	rulesetsGap *gap
	// orgRulesetBinds: ruleset ID → whether admins are bound (absent:
	// bypass list unreadable).
	orgRulesetBinds map[int64]bool
	orgRulesetWhy   string

	actions        *gh.ActionsPermissions
	actionsGap     *gap
	workflow       *gh.DefaultWorkflowPermissionOrganization
	workflowGap    *gap
	hooks          []*gh.Hook
	hooksGap       *gap
	owners         []*gh.User
	ownersGap      *gap
	members        []*gh.User
	membersGap     *gap
	no2FA          []*gh.User
	no2FAGap       *gap
	outside        []*gh.User
	outsideGap     *gap
	outsideNo2FA   []*gh.User
	outsideNo2FAGp *gap

	dependabot      map[string][]map[string]any
	dependabotGap   *gap
	codeScanning    map[string][]map[string]any
	codeScanningGap *gap
	secretScanning  map[string][]map[string]any
	secretGap       *gap

	repos []*gh.Repository

	depth   depthState   // org_settings.go
	inherit inheritState // inherit.go
	// orgPolicy: the organisation's default SECURITY.md (security_policy.go).
	orgPolicy orgPolicy
	// teamAdmins: repository admins through teams (teams.go).
	teamAdmins teamAdmins
}

func (r *run) collectOrg(ctx context.Context, t Target) error {
	org := t.Org
	r.o.logf("github: collecting organization %s", org)
	full, err0 := r.getOrg(ctx, org)
	g, err := classify(ctx, err0, needOrgRead)
	if err != nil {
		r.orgNotCollected(org, "collection stopped before this organization: "+stopReason(err))
		return err
	}
	if g != nil {
		r.failed(g)
		reason := "organization " + org + ": " + g.reason
		var er *gh.ErrorResponse
		if errors.As(err0, &er) && er.Response.StatusCode == http.StatusNotFound {
			reason = "organization " + org + " does not exist or is not visible to these credentials (404)"
		}
		r.orgNotCollected(org, reason)
		return nil
	}
	st := &orgState{org: &full.Organization, depth: depthState{full: full}}
	if err := r.orgWide(ctx, org, st); err != nil {
		r.orgNotCollected(org, "collection stopped before this organization was read: "+stopReason(err))
		return err
	}
	if t.Shard.HasOrg() {
		r.add(r.orgResource(org, st))
		r.memberResources(org, st)
	}
	return r.repositories(ctx, t, st)
}

// orgWide runs the organisation-level requests in parallel.
func (r *run) orgWide(ctx context.Context, org string, st *orgState) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(r.o.concurrency)
	p := "orgs/" + esc(org) + "/"
	// each stores into its own fields; g.Wait orders the writes before the reads.
	step := func(fn func() error) { g.Go(fn) }
	step(func() (err error) {
		st.rulesets, err = list[*gh.Ruleset](ctx, r, p+"rulesets", nil)
		if st.rulesetsGap, err = classify(ctx, err, needOrgAdmin); err != nil || st.rulesetsGap != nil {
			return err
		}
		st.orgRulesetBinds = map[int64]bool{}
		for _, rs := range st.rulesets {
			full, _, err := r.c.Organizations.GetOrganizationRuleset(ctx, esc(org), rs.GetID())
			gp, err := classify(ctx, err, needOrgAdmin)
			if err != nil {
				return err
			}
			id := strconv.FormatInt(rs.GetID(), 10)
			switch {
			case gp != nil:
				st.orgRulesetWhy = "bypass list of organization ruleset " + id + ": " + gp.reason
				continue
			case full.BypassActors == nil:
				// GitHub leaves bypass_actors out for tokens that may not edit the ruleset.
				st.orgRulesetWhy = "bypass list of organization ruleset " + id + " not returned: needs " + needOrgAdmin.String()
				continue
			}
			st.orgRulesetBinds[rs.GetID()] = rulesetBindsAdmins(full.BypassActors)
			rs.BypassActors = full.BypassActors
			if full.Target != nil {
				rs.Target = full.Target // the list leaves the target out
			}
		}
		return nil
	})
	step(func() (err error) {
		st.actions, _, err = r.c.Actions.GetActionsPermissions(ctx, esc(org))
		if st.actionsGap, err = classify(ctx, err, needOrgAdmin); err != nil {
			return err
		}
		return r.actionsSelectedList(ctx, org, st) // inherit.go
	})
	step(func() (err error) {
		st.workflow, _, err = r.c.Actions.GetDefaultWorkflowPermissionsInOrganization(ctx, esc(org))
		st.workflowGap, err = classify(ctx, err, needOrgAdmin)
		return err
	})
	step(func() (err error) {
		st.hooks, err = list[*gh.Hook](ctx, r, p+"hooks", nil)
		st.hooksGap, err = classify(ctx, err, needOrgHooks)
		return err
	})
	step(func() (err error) {
		st.owners, err = list[*gh.User](ctx, r, p+"members", url.Values{"role": {"admin"}})
		st.ownersGap, err = classify(ctx, err, needOrgRead)
		return err
	})
	step(func() (err error) {
		st.members, err = list[*gh.User](ctx, r, p+"members", url.Values{"role": {"all"}})
		st.membersGap, err = classify(ctx, err, needOrgRead)
		return err
	})
	step(func() (err error) {
		// Only owners may filter by 2FA; others get 422.
		st.no2FA, err = list[*gh.User](ctx, r, p+"members", url.Values{"filter": {"2fa_disabled"}})
		st.no2FAGap, err = classify(ctx, err, needOrgOwner)
		return err
	})
	step(func() (err error) {
		st.outside, err = list[*gh.User](ctx, r, p+"outside_collaborators", nil)
		st.outsideGap, err = classify(ctx, err, needOrgRead)
		return err
	})
	step(func() (err error) {
		st.outsideNo2FA, err = list[*gh.User](ctx, r, p+"outside_collaborators", url.Values{"filter": {"2fa_disabled"}})
		st.outsideNo2FAGp, err = classify(ctx, err, needOrgOwner)
		return err
	})
	step(func() (err error) {
		alerts, err := list[*gh.DependabotAlert](ctx, r, p+"dependabot/alerts", url.Values{"state": {"open"}})
		if st.dependabotGap, err = classify(ctx, err, needDependabot); err != nil || st.dependabotGap != nil {
			return err
		}
		st.dependabot = map[string][]map[string]any{}
		for _, a := range alerts {
			sev := a.GetSecurityAdvisory().GetSeverity()
			if v := a.GetSecurityVulnerability().GetSeverity(); v != "" {
				sev = v
			}
			name := a.GetRepository().GetName()
			st.dependabot[name] = append(st.dependabot[name], map[string]any{
				"number": a.GetNumber(), "state": "open", "severity": sev, "created_at": utc(a.GetCreatedAt()),
				"package": a.GetDependency().GetPackage().GetName(), "ghsa_id": a.GetSecurityAdvisory().GetGHSAID(),
				"summary": a.GetSecurityAdvisory().GetSummary(), "url": a.GetHTMLURL(),
			})
		}
		return nil
	})
	step(func() (err error) {
		alerts, err := list[*gh.Alert](ctx, r, p+"code-scanning/alerts", url.Values{"state": {"open"}})
		if st.codeScanningGap, err = classify(ctx, err, needCodeScanning); err != nil || st.codeScanningGap != nil {
			return err
		}
		st.codeScanning = map[string][]map[string]any{}
		for _, a := range alerts {
			// security_severity_level (critical … low) is set for security
			// rules; other rules only have error/warning/note.
			sev := a.GetRule().GetSecuritySeverityLevel()
			if sev == "" {
				sev = a.GetRule().GetSeverity()
			}
			name := a.GetRepository().GetName()
			st.codeScanning[name] = append(st.codeScanning[name], map[string]any{
				"number": a.GetNumber(), "state": "open", "severity": sev, "created_at": utc(a.GetCreatedAt()), "rule": a.GetRule().GetID(),
				"summary": a.GetRule().GetDescription(), "url": a.GetHTMLURL(),
			})
		}
		return nil
	})
	step(func() (err error) {
		alerts, err := list[*gh.SecretScanningAlert](ctx, r, p+"secret-scanning/alerts", url.Values{"state": {"open"}})
		if st.secretGap, err = classify(ctx, err, needSecretScannng); err != nil || st.secretGap != nil {
			return err
		}
		st.secretScanning = map[string][]map[string]any{}
		for _, a := range alerts {
			// The alert carries the leaked secret itself: keep only its type.
			name := a.GetRepository().GetName()
			st.secretScanning[name] = append(st.secretScanning[name], map[string]any{
				"number": a.GetNumber(), "state": "open", "secret_type": a.GetSecretType(), "created_at": utc(a.GetCreatedAt()),
				"summary": a.GetSecretTypeDisplayName(), "url": a.GetHTMLURL(),
			})
		}
		return nil
	})
	r.orgDepth(ctx, step, org, st)
	r.orgInherit(ctx, step, org, st)
	r.orgTeams(ctx, step, org, st)
	step(func() (err error) {
		st.repos, err = list[*gh.Repository](ctx, r, p+"repos", url.Values{"type": {"all"}})
		g, err := classify(ctx, err, needRepoMeta)
		if g != nil {
			r.gap(TypeRepository, evidence.Scope{Platform: "github", Org: org}, "github.com/"+org, g)
		}
		return err
	})
	return g.Wait()
}

func utc(ts gh.Timestamp) string {
	if ts.IsZero() {
		return ""
	}
	return ts.UTC().Format(time.RFC3339)
}

func (r *run) repositories(ctx context.Context, t Target, st *orgState) error {
	var pats []glob.Pattern
	for _, p := range t.Repos {
		pats = append(pats, glob.Compile(p))
	}
	var repos []*gh.Repository
	for _, repo := range st.repos {
		if (len(pats) == 0 || matchAny(pats, repo.GetName())) && t.Shard.HasRepo(repo.GetName()) {
			repos = append(repos, repo)
		}
	}
	if r.progress != nil {
		r.progress.addTotal(len(repos))
	}
	done := make([]atomic.Bool, len(repos))
	if r.o.api == APIGraphQL {
		return r.repositoriesStopped(t, repos, done, r.graphQLRepositories(ctx, t, st, repos, done))
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.o.concurrency)
	for i, repo := range repos {
		g.Go(func() error {
			res, err := r.repository(gctx, t.Org, repo, st)
			if err != nil {
				return err
			}
			if err := r.workflows(gctx, t.Org, repo); err != nil {
				return err
			}
			r.add(res)
			done[i].Store(true)
			if r.progress != nil {
				r.progress.repoDone()
			}
			return nil
		})
	}
	return r.repositoriesStopped(t, repos, done, g.Wait())
}

// repositoriesStopped records every repository not done when err stopped
// the organisation.
func (r *run) repositoriesStopped(t Target, repos []*gh.Repository, done []atomic.Bool, err error) error {
	if err == nil {
		r.o.logf("github: organization %s done: %d repositories", t.Org, len(repos))
		return nil
	}
	missing := 0
	for i, repo := range repos {
		if !done[i].Load() {
			missing++
			for _, typ := range []string{TypeRepository, TypeWorkflow} {
				r.gap(typ, evidence.Scope{Platform: "github", Org: t.Org, Repo: repo.GetName()},
					"github.com/"+t.Org+"/"+repo.GetName(), &gap{reason: "collection stopped before this repository: " + stopReason(err)})
			}
		}
	}
	r.o.logf("github: organization %s stopped: %d of %d repositories not collected: %s", t.Org, missing, len(repos), stopReason(err))
	return err
}

func matchAny(pats []glob.Pattern, s string) bool {
	for _, p := range pats {
		if p.Match(s) {
			return true
		}
	}
	return false
}
