package github_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

const token2 = "ghp_SECONDPOOLTOKEN0123456789abcdefghijk"

// TestCredentialPool: two tokens, each with a budget too small for the
// organisation alone, collect it completely between them; the progress
// names each by label with its units, never by token.
func TestCredentialPool(t *testing.T) {
	t.Parallel()
	for _, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
		t.Run(string(api), func(t *testing.T) {
			t.Parallel()
			one := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Quota: 1 << 20})
			defer one.Close()
			cfg := config(t, one, &sleeps{})
			cfg.API = api
			_, solo, err := ghc.Collect(context.Background(), cfg)
			require.NoError(t, err)
			need := int(solo.Requests.Load() - solo.GraphQLRequests.Load())

			// Each token gets 75 % of what one collection needs (less the reserve
			// of 4 each, the concurrency, kept for requests in flight).
			srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, MoreTokens: []string{token2}, Quota: need * 3 / 4, QuotaReset: time.Now().Add(time.Hour)})
			defer srv.Close()
			cfg = config(t, srv, &sleeps{})
			cfg.API = api
			cfg.Credentials = []ghc.Auth{{Token: token}, {Token: token2}}
			var out bytes.Buffer
			cfg.Progress = ghc.NewProgress(&out, false)
			snap, stats, err := ghc.Collect(context.Background(), cfg)
			require.NoError(t, err)
			cfg.Progress.Finish()
			assert.False(t, snap.Incomplete, snap.IncompleteReason)
			assert.Less(t, srv.QuotaLeft(token), need*6/10, "token 1 used")
			assert.Less(t, srv.QuotaLeft(token2), need*6/10, "token 2 used")
			creds := stats.Credentials()
			require.Len(t, creds, 2)
			assert.Equal(t, "token 1", creds[0].Label)
			assert.Equal(t, "token 2", creds[1].Label)
			assert.Equal(t, stats.Units(), creds[0].Used+creds[1].Used, "every unit charged to one credential")
			assert.Contains(t, out.String(), "token 2: ")
			// Neither token reaches the progress, the snapshot or the cache.
			cache := ""
			require.NoError(t, filepath.WalkDir(cfg.CacheDir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, err := os.ReadFile(p)
					cache += string(b)
					return err
				}
				return err
			}))
			require.NotEmpty(t, cache)
			for _, secret := range []string{token, token2} {
				assert.NotContains(t, out.String(), secret)
				assert.NotContains(t, string(encode(t, snap)), secret)
				assert.NotContains(t, cache, secret)
			}
		})
	}
}

// TestCredentialPoolExhausted: --max-rate-wait is honoured across the
// pool: the collection stops only when every credential is down to its
// reserve and the earliest reset is too far, and says so.
func TestCredentialPoolExhausted(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, MoreTokens: []string{token2}, Quota: 15, QuotaReset: time.Now().Add(time.Hour)})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.API = ghc.APIREST
	cfg.Credentials = []ghc.Auth{{Token: token}, {Token: token2}}
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "on every one of the 2 credentials")
	assert.LessOrEqual(t, srv.QuotaLeft(token), 4, "token 1 drawn down to the reserve")
	assert.LessOrEqual(t, srv.QuotaLeft(token2), 4, "token 2 drawn down to the reserve")
	assert.NotContains(t, snap.IncompleteReason, token2)
}
