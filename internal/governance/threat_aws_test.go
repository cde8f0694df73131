package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// TestTrackAWSAlerts: GuardDuty's and Inspector's open findings go the
// same way as GitHub's alerts — the workspace's SLA per severity, the
// risks their kind is linked to, overdue first — and findings that could
// not be read are a gap, never "none open".
func TestTrackAWSAlerts(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Risks = []*model.Risk{{ID: "aws-active-threat", Alerts: []string{"guardduty", "inspector"}}}
	detector := evidence.Resource{
		Type: evidence.TypeAWSGuardDutyDetector, ID: "arn:aws:guardduty:eu-west-1:111122223333:detector/d1", System: "pay", Source: evidence.Source{Kind: "live"},
		Attributes: map[string]any{"findings": []any{
			map[string]any{"id": "f1", "title": "Credentials used from outside AWS", "severity": "high", "created_at": "2026-05-01T00:00:00Z", "resource": "ci", "state": "open"},
			map[string]any{"id": "f2", "title": "Port probe", "severity": "low", "created_at": "2026-06-30T00:00:00Z", "resource": "i-0aaa", "state": "open"},
		}},
	}
	inspector := evidence.Resource{
		Type: evidence.TypeAWSInspectorAccount, ID: "arn:aws:inspector2:eu-west-1:111122223333:account", Source: evidence.Source{Kind: "live"},
		Attributes: map[string]any{"findings": []any{
			map[string]any{"arn": "a1", "title": "CVE-2024-6387 - openssh-server", "severity": "critical", "created_at": "2026-06-28T00:00:00Z", "resource": "i-0aaa", "state": "open"},
			map[string]any{"arn": "a2", "title": "CVE-2099-0001 - pkg", "severity": "untriaged", "created_at": "2026-06-20T00:00:00Z", "resource": "i-0bbb", "state": "open"},
			map[string]any{"arn": "a3", "title": "informational", "severity": "informational", "created_at": "2020-01-01T00:00:00Z", "state": "open"},
		}},
	}
	unread := evidence.Resource{
		Type: evidence.TypeAWSInspectorAccount, ID: "arn:aws:inspector2:us-east-1:111122223333:account", Source: evidence.Source{Kind: "live"},
		Attributes: map[string]any{"status": "ENABLED"}, Unknown: map[string]string{"findings": "access denied: needs inspector2:ListFindings"},
	}
	got := trackAlerts(handedOff(t, detector, inspector, unread), ws, at("2026-07-01"))
	require.Len(t, got.Alerts, 5)
	assert.Equal(t, 5, got.Open)
	assert.Equal(t, 2, got.Overdue, "the high finding after 61 days, the untriaged one (critical) after 11")

	first := got.Alerts[0]
	assert.Equal(t, KindInspector, first.Kind)
	assert.Equal(t, finding.Critical, first.Severity)
	assert.True(t, first.Overdue)
	assert.Contains(t, first.Note, `severity "untriaged" unknown; treated as critical`)
	assert.Equal(t, "i-0bbb", first.Resource)

	gd := got.Alerts[1]
	assert.Equal(t, KindGuardDuty, gd.Kind)
	assert.Equal(t, finding.High, gd.Severity)
	assert.True(t, gd.Overdue)
	assert.Equal(t, "Credentials used from outside AWS", gd.Summary)
	assert.Equal(t, "arn:aws:guardduty:eu-west-1:111122223333:detector/d1", gd.Repository)
	assert.Equal(t, "pay", gd.System)
	assert.Equal(t, []string{"aws-active-threat"}, gd.Risks)

	assert.False(t, got.Alerts[2].Overdue, "critical, 3 days old, within 7")
	assert.Equal(t, finding.Info, got.Alerts[4].Severity, "Inspector's informational")
	assert.Equal(t, []AlertGap{{Resource: unread.ID, Kind: KindInspector, Reason: "access denied: needs inspector2:ListFindings"}}, got.Unknown)
}
