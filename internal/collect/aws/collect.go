// Package aws is the live AWS collector: it reads accounts, regions and the
// services controls look at (IAM, S3, EC2/VPC, CloudTrail, KMS, RDS, EFS,
// GuardDuty, Config, Access Analyzer, Macie, Security Hub, CloudWatch Logs
// metric filters, CloudWatch alarms, SNS subscriptions) with aws-sdk-go-v2 and hands the pipeline one evidence
// snapshot of normalised resources. What it cannot see (a missing IAM action,
// a service error) is recorded as not_collected or in a resource's unknown
// map, never left out silently.
package aws

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// CollectorName is the name the collector goes by in snapshots and the CLI.
const CollectorName = "aws"

// Target is one account to collect, as named by a workspace system's aws block.
type Target struct {
	// AccountID is the account the credentials must reach; empty accepts
	// whatever account the default credentials belong to.
	AccountID string
	// RoleARN is assumed (with the default credentials) before collecting.
	RoleARN string
	// Regions limits the regional services; empty means every enabled region.
	Regions []string
}

// Options configure one collection. The zero value collects the account of
// the default credentials in every enabled region.
type Options struct {
	// Targets are the accounts to collect; none means the default credentials' account.
	Targets []Target
	// Regions, when set, replaces every target's regions (the --region flag).
	Regions []string
	// Profile selects a shared-config profile (--profile).
	Profile string
	// Region is where global calls (IAM, STS, DescribeRegions) are signed;
	// defaults to the SDK's configured region, then us-east-1.
	Region string
	// Endpoint overrides every service's endpoint (the SDK's BaseEndpoint).
	// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured by the SDK
	// without it.
	Endpoint string
	// Credentials replaces the SDK's default credential chain.
	Credentials sdkaws.CredentialsProvider
	// Concurrency is how many calls run at once per account-region (default 8).
	Concurrency int
	// MaxAttempts is how often one call is tried before giving up (default 10).
	MaxAttempts int
	// Adaptive turns on the SDK's adaptive retry mode (client-side rate
	// limiting after throttles) instead of standard backoff.
	Adaptive bool
	// MaxBackoff caps the wait between retries (default 20s).
	MaxBackoff time.Duration
	// Now stamps collection times; defaults to time.Now.
	Now func() time.Time
	// Progress, when set, is told after each task how far the collection is.
	Progress func(Progress)
	// LoadOptions are passed on to config.LoadDefaultConfig.
	LoadOptions []func(*config.LoadOptions) error
	// Shard narrows the collection to one service group (shard.go).
	Shard Shard
}

// Progress is a point-in-time count of the collection, for a progress line.
type Progress struct {
	TasksDone, TasksTotal int
	Calls, Throttles      int64
}

// Report says what the collection did besides producing resources.
type Report struct {
	// Skipped lists regions not collected and why (opt-in regions not enabled).
	Skipped []string
	Stats   Stats
}

// Stats count the HTTP traffic of a collection.
type Stats struct {
	// Calls is every HTTP attempt, retries included.
	Calls int64
	// Throttles is how many throttling errors were retried away.
	Throttles int64
	// Retries is how many attempts were retries, for any reason.
	Retries int64
}

// Collect gathers the snapshot. On cancellation it returns the partial
// snapshot marked incomplete together with the context's error, so a caller
// can still write what was seen.
func Collect(ctx context.Context, opts Options) (*evidence.Snapshot, *Report, error) {
	r, err := newRun(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	targets := opts.Targets
	if len(targets) == 0 {
		targets = []Target{{}}
	}
	targets = mergeTargets(targets)
	g, gctx := errgroup.WithContext(ctx)
	// Accounts are independent; each account-region has its own limit below,
	// so a small cap here only bounds memory and credential refreshes.
	g.SetLimit(4)
	for _, t := range targets {
		if len(opts.Regions) > 0 {
			t.Regions = opts.Regions
		}
		g.Go(func() error {
			r.collectAccount(gctx, t)
			return nil
		})
	}
	_ = g.Wait()
	snap := r.snapshot()
	rep := &Report{Skipped: r.skippedSorted(), Stats: r.stats.get()}
	if err := ctx.Err(); err != nil {
		snap.Incomplete = true
		snap.IncompleteReason = "collection cancelled: " + err.Error()
		return snap, rep, fmt.Errorf("collect aws: %w", err)
	}
	return snap, rep, nil
}

// mergeTargets joins several system blocks naming the same account: a block
// without regions means every region, and wins.
func mergeTargets(ts []Target) []Target {
	byID := map[string]*Target{}
	var order []string
	for _, t := range ts {
		key := t.AccountID + "|" + t.RoleARN
		cur, ok := byID[key]
		if !ok {
			c := t
			c.Regions = append([]string(nil), t.Regions...)
			byID[key] = &c
			order = append(order, key)
			continue
		}
		if len(cur.Regions) == 0 || len(t.Regions) == 0 {
			cur.Regions = nil
			continue
		}
		cur.Regions = union(cur.Regions, t.Regions)
	}
	out := make([]Target, 0, len(order))
	for _, k := range order {
		out = append(out, *byID[k])
	}
	return out
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// run is the state of one collection shared by its goroutines.
type run struct {
	opts  Options
	cfg   sdkaws.Config
	now   time.Time
	stats *counters

	mu           sync.Mutex
	resources    []evidence.Resource
	gaps         []evidence.NotCollected
	skipped      []string
	failed       []string
	read         []evidence.Collected // scopes whose tasks all ran (collected.go)
	tasksDone    int
	tasksTotal   int
	progressLock sync.Mutex
	keys         keyManagers // kms:DescribeKey answers, per key (keymanager.go)
}

func newRun(ctx context.Context, opts Options) (*run, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 10
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 20 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := opts.Shard.check(); err != nil {
		return nil, err
	}
	st := &counters{}
	cfg, err := loadConfig(ctx, opts, st)
	if err != nil {
		return nil, err
	}
	return &run{opts: opts, cfg: cfg, now: opts.Now().UTC().Truncate(time.Second), stats: st}, nil
}

func (r *run) snapshot() *evidence.Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &evidence.Snapshot{
		Schema:       evidence.SchemaV1,
		CollectedAt:  r.now,
		Collectors:   []string{CollectorName},
		Resources:    append([]evidence.Resource{}, r.resources...),
		NotCollected: append([]evidence.NotCollected(nil), r.gaps...),
		Collected:    r.collected(),
	}
	if len(r.failed) > 0 {
		sort.Strings(r.failed)
		s.Incomplete = true
		s.IncompleteReason = "AWS calls failed: " + strings.Join(r.failed, "; ")
	}
	evidence.Sort(s)
	return s
}

func (r *run) skippedSorted() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]string(nil), r.skipped...)
	sort.Strings(out)
	return out
}

func (r *run) add(res evidence.Resource) {
	res.Source = evidence.Source{Kind: "live", Collector: CollectorName, CollectedAt: r.now}
	if len(res.Unknown) == 0 {
		res.Unknown = nil
	}
	r.mu.Lock()
	r.resources = append(r.resources, res)
	r.mu.Unlock()
}

func (r *run) skip(msg string) {
	r.mu.Lock()
	r.skipped = append(r.skipped, msg)
	r.mu.Unlock()
}

// gap records that resourceType could not be listed in scope because of err.
// A permission error is a known gap; any other error also marks the snapshot
// incomplete, since it may hide resources nobody was told about.
func (r *run) gap(ctx context.Context, resourceType string, sc evidence.Scope, action string, err error) {
	if ctx.Err() != nil {
		return // cancellation is reported once, on the snapshot
	}
	nc := evidence.NotCollected{ResourceType: resourceType, Scope: sc, ScopeID: scopeID(sc)}
	if isDenied(err) {
		nc.Reason = "access denied: needs " + action
		nc.MissingPermission = action
	} else {
		nc.Reason = fmt.Sprintf("%s failed: %v", action, err)
	}
	r.mu.Lock()
	r.gaps = append(r.gaps, nc)
	if !isDenied(err) {
		r.failed = append(r.failed, fmt.Sprintf("%s %s: %s", scopeID(sc), resourceType, errSummary(err)))
	}
	r.mu.Unlock()
}

// unknownReason is what goes into a resource's unknown map for err, and
// records a non-permission failure on the snapshot as gap does.
func (r *run) unknownReason(sc evidence.Scope, what, action string, err error) string {
	if isDenied(err) {
		return "access denied: needs " + action
	}
	r.mu.Lock()
	r.failed = append(r.failed, fmt.Sprintf("%s %s: %s", scopeID(sc), what, errSummary(err)))
	r.mu.Unlock()
	return fmt.Sprintf("%s failed: %v", action, err)
}

func (r *run) addTasks(n int) {
	r.progressLock.Lock()
	r.tasksTotal += n
	r.progressLock.Unlock()
}

func (r *run) taskDone() {
	r.progressLock.Lock()
	r.tasksDone++
	p := Progress{TasksDone: r.tasksDone, TasksTotal: r.tasksTotal}
	s := r.stats.get()
	p.Calls, p.Throttles = s.Calls, s.Throttles
	// Called under the lock so progress lines never go backwards.
	if r.opts.Progress != nil {
		r.opts.Progress(p)
	}
	r.progressLock.Unlock()
}

func scopeID(sc evidence.Scope) string {
	if sc.Region == "" {
		return "aws:" + sc.AccountID
	}
	return "aws:" + sc.AccountID + "/" + sc.Region
}

// task is one unit of collection work within an account or account-region.
type task struct {
	name string
	fn   func(ctx context.Context) error
}

// runTasks runs tasks with the account-region's concurrency limit. Task
// functions record their own gaps; an error returned here is a bug or a
// cancellation and is only used to stop early. It reports whether every
// task ran to its end (what it read is then complete but for its gaps).
func (r *run) runTasks(ctx context.Context, tasks []task) bool {
	r.addTasks(len(tasks))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, t := range tasks {
		g.Go(func() error {
			defer r.taskDone()
			if gctx.Err() != nil {
				return gctx.Err()
			}
			return t.fn(gctx)
		})
	}
	err := g.Wait()
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		r.mu.Lock()
		r.failed = append(r.failed, err.Error())
		r.mu.Unlock()
	}
	return err == nil && ctx.Err() == nil
}
