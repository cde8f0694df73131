package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// Organization is an AWS Organization as its accounts see it. Accounts of
// one organisation share the value; only the management account and the
// delegated administrator of Organizations itself may read the root, the
// policies and the delegated administrators, as in AWS.
type Organization struct {
	ID                string // o-…
	ManagementAccount string
	FeatureSet        string   // ALL or CONSOLIDATED_BILLING
	RootID            string   // r-…
	RootPolicyTypes   []string // the policy types enabled on the root
	SCPs              []SCP
	Delegated         []DelegatedAdmin
}

// SCP is a service control policy and where it is attached.
type SCP struct {
	ID, Name   string
	AWSManaged bool
	Content    string // the policy JSON; any string, to test broken ones
	Targets    []SCPTarget
}

// SCPTarget is where an SCP is attached: ROOT, ORGANIZATIONAL_UNIT or ACCOUNT.
type SCPTarget struct{ ID, Type, Name string }

// DelegatedAdmin is a member account that administers services for the organisation.
type DelegatedAdmin struct {
	Account  string
	Services []string // service principals
}

func (o *Organization) arn() string {
	return "arn:aws:organizations::" + o.ManagementAccount + ":organization/" + o.ID
}

func (o *Organization) policyARN(p SCP) string {
	if p.AWSManaged {
		return "arn:aws:organizations::aws:policy/service_control_policy/" + p.ID
	}
	return "arn:aws:organizations::" + o.ManagementAccount + ":policy/" + o.ID + "/service_control_policy/" + p.ID
}

// mayAdminister: the management account, or the delegated administrator
// of Organizations policy management.
func (o *Organization) mayAdminister(account string) bool {
	if account == o.ManagementAccount {
		return true
	}
	for _, d := range o.Delegated {
		if d.Account == account && slices.Contains(d.Services, "organizations.amazonaws.com") {
			return true
		}
	}
	return false
}

func (s *Server) organizations(c *call) error {
	var in struct{ NextToken, PolicyId, AccountId, Filter string }
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
	}
	o := c.account.Organization
	if o == nil {
		s.fail(c, http.StatusBadRequest, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
		return nil
	}
	if c.op == "DescribeOrganization" {
		return render(c, jsonType, "organizations/DescribeOrganization", map[string]any{"Org": o, "ARN": o.arn()})
	}
	if !o.mayAdminister(c.account.ID) {
		s.fail(c, http.StatusBadRequest, "AccessDeniedException", "You don't have permissions to access this resource.")
		return nil
	}
	switch c.op {
	case "ListRoots":
		items, next := page(c, []string{o.RootID}, in.NextToken, s.faults.PageSize)
		return render(c, jsonType, "organizations/ListRoots", map[string]any{"Org": o, "Items": items, "NextToken": next})
	case "ListPolicies":
		if in.Filter != "SERVICE_CONTROL_POLICY" {
			return fmt.Errorf("organizations: ListPolicies filter %q not served", in.Filter)
		}
		items, next := page(c, o.SCPs, in.NextToken, s.faults.PageSize)
		return render(c, jsonType, "organizations/ListPolicies", map[string]any{"Org": o, "Items": s.scpViews(o, items), "NextToken": next})
	case "DescribePolicy", "ListTargetsForPolicy":
		for _, p := range o.SCPs {
			if p.ID != in.PolicyId {
				continue
			}
			if c.op == "DescribePolicy" {
				return render(c, jsonType, "organizations/DescribePolicy", s.scpViews(o, []SCP{p})[0])
			}
			items, next := page(c, p.Targets, in.NextToken, s.faults.PageSize)
			return render(c, jsonType, "organizations/ListTargetsForPolicy", map[string]any{"Org": o, "Items": items, "NextToken": next})
		}
		s.fail(c, http.StatusBadRequest, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
		return nil
	case "ListDelegatedAdministrators":
		items, next := page(c, o.Delegated, in.NextToken, s.faults.PageSize)
		return render(c, jsonType, "organizations/ListDelegatedAdministrators", map[string]any{"Org": o, "Items": items, "NextToken": next})
	case "ListDelegatedServicesForAccount":
		for _, d := range o.Delegated {
			if d.Account == in.AccountId {
				items, next := page(c, d.Services, in.NextToken, s.faults.PageSize)
				return render(c, jsonType, "organizations/ListDelegatedServicesForAccount", map[string]any{"Items": items, "NextToken": next})
			}
		}
		s.fail(c, http.StatusBadRequest, "AccountNotRegisteredException", "The provided account is not a registered delegated administrator for your organization.")
		return nil
	}
	return fmt.Errorf("organizations: unsupported operation %q", c.op)
}

type scpView struct {
	SCP
	ARN string
}

func (s *Server) scpViews(o *Organization, ps []SCP) []scpView {
	out := make([]scpView, len(ps))
	for i, p := range ps {
		out[i] = scpView{SCP: p, ARN: o.policyARN(p)}
	}
	return out
}
