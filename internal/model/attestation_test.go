package model

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAttestationBlock(t *testing.T) {
	t.Parallel()
	const person = "person \"carol\" {}\n"
	block := func(body string) string { return person + "attestation \"a1\" {\n" + body + "}\n" }
	good := `  control      = "AWS-ACCT-003"
  attested_by  = "carol"
  date         = "2026-03-02"
  expires      = "2027-03-02"
  evidence_url = "https://wiki.example/x"
  statement    = "Questions are set."
`
	tests := []struct {
		name, hcl, want string // want: the diagnostic with its position, or "" for none
	}{
		{name: "valid", hcl: block(good)},
		{name: "unknown control", hcl: block(`  control = "NOPE-001"
  attested_by = "carol"
  date = "2026-03-02"
  expires = "2027-03-02"
  statement = "x"
`), want: `w.hcl:3:13: Reference to unknown control; attestation "a1" names control "NOPE-001"`},
		{name: "unknown person", hcl: block(`  control = "AWS-ACCT-003"
  attested_by = "mallory"
  date = "2026-03-02"
  expires = "2027-03-02"
  statement = "x"
`), want: `w.hcl:4:17: Reference to unknown person`},
		{name: "bad date", hcl: block(`  control = "AWS-ACCT-003"
  attested_by = "carol"
  date = "2 March 2026"
  expires = "2027-03-02"
  statement = "x"
`), want: `w.hcl:5:10: Invalid date; attestation "a1": date: "2 March 2026" is not a date in the form YYYY-MM-DD.`},
		{name: "expires before its date", hcl: block(`  control = "AWS-ACCT-003"
  attested_by = "carol"
  date = "2026-03-02"
  expires = "2026-03-01"
  statement = "x"
`), want: `w.hcl:6:13: Attestation expires before it is made`},
		{name: "no statement", hcl: block(`  control = "AWS-ACCT-003"
  attested_by = "carol"
  date = "2026-03-02"
  expires = "2027-03-02"
  statement = " "
`), want: `w.hcl:7:15: Attestation without a statement`},
		{name: "relative evidence URL", hcl: block(`  control = "AWS-ACCT-003"
  attested_by = "carol"
  date = "2026-03-02"
  expires = "2027-03-02"
  statement = "x"
  evidence_url = "wiki/x"
`), want: `w.hcl:8:18: Invalid evidence URL`},
		{name: "missing attested_by", hcl: block(`  control = "AWS-ACCT-003"
  date = "2026-03-02"
  expires = "2027-03-02"
  statement = "x"
`), want: `w.hcl:2:18: Missing required argument; The argument "attested_by" is required`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(tc.hcl), 0o644))
			ws, diags := Load(Input{Dir: dir, KnownControl: func(id string) bool { return id == "AWS-ACCT-003" }})
			var errs []string
			for _, d := range diags {
				if d.Severity == hcl.DiagError {
					errs = append(errs, filepath.Base(d.Subject.Filename)+":"+itoa(d.Subject.Start.Line)+":"+itoa(d.Subject.Start.Column)+": "+d.Summary+"; "+d.Detail)
				}
			}
			if tc.want == "" {
				require.Empty(t, errs)
				require.Len(t, ws.Attestations, 1)
				a := ws.Attestations[0]
				assert.Equal(t, time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC), a.ExpiresOn)
				assert.True(t, a.CurrentOn(time.Date(2027, 3, 2, 23, 0, 0, 0, time.UTC)), "valid through its expiry day")
				assert.False(t, a.CurrentOn(time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC)))
				assert.False(t, a.CurrentOn(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)), "not before its date")
				return
			}
			require.Len(t, errs, 1, "%v", errs)
			assert.Contains(t, errs[0], tc.want)
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
