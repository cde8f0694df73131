package anchors_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls/anchors"
)

// idShapes are the forms each anchor's IDs take, so a list regenerated
// from a garbled reference (a title instead of an ID) fails here.
var idShapes = map[string]*regexp.Regexp{
	"prowler":   regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)+$`),
	"trivy":     regexp.MustCompile(`^AVD-AWS-[0-9]{4}$`),
	"legitify":  regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)+$`),
	"scorecard": regexp.MustCompile(`^[A-Z][A-Za-z]*(-[A-Z][A-Za-z]*)*$`),
	"cis-ssc":   regexp.MustCompile(`^[1-5](\.[0-9]+){2}$`),
}

// TestListsAsRead pins each list to the count its source was read with
// (the reference indexes: Prowler 645 AWS of which 4 deprecated and 24
// GitHub, Trivy 175 AWS of which 7 deprecated, Legitify's 55 policies
// under 53 names, Steampipe's 35 CIS Supply Chain controls, Scorecard's 20
// checks): re-reading an anchor at a new commit changes this table on purpose.
func TestListsAsRead(t *testing.T) {
	lists, err := anchors.Lists()
	require.NoError(t, err)
	got := map[string][2]int{}
	for _, l := range lists {
		got[l.Name] = [2]int{len(l.Checks), l.Deprecated()}
		shape := idShapes[l.Anchor]
		require.NotNilf(t, shape, "%s: anchor %q has no ID shape in this test", l.Name, l.Anchor)
		for _, c := range l.Checks {
			require.Regexpf(t, shape, c.ID, "%s: %q is not a %s check ID", l.Name, c.ID, l.Anchor)
		}
		// The file is exactly what the generator writes for its content:
		// nothing hand-edited past the format.
		data, err := os.ReadFile(l.Name + ".txt")
		require.NoError(t, err)
		require.Equal(t, string(data), string(l.Format()))
	}
	require.Equal(t, map[string][2]int{
		"prowler-aws":     {645, 4},
		"prowler-github":  {24, 0},
		"trivy-aws":       {175, 7},
		"legitify-github": {53, 0},
		"cis-ssc":         {35, 0},
		"scorecard":       {20, 0},
	}, got)
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		anchor, id, list string
		deprecated, ok   bool
	}{
		{"prowler", "s3_bucket_public_access", "prowler-aws", false, true},
		{"prowler", "repository_has_codeowners_file", "prowler-github", false, true},
		{"prowler", "account_security_questions_are_registered_in_the_aws_account", "prowler-aws", true, true},
		{"trivy", "AVD-AWS-0086", "trivy-aws", false, true},
		{"trivy", "AVD-AWS-0134", "trivy-aws", true, true},
		{"cis-ssc", "1.1.3", "cis-ssc", false, true},
		{"scorecard", "Branch-Protection", "scorecard", false, true},
		{"prowler", "s3_bucket_public_acess", "", false, false}, // a typo
		{"trivy", "s3_bucket_public_access", "", false, false},  // another anchor's ID
		{"checkov", "CKV_AWS_20", "", false, false},             // no list checked in
	} {
		l, c, ok := anchors.Lookup(tc.anchor, tc.id)
		require.Equalf(t, tc.ok, ok, "%s %s", tc.anchor, tc.id)
		if ok {
			require.Equal(t, tc.list, l.Name)
			require.Equal(t, tc.deprecated, c.Deprecated)
		}
	}
}

func TestParseRefusesMalformedLists(t *testing.T) {
	header := "# anchor: trivy\n# source: aquasecurity/trivy-checks@80e5382269707262f35cf893bdc0805cb72217e9\n# path: checks/cloud/aws\n"
	for name, tc := range map[string]struct{ text, want string }{
		"unsorted":       {header + "# checks: 2 (0 deprecated)\nAVD-AWS-0002\nAVD-AWS-0001\n", "trivy.txt:6: \"AVD-AWS-0001\" is not after \"AVD-AWS-0002\""},
		"duplicate":      {header + "# checks: 2 (0 deprecated)\nAVD-AWS-0001\nAVD-AWS-0001\n", "trivy.txt:6: \"AVD-AWS-0001\" is not after"},
		"count":          {header + "# checks: 3 (0 deprecated)\nAVD-AWS-0001\n", "header says 3 checks (0 deprecated), the file lists 1 (0 deprecated)"},
		"bad mark":       {header + "# checks: 1 (0 deprecated)\nAVD-AWS-0001 retired\n", "trivy.txt:5: want an ID"},
		"no commit":      {"# anchor: trivy\n# source: aquasecurity/trivy-checks\n# path: x\n# checks: 0 (0 deprecated)\n", "header needs anchor, source"},
		"unknown anchor": {strings.Replace(header, "trivy\n", "tfsec\n", 1) + "# checks: 0 (0 deprecated)\n", "anchor \"tfsec\" is not one of"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := anchors.Parse("trivy", []byte(tc.text))
			require.ErrorContains(t, err, tc.want)
		})
	}
}
