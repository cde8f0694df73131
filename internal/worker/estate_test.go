package worker

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// standIn is the estate of the worker tests: the GitHub and AWS stand-ins
// and the environment a worker reaches them with, as the collectors'
// own tests do.
type standIn struct {
	GitHub *githubtest.Server
	AWS    *awstest.Server
	Env    map[string]string
}

const standInToken = "ghp_WORKERTEST"

// StandIn starts both stand-ins with latency on every answer.
func StandIn(t testing.TB, org githubtest.Org, latency time.Duration) *standIn {
	t.Helper()
	gh := githubtest.New(org, githubtest.Faults{Token: standInToken, Latency: latency})
	t.Cleanup(gh.Close)
	aw := awstest.New(awstest.Sample(), awstest.Faults{Latency: latency, PageSize: 100})
	t.Cleanup(aw.Close)
	dir := t.TempDir()
	return &standIn{GitHub: gh, AWS: aw, Env: map[string]string{
		"GITHUB_TOKEN": standInToken, "GITHUB_API_URL": gh.URL, "RAMPART_GITHUB_CACHE_DIR": filepath.Join(dir, "github-cache"),
		"AWS_ENDPOINT_URL": aw.Endpoint(), "AWS_ACCESS_KEY_ID": awstest.SampleKey, "AWS_SECRET_ACCESS_KEY": awstest.SampleSecret,
		"AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": filepath.Join(dir, "aws-config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "aws-credentials"),
		"AWS_MAX_ATTEMPTS": "3",
	}}
}

func (s *standIn) Getenv(k string) string { return s.Env[k] }

// Workspace is the example's governance and people beside the estate's own
// systems (testdata/workspace), copied into a temporary folder so a test
// may change it. The example's files are read from examples/acme, never
// copied into testdata, so the two cannot drift apart.
func Workspace(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "workspace")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"../../examples/acme/governance.hcl",
		"../../examples/acme/people.hcl",
		"testdata/workspace/systems.hcl",
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Unsharded collects the workspace's targets the way `audit --collect
// github --collect aws` does, one collection per collector: the baseline
// the distributed runs are compared with.
func Unsharded(t *testing.T, ctx context.Context, env func(string) string, workspace string) *evidence.Snapshot {
	return unsharded(t, ctx, env, workspace)
}
