package aws

import (
	"context"
	"strings"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// logGroups lists the region's CloudWatch Logs log groups: one paginated
// DescribeLogGroups answers retention, key and class, so there is no call
// per group. The log events are not read.
//
// No kms:DescribeKey is asked for a group's key (unlike a table's, topic's
// or queue's): CloudWatch Logs refuses anything but a symmetric
// customer-managed key, so the key being set already says whose it is.
func (r *run) logGroups(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := cloudwatchlogs.NewFromConfig(cfg)
	var out []evidence.Resource
	err := listAll(ctx, cloudwatchlogs.NewDescribeLogGroupsPaginator(c, &cloudwatchlogs.DescribeLogGroupsInput{}), func(page *cloudwatchlogs.DescribeLogGroupsOutput) (*string, error) {
		for _, g := range page.LogGroups {
			res, err := logGroup(sc, g)
			if err != nil {
				return nil, err
			}
			out = append(out, res)
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeLogGroup, sc, "logs:DescribeLogGroups", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// logGroup reads one entry of a DescribeLogGroups page. A group without its
// name cannot be named at all: the listing is then not collected rather
// than one group dropped, which would read as "no such group".
func logGroup(sc evidence.Scope, g logstypes.LogGroup) (evidence.Resource, error) {
	name := sdkaws.ToString(g.LogGroupName)
	if name == "" {
		return evidence.Resource{}, errMissing("logGroupName")
	}
	arn := sdkaws.ToString(g.LogGroupArn)
	if arn == "" {
		// Older answers carry only the policy form, with ":*".
		arn = strings.TrimSuffix(sdkaws.ToString(g.Arn), ":*")
	}
	if arn == "" {
		arn = logGroupARN(sc, name)
	}
	attrs := map[string]any{"name": name, "arn": arn}
	// No retentionInDays is how CloudWatch Logs says "never expire"
	// (DeleteRetentionPolicy), also under an account-level policy that
	// never expires.
	if g.RetentionInDays != nil {
		attrs["expires"] = true
		attrs["retention_in_days"] = int(*g.RetentionInDays)
	} else {
		attrs["expires"] = false
	}
	if p := sdkaws.ToString(g.RetentionPolicyName); p != "" {
		attrs["retention_policy_name"] = p
	}
	key := sdkaws.ToString(g.KmsKeyId)
	if key != "" {
		attrs["kms_key_id"] = key
	}
	attrs["kms_encrypted"] = key != ""
	if class := string(g.LogGroupClass); class != "" {
		attrs["log_group_class"] = class
	}
	if s := string(g.DataProtectionStatus); s != "" {
		attrs["data_protection_status"] = s
	}
	if g.DeletionProtectionEnabled != nil {
		attrs["deletion_protection"] = *g.DeletionProtectionEnabled
	}
	if g.CreationTime != nil {
		attrs["creation_time"] = time.UnixMilli(*g.CreationTime).UTC().Format(time.RFC3339)
	}
	return evidence.Resource{Type: TypeLogGroup, ID: arn, Scope: sc, Attributes: attrs}, nil
}

// logGroupARN is the ARN CloudWatch Logs gives a group (without ":*"),
// the prefix of metricFilterID.
func logGroupARN(sc evidence.Scope, name string) string {
	return "arn:" + partition(sc.Region) + ":logs:" + sc.Region + ":" + sc.AccountID + ":log-group:" + name
}
