package rampart.lib_test

import data.rampart.lib

test_is_true_and_is_false_only_for_booleans if {
	lib.is_true(true)
	lib.is_false(false)
	every v in [null, "true", "false", 0, 1, [], {}] {
		not lib.is_true(v)
		not lib.is_false(v)
	}
}

test_not_archived if {
	lib.not_archived with input as {"attributes": {"archived": false}}
	not lib.not_archived with input as {"attributes": {"archived": true}}
	every v in [null, "false", 0, "true"] {
		lib.not_archived with input as {"attributes": {"archived": v}}
		lib.archived_unknown with input as {"attributes": {"archived": v}}
	}
	lib.archived_unknown with input as {"attributes": {}}
	not lib.archived_unknown with input as {"attributes": {"archived": false}}
}

test_region_unknown if {
	inp := {"attributes": {}, "unknown": {
		"regions.eu-west-1": "throttled",
		"regions.us-east-1.guardduty": "AccessDenied",
		"regions.us-east-2.config_recorder.recording": "AccessDenied",
		"root.mfa_active": "AccessDenied",
	}}
	lib.region_unknown("guardduty") == {"regions.eu-west-1", "regions.us-east-1.guardduty"} with input as inp
	lib.region_unknown("config_recorder") == {"regions.eu-west-1", "regions.us-east-2.config_recorder.recording"} with input as inp
	lib.region_unknown("guardduty") == {"regions"} with input as {"attributes": {}, "unknown": {"regions": "DescribeRegions failed"}}
	lib.region_unknown("guardduty") == set() with input as {"attributes": {}}
}

test_statements if {
	lib.statements({"Statement": {"Effect": "Allow"}}) == [{"Effect": "Allow"}]
	lib.statements({"Statement": [{"Effect": "Allow"}]}) == [{"Effect": "Allow"}]
	every st in [null, "x", 1, true, []] {
		not lib.statements({"Statement": st})
	}
	not lib.statements({})
}

test_admin_statement_forms if {
	every st in [
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["*"]},
		{"Effect": "Allow", "Action": "*:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit/*"},
		{"Effect": "Allow", "NotAction": ["iam:*"], "NotResource": "arn:aws:s3:::audit/*"},
	] {
		lib.admin_statement(st)
		lib.well_formed_statement(st)
	}
	every st in [
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Allow", "Action": null, "Resource": "*"},
		{"Effect": "Allow", "Action": [null], "Resource": "*"},
	] {
		not lib.admin_statement(st)
	}
}

test_well_formed_statement if {
	every st in [
		null, "x", {},
		{"Effect": "allow", "Action": "*", "Resource": "*"},
		{"Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Resource": "*"},
		{"Effect": "Allow", "Action": "*"},
		{"Effect": "Allow", "Action": "*", "NotAction": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": 1, "Resource": "*"},
		{"Effect": "Allow", "Action": ["*", 1], "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": {}},
		{"Effect": "Allow", "Action": [], "Resource": "*"},
		{"Effect": "Allow", "Action": "", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": [""]},
	] {
		not lib.well_formed_statement(st)
	}
}
