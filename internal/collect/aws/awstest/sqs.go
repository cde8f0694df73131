package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Queue is an SQS queue.
type Queue struct {
	Name       string
	KMSKey     string // KmsMasterKeyId; "" is none
	ManagedSSE bool   // SqsManagedSseEnabled (SSE-SQS)
	// NoSSEAttribute leaves SqsManagedSseEnabled out of the answer, as a
	// broken or older endpoint would.
	NoSSEAttribute bool
	Policy         string // the access policy JSON; "" is none (SQS then omits Policy)
}

// sqs answers in AWS JSON 1.0, which current SDKs speak to SQS instead of
// the query protocol.
func (s *Server) sqs(c *call) error {
	var in struct {
		NextToken, QueueUrl string
		MaxResults          int
	}
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "InvalidParameterValue", err.Error())
			return nil
		}
	}
	queues := c.regionData().Queues
	url := func(q Queue) string {
		return "https://sqs." + c.region + ".amazonaws.com/" + c.account.ID + "/" + q.Name
	}
	switch c.op {
	case "ListQueues":
		items, next := page(c, queues, in.NextToken, s.faults.PageSize)
		urls := make([]string, len(items))
		for i, q := range items {
			urls[i] = url(q)
		}
		return render(c, json10Type, "sqs/ListQueues", map[string]any{"Items": urls, "NextToken": next})
	case "GetQueueAttributes":
		for _, q := range queues {
			if url(q) != in.QueueUrl {
				continue
			}
			attrs := map[string]string{
				"QueueArn":                      "arn:aws:sqs:" + c.region + ":" + c.account.ID + ":" + q.Name,
				"ApproximateNumberOfMessages":   "0",
				"CreatedTimestamp":              "1700000000",
				"VisibilityTimeout":             "30",
				"MessageRetentionPeriod":        "345600",
				"ReceiveMessageWaitTimeSeconds": "0",
			}
			if !q.NoSSEAttribute {
				attrs["SqsManagedSseEnabled"] = fmt.Sprint(q.ManagedSSE)
			}
			if q.KMSKey != "" {
				attrs["KmsMasterKeyId"] = q.KMSKey
				attrs["KmsDataKeyReusePeriodSeconds"] = "300"
			}
			if q.Policy != "" {
				attrs["Policy"] = q.Policy
			}
			return render(c, json10Type, "sqs/GetQueueAttributes", attrs)
		}
		s.fail(c, http.StatusBadRequest, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")
		return nil
	}
	return fmt.Errorf("sqs: unsupported operation %q", c.op)
}
