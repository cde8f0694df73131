# METADATA
# title: Amazon Inspector scans EC2 instances, ECR images and Lambda functions
# description: >-
#   Inspector finds known vulnerabilities (CVEs) in the packages of
#   instances, container images and functions, and ports reachable from the
#   internet, continuously; a region where a scan is off has workloads
#   nobody checks for known holes. Every collected region, since a
#   workload can be started anywhere.
# custom:
#   id: AWS-INSP-001
#   severity: medium
#   resource_types: [aws.inspector.account]
#   frameworks:
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["RA-5", "SI-2"]
#     soc2: ["CC7.1"]
#   equivalents:
#     prowler: [inspector2_is_enabled]
#   remediation:
#     console: 'Amazon Inspector → (each region) → Activate Inspector, then Account management → activate EC2, ECR and Lambda standard scanning (or for the organisation from the delegated administrator).'
#     terraform: 'aws_inspector2_enabler { account_ids = [data.aws_caller_identity.current.account_id], resource_types = ["EC2", "ECR", "LAMBDA"] } in a provider for each region.'
package rampart.aws.inspector.enabled

import data.rampart.lib

scans := {"ec2": "EC2 instances", "ecr": "ECR images", "lambda": "Lambda functions"}

deny contains {"msg": sprintf("Amazon Inspector does not scan %s in %s (%s)", [what, object.get(input, ["scope", "region"], "this region"), lib.attr(scan)]), "path": sprintf("attributes.%s", [scan])} if {
	some scan, what in scans
	is_string(lib.attr(scan))
	lib.attr(scan) != "ENABLED"
}

unknown contains {"msg": sprintf("whether Inspector scans %s is unknown", [what]), "path": sprintf("attributes.%s", [scan])} if {
	some scan, what in scans
	not is_string(lib.attr(scan))
}
