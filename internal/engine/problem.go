package engine

import (
	"fmt"
	"strings"
)

// Severity says whether a Problem stops a load. The zero value counts as
// an error: a problem nobody classified must not let a control through.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one located problem in a source file: a Rego load problem of
// the engine, a lint finding (Code is then the lint rule) or a coverage gap
// of `rampart test`. Line and Col are 1-based; 0 means unknown.
type Problem struct {
	File     string
	Line     int
	Col      int
	Code     string
	Severity Severity
	Message  string
}

// Location is file:line:col, as much of it as is known.
func (p Problem) Location() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// String is the location and the message, the way the engine's load
// problems are printed; the code is left out (lint prints it as its rule).
func (p Problem) String() string { return p.Location() + ": " + p.Message }

// Problems is every problem of a run, reported together.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return "load controls:\n  " + strings.Join(lines, "\n  ")
}

// Errors returns the problems that stop a load (nil when there are none).
func (ps Problems) Errors() Problems { return ps.filter(false) }

// Warnings returns the problems that do not stop a load.
func (ps Problems) Warnings() Problems { return ps.filter(true) }

func (ps Problems) filter(warnings bool) Problems {
	var out Problems
	for _, p := range ps {
		if (p.Severity == SeverityWarning) == warnings {
			out = append(out, p)
		}
	}
	return out
}

// Problem codes of the Rego front end (Parse). They are stable: lint maps
// them onto its rule names and tests match on them, so a code is never
// renamed, only added.
const (
	CodeRead                = "read-failed"            // a file could not be read or is over the size limit
	CodeSyntax              = "syntax-error"           // the file does not parse as Rego v1
	CodeMetadataMissing     = "metadata-missing"       // a control package without package-scoped METADATA
	CodeFieldMissing        = "metadata-field-missing" // a required METADATA field is absent
	CodeFieldType           = "metadata-field-type"    // a METADATA field has the wrong type or is empty
	CodeIDFormat            = "id-format"              // custom.id is not PLATFORM-SERVICE-NNN
	CodeIDDuplicate         = "id-duplicate"           // two controls share a custom.id
	CodePackageDuplicate    = "package-duplicate"      // two files declare one control package
	CodeSeverityUnknown     = "severity-unknown"       // custom.severity is not a known severity
	CodeResourceTypeFormat  = "resource-type-format"   // a resource type is not dotted (it can match nothing)
	CodeResourceTypeUnknown = "unknown-resource-type"  // a dotted resource type the registry does not list (warning)
	CodeFrameworkUnknown    = "framework-unknown"      // a framework key not in Frameworks (warning)
	CodeDenyMissing         = "deny-missing"           // a control defines no deny rule
	CodeNotSet              = "rule-not-set"           // deny or unknown is not a multi-value set rule
	CodeForbiddenBuiltin    = "forbidden-builtin"      // a call to a built-in controls cannot use
	CodeReserved            = "reserved-name"          // a reference to the engine's batch mark
	CodeCompile             = "compile-error"          // OPA's compiler rejected the modules
	CodeRelatedInvalid      = "related-invalid"        // custom.related is malformed (name, type, join)
	CodeEquivalentUnknown   = "equivalent-unknown"     // custom.equivalents names an anchor or check ID not in controls/anchors
)
