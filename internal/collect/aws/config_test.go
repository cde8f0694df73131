package aws_test

import (
	"context"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/model"
)

func TestWorkspaceTargets(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		ws   *model.Workspace
		want []awscollect.Target
	}{
		{"no workspace", nil, nil},
		{"no aws blocks", &model.Workspace{Systems: []*model.System{{ID: "web"}}}, nil},
		{"every block in order", &model.Workspace{Systems: []*model.System{
			{AWS: []model.AWSSelector{{AccountID: "111122223333", Regions: []string{"eu-west-1"}}}},
			{AWS: []model.AWSSelector{{AccountID: "444455556666", RoleARN: "arn:aws:iam::444455556666:role/audit"}}},
		}}, []awscollect.Target{
			{AccountID: "111122223333", Regions: []string{"eu-west-1"}},
			{AccountID: "444455556666", RoleARN: "arn:aws:iam::444455556666:role/audit"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, awscollect.WorkspaceTargets(tc.ws))
		})
	}
}

func TestEnvOptions(t *testing.T) {
	t.Parallel()
	keys := map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "AWS_SESSION_TOKEN": "tok"}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name        string
		env         map[string]string
		profile     string // --profile
		wantProfile string
		wantRegion  string
		wantAtt     int
		wantKeys    bool
		wantLoad    int
	}{
		{name: "empty environment", env: map[string]string{}},
		{name: "AWS_PROFILE", env: map[string]string{"AWS_PROFILE": "audit"}, wantProfile: "audit"},
		{name: "--profile wins over AWS_PROFILE", env: map[string]string{"AWS_PROFILE": "env"}, profile: "flag", wantProfile: "flag"},
		{name: "AWS_REGION before AWS_DEFAULT_REGION", env: map[string]string{"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"}, wantRegion: "eu-west-1"},
		{name: "AWS_DEFAULT_REGION", env: map[string]string{"AWS_DEFAULT_REGION": "us-east-2"}, wantRegion: "us-east-2"},
		{name: "AWS_MAX_ATTEMPTS", env: map[string]string{"AWS_MAX_ATTEMPTS": "3"}, wantAtt: 3},
		{name: "AWS_MAX_ATTEMPTS not a number is the default", env: map[string]string{"AWS_MAX_ATTEMPTS": "three"}},
		{name: "AWS_MAX_ATTEMPTS zero is the default", env: map[string]string{"AWS_MAX_ATTEMPTS": "0"}},
		{name: "keys in the environment", env: keys, wantKeys: true},
		{name: "a key without its secret is not used", env: map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"}},
		{name: "a profile wins over keys", env: with(keys, "AWS_PROFILE", "audit"), wantProfile: "audit"},
		{name: "shared files", env: map[string]string{"AWS_CONFIG_FILE": "/c", "AWS_SHARED_CREDENTIALS_FILE": "/k"}, wantLoad: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := awscollect.EnvOptions(func(k string) string { return tc.env[k] }, awscollect.Options{Profile: tc.profile})
			assert.Equal(t, tc.wantProfile, o.Profile)
			assert.Equal(t, tc.wantRegion, o.Region)
			assert.Equal(t, tc.wantAtt, o.MaxAttempts)
			assert.Len(t, o.LoadOptions, tc.wantLoad)
			if !tc.wantKeys {
				assert.Nil(t, o.Credentials)
				return
			}
			require.NotNil(t, o.Credentials)
			creds, err := o.Credentials.Retrieve(context.Background())
			require.NoError(t, err)
			assert.Equal(t, "AKIAEXAMPLE", creds.AccessKeyID)
			assert.Equal(t, "s3cr3t", creds.SecretAccessKey)
			assert.Equal(t, "tok", creds.SessionToken)
		})
	}
	o := awscollect.EnvOptions(func(k string) string { return map[string]string{"AWS_ENDPOINT_URL": "http://localhost:4566"}[k] }, awscollect.Options{})
	assert.Equal(t, "http://localhost:4566", o.Endpoint)
}

// TestCollectorArgs: the flag checks of `rampart collect aws`, before any
// workspace is read or call made; the workspace is read only when named.
func TestCollectorArgs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		flags   []string
		arg     string
		wantDir string
		wantErr string
	}{
		{name: "defaults, no workspace"},
		{name: "workspace named", arg: "ws", wantDir: "ws"},
		{name: "regions", flags: []string{"--region", "eu-west-1", "--region", "us-gov-west-1", "--region", "cn-north-1"}},
		{name: "not a region", flags: []string{"--region", "eu-west"}, wantErr: `--region "eu-west" is not an AWS region name (like eu-west-1)`},
		{name: "concurrency 0", flags: []string{"--concurrency", "0"}, wantErr: "--concurrency 0: want 1–64"},
		{name: "concurrency 65", flags: []string{"--concurrency", "65"}, wantErr: "--concurrency 65: want 1–64"},
		{name: "concurrency 64", flags: []string{"--concurrency", "64"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := awscollect.NewCollector()
			fs := pflag.NewFlagSet("aws", pflag.ContinueOnError)
			c.Flags(fs)
			require.NoError(t, fs.Parse(tc.flags))
			dir, err := c.Args(tc.arg)
			if tc.wantErr != "" {
				assert.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantDir, dir)
		})
	}
}
