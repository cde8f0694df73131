package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcHeapTarget is the heap size up to which a gate run trades memory for
// speed. Below it garbage is collected less often than Go's default (GOGC
// up to 400: fewer collections of the syntax trees, values and Rego inputs
// a short run throws away); above it the run falls back to Go's default
// (GOGC 100), so a repository with 100,000 resources needs about twice its
// live heap, not five times (BenchmarkGateMemory, docs/gate.md "Memory").
const gcHeapTarget = 512 << 20

// gcPercentFor is the GOGC that keeps the next heap goal, live×(1+GOGC/100),
// at gcHeapTarget, between Go's default and 400.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return 400
	}
	return min(400, max(100, int(gcHeapTarget*100/live)-100))
}

// tuneGC sets GOGC from the live heap after every collection until the
// returned function restores the previous setting. A finalizer on an
// unreachable sentinel runs once per collection and arms the next one.
func tuneGC() (restore func()) {
	var mu sync.Mutex
	stopped := false
	prev := debug.SetGCPercent(400)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		// Large enough to stay out of the tiny allocator, whose blocks may
		// keep a finalizer from ever running.
		sentinel := new([64]byte)
		runtime.SetFinalizer(sentinel, func(*[64]byte) {
			mu.Lock()
			defer mu.Unlock()
			if stopped {
				return
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				debug.SetGCPercent(gcPercentFor(sample[0].Value.Uint64()))
			}
			arm()
		})
	}
	arm()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetGCPercent(prev)
	}
}
