package rampart.aws.account.security_questions_test

import data.rampart.aws.account.security_questions

# A manual control judges no evidence: attestations decide it. The engine
# refuses a manual control with rules; this keeps the package that way.
test_manual_control_judges_no_evidence if {
	not security_questions.deny
	not security_questions.unknown
}
