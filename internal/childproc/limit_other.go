//go:build !linux

package childproc

// capAddressSpace has no portable equivalent of RLIMIT_AS (macOS does not
// enforce it): the heap watchdog and the parent's time watchdog remain.
func capAddressSpace(int64) {}
