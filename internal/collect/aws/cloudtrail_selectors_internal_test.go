package aws

import (
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/stretchr/testify/assert"
)

// TestSelectorSummaries: the management-event and S3 data-event summaries
// count only selectors that select everything of their kind; a narrowed
// selector leaves them false, never true.
func TestSelectorSummaries(t *testing.T) {
	t.Parallel()
	basic := func(rw cttypes.ReadWriteType, mgmt bool, exclude []string, s3 ...string) cttypes.EventSelector {
		s := cttypes.EventSelector{ReadWriteType: rw, IncludeManagementEvents: sdkaws.Bool(mgmt), ExcludeManagementEventSources: exclude}
		if len(s3) > 0 {
			s.DataResources = []cttypes.DataResource{{Type: sdkaws.String("AWS::S3::Object"), Values: s3}}
		}
		return s
	}
	eq := func(field string, v ...string) cttypes.AdvancedFieldSelector {
		return cttypes.AdvancedFieldSelector{Field: sdkaws.String(field), Equals: v}
	}
	adv := func(fs ...cttypes.AdvancedFieldSelector) cttypes.AdvancedEventSelector {
		return cttypes.AdvancedEventSelector{Name: sdkaws.String("s"), FieldSelectors: fs}
	}
	rw := func(read, write bool) map[string]any { return map[string]any{"read": read, "write": write} }
	for _, tc := range []struct {
		name     string
		out      cloudtrail.GetEventSelectorsOutput
		mgmt, s3 map[string]any
	}{
		{"default selector", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{basic("All", true, nil)}}, rw(true, true), rw(false, false)},
		{"management write only", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{basic("WriteOnly", true, nil)}}, rw(false, true), rw(false, false)},
		{"management with an excluded source", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{basic("All", true, []string{"kms.amazonaws.com"})}}, rw(false, false), rw(false, false)},
		{"S3 all buckets read and write", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{basic("All", false, nil, "arn:aws:s3")}}, rw(false, false), rw(true, true)},
		{"S3 one bucket", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{basic("All", false, nil, "arn:aws:s3:::acme-logs/")}}, rw(false, false), rw(false, false)},
		{"S3 reads and writes in two selectors", cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{
			basic("ReadOnly", false, nil, "arn:aws:s3:::"), basic("WriteOnly", false, nil, "arn:aws:s3:::")}}, rw(false, false), rw(true, true)},
		{"advanced management", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Management"))}}, rw(true, true), rw(false, false)},
		{"advanced management read only", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Management"), eq("readOnly", "true"))}}, rw(true, false), rw(false, false)},
		{"advanced management without KMS", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Management"), cttypes.AdvancedFieldSelector{Field: sdkaws.String("eventSource"), NotEquals: []string{"kms.amazonaws.com"}})}}, rw(false, false), rw(false, false)},
		{"advanced S3 writes of all buckets", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Data"), eq("resources.type", "AWS::S3::Object"), eq("readOnly", "false"))}}, rw(false, false), rw(false, true)},
		{"advanced S3 of one bucket", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Data"), eq("resources.type", "AWS::S3::Object"),
				cttypes.AdvancedFieldSelector{Field: sdkaws.String("resources.ARN"), StartsWith: []string{"arn:aws:s3:::acme-site/"}})}}, rw(false, false), rw(false, false)},
		{"advanced readOnly it cannot read", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Data"), eq("resources.type", "AWS::S3::Object"), eq("readOnly", "true", "false"))}}, rw(false, false), rw(false, false)},
		{"advanced Lambda data events", cloudtrail.GetEventSelectorsOutput{AdvancedEventSelectors: []cttypes.AdvancedEventSelector{
			adv(eq("eventCategory", "Data"), eq("resources.type", "AWS::Lambda::Function"))}}, rw(false, false), rw(false, false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := selectorAttributes(&tc.out)
			assert.Equal(t, tc.mgmt, got["management_events"], "management_events")
			assert.Equal(t, tc.s3, got["s3_data_events"], "s3_data_events")
		})
	}
}
