package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newRunsCommand(p Params) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "Read the run store: list runs, show one in any report format, diff two, trends over all; prune old runs",
		Long: `Read the runs that rampart audit --store recorded (docs/serve.md).

The store is --store, else ` + StoreEnv + `, else the default file in the
user data folder ($XDG_DATA_HOME/rampart/rampart.db, ~/.local/share/rampart/rampart.db).
Opening a store marks runs whose process is gone incomplete, and says so.`,
	}
	cmd.AddCommand(newRunsListCommand(p), newRunsShowCommand(p), newRunsDiffCommand(p), newRunsTrendsCommand(p), newRunsPruneCommand(p))
	return cmd
}

// runsFlags are the flags every runs subcommand shares.
type runsFlags struct {
	store  storeFlag
	format string
}

func (f *runsFlags) register(cmd *cobra.Command) {
	f.store.register(cmd, "the run store to read")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: "+strings.Join(history.Formats, ", "))
}

// open opens the store the flags name, after checking the format.
func (f *runsFlags) open(ctx context.Context, p Params) (store.Store, error) {
	if f.format != "" {
		if err := checkHistoryFormat(f.format); err != nil {
			return nil, err
		}
	}
	dsn, err := readStoreDSN(p, &f.store)
	if err != nil {
		return nil, err
	}
	return openStore(ctx, p, dsn)
}

func checkHistoryFormat(format string) error {
	for _, f := range history.Formats {
		if f == format {
			return nil
		}
	}
	return usageError("--format: unknown format %q (available: %s)", format, strings.Join(history.Formats, ", "))
}

func newRunsListCommand(p Params) *cobra.Command {
	var f runsFlags
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the stored runs, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return usageError("--limit: %d is negative", limit)
			}
			st, err := f.open(cmd.Context(), p)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context(), limit)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			return history.WriteRuns(p.Stdout, f.format, runs)
		},
	}
	f.register(cmd)
	cmd.Flags().IntVar(&limit, "limit", 20, "at most this many runs (0: all)")
	return cmd
}

func newRunsShowCommand(p Params) *cobra.Command {
	var f runsFlags
	var formats []string
	var output string
	cmd := &cobra.Command{
		Use:   "show RUN",
		Short: "Render a stored run's report in any report format (RUN: an ID or \"latest\")",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			outputs, err := parseOutputs(formats, output)
			if err != nil {
				return usageError("%v", err)
			}
			f.format = ""
			st, err := f.open(cmd.Context(), p)
			if err != nil {
				return err
			}
			defer st.Close()
			rec, err := getRun(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			return writeOutputs(cmd.Context(), outputs, rec.Report, p.Stdout)
		},
	}
	f.store.register(cmd, "the run store to read")
	cmd.Flags().StringArrayVar(&formats, "format", nil, "output format, repeatable: "+strings.Join(report.Formats(), ", ")+", or NAME=FILE to write one to a file")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this file instead of standard output")
	return cmd
}

// getRun reads a Complete run by its ID or "latest".
func getRun(ctx context.Context, st store.Store, arg string) (*store.Recorded, error) {
	var id store.RunID
	if arg == "latest" {
		latest, err := st.Latest(ctx, 1)
		if err != nil {
			return nil, exitWith(verdict.ExitInput, err)
		}
		if len(latest) == 0 {
			return nil, usageError("the store holds no complete run")
		}
		id = latest[0].ID
	} else {
		n, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || n <= 0 {
			return nil, usageError("run %q: want a run ID (a positive number, as rampart runs list shows) or \"latest\"", arg)
		}
		id = store.RunID(n)
	}
	rec, err := st.Get(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, usageError("run %d is not in the store", id)
	}
	if err != nil {
		return nil, exitWith(verdict.ExitInput, err)
	}
	if rec.State != store.Complete {
		why := ""
		if rec.Reason != "" {
			why = " (" + rec.Reason + ")"
		}
		return nil, exitWith(verdict.ExitNotEvaluated, fmt.Errorf("run %d is %s%s: it has no report", id, rec.State, why))
	}
	return rec, nil
}

func newRunsDiffCommand(p Params) *cobra.Command {
	var f runsFlags
	cmd := &cobra.Command{
		Use:   "diff [A B]",
		Short: "What changed from run A to run B (default: the last two complete runs)",
		Long: `What changed from run A to run B: new failures, regressed (pass or
not_evaluated → fail), resolved, still failing, waivers that started or
ended, risks whose residual crossed the appetite, and coverage lost. A
failure the later run could not check — not collected, not evaluated, its
scope absent — is listed as not checked, never as resolved.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return usageError("runs diff takes two runs (A B) or none (the last two complete runs)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := f.open(ctx, p)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(args) == 0 {
				latest, err := st.Latest(ctx, 2)
				if err != nil {
					return exitWith(verdict.ExitInput, err)
				}
				if len(latest) < 2 {
					return usageError("the store holds %d complete run(s): a diff needs two", len(latest))
				}
				args = []string{strconv.FormatInt(int64(latest[1].ID), 10), strconv.FormatInt(int64(latest[0].ID), 10)}
			}
			from, err := getRun(ctx, st, args[0])
			if err != nil {
				return err
			}
			to, err := getRun(ctx, st, args[1])
			if err != nil {
				return err
			}
			return history.WriteDiff(p.Stdout, f.format, history.Compute(from, to))
		},
	}
	f.register(cmd)
	return cmd
}

func newRunsTrendsCommand(p Params) *cobra.Command {
	var f runsFlags
	var last int
	cmd := &cobra.Command{
		Use:   "trends",
		Short: "Time to resolve and age of open failures per control and system, residual risk and framework pass rate over the runs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if last < 0 {
				return usageError("--last: %d is negative", last)
			}
			ctx := cmd.Context()
			st, err := f.open(ctx, p)
			if err != nil {
				return err
			}
			defer st.Close()
			// From the store's rows: no report is decoded (store.Trends).
			data, err := st.Trends(ctx, last)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			t, err := history.TrendsFromRows(ctx, data, st.EvidenceMap)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			return history.WriteTrends(p.Stdout, f.format, t)
		},
	}
	f.register(cmd)
	cmd.Flags().IntVar(&last, "last", 30, "read the last this many complete runs (0: all)")
	return cmd
}
