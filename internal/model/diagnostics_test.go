package model

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/rampart-audit/rampart/internal/evidence"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func diagTexts(diags hcl.Diagnostics, sev hcl.DiagnosticSeverity) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == sev {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	return out
}

// TestNothingDroppedSilently: a value that would make part of the
// workspace mean nothing is a warning naming the nearest real one.
func TestNothingDroppedSilently(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		src      string
		errors   []string
		warnings []string
	}{
		{"a role no training requires", `
training "awareness" { required_for = ["employee"] }
person "ann" { roles = ["employe", "employee"] }
person "bo" { roles = ["employe"] }
`, nil, []string{`Role no training requires: no training's required_for names the role "employe" (ann, bo), so it asks nothing of them. Did you mean "employee"?`}},
		{"a control ID one edit away", `
mitigation "m" { controls = ["GH-ORG-01"] }
`, []string{"Reference to unknown control: control \"GH-ORG-01\" is not in the control catalogue (see `rampart controls`). Did you mean \"GH-ORG-001\"?"}, nil},
		{"a control ID in another case", `
person "ann" {}
waiver "w" {
  control = "gh-repo-001"
  resources = ["x"]
  reason = "r"
  approved_by = "ann"
  expires = "2027-01-01"
}
`, []string{`Reference to unknown control: waiver "w" names control "gh-repo-001", which is not in the control catalogue. Did you mean "GH-REPO-001"?`}, nil},
		{"a control ID far from any", `
mitigation "m" { controls = ["XYZ"] }
`, []string{"Reference to unknown control: control \"XYZ\" is not in the control catalogue (see `rampart controls`)."}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(tc.src), 0o644))
			_, diags := Load(Input{Dir: dir, KnownControl: known, ControlIDs: []string{"GH-ORG-001", "GH-REPO-001"}})
			assert.Equal(t, tc.errors, diagTexts(diags, hcl.DiagError))
			assert.Equal(t, tc.warnings, diagTexts(diags, hcl.DiagWarning))
		})
	}
}

// TestBuiltInPackNamed: the embedded pack's files are named as built in,
// and a duplicate quotes the other definition's own line.
func TestBuiltInPackNamed(t *testing.T) {
	t.Parallel()
	pack := fstest.MapFS{"risks.hcl": {Data: []byte("# the pack\nrisk \"data-exposure\" {\n  title = \"t\"\n  likelihood = 2\n  impact = 3\n}\n")}}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte("risk \"data-exposure\" {\n  title = \"mine\"\n  likelihood = 1\n  impact = 1\n}\n"), 0o644))
	_, diags := Load(Input{Pack: pack, PackName: "policies", PackBuiltIn: true, Dir: dir, KnownControl: known})
	require.Equal(t, []string{`Duplicate risk "data-exposure": risk "data-exposure" is already defined at policies/risks.hcl (built in):2:6 (risk "data-exposure" {). IDs are unique across the workspace and the governance pack.`},
		diagTexts(diags, hcl.DiagError))
	assert.Nil(t, diags[0].Context, "no context range spanning another file")

	_, diags = Load(Input{Pack: pack, PackName: "mypack", Dir: dir, KnownControl: known})
	assert.Contains(t, diags[0].Detail, "mypack/risks.hcl:2:6", "a pack folder is named by its path")
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	cands := []string{"person", "training", "completed_at"}
	for word, want := range map[string]string{
		"Completed": "completed_at", "persn": "person", "TRAINING": "training", "date": "", "x": "",
	} {
		assert.Equal(t, want, Suggest(word, cands), word)
	}
}

func TestClaimNotes(t *testing.T) {
	t.Parallel()
	ws, diags := loadSource(t, `
person "ann" {}
system "shop" {
  owner = "ann"
  classification = "internal"
  github { org = "acme" }
}
system "typo" {
  owner = "ann"
  classification = "internal"
  github { org = "acmee" }
  aws { account_id = "111122223333" }
}
system "failed" {
  owner = "ann"
  classification = "internal"
  aws { account_id = "444455556666" }
}
`)
	require.False(t, diags.HasErrors(), "%v", diags)
	repo := func(org, name string) evidence.Resource {
		return evidence.Resource{Type: "github.repository", ID: "github.com/" + org + "/" + name, Scope: evidence.Scope{Platform: "github", Org: org, Repo: name}}
	}
	snap := &evidence.Snapshot{
		Resources: []evidence.Resource{repo("acme", "a"), repo("other", "b"), repo("other", "c"), repo("other", "d"), repo("other", "e"),
			{Type: "aws.s3.bucket", ID: "arn:aws:s3:::x", Scope: evidence.Scope{Platform: "aws", AccountID: "999999999999"}}},
		// An account the collector could not read is not a selector that names nothing.
		NotCollected: []evidence.NotCollected{{ResourceType: "aws.s3.bucket", Scope: evidence.Scope{Platform: "aws", AccountID: "444455556666"}, Reason: "403"}},
	}
	ws.Claim(snap)
	assert.Equal(t, []string{
		`system "typo": its github selectors (org acmee) claim none of the 5 github resource(s) of the evidence; check the names`,
		`system "typo": its aws selectors (account 111122223333) claim none of the 1 aws resource(s) of the evidence; check the names`,
		"1 of 1 aws resource(s) are claimed by no system (e.g. arn:aws:s3:::x): their findings name no system and no owner",
		"4 of 5 github resource(s) are claimed by no system (e.g. github.com/other/b, github.com/other/c, github.com/other/d, …): their findings name no system and no owner",
	}, ws.ClaimNotes(snap), "system failed: its account's gap is claimed")
	gh := &evidence.Snapshot{Resources: []evidence.Resource{repo("acme", "a")}}
	ws.Claim(gh)
	assert.Equal(t, []string{`system "typo": its github selectors (org acmee) claim none of the 1 github resource(s) of the evidence; check the names`},
		ws.ClaimNotes(gh), "aws is not in the evidence: its selectors are not judged")

	assert.Empty(t, (&Workspace{}).ClaimNotes(snap), "a workspace with no system (the pack alone) claims nothing by design")
}
