package aws_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestCustomEndpointGetsEveryRequest: with AWS_ENDPOINT_URL set, every
// request reaches that host as given. S3 Control's endpoint rules put the
// account ID in front of the host (111122223333.localhost), which an
// emulator's name does not resolve: the account's Block Public Access was
// unknown and every run against an emulator incomplete. S3 buckets must
// not become virtual hosts (acme-logs.localhost) either. The stand-in
// records the Host header of each request; nothing redirects connections.
func TestCustomEndpointGetsEveryRequest(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	u, err := url.Parse(srv.Endpoint())
	require.NoError(t, err)
	require.Equal(t, "localhost", u.Hostname(), "a host name, not an IP address, for which the SDK never prefixes")

	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)

	assert.Equal(t, []string{u.Host}, srv.Hosts("s3control:GetPublicAccessBlock"), "S3 Control without the account-ID host prefix")
	ops := srv.Operations()
	require.Contains(t, ops, "s3:GetBucketPolicy")
	for _, op := range ops {
		assert.Equal(t, []string{u.Host}, srv.Hosts(op), op)
	}
	acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
	pab, ok := acct.Attributes["s3_public_access_block"].(map[string]any)
	require.True(t, ok, "s3_public_access_block: %s", acct.Unknown["s3_public_access_block"])
	assert.Equal(t, true, pab["configured"])
	assert.NotContains(t, acct.Unknown, "s3_public_access_block")
}
