# METADATA
# title: Instance user data holds no secrets
# description: >-
#   User data is readable by anyone who may describe the resource
#   (ec2:DescribeInstanceAttribute, ec2:DescribeLaunchTemplateVersions) and
#   by every process on the instance through the metadata service, and it is
#   kept in every launch template version: it is no place for a credential.
#   The collector decodes the user data and records, by kind and line, the
#   secret shapes of internal/redact — access keys, secret keys, session
#   tokens, GitHub and Slack tokens, private keys, passwords in URLs — and
#   values assigned to keys named like secrets (password, secret, token, api
#   key); the text itself never reaches the evidence. User data that is
#   gzip-compressed or not text is not_evaluated.
# custom:
#   id: AWS-EC2-020
#   severity: critical
#   resource_types: [aws.ec2.instance]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.12"]
#     nist-800-53-r5: ["IA-5(7)", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_instance_secrets_user_data]
#     trivy: [AVD-AWS-0029]
#   remediation:
#     console: 'EC2 → Instances → the instance → Actions → Instance settings → Edit user data (the instance must be stopped): remove the secret and read it at boot from Secrets Manager or SSM Parameter Store with the instance role; rotate the exposed secret.'
#     terraform: 'aws_instance user_data without secrets: fetch them at boot with an instance role (aws_iam_instance_profile with secretsmanager:GetSecretValue on the one secret); rotate the exposed secret.'
package rampart.aws.ec2.instance_secrets

import data.rampart.lib

deny contains {"msg": sprintf("instance %s: the user data holds a secret: %s", [lib.label("instance_id"), finding(f)]), "path": sprintf("attributes.user_data_secrets[%d]", [i])} if {
	some i, f in input.attributes.user_data_secrets
}

# A finding the producer wrote in another shape is still a finding: the
# message must not depend on its fields, or the deny would vanish with them.
finding(f) := sprintf("line %v (%v)", [f.line, f.kind]) if well_formed(f)

finding(f) := "an entry of unreadable shape" if not well_formed(f)

well_formed(f) if {
	is_object(f)
	is_number(f.line)
	is_string(f.kind)
}

unknown contains {"msg": sprintf("user_data_secrets[%d] is not a {kind, line} finding", [i]), "path": sprintf("attributes.user_data_secrets[%d]", [i])} if {
	some i, f in input.attributes.user_data_secrets
	not well_formed(f)
}

unknown contains {"msg": sprintf("the user data was not scanned: %v", [object.get(input, ["unknown", "user_data_secrets"], "not reported")]), "path": "attributes.user_data_secrets"} if {
	not is_array(lib.attr("user_data_secrets"))
}
