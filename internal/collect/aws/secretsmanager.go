package aws

import (
	"context"
	"encoding/json"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// secrets lists the region's Secrets Manager secrets with their rotation,
// encryption key, use and resource policy. ListSecrets says everything but
// the policy, which is one GetResourcePolicy per secret.
func (r *run) secrets(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := secretsmanager.NewFromConfig(cfg)
	keys := kms.NewFromConfig(cfg)
	var listed []smtypes.SecretListEntry
	err := listAll(ctx, secretsmanager.NewListSecretsPaginator(c, &secretsmanager.ListSecretsInput{}), func(page *secretsmanager.ListSecretsOutput) (*string, error) {
		listed = append(listed, page.SecretList...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeSecret, sc, "secretsmanager:ListSecrets", err)
		return nil
	}
	for _, s := range listed {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("list secrets: %w", err)
		}
		r.add(r.secret(ctx, c, keys, sc, s))
	}
	return nil
}

func (r *run) secret(ctx context.Context, c *secretsmanager.Client, keys describeKeyAPI, sc evidence.Scope, s smtypes.SecretListEntry) evidence.Resource {
	arn, name := sdkaws.ToString(s.ARN), sdkaws.ToString(s.Name)
	attrs := map[string]any{"name": name, "arn": arn}
	unknown := map[string]string{}
	// Without KmsKeyId the secret is under the AWS-managed key
	// aws/secretsmanager, which any principal of the account with
	// secretsmanager access may use: not a key the customer controls.
	key := sdkaws.ToString(s.KmsKeyId)
	if key != "" {
		attrs["kms_key_id"] = key
	}
	// A KmsKeyId may still be aws/secretsmanager given by its ARN: kms:DescribeKey decides.
	keyed := evidence.Resource{Attributes: attrs, Unknown: unknown}
	r.setCustomerManagedKey(ctx, keys, sc, keyed, key, "secret "+name)
	// AWS leaves RotationEnabled out for a secret whose rotation was never
	// configured: absent is "off", which fails the rotation control.
	attrs["rotation_enabled"] = sdkaws.ToBool(s.RotationEnabled)
	if s.RotationRules != nil && s.RotationRules.AutomaticallyAfterDays != nil {
		attrs["rotation_days"] = *s.RotationRules.AutomaticallyAfterDays
	}
	for k, t := range map[string]string{"last_rotated_date": rfc3339(s.LastRotatedDate), "last_accessed_date": rfc3339(s.LastAccessedDate), "created_date": rfc3339(s.CreatedDate)} {
		if t != "" {
			attrs[k] = t
		}
	}
	if arn == "" {
		unknown["arn"] = r.unknownReason(sc, "arn of secret "+name, "secretsmanager:ListSecrets", errMissing("ARN"))
		arn = "arn:" + partition(sc.Region) + ":secretsmanager:" + sc.Region + ":" + sc.AccountID + ":secret:" + name
	}
	out, err := c.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: sdkaws.String(arn)})
	if err != nil {
		unknown["policy"] = r.unknownReason(sc, "policy of secret "+name, "secretsmanager:GetResourcePolicy", err)
	} else if pol, why := resourcePolicy(out.ResourcePolicy); why != "" {
		unknown["policy"] = why
	} else {
		attrs["policy"] = pol
	}
	return evidence.Resource{Type: TypeSecret, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// resourcePolicy is a resource policy attribute (evidence's
// resourcePolicyText shape) from the policy text a Get*Policy call
// returns: nil or empty is no policy; text that is not JSON is unknown
// with the reason, never "no policy".
func resourcePolicy(text *string) (map[string]any, string) {
	if text == nil || *text == "" {
		return map[string]any{"present": false}, ""
	}
	var doc any
	if err := json.Unmarshal([]byte(*text), &doc); err != nil {
		return nil, fmt.Sprintf("resource policy is not JSON: %v", err)
	}
	return map[string]any{"present": true, "document": doc}, ""
}
