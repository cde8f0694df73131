package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestRegionalSecurityServicesFaults: a denied or broken answer of Access
// Analyzer, Macie or Security Hub leaves that region's setting unknown,
// naming the action — never `enabled: false`, which a control would fail
// (or, for a region list, skip) on evidence nobody saw. Macie's own "not
// enabled" denial is the one AccessDeniedException that is data.
func TestRegionalSecurityServicesFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		setting    string
		reason     string
		incomplete bool
	}{
		{"analyzer denied", awstest.Faults{Deny: map[string]bool{"access-analyzer:ListAnalyzers@eu-west-1": true}}, "access_analyzer", "access denied: needs access-analyzer:ListAnalyzers", false},
		{"analyzer empty body", awstest.Faults{EmptyBody: map[string]bool{"access-analyzer:ListAnalyzers@eu-west-1": true}}, "access_analyzer", "access-analyzer:ListAnalyzers failed: ", true},
		{"analyzer looping pages", awstest.Faults{LoopPages: map[string]bool{"access-analyzer:ListAnalyzers@eu-west-1": true}}, "access_analyzer", "pagination loops", true},
		{"macie denied", awstest.Faults{Deny: map[string]bool{"macie2:GetMacieSession@eu-west-1": true}}, "macie", "access denied: needs macie2:GetMacieSession", false},
		{"macie truncated", awstest.Faults{Truncate: map[string]bool{"macie2:GetMacieSession@eu-west-1": true}}, "macie", "macie2:GetMacieSession failed: ", true},
		{"security hub denied", awstest.Faults{Deny: map[string]bool{"securityhub:DescribeHub@eu-west-1": true}}, "security_hub", "access denied: needs securityhub:DescribeHub", false},
		{"security hub 5xx", awstest.Faults{FailAlways: map[string]bool{"securityhub:DescribeHub@eu-west-1": true}}, "security_hub", "securityhub:DescribeHub failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
			regions := acct.Attributes["regions"].(map[string]any)
			assert.NotContains(t, regions["eu-west-1"], tc.setting)
			assert.Contains(t, acct.Unknown["regions.eu-west-1."+tc.setting], tc.reason)
			// The other region is read as usual: off.
			assert.Equal(t, false, regions["us-east-1"].(map[string]any)[tc.setting].(map[string]any)["enabled"])
		})
	}
}
