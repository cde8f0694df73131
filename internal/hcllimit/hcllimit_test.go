package hcllimit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/require"
)

// TestCheckBombs: every construct the parser or evaluator recurses on is
// stopped at the first token past MaxDepth, with its line and column,
// before the parser sees it; 100,000 levels (200 KB) would overflow the stack.
func TestCheckBombs(t *testing.T) {
	t.Parallel()
	const n = 100_000
	tests := []struct {
		name, src string
		line, col int
	}{
		{"brackets", "x = " + strings.Repeat("[", n), 1, 5 + MaxDepth},
		{"braces", "x = " + strings.Repeat("{a=", n), 1, 5 + 3*MaxDepth},
		{"parentheses", "\nx = " + strings.Repeat("(", n), 2, 5 + MaxDepth},
		{"blocks", strings.Repeat("b {\n", n), MaxDepth + 1, 3},
		{"interpolations", "x = " + strings.Repeat(`"${`, n), 1, 5 + 3*(MaxDepth/2)},
		{"directives", "x = <<EOT\n" + strings.Repeat("%{ if true }", n) + "\nEOT\n", 2, 1 + 12*(MaxDepth-2) + 3},
		{"unary", "x = " + strings.Repeat("!", n) + "true", 1, 5 + MaxDepth},
		{"negation", "x = " + strings.Repeat("-", n) + "1", 1, 5 + MaxDepth},
		{"sums", "x = 1" + strings.Repeat("+1", n), 1, 6 + 2*MaxDepth},
		{"conditionals", "x = " + strings.Repeat("a ? b : ", n) + "c", 1, 7 + 8*MaxDepth},
		{"indexes", "x = a" + strings.Repeat("[b]", n), 1, 6 + 3*(MaxDepth-1)},
		{"sums across lines in parentheses", "x = (1" + strings.Repeat("\n+1", n) + ")", MaxDepth + 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, diags := ParseConfig([]byte(tc.src), "bomb.tf", hcl.InitialPos)
			require.Nil(t, f)
			require.Len(t, diags, 1)
			d := diags[0]
			require.Equal(t, hcl.DiagError, d.Severity)
			require.Equal(t, Summary, d.Summary)
			require.Equal(t, "bomb.tf", d.Subject.Filename)
			require.Equal(t, [2]int{tc.line, tc.col}, [2]int{d.Subject.Start.Line, d.Subject.Start.Column}, d.Error())
		})
	}
}

// TestCheckLimitIsExact: MaxDepth levels parse, one more does not.
func TestCheckLimitIsExact(t *testing.T) {
	t.Parallel()
	at := func(n int) string { return "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	require.Empty(t, Check([]byte(at(MaxDepth)), "ok.tf"))
	require.True(t, Check([]byte(at(MaxDepth+1)), "deep.tf").HasErrors())
	obj := func(n int) string { return `{"a":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + "}" }
	require.Empty(t, CheckJSON([]byte(obj(MaxDepth)), "ok.json"))
	require.True(t, CheckJSON([]byte(obj(MaxDepth+1)), "deep.json").HasErrors())
}

// TestCheckJSON: the JSON scanner counts nesting outside strings only and
// names the byte, line and column of the first level too deep.
func TestCheckJSON(t *testing.T) {
	t.Parallel()
	src := "{\n \"s\": \"[[[[\\\"{{{{\",\n \"x\": " + strings.Repeat("[", 100_000)
	f, diags := ParseJSON([]byte(src), "bomb.tf.json")
	require.Nil(t, f)
	require.Len(t, diags, 1)
	start := diags[0].Subject.Start
	require.Equal(t, 3, start.Line)
	require.Equal(t, 7+MaxDepth-1, start.Column, "the object is level 1, the first [ level 2")
	require.Equal(t, strings.Index(src, "[[[[[")+MaxDepth-1, start.Byte)
	require.Empty(t, CheckJSON([]byte(`{"s": "`+strings.Repeat("[", 100_000)+`"}`), "string.json"), "brackets in a string are text")
}

// TestCheckRealConfiguration: no configuration of this repository, and
// none of the usual shapes, is refused.
func TestCheckRealConfiguration(t *testing.T) {
	t.Parallel()
	n := 0
	walkRealConfiguration(t, func(p string, src []byte) {
		switch {
		case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".hcl"), strings.HasSuffix(p, ".tfvars"):
			require.Empty(t, Check(src, p), p)
			n++
		case strings.HasSuffix(p, ".json"):
			require.Empty(t, CheckJSON(src, p), p)
			n++
		}
	})
	require.Greater(t, n, 20)
	shapes := `
locals {
  ok = var.a == "x" && var.b != "y" || !var.c ? -1 : -var.d + 2 * 3 - 4 / 5 % 6
  tpl = "${var.a}-%{ for x in var.l }${x}%{ if x == "a" }!%{ endif }%{ endfor }"
  idx = var.m["a"][0]["b"]
  doc = <<-EOT
    %{ if var.a != "" }${var.a}%{ else }none%{ endif }
  EOT
  list = [for k, v in var.m : "${k}=${v}" if v != null]
}
`
	require.Empty(t, Check([]byte(shapes+strings.Repeat(shapes, 200)), "shapes.tf"), "separate expressions do not add up")
}

// walkRealConfiguration calls fn with every file of the repository's
// configuration folders (the example, the Terraform and workspace test
// data, the policies) and its bytes.
func walkRealConfiguration(t *testing.T, fn func(path string, src []byte)) {
	t.Helper()
	for _, root := range []string{"../../examples", "../terraform/testdata", "../../policies", "../model/testdata"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fn(p, src)
			return nil
		})
		if !os.IsNotExist(err) {
			require.NoError(t, err)
		}
	}
}
