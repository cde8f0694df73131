package aws

import (
	"context"
	"slices"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// partition is the ARN partition of a region.
func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

func ec2ARN(sc evidence.Scope, kind, id string) string {
	return "arn:" + partition(sc.Region) + ":ec2:" + sc.Region + ":" + sc.AccountID + ":" + kind + "/" + id
}

func (r *run) securityGroups(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeSecurityGroupsPaginator(c, &ec2.DescribeSecurityGroupsInput{}), func(page *ec2.DescribeSecurityGroupsOutput) (*string, error) {
		for _, g := range page.SecurityGroups {
			id := sdkaws.ToString(g.GroupId)
			out = append(out, evidence.Resource{
				Type: TypeSecurityGroup, ID: ec2ARN(sc, "security-group", id), Scope: sc,
				Attributes: map[string]any{
					"group_id":   id,
					"group_name": sdkaws.ToString(g.GroupName),
					"vpc_id":     sdkaws.ToString(g.VpcId),
					"is_default": sdkaws.ToString(g.GroupName) == "default",
					"ingress":    rules(g.IpPermissions),
					"egress":     rules(g.IpPermissionsEgress),
				},
			})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeSecurityGroup, sc, "ec2:DescribeSecurityGroups", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

func rules(perms []ec2types.IpPermission) []any {
	out := []any{}
	for _, p := range perms {
		rule := map[string]any{"protocol": sdkaws.ToString(p.IpProtocol)}
		if rule["protocol"] != "-1" {
			if p.FromPort != nil {
				rule["from_port"] = int(*p.FromPort)
			}
			if p.ToPort != nil {
				rule["to_port"] = int(*p.ToPort)
			}
		}
		v4 := []any{}
		for _, ip := range p.IpRanges {
			v4 = append(v4, sdkaws.ToString(ip.CidrIp))
		}
		v6 := []any{}
		for _, ip := range p.Ipv6Ranges {
			v6 = append(v6, sdkaws.ToString(ip.CidrIpv6))
		}
		groups := []any{}
		for _, gp := range p.UserIdGroupPairs {
			groups = append(groups, sdkaws.ToString(gp.GroupId))
		}
		rule["cidr_ipv4"], rule["cidr_ipv6"], rule["source_groups"] = v4, v6, groups
		out = append(out, rule)
	}
	return out
}

func (r *run) instances(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeInstancesPaginator(c, &ec2.DescribeInstancesInput{}), func(page *ec2.DescribeInstancesOutput) (*string, error) {
		for _, res := range page.Reservations {
			for _, in := range res.Instances {
				out = append(out, instanceResource(sc, in))
			}
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeInstance, sc, "ec2:DescribeInstances", err)
		return nil
	}
	r.instanceUserData(ctx, c, sc, out)
	for _, res := range out {
		r.add(res)
	}
	return nil
}

func instanceResource(sc evidence.Scope, in ec2types.Instance) evidence.Resource {
	id := sdkaws.ToString(in.InstanceId)
	attrs := map[string]any{
		"instance_id":   id,
		"vpc_id":        sdkaws.ToString(in.VpcId),
		"subnet_id":     sdkaws.ToString(in.SubnetId),
		"has_public_ip": in.PublicIpAddress != nil,
	}
	groups := instanceSecurityGroups(in)
	refs := make([]string, len(groups))
	for i, g := range groups {
		refs[i] = ec2ARN(sc, "security-group", g)
	}
	attrs["security_group_ids"], attrs["security_group_refs"] = groups, refs
	if in.PublicIpAddress != nil {
		attrs["public_ip_address"] = *in.PublicIpAddress
	}
	if in.State != nil {
		attrs["state"] = string(in.State.Name)
	}
	if in.IamInstanceProfile != nil {
		attrs["iam_instance_profile"] = sdkaws.ToString(in.IamInstanceProfile.Arn)
	}
	unknown := map[string]string{}
	if m := in.MetadataOptions; m != nil && m.HttpTokens != "" {
		attrs["metadata_options"] = map[string]any{
			"http_tokens":   string(m.HttpTokens),
			"http_endpoint": string(m.HttpEndpoint),
		}
		// IMDSv1 is unreachable when tokens are required or the endpoint is off.
		attrs["imdsv2_required"] = m.HttpTokens == ec2types.HttpTokensStateRequired || m.HttpEndpoint == ec2types.InstanceMetadataEndpointStateDisabled
	} else {
		unknown["imdsv2_required"] = "DescribeInstances returned no metadata options for the instance"
	}
	return evidence.Resource{Type: TypeInstance, ID: ec2ARN(sc, "instance", id), Scope: sc, Attributes: attrs, Unknown: unknown}
}

// instanceSecurityGroups is every security group that filters traffic to the
// instance: the instance's own list (its primary interface) and the groups of
// each attached network interface, since a secondary interface with an open
// group exposes the instance as much as the primary one. Sorted, no repeats.
func instanceSecurityGroups(in ec2types.Instance) []string {
	seen := map[string]bool{}
	add := func(groups []ec2types.GroupIdentifier) {
		for _, g := range groups {
			if id := sdkaws.ToString(g.GroupId); id != "" {
				seen[id] = true
			}
		}
	}
	add(in.SecurityGroups)
	for _, ni := range in.NetworkInterfaces {
		add(ni.Groups)
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (r *run) volumes(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeVolumesPaginator(c, &ec2.DescribeVolumesInput{}), func(page *ec2.DescribeVolumesOutput) (*string, error) {
		for _, v := range page.Volumes {
			id := sdkaws.ToString(v.VolumeId)
			attrs := map[string]any{
				"volume_id": id,
				"encrypted": sdkaws.ToBool(v.Encrypted),
				"state":     string(v.State),
				"size":      int(sdkaws.ToInt32(v.Size)),
			}
			if v.KmsKeyId != nil {
				attrs["kms_key_id"] = *v.KmsKeyId
			}
			out = append(out, evidence.Resource{Type: TypeVolume, ID: ec2ARN(sc, "volume", id), Scope: sc, Attributes: attrs})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeVolume, sc, "ec2:DescribeVolumes", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// vpcs lists VPCs and joins the region's flow logs to them: two paginated
// listings instead of one DescribeFlowLogs call per VPC.
func (r *run) vpcs(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var vpcs []ec2types.Vpc
	err := listAll(ctx, ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{}), func(page *ec2.DescribeVpcsOutput) (*string, error) {
		vpcs = append(vpcs, page.Vpcs...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeVPC, sc, "ec2:DescribeVpcs", err)
		return nil
	}
	logs := map[string][]any{}
	var logsReason string
	err = listAll(ctx, ec2.NewDescribeFlowLogsPaginator(c, &ec2.DescribeFlowLogsInput{}), func(page *ec2.DescribeFlowLogsOutput) (*string, error) {
		for _, fl := range page.FlowLogs {
			id := sdkaws.ToString(fl.ResourceId)
			logs[id] = append(logs[id], map[string]any{
				"flow_log_id":  sdkaws.ToString(fl.FlowLogId),
				"status":       sdkaws.ToString(fl.FlowLogStatus),
				"traffic_type": string(fl.TrafficType),
			})
		}
		return page.NextToken, nil
	})
	if err != nil {
		logsReason = r.unknownReason(sc, "flow logs", "ec2:DescribeFlowLogs", err)
	}
	for _, v := range vpcs {
		id := sdkaws.ToString(v.VpcId)
		attrs := map[string]any{"vpc_id": id, "is_default": sdkaws.ToBool(v.IsDefault), "cidr_block": sdkaws.ToString(v.CidrBlock)}
		unknown := map[string]string{}
		if logsReason != "" {
			unknown["flow_logs"] = logsReason
		} else {
			fl := logs[id]
			if fl == nil {
				fl = []any{}
			}
			attrs["flow_logs"] = fl
		}
		r.add(evidence.Resource{Type: TypeVPC, ID: ec2ARN(sc, "vpc", id), Scope: sc, Attributes: attrs, Unknown: unknown})
	}
	return nil
}
