package aws

import (
	"context"
	"sort"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/macie2"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The regional security services CIS AWS v3.0 wants on in every region:
// IAM Access Analyzer (1.20), Macie (2.1.3) and Security Hub (4.16). Each
// is a setting of the account's region, next to GuardDuty and Config in
// the account's regions map.

// accessAnalyzer lists the region's analyzers. CIS 1.20 asks for an
// external-access analyzer: type ACCOUNT or ORGANIZATION (the unused-access
// analyzers answer another question) with status ACTIVE.
func (r *run) accessAnalyzer(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	const action = "access-analyzer:ListAnalyzers"
	attr := "regions." + sc.Region + ".access_analyzer"
	c := accessanalyzer.NewFromConfig(cfg)
	list := []any{}
	enabled := false
	err := listAll(ctx, accessanalyzer.NewListAnalyzersPaginator(c, &accessanalyzer.ListAnalyzersInput{}), func(page *accessanalyzer.ListAnalyzersOutput) (*string, error) {
		if page.Analyzers == nil {
			// The member is required: an answer without it is broken, not "no analyzers".
			return nil, errMissing("analyzers")
		}
		for _, a := range page.Analyzers {
			external := a.Type == aatypes.TypeAccount || a.Type == aatypes.TypeOrganization
			if external && a.Status == aatypes.AnalyzerStatusActive {
				enabled = true
			}
			list = append(list, map[string]any{"name": sdkaws.ToString(a.Name), "type": string(a.Type), "status": string(a.Status)})
		}
		return page.NextToken, nil
	})
	if err != nil {
		acct.unknownAttr(attr, r.unknownReason(sc, "access_analyzer", action, err))
		return nil
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].(map[string]any)["name"].(string) < list[j].(map[string]any)["name"].(string)
	})
	acct.setRegion(sc.Region, "access_analyzer", map[string]any{"enabled": enabled, "analyzers": list})
	return nil
}

// macie reads the region's Macie session. Macie answers a region where it
// is off with AccessDeniedException "Macie is not enabled" — the same code
// as a missing permission, told apart only by the message; any other
// denial stays unknown.
func (r *run) macie(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	const action = "macie2:GetMacieSession"
	attr := "regions." + sc.Region + ".macie"
	out, err := macie2.NewFromConfig(cfg).GetMacieSession(ctx, &macie2.GetMacieSessionInput{})
	switch {
	case err != nil && isDenied(err) && strings.Contains(strings.ToLower(errSummary(err)), "macie is not enabled"):
		acct.setRegion(sc.Region, "macie", map[string]any{"enabled": false})
	case err != nil:
		acct.unknownAttr(attr, r.unknownReason(sc, "macie", action, err))
	case out.Status == "":
		acct.unknownAttr(attr, r.unknownReason(sc, "macie", action, errMissing("status")))
	default:
		acct.setRegion(sc.Region, "macie", map[string]any{"enabled": out.Status == "ENABLED", "status": string(out.Status)})
	}
	return nil
}

// securityHub reads whether the region is subscribed to Security Hub.
// DescribeHub answers an unsubscribed region with InvalidAccessException
// (not a permission error: a missing securityhub:DescribeHub is
// AccessDeniedException).
func (r *run) securityHub(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope, acct *accountState) error {
	const action = "securityhub:DescribeHub"
	attr := "regions." + sc.Region + ".security_hub"
	out, err := securityhub.NewFromConfig(cfg).DescribeHub(ctx, &securityhub.DescribeHubInput{})
	switch {
	case hasCode(err, "InvalidAccessException", "ResourceNotFoundException"):
		acct.setRegion(sc.Region, "security_hub", map[string]any{"enabled": false})
	case err != nil:
		acct.unknownAttr(attr, r.unknownReason(sc, "security_hub", action, err))
	case sdkaws.ToString(out.HubArn) == "":
		acct.unknownAttr(attr, r.unknownReason(sc, "security_hub", action, errMissing("HubArn")))
	default:
		acct.setRegion(sc.Region, "security_hub", map[string]any{"enabled": true, "hub_arn": sdkaws.ToString(out.HubArn)})
	}
	return nil
}
