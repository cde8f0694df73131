package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestMonitoringChain: the sample's CIS 4.1 chain can be followed link by
// link — trail → log group → metric filter → alarm → topic → confirmed
// subscription — and the SNS endpoints never reach the snapshot.
func TestMonitoringChain(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	trail := find(t, snap, awscollect.TypeTrail, ":trail/org-trail")
	assert.Equal(t, "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail-org:*", trail.Attributes["cloud_watch_logs_log_group_arn"])
	f := find(t, snap, awscollect.TypeMetricFilter, ":log-group:cloudtrail-org:metric-filter:unauthorized-api-calls")
	assert.Equal(t, "cloudtrail-org", f.Attributes["log_group_name"])
	assert.Contains(t, f.Attributes["filter_pattern"], `$.errorCode = "*UnauthorizedOperation"`)
	assert.Equal(t, []any{map[string]any{"metric_name": "UnauthorizedAPICalls", "metric_namespace": "CISBenchmark", "metric_value": "1"}}, f.Attributes["metric_transformations"])
	assert.Equal(t, 3, count(snap, awscollect.TypeMetricFilter), "three filters over two pages")
	alarm := find(t, snap, awscollect.TypeAlarm, ":alarm:unauthorized-api-calls")
	assert.Equal(t, "UnauthorizedAPICalls", alarm.Attributes["metric_name"])
	assert.Equal(t, "CISBenchmark", alarm.Attributes["namespace"])
	assert.Equal(t, []string{"arn:aws:sns:eu-west-1:111122223333:security-alerts"}, alarm.Attributes["alarm_actions"])
	assert.Equal(t, 1.0, alarm.Attributes["threshold"])
	assert.Equal(t, []string{}, find(t, snap, awscollect.TypeAlarm, ":alarm:root-usage").Attributes["alarm_actions"])
	assert.Equal(t, 2, count(snap, awscollect.TypeSubscription))
	pending := find(t, snap, awscollect.TypeSubscription, ":security-alerts:pending-1")
	assert.Equal(t, false, pending.Attributes["confirmed"])
	assert.Equal(t, "https", pending.Attributes["protocol"])
	assert.NotContains(t, string(encode(t, snap)), "secops@example.com", "subscription endpoints are not stored")
}

// TestMonitoringFaults: each monitoring listing denied, broken or looping
// is not collected in that region, naming the action; the snapshot is
// incomplete for anything but a missing permission.
func TestMonitoringFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"filters denied", awscollect.TypeMetricFilter, awstest.Faults{Deny: map[string]bool{"logs:DescribeMetricFilters@eu-west-1": true}}, "access denied: needs logs:DescribeMetricFilters", false},
		{"filters looping", awscollect.TypeMetricFilter, awstest.Faults{LoopPages: map[string]bool{"logs:DescribeMetricFilters@eu-west-1": true}}, "pagination loops", true},
		{"alarms denied", awscollect.TypeAlarm, awstest.Faults{Deny: map[string]bool{"monitoring:DescribeAlarms@eu-west-1": true}}, "access denied: needs cloudwatch:DescribeAlarms", false},
		{"alarms empty body", awscollect.TypeAlarm, awstest.Faults{EmptyBody: map[string]bool{"monitoring:DescribeAlarms@eu-west-1": true}}, "cloudwatch:DescribeAlarms failed: ", true},
		{"alarms truncated", awscollect.TypeAlarm, awstest.Faults{Truncate: map[string]bool{"monitoring:DescribeAlarms@eu-west-1": true}}, "cloudwatch:DescribeAlarms failed: ", true},
		{"alarms 5xx", awscollect.TypeAlarm, awstest.Faults{FailAlways: map[string]bool{"monitoring:DescribeAlarms@eu-west-1": true}}, "cloudwatch:DescribeAlarms failed: ", true},
		{"subscriptions denied", awscollect.TypeSubscription, awstest.Faults{Deny: map[string]bool{"sns:ListSubscriptions@eu-west-1": true}}, "access denied: needs sns:ListSubscriptions", false},
		{"subscriptions truncated", awscollect.TypeSubscription, awstest.Faults{Truncate: map[string]bool{"sns:ListSubscriptions@eu-west-1": true}}, "sns:ListSubscriptions failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
}
