package authoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/rampart-audit/rampart/controls/anchors"
	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// ControlSpec is what `rampart new control` is told.
type ControlSpec struct {
	ID           string
	ResourceType string
	// Dir defaults to controls/<platform>/<service> from the type and ID.
	Dir string
	// Name is the file stem and last package segment; defaults to the ID in snake case.
	Name     string
	Title    string
	Severity string
	// Attribute is the boolean attribute the scaffolded rules read;
	// defaults to the type's first documented boolean attribute.
	Attribute string
	// Frameworks maps a framework key to references.
	Frameworks map[string][]string
	// Equivalents maps an anchor key (controls/anchors) to the check IDs
	// of that tool the control answers in full; none gives `equivalents: {}`.
	Equivalents map[string][]string
}

// Scaffold is a generated control and its test.
type Scaffold struct {
	ControlPath, TestPath string
	Package               string
	Control, Test         []byte
}

var identPattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// NewControl renders a control and its test from spec. The result passes
// `rampart lint` and `rampart test` as generated: METADATA complete, and a
// passing, a failing and a missing-data test around one boolean attribute.
func NewControl(spec ControlSpec) (*Scaffold, error) {
	if !engine.IDPattern.MatchString(spec.ID) {
		return nil, fmt.Errorf("--id %q does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-010)", spec.ID)
	}
	rt, ok := evidence.LookupResourceType(spec.ResourceType)
	if !ok {
		return nil, fmt.Errorf("--type %q is not a documented resource type (docs/resources.md): %s", spec.ResourceType, strings.Join(evidence.ResourceTypeNames(), ", "))
	}
	if spec.Severity == "" {
		spec.Severity = "medium"
	}
	if sev, err := finding.ParseSeverity(spec.Severity); err != nil || string(sev) != spec.Severity {
		return nil, fmt.Errorf("--severity %q is not one of critical, high, medium, low, info", spec.Severity)
	}
	if spec.Attribute == "" {
		for _, a := range rt.Attributes {
			if a.Kind == evidence.KindBool {
				spec.Attribute = a.Name
				break
			}
		}
		if spec.Attribute == "" {
			return nil, fmt.Errorf("%s has no boolean attribute to start from: pass --attribute", spec.ResourceType)
		}
	}
	segs := strings.Split(spec.Attribute, ".")
	quoted := make([]string, len(segs))
	for i, seg := range segs {
		if !identPattern.MatchString(seg) {
			return nil, fmt.Errorf("--attribute %q is not an attribute name (dotted for nested ones: encryption.enabled)", spec.Attribute)
		}
		quoted[i] = fmt.Sprintf("%q", seg)
	}
	attrRef := quoted[0]
	if len(quoted) > 1 {
		attrRef = "[" + strings.Join(quoted, ", ") + "]"
	}
	parts := strings.Split(strings.ToLower(spec.ID), "-")
	platform := strings.SplitN(spec.ResourceType, ".", 2)[0]
	service := strings.Join(parts[1:len(parts)-1], "_")
	if service == "" {
		service = "misc"
	}
	if spec.Name == "" {
		spec.Name = strings.Join(parts, "_")
	}
	if !identPattern.MatchString(spec.Name) {
		return nil, fmt.Errorf("--name %q must be a lower-case Rego identifier (letters, digits, _)", spec.Name)
	}
	if spec.Dir == "" {
		spec.Dir = filepath.Join("controls", platform, service)
	}
	if spec.Title == "" {
		spec.Title = fmt.Sprintf("%s: %s is true", spec.ResourceType, spec.Attribute)
	}
	if len(spec.Frameworks) == 0 {
		// A.8.9 (configuration management) fits any configuration control;
		// the author narrows it, but the scaffold stays valid meanwhile.
		spec.Frameworks = map[string][]string{"iso27001-2022": {"A.8.9"}}
	}
	for k := range spec.Frameworks {
		if _, ok := engine.Frameworks[k]; !ok {
			return nil, fmt.Errorf("--framework %q is not a known framework key: %s", k, strings.Join(engine.FrameworkKeys(), ", "))
		}
	}
	// The same check engine.Check makes when the control loads, said here
	// as a flag error before any file is written.
	for _, k := range slices.Sorted(maps.Keys(spec.Equivalents)) {
		if _, ok := anchors.Anchors[k]; !ok {
			return nil, fmt.Errorf("--equivalent %q is not an anchor key: %s", k, strings.Join(anchors.Keys(), ", "))
		}
		for _, id := range spec.Equivalents[k] {
			if _, _, ok := anchors.Lookup(k, id); !ok {
				return nil, fmt.Errorf("--equivalent %s=%s: %q is not a check in the checked-in %s list (controls/anchors)", k, id, id, anchors.Anchors[k])
			}
		}
	}
	pkg := strings.Join([]string{"rampart", platform, service, spec.Name}, ".")
	data := map[string]any{"Spec": spec, "Package": pkg, "Frameworks": frameworkLines(spec.Frameworks), "Equivalents": equivalentLines(spec.Equivalents), "AttrRef": attrRef, "Input": inputLiteral(segs)}
	s := &Scaffold{
		ControlPath: filepath.Join(spec.Dir, spec.Name+".rego"),
		TestPath:    filepath.Join(spec.Dir, spec.Name+"_test.rego"),
		Package:     pkg,
	}
	var err error
	if s.Control, err = render(controlTemplate, s.ControlPath, data); err != nil {
		return nil, err
	}
	if s.Test, err = render(testTemplate, s.TestPath, data); err != nil {
		return nil, err
	}
	return s, nil
}

// Write creates both files atomically, refusing to overwrite either.
func (s *Scaffold) Write() error {
	for _, p := range []string{s.ControlPath, s.TestPath} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s already exists: not overwriting it", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("check %s: %w", p, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(s.ControlPath), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(s.ControlPath), err)
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{s.ControlPath, s.Control}, {s.TestPath, s.Test}} {
		err := atomicfile.Write(f.path, func(w io.Writer) error { _, err := w.Write(f.data); return err })
		if err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	return nil
}

// inputLiteral is a printf format for the attributes object holding a
// value at the dotted path: ["a", "b"] gives {"a": {"b": %s}}.
func inputLiteral(segs []string) string {
	out := "%s"
	for i := len(segs) - 1; i >= 0; i-- {
		out = fmt.Sprintf("{%q: %s}", segs[i], out)
	}
	return out
}

// equivalentLines are the anchor: [IDs] lines of custom.equivalents.
func equivalentLines(eq map[string][]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(eq)) {
		ids := slices.Sorted(slices.Values(eq[k]))
		out = append(out, fmt.Sprintf("%s: [%s]", k, strings.Join(slices.Compact(ids), ", ")))
	}
	return out
}

func frameworkLines(fw map[string][]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(fw)) {
		refs := make([]string, len(fw[k]))
		for i, r := range fw[k] {
			refs[i] = fmt.Sprintf("%q", r)
		}
		out = append(out, fmt.Sprintf("%s: [%s]", k, strings.Join(refs, ", ")))
	}
	return out
}

// render fills a template and passes it through OPA's formatter, so the
// scaffold is already what `rampart fmt` would write.
func render(t *template.Template, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	out, err := format.SourceWithOpts(name, buf.Bytes(), format.Opts{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", name, err)
	}
	return out, nil
}

// quote makes a YAML scalar of any text: a JSON string is a valid YAML
// double-quoted scalar, so titles with ": " or "#" survive.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var controlTemplate = template.Must(template.New("control").Funcs(template.FuncMap{"quote": quote}).Parse(`# METADATA
# title: {{quote .Spec.Title}}
# description: >-
#   Fails when attributes.{{.Spec.Attribute}} is false; not evaluated when
#   the attribute is missing or not a boolean.
# custom:
#   id: {{.Spec.ID}}
#   severity: {{.Spec.Severity}}
#   resource_types: [{{.Spec.ResourceType}}]
#   frameworks:
{{- range .Frameworks}}
#     {{.}}
{{- end}}
#   # Checks of other tools this control answers in full (anchor → IDs
#   # from controls/anchors; docs/controls.md, Equivalents), {} for none.
{{- if .Equivalents}}
#   equivalents:
{{- range .Equivalents}}
#     {{.}}
{{- end}}
{{- else}}
#   equivalents: {}
{{- end}}
#   # Resources beside the subject, read as input.related.<name>: joined by
#   # account, region, or a reference attribute (docs/controls.md, Relations
#   # and absence). Give them in tests as "related": {"<name>": [...]},
#   # with one case of none.
#   # related:
#   #   trails: {type: aws.cloudtrail.trail, join: account}
#   #   bucket: {type: aws.s3.bucket, join: {attribute: s3_bucket_name, key: name}}
#   remediation:
#     console: Turn {{.Spec.Attribute}} on for the resource.
#     terraform: Set the argument that maps to {{.Spec.Attribute}} to true.
package {{.Package}}

import data.rampart.lib

deny contains {"msg": sprintf("%s: {{.Spec.Attribute}} is off", [input.id]), "path": "attributes.{{.Spec.Attribute}}"} if {
	lib.attr({{.AttrRef}}) == false
}

# A control never passes on data it did not see: a missing or mistyped
# attribute makes the result not_evaluated.
unknown contains {"msg": "{{.Spec.Attribute}} is unknown", "path": "attributes.{{.Spec.Attribute}}"} if {
	not is_boolean(lib.attr({{.AttrRef}}))
}
`))

var testTemplate = template.Must(template.New("test").Parse(`package {{.Package}}_test

import data.{{.Package}} as c

on := {"id": "example", "attributes": {{printf .Input "true"}}}

off := {"id": "example", "attributes": {{printf .Input "false"}}}

missing := {"id": "example", "attributes": {}}

test_pass_when_on if {
	count(c.deny) == 0 with input as on
	count(c.unknown) == 0 with input as on
}

test_fail_when_off if {
	c.deny == {{"{{"}}"msg": "example: {{.Spec.Attribute}} is off", "path": "attributes.{{.Spec.Attribute}}"{{"}}"}} with input as off
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as missing
	count(c.unknown) == 1 with input as missing
}
`))
