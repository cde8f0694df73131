package childproc

import (
	"sync"
	"time"
)

// WallBackstop is how many times a Budget's limit of wall time passes
// before it fires even though the process has not used its CPU time: the
// bound for a process that waits instead of computing. On a machine shared
// with other jobs a computing process gets a fraction of a core, so its
// limit is CPU time, which the neighbours do not shorten.
const WallBackstop = 20

// budgetTick is how often a Budget reads the process's CPU time.
const budgetTick = 10 * time.Millisecond

// Budget fires once when process pid has used more than its limit of CPU
// time since the budget started or was last reset, or when WallBackstop
// times the limit of wall time has passed. Where the CPU time cannot be
// read (outside Linux, or once the process is gone) it is a wall-time
// limit, as before CPU budgets.
type Budget struct {
	pid  int
	fire func()

	mu                 sync.Mutex
	limit              time.Duration
	startCPU           time.Duration
	cpuOK              bool
	startWall          time.Time
	stopped, exhausted bool
	done               chan struct{}
}

// StartBudget starts a budget of limit for process pid; fire runs once, on
// the budget's goroutine, when it is spent.
func StartBudget(pid int, limit time.Duration, fire func()) *Budget {
	b := &Budget{pid: pid, fire: fire, done: make(chan struct{})}
	b.Reset(limit)
	go b.watch()
	return b
}

// Reset starts a new budget of limit from now: the next evaluation's.
func (b *Budget) Reset(limit time.Duration) {
	cpu, ok := ProcessCPU(b.pid)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.limit, b.startCPU, b.cpuOK, b.startWall = limit, cpu, ok, time.Now()
}

// Stop ends the budget; fire does not start after Stop returns.
func (b *Budget) Stop() {
	b.mu.Lock()
	if !b.stopped {
		b.stopped = true
		close(b.done)
	}
	b.mu.Unlock()
}

// Exhausted reports whether the budget fired.
func (b *Budget) Exhausted() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exhausted
}

func (b *Budget) watch() {
	tick := time.NewTicker(budgetTick)
	defer tick.Stop()
	for {
		select {
		case <-b.done:
			return
		case <-tick.C:
		}
		cpu, ok := ProcessCPU(b.pid)
		b.mu.Lock()
		wall := time.Since(b.startWall)
		spent := wall > WallBackstop*b.limit
		if ok && b.cpuOK {
			spent = spent || cpu-b.startCPU > b.limit
		} else {
			spent = spent || wall > b.limit
		}
		if spent && !b.stopped {
			b.exhausted, b.stopped = true, true
			close(b.done)
			b.mu.Unlock()
			b.fire()
			return
		}
		b.mu.Unlock()
	}
}
