package store

import (
	"errors"
	"os"
	"runtime"
	"syscall"
)

// isXDGPlatform: the XDG data home applies on Unix systems other than macOS.
func isXDGPlatform() bool {
	return runtime.GOOS != "darwin" && runtime.GOOS != "windows" && runtime.GOOS != "ios"
}

// processAlive reports whether a process of this host is still running, so
// Recover leaves the runs of a live `rampart serve` alone.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
