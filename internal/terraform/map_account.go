package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// accountKinds are the account-wide settings Terraform can manage; one
// aws.account per root module that has any of them.
var accountKinds = []string{
	"aws_iam_account_password_policy", "aws_s3_account_public_access_block", "aws_account_alternate_contact",
	"aws_ebs_encryption_by_default", "aws_guardduty_detector", "aws_config_configuration_recorder",
}

// mapAccount builds aws.account. Settings this configuration does not
// manage are unknown, not assumed; regional settings go under the
// provider's region, as the live collector reports them.
func mapAccount(m *mapper) {
	byRoot := map[string]map[string][]*Instance{}
	var order []string
	kinds := append(append(append([]string{}, accountKinds...), accountServiceKinds...), accountEC2Kinds...)
	for _, k := range kinds {
		for _, in := range m.byType[k] {
			if byRoot[in.Root] == nil {
				byRoot[in.Root] = map[string][]*Instance{}
				order = append(order, in.Root)
			}
			byRoot[in.Root][k] = append(byRoot[in.Root][k], in)
		}
	}
	for _, root := range order {
		got := byRoot[root]
		var first *Instance
		for _, k := range kinds {
			if len(got[k]) > 0 && first == nil {
				first = got[k][0]
			}
		}
		b := newBuilder(evidence.TypeAWSAccount, id(&Instance{Root: root, Address: "aws_account"}), first, globalScope(first))
		b.unknown("account_id", "the account ID is not in the Terraform configuration")
		b.unknown("root", "the root user's MFA and access keys are not managed by Terraform")
		accountPasswordPolicy(b, got["aws_iam_account_password_policy"])
		if ps := got["aws_s3_account_public_access_block"]; len(ps) > 0 {
			pab := map[string]any{"configured": true}
			for _, k := range []string{"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"} {
				b.setIn(pab, "s3_public_access_block", k, get(ps[len(ps)-1].Body, k), false)
			}
			b.r.Attributes["s3_public_access_block"] = pab
		} else {
			b.unknown("s3_public_access_block", "account-level S3 Block Public Access is not managed in this Terraform configuration")
		}
		securityContact(b, got["aws_account_alternate_contact"])
		primaryContact(b, got["aws_account_primary_contact"])
		accountRegions(m, b, got)
		m.emit(b)
	}
}

func accountPasswordPolicy(b *builder, ps []*Instance) {
	if len(ps) == 0 {
		b.unknown("password_policy", "the account password policy is not managed in this Terraform configuration")
		return
	}
	p := ps[len(ps)-1]
	pp := map[string]any{"configured": true}
	defaults := map[string]any{
		"minimum_password_length": int64(6), "require_lowercase_characters": false, "require_uppercase_characters": false,
		"require_numbers": false, "require_symbols": false, "allow_users_to_change_password": true, "hard_expiry": false,
	}
	for _, k := range keysOf(defaults) {
		b.setIn(pp, "password_policy", k, get(p.Body, k), defaults[k])
	}
	age := get(p.Body, "max_password_age")
	b.setIn(pp, "password_policy", "max_password_age", age, nil)
	if age == cty.NilVal {
		pp["expire_passwords"] = false
	} else if n, ok := knownInt(age); ok {
		pp["expire_passwords"] = n > 0
	} else {
		b.unknown("password_policy.expire_passwords", unknownReason(age))
	}
	// 0 is how AWS reports "no reuse prevention".
	b.setIn(pp, "password_policy", "password_reuse_prevention", get(p.Body, "password_reuse_prevention"), int64(0))
	b.r.Attributes["password_policy"] = pp
}

func securityContact(b *builder, cs []*Instance) {
	for _, c := range cs {
		t := get(c.Body, "alternate_contact_type")
		s, ok := str(t)
		if !ok {
			b.unknown("security_contact", c.Address+": alternate_contact_type "+unknownReason(t))
			return
		}
		if s == "SECURITY" {
			b.r.Attributes["security_contact"] = map[string]any{"configured": true}
			return
		}
	}
	b.unknown("security_contact", "the security alternate contact is not managed in this Terraform configuration")
}

// accountRegions fills regions.<region>.{ebs_encryption_by_default,
// guardduty, config_recorder} for the provider regions of the resources.
func accountRegions(m *mapper, b *builder, got map[string][]*Instance) {
	regions := map[string]map[string]any{}
	region := func(in *Instance) map[string]any {
		if in.Region == "" {
			b.unknown("regions", in.Address+" is configured for a provider whose region is not known statically")
			return nil
		}
		if regions[in.Region] == nil {
			regions[in.Region] = map[string]any{}
		}
		return regions[in.Region]
	}
	for _, e := range got["aws_ebs_encryption_by_default"] {
		if r := region(e); r != nil {
			b.setIn(r, "regions."+e.Region, "ebs_encryption_by_default", orDefault(get(e.Body, "enabled"), cty.True), nil)
		}
	}
	for _, d := range got["aws_guardduty_detector"] {
		if r := region(d); r != nil {
			v := orDefault(get(d.Body, "enable"), cty.True)
			if on, ok := toGo(v); ok {
				r["guardduty"] = map[string]any{"enabled": on, "status": map[bool]string{true: "ENABLED", false: "DISABLED"}[on == true]}
			} else {
				b.unknown(fmt.Sprintf("regions.%s.guardduty", d.Region), unknownReason(v))
			}
		}
	}
	statusL := m.link("aws_config_configuration_recorder_status", "aws_config_configuration_recorder", "name", "name")
	for _, rec := range got["aws_config_configuration_recorder"] {
		r := region(rec)
		if r == nil {
			continue
		}
		out := map[string]any{"configured": true}
		b.setIn(out, "regions."+rec.Region+".config_recorder", "name", orDefault(get(rec.Body, "name"), cty.StringVal("default")), nil)
		all := cty.True // recording_group absent: all supported resources
		if rg, u, ok := blocks(rec.Body, "recording_group"); !ok {
			all = u
		} else if len(rg) > 0 {
			all = orDefault(get(rg[0], "all_supported"), cty.True)
		}
		b.setIn(out, "regions."+rec.Region+".config_recorder", "all_supported", all, nil)
		if st := statusL.of[rec]; len(st) > 0 {
			b.setIn(out, "regions."+rec.Region+".config_recorder", "recording", get(st[len(st)-1].Body, "is_enabled"), nil)
		} else if why := statusL.unresolved[rec.Root]; why != "" {
			b.unknown("regions."+rec.Region+".config_recorder.recording", why)
		} else {
			// A recorder without aws_config_configuration_recorder_status is created stopped.
			out["recording"] = false
		}
		r["config_recorder"] = out
	}
	accountServices(b, got, region)
	accountEC2Defaults(b, got, region)
	if _, bad := b.r.Unknown["regions"]; bad {
		return
	}
	if len(regions) == 0 {
		b.unknown("regions", "no regional account setting (EBS encryption by default, GuardDuty, AWS Config, Access Analyzer, Macie, Security Hub) is managed in this Terraform configuration")
		return
	}
	out := map[string]any{}
	for k, v := range regions {
		out[k] = v
	}
	b.r.Attributes["regions"] = out
}
