package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// findingStatuses reads a JSON report into "CONTROL RESOURCE" → status.
func findingStatuses(t *testing.T, data []byte) map[string]string {
	t.Helper()
	var rep struct {
		Findings []struct {
			Control  string `json:"control_id"`
			Status   string `json:"status"`
			Resource struct {
				ID string `json:"id"`
			} `json:"resource"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(data, &rep), string(data))
	out := map[string]string{}
	for _, f := range rep.Findings {
		out[f.Control+" "+f.Resource.ID] = f.Status
	}
	return out
}

// TestAuditCollectAWSRegionsUnreadable: with ec2:DescribeRegions denied
// (or answered with an empty body), the region controls of the account
// are not_evaluated and the audit exits 3. They used to pass on the empty
// regions map the collector made up.
func TestAuditCollectAWSRegionsUnreadable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		faults awstest.Faults
	}{
		{"access denied", awstest.Faults{Deny: map[string]bool{"ec2:DescribeRegions": true}}},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{"ec2:DescribeRegions": true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := awstest.New(awstest.Sample(), tc.faults)
			defer srv.Close()
			ws := t.TempDir()
			// No regions in the workspace: they come from DescribeRegions.
			writeFile(t, ws, "workspace.hcl", `system "shop" {
  owner          = "ann"
  classification = "confidential"
  aws {
    account_id = "111122223333"
  }
}

person "ann" {
  roles = ["employee"]
}
`)
			env := awsEnv(t, srv)
			env["AWS_MAX_ATTEMPTS"] = "2"
			// The snapshot itself: no regions attribute, the reason in unknown.
			snapFile := filepath.Join(t.TempDir(), "snap.json")
			r := runAWS(t, env, false, "collect", "aws", ws, "-o", snapFile)
			require.FileExists(t, snapFile, r.stderr)
			snap, err := evidence.LoadFile(snapFile)
			require.NoError(t, err)
			var acct *evidence.Resource
			for i, res := range snap.Resources {
				if res.Type == "aws.account" {
					acct = &snap.Resources[i]
				}
			}
			require.NotNil(t, acct)
			assert.NotContains(t, acct.Attributes, "regions", "never an empty regions map")
			assert.Contains(t, acct.Unknown["regions"], "ec2:DescribeRegions")

			// Audited from that snapshot and collected live, the region
			// controls are not_evaluated and the audit exits 3.
			for _, args := range [][]string{{"--evidence", snapFile}, {"--collect", "aws"}} {
				report := filepath.Join(t.TempDir(), "report.json")
				r = runAWS(t, env, false, append(append([]string{"audit", ws}, args...), "--format", "json="+report)...)
				assert.Equal(t, 3, r.code, r.stderr)
				data, err := os.ReadFile(report)
				require.NoError(t, err)
				statuses := findingStatuses(t, data)
				for _, id := range []string{"AWS-GD-001", "AWS-CFG-001", "AWS-EC2-003"} {
					assert.Equal(t, "not_evaluated", statuses[id+" arn:aws:iam::111122223333:root"], "%s %v", id, args)
				}
			}
		})
	}
}

// TestCollectGitHubBrokenPagination: a Link cycle ends in a bounded number
// of requests and an incomplete snapshot (exit 3); ?since= links are
// followed, so the 151st member and its 2FA failure are in the audit.
func TestCollectGitHubBrokenPagination(t *testing.T) {
	t.Parallel()
	t.Run("cycle", func(t *testing.T) {
		t.Parallel()
		srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken, LoopPages: map[string]bool{"/orgs/acme/members": true}})
		defer srv.Close()
		out := filepath.Join(t.TempDir(), "s.json")
		r := runGH(t, ghEnv(t, srv), "collect", "github", "--org", "acme", "-o", out)
		assert.Equal(t, 3, r.code, r.stderr)
		assert.Contains(t, r.stderr, "is incomplete")
		assert.LessOrEqual(t, srv.PathCount("/orgs/acme/members"), 7, "the cycle is cut at the first repeated page")
		snap, err := evidence.LoadFile(out)
		require.NoError(t, err)
		assert.True(t, snap.Incomplete)
		found := false
		for _, n := range snap.NotCollected {
			if n.ResourceType == "github.member" && n.ScopeID == "github.com/acme" {
				found = true
				assert.Contains(t, n.Reason, "pagination loops")
			}
		}
		assert.True(t, found, "the members are not collected: %+v", snap.NotCollected)
	})
	t.Run("since links", func(t *testing.T) {
		t.Parallel()
		org := githubtest.Acme()
		org.Members = append(org.Members, "late-joiner")
		org.No2FA = append(org.No2FA, "late-joiner")
		srv := githubtest.New(org, githubtest.Faults{Token: ghToken, SincePages: map[string]bool{"/orgs/acme/members": true}})
		defer srv.Close()
		ws := writeWorkspace(t, `"*"`)
		r := runGH(t, ghEnv(t, srv), "audit", ws, "--collect", "github", "--format", "json")
		statuses := findingStatuses(t, []byte(r.stdout))
		assert.Equal(t, "fail", statuses["GH-MEMBER-001 github.com/acme/members/late-joiner"], "the member on the second page is audited")
		assert.Equal(t, "fail", statuses["GH-MEMBER-001 github.com/acme/members/dev007"])
	})
}
