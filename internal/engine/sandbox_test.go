package engine

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// TestUntrustedControlsRunInAChild: an untrusted control gives the same
// results from its child process as in-process, and one that would
// exhaust memory or never return becomes an error result naming the limit,
// while this process carries on and the trusted control beside it passes.
func TestUntrustedControlsRunInAChild(t *testing.T) {
	t.Parallel()
	untrusted := fstest.MapFS{
		"flag.rego": {Data: []byte(meta("WS-FLAG-001", "test.thing") + "package ws.flag\n\nimport data.rampart.lib\n\ndeny contains \"off\" if lib.off(input.attributes.flag)\n\nunknown contains \"?\" if not is_boolean(object.get(input.attributes, \"flag\", null))\n")},
		// numbers.range allocates its whole array in one built-in call, which no time limit interrupts.
		"memory.rego": {Data: []byte(meta("WS-MEM-001", "test.thing") + "package ws.mem\n\ndeny contains \"big\" if count(numbers.range(1, 200000000)) < 0\n")},
		// A pattern of 100,000 groups, built in Rego: compiling it runs for minutes.
		"regex.rego": {Data: []byte(meta("WS-RE-001", "test.thing") + "package ws.re\n\ndeny contains \"match\" if regex.match(concat(\"\", [\"(a)\" | some _ in numbers.range(1, 100000)]), concat(\"\", [\"a\" | some _ in numbers.range(1, 100000)]))\n")},
	}
	trusted := fstest.MapFS{
		"lib/lib.rego": {Data: []byte("package rampart.lib\n\noff(x) if x == false\n")},
		"t.rego":       {Data: []byte(meta("TST-FLAG-001", "test.thing") + flagControl)},
	}
	e, err := New(context.Background(), []Source{{Name: "controls", FS: trusted}, {Name: "ws/controls", FS: untrusted, Untrusted: true}},
		WithTimeout(10*time.Second), WithMemoryLimit(64<<20)) // the limit that matters here is memory
	require.NoError(t, err)
	snap := &evidence.Snapshot{Resources: []evidence.Resource{resource("off", map[string]any{"flag": false}), resource("on", map[string]any{"flag": true})}}
	got := map[string]finding.Finding{}
	for _, f := range e.Evaluate(context.Background(), snap, nil) {
		got[f.ControlID+" "+f.Resource.ID] = f
	}
	require.Len(t, got, 8)
	assert.Equal(t, finding.Fail, got["WS-FLAG-001 off"].Status, got["WS-FLAG-001 off"].Message)
	assert.Equal(t, "off", got["WS-FLAG-001 off"].Message)
	assert.Equal(t, finding.Pass, got["WS-FLAG-001 on"].Status, got["WS-FLAG-001 on"].Message)
	assert.Equal(t, finding.Fail, got["TST-FLAG-001 off"].Status)
	for _, id := range []string{"off", "on"} {
		assert.Equal(t, finding.Error, got["WS-MEM-001 "+id].Status)
		assert.Equal(t, "control WS-MEM-001 exceeded the memory limit of 64 MiB (the evaluation process was stopped)", got["WS-MEM-001 "+id].Message)
		assert.Equal(t, finding.Error, got["WS-RE-001 "+id].Status)
		assert.Contains(t, got["WS-RE-001 "+id].Message, "control WS-RE-001 exceeded", "memory or time, whichever it reaches first")
	}
}
