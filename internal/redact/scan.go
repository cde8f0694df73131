package redact

import (
	"regexp"
	"strings"
)

// KeywordSecret is a value assigned to a key named like a secret
// (password, secret, token, api key) in a script or configuration line —
// what the redaction rules leave alone in prose, but what user data must
// never hold. Reported by ScanLines only.
const KeywordSecret = "keyword-secret"

// keywordSecret matches `DB_PASSWORD=hunter22`, `"api_key": "…"`,
// `--password hunter22`: a secret-named key, a separator, and a value of
// six or more characters that is not a shell or template reference.
var keywordSecret = regexp.MustCompile(`(?i)(?:passw(?:or)?d|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_-]*` + `(?:` + sep + `|\s+)` + `(?P<s>[^\s"'$\{<>%]{6,})`)

// LineFinding is a secret shape found on one line of a text: its kind and
// the 1-based line, never the value. Collectors record these for texts
// they must not store (EC2 user data, launch-template user data), so a
// control can fail on a secret without the secret reaching a snapshot.
type LineFinding struct {
	Kind string `json:"kind"`
	Line int    `json:"line"`
}

// ScanLines reports every secret shape of every line of s, by the rules
// that redact reports (Found) and, on a line they find nothing on, a
// KeywordSecret assignment, in line order, each kind once per line. A PEM
// block spans lines: it is reported on the line it begins.
func ScanLines(s string) []LineFinding {
	out := []LineFinding{}
	for _, kind := range Found(s) {
		if kind != PEMBlock {
			continue
		}
		for i, line := range strings.Split(s, "\n") {
			if strings.Contains(line, "-----BEGIN ") {
				out = append(out, LineFinding{Kind: PEMBlock, Line: i + 1})
			}
		}
	}
	for i, line := range strings.Split(s, "\n") {
		kinds := Found(line)
		for _, kind := range kinds {
			if kind == PEMBlock {
				continue
			}
			out = append(out, LineFinding{Kind: kind, Line: i + 1})
		}
		if len(kinds) == 0 && keywordSecret.MatchString(line) {
			out = append(out, LineFinding{Kind: KeywordSecret, Line: i + 1})
		}
	}
	return out
}
