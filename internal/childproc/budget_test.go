package childproc

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spin uses CPU time until stop is closed.
func spin(stop <-chan struct{}) {
	x := 0
	for {
		select {
		case <-stop:
			return
		default:
			for i := range 100000 {
				x += i
			}
		}
		runtime.KeepAlive(x)
	}
}

func TestProcessCPUGrowsWithWork(t *testing.T) {
	if runtime.GOOS != "linux" {
		_, ok := ProcessCPU(os.Getpid())
		assert.False(t, ok, "no CPU clock outside Linux: budgets use wall time")
		return
	}
	before, ok := ProcessCPU(os.Getpid())
	require.True(t, ok)
	stop := make(chan struct{})
	go spin(stop)
	deadline := time.Now().Add(30 * time.Second)
	after := before
	for after-before < 50*time.Millisecond && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		after, _ = ProcessCPU(os.Getpid())
	}
	close(stop)
	assert.GreaterOrEqual(t, after-before, 50*time.Millisecond, "spinning used CPU time")
	_, ok = ProcessCPU(-1)
	assert.False(t, ok, "no such process")
}

// TestBudgetCountsCPUNotWall: a process that waits spends no CPU budget
// (it is fired only by the wall-clock backstop), one that computes spends
// it.
func TestBudgetCountsCPUNotWall(t *testing.T) {
	if runtime.GOOS != "linux" {
		return // wall time there, covered by the sandbox tests
	}
	fired := make(chan struct{})
	b := StartBudget(os.Getpid(), 100*time.Millisecond, func() { close(fired) })
	// Waiting 300 ms uses next to no CPU: three times the limit of wall
	// time, far below WallBackstop times it.
	select {
	case <-fired:
		t.Fatal("a waiting process spent its CPU budget")
	case <-time.After(300 * time.Millisecond):
	}
	assert.False(t, b.Exhausted())

	stop := make(chan struct{})
	go spin(stop)
	select {
	case <-fired:
	case <-time.After(30 * time.Second):
		t.Fatal("computing did not spend the CPU budget")
	}
	close(stop)
	assert.True(t, b.Exhausted())
	b.Stop() // after firing: no panic, no second fire
}

func TestBudgetResetAndStop(t *testing.T) {
	fired := make(chan struct{}, 2)
	b := StartBudget(os.Getpid(), time.Hour, func() { fired <- struct{}{} })
	b.Reset(time.Hour)
	b.Stop()
	b.Stop()
	time.Sleep(3 * budgetTick)
	assert.False(t, b.Exhausted())
	assert.Empty(t, fired)
}

// TestBudgetWithoutCPUClockIsWallTime: where the CPU time cannot be read
// (no such process here; outside Linux always) the limit is wall time.
func TestBudgetWithoutCPUClockIsWallTime(t *testing.T) {
	fired := make(chan struct{})
	start := time.Now()
	b := StartBudget(-1, 50*time.Millisecond, func() { close(fired) })
	defer b.Stop()
	select {
	case <-fired:
	case <-time.After(30 * time.Second):
		t.Fatal("the wall-time limit never fired")
	}
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	assert.True(t, b.Exhausted())
}
