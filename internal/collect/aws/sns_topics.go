package aws

import (
	"context"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// topics lists the region's SNS topics with their access policy and KMS
// key. ListTopics names the ARNs only; the rest is one GetTopicAttributes
// per topic.
func (r *run) topics(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := sns.NewFromConfig(cfg)
	keys := kms.NewFromConfig(cfg)
	p := sns.NewListTopicsPaginator(c, &sns.ListTopicsInput{})
	var guard pageGuard
	var arns []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = guard.next(page.NextToken)
		}
		if err != nil {
			r.gap(ctx, TypeSNSTopic, sc, "sns:ListTopics", err)
			return nil
		}
		for _, t := range page.Topics {
			arns = append(arns, sdkaws.ToString(t.TopicArn))
		}
	}
	for _, arn := range arns {
		if arn == "" {
			// A topic without its ARN cannot be named or asked about;
			// dropping it would read as "no such topic", so the listing
			// is not collected.
			r.gap(ctx, TypeSNSTopic, sc, "sns:ListTopics", errMissing("TopicArn"))
			return nil
		}
	}
	return describeEach(ctx, r, arns, func(ctx context.Context, arn string) evidence.Resource {
		return r.topic(ctx, c, keys, sc, arn)
	})
}

func (r *run) topic(ctx context.Context, c *sns.Client, keys describeKeyAPI, sc evidence.Scope, arn string) evidence.Resource {
	name := arn[strings.LastIndex(arn, ":")+1:]
	res := evidence.Resource{Type: TypeSNSTopic, ID: arn, Scope: sc,
		Attributes: map[string]any{"name": name, "arn": arn}, Unknown: map[string]string{}}
	out, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: sdkaws.String(arn)})
	if err == nil && out.Attributes == nil {
		err = errMissing("Attributes")
	}
	if err != nil {
		why := r.unknownReason(sc, "attributes of topic "+name, "sns:GetTopicAttributes", err)
		for _, k := range []string{"kms_master_key_id", "encrypted", "customer_managed_key", "policy"} {
			res.Unknown[k] = why
		}
		return res
	}
	key := out.Attributes["KmsMasterKeyId"]
	r.atRestKey(ctx, keys, sc, res, key, "topic "+name)
	res.Attributes["encrypted"] = key != ""
	// SNS always answers with a policy (the default one allows the owner
	// account only); an answer without it is broken, not "no policy".
	text, ok := out.Attributes["Policy"]
	if !ok {
		res.Unknown["policy"] = r.unknownReason(sc, "policy of topic "+name, "sns:GetTopicAttributes", errMissing("Policy"))
		return res
	}
	setPolicy(res, &text)
	return res
}

// atRestKey sets kms_master_key_id and customer_managed_key from the
// KmsMasterKeyId attribute SNS and SQS share. The key may be the service's
// AWS-managed key given by ID or ARN, not only as alias/aws/sns or
// alias/aws/sqs, so kms:DescribeKey decides (keymanager.go).
func (r *run) atRestKey(ctx context.Context, keys describeKeyAPI, sc evidence.Scope, res evidence.Resource, key, what string) {
	if key != "" {
		res.Attributes["kms_master_key_id"] = key
	}
	r.setCustomerManagedKey(ctx, keys, sc, res, key, what)
}

// setPolicy sets the policy attribute from a policy text, or names why it
// cannot be read.
func setPolicy(res evidence.Resource, text *string) {
	if pol, why := resourcePolicy(text); why != "" {
		res.Unknown["policy"] = why
	} else {
		res.Attributes["policy"] = pol
	}
}
