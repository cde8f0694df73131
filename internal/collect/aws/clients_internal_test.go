package aws

import (
	"context"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestS3ControlEndpoint: AWS itself keeps the account-ID host prefix its
// S3 Control endpoints need; only an endpoint the user gave is used as given.
func TestS3ControlEndpoint(t *testing.T) {
	t.Parallel()
	r := s3controlAsGiven{next: s3control.NewDefaultEndpointResolverV2()}
	for _, tc := range []struct {
		name, endpoint, want string
	}{
		{"AWS", "", "111122223333.s3-control.eu-west-1.amazonaws.com"},
		{"emulator by name", "http://localhost:4566", "localhost:4566"},
		{"emulator by service name", "http://localstack:4566", "localstack:4566"},
		{"emulator by address", "http://127.0.0.1:4566", "127.0.0.1:4566"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := s3control.EndpointParameters{Region: sdkaws.String("eu-west-1"), AccountId: sdkaws.String("111122223333"),
				RequiresAccountId: sdkaws.Bool(true), UseDualStack: sdkaws.Bool(false), UseFIPS: sdkaws.Bool(false)}
			if tc.endpoint != "" {
				p.Endpoint = sdkaws.String(tc.endpoint)
			}
			ep, err := r.ResolveEndpoint(context.Background(), p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ep.URI.Host)
		})
	}
}
