package rampart.aws.cloudtrail.key_rotation_test

import data.rampart.aws.cloudtrail.key_rotation as c

arn := "arn:aws:kms:eu-west-1:111122223333:key/k1"

key(attrs) := {"type": "aws.kms.key", "id": arn, "attributes": attrs}

trail(keys) := {"type": "aws.cloudtrail.trail", "id": "t", "attributes": {"name": "main", "kms_encrypted": true, "kms_key_id": arn}, "related": {"key": keys}}

test_pass_enabled_rotating_key if {
	inp := trail([key({"key_state": "Enabled", "rotation_enabled": true, "customer_managed": true})])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_unencrypted_trail_is_not_this_controls_concern if {
	inp := {"attributes": {"name": "main", "kms_encrypted": false}, "related": {"key": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_key_not_rotating if {
	inp := trail([key({"key_state": "Enabled", "rotation_enabled": false})])
	c.deny == {{"msg": sprintf("key %s encrypting trail main does not rotate automatically", [arn]), "path": "related.key"}} with input as inp
}

test_fail_key_disabled if {
	inp := trail([key({"key_state": "PendingDeletion"})])
	c.deny == {{"msg": sprintf("key %s encrypting trail main is PendingDeletion, so new logs cannot be encrypted", [arn]), "path": "related.key"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_key_absent if {
	inp := trail([])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": sprintf("key %s of trail main is not in the evidence (another account, or not collected)", [arn]), "path": "related.key"}} with input as inp
}

test_unknown_rotation_not_collected if {
	k := {"id": arn, "attributes": {"key_state": "Enabled"}, "unknown": {"rotation_enabled": "403: kms:GetKeyRotationStatus"}}
	inp := trail([k])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": sprintf("whether key %s rotates is unknown: 403: kms:GetKeyRotationStatus", [arn]), "path": "related.key"}} with input as inp
}

test_unknown_state_wrong_type if {
	inp := trail([key({"key_state": 1, "rotation_enabled": false})])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_key_id if {
	inp := {"attributes": {"name": "main", "kms_encrypted": true}, "related": {"key": []}}
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the trail's kms_key_id is unknown", "path": "attributes.kms_key_id"}} with input as inp
}

test_unknown_encryption if {
	inp := {"attributes": {"name": "main"}, "related": {"key": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
