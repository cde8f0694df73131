package cli

import (
	"os"
	"testing"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// TestMain lets this test binary serve as the evaluation child of the
// workspace (untrusted) controls its tests evaluate, and as the Terraform
// child of the gate: os.Executable is the test binary, re-run with
// childproc.Env set.
func TestMain(m *testing.M) {
	switch {
	case engine.IsChild():
		os.Exit(engine.RunChild(os.Stdin, os.Stdout, os.Stderr))
	case terraform.IsChild():
		os.Exit(terraform.RunChild(os.Stdin, os.Stdout, os.Stderr))
	case os.Getenv(beginRunEnv) != "": // runs_test.go: a crashed audit
		os.Exit(beginRunAndExit(os.Getenv(beginRunEnv)))
	}
	os.Exit(m.Run())
}
