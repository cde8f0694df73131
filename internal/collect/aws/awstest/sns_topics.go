package awstest

import (
	"fmt"
	"net/http"
)

// Topic is an SNS topic.
type Topic struct {
	Name   string
	KMSKey string // KmsMasterKeyId; "" is no encryption at rest
	// Policy is the access policy JSON; "" answers the default policy SNS
	// writes for a new topic (the owner account only). NoPolicy leaves the
	// attribute out, which the real service never does.
	Policy   string
	NoPolicy bool
}

// snsTopics answers ListTopics and GetTopicAttributes; sns (monitoring.go)
// hands them here.
func (s *Server) snsTopics(c *call) error {
	topics := c.regionData().Topics
	switch c.op {
	case "ListTopics":
		items, next := page(c, topics, c.form["NextToken"], s.faults.PageSize)
		arns := make([]string, len(items))
		for i, t := range items {
			arns[i] = topicARN(c, t.Name)
		}
		return render(c, xmlType, "sns/ListTopics", map[string]any{"Items": arns, "NextToken": next})
	case "GetTopicAttributes":
		for _, t := range topics {
			if topicARN(c, t.Name) != c.form["TopicArn"] {
				continue
			}
			arn := topicARN(c, t.Name)
			attrs := [][2]string{{"TopicArn", arn}, {"Owner", c.account.ID}, {"DisplayName", ""},
				{"SubscriptionsConfirmed", "1"}, {"SubscriptionsPending", "0"}, {"SubscriptionsDeleted", "0"}}
			if !t.NoPolicy {
				pol := t.Policy
				if pol == "" {
					pol = `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:Publish"],"Resource":"` + arn + `","Condition":{"StringEquals":{"AWS:SourceOwner":"` + c.account.ID + `"}}}]}`
				}
				attrs = append(attrs, [2]string{"Policy", pol})
			}
			if t.KMSKey != "" {
				attrs = append(attrs, [2]string{"KmsMasterKeyId", t.KMSKey})
			}
			return render(c, xmlType, "sns/GetTopicAttributes", attrs)
		}
		s.fail(c, http.StatusNotFound, "NotFound", "Topic does not exist")
		return nil
	}
	return fmt.Errorf("sns: unsupported action %q", c.op)
}
