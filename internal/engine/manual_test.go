package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// manualMeta is the METADATA of a manual control: no resource types and no
// Terraform remediation, which a manual control does not need.
const manualMeta = `# METADATA
# title: Tabletop exercise held
# custom:
#   id: TST-MAN-001
#   severity: medium
#   manual: true
#   frameworks:
#     iso27001-2022: ["A.5.24"]
#   remediation:
#     console: Hold the exercise and attest it.
`

func TestManualControls(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		problem string
	}{
		{name: "metadata only loads", body: manualMeta + "package test.manual\n"},
		{name: "rules are refused", body: manualMeta + "package test.manual\n\ndeny contains \"x\" if input.attributes.flag == false\n", problem: "manual control TST-MAN-001 defines deny or unknown rules"},
		{name: "manual must be a boolean", body: `# METADATA
# title: Tabletop exercise held
# custom:
#   id: TST-MAN-001
#   severity: medium
#   manual: "yes"
#   frameworks:
#     iso27001-2022: ["A.5.24"]
#   remediation:
#     console: Hold the exercise and attest it.
package test.manual
`, problem: "custom.manual must be true or false"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := load(t, map[string]string{"manual.rego": tc.body, "flag.rego": meta("TST-FLAG-001", "test.thing") + flagControl})
			if tc.problem != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.problem)
				return
			}
			require.NoError(t, err)
			c := e.Catalog().Get("TST-MAN-001")
			require.NotNil(t, c)
			assert.True(t, c.Manual)
			assert.Empty(t, c.ResourceTypes)
			// The engine evaluates evidence only: a manual control gets no
			// result from it (the pipeline decides it from attestations).
			fs := e.Evaluate(context.Background(), &evidence.Snapshot{Resources: []evidence.Resource{resource("on", map[string]any{"flag": true})}}, nil)
			for _, f := range fs {
				assert.NotEqual(t, "TST-MAN-001", f.ControlID)
			}
			require.Len(t, fs, 1)
		})
	}
}
