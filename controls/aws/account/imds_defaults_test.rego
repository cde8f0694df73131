package rampart.aws.account.imds_defaults_test

import data.rampart.aws.account.imds_defaults as c

acct(regions) := {"attributes": {"regions": regions}}

test_pass if {
	inp := acct({"eu-west-1": {"instance_metadata_defaults": {"http_tokens": "required"}}})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as acct({"eu-west-1": {"instance_metadata_defaults": {"http_tokens": "required"}}, "us-east-1": {"instance_metadata_defaults": {"http_tokens": "no-preference"}}})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as acct({})
	count(c.unknown) == 1 with input as acct({"eu-west-1": {}})
	count(c.deny) == 0 with input as acct({"eu-west-1": {}})
	inp := {"attributes": {"regions": {"eu-west-1": {}}}, "unknown": {"regions.eu-west-1.instance_metadata_defaults": "access denied"}}
	count(c.unknown) == 2 with input as inp
}
