package engine

import (
	"os"
	"testing"
)

// TestMain lets this test binary serve as the evaluation child of the
// untrusted controls its tests evaluate (os.Executable is the test binary).
func TestMain(m *testing.M) {
	if IsChild() {
		os.Exit(RunChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
