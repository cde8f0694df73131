package finding

import (
	"os"
	"sync"
)

// BaselineEnv names the environment variable that, set to 1, makes a run
// hold and write its results as it did before issue 16's changes: the
// engine's findings appended and sorted in place (sort.SliceStable over
// the whole slice), a linked copy of them beside the engine's
// (internal/pipeline), every report redacted by reflection (redact.Value
// over all of it) and JSON findings encoded by encoding/json and indented
// again (internal/report). It exists so that BenchmarkAudit runs today's
// code and its baseline from one binary in the same run, as it does with
// GOGC=100; the results and reports are the same either way
// (TestBeforeIssue16IsTheSameReport, TestSortedFindingsIsSliceStable
// and BenchmarkAudit, which compares the two runs' reports). Not for
// production use.
const BaselineEnv = "RAMPART_BASELINE"

// Baseline reports whether BaselineEnv is set to 1, read once per process.
var Baseline = sync.OnceValue(func() bool { return os.Getenv(BaselineEnv) == "1" })

// WholeResults reports whether BaselineEnv is 1 or 2: 2 is the audit as it
// was before issue 16's results round alone — the engine's results held
// whole until they are merged (internal/engine merge.go), the pipeline's
// own findings merged into a second array, no memory limit beside the GC
// tuning (internal/cli gctune.go), the JSON report written from a
// redacted copy of the findings (internal/report Lookup) — the rest as it
// is; 1 is all of that
// and the rest of Baseline. BenchmarkAudit runs both beside today's code.
var WholeResults = sync.OnceValue(func() bool {
	v := os.Getenv(BaselineEnv)
	return v == "1" || v == "2"
})
