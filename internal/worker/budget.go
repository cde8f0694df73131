package worker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Rate is a budget's size: at most Burst requests at once, refilled at
// PerSecond.
type Rate struct {
	PerSecond float64
	Burst     float64
}

// Default budgets. GitHub's primary limit is 5,000 requests an hour per
// token; AWS throttles per account and API, and 20 calls a second across
// all of a run's workers stays clear of the lowest common limits (IAM's
// control-plane APIs) while a collector's own retries absorb the rest.
var (
	DefaultGitHubRate = Rate{PerSecond: 5000.0 / 3600, Burst: 100}
	DefaultAWSRate    = Rate{PerSecond: 20, Burst: 40}
)

func (r Rate) check(name string) error {
	if r.PerSecond <= 0 || r.Burst < 1 {
		return fmt.Errorf("%s budget: want a positive rate and a burst of at least 1, not %g/s burst %g", name, r.PerSecond, r.Burst)
	}
	return nil
}

// Budget is one shared token bucket, a row of rampart_budget: every worker
// of every machine takes from the same row, under its row lock, so the
// rate holds for their sum. The bucket's size is the one written when the
// row was created (the first worker to use it); `rampart worker` logs the
// size in effect.
type Budget struct {
	pool *pgxpool.Pool
	name string
	rate Rate
	// sleep waits for tokens; tests shorten nothing, it is time.After.
	sleep func(ctx context.Context, d time.Duration) error
}

// NewBudget returns the budget named name (such as "github:token:<hash>"
// or "aws:account:<id>"), created with rate if it does not exist yet.
func NewBudget(pool *pgxpool.Pool, name string, rate Rate) *Budget {
	return &Budget{pool: pool, name: name, rate: rate, sleep: sleepCtx}
}

// Take waits until one token is available and takes it. It returns early
// only with the context's error.
func (b *Budget) Take(ctx context.Context) error {
	for {
		wait, err := b.try(ctx)
		if err != nil {
			return err
		}
		if wait <= 0 {
			return nil
		}
		if err := b.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// try takes a token if the bucket holds one; otherwise it says how long
// until it will. The refill is computed from the database's clock, so
// workers whose clocks disagree still share one rate.
func (b *Budget) try(ctx context.Context) (time.Duration, error) {
	if err := b.rate.check(b.name); err != nil {
		return 0, err
	}
	var wait time.Duration
	err := pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO rampart_budget (name, tokens, capacity, per_second, updated_at)
			VALUES ($1, $2, $2, $3, clock_timestamp()) ON CONFLICT (name) DO NOTHING`, b.name, b.rate.Burst, b.rate.PerSecond); err != nil {
			return err
		}
		var tokens, perSecond float64
		// FOR UPDATE: the refill and the take are one step for all workers.
		err := tx.QueryRow(ctx, `SELECT LEAST(capacity, tokens + per_second * EXTRACT(EPOCH FROM clock_timestamp() - updated_at)), per_second
			FROM rampart_budget WHERE name = $1 FOR UPDATE`, b.name).Scan(&tokens, &perSecond)
		if err != nil {
			return err
		}
		if tokens < 1 {
			wait = time.Duration((1 - tokens) / perSecond * float64(time.Second))
			wait = max(wait, time.Millisecond)
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE rampart_budget SET tokens = $2 - 1, updated_at = clock_timestamp() WHERE name = $1`, b.name, tokens)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("take from budget %s: %w", b.name, err)
	}
	return wait, nil
}

// InEffect reads the size the budget's row holds (which may be another
// worker's), for the worker's log.
func (b *Budget) InEffect(ctx context.Context) (Rate, error) {
	var r Rate
	err := b.pool.QueryRow(ctx, `SELECT per_second, capacity FROM rampart_budget WHERE name = $1`, b.name).Scan(&r.PerSecond, &r.Burst)
	if errors.Is(err, pgx.ErrNoRows) {
		return b.rate, nil
	}
	if err != nil {
		return r, fmt.Errorf("read budget %s: %w", b.name, err)
	}
	return r, nil
}

// transport takes a token from the budget before every request, so a
// collector's traffic — retries included — is paced by the shared rate.
type transport struct {
	next   http.RoundTripper
	budget *Budget
}

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.budget.Take(req.Context()); err != nil {
		if req.Body != nil {
			_ = req.Body.Close() // RoundTrip must close the body, also on error
		}
		return nil, err
	}
	return t.next.RoundTrip(req)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
