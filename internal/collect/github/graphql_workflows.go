package github

import (
	"fmt"
	"path"
	"strings"

	gh "github.com/google/go-github/v60/github"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/workflow"
)

// workflowsGraphQL emits the workflow files from the tree GraphQL returned
// (the blobs' text inline): the same resources as the contents API path.
func (r *run) workflowsGraphQL(org string, repo *gh.Repository, n *gqlRepo) {
	name := repo.GetName()
	if repo.GetDefaultBranch() == "" {
		return
	}
	scopeID := "github.com/" + org + "/" + name
	scope := repoScope(org, name)
	switch {
	case n.gaps[groupWorkflows] != nil:
		r.gap(TypeWorkflow, scope, scopeID, n.gaps[groupWorkflows])
		return
	case n.Object == nil:
		return // no .github/workflows: no workflows, knowably
	case n.Object.Typename != "Tree":
		r.gap(TypeWorkflow, scope, scopeID, &gap{reason: workflowsDir + " is a file, not a folder: no workflow could be listed", failure: true})
		return
	}
	visibility, visible := repo.GetVisibility(), repo.Visibility != nil
	for _, e := range n.Object.Entries {
		p := e.Path
		if p == "" {
			p = path.Join(workflowsDir, e.Name)
		}
		if !strings.HasSuffix(p, ".yml") && !strings.HasSuffix(p, ".yaml") {
			continue
		}
		r.addWorkflow(org, name, p, visibility, visible, r.blobWorkflow(p, e.Type, e.Object))
	}
}

func (r *run) blobWorkflow(p, typ string, b *struct {
	ByteSize    int     `json:"byteSize"`
	IsBinary    *bool   `json:"isBinary"`
	IsTruncated bool    `json:"isTruncated"`
	Text        *string `json:"text"`
}) workflow.Result {
	switch {
	case typ != "blob":
		return workflow.Unreadable(fmt.Sprintf("%s is a %s, not a file: not read", p, typ))
	case b == nil:
		r.failed(&gap{failure: true, reason: p + ": GraphQL returned no blob"})
		return workflow.Unreadable("read " + p + ": GraphQL returned no blob")
	case b.ByteSize > workflow.MaxFileBytes:
		return workflow.Unreadable(fmt.Sprintf("%s is %d bytes, over the %d-byte limit", p, b.ByteSize, workflow.MaxFileBytes))
	case b.IsTruncated || b.Text == nil || (b.IsBinary != nil && *b.IsBinary):
		reason := fmt.Sprintf("read %s: GraphQL returned the blob's text truncated or not at all (%d bytes)", p, b.ByteSize)
		r.failed(&gap{failure: true, reason: reason})
		return workflow.Unreadable(reason)
	case len(*b.Text) != b.ByteSize:
		reason := fmt.Sprintf("read %s: %d bytes decoded, the file has %d", p, len(*b.Text), b.ByteSize)
		r.failed(&gap{failure: true, reason: reason})
		return workflow.Unreadable(reason)
	}
	return workflow.Parse([]byte(*b.Text))
}

func repoScope(org, name string) evidence.Scope {
	return evidence.Scope{Platform: "github", Org: org, Repo: name}
}
