package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// getFindingsBatch is GetFindings' limit of finding IDs per call.
const getFindingsBatch = 50

// guardDutyDetector builds the region's aws.guardduty.detector from the
// GetDetector answer the account's guardduty task already has: its
// protection plans (features) and its open findings, which the threat
// view tracks as alerts of kind guardduty.
func (r *run) guardDutyDetector(ctx context.Context, c *guardduty.Client, sc evidence.Scope, id string, d *guardduty.GetDetectorOutput) evidence.Resource {
	attrs := map[string]any{"detector_id": id, "status": string(d.Status), "features": detectorFeatures(d.Features)}
	unknown := map[string]string{}
	if findings, why := r.guardDutyFindings(ctx, c, sc, id); why != "" {
		unknown["findings"] = why
	} else {
		attrs["findings"] = findings
	}
	arn := "arn:" + partition(sc.Region) + ":guardduty:" + sc.Region + ":" + sc.AccountID + ":detector/" + id
	return evidence.Resource{Type: TypeGuardDutyDetector, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// detectorFeatures is the features attribute: name (lower case) →
// {status, additional: {name → status}}.
func detectorFeatures(features []gdtypes.DetectorFeatureConfigurationResult) map[string]any {
	out := map[string]any{}
	for _, f := range features {
		if f.Name == "" {
			continue
		}
		additional := map[string]any{}
		for _, a := range f.AdditionalConfiguration {
			if a.Name != "" {
				additional[strings.ToLower(string(a.Name))] = string(a.Status)
			}
		}
		out[strings.ToLower(string(f.Name))] = map[string]any{"status": string(f.Status), "additional": additional}
	}
	return out
}

// guardDutyFindings lists the detector's open (not archived) findings and
// fetches them. Any failure leaves the whole list unknown: a part of the
// findings would read as "nothing else is open".
func (r *run) guardDutyFindings(ctx context.Context, c *guardduty.Client, sc evidence.Scope, id string) ([]any, string) {
	in := &guardduty.ListFindingsInput{
		DetectorId: sdkaws.String(id),
		FindingCriteria: &gdtypes.FindingCriteria{Criterion: map[string]gdtypes.Condition{
			"service.archived": {Equals: []string{"false"}},
		}},
	}
	p := guardduty.NewListFindingsPaginator(c, in)
	var guard pageGuard
	var ids []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err == nil {
			err = guard.next(page.NextToken)
		}
		if err != nil {
			return nil, r.unknownReason(sc, "guardduty findings", "guardduty:ListFindings", err)
		}
		if page.FindingIds == nil {
			return nil, r.unknownReason(sc, "guardduty findings", "guardduty:ListFindings", errMissing("findingIds"))
		}
		ids = append(ids, page.FindingIds...)
	}
	list := make([]any, 0, len(ids))
	for start := 0; start < len(ids); start += getFindingsBatch {
		batch := ids[start:min(start+getFindingsBatch, len(ids))]
		out, err := c.GetFindings(ctx, &guardduty.GetFindingsInput{DetectorId: sdkaws.String(id), FindingIds: batch})
		if err != nil {
			return nil, r.unknownReason(sc, "guardduty findings", "guardduty:GetFindings", err)
		}
		if len(out.Findings) != len(batch) {
			// A finding archived between the two calls is the only honest
			// reason for fewer; it cannot be told from a broken answer.
			return nil, r.unknownReason(sc, "guardduty findings", "guardduty:GetFindings",
				fmt.Errorf("asked for %d findings, got %d", len(batch), len(out.Findings)))
		}
		for _, f := range out.Findings {
			list = append(list, guardDutyFinding(f))
		}
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].(map[string]any)["id"].(string) < list[j].(map[string]any)["id"].(string)
	})
	return list, ""
}

func guardDutyFinding(f gdtypes.Finding) map[string]any {
	score := sdkaws.ToFloat64(f.Severity)
	m := map[string]any{
		"id":             sdkaws.ToString(f.Id),
		"type":           sdkaws.ToString(f.Type),
		"title":          sdkaws.ToString(f.Title),
		"severity_score": score,
		"severity":       guardDutySeverity(f.Severity),
		"created_at":     isoTime(sdkaws.ToString(f.CreatedAt)),
		"updated_at":     isoTime(sdkaws.ToString(f.UpdatedAt)),
		"state":          "open",
	}
	if res := f.Resource; res != nil {
		m["resource_type"] = sdkaws.ToString(res.ResourceType)
		if id := guardDutyResourceID(res); id != "" {
			m["resource"] = id
		}
	}
	if s := f.Service; s != nil {
		if v := isoTime(sdkaws.ToString(s.EventFirstSeen)); v != "" {
			m["first_seen"] = v
		}
		if v := isoTime(sdkaws.ToString(s.EventLastSeen)); v != "" {
			m["last_seen"] = v
		}
		if s.Count != nil {
			m["count"] = int(*s.Count)
		}
	}
	return m
}

// guardDutySeverity is GuardDuty's documented band of a severity score.
// A missing score is "unknown", which the threat view and the controls
// treat as critical.
func guardDutySeverity(score *float64) string {
	if score == nil {
		return "unknown"
	}
	switch s := *score; {
	case s >= 9:
		return "critical"
	case s >= 7:
		return "high"
	case s >= 4:
		return "medium"
	default:
		return "low"
	}
}

// guardDutyResourceID names what a finding concerns, from the detail
// block of its resource type.
func guardDutyResourceID(res *gdtypes.Resource) string {
	switch {
	case res.InstanceDetails != nil && sdkaws.ToString(res.InstanceDetails.InstanceId) != "":
		return sdkaws.ToString(res.InstanceDetails.InstanceId)
	case res.AccessKeyDetails != nil && sdkaws.ToString(res.AccessKeyDetails.UserName) != "":
		return sdkaws.ToString(res.AccessKeyDetails.UserName)
	case len(res.S3BucketDetails) > 0 && sdkaws.ToString(res.S3BucketDetails[0].Name) != "":
		return sdkaws.ToString(res.S3BucketDetails[0].Name)
	case res.EksClusterDetails != nil && sdkaws.ToString(res.EksClusterDetails.Name) != "":
		return sdkaws.ToString(res.EksClusterDetails.Name)
	case res.LambdaDetails != nil && sdkaws.ToString(res.LambdaDetails.FunctionName) != "":
		return sdkaws.ToString(res.LambdaDetails.FunctionName)
	case res.RdsDbInstanceDetails != nil && sdkaws.ToString(res.RdsDbInstanceDetails.DbInstanceIdentifier) != "":
		return sdkaws.ToString(res.RdsDbInstanceDetails.DbInstanceIdentifier)
	}
	return ""
}

// isoTime writes GuardDuty's ISO 8601 strings ("2024-01-01T00:00:00.000Z")
// as RFC 3339 to the second, like every other time in the evidence; a
// string that does not parse is kept as it is, so the control and the
// threat view report it unreadable rather than guess.
func isoTime(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	return s
}
