# METADATA
# title: VPC flow logs are enabled
# description: >-
#   Flow logs record accepted and rejected traffic of the VPC, needed to spot
#   exfiltration and to investigate an intrusion afterwards.
# custom:
#   id: AWS-VPC-001
#   severity: medium
#   resource_types: [aws.vpc]
#   frameworks:
#     cis-aws-3.0: ["3.7"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [vpc_flow_logs_enabled]
#     trivy: [AVD-AWS-0178]
#   remediation:
#     console: 'VPC → the VPC → Flow logs → Create flow log: filter All (or Reject at least), to CloudWatch Logs or S3.'
#     terraform: 'aws_flow_log { vpc_id = aws_vpc.x.id, traffic_type = "ALL", log_destination = ... }.'
package rampart.aws.vpc.flow_logs

import data.rampart.lib

active := [f | some f in input.attributes.flow_logs; f.status == "ACTIVE"]

deny contains {"msg": sprintf("VPC %s has no active flow log", [lib.label("vpc_id")]), "path": "attributes.flow_logs"} if {
	is_array(input.attributes.flow_logs)
	count(active) == 0
}

unknown contains {"msg": "the VPC's flow logs are unknown", "path": "attributes.flow_logs"} if {
	not is_array(lib.attr("flow_logs"))
}

# A flow log whose status cannot be read may be the active one.
unknown contains {"msg": sprintf("the status of flow log %d is unknown", [i]), "path": sprintf("attributes.flow_logs[%d].status", [i])} if {
	count(active) == 0
	some i, f in input.attributes.flow_logs
	not status_known(f)
}

# A helper: OPA lifts a field read out of `not`, so `not is_string(f.status)`
# would be undefined, not true, for a flow log without a status.
status_known(f) if is_string(f.status)
