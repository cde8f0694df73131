// Package golden is the one -update switch of every test that compares
// output with files under testdata/: `go test ./internal/X -update`
// rewrites that package's golden files instead of comparing with them.
// It is imported by tests (and internal/clitest) only.
package golden

import "flag"

// update is registered once here; a second package declaring its own
// -update flag in the same test binary would panic at start.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/ instead of comparing with them")

// Update reports whether this test run rewrites golden files.
func Update() bool { return *update }
