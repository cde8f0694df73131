package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// trails lists the trails whose home is this region (shadow copies of
// multi-region trails are left to their home region, so each trail is one
// resource) with their logging status.
func (r *run) trails(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := cloudtrail.NewFromConfig(cfg)
	out, err := c.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: sdkaws.Bool(false)})
	if err != nil {
		r.gap(ctx, TypeTrail, sc, "cloudtrail:DescribeTrails", err)
		return nil
	}
	for _, t := range out.TrailList {
		arn := sdkaws.ToString(t.TrailARN)
		attrs := map[string]any{
			"name":                          sdkaws.ToString(t.Name),
			"arn":                           arn,
			"home_region":                   sdkaws.ToString(t.HomeRegion),
			"is_multi_region_trail":         sdkaws.ToBool(t.IsMultiRegionTrail),
			"is_organization_trail":         sdkaws.ToBool(t.IsOrganizationTrail),
			"include_global_service_events": sdkaws.ToBool(t.IncludeGlobalServiceEvents),
			"log_file_validation_enabled":   sdkaws.ToBool(t.LogFileValidationEnabled),
			"kms_encrypted":                 t.KmsKeyId != nil,
			"s3_bucket_name":                sdkaws.ToString(t.S3BucketName),
		}
		if t.KmsKeyId != nil {
			attrs["kms_key_id"] = *t.KmsKeyId
		}
		if t.CloudWatchLogsLogGroupArn != nil {
			attrs["cloud_watch_logs_log_group_arn"] = *t.CloudWatchLogsLogGroupArn
		}
		unknown := map[string]string{}
		st, err := c.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: t.TrailARN})
		switch {
		case err != nil:
			unknown["is_logging"] = r.unknownReason(sc, "is_logging of "+arn, "cloudtrail:GetTrailStatus", err)
		case st.IsLogging == nil:
			unknown["is_logging"] = r.unknownReason(sc, "is_logging of "+arn, "cloudtrail:GetTrailStatus", errMissing("IsLogging"))
		default:
			attrs["is_logging"] = *st.IsLogging
		}
		r.eventSelectors(ctx, c, sc, t.TrailARN, attrs, unknown)
		if arn == "" {
			arn = "arn:" + partition(sc.Region) + ":cloudtrail:" + sc.Region + ":" + sc.AccountID + ":trail/" + sdkaws.ToString(t.Name)
		}
		r.add(evidence.Resource{Type: TypeTrail, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown})
	}
	return nil
}

func (r *run) kmsKeys(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := kms.NewFromConfig(cfg)
	var keys []kmstypes.KeyListEntry
	err := listAll(ctx, kms.NewListKeysPaginator(c, &kms.ListKeysInput{}), func(page *kms.ListKeysOutput) (*string, error) {
		keys = append(keys, page.Keys...)
		return truncated(page.Truncated, page.NextMarker), nil
	})
	if err != nil {
		r.gap(ctx, TypeKMSKey, sc, "kms:ListKeys", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, k := range keys {
		g.Go(func() error {
			res := r.kmsKey(gctx, c, sc, k)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *run) kmsKey(ctx context.Context, c *kms.Client, sc evidence.Scope, k kmstypes.KeyListEntry) evidence.Resource {
	id := sdkaws.ToString(k.KeyId)
	arn := sdkaws.ToString(k.KeyArn)
	attrs := map[string]any{"key_id": id, "arn": arn}
	unknown := map[string]string{}
	res := evidence.Resource{Type: TypeKMSKey, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
	d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
	if err != nil {
		reason := r.unknownReason(sc, "key "+id, "kms:DescribeKey", err)
		for _, a := range []string{"key_manager", "customer_managed", "key_spec", "key_state", "rotation_enabled"} {
			unknown[a] = reason
		}
		return res
	}
	m := d.KeyMetadata
	if m == nil {
		reason := r.unknownReason(sc, "key "+id, "kms:DescribeKey", errMissing("KeyMetadata"))
		for _, a := range []string{"key_manager", "customer_managed", "key_spec", "key_state", "rotation_enabled"} {
			unknown[a] = reason
		}
		return res
	}
	attrs["key_manager"] = string(m.KeyManager)
	attrs["customer_managed"] = m.KeyManager == kmstypes.KeyManagerTypeCustomer
	attrs["key_spec"] = string(m.KeySpec)
	attrs["key_state"] = string(m.KeyState)
	if m.KeyManager == kmstypes.KeyManagerTypeCustomer {
		r.keyPolicy(ctx, c, sc, res, id) // kms_policy.go
	}
	// Automatic rotation exists only for symmetric keys with KMS key
	// material; for other keys the attribute is absent, not unknown, and
	// controls skip them.
	if m.KeyManager != kmstypes.KeyManagerTypeCustomer || m.KeySpec != kmstypes.KeySpecSymmetricDefault ||
		m.Origin != kmstypes.OriginTypeAwsKms || m.KeyState != kmstypes.KeyStateEnabled {
		return res
	}
	rot, err := c.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: k.KeyId})
	if err != nil {
		unknown["rotation_enabled"] = r.unknownReason(sc, "rotation of key "+id, "kms:GetKeyRotationStatus", err)
		return res
	}
	attrs["rotation_enabled"] = rot.KeyRotationEnabled
	return res
}

func (r *run) rdsInstances(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := rds.NewFromConfig(cfg)
	var out []evidence.Resource
	var dbs []rdstypes.DBInstance
	err := listAll(ctx, rds.NewDescribeDBInstancesPaginator(c, &rds.DescribeDBInstancesInput{}), func(page *rds.DescribeDBInstancesOutput) (*string, error) {
		dbs = append(dbs, page.DBInstances...)
		for _, db := range page.DBInstances {
			attrs := map[string]any{
				"db_instance_identifier":     sdkaws.ToString(db.DBInstanceIdentifier),
				"arn":                        sdkaws.ToString(db.DBInstanceArn),
				"engine":                     sdkaws.ToString(db.Engine),
				"storage_encrypted":          sdkaws.ToBool(db.StorageEncrypted),
				"publicly_accessible":        sdkaws.ToBool(db.PubliclyAccessible),
				"backup_retention_period":    int(sdkaws.ToInt32(db.BackupRetentionPeriod)),
				"deletion_protection":        sdkaws.ToBool(db.DeletionProtection),
				"auto_minor_version_upgrade": sdkaws.ToBool(db.AutoMinorVersionUpgrade),
				"multi_az":                   sdkaws.ToBool(db.MultiAZ),
			}
			if db.KmsKeyId != nil {
				attrs["kms_key_id"] = *db.KmsKeyId
			}
			unknown := map[string]string{}
			rdsInstanceDepth(db, attrs, unknown)
			out = append(out, evidence.Resource{Type: TypeRDSInstance, ID: sdkaws.ToString(db.DBInstanceArn), Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return page.Marker, nil
	})
	if err != nil {
		r.gap(ctx, TypeRDSInstance, sc, "rds:DescribeDBInstances", err)
		return nil
	}
	r.rdsInstancesTLS(ctx, c, sc, dbs, out)
	for _, res := range out {
		r.add(res)
	}
	return nil
}
