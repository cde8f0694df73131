package gcwatch

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// collect runs collections until cond holds or a second has passed: a
// finalizer runs on its own goroutine after the collection that found its
// object unreachable.
func collect(cond func() bool) bool {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		if cond() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return cond()
}

// TestAfterEachSeesEveryCollectionUntilStopped: f is called after
// collections with the live heap, again and again while it says so, and
// never after stop has returned.
func TestAfterEachSeesEveryCollectionUntilStopped(t *testing.T) {
	var calls atomic.Int64
	var sawLive atomic.Bool
	stop := AfterEach(func(live uint64, known bool) bool {
		calls.Add(1)
		if known && live > 0 {
			sawLive.Store(true)
		}
		return true
	})
	require.True(t, collect(func() bool { return calls.Load() >= 3 }), "f called %d times after collections", calls.Load())
	require.True(t, sawLive.Load(), "no live-heap figure reached f")
	stop()
	after := calls.Load()
	collect(func() bool { return false })
	require.Equal(t, after, calls.Load(), "f ran after stop returned")
}

// TestAfterEachStopsWhenAsked: f returning false is the last call.
func TestAfterEachStopsWhenAsked(t *testing.T) {
	var calls atomic.Int64
	defer AfterEach(func(uint64, bool) bool { return calls.Add(1) < 2 })()
	require.True(t, collect(func() bool { return calls.Load() >= 2 }))
	collect(func() bool { return false })
	require.Equal(t, int64(2), calls.Load(), "f called after it returned false")
}
