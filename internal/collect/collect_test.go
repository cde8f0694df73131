package collect_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

var fixedNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// TestRegistry: each entry is the collector its name says, describes
// itself, and leaves -o, -q and -h to the command (pflag panics on a flag
// defined twice, which would take `rampart collect` down).
func TestRegistry(t *testing.T) {
	t.Parallel()
	names := collect.Names()
	require.NotEmpty(t, names)
	assert.True(t, slices.IsSorted(names))
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := collect.New(name)
			require.NoError(t, err)
			assert.Equal(t, name, c.Name())
			short, long := c.Help()
			assert.NotEmpty(t, short)
			assert.NotEmpty(t, long)
			fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
			fs.StringP("output", "o", "", "")
			fs.BoolP("quiet", "q", false, "")
			fs.BoolP("help", "h", false, "")
			assert.NotPanics(t, func() { c.Flags(fs) })

			// A fresh collector per run: flags parsed for one do not leak
			// into the next (tests and audits run several at once).
			other, err := collect.New(name)
			require.NoError(t, err)
			assert.NotSame(t, c, other)
		})
	}
	_, err := collect.New("gitlab")
	assert.EqualError(t, err, `unknown collector "gitlab" (available: `+joinNames()+`)`)
}

func joinNames() string {
	out := ""
	for i, n := range collect.Names() {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// fake is a collector returning a fixed result, to hold Run to the rule.
type fake struct {
	snap *evidence.Snapshot
	err  error
}

func (f *fake) Name() string                                       { return "fake" }
func (f *fake) Help() (string, string)                             { return "", "" }
func (f *fake) Flags(*pflag.FlagSet)                               {}
func (f *fake) Args(arg string) (string, error)                    { return arg, nil }
func (f *fake) Targets(*model.Workspace) error                     { return nil }
func (f *fake) Config(func(string) string, func() time.Time) error { return nil }
func (f *fake) Summary() string                                    { return "" }
func (f *fake) Collect(context.Context, io.Writer, bool) (*evidence.Snapshot, error) {
	return f.snap, f.err
}

// TestRunPartialResultRule: Run passes on what obeys the rule and turns
// what breaks it into a failure, never into evidence that reads clean.
func TestRunPartialResultRule(t *testing.T) {
	t.Parallel()
	denied := errors.New("401 Bad credentials")
	for _, tc := range []struct {
		name           string
		snap           *evidence.Snapshot
		err            error
		cancelled      bool
		wantErr        error // nil: no error
		wantSnap       bool
		wantIncomplete string // "" with wantSnap: complete
	}{
		{name: "complete", snap: &evidence.Snapshot{}, wantSnap: true},
		{name: "incomplete, no error", snap: &evidence.Snapshot{Incomplete: true, IncompleteReason: "rate limit"}, wantSnap: true, wantIncomplete: "rate limit"},
		{name: "nothing usable", err: denied, wantErr: denied},
		{name: "neither snapshot nor error", wantErr: collect.ErrNothing},
		{name: "cancelled, reported", snap: &evidence.Snapshot{Incomplete: true, IncompleteReason: "collection cancelled"},
			err: context.Canceled, cancelled: true, wantErr: context.Canceled, wantSnap: true, wantIncomplete: "collection cancelled"},
		{name: "cancelled, not reported", snap: &evidence.Snapshot{}, cancelled: true,
			wantErr: context.Canceled, wantSnap: true, wantIncomplete: "collection cancelled: context canceled"},
		{name: "cancelled, not marked", snap: &evidence.Snapshot{}, err: context.Canceled, cancelled: true,
			wantErr: context.Canceled, wantSnap: true, wantIncomplete: "collection cancelled: context canceled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancelled {
				cancel()
			}
			snap, err := collect.Run(ctx, &fake{snap: tc.snap, err: tc.err}, nil, false)
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
			}
			if !tc.wantSnap {
				assert.Nil(t, snap)
				return
			}
			require.NotNil(t, snap)
			assert.Equal(t, tc.wantIncomplete != "", snap.Incomplete)
			assert.Equal(t, tc.wantIncomplete, snap.IncompleteReason)
		})
	}
}

// standIn is a collector of the registry pointed at its API stand-in.
type standIn struct {
	name string
	env  map[string]string
	ws   *model.Workspace
}

func standIns(t *testing.T, latency time.Duration) []standIn {
	aws := awstest.New(awstest.Sample(), awstest.Faults{Latency: latency})
	t.Cleanup(aws.Close)
	gh := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: "ghp_CONTRACTTEST", Latency: latency})
	t.Cleanup(gh.Close)
	dir := t.TempDir()
	return []standIn{
		{name: "aws", env: map[string]string{
			"AWS_ENDPOINT_URL": aws.Endpoint(), "AWS_ACCESS_KEY_ID": awstest.SampleKey, "AWS_SECRET_ACCESS_KEY": awstest.SampleSecret,
			"AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		}, ws: &model.Workspace{Systems: []*model.System{{AWS: []model.AWSSelector{{AccountID: "111122223333", Regions: []string{"eu-west-1"}}}}}}},
		{name: "github", env: map[string]string{"GITHUB_TOKEN": "ghp_CONTRACTTEST", "GITHUB_API_URL": gh.URL, "RAMPART_GITHUB_CACHE_DIR": t.TempDir()},
			ws: &model.Workspace{Systems: []*model.System{{GitHub: []model.GitHubSelector{{Org: "acme"}}}}}},
	}
}

// prepare runs a registry collector's steps up to Collect, as audit
// --collect does (the flags' defaults, the workspace, the environment).
func prepare(t *testing.T, s standIn) collect.Collector {
	t.Helper()
	c, err := collect.New(s.name)
	require.NoError(t, err)
	c.Flags(pflag.NewFlagSet(s.name, pflag.ContinueOnError))
	require.NoError(t, c.Targets(s.ws))
	require.NoError(t, c.Config(func(k string) string { return s.env[k] }, func() time.Time { return fixedNow }))
	return c
}

// TestCollectorsObeyPartialResultRule calls each registered collector's
// Collect itself, not through Run, against its stand-in: a clean run is a
// complete snapshot and no error; a run cut short by its context is the
// snapshot so far, marked incomplete, and the context's error. GitHub used
// to return the snapshot and no error, and the CLI patched the difference.
func TestCollectorsObeyPartialResultRule(t *testing.T) {
	t.Parallel()
	var covered []string
	for _, s := range standIns(t, 0) {
		covered = append(covered, s.name)
	}
	require.Equal(t, collect.Names(), covered, "every registered collector is held to the rule: add its stand-in to standIns")
	t.Run("complete", func(t *testing.T) {
		t.Parallel()
		for _, s := range standIns(t, 0) {
			t.Run(s.name, func(t *testing.T) {
				t.Parallel()
				snap, err := prepare(t, s).Collect(context.Background(), nil, false)
				require.NoError(t, err)
				require.NotNil(t, snap)
				assert.False(t, snap.Incomplete, snap.IncompleteReason)
				assert.NotEmpty(t, snap.Resources)
				assert.Equal(t, []string{s.name}, snap.Collectors)
			})
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		t.Parallel()
		for _, s := range standIns(t, 30*time.Millisecond) {
			t.Run(s.name, func(t *testing.T) {
				t.Parallel()
				ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
				defer cancel()
				snap, err := prepare(t, s).Collect(ctx, nil, false)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				require.NotNil(t, snap, "the snapshot so far comes back with the error")
				assert.True(t, snap.Incomplete)
				assert.NotEmpty(t, snap.IncompleteReason)
			})
		}
	})
}

// TestCollectorsCountTraffic: every registered collector reports its
// traffic (for `rampart serve`'s metrics): nothing before Collect, the
// requests its stand-in answered after.
func TestCollectorsCountTraffic(t *testing.T) {
	t.Parallel()
	for _, s := range standIns(t, 0) {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			c := prepare(t, s)
			tc, ok := c.(collect.TrafficCounter)
			require.True(t, ok, "collector %s does not implement collect.TrafficCounter", s.name)
			req, thr := tc.Traffic()
			assert.Zero(t, req+thr, "before Collect")
			_, err := c.Collect(context.Background(), nil, false)
			require.NoError(t, err)
			req, thr = tc.Traffic()
			assert.Positive(t, req, "requests counted")
			assert.Zero(t, thr, "the stand-in does not throttle")
		})
	}
}
