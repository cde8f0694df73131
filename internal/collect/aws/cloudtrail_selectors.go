package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// What a trail records, from GetEventSelectors: the selectors and the
// summaries CIS reads, derived by evidence.TrailSelectorAttributes (which the
// Terraform mapping uses too, so both producers agree).

// selectorAttrs are the trail attributes that come from GetEventSelectors.
var selectorAttrs = evidence.TrailSelectorAttrs

func (r *run) eventSelectors(ctx context.Context, c *cloudtrail.Client, sc evidence.Scope, trailARN *string, attrs map[string]any, unknown map[string]string) {
	out, err := c.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: trailARN})
	if err == nil && out.EventSelectors == nil && out.AdvancedEventSelectors == nil {
		// A trail has basic or advanced selectors, never neither.
		err = errMissing("EventSelectors or AdvancedEventSelectors")
	}
	if err != nil {
		reason := r.unknownReason(sc, "event selectors of "+sdkaws.ToString(trailARN), "cloudtrail:GetEventSelectors", err)
		for _, a := range selectorAttrs {
			unknown[a] = reason
		}
		return
	}
	for k, v := range selectorAttributes(out) {
		attrs[k] = v
	}
}

// selectorAttributes are the trail's selector attributes from the answer.
func selectorAttributes(out *cloudtrail.GetEventSelectorsOutput) map[string]any {
	basic := make([]evidence.EventSelector, 0, len(out.EventSelectors))
	for _, s := range out.EventSelectors {
		sel := evidence.EventSelector{
			ReadWriteType:                 string(s.ReadWriteType),
			IncludeManagementEvents:       sdkaws.ToBool(s.IncludeManagementEvents),
			ExcludeManagementEventSources: s.ExcludeManagementEventSources,
		}
		for _, d := range s.DataResources {
			sel.DataResources = append(sel.DataResources, evidence.DataResource{Type: sdkaws.ToString(d.Type), Values: d.Values})
		}
		basic = append(basic, sel)
	}
	advanced := make([]evidence.AdvancedEventSelector, 0, len(out.AdvancedEventSelectors))
	for _, s := range out.AdvancedEventSelectors {
		sel := evidence.AdvancedEventSelector{Name: sdkaws.ToString(s.Name)}
		for _, f := range s.FieldSelectors {
			sel.FieldSelectors = append(sel.FieldSelectors, evidence.FieldSelector{
				Field: sdkaws.ToString(f.Field), Equals: f.Equals, NotEquals: f.NotEquals, StartsWith: f.StartsWith,
				NotStartsWith: f.NotStartsWith, EndsWith: f.EndsWith, NotEndsWith: f.NotEndsWith,
			})
		}
		advanced = append(advanced, sel)
	}
	return evidence.TrailSelectorAttributes(basic, advanced)
}
