package report

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/rampart-audit/rampart/internal/finding"
)

// appendFinding appends f as the findings array's element at nesting depth
// 2 of the report (prefix "    ", indent "  "), byte for byte what
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes for
// it there — without reflection and without indenting a compact encoding
// again. On a 20,000-repository audit (about 720,000 findings) the
// reflective encoder and its re-indent were most of the JSON report's
// CPU time (issue 16). TestAppendFindingIsEncodingJSON and
// FuzzAppendFinding hold it to encoding/json, field by field; a field added
// to finding.Finding without a line here fails TestAppendFindingCoversFields.
func appendFinding(b []byte, f *finding.Finding) ([]byte, error) {
	const in1, in2, in3 = "\n      ", "\n        ", "\n          "
	b = append(b, '{')
	b = appendKey(b, in1, "control_id", true)
	b = appendJSONString(b, f.ControlID)
	b = appendKey(b, in1, "title", false)
	b = appendJSONString(b, f.Title)
	b = appendKey(b, in1, "severity", false)
	b = appendJSONString(b, string(f.Severity))
	b = appendKey(b, in1, "status", false)
	b = appendJSONString(b, string(f.Status))
	b = appendKey(b, in1, "message", false)
	b = appendJSONString(b, f.Message)
	if f.Path != "" {
		b = appendKey(b, in1, "path", false)
		b = appendJSONString(b, f.Path)
	}
	b = appendKey(b, in1, "resource", false)
	r := f.Resource
	if r == nil {
		b = append(b, "null"...)
		return appendLinks(b, f)
	}
	b = append(b, '{')
	b = appendKey(b, in2, "type", true)
	b = appendJSONString(b, r.Type)
	b = appendKey(b, in2, "id", false)
	b = appendJSONString(b, r.ID)
	if r.System != "" {
		b = appendKey(b, in2, "system", false)
		b = appendJSONString(b, r.System)
	}
	b = appendKey(b, in2, "source", false)
	b = append(b, '{')
	src := &r.Source
	b = appendKey(b, in3, "kind", true)
	b = appendJSONString(b, src.Kind)
	if src.Collector != "" {
		b = appendKey(b, in3, "collector", false)
		b = appendJSONString(b, src.Collector)
	}
	if !src.CollectedAt.IsZero() {
		b = appendKey(b, in3, "collected_at", false)
		var err error
		if b, err = appendTime(b, src.CollectedAt); err != nil {
			return b, err
		}
	}
	if src.File != "" {
		b = appendKey(b, in3, "file", false)
		b = appendJSONString(b, src.File)
	}
	if src.Line != 0 {
		b = appendKey(b, in3, "line", false)
		b = strconv.AppendInt(b, int64(src.Line), 10)
	}
	b = append(b, in2...)
	b = append(b, '}')
	b = append(b, in1...)
	b = append(b, '}')
	return appendLinks(b, f)
}

// appendLinks appends the members after the resource: the links, the
// waiver and the fingerprint, and closes the finding.
func appendLinks(b []byte, f *finding.Finding) ([]byte, error) {
	const in1, in2, in3 = "\n      ", "\n        ", "\n          "
	// Without links (a finding no run linked) encoding/json writes none
	// of the embedded members.
	if l := f.Links; l != nil {
		b = appendKey(b, in1, "risks", false)
		b = appendStrings(b, l.Risks, in2, in1)
		b = appendKey(b, in1, "mitigations", false)
		b = appendStrings(b, l.Mitigations, in2, in1)
		b = appendKey(b, in1, "training", false)
		b = appendStrings(b, l.Training, in2, in1)
		b = appendKey(b, in1, "policies", false)
		b = appendStrings(b, l.Policies, in2, in1)
	}
	b = appendKey(b, in1, "frameworks", false)
	b = appendFrameworks(b, f.Frameworks, in2, in3, in1)
	if f.Waiver != "" {
		b = appendKey(b, in1, "waiver", false)
		b = appendJSONString(b, f.Waiver)
	}
	if f.WaiverExpired != "" {
		b = appendKey(b, in1, "waiver_expired", false)
		b = appendJSONString(b, f.WaiverExpired)
	}
	b = appendKey(b, in1, "fingerprint", false)
	b = appendJSONString(b, f.Fingerprint)
	b = append(b, "\n    }"...)
	return b, nil
}

// appendKey appends a member's separator, its line break and indentation,
// and `"name": `. Names here are plain ASCII: no escaping.
func appendKey(b []byte, indent, name string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':', ' ')
}

// appendStrings is a []string member: null when nil, [] when empty, else
// one element a line at indent and the closing bracket at closeIndent.
func appendStrings(b []byte, xs []string, indent, closeIndent string) []byte {
	switch {
	case xs == nil:
		return append(b, "null"...)
	case len(xs) == 0:
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, indent...)
		b = appendJSONString(b, x)
	}
	b = append(b, closeIndent...)
	return append(b, ']')
}

// appendFrameworks is the frameworks member: keys in sorted order as
// encoding/json writes a map's, one a line at indent, their references at
// inner, the closing brace at closeIndent.
func appendFrameworks(b []byte, m map[string][]string, indent, inner, closeIndent string) []byte {
	switch {
	case m == nil:
		return append(b, "null"...)
	case len(m) == 0:
		return append(b, '{', '}')
	}
	var stack [8]string
	keys := stack[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, indent...)
		b = appendJSONString(b, k)
		b = append(b, ':', ' ')
		b = appendStrings(b, m[k], inner, indent)
	}
	b = append(b, closeIndent...)
	return append(b, '}')
}

// appendTime is time.Time's MarshalJSON (RFC 3339 with nanoseconds,
// quoted), whose error — a year outside 0..9999 — it returns too.
func appendTime(b []byte, t time.Time) ([]byte, error) {
	text, err := t.MarshalJSON()
	if err != nil {
		return b, err
	}
	return append(b, text...), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding with HTML escaping
// off: quotes and backslashes escaped, control characters as \b \f \n \r
// \t or \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
