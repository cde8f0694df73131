// Package pipeline joins the stages for one run: controls and workspace are
// loaded and validated, evidence is claimed by systems, the engine evaluates,
// the link stage applies governance, and a report comes out. The audit and
// gate commands share it.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/policies"
)

// ControlSources resolves --controls values: each is a folder, an OPA
// bundle (.tar.gz) or "embedded" (the built-in set); none means the
// embedded set. Sources are merged by the engine, which rejects a control
// ID defined twice naming both files.
func ControlSources(specs []string) ([]engine.Source, error) {
	if len(specs) == 0 {
		specs = []string{EmbeddedControls}
	}
	out := make([]engine.Source, 0, len(specs))
	seen := map[string]bool{}
	for _, spec := range specs {
		if seen[spec] {
			return nil, fmt.Errorf("controls: %s is given twice", spec)
		}
		seen[spec] = true
		src, err := controlSource(spec)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// AddWorkspaceControls appends WORKSPACE/controls unless it is one of the
// sources already (`rampart test --controls controls .` in this repository).
func AddWorkspaceControls(sources []engine.Source, paths []string, workspace string) ([]engine.Source, error) {
	if workspace == "" {
		return sources, nil
	}
	dir := filepath.Join(workspace, "controls")
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return sources, nil
	}
	if err != nil {
		return nil, fmt.Errorf("workspace controls: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("workspace controls: %s is not a folder", dir)
	}
	abs, _ := filepath.Abs(dir)
	for _, p := range paths {
		if other, err := filepath.Abs(p); err == nil && other == abs {
			return sources, nil
		}
	}
	out := append([]engine.Source{}, sources...)
	// The workspace's controls can come from a pull request: untrusted, so
	// the engine evaluates them in a child process with limits.
	return append(out, engine.Source{Name: dir, FS: os.DirFS(dir), Untrusted: true}), nil
}

// Pack returns the embedded governance pack, or the folder given instead.
func Pack(dir string) (fs.FS, string) {
	if dir == "" {
		return policies.FS, "policies"
	}
	return os.DirFS(dir), dir
}

// Inputs are the loaded, validated controls and workspace of a run.
type Inputs struct {
	Engine    *engine.Engine
	Workspace *model.Workspace
	// Diagnostics holds every workspace diagnostic, warnings included.
	Diagnostics hcl.Diagnostics
	// Governance carries imported training records and the framework views to build.
	Governance governance.Options
}

// Controls lists the catalogue for the governance stage's framework view.
func (in *Inputs) Controls() []governance.Control {
	var out []governance.Control
	for _, c := range in.Engine.Catalog().Controls {
		out = append(out, governance.Control{ID: c.ID, Title: c.Title, Severity: c.Severity, Frameworks: c.Frameworks})
	}
	return out
}

// ErrInvalidWorkspace is returned (wrapped) when the workspace has errors;
// the diagnostics are in Inputs.Diagnostics.
var ErrInvalidWorkspace = errors.New("invalid workspace")

// Load loads controls and the workspace. Control problems come back as
// engine.Problems; workspace errors as ErrInvalidWorkspace with the
// diagnostics in the returned Inputs.
func Load(ctx context.Context, controlDirs []string, policiesDir, workspaceDir string, opts ...engine.Option) (*Inputs, error) {
	sources, err := ControlSources(controlDirs)
	if err != nil {
		return nil, err
	}
	// A workspace's own controls/ folder is audited beside the built-in set,
	// as `rampart test` tests it; an ID clash is a load error naming both files.
	sources, err = AddWorkspaceControls(sources, controlDirs, workspaceDir)
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(ctx, sources, opts...)
	if err != nil {
		return nil, err
	}
	pack, packName := Pack(policiesDir)
	ws, diags := model.Load(model.Input{
		Pack: pack, PackName: packName, Dir: workspaceDir,
		KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil },
	})
	in := &Inputs{Engine: eng, Workspace: ws, Diagnostics: diags}
	if diags.HasErrors() {
		return in, fmt.Errorf("load workspace %s: %w", workspaceDir, ErrInvalidWorkspace)
	}
	return in, nil
}

// Evaluate runs the engine over the snapshot and links the findings.
func (in *Inputs) Evaluate(ctx context.Context, snap *evidence.Snapshot, now time.Time) *report.Report {
	in.Workspace.Claim(snap)
	systems := map[string]engine.System{}
	for _, s := range in.Workspace.Systems {
		systems[s.ID] = engine.System{ID: s.ID, Classification: s.Classification, Owner: s.Owner}
	}
	raw := in.Engine.Evaluate(ctx, snap, systems)
	extra, uncoveredNotes := uncovered(in.Engine.Catalog(), snap.Resources)
	if len(extra) > 0 {
		raw = append(raw, extra...)
		sortFindings(raw)
	}
	fs, waivers := link.Apply(raw, in.Workspace, now)
	gov, govErr := governance.Evaluate(governance.Input{Findings: fs, Waivers: waivers, Resources: snap.Resources,
		Workspace: in.Workspace, Controls: in.Controls(), Options: in.Governance, Now: now})
	if govErr == nil {
		fs, waivers = gov.Findings, gov.Waivers
	}
	r := &report.Report{
		Schema:      report.SchemaV1,
		GeneratedAt: now.UTC(),
		Summary:     finding.Summarize(fs),
		Findings:    fs,
		Waivers:     waivers,
		Evidence: report.EvidenceInfo{
			Collectors:       nonNil(snap.Collectors),
			CollectedAt:      snap.CollectedAt,
			Resources:        len(snap.Resources),
			Incomplete:       snap.Incomplete,
			IncompleteReason: snap.IncompleteReason,
			NotCollected:     snap.NotCollected,
		},
	}
	if r.Evidence.NotCollected == nil {
		r.Evidence.NotCollected = []evidence.NotCollected{}
	}
	if r.Findings == nil {
		r.Findings = []finding.Finding{}
	}
	if Interrupted(ctx) {
		// Results evaluated after the signal are errors of the cancellation,
		// not of the controls: the report is incomplete, never clean.
		r.Evidence.Incomplete = true
		r.Evidence.IncompleteReason = joinReason(r.Evidence.IncompleteReason, "interrupted before every control was evaluated")
	}
	for _, d := range in.Diagnostics {
		if d.Severity == hcl.DiagWarning {
			r.Warnings = append(r.Warnings, diagString(d))
		}
	}
	r.Warnings = append(r.Warnings, uncoveredNotes...)
	if reason, nothing := NothingEvaluated(r); nothing {
		r.Warnings = append(r.Warnings, reason)
	}
	for _, w := range waivers {
		switch w.State {
		case link.WaiverExpired:
			r.Warnings = append(r.Warnings, fmt.Sprintf("waiver %s expired on %s: the failures it covered count again", w.ID, w.Expires))
		case link.WaiverExpiring:
			r.Warnings = append(r.Warnings, fmt.Sprintf("waiver %s expires on %s (within 30 days)", w.ID, w.Expires))
		case link.WaiverStale:
			r.Warnings = append(r.Warnings, fmt.Sprintf("waiver %s matches no result of control %s: remove it or fix its resources", w.ID, w.Control))
		}
	}
	if govErr != nil {
		r.Warnings = append(r.Warnings, fmt.Sprintf("governance: %v", govErr))
	} else {
		r.RiskAppetite, r.Risks, r.TrainingGaps, r.Policies = in.Workspace.Settings.RiskAppetite, gov.Risks, gov.TrainingGaps, gov.Policies
		r.Threats, r.Frameworks = &gov.Threats, gov.Frameworks
		r.Warnings = append(r.Warnings, gov.Warnings...)
	}
	return r
}

func diagString(d *hcl.Diagnostic) string {
	if d.Subject != nil {
		return fmt.Sprintf("%s:%d:%d: %s: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail)
	}
	return d.Summary + ": " + d.Detail
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Exit codes shared by the commands.
const (
	ExitOK           = 0
	ExitFindings     = 1
	ExitInput        = 2
	ExitNotEvaluated = 3
)

// ExitCode decides a run's exit code. Could-not-evaluate wins over findings:
// an audit that could not look everywhere must not look like one that only
// found some failures. An error result, incomplete evidence, a
// not_evaluated result at or above the threshold, or a run that reached no
// verdict at all (NothingEvaluated) gives 3; a failure at or above it gives 1.
func ExitCode(r *report.Report, failOn finding.Severity) int {
	if r.Evidence.Incomplete {
		return ExitNotEvaluated
	}
	if _, nothing := NothingEvaluated(r); nothing {
		return ExitNotEvaluated
	}
	code := ExitOK
	for _, f := range r.Findings {
		atOrAbove := f.Severity.Rank() >= failOn.Rank()
		switch {
		case f.Status == finding.Error:
			return ExitNotEvaluated
		case f.Status == finding.NotEvaluated && atOrAbove:
			code = ExitNotEvaluated
		case f.Status == finding.Fail && atOrAbove && code == ExitOK:
			code = ExitFindings
		}
	}
	// Overdue security alerts and policies past review are findings too (docs/governance.md).
	if code == ExitOK && governance.Failing(r.Threats, r.Policies, failOn) {
		code = ExitFindings
	}
	return code
}
