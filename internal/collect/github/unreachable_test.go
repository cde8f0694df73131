package github_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
)

// closedPort is the address of a local port nothing listens on: a
// connection to it is refused at once, as an unreachable GitHub is.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// TestUnreachableNamesTheCause: a collection that reaches no server says
// why in the snapshot's reason (the first failed request's error), not only
// how many requests failed.
func TestUnreachableNamesTheCause(t *testing.T) {
	t.Parallel()
	addr := closedPort(t)
	snap, _, err := ghc.Collect(context.Background(), ghc.Config{
		Targets: []ghc.Target{{Org: "acme"}}, Auth: ghc.Auth{Token: token}, BaseURL: "http://" + addr,
		Concurrency: 2, CacheDir: t.TempDir(), MaxRateWait: time.Minute, Now: func() time.Time { return fixedNow },
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }, Backoff: time.Millisecond,
	})
	require.NoError(t, err)
	require.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "1 GitHub request(s) failed after retries (the first: request failed: Get \"http://"+addr+"/api/v3/orgs/acme\": dial tcp "+addr+": connect: connection refused)")
}
