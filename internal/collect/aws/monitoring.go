package aws

import (
	"context"
	"strconv"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The monitoring chain of CIS AWS v3.0 section 4: a trail delivers to a
// log group (the trail's cloud_watch_logs_log_group_arn), a metric filter
// on the group counts the events, an alarm watches the metric and notifies
// a topic, and the topic has a confirmed subscriber. Each link is its own
// regional resource here; joining them is the controls' (or relations')
// work.

// metricFilters lists the region's metric filters of every log group.
func (r *run) metricFilters(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := cloudwatchlogs.NewFromConfig(cfg)
	var out []evidence.Resource
	err := listAll(ctx, cloudwatchlogs.NewDescribeMetricFiltersPaginator(c, &cloudwatchlogs.DescribeMetricFiltersInput{}), func(page *cloudwatchlogs.DescribeMetricFiltersOutput) (*string, error) {
		for _, f := range page.MetricFilters {
			group, name := sdkaws.ToString(f.LogGroupName), sdkaws.ToString(f.FilterName)
			transforms := []any{}
			for _, m := range f.MetricTransformations {
				transforms = append(transforms, map[string]any{
					"metric_name":      sdkaws.ToString(m.MetricName),
					"metric_namespace": sdkaws.ToString(m.MetricNamespace),
					"metric_value":     sdkaws.ToString(m.MetricValue),
				})
			}
			attrs := map[string]any{
				"filter_name":    name,
				"log_group_name": group,
				// An empty pattern matches every event; it is kept as "", not left out.
				"filter_pattern":         sdkaws.ToString(f.FilterPattern),
				"metric_transformations": transforms,
			}
			if f.CreationTime != nil {
				attrs["creation_time"] = time.UnixMilli(*f.CreationTime).UTC().Format(time.RFC3339)
			}
			out = append(out, evidence.Resource{Type: TypeMetricFilter, ID: metricFilterID(sc, group, name), Scope: sc, Attributes: attrs})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeMetricFilter, sc, "logs:DescribeMetricFilters", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// metricFilterID: metric filters have no ARN; this is the log group's ARN
// with the filter's name, unique per account and region.
func metricFilterID(sc evidence.Scope, group, name string) string {
	return "arn:" + partition(sc.Region) + ":logs:" + sc.Region + ":" + sc.AccountID + ":log-group:" + group + ":metric-filter:" + name
}

// alarms lists the region's metric alarms (composite alarms watch other
// alarms, not metrics, and are not what CIS 4.x asks for).
func (r *run) alarms(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := cloudwatch.NewFromConfig(cfg)
	var out []evidence.Resource
	err := listAll(ctx, cloudwatch.NewDescribeAlarmsPaginator(c, &cloudwatch.DescribeAlarmsInput{AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm}}), func(page *cloudwatch.DescribeAlarmsOutput) (*string, error) {
		for _, a := range page.MetricAlarms {
			attrs := map[string]any{
				"alarm_name":          sdkaws.ToString(a.AlarmName),
				"arn":                 sdkaws.ToString(a.AlarmArn),
				"actions_enabled":     sdkaws.ToBool(a.ActionsEnabled),
				"alarm_actions":       nonNil(a.AlarmActions),
				"ok_actions":          nonNil(a.OKActions),
				"comparison_operator": string(a.ComparisonOperator),
				"state_value":         string(a.StateValue),
			}
			// A metric-math alarm has Metrics instead of one metric: the
			// metric's name and namespace are absent, not "".
			if a.MetricName != nil {
				attrs["metric_name"] = *a.MetricName
			}
			if a.Namespace != nil {
				attrs["namespace"] = *a.Namespace
			}
			if a.Statistic != "" {
				attrs["statistic"] = string(a.Statistic)
			}
			if a.Threshold != nil {
				attrs["threshold"] = *a.Threshold
			}
			if a.Period != nil {
				attrs["period"] = int(*a.Period)
			}
			if a.EvaluationPeriods != nil {
				attrs["evaluation_periods"] = int(*a.EvaluationPeriods)
			}
			out = append(out, evidence.Resource{Type: TypeAlarm, ID: sdkaws.ToString(a.AlarmArn), Scope: sc, Attributes: attrs})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeAlarm, sc, "cloudwatch:DescribeAlarms", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}

// subscriptions lists the region's SNS subscriptions. The endpoint (an
// e-mail address, a phone number, a URL) is not stored: a control needs
// the protocol and whether it is confirmed, not who is behind it.
func (r *run) subscriptions(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := sns.NewFromConfig(cfg)
	var out []evidence.Resource
	pending := map[string]int{}
	err := listAll(ctx, sns.NewListSubscriptionsPaginator(c, &sns.ListSubscriptionsInput{}), func(page *sns.ListSubscriptionsOutput) (*string, error) {
		for _, s := range page.Subscriptions {
			arn, topic := sdkaws.ToString(s.SubscriptionArn), sdkaws.ToString(s.TopicArn)
			// Until confirmed a subscription's ARN is the word
			// "PendingConfirmation" (or "Deleted"), shared by all of them.
			confirmed := arn != "PendingConfirmation" && arn != "Deleted" && arn != ""
			id := arn
			if !confirmed {
				pending[topic]++
				id = topic + ":pending-" + strconv.Itoa(pending[topic])
			}
			out = append(out, evidence.Resource{Type: TypeSubscription, ID: id, Scope: sc, Attributes: map[string]any{
				"subscription_arn": arn,
				"topic_arn":        topic,
				"protocol":         sdkaws.ToString(s.Protocol),
				"owner":            sdkaws.ToString(s.Owner),
				"confirmed":        confirmed,
			}})
		}
		return page.NextToken, nil
	})
	if err != nil {
		r.gap(ctx, TypeSubscription, sc, "sns:ListSubscriptions", err)
		return nil
	}
	for _, res := range out {
		r.add(res)
	}
	return nil
}
