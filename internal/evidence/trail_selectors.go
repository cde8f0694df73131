package evidence

import "slices"

// What a CloudTrail trail records, from its event selectors: the selectors
// as AWS returns them, and two summaries CIS AWS v3.0 reads — management
// events read and write (3.1) and S3 object-level events for all buckets
// (3.8 write, 3.9 read). Both producers derive the aws.cloudtrail.trail
// attributes event_selectors, advanced_event_selectors, management_events
// and s3_data_events here, the live collector from GetEventSelectors and
// the Terraform mapping from aws_cloudtrail's event_selector and
// advanced_event_selector blocks, so a trail reads the same either way. A
// selector counts towards a summary only when it selects everything of its
// kind: one narrowed by an ARN, an event name or an excluded source does
// not, so a summary is false rather than true on a partial selector.

// TrailSelectorAttrs are the trail attributes TrailSelectorAttributes fills.
var TrailSelectorAttrs = []string{"event_selectors", "advanced_event_selectors", "management_events", "s3_data_events"}

// EventSelector is a basic event selector.
type EventSelector struct {
	ReadWriteType                 string // All | ReadOnly | WriteOnly
	IncludeManagementEvents       bool
	ExcludeManagementEventSources []string
	DataResources                 []DataResource
}

// DataResource is a basic selector's data resource.
type DataResource struct {
	Type   string
	Values []string
}

// AdvancedEventSelector is an advanced event selector.
type AdvancedEventSelector struct {
	Name           string
	FieldSelectors []FieldSelector
}

// FieldSelector is one field condition of an advanced selector.
type FieldSelector struct {
	Field                                                               string
	Equals, NotEquals, StartsWith, NotStartsWith, EndsWith, NotEndsWith []string
}

// s3AllObjects are the DataResource values that select every bucket's
// objects, current and future.
var s3AllObjects = []string{"arn:aws:s3", "arn:aws:s3:::", "arn:aws-cn:s3:::", "arn:aws-us-gov:s3:::"}

// TrailSelectorAttributes are the trail's selector attributes.
func TrailSelectorAttributes(basicSelectors []EventSelector, advancedSelectors []AdvancedEventSelector) map[string]any {
	mgmt := map[string]any{"read": false, "write": false}
	s3 := map[string]any{"read": false, "write": false}
	basic := []any{}
	for _, s := range basicSelectors {
		read, write := readWrite(s.ReadWriteType)
		if s.IncludeManagementEvents && len(s.ExcludeManagementEventSources) == 0 {
			orInto(mgmt, read, write)
		}
		resources := []any{}
		for _, d := range s.DataResources {
			resources = append(resources, map[string]any{"type": d.Type, "values": nonNil(d.Values)})
			if d.Type == "AWS::S3::Object" && slices.ContainsFunc(d.Values, func(v string) bool { return slices.Contains(s3AllObjects, v) }) {
				orInto(s3, read, write)
			}
		}
		basic = append(basic, map[string]any{
			"read_write_type":                  s.ReadWriteType,
			"include_management_events":        s.IncludeManagementEvents,
			"exclude_management_event_sources": nonNil(s.ExcludeManagementEventSources),
			"data_resources":                   resources,
		})
	}
	advanced := []any{}
	for _, s := range advancedSelectors {
		fields := []any{}
		byField := map[string]FieldSelector{}
		for _, f := range s.FieldSelectors {
			byField[f.Field] = f
			fields = append(fields, map[string]any{
				"field":           f.Field,
				"equals":          nonNil(f.Equals),
				"not_equals":      nonNil(f.NotEquals),
				"starts_with":     nonNil(f.StartsWith),
				"not_starts_with": nonNil(f.NotStartsWith),
				"ends_with":       nonNil(f.EndsWith),
				"not_ends_with":   nonNil(f.NotEndsWith),
			})
		}
		advanced = append(advanced, map[string]any{"name": s.Name, "field_selectors": fields})
		read, write, ok := advancedReadWrite(byField)
		if !ok {
			continue
		}
		switch {
		case equalsOnly(byField["eventCategory"], "Management") && onlyFields(byField, "eventCategory", "readOnly"):
			orInto(mgmt, read, write)
		case equalsOnly(byField["eventCategory"], "Data") && equalsOnly(byField["resources.type"], "AWS::S3::Object") &&
			onlyFields(byField, "eventCategory", "resources.type", "readOnly"):
			orInto(s3, read, write)
		}
	}
	return map[string]any{"event_selectors": basic, "advanced_event_selectors": advanced, "management_events": mgmt, "s3_data_events": s3}
}

// readWrite is what a basic selector's ReadWriteType records.
func readWrite(t string) (read, write bool) {
	switch t {
	case "All":
		return true, true
	case "ReadOnly":
		return true, false
	case "WriteOnly":
		return false, true
	}
	return false, false
}

// advancedReadWrite is what an advanced selector's readOnly field records:
// absent is both; ok is false for a readOnly field it cannot read.
func advancedReadWrite(fields map[string]FieldSelector) (read, write, ok bool) {
	f, present := fields["readOnly"]
	switch {
	case !present:
		return true, true, true
	case equalsOnly(f, "true"):
		return true, false, true
	case equalsOnly(f, "false"):
		return false, true, true
	}
	return false, false, false
}

// equalsOnly: the field selector is exactly Equals [v].
func equalsOnly(f FieldSelector, v string) bool {
	return len(f.Equals) == 1 && f.Equals[0] == v && len(f.NotEquals) == 0 && len(f.StartsWith) == 0 &&
		len(f.NotStartsWith) == 0 && len(f.EndsWith) == 0 && len(f.NotEndsWith) == 0
}

// onlyFields: the selector has no field besides allowed (any other field
// narrows what it selects).
func onlyFields(fields map[string]FieldSelector, allowed ...string) bool {
	for name := range fields {
		if !slices.Contains(allowed, name) {
			return false
		}
	}
	return true
}

func orInto(m map[string]any, read, write bool) {
	m["read"] = m["read"].(bool) || read
	m["write"] = m["write"].(bool) || write
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
