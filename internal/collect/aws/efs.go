package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// fileSystems lists the region's EFS file systems (CIS 2.4.1: encrypted at
// rest). Encryption is fixed at creation, so DescribeFileSystems says all.
func (r *run) fileSystems(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, efs.NewDescribeFileSystemsPaginator(efs.NewFromConfig(cfg), &efs.DescribeFileSystemsInput{}), func(page *efs.DescribeFileSystemsOutput) (*string, error) {
		for _, fs := range page.FileSystems {
			id := sdkaws.ToString(fs.FileSystemId)
			attrs := map[string]any{
				"file_system_id":   id,
				"arn":              sdkaws.ToString(fs.FileSystemArn),
				"name":             sdkaws.ToString(fs.Name),
				"life_cycle_state": string(fs.LifeCycleState),
			}
			unknown := map[string]string{}
			if fs.Encrypted != nil {
				attrs["encrypted"] = *fs.Encrypted
			} else {
				// Absent is not "unencrypted": the answer is broken.
				unknown["encrypted"] = r.unknownReason(sc, "encrypted of "+id, "elasticfilesystem:DescribeFileSystems", errMissing("Encrypted"))
			}
			if fs.KmsKeyId != nil {
				attrs["kms_key_id"] = *fs.KmsKeyId
			}
			arn := sdkaws.ToString(fs.FileSystemArn)
			if arn == "" {
				arn = "arn:" + partition(sc.Region) + ":elasticfilesystem:" + sc.Region + ":" + sc.AccountID + ":file-system/" + id
			}
			out = append(out, evidence.Resource{Type: TypeEFSFileSystem, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return page.NextMarker, nil
	})
	if err != nil {
		r.gap(ctx, TypeEFSFileSystem, sc, "elasticfilesystem:DescribeFileSystems", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}
