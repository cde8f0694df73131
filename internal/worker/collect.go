package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/middleware"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/evidence"
)

type collectWorker struct {
	river.WorkerDefaults[CollectArgs]
	w *Worker
}

// Work collects one part and stores it with its job's completion. An
// error (the collector's, or the context's when the worker stops) leaves
// the part pending and River retries the job with backoff; the sweep
// turns a job River gave up on into a not_collected scope.
func (c *collectWorker) Work(ctx context.Context, job *river.Job[CollectArgs]) error {
	w := c.w
	a := job.Args
	w.logf("run %d: collecting %s (attempt %d of %d)", a.RunID, a.Part, job.Attempt, job.MaxAttempts)
	snap, err := w.collectPart(ctx, a)
	if err != nil {
		w.logf("run %d: %s failed: %s", a.RunID, a.Part, oneLine(err))
		return err
	}
	data, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("run %d: part %s: encode snapshot: %w", a.RunID, a.Part, err)
	}
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		stored, err := finishPart(ctx, tx, a.RunID, a.Part, partCollected, data, "")
		if err != nil {
			return err
		}
		if !stored {
			w.logf("run %d: %s was stored by an earlier attempt; this one is dropped", a.RunID, a.Part)
		} else {
			w.logf("run %d: %s collected: %d resources", a.RunID, a.Part, len(snap.Resources))
		}
		_, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// collectPart runs one shard of a collector with the worker's own
// environment, its HTTP traffic paced by the shared budget, and holds the
// result to the partial-result rule (collect.Hold).
func (w *Worker) collectPart(ctx context.Context, a CollectArgs) (*evidence.Snapshot, error) {
	switch a.Collector {
	case github.CollectorName:
		cfg, err := github.EnvConfig(w.opts.Env, github.Flags{Concurrency: github.DefaultConcurrency, MaxRateWait: github.DefaultMaxRateWait})
		if err != nil {
			return nil, err
		}
		budget := NewBudget(w.pool, "github:"+githubIdentity(cfg.Auth), w.opts.GitHubRate)
		cfg.Transport = transport{next: http.DefaultTransport, budget: budget}
		cfg.Targets = []github.Target{{Org: a.Org, Repos: a.Repos, Shard: github.RepoShard{Index: a.Shard, Count: a.Shards}}}
		snap, _, err := github.Collect(ctx, cfg)
		return collect.Hold(ctx, snap, err)
	case aws.CollectorName:
		opts := aws.EnvOptions(w.opts.Env, aws.Options{})
		opts.Targets = []aws.Target{{AccountID: a.AccountID, RoleARN: a.RoleARN, Regions: a.Regions}}
		opts.Shard = aws.Shard{Group: a.Group}
		budget := NewBudget(w.pool, "aws:account:"+cmpOr(a.AccountID, "default"), w.opts.AWSRate)
		// A middleware, not an HTTP client: the SDK must keep its own
		// buildable client to apply AWS_CA_BUNDLE. At the end of the
		// finalize step it runs once per attempt, retries included.
		opts.LoadOptions = append(opts.LoadOptions, config.WithAPIOptions([]func(*middleware.Stack) error{budgetMiddleware(budget)}))
		snap, _, err := aws.Collect(ctx, opts)
		return collect.Hold(ctx, snap, err)
	default:
		return nil, river.JobCancel(fmt.Errorf("part %s: unknown collector %q", a.Part, a.Collector))
	}
}

// githubIdentity names a GitHub budget by its credential without holding
// it: a token's SHA-256 (prefix), or the App installation.
func githubIdentity(a github.Auth) string {
	if a.Token != "" {
		h := sha256.Sum256([]byte(a.Token))
		return "token:" + hex.EncodeToString(h[:8])
	}
	return "app:" + strconv.FormatInt(a.AppID, 10) + "/" + strconv.FormatInt(a.InstallationID, 10)
}

// budgetMiddleware takes a token from the account's budget before every
// AWS call attempt.
func budgetMiddleware(b *Budget) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("RampartSharedBudget",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if err := b.Take(ctx); err != nil {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, err
				}
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	}
}
