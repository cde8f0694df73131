package terraform

import (
	"os"
	"testing"
)

// TestMain lets this test binary serve as the Terraform child its tests
// start (LoadInChild): os.Executable is the test binary, re-run with
// childproc.Env set.
func TestMain(m *testing.M) {
	if IsChild() {
		os.Exit(RunChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
