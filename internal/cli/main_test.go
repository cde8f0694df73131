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
	}
	os.Exit(m.Run())
}
