package awstest

import (
	"fmt"
	"net/http"

	"github.com/aws/smithy-go/encoding/cbor"
)

// The CIS 4.x monitoring services: CloudWatch Logs metric filters (JSON
// 1.1, in jsonService), SNS subscriptions (query protocol) and CloudWatch
// alarms, which the SDK speaks RPC v2 CBOR to (signing name monitoring):
// the request a CBOR map posted to /service/GraniteServiceVersion20100801/
// operation/<Operation>, the answer a CBOR map, errors a CBOR map with
// __type and message plus the query-compatible X-Amzn-Query-Error header.

const cborType = "application/cbor"

func (s *Server) sns(c *call) error {
	if c.op != "ListSubscriptions" {
		return s.snsTopics(c) // sns_topics.go
	}
	items, next := page(c, c.regionData().Subscriptions, c.form["NextToken"], s.faults.PageSize)
	return render(c, xmlType, "sns/ListSubscriptions", map[string]any{"Account": c.account.ID, "Region": c.region, "Items": items, "NextToken": next})
}

func (s *Server) cloudwatch(c *call) error {
	if c.op != "DescribeAlarms" {
		return fmt.Errorf("monitoring: unsupported operation %q", c.op)
	}
	if c.r.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" {
		return fmt.Errorf("monitoring: request without Smithy-Protocol: rpc-v2-cbor")
	}
	token := ""
	if len(c.body) > 0 {
		v, err := cbor.Decode(c.body)
		if err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
		in, ok := v.(cbor.Map)
		if !ok {
			s.fail(c, http.StatusBadRequest, "SerializationException", "the request body is not a CBOR map")
			return nil
		}
		if t, ok := in["NextToken"].(cbor.String); ok {
			token = string(t)
		}
	}
	items, next := page(c, c.regionData().Alarms, token, s.faults.PageSize)
	alarms := cbor.List{}
	for _, a := range items {
		actions := cbor.List{}
		for _, topic := range a.Actions {
			actions = append(actions, cbor.String(topicARN(c, topic)))
		}
		alarms = append(alarms, cbor.Map{
			"AlarmName":          cbor.String(a.Name),
			"AlarmArn":           cbor.String("arn:aws:cloudwatch:" + c.region + ":" + c.account.ID + ":alarm:" + a.Name),
			"ActionsEnabled":     cbor.Bool(true),
			"AlarmActions":       actions,
			"OKActions":          cbor.List{},
			"MetricName":         cbor.String(a.MetricName),
			"Namespace":          cbor.String(a.Namespace),
			"Statistic":          cbor.String("Sum"),
			"Period":             cbor.Uint(300),
			"EvaluationPeriods":  cbor.Uint(1),
			"Threshold":          cbor.Float64(1),
			"ComparisonOperator": cbor.String("GreaterThanOrEqualToThreshold"),
			"StateValue":         cbor.String("OK"),
			"TreatMissingData":   cbor.String("notBreaching"),
		})
	}
	out := cbor.Map{"MetricAlarms": alarms, "CompositeAlarms": cbor.List{}}
	if next != "" {
		out["NextToken"] = cbor.String(next)
	}
	c.w.Header().Set("Content-Type", cborType)
	c.w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	c.w.Header().Set("X-Amzn-RequestId", requestID)
	_, err := c.w.Write(cbor.Encode(out))
	return err
}

func cborError(c *call, status int, code, msg string) {
	fault := "Sender"
	if status >= 500 {
		fault = "Receiver"
	}
	c.w.Header().Set("Content-Type", cborType)
	c.w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	c.w.Header().Set("X-Amzn-RequestId", requestID)
	c.w.Header().Set("X-Amzn-Query-Error", code+";"+fault)
	c.w.WriteHeader(status)
	_, _ = c.w.Write(cbor.Encode(cbor.Map{"__type": cbor.String(code), "message": cbor.String(msg)}))
}

func topicARN(c *call, topic string) string {
	return "arn:aws:sns:" + c.region + ":" + c.account.ID + ":" + topic
}
