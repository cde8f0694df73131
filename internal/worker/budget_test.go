package worker

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

// Two workers — two connection pools, as two processes would have —
// taking from one budget as fast as they can stay within its rate
// together: at most the burst plus the refill over the time they ran.
// Each alone would take that much, so a per-worker limit would let twice
// as many through.
func TestTwoWorkersShareOneBudget(t *testing.T) {
	dsn := pgtest.Start(t)
	rate := Rate{PerSecond: 40, Burst: 10}
	const run = 2 * time.Second
	var pools []*pgxpool.Pool
	for range 2 {
		pool, err := pgxpool.New(t.Context(), dsn)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		pools = append(pools, pool)
	}
	require.NoError(t, Migrate(t.Context(), pools[0]))

	ctx, cancel := context.WithTimeout(t.Context(), run)
	defer cancel()
	start := time.Now()
	var taken [2]atomic.Int64
	var wg sync.WaitGroup
	for i, pool := range pools {
		b := NewBudget(pool, "github:token:test", rate)
		for range 4 { // each worker's concurrent jobs
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b.Take(ctx) == nil {
					taken[i].Add(1)
				}
			}()
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	total := taken[0].Load() + taken[1].Load()
	limit := rate.Burst + rate.PerSecond*elapsed.Seconds()
	t.Logf("two workers took %d + %d = %d tokens in %s; budget %.0f", taken[0].Load(), taken[1].Load(), total, elapsed.Round(time.Millisecond), limit)
	assert.LessOrEqual(t, float64(total), limit, "the workers' combined rate exceeded the shared budget")
	// Not starved either: both worked, and together they used most of it.
	assert.Positive(t, taken[0].Load())
	assert.Positive(t, taken[1].Load())
	assert.GreaterOrEqual(t, float64(total), 0.7*limit, "the budget let far fewer through than its rate")
}

// The size a budget is created with stays its size: a second worker with
// other flags does not resize it under the first.
func TestBudgetSizeIsTheFirstWorkers(t *testing.T) {
	pool := newPool(t)
	first := NewBudget(pool, "aws:account:1", Rate{PerSecond: 5, Burst: 2})
	require.NoError(t, first.Take(t.Context()))
	second := NewBudget(pool, "aws:account:1", Rate{PerSecond: 500, Burst: 200})
	got, err := second.InEffect(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Rate{PerSecond: 5, Burst: 2}, got)

	bad := NewBudget(pool, "aws:account:2", Rate{})
	assert.ErrorContains(t, bad.Take(t.Context()), "want a positive rate")
}
