package terraform

import (
	"fmt"
	"slices"

	"github.com/zclconf/go-cty/cty"
)

// instanceSecurityGroups maps the groups of an aws_instance to
// security_group_ids (the AWS IDs, known only for groups that already exist)
// and security_group_refs (the evidence IDs of the aws.ec2.security_group
// resources of this root module, which is what the relation controls join
// on). Whatever cannot be placed statically leaves the attribute unknown
// with its reason: a control must not call an instance closed because one
// of its groups was not seen.
func instanceSecurityGroups(m *mapper, b *builder, in *Instance) {
	if ni, _, ok := blocks(in.Body, "network_interface"); !ok || len(ni) > 0 {
		why := in.Address + " attaches network_interface blocks: its groups are those of the aws_network_interface resources, which are not mapped"
		b.unknown("security_group_ids", why)
		b.unknown("security_group_refs", why)
		return
	}
	byID, byName := get(in.Body, "vpc_security_group_ids"), get(in.Body, "security_groups")
	if byID == cty.NilVal && byName == cty.NilVal {
		why := in.Address + " sets neither vpc_security_group_ids nor security_groups: AWS attaches the VPC's default security group at apply"
		b.unknown("security_group_ids", why)
		b.unknown("security_group_refs", why)
		return
	}
	var ids, refs []string
	var idWhy, refWhy string
	note := func(why *string, s string) {
		if *why == "" {
			*why = s
		}
	}
	for _, arg := range []struct {
		name  string
		value cty.Value
		// nameAttrs are the group arguments a known element may equal.
		nameAttrs []string
	}{
		{"vpc_security_group_ids", byID, nil},
		{"security_groups", byName, []string{"name"}},
	} {
		if arg.value == cty.NilVal {
			continue
		}
		elems, u, ok := blocks(in.Body, arg.name)
		if !ok {
			why := fmt.Sprintf("%s.%s: %s", in.Address, arg.name, unknownReason(u))
			note(&idWhy, why)
			note(&refWhy, why)
			continue
		}
		for _, e := range elems {
			p := m.resolve(in, e, "aws_security_group", arg.nameAttrs)
			if p == nil {
				p = m.resolve(in, e, "aws_default_security_group", arg.nameAttrs)
			}
			s, known := str(e)
			switch {
			case p != nil:
				refs = append(refs, id(p))
			case known:
				note(&refWhy, fmt.Sprintf("%s.%s names %q, which is no security group of this configuration: its rules are not in the evidence", in.Address, arg.name, s))
			default:
				note(&refWhy, fmt.Sprintf("%s.%s: %s", in.Address, arg.name, unknownReason(e)))
			}
			switch {
			case known && arg.name == "vpc_security_group_ids":
				ids = append(ids, s)
			case known:
				note(&idWhy, fmt.Sprintf("%s.security_groups names %q: its ID is assigned by AWS", in.Address, s))
			default:
				note(&idWhy, fmt.Sprintf("%s.%s: %s", in.Address, arg.name, unknownReason(e)))
			}
		}
	}
	setGroupList(b, "security_group_ids", ids, idWhy)
	setGroupList(b, "security_group_refs", refs, refWhy)
}

func setGroupList(b *builder, attr string, vals []string, why string) {
	if why != "" {
		b.unknown(attr, why)
		return
	}
	slices.Sort(vals)
	b.r.Attributes[attr] = append([]string{}, slices.Compact(vals)...)
}

// instanceProfile maps aws_instance iam_instance_profile (a profile name):
// absent or "" is no profile, as on live evidence; a name, or a reference
// to an aws_iam_instance_profile of this root module (its name, or its
// address when the name is generated at apply), is the profile; anything
// else is unknown with the reason (CIS 1.18, AWS-EC2-006).
func instanceProfile(m *mapper, b *builder, in *Instance) {
	v := get(in.Body, "iam_instance_profile")
	if v == cty.NilVal {
		return
	}
	if s, ok := str(v); ok {
		if s != "" {
			b.r.Attributes["iam_instance_profile"] = s
		}
		return
	}
	if p := m.resolve(in, v, "aws_iam_instance_profile", []string{"name"}); p != nil {
		b.identifier("iam_instance_profile", get(p.Body, "name"), p)
		return
	}
	b.unknown("iam_instance_profile", in.Address+".iam_instance_profile: "+unknownReason(v))
}
