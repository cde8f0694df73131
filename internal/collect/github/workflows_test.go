package github_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

const (
	apiCI     = "github.com/acme/api/.github/workflows/ci.yml"
	webTriage = "github.com/acme/web/.github/workflows/triage.yml"
)

func workflowIDs(s *evidence.Snapshot) []string {
	var out []string
	for _, r := range s.Resources {
		if r.Type == ghc.TypeWorkflow {
			out = append(out, r.ID)
		}
	}
	return out
}

// TestWorkflowsCollected: one resource per YAML file of the default
// branch's .github/workflows (a Markdown file there is not one), the
// repository's visibility copied on, a repository without the folder
// (404) none, and the type listed as read.
func TestWorkflowsCollected(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Equal(t, []string{"github.com/acme/api/.github/workflows/broken.yml", apiCI, webTriage}, workflowIDs(snap))

	res := byID(snap)
	web := res[webTriage]
	assert.Equal(t, "public", web.Attributes["repository_visibility"])
	assert.Equal(t, true, web.Attributes["privileged_trigger"])
	assert.Len(t, web.Attributes["pr_head_checkouts"], 1)
	assert.Len(t, web.Attributes["script_injections"], 1)
	assert.Equal(t, "private", res[apiCI].Attributes["repository_visibility"])

	broken := res["github.com/acme/api/.github/workflows/broken.yml"]
	assert.Contains(t, broken.Unknown["actions"], "line 6, column 9")
	assert.NotContains(t, broken.Attributes, "actions")
	assert.Contains(t, snap.Collected[0].Types, ghc.TypeWorkflow)
}

// TestWorkflowsFailClosed: a refused folder is not collected (with the
// permission), a truncated file and an oversized one are resources with
// every attribute unknown, never a pass and never dropped.
func TestWorkflowsFailClosed(t *testing.T) {
	t.Parallel()
	t.Run("folder refused", func(t *testing.T) {
		t.Parallel()
		srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Forbidden: map[string]string{"/repos/acme/api/contents/*": "contents=read"}})
		defer srv.Close()
		cfg := config(t, srv, &sleeps{})
		cfg.API = ghc.APIREST // the contents API path; GraphQL's refusal is TestGraphQLFieldErrors
		snap, _, err := ghc.Collect(context.Background(), cfg)
		require.NoError(t, err)
		assert.Equal(t, []string{webTriage}, workflowIDs(snap))
		var gap *evidence.NotCollected
		for i, nc := range snap.NotCollected {
			if nc.ResourceType == ghc.TypeWorkflow {
				gap = &snap.NotCollected[i]
			}
		}
		require.NotNil(t, gap)
		assert.Equal(t, "api", gap.Scope.Repo)
		assert.Contains(t, gap.MissingPermission, "contents:read")
		assert.NotContains(t, snap.Collected[0].Types, ghc.TypeWorkflow, "a refused repository's workflows are not read")
	})
	t.Run("file truncated", func(t *testing.T) {
		t.Parallel()
		srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Truncated: map[string]int{"/repos/acme/web/contents/.github/workflows/triage.yml": 10}})
		defer srv.Close()
		cfg := config(t, srv, &sleeps{})
		cfg.API = ghc.APIREST // a truncated contents answer; a truncated GraphQL one is TestGraphQLPageFailure
		snap, _, err := ghc.Collect(context.Background(), cfg)
		require.NoError(t, err)
		web := byID(snap)[webTriage]
		require.Equal(t, ghc.TypeWorkflow, web.Type)
		assert.NotContains(t, web.Attributes, "pr_head_checkouts")
		assert.NotEmpty(t, web.Unknown["pr_head_checkouts"])
		assert.True(t, snap.Incomplete, "a failed read marks the snapshot incomplete")
	})
	t.Run("file over 1 MiB", func(t *testing.T) {
		t.Parallel()
		org := githubtest.Acme()
		org.Repos[1].Workflows = map[string]string{"big.yml": "on: push\n" + strings.Repeat("#", 1<<20)}
		srv := githubtest.New(org, githubtest.Faults{Token: token})
		defer srv.Close()
		snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
		require.NoError(t, err)
		big := byID(snap)["github.com/acme/web/.github/workflows/big.yml"]
		require.Equal(t, ghc.TypeWorkflow, big.Type)
		assert.Contains(t, big.Unknown["triggers"], "over the 1048576-byte limit")
		assert.Equal(t, 0, srv.PathCount("/repos/acme/web/contents/.github/workflows/big.yml"), "not fetched: the listing gives its size")
	})
}
