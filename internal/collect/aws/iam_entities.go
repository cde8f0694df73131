package aws

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Roles, groups and managed policies from GetAccountAuthorizationDetails,
// and the policy documents all IAM answers carry URL-encoded.

func groupResource(sc evidence.Scope, g iamtypes.GroupDetail, users []iamtypes.UserDetail) evidence.Resource {
	name := sdkaws.ToString(g.GroupName)
	// IAM answers membership on the user (GroupList), not on the group;
	// the same answer holds every user, so the list is complete.
	members := []string{}
	for _, u := range users {
		if slices.Contains(u.GroupList, name) {
			members = append(members, sdkaws.ToString(u.UserName))
		}
	}
	slices.Sort(members)
	unknown := map[string]string{}
	attrs := map[string]any{
		"group_name":        name,
		"arn":               sdkaws.ToString(g.Arn),
		"group_id":          sdkaws.ToString(g.GroupId),
		"path":              sdkaws.ToString(g.Path),
		"create_date":       rfc3339(g.CreateDate),
		"attached_policies": attachedPolicies(g.AttachedManagedPolicies),
		"inline_policies":   inlinePolicies(g.GroupPolicyList, unknown),
		"members":           members,
	}
	return evidence.Resource{Type: TypeIAMGroup, ID: sdkaws.ToString(g.Arn), Scope: sc, Attributes: attrs, Unknown: unknown}
}

func roleResource(sc evidence.Scope, role iamtypes.RoleDetail, sessions map[string]int32, sessionsReason string) evidence.Resource {
	arn := sdkaws.ToString(role.Arn)
	unknown := map[string]string{}
	attrs := map[string]any{
		"role_name":         sdkaws.ToString(role.RoleName),
		"arn":               arn,
		"role_id":           sdkaws.ToString(role.RoleId),
		"path":              sdkaws.ToString(role.Path),
		"create_date":       rfc3339(role.CreateDate),
		"attached_policies": attachedPolicies(role.AttachedManagedPolicies),
		"inline_policies":   inlinePolicies(role.RolePolicyList, unknown),
	}
	if doc, err := decodePolicy(sdkaws.ToString(role.AssumeRolePolicyDocument)); err != nil {
		unknown["assume_role_policy"] = "trust policy: " + err.Error()
	} else {
		attrs["assume_role_policy"] = doc
	}
	profiles := []any{}
	for _, p := range role.InstanceProfileList {
		profiles = append(profiles, map[string]any{"instance_profile_name": sdkaws.ToString(p.InstanceProfileName), "arn": sdkaws.ToString(p.Arn)})
	}
	attrs["instance_profiles"] = profiles
	if b := role.PermissionsBoundary; b != nil && sdkaws.ToString(b.PermissionsBoundaryArn) != "" {
		attrs["permissions_boundary"] = sdkaws.ToString(b.PermissionsBoundaryArn)
	}
	// No date is "not used in the tracking period": absent, as for keys.
	if lu := role.RoleLastUsed; lu != nil && lu.LastUsedDate != nil {
		attrs["last_used_date"] = rfc3339(lu.LastUsedDate)
		if region := sdkaws.ToString(lu.Region); region != "" {
			attrs["last_used_region"] = region
		}
	}
	switch s, ok := sessions[arn]; {
	case sessionsReason != "":
		unknown["max_session_duration"] = sessionsReason
	case !ok:
		// Created between the two listings.
		unknown["max_session_duration"] = "the role is not in iam:ListRoles"
	default:
		attrs["max_session_duration"] = int(s)
	}
	return evidence.Resource{Type: TypeIAMRole, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// maxSessions lists the roles' maximum session duration by ARN, which
// GetAccountAuthorizationDetails does not return. On failure the reason
// goes into every role's unknown map.
func (r *run) maxSessions(ctx context.Context, c *iam.Client, sc evidence.Scope) (map[string]int32, string) {
	out := map[string]int32{}
	err := listAll(ctx, iam.NewListRolesPaginator(c, &iam.ListRolesInput{}), func(page *iam.ListRolesOutput) (*string, error) {
		for _, role := range page.Roles {
			if role.MaxSessionDuration == nil {
				continue // left unknown for that role
			}
			out[sdkaws.ToString(role.Arn)] = *role.MaxSessionDuration
		}
		return truncated(page.IsTruncated, page.Marker), nil
	})
	if err != nil {
		return nil, r.unknownReason(sc, "max_session_duration of roles", "iam:ListRoles", err)
	}
	return out, ""
}

// attachedARNs is every managed policy a user, group or role of the
// answer attaches.
func attachedARNs(d authDetails) map[string]bool {
	out := map[string]bool{}
	add := func(ps []iamtypes.AttachedPolicy) {
		for _, p := range ps {
			out[sdkaws.ToString(p.PolicyArn)] = true
		}
	}
	for _, u := range d.users {
		add(u.AttachedManagedPolicies)
	}
	for _, g := range d.groups {
		add(g.AttachedManagedPolicies)
	}
	for _, r := range d.roles {
		add(r.AttachedManagedPolicies)
	}
	return out
}

// keepPolicy keeps every customer-managed policy (an unattached admin
// policy is itself a finding) and the AWS-managed ones something
// attaches: the hundreds of others grant nothing in this account.
func keepPolicy(p iamtypes.ManagedPolicyDetail, attached map[string]bool) bool {
	arn := sdkaws.ToString(p.Arn)
	return !awsManaged(arn) || sdkaws.ToInt32(p.AttachmentCount) > 0 || attached[arn]
}

// awsManaged reports whether arn names an AWS-managed policy
// (arn:aws:iam::aws:policy/…, in any partition).
func awsManaged(arn string) bool { return strings.Contains(arn, ":iam::aws:policy/") }

func policyResource(sc evidence.Scope, p iamtypes.ManagedPolicyDetail) evidence.Resource {
	arn := sdkaws.ToString(p.Arn)
	attrs := map[string]any{
		"policy_name":        sdkaws.ToString(p.PolicyName),
		"arn":                arn,
		"aws_managed":        awsManaged(arn),
		"attachment_count":   int(sdkaws.ToInt32(p.AttachmentCount)),
		"default_version_id": sdkaws.ToString(p.DefaultVersionId),
	}
	unknown := map[string]string{}
	for _, v := range p.PolicyVersionList {
		if !v.IsDefaultVersion {
			continue
		}
		doc, err := decodePolicy(sdkaws.ToString(v.Document))
		if err != nil {
			unknown["document"] = err.Error()
			continue
		}
		attrs["document"] = doc
	}
	if _, ok := attrs["document"]; !ok && unknown["document"] == "" {
		unknown["document"] = "no default policy version in GetAccountAuthorizationDetails"
	}
	return evidence.Resource{Type: TypeIAMPolicy, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

func attachedPolicies(ps []iamtypes.AttachedPolicy) []any {
	out := []any{}
	for _, a := range ps {
		out = append(out, map[string]any{"policy_name": sdkaws.ToString(a.PolicyName), "policy_arn": sdkaws.ToString(a.PolicyArn)})
	}
	return out
}

// inlinePolicies lists embedded policies with their documents. A document
// that cannot be read leaves {name} and says why under
// inline_policies[i].document: the policy exists, what it allows is unknown.
func inlinePolicies(ps []iamtypes.PolicyDetail, unknown map[string]string) []any {
	out := []any{}
	for i, p := range ps {
		name := sdkaws.ToString(p.PolicyName)
		v := map[string]any{"name": name}
		if doc, err := decodePolicy(sdkaws.ToString(p.PolicyDocument)); err != nil {
			unknown[fmt.Sprintf("inline_policies[%d].document", i)] = "inline policy " + name + ": " + err.Error()
		} else {
			v["document"] = doc
		}
		out = append(out, v)
	}
	return out
}

// decodePolicy parses a policy document, which IAM returns percent-encoded
// (RFC 3986). Decoded as a path, not a query: "+" is a plus sign, not a
// space ("ops+sec" in a condition stays "ops+sec"). Only a JSON object is
// a policy document.
func decodePolicy(raw string) (map[string]any, error) {
	if raw == "" {
		return nil, fmt.Errorf("policy document missing from the answer")
	}
	s, err := url.PathUnescape(raw)
	if err != nil {
		return nil, fmt.Errorf("policy document is not URL-encoded: %w", err)
	}
	return parsePolicyJSON(s)
}
