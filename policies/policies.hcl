# Security policies of the default pack. Each statement is measured by the
# controls it names; a statement with no controls is reported as unmeasured.

policy "access-control" {
  title        = "Access Control Policy"
  review_every = "365d"

  statement "mfa" {
    text     = "Every human account uses multi-factor authentication."
    controls = ["GH-ORG-001", "AWS-IAM-001"]
  }

  statement "least-privilege" {
    text     = "Access is granted on least privilege; defaults grant no write access."
    controls = ["GH-ORG-002"]
  }

  statement "credential-rotation" {
    text     = "Long-lived credentials are rotated at least every 90 days."
    controls = ["AWS-IAM-002"]
  }
}

policy "change-management" {
  title        = "Change Management Policy"
  review_every = "365d"

  statement "peer-review" {
    text     = "Every change to production code is reviewed and approved by someone other than its author."
    controls = ["GH-REPO-001", "GH-REPO-002"]
  }

  statement "history-integrity" {
    text     = "The history of release branches cannot be rewritten."
    controls = ["GH-REPO-003"]
  }
}

policy "information-protection" {
  title        = "Information Protection Policy"
  review_every = "365d"

  statement "no-public-data" {
    text     = "Stored data is never publicly accessible unless classified public."
    controls = ["AWS-S3-001"]
  }

  statement "encryption-at-rest" {
    text     = "Data at rest is encrypted; confidential data with keys under our control."
    controls = ["AWS-S3-002"]
  }
}

policy "network-security" {
  title        = "Network Security Policy"
  review_every = "365d"

  statement "no-admin-exposure" {
    text     = "Administration interfaces are never reachable from the internet, through security groups or network ACLs."
    controls = ["AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-007", "AWS-EC2-008"]
  }
}
