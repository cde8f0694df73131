package hcllimit

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/require"
)

// exactDepth is the deepest level the lexer-based check reaches on src.
func exactDepth(src []byte, template bool) int {
	lex := hclsyntax.LexConfig
	if template {
		lex = hclsyntax.LexTemplate
	}
	tokens, _ := lex(src, "x.tf", hcl.InitialPos)
	deepest, _ := tokenDepth(tokens, math.MaxInt)
	return deepest
}

// requireUpperBound: where the scanner answers, its bound is never below
// the lexer-based depth, so a file it clears the old check clears too.
func requireUpperBound(t *testing.T, src string, template bool) (bound int, ok bool) {
	t.Helper()
	bound, ok = scanBound([]byte(src), template)
	if ok {
		if exact := exactDepth([]byte(src), template); bound < exact {
			t.Fatalf("template=%v: scanner bound %d below the lexer's depth %d for %q", template, bound, exact, src)
		}
	}
	return bound, ok
}

// TestScanBoundCases: the lexer's corners the scanner follows, each with
// the depth the lexer-based check gives, and the ones it leaves to the lexer.
func TestScanBoundCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		template  bool
		exact     int  // the lexer-based depth (checked against the lexer too)
		bail      bool // the scanner leaves it to the lexer
	}{
		{name: "brackets", src: "x = [[[1]]]\n", exact: 3},
		{name: "comment takes its newline", src: "x = 1 + # c\n 2 + 3\n", exact: 2},
		{name: "slash comment takes its newline", src: "x = 1 + // c\n 2\n", exact: 1},
		{name: "block comment hides brackets", src: "x = 1 /* ]]] */ + [[1]]\n", exact: 3},
		{name: "unterminated block comment is code", src: "x = 1 /* [[[", exact: 5},
		{name: "string hides brackets", src: `x = "]]]" + [1]` + "\n", exact: 2},
		{name: "escaped quote", src: `x = "a\"]]" + [[1]]` + "\n", exact: 3},
		{name: "escaped interpolation", src: `x = "\${ [[[ }"` + "\n", exact: 1},
		{name: "doubled dollar is text", src: `x = "$${[[[" ` + "\n", exact: 1},
		{name: "three dollars then brace", src: `x = "$$${[[[" ` + "\n", exact: 1},
		{name: "doubled percent is text", src: `x = "%%{ if a }"` + "\n", exact: 1},
		{name: "interpolation", src: `x = "${[[a]]}"` + "\n", exact: 4},
		{name: "newline inside a string", src: "x = \"a\n]]\" + [1]\n", exact: 2},
		{name: "heredoc", src: "x = <<EOT\n]]] ${ [a] }\n  EOT\ny = [1]\n", exact: 3},
		{name: "heredoc with dash and CRLF", src: "x = <<-EOT\r\n]]]\r\n  EOT\r\ny = [[1]]\r\n", exact: 2},
		{name: "heredoc marker after an interpolation is text", src: "x = <<EOT\n${1}EOT\nEOT\ny = [[1]]\n", exact: 2},
		{name: "heredoc marker with unicode space", src: "x = <<EOT\n\u00a0EOT\nz = [[[[[1]]]]]\nEOT\n", exact: 5},
		{name: "heredoc marker without newline at end", src: "x = <<EOT\nEOT", exact: 1},
		{name: "not a heredoc: space before newline", src: "x = a <<EOT \n[1]\n", exact: 2},
		{name: "not a heredoc: three angle brackets", src: "x = <<<EOT\n]]]\nEOT\n", exact: 2},
		{name: "directives", src: "x = \"%{ if a }%{ for b in c ~}[${d}]%{ endfor }%{ endif }\"\n", exact: 4},
		{name: "directive keyword after a comment is not one", src: "x = \"%{ /**/ if a }${b}%{ endif }\"\n", exact: 2},
		{name: "end keyword with a dash is an identifier", src: "x = \"%{ if a }%{ endif-x }${b}\"\n", exact: 3},
		{name: "sums on one line", src: "x = 1 + 2 + 3 - 4\n", exact: 3},
		{name: "sums across lines in parentheses", src: "x = (1\n+ 2\n+ 3)\n", exact: 3},
		{name: "commas separate", src: "x = [1+2, 3+4, 5+6]\n", exact: 2},
		{name: "unary runs", src: "x = !!!a\n", exact: 3},
		{name: "index", src: "x = a[b][c]\n", exact: 3},
		{name: "tilde closes an interpolation", src: "x = \"${ a ~}\"\n", exact: 2},
		{name: "template file", src: "[[[ ${ [a] } %{ if b }${c}%{ endif }", template: true, exact: 2},
		{name: "template file escapes", src: "$${ [ %%{ if", template: true, exact: 0},
		{name: "tilde closing a brace", src: "x = { a = 1 ~}\n", exact: 1, bail: true},
		{name: "closer matching nothing", src: "x = 1 ]\n", exact: 0, bail: true},
		{name: "brace closing nothing", src: "}\nx = [1]\n", exact: 1, bail: true},
		{name: "crossed closers", src: "x = [ ( ]\n", exact: 2, bail: true},
		{name: "invalid UTF-8 in code swallows what follows", src: "x = \xe7#]\n", exact: 0, bail: true},
		{name: "valid UTF-8 in code", src: "x = é # ]\n", exact: 0},
		{name: "non-ASCII heredoc marker", src: "x = <<É\n]\nÉ\n", exact: 1, bail: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.exact, exactDepth([]byte(tc.src), tc.template), "the lexer-based depth")
			_, ok := requireUpperBound(t, tc.src, tc.template)
			require.Equal(t, !tc.bail, ok)
		})
	}
}

// fragments are the pieces of syntax the lexer's modes turn on, for
// random inputs.
var fragments = []string{
	"{", "}", "[", "]", "(", ")", `"`, "${", "%{", "~}", "$${", "%%{", `\`, `\"`, `\$`,
	"\n", "\r\n", "\r", " ", "\t", "#", "//", "/*", "*/", "<<EOT\n", "<<-EOT\n", "EOT\n", "  EOT\n",
	"EOT", "<<", "<", "if ", "endif", "for ", "endfor", "else", "~", "a", "1", "-", "!", "+", "*", "/",
	"%", "$", "==", "=", "!=", "<=", "&&", "||", "?", ":", ",", "x[", "é", "\u00a0", "\xff", "\xc3",
	"a-b", "1e-5", "=>", ".*", "...", "'",
}

// TestScanBoundIsUpperBound: on random sequences of those fragments, some
// repeated past MaxDepth, wherever the scanner answers its bound is at
// least the lexer-based depth; and it answers often enough for that to
// mean something.
func TestScanBoundIsUpperBound(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(16, 17))
	answered, deep := 0, 0
	const cases = 20_000
	for range cases {
		var b strings.Builder
		for range 1 + rng.IntN(24) {
			b.WriteString(fragments[rng.IntN(len(fragments))])
		}
		src := b.String()
		if rng.IntN(4) == 0 {
			src = strings.Repeat(src, 1+rng.IntN(2*MaxDepth))
		}
		template := rng.IntN(5) == 0
		bound, ok := requireUpperBound(t, src, template)
		if ok {
			answered++
			if bound > MaxDepth {
				deep++
			}
		}
	}
	require.Greater(t, answered, cases/10, "the scanner answers on a good part of the inputs")
	require.Greater(t, deep, 100, "some answered inputs are past MaxDepth")
}

// TestScanBoundClearsRealConfiguration: every configuration of this
// repository is cleared by the scanner alone (no lexing), with a bound the
// lexer-based depth does not exceed.
func TestScanBoundClearsRealConfiguration(t *testing.T) {
	t.Parallel()
	n := 0
	walkRealConfiguration(t, func(p string, src []byte) {
		if !strings.HasSuffix(p, ".tf") && !strings.HasSuffix(p, ".hcl") && !strings.HasSuffix(p, ".tfvars") {
			return
		}
		if strings.Contains(p, "hostile") || strings.Contains(p, "invalid") {
			return // deliberately broken input: the lexer may decide
		}
		bound, ok := requireUpperBound(t, string(src), false)
		require.True(t, ok, p)
		require.LessOrEqual(t, bound, MaxDepth, p)
		n++
	})
	require.Greater(t, n, 20)
}

// FuzzScanBound: `go test -fuzz FuzzScanBound ./internal/hcllimit/` looks
// for an input where the scanner's bound is below the lexer-based depth.
func FuzzScanBound(f *testing.F) {
	for _, s := range fragments {
		f.Add(s, false)
	}
	f.Add("x = <<EOT\n${ [ }\nEOT\n", false)
	f.Add("x = \"%{ if a }${ [b] }%{ endif }\"\n", false)
	f.Add("%{ for x in y ~}${x}%{ endfor }", true)
	f.Fuzz(func(t *testing.T, src string, template bool) {
		requireUpperBound(t, src, template)
	})
}
