package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/golden"
)

var knownControls = map[string]bool{"GH-REPO-001": true, "GH-ORG-001": true}

func known(id string) bool { return knownControls[id] }

func TestLoadGoodWorkspace(t *testing.T) {
	t.Parallel()
	ws, diags := Load(Input{Dir: "testdata/good", KnownControl: known})
	require.False(t, diags.HasErrors(), "%v", diags)
	assert.Equal(t, 10.0, ws.Settings.RiskAppetite)
	assert.Equal(t, 180, ws.Settings.WaiverMaxDays)
	require.Len(t, ws.Systems, 2)
	shop := ws.System("shop")
	require.NotNil(t, shop)
	assert.Equal(t, "confidential", shop.Classification)
	assert.Equal(t, []string{"shop-*"}, shop.GitHub[0].Repos)
	assert.Equal(t, "2026-02-01", ws.People[0].CompletedOn["code-review"].Format("2006-01-02"))
	assert.Equal(t, 52*7*24.0, ws.Trainings[0].Validity.Hours())
	assert.Equal(t, 365*24.0, ws.Policies[0].ReviewInterval.Hours())
	require.Len(t, ws.Policies[0].Statements, 1)
	assert.Equal(t, "review", ws.Policies[0].Statements[0].ID)
	assert.Equal(t, "2027-03-31", ws.Waivers[0].ExpiresOn.Format("2006-01-02"))
	assert.Equal(t, "testdata/good/workspace.hcl", ws.Waivers[0].DeclRange.Filename)
}

func TestDefaultsApplyWithoutSettings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(`person "a" {}`+"\n"), 0o644))
	ws, diags := Load(Input{Dir: dir, KnownControl: known})
	require.False(t, diags.HasErrors(), "%v", diags)
	assert.Equal(t, float64(DefaultRiskAppetite), ws.Settings.RiskAppetite)
	assert.Equal(t, DefaultWaiverMaxDays, ws.Settings.WaiverMaxDays)
}

// TestBadWorkspacesGolden checks the full diagnostic text (file, line,
// column, the source line and the message) for each bad case. Run with
// -update to rewrite the golden files after an intended change.
func TestBadWorkspacesGolden(t *testing.T) {
	t.Parallel()
	cases, err := filepath.Glob("testdata/bad/*.hcl")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".hcl")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			ws := filepath.Join(dir, name+".hcl")
			require.NoError(t, os.WriteFile(ws, src, 0o644))
			w, diags := Load(Input{Dir: dir, KnownControl: known})
			require.True(t, diags.HasErrors(), "a bad workspace must produce at least one error")
			for _, d := range diags {
				if d.Severity == hcl.DiagError {
					require.NotNil(t, d.Subject, "every error points at source: %s", d.Summary)
				}
			}
			var buf bytes.Buffer
			// Width 0: no wrapping. A detail that quotes the file's path
			// (under a temporary folder whose name varies in length) wrapped
			// at a different word from run to run.
			require.NoError(t, hcl.NewDiagnosticTextWriter(&buf, w.Files, 0, false).WriteDiagnostics(diags))
			got := strings.ReplaceAll(buf.String(), dir+string(filepath.Separator), "")
			goldenPath := filepath.Join("testdata", "bad", name+".golden")
			if golden.Update() {
				require.NoError(t, os.WriteFile(goldenPath, []byte(got), 0o644))
			}
			want, err := os.ReadFile(goldenPath)
			require.NoError(t, err, "missing golden file; run go test -update")
			assert.Equal(t, string(want), got)
		})
	}
}

func TestDuplicateAcrossPackAndWorkspacePointsAtBoth(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte("mitigation \"review\" {\n  controls = [\"GH-REPO-001\"]\n}\n"), 0o644))
	pack := os.DirFS("testdata/good")
	_, diags := Load(Input{Pack: pack, PackName: "pack", Dir: dir, KnownControl: known})
	require.True(t, diags.HasErrors())
	var dup *hcl.Diagnostic
	for _, d := range diags {
		if strings.HasPrefix(d.Summary, "Duplicate mitigation") {
			dup = d
		}
	}
	require.NotNil(t, dup, "%v", diags)
	assert.Equal(t, filepath.Join(dir, "w.hcl"), dup.Subject.Filename)
	assert.Contains(t, dup.Detail, "pack/workspace.hcl:42:12")
}

func TestMissingWorkspace(t *testing.T) {
	t.Parallel()
	_, diags := Load(Input{Dir: filepath.Join(t.TempDir(), "nope")})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "No workspace found", diags[0].Summary)
	_, diags = Load(Input{Dir: t.TempDir()})
	require.True(t, diags.HasErrors())
	assert.Contains(t, diags[0].Detail, "holds no *.hcl files")
}

func TestClaimPrefersRepoGlobOverWholeOrg(t *testing.T) {
	t.Parallel()
	ws, diags := Load(Input{Dir: "testdata/good", KnownControl: known})
	require.False(t, diags.HasErrors())
	snap := &evidence.Snapshot{
		Resources: []evidence.Resource{
			{Type: "github.repository", ID: "github.com/acme/shop-api", Scope: evidence.Scope{Platform: "github", Org: "acme", Repo: "shop-api"}},
			{Type: "github.repository", ID: "github.com/acme/tools", Scope: evidence.Scope{Platform: "github", Org: "acme", Repo: "tools"}},
			{Type: "github.organization", ID: "github.com/acme", Scope: evidence.Scope{Platform: "github", Org: "acme"}},
			{Type: "github.organization", ID: "github.com/other", Scope: evidence.Scope{Platform: "github", Org: "other"}},
			{Type: "aws.s3.bucket", ID: "arn:aws:s3:::a", Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}},
			{Type: "aws.s3.bucket", ID: "arn:aws:s3:::b", Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "us-east-1"}},
		},
		NotCollected: []evidence.NotCollected{{ResourceType: "github.member", Scope: evidence.Scope{Platform: "github", Org: "acme"}, Reason: "403"}},
	}
	ws.Claim(snap)
	var got []string
	for _, r := range snap.Resources {
		got = append(got, r.System)
	}
	assert.Equal(t, []string{"shop", "platform", "platform", "", "shop", ""}, got)
	assert.Equal(t, "platform", snap.NotCollected[0].System)
}

func TestParseDuration(t *testing.T) {
	t.Parallel()
	for in, hours := range map[string]float64{"365d": 8760, "2w": 336, "36h": 36, "90m": 1.5} {
		d, err := ParseDuration(in)
		require.NoError(t, err, in)
		assert.Equal(t, hours, d.Hours(), in)
	}
	for _, in := range []string{"", "d", "0d", "-3d", "1y", "soon"} {
		_, err := ParseDuration(in)
		assert.Error(t, err, in)
	}
}
