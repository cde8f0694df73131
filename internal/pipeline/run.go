package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// Config is everything one run needs. Nothing travels beside it: the
// commands turn their flags into a Config, and Run is the only code that
// calls every stage.
type Config struct {
	// Controls are the --controls values (none: the embedded set) and
	// Policies the governance pack folder ("": the embedded pack). Both are
	// ignored when Inputs is set.
	Controls []string
	Policies string
	// Workspace is the workspace folder as the user named it: it is loaded
	// (unless Inputs is set), named in the report, and Terraform scope paths
	// are made relative to it so that its `terraform { paths = [...] }`
	// selectors claim them. "" is no workspace: the governance pack alone.
	Workspace string
	// Inputs are controls and a workspace loaded already. The gate judges a
	// change and its baseline with one set: the trusted workspace of the
	// base branch, whose controls are compiled once for both.
	Inputs *Inputs
	// EngineOptions are passed to the engine when Run loads the controls.
	EngineOptions []engine.Option
	// OnLoad, when set, is told what the load stage found — the workspace's
	// diagnostics and the training records' problems — before any evidence
	// is read, so a command's log keeps the order of the stages. It is
	// called whenever the workspace was read, also when its errors (or the
	// records') stop the run. Not called when Inputs is set.
	OnLoad func(Loaded)

	// Evidence is evidence read already (the gate's Terraform).
	Evidence []*evidence.Snapshot
	// EvidenceWarnings are what reading Evidence reported (Terraform
	// warnings); they open the report's warnings.
	EvidenceWarnings []string
	// EvidenceFiles are recorded snapshots, files or folders of them, read
	// once the workspace is loaded. With WorkspaceEvidence and no files, the
	// workspace's evidence/ folder is read instead.
	EvidenceFiles     []string
	WorkspaceEvidence bool
	// Collect gathers live evidence once the workspace is loaded (its systems
	// name the targets). Nil collects nothing.
	Collect func(ctx context.Context, ws *model.Workspace) ([]*evidence.Snapshot, error)

	// Records is a CSV export of training completions (--training-records)
	// merged with the workspace's; "" reads none.
	Records string
	// Frameworks are the framework views to build (--framework).
	Frameworks []string
	// Now is the run's clock: the engine's time limits, the training
	// records' dates and the evaluation (one reading for every comparison).
	// Nil is time.Now.
	Now func() time.Time
	// Warnings are the command's own (the gate's note on what it trusts);
	// they close the report's warnings.
	Warnings []string
	// OnEvidence, when set, is told the evidence as it was evaluated
	// (claimed by the workspace's systems) and the inputs that judged it,
	// once the report is assembled: the run store keeps the resources and
	// the catalogue version (internal/runner).
	OnEvidence func(snap *evidence.Snapshot, in *Inputs)
	// Incremental, when set, is asked once the controls are loaded for
	// the results an earlier run kept under the judge's digest
	// (engine.CacheDigest); the engine reuses those whose every input is
	// unchanged (engine.EvaluateCached) and the cache holds this run's
	// results when Run returns (internal/runner keeps them). An error is
	// a warning and every result is evaluated; the cache it returns, if
	// any, still collects this run's results. Nil evaluates everything.
	// Ignored for a PullRequest: the gate never reads or writes results.
	Incremental func(ctx context.Context, digest string) (*engine.Cache, error)
	// PullRequest says the evidence is a change's Terraform only (the
	// gate): the governance stage is not run — a pull request is judged by
	// its findings, not by the risk register, training or policy reviews —
	// and a waiver matching nothing is not stale (link.PartialEvidence).
	PullRequest bool
}

// Loaded is what Config.OnLoad is told.
type Loaded struct {
	Workspace *model.Workspace
	// Diagnostics are every workspace diagnostic, warnings included.
	Diagnostics hcl.Diagnostics
	// RecordProblems are the training records' rows that could not be used;
	// when any is fatal the run stops with them as its error.
	RecordProblems governance.RecordProblems
}

// Stage names the stage a Run error comes from, so a command picks its exit
// code without matching messages.
type Stage string

// Stages a Run can fail in.
const (
	// StageLoad: controls (engine.Problems, a bad --controls value) or the
	// workspace (ErrInvalidWorkspace).
	StageLoad Stage = "load"
	// StageFrameworks: a requested framework view no loaded control maps to.
	StageFrameworks Stage = "frameworks"
	// StageRecords: the training records could not be read, or hold fatal
	// problems (the error is then governance.RecordProblems).
	StageRecords Stage = "records"
	// StageEvidence: recorded evidence could not be read, or the snapshots
	// do not merge.
	StageEvidence Stage = "evidence"
	// StageCollect: a collector failed; nothing was evaluated.
	StageCollect Stage = "collect"
)

// Error is a Run error with its stage. Its message is the cause's.
type Error struct {
	Stage Stage
	Err   error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func stageErr(s Stage, err error) error { return &Error{Stage: s, Err: err} }

// Run loads controls and workspace, reads and collects evidence, claims it
// for the workspace's systems, evaluates, links, applies governance, notes
// what nothing evaluated and assembles the report — Workspace, Controls and
// every warning included. A run cut short by ctx still returns its report,
// marked incomplete; the command decides whether to write it.
func Run(ctx context.Context, cfg Config) (*report.Report, error) {
	clock := cfg.Now
	if clock == nil {
		clock = time.Now
	}
	in := cfg.Inputs
	var opts governance.Options
	var recordNotes []string
	if in == nil {
		var err error
		in, opts, recordNotes, err = load(ctx, cfg, clock)
		if err != nil {
			return nil, err
		}
	} else if err := checkFrameworks(in, cfg.Frameworks); err != nil {
		return nil, err
	} else {
		opts.Frameworks = cfg.Frameworks
	}
	snap, err := gather(ctx, cfg, in.Workspace)
	if err != nil {
		return nil, err
	}
	// An engine loaded with engine.CompileNeeded (the gate) compiles now
	// what these resources need; a control it cannot compile stops the run
	// as a load problem, as it would have stopped the load.
	if err := in.Engine.CompileFor(snap); err != nil {
		return nil, err
	}
	cache, cacheNote := incremental(ctx, cfg, in.Engine)
	r := evaluate(ctx, in, snap, cfg.Workspace, opts, clock(), cfg.PullRequest, cache)
	if cacheNote != "" {
		r.Warnings = append(r.Warnings, cacheNote)
	}
	if cfg.OnEvidence != nil {
		cfg.OnEvidence(snap, in)
	}
	r.Workspace = cfg.Workspace
	r.Controls = controlDocs(in.Engine.Catalog(), r.Findings)
	r.Systems = systemRefs(in.Workspace)
	r.Organisation = in.Workspace.Settings.Organisation
	warnings := append([]string{}, cfg.EvidenceWarnings...)
	warnings = append(warnings, r.Warnings...)
	warnings = append(warnings, recordNotes...)
	r.Warnings = append(warnings, cfg.Warnings...)
	if len(r.Warnings) == 0 {
		r.Warnings = nil // as before Run: no warnings is an absent list
	}
	return r, nil
}

// load is the load stage: controls, workspace, and the run's governance
// options checked against them (framework names, training records).
func load(ctx context.Context, cfg Config, clock func() time.Time) (*Inputs, governance.Options, []string, error) {
	var opts governance.Options
	in, err := Load(ctx, cfg.Controls, cfg.Policies, cfg.Workspace, append([]engine.Option{engine.WithClock(clock)}, cfg.EngineOptions...)...)
	if in == nil {
		return nil, opts, nil, stageErr(StageLoad, err)
	}
	loaded := Loaded{Workspace: in.Workspace, Diagnostics: in.Diagnostics}
	var notes []string
	if err != nil {
		err = stageErr(StageLoad, err)
	} else if err = checkFrameworks(in, cfg.Frameworks); err == nil {
		opts.Frameworks = cfg.Frameworks
		opts.Records, loaded.RecordProblems, err = readRecords(cfg.Records, in.Workspace, clock)
		for _, p := range loaded.RecordProblems {
			notes = append(notes, "training records: "+p.String())
		}
	}
	if cfg.OnLoad != nil {
		cfg.OnLoad(loaded)
	}
	if err != nil {
		return nil, opts, nil, err
	}
	return in, opts, notes, nil
}

func checkFrameworks(in *Inputs, names []string) error {
	if len(names) == 0 {
		return nil
	}
	if err := governance.CheckFrameworks(names, in.Controls()); err != nil {
		return stageErr(StageFrameworks, err)
	}
	return nil
}

// readRecords reads the training records. Rows that cannot be used come
// back as problems; fatal ones are also the error, so no partial import is
// scored.
func readRecords(file string, ws *model.Workspace, clock func() time.Time) ([]governance.Completion, governance.RecordProblems, error) {
	if file == "" {
		return nil, nil, nil
	}
	records, problems, err := governance.LoadRecords(file, ws, clock())
	if err != nil {
		return nil, nil, stageErr(StageRecords, err)
	}
	if problems.Fatal() {
		return nil, problems, stageErr(StageRecords, problems)
	}
	return records, problems, nil
}

// gather is the evidence stage: what was read already, recorded snapshots,
// then live collection, merged into one snapshot.
func gather(ctx context.Context, cfg Config, ws *model.Workspace) (*evidence.Snapshot, error) {
	snaps := append([]*evidence.Snapshot{}, cfg.Evidence...)
	if len(cfg.EvidenceFiles) > 0 || cfg.WorkspaceEvidence {
		recorded, err := readEvidence(cfg.Workspace, cfg.EvidenceFiles)
		if err != nil {
			return nil, stageErr(StageEvidence, err)
		}
		snaps = append(snaps, recorded)
	}
	if cfg.Collect != nil {
		live, err := cfg.Collect(ctx, ws)
		if err != nil {
			return nil, stageErr(StageCollect, err)
		}
		snaps = append(snaps, live...)
	}
	if len(snaps) == 1 && len(cfg.Evidence) == 1 {
		return snaps[0], nil // the gate's Terraform: nothing to merge
	}
	snap, err := evidence.Merge(snaps...)
	if err != nil {
		return nil, stageErr(StageEvidence, err)
	}
	return snap, nil
}

// readEvidence reads snapshot files or folders, or the workspace's
// evidence/ folder when none is given.
func readEvidence(workspace string, paths []string) (*evidence.Snapshot, error) {
	if len(paths) == 0 {
		def := filepath.Join(workspace, "evidence")
		if _, err := os.Stat(def); err != nil {
			return nil, fmt.Errorf("no evidence: pass --evidence FILE (a snapshot from `rampart collect`) or put snapshots in %s", def)
		}
		paths = []string{def}
	}
	snaps := make([]*evidence.Snapshot, 0, len(paths))
	for _, path := range paths {
		s, err := evidence.Load(path)
		if err != nil {
			return nil, err
		}
		snaps = append(snaps, s)
	}
	return evidence.Merge(snaps...)
}

// claim is the claim stage: every resource and collection gap gets the
// system whose selectors match its scope. Terraform scope paths name files
// relative to the folder the run started in, a workspace's selectors relative
// to the workspace: they are made relative to it first, or no
// `terraform { paths }` selector would ever match a workspace that is not
// the current folder. A path outside the workspace is left as it is.
func claim(ws *model.Workspace, snap *evidence.Snapshot, workspace string) {
	if workspace != "" {
		for i := range snap.Resources {
			relativeScope(&snap.Resources[i].Scope, workspace)
		}
		// Modules that could not be read are claimed like resources.
		for i := range snap.NotCollected {
			relativeScope(&snap.NotCollected[i].Scope, workspace)
		}
	}
	ws.Claim(snap)
}

func relativeScope(sc *evidence.Scope, workspace string) {
	if sc.Platform != "terraform" || sc.Path == "" {
		return
	}
	if rel, err := filepath.Rel(workspace, filepath.FromSlash(sc.Path)); err == nil && !strings.HasPrefix(rel, "..") {
		sc.Path = filepath.ToSlash(rel)
	}
}

// evaluate runs the stages after the evidence: claim, engine, coverage,
// link, governance (not for a pull request), and the report with the run's
// own warnings.
func evaluate(ctx context.Context, in *Inputs, snap *evidence.Snapshot, workspace string, opts governance.Options, now time.Time, pullRequest bool, cache *engine.Cache) *report.Report {
	claim(in.Workspace, snap, workspace)
	systems := map[string]engine.System{}
	for _, s := range in.Workspace.Systems {
		systems[s.ID] = engine.System{ID: s.ID, Classification: s.Classification, Owner: s.Owner, InternetFacing: s.InternetFacing}
	}
	// Controls see the workspace settings they need (the alert SLA) as
	// input.settings, from the table the governance stage applies too.
	env := engine.Env{Systems: systems, Settings: in.Workspace.Settings.ControlInput()}
	// What no control evaluated and the manual controls' results depend on
	// the catalogue and the evidence alone, not on the engine's results.
	extra, uncoveredNotes := uncovered(in.Engine.Catalog(), snap.Resources)
	manual, manualNotes := manualFindings(in.Engine.Catalog(), in.Workspace, snap, now)
	extra = append(extra, manual...)
	uncoveredNotes = append(uncoveredNotes, manualNotes...)
	sortFindings(extra)
	var raw []finding.Finding
	if finding.Baseline() {
		// Before issue 16: the engine's findings, then a second array with
		// the extra ones sorted in, then link's copy, all alive at once.
		raw = in.Engine.EvaluateCached(ctx, snap, env, cache)
		if len(extra) > 0 {
			raw = append(raw, extra...)
			sortFindings(raw)
		}
		raw = slices.Clone(raw)
	} else if finding.WholeResults() {
		// Before the engine merged them: its findings, then a second
		// array with the extra ones merged in.
		raw = in.Engine.EvaluateCached(ctx, snap, env, cache)
		if len(extra) > 0 {
			raw = mergeSorted(raw, extra)
		}
	} else {
		// The engine writes its findings and the extra ones into one
		// array of the exact size, which link works on in place and the
		// report keeps.
		raw = in.Engine.EvaluateMerged(ctx, snap, env, cache, extra)
	}
	fs, waivers := link.Apply(raw, in.Workspace, now)
	var gov *governance.Result
	var govErr error
	if pullRequest {
		link.PartialEvidence(waivers)
	} else {
		gov, govErr = governance.Evaluate(governance.Input{Findings: fs, Waivers: waivers, Resources: snap.Resources,
			Workspace: in.Workspace, Controls: in.Controls(), Options: opts, Now: now})
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
			CutShort:         snap.Incomplete,
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
		r.Evidence.CutShort = true
		r.Evidence.IncompleteReason = joinReason(r.Evidence.IncompleteReason, "interrupted before every control was evaluated")
	}
	// Incomplete is decided once, here, by the coverage rule: cut short or
	// anything not collected (docs/report-schema.md#coverage).
	report.AssessCoverage(r)
	for _, d := range in.Diagnostics {
		if d.Severity == hcl.DiagWarning {
			r.Warnings = append(r.Warnings, diagString(d))
		}
	}
	r.Warnings = append(r.Warnings, in.Workspace.ClaimNotes(snap)...)
	if w := in.Engine.UnlistedWarning(snap); w != "" {
		r.Warnings = append(r.Warnings, w)
	}
	r.Warnings = append(r.Warnings, idleControls(in.Engine.Catalog(), snap.Resources)...)
	r.Warnings = append(r.Warnings, uncoveredNotes...)
	if reason, nothing := verdict.NothingEvaluated(r); nothing {
		r.Warnings = append(r.Warnings, reason)
	}
	r.Warnings = append(r.Warnings, link.Warnings(waivers)...)
	switch {
	case pullRequest:
		// Empty, not absent: the report's schema has these as lists.
		r.Risks, r.TrainingGaps, r.Policies = []governance.Risk{}, []governance.TrainingGap{}, []governance.Policy{}
	case govErr != nil:
		r.Warnings = append(r.Warnings, fmt.Sprintf("governance: %v", govErr))
	default:
		r.RiskAppetite, r.Risks, r.TrainingGaps, r.Policies = in.Workspace.Settings.RiskAppetite, gov.Risks, gov.TrainingGaps, gov.Policies
		r.Threats, r.Frameworks = &gov.Threats, gov.Frameworks
		r.NotApplicable = gov.NotApplicable
		r.Warnings = append(r.Warnings, gov.Warnings...)
	}
	return r
}

// systemRefs locates each system's block, for SARIF locations of live results.
func systemRefs(ws *model.Workspace) []report.SystemRef {
	out := make([]report.SystemRef, 0, len(ws.Systems))
	for _, s := range ws.Systems {
		ref := report.SystemRef{ID: s.ID, Name: s.Name, Owner: s.Owner, Classification: s.Classification}
		if file := repoRelative(s.DeclRange.Filename); file != "" {
			ref.File, ref.Line = file, s.DeclRange.Start.Line
		}
		out = append(out, ref)
	}
	return out
}

// repoRelative is a workspace file relative to the root of the Git
// checkout it is in (SARIF locations are relative to the checkout), or
// to the folder the run started in when it is in none; "" for a file
// outside both — the gate's trusted workspace is a temporary tree whose
// path would point nowhere.
func repoRelative(file string) string {
	if file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	base := ""
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			base = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if base == "" {
		if base, err = os.Getwd(); err != nil {
			return ""
		}
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil {
		return ""
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return ""
	}
	return rel
}

// controlDocs documents the controls the findings name, for SARIF rules.
func controlDocs(cat *engine.Catalog, fs []finding.Finding) []report.ControlDoc {
	seen := map[string]bool{}
	var out []report.ControlDoc
	for _, f := range fs {
		if seen[f.ControlID] {
			continue
		}
		seen[f.ControlID] = true
		c := cat.Get(f.ControlID)
		if c == nil {
			continue
		}
		out = append(out, report.ControlDoc{ID: c.ID, Title: c.Title, Description: c.Description, Severity: c.Severity,
			Frameworks: c.Frameworks, Equivalents: c.Equivalents, Console: c.Remediation.Console, Terraform: c.Remediation.Terraform})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// incremental asks cfg.Incremental for the run's result cache, and says
// why nothing is reused when it cannot be: an unidentifiable build, or
// results that could not be read (every result is then evaluated).
func incremental(ctx context.Context, cfg Config, e *engine.Engine) (*engine.Cache, string) {
	if cfg.Incremental == nil || cfg.PullRequest {
		return nil, ""
	}
	digest := e.CacheDigest()
	if digest == "" {
		return nil, "incremental: this build of rampart cannot be identified (its executable could not be read); every result was evaluated"
	}
	cache, err := cfg.Incremental(ctx, digest)
	if err != nil {
		return cache, fmt.Sprintf("incremental: %v; every result was evaluated", err)
	}
	return cache, ""
}
