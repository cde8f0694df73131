package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapBackup builds the AWS Backup types: aws.backup.plan from
// aws_backup_plan, aws.backup.selection from aws_backup_selection (its
// plan and the resources it assigns placed by reference), and
// aws.backup.vault from aws_backup_vault with the aws_backup_vault_policy
// and aws_backup_vault_lock_configuration that name it. What has been
// backed up (aws.backup.protected_resource) is live only.
func mapBackup(m *mapper) {
	for _, in := range m.byType["aws_backup_plan"] {
		b := newBuilder(evidence.TypeAWSBackupPlan, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		backupRules(m, b, in)
		m.emit(b)
	}
	for _, in := range m.byType["aws_backup_selection"] {
		m.emit(backupSelection(m, in))
	}
	polL := m.link("aws_backup_vault_policy", "aws_backup_vault", "backup_vault_name", "name")
	lockL := m.link("aws_backup_vault_lock_configuration", "aws_backup_vault", "backup_vault_name", "name")
	for _, in := range m.byType["aws_backup_vault"] {
		b := newBuilder(evidence.TypeAWSBackupVault, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		key := get(in.Body, "kms_key_arn")
		if key != cty.NilVal {
			b.set("encryption_key_arn", key, nil)
		}
		// Without kms_key_arn AWS Backup uses the AWS-managed aws/backup.
		customerKey(m, b, in, key)
		vaultLock(m, b, in, lockL)
		m.linkedPolicy(b, in, polL, "vault access policy", "policy", "")
		m.emit(b)
	}
}

// backupRules maps the plan's rule blocks; a dynamic rule block leaves the
// rules unknown, never "no rules".
func backupRules(m *mapper, b *builder, in *Instance) {
	rules, u, ok := blocks(in.Body, "rule")
	if !ok {
		b.unknown("rules", unknownReason(u))
		return
	}
	out := make([]map[string]any, 0, len(rules))
	for i, r := range rules {
		rule := map[string]any{"continuous": false, "copy_actions": []map[string]any{}, "expires": false}
		type field struct {
			key string
			v   cty.Value
		}
		fields := []field{{"name", get(r, "rule_name")}, {"schedule", get(r, "schedule")}, {"continuous", get(r, "enable_continuous_backup")}}
		lcs, lu, lok := blocks(r, "lifecycle")
		if !lok {
			b.unknown("rules", fmt.Sprintf("%s rule %d: lifecycle: %s", in.Address, i, unknownReason(lu)))
			return
		}
		if len(lcs) > 0 {
			fields = append(fields, field{"delete_after_days", get(lcs[0], "delete_after")}, field{"move_to_cold_storage_after_days", get(lcs[0], "cold_storage_after")})
		}
		for _, f := range fields {
			if f.v == cty.NilVal {
				continue
			}
			g, known := toGo(f.v)
			if !known {
				b.unknown("rules", fmt.Sprintf("%s rule %d: %s: %s", in.Address, i, f.key, unknownReason(f.v)))
				return
			}
			rule[f.key] = g
		}
		_, rule["expires"] = rule["delete_after_days"]
		vault, why := m.vaultName(in, get(r, "target_vault_name"))
		if why != "" {
			b.unknown("rules", fmt.Sprintf("%s rule %d: target_vault_name: %s", in.Address, i, why))
			return
		}
		rule["target_vault"] = vault
		copies, why := copyActions(in, r, i)
		if why != "" {
			b.unknown("rules", why)
			return
		}
		rule["copy_actions"] = copies
		out = append(out, rule)
	}
	b.r.Attributes["rules"] = out
}

// vaultName is a rule's target vault: a known name, or the name (else the
// resource ID) of the aws_backup_vault it references.
func (m *mapper) vaultName(in *Instance, v cty.Value) (string, string) {
	if v == cty.NilVal {
		return "", "target_vault_name is not set"
	}
	if s, ok := str(v); ok {
		return s, ""
	}
	if p := m.resolve(in, v, "aws_backup_vault", []string{"name"}); p != nil {
		if s, ok := str(get(p.Body, "name")); ok {
			return s, ""
		}
		return id(p), ""
	}
	return "", unknownReason(v)
}

func copyActions(in *Instance, rule cty.Value, i int) ([]map[string]any, string) {
	cas, u, ok := blocks(rule, "copy_action")
	if !ok {
		return nil, fmt.Sprintf("%s rule %d: copy_action: %s", in.Address, i, unknownReason(u))
	}
	out := make([]map[string]any, 0, len(cas))
	for _, ca := range cas {
		c := map[string]any{"expires": false}
		dest := get(ca, "destination_vault_arn")
		// Usually the ARN of a vault under another region's provider,
		// known only after apply: then left out (no control reads it; the
		// retention below is what matters).
		if s, ok := str(dest); ok {
			c["destination_vault_arn"] = s
		}
		lcs, lu, lok := blocks(ca, "lifecycle")
		if !lok {
			return nil, fmt.Sprintf("%s rule %d: copy_action lifecycle: %s", in.Address, i, unknownReason(lu))
		}
		if len(lcs) > 0 {
			if d := get(lcs[0], "delete_after"); d != cty.NilVal {
				g, known := toGo(d)
				if !known {
					return nil, fmt.Sprintf("%s rule %d: copy_action delete_after: %s", in.Address, i, unknownReason(d))
				}
				c["delete_after_days"], c["expires"] = g, true
			}
		}
		out = append(out, c)
	}
	return out, ""
}

// backupSelection maps one aws_backup_selection. A resources element that
// references a resource of the configuration (aws_db_instance.orders.arn,
// whose ARN is assigned at apply) becomes that resource's ID, which is
// what the membership controls compare with a data store's id.
func backupSelection(m *mapper, in *Instance) *builder {
	b := newBuilder(evidence.TypeAWSBackupSelection, id(in), in, awsScope(in))
	setRegion(b, in)
	b.identifier("name", get(in.Body, "name"), in)
	b.set("iam_role_arn", get(in.Body, "iam_role_arn"), nil)
	if p := m.resolve(in, get(in.Body, "plan_id"), "aws_backup_plan", nil); p != nil {
		b.r.Attributes["plan"] = id(p)
	} else {
		b.unknown("plan", fmt.Sprintf("%s.plan_id does not reference an aws_backup_plan of this configuration (%s)", in.Address, describeUnknown(get(in.Body, "plan_id"), "unset")))
	}
	for _, attr := range []string{"resources", "not_resources"} {
		list, why := m.selectionResources(in, attr)
		if why != "" {
			b.unknown(attr, why)
			continue
		}
		b.r.Attributes[attr] = list
	}
	tags, why := selectionTags(in)
	if why != "" {
		b.unknown("tags", why)
	} else {
		b.r.Attributes["tags"] = tags
	}
	conds, why := selectionConditions(in)
	if why != "" {
		b.unknown("conditions", why)
	} else {
		b.r.Attributes["conditions"] = conds
	}
	return b
}

func (m *mapper) selectionResources(in *Instance, attr string) ([]string, string) {
	elems, u, ok := blocks(in.Body, attr)
	if !ok {
		return nil, fmt.Sprintf("%s.%s: %s", in.Address, attr, unknownReason(u))
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		if s, known := str(e); known {
			out = append(out, s)
			continue
		}
		p := m.referenced(in, e)
		if p == nil {
			return nil, fmt.Sprintf("%s.%s: %s", in.Address, attr, unknownReason(e))
		}
		out = append(out, id(p))
	}
	return out, ""
}

// referenced is the one resource of the configuration an unknown value
// is a reference to (aws_db_instance.orders.arn); nil when it references
// none, or several (an expression built from more than one resource names
// neither).
func (m *mapper) referenced(in *Instance, v cty.Value) *Instance {
	var found *Instance
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		p := m.byAddr[in.Root+"\x00"+r.Addr]
		if p == nil {
			continue
		}
		if found != nil && found != p {
			return nil
		}
		found = p
	}
	return found
}

func selectionTags(in *Instance) ([]map[string]any, string) {
	tags, u, ok := blocks(in.Body, "selection_tag")
	if !ok {
		return nil, fmt.Sprintf("%s.selection_tag: %s", in.Address, unknownReason(u))
	}
	out := make([]map[string]any, 0, len(tags))
	for _, t := range tags {
		tag := map[string]any{}
		for _, k := range []string{"type", "key", "value"} {
			s, known := str(get(t, k))
			if !known {
				return nil, fmt.Sprintf("%s.selection_tag.%s: %s", in.Address, k, unknownReason(get(t, k)))
			}
			tag[k] = s
		}
		out = append(out, tag)
	}
	return out, ""
}

// selectionConditions flattens condition { string_equals {key value} ... }
// into {operator, key, value}, the live attribute's shape.
func selectionConditions(in *Instance) ([]map[string]any, string) {
	conds, u, ok := blocks(in.Body, "condition")
	if !ok {
		return nil, fmt.Sprintf("%s.condition: %s", in.Address, unknownReason(u))
	}
	out := []map[string]any{}
	for _, c := range conds {
		for _, op := range []string{"string_equals", "string_not_equals", "string_like", "string_not_like"} {
			ps, pu, pok := blocks(c, op)
			if !pok {
				return nil, fmt.Sprintf("%s.condition.%s: %s", in.Address, op, unknownReason(pu))
			}
			for _, p := range ps {
				k, kok := str(get(p, "key"))
				v, vok := str(get(p, "value"))
				if !kok || !vok {
					return nil, fmt.Sprintf("%s.condition.%s: key or value unknown until apply", in.Address, op)
				}
				out = append(out, map[string]any{"operator": op, "key": k, "value": v})
			}
		}
	}
	return out, ""
}

// vaultLock maps the aws_backup_vault_lock_configuration naming the vault.
func vaultLock(m *mapper, b *builder, in *Instance, l links) {
	lock, unresolved := m.one(l, in, "vault lock")
	switch {
	case unresolved != "":
		for _, a := range []string{"locked", "min_retention_days", "max_retention_days"} {
			b.unknown(a, unresolved)
		}
		return
	case lock == nil:
		b.r.Attributes["locked"] = false
		return
	}
	b.r.Attributes["locked"] = true
	b.set("min_retention_days", get(lock.Body, "min_retention_days"), nil)
	b.set("max_retention_days", get(lock.Body, "max_retention_days"), nil)
}
