package aws

import (
	"context"
	"fmt"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// tables lists the region's DynamoDB tables: ListTables names them,
// DescribeTable says the encryption and deletion protection,
// DescribeContinuousBackups the point-in-time recovery, and for a table
// under KMS one kms:DescribeKey tells the AWS-managed aws/dynamodb key
// from a customer's (the ARN alone does not; keymanager.go).
func (r *run) tables(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := dynamodb.NewFromConfig(cfg)
	p := dynamodb.NewListTablesPaginator(c, &dynamodb.ListTablesInput{})
	var guard pageGuard
	var names []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = guard.next(page.LastEvaluatedTableName)
		}
		if err != nil {
			r.gap(ctx, TypeDynamoDBTable, sc, "dynamodb:ListTables", err)
			return nil
		}
		names = append(names, page.TableNames...)
	}
	keys := kms.NewFromConfig(cfg)
	return describeEach(ctx, r, names, func(ctx context.Context, name string) evidence.Resource {
		return r.table(ctx, c, keys, sc, name)
	})
}

func (r *run) table(ctx context.Context, c *dynamodb.Client, keys *kms.Client, sc evidence.Scope, name string) evidence.Resource {
	arn := "arn:" + partition(sc.Region) + ":dynamodb:" + sc.Region + ":" + sc.AccountID + ":table/" + name
	res := evidence.Resource{Type: TypeDynamoDBTable, ID: arn, Scope: sc,
		Attributes: map[string]any{"name": name, "arn": arn}, Unknown: map[string]string{}}
	out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: sdkaws.String(name)})
	if err == nil && out.Table == nil {
		err = errMissing("Table")
	}
	if err != nil {
		why := r.unknownReason(sc, "table "+name, "dynamodb:DescribeTable", err)
		for _, k := range []string{"encryption", "kms_key_arn", "customer_managed_key", "deletion_protection"} {
			res.Unknown[k] = why
		}
	} else {
		r.tableDetails(ctx, keys, sc, res, out.Table)
	}
	pitr, err := c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: sdkaws.String(name)})
	switch {
	case err != nil:
		res.Unknown["point_in_time_recovery"] = r.unknownReason(sc, "point-in-time recovery of table "+name, "dynamodb:DescribeContinuousBackups", err)
	case pitr.ContinuousBackupsDescription == nil || pitr.ContinuousBackupsDescription.PointInTimeRecoveryDescription == nil:
		res.Unknown["point_in_time_recovery"] = r.unknownReason(sc, "point-in-time recovery of table "+name, "dynamodb:DescribeContinuousBackups", errMissing("PointInTimeRecoveryDescription"))
	default:
		res.Attributes["point_in_time_recovery"] = pitr.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus == ddbtypes.PointInTimeRecoveryStatusEnabled
	}
	return res
}

func (r *run) tableDetails(ctx context.Context, keys *kms.Client, sc evidence.Scope, res evidence.Resource, t *ddbtypes.TableDescription) {
	name := sdkaws.ToString(t.TableName)
	if a := sdkaws.ToString(t.TableArn); a != "" {
		res.Attributes["arn"] = a
	}
	if t.DeletionProtectionEnabled != nil {
		res.Attributes["deletion_protection"] = *t.DeletionProtectionEnabled
	} else {
		res.Unknown["deletion_protection"] = r.unknownReason(sc, "deletion protection of table "+name, "dynamodb:DescribeTable", errMissing("DeletionProtectionEnabled"))
	}
	// No SSEDescription is the default: DynamoDB's own (AWS-owned) key.
	sse := t.SSEDescription
	if sse == nil || (sse.SSEType == "" && sse.Status == "") {
		res.Attributes["encryption"] = "AWS_OWNED"
		res.Attributes["customer_managed_key"] = false
		return
	}
	if sse.SSEType != ddbtypes.SSETypeKms {
		why := r.unknownReason(sc, "encryption of table "+name, "dynamodb:DescribeTable", fmt.Errorf("SSEDescription has SSEType %q (status %q)", sse.SSEType, sse.Status))
		res.Unknown["encryption"], res.Unknown["customer_managed_key"] = why, why
		return
	}
	res.Attributes["encryption"] = "KMS"
	key := sdkaws.ToString(sse.KMSMasterKeyArn)
	if key == "" {
		why := r.unknownReason(sc, "key of table "+name, "dynamodb:DescribeTable", errMissing("KMSMasterKeyArn"))
		res.Unknown["kms_key_arn"], res.Unknown["customer_managed_key"] = why, why
		return
	}
	res.Attributes["kms_key_arn"] = key
	r.setCustomerManagedKey(ctx, keys, sc, res, key, "table "+name)
}
