package awstest

import (
	"encoding/base64"
	"fmt"
)

// ec2Depth answers the EC2 operations of issue 18: subnets, the account's
// snapshots and AMIs, launch templates, instance user data and the
// account-level defaults of the region.
func (s *Server) ec2Depth(c *call, reg *Region, data func(items any, next string) map[string]any) error {
	tok, size := c.form["NextToken"], s.faults.PageSize
	switch c.op {
	case "DescribeSubnets":
		items, next := page(c, reg.Subnets, tok, size)
		return render(c, xmlType, "ec2/DescribeSubnets", data(items, next))
	case "DescribeSnapshots":
		if c.form["Owner.1"] != "self" {
			return fmt.Errorf("ec2: DescribeSnapshots without Owner=self would list every public snapshot")
		}
		items, next := page(c, reg.Snapshots, tok, size)
		return render(c, xmlType, "ec2/DescribeSnapshots", data(items, next))
	case "DescribeSnapshotAttribute":
		for _, sn := range reg.Snapshots {
			if sn.ID == c.form["SnapshotId"] {
				return render(c, xmlType, "ec2/DescribeSnapshotAttribute", sn)
			}
		}
		s.fail(c, 400, "InvalidSnapshot.NotFound", "The snapshot '"+c.form["SnapshotId"]+"' does not exist.")
		return nil
	case "DescribeImages":
		if c.form["Owner.1"] != "self" {
			return fmt.Errorf("ec2: DescribeImages without Owner=self would list every public AMI")
		}
		items, next := page(c, reg.Images, tok, size)
		return render(c, xmlType, "ec2/DescribeImages", data(items, next))
	case "DescribeLaunchTemplates":
		items, next := page(c, reg.LaunchTemplates, tok, size)
		return render(c, xmlType, "ec2/DescribeLaunchTemplates", data(items, next))
	case "DescribeLaunchTemplateVersions":
		if c.form["LaunchTemplateVersion.1"] != "$Default" {
			return fmt.Errorf("ec2: DescribeLaunchTemplateVersions for versions other than $Default is not served")
		}
		items, next := page(c, reg.LaunchTemplates, tok, size)
		return render(c, xmlType, "ec2/DescribeLaunchTemplateVersions", data(items, next))
	case "DescribeInstanceAttribute":
		for _, in := range reg.Instances {
			if in.ID == c.form["InstanceId"] {
				return render(c, xmlType, "ec2/DescribeInstanceAttribute", in)
			}
		}
		s.fail(c, 400, "InvalidInstanceID.NotFound", "The instance ID '"+c.form["InstanceId"]+"' does not exist")
		return nil
	case "GetSnapshotBlockPublicAccessState":
		return render(c, xmlType, "ec2/GetSnapshotBlockPublicAccessState", orDefault(reg.SnapshotBPA, "unblocked"))
	case "GetImageBlockPublicAccessState":
		return render(c, xmlType, "ec2/GetImageBlockPublicAccessState", orDefault(reg.ImageBPA, "unblocked"))
	case "GetInstanceMetadataDefaults":
		return render(c, xmlType, "ec2/GetInstanceMetadataDefaults", reg.IMDSDefault)
	}
	return fmt.Errorf("ec2: unsupported action %q", c.op)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
