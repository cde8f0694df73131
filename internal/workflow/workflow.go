// Package workflow turns a GitHub Actions workflow file into the
// attributes of a github.workflow resource. It is the one reader of
// workflow YAML: the GitHub collector (files fetched from a repository's
// default branch) and the gate (files in the pull request's checkout) both
// hand it bytes and put what it returns on the resource, so the same
// controls judge a workflow in an audit and in a pull request.
//
// Parsing is actionlint's (github.com/rhysd/actionlint), which keeps the
// line of every construct. A file it cannot parse yields no attributes and
// one unknown reason per attribute naming the parse errors with their
// positions: the controls report not_evaluated, never a pass.
package workflow

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// MaxFileBytes bounds the workflow file the parser is given; GitHub's own
// limit for a file served inline by the contents API is 1 MiB.
const MaxFileBytes = 1 << 20

// Attributes lists every attribute Parse fills, in the registry's order;
// a file that cannot be read or parsed has each of them unknown.
var Attributes = []string{
	"name", "triggers", "privileged_trigger", "permissions", "jobs",
	"actions", "script_injections", "pr_head_checkouts", "self_hosted_runners",
	"runs_on_expressions",
}

// Result is what one file yields: attributes, or for each attribute the
// reason it is unknown.
type Result struct {
	Attributes map[string]any
	Unknown    map[string]string
	// Line is the first line worth pointing at (the `on:` trigger, else 1).
	Line int
}

// Unreadable is the Result of a file that could not be read at all
// (fetch failed, too large, a symbolic link out of the scanned folder).
func Unreadable(reason string) Result {
	u := make(map[string]string, len(Attributes))
	for _, a := range Attributes {
		u[a] = reason
	}
	return Result{Unknown: u, Line: 1}
}

// Parse reads one workflow file.
func Parse(src []byte) Result {
	if len(src) > MaxFileBytes {
		return Unreadable(fmt.Sprintf("the workflow file is %d bytes, over the %d-byte limit", len(src), MaxFileBytes))
	}
	wf, errs := actionlint.Parse(src)
	if len(errs) > 0 || wf == nil {
		msgs := make([]string, 0, len(errs))
		for _, e := range errs {
			msgs = append(msgs, fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message))
		}
		if len(msgs) == 0 {
			msgs = append(msgs, "no workflow in the file")
		}
		return Unreadable("the workflow does not parse: " + strings.Join(msgs, "; "))
	}
	return read(wf)
}

func read(wf *actionlint.Workflow) Result {
	res := Result{Attributes: map[string]any{}, Unknown: map[string]string{}, Line: 1}
	name := ""
	if wf.Name != nil {
		name = wf.Name.Value
	}
	res.Attributes["name"] = name

	triggers := []string{}
	privileged := false
	for _, ev := range wf.On {
		n := ev.EventName()
		triggers = append(triggers, n)
		if n == "pull_request_target" || n == "workflow_run" {
			privileged = true
		}
		if wh, ok := ev.(*actionlint.WebhookEvent); ok && wh.Pos != nil && res.Line == 1 {
			res.Line = wh.Pos.Line
		}
	}
	res.Attributes["triggers"] = triggers
	res.Attributes["privileged_trigger"] = privileged
	res.Attributes["permissions"] = permissions(wf.Permissions)

	jobs := []map[string]any{}
	actions := []map[string]any{}
	injections := []map[string]any{}
	checkouts := []map[string]any{}
	selfHosted := []map[string]any{}
	expressions := []map[string]any{}
	for _, id := range slices.Sorted(maps.Keys(wf.Jobs)) {
		job := wf.Jobs[id]
		line := posLine(job.Pos)
		j := map[string]any{"id": id, "line": line, "permissions": permissions(job.Permissions)}
		if job.WorkflowCall != nil && job.WorkflowCall.Uses != nil {
			// A job that calls a reusable workflow: its `uses:` is pinned
			// or not like a step's, and it runs on the callee's runners.
			j["calls"] = job.WorkflowCall.Uses.Value
			actions = append(actions, action(id, job.WorkflowCall.Uses))
		}
		labels := []string{}
		if job.RunsOn != nil {
			for _, l := range job.RunsOn.Labels {
				labels = append(labels, l.Value)
				if strings.EqualFold(l.Value, "self-hosted") {
					selfHosted = append(selfHosted, map[string]any{"job": id, "line": posLine(l.Pos), "label": l.Value})
				} else if strings.Contains(l.Value, "${{") {
					expressions = append(expressions, map[string]any{"job": id, "line": posLine(l.Pos), "expression": l.Value})
				}
			}
			if job.RunsOn.LabelsExpr != nil {
				expressions = append(expressions, map[string]any{"job": id, "line": posLine(job.RunsOn.LabelsExpr.Pos), "expression": job.RunsOn.LabelsExpr.Value})
			}
			if job.RunsOn.Group != nil {
				// Runner groups hold self-hosted or larger runners; a
				// group is never a GitHub-hosted standard runner.
				selfHosted = append(selfHosted, map[string]any{"job": id, "line": posLine(job.RunsOn.Group.Pos), "label": "group: " + job.RunsOn.Group.Value})
			}
		}
		j["runs_on"] = labels
		jobs = append(jobs, j)

		for _, step := range job.Steps {
			switch ex := step.Exec.(type) {
			case *actionlint.ExecRun:
				if ex.Run != nil {
					injections = append(injections, untrusted(id, "run", ex.Run)...)
					if prCheckoutCommand.MatchString(ex.Run.Value) {
						checkouts = append(checkouts, map[string]any{"job": id, "line": posLine(ex.Run.Pos), "ref": firstMatch(prCheckoutCommand, ex.Run.Value)})
					}
				}
			case *actionlint.ExecAction:
				if ex.Uses == nil {
					continue
				}
				actions = append(actions, action(id, ex.Uses))
				repo := strings.ToLower(strings.SplitN(ex.Uses.Value, "@", 2)[0])
				if repo == "actions/github-script" {
					if in, ok := ex.Inputs["script"]; ok && in.Value != nil {
						injections = append(injections, untrusted(id, "script", in.Value)...)
					}
				}
				if repo == "actions/checkout" {
					for _, key := range []string{"ref", "repository"} {
						in, ok := ex.Inputs[key]
						if !ok || in.Value == nil {
							continue
						}
						if prHeadExpression.MatchString(in.Value.Value) {
							checkouts = append(checkouts, map[string]any{"job": id, "line": posLine(in.Value.Pos), "ref": in.Value.Value})
							break
						}
					}
				}
			}
		}
	}
	res.Attributes["jobs"] = jobs
	res.Attributes["actions"] = actions
	res.Attributes["script_injections"] = injections
	res.Attributes["pr_head_checkouts"] = checkouts
	res.Attributes["self_hosted_runners"] = selfHosted
	res.Attributes["runs_on_expressions"] = expressions
	return res
}

// permissions describes a `permissions:` block: declared or not, write-all,
// and which scopes it grants write on.
func permissions(p *actionlint.Permissions) map[string]any {
	if p == nil {
		return map[string]any{"declared": false, "write_all": false, "write_scopes": []string{}, "line": 0}
	}
	out := map[string]any{"declared": true, "write_all": false, "write_scopes": []string{}, "line": posLine(p.Pos)}
	if p.All != nil {
		out["write_all"] = p.All.Value == "write-all"
		if strings.Contains(p.All.Value, "${{") {
			// An expression decides the grant at run time: as wide as
			// write-all for all this file can tell.
			out["write_all"] = true
		}
		return out
	}
	scopes := []string{}
	for name, s := range p.Scopes {
		if s.Value != nil && s.Value.Value != "read" && s.Value.Value != "none" {
			scopes = append(scopes, name)
		}
	}
	slices.Sort(scopes)
	out["write_scopes"] = scopes
	return out
}

// fullSHA is a commit ID: the only ref that cannot be moved to other code.
var fullSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)

// action describes one `uses:`: a repository action (owner/repo[/path]@ref),
// a local one (./path, in the same repository and commit) or a Docker image.
func action(job string, uses *actionlint.String) map[string]any {
	v := uses.Value
	a := map[string]any{"job": job, "line": posLine(uses.Pos), "uses": v}
	switch {
	case strings.HasPrefix(v, "./"):
		a["kind"] = "local"
		a["pinned"] = true
	case strings.HasPrefix(v, "docker://"):
		a["kind"] = "docker"
		// Only a digest fixes an image's content; a tag can be pushed over.
		a["pinned"] = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`).MatchString(v)
	default:
		a["kind"] = "repository"
		path, ref, _ := strings.Cut(v, "@")
		parts := strings.SplitN(path, "/", 3)
		a["owner"] = parts[0]
		if len(parts) > 1 {
			a["repo"] = parts[1]
		}
		a["ref"] = ref
		a["pinned"] = fullSHA.MatchString(ref)
	}
	return a
}

// untrustedContexts are the contexts GitHub's security hardening guide
// ("Understanding the risk of script injections") and GitHub Security
// Lab's "untrusted input" list name as attacker-controlled, plus the
// workflow_run fields that carry the triggering branch and commit.
var untrustedContexts = regexp.MustCompile(`(?i)\b(github\.event\.(` + strings.Join([]string{
	`issue\.(title|body)`,
	`pull_request\.(title|body)`,
	`pull_request\.head\.(ref|label|repo\.default_branch)`,
	`comment\.body`,
	`review\.body`,
	`review_comment\.body`,
	`discussion\.(title|body)`,
	`pages(\.\*|\[\d+\])\.page_name`,
	`commits(\.\*|\[\d+\])\.(message|author\.(email|name))`,
	`head_commit\.(message|author\.(email|name))`,
	`workflow_run\.(head_branch|head_commit\.(message|author\.(email|name))|display_title)`,
}, "|") + `)|github\.head_ref)\b`)

var expression = regexp.MustCompile(`\$\{\{(.*?)\}\}`)

// untrusted lists the attacker-controlled expressions interpolated into a
// script: GitHub substitutes them into the text before the shell (or
// github-script's JavaScript) runs it.
func untrusted(job, field string, s *actionlint.String) []map[string]any {
	var out []map[string]any
	base := posLine(s.Pos)
	for _, loc := range expression.FindAllStringSubmatchIndex(s.Value, -1) {
		expr := s.Value[loc[2]:loc[3]]
		m := untrustedContexts.FindString(expr)
		if m == "" {
			continue
		}
		line := base + strings.Count(s.Value[:loc[0]], "\n")
		if blockScalar(s) {
			line++
		}
		out = append(out, map[string]any{"job": job, "line": line, "field": field, "expression": strings.TrimSpace(m)})
	}
	return out
}

// blockScalar: actionlint positions a `run: |` block at the indicator, one
// line above the script's first line.
func blockScalar(s *actionlint.String) bool {
	return strings.Contains(s.Value, "\n") && !s.Quoted
}

// prHeadExpression matches a checkout ref naming the pull request's code.
var prHeadExpression = regexp.MustCompile(`(?i)github\.event\.pull_request\.head\.(sha|ref|repo\.full_name)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|github\.event\.workflow_run\.head_repository\.full_name|refs/pull/|github\.event\.pull_request\.merge_commit_sha|github\.event\.(pull_request\.)?number`)

// prCheckoutCommand matches a script that fetches the pull request's code
// itself instead of through actions/checkout.
var prCheckoutCommand = regexp.MustCompile(`gh pr checkout|git (fetch|checkout)[^\n]*(refs/pull/|\$\{\{[^}]*(head_ref|pull_request\.head|workflow_run\.head)[^}]*\}\})`)

func firstMatch(re *regexp.Regexp, s string) string { return re.FindString(s) }

func posLine(p *actionlint.Pos) int {
	if p == nil {
		return 0
	}
	return p.Line
}
