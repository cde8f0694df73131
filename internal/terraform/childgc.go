package terraform

import (
	"runtime/debug"

	"github.com/rampart-audit/rampart/internal/gcwatch"
)

// The child no longer turns its collector off (RunChild): this tuning is
// kept as BenchmarkChildCollector's baseline. It was measured to save
// about a sixth of the child's CPU on the Intel VM of issue 16's earlier
// rounds; on the AMD EPYC VM of the fifth round, where a page the heap
// touches for the first time costs far more system time, the same
// binary's child at 200 files spent 1.01 CPU-s with collection off and
// 0.84–0.91 with Go's default, 223 MB resident against 144 MB
// (BenchmarkChildCollector, docs/gate.md): a collected heap reuses its
// pages, a heap that only grows faults in new ones.
//
// childNoGCHeap is how much memory the Terraform child may fill before its
// first garbage collection. The child is short-lived and allocates mostly
// what it keeps until it answers (syntax trees, cty values, the mapped
// resources, the encoded snapshot): at Go's default it collected a dozen
// times on a 200-file repository for about a sixth of its CPU, nearly all
// of it marking memory that was still live. With collection off below this
// bound (a memory limit, as the Go GC guide recommends for such
// processes) a repository of a few thousand resources is never collected
// at all; a larger one is collected as the bound nears, and once its live
// heap passes half of it the child falls back to Go's default with the
// request's hard limit (tuneChildGC), so a large repository costs what it
// did before rather than collecting over and over near the bound.
const childNoGCHeap = 512 << 20

// childGCFor is the child's collector setting after a collection that
// left live bytes: collection off under soft (GOGC -1, memory limit
// soft) while the live heap is at most half of soft, else Go's default
// (GOGC 100) under the hard limit, for the rest of the run (done).
func childGCFor(live, soft, hard uint64) (percent int, limit int64, done bool) {
	if live <= soft/2 {
		return -1, int64(soft), false
	}
	return 100, int64(hard), true
}

// tuneChildGC turns the collector off below min(childNoGCHeap, hard/2)
// and arms the switch to Go's default after every collection, until the
// switch is made or the returned function restores the settings before.
// hard is the request's memory limit (childproc.LimitMemory set it);
// zero or less leaves the collector as it is.
func tuneChildGC(hard int64) (restore func()) {
	if hard <= 0 {
		return func() {}
	}
	soft := uint64(min(childNoGCHeap, hard/2))
	return tuneGCBelow(soft, uint64(hard))
}

func tuneGCBelow(soft, hard uint64) (restore func()) {
	percent, limit, _ := childGCFor(0, soft, hard)
	prevPercent := debug.SetGCPercent(percent)
	prevLimit := debug.SetMemoryLimit(limit)
	stop := gcwatch.AfterEach(func(live uint64, known bool) bool {
		if !known {
			// No live-heap figure: Go's default under the hard limit,
			// never collection off without a way to turn it back on.
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(int64(hard))
			return false
		}
		percent, limit, done := childGCFor(live, soft, hard)
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		return !done
	})
	return func() {
		stop()
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}
