package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	gh "github.com/google/go-github/v60/github"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/workflow"
)

// TypeWorkflow is a workflow file of a repository's default branch.
const TypeWorkflow = evidence.TypeGitHubWorkflow

// workflowsDir is where GitHub reads a repository's workflows.
const workflowsDir = ".github/workflows"

// workflows lists .github/workflows of the repository's default branch
// through the contents API and reads each YAML file in it: one request for
// the folder, one per file, each revalidated through the ETag cache (an
// unchanged file costs a free 304). The files are parsed by
// internal/workflow, which the gate uses on a pull request's checkout.
//
// A 404 for the folder means the repository has no workflows (it was just
// listed, so it is not a visibility 404): knowable, nothing emitted. A
// refusal or failure of the folder is a not-collected entry for the type
// in the repository's scope; of one file, a resource with every attribute
// unknown. The error is non-nil only for what stops the collection.
func (r *run) workflows(ctx context.Context, org string, repo *gh.Repository) error {
	name := repo.GetName()
	owner := repo.GetOwner().GetLogin()
	if owner == "" {
		owner = org
	}
	branch := repo.GetDefaultBranch()
	if branch == "" {
		return nil // an empty repository has no files
	}
	scope := evidence.Scope{Platform: "github", Org: org, Repo: name}
	ref := &gh.RepositoryContentGetOptions{Ref: branch}
	file, dir, _, err := r.c.Repositories.GetContents(ctx, esc(owner), esc(name), workflowsDir, ref)
	var er *gh.ErrorResponse
	switch {
	case err == nil && file != nil:
		r.gap(TypeWorkflow, scope, "github.com/"+org+"/"+name, &gap{reason: workflowsDir + " is a file, not a folder: no workflow could be listed", failure: true})
		return nil
	case err == nil:
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound:
		return nil
	default:
		gp, err := classify(ctx, err, needContents)
		if err != nil {
			return err
		}
		r.gap(TypeWorkflow, scope, "github.com/"+org+"/"+name, gp)
		return nil
	}
	visibility, visible := repo.GetVisibility(), repo.Visibility != nil
	for _, entry := range dir {
		p := entry.GetPath()
		if p == "" {
			p = path.Join(workflowsDir, entry.GetName())
		}
		if !strings.HasSuffix(p, ".yml") && !strings.HasSuffix(p, ".yaml") {
			continue
		}
		res := r.workflowFile(ctx, owner, name, p, entry, ref)
		if res.err != nil {
			return res.err
		}
		r.addWorkflow(org, name, p, visibility, visible, res.parsed)
	}
	return nil
}

// addWorkflow emits one workflow file's resource, with the repository's
// visibility (GH-WF-005 needs it).
func (r *run) addWorkflow(org, repo, p, visibility string, visible bool, parsed workflow.Result) {
	attrs := parsed.Attributes
	if attrs == nil {
		attrs = map[string]any{}
	}
	attrs["path"] = p
	unknown := parsed.Unknown
	if unknown == nil {
		unknown = map[string]string{}
	}
	if visible {
		attrs["repository_visibility"] = visibility
	} else {
		unknown["repository_visibility"] = "the repository's visibility was not returned"
	}
	if len(unknown) == 0 {
		unknown = nil
	}
	r.add(evidence.Resource{
		Type: TypeWorkflow, ID: "github.com/" + org + "/" + repo + "/" + p,
		Scope: evidence.Scope{Platform: "github", Org: org, Repo: repo}, Source: r.source(), Attributes: attrs, Unknown: unknown,
	})
}

type workflowRead struct {
	parsed workflow.Result
	err    error // stops the collection
}

// workflowFile fetches and parses one file. Anything short of its whole
// text — a refusal, a failure, a file over the contents API's 1 MiB inline
// limit (encoding "none"), a body that does not decode — leaves the file's
// attributes unknown with the reason.
func (r *run) workflowFile(ctx context.Context, owner, repo, p string, entry *gh.RepositoryContent, ref *gh.RepositoryContentGetOptions) workflowRead {
	if t := entry.GetType(); t != "" && t != "file" {
		return workflowRead{parsed: workflow.Unreadable(fmt.Sprintf("%s is a %s, not a file: not read", p, t))}
	}
	if size := entry.GetSize(); size > workflow.MaxFileBytes {
		return workflowRead{parsed: workflow.Unreadable(fmt.Sprintf("%s is %d bytes, over the %d-byte limit", p, size, workflow.MaxFileBytes))}
	}
	file, _, _, err := r.c.Repositories.GetContents(ctx, esc(owner), esc(repo), p, ref)
	if err != nil {
		gp, err := classify(ctx, err, needContents)
		if err != nil {
			return workflowRead{err: err}
		}
		r.failed(gp)
		return workflowRead{parsed: workflow.Unreadable("read " + p + ": " + gp.reason)}
	}
	if file == nil {
		r.failed(&gap{failure: true, reason: p + " answered as a folder"})
		return workflowRead{parsed: workflow.Unreadable(p + " answered as a folder, not a file")}
	}
	text, err := file.GetContent()
	if err != nil {
		reason := fmt.Sprintf("read %s: %v", p, err)
		r.failed(&gap{failure: true, reason: reason})
		return workflowRead{parsed: workflow.Unreadable(reason)}
	}
	if size := file.GetSize(); size > 0 && size != len(text) {
		// The body decoded to fewer (or more) bytes than GitHub says the
		// file has: a truncated answer must not be judged as the file.
		reason := fmt.Sprintf("read %s: %d bytes decoded, the file has %d", p, len(text), size)
		r.failed(&gap{failure: true, reason: reason})
		return workflowRead{parsed: workflow.Unreadable(reason)}
	}
	return workflowRead{parsed: workflow.Parse([]byte(text))}
}
