package aws

import (
	"context"
	"strconv"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// queues lists the region's SQS queues with their access policy and
// encryption at rest: ListQueues names the URLs, one GetQueueAttributes
// per queue says the rest.
func (r *run) queues(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := sqs.NewFromConfig(cfg)
	keys := kms.NewFromConfig(cfg)
	// Without MaxResults ListQueues answers at most 1,000 queues and no
	// NextToken: a list cut short that reads as complete.
	p := sqs.NewListQueuesPaginator(c, &sqs.ListQueuesInput{MaxResults: sdkaws.Int32(1000)})
	var guard pageGuard
	var urls []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = guard.next(page.NextToken)
		}
		if err != nil {
			r.gap(ctx, TypeSQSQueue, sc, "sqs:ListQueues", err)
			return nil
		}
		urls = append(urls, page.QueueUrls...)
	}
	return describeEach(ctx, r, urls, func(ctx context.Context, url string) evidence.Resource {
		return r.queue(ctx, c, keys, sc, url)
	})
}

func (r *run) queue(ctx context.Context, c *sqs.Client, keys describeKeyAPI, sc evidence.Scope, url string) evidence.Resource {
	name := url[strings.LastIndex(url, "/")+1:]
	res := evidence.Resource{Type: TypeSQSQueue, ID: url, Scope: sc,
		Attributes: map[string]any{"name": name}, Unknown: map[string]string{}}
	out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl:       sdkaws.String(url),
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameAll},
	})
	if err == nil && out.Attributes == nil {
		err = errMissing("Attributes")
	}
	if err != nil {
		why := r.unknownReason(sc, "attributes of queue "+name, "sqs:GetQueueAttributes", err)
		for _, k := range []string{"arn", "kms_master_key_id", "sqs_managed_sse", "encrypted", "customer_managed_key", "policy"} {
			res.Unknown[k] = why
		}
		return res
	}
	a := out.Attributes
	if arn := a["QueueArn"]; arn != "" {
		res.Attributes["arn"] = arn
	} else {
		res.Unknown["arn"] = r.unknownReason(sc, "arn of queue "+name, "sqs:GetQueueAttributes", errMissing("QueueArn"))
	}
	// SqsManagedSseEnabled is "true" or "false" on every queue since SSE-SQS
	// exists; any other answer leaves encryption unknown, never "off".
	key := a["KmsMasterKeyId"]
	switch sse, err := strconv.ParseBool(a["SqsManagedSseEnabled"]); {
	case err == nil:
		res.Attributes["sqs_managed_sse"] = sse
		r.atRestKey(ctx, keys, sc, res, key, "queue "+name)
		res.Attributes["encrypted"] = sse || key != ""
	case key != "":
		// A KMS key decides both: the queue is encrypted, SSE-SQS is off.
		res.Attributes["sqs_managed_sse"] = false
		r.atRestKey(ctx, keys, sc, res, key, "queue "+name)
		res.Attributes["encrypted"] = true
	default:
		why := r.unknownReason(sc, "encryption of queue "+name, "sqs:GetQueueAttributes", errMissing("SqsManagedSseEnabled"))
		res.Unknown["sqs_managed_sse"], res.Unknown["encrypted"] = why, why
		res.Attributes["customer_managed_key"] = false
	}
	// A queue without a policy has no Policy attribute: only the owner
	// account's identities reach it.
	if text, ok := a["Policy"]; ok {
		setPolicy(res, &text)
	} else {
		res.Attributes["policy"] = map[string]any{"present": false}
	}
	return res
}
