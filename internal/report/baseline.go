package report

import (
	"os"
	"sync"
)

// BaselineEnv names the environment variable that, set to 1, makes the
// report stage run as it did before issue 16's changes: every report
// redacted by reflection (redact.Value over all of it), JSON findings
// encoded by encoding/json and indented again, and a linked copy of the
// findings beside the engine's (internal/pipeline). It exists so that
// BenchmarkAudit can run today's code and its baseline from one binary in
// the same run, as it does with GOGC=100; the output is the same either way
// (TestBaselineWritesTheSameReport). Not for production use.
const BaselineEnv = "RAMPART_REPORT_BASELINE"

// Baseline reports whether BaselineEnv is set to 1, read once per process.
var Baseline = sync.OnceValue(func() bool { return os.Getenv(BaselineEnv) == "1" })
