package engine

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// meta builds a METADATA header for a test control.
func meta(id, types string) string {
	return `# METADATA
# title: Test control ` + id + `
# custom:
#   id: ` + id + `
#   severity: high
#   resource_types: [` + types + `]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   remediation:
#     console: Fix it.
#     terraform: Fix it in code.
`
}

const flagControl = `package test.flag

deny contains {"msg": "flag is off", "path": "attributes.flag"} if input.attributes.flag == false

unknown contains {"msg": "flag is unknown", "path": "attributes.flag"} if not is_boolean(object.get(input.attributes, "flag", null))
`

func load(t *testing.T, files map[string]string, opts ...Option) (*Engine, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return New(context.Background(), []Source{{Name: "controls", FS: fsys}}, opts...)
}

func resource(id string, attrs map[string]any) evidence.Resource {
	return evidence.Resource{Type: "test.thing", ID: id, Attributes: attrs, Scope: evidence.Scope{Platform: "test"}}
}

func TestEvaluateReachesEveryStatus(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{
		"flag.rego":    meta("TST-FLAG-001", "test.thing") + flagControl,
		"runaway.rego": meta("TST-LOOP-001", "test.loop") + "package test.loop\n\ndeny contains n if {\n\tsome n in numbers.range(1, 100000000)\n\tn < 0\n}\n",
		"crash.rego":   meta("TST-CRASH-001", "test.crash") + "package test.crash\n\ndeny contains msg if {\n\tmsg := sprintf(\"%d\", [to_number(input.attributes.value)])\n}\n",
	}, WithTimeout(200*time.Millisecond))
	require.NoError(t, err)
	snap := &evidence.Snapshot{
		Resources: []evidence.Resource{
			resource("on", map[string]any{"flag": true}),
			resource("off", map[string]any{"flag": false}),
			resource("missing", map[string]any{}),
			{Type: "test.thing", ID: "forbidden", Attributes: map[string]any{}, Unknown: map[string]string{"flag": "403: needs admin:org"}},
			{Type: "test.loop", ID: "loop", Attributes: map[string]any{}},
			{Type: "test.crash", ID: "crash", Attributes: map[string]any{"value": "not a number"}},
			{Type: "test.unrelated", ID: "nobody-checks-me", Attributes: map[string]any{}},
		},
		NotCollected: []evidence.NotCollected{{ResourceType: "test.thing", ScopeID: "test:region-b", Reason: "AccessDenied", MissingPermission: "test:List"}},
	}
	fs := e.Evaluate(context.Background(), snap, nil)
	got := map[string]finding.Finding{}
	for _, f := range fs {
		got[f.Resource.ID] = f
	}
	require.Len(t, fs, 7, "one result per (control, resource), plus the gap; unrelated types get none")

	assert.Equal(t, finding.Pass, got["on"].Status)
	assert.Equal(t, finding.Fail, got["off"].Status)
	assert.Equal(t, "flag is off", got["off"].Message)
	assert.Equal(t, "attributes.flag", got["off"].Path)
	assert.Equal(t, finding.NotEvaluated, got["missing"].Status)
	assert.Equal(t, "flag is unknown", got["missing"].Message)
	assert.Equal(t, finding.NotEvaluated, got["forbidden"].Status)
	assert.Equal(t, "flag unknown: 403: needs admin:org", got["forbidden"].Message, "the collector's reason wins over the control's generic message")
	assert.Equal(t, finding.Error, got["loop"].Status)
	assert.Contains(t, got["loop"].Message, "time limit of 200ms")
	assert.Equal(t, finding.Error, got["crash"].Status, "a built-in error fails closed instead of leaving deny undefined")
	assert.Equal(t, finding.NotEvaluated, got["test:region-b"].Status)
	assert.Equal(t, "not collected: AccessDenied (missing permission: test:List)", got["test:region-b"].Message)

	assert.Equal(t, finding.Fingerprint("TST-FLAG-001", "test.thing", "off"), got["off"].Fingerprint)
	assert.NotEqual(t, got["on"].Fingerprint, got["off"].Fingerprint)
}

func TestEvaluateIsDeterministicAcrossWorkerCounts(t *testing.T) {
	t.Parallel()
	files := map[string]string{"flag.rego": meta("TST-FLAG-001", "test.thing") + flagControl}
	var snap evidence.Snapshot
	for i := range 200 {
		snap.Resources = append(snap.Resources, resource(strings.Repeat("r", i%7+1)+string(rune('a'+i%26))+time.Duration(i).String(), map[string]any{"flag": i%3 == 0}))
	}
	one, err := load(t, files, WithWorkers(1))
	require.NoError(t, err)
	many, err := load(t, files, WithWorkers(8))
	require.NoError(t, err)
	assert.Equal(t, one.Evaluate(context.Background(), &snap, nil), many.Evaluate(context.Background(), &snap, nil))
}

func TestControlSeesSystemClassification(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{"c.rego": meta("TST-SYS-001", "test.thing") +
		"package test.sys\n\ndeny contains \"confidential\" if input.system.classification == \"confidential\"\n"})
	require.NoError(t, err)
	r := resource("x", map[string]any{})
	r.System = "pay"
	fs := e.Evaluate(context.Background(), &evidence.Snapshot{Resources: []evidence.Resource{r}}, map[string]System{"pay": {ID: "pay", Classification: "confidential"}})
	require.Len(t, fs, 1)
	assert.Equal(t, finding.Fail, fs[0].Status)
	assert.Equal(t, "pay", fs[0].Resource.System)
}

func TestLoadRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "network built-in",
			files: map[string]string{"net.rego": meta("TST-NET-001", "test.thing") + "package test.net\n\ndeny contains \"x\" if {\n\thttp.send({\"method\": \"GET\", \"url\": \"https://example.com\"}).status_code == 200\n}\n"},
			want:  []string{"controls/net.rego:15:2: http.send is not available to controls"},
		},
		{
			name:  "environment built-in",
			files: map[string]string{"env.rego": meta("TST-ENV-001", "test.thing") + "package test.env\n\ndeny contains t if {\n\tt := opa.runtime().env.GITHUB_TOKEN\n}\n"},
			want:  []string{"controls/env.rego:15:7: opa.runtime is not available to controls"},
		},
		{
			name:  "missing metadata fields",
			files: map[string]string{"bad.rego": "# METADATA\n# title: Bad\n# custom:\n#   id: bad-id\n#   severity: urgent\npackage test.bad\n\ndeny contains \"x\" if true\n"},
			want: []string{
				`controls/bad.rego:1:1: custom.id "bad-id" does not match PLATFORM-SERVICE-NNN`,
				`controls/bad.rego:1:1: custom.severity "urgent" is not one of critical, high, medium, low, info`,
				"controls/bad.rego:1:1: custom.resource_types is required",
				"controls/bad.rego:1:1: custom.frameworks is required",
				"controls/bad.rego:1:1: custom.remediation is required",
			},
		},
		{
			name:  "no metadata outside the library",
			files: map[string]string{"x.rego": "package test.x\n\ndeny contains \"x\" if true\n"},
			want:  []string{"controls/x.rego:1:1: package test.x has no package METADATA"},
		},
		{
			name:  "syntax error",
			files: map[string]string{"s.rego": meta("TST-SYN-001", "test.thing") + "package test.s\n\ndeny contains \"x\" if {\n"},
			want:  []string{"controls/s.rego:15: unexpected eof token"},
		},
		{
			name: "duplicate id names both files",
			files: map[string]string{
				"a.rego": meta("TST-DUP-001", "test.thing") + "package test.a\n\ndeny contains \"x\" if false\n",
				"b.rego": meta("TST-DUP-001", "test.thing") + "package test.b\n\ndeny contains \"x\" if false\n",
			},
			want: []string{"controls/b.rego:1:1: control ID TST-DUP-001 is already defined at controls/a.rego:1"},
		},
		{
			name: "two controls in one package",
			files: map[string]string{
				"a.rego": meta("TST-PKG-001", "test.thing") + "package test.same\n\ndeny contains \"a\" if false\n",
				"b.rego": meta("TST-PKG-002", "test.thing") + "package test.same\n\ndeny contains \"b\" if true\n",
			},
			want: []string{"controls/b.rego:12:1: package test.same is already declared at controls/a.rego:12"},
		},
		{
			name:  "deny as a boolean",
			files: map[string]string{"d.rego": meta("TST-SET-001", "test.thing") + "package test.d\n\ndeny := true\n"},
			want:  []string{"controls/d.rego:14:1: deny must be a set: write `deny contains msg if { ... }`"},
		},
		{
			name:  "unknown as a partial object",
			files: map[string]string{"u.rego": meta("TST-SET-002", "test.thing") + "package test.u\n\ndeny contains \"x\" if false\n\nunknown[x] := 1 if x := \"a\"\n"},
			want:  []string{"controls/u.rego:16:1: unknown must be a set: write `unknown contains msg if { ... }`"},
		},
		{
			name:  "deny as a function",
			files: map[string]string{"f.rego": meta("TST-SET-003", "test.thing") + "package test.f\n\ndeny(x) := x\n"},
			want:  []string{"controls/f.rego:14:1: deny must be a set"},
		},
		{
			name:  "the engine's batch mark",
			files: map[string]string{"m.rego": meta("TST-MARK-001", "test.thing") + "package test.m\n\ndeny contains \"x\" if rampart.batch_mark(0)\n"},
			want:  []string{"controls/m.rego:14:22: undefined function rampart.batch_mark"},
		},
		{
			name:  "no deny rule",
			files: map[string]string{"n.rego": meta("TST-NODENY-001", "test.thing") + "package test.n\n\nallow := true\n"},
			want:  []string{"controls/n.rego:12:1: control TST-NODENY-001 defines no deny rule"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := load(t, tc.files)
			require.Error(t, err)
			var ps Problems
			require.True(t, errors.As(err, &ps), "load errors are Problems with locations: %v", err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "__localq", "no internals of the engine's generated query")
		})
	}
}

func TestLibraryModulesNeedNoMetadata(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{
		"lib/lib.rego": "package rampart.lib\n\noff(x) if x == false\n",
		"c.rego":       meta("TST-LIB-001", "test.thing") + "package test.c\n\nimport data.rampart.lib\n\ndeny contains \"off\" if lib.off(input.attributes.flag)\n",
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"TST-LIB-001"}, e.Catalog().IDs())
}

func TestForbiddenBuiltins(t *testing.T) {
	t.Parallel()
	for _, b := range []string{"http.send", "net.lookup_ip_addr", "net.cidr_contains", "opa.runtime", "rand.intn", "uuid.rfc4122"} {
		assert.True(t, Forbidden(b), b)
		assert.False(t, Capabilities().ContainsBuiltin(b), b)
	}
	for _, b := range []string{"sprintf", "time.now_ns", "object.get", "regex.match"} {
		assert.False(t, Forbidden(b), b)
	}
}

// TestBatchMatchesPerControlEvaluation checks the batched query (all
// controls of a type at once) against the per-control fallback on the
// built-in controls and generated resources.
func TestBatchMatchesPerControlEvaluation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := WithClock(func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) })
	batched, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, clock)
	require.NoError(t, err)
	single, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, clock)
	require.NoError(t, err)
	single.batch = nil
	snap := &evidence.Snapshot{Resources: generateResources(500)}
	want := single.Evaluate(ctx, snap, nil)
	require.NotEmpty(t, want)
	assert.Equal(t, want, batched.Evaluate(ctx, snap, nil))
}

// TestSlowControlTimesOutOnce: a control that runs out of time inside the
// batched query is not evaluated a second time alone (which cost a second
// full limit per resource); the other controls of the type are re-run
// alone and keep their results. Evaluations are counted, not timed.
func TestSlowControlTimesOutOnce(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{
		"flag.rego": meta("TST-FLAG-001", "test.thing") + flagControl,
		"slow.rego": meta("TST-SLOW-001", "test.thing") + "package test.slow\n\ndeny contains n if {\n\tsome n in numbers.range(1, 100000000)\n\tn < 0\n}\n",
		"last.rego": meta("TST-LAST-001", "test.thing") + "package test.last\n\ndeny contains \"off\" if input.attributes.flag == false\n",
	}, WithTimeout(100*time.Millisecond), WithWorkers(1))
	require.NoError(t, err)
	var mu sync.Mutex
	evals := map[string]int{}
	e.onEval = func(ids []string) {
		mu.Lock()
		defer mu.Unlock()
		for _, id := range ids {
			evals[id]++
		}
	}
	fs := e.Evaluate(context.Background(), &evidence.Snapshot{Resources: []evidence.Resource{resource("off", map[string]any{"flag": false})}}, nil)
	got := map[string]finding.Finding{}
	for _, f := range fs {
		got[f.ControlID] = f
	}
	assert.Equal(t, map[string]int{"TST-FLAG-001": 2, "TST-SLOW-001": 1, "TST-LAST-001": 2}, evals,
		"the slow control runs once (in the batch); the others once in the batch and once alone")
	assert.Equal(t, finding.Error, got["TST-SLOW-001"].Status)
	assert.Equal(t, "evaluation exceeded the time limit of 100ms", got["TST-SLOW-001"].Message)
	assert.Equal(t, finding.Fail, got["TST-FLAG-001"].Status)
	assert.Equal(t, finding.Fail, got["TST-LAST-001"].Status)
}
