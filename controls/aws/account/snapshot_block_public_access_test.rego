package rampart.aws.account.snapshot_block_public_access_test

import data.rampart.aws.account.snapshot_block_public_access as c

acct(regions) := {"attributes": {"regions": regions}}

test_pass if {
	inp := acct({"eu-west-1": {"snapshot_block_public_access": {"state": "block-all-sharing"}}})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as acct({"eu-west-1": {"snapshot_block_public_access": {"state": "block-all-sharing"}}, "us-east-1": {"snapshot_block_public_access": {"state": "block-new-sharing"}}})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as acct({})
	count(c.unknown) == 1 with input as acct({"eu-west-1": {}})
	count(c.deny) == 0 with input as acct({"eu-west-1": {}})
	inp := {"attributes": {"regions": {"eu-west-1": {}}}, "unknown": {"regions.eu-west-1.snapshot_block_public_access": "access denied"}}
	count(c.unknown) == 2 with input as inp
}
