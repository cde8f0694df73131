package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapLogGroups builds aws.logs.log_group from aws_cloudwatch_log_group.
func mapLogGroups(m *mapper) {
	for _, in := range m.byType["aws_cloudwatch_log_group"] {
		b := newBuilder(evidence.TypeAWSLogsLogGroup, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		logRetention(b, get(in.Body, "retention_in_days"))
		logGroupKey(m, b, in)
		b.set("log_group_class", get(in.Body, "log_group_class"), "STANDARD")
		m.emit(b)
	}
}

// logRetention: unset or 0 keeps the events for ever, as the provider
// creates the group without a retention policy.
func logRetention(b *builder, v cty.Value) {
	if v == cty.NilVal {
		b.r.Attributes["expires"] = false
		return
	}
	g, ok := toGo(v)
	days, isInt := g.(int64)
	switch {
	case !ok:
		why := unknownReason(v)
		b.unknown("expires", why)
		b.unknown("retention_in_days", why)
	case !isInt || days < 0:
		why := fmt.Sprintf("retention_in_days is %v, not a number of days", g)
		b.unknown("expires", why)
		b.unknown("retention_in_days", why)
	case days == 0:
		b.r.Attributes["expires"] = false
	default:
		b.r.Attributes["expires"] = true
		b.r.Attributes["retention_in_days"] = days
	}
}

// logGroupKey sets kms_key_id and kms_encrypted. A key unknown until apply
// still encrypts when it is a reference to an aws_kms_key of the
// configuration (such a key's ARN is never null); any other unknown value
// may turn out null, so whether the group is encrypted is unknown.
func logGroupKey(m *mapper, b *builder, in *Instance) {
	key := get(in.Body, "kms_key_id")
	if key == cty.NilVal {
		b.r.Attributes["kms_encrypted"] = false
		return
	}
	if s, ok := str(key); ok {
		if s != "" {
			b.r.Attributes["kms_key_id"] = s
		}
		b.r.Attributes["kms_encrypted"] = s != ""
		return
	}
	b.unknown("kms_key_id", unknownReason(key))
	if m.refersToKMSKey(in, key) {
		b.r.Attributes["kms_encrypted"] = true
		return
	}
	b.unknown("kms_encrypted", unknownReason(key))
}
