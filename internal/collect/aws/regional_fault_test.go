package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// collectSampleWith collects the sample estate from a stand-in answering
// with faults, two attempts a call (a fault that persists fails the call).
func collectSampleWith(t *testing.T, faults awstest.Faults) *evidence.Snapshot {
	t.Helper()
	srv := awstest.New(awstest.Sample(), faults)
	defer srv.Close()
	opts := options(srv, awstest.SampleKey)
	opts.MaxAttempts = 2
	snap, _, err := awscollect.Collect(context.Background(), opts)
	require.NoError(t, err)
	return snap
}

// regionalFault is one broken answer for a regional listing of the sample
// estate, and what the snapshot must then say about eu-west-1.
type regionalFault struct {
	name, typ  string
	faults     awstest.Faults
	reason     string // in the gap's reason
	incomplete bool   // a transient failure, not a missing permission
}

// check collects the sample with the fault: the type is not collected in
// eu-west-1 with the reason, and none of its resources there is listed
// (a partial listing would read as the whole one).
func (tc regionalFault) check(t *testing.T) {
	t.Helper()
	snap := collectSampleWith(t, tc.faults)
	assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
	found := false
	for _, g := range snap.NotCollected {
		if g.ResourceType == tc.typ && g.ScopeID == "aws:111122223333/eu-west-1" {
			found = true
			assert.Contains(t, g.Reason, tc.reason)
		}
	}
	assert.True(t, found, "%s is not collected in eu-west-1: %v", tc.typ, snap.NotCollected)
	for _, r := range snap.Resources {
		assert.False(t, r.Type == tc.typ && r.Scope.Region == "eu-west-1", "no partial listing: %s", r.ID)
	}
}
