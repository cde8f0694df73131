package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
	"github.com/rampart-audit/rampart/internal/worker"
)

// retentionFlags are the retention rules of `runs prune` and `serve`.
type retentionFlags struct {
	keepLast  int
	olderThan string
}

func (f *retentionFlags) register(cmd *cobra.Command, prefix, when string) {
	cmd.Flags().IntVar(&f.keepLast, prefix+"keep-last", 0, when+"keep the newest N complete runs (and every run begun after the oldest of them)")
	cmd.Flags().StringVar(&f.olderThan, prefix+"older-than", "", when+"delete the runs begun longer ago than this: 90d, 12w, 36h")
}

// rule is the store's retention for the flags; ok is false when none was
// given. olderThan is kept as a duration: a server computes its cut-off
// at every prune.
func (f *retentionFlags) rule(prefix string) (keepLast int, olderThan time.Duration, ok bool, err error) {
	if f.keepLast < 0 {
		return 0, 0, false, usageError("--%skeep-last: %d is negative", prefix, f.keepLast)
	}
	if f.olderThan != "" {
		if olderThan, err = model.ParseDuration(f.olderThan); err != nil {
			return 0, 0, false, usageError("--%solder-than: %v", prefix, err)
		}
	}
	return f.keepLast, olderThan, f.keepLast > 0 || olderThan > 0, nil
}

func newRunsPruneCommand(p Params) *cobra.Command {
	var st storeFlag
	var keep retentionFlags
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "prune --keep-last N | --older-than 90d",
		Short: "Delete old runs and the stored evidence no remaining run references",
		Long: `Delete the finished runs that no rule keeps — with both rules, a run is
deleted only when neither keeps it — and then every stored resource,
evidence map, finding key and result that no remaining run references, in
one transaction: a failure deletes nothing. A run still running (in
progress, or queued for rampart worker processes) and the newest complete
run are never deleted. Prints the runs deleted and the compressed bytes
freed. With a PostgreSQL store, the job-queue rows of the deleted runs go
too. SQLite reuses the freed pages; the file shrinks only with VACUUM.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keepLast, olderThan, ok, err := keep.rule("")
			if err != nil {
				return err
			}
			if !ok {
				return usageError("runs prune needs --keep-last N or --older-than DURATION (or both)")
			}
			ctx := cmd.Context()
			dsn, err := readStoreDSN(p, &st)
			if err != nil {
				return err
			}
			s, err := openStore(ctx, p, dsn)
			if err != nil {
				return err
			}
			defer s.Close()
			rule := store.Retention{KeepLast: keepLast, DryRun: dryRun}
			if olderThan > 0 {
				rule.Before = p.Now().Add(-olderThan)
			}
			pruned, err := s.Prune(ctx, rule)
			if err != nil {
				return exitWith(verdict.ExitNotEvaluated, err)
			}
			if !dryRun && isPostgresDSN(dsn) && len(pruned.Runs) > 0 {
				if err := forgetQueued(ctx, dsn, pruned.Runs); err != nil {
					return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("the runs were pruned, their job-queue rows not: %w", err))
				}
			}
			printPruned(p.Stdout, rule, pruned)
			return nil
		},
	}
	st.register(cmd, "the run store to prune")
	keep.register(cmd, "", "")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list the runs that would be deleted and delete nothing")
	return cmd
}

// forgetQueued deletes the job-queue rows of pruned distributed runs.
func forgetQueued(ctx context.Context, dsn string, runs []store.RunID) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = worker.Forget(ctx, pool, runs)
	return err
}

func printPruned(w io.Writer, rule store.Retention, p store.Pruned) {
	verb := "deleted"
	if rule.DryRun {
		verb = "would delete"
	}
	if len(p.Runs) == 0 {
		fmt.Fprintf(w, "runs prune: nothing to delete (%s)\n", rule)
		return
	}
	ids := make([]string, len(p.Runs))
	for i, id := range p.Runs {
		ids[i] = fmt.Sprint(id)
	}
	fmt.Fprintf(w, "runs prune: %s %d runs (%s): %s\n", verb, len(p.Runs), rule, strings.Join(ids, ", "))
	if rule.DryRun {
		fmt.Fprintf(w, "runs prune: their reports hold %d bytes; what else no run would reference is known once they are gone\n", p.ReportBytes)
		return
	}
	fmt.Fprintf(w, "runs prune: %d bytes freed: reports %d, resources %d (%d), evidence maps %d (%d); %d finding keys and %d finding results no run referenced\n",
		p.Bytes(), p.ReportBytes, p.ResourceBytes, p.Resources, p.EvidenceMapBytes, p.EvidenceMaps, p.FindingKeys, p.FindingResults)
}
