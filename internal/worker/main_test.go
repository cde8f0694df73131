package worker_test

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/rampart-audit/rampart/internal/cli"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

// childEnv makes the test binary a `rampart` process: the three-worker
// test starts its workers as real processes (re-executing this binary),
// so that one can be killed with SIGKILL mid-run.
const childEnv = "RAMPART_WORKER_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, os.Args[1:], cli.DefaultParams())
		stop()
		os.Exit(code)
	}
	os.Exit(pgtest.Main(m))
}
