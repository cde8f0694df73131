package rampart.aws.organizations.all_features_test

import data.rampart.aws.organizations.all_features as c

org(fs) := {"scope": {"account_id": "111122223333"}, "attributes": {"in_organization": true, "organization_id": "o-a1", "feature_set": fs}}

test_pass_all if {
	count(c.deny) == 0 with input as org("ALL")
	count(c.unknown) == 0 with input as org("ALL")
}

test_fail_billing_only if {
	c.deny == {{"msg": "organisation o-a1 has feature set CONSOLIDATED_BILLING, not ALL: no service control or other policies can be used", "path": "attributes.feature_set"}} with input as org("CONSOLIDATED_BILLING")
}

test_fail_no_organization if {
	count(c.deny) == 1 with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}}
	count(c.unknown) == 0 with input as {"scope": {"account_id": "1"}, "attributes": {"in_organization": false}}
}

test_unknown_feature_set if {
	inp := {"attributes": {"in_organization": true}, "unknown": {"feature_set": "DescribeOrganization failed"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_membership if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
}
