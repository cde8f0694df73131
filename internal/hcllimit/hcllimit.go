// Package hcllimit guards the HCL and JSON parsers against input nested
// deeper than any real configuration: hcl/v2's native and JSON parsers
// recurse once per nesting level, so 100,000 "[" in a 200 KB file exhaust
// the goroutine stack, a fatal error no recover() can catch. Every reader
// of untrusted HCL (the Terraform of a pull request, workspace files,
// rampart fmt) calls Check or CheckJSON first, and parses only when they
// return no diagnostics; the ParseConfig and ParseJSON helpers do both.
package hcllimit

import (
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// MaxDepth is the deepest nesting accepted. Terraform configurations and
// rampart workspaces nest blocks, objects, lists, calls and templates a
// handful of levels (TestCheckRealConfiguration runs every configuration
// of this repository through the check); 128 leaves ample room while
// keeping the parser's recursion (a few frames a level) far below the
// stack limit.
const MaxDepth = 128

// Summary is the summary of the diagnostic Check and CheckJSON return.
const Summary = "Nesting too deep"

// Check reports the first token of native HCL syntax that opens a level
// past MaxDepth. Levels are what the parser and the evaluator recurse on:
// ( [ { ${ %{, quoted strings and heredocs, template if/for directives,
// runs of unary ! and -, and operators chained in one expression
// (a + b + …, a ? b : c ? …, x[i][j]…), each of which nests the
// expression before it one level deeper in the syntax tree. Lexical errors
// are left to the parser, which reports them with their positions.
//
// A byte scanner (scanBound) bounds the depth from above first; only a file
// it cannot clear is lexed with hclsyntax's lexer (a state machine, not
// recursive) for the exact answer and position, so the answer is the
// lexer-based check's on every input.
func Check(src []byte, filename string) hcl.Diagnostics {
	if bound, ok := scanBound(src, false); ok && bound <= MaxDepth {
		return nil
	}
	return checkLexed(src, filename)
}

// checkLexed is Check by hclsyntax's tokens alone.
func checkLexed(src []byte, filename string) hcl.Diagnostics {
	tokens, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	return checkTokens(tokens)
}

// CheckTemplate is Check for a template file (templatefile): text is
// literal there, only interpolations and directives nest.
func CheckTemplate(src []byte, filename string) hcl.Diagnostics {
	if bound, ok := scanBound(src, true); ok && bound <= MaxDepth {
		return nil
	}
	return checkTemplateLexed(src, filename)
}

func checkTemplateLexed(src []byte, filename string) hcl.Diagnostics {
	tokens, _ := hclsyntax.LexTemplate(src, filename, hcl.InitialPos)
	return checkTokens(tokens)
}

func checkTokens(tokens hclsyntax.Tokens) hcl.Diagnostics {
	if _, at := tokenDepth(tokens, MaxDepth); at != nil {
		return hcl.Diagnostics{tooDeep(at)}
	}
	return nil
}

// tokenDepth is the deepest level a token opens, stopping at the first
// token past limit (returned; nil when none is).
func tokenDepth(tokens hclsyntax.Tokens, limit int) (deepest int, at *hcl.Range) {
	// Each open level counts the operators chained in it since the last
	// separator: they end with the level or the separator.
	type level struct {
		closer    hclsyntax.TokenType
		chain     int
		directive bool // a template if/for, closed by its end keyword
		body      bool // a block body or object, where a newline ends an expression
	}
	stack := make([]level, 1, 16) // the file body
	stack[0].body = true
	depth := 0            // open levels, plus the chains of every open level
	unary := 0            // consecutive prefix operators
	afterControl := false // the previous token was %{ (a directive keyword follows)
	var prev hclsyntax.TokenType
	for _, tok := range tokens {
		top := &stack[len(stack)-1]
		opened := false
		operand := operandEnd(prev)
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			if tok.Type == hclsyntax.TokenOBrack && operand {
				top.chain++ // an index: x[i] wraps x
				depth++
			}
			stack = append(stack, level{closer: closerOf(tok.Type), body: tok.Type == hclsyntax.TokenOBrace})
			depth++
			opened = true
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			// Pop to the level this token closes; an unbalanced closer is
			// the parser's to report.
			for i := len(stack) - 1; i > 0; i-- {
				if stack[i].closer == tok.Type && !stack[i].directive {
					for _, l := range stack[i:] {
						depth -= 1 + l.chain
					}
					stack = stack[:i]
					break
				}
			}
		case hclsyntax.TokenPlus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
			hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq, hclsyntax.TokenAnd, hclsyntax.TokenOr,
			hclsyntax.TokenQuestion:
			top.chain++
			depth++
			opened = true
		case hclsyntax.TokenMinus:
			if operand { // binary
				top.chain++
				depth++
				opened = true
			}
		case hclsyntax.TokenComma, hclsyntax.TokenNewline:
			// Inside ( and [ a newline does not end the expression.
			if tok.Type == hclsyntax.TokenComma || top.body {
				depth -= top.chain
				top.chain = 0
			}
		case hclsyntax.TokenIdent:
			if afterControl {
				switch string(tok.Bytes) {
				case "if", "for":
					// The directive's body nests until its end keyword; it
					// sits below the %{ level, which the } closes next.
					i := len(stack) - 1
					stack = append(stack[:i], level{directive: true}, stack[i])
					depth++
					opened = true
				case "endif", "endfor":
					// Below the %{ level: the nearest directive level.
					for i := len(stack) - 2; i > 0; i-- {
						if stack[i].directive {
							depth -= 1 + stack[i].chain
							stack = append(stack[:i], stack[i+1:]...)
							break
						}
					}
				}
			}
		}
		isUnary := tok.Type == hclsyntax.TokenBang || tok.Type == hclsyntax.TokenMinus && !operand
		switch {
		case isUnary:
			unary++
			opened = true
		case tok.Type != hclsyntax.TokenComment:
			unary = 0
		}
		afterControl = tok.Type == hclsyntax.TokenTemplateControl
		if tok.Type != hclsyntax.TokenComment {
			prev = tok.Type
		}
		if opened && depth+unary > deepest {
			deepest = depth + unary
			if deepest > limit {
				rng := tok.Range
				return deepest, &rng
			}
		}
	}
	return deepest, nil
}

// operandEnd reports tokens an expression can end with: an operator or [
// after one is binary or an index, not a prefix or a tuple.
func operandEnd(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenIdent, hclsyntax.TokenNumberLit, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc,
		hclsyntax.TokenCParen, hclsyntax.TokenCBrack, hclsyntax.TokenCBrace:
		return true
	}
	return false
}

func closerOf(open hclsyntax.TokenType) hclsyntax.TokenType {
	switch open {
	case hclsyntax.TokenOBrace:
		return hclsyntax.TokenCBrace
	case hclsyntax.TokenOBrack:
		return hclsyntax.TokenCBrack
	case hclsyntax.TokenOParen:
		return hclsyntax.TokenCParen
	case hclsyntax.TokenOQuote:
		return hclsyntax.TokenCQuote
	case hclsyntax.TokenOHeredoc:
		return hclsyntax.TokenCHeredoc
	}
	return hclsyntax.TokenTemplateSeqEnd // ${ and %{
}

func tooDeep(rng *hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  Summary,
		// The position is in the text too: a printer without the source
		// (the file is not parsed) shows only the line of the subject.
		Detail: fmt.Sprintf("More than %d nested levels (brackets, braces, parentheses, strings, templates, or operators chained in one expression): "+
			"level %d opens at line %d, column %d. No configuration needs that many, and parsing it would exhaust the stack, so the file is not read.",
			MaxDepth, MaxDepth+1, rng.Start.Line, rng.Start.Column),
		Subject: rng,
	}
}

// CheckJSON is Check for JSON (*.tf.json, *.tfvars.json): a byte scanner
// that skips strings and counts [ and {. Malformed JSON is left to the
// parser.
func CheckJSON(src []byte, filename string) hcl.Diagnostics {
	depth := 0
	line, col := 1, 1
	inString, escaped := false, false
	for i, b := range src {
		pos := hcl.Pos{Line: line, Column: col, Byte: i}
		switch {
		case b == '\n':
			line, col = line+1, 1
		case b&0xC0 != 0x80: // a UTF-8 continuation byte is part of the previous column
			col++
		}
		if inString {
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
			continue
		}
		switch b {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > MaxDepth {
				end := pos
				end.Column++
				end.Byte++
				return hcl.Diagnostics{tooDeep(&hcl.Range{Filename: filename, Start: pos, End: end})}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// CheckFile is Check of a file on disk, for callers whose parser reads the
// file itself (hclparse.Parser.ParseHCLFile). A file that cannot be read
// is left to that parser, which says so.
func CheckFile(filename string) hcl.Diagnostics {
	src, err := os.ReadFile(filename)
	if err != nil {
		return nil
	}
	return Check(src, filename)
}

// ParseConfig is hclsyntax.ParseConfig after Check. A file nested too
// deep is not parsed: the result is nil and the diagnostic.
func ParseConfig(src []byte, filename string, start hcl.Pos) (*hcl.File, hcl.Diagnostics) {
	if diags := Check(src, filename); diags.HasErrors() {
		return nil, diags
	}
	return hclsyntax.ParseConfig(src, filename, start)
}

// ParseJSON is hcl/v2's json.Parse after CheckJSON.
func ParseJSON(src []byte, filename string) (*hcl.File, hcl.Diagnostics) {
	if diags := CheckJSON(src, filename); diags.HasErrors() {
		return nil, diags
	}
	return hcljson.Parse(src, filename)
}
