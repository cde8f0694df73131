package gate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadBaselineRejectsWhatItCannotCompare: any status string was accepted
// (a "fial" baseline finding counted as neither failing nor passing) and
// JSON errors had no line or column.
func TestReadBaselineRejectsWhatItCannotCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"unknown status", `{"schema": "rampart.report/v1", "findings": [` + "\n" +
			`  {"control_id": "A", "status": "fail", "fingerprint": "a"},` + "\n" +
			`  {"control_id": "B", "status": "fial", "fingerprint": "b"}]}`,
			`finding 1 (B) at byte offset 139 (line 3, column 33): unknown status "fial" (want one of [pass fail error not_evaluated waived])`},
		{"empty status", `{"schema": "rampart.report/v1", "findings": [{"control_id": "A", "status": "", "fingerprint": "a"}]}`,
			`finding 0 (A) at byte offset 75 (line 1, column 76): unknown status ""`},
		{"status in another case, as encoding/json matches it", `{"schema": "rampart.report/v1", "findings": [{"control_id": "A", "Status": "FAIL", "fingerprint": "a"}]}`,
			`finding 0 (A) at byte offset 75 (line 1, column 76): unknown status "FAIL"`},
		{"no status", `{"schema": "rampart.report/v1", "findings": [{"control_id": "A", "fingerprint": "a"}]}`,
			`finding 0 (A): unknown status ""`},
		{"syntax error has line and column", "{\"schema\": \"rampart.report/v1\",\n \"findings\": [,]}", "invalid JSON at byte offset 46 (line 2, column 15)"},
		{"truncated", `{"schema": "rampart.report/v1", "findings": [`, "invalid JSON at byte offset 45 (line 1, column 46)"},
		{"wrong type has line and column", "{\"schema\": \"rampart.report/v1\",\n \"findings\": {}}", "field findings at byte offset"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := filepath.Join(t.TempDir(), "b.json")
			require.NoError(t, os.WriteFile(p, []byte(tc.body), 0o644))
			_, err := ReadBaseline(p)
			require.ErrorContains(t, err, tc.want)
			require.ErrorContains(t, err, p)
		})
	}
}
