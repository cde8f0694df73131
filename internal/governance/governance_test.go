package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/finding"
)

func TestFailing(t *testing.T) {
	t.Parallel()
	overdueHigh := &Threats{Alerts: []Alert{{Severity: finding.Low, Overdue: true}, {Severity: finding.High, Overdue: true}}}
	withinCritical := &Threats{Alerts: []Alert{{Severity: finding.Critical}}}
	reviewOverdue := []Policy{{ID: "p", ReviewOverdue: true}}
	for _, tc := range []struct {
		name     string
		threats  *Threats
		policies []Policy
		failOn   finding.Severity
		want     bool
	}{
		{"nothing", nil, nil, finding.Info, false},
		{"alert within SLA", withinCritical, nil, finding.Info, false},
		{"overdue high alert at fail-on high", overdueHigh, nil, finding.High, true},
		{"overdue high alert below fail-on critical", overdueHigh, nil, finding.Critical, false},
		{"policy review overdue at fail-on low", nil, reviewOverdue, finding.Low, true},
		{"policy review overdue below fail-on high", nil, reviewOverdue, finding.High, false},
		{"policy review current", nil, []Policy{{ID: "p"}}, finding.Info, false},
	} {
		assert.Equal(t, tc.want, Failing(tc.threats, tc.policies, tc.failOn), tc.name)
	}
}
