package cli

import (
	"math"
	"os"
	"runtime/debug"

	"github.com/rampart-audit/rampart/internal/gcwatch"
)

// gcHeapTarget is the heap size up to which a gate run trades memory for
// speed. Below it garbage is collected less often than Go's default (GOGC
// up to 400: fewer collections of the syntax trees, values and Rego inputs
// a short run throws away); above it the run falls back to Go's default
// (GOGC 100), so a repository with 100,000 resources needs about twice its
// live heap, not five times (BenchmarkGateMemory, docs/gate.md "Memory").
const gcHeapTarget = 512 << 20

// auditHeapTarget is the same bound for an audit, which keeps more alive
// (every finding until the report is written) and throws away more (Rego
// inputs and evaluation state per resource): 768 MiB. It was 1 GiB, the
// issue's whole peak budget for 20,000 repositories, while their findings
// held 337 MB alive; sharing each finding's resource reference and links
// brought that to about 210 MB (issue 16's audit-targets round), and a
// collection marks only the live heap, so collecting at a lower goal
// costs little CPU: measured on the 20,000-repository audit (2 cores,
// load 2–5, two runs each), 1 GiB/900 MiB peaked at 997–1,001 MB RSS in
// 45.2–48.2 CPU-s, 768/700 MiB at 789–800 MB in 46.4–52.3 CPU-s, and
// 640/560 MiB no lower (779–854 MB); a later pair of the same binaries,
// alternating, at load 1–6, peaked alike (1 GiB: 895–909 MB, 41.9–47.5
// CPU-s; 768 MiB: 915–933 MB, 41.0–46.7 CPU-s), so the gain is within
// this machine's noise and the lower goal is kept for the bound it puts
// on the peak. BenchmarkAudit's GOGC=100 column is the untuned run.
const auditHeapTarget = 768 << 20

// auditMemoryLimit bounds the heap of an audit as the issue bounds its
// peak (1 GB for 20,000 repositories), less room for what the limit does
// not see in the process's resident memory (the binary's code) and what
// it sees beyond the heap (goroutine stacks, the runtime's own): without
// it, GOGC sets the heap goal from the live heap of the collection
// before, and an audit that allocates its findings' array between two
// collections overshoots the goal by that much (BenchmarkAudit's peak RSS
// was 1.7 GB for a 600 MB live heap). 700 MiB with auditHeapTarget's
// 768 MiB (measured there).
const auditMemoryLimit = 700 << 20

// memoryLimitFor is the memory limit for a live heap: limit, or twice the
// live heap once that is more — what GOGC=100 allows — so a live heap
// near the limit is never collected over and over (100,000 repositories).
// Zero limit is none.
func memoryLimitFor(live, limit uint64) int64 {
	if limit == 0 {
		return math.MaxInt64
	}
	return int64(min(max(limit, 2*live), math.MaxInt64))
}

// gcPercentFor is the GOGC that keeps the next heap goal, live×(1+GOGC/100),
// at target, between Go's default and 400.
func gcPercentFor(live, target uint64) int {
	if live == 0 {
		return 400
	}
	return min(400, max(100, int(target*100/live)-100))
}

// tuneGC sets GOGC from the live heap after every collection, so the heap
// goal stays at target while the live heap is below half of it, and, with
// a limit, the memory limit to memoryLimitFor(live, limit), until the
// returned function restores the previous settings (gcwatch calls it
// after each collection).
// GOGC or GOMEMLIMIT in the environment is the operator's choice: then
// nothing is tuned (and BenchmarkAudit's GOGC=100 baseline is the run
// before tuning).
func tuneGC(target, limit uint64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(400)
	// A negative limit reads the current one without changing it.
	prevLimit := debug.SetMemoryLimit(-1)
	if limit != 0 {
		debug.SetMemoryLimit(memoryLimitFor(0, limit))
	}
	stop := gcwatch.AfterEach(func(live uint64, known bool) bool {
		if known {
			debug.SetGCPercent(gcPercentFor(live, target))
			if limit != 0 {
				debug.SetMemoryLimit(memoryLimitFor(live, limit))
			}
		}
		return true
	})
	return func() {
		stop()
		debug.SetGCPercent(prev)
		if limit != 0 {
			debug.SetMemoryLimit(prevLimit)
		}
	}
}
