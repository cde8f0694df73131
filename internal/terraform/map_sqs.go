package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapSQSQueues builds aws.sqs.queue from aws_sqs_queue and the
// aws_sqs_queue_policy naming it (by `queue_url`, usually the queue's id
// or url).
func mapSQSQueues(m *mapper) {
	polL := m.link("aws_sqs_queue_policy", "aws_sqs_queue", "queue_url", "url")
	for _, in := range m.byType["aws_sqs_queue"] {
		b := newBuilder(evidence.TypeAWSSQSQueue, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		key := atRestTF(m, b, in)
		sqsEncryption(b, in, key)
		m.linkedPolicy(b, in, polL, "queue policy", "policy", "policy")
		m.emit(b)
	}
}

// sqsEncryption: a KMS key and SSE-SQS exclude each other. Without either
// argument AWS creates the queue with SSE-SQS (the default since October
// 2022, which the provider records as sqs_managed_sse_enabled = true).
func sqsEncryption(b *builder, in *Instance, key cty.Value) {
	sse := get(in.Body, "sqs_managed_sse_enabled")
	switch {
	case sse != cty.NilVal:
		g, ok := toGo(sse)
		on, isBool := g.(bool)
		if !ok || !isBool {
			why := unknownReason(sse)
			b.unknown("sqs_managed_sse", why)
			if key == cty.NilVal {
				b.unknown("encrypted", why)
			} else {
				b.r.Attributes["encrypted"] = true
			}
			return
		}
		b.r.Attributes["sqs_managed_sse"] = on
		b.r.Attributes["encrypted"] = on || key != cty.NilVal
	case key != cty.NilVal:
		b.r.Attributes["sqs_managed_sse"] = false
		b.r.Attributes["encrypted"] = true
	default:
		b.r.Attributes["sqs_managed_sse"] = true
		b.r.Attributes["encrypted"] = true
	}
}
