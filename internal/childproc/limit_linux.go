package childproc

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// capAddressSpace sets RLIMIT_AS to the address space in use now plus
// limit: the Go runtime reserves address space it never touches (much more
// under the race detector), so a bare limit would stop the child at start.
// An allocation past it fails at once, and the runtime exits with "out of
// memory" — before a single huge allocation can take the machine's memory.
func capAddressSpace(limit int64) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return // the heap watchdog still applies
	}
	var used int64
	for _, line := range bytes.Split(status, []byte("\n")) {
		if f := bytes.Fields(line); len(f) >= 2 && string(f[0]) == "VmSize:" {
			kb, err := strconv.ParseInt(string(f[1]), 10, 64)
			if err == nil {
				used = kb << 10
			}
		}
	}
	if used == 0 {
		return
	}
	// Headroom for the runtime's own growth (stacks, GC metadata) beside the heap.
	max := uint64(used + 2*limit)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: max, Max: max})
}
