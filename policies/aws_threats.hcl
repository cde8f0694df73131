# Threats and vulnerabilities AWS itself reports (issue 18): open GuardDuty
# findings and active Inspector findings are alerts (kinds guardduty and
# inspector) tracked against settings alert_sla, and the detection that
# raises them must cover every kind of workload.

mitigation "aws-threat-response" {
  title    = "Every GuardDuty finding is investigated and closed within its SLA; none of high severity stays open"
  controls = ["AWS-GD-002", "AWS-GD-003"]
}

mitigation "aws-threat-detection-coverage" {
  title    = "GuardDuty's protection plans cover data, clusters, instances, databases and functions, not only the account's API calls"
  controls = ["AWS-GD-004", "AWS-GD-005", "AWS-GD-006", "AWS-GD-007", "AWS-GD-008", "AWS-GD-009"]
}

mitigation "aws-vulnerability-management" {
  title    = "Amazon Inspector scans every instance, image and function, and its findings are fixed within their SLA"
  controls = ["AWS-INSP-001", "AWS-INSP-002"]
}

risk "aws-active-threat" {
  title       = "An attacker already active in AWS, or a known hole in a workload, is left alone"
  threat      = "A GuardDuty finding nobody answers (stolen credentials in use, a crypto-miner, a C&C channel) or an Inspector CVE nobody patches lets a detected or published attack run its course"
  likelihood  = 3
  impact      = 5
  alerts      = ["guardduty", "inspector"]
  mitigations = ["aws-threat-response", "aws-threat-detection-coverage", "aws-vulnerability-management"]
}
