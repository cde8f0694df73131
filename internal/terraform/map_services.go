package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The per-service mappers below follow the live AWS collector's shapes
// (docs/resources.md); provider defaults are written where the provider
// documents them, anything else known only after apply is unknown.

func mapCloudTrail(m *mapper) {
	for _, in := range m.byType["aws_cloudtrail"] {
		b := newBuilder(evidence.TypeAWSCloudTrailTrail, id(in), in, awsScope(in))
		setRegion(b, in)
		if in.Region != "" {
			b.r.Attributes["home_region"] = in.Region
		} else {
			b.unknown("home_region", "the AWS provider's region is not set statically in this configuration")
		}
		b.set("name", get(in.Body, "name"), nil)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.set("is_multi_region_trail", get(in.Body, "is_multi_region_trail"), false)
		b.set("is_organization_trail", get(in.Body, "is_organization_trail"), false)
		b.set("include_global_service_events", get(in.Body, "include_global_service_events"), true)
		b.set("log_file_validation_enabled", get(in.Body, "enable_log_file_validation"), false)
		b.set("is_logging", get(in.Body, "enable_logging"), true)
		b.set("s3_bucket_name", get(in.Body, "s3_bucket_name"), nil)
		// A key set by reference (aws_kms_key.trail.arn) is a key: the trail
		// is encrypted even though the ARN is known only after apply.
		kms := get(in.Body, "kms_key_id")
		b.r.Attributes["kms_encrypted"] = kms != cty.NilVal
		if kms != cty.NilVal {
			b.set("kms_key_id", kms, nil)
		}
		if cw := get(in.Body, "cloud_watch_logs_group_arn"); cw != cty.NilVal {
			b.set("cloud_watch_logs_log_group_arn", cw, nil)
		}
		trailSelectors(b, in)
		m.emit(b)
	}
}

func mapKMSKeys(m *mapper) {
	polL := m.link("aws_kms_key_policy", "aws_kms_key", "key_id", "key_id")
	for _, in := range m.byType["aws_kms_key"] {
		b := newBuilder(evidence.TypeAWSKMSKey, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("key_id", in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.r.Attributes["key_manager"] = "CUSTOMER"
		b.r.Attributes["customer_managed"] = true
		spec := get(in.Body, "customer_master_key_spec")
		if spec == cty.NilVal {
			spec = get(in.Body, "key_spec")
		}
		b.set("key_spec", spec, "SYMMETRIC_DEFAULT")
		state := "Enabled"
		if v := get(in.Body, "is_enabled"); v != cty.NilVal {
			on, ok := toGo(v)
			if !ok {
				b.unknown("key_state", unknownReason(v))
				state = ""
			} else if on == false {
				state = "Disabled"
			}
		}
		if state != "" {
			b.r.Attributes["key_state"] = state
		}
		// Automatic rotation exists only for enabled symmetric keys with
		// KMS key material; for others the live collector leaves it absent.
		spec2, _ := b.r.Attributes["key_spec"].(string)
		external := get(in.Body, "custom_key_store_id") != cty.NilVal
		if spec2 == "SYMMETRIC_DEFAULT" && state == "Enabled" && !external {
			b.set("rotation_enabled", get(in.Body, "enable_key_rotation"), false)
		}
		b.set("description", get(in.Body, "description"), nil)
		b.set("multi_region", get(in.Body, "multi_region"), false)
		m.linkedPolicy(b, in, polL, "key policy", "policy", "policy")
		m.emit(b)
	}
}

func mapRDSInstances(m *mapper) {
	for _, in := range m.byType["aws_db_instance"] {
		b := newBuilder(evidence.TypeAWSRDSInstance, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("db_instance_identifier", get(in.Body, "identifier"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.set("engine", get(in.Body, "engine"), nil)
		b.set("storage_encrypted", get(in.Body, "storage_encrypted"), false)
		b.set("publicly_accessible", get(in.Body, "publicly_accessible"), false)
		b.set("multi_az", get(in.Body, "multi_az"), false)
		b.set("deletion_protection", get(in.Body, "deletion_protection"), false)
		b.set("auto_minor_version_upgrade", get(in.Body, "auto_minor_version_upgrade"), true)
		b.set("iam_database_authentication_enabled", get(in.Body, "iam_database_authentication_enabled"), false)
		rdsInstanceDepth(b, in)
		if get(in.Body, "cluster_identifier") == cty.NilVal {
			m.rdsTLS(b, in, "parameter_group_name", "aws_db_parameter_group")
		}
		if v := get(in.Body, "kms_key_id"); v != cty.NilVal {
			b.set("kms_key_id", v, nil)
		}
		switch v := get(in.Body, "backup_retention_period"); {
		case v != cty.NilVal:
			b.set("backup_retention_period", v, nil)
		case get(in.Body, "snapshot_identifier") != cty.NilVal || get(in.Body, "replicate_source_db") != cty.NilVal:
			b.unknown("backup_retention_period", "restored or replicated: the retention comes from the source")
		default:
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
		byDefault[e.Root+"\x00"+e.Region] = v
	}
	for _, in := range vols {
		b := newBuilder(evidence.TypeAWSEC2Volume, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("volume_id", in)
		b.unknown("state", "unknown until apply")
		switch v, def := get(in.Body, "encrypted"), byDefault[in.Root+"\x00"+in.Region]; {
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
		if v := get(in.Body, "kms_key_id"); v != cty.NilVal {
			b.set("kms_key_id", v, nil)
		}
		b.set("size", get(in.Body, "size"), nil)
		b.set("volume_type", get(in.Body, "type"), nil)
		m.emit(b)
	}
}

func mapEC2Instances(m *mapper) {
	for _, in := range m.byType["aws_instance"] {
		b := newBuilder(evidence.TypeAWSEC2Instance, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("instance_id", in)
		b.unknown("state", "unknown until apply")
		b.unknown("vpc_id", "follows the subnet, known after apply")
		if v := get(in.Body, "subnet_id"); v != cty.NilVal {
			b.set("subnet_id", v, nil)
		} else {
			b.unknown("subnet_id", "no subnet_id: the default VPC's subnet is chosen at apply")
		}
		b.set("instance_type", get(in.Body, "instance_type"), nil)
		if v := get(in.Body, "associate_public_ip_address"); v != cty.NilVal {
			b.set("has_public_ip", v, nil)
		} else {
			b.unknown("has_public_ip", "associate_public_ip_address is not set: it follows the subnet's setting")
		}
		metadataOptions(m, b, in)
		instanceUserData(b, in)
		instanceSecurityGroups(m, b, in)
		instanceProfile(m, b, in)
		m.emit(b)
	}
}

// metadataOptions maps metadata_options and derives imdsv2_required the
// way the collector does: tokens required, or the endpoint off. An unset
// http_tokens (no metadata_options at all, or a block without it) is judged
// by AWS's documented default, "optional" — IMDSv1 allowed — with a warning
// saying so: EC2 requires IMDSv2 by default only for an AMI registered with
// ImdsSupport v2.0 (in an account whose default is no-preference;
// InstanceMetadataOptionsRequest in the EC2 API reference), which the
// configuration does not say. Failing on the default is the conservative
// reading, and the fix — http_tokens = "required" — makes it certain either
// way. Left unknown, every instance written without the block was
// not_evaluated on every pull request.
func metadataOptions(m *mapper, b *builder, in *Instance) {
	mo, u, ok := blocks(in.Body, "metadata_options")
	if !ok {
		b.unknown("metadata_options", unknownReason(u))
		b.unknown("imdsv2_required", unknownReason(u))
		return
	}
	opts := map[string]any{}
	var tokens, endpoint cty.Value
	if len(mo) > 0 {
		tokens, endpoint = get(mo[0], "http_tokens"), get(mo[0], "http_endpoint")
	}
	b.setIn(opts, "metadata_options", "http_endpoint", endpoint, "enabled")
	b.setIn(opts, "metadata_options", "http_tokens", tokens, "optional")
	if tokens == cty.NilVal {
		m.warn(in, "IMDS judged by AWS's default",
			fmt.Sprintf("%s sets no metadata_options.http_tokens: judged by AWS's default, \"optional\" (IMDSv1 allowed), unless its AMI is registered with ImdsSupport v2.0; set http_tokens = \"required\" to make it certain", in.Address))
	}
	b.r.Attributes["metadata_options"] = opts
	ep, epKnown := opts["http_endpoint"].(string)
	tk, tkKnown := opts["http_tokens"].(string)
	switch {
	case epKnown && ep == "disabled":
		b.r.Attributes["imdsv2_required"] = true
	case tkKnown && epKnown:
		b.r.Attributes["imdsv2_required"] = tk == "required"
	default:
		b.unknown("imdsv2_required", "metadata options "+unknownReason(tokens))
	}
}

// mapVPCs builds aws.vpc with the flow logs of this configuration.
func mapVPCs(m *mapper) {
	vpcs := append(append([]*Instance{}, m.byType["aws_vpc"]...), m.byType["aws_default_vpc"]...)
	if len(vpcs) == 0 {
		return
	}
	logL := m.link("aws_flow_log", "aws_vpc", "vpc_id", "id")
	for _, in := range vpcs {
		b := newBuilder(evidence.TypeAWSVPC, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("vpc_id", in)
		b.r.Attributes["is_default"] = in.Type == "aws_default_vpc"
		b.set("cidr_block", get(in.Body, "cidr_block"), nil)
		listFrom(b, "flow_logs", logL, in, func(f *Instance) (any, string) {
			t, ok := str(orDefault(get(f.Body, "traffic_type"), cty.StringVal("ALL")))
			if !ok {
				return nil, f.Address + ": traffic_type " + unknownReason(get(f.Body, "traffic_type"))
			}
			return map[string]any{"status": "ACTIVE", "traffic_type": t}, ""
		})
		m.emit(b)
	}
}

// trailSelectors maps aws_cloudtrail's event_selector and
// advanced_event_selector blocks through evidence.TrailSelectorAttributes,
// as the collector maps GetEventSelectors. A trail with neither records
// every management event (AWS's default selector). One part that is not
// known statically makes all four attributes unknown: a summary from part
// of the selectors could read false for a trail that logs, or true for one
// whose unseen selector narrows nothing.
func trailSelectors(b *builder, in *Instance) {
	basic, advanced, why := readTrailSelectors(in)
	if why != "" {
		for _, a := range evidence.TrailSelectorAttrs {
			b.unknown(a, in.Address+": "+why)
		}
		return
	}
	if len(basic) == 0 && len(advanced) == 0 {
		basic = []evidence.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true}}
	}
	for k, v := range evidence.TrailSelectorAttributes(basic, advanced) {
		b.r.Attributes[k] = v
	}
}

func readTrailSelectors(in *Instance) ([]evidence.EventSelector, []evidence.AdvancedEventSelector, string) {
	var basic []evidence.EventSelector
	sels, u, ok := blocks(in.Body, "event_selector")
	if !ok {
		return nil, nil, "event_selector " + unknownReason(u)
	}
	for _, s := range sels {
		rw, ok := str(orDefault(get(s, "read_write_type"), cty.StringVal("All")))
		if !ok {
			return nil, nil, "event_selector read_write_type " + unknownReason(get(s, "read_write_type"))
		}
		mgmtV := orDefault(get(s, "include_management_events"), cty.True)
		mgmt, ok := toGo(mgmtV)
		if _, isBool := mgmt.(bool); !ok || !isBool {
			return nil, nil, "event_selector include_management_events " + unknownReason(mgmtV)
		}
		excluded, why := stringList(get(s, "exclude_management_event_sources"))
		if why != "" {
			return nil, nil, "event_selector exclude_management_event_sources " + why
		}
		sel := evidence.EventSelector{ReadWriteType: rw, IncludeManagementEvents: mgmt.(bool), ExcludeManagementEventSources: excluded}
		drs, u, ok := blocks(s, "data_resource")
		if !ok {
			return nil, nil, "event_selector data_resource " + unknownReason(u)
		}
		for _, d := range drs {
			typ, ok := str(get(d, "type"))
			if !ok {
				return nil, nil, "data_resource type " + unknownReason(get(d, "type"))
			}
			values, why := stringList(get(d, "values"))
			if why != "" {
				return nil, nil, "data_resource values " + why
			}
			sel.DataResources = append(sel.DataResources, evidence.DataResource{Type: typ, Values: values})
		}
		basic = append(basic, sel)
	}
	var advanced []evidence.AdvancedEventSelector
	advs, u, ok := blocks(in.Body, "advanced_event_selector")
	if !ok {
		return nil, nil, "advanced_event_selector " + unknownReason(u)
	}
	for _, a := range advs {
		name, _ := str(get(a, "name"))
		sel := evidence.AdvancedEventSelector{Name: name}
		fields, u, ok := blocks(a, "field_selector")
		if !ok {
			return nil, nil, "advanced_event_selector field_selector " + unknownReason(u)
		}
		for _, f := range fields {
			field, ok := str(get(f, "field"))
			if !ok {
				return nil, nil, "field_selector field " + unknownReason(get(f, "field"))
			}
			fs := evidence.FieldSelector{Field: field}
			for _, op := range []struct {
				arg string
				dst *[]string
			}{{"equals", &fs.Equals}, {"not_equals", &fs.NotEquals}, {"starts_with", &fs.StartsWith}, {"not_starts_with", &fs.NotStartsWith}, {"ends_with", &fs.EndsWith}, {"not_ends_with", &fs.NotEndsWith}} {
				vals, why := stringList(get(f, op.arg))
				if why != "" {
					return nil, nil, fmt.Sprintf("field_selector %s %s: %s", field, op.arg, why)
				}
				*op.dst = vals
			}
			sel.FieldSelectors = append(sel.FieldSelectors, fs)
		}
		advanced = append(advanced, sel)
	}
	return basic, advanced, ""
}

// stringList is a known list (or set) of strings; absent is empty.
func stringList(v cty.Value) ([]string, string) {
	if v == cty.NilVal {
		return nil, ""
	}
	g, ok := toGo(v)
	if !ok {
		return nil, unknownReason(v)
	}
	list, isList := g.([]any)
	if !isList {
		return nil, "is not a list"
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, isStr := e.(string)
		if !isStr {
			return nil, "has an element that is not a string"
		}
		out = append(out, s)
	}
	return out, ""
}
