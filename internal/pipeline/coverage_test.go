package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

const coverageControl = `# METADATA
# title: Widgets are not bad
# custom:
#   id: TEST-001
#   severity: low
#   resource_types: [test.widget]
#   frameworks:
#     iso27001-2022: ["A.5.9"]
#   remediation:
#     console: Make it good.
#     terraform: Make it good.
package test.widget

deny contains "widget is bad" if input.attributes.bad == true

known if is_boolean(input.attributes.bad)

unknown contains "whether the widget is bad is unknown" if not known
`

// coverageInputs loads one control for test.widget, an empty governance
// pack and a one-person workspace.
func coverageInputs(t *testing.T) *Inputs {
	t.Helper()
	controls, pack, ws := t.TempDir(), t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(controls, "widget.rego"), []byte(coverageControl), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(ws, "w.hcl"), []byte(`person "a" {}`+"\n"), 0o644))
	in, err := Load(context.Background(), []string{controls}, pack, ws)
	require.NoError(t, err)
	return in
}

// runWith runs the stages after loading over one snapshot, as the gate does.
func runWith(ctx context.Context, t *testing.T, in *Inputs, snap *evidence.Snapshot, now time.Time) *report.Report {
	t.Helper()
	r, err := Run(ctx, Config{Inputs: in, Evidence: []*evidence.Snapshot{snap}, Now: func() time.Time { return now }})
	require.NoError(t, err)
	return r
}

func widget(id string, attrs map[string]any) evidence.Resource {
	return evidence.Resource{Type: "test.widget", ID: id, Scope: evidence.Scope{Platform: "test"}, Attributes: attrs}
}

func gadget(id string) evidence.Resource {
	return evidence.Resource{Type: "test.gadget", ID: id, Scope: evidence.Scope{Platform: "test"}, Attributes: map[string]any{}}
}

func TestNothingEvaluatedNeverExitsZero(t *testing.T) {
	t.Parallel()
	in := coverageInputs(t)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	uncovered := func(id, msg string) string {
		return "RAMPART-NO-CONTROL not_evaluated info test.gadget " + id + ": " + msg
	}
	tests := []struct {
		name      string
		resources []evidence.Resource
		failOn    finding.Severity
		want      int
		results   []string
		warnings  []string
	}{
		// Today's defect: resources no control knows were evaluated by
		// nothing, mentioned nowhere, and the audit exited 0.
		{"only types no control knows", []evidence.Resource{gadget("g2"), gadget("g1"), gadget("g3")}, finding.Low, verdict.ExitNotEvaluated,
			[]string{uncovered("g1", `no loaded control applies to resources of type "test.gadget": none of its 3 resources (this one and 2 more) was evaluated`)},
			[]string{`control TEST-001 evaluated nothing: its resource type "test.widget" is not one any producer emits (docs/resources.md) and no resource of the evidence has it`, `not evaluated: 3 resource(s) of type "test.gadget" (e.g. g1): no loaded control applies to this type`, "nothing was evaluated: no loaded control applies to any of the 3 resource(s)"}},
		// A control whose type nothing emits and nothing has evaluated
		// nothing: a misspelt resource type must not be silent either.
		{"no resources at all", nil, finding.Low, verdict.ExitNotEvaluated, nil, []string{`control TEST-001 evaluated nothing: its resource type "test.widget" is not one any producer emits (docs/resources.md) and no resource of the evidence has it`, "nothing was evaluated: the evidence holds no resources"}},
		{"every result not_evaluated below --fail-on", []evidence.Resource{widget("w1", map[string]any{}), gadget("g1")}, finding.Critical, verdict.ExitNotEvaluated,
			[]string{
				uncovered("g1", `no loaded control applies to resources of type "test.gadget": this one was not evaluated`),
				"TEST-001 not_evaluated low test.widget w1: whether the widget is bad is unknown",
			},
			[]string{`not evaluated: 1 resource(s) of type "test.gadget" (e.g. g1): no loaded control applies to this type`, "nothing was evaluated: every one of the 1 result(s) is error or not_evaluated"}},
		{"a pass beside an unknown type is a pass, and the type is named", []evidence.Resource{widget("w1", map[string]any{"bad": false}), gadget("g1")}, finding.Low, verdict.ExitOK,
			[]string{
				uncovered("g1", `no loaded control applies to resources of type "test.gadget": this one was not evaluated`),
				"TEST-001 pass low test.widget w1: passed",
			}, []string{`not evaluated: 1 resource(s) of type "test.gadget" (e.g. g1): no loaded control applies to this type`}},
		{"the unknown type blocks at --fail-on info", []evidence.Resource{widget("w1", map[string]any{"bad": false}), gadget("g1")}, finding.Info, verdict.ExitNotEvaluated,
			[]string{
				uncovered("g1", `no loaded control applies to resources of type "test.gadget": this one was not evaluated`),
				"TEST-001 pass low test.widget w1: passed",
			}, []string{`not evaluated: 1 resource(s) of type "test.gadget" (e.g. g1): no loaded control applies to this type`}},
		{"a failure", []evidence.Resource{widget("w1", map[string]any{"bad": true})}, finding.Low, verdict.ExitFindings,
			[]string{"TEST-001 fail low test.widget w1: widget is bad"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runWith(context.Background(), t, in, &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: tc.resources}, now)
			var got []string
			for _, f := range r.Findings {
				got = append(got, fmt.Sprintf("%s %s %s %s %s: %s", f.ControlID, f.Status, f.Severity, f.Resource.Type, f.Resource.ID, f.Message))
			}
			assert.Equal(t, tc.results, got)
			assert.Equal(t, tc.want, verdict.Audit(r, tc.failOn))
			assert.Equal(t, tc.warnings, r.Warnings)
		})
	}
}

func TestEvaluateAfterInterruptIsIncomplete(t *testing.T) {
	t.Parallel()
	in := coverageInputs(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := runWith(ctx, t, in, &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false})}}, time.Now())
	assert.True(t, r.Evidence.Incomplete, "a report of an interrupted run is never clean")
	assert.Contains(t, r.Evidence.IncompleteReason, "interrupted")
	assert.Equal(t, verdict.ExitNotEvaluated, verdict.Audit(r, finding.Low))
}
