package terraform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// shape lists every block and attribute of a body with its ranges, the
// value of attributes that need no context, and the navigation context of
// each item: what evaluation and diagnostics read of a parsed file.
func shape(t *testing.T, f *hcl.File) []string {
	t.Helper()
	var out []string
	var walk func(b *hclsyntax.Body, indent string)
	walk = func(b *hclsyntax.Body, indent string) {
		out = append(out, fmt.Sprintf("%sbody %v end %v", indent, b.SrcRange, b.EndRange))
		for _, a := range sortedAttributes(b) {
			v, _ := a.Expr.Value(nil)
			out = append(out, fmt.Sprintf("%s%s %v %v %#v in %q", indent, a.Name, a.SrcRange, a.Expr.Range(), v, f.Nav.(interface{ ContextString(int) string }).ContextString(a.SrcRange.Start.Byte)))
		}
		for _, bl := range b.Blocks {
			out = append(out, fmt.Sprintf("%sblock %s %q %v %v %v", indent, bl.Type, bl.Labels, bl.DefRange(), bl.OpenBraceRange, bl.CloseBraceRange))
			walk(bl.Body, indent+"  ")
		}
	}
	walk(f.Body.(*hclsyntax.Body), "")
	return out
}

func sortedAttributes(b *hclsyntax.Body) []*hclsyntax.Attribute {
	var out []*hclsyntax.Attribute
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].SrcRange.Start.Byte < out[i].SrcRange.Start.Byte {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// tricky is one of each construct a chunk boundary must not fall into.
func tricky(i int) string {
	return fmt.Sprintf(`# comment %[1]d with a } and "quote
resource "aws_s3_bucket" "b%[1]d" {
  bucket = "acme-${var.env}-%[1]d"
  policy = <<EOT
{
}
resource "fake" "inside_heredoc" {
EOT
  tags = {
    team = "t%[1]d"
    note = "%%{ if true }yes%%{ endif }"
  }
  list = [
    1,
    2,
  ]
  call = merge(
    { a = 1 },
    { b = 2 },
  )
  /* a block comment
     across lines } ] ) */
  lifecycle {
    ignore_changes = [tags]
  }
}

// another comment
locals {
  l%[1]d = 1 + 2
}
`, i)
}

// TestParseConfigChunked: a large file parsed in chunks is the file
// hclsyntax parses whole, for windows smaller than one item, a few items
// and many; syntax errors give hclsyntax's own diagnostics.
func TestParseConfigChunked(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	src.WriteString("\ufeffterraform {\n  required_version = \">= 1.5\"\n}\n")
	for i := range 200 {
		src.WriteString(tricky(i))
	}
	src.WriteString("variable \"env\" {\n  default = \"prod\"\n}") // no final newline

	whole, wholeDiags := hclsyntax.ParseConfig([]byte(src.String()), "main.tf", hcl.InitialPos)
	require.False(t, wholeDiags.HasErrors(), wholeDiags.Error())
	want := shape(t, whole)
	for _, size := range []int{64, 700, 4 << 10, 64 << 10} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			t.Parallel()
			starts := chunkStarts([]byte(src.String()), "main.tf", size)
			require.NotNil(t, starts)
			if size < 64<<10 {
				assert.Greater(t, len(starts), 10, "the file is parsed in chunks")
			}
			got, diags := parseConfig([]byte(src.String()), "main.tf", 0, size)
			require.False(t, diags.HasErrors(), diags.Error())
			assert.Equal(t, want, shape(t, got))
			assert.Equal(t, src.String(), string(got.Bytes))
		})
	}

	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		for name, bad := range map[string]string{
			"unclosed block":     src.String() + "\nresource \"x\" \"y\" {\n  a = 1\n",
			"stray closer":       "locals {\n  a = 1\n}\n}\n" + src.String(),
			"redefined argument": "a = 1\n" + src.String() + "\na = 2\n",
			"unterminated":       tricky(0) + "resource \"x\" \"y\" {\n  a = \"open\n}\n" + src.String(),
			"nested too deep":    src.String() + "\nlocals {\n  bomb = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n}\n" + src.String(),
		} {
			_, want := hcllimit.ParseConfig([]byte(bad), "main.tf", hcl.InitialPos)
			require.True(t, want.HasErrors(), name)
			_, got := parseConfig([]byte(bad), "main.tf", 0, 700)
			assert.Equal(t, want.Error(), got.Error(), name)
		}
	})
}
