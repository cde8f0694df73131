package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// awsEnv points the SDK at the stand-in with fake static keys, and at
// shared config files that do not exist, so nothing of the machine leaks in.
func awsEnv(t *testing.T, srv *awstest.Server) map[string]string {
	dir := t.TempDir()
	return map[string]string{
		"AWS_ENDPOINT_URL":            srv.Endpoint(),
		"AWS_ACCESS_KEY_ID":           awstest.SampleKey,
		"AWS_SECRET_ACCESS_KEY":       awstest.SampleSecret,
		"AWS_REGION":                  "us-east-1",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
	}
}

func runAWS(t *testing.T, env map[string]string, terminal bool, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{
		Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow }, IsTerminal: terminal,
		Getenv: func(k string) string { return env[k] },
	})
	return result{code, out.String(), errb.String()}
}

func TestCollectAWSWritesSnapshot(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "snap.json")
	r := runAWS(t, awsEnv(t, srv), false, "collect", "aws", "-o", out, "--region", "eu-west-1")
	require.Equal(t, 0, r.code, r.stderr)
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err)
	assert.False(t, snap.Incomplete)
	assert.Equal(t, []string{"aws"}, snap.Collectors)
	for _, res := range snap.Resources {
		if res.Scope.Region != "" && res.Type != "aws.s3.bucket" {
			assert.Equal(t, "eu-west-1", res.Scope.Region, "--region limits the regional services: %s", res.ID)
		}
	}
	assert.Contains(t, r.stderr, "wrote "+out)
	assert.NotContains(t, r.stderr, "\r", "no redrawn progress line outside a terminal")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	for _, s := range []string{string(data), r.stdout, r.stderr} {
		assert.NotContains(t, s, awstest.SampleSecret, "the secret key never leaves the SDK")
	}
}

func TestCollectAWSProfileAndTerminalProgress(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	env := awsEnv(t, srv)
	delete(env, "AWS_ACCESS_KEY_ID")
	delete(env, "AWS_SECRET_ACCESS_KEY")
	creds := "[audit]\naws_access_key_id = " + awstest.RoleAccountKey + "\naws_secret_access_key = " + awstest.SampleSecret + "\n"
	require.NoError(t, os.WriteFile(env["AWS_SHARED_CREDENTIALS_FILE"], []byte(creds), 0o600))
	out := filepath.Join(t.TempDir(), "snap.json")
	r := runAWS(t, env, true, "collect", "aws", "-o", out, "--profile", "audit")
	require.Equal(t, 0, r.code, r.stderr)
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err)
	require.NotEmpty(t, snap.Resources)
	for _, res := range snap.Resources {
		assert.Equal(t, awstest.RoleAccount, res.Scope.AccountID, "the profile's keys reach the second account")
	}
	assert.Contains(t, r.stderr, "\r\x1b[Kcollect aws: ")
	assert.Contains(t, r.stderr, "account-region services")
}

func TestCollectAWSUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"collect", "aws"}, "-o FILE is required"},
		{"bad region", []string{"collect", "aws", "-o", "x.json", "--region", "eu-west"}, `--region "eu-west" is not an AWS region name`},
		{"bad concurrency", []string{"collect", "aws", "-o", "x.json", "--concurrency", "0"}, "--concurrency 0"},
		{"missing workspace", []string{"collect", "aws", "-o", "x.json", "/nonexistent/ws"}, "nonexistent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runAWS(t, map[string]string{}, false, tc.args...)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
}

func TestCollectAWSDeniedAndFailed(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{
		Deny:       map[string]bool{"iam:GetAccountAuthorizationDetails": true},
		FailAlways: map[string]bool{"rds:DescribeDBInstances": true},
	})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "snap.json")
	env := awsEnv(t, srv)
	env["AWS_MAX_ATTEMPTS"] = "2"
	r := runAWS(t, env, false, "collect", "aws", "-o", out, "--region", "eu-west-1")
	assert.Equal(t, 3, r.code, "an AWS failure that outlasts the retries makes the snapshot incomplete")
	assert.Contains(t, r.stderr, "is incomplete")
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err, "the partial snapshot is still written")
	assert.True(t, snap.Incomplete)
	var perms []string
	for _, g := range snap.NotCollected {
		perms = append(perms, g.ResourceType+"="+g.MissingPermission)
	}
	assert.ElementsMatch(t, []string{"aws.iam.group=iam:GetAccountAuthorizationDetails", "aws.iam.policy=iam:GetAccountAuthorizationDetails",
		"aws.iam.role=iam:GetAccountAuthorizationDetails", "aws.iam.user=iam:GetAccountAuthorizationDetails", "aws.rds.instance="}, perms)
	assert.Equal(t, int64(2), srv.Calls("rds:DescribeDBInstances"), "AWS_MAX_ATTEMPTS bounds the attempts")
}

func TestAuditCollectAWS(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{Deny: map[string]bool{"ec2:DescribeVolumes": true}})
	defer srv.Close()
	ws := t.TempDir()
	hcl := `system "shop" {
  owner          = "ann"
  classification = "confidential"
  aws {
    account_id = "111122223333"
    regions    = ["eu-west-1", "ap-east-1"]
  }
}

person "ann" {
  roles = ["employee"]
}
`
	require.NoError(t, os.WriteFile(filepath.Join(ws, "workspace.hcl"), []byte(hcl), 0o644))
	report := filepath.Join(t.TempDir(), "report.json")
	r := runAWS(t, awsEnv(t, srv), false, "audit", ws, "--collect", "aws", "--format", "json="+report)
	assert.Equal(t, 3, r.code, "a control that could not be evaluated (volumes not readable) makes the audit exit 3: %s", r.stderr)
	assert.Contains(t, r.stderr, "skipped aws:111122223333/ap-east-1: named in the workspace but not enabled")
	data, err := os.ReadFile(report)
	require.NoError(t, err)
	var rep struct {
		Findings []struct {
			Control  string `json:"control_id"`
			Resource struct {
				ID     string `json:"id"`
				System string `json:"system"`
			} `json:"resource"`
			Status  string `json:"status"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(data, &rep))
	statuses := map[string]string{}
	for _, f := range rep.Findings {
		statuses[f.Control+" "+f.Resource.ID] = f.Status + ": " + f.Message
	}
	assert.True(t, strings.HasPrefix(statuses["AWS-EC2-001 arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0web"], "fail"), statuses)
	assert.True(t, strings.HasPrefix(statuses["AWS-IAM-001 arn:aws:iam::111122223333:user/bob"], "fail"), statuses)
	assert.True(t, strings.HasPrefix(statuses["AWS-IAM-001 arn:aws:iam::111122223333:user/alice"], "pass"), statuses)
	assert.Equal(t, "not_evaluated: not collected: access denied: needs ec2:DescribeVolumes (missing permission: ec2:DescribeVolumes)",
		statuses["AWS-EC2-004 aws:111122223333/eu-west-1"])
	assert.True(t, strings.HasPrefix(statuses["AWS-RDS-002 arn:aws:rds:eu-west-1:111122223333:db:legacy"], "fail"), statuses)
	assert.True(t, strings.HasPrefix(statuses["AWS-IAM-010 arn:aws:iam::111122223333:policy/admin-all"], "fail"), statuses)
}
