// Package terraform is the evidence stage for pull requests: it reads
// Terraform configuration (.tf files and tfvars) with hcl/v2, evaluates what
// can be known without running Terraform, and maps the resources to the same
// normalised types the live collectors produce, so one control checks a
// change before deploy and the live system after it. What cannot be known
// statically stays unknown: the mapped attribute is left out and its reason
// goes into the resource's Unknown map, which makes controls not_evaluated.
package terraform

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// ErrNoConfiguration is returned (wrapped) when the paths hold no .tf file
// and no workflow file.
var ErrNoConfiguration = errors.New("no Terraform configuration (*.tf) and no .github/workflows/*.yml found")

// Options tune a Load.
type Options struct {
	// VarFiles are extra tfvars files (paths in the same file system), applied
	// after terraform.tfvars and *.auto.tfvars, like terraform's -var-file.
	VarFiles []string
}

// Result is the evidence read from Terraform plus what a person must know
// about how far the static evaluation got.
type Result struct {
	Snapshot *evidence.Snapshot
	// Files holds every parsed file by name, for printing diagnostics with source lines.
	Files map[string]*hcl.File
	// Diagnostics are syntax errors (severity error) and unsupported or
	// unevaluable constructs (severity warning).
	Diagnostics hcl.Diagnostics
}

// Load reads every Terraform module found under paths (directories, walked
// recursively, or single .tf files) in fsys. Files are parsed in parallel,
// once. Syntax errors come back as error diagnostics and no snapshot.
func Load(ctx context.Context, fsys fs.FS, paths []string, opts Options) (*Result, error) {
	names, err := discover(fsys, paths)
	if err != nil {
		return nil, err
	}
	isFile := func(p string) bool { info, err := fs.Stat(fsys, p); return err == nil && !info.IsDir() }
	workflows, workflowGaps := readWorkflows(fsys, scannedFolders(isFile, paths))
	if !slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") }) {
		if len(workflows)+len(workflowGaps) > 0 {
			// A repository with workflows and no Terraform is still gated.
			return workflowsOnly(workflows, workflowGaps)
		}
		// A mistyped folder must not look like a clean one.
		return nil, fmt.Errorf("read terraform %s: %w", strings.Join(paths, ", "), ErrNoConfiguration)
	}
	for _, vf := range opts.VarFiles {
		names = append(names, path.Clean(vf))
	}
	varFile := map[string]bool{}
	for _, vf := range opts.VarFiles {
		varFile[path.Clean(vf)] = true
	}
	files, diags, err := parseAll(ctx, fsys, names, varFile)
	if err != nil {
		return nil, err
	}
	res := &Result{Files: map[string]*hcl.File{}, Diagnostics: diags}
	for name, f := range files {
		res.Files[name] = f
	}
	if diags.HasErrors() {
		return res, nil
	}
	cfg := newConfig(fsys, files)
	cfg.scanned = scannedFolders(isFile, paths)
	if cfg.diags.HasErrors() {
		res.Diagnostics = append(res.Diagnostics, cfg.diags...)
		return res, nil
	}
	for _, vf := range opts.VarFiles {
		cfg.extraVarFiles = append(cfg.extraVarFiles, path.Clean(vf))
	}
	ev := newEvaluator(cfg)
	insts := ev.run()
	resources, mapDiags := mapAll(insts)
	res.Diagnostics = append(res.Diagnostics, ev.diags...)
	res.Diagnostics = append(res.Diagnostics, mapDiags...)
	for name, f := range ev.lateFiles {
		res.Files[name] = f
	}
	sort.SliceStable(res.Diagnostics, func(i, j int) bool { return diagLess(res.Diagnostics[i], res.Diagnostics[j]) })
	resources = append(resources, workflows...)
	res.Snapshot = &evidence.Snapshot{
		Schema:     evidence.SchemaV1,
		Collectors: []string{"terraform"},
		Resources:  resources,
		// Modules the evaluation could not read: not_evaluated, never a pass.
		NotCollected: append(ev.gaps, workflowGaps...),
		Collected:    collected(resources),
	}
	// One representation at the hand-off: the mapping builds Go values,
	// the engine and governance read what a loaded snapshot holds.
	if err := evidence.Normalize(res.Snapshot); err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	return res, nil
}

func diagLess(a, b *hcl.Diagnostic) bool {
	if (a.Subject == nil) != (b.Subject == nil) {
		return a.Subject == nil
	}
	if a.Subject == nil {
		return a.Summary < b.Summary
	}
	if a.Subject.Filename != b.Subject.Filename {
		return a.Subject.Filename < b.Subject.Filename
	}
	return a.Subject.Start.Byte < b.Subject.Start.Byte
}

// discover lists the .tf and auto-loaded tfvars files under paths.
func discover(fsys fs.FS, paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, p := range paths {
		p = path.Clean(p)
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read terraform %s: %w", p, err)
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		err = fs.WalkDir(fsys, p, func(fp string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() {
				// .terraform holds downloaded modules and providers, not the change under review.
				if fp != p && (de.Name() == ".terraform" || de.Name() == ".git" || strings.HasPrefix(de.Name(), ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if isTerraformFile(de.Name()) {
				add(fp)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk terraform %s: %w", p, err)
		}
	}
	sort.Strings(names)
	return names, nil
}

func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") || isAutoVars(name)
}

// isAutoVars reports the variable files Terraform loads by itself.
func isAutoVars(name string) bool {
	base := path.Base(name)
	return base == "terraform.tfvars" || base == "terraform.tfvars.json" ||
		strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json")
}

// parseAll parses every file concurrently: on a large repository HCL
// parsing dominates the run, and hclparse.Parser is not safe for concurrent use.
func parseAll(ctx context.Context, fsys fs.FS, names []string, varFile map[string]bool) (map[string]*hcl.File, hcl.Diagnostics, error) {
	files := make([]*hcl.File, len(names))
	diags := make([]hcl.Diagnostics, len(names))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if varFile[name] {
				files[i], diags[i] = parseVarFile(fsys, name)
			} else {
				files[i], diags[i] = parseFile(fsys, name)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, fmt.Errorf("parse terraform: %w", err)
	}
	out := make(map[string]*hcl.File, len(names))
	var all hcl.Diagnostics
	for i, name := range names {
		all = append(all, diags[i]...)
		if files[i] != nil {
			out[name] = files[i]
		}
	}
	return out, all, nil
}

// parseVarFile parses a --var-file: JSON when its name ends in .json (as
// Terraform decides), HCL otherwise.
func parseVarFile(fsys fs.FS, name string) (*hcl.File, hcl.Diagnostics) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read variable file", Detail: fmt.Sprintf("%s: %v", name, err)}}
	}
	if strings.HasSuffix(name, ".json") {
		return hcllimit.ParseJSON(src, name)
	}
	return hcllimit.ParseConfig(src, name, hcl.InitialPos)
}

func parseFile(fsys fs.FS, name string) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(name, ".tfvars.json") {
		// Variable values are plain attributes: the JSON syntax is enough.
		return parseVarFile(fsys, name)
	}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: fmt.Sprintf("%s: %v", name, err)}}
	}
	if strings.HasSuffix(name, ".json") {
		// JSON configuration (*.tf.json): Terraform's block schema, json.go.
		return parseJSONConfig(src, name)
	}
	// The file is kept even with errors, so diagnostics can show its lines;
	// one nested too deep for the recursive parser is not parsed (hcllimit);
	// a large one is parsed in chunks (chunks.go).
	return parseConfig(src, name, chunkedAbove, chunkSize)
}
