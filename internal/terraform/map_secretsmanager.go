package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapSecrets builds aws.secretsmanager.secret from aws_secretsmanager_secret,
// its aws_secretsmanager_secret_policy and aws_secretsmanager_secret_rotation
// (both linked by the secret they name). Use and rotation dates are only
// known to the live collector.
func mapSecrets(m *mapper) {
	polL := m.link("aws_secretsmanager_secret_policy", "aws_secretsmanager_secret", "secret_arn", "name")
	rotL := m.link("aws_secretsmanager_secret_rotation", "aws_secretsmanager_secret", "secret_id", "name")
	for _, in := range m.byType["aws_secretsmanager_secret"] {
		b := newBuilder(evidence.TypeAWSSecretsManagerSecret, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		key := get(in.Body, "kms_key_id")
		if key != cty.NilVal {
			b.set("kms_key_id", key, nil)
		}
		customerKey(m, b, in, key)
		secretRotation(m, b, in, rotL)
		// Else the secret's own (deprecated) `policy` argument.
		m.linkedPolicy(b, in, polL, "resource policy", "policy", "policy")
		m.emit(b)
	}
}

func secretRotation(m *mapper, b *builder, in *Instance, l links) {
	rot, unresolved := m.one(l, in, "rotation")
	switch {
	case unresolved != "":
		b.unknown("rotation_enabled", unresolved)
		b.unknown("rotation_days", unresolved)
		return
	case rot == nil:
		b.r.Attributes["rotation_enabled"] = false
		return
	}
	b.r.Attributes["rotation_enabled"] = true
	rules, u, ok := blocks(rot.Body, "rotation_rules")
	switch {
	case !ok:
		b.unknown("rotation_days", unknownReason(u))
	case len(rules) > 0:
		// Absent with a schedule_expression, as the live answer has it.
		if v := get(rules[0], "automatically_after_days"); v != cty.NilVal {
			b.set("rotation_days", v, nil)
		}
	}
}

// customerKey sets customer_managed_key from a KMS key argument (kms_key_id,
// kms_master_key_id, kms_key_arn). Unset or "" is the service's AWS-managed
// key; an alias/aws/... name (or its ARN) is an AWS-managed key; another
// alias is a customer's (KMS lets aliases name customer-managed keys only);
// a reference to an aws_kms_key of this configuration is a customer-managed
// key whose ARN is only known after apply. A literal key ID or key ARN may
// be the service's AWS-managed key given by ID (aws/sns by its key ARN):
// only kms:DescribeKey on the account tells, so it is unknown with the
// reason, never assumed to be the customer's.
func customerKey(m *mapper, b *builder, in *Instance, key cty.Value) {
	if key == cty.NilVal {
		b.r.Attributes["customer_managed_key"] = false
		return
	}
	if s, ok := str(key); ok {
		switch {
		case s == "" || awsManagedKeyAlias(s):
			b.r.Attributes["customer_managed_key"] = false
		case strings.HasPrefix(s, "alias/") || (strings.HasPrefix(s, "arn:") && strings.Contains(s, ":alias/")):
			b.r.Attributes["customer_managed_key"] = true
		default:
			b.unknown("customer_managed_key", fmt.Sprintf("the key %q is given by ID or ARN: whether it is a customer-managed key or the service's AWS-managed one only kms:DescribeKey on the account tells (refer to an aws_kms_key of the configuration, or collect the account live)", s))
		}
		return
	}
	if m.refersToKMSKey(in, key) {
		b.r.Attributes["customer_managed_key"] = true
		return
	}
	b.unknown("customer_managed_key", unknownReason(key))
}

// awsManagedKeyAlias: AWS reserves alias/aws/ for its own keys.
func awsManagedKeyAlias(s string) bool {
	return strings.HasPrefix(s, "alias/aws/") || (strings.HasPrefix(s, "arn:") && strings.Contains(s, ":alias/aws/"))
}

// refersToKMSKey reports whether v is (built from) a reference to an
// aws_kms_key of in's module: a key the configuration creates, which is
// customer-managed whatever its ARN turns out to be.
func (m *mapper) refersToKMSKey(in *Instance, v cty.Value) bool {
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		if p := m.byAddr[in.Root+"\x00"+r.Addr]; p != nil && p.Type == "aws_kms_key" {
			return true
		}
	}
	return false
}
