package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withEquivalents puts an equivalents block (lines without the "# "
// prefix) into the test METADATA before remediation, at line 9.
func withEquivalents(lines ...string) string {
	block := ""
	for _, l := range lines {
		block += "#   " + l + "\n"
	}
	return strings.Replace(meta("TST-GOOD-001", "aws.s3.bucket"), "#   remediation:", block+"#   remediation:", 1) + goodBody
}

// custom.equivalents is checked against the checked-in anchor lists: an
// unknown anchor or ID is an error at its own line, so a typo cannot
// inflate coverage; a good map is decoded sorted.
func TestEquivalents(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		lines []string
		want  map[string][]string
		code  string
		error string
	}{
		{"absent", nil, nil, "", ""},
		{"none", []string{"equivalents: {}"}, map[string][]string{}, "", ""},
		{"good", []string{"equivalents:", "  trivy: [AVD-AWS-0086]", "  prowler: [s3_bucket_public_access, s3_account_level_public_access_blocks]"},
			map[string][]string{"prowler": {"s3_account_level_public_access_blocks", "s3_bucket_public_access"}, "trivy": {"AVD-AWS-0086"}}, "", ""},
		{"deprecated is still a check", []string{"equivalents: {trivy: [AVD-AWS-0134]}"}, map[string][]string{"trivy": {"AVD-AWS-0134"}}, "", ""},
		{"typo in an ID", []string{"equivalents:", "  prowler:", "    - s3_bucket_public_access", "    - s3_bucket_public_acess"}, nil,
			CodeEquivalentUnknown, `controls/e.rego:12:1: custom.equivalents.prowler: "s3_bucket_public_acess" is not a check in the checked-in Prowler list`},
		{"another anchor's ID", []string{"equivalents: {trivy: [s3_bucket_public_access]}"}, nil,
			CodeEquivalentUnknown, `controls/e.rego:9:1: custom.equivalents.trivy: "s3_bucket_public_access" is not a check`},
		{"unknown anchor", []string{"equivalents:", "  checkov: [CKV_AWS_20]"}, nil,
			CodeEquivalentUnknown, `controls/e.rego:10:1: custom.equivalents: "checkov" is not an anchor (one of cis-ssc, legitify, prowler, scorecard, trivy`},
		{"not a map", []string{"equivalents: [s3_bucket_public_access]"}, nil, CodeFieldType, "custom.equivalents must be a map from anchor to check IDs, got a list"},
		{"null", []string{"equivalents:"}, nil, CodeFieldType, "(write {} for none), got nothing"},
		{"ids not a list", []string{"equivalents: {trivy: AVD-AWS-0086}"}, nil, CodeFieldType, "custom.equivalents.trivy must be a list of check IDs, got a string"},
		{"empty list", []string{"equivalents: {trivy: []}"}, nil, CodeFieldType, "custom.equivalents.trivy is empty"},
		{"twice", []string{"equivalents: {trivy: [AVD-AWS-0086, AVD-AWS-0086]}"}, nil, CodeFieldType, `custom.equivalents.trivy lists "AVD-AWS-0086" twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mods, problems := parseFiles(t, map[string]string{"e.rego": withEquivalents(tc.lines...)})
			if tc.code == "" {
				require.Empty(t, problems)
				require.NotNil(t, mods[0].Control)
				assert.Equal(t, tc.want, mods[0].Control.Equivalents)
				return
			}
			require.Nil(t, mods[0].Control, "a control with a bad equivalent must not load")
			var got []string
			for _, p := range problems {
				if p.Code == tc.code {
					assert.Equal(t, SeverityError, p.Severity)
					got = append(got, p.String())
				}
			}
			require.NotEmpty(t, got, "no %s problem in %v", tc.code, problems)
			assert.Contains(t, got[0], tc.error)
		})
	}
}
