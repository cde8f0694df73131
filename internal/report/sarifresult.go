package report

import (
	"strconv"

	"github.com/rampart-audit/rampart/internal/finding"
)

// appendSARIFResult appends the result of f as the element of the run's
// results array (nesting depth 4: prefix eight spaces, indent two), byte
// for byte what json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) writes for the SARIFResult the reflective writer built (sarifResultFor, kept in the test as the reference)
// (TestAppendSARIFResultIsEncodingJSON): without reflection, a map per
// result or indenting a compact encoding again, which were most of a
// 200-file gate's SARIF CPU. fixed writes a gate-fixed finding: kind
// "pass", level "none", baselineState "absent", "fixed: " before the
// message.
func appendSARIFResult(b []byte, f *finding.Finding, ruleIndex int, g *GateInfo, systems systemLocations, fixed bool) []byte {
	const in1, in2, in3, in4, in5 = "\n          ", "\n            ", "\n              ", "\n                ", "\n                  "
	res := f.Resource
	if res == nil { // never from the engine; no panic either
		res = &finding.ResourceRef{}
	}
	kind, level := "fail", sarifLevel(f.Severity)
	switch f.Status {
	case finding.Error, finding.NotEvaluated:
		kind, level = "review", "none"
	}
	baseline := ""
	if fixed {
		kind, level, baseline = "pass", "none", "absent"
	} else if g != nil {
		switch g.Changes[f.Fingerprint] {
		case "new":
			baseline = "new"
		case "unchanged":
			baseline = "unchanged"
		}
	}
	b = append(b, '{')
	b = appendKey(b, in1, "ruleId", true)
	b = appendJSONString(b, f.ControlID)
	b = appendKey(b, in1, "ruleIndex", false)
	b = strconv.AppendInt(b, int64(ruleIndex), 10)
	b = appendKey(b, in1, "kind", false)
	b = appendJSONString(b, kind)
	b = appendKey(b, in1, "level", false)
	b = appendJSONString(b, level)
	b = appendKey(b, in1, "message", false)
	b = append(b, '{')
	b = appendKey(b, in2, "text", true)
	msg := f.Title + ": " + f.Message + " (" + res.Type + " " + res.ID + ")"
	if fixed {
		msg = "fixed: " + msg
	}
	b = appendJSONString(b, msg)
	b = append(b, in1...)
	b = append(b, '}')

	b = appendKey(b, in1, "locations", false)
	b = append(b, '[')
	b = append(b, in2...)
	b = append(b, '{')
	first := true
	var locMsg string
	hasLocMsg := false
	phys := (*SARIFPhysical)(nil)
	if src := res.Source; src.File != "" {
		phys = &SARIFPhysical{ArtifactLocation: SARIFArtifact{URI: uriPath(src.File), URIBaseID: "%SRCROOT%"}}
		if src.Line > 0 {
			phys.Region = &SARIFRegion{StartLine: src.Line}
		}
	} else if p, m := systems.locate(res.System); p != nil {
		phys, locMsg, hasLocMsg = p, m, true
	}
	if phys != nil {
		b = appendKey(b, in3, "physicalLocation", true)
		first = false
		b = append(b, '{')
		b = appendKey(b, in4, "artifactLocation", true)
		b = append(b, '{')
		b = appendKey(b, in5, "uri", true)
		b = appendJSONString(b, phys.ArtifactLocation.URI)
		if phys.ArtifactLocation.URIBaseID != "" {
			b = appendKey(b, in5, "uriBaseId", false)
			b = appendJSONString(b, phys.ArtifactLocation.URIBaseID)
		}
		b = append(b, in4...)
		b = append(b, '}')
		if r := phys.Region; r != nil {
			b = appendKey(b, in4, "region", false)
			b = append(b, '{')
			b = appendKey(b, in5, "startLine", true)
			b = strconv.AppendInt(b, int64(r.StartLine), 10)
			if r.StartColumn != 0 {
				b = appendKey(b, in5, "startColumn", false)
				b = strconv.AppendInt(b, int64(r.StartColumn), 10)
			}
			b = append(b, in4...)
			b = append(b, '}')
		}
		b = append(b, in3...)
		b = append(b, '}')
	}
	b = appendKey(b, in3, "logicalLocations", first)
	b = append(b, '[')
	b = append(b, in4...)
	b = append(b, '{')
	b = appendKey(b, in5, "name", true)
	b = appendJSONString(b, res.ID)
	b = appendKey(b, in5, "fullyQualifiedName", false)
	b = appendJSONString(b, res.Type+"/"+res.ID)
	b = appendKey(b, in5, "kind", false)
	b = appendJSONString(b, "resource")
	b = append(b, in4...)
	b = append(b, '}')
	b = append(b, in3...)
	b = append(b, ']')
	if hasLocMsg {
		b = appendKey(b, in3, "message", false)
		b = append(b, '{')
		b = appendKey(b, in4, "text", true)
		b = appendJSONString(b, locMsg)
		b = append(b, in3...)
		b = append(b, '}')
	}
	b = append(b, in2...)
	b = append(b, '}')
	b = append(b, in1...)
	b = append(b, ']')

	b = appendKey(b, in1, "partialFingerprints", false)
	b = append(b, '{')
	b = appendKey(b, in2, "rampart/v1", true)
	b = appendJSONString(b, f.Fingerprint)
	b = append(b, in1...)
	b = append(b, '}')
	if baseline != "" {
		b = appendKey(b, in1, "baselineState", false)
		b = appendJSONString(b, baseline)
	}
	if f.Status == finding.Waived {
		b = appendKey(b, in1, "suppressions", false)
		b = append(b, '[')
		b = append(b, in2...)
		b = append(b, '{')
		b = appendKey(b, in3, "kind", true)
		b = appendJSONString(b, "external")
		b = appendKey(b, in3, "justification", false)
		b = appendJSONString(b, "waiver "+f.Waiver)
		b = append(b, in2...)
		b = append(b, '}')
		b = append(b, in1...)
		b = append(b, ']')
	}
	b = appendKey(b, in1, "properties", false)
	b = append(b, '{')
	b = appendKey(b, in2, "status", true)
	b = appendJSONString(b, string(f.Status))
	b = appendKey(b, in2, "severity", false)
	b = appendJSONString(b, string(f.Severity))
	b = appendKey(b, in2, "resource_type", false)
	b = appendJSONString(b, res.Type)
	b = appendKey(b, in2, "resource_id", false)
	b = appendJSONString(b, res.ID)
	if f.Path != "" {
		b = appendKey(b, in2, "path", false)
		b = appendJSONString(b, f.Path)
	}
	if res.System != "" {
		b = appendKey(b, in2, "system", false)
		b = appendJSONString(b, res.System)
	}
	if f.Links != nil && len(f.Links.Risks) > 0 {
		b = appendKey(b, in2, "risks", false)
		b = appendStrings(b, f.Links.Risks, in3, in2)
	}
	b = append(b, in1...)
	b = append(b, '}')
	return append(b, "\n        }"...)
}
