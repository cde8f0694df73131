package engine

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgressGivesEachSectionItsLimit: every section of a batch gets the
// full limit from its own mark: sections shorter than the limit never fire
// however long the batch runs, and the section that overruns is the one
// blamed, no sooner than a full limit after its mark.
func TestProgressGivesEachSectionItsLimit(t *testing.T) {
	t.Parallel()
	const limit = time.Second
	t.Run("short sections outlast the limit together", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		p := &progress{current: -1, timedOut: -1, limit: limit, cancel: cancel}
		defer p.stop()
		start := time.Now()
		for i := range 5 {
			require.NoError(t, p.mark(i))
			time.Sleep(limit / 4)
		}
		require.Greater(t, time.Since(start), limit, "the batch as a whole ran past one limit")
		assert.NoError(t, ctx.Err(), "no section ran out of its limit")
		assert.Equal(t, -1, p.culprit())
	})
	t.Run("the overrunning section is blamed", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		p := &progress{current: -1, timedOut: -1, limit: limit, cancel: cancel}
		defer p.stop()
		require.NoError(t, p.mark(0))
		time.Sleep(limit / 2)
		require.NoError(t, p.mark(1))
		marked := time.Now()
		select {
		case <-ctx.Done():
		case <-time.After(30 * limit):
			t.Fatal("the time limit never fired")
		}
		assert.GreaterOrEqual(t, time.Since(marked), limit, "section 1 had its full limit")
		assert.Equal(t, 1, p.culprit())
		assert.Error(t, p.mark(2), "a mark after the limit fired fails the query")
	})
}
