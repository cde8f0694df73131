package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// ec2AccountDefaults reads the region's account-level EC2 settings of
// issue 18: block public access for snapshots and for AMIs, and the
// instance metadata defaults. Each is one call; a failed one is unknown
// for that region only.
func (r *run) ec2AccountDefaults(ctx context.Context, c *ec2.Client, sc evidence.Scope, acct *accountState) error {
	prefix := "regions." + sc.Region + "."
	snap, err := c.GetSnapshotBlockPublicAccessState(ctx, &ec2.GetSnapshotBlockPublicAccessStateInput{})
	switch {
	case err != nil:
		acct.unknownAttr(prefix+"snapshot_block_public_access", r.unknownReason(sc, "snapshot_block_public_access", "ec2:GetSnapshotBlockPublicAccessState", err))
	case snap.State == "":
		acct.unknownAttr(prefix+"snapshot_block_public_access", r.unknownReason(sc, "snapshot_block_public_access", "ec2:GetSnapshotBlockPublicAccessState", errMissing("state")))
	default:
		acct.setRegion(sc.Region, "snapshot_block_public_access", map[string]any{"state": string(snap.State)})
	}

	img, err := c.GetImageBlockPublicAccessState(ctx, &ec2.GetImageBlockPublicAccessStateInput{})
	switch {
	case err != nil:
		acct.unknownAttr(prefix+"image_block_public_access", r.unknownReason(sc, "image_block_public_access", "ec2:GetImageBlockPublicAccessState", err))
	case sdkaws.ToString(img.ImageBlockPublicAccessState) == "":
		acct.unknownAttr(prefix+"image_block_public_access", r.unknownReason(sc, "image_block_public_access", "ec2:GetImageBlockPublicAccessState", errMissing("imageBlockPublicAccessState")))
	default:
		acct.setRegion(sc.Region, "image_block_public_access", map[string]any{"state": *img.ImageBlockPublicAccessState})
	}

	md, err := c.GetInstanceMetadataDefaults(ctx, &ec2.GetInstanceMetadataDefaultsInput{})
	switch {
	case err != nil:
		acct.unknownAttr(prefix+"instance_metadata_defaults", r.unknownReason(sc, "instance_metadata_defaults", "ec2:GetInstanceMetadataDefaults", err))
	case md.AccountLevel == nil:
		acct.unknownAttr(prefix+"instance_metadata_defaults", r.unknownReason(sc, "instance_metadata_defaults", "ec2:GetInstanceMetadataDefaults", errMissing("accountLevel")))
	default:
		// An account that never set a default answers with empty fields:
		// "no-preference", which leaves IMDSv1 to each AMI and launch.
		v := map[string]any{"http_tokens": "no-preference", "http_endpoint": "no-preference"}
		if t := md.AccountLevel.HttpTokens; t != "" {
			v["http_tokens"] = string(t)
		}
		if e := md.AccountLevel.HttpEndpoint; e != "" {
			v["http_endpoint"] = string(e)
		}
		acct.setRegion(sc.Region, "instance_metadata_defaults", v)
	}
	return nil
}
