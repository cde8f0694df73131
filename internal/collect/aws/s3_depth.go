package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// bucketDepth reads the bucket settings of issue 18: Object Ownership
// (whether ACLs still grant access) and Object Lock. Two calls a bucket.
func (r *run) bucketDepth(ctx context.Context, c *s3.Client, sc evidence.Scope, name string, attrs map[string]any, unknown map[string]string) {
	fail := func(attr, action string, err error) {
		unknown[attr] = r.unknownReason(sc, attr+" of "+name, action, err)
	}
	own, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: sdkaws.String(name)})
	switch {
	case hasCode(err, "OwnershipControlsNotFoundError"):
		// No rule: ACLs are in force (the ObjectWriter behaviour).
		attrs["ownership_controls"] = map[string]any{"configured": false}
	case err != nil:
		fail("ownership_controls", "s3:GetBucketOwnershipControls", err)
	case own.OwnershipControls == nil || len(own.OwnershipControls.Rules) == 0 || own.OwnershipControls.Rules[0].ObjectOwnership == "":
		fail("ownership_controls", "s3:GetBucketOwnershipControls", errMissing("OwnershipControls.Rule.ObjectOwnership"))
	default:
		attrs["ownership_controls"] = map[string]any{"configured": true, "object_ownership": string(own.OwnershipControls.Rules[0].ObjectOwnership)}
	}

	lock, err := c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: sdkaws.String(name)})
	switch {
	case hasCode(err, "ObjectLockConfigurationNotFoundError"):
		attrs["object_lock"] = map[string]any{"enabled": false}
	case err != nil:
		fail("object_lock", "s3:GetBucketObjectLockConfiguration", err)
	case lock.ObjectLockConfiguration == nil:
		fail("object_lock", "s3:GetBucketObjectLockConfiguration", errMissing("ObjectLockConfiguration"))
	default:
		cfg := lock.ObjectLockConfiguration
		v := map[string]any{"enabled": cfg.ObjectLockEnabled == s3types.ObjectLockEnabledEnabled}
		if cfg.Rule != nil && cfg.Rule.DefaultRetention != nil {
			d := cfg.Rule.DefaultRetention
			v["default_mode"] = string(d.Mode)
			days := int(sdkaws.ToInt32(d.Days))
			if d.Years != nil {
				days = int(*d.Years) * 365
			}
			v["default_retention_days"] = days
		}
		attrs["object_lock"] = v
	}
}
