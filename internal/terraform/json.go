package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// Terraform's JSON configuration syntax (*.tf.json) is read with hcl/v2's
// json package and Terraform's block schema, then turned into the same
// syntax tree shape the native files give, so modules, overrides and the
// evaluator treat both alike. Expressions stay hcl's JSON expressions
// (strings are templates when evaluated with a context, literal without,
// as Terraform decides): jsonExpr only lets them sit in hclsyntax nodes.
//
// Without provider schemas a JSON property cannot be told apart as a nested
// block or an argument, so nested blocks are read as arguments: an object
// or a list of objects, which the mapping reads like a block list
// (ingress = [{...}] is the same thing, see blocks). Meta blocks are
// handled by name: lifecycle, connection and provisioner carry no settings,
// dynamic blocks are expanded like native ones.

// jsonTopSchema is Terraform's top-level block schema.
var jsonTopSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "terraform"},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

// jsonMetaSchema are the nested blocks of resources, data sources,
// variables and outputs that are not settings.
var jsonMetaSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "lifecycle"},
	{Type: "connection"},
	{Type: "provisioner", LabelNames: []string{"type"}},
	{Type: "dynamic", LabelNames: []string{"type"}},
	{Type: "validation"},
	{Type: "precondition"},
	{Type: "postcondition"},
}}

var jsonDynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// parseJSONConfig parses a *.tf.json file into a native-shaped syntax tree.
// The file keeps its JSON bytes, so diagnostics show the JSON lines.
func parseJSONConfig(src []byte, name string) (*hcl.File, hcl.Diagnostics) {
	f, diags := hcllimit.ParseJSON(src, name)
	if f == nil || diags.HasErrors() {
		return f, diags
	}
	content, d := f.Body.Content(jsonTopSchema)
	diags = append(diags, d...)
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: f.Body.MissingItemRange()}
	body.SrcRange.Filename = name
	for _, b := range content.Blocks {
		var inner *hclsyntax.Body
		switch b.Type {
		case "terraform", "moved", "import", "removed", "check":
			continue // no resource settings (as for native files)
		case "resource", "data", "variable", "output":
			inner, d = jsonBody(b.Body, true)
		default: // module, provider, locals: arguments only
			inner, d = jsonBody(b.Body, false)
		}
		diags = append(diags, d...)
		body.Blocks = append(body.Blocks, &hclsyntax.Block{
			Type: b.Type, Labels: b.Labels, Body: inner,
			TypeRange: jsonDefRange(b), LabelRanges: b.LabelRanges,
			OpenBraceRange: b.DefRange, CloseBraceRange: b.DefRange,
		})
	}
	return &hcl.File{Body: body, Bytes: f.Bytes}, diags
}

// jsonDefRange is where a JSON block is reported: its last label's
// property ("web": {), as the block's line in native syntax; the
// "resource" property above it is shared by every resource of the file.
func jsonDefRange(b *hcl.Block) hcl.Range {
	if n := len(b.LabelRanges); n > 0 {
		return b.LabelRanges[n-1]
	}
	return b.TypeRange
}

// jsonBody converts one block body. With meta, the meta blocks are taken
// out first (dynamic ones kept as native dynamic blocks); everything else
// is an argument.
func jsonBody(b hcl.Body, meta bool) (*hclsyntax.Body, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	out := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: b.MissingItemRange()}
	if meta {
		content, remain, d := b.PartialContent(jsonMetaSchema)
		diags = append(diags, d...)
		for _, blk := range content.Blocks {
			if blk.Type != "dynamic" {
				continue
			}
			dyn, d := jsonDynamic(blk)
			diags = append(diags, d...)
			out.Blocks = append(out.Blocks, dyn)
		}
		b = remain
	}
	attrs, d := b.JustAttributes()
	diags = append(diags, d...)
	for name, a := range attrs {
		out.Attributes[name] = jsonAttribute(a)
	}
	return out, diags
}

// jsonDynamic is a JSON dynamic block ("dynamic": {"ingress": {"for_each":
// …, "content": {…}}}) as the native block the evaluator expands.
func jsonDynamic(blk *hcl.Block) (*hclsyntax.Block, hcl.Diagnostics) {
	content, diags := blk.Body.Content(jsonDynamicSchema)
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: blk.Body.MissingItemRange()}
	for name, a := range content.Attributes {
		body.Attributes[name] = jsonAttribute(a)
	}
	for _, c := range content.Blocks {
		inner, d := jsonBody(c.Body, false)
		diags = append(diags, d...)
		body.Blocks = append(body.Blocks, &hclsyntax.Block{Type: "content", Body: inner, TypeRange: c.TypeRange, OpenBraceRange: c.DefRange, CloseBraceRange: c.DefRange})
	}
	return &hclsyntax.Block{Type: "dynamic", Labels: blk.Labels, Body: body, TypeRange: blk.TypeRange, LabelRanges: blk.LabelRanges,
		OpenBraceRange: blk.DefRange, CloseBraceRange: blk.DefRange}, diags
}

func jsonAttribute(a *hcl.Attribute) *hclsyntax.Attribute {
	return &hclsyntax.Attribute{Name: a.Name, Expr: &jsonExpr{LiteralValueExpr: &hclsyntax.LiteralValueExpr{SrcRange: a.Expr.Range()}, inner: a.Expr},
		SrcRange: a.Range, NameRange: a.NameRange, EqualsRange: a.NameRange}
}

// jsonExpr carries a JSON expression in a native syntax tree. The embedded
// literal only supplies the tree-walking method hclsyntax keeps
// unexported (a JSON expression has no native child nodes); everything else
// is the JSON expression's, and UnwrapExpression lets hcl's static
// analysis (traversals of provider and iterator names, ExprMap of
// providers, type constraints) see it.
type jsonExpr struct {
	*hclsyntax.LiteralValueExpr
	inner hcl.Expression
}

func (e *jsonExpr) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	return e.inner.Value(ctx)
}
func (e *jsonExpr) Variables() []hcl.Traversal       { return e.inner.Variables() }
func (e *jsonExpr) Range() hcl.Range                 { return e.inner.Range() }
func (e *jsonExpr) StartRange() hcl.Range            { return e.inner.StartRange() }
func (e *jsonExpr) UnwrapExpression() hcl.Expression { return e.inner }

// AsTraversal must be the JSON expression's: the embedded literal's (for
// keywords such as null) would stop hcl's unwrapping at the wrapper.
func (e *jsonExpr) AsTraversal() hcl.Traversal {
	if t, ok := e.inner.(interface{ AsTraversal() hcl.Traversal }); ok {
		return t.AsTraversal()
	}
	return nil
}
