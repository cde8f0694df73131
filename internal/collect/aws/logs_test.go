package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestLogGroups: retention, key and class of each log group of the sample,
// read from DescribeLogGroups over two pages; "never expire" is expires
// false without retention_in_days, never a retention of 0.
func TestLogGroups(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.Equal(t, 4, count(snap, awscollect.TypeLogGroup), "four groups over two pages")

	trail := find(t, snap, awscollect.TypeLogGroup, "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail-org")
	assert.Equal(t, "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail-org", trail.ID, "the ARN without :*")
	assert.Equal(t, map[string]any{
		"name": "cloudtrail-org", "arn": "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail-org",
		"expires": true, "retention_in_days": 365,
		"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms_encrypted": true,
		"log_group_class": "STANDARD", "deletion_protection": false, "creation_time": "2023-11-14T22:13:20Z",
	}, trail.Attributes)
	assert.Empty(t, trail.Unknown)

	app := find(t, snap, awscollect.TypeLogGroup, ":log-group:/app/orders")
	assert.Equal(t, 14, app.Attributes["retention_in_days"])
	assert.Equal(t, false, app.Attributes["kms_encrypted"])
	assert.NotContains(t, app.Attributes, "kms_key_id")

	forever := find(t, snap, awscollect.TypeLogGroup, ":log-group:events-access")
	assert.Equal(t, false, forever.Attributes["expires"], "no retentionInDays: never expire")
	assert.NotContains(t, forever.Attributes, "retention_in_days")
	assert.Equal(t, "INFREQUENT_ACCESS", forever.Attributes["log_group_class"])
	assert.Equal(t, "ACTIVATED", forever.Attributes["data_protection_status"])

	flow := find(t, snap, awscollect.TypeLogGroup, ":log-group:/aws/vpc/flow-logs")
	assert.Equal(t, "org-default-retention", flow.Attributes["retention_policy_name"])
	assert.NotContains(t, flow.Attributes, "log_group_class", "a class the answer does not give is not guessed")
}

// TestLogGroupFaults: the listing denied, looping, empty or cut short is
// not collected in that region, naming logs:DescribeLogGroups; no group of
// a partial listing is kept.
func TestLogGroupFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"denied", awscollect.TypeLogGroup, awstest.Faults{Deny: map[string]bool{"logs:DescribeLogGroups@eu-west-1": true}}, "access denied: needs logs:DescribeLogGroups", false},
		{"looping", awscollect.TypeLogGroup, awstest.Faults{LoopPages: map[string]bool{"logs:DescribeLogGroups@eu-west-1": true}}, "pagination loops", true},
		{"empty body", awscollect.TypeLogGroup, awstest.Faults{EmptyBody: map[string]bool{"logs:DescribeLogGroups@eu-west-1": true}}, "logs:DescribeLogGroups failed: ", true},
		{"truncated", awscollect.TypeLogGroup, awstest.Faults{Truncate: map[string]bool{"logs:DescribeLogGroups@eu-west-1": true}}, "logs:DescribeLogGroups failed: ", true},
		{"5xx", awscollect.TypeLogGroup, awstest.Faults{FailAlways: map[string]bool{"logs:DescribeLogGroups@eu-west-1": true}}, "logs:DescribeLogGroups failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
}
