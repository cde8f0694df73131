package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestEventSelectors: the sample's two trails as CIS 3.1/3.8/3.9 read
// them, and a denied or broken GetEventSelectors leaving all four selector
// attributes unknown (never "records nothing").
func TestEventSelectors(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	org := find(t, snap, awscollect.TypeTrail, ":trail/org-trail")
	assert.Equal(t, map[string]any{"read": true, "write": true}, org.Attributes["management_events"])
	assert.Equal(t, map[string]any{"read": false, "write": true}, org.Attributes["s3_data_events"])
	local := find(t, snap, awscollect.TypeTrail, ":trail/local-trail")
	assert.Equal(t, map[string]any{"read": true, "write": true}, local.Attributes["management_events"])
	assert.Equal(t, map[string]any{"read": false, "write": false}, local.Attributes["s3_data_events"], "reads of one bucket are not all buckets")
	assert.Len(t, local.Attributes["advanced_event_selectors"], 2)

	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		incomplete bool
	}{
		{"denied", awstest.Faults{Deny: map[string]bool{"cloudtrail:GetEventSelectors@eu-west-1": true}}, "access denied: needs cloudtrail:GetEventSelectors", false},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{"cloudtrail:GetEventSelectors@eu-west-1": true}}, "cloudtrail:GetEventSelectors failed: ", true},
		{"truncated", awstest.Faults{Truncate: map[string]bool{"cloudtrail:GetEventSelectors@eu-west-1": true}}, "cloudtrail:GetEventSelectors failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			org := find(t, snap, awscollect.TypeTrail, ":trail/org-trail")
			for _, a := range []string{"event_selectors", "advanced_event_selectors", "management_events", "s3_data_events"} {
				assert.NotContains(t, org.Attributes, a)
				assert.Contains(t, org.Unknown[a], tc.reason, a)
			}
			assert.Equal(t, true, org.Attributes["is_logging"], "the rest of the trail is still read")
		})
	}
}
