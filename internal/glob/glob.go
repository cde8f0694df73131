// Package glob matches resource IDs, repository names and paths against the
// patterns people write in workspace HCL: '*' matches any run of characters
// (slashes included, so "github.com/acme/*" covers every repository of acme),
// '?' matches one character, everything else matches itself.
package glob

import (
	"regexp"
	"strings"
)

// Pattern is a compiled glob.
type Pattern struct {
	text string
	re   *regexp.Regexp
}

// Compile turns a glob into a Pattern. It cannot fail: every string is a valid glob.
func Compile(glob string) Pattern {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return Pattern{text: glob, re: regexp.MustCompile(b.String())}
}

// Match reports whether s matches the pattern.
func (p Pattern) Match(s string) bool { return p.re.MatchString(s) }

// String returns the glob as written.
func (p Pattern) String() string { return p.text }

// Match compiles glob and matches s; for one-off use.
func Match(glob, s string) bool { return Compile(glob).Match(s) }
