//go:build !linux

package childproc

import "time"

// ProcessCPU has no portable source outside Linux's /proc: a Budget falls
// back to wall time there.
func ProcessCPU(int) (time.Duration, bool) { return 0, false }
