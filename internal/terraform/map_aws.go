package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
)

// mapSecurityGroups builds aws.ec2.security_group from aws_security_group
// (and aws_default_security_group) with inline rules, aws_security_group_rule
// and the aws_vpc_security_group_{ingress,egress}_rule resources.
func mapSecurityGroups(m *mapper) {
	groups := append(append([]*Instance{}, m.byType["aws_security_group"]...), m.byType["aws_default_security_group"]...)
	if len(groups) == 0 {
		return
	}
	// A rule may belong to either parent type.
	ruleL := linkEither(m, "aws_security_group_rule")
	inL := linkEither(m, "aws_vpc_security_group_ingress_rule")
	outL := linkEither(m, "aws_vpc_security_group_egress_rule")
	for _, in := range groups {
		b := newBuilder("aws.ec2.security_group", id(in), in, awsScope(in))
		isDefault := in.Type == "aws_default_security_group"
		b.r.Attributes["is_default"] = isDefault
		if isDefault {
			b.r.Attributes["group_name"] = "default"
		} else if v := get(in.Body, "name"); v != cty.NilVal {
			b.set("group_name", v, nil)
		} else {
			b.unknown("group_name", "group name is generated at apply (name_prefix or no name)")
		}
		b.set("vpc_id", get(in.Body, "vpc_id"), nil)
		b.unknown("group_id", "unknown until apply: "+in.Address+".id")
		setRegion(b, in)
		for _, dir := range []string{"ingress", "egress"} {
			rules, why := sgRules(in, dir, ruleL, inL, outL)
			if why != "" {
				b.unknown(dir, why)
				continue
			}
			b.r.Attributes[dir] = rules
		}
		m.emit(b)
	}
}

func linkEither(m *mapper, childType string) links {
	a := m.link(childType, "aws_security_group", "security_group_id", "id")
	out := links{of: a.of, unresolved: map[string]string{}}
	// Re-resolve the unresolved ones against default groups without a second warning.
	for _, c := range m.byType[childType] {
		if p := m.resolve(c, get(c.Body, "security_group_id"), "aws_default_security_group", []string{"id"}); p != nil {
			out.of[p] = append(out.of[p], c)
			continue
		}
		if root, ok := a.unresolved[c.Root]; ok {
			if p := m.resolve(c, get(c.Body, "security_group_id"), "aws_security_group", []string{"id"}); p == nil {
				out.unresolved[c.Root] = root
			}
		}
	}
	return out
}

// sgRules gathers one direction's rules. Any unknown part makes the whole
// list unknown: a control must not pass a group whose open rule it cannot see.
func sgRules(in *Instance, dir string, ruleL, inL, outL links) ([]any, string) {
	for _, l := range []links{ruleL, inL, outL} {
		if why, ok := l.unresolved[in.Root]; ok && len(l.of[in]) == 0 {
			return nil, why
		}
	}
	rules := []any{}
	inline, u, ok := blocks(in.Body, dir)
	if !ok {
		return nil, unknownReason(u)
	}
	for _, r := range inline {
		rule, why := sgRule(get(r, "protocol"), get(r, "from_port"), get(r, "to_port"), get(r, "cidr_blocks"), get(r, "ipv6_cidr_blocks"))
		if why != "" {
			return nil, fmt.Sprintf("%s %s rule: %s", in.Address, dir, why)
		}
		rules = append(rules, rule)
	}
	for _, c := range ruleL.of[in] {
		t, ok := str(get(c.Body, "type"))
		if !ok {
			return nil, fmt.Sprintf("%s: rule type %s", c.Address, unknownReason(get(c.Body, "type")))
		}
		if t != dir {
			continue
		}
		rule, why := sgRule(get(c.Body, "protocol"), get(c.Body, "from_port"), get(c.Body, "to_port"), get(c.Body, "cidr_blocks"), get(c.Body, "ipv6_cidr_blocks"))
		if why != "" {
			return nil, c.Address + ": " + why
		}
		rules = append(rules, rule)
	}
	vpcRules := inL.of[in]
	if dir == "egress" {
		vpcRules = outL.of[in]
	}
	for _, c := range vpcRules {
		rule, why := sgRule(get(c.Body, "ip_protocol"), get(c.Body, "from_port"), get(c.Body, "to_port"), get(c.Body, "cidr_ipv4"), get(c.Body, "cidr_ipv6"))
		if why != "" {
			return nil, c.Address + ": " + why
		}
		rules = append(rules, rule)
	}
	return rules, ""
}

// sgRule normalises a rule to {protocol, from_port, to_port, cidr_ipv4,
// cidr_ipv6}. Protocol "all" and -1 become "-1" (all traffic, no ports).
func sgRule(protocol, from, to, cidr4, cidr6 cty.Value) (map[string]any, string) {
	p, ok := str(protocol)
	if !ok {
		return nil, "protocol " + unknownReason(protocol)
	}
	p = lowerStr(p)
	if p == "all" {
		p = "-1"
	}
	rule := map[string]any{"protocol": p}
	if p != "-1" {
		for k, v := range map[string]cty.Value{"from_port": from, "to_port": to} {
			g, ok := toGo(v)
			if v == cty.NilVal || !ok {
				return nil, k + " " + unknownReason(v)
			}
			if s, isStr := g.(string); isStr {
				var n int64
				if _, err := fmt.Sscan(s, &n); err != nil {
					return nil, fmt.Sprintf("%s %q is not a number", k, s)
				}
				g = n
			}
			rule[k] = g
		}
	}
	for k, v := range map[string]cty.Value{"cidr_ipv4": cidr4, "cidr_ipv6": cidr6} {
		list := []any{}
		if v != cty.NilVal {
			g, ok := toGo(v)
			if !ok {
				return nil, k + " " + unknownReason(v)
			}
			switch x := g.(type) {
			case string:
				list = append(list, x)
			case []any:
				list = x
			}
		}
		rule[k] = list
	}
	return rule, ""
}

// mapIAMUsers builds aws.iam.user. Whether MFA is enrolled is never in
// Terraform (a person activates the device), so mfa_devices is unknown.
func mapIAMUsers(m *mapper) {
	users := m.byType["aws_iam_user"]
	if len(users) == 0 {
		return
	}
	loginL := m.link("aws_iam_user_login_profile", "aws_iam_user", "user", "name")
	keyL := m.link("aws_iam_access_key", "aws_iam_user", "user", "name")
	polL := m.link("aws_iam_user_policy", "aws_iam_user", "user", "name")
	attL := m.link("aws_iam_user_policy_attachment", "aws_iam_user", "user", "name")
	for _, in := range users {
		b := newBuilder("aws.iam.user", id(in), in, awsScope(in))
		b.set("user_name", get(in.Body, "name"), nil)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		switch {
		case len(loginL.of[in]) > 0:
			b.r.Attributes["password_enabled"] = true
		case loginL.unresolved[in.Root] != "":
			b.unknown("password_enabled", loginL.unresolved[in.Root])
		default:
			b.r.Attributes["password_enabled"] = false
		}
		b.unknown("mfa_devices", "MFA devices are enrolled by the user, not by Terraform")
		if why := keyL.unresolved[in.Root]; why != "" && len(keyL.of[in]) == 0 {
			b.unknown("access_keys", why)
		} else {
			keys := []any{}
			for i, k := range keyL.of[in] {
				key := map[string]any{}
				b.setIn(key, fmt.Sprintf("access_keys[%d]", i), "status", get(k.Body, "status"), "Active")
				b.unknown(fmt.Sprintf("access_keys[%d]", i), "access key id and create_date are unknown until apply: "+k.Address)
				keys = append(keys, key)
			}
			b.r.Attributes["access_keys"] = keys
		}
		inline := []any{}
		for _, p := range polL.of[in] {
			entry := map[string]any{}
			b.setIn(entry, "inline_policies", "name", get(p.Body, "name"), nil)
			if doc, why, ok := policyDocument(get(p.Body, "policy")); ok {
				entry["document"] = doc
			} else {
				b.unknown("inline_policies", p.Address+": "+why)
			}
			inline = append(inline, entry)
		}
		if why := polL.unresolved[in.Root]; why != "" && len(polL.of[in]) == 0 {
			b.unknown("inline_policies", why)
		} else if _, bad := b.r.Unknown["inline_policies"]; !bad {
			b.r.Attributes["inline_policies"] = inline
		}
		attached := []any{}
		for _, a := range attL.of[in] {
			v := get(a.Body, "policy_arn")
			if s, ok := str(v); ok {
				attached = append(attached, map[string]any{"policy_arn": s})
				continue
			}
			// A policy defined here: name it by address so controls can find it.
			entry := map[string]any{}
			for r := range cty.ValueMarksOfTypeDeep[ref](v) {
				entry["policy_address"] = r.Addr
			}
			b.unknown("attached_policies", a.Address+": policy_arn "+unknownReason(v))
			attached = append(attached, entry)
		}
		if why := attL.unresolved[in.Root]; why != "" && len(attL.of[in]) == 0 {
			b.unknown("attached_policies", why)
		} else if _, bad := b.r.Unknown["attached_policies"]; !bad {
			b.r.Attributes["attached_policies"] = attached
		}
		m.emit(b)
	}
}

// mapIAMPolicies builds aws.iam.policy from aws_iam_policy documents.
func mapIAMPolicies(m *mapper) {
	for _, in := range m.byType["aws_iam_policy"] {
		b := newBuilder("aws.iam.policy", id(in), in, awsScope(in))
		if v := get(in.Body, "name"); v != cty.NilVal {
			b.set("policy_name", v, nil)
		} else {
			b.unknown("policy_name", "policy name is generated at apply")
		}
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		if doc, why, ok := policyDocument(get(in.Body, "policy")); ok {
			b.r.Attributes["document"] = doc
		} else {
			b.unknown("document", why)
		}
		m.emit(b)
	}
}

// mapAccount builds aws.account from the account-wide settings Terraform
// manages: the IAM password policy and EBS encryption by default. Settings
// this configuration does not manage are unknown, not assumed.
func mapAccount(m *mapper) {
	pols, ebs := m.byType["aws_iam_account_password_policy"], m.byType["aws_ebs_encryption_by_default"]
	roots := map[string][2]*Instance{}
	var order []string
	for _, p := range pols {
		if _, ok := roots[p.Root]; !ok {
			order = append(order, p.Root)
		}
		r := roots[p.Root]
		r[0] = p
		roots[p.Root] = r
	}
	for _, e := range ebs {
		if _, ok := roots[e.Root]; !ok {
			order = append(order, e.Root)
		}
		r := roots[e.Root]
		r[1] = e
		roots[e.Root] = r
	}
	for _, root := range order {
		pair := roots[root]
		first := pair[0]
		if first == nil {
			first = pair[1]
		}
		b := newBuilder("aws.account", id(&Instance{Root: root, Address: "aws_account"}), first, awsScope(first))
		if p := pair[0]; p != nil {
			pp := map[string]any{"configured": true}
			defaults := map[string]any{
				"minimum_password_length": int64(6), "require_lowercase_characters": false, "require_uppercase_characters": false,
				"require_numbers": false, "require_symbols": false, "allow_users_to_change_password": true, "hard_expiry": false,
			}
			for _, k := range keysOf(defaults) {
				b.setIn(pp, "password_policy", k, get(p.Body, k), defaults[k])
			}
			b.setIn(pp, "password_policy", "max_password_age", get(p.Body, "max_password_age"), nil)
			b.setIn(pp, "password_policy", "password_reuse_prevention", get(p.Body, "password_reuse_prevention"), nil)
			b.r.Attributes["password_policy"] = pp
		} else {
			b.unknown("password_policy", "the account password policy is not managed in this Terraform configuration")
		}
		if e := pair[1]; e != nil {
			b.set("ebs_encryption_by_default", get(e.Body, "enabled"), true)
		} else {
			b.unknown("ebs_encryption_by_default", "EBS encryption by default is not managed in this Terraform configuration")
		}
		m.emit(b)
	}
}

func mapCloudTrail(m *mapper) {
	for _, in := range m.byType["aws_cloudtrail"] {
		b := newBuilder("aws.cloudtrail.trail", id(in), in, awsScope(in))
		setRegion(b, in)
		b.set("name", get(in.Body, "name"), nil)
		b.set("is_multi_region_trail", get(in.Body, "is_multi_region_trail"), false)
		b.set("include_global_service_events", get(in.Body, "include_global_service_events"), true)
		b.set("log_file_validation_enabled", get(in.Body, "enable_log_file_validation"), false)
		b.set("is_logging", get(in.Body, "enable_logging"), true)
		b.set("s3_bucket_name", get(in.Body, "s3_bucket_name"), nil)
		kms := get(in.Body, "kms_key_id")
		if kms == cty.NilVal {
			b.r.Attributes["kms_key_id"] = nil
		} else if s, ok := str(kms); ok {
			b.r.Attributes["kms_key_id"] = s
		} else {
			// The key exists (a reference to one); its ARN is known after apply.
			b.unknown("kms_key_id", unknownReason(kms))
		}
		b.r.Attributes["encrypted"] = kms != cty.NilVal
		cw := get(in.Body, "cloud_watch_logs_group_arn")
		b.r.Attributes["cloudwatch_logs_enabled"] = cw != cty.NilVal
		m.emit(b)
	}
}

func mapKMSKeys(m *mapper) {
	for _, in := range m.byType["aws_kms_key"] {
		b := newBuilder("aws.kms.key", id(in), in, awsScope(in))
		setRegion(b, in)
		b.unknown("key_id", "unknown until apply: "+in.Address+".key_id")
		b.r.Attributes["key_manager"] = "CUSTOMER"
		b.set("description", get(in.Body, "description"), nil)
		b.set("key_rotation_enabled", get(in.Body, "enable_key_rotation"), false)
		b.set("key_usage", get(in.Body, "key_usage"), "ENCRYPT_DECRYPT")
		spec := get(in.Body, "customer_master_key_spec")
		if spec == cty.NilVal {
			spec = get(in.Body, "key_spec")
		}
		b.set("key_spec", spec, "SYMMETRIC_DEFAULT")
		if v := get(in.Body, "is_enabled"); v == cty.NilVal {
			b.r.Attributes["key_state"] = "Enabled"
		} else if on, ok := toGo(v); ok {
			b.r.Attributes["key_state"] = map[bool]string{true: "Enabled", false: "Disabled"}[on == true]
		} else {
			b.unknown("key_state", unknownReason(v))
		}
		b.set("multi_region", get(in.Body, "multi_region"), false)
		b.set("deletion_window_in_days", get(in.Body, "deletion_window_in_days"), int64(30))
		if doc, why, ok := policyDocument(get(in.Body, "policy")); ok {
			b.r.Attributes["policy"] = doc
		} else if get(in.Body, "policy") != cty.NilVal {
			b.unknown("policy", why)
		}
		m.emit(b)
	}
}

func mapRDSInstances(m *mapper) {
	for _, in := range m.byType["aws_db_instance"] {
		b := newBuilder("aws.rds.instance", id(in), in, awsScope(in))
		setRegion(b, in)
		if v := get(in.Body, "identifier"); v != cty.NilVal {
			b.set("db_instance_identifier", v, nil)
		} else {
			b.unknown("db_instance_identifier", "identifier is generated at apply")
		}
		b.set("engine", get(in.Body, "engine"), nil)
		b.set("storage_encrypted", get(in.Body, "storage_encrypted"), false)
		b.set("publicly_accessible", get(in.Body, "publicly_accessible"), false)
		b.set("multi_az", get(in.Body, "multi_az"), false)
		b.set("deletion_protection", get(in.Body, "deletion_protection"), false)
		b.set("auto_minor_version_upgrade", get(in.Body, "auto_minor_version_upgrade"), true)
		b.set("iam_database_authentication_enabled", get(in.Body, "iam_database_authentication_enabled"), false)
		if v := get(in.Body, "backup_retention_period"); v != cty.NilVal {
			b.set("backup_retention_period", v, nil)
		} else if _, ok := str(get(in.Body, "snapshot_identifier")); ok {
			b.unknown("backup_retention_period", "restored from a snapshot: the retention comes from it")
		} else {
			// The RDS API's default for CreateDBInstance is 1 day.
			b.r.Attributes["backup_retention_period"] = int64(1)
		}
		m.emit(b)
	}
}

func mapEBSVolumes(m *mapper) {
	vols := m.byType["aws_ebs_volume"]
	if len(vols) == 0 {
		return
	}
	byDefault := map[string]cty.Value{}
	for _, e := range m.byType["aws_ebs_encryption_by_default"] {
		v := get(e.Body, "enabled")
		if v == cty.NilVal {
			v = cty.True
		}
		byDefault[e.Root] = v
	}
	for _, in := range vols {
		b := newBuilder("aws.ec2.volume", id(in), in, awsScope(in))
		setRegion(b, in)
		b.unknown("volume_id", "unknown until apply: "+in.Address+".id")
		switch v, def := get(in.Body, "encrypted"), byDefault[in.Root]; {
		case v != cty.NilVal:
			if on, ok := toGo(v); ok && on == false && def != cty.NilVal {
				// encrypted = false still yields an encrypted volume when
				// the account default is on.
				b.set("encrypted", def, nil)
			} else {
				b.set("encrypted", v, nil)
			}
		case def != cty.NilVal:
			b.set("encrypted", def, nil)
		default:
			b.unknown("encrypted", "encrypted is not set and depends on the account's EBS encryption-by-default setting, which this configuration does not manage")
		}
		b.set("kms_key_id", get(in.Body, "kms_key_id"), nil)
		b.set("size", get(in.Body, "size"), nil)
		b.set("volume_type", get(in.Body, "type"), nil)
		m.emit(b)
	}
}

func mapEC2Instances(m *mapper) {
	for _, in := range m.byType["aws_instance"] {
		b := newBuilder("aws.ec2.instance", id(in), in, awsScope(in))
		setRegion(b, in)
		b.unknown("instance_id", "unknown until apply: "+in.Address+".id")
		mo, u, ok := blocks(in.Body, "metadata_options")
		switch {
		case !ok:
			b.unknown("metadata_options", unknownReason(u))
		case len(mo) == 0:
			b.unknown("metadata_options.http_tokens", "metadata_options is not set: IMDSv2 enforcement then depends on the AMI and the account default")
			b.r.Attributes["metadata_options"] = map[string]any{"http_endpoint": "enabled"}
		default:
			opts := map[string]any{}
			b.setIn(opts, "metadata_options", "http_endpoint", get(mo[0], "http_endpoint"), "enabled")
			if v := get(mo[0], "http_tokens"); v != cty.NilVal {
				b.setIn(opts, "metadata_options", "http_tokens", v, nil)
			} else {
				b.unknown("metadata_options.http_tokens", "http_tokens is not set: IMDSv2 enforcement then depends on the AMI and the account default")
			}
			b.setIn(opts, "metadata_options", "http_put_response_hop_limit", get(mo[0], "http_put_response_hop_limit"), nil)
			b.r.Attributes["metadata_options"] = opts
		}
		if v := get(in.Body, "associate_public_ip_address"); v != cty.NilVal {
			b.set("public_ip_associated", v, nil)
		} else {
			b.unknown("public_ip_associated", "associate_public_ip_address is not set: it follows the subnet's setting")
		}
		b.set("instance_type", get(in.Body, "instance_type"), nil)
		m.emit(b)
	}
}
