package report

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// coverageFixture is an audit whose evidence lacks one AWS scope (two
// controls left not_evaluated there) and one GitHub scope no loaded control
// reads, as the engine reports them.
func coverageFixture() *Report {
	gap := func(control string) finding.Finding {
		f := fixtureFinding(control, finding.High, finding.NotEvaluated, "aws.ec2.security_group", "aws:444455556666/eu-west-1", "website",
			"not collected: UnauthorizedOperation (missing permission: ec2:DescribeSecurityGroups)")
		f.Resource.Source = evidence.Source{Kind: "live"}
		return f
	}
	fs := []finding.Finding{
		gap("AWS-EC2-001"), gap("AWS-EC2-002"),
		fixtureFinding("GH-REPO-001", finding.High, finding.Pass, "github.repository", "github.com/acme/api", "payments", "passed"),
	}
	return &Report{
		Schema: SchemaV1, GeneratedAt: time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC), Workspace: "examples/acme",
		Summary:  finding.Summarize(fs),
		Findings: fs,
		Evidence: EvidenceInfo{Collectors: []string{"aws", "github"}, Resources: 1, NotCollected: []evidence.NotCollected{
			{ResourceType: "aws.ec2.security_group", ScopeID: "aws:444455556666/eu-west-1", System: "website",
				Reason: "UnauthorizedOperation", MissingPermission: "ec2:DescribeSecurityGroups"},
			{ResourceType: "github.team", ScopeID: "github.com/acme", Reason: "403: requires read:org"},
		}},
	}
}

func TestAssessCoverage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		cutShort   bool
		reason     string
		gaps       bool
		incomplete bool
		wantReason string
	}{
		{name: "complete", incomplete: false},
		{name: "cut short", cutShort: true, reason: "rate limit exhausted", incomplete: true, wantReason: "rate limit exhausted"},
		{name: "scopes not collected", gaps: true, incomplete: true, wantReason: "2 scope(s) not collected, leaving 2 control(s) not evaluated there"},
		{name: "both", cutShort: true, reason: "interrupted", gaps: true, incomplete: true, wantReason: "interrupted; 2 scope(s) not collected, leaving 2 control(s) not evaluated there"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := coverageFixture()
			if !tc.gaps {
				r.Evidence.NotCollected = []evidence.NotCollected{}
			}
			r.Evidence.CutShort, r.Evidence.IncompleteReason = tc.cutShort, tc.reason
			AssessCoverage(r)
			assert.Equal(t, tc.incomplete, r.Evidence.Incomplete)
			assert.Equal(t, tc.wantReason, r.Evidence.IncompleteReason)
			require.NotNil(t, r.Evidence.Gaps, "an empty list, never null")
			if !tc.gaps {
				assert.Empty(t, r.Evidence.Gaps)
				return
			}
			require.Len(t, r.Evidence.Gaps, 2)
			assert.Equal(t, []string{"AWS-EC2-001", "AWS-EC2-002"}, r.Evidence.Gaps[0].Controls)
			assert.Equal(t, []string{}, r.Evidence.Gaps[1].Controls, "no control reads github.team")
		})
	}
}

// TestEveryWriterStatesCoverage: whatever format a reader gets, it says
// which scope was not collected and which controls that left unevaluated.
func TestEveryWriterStatesCoverage(t *testing.T) {
	t.Parallel()
	r := coverageFixture()
	AssessCoverage(r)
	for _, format := range []string{"text", "json", "html", "summary", "markdown", "sarif", "csv"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			write, err := Lookup(format)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, write(&buf, r))
			out := buf.String()
			switch format {
			case "json":
				var doc struct {
					Evidence EvidenceInfo `json:"evidence"`
				}
				require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
				assert.True(t, doc.Evidence.Incomplete)
				assert.Equal(t, r.Evidence.Gaps, doc.Evidence.Gaps)
				return
			case "html":
				out = html.UnescapeString(out)
			case "summary", "markdown":
				out = strings.ReplaceAll(out, `\_`, "_")
			}
			assert.Contains(t, out, "aws:444455556666/eu-west-1")
			assert.Contains(t, out, "missing permission ec2:DescribeSecurityGroups); not evaluated: AWS-EC2-001, AWS-EC2-002")
			assert.Contains(t, out, "github.team in github.com/acme: 403: requires read:org; no loaded control reads this type")
		})
	}
}

// TestCoverageGoldens keeps what each writer says about the gaps in view.
func TestCoverageGoldens(t *testing.T) {
	t.Parallel()
	for format, golden := range map[string]string{
		"text": "coverage.golden.txt", "summary": "coverage-summary.golden.md", "markdown": "coverage-markdown.golden.md",
		"csv": "coverage.golden.csv", "sarif": "coverage.golden.sarif", "json": "coverage.golden.json",
	} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			r := coverageFixture()
			AssessCoverage(r)
			var buf bytes.Buffer
			require.NoError(t, Writers[format](&buf, r))
			compareGolden(t, golden, buf.Bytes())
		})
	}
}
