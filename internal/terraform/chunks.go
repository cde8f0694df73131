package terraform

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// chunkedAbove is the file size from which native syntax is parsed one run
// of top-level blocks at a time. hclsyntax lexes a whole file into one
// token slice before parsing it, and the tokens take more memory than the
// syntax tree they become (about 7 KB per resource, against 6; hcllimit's
// depth check lexed the whole file once more): in a repository of one large
// file that was the gate's peak heap. Parsed and checked in chunks of about
// chunkSize, only one chunk's tokens exist at a time (BenchmarkGateMemory,
// docs/gate.md "Memory").
const (
	chunkedAbove = 1 << 20
	chunkSize    = 256 << 10
)

// parseConfig is hcllimit.ParseConfig, in chunks for large files. The file
// is the one hclsyntax would return: the same blocks and attributes with
// the same ranges, Bytes the whole source, navigation for diagnostics'
// "in resource ..." context. Anything unusual — a chunk with an error, a
// closing bracket with nothing open, nesting too deep — parses the whole
// file instead, so error diagnostics are exactly hcllimit's and hclsyntax's.
func parseConfig(src []byte, name string, above, size int) (*hcl.File, hcl.Diagnostics) {
	if len(src) < above {
		return hcllimit.ParseConfig(src, name, hcl.InitialPos)
	}
	starts := chunkStarts(src, name, size)
	if starts == nil {
		return hcllimit.ParseConfig(src, name, hcl.InitialPos)
	}
	root := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}}
	var diags hcl.Diagnostics
	for i, start := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1].Byte
		}
		// The depth check per chunk: chunks begin at depth 0, where the
		// check's state is that of its start, and it lexes only the chunk
		// (the whole file's tokens were the peak once more). Its positions
		// are the chunk's, so a finding is reported by the whole-file check.
		if d := hcllimit.Check(src[start.Byte:end], name); d.HasErrors() {
			return hcllimit.ParseConfig(src, name, hcl.InitialPos)
		}
		f, d := hclsyntax.ParseConfig(src[start.Byte:end], name, start)
		if d.HasErrors() {
			return hcllimit.ParseConfig(src, name, hcl.InitialPos)
		}
		diags = append(diags, d...)
		body := f.Body.(*hclsyntax.Body)
		for n, a := range body.Attributes {
			if _, ok := root.Attributes[n]; ok {
				// "Attribute redefined": hclsyntax's own diagnostic.
				return hcllimit.ParseConfig(src, name, hcl.InitialPos)
			}
			root.Attributes[n] = a
		}
		root.Blocks = append(root.Blocks, body.Blocks...)
		if i == 0 {
			root.SrcRange = body.SrcRange
		}
		root.SrcRange.End = body.SrcRange.End
		root.EndRange = body.EndRange
	}
	return &hcl.File{Body: root, Bytes: src, Nav: navigation{root}}, diags
}

// chunkStarts returns where chunks of about size bytes begin: after a
// newline outside any bracket, string, heredoc or template, where
// hclsyntax's body parser would end one item and start the next. Each
// window is lexed on its own; a window is lexed exactly as the whole file
// would be up to its last few tokens, so only newlines followed by at
// least two more tokens in the window are used. nil means: do not chunk.
func chunkStarts(src []byte, name string, size int) []hcl.Pos {
	starts := []hcl.Pos{hcl.InitialPos}
	pos := hcl.InitialPos
	for w := size; len(src)-pos.Byte > w; {
		tokens, _ := hclsyntax.LexConfig(src[pos.Byte:pos.Byte+w], name, pos)
		next, ok := lastTopLevelNewline(tokens)
		if !ok {
			return nil
		}
		if next.Byte <= pos.Byte {
			// One item longer than the window: look further.
			w *= 2
			continue
		}
		starts = append(starts, next)
		pos, w = next, size
	}
	return starts
}

// lastTopLevelNewline is the position after the last newline at nesting
// depth 0 that has at least two tokens after it (the zero Pos if none);
// false when the tokens close more than they open or are invalid.
func lastTopLevelNewline(tokens hclsyntax.Tokens) (hcl.Pos, bool) {
	var found hcl.Pos
	depth := 0
	for i, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			depth--
			if depth < 0 {
				return hcl.Pos{}, false
			}
		case hclsyntax.TokenInvalid, hclsyntax.TokenBadUTF8, hclsyntax.TokenQuotedNewline, hclsyntax.TokenNil:
			return hcl.Pos{}, false
		case hclsyntax.TokenNewline:
			if depth == 0 && i+2 < len(tokens) {
				found = tok.Range.End
			}
		}
	}
	return found, true
}

// navigation is hclsyntax's (unexported): the context of an offset is the
// header of the top-level block around it.
type navigation struct{ root *hclsyntax.Body }

func (n navigation) block(offset int) *hclsyntax.Block {
	for _, b := range n.root.Blocks {
		if b.Range().ContainsOffset(offset) {
			return b
		}
	}
	return nil
}

// ContextString is what hcl's diagnostic writer prints after "on FILE line N, in".
func (n navigation) ContextString(offset int) string {
	b := n.block(offset)
	if b == nil {
		return ""
	}
	return n.header(b)
}

func (navigation) header(b *hclsyntax.Block) string {
	var buf bytes.Buffer
	buf.WriteString(b.Type)
	for _, l := range b.Labels {
		fmt.Fprintf(&buf, " %q", l)
	}
	return buf.String()
}

// ContextDefRange is the definition range of the top-level block around offset.
func (n navigation) ContextDefRange(offset int) hcl.Range {
	if b := n.block(offset); b != nil {
		return b.DefRange()
	}
	return hcl.Range{}
}
