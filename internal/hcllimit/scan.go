package hcllimit

import (
	"bytes"
	"unicode/utf8"
)

// scanBound is Check's fast path: a byte scanner that follows hclsyntax's
// lexer modes (code, quoted string, heredoc, bare template) and the token
// check's levels without building tokens. Lexing a file through hclsyntax
// costs about as much as the parse that follows (most of it the grapheme
// segmentation of every token's columns), and a file that passes is lexed
// again by the parser; the scanner reads each byte once and allocates only
// its level stack.
//
// It returns an upper bound of the deepest level checkTokens reaches on
// the same source, never less: operators are counted byte by byte where
// the lexer makes one token of two (==, &&, ||; <=, >=, != once), inside
// identifiers and numbers too (a-b, 1e-5), every prefix ! and - is counted
// as a chained operator (kept until the separator, where the token check
// drops it at the next token), and every [ as an index. ok is false where
// the scanner does not model the lexer's state exactly — a closer that
// matches nothing open, ~} closing a brace, a heredoc marker that is not
// ASCII, invalid UTF-8 outside strings and comments — and the caller
// lexes instead.
// TestScanBoundIsUpperBound and FuzzScanBound hold it to that against
// checkTokens.
func scanBound(src []byte, template bool) (bound int, ok bool) {
	s := scanner{src: src, stack: make([]scanLevel, 1, 16)}
	s.stack[0] = scanLevel{kind: levelFile}
	if template {
		s.stack[0].kind = levelBare
	}
	if !s.run() {
		return 0, false
	}
	return s.max, true
}

type levelKind uint8

const (
	levelFile      levelKind = iota // a configuration file: code, a body
	levelBare                       // a template file: text
	levelBrace                      // { … }, a block body or object
	levelBrack                      // [ … ]
	levelParen                      // ( … )
	levelQuote                      // " … "
	levelHeredoc                    // <<EOT … EOT
	levelInterp                     // ${ … }
	levelControl                    // %{ … }
	levelDirective                  // a template if/for, until its end keyword
)

type scanLevel struct {
	kind   levelKind
	chain  int    // operators chained since the level's last separator
	marker []byte // a heredoc's closing marker
}

type scanner struct {
	src   []byte
	stack []scanLevel
	depth int // checkTokens' depth: open levels plus every level's chain
	max   int
	// lineStart: a heredoc line begins here, where the lexer looks for its
	// closing marker (not after an interpolation on the same line).
	lineStart bool
}

func (s *scanner) open(l scanLevel) {
	s.stack = append(s.stack, l)
	s.grow(1)
}

func (s *scanner) grow(n int) {
	s.depth += n
	if s.depth > s.max {
		s.max = s.depth
	}
}

// chainOperator counts an operator chained in the innermost level.
func (s *scanner) chainOperator() {
	s.stack[len(s.stack)-1].chain++
	s.grow(1)
}

// separate ends the expression of the innermost level (a comma, or a
// newline in a body), as checkTokens does.
func (s *scanner) separate() {
	top := &s.stack[len(s.stack)-1]
	s.depth -= top.chain
	top.chain = 0
}

// popTo closes level i and every level above it.
func (s *scanner) popTo(i int) {
	for _, l := range s.stack[i:] {
		s.depth -= 1 + l.chain
	}
	s.stack = s.stack[:i]
}

// mode is the innermost level that is not a directive: it decides how the
// lexer reads the next byte.
func (s *scanner) mode() levelKind {
	for i := len(s.stack) - 1; ; i-- {
		if k := s.stack[i].kind; k != levelDirective || i == 0 {
			return k
		}
	}
}

func (s *scanner) run() bool {
	i := 0
	for i < len(s.src) {
		var next int
		var ok bool
		switch s.mode() {
		case levelQuote, levelHeredoc, levelBare:
			next, ok = s.template(i)
		default:
			next, ok = s.code(i)
		}
		if !ok {
			return false
		}
		i = next
	}
	return true
}

// code reads one lexical item of expression or body syntax at i and
// returns where the next begins.
func (s *scanner) code(i int) (int, bool) {
	src := s.src
	b := src[i]
	switch b {
	case '\n':
		if k := s.stack[len(s.stack)-1].kind; k == levelFile || k == levelBrace {
			// Inside ( [ ${ a newline does not end the expression.
			s.separate()
		}
	case ',':
		s.separate()
	case '#':
		// The comment token takes its newline: no separator.
		return lineEnd(src, i), true
	case '/':
		if i+1 < len(src) {
			switch src[i+1] {
			case '/':
				return lineEnd(src, i), true
			case '*':
				if end := bytes.Index(src[i+2:], []byte("*/")); end >= 0 {
					return i + 2 + end + 2, true
				}
				// Unterminated: the lexer's longest match is "/" alone,
				// and what follows is read as code.
			}
		}
		s.chainOperator()
	case '+', '*', '%', '?', '!', '-', '&', '|', '>':
		s.chainOperator()
	case '=':
		if i+1 < len(src) && src[i+1] == '=' {
			s.chainOperator()
		}
	case '<':
		if i+1 < len(src) && src[i+1] == '<' {
			marker, body, state := heredocStart(src, i+2)
			switch state {
			case heredocUnknown:
				return 0, false
			case heredocOpens:
				s.open(scanLevel{kind: levelHeredoc, marker: marker})
				s.lineStart = true
				return body, true
			}
		}
		s.chainOperator()
	case '{':
		s.open(scanLevel{kind: levelBrace})
	case '(':
		s.open(scanLevel{kind: levelParen})
	case '[':
		s.chainOperator() // an index wraps the expression before it
		s.open(scanLevel{kind: levelBrack})
	case ']', ')':
		want := levelBrack
		if b == ')' {
			want = levelParen
		}
		n := len(s.stack) - 1
		if s.stack[n].kind != want {
			return 0, false
		}
		s.popTo(n)
	case '}':
		if !s.closeBrace(false) {
			return 0, false
		}
	case '~':
		if i+1 < len(src) && src[i+1] == '}' {
			if !s.closeBrace(true) {
				return 0, false
			}
			return i + 2, true
		}
	case '"':
		s.open(scanLevel{kind: levelQuote})
	default:
		if b >= utf8.RuneSelf {
			// The lexer's identifier tables take bytes after an invalid
			// UTF-8 lead byte whatever they are ("\xe7#" is one
			// identifier), so only valid UTF-8 is modelled in code.
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				return 0, false
			}
			return i + size, true
		}
	}
	return i + 1, true
}

// closeBrace closes the innermost {, ${ or %{ with the brackets and
// parentheses inside it. The lexer decides which it is by counting braces,
// as this does; ~} closing a plain brace, or a brace closing nothing, puts
// the lexer's count and checkTokens' levels out of step: not modelled.
func (s *scanner) closeBrace(tilde bool) bool {
	for i := len(s.stack) - 1; i > 0; i-- {
		switch s.stack[i].kind {
		case levelBrack, levelParen:
			continue
		case levelBrace:
			if tilde {
				return false
			}
		case levelInterp, levelControl:
		default:
			return false
		}
		s.popTo(i)
		return true
	}
	return false
}

// template reads template text (a quoted string, heredoc or template file)
// at i up to the next interpolation, directive or end.
func (s *scanner) template(i int) (int, bool) {
	src := s.src
	top := len(s.stack) - 1
	for s.stack[top].kind == levelDirective {
		top--
	}
	kind := s.stack[top].kind
	if kind == levelHeredoc && s.lineStart {
		s.lineStart = false
		// The lexer ends a heredoc at a line that, trimmed, is its marker
		// and is followed by a newline; the newline is then a token of the
		// enclosing code.
		if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
			line, marker := src[i:i+nl], s.stack[top].marker
			if bytes.Equal(bytes.TrimSpace(line), marker) {
				s.popTo(top)
				return i + nl, true
			}
			// Invalid UTF-8 at the start of a line is a token of its own
			// that leaves the lexer looking for the marker after it.
			if bytes.Contains(line, marker) && !isASCII(line) {
				return 0, false
			}
		}
	}
	for ; i < len(src); i++ {
		switch b := src[i]; b {
		case '$', '%':
			if i+1 < len(src) && src[i+1] == '{' {
				kind := levelInterp
				if b == '%' {
					kind = levelControl
				}
				s.open(scanLevel{kind: kind})
				i += 2
				if i < len(src) && src[i] == '~' {
					i++
				}
				if kind == levelControl && !s.directive(i) {
					return 0, false
				}
				return i, true
			}
			if i+2 < len(src) && src[i+1] == b && src[i+2] == '{' {
				i += 2 // $${ and %%{ are literal text
			}
		case '"':
			if kind == levelQuote {
				s.popTo(top)
				return i + 1, true
			}
		case '\\':
			// An escape takes the next character in a quoted string, unless
			// it is a newline (then the backslash alone is invalid).
			if kind == levelQuote && i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
				i++
			}
		case '\n':
			if kind == levelHeredoc {
				s.lineStart = true
				return i + 1, true
			}
		}
	}
	return i, true
}

// directive follows checkTokens on the keyword right after %{ (spaces
// between): if and for open a directive level below the %{ level, endif
// and endfor close the nearest one. Where the lexer's identifier might go
// on past ASCII, an if or for still opens a level and an end keyword does
// not close one, so the count can only be higher.
func (s *scanner) directive(i int) bool {
	src := s.src
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	start := i
	if i >= len(src) || !(isLetter(src[i]) || src[i] == '_') {
		return true
	}
	for i < len(src) && (isLetter(src[i]) || src[i] == '_' || src[i] == '-' || src[i] >= '0' && src[i] <= '9') {
		i++
	}
	word := string(src[start:i])
	unsure := i < len(src) && src[i] >= 0x80
	switch word {
	case "if", "for":
		n := len(s.stack) - 1
		s.stack = append(s.stack[:n], scanLevel{kind: levelDirective}, s.stack[n])
		s.grow(1)
	case "endif", "endfor":
		if unsure {
			return true
		}
		for k := len(s.stack) - 2; k > 0; k-- {
			if s.stack[k].kind == levelDirective {
				s.depth -= 1 + s.stack[k].chain
				s.stack = append(s.stack[:k], s.stack[k+1:]...)
				break
			}
		}
	}
	return true
}

type heredocState uint8

const (
	heredocNot     heredocState = iota // << is two operators
	heredocOpens                       // <<MARKER or <<-MARKER and a newline
	heredocUnknown                     // a marker with non-ASCII bytes: not modelled
)

// heredocStart reads what follows "<<" at i: the lexer's heredoc introducer
// is an optional -, an identifier and a newline, nothing between.
func heredocStart(src []byte, i int) (marker []byte, body int, state heredocState) {
	if i < len(src) && src[i] == '-' {
		i++
	}
	start := i
	if i < len(src) && src[i] >= 0x80 {
		return nil, 0, heredocUnknown
	}
	if i >= len(src) || !(isLetter(src[i]) || src[i] == '_') {
		return nil, 0, heredocNot
	}
	for i < len(src) && (isLetter(src[i]) || src[i] == '_' || src[i] == '-' || src[i] >= '0' && src[i] <= '9') {
		i++
	}
	marker = src[start:i]
	switch {
	case i < len(src) && src[i] >= 0x80:
		return nil, 0, heredocUnknown
	case i < len(src) && src[i] == '\n':
		return marker, i + 1, heredocOpens
	case i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n':
		return marker, i + 2, heredocOpens
	}
	return nil, 0, heredocNot
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func isLetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// lineEnd is the position after the newline that ends the line at i (the
// end of src if none).
func lineEnd(src []byte, i int) int {
	if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
		return i + nl + 1
	}
	return len(src)
}
