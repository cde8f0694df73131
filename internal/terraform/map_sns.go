package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapSNSTopics builds aws.sns.topic from aws_sns_topic and the
// aws_sns_topic_policy naming it (by `arn`).
func mapSNSTopics(m *mapper) {
	polL := m.link("aws_sns_topic_policy", "aws_sns_topic", "arn", "arn")
	for _, in := range m.byType["aws_sns_topic"] {
		b := newBuilder(evidence.TypeAWSSNSTopic, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		atRestTF(m, b, in)
		m.linkedPolicy(b, in, polL, "topic policy", "policy", "policy")
		m.emit(b)
	}
}

// atRestTF sets kms_master_key_id, customer_managed_key and, for a topic,
// encrypted from kms_master_key_id, which aws_sns_topic and aws_sqs_queue
// share. A key set to a value unknown until apply (a reference) still
// encrypts: only which key is unknown.
func atRestTF(m *mapper, b *builder, in *Instance) cty.Value {
	key := get(in.Body, "kms_master_key_id")
	if key != cty.NilVal {
		b.set("kms_master_key_id", key, nil)
	}
	customerKey(m, b, in, key)
	if s, ok := str(key); ok && s == "" {
		key = cty.NilVal // "" is the provider's way of saying "none"
	}
	if in.Type == "aws_sns_topic" {
		b.r.Attributes["encrypted"] = key != cty.NilVal
	}
	return key
}
