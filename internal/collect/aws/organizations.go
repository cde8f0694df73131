package aws

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// organization collects the account's AWS Organization (a global service:
// once per account) and, where the account may read them, the root's
// policy types, the delegated administrators and the service control
// policies. Any account may describe its organisation; the listings answer
// only the management account or a delegated administrator, so in a member
// account they are not_collected (the policies) or unknown (the root and
// the administrators), never "none".
func (r *run) organization(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	ocfg := cfg.Copy()
	ocfg.Region = organizationsRegion(cfg.Region)
	c := organizations.NewFromConfig(ocfg)
	out, err := c.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	switch {
	case hasCode(err, "AWSOrganizationsNotInUseException"):
		// A fact, not a gap: the account is in no organisation, so no
		// service control policy can apply to it.
		r.add(evidence.Resource{
			Type: TypeOrganization, ID: "arn:" + partition(ocfg.Region) + ":organizations::" + sc.AccountID + ":no-organization", Scope: sc,
			Attributes: map[string]any{"in_organization": false},
		})
		return nil
	case err == nil && out.Organization == nil:
		err = errMissing("Organization")
	}
	if err != nil {
		r.gap(ctx, TypeOrganization, sc, "organizations:DescribeOrganization", err)
		r.gap(ctx, TypeOrgPolicy, sc, "organizations:DescribeOrganization", err)
		return nil
	}
	o := out.Organization
	arn, management := sdkaws.ToString(o.Arn), sdkaws.ToString(o.MasterAccountId)
	if arn == "" {
		err := errMissing("Organization.Arn")
		r.gap(ctx, TypeOrganization, sc, "organizations:DescribeOrganization", err)
		r.gap(ctx, TypeOrgPolicy, sc, "organizations:DescribeOrganization", err)
		return nil
	}
	attrs := map[string]any{"in_organization": true, "arn": arn}
	unknown := map[string]string{}
	if id := sdkaws.ToString(o.Id); id != "" {
		attrs["organization_id"] = id
	} else {
		unknown["organization_id"] = r.unknownReason(sc, "organization_id", "organizations:DescribeOrganization", errMissing("Organization.Id"))
	}
	if management != "" {
		attrs["management_account_id"] = management
		attrs["is_management_account"] = management == sc.AccountID
	} else {
		why := r.unknownReason(sc, "management_account_id", "organizations:DescribeOrganization", errMissing("Organization.MasterAccountId"))
		unknown["management_account_id"], unknown["is_management_account"] = why, why
	}
	if o.FeatureSet != "" {
		attrs["feature_set"] = string(o.FeatureSet)
	} else {
		unknown["feature_set"] = r.unknownReason(sc, "feature_set", "organizations:DescribeOrganization", errMissing("Organization.FeatureSet"))
	}
	r.organizationRoot(ctx, c, sc, attrs, unknown)
	if admins, err := r.delegatedAdministrators(ctx, c); err != nil {
		unknown["delegated_administrators"] = r.unknownReason(sc, "delegated_administrators", actionOf(err, "organizations:ListDelegatedAdministrators"), err)
	} else {
		attrs["delegated_administrators"] = admins
	}
	r.add(evidence.Resource{Type: TypeOrganization, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown})
	return r.serviceControlPolicies(ctx, c, sc)
}

// organizationsRegion is the region Organizations answers in: its one
// endpoint per partition (us-east-1 for the commercial one).
func organizationsRegion(region string) string {
	switch partition(region) {
	case "aws-cn":
		return "cn-northwest-1"
	case "aws-us-gov":
		return "us-gov-west-1"
	}
	return "us-east-1"
}

// organizationRoot sets root_id, enabled_policy_types and scp_enabled from
// the organisation's one root.
func (r *run) organizationRoot(ctx context.Context, c *organizations.Client, sc evidence.Scope, attrs map[string]any, unknown map[string]string) {
	var roots []orgtypes.Root
	err := listAll(ctx, organizations.NewListRootsPaginator(c, &organizations.ListRootsInput{}), func(page *organizations.ListRootsOutput) (*string, error) {
		roots = append(roots, page.Roots...)
		return page.NextToken, nil
	})
	if err == nil && len(roots) != 1 {
		// An organisation has exactly one root; none (an empty body) or
		// several is an answer we cannot read policy types from.
		err = fmt.Errorf("ListRoots returned %d roots, an organisation has one", len(roots))
	}
	if err == nil && sdkaws.ToString(roots[0].Id) == "" {
		err = errMissing("Roots[0].Id")
	}
	if err != nil {
		why := r.unknownReason(sc, "organization root", "organizations:ListRoots", err)
		for _, k := range []string{"root_id", "enabled_policy_types", "scp_enabled"} {
			unknown[k] = why
		}
		return
	}
	enabled := []string{}
	for _, pt := range roots[0].PolicyTypes {
		if pt.Status == orgtypes.PolicyTypeStatusEnabled && pt.Type != "" {
			enabled = append(enabled, string(pt.Type))
		}
	}
	slices.Sort(enabled)
	attrs["root_id"] = sdkaws.ToString(roots[0].Id)
	attrs["enabled_policy_types"] = enabled
	attrs["scp_enabled"] = slices.Contains(enabled, string(orgtypes.PolicyTypeServiceControlPolicy))
}

// actionError names the IAM action of the call that failed, so a denied
// per-account listing is reported with its own action.
type actionError struct {
	action string
	err    error
}

func (e *actionError) Error() string { return e.err.Error() }
func (e *actionError) Unwrap() error { return e.err }

// actionOf is the action an actionError names, else def.
func actionOf(err error, def string) string {
	var ae *actionError
	if errors.As(err, &ae) {
		return ae.action
	}
	return def
}

// delegatedAdministrators lists the member accounts that administer a
// service for the organisation, each with its service principals. All or
// nothing: one account whose services cannot be listed makes the whole
// attribute unknown, since a partial list would read as "not delegated".
func (r *run) delegatedAdministrators(ctx context.Context, c *organizations.Client) ([]any, error) {
	var admins []orgtypes.DelegatedAdministrator
	err := listAll(ctx, organizations.NewListDelegatedAdministratorsPaginator(c, &organizations.ListDelegatedAdministratorsInput{}), func(page *organizations.ListDelegatedAdministratorsOutput) (*string, error) {
		admins = append(admins, page.DelegatedAdministrators...)
		return page.NextToken, nil
	})
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, a := range admins {
		id := sdkaws.ToString(a.Id)
		if id == "" {
			return nil, errMissing("DelegatedAdministrators[].Id")
		}
		var principals []string
		err := listAll(ctx, organizations.NewListDelegatedServicesForAccountPaginator(c, &organizations.ListDelegatedServicesForAccountInput{AccountId: sdkaws.String(id)}), func(page *organizations.ListDelegatedServicesForAccountOutput) (*string, error) {
			for _, s := range page.DelegatedServices {
				if p := sdkaws.ToString(s.ServicePrincipal); p != "" {
					principals = append(principals, p)
				}
			}
			return page.NextToken, nil
		})
		if err != nil {
			return nil, &actionError{action: "organizations:ListDelegatedServicesForAccount", err: fmt.Errorf("account %s: %w", id, err)}
		}
		slices.Sort(principals)
		out = append(out, map[string]any{"account_id": id, "service_principals": principals})
	}
	slices.SortFunc(out, func(a, b any) int {
		return strings.Compare(a.(map[string]any)["account_id"].(string), b.(map[string]any)["account_id"].(string))
	})
	return out, nil
}

// serviceControlPolicies lists the organisation's SCPs with their content
// and targets.
func (r *run) serviceControlPolicies(ctx context.Context, c *organizations.Client, sc evidence.Scope) error {
	var listed []orgtypes.PolicySummary
	err := listAll(ctx, organizations.NewListPoliciesPaginator(c, &organizations.ListPoliciesInput{Filter: orgtypes.PolicyTypeServiceControlPolicy}), func(page *organizations.ListPoliciesOutput) (*string, error) {
		listed = append(listed, page.Policies...)
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeOrgPolicy, sc, "organizations:ListPolicies", err)
		return nil
	}
	return describeEach(ctx, r, listed, func(ctx context.Context, p orgtypes.PolicySummary) evidence.Resource {
		return r.serviceControlPolicy(ctx, c, sc, p)
	})
}

func (r *run) serviceControlPolicy(ctx context.Context, c *organizations.Client, sc evidence.Scope, p orgtypes.PolicySummary) evidence.Resource {
	id, name := sdkaws.ToString(p.Id), sdkaws.ToString(p.Name)
	arn := sdkaws.ToString(p.Arn)
	attrs := map[string]any{"name": name, "policy_id": id, "type": string(p.Type), "aws_managed": p.AwsManaged}
	unknown := map[string]string{}
	if arn == "" {
		unknown["arn"] = r.unknownReason(sc, "arn of policy "+id, "organizations:ListPolicies", errMissing("Policies[].Arn"))
		arn = "arn:aws:organizations::" + sc.AccountID + ":policy/service_control_policy/" + id
	} else {
		attrs["arn"] = arn
	}
	out, err := c.DescribePolicy(ctx, &organizations.DescribePolicyInput{PolicyId: sdkaws.String(id)})
	switch {
	case err != nil:
		unknown["document"] = r.unknownReason(sc, "content of policy "+id, "organizations:DescribePolicy", err)
	case out.Policy == nil || out.Policy.Content == nil:
		unknown["document"] = r.unknownReason(sc, "content of policy "+id, "organizations:DescribePolicy", errMissing("Policy.Content"))
	default:
		if doc, err := parsePolicyJSON(*out.Policy.Content); err != nil {
			unknown["document"] = "policy " + id + ": " + err.Error()
		} else {
			attrs["document"] = doc
		}
	}
	targets := []any{}
	err = listAll(ctx, organizations.NewListTargetsForPolicyPaginator(c, &organizations.ListTargetsForPolicyInput{PolicyId: sdkaws.String(id)}), func(page *organizations.ListTargetsForPolicyOutput) (*string, error) {
		for _, t := range page.Targets {
			if sdkaws.ToString(t.TargetId) == "" || t.Type == "" {
				return nil, errMissing("Targets[].TargetId or Type")
			}
			targets = append(targets, map[string]any{"target_id": sdkaws.ToString(t.TargetId), "type": string(t.Type)})
		}
		return page.NextToken, nil
	})
	if err != nil {
		// Never an empty list: "detached" would read as proven.
		unknown["targets"] = r.unknownReason(sc, "targets of policy "+id, "organizations:ListTargetsForPolicy", err)
	} else {
		attrs["targets"] = targets
	}
	return evidence.Resource{Type: TypeOrgPolicy, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// parsePolicyJSON parses a policy document that is plain JSON (SCP
// content); IAM's percent-encoded documents go through decodePolicy, which
// ends here too. Only a JSON object is a policy document.
func parsePolicyJSON(s string) (map[string]any, error) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("policy document is not a JSON object: %w", err)
	}
	if doc == nil {
		return nil, fmt.Errorf("policy document is not a JSON object: null")
	}
	return doc, nil
}
