package rampart.github.org.base_permission_test

import data.rampart.github.org.base_permission

test_pass_read if {
	count(base_permission.deny) == 0 with input as {"attributes": {"default_repository_permission": "read"}}
	count(base_permission.unknown) == 0 with input as {"attributes": {"default_repository_permission": "none"}}
}

test_fail_write_and_admin if {
	count(base_permission.deny) == 1 with input as {"attributes": {"default_repository_permission": "write"}}
	count(base_permission.deny) == 1 with input as {"attributes": {"default_repository_permission": "admin"}}
}

test_unknown_missing_or_odd if {
	count(base_permission.unknown) == 1 with input as {"attributes": {}}
	count(base_permission.unknown) == 1 with input as {"attributes": {"default_repository_permission": "maintain"}}
	count(base_permission.deny) == 0 with input as {"attributes": {}}
}
