package childproc

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// userHZ is the unit of /proc/<pid>/stat's CPU times: USER_HZ, which the
// kernel fixes at 100 for user space whatever its own tick rate.
const userHZ = 100

// ProcessCPU is the CPU time, user and system, that process pid has used
// (/proc/<pid>/stat utime + stime, every thread and the garbage collector
// included); false when it cannot be read.
func ProcessCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name, in parentheses, may hold spaces and parentheses:
	// the fields are counted from the last ')'. After it come state
	// (field 3) … utime (14) and stime (15).
	at := bytes.LastIndexByte(data, ')')
	if at < 0 {
		return 0, false
	}
	f := bytes.Fields(data[at+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	stime, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / userHZ, true
}
