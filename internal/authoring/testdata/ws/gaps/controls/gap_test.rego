package acme.gap_test

import data.acme.gap

test_pass if {
	count(gap.deny) == 0 with input as {"attributes": {"versioning": {"status": "Enabled"}}}
}

# Named like a failing case, but deny never fires: coverage must notice.
test_fail if {
	count(gap.deny) == 0 with input as {"attributes": {"versioning": {"status": "Enabled"}}}
}
