package aws

import (
	"context"
	"sort"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	i2types "github.com/aws/aws-sdk-go-v2/service/inspector2/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// inspector reads Amazon Inspector in the region: which scans the account
// has on (BatchGetAccountStatus), and the active findings — vulnerable
// packages and code, reachable ports of EC2 instances, ECR images and
// Lambda functions — that the threat view tracks as alerts of kind
// inspector. The resource exists in every collected region, so Inspector
// switched off is a finding of its own.
func (r *run) inspector(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	const statusAction = "inspector2:BatchGetAccountStatus"
	c := inspector2.NewFromConfig(cfg)
	st, err := c.BatchGetAccountStatus(ctx, &inspector2.BatchGetAccountStatusInput{})
	if err != nil {
		r.gap(ctx, TypeInspectorAccount, sc, statusAction, err)
		return nil
	}
	var acct *i2types.AccountState
	for i := range st.Accounts {
		if sdkaws.ToString(st.Accounts[i].AccountId) == sc.AccountID {
			acct = &st.Accounts[i]
		}
	}
	if acct == nil || acct.State == nil || acct.State.Status == "" {
		// The caller's own account is always answered: without it, or
		// without its state, the answer is broken, not "off".
		r.gap(ctx, TypeInspectorAccount, sc, statusAction, errMissing("the account's state"))
		return nil
	}
	attrs := map[string]any{"status": string(acct.State.Status)}
	if rs := acct.ResourceState; rs != nil {
		for name, s := range map[string]*i2types.State{"ec2": rs.Ec2, "ecr": rs.Ecr, "lambda": rs.Lambda, "lambda_code": rs.LambdaCode} {
			if s != nil && s.Status != "" {
				attrs[name] = string(s.Status)
			}
		}
	}
	unknown := map[string]string{}
	if acct.State.Status == i2types.StatusDisabled {
		// Inspector closes and removes the findings of an account it no
		// longer scans: there is nothing open to list.
		attrs["findings"] = []any{}
	} else if findings, why := r.inspectorFindings(ctx, c, sc); why != "" {
		unknown["findings"] = why
	} else {
		attrs["findings"] = findings
	}
	id := "arn:" + partition(sc.Region) + ":inspector2:" + sc.Region + ":" + sc.AccountID + ":account"
	r.add(evidence.Resource{Type: TypeInspectorAccount, ID: id, Scope: sc, Attributes: attrs, Unknown: unknown})
	return nil
}

// inspectorFindings lists the region's ACTIVE findings. A failed page
// leaves the whole list unknown, never a shorter list.
func (r *run) inspectorFindings(ctx context.Context, c *inspector2.Client, sc evidence.Scope) ([]any, string) {
	const action = "inspector2:ListFindings"
	in := &inspector2.ListFindingsInput{FilterCriteria: &i2types.FilterCriteria{
		FindingStatus: []i2types.StringFilter{{Comparison: i2types.StringComparisonEquals, Value: sdkaws.String("ACTIVE")}},
	}}
	p := inspector2.NewListFindingsPaginator(c, in)
	var guard pageGuard
	list := []any{}
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = guard.next(page.NextToken)
		}
		if err != nil {
			return nil, r.unknownReason(sc, "inspector findings", action, err)
		}
		if page.Findings == nil {
			return nil, r.unknownReason(sc, "inspector findings", action, errMissing("findings"))
		}
		for _, f := range page.Findings {
			list = append(list, inspectorFinding(f))
		}
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].(map[string]any)["arn"].(string) < list[j].(map[string]any)["arn"].(string)
	})
	return list, ""
}

func inspectorFinding(f i2types.Finding) map[string]any {
	m := map[string]any{
		"arn":               sdkaws.ToString(f.FindingArn),
		"type":              string(f.Type),
		"title":             sdkaws.ToString(f.Title),
		"severity":          strings.ToLower(string(f.Severity)),
		"fix_available":     string(f.FixAvailable),
		"exploit_available": string(f.ExploitAvailable),
		"state":             "open",
	}
	for k, t := range map[string]string{"created_at": rfc3339(f.FirstObservedAt), "last_seen": rfc3339(f.LastObservedAt), "updated_at": rfc3339(f.UpdatedAt)} {
		if t != "" {
			m[k] = t
		}
	}
	if v := f.PackageVulnerabilityDetails; v != nil {
		m["vulnerability_id"] = sdkaws.ToString(v.VulnerabilityId)
		pkgs := []string{}
		for _, p := range v.VulnerablePackages {
			if n := sdkaws.ToString(p.Name); n != "" {
				pkgs = append(pkgs, n)
			}
		}
		m["packages"] = pkgs
	}
	if len(f.Resources) > 0 {
		m["resource_type"] = string(f.Resources[0].Type)
		m["resource"] = sdkaws.ToString(f.Resources[0].Id)
	}
	return m
}
