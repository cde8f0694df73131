package terraform

import (
	"github.com/zclconf/go-cty/cty"
)

// mapAccount builds aws.account from the account-wide settings Terraform
// manages: the IAM password policy, the account-level S3 Block Public
// Access and EBS encryption by default (per provider region). Settings
// this configuration does not manage are unknown, not assumed.
func mapAccount(m *mapper) {
	kinds := []string{"aws_iam_account_password_policy", "aws_ebs_encryption_by_default", "aws_s3_account_public_access_block"}
	byRoot := map[string]map[string]*Instance{}
	var order []string
	for _, k := range kinds {
		for _, in := range m.byType[k] {
			if byRoot[in.Root] == nil {
				byRoot[in.Root] = map[string]*Instance{}
				order = append(order, in.Root)
			}
			byRoot[in.Root][k] = in
		}
	}
	for _, root := range order {
		got := byRoot[root]
		var first *Instance
		for _, k := range kinds {
			if got[k] != nil && first == nil {
				first = got[k]
			}
		}
		b := newBuilder("aws.account", id(&Instance{Root: root, Address: "aws_account"}), first, globalScope(first))
		b.unknown("account_id", "the account ID is not in the Terraform configuration")
		if p := got["aws_iam_account_password_policy"]; p != nil {
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
			b.setIn(pp, "password_policy", "password_reuse_prevention", get(p.Body, "password_reuse_prevention"), nil)
			b.r.Attributes["password_policy"] = pp
		} else {
			b.unknown("password_policy", "the account password policy is not managed in this Terraform configuration")
		}
		if p := got["aws_s3_account_public_access_block"]; p != nil {
			pab := map[string]any{"configured": true}
			for _, k := range []string{"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"} {
				b.setIn(pab, "s3_public_access_block", k, get(p.Body, k), false)
			}
			b.r.Attributes["s3_public_access_block"] = pab
		} else {
			b.unknown("s3_public_access_block", "account-level S3 Block Public Access is not managed in this Terraform configuration")
		}
		if e := got["aws_ebs_encryption_by_default"]; e != nil {
			if e.Region == "" {
				b.unknown("regions", "EBS encryption by default is set for a provider whose region is not known statically")
			} else {
				v := get(e.Body, "enabled")
				if v == cty.NilVal {
					v = cty.True
				}
				region := map[string]any{}
				b.setIn(region, "regions."+e.Region, "ebs_encryption_by_default", v, nil)
				b.r.Attributes["regions"] = map[string]any{e.Region: region}
			}
		} else {
			b.unknown("regions", "regional account settings (EBS encryption by default) are not managed in this Terraform configuration")
		}
		m.emit(b)
	}
}
