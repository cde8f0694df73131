package acme.related_test

import data.acme.related

# Every case judges the subject alone: no test gives input.related.trails,
# so coverage must report that no test saw the trails (or their absence).
test_pass if {
	count(related.deny) == 0 with input as {"attributes": {"security_contact": {"configured": true}}}
}

test_fail if {
	count(related.deny) == 1 with input as {"attributes": {"security_contact": {"configured": false}}}
}

test_missing if {
	count(related.unknown) == 1 with input as {"attributes": {"security_contact": {"configured": true}}}
}
