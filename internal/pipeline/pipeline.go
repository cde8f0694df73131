// Package pipeline joins the stages for one run (Run): controls and
// workspace are loaded and validated, evidence is read, collected and
// claimed by systems, the engine evaluates, link and governance apply the
// workspace, what nothing evaluated is noted, and the report comes out
// whole. The audit and gate commands share it; what the report means for
// the exit code is internal/verdict's.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/model"
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
	if !seen[EmbeddedControls] && !definesLibrary(out) {
		// Controls written against rampart.lib keep it when they are
		// loaded alone (`--controls DIR`), as they have it beside the
		// built-in set.
		lib, err := fs.Sub(controls.FS, "lib")
		if err != nil {
			return nil, fmt.Errorf("controls: the built-in rampart.lib: %w", err)
		}
		out = append(out, engine.Source{Name: "controls/lib (built in)", FS: lib, Verified: true})
	}
	return out, nil
}

// libraryPackage matches a module of rampart.lib or below.
var libraryPackage = regexp.MustCompile(`(?m)^package\s+rampart\.lib(\.|\s*$)`)

// definesLibrary reports whether a source has its own rampart.lib (this
// repository's controls folder, a bundle built from it).
func definesLibrary(sources []engine.Source) bool {
	for _, src := range sources {
		found := false
		_ = fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || found || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
				return nil
			}
			if data, err := fs.ReadFile(src.FS, p); err == nil && libraryPackage.Match(data) {
				found = true
				return fs.SkipAll
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
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
// diagnostics in the returned Inputs. Run calls it; the gate and `rampart
// collect` call it alone (the gate to validate the pull request's workspace
// beside the trusted one it judges with).
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
		Pack: pack, PackName: packName, PackBuiltIn: policiesDir == "", Dir: workspaceDir,
		KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil },
		ControlIDs:   eng.Catalog().IDs(),
	})
	in := &Inputs{Engine: eng, Workspace: ws, Diagnostics: diags}
	if diags.HasErrors() {
		return in, fmt.Errorf("load workspace %s: %w", workspaceDir, ErrInvalidWorkspace)
	}
	return in, nil
}

// DiagnosticText is how a workspace diagnostic reads in the report's
// warnings; a command that printed the diagnostic with its source excerpt
// already tells the report's copy by it (and does not print it twice).
func DiagnosticText(d *hcl.Diagnostic) string { return diagString(d) }

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
