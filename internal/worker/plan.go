package worker

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
)

type planWorker struct {
	river.WorkerDefaults[PlanArgs]
	w *Worker
}

// Work reads the workspace (checked against the run's hash), lists the
// collection jobs and inserts them with their part rows and its own
// completion in one transaction: a plan that crashed half-way inserted
// nothing, and its retry starts over.
func (p *planWorker) Work(ctx context.Context, job *river.Job[PlanArgs]) error {
	w := p.w
	runID := job.Args.RunID
	spec, err := w.spec(ctx, runID)
	if err != nil {
		return err
	}
	ws, err := w.checkedWorkspace(ctx, spec)
	if err != nil {
		w.logf("run %d: refused: %s", runID, oneLine(err))
		return err
	}
	jobs, err := w.plan(ctx, spec, ws, runID)
	if err != nil {
		w.logf("run %d: plan failed: %s", runID, oneLine(err))
		return err
	}
	if len(jobs) == 0 {
		return w.refuse(ctx, runID, "nothing to collect: the run names no collectors")
	}
	err = pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		state, _, err := lockRun(ctx, tx, runID)
		if err != nil {
			return err
		}
		if state != statePlanning {
			// An earlier attempt planned the run and crashed before its job
			// was marked complete: its jobs stand.
			_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
			return err
		}
		params := make([]river.InsertManyParams, 0, len(jobs))
		for _, a := range jobs {
			if _, err := tx.Exec(ctx, `INSERT INTO rampart_dist_part (run_id, part, job, state) VALUES ($1, $2, $3, $4)`,
				runID, a.Part, a, partPending); err != nil {
				return fmt.Errorf("plan run %d: part %s: %w", runID, a.Part, err)
			}
			params = append(params, river.InsertManyParams{Args: a, InsertOpts: &river.InsertOpts{MaxAttempts: w.opts.MaxAttempts}})
		}
		if _, err := river.ClientFromContext[pgx.Tx](ctx).InsertManyTx(ctx, tx, params); err != nil {
			return fmt.Errorf("plan run %d: enqueue: %w", runID, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE rampart_dist_run SET state = $2 WHERE run_id = $1`, runID, stateCollecting); err != nil {
			return fmt.Errorf("plan run %d: %w", runID, err)
		}
		w.logf("run %d: planned %d collection jobs", runID, len(jobs))
		_, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
	if err != nil {
		w.logf("run %d: plan failed: %s", runID, oneLine(err))
	}
	return err
}

// plan lists the collection jobs of a run, in a stable order.
func (w *Worker) plan(ctx context.Context, spec Spec, ws *model.Workspace, runID int64) ([]CollectArgs, error) {
	var out []CollectArgs
	for _, name := range spec.Collectors {
		switch name {
		case github.CollectorName:
			targets := github.WorkspaceTargets(ws)
			if len(targets) == 0 {
				return nil, river.JobCancel(fmt.Errorf("run %d: github: no system of the workspace has a github block naming an organization", runID))
			}
			n := spec.GitHubShards
			if n <= 0 {
				n = w.opts.GitHubShards
			}
			for _, t := range targets {
				for i := range n {
					out = append(out, CollectArgs{RunID: runID, Collector: name, Part: fmt.Sprintf("github/%s/%dof%d", t.Org, i+1, n),
						Org: t.Org, Repos: t.Repos, Shard: i, Shards: n})
				}
			}
		case aws.CollectorName:
			jobs, err := w.planAWS(ctx, ws, runID)
			if err != nil {
				return nil, err
			}
			out = append(out, jobs...)
		default:
			return nil, river.JobCancel(fmt.Errorf("run %d: collector %q cannot run distributed (available: github, aws)", runID, name))
		}
	}
	return out, nil
}

// planAWS makes one job for each account's global services and one per
// (region, regional group). The regions are listed now, with the
// worker's credentials; an account whose regions cannot be listed gets
// its global job alone, which records the same failure as not_collected
// for every regional type — never an account that silently has none.
func (w *Worker) planAWS(ctx context.Context, ws *model.Workspace, runID int64) ([]CollectArgs, error) {
	targets := aws.MergeTargets(aws.WorkspaceTargets(ws))
	if len(targets) == 0 {
		targets = []aws.Target{{}} // the credentials' own account, as audit --collect aws does
	}
	opts := aws.EnvOptions(w.opts.Env, aws.Options{})
	var out []CollectArgs
	for _, t := range targets {
		acct := cmpOr(t.AccountID, "default")
		base := CollectArgs{RunID: runID, Collector: aws.CollectorName, AccountID: t.AccountID, RoleARN: t.RoleARN, Regions: t.Regions}
		global := base
		global.Group, global.Part = aws.GroupGlobal, "aws/"+acct+"/global"
		out = append(out, global)
		regions, err := aws.Regions(ctx, opts, t)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			w.logf("run %d: aws %s: regions not listed, the global job records why: %s", runID, acct, oneLine(err))
			continue
		}
		for _, region := range regions {
			for _, g := range aws.RegionalGroups {
				a := base
				a.Region, a.Group, a.Regions = region, g, []string{region}
				a.Part = "aws/" + acct + "/" + region + "/" + g
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// checkedWorkspace refuses a worker whose files differ from the run's,
// then loads the workspace.
func (w *Worker) checkedWorkspace(ctx context.Context, spec Spec) (*model.Workspace, error) {
	if err := checkInputs(spec); err != nil {
		return nil, err
	}
	in, err := pipeline.Load(ctx, spec.Controls, spec.Policies, spec.Workspace)
	if err != nil {
		return nil, fmt.Errorf("load workspace %s: %w", spec.Workspace, err)
	}
	return in.Workspace, nil
}

func checkInputs(spec Spec) error {
	got, err := InputsHash(spec)
	if err != nil {
		return err
	}
	if got != spec.InputsHash {
		return fmt.Errorf("%w: the run's inputs hash to %s, this worker's %s (run the worker from a checkout of the same commit)",
			ErrInputsMismatch, short(spec.InputsHash), short(got))
	}
	return nil
}

func (w *Worker) spec(ctx context.Context, runID int64) (Spec, error) {
	var spec Spec
	err := pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		var err error
		_, spec, err = lockRun(ctx, tx, runID)
		return err
	})
	return spec, err
}

// refuse aborts a run that cannot be planned whatever is retried, and
// cancels its job.
func (w *Worker) refuse(ctx context.Context, runID int64, reason string) error {
	if err := w.abort(ctx, runID, reason); err != nil {
		return err
	}
	return river.JobCancel(errors.New(reason))
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", " ") }

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
