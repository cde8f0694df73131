package terraform

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/workflow"
)

// The gate reads a repository's GitHub Actions workflows beside its
// Terraform: `.github/workflows/*.yml` (and `*.yaml`) directly under each
// scanned folder, which is where GitHub looks for them. The files become
// github.workflow resources through internal/workflow, the parser the
// live collector uses, so a pull request is judged by the same controls.
//
// The pull request is untrusted: no symbolic link is followed on the way
// (.github, .github/workflows or a workflow file). A linked folder is a
// not-collected entry and a linked file a resource with every attribute
// unknown, so neither passes; GitHub itself does not run a workflow through
// a link out of the repository, but a link inside it would be read, and
// telling the two apart would mean following it.

// workflowsDir is where GitHub reads workflows, relative to a repository root.
const workflowsDir = ".github/workflows"

// readWorkflows lists and parses the workflows under the scanned folders.
func readWorkflows(fsys fs.FS, scanned []string) ([]evidence.Resource, []evidence.NotCollected) {
	var resources []evidence.Resource
	var gaps []evidence.NotCollected
	gap := func(dir, why string) {
		gaps = append(gaps, evidence.NotCollected{
			ResourceType: evidence.TypeGitHubWorkflow,
			Scope:        evidence.Scope{Platform: "terraform", Path: dir},
			ScopeID:      dir,
			Reason:       why,
		})
	}
	seen := map[string]bool{}
	for _, root := range scanned {
		dir := path.Join(root, workflowsDir)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		switch err := noLinks(fsys, root, dir); {
		case errors.Is(err, fs.ErrNotExist):
			continue // no workflows: knowable, and nothing to judge
		case err != nil:
			gap(dir, fmt.Sprintf("workflows not read: %v", err))
			continue
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			gap(dir, fmt.Sprintf("workflows not read: %v", err))
			continue
		}
		for _, de := range entries {
			name := de.Name()
			if !strings.HasSuffix(name, ".yml") && !strings.HasSuffix(name, ".yaml") {
				continue
			}
			file := path.Join(dir, name)
			if de.IsDir() {
				continue
			}
			resources = append(resources, workflowResource(file, readWorkflowFile(fsys, de, file)))
		}
	}
	slices.SortFunc(resources, func(a, b evidence.Resource) int { return strings.Compare(a.ID, b.ID) })
	return resources, gaps
}

// readWorkflowFile parses one file, or says why it was not read.
func readWorkflowFile(fsys fs.FS, de fs.DirEntry, file string) workflow.Result {
	if de.Type()&fs.ModeSymlink != 0 {
		return workflow.Unreadable(file + " is a symbolic link, which is not followed")
	}
	f, err := fsys.Open(file)
	if err != nil {
		return workflow.Unreadable(fmt.Sprintf("read %s: %v", file, err))
	}
	defer f.Close()
	// One byte past the limit tells an oversized file from one at it.
	src, err := io.ReadAll(io.LimitReader(f, workflow.MaxFileBytes+1))
	if err != nil {
		return workflow.Unreadable(fmt.Sprintf("read %s: %v", file, err))
	}
	return workflow.Parse(src)
}

func workflowResource(file string, r workflow.Result) evidence.Resource {
	attrs := r.Attributes
	if attrs == nil {
		attrs = map[string]any{}
	}
	attrs["path"] = file
	unknown := r.Unknown
	if unknown == nil {
		unknown = map[string]string{}
	}
	// A file in a checkout does not say whether its repository is public.
	unknown["repository_visibility"] = "the gate reads files; the repository's visibility is known to the live collector only"
	return evidence.Resource{
		Type:       evidence.TypeGitHubWorkflow,
		ID:         file,
		Scope:      evidence.Scope{Platform: "terraform", Path: file},
		Source:     evidence.Source{Kind: "terraform", File: file, Line: r.Line},
		Attributes: attrs,
		Unknown:    unknown,
	}
}

// noLinks checks that every element from root down to dir exists and is a
// real folder, not a symbolic link.
func noLinks(fsys fs.FS, root, dir string) error {
	links, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return fmt.Errorf("the file system cannot tell symbolic links")
	}
	cur := root
	for _, part := range strings.Split(strings.TrimPrefix(dir, root+"/"), "/") {
		cur = path.Join(cur, part)
		info, err := links.Lstat(cur)
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link, which is not followed", cur)
		}
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", cur)
		}
	}
	return nil
}

// workflowsOnly is the Result of scanned folders that hold workflows and
// no Terraform.
func workflowsOnly(resources []evidence.Resource, gaps []evidence.NotCollected) (*Result, error) {
	res := &Result{Files: map[string]*hcl.File{}, Snapshot: &evidence.Snapshot{
		Schema:       evidence.SchemaV1,
		Collectors:   []string{"terraform"},
		Resources:    resources,
		NotCollected: gaps,
		Collected:    collected(resources),
	}}
	if err := evidence.Normalize(res.Snapshot); err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	return res, nil
}
