package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestThreats: the sample's GuardDuty detector with its protection plans
// and open findings (the archived one left out by the filter), paged two
// by two; Inspector's scans and active findings in eu-west-1, and
// Inspector off in us-east-1, which is a resource too.
func TestThreats(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 1})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	require.False(t, snap.Incomplete, snap.IncompleteReason)

	gd := find(t, snap, awscollect.TypeGuardDutyDetector, "arn:aws:guardduty:eu-west-1:111122223333:detector/12abc34d567e8fa901bc2d34eexample")
	assert.Equal(t, "ENABLED", gd.Attributes["status"])
	features := gd.Attributes["features"].(map[string]any)
	assert.Equal(t, "DISABLED", features["ebs_malware_protection"].(map[string]any)["status"])
	assert.Equal(t, "ENABLED", features["runtime_monitoring"].(map[string]any)["additional"].(map[string]any)["eks_addon_management"])
	findings := gd.Attributes["findings"].([]any)
	require.Len(t, findings, 2, "the archived finding is not open")
	high := findings[0].(map[string]any)
	assert.Equal(t, "high", high["severity"], "GuardDuty's band for 8.0")
	assert.Equal(t, "2026-10-20T00:00:00Z", high["created_at"], "RFC 3339, not GuardDuty's milliseconds")
	assert.Equal(t, "ci", high["resource"])
	assert.Equal(t, "low", findings[1].(map[string]any)["severity"])
	assert.Zero(t, count(snap, awscollect.TypeGuardDutyDetector)-1, "us-east-1 has no detector, so no detector resource")

	eu := find(t, snap, awscollect.TypeInspectorAccount, "arn:aws:inspector2:eu-west-1:111122223333:account")
	assert.Equal(t, "ENABLED", eu.Attributes["ec2"])
	assert.Equal(t, "DISABLED", eu.Attributes["lambda"])
	vulns := eu.Attributes["findings"].([]any)
	require.Len(t, vulns, 3, "three findings over three pages")
	crit := vulns[0].(map[string]any)
	assert.Equal(t, "critical", crit["severity"])
	assert.Equal(t, "CVE-2024-6387", crit["vulnerability_id"])
	assert.Equal(t, "2026-11-10T00:00:00Z", crit["created_at"])
	assert.Equal(t, "YES", crit["fix_available"])

	us := find(t, snap, awscollect.TypeInspectorAccount, "arn:aws:inspector2:us-east-1:111122223333:account")
	assert.Equal(t, "DISABLED", us.Attributes["status"])
	assert.Equal(t, []any{}, us.Attributes["findings"])
}

// TestThreatsFaults: a status or detector that cannot be read leaves the
// type not collected in the region; findings that cannot be listed or
// fetched leave the findings unknown with the reason — never an empty
// list, which would read as "nothing open".
func TestThreatsFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"inspector status denied", awscollect.TypeInspectorAccount, awstest.Faults{Deny: map[string]bool{"inspector2:BatchGetAccountStatus@eu-west-1": true}}, "access denied: needs inspector2:BatchGetAccountStatus", false},
		{"inspector status empty body", awscollect.TypeInspectorAccount, awstest.Faults{EmptyBody: map[string]bool{"inspector2:BatchGetAccountStatus@eu-west-1": true}}, "inspector2:BatchGetAccountStatus failed: ", true},
		{"detector denied", awscollect.TypeGuardDutyDetector, awstest.Faults{Deny: map[string]bool{"guardduty:GetDetector@eu-west-1": true}}, "access denied: needs guardduty:GetDetector", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	const detector = "arn:aws:guardduty:eu-west-1:111122223333:detector/12abc34d567e8fa901bc2d34eexample"
	const inspector = "arn:aws:inspector2:eu-west-1:111122223333:account"
	for _, tc := range []struct {
		name, typ, id string
		faults        awstest.Faults
		reason        string
		incomplete    bool
	}{
		{"guardduty findings denied", awscollect.TypeGuardDutyDetector, detector, awstest.Faults{Deny: map[string]bool{"guardduty:ListFindings": true}}, "access denied: needs guardduty:ListFindings", false},
		{"guardduty findings looping", awscollect.TypeGuardDutyDetector, detector, awstest.Faults{LoopPages: map[string]bool{"guardduty:ListFindings": true}}, "pagination loops", true},
		{"guardduty findings truncated", awscollect.TypeGuardDutyDetector, detector, awstest.Faults{Truncate: map[string]bool{"guardduty:GetFindings": true}}, "guardduty:GetFindings failed: ", true},
		{"guardduty findings fetch denied", awscollect.TypeGuardDutyDetector, detector, awstest.Faults{Deny: map[string]bool{"guardduty:GetFindings": true}}, "access denied: needs guardduty:GetFindings", false},
		{"inspector findings denied", awscollect.TypeInspectorAccount, inspector, awstest.Faults{Deny: map[string]bool{"inspector2:ListFindings": true}}, "access denied: needs inspector2:ListFindings", false},
		{"inspector findings empty body", awscollect.TypeInspectorAccount, inspector, awstest.Faults{EmptyBody: map[string]bool{"inspector2:ListFindings": true}}, "inspector2:ListFindings failed: ", true},
		{"inspector findings looping", awscollect.TypeInspectorAccount, inspector, awstest.Faults{LoopPages: map[string]bool{"inspector2:ListFindings": true}}, "pagination loops", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			r := find(t, snap, tc.typ, tc.id)
			assert.NotContains(t, r.Attributes, "findings")
			assert.Contains(t, r.Unknown["findings"], tc.reason)
		})
	}
}
