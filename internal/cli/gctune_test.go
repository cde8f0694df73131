package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestGCPercentFor(t *testing.T) {
	t.Parallel()
	const mb = 1 << 20
	tests := []struct {
		live uint64
		want int
	}{
		{0, 400},
		{50 * mb, 400},
		{102 * mb, 400},
		{200 * mb, 156},
		{256 * mb, 100},
		{2048 * mb, 100},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, gcPercentFor(tc.live, gcHeapTarget), "live %d MB", tc.live/mb)
	}
	assert.Equal(t, 400, gcPercentFor(150*mb, auditHeapTarget), "the audit's larger target")
	assert.Equal(t, 100, gcPercentFor(600*mb, auditHeapTarget), "the audit's target passed")
}

func TestMemoryLimitFor(t *testing.T) {
	t.Parallel()
	const mb = 1 << 20
	tests := []struct {
		live, limit uint64
		want        int64
	}{
		{0, 0, math.MaxInt64},
		{2048 * mb, 0, math.MaxInt64},
		{0, auditMemoryLimit, auditMemoryLimit},
		{300 * mb, auditMemoryLimit, auditMemoryLimit},
		{340 * mb, auditMemoryLimit, auditMemoryLimit},
		{450 * mb, auditMemoryLimit, 900 * mb},
		{600 * mb, auditMemoryLimit, 1200 * mb},
		{4096 * mb, auditMemoryLimit, 8192 * mb},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, memoryLimitFor(tc.live, tc.limit), "live %d MB, limit %d MB", tc.live/mb, tc.limit/mb)
	}
}

// TestTuneGCLeavesTheEnvironmentsChoice: GOGC or GOMEMLIMIT set by the
// operator is left alone.
func TestTuneGCLeavesTheEnvironmentsChoice(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "100")
			before := debug.SetGCPercent(123)
			defer debug.SetGCPercent(before)
			restore := tuneGC(gcHeapTarget, auditMemoryLimit)
			assert.Equal(t, 123, debug.SetGCPercent(123), "not tuned")
			assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "no limit set")
			restore()
			assert.Equal(t, 123, debug.SetGCPercent(123), "nothing to restore")
		})
	}
}

// TestTuneGCFollowsTheLiveHeap: with a live heap above the target the
// setting falls to Go's default after a collection, and restore puts the
// previous one back.
func TestTuneGCFollowsTheLiveHeap(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := tuneGC(gcHeapTarget, auditMemoryLimit)
	assert.Equal(t, 400, debug.SetGCPercent(400), "raised for a small heap")
	assert.Equal(t, int64(auditMemoryLimit), debug.SetMemoryLimit(-1), "the limit while the heap is small")

	ballast := make([]byte, gcHeapTarget) // live: more than the target
	deadline := time.Now().Add(10 * time.Second)
	got := 400
	for got != 100 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
		got = debug.SetGCPercent(-1)
		debug.SetGCPercent(got)
	}
	runtime.KeepAlive(ballast)
	assert.Equal(t, 100, got, "Go's default once the live heap passes the target")
	assert.GreaterOrEqual(t, debug.SetMemoryLimit(-1), int64(2*gcHeapTarget), "the limit follows the live heap: twice it")
	restore()
	assert.Equal(t, 100, debug.SetGCPercent(100), "restored")
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "the limit restored")
}
