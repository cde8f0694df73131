// Package gcwatch calls a function after every garbage collection with the
// live heap it left, so a process can tune its collector to what it keeps
// (internal/cli's gate and audit, internal/terraform's child). Go has no
// "after a collection" hook; a finalizer on an unreachable sentinel runs
// once per collection and arms the next one.
package gcwatch

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// AfterEach calls f after every collection with the live heap in bytes
// (known false when the runtime gives no live-heap figure) until f returns
// false or stop is called. f runs on the finalizer goroutine, never twice
// at once and never after stop has returned, so the caller may restore its
// collector settings right after stop.
func AfterEach(f func(live uint64, known bool) (again bool)) (stop func()) {
	var mu sync.Mutex
	stopped := false
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
			known := sample[0].Value.Kind() == metrics.KindUint64
			var live uint64
			if known {
				live = sample[0].Value.Uint64()
			}
			if !f(live, known) {
				stopped = true
				return
			}
			arm()
		})
	}
	arm()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
	}
}
