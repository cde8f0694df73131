package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/runner"
	"github.com/rampart-audit/rampart/internal/serve"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
	"github.com/rampart-audit/rampart/internal/worker"
)

// minTokenLength refuses a token short enough to guess.
const minTokenLength = 16

type serveFlags struct {
	load       loadFlags
	store      storeFlag
	addr       string
	authHeader string
	trustProxy bool
	grace      time.Duration
	retention  retentionFlags
}

func newServeCommand(p Params) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve WORKSPACE",
		Short: "Run the workspace's scheduled audits, keep them in the store, and serve the dashboard, JSON API and metrics",
		Long: `Run the audits the workspace's schedule blocks describe, record every run in
the store, and serve what the store holds: a dashboard (/), the JSON API
(/api/v1/…, described at /api/v1/openapi.json), Prometheus metrics
(/metrics), /healthz and /readyz. After each run, the notify blocks'
webhooks are told of new critical or high failures, expired waivers and
lost coverage. A run can also be started with POST /api/v1/runs or the
dashboard's "Run now". One audit runs at a time: a schedule due while one
runs is skipped and counted (rampart_schedule_skips_total).

Authentication is required: the bearer token in RAMPART_SERVE_TOKEN (at
least 16 characters; browsers sign in with it once), or a reverse proxy's
user header with --trust-proxy --auth-header X-Forwarded-User. /healthz and
/readyz are open.

With a PostgreSQL store, runs that collect live evidence are handed to the
rampart worker processes of that database and followed to their end; runs
of recorded evidence or with training records run in this process. With
SQLite every run runs here.

--prune-keep-last and --prune-older-than prune the store after each
complete run, as rampart runs prune does.

SIGINT or SIGTERM stops scheduling, lets a running audit finish within
--grace (then it is cancelled and recorded incomplete; a run on the
workers goes on), and drains the HTTP server. See docs/serve.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), p, f, args[0])
		},
	}
	f.load.register(cmd)
	f.store.register(cmd, "the run store to record in and serve (default: the user data dir)")
	f.store.registerIncremental(cmd)
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&f.authHeader, "auth-header", "", "authenticate by this header set by a reverse proxy (needs --trust-proxy), e.g. X-Forwarded-User")
	cmd.Flags().BoolVar(&f.trustProxy, "trust-proxy", false, "trust --auth-header: only when nothing but the proxy can reach --addr")
	cmd.Flags().DurationVar(&f.grace, "grace", 5*time.Minute, "on SIGINT/SIGTERM, how long a running audit may take to finish before it is cancelled")
	f.retention.register(cmd, "prune-", "after each complete run, ")
	return cmd
}

func serveAuth(p Params, f serveFlags) (serve.Auth, error) {
	token := p.Getenv("RAMPART_SERVE_TOKEN")
	switch {
	case f.authHeader != "" && !f.trustProxy:
		return nil, errors.New("--auth-header needs --trust-proxy: the header is only proof of a user when a proxy that authenticates sets it")
	case f.trustProxy && f.authHeader == "":
		return nil, errors.New("--trust-proxy needs --auth-header, the header the proxy sets (X-Forwarded-User)")
	case f.trustProxy && token != "":
		return nil, errors.New("give RAMPART_SERVE_TOKEN or --trust-proxy --auth-header, not both")
	case f.trustProxy:
		return serve.ProxyAuth{Header: f.authHeader}, nil
	case token == "":
		return nil, errors.New("no authentication: set RAMPART_SERVE_TOKEN (a random string of 16 characters or more), or put the server behind an authenticating proxy with --trust-proxy --auth-header X-Forwarded-User")
	case len(token) < minTokenLength:
		return nil, fmt.Errorf("RAMPART_SERVE_TOKEN is %d characters; use at least %d (openssl rand -hex 32)", len(token), minTokenLength)
	}
	return serve.NewTokenAuth(token), nil
}

// serveStoreDSN is --store, else RAMPART_STORE, else the default SQLite
// file, created on first use: a server records runs.
func serveStoreDSN(p Params, s *storeFlag) (string, error) {
	if dsn := s.given(p); dsn != "" {
		return dsn, nil
	}
	path, err := store.DefaultPath(p.Getenv)
	if err != nil {
		return "", err
	}
	return "file:" + path, nil
}

func runServe(ctx context.Context, p Params, f serveFlags, workspace string) error {
	auth, err := serveAuth(p, f)
	if err != nil {
		return usageError("%v", err)
	}
	if f.grace < 0 {
		return usageError("--grace must not be negative")
	}
	keepLast, olderThan, _, err := f.retention.rule("prune-")
	if err != nil {
		return err
	}
	retention := serve.Retention{KeepLast: keepLast, OlderThan: olderThan}
	// The workspace is read once here for its schedules and notify blocks
	// (and to refuse a broken one before listening); every run reads it
	// again, so an edit reaches the next run without a restart.
	in, err := pipeline.Load(ctx, f.load.controls, f.load.policies, workspace)
	if in != nil {
		diags := in.Diagnostics
		if in.Workspace != nil && err == nil {
			diags = append(diags, checkSchedules(in, workspace)...)
		}
		printDiagnostics(p.Stderr, in.Workspace, diags)
		if err == nil && diags.HasErrors() {
			return exitWith(verdict.ExitInput, errors.New("errors in the workspace's schedule blocks"))
		}
	}
	if err != nil {
		return loadError(p, err, in)
	}
	ws := in.Workspace
	dsn, err := serveStoreDSN(p, &f.store)
	if err != nil {
		return usageError("--store: %v", err)
	}
	st, err := openStore(ctx, p, dsn) // says which runs a stopped process left unfinished
	if err != nil {
		return err
	}
	defer st.Close()

	var srv *serve.Server
	audit := func(ctx context.Context, job serve.Job) (store.RunID, error) {
		cfg := pipeline.Config{
			Controls: f.load.controls, Policies: f.load.policies, Workspace: workspace,
			EvidenceFiles: inWorkspace(workspace, job.Evidence), WorkspaceEvidence: len(job.Collect) == 0,
			Frameworks: job.Frameworks, Now: p.Now,
		}
		if job.TrainingRecords != "" {
			cfg.Records = inWorkspace(workspace, []string{job.TrainingRecords})[0]
		}
		if len(job.Collect) > 0 {
			cfg.Collect = func(ctx context.Context, ws *model.Workspace) ([]*evidence.Snapshot, error) {
				return collectEach(ctx, p, ws, job.Collect, func(c collect.Collector) {
					if tc, ok := c.(collect.TrafficCounter); ok {
						req, thr := tc.Traffic()
						srv.Metrics().ObserveCollector(c.Name(), req, thr)
					}
				})
			}
		}
		_, id, err := runner.Audit(ctx, st, cfg, store.Start{Trigger: job.Trigger, Workspace: workspace, Collectors: job.Collect, StartedAt: p.Now()}, f.store.runnerOptions()...)
		return id, err
	}
	where := "in this process"
	if isPostgresDSN(dsn) {
		// A PostgreSQL store has the job queue: live runs go to the
		// rampart worker processes, the rest stay here (serve.Distributable).
		pool, err := pgxpool.New(ctx, dsn)
		if err == nil {
			err = pool.Ping(ctx)
		}
		if err != nil {
			return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("open the job queue: %w", err))
		}
		defer pool.Close()
		retention.Forget = func(ctx context.Context, runs []store.RunID) error {
			_, err := worker.Forget(ctx, pool, runs)
			return err
		}
		audit = serve.Queue{Pool: pool, Store: st, Workspace: workspace, Controls: f.load.controls, Policies: f.load.policies,
			Now: p.Now, Log: p.Stderr}.Auditor(audit)
		where = "live collection on rampart worker processes"
	}
	srv, err = serve.New(serve.Options{
		Store: st, Workspace: workspace, Schedules: ws.Schedules, Notifies: ws.Notifies,
		Audit: audit, Auth: auth, Log: p.Stderr, Getenv: p.Getenv, Retention: retention,
	})
	if err != nil {
		return exitWith(verdict.ExitInput, err)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError("--addr: %v", err)
	}
	names := make([]string, 0, len(ws.Schedules))
	for _, s := range ws.Schedules {
		names = append(names, s.Name)
	}
	fmt.Fprintf(p.Stderr, "rampart serve: %s on http://%s/ (store %s; runs: %s; schedules: %s)\n", workspace, ln.Addr(), storeName(dsn), where, orNone(names))
	if err := srv.Serve(ctx, ln, f.grace); err != nil {
		return exitWith(verdict.ExitNotEvaluated, err)
	}
	fmt.Fprintln(p.Stderr, "rampart serve: stopped")
	return nil
}

// checkSchedules finds before anything runs what would make every run of
// a schedule fail: a collector the build lacks, a framework no loaded
// control maps to, a training-records file that is not there.
func checkSchedules(in *pipeline.Inputs, workspace string) hcl.Diagnostics {
	diags := in.Workspace.CheckScheduleCollectors(collect.Names())
	errorAt := func(s *model.Schedule, attr, format string, args ...any) {
		r := s.AttrRange(attr, -1)
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid schedule",
			Detail: fmt.Sprintf("schedule %q: ", s.Name) + fmt.Sprintf(format, args...), Subject: &r})
	}
	for _, s := range in.Workspace.Schedules {
		if err := governance.CheckFrameworks(s.Frameworks, in.Controls()); err != nil {
			errorAt(s, "frameworks", "%v.", err)
		}
		if s.TrainingRecords != "" {
			if _, err := os.Stat(inWorkspace(workspace, []string{s.TrainingRecords})[0]); err != nil {
				errorAt(s, "training_records", "%v.", err)
			}
		}
	}
	return diags
}

// inWorkspace resolves a schedule's relative paths against the workspace,
// where the HCL that names them lives.
func inWorkspace(workspace string, paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(workspace, p)
		}
		out = append(out, p)
	}
	return out
}

// isPostgresDSN says whether dsn names a PostgreSQL store (store.Open's rule).
func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none (runs start with POST /api/v1/runs)"
	}
	return strings.Join(names, ", ")
}
