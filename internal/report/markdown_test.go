package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

func TestMarkdownGolden(t *testing.T) {
	t.Parallel()
	for name, mk := range map[string]func() *Report{
		"markdown.golden.md": gateFixture,
		"markdown-audit.golden.md": func() *Report {
			r := gateFixture()
			r.Gate = nil
			return r
		},
		"markdown-passed.golden.md": func() *Report {
			r := gateFixture()
			r.Findings = r.Findings[4:5] // the passing bucket only
			r.Summary = finding.Summarize(r.Findings)
			r.Waivers, r.Warnings = nil, nil
			r.Gate.Changes, r.Gate.Blocking, r.Gate.Reasons, r.Gate.Passed = map[string]string{}, nil, nil, true
			return r
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			require.NoError(t, WriteMarkdown(&buf, mk()))
			compareGolden(t, name, buf.Bytes())
		})
	}
}

// TestMarkdownLimit floods the comment with findings and long messages: it
// must stay under GitHub's limit, close every <details> it opened and say
// what it left out.
func TestMarkdownLimit(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 400, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			r := gateFixture()
			base := r.Findings[0]
			r.Findings = nil
			for i := range n {
				f := base
				f.Resource.ID = fmt.Sprintf("infra/aws_security_group.g%d", i)
				f.Fingerprint = finding.Fingerprint(f.ControlID, f.Resource.Type, f.Resource.ID)
				f.Message = strings.Repeat("ingress open to the world ", 8)
				if i%3 == 0 {
					f.Status = finding.NotEvaluated
				}
				r.Gate.Changes[f.Fingerprint] = "new"
				r.Findings = append(r.Findings, f)
			}
			for i := range n {
				r.Warnings = append(r.Warnings, fmt.Sprintf("warning %d: %s", i, strings.Repeat("x", 100)))
			}
			var buf bytes.Buffer
			require.NoError(t, WriteMarkdown(&buf, r))
			out := buf.String()
			require.Less(t, len(out), MarkdownLimit)
			require.Equal(t, strings.Count(out, "<details>"), strings.Count(out, "</details>"))
			if n == 10 {
				require.NotContains(t, out, "shortened")
				return
			}
			require.Contains(t, out, "This comment was shortened")
			require.Contains(t, out, "new failures")
		})
	}
}
