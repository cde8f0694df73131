package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A workspace adapts the governance pack in two ways (docs/governance.md):
//
//   - settings { exclude = ["risk.data-exposure", "training.cloud-security"] }
//     removes pack blocks by kind and ID; references to them from other pack
//     blocks are dropped with them, a workspace block naming one is an error;
//   - a workspace block of the same kind and ID with `override = true`
//     replaces the pack's block entirely.
//
// Either applies to pack blocks only: a workspace's own block is edited or
// deleted, not excluded or overridden, and both are errors with the reason.

// packKinds are the block kinds of the pack a workspace may exclude or override.
var packKinds = []string{"risk", "mitigation", "training", "policy"}

// InPack reports whether a declaration is one of the governance pack's
// (not the workspace's own): governance treats a pack block that nothing
// in the run makes relevant as not applicable.
func (ws *Workspace) InPack(decl hcl.Range) bool { return ws.packFiles[decl.Filename] }

// overrideRequested reads `override = true` from a block before it is
// decoded: the decoder must know whether a duplicate ID replaces the pack's
// block or is an error.
func overrideRequested(b *hcl.Block) bool {
	sb, ok := b.Body.(*hclsyntax.Body)
	if !ok {
		return false
	}
	attr, ok := sb.Attributes["override"]
	if !ok {
		return false
	}
	v, diags := attr.Expr.Value(nil)
	return !diags.HasErrors() && v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.True()
}

// dropEntity removes the decoded block of kind and id from the workspace.
func (ws *Workspace) dropEntity(kind, id string) {
	switch kind {
	case "risk":
		ws.Risks = slices.DeleteFunc(ws.Risks, func(r *Risk) bool { return r.ID == id })
	case "mitigation":
		ws.Mitigations = slices.DeleteFunc(ws.Mitigations, func(m *Mitigation) bool { return m.ID == id })
	case "training":
		ws.Trainings = slices.DeleteFunc(ws.Trainings, func(t *Training) bool { return t.ID == id })
	case "policy":
		ws.Policies = slices.DeleteFunc(ws.Policies, func(p *Policy) bool { return p.ID == id })
	}
}

// applyExcludes removes the pack blocks settings.exclude names, and the
// references other pack blocks make to them (a pack risk listing an
// excluded mitigation). Every entry that is malformed or names no pack
// block is an error, with the nearest pack ID.
func (d *decoder) applyExcludes() {
	s := &d.ws.Settings
	excluded := map[string]bool{}
	for i, entry := range s.Exclude {
		r := attrRange(s.body, "exclude", i, s.DeclRange)
		kind, id, ok := strings.Cut(entry, ".")
		if !ok || !slices.Contains(packKinds, kind) || id == "" {
			d.errorf(r, "Invalid exclude", "settings exclude: %q is not KIND.ID with KIND one of %s (e.g. \"risk.data-exposure\").", entry, strings.Join(packKinds, ", "))
			continue
		}
		first, defined := d.seen[kind+" "+id]
		switch {
		case !defined:
			d.errorf(r, "Exclude names nothing", "settings exclude: the governance pack has no %s %q.%s", kind, id, suggest(id, d.packIDs(kind)))
			continue
		case d.overridden[kind+" "+id]:
			d.errorf(r, "Exclude of an overridden block", "settings exclude: %s %q is also overridden in the workspace; keep one of the two.", kind, id)
			continue
		case !d.ws.packFiles[first.Filename]:
			d.errorf(r, "Exclude names a workspace block", "settings exclude: %s %q is the workspace's own (%s:%d); exclude removes governance pack blocks, delete your own instead.", kind, id, first.Filename, first.Start.Line)
			continue
		}
		excluded[kind+" "+id] = true
		d.ws.dropEntity(kind, id)
		delete(d.seen, kind+" "+id)
	}
	if len(excluded) == 0 {
		return
	}
	// Pack blocks stop naming what was excluded; workspace blocks that name
	// it keep the reference, which validation reports as unknown.
	for _, r := range d.ws.Risks {
		if d.ws.InPack(r.DeclRange) {
			r.Mitigations = slices.DeleteFunc(r.Mitigations, func(m string) bool { return excluded["mitigation "+m] })
		}
	}
}

// packIDs are the IDs of the pack's blocks of a kind.
func (d *decoder) packIDs(kind string) map[string]bool {
	out := map[string]bool{}
	for key, at := range d.seen {
		if k, id, _ := strings.Cut(key, " "); k == kind && d.ws.packFiles[at.Filename] {
			out[id] = true
		}
	}
	return out
}

// claimOverride decides a duplicate ID whose later block asks to override:
// it replaces a pack block (true), and is an error otherwise.
func (d *decoder) claimOverride(b *hcl.Block, first hcl.Range) bool {
	kind, id := b.Type, b.Labels[0]
	r := b.LabelRanges[0]
	switch {
	case !slices.Contains(packKinds, kind):
		d.errorf(r, "Override not supported", "%s blocks cannot override; only %s blocks of the governance pack can.", kind, strings.Join(packKinds, ", "))
		return false
	case d.ws.packFiles[b.DefRange.Filename]:
		return false // a pack overriding itself: the duplicate error stands
	case !d.ws.packFiles[first.Filename]:
		d.errorf(r, "Override of a workspace block", "%s %q is already defined in the workspace at %s:%d; override replaces governance pack blocks only.", kind, id, first.Filename, first.Start.Line)
		return false
	}
	d.ws.dropEntity(kind, id)
	d.overridden[kind+" "+id] = true
	d.seen[kind+" "+id] = r
	return true
}

// overrideWithoutPack is the error of `override = true` on a block whose ID
// the pack does not define: it overrides nothing (a typo, or a pack block
// renamed), which would otherwise silently add a second risk.
func (d *decoder) overrideWithoutPack(b *hcl.Block) {
	r := b.LabelRanges[0]
	d.errorf(r, "Override of nothing", "%s %q has override = true, but the governance pack has no %s with that ID.%s",
		b.Type, b.Labels[0], b.Type, fmt.Sprint(suggest(b.Labels[0], d.packIDs(b.Type))))
}
