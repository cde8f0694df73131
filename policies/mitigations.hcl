# Mitigations group the controls that together reduce a risk. Their
# effectiveness is measured by the results of these controls.

mitigation "strong-authentication" {
  title    = "Multi-factor authentication for every human account"
  controls = ["GH-ORG-001", "AWS-IAM-001"]
}

mitigation "code-review" {
  title    = "Protected default branches with mandatory review"
  controls = ["GH-REPO-001", "GH-REPO-002", "GH-REPO-003"]
}

mitigation "least-privilege-source" {
  title    = "Least privilege on source code"
  controls = ["GH-ORG-002"]
}

mitigation "credential-hygiene" {
  title    = "Short-lived and rotated credentials"
  controls = ["AWS-IAM-002"]
}

mitigation "storage-protection" {
  title    = "Private and encrypted storage"
  controls = ["AWS-S3-001", "AWS-S3-002"]
}

mitigation "network-segmentation" {
  title    = "No administration ports on the internet; closed defaults; peering routes no wider than a VPC"
  controls = ["AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-007", "AWS-EC2-008", "AWS-EC2-009", "AWS-VPC-002", "AWS-EC2-010", "AWS-VPC-003", "AWS-EC2-018"]
}
