package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/finding"
)

// Control is one Rego package with its typed METADATA.
type Control struct {
	ID            string              `json:"id"`
	Title         string              `json:"title"`
	Description   string              `json:"description,omitempty"`
	Severity      finding.Severity    `json:"severity"`
	ResourceTypes []string            `json:"resource_types"`
	Frameworks    map[string][]string `json:"frameworks"`
	Remediation   Remediation         `json:"remediation"`
	// Package is the Rego package path, e.g. "rampart.github.org.two_factor".
	Package string `json:"package"`
	// File and Line locate the METADATA block; Source names where the file was loaded from.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Source string `json:"source"`
	// untrusted controls are evaluated in a child process (sandbox.go).
	untrusted bool
}

// Remediation says what to change, once for people at a console or CLI and
// once for Terraform, so the same advice serves the audit and the PR gate.
type Remediation struct {
	Console   string `json:"console"`
	Terraform string `json:"terraform"`
}

// AppliesTo reports whether the control declares the resource type.
func (c *Control) AppliesTo(resourceType string) bool {
	for _, t := range c.ResourceTypes {
		if t == resourceType {
			return true
		}
	}
	return false
}

// IDPattern is the control ID format: platform, service, number (GH-ORG-001, AWS-S3-010).
var IDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}$`)

// ResourceTypePattern is the dotted resource type format (github.repository, aws.s3.bucket).
var ResourceTypePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// controlFromAnnotations decodes package METADATA into a Control. Every
// missing or mistyped field is reported, not just the first.
func controlFromAnnotations(file string, pkg string, a *ast.Annotations) (*Control, []Problem) {
	line := 0
	if a.Location != nil {
		line = a.Location.Row
	}
	var problems []Problem
	bad := func(format string, args ...any) {
		problems = append(problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	c := &Control{Title: a.Title, Description: a.Description, Package: pkg, File: file, Line: line}
	if strings.TrimSpace(c.Title) == "" {
		bad("METADATA: title is required")
	}
	custom := a.Custom
	str := func(key string) string {
		v, ok := custom[key]
		if !ok {
			bad("METADATA: custom.%s is required", key)
			return ""
		}
		s, ok := v.(string)
		if !ok {
			bad("METADATA: custom.%s must be a string, got %T", key, v)
		}
		return s
	}
	c.ID = str("id")
	if c.ID != "" && !IDPattern.MatchString(c.ID) {
		bad("METADATA: custom.id %q does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-001)", c.ID)
	}
	if sev := str("severity"); sev != "" {
		parsed, err := finding.ParseSeverity(sev)
		if err != nil || string(parsed) != sev {
			bad("METADATA: custom.severity %q is not one of critical, high, medium, low, info", sev)
		}
		c.Severity = parsed
	}
	c.ResourceTypes = stringList(custom["resource_types"], "resource_types", bad)
	if len(c.ResourceTypes) == 0 {
		bad("METADATA: custom.resource_types must list at least one resource type")
	}
	for _, t := range c.ResourceTypes {
		if !ResourceTypePattern.MatchString(t) {
			bad("METADATA: custom.resource_types: %q is not a dotted resource type", t)
		}
	}
	c.Frameworks = map[string][]string{}
	switch fw := custom["frameworks"].(type) {
	case nil:
		bad("METADATA: custom.frameworks is required (map of framework to references)")
	case map[string]any:
		for name, refs := range fw {
			c.Frameworks[name] = stringList(refs, "frameworks."+name, bad)
		}
		if len(c.Frameworks) == 0 {
			bad("METADATA: custom.frameworks must name at least one framework")
		}
	default:
		bad("METADATA: custom.frameworks must be a map, got %T", fw)
	}
	switch rem := custom["remediation"].(type) {
	case nil:
		bad("METADATA: custom.remediation is required (console and terraform)")
	case map[string]any:
		c.Remediation.Console, _ = rem["console"].(string)
		c.Remediation.Terraform, _ = rem["terraform"].(string)
		if c.Remediation.Console == "" {
			bad("METADATA: custom.remediation.console is required")
		}
		if c.Remediation.Terraform == "" {
			bad("METADATA: custom.remediation.terraform is required")
		}
	default:
		bad("METADATA: custom.remediation must be a map with console and terraform, got %T", rem)
	}
	return c, problems
}

func stringList(v any, field string, bad func(string, ...any)) []string {
	list, ok := v.([]any)
	if !ok {
		if v != nil {
			bad("METADATA: custom.%s must be a list of strings, got %T", field, v)
		}
		return nil
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			bad("METADATA: custom.%s must contain only strings, got %T", field, item)
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
