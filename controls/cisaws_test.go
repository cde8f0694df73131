package controls_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/golden"
)

// cisAWSPage is the generated coverage page of CIS AWS Foundations v3.0.
const cisAWSPage = "../docs/cis-aws.md"

// cisRecommendation is one recommendation of CIS AWS Foundations Benchmark
// v3.0.0: its ID, our own short title (not CIS text) and whether CIS
// assesses it automated (A) or manually (M), from the reference index
// (Steampipe's cis_v300 tags). attestation is set for a recommendation no
// API can answer.
type cisRecommendation struct {
	id, title, kind, attestation string
}

var cisAWS = []cisRecommendation{
	{"1.1", "Keep account contact details current, reaching several people", "M", ""},
	{"1.2", "Register an alternate security contact", "M", ""},
	{"1.3", "Set account security challenge questions", "M", "manual attestation (no API)"},
	{"1.4", "Root user has no access keys", "A", ""},
	{"1.5", "Root user has MFA", "A", ""},
	{"1.6", "Root user uses a hardware MFA device", "M", ""},
	{"1.7", "Do not use root for admin or daily work", "M", ""},
	{"1.8", "Password policy minimum length is 14 or more", "A", ""},
	{"1.9", "Password policy blocks password reuse", "A", ""},
	{"1.10", "Every console-password IAM user has MFA", "A", ""},
	{"1.11", "No access keys created at initial setup of console users", "M", ""},
	{"1.12", "Disable credentials unused for 45+ days", "A", ""},
	{"1.13", "At most one active access key per IAM user", "A", ""},
	{"1.14", "Rotate access keys within 90 days", "A", ""},
	{"1.15", "Users get permissions only through groups", "A", ""},
	{"1.16", `No attached policy grants full "*:*" admin`, "A", ""},
	{"1.17", "A role exists for AWS Support incident handling", "A", ""},
	{"1.18", "EC2 instances use instance roles for AWS access", "A", ""},
	{"1.19", "Remove expired TLS certificates stored in IAM", "A", ""},
	{"1.20", "IAM Access Analyzer enabled in every region", "A", ""},
	{"1.21", "Manage users centrally (federation / Organizations)", "M", ""},
	{"1.22", "Restrict who holds AWSCloudShellFullAccess", "M", ""},
	{"2.1.1", "Bucket policies deny non-HTTPS requests", "A", ""},
	{"2.1.2", "MFA Delete enabled on buckets", "M", ""},
	{"2.1.3", "Discover and classify S3 data (e.g. Macie)", "M", ""},
	{"2.1.4", "Block Public Access on for buckets and account", "A", ""},
	{"2.2.1", "EBS default encryption on in every region", "A", ""},
	{"2.3.1", "RDS instances encrypted at rest", "A", ""},
	{"2.3.2", "RDS automatic minor version upgrade on", "A", ""},
	{"2.3.3", "RDS instances not publicly accessible", "A", ""},
	{"2.4.1", "EFS file systems encrypted", "M", ""},
	{"3.1", "CloudTrail enabled in all regions (multi-region trail)", "A", ""},
	{"3.2", "CloudTrail log file validation on", "A", ""},
	{"3.3", "AWS Config recording in all regions", "A", ""},
	{"3.4", "Access logging on the CloudTrail S3 bucket", "A", ""},
	{"3.5", "CloudTrail logs encrypted with a KMS key", "A", ""},
	{"3.6", "Rotation on for customer symmetric KMS keys", "A", ""},
	{"3.7", "VPC flow logs on in every VPC", "A", ""},
	{"3.8", "S3 object-level write events logged", "A", ""},
	{"3.9", "S3 object-level read events logged", "A", ""},
	{"4.1", "Monitor unauthorized API calls", "M", ""},
	{"4.2", "Monitor console sign-in without MFA", "M", ""},
	{"4.3", "Monitor root account usage", "M", ""},
	{"4.4", "Monitor IAM policy changes", "M", ""},
	{"4.5", "Monitor CloudTrail configuration changes", "M", ""},
	{"4.6", "Monitor console authentication failures", "M", ""},
	{"4.7", "Monitor disabling / scheduled deletion of customer KMS keys", "M", ""},
	{"4.8", "Monitor S3 bucket policy changes", "M", ""},
	{"4.9", "Monitor AWS Config configuration changes", "M", ""},
	{"4.10", "Monitor security group changes", "M", ""},
	{"4.11", "Monitor network ACL changes", "M", ""},
	{"4.12", "Monitor network gateway changes", "M", ""},
	{"4.13", "Monitor route table changes", "M", ""},
	{"4.14", "Monitor VPC changes", "M", ""},
	{"4.15", "Monitor AWS Organizations changes", "M", ""},
	{"4.16", "Security Hub enabled", "A", ""},
	{"5.1", "NACLs: no 0.0.0.0/0 ingress to admin ports", "A", ""},
	{"5.2", "Security groups: no 0.0.0.0/0 ingress to admin ports", "A", ""},
	{"5.3", "Security groups: no ::/0 ingress to admin ports", "A", ""},
	{"5.4", "Default security group of each VPC allows nothing", "A", ""},
	{"5.5", "VPC peering routes are least-access", "M", ""},
	{"5.6", "EC2 metadata service requires IMDSv2", "A", ""},
}

var cisSections = map[string]string{
	"1": "Identity and Access Management", "2": "Storage", "3": "Logging", "4": "Monitoring", "5": "Networking",
}

// TestCISAWSPage keeps docs/cis-aws.md, the coverage of CIS AWS
// Foundations v3.0 generated from the built-in controls' METADATA
// (frameworks.cis-aws-3.0), current: it fails when a control's mapping
// changed and the page was not regenerated (go test ./controls -run
// TestCISAWSPage -update), and when a control names a recommendation the
// benchmark does not have.
func TestCISAWSPage(t *testing.T) {
	e, err := engine.New(context.Background(), []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	page, unknown := renderCISAWS(e.Catalog())
	require.Empty(t, unknown, "controls name CIS AWS 3.0 recommendations that do not exist")
	if golden.Update() {
		require.NoError(t, os.WriteFile(cisAWSPage, page, 0o644))
		return
	}
	want, err := os.ReadFile(cisAWSPage)
	require.NoError(t, err)
	require.Equal(t, string(want), string(page), "docs/cis-aws.md is stale: regenerate with go test ./controls -run TestCISAWSPage -update")
}

func TestCISAWSListIsTheBenchmark(t *testing.T) {
	require.Len(t, cisAWS, 62)
	seen := map[string]bool{}
	kinds := map[string]int{}
	for _, r := range cisAWS {
		require.Falsef(t, seen[r.id], "duplicate %s", r.id)
		seen[r.id] = true
		kinds[r.kind]++
	}
	require.Equal(t, map[string]int{"A": 35, "M": 27}, kinds)
}

// renderCISAWS returns the page and the references no recommendation has
// ("control → ref").
func renderCISAWS(cat *engine.Catalog) ([]byte, []string) {
	by := map[string][]*engine.Control{}
	known := map[string]bool{}
	for _, r := range cisAWS {
		known[r.id] = true
	}
	var unknown []string
	for _, c := range cat.Controls {
		for _, ref := range c.Frameworks["cis-aws-3.0"] {
			if !known[ref] {
				unknown = append(unknown, c.ID+" → "+ref)
				continue
			}
			by[ref] = append(by[ref], c)
		}
	}
	covered := map[string]int{}
	for _, r := range cisAWS {
		if len(by[r.id]) > 0 {
			covered[r.kind]++
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!-- Generated by TestCISAWSPage (controls/cisaws_test.go); do not edit. Regenerate with: go test ./controls -run TestCISAWSPage -update -->\n\n")
	fmt.Fprintf(&b, "# CIS AWS Foundations Benchmark v3.0.0 coverage\n\n")
	fmt.Fprintf(&b, "Every recommendation of the benchmark with the built-in controls that map to it (`frameworks.cis-aws-3.0` in their METADATA). Titles are our own short paraphrases, not CIS text. Type: A automated, M manual, as CIS assesses it.\n\n")
	fmt.Fprintf(&b, "**Coverage: %d/%d** (automated %d/%d, manual %d/%d).\n", covered["A"]+covered["M"], len(cisAWS), covered["A"], count(cisAWS, "A"), covered["M"], count(cisAWS, "M"))
	section := ""
	for _, r := range cisAWS {
		if s := strings.SplitN(r.id, ".", 2)[0]; s != section {
			section = s
			fmt.Fprintf(&b, "\n## %s %s\n\n| ID | Recommendation | Type | Controls |\n|---|---|---|---|\n", s, cisSections[s])
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.id, r.title, r.kind, cell(r, by[r.id]))
	}
	return b.Bytes(), unknown
}

func count(list []cisRecommendation, kind string) int {
	n := 0
	for _, r := range list {
		if r.kind == kind {
			n++
		}
	}
	return n
}

func cell(r cisRecommendation, cs []*engine.Control) string {
	if len(cs) == 0 {
		if r.attestation != "" {
			return r.attestation
		}
		return "not covered yet"
	}
	return controlLinks(cs)
}

// controlLinks links each control to its entry in the generated
// catalogue, sorted by ID, one a line of a table cell.
func controlLinks(cs []*engine.Control) string {
	slices.SortFunc(cs, func(a, b *engine.Control) int { return strings.Compare(a.ID, b.ID) })
	parts := make([]string, len(cs))
	for i, c := range cs {
		// The catalogue's page per platform and service (docs/controls).
		page := strings.ToLower(c.ID[:strings.LastIndex(c.ID, "-")])
		parts[i] = fmt.Sprintf("[%s](controls/%s.md#%s) %s", c.ID, page, strings.ToLower(c.ID), strings.ReplaceAll(c.Title, "|", `\|`))
	}
	return strings.Join(parts, "<br>")
}
