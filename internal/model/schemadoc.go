package model

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// The workspace reference (docs/workspace.md) is rendered from the structs
// the loader decodes with: their gohcl tags say the name, label, block and
// whether a field is optional, their doc tags say what it means, and the
// Go values the validator checks against (Classifications, AlertKinds, the
// defaults) fill the {{placeholders}} of those texts. Nothing about a field
// is written twice; TestWorkspaceDoc fails when the page is stale, and
// TestEveryFieldDocumented when a field has no doc tag.

// rootBlockDoc is what the page says about a top-level block beyond its
// fields, and the struct it decodes into. Every block of rootSchema has one
// (TestWorkspaceDoc).
type rootBlockDoc struct {
	Type  string
	Go    reflect.Type
	About string
}

var rootBlockDocs = []rootBlockDoc{
	{"settings", reflect.TypeFor[Settings](), "Workspace-wide knobs; at most one block, every field optional with a default."},
	{"system", reflect.TypeFor[System](), "A business system: it owns resources through its selectors (`github`, `aws`, `terraform`), and its classification makes some controls stricter. A resource no system claims is reported without a system."},
	{"person", reflect.TypeFor[Person](), "Someone whose roles require training, and who is attributed resources through their GitHub login and IAM users."},
	{"risk", reflect.TypeFor[Risk](), "An entry of the risk register; its residual score is measured from the results of its mitigations' controls (docs/governance.md)."},
	{"mitigation", reflect.TypeFor[Mitigation](), "A group of controls that together reduce the risks that list it."},
	{"training", reflect.TypeFor[Training](), "A course people in some roles must complete, and that people attributed a failing resource should have."},
	{"policy", reflect.TypeFor[Policy](), "A security policy document and the statements it makes; a statement is measured by its controls."},
	{"waiver", reflect.TypeFor[Waiver](), "Accepts a control's failure on some resources until it expires."},
	{"schedule", reflect.TypeFor[Schedule](), "When `rampart serve` audits the workspace, and over what evidence (docs/serve.md)."},
	{"attestation", reflect.TypeFor[Attestation](), "Records that a person attested a manual control (a requirement no API can answer); a missing, expired or future-dated attestation fails the control (docs/controls.md#manual-controls)."},
	{"notify", reflect.TypeFor[Notify](), "Where `rampart serve` posts what changed after a run: new critical or high failures, expired waivers, lost coverage (docs/serve.md)."},
}

// placeholders are the Go values the doc texts name.
func placeholders() map[string]string {
	sla := make([]string, 0, len(DefaultAlertSLA))
	for _, sev := range finding.Severities {
		if d, ok := DefaultAlertSLA[sev]; ok {
			sla = append(sla, fmt.Sprintf("%s %s", sev, FormatDays(d)))
		}
	}
	sev := make([]string, len(finding.Severities))
	for i, s := range finding.Severities {
		sev[i] = string(s)
	}
	return map[string]string{
		"classifications":                    quoteAll(Classifications),
		"alert_kinds":                        quoteAll(AlertKinds),
		"severities":                         quoteAll(sev),
		"alert_sla":                          strings.Join(sla, ", "),
		"duration":                           `"365d", "12w", "36h"`,
		"date":                               `"YYYY-MM-DD"`,
		"pack_kinds":                         quoteAll(packKinds),
		"default_risk_appetite":              fmt.Sprint(DefaultRiskAppetite),
		"default_waiver_max_days":            fmt.Sprint(DefaultWaiverMaxDays),
		"default_required_approving_reviews": fmt.Sprint(DefaultRequiredApprovingReviews),
		"default_inactive_repository_days":   fmt.Sprint(DefaultInactiveRepositoryDays),
		"default_log_retention_days":         fmt.Sprint(DefaultLogRetentionDays),
		"default_signed_commits":             "`" + DefaultSignedCommits + "`",
		"signed_commits_scopes":              quoteAll(SignedCommitsScopes),
	}
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("`%s`", s)
	}
	return strings.Join(q, ", ")
}

// SchemaField is one attribute or nested block of a workspace block.
type SchemaField struct {
	Name     string
	Type     string // "string", "list(string)", "block" …
	Required bool
	Block    bool
	// Repeatable: a nested block that may appear more than once.
	Repeatable bool
	Doc        string
	// Fields are a nested block's own.
	Fields []SchemaField
	Label  string
}

// SchemaBlock is a top-level workspace block.
type SchemaBlock struct {
	Type   string
	Label  string // "" for settings
	About  string
	Fields []SchemaField
}

// Schema is every top-level block in rootSchema order, fields in struct
// order. A root block with no rootBlockDocs entry, or a field with no doc
// tag, is an error: the reference must not silently miss it.
func Schema() ([]SchemaBlock, error) {
	ph := placeholders()
	var out []SchemaBlock
	for _, rb := range rootSchema.Blocks {
		i := slices.IndexFunc(rootBlockDocs, func(d rootBlockDoc) bool { return d.Type == rb.Type })
		if i < 0 {
			return nil, fmt.Errorf("root block %q has no rootBlockDocs entry", rb.Type)
		}
		d := rootBlockDocs[i]
		label, fields, err := schemaFields(d.Go, d.Type, ph)
		if err != nil {
			return nil, err
		}
		out = append(out, SchemaBlock{Type: d.Type, Label: label, About: d.About, Fields: fields})
	}
	return out, nil
}

func schemaFields(t reflect.Type, where string, ph map[string]string) (label string, fields []SchemaField, err error) {
	for f := range t.Fields() {
		tag, ok := f.Tag.Lookup("hcl")
		if !ok {
			continue
		}
		name, kind, _ := strings.Cut(tag, ",")
		if kind == "label" {
			label = name
			continue
		}
		doc, ok := f.Tag.Lookup("doc")
		if !ok || doc == "" {
			return "", nil, fmt.Errorf("%s.%s (%s) has no doc tag", where, name, f.Name)
		}
		if doc, err = expand(doc, ph); err != nil {
			return "", nil, fmt.Errorf("%s.%s: %w", where, name, err)
		}
		sf := SchemaField{Name: name, Doc: doc, Required: kind == "" || kind == "block" && f.Type.Kind() != reflect.Slice && f.Type.Kind() != reflect.Pointer}
		if kind == "block" {
			sf.Block, sf.Type = true, "block"
			elem := f.Type
			if elem.Kind() == reflect.Slice {
				sf.Repeatable, elem = true, elem.Elem()
			}
			if sf.Label, sf.Fields, err = schemaFields(elem, where+"."+name, ph); err != nil {
				return "", nil, err
			}
		} else {
			sf.Type = hclType(f.Type)
		}
		fields = append(fields, sf)
	}
	return label, fields, nil
}

func expand(doc string, ph map[string]string) (string, error) {
	for {
		start := strings.Index(doc, "{{")
		if start < 0 {
			return doc, nil
		}
		end := strings.Index(doc[start:], "}}")
		if end < 0 {
			return "", fmt.Errorf("unclosed {{ in doc tag")
		}
		key := doc[start+2 : start+end]
		v, ok := ph[key]
		if !ok {
			return "", fmt.Errorf("doc tag names unknown placeholder {{%s}}", key)
		}
		doc = doc[:start] + v + doc[start+end+2:]
	}
}

// hclType names a Go field's type as HCL's type expressions do.
func hclType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "list(" + hclType(t.Elem()) + ")"
	case reflect.Map:
		return "map(" + hclType(t.Elem()) + ")"
	}
	return t.String()
}

// WorkspaceDoc renders docs/workspace.md.
func WorkspaceDoc() ([]byte, error) {
	blocks, err := Schema()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`# Workspace reference

<!-- Generated from internal/model's schema (the decoder's structs and
their doc tags): edit those, then run
go test ./internal/model -run TestWorkspaceDoc -update -->

A workspace is a folder of ` + "`*.hcl`" + ` files (every one directly in it is read)
describing the organisation an audit judges evidence against. The embedded
governance pack (` + "`policies/`" + `: risks, mitigations, training and policies
linked to every control) is merged in; IDs are unique across the workspace
and the pack. ` + "`rampart init DIR`" + ` writes a minimal one to start from.

Types are HCL's: ` + "`string`" + `, ` + "`number`" + `, ` + "`list(string)`" + ` is ` + "`[\"a\", \"b\"]`" + `,
` + "`map(string)`" + ` is ` + "`{ key = \"value\" }`" + `. A reference to another block (an owner,
a mitigation, a control) that names nothing is an error with a suggestion
of the nearest ID; an unknown attribute or block is an error.

Top-level blocks: `)
	names := make([]string, len(blocks))
	for i, bl := range blocks {
		names[i] = fmt.Sprintf("[`%s`](#%s)", bl.Type, bl.Type)
	}
	b.WriteString(strings.Join(names, ", ") + ".\n")
	for _, bl := range blocks {
		fmt.Fprintf(&b, "\n## %s\n\n", bl.Type)
		if bl.Label != "" {
			fmt.Fprintf(&b, "```hcl\n%s \"%s\" { … }\n```\n\n", bl.Type, strings.ToUpper(bl.Label))
		} else {
			fmt.Fprintf(&b, "```hcl\n%s { … }\n```\n\n", bl.Type)
		}
		b.WriteString(bl.About + "\n\n")
		writeFields(&b, bl.Fields, "")
	}
	return b.Bytes(), nil
}

func writeFields(b *bytes.Buffer, fields []SchemaField, prefix string) {
	b.WriteString("| field | type | required | meaning |\n|---|---|---|---|\n")
	var nested []SchemaField
	for _, f := range fields {
		req := "no"
		if f.Required {
			req = "yes"
		}
		typ := "`" + f.Type + "`"
		if f.Block {
			typ = "block"
			if f.Label != "" {
				typ = fmt.Sprintf("block `%s \"%s\" { … }`", f.Name, strings.ToUpper(f.Label))
			}
			if f.Repeatable {
				typ += ", repeatable"
			}
			nested = append(nested, f)
		}
		fmt.Fprintf(b, "| `%s%s` | %s | %s | %s |\n", prefix, f.Name, typ, req, f.Doc)
	}
	for _, f := range nested {
		fmt.Fprintf(b, "\n`%s%s` block:\n\n", prefix, f.Name)
		writeFields(b, f.Fields, prefix+f.Name+".")
	}
}
