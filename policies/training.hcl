# Training linked to roles (who must take it) and controls (who should have
# it when a resource they are responsible for fails).

training "security-awareness" {
  title        = "Security awareness: phishing, passwords and MFA"
  required_for = ["employee"]
  valid_for    = "365d"
  controls     = ["GH-ORG-001", "AWS-IAM-001"]
}

training "secure-code-review" {
  title        = "Secure code review and branch protection"
  required_for = ["developer"]
  valid_for    = "730d"
  controls     = ["GH-REPO-001", "GH-REPO-002", "GH-REPO-003"]
}

training "cloud-security" {
  title        = "Cloud security fundamentals: IAM, storage, networks"
  required_for = ["platform-engineer"]
  valid_for    = "365d"
  controls     = ["AWS-IAM-002", "AWS-S3-001", "AWS-S3-002", "AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-007", "AWS-VPC-002"]
}
