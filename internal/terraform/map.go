package terraform

import (
	"fmt"
	"path"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mappers turn evaluated Terraform instances into normalised resources. One
// entry per resource family; the order only affects nothing but readability,
// output is sorted.
var mappers = []func(*mapper){
	mapS3Buckets,
	mapSecurityGroups,
	mapIAMUsers,
	mapIAMRoles,
	mapIAMGroups,
	mapIAMPolicies,
	mapServerCertificates,
	mapAccount,
	mapCloudTrail,
	mapKMSKeys,
	mapRDSInstances,
	mapRDSClusters,
	mapSubnets,
	mapLaunchTemplates,
	mapEBSVolumes,
	mapEC2Instances,
	mapVPCs,
	mapEFSFileSystems,
	mapGuardDutyDetectors,
	mapSecrets, mapSNSTopics, mapSQSQueues, mapDynamoDBTables,
	mapLogGroups,
	mapBackup,
	mapOrganizations,
	mapNetworkACLs,
	mapRouteTables,
	mapLoadBalancersV2, mapClassicLoadBalancers, mapCloudFrontDistributions, mapRestAPIs, mapDomainNames, mapHTTPAPIs,
	mapLambdaFunctions,
	mapECRRepositories,
	mapEKSClusters,
	mapGitHubRepositories,
	mapGitHubOrganizations,
	mapGitHubMembers,
}

type mapper struct {
	byType map[string][]*Instance
	byAddr map[string]*Instance // root + "\x00" + address
	diags  hcl.Diagnostics
	out    []evidence.Resource
	// iamMembers joins IAM users and groups once (map_iam_roles.go).
	iamMembers *memberships
	// wafLinks places the web ACL associations once (map_waf.go).
	wafLinks *links
}

func mapAll(insts []*Instance) ([]evidence.Resource, hcl.Diagnostics) {
	m := &mapper{byType: map[string][]*Instance{}, byAddr: map[string]*Instance{}}
	for _, in := range insts {
		m.byType[in.Type] = append(m.byType[in.Type], in)
		m.byAddr[in.Root+"\x00"+in.Address] = in
	}
	for _, f := range mappers {
		f(m)
	}
	sort.SliceStable(m.out, func(i, j int) bool {
		a, b := m.out[i], m.out[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	if m.out == nil {
		m.out = []evidence.Resource{}
	}
	return m.out, m.diags
}

func (m *mapper) emit(b *builder) { m.out = append(m.out, *b.r) }

func (m *mapper) warn(in *Instance, summary, detail string) {
	m.diags = append(m.diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning, Summary: summary, Detail: detail,
		Subject: &hcl.Range{Filename: in.File, Start: hcl.Pos{Line: in.Line, Column: 1}, End: hcl.Pos{Line: in.Line, Column: 1}},
	})
}

// id names a resource whose cloud identifier is only known after apply by
// its root module and Terraform address: stable across branches, so the
// gate can tell new findings from old ones.
func id(in *Instance) string { return path.Join(in.Root, in.Address) }

// globalScope is for IAM and account settings, which have no region.
func globalScope(*Instance) evidence.Scope { return evidence.Scope{Platform: "terraform"} }

func awsScope(in *Instance) evidence.Scope {
	return evidence.Scope{Platform: "terraform", Region: in.Region}
}

// links attaches instances of a child type (aws_s3_bucket_versioning) to
// their parent (aws_s3_bucket) through the child's linkAttr argument: by the
// reference itself (aws_s3_bucket.logs.id) or by a known name matching one
// of the parent's nameAttrs.
type links struct {
	of map[*Instance][]*Instance
	// unresolved holds, per root module, why some child could not be placed:
	// every parent of that root without a child of its own is then unknown.
	unresolved map[string]string
}

func (m *mapper) link(childType, parentType, linkAttr string, nameAttrs ...string) links {
	return m.linkWith(true, childType, parentType, linkAttr, nameAttrs...)
}

// linkOrExternal is link for children that commonly point outside the
// configuration (an attachment of an AWS-managed policy ARN): a known name
// matching nothing here is expected and not warned about.
func (m *mapper) linkOrExternal(childType, parentType, linkAttr string, nameAttrs ...string) links {
	return m.linkWith(false, childType, parentType, linkAttr, nameAttrs...)
}

func (m *mapper) linkWith(warnExternal bool, childType, parentType, linkAttr string, nameAttrs ...string) links {
	l := links{of: map[*Instance][]*Instance{}, unresolved: map[string]string{}}
	for _, c := range m.byType[childType] {
		v := get(c.Body, linkAttr)
		if p := m.resolve(c, v, parentType, nameAttrs); p != nil {
			l.of[p] = append(l.of[p], c)
			continue
		}
		if s, ok := str(v); ok {
			// A known name that matches nothing here configures a resource
			// managed elsewhere: not one of ours, but say so.
			if !warnExternal {
				continue
			}
			m.warn(c, "Target outside this configuration", fmt.Sprintf("%s sets %s = %q, which matches no %s in this configuration; it is not checked.", c.Address, linkAttr, s, parentType))
			continue
		}
		why := fmt.Sprintf("%s (%s:%d) configures a %s that cannot be determined statically (%s = %s)", c.Address, c.File, c.Line, parentType, linkAttr, describeUnknown(v, "unset"))
		m.warn(c, "Cannot link "+childType, why)
		if _, seen := l.unresolved[c.Root]; !seen {
			l.unresolved[c.Root] = why
		}
	}
	return l
}

func (m *mapper) resolve(from *Instance, v cty.Value, parentType string, nameAttrs []string) *Instance {
	if v == cty.NilVal {
		return nil
	}
	s, known := str(v)
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		p := m.byAddr[from.Root+"\x00"+r.Addr]
		if p == nil || p.Type != parentType {
			continue
		}
		// A known value only derived from the reference ("${aws_s3_bucket.a.bucket}-logs")
		// names another bucket: it must be the referenced value itself.
		if known {
			if ps, ok := str(get(p.Body, r.Attr)); !ok || ps != s {
				continue
			}
		}
		return p
	}
	if !known {
		return nil
	}
	for _, p := range m.byType[parentType] {
		if p.Root != from.Root {
			continue
		}
		for _, a := range nameAttrs {
			if ps, ok := str(get(p.Body, a)); ok && ps == s {
				return p
			}
		}
	}
	return nil
}

// one returns the child configuring a parent: the last one when several do
// (Terraform would fight over it; the warning says so).
func (m *mapper) one(l links, p *Instance, what string) (*Instance, string) {
	cs := l.of[p]
	if len(cs) > 1 {
		m.warn(cs[len(cs)-1], "Conflicting "+what, fmt.Sprintf("%d resources configure the %s of %s; the last one is used.", len(cs), what, p.Address))
	}
	if len(cs) > 0 {
		return cs[len(cs)-1], ""
	}
	return nil, l.unresolved[p.Root]
}
