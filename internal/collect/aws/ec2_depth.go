package aws

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"unicode/utf8"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/redact"
)

// The EC2 depth of issue 18: subnets, the account's snapshots and AMIs,
// launch templates, and the secrets in user data.

func (r *run) subnets(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeSubnetsPaginator(c, &ec2.DescribeSubnetsInput{}), func(page *ec2.DescribeSubnetsOutput) (*string, error) {
		for _, s := range page.Subnets {
			id := sdkaws.ToString(s.SubnetId)
			attrs := map[string]any{
				"subnet_id":         id,
				"vpc_id":            sdkaws.ToString(s.VpcId),
				"cidr_block":        sdkaws.ToString(s.CidrBlock),
				"availability_zone": sdkaws.ToString(s.AvailabilityZone),
				"default_for_az":    sdkaws.ToBool(s.DefaultForAz),
			}
			unknown := map[string]string{}
			if s.MapPublicIpOnLaunch != nil {
				attrs["map_public_ip_on_launch"] = *s.MapPublicIpOnLaunch
			} else {
				unknown["map_public_ip_on_launch"] = r.unknownReason(sc, "subnet "+id, "ec2:DescribeSubnets", errMissing("mapPublicIpOnLaunch"))
			}
			out = append(out, evidence.Resource{Type: TypeSubnet, ID: ec2ARN(sc, "subnet", id), Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeSubnet, sc, "ec2:DescribeSubnets", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// snapshots lists the account's own EBS snapshots and, one call each, who
// may create volumes from them.
func (r *run) snapshots(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var snaps []ec2types.Snapshot
	err := listAll(ctx, ec2.NewDescribeSnapshotsPaginator(c, &ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}}), func(page *ec2.DescribeSnapshotsOutput) (*string, error) {
		snaps = append(snaps, page.Snapshots...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeSnapshot, sc, "ec2:DescribeSnapshots", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, s := range snaps {
		g.Go(func() error {
			res := r.ebsSnapshot(gctx, c, sc, s)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *run) ebsSnapshot(ctx context.Context, c *ec2.Client, sc evidence.Scope, s ec2types.Snapshot) evidence.Resource {
	id := sdkaws.ToString(s.SnapshotId)
	attrs := map[string]any{
		"snapshot_id": id,
		"volume_id":   sdkaws.ToString(s.VolumeId),
		"state":       string(s.State),
		"encrypted":   sdkaws.ToBool(s.Encrypted),
	}
	if s.KmsKeyId != nil {
		attrs["kms_key_id"] = *s.KmsKeyId
	}
	unknown := map[string]string{}
	res := evidence.Resource{Type: TypeSnapshot, ID: ec2ARN(sc, "snapshot", id), Scope: sc, Attributes: attrs, Unknown: unknown}
	perm, err := c.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{SnapshotId: s.SnapshotId, Attribute: ec2types.SnapshotAttributeNameCreateVolumePermission})
	if err == nil && perm.CreateVolumePermissions == nil && perm.SnapshotId == nil {
		err = errMissing("createVolumePermission")
	}
	if err != nil {
		reason := r.unknownReason(sc, "permissions of snapshot "+id, "ec2:DescribeSnapshotAttribute", err)
		unknown["public"], unknown["shared_with_accounts"] = reason, reason
		return res
	}
	public := false
	accounts := []string{}
	for _, p := range perm.CreateVolumePermissions {
		if p.Group == ec2types.PermissionGroupAll {
			public = true
		}
		if a := sdkaws.ToString(p.UserId); a != "" {
			accounts = append(accounts, a)
		}
	}
	slices.Sort(accounts)
	attrs["public"], attrs["shared_with_accounts"] = public, accounts
	return res
}

func (r *run) images(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeImagesPaginator(c, &ec2.DescribeImagesInput{Owners: []string{"self"}}), func(page *ec2.DescribeImagesOutput) (*string, error) {
		for _, im := range page.Images {
			id := sdkaws.ToString(im.ImageId)
			attrs := map[string]any{"image_id": id, "name": sdkaws.ToString(im.Name), "state": string(im.State)}
			unknown := map[string]string{}
			if im.Public != nil {
				attrs["public"] = *im.Public
			} else {
				unknown["public"] = r.unknownReason(sc, "image "+id, "ec2:DescribeImages", errMissing("isPublic"))
			}
			out = append(out, evidence.Resource{Type: TypeImage, ID: ec2ARN(sc, "image", id), Scope: sc, Attributes: attrs, Unknown: unknown})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeImage, sc, "ec2:DescribeImages", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// launchTemplates lists the templates, then the default version of every
// one in a single paginated DescribeLaunchTemplateVersions ($Default
// without a template ID answers for all of them).
func (r *run) launchTemplates(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var templates []ec2types.LaunchTemplate
	err := listAll(ctx, ec2.NewDescribeLaunchTemplatesPaginator(c, &ec2.DescribeLaunchTemplatesInput{}), func(page *ec2.DescribeLaunchTemplatesOutput) (*string, error) {
		templates = append(templates, page.LaunchTemplates...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeLaunchTemplate, sc, "ec2:DescribeLaunchTemplates", err)
		return nil
	}
	if len(templates) == 0 {
		return nil
	}
	versions := map[string]ec2types.LaunchTemplateVersion{}
	var versionsReason string
	err = listAll(ctx, ec2.NewDescribeLaunchTemplateVersionsPaginator(c, &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{"$Default"}}), func(page *ec2.DescribeLaunchTemplateVersionsOutput) (*string, error) {
		for _, v := range page.LaunchTemplateVersions {
			versions[sdkaws.ToString(v.LaunchTemplateId)] = v
		}
		return page.NextToken, nil
	})
	if err != nil {
		versionsReason = r.unknownReason(sc, "launch template versions", "ec2:DescribeLaunchTemplateVersions", err)
	}
	for _, t := range templates {
		id := sdkaws.ToString(t.LaunchTemplateId)
		attrs := map[string]any{"launch_template_id": id, "name": sdkaws.ToString(t.LaunchTemplateName)}
		if t.DefaultVersionNumber != nil {
			attrs["default_version"] = int(*t.DefaultVersionNumber)
		}
		unknown := map[string]string{}
		notRead := func(reason string) {
			for _, a := range []string{"imdsv2_required", "metadata_options", "associate_public_ip_address", "user_data_secrets"} {
				unknown[a] = reason
			}
		}
		v, ok := versions[id]
		switch {
		case versionsReason != "":
			notRead(versionsReason)
		case !ok || v.LaunchTemplateData == nil:
			notRead(r.unknownReason(sc, "launch template "+id, "ec2:DescribeLaunchTemplateVersions", errMissing("the default version of "+id)))
		default:
			launchTemplateData(v.LaunchTemplateData, attrs, unknown)
		}
		r.add(evidence.Resource{Type: TypeLaunchTemplate, ID: ec2ARN(sc, "launch-template", id), Scope: sc, Attributes: attrs, Unknown: unknown})
	}
	return nil
}

func launchTemplateData(d *ec2types.ResponseLaunchTemplateData, attrs map[string]any, unknown map[string]string) {
	imdsv2 := false
	if m := d.MetadataOptions; m != nil {
		mo := map[string]any{}
		if m.HttpTokens != "" {
			mo["http_tokens"] = string(m.HttpTokens)
		}
		if m.HttpEndpoint != "" {
			mo["http_endpoint"] = string(m.HttpEndpoint)
		}
		attrs["metadata_options"] = mo
		imdsv2 = m.HttpTokens == ec2types.LaunchTemplateHttpTokensStateRequired || m.HttpEndpoint == ec2types.LaunchTemplateInstanceMetadataEndpointStateDisabled
	}
	attrs["imdsv2_required"] = imdsv2
	public := false
	for _, ni := range d.NetworkInterfaces {
		if sdkaws.ToBool(ni.AssociatePublicIpAddress) {
			public = true
		}
	}
	attrs["associate_public_ip_address"] = public
	setUserData(sdkaws.ToString(d.UserData), "user_data_secrets", attrs, unknown)
}

// setUserData records the secret shapes of base64 user data, never the
// text: an empty list when there is none.
func setUserData(encoded, attr string, attrs map[string]any, unknown map[string]string) {
	findings, err := userDataSecrets(encoded)
	if err != nil {
		unknown[attr] = err.Error()
		return
	}
	attrs[attr] = findings
}

func userDataSecrets(encoded string) ([]redact.LineFinding, error) {
	if encoded == "" {
		return []redact.LineFinding{}, nil
	}
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, fmt.Errorf("user data is not base64: %w", err)
	}
	// cloud-init accepts gzip-compressed user data; it is not unpacked
	// here (a decompression bomb would be ours to hold), so it is not
	// judged rather than judged clean.
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		return nil, fmt.Errorf("user data is gzip-compressed and was not scanned")
	}
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("user data is not text and was not scanned")
	}
	return redact.ScanLines(string(raw)), nil
}

// instanceUserData reads each instance's user data (one
// DescribeInstanceAttribute call per instance: the listing does not carry
// it) and records its secret shapes.
func (r *run) instanceUserData(ctx context.Context, c *ec2.Client, sc evidence.Scope, instances []evidence.Resource) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for i := range instances {
		res := &instances[i]
		id, _ := res.Attributes["instance_id"].(string)
		g.Go(func() error {
			out, err := c.DescribeInstanceAttribute(gctx, &ec2.DescribeInstanceAttributeInput{InstanceId: sdkaws.String(id), Attribute: ec2types.InstanceAttributeNameUserData})
			if err == nil && out.InstanceId == nil {
				err = errMissing("instanceId")
			}
			if err != nil {
				res.Unknown["user_data_secrets"] = r.unknownReason(sc, "user data of "+id, "ec2:DescribeInstanceAttribute", err)
				return nil
			}
			encoded := ""
			if out.UserData != nil {
				encoded = sdkaws.ToString(out.UserData.Value)
			}
			setUserData(encoded, "user_data_secrets", res.Attributes, res.Unknown)
			return nil
		})
	}
	_ = g.Wait()
}
