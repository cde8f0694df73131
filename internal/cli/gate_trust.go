package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/gate"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// trust is what a gate run evaluates with, and what it did not apply.
type trust struct {
	in *pipeline.Inputs
	// from is where the governance came from (report.GateInfo.GovernanceFrom).
	from     string
	changes  []report.GovernanceChange
	waivers  []link.WaiverStatus
	warnings []string
	cleanup  func()
}

// gateTrust decides which workspace judges the change. The pull request
// is untrusted input, its workspace included: with --baseline-ref the
// workspace's controls, waivers, systems, risks and the rest are read from
// the ref (what review already accepted), and the pull request's own
// version is only validated and listed as governance changes, applied once
// merged. Otherwise the working tree's workspace is used and a warning
// says the change could have edited it (printed with the run's warnings).
// in is the pull request's inputs.
func gateTrust(ctx context.Context, p Params, f gateFlags, in *pipeline.Inputs, workspace string) (*trust, error) {
	t := &trust{in: in, from: "working tree", cleanup: func() {}}
	if workspace == "" {
		t.from = "embedded"
		return t, nil
	}
	if f.baselineRef == "" {
		w := fmt.Sprintf("workspace %s (its controls, waivers and systems) is read from the working tree: the change itself can edit what judges it; pass --baseline-ref REF to read it from the base branch", workspace)
		t.warnings = append(t.warnings, w)
		return t, nil
	}
	wsDir, exists, cleanup, err := gate.WorkspaceTree(ctx, ".", f.baselineRef, workspace)
	if err != nil {
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("--baseline-ref: workspace: %w", err))
	}
	t.cleanup = cleanup
	trustedDir := ""
	if exists {
		trustedDir = wsDir
	}
	trusted, err := pipeline.Load(ctx, f.load.controls, f.load.policies, trustedDir, engine.WithClock(p.Now), engine.CompileNeeded())
	if err != nil {
		cleanup()
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("workspace %s at %s: %w", workspace, f.baselineRef, err))
	}
	t.changes, err = gate.GovernanceChanges(trustedDir, workspace, workspace)
	if err != nil {
		cleanup()
		return nil, exitWith(verdict.ExitInput, fmt.Errorf("compare workspace with %s: %w", f.baselineRef, err))
	}
	t.in, t.from = trusted, "git:"+f.baselineRef
	// The change's own waivers are not applied, only decided (their expiry).
	t.waivers = link.Review(in.Workspace, p.Now())
	return t, nil
}

// printGovernanceChanges tells the log what the change would alter in the
// workspace, and that it was not applied.
func printGovernanceChanges(w io.Writer, g *report.GateInfo) {
	if len(g.GovernanceChanges) == 0 {
		return
	}
	fmt.Fprintf(w, "governance changes (not applied: the workspace at %s judged this change; they take effect after review and merge):\n", g.GovernanceFrom)
	for _, c := range g.GovernanceChanges {
		fmt.Fprintf(w, "  %s %s %q (%s)\n", c.Change, c.Kind, c.Name, location(c))
	}
}

func location(c report.GovernanceChange) string {
	if c.Line > 0 {
		return fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	return c.File
}
