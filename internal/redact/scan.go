package redact

import "strings"

// LineFinding is a secret shape found on one line of a text: its kind and
// the 1-based line, never the value. Collectors record these for texts
// they must not store (EC2 user data, launch-template user data), so a
// control can fail on a secret without the secret reaching a snapshot.
type LineFinding struct {
	Kind string `json:"kind"`
	Line int    `json:"line"`
}

// ScanLines reports every secret shape of every line of s, by the rules
// that redact reports (Found), in line order, each kind once per line.
// A PEM block spans lines: it is reported on the line it begins.
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
		for _, kind := range Found(line) {
			if kind == PEMBlock {
				continue
			}
			out = append(out, LineFinding{Kind: kind, Line: i + 1})
		}
	}
	return out
}
