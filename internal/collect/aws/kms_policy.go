package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// keyPolicy reads the key policy of a customer-managed key. Every KMS key
// has exactly one policy, named "default"; an answer without it is broken,
// not "no policy". AWS-managed keys are left out: AWS writes their
// policies, and they allow every principal of the account through
// kms:ViaService, which the customer cannot change.
func (r *run) keyPolicy(ctx context.Context, c *kms.Client, sc evidence.Scope, res evidence.Resource, id string) {
	out, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: sdkaws.String(id), PolicyName: sdkaws.String("default")})
	if err == nil && sdkaws.ToString(out.Policy) == "" {
		err = errMissing("Policy")
	}
	if err != nil {
		res.Unknown["policy"] = r.unknownReason(sc, "policy of key "+id, "kms:GetKeyPolicy", err)
		return
	}
	setPolicy(res, out.Policy)
}
