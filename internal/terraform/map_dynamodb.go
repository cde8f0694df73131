package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapDynamoDBTables builds aws.dynamodb.table from aws_dynamodb_table and
// its server_side_encryption and point_in_time_recovery blocks.
func mapDynamoDBTables(m *mapper) {
	for _, in := range m.byType["aws_dynamodb_table"] {
		b := newBuilder(evidence.TypeAWSDynamoDBTable, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		b.set("deletion_protection", get(in.Body, "deletion_protection_enabled"), false)
		tableEncryption(m, b, in)
		pitr, u, ok := blocks(in.Body, "point_in_time_recovery")
		switch {
		case !ok:
			b.unknown("point_in_time_recovery", unknownReason(u))
		case len(pitr) == 0:
			b.r.Attributes["point_in_time_recovery"] = false
		default:
			b.set("point_in_time_recovery", get(pitr[0], "enabled"), false)
		}
		m.emit(b)
	}
}

// tableEncryption: without the block, or with enabled = false, the table
// is under DynamoDB's own key; enabled without kms_key_arn is the
// AWS-managed aws/dynamodb key.
func tableEncryption(m *mapper, b *builder, in *Instance) {
	sse, u, ok := blocks(in.Body, "server_side_encryption")
	if !ok {
		why := unknownReason(u)
		b.unknown("encryption", why)
		b.unknown("customer_managed_key", why)
		return
	}
	owned := func() {
		b.r.Attributes["encryption"] = "AWS_OWNED"
		b.r.Attributes["customer_managed_key"] = false
	}
	if len(sse) == 0 {
		owned()
		return
	}
	on := get(sse[0], "enabled")
	g, known := toGo(on)
	switch {
	case on == cty.NilVal || (known && g == false):
		owned()
		return
	case !known:
		why := unknownReason(on)
		b.unknown("encryption", why)
		b.unknown("customer_managed_key", why)
		return
	}
	b.r.Attributes["encryption"] = "KMS"
	key := get(sse[0], "kms_key_arn")
	if key != cty.NilVal {
		b.set("kms_key_arn", key, nil)
	}
	customerKey(m, b, in, key)
}
