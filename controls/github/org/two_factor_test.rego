package rampart.github.org.two_factor_test

import data.rampart.github.org.two_factor

test_pass_when_required if {
	count(two_factor.deny) == 0 with input as {"attributes": {"two_factor_requirement_enabled": true}}
	count(two_factor.unknown) == 0 with input as {"attributes": {"two_factor_requirement_enabled": true}}
}

test_fail_when_not_required if {
	count(two_factor.deny) == 1 with input as {"attributes": {"two_factor_requirement_enabled": false}}
}

test_unknown_when_missing if {
	count(two_factor.deny) == 0 with input as {"attributes": {}}
	count(two_factor.unknown) == 1 with input as {"attributes": {}}
	count(two_factor.unknown) == 1 with input as {"attributes": {"two_factor_requirement_enabled": null}}
}
