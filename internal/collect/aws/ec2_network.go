package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Network ACLs (CIS 5.1: no ACL admits remote administration from
// 0.0.0.0/0) and route tables (5.5: VPC peering routes are least access).

func (r *run) networkACLs(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeNetworkAclsPaginator(c, &ec2.DescribeNetworkAclsInput{}), func(page *ec2.DescribeNetworkAclsOutput) (*string, error) {
		for _, acl := range page.NetworkAcls {
			id := sdkaws.ToString(acl.NetworkAclId)
			subnets := []string{}
			for _, a := range acl.Associations {
				if a.SubnetId != nil {
					subnets = append(subnets, *a.SubnetId)
				}
			}
			out = append(out, evidence.Resource{Type: TypeNetworkACL, ID: ec2ARN(sc, "network-acl", id), Scope: sc, Attributes: map[string]any{
				"network_acl_id": id,
				"vpc_id":         sdkaws.ToString(acl.VpcId),
				"is_default":     sdkaws.ToBool(acl.IsDefault),
				"subnet_ids":     subnets,
				"entries":        aclEntries(acl.Entries),
			}})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeNetworkACL, sc, "ec2:DescribeNetworkAcls", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// aclEntries keeps every entry, the implicit deny-all (rule 32767)
// included: rules are evaluated in number order and a control needs all
// of them to tell whether an allow is reached.
func aclEntries(entries []ec2types.NetworkAclEntry) []any {
	out := []any{}
	for _, e := range entries {
		entry := map[string]any{
			"rule_number": int(sdkaws.ToInt32(e.RuleNumber)),
			"protocol":    sdkaws.ToString(e.Protocol),
			"egress":      sdkaws.ToBool(e.Egress),
			"rule_action": string(e.RuleAction),
		}
		if e.CidrBlock != nil {
			entry["cidr_block"] = *e.CidrBlock
		}
		if e.Ipv6CidrBlock != nil {
			entry["ipv6_cidr_block"] = *e.Ipv6CidrBlock
		}
		// Ports exist for TCP (6) and UDP (17) only; for "-1" (all) they are absent.
		if e.PortRange != nil {
			if e.PortRange.From != nil {
				entry["from_port"] = int(*e.PortRange.From)
			}
			if e.PortRange.To != nil {
				entry["to_port"] = int(*e.PortRange.To)
			}
		}
		out = append(out, entry)
	}
	return out
}

func (r *run) routeTables(ctx context.Context, c *ec2.Client, sc evidence.Scope) error {
	var out []evidence.Resource
	err := listAll(ctx, ec2.NewDescribeRouteTablesPaginator(c, &ec2.DescribeRouteTablesInput{}), func(page *ec2.DescribeRouteTablesOutput) (*string, error) {
		for _, rt := range page.RouteTables {
			id := sdkaws.ToString(rt.RouteTableId)
			subnets := []string{}
			main := false
			for _, a := range rt.Associations {
				if sdkaws.ToBool(a.Main) {
					main = true
				}
				if a.SubnetId != nil {
					subnets = append(subnets, *a.SubnetId)
				}
			}
			out = append(out, evidence.Resource{Type: TypeRouteTable, ID: ec2ARN(sc, "route-table", id), Scope: sc, Attributes: map[string]any{
				"route_table_id": id,
				"vpc_id":         sdkaws.ToString(rt.VpcId),
				"main":           main,
				"subnet_ids":     subnets,
				"routes":         routes(rt.Routes),
			}})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeRouteTable, sc, "ec2:DescribeRouteTables", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// routes keeps each route's destination and its one target, named by
// kind, so a control can find peering routes and their destinations.
func routes(rs []ec2types.Route) []any {
	out := []any{}
	for _, rt := range rs {
		route := map[string]any{"state": string(rt.State), "origin": string(rt.Origin)}
		for k, v := range map[string]*string{
			"destination_cidr_block":      rt.DestinationCidrBlock,
			"destination_ipv6_cidr_block": rt.DestinationIpv6CidrBlock,
			"destination_prefix_list_id":  rt.DestinationPrefixListId,
		} {
			if v != nil {
				route[k] = *v
			}
		}
		for _, t := range []struct {
			kind string
			id   *string
		}{
			{"gateway", rt.GatewayId}, {"nat_gateway", rt.NatGatewayId}, {"transit_gateway", rt.TransitGatewayId},
			// An instance route names the instance's interface too: instance first.
			{"vpc_peering_connection", rt.VpcPeeringConnectionId}, {"instance", rt.InstanceId},
			{"network_interface", rt.NetworkInterfaceId}, {"egress_only_internet_gateway", rt.EgressOnlyInternetGatewayId},
			{"local_gateway", rt.LocalGatewayId}, {"carrier_gateway", rt.CarrierGatewayId},
		} {
			if t.id != nil {
				route["target_type"], route["target_id"] = t.kind, *t.id
				break
			}
		}
		if rt.VpcPeeringConnectionId != nil {
			route["vpc_peering_connection_id"] = *rt.VpcPeeringConnectionId
		}
		out = append(out, route)
	}
	return out
}
