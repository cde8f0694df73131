package terraform

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestChildGCFor(t *testing.T) {
	const soft, hard = 512 << 20, 2 << 30
	for _, tc := range []struct {
		name        string
		live        uint64
		wantPercent int
		wantLimit   int64
		wantDone    bool
	}{
		{"nothing live yet: collection off under the soft bound", 0, -1, soft, false},
		{"small live heap", 40 << 20, -1, soft, false},
		{"half the soft bound", soft / 2, -1, soft, false},
		{"past half: Go's default under the hard limit", soft/2 + 1, 100, hard, true},
		{"past the soft bound", soft + 1, 100, hard, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			percent, limit, done := childGCFor(tc.live, soft, hard)
			if percent != tc.wantPercent || limit != tc.wantLimit || done != tc.wantDone {
				t.Errorf("childGCFor(%d) = %d, %d, %t; want %d, %d, %t", tc.live, percent, limit, done, tc.wantPercent, tc.wantLimit, tc.wantDone)
			}
		})
	}
}

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestTuneGCBelowFallsBack holds the child's collector off while the heap
// is small and at Go's default once the live heap passes half the bound,
// and the restore function puts back what was set before.
func TestTuneGCBelowFallsBack(t *testing.T) {
	const soft, hard = 8 << 20, 1 << 30
	beforePercent, beforeLimit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := tuneGCBelow(soft, hard)
	defer func() {
		restore()
		if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != beforePercent || l != beforeLimit {
			t.Errorf("after restore: GOGC %d, limit %d; want %d, %d", p, l, beforePercent, beforeLimit)
		}
	}()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l != soft {
		t.Fatalf("tuned: GOGC %d, limit %d; want collection off under %d", p, l, soft)
	}
	live := make([]byte, soft) // more than half the bound, kept alive below
	for i := range live {
		live[i] = byte(i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with %d bytes live", gcPercent(), len(live))
		}
		runtime.GC() // the finalizer of the armed sentinel runs after it
		time.Sleep(time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l != hard {
		t.Errorf("memory limit %d after the fallback; want the hard limit %d", l, hard)
	}
	runtime.KeepAlive(live)
}

func TestTuneChildGCWithoutLimitChangesNothing(t *testing.T) {
	beforePercent, beforeLimit := gcPercent(), debug.SetMemoryLimit(-1)
	defer tuneChildGC(0)()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != beforePercent || l != beforeLimit {
		t.Errorf("tuneChildGC(0): GOGC %d, limit %d; want them unchanged (%d, %d)", p, l, beforePercent, beforeLimit)
	}
}
