package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/runner"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// StoreEnv names the run store when --store is not given.
const StoreEnv = "RAMPART_STORE"

// storeFlag is --store: the run store a command records in or reads.
type storeFlag struct {
	dsn string
	// full is --no-incremental: evaluate every result, reuse none.
	full bool
}

func (s *storeFlag) register(cmd *cobra.Command, usage string) {
	cmd.Flags().StringVar(&s.dsn, "store", "", usage+": file:PATH (SQLite) or postgres://… (also "+StoreEnv+")")
}

// registerIncremental adds --no-incremental to a command that records runs.
func (s *storeFlag) registerIncremental(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&s.full, "no-incremental", false, "with --store: evaluate every control on every resource instead of reusing the results of the last run whose inputs were unchanged")
}

// runnerOptions are the runner's options for --no-incremental.
func (s *storeFlag) runnerOptions() []runner.Option {
	if s.full {
		return []runner.Option{runner.FullEvaluation()}
	}
	return nil
}

// given is the store named by --store or RAMPART_STORE, "" for none.
func (s *storeFlag) given(p Params) string {
	if s.dsn != "" {
		return s.dsn
	}
	return p.Getenv(StoreEnv)
}

// openStore opens a store and says on stderr which earlier runs it found
// cut short, now marked incomplete.
func openStore(ctx context.Context, p Params, dsn string) (store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("--store: %w", err))
	}
	recovered, err := st.Recover(ctx)
	if err != nil {
		st.Close()
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("--store: %w", err))
	}
	printRecovered(p.Stderr, recovered)
	return st, nil
}

func printRecovered(w io.Writer, runs []store.Run) {
	for _, r := range runs {
		fmt.Fprintf(w, "run %d (started %s) did not finish: marked incomplete\n", r.ID, r.StartedAt.UTC().Format("2006-01-02 15:04:05Z"))
	}
}

// run is the audit's pipeline.Run: recorded in the store when one is
// named. A run that could not be recorded is an error, no report: the
// user asked for a kept run and must not believe there is one.
func (s *storeFlag) run(ctx context.Context, p Params, cfg pipeline.Config, workspace string, collectors []string) (*report.Report, error) {
	dsn := s.given(p)
	if dsn == "" {
		return pipeline.Run(ctx, cfg)
	}
	st, err := openStore(ctx, p, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var inc *runner.Incremental
	r, id, err := runner.Audit(ctx, st, cfg, store.Start{Trigger: "audit", Workspace: workspace, Collectors: collectors},
		append(s.runnerOptions(), runner.Tell(&inc))...)
	var se *pipeline.Error
	switch {
	case err != nil && errors.As(err, &se):
		fmt.Fprintf(p.Stderr, "run %d recorded as incomplete\n", id)
		return nil, err
	case err != nil && r != nil:
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("%w; no report written", err))
	case err != nil:
		return nil, exitWith(verdict.ExitInput, err)
	case pipeline.Interrupted(ctx):
		fmt.Fprintf(p.Stderr, "run %d recorded as incomplete: %s\n", id, runner.InterruptedReason)
	case s.full || inc.Results() == nil:
		fmt.Fprintf(p.Stderr, "recorded run %d in %s\n", id, storeName(dsn))
	case inc.From == 0:
		fmt.Fprintf(p.Stderr, "recorded run %d in %s (no earlier run of these controls to reuse results from: every result evaluated)\n", id, storeName(dsn))
	default:
		fmt.Fprintf(p.Stderr, "recorded run %d in %s (%d of %d results reused from run %d)\n", id, storeName(dsn), inc.Reused(), len(r.Findings), inc.From)
	}
	return r, nil
}

// storeName names a store for messages without a password.
func storeName(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "the PostgreSQL store"
	}
	return strings.TrimPrefix(dsn, "file:")
}

// readStoreDSN is the store the runs commands read: --store, else
// RAMPART_STORE, else the default path — which must exist: reading is no
// reason to create an empty store.
func readStoreDSN(p Params, s *storeFlag) (string, error) {
	if dsn := s.given(p); dsn != "" {
		return dsn, nil
	}
	path, err := store.DefaultPath(p.Getenv)
	if err != nil {
		return "", usageError("%v", err)
	}
	if _, err := os.Stat(path); err != nil {
		return "", usageError("no run store at %s (the default): record runs with `rampart audit --store file:%s`, or name one with --store or %s", path, path, StoreEnv)
	}
	return "file:" + path, nil
}
