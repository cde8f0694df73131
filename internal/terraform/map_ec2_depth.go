package terraform

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/redact"
)

// mapSubnets maps aws_subnet (and aws_default_subnet, whose
// map_public_ip_on_launch defaults to true as the default VPC's do).
func mapSubnets(m *mapper) {
	for _, kind := range []string{"aws_subnet", "aws_default_subnet"} {
		for _, in := range m.byType[kind] {
			b := newBuilder(evidence.TypeAWSEC2Subnet, id(in), in, awsScope(in))
			setRegion(b, in)
			b.displayName("subnet_id", in)
			if kind == "aws_default_subnet" {
				b.unknown("vpc_id", "the default VPC's ID is known after apply")
				b.unknown("cidr_block", "the default subnet's block is AWS's")
				b.set("map_public_ip_on_launch", get(in.Body, "map_public_ip_on_launch"), true)
			} else {
				b.set("vpc_id", get(in.Body, "vpc_id"), nil)
				b.set("cidr_block", get(in.Body, "cidr_block"), nil)
				b.set("map_public_ip_on_launch", get(in.Body, "map_public_ip_on_launch"), false)
			}
			if v := get(in.Body, "availability_zone"); v != cty.NilVal {
				b.set("availability_zone", v, nil)
			} else {
				b.unknown("availability_zone", "no availability_zone: AWS picks one at apply")
			}
			m.emit(b)
		}
	}
}

// mapLaunchTemplates maps aws_launch_template: the version Terraform
// writes becomes the default one when update_default_version is set or
// the template is new, which is the version the collector reads.
func mapLaunchTemplates(m *mapper) {
	for _, in := range m.byType["aws_launch_template"] {
		b := newBuilder(evidence.TypeAWSEC2LaunchTemplate, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("launch_template_id", in)
		b.identifier("name", get(in.Body, "name"), in)
		launchTemplateMetadata(b, in)
		public := false
		nis, u, ok := blocks(in.Body, "network_interfaces")
		if !ok {
			b.unknown("associate_public_ip_address", unknownReason(u))
		} else {
			for _, ni := range nis {
				v := get(ni, "associate_public_ip_address")
				if v == cty.NilVal {
					continue
				}
				g, known := toGo(v)
				if !known {
					b.unknown("associate_public_ip_address", unknownReason(v))
					public = false
					break
				}
				if on, isBool := g.(bool); isBool && on {
					public = true
				}
				// The provider also takes the strings "true"/"false".
				if s, isString := g.(string); isString && s == "true" {
					public = true
				}
			}
			if _, unk := b.r.Unknown["associate_public_ip_address"]; !unk {
				b.r.Attributes["associate_public_ip_address"] = public
			}
		}
		setUserDataSecrets(b, get(in.Body, "user_data"), true)
		m.emit(b)
	}
}

// launchTemplateMetadata derives imdsv2_required as the collector does; a
// template without metadata_options leaves IMDSv1 to the account default
// and the AMI, which is false here as it is live.
func launchTemplateMetadata(b *builder, in *Instance) {
	mo, u, ok := blocks(in.Body, "metadata_options")
	if !ok {
		b.unknown("metadata_options", unknownReason(u))
		b.unknown("imdsv2_required", unknownReason(u))
		return
	}
	if len(mo) == 0 {
		b.r.Attributes["imdsv2_required"] = false
		return
	}
	out := map[string]any{}
	b.setIn(out, "metadata_options", "http_tokens", get(mo[0], "http_tokens"), nil)
	b.setIn(out, "metadata_options", "http_endpoint", get(mo[0], "http_endpoint"), nil)
	b.r.Attributes["metadata_options"] = out
	for _, k := range []string{"http_tokens", "http_endpoint"} {
		if why, unk := b.r.Unknown["metadata_options."+k]; unk {
			b.unknown("imdsv2_required", why)
			return
		}
	}
	b.r.Attributes["imdsv2_required"] = out["http_tokens"] == "required" || out["http_endpoint"] == "disabled"
}

// instanceUserData maps aws_instance user_data (plain text) or
// user_data_base64.
func instanceUserData(b *builder, in *Instance) {
	if v := get(in.Body, "user_data_base64"); v != cty.NilVal {
		setUserDataSecrets(b, v, true)
		return
	}
	setUserDataSecrets(b, get(in.Body, "user_data"), false)
}

// setUserDataSecrets records the secret shapes of user data, never the
// text, as the collector does: a value not known statically is unknown.
func setUserDataSecrets(b *builder, v cty.Value, encoded bool) {
	const attr = "user_data_secrets"
	if v == cty.NilVal {
		b.r.Attributes[attr] = []redact.LineFinding{}
		return
	}
	s, ok := str(v)
	if !ok {
		// Not unknownReason(v): it quotes the expression, and user data
		// is where secrets are.
		b.unknown(attr, "the user data is not known statically (a variable, a file or a function evaluated at apply), so it was not scanned")
		return
	}
	text := []byte(s)
	if encoded {
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			b.unknown(attr, fmt.Sprintf("user data is not base64: %v", err))
			return
		}
		text = raw
	}
	if bytes.HasPrefix(text, []byte{0x1f, 0x8b}) || !utf8.Valid(text) {
		b.unknown(attr, "user data is compressed or not text and was not scanned")
		return
	}
	b.r.Attributes[attr] = redact.ScanLines(string(text))
}
