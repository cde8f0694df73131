package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestBucketDepthFaults: Object Ownership or Object Lock denied, or
// answered with a broken body, leaves that attribute unknown with the
// reason — never configured: false, which a control would judge.
func TestBucketDepthFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, attr, reason string
		faults             awstest.Faults
		incomplete         bool
	}{
		{"ownership denied", "ownership_controls", "access denied: needs s3:GetBucketOwnershipControls",
			awstest.Faults{Deny: map[string]bool{"s3:GetBucketOwnershipControls": true}}, false},
		{"ownership truncated", "ownership_controls", "s3:GetBucketOwnershipControls failed: ",
			awstest.Faults{Truncate: map[string]bool{"s3:GetBucketOwnershipControls": true}}, true},
		{"object lock denied", "object_lock", "access denied: needs s3:GetBucketObjectLockConfiguration",
			awstest.Faults{Deny: map[string]bool{"s3:GetObjectLockConfiguration": true}}, false},
		{"object lock empty body", "object_lock", "s3:GetBucketObjectLockConfiguration failed: ",
			awstest.Faults{EmptyBody: map[string]bool{"s3:GetObjectLockConfiguration": true}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			// acme-logs has both settings: a broken answer must not erase them into a default.
			b := find(t, snap, awscollect.TypeS3Bucket, ":::acme-logs")
			assert.NotContains(t, b.Attributes, tc.attr)
			assert.Contains(t, b.Unknown[tc.attr], tc.reason)
		})
	}
}

// TestBucketWithoutOwnershipRule: no Object Ownership rule (the
// not-found error) is recorded as not configured, which leaves ACLs on.
func TestBucketWithoutOwnershipRule(t *testing.T) {
	t.Parallel()
	estate := awstest.Sample()
	estate.Accounts[0].Buckets[1].Ownership = ""
	srv := awstest.New(estate, awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	b := find(t, snap, awscollect.TypeS3Bucket, ":::acme-site")
	assert.Equal(t, map[string]any{"configured": false}, b.Attributes["ownership_controls"])
	assert.Equal(t, map[string]any{"enabled": false}, b.Attributes["object_lock"])
}
