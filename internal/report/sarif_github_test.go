package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// GitHub code scanning's ingestion rules for an uploaded SARIF file, as
// GitHub documents them ("SARIF support for code scanning", docs.github.com
// /code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning),
// beyond the 2.1.0 schema. CheckGitHubSARIF returns every rule a log breaks:
//
//   - the upload is at most 10 MB (GitHub's limit is on the gzip-compressed
//     file; the uncompressed size is checked, which is stricter);
//   - at most 20 runs per file, 25,000 results and 25,000 rules per run,
//     at most 20 tags per rule and 1,000 locations per result;
//   - every result has a ruleId naming a rule of its run, a non-empty
//     message.text, a level of error, warning, note or none, and at least
//     one location with a physicalLocation (GitHub rejects a result
//     without one);
//   - a location's artifactLocation.uri is a relative URI reference (no
//     scheme, no leading slash) and its region's startLine is ≥ 1;
//   - partialFingerprints are present, so alerts are tracked across runs.
//
// It is exported (in a test file) so the example's SARIF, built in the
// external test package, is held to the same rules.
func CheckGitHubSARIF(data []byte) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(data) > 10<<20 {
		bad("file is %d bytes, over 10 MB", len(data))
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							Tags []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				Level               string            `json:"level"`
				Message             SARIFText         `json:"message"`
				Locations           []SARIFLocation   `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return append(problems, "not JSON: "+err.Error())
	}
	if len(log.Runs) > 20 {
		bad("%d runs, over 20", len(log.Runs))
	}
	for ri, run := range log.Runs {
		rules := map[string]bool{}
		if n := len(run.Tool.Driver.Rules); n > 25000 {
			bad("run %d: %d rules, over 25,000", ri, n)
		}
		for _, rule := range run.Tool.Driver.Rules {
			rules[rule.ID] = true
			if n := len(rule.Properties.Tags); n > 20 {
				bad("rule %s: %d tags, over 20", rule.ID, n)
			}
		}
		if n := len(run.Results); n > 25000 {
			bad("run %d: %d results, over 25,000", ri, n)
		}
		for i, res := range run.Results {
			where := fmt.Sprintf("run %d result %d (%s)", ri, i, res.RuleID)
			if res.RuleID == "" || !rules[res.RuleID] {
				bad("%s: ruleId names no rule of the run", where)
			}
			if strings.TrimSpace(res.Message.Text) == "" {
				bad("%s: empty message", where)
			}
			switch res.Level {
			case "error", "warning", "note", "none":
			default:
				bad("%s: level %q", where, res.Level)
			}
			if len(res.PartialFingerprints) == 0 {
				bad("%s: no partialFingerprints", where)
			}
			if len(res.Locations) == 0 || len(res.Locations) > 1000 {
				bad("%s: %d locations (1 to 1,000 needed)", where, len(res.Locations))
			}
			physical := false
			for _, loc := range res.Locations {
				p := loc.PhysicalLocation
				if p == nil {
					continue
				}
				physical = true
				u, err := url.Parse(p.ArtifactLocation.URI)
				if err != nil || u.Scheme != "" || strings.HasPrefix(p.ArtifactLocation.URI, "/") || p.ArtifactLocation.URI == "" {
					bad("%s: uri %q is not a relative reference", where, p.ArtifactLocation.URI)
				}
				if p.Region != nil && p.Region.StartLine < 1 {
					bad("%s: startLine %d", where, p.Region.StartLine)
				}
			}
			if !physical {
				bad("%s: no physicalLocation", where)
			}
		}
	}
	return problems
}

// TestSARIFLiveLocations: live results point at the workspace block of the
// system that claims their resource; an unclaimed one at the first system
// block, saying no system claims it; and the log passes GitHub's rules.
func TestSARIFLiveLocations(t *testing.T) {
	t.Parallel()
	claimed := fixtureFinding("GH-REPO-001", finding.High, finding.Fail, "github.repository", "github.com/acme/api", "payments", "not protected")
	unclaimed := fixtureFinding("GH-REPO-001", finding.High, finding.Fail, "github.repository", "github.com/acme/stray", "", "not protected")
	r := &Report{Schema: SchemaV1, Findings: []finding.Finding{claimed, unclaimed}, Evidence: EvidenceInfo{NotCollected: nil}, Systems: []SystemRef{
		{ID: "website", File: "acme/systems.hcl", Line: 3},
		{ID: "payments", File: "acme/systems.hcl", Line: 21},
	}}
	AssessCoverage(r)
	var buf bytes.Buffer
	require.NoError(t, WriteSARIF(&buf, r))
	assert.Empty(t, CheckGitHubSARIF(buf.Bytes()))
	var log SARIFLog
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	res := log.Runs[0].Results
	require.Len(t, res, 2)
	at := func(i int) string {
		p := res[i].Locations[0].PhysicalLocation
		require.NotNil(t, p)
		return fmt.Sprintf("%s:%d %s", p.ArtifactLocation.URI, p.Region.StartLine, res[i].Locations[0].Message.Text)
	}
	assert.Equal(t, "acme/systems.hcl:21 system payments claims this resource", at(0))
	assert.Equal(t, "acme/systems.hcl:3 no system claims this resource: add a selector to a system block to give it an owner", at(1))

	// Without any system there is no place to point at: the rules say so.
	r.Systems = nil
	buf.Reset()
	require.NoError(t, WriteSARIF(&buf, r))
	assert.Contains(t, strings.Join(CheckGitHubSARIF(buf.Bytes()), "\n"), "no physicalLocation")
}
