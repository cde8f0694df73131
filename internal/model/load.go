package model

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

var rootSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "settings"},
	{Type: "system", LabelNames: []string{"id"}},
	{Type: "person", LabelNames: []string{"id"}},
	{Type: "risk", LabelNames: []string{"id"}},
	{Type: "mitigation", LabelNames: []string{"id"}},
	{Type: "training", LabelNames: []string{"id"}},
	{Type: "policy", LabelNames: []string{"id"}},
	{Type: "waiver", LabelNames: []string{"id"}},
	{Type: "schedule", LabelNames: []string{"name"}},
	{Type: "notify", LabelNames: []string{"name"}},
	{Type: "attestation", LabelNames: []string{"id"}},
}}

// RootBlocks are the block types workspace HCL holds at its top level, in
// schema order. The gate tells a workspace from other HCL by them, so they
// are read from the schema the loader decodes with, never copied.
func RootBlocks() []string {
	out := make([]string, len(rootSchema.Blocks))
	for i, b := range rootSchema.Blocks {
		out[i] = b.Type
	}
	return out
}

// IsRootBlock reports whether typ is a top-level block of workspace HCL.
func IsRootBlock(typ string) bool {
	for _, b := range rootSchema.Blocks {
		if b.Type == typ {
			return true
		}
	}
	return false
}

// NearRootBlock names the root block type typ is a likely typo of
// ("waivers", "sytem"), or "" when there is none near enough.
func NearRootBlock(typ string) string {
	types := make([]string, len(rootSchema.Blocks))
	for i, b := range rootSchema.Blocks {
		types[i] = b.Type
	}
	return Suggest(typ, types)
}

// Defaults for settings a workspace does not set.
const (
	DefaultRiskAppetite  = 8
	DefaultWaiverMaxDays = 365
	// DefaultRequiredApprovingReviews is GH-REPO-002's minimum outside
	// confidential and restricted systems.
	DefaultRequiredApprovingReviews = 1
	// DefaultInactiveRepositoryDays is CIS SSC 1.2.7's 90 days.
	DefaultInactiveRepositoryDays = 90
	// DefaultLogRetentionDays is CIS AWS's and Prowler's year.
	DefaultLogRetentionDays = 365
)

// Input names the HCL a workspace is built from: the governance pack
// (embedded or a folder) and the workspace folder itself.
type Input struct {
	// Pack is the governance pack; PackName prefixes its file names in diagnostics.
	Pack     fs.FS
	PackName string
	// PackBuiltIn marks the pack as the one compiled into rampart: its files
	// are named "policies/risks.hcl (built in)" in diagnostics, so nobody
	// looks for them on disk.
	PackBuiltIn bool
	// Dir is the workspace folder; every *.hcl file directly in it is read.
	Dir string
	// KnownControl reports whether a control ID exists in the loaded catalogue.
	KnownControl func(id string) bool
	// ControlIDs are the catalogue's IDs, for "did you mean" on an unknown
	// control; nil offers no suggestion.
	ControlIDs []string
}

// Load parses, decodes and validates the pack and the workspace. It returns
// every diagnostic of the run; the workspace is usable only when none is an error.
func Load(in Input) (*Workspace, hcl.Diagnostics) {
	p := hclparse.NewParser()
	var diags hcl.Diagnostics
	var files []*hcl.File
	if in.Pack != nil {
		suffix := ""
		if in.PackBuiltIn {
			suffix = BuiltInSuffix
		}
		fs, d := parsePack(p, in.Pack, in.PackName, suffix)
		files, diags = append(files, fs...), append(diags, d...)
	}
	packCount := len(files)
	if in.Dir != "" {
		fs, d := parseDir(p, in.Dir)
		files, diags = append(files, fs...), append(diags, d...)
	}
	ws := &Workspace{Files: p.Files(), packFiles: map[string]bool{}}
	for _, f := range files[:packCount] {
		ws.packFiles[fileName(f)] = true
	}
	d := newDecoder(ws)
	for _, f := range files {
		d.decodeFile(f)
	}
	d.applyExcludes()
	diags = append(diags, d.diags...)
	diags = append(diags, validate(ws, in.KnownControl, in.ControlIDs)...)
	diags = append(diags, validateServe(ws)...)
	return ws, diags
}

// BuiltInSuffix follows the name of a file of the embedded pack.
const BuiltInSuffix = " (built in)"

func parsePack(p *hclparse.Parser, pack fs.FS, name, suffix string) ([]*hcl.File, hcl.Diagnostics) {
	var files []*hcl.File
	var diags hcl.Diagnostics
	err := fs.WalkDir(pack, ".", func(fp string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(fp, ".hcl") {
			return err
		}
		src, err := fs.ReadFile(pack, fp)
		if err != nil {
			return err
		}
		f, d := p.ParseHCL(src, path.Join(name, fp)+suffix)
		diags = append(diags, d...)
		if f != nil && !d.HasErrors() {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read governance pack", Detail: err.Error()})
	}
	return files, diags
}

func parseDir(p *hclparse.Parser, dir string) ([]*hcl.File, hcl.Diagnostics) {
	names, err := filepath.Glob(filepath.Join(dir, "*.hcl"))
	if err != nil || len(names) == 0 {
		detail := fmt.Sprintf("%s holds no *.hcl files: a workspace is a folder of HCL files describing systems, people, risks and policies.", dir)
		if _, statErr := os.Stat(dir); statErr != nil {
			detail = statErr.Error()
		}
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "No workspace found", Detail: detail}}
	}
	sort.Strings(names)
	var files []*hcl.File
	var diags hcl.Diagnostics
	for _, n := range names {
		// The parser recurses once per nesting level: a deeply nested file
		// would overflow the stack (hcllimit).
		if d := hcllimit.CheckFile(n); d.HasErrors() {
			diags = append(diags, d...)
			continue
		}
		f, d := p.ParseHCLFile(n)
		diags = append(diags, d...)
		if f != nil && !d.HasErrors() {
			files = append(files, f)
		}
	}
	return files, diags
}

type decoder struct {
	ws    *Workspace
	diags hcl.Diagnostics
	// seen maps "kind id" to where it was first defined.
	seen map[string]hcl.Range
	// overridden are the "kind id" of pack blocks a workspace block replaced.
	overridden  map[string]bool
	settingsSet bool
}

func newDecoder(ws *Workspace) *decoder {
	return &decoder{ws: ws, seen: map[string]hcl.Range{}, overridden: map[string]bool{}}
}

// fileName is the name a file's ranges carry.
func fileName(f *hcl.File) string {
	if sb, ok := f.Body.(*hclsyntax.Body); ok {
		return sb.SrcRange.Filename
	}
	return ""
}

func (d *decoder) decodeFile(f *hcl.File) {
	content, diags := f.Body.Content(rootSchema)
	d.diags = append(d.diags, diags...)
	for _, b := range content.Blocks {
		if b.Type != "settings" && !d.claimID(b) {
			continue
		}
		switch b.Type {
		case "settings":
			if d.settingsSet {
				d.errorf(b.DefRange, "Duplicate settings block", "A workspace has one settings block.")
				continue
			}
			d.settingsSet = true
			d.decode(b, &d.ws.Settings)
			d.ws.Settings.DeclRange, d.ws.Settings.body = b.DefRange, b.Body
		case "system":
			decodeInto(d, b, &d.ws.Systems, &System{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "person":
			decodeInto(d, b, &d.ws.People, &Person{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "risk":
			decodeInto(d, b, &d.ws.Risks, &Risk{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "mitigation":
			decodeInto(d, b, &d.ws.Mitigations, &Mitigation{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "training":
			decodeInto(d, b, &d.ws.Trainings, &Training{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "policy":
			decodeInto(d, b, &d.ws.Policies, &Policy{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "waiver":
			decodeInto(d, b, &d.ws.Waivers, &Waiver{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "schedule":
			decodeInto(d, b, &d.ws.Schedules, &Schedule{Name: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "notify":
			decodeInto(d, b, &d.ws.Notifies, &Notify{Name: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		case "attestation":
			decodeInto(d, b, &d.ws.Attestations, &Attestation{ID: b.Labels[0], DeclRange: b.DefRange, body: b.Body})
		}
	}
}

// decodeInto decodes the block into x and appends x to list. A block with
// errors is appended too, marked partial: dropping it hid every other
// mistake in it, and made each reference to it a second error, until its
// first error was fixed (validation in one round). A workspace with errors
// is never evaluated, so a partial block is only ever validated.
func decodeInto[T any](d *decoder, b *hcl.Block, list *[]*T, x *T) {
	if !d.decode(b, x) {
		if d.ws.partial == nil {
			d.ws.partial = map[hcl.Body]bool{}
		}
		d.ws.partial[b.Body] = true
	}
	*list = append(*list, x)
}

// decode fills v from the block body, keeping the label the caller set.
func (d *decoder) decode(b *hcl.Block, v any) bool {
	diags := gohcl.DecodeBody(b.Body, nil, v)
	d.diags = append(d.diags, diags...)
	return !diags.HasErrors()
}

func (d *decoder) claimID(b *hcl.Block) bool {
	key := b.Type + " " + b.Labels[0]
	override := overrideRequested(b)
	first, dup := d.seen[key]
	if override && !dup && !d.ws.packFiles[b.DefRange.Filename] {
		d.overrideWithoutPack(b)
		return false
	}
	if dup && override {
		return d.claimOverride(b, first)
	}
	if dup {
		r := b.LabelRanges[0]
		// The first definition is quoted in the detail, its own line: as a
		// Context range it would make the writer print every line between
		// the two, or of another file.
		d.diags = append(d.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Duplicate %s %q", b.Type, b.Labels[0]),
			Detail: fmt.Sprintf("%s %q is already defined at %s:%d:%d%s. IDs are unique across the workspace and the governance pack.",
				b.Type, b.Labels[0], first.Filename, first.Start.Line, first.Start.Column, d.excerpt(first)),
			Subject: &r,
		})
		return false
	}
	d.seen[key] = b.LabelRanges[0]
	return true
}

// excerpt is ": `LINE`", the source line of r, or "" when it is unknown.
func (d *decoder) excerpt(r hcl.Range) string {
	f := d.ws.Files[r.Filename]
	if f == nil {
		return ""
	}
	lines := strings.Split(string(f.Bytes), "\n")
	if r.Start.Line < 1 || r.Start.Line > len(lines) {
		return ""
	}
	return fmt.Sprintf(" (%s)", strings.TrimSpace(lines[r.Start.Line-1]))
}

func (d *decoder) errorf(r hcl.Range, summary, detail string, args ...any) {
	d.diags = append(d.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(detail, args...), Subject: &r})
}

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return t, nil
}

// attrRange finds the source range of an attribute of a block body, or of
// its index-th list element when index >= 0; it falls back to def.
func attrRange(body hcl.Body, name string, index int, def hcl.Range) hcl.Range {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return def
	}
	attr, ok := sb.Attributes[name]
	if !ok {
		return def
	}
	if index >= 0 {
		if tup, ok := attr.Expr.(*hclsyntax.TupleConsExpr); ok && index < len(tup.Exprs) {
			return tup.Exprs[index].Range()
		}
	}
	return attr.Expr.Range()
}
