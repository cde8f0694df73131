# AWS account hardening: mitigations, risks, training and policy
# statements linking the AWS controls (controls/aws) to the register.

mitigation "aws-root-protection" {
  title    = "Root user locked away: hardware MFA, no access keys, security contact and contact details set"
  controls = ["AWS-IAM-003", "AWS-IAM-004", "AWS-IAM-021", "AWS-IAM-024", "AWS-ACCT-001", "AWS-ACCT-002", "AWS-ACCT-003"]
}

mitigation "aws-password-policy" {
  title    = "Strong IAM password policy"
  controls = ["AWS-IAM-005", "AWS-IAM-006", "AWS-IAM-020"]
}

mitigation "aws-iam-least-privilege" {
  title = "IAM permissions through groups, no full-admin or escalating policies, no idle credentials, MFA enforced"
  controls = [
    "AWS-IAM-007", "AWS-IAM-008", "AWS-IAM-009", "AWS-IAM-010", "AWS-IAM-014", "AWS-IAM-015", "AWS-IAM-016",
    "AWS-IAM-017", "AWS-IAM-018", "AWS-IAM-019", "AWS-IAM-022", "AWS-IAM-023", "AWS-IAM-026", "AWS-IAM-028",
  ]
}

mitigation "aws-role-trust" {
  title    = "Roles trust named principals only: no public trust, external IDs for third parties, services tied to the account; Access Analyzer reports external access"
  controls = ["AWS-IAM-011", "AWS-IAM-012", "AWS-IAM-013", "AWS-IAM-027"]
}

mitigation "aws-storage-exposure" {
  title    = "No public S3 access at bucket or account level; TLS only; sensitive data discovered by Macie"
  controls = ["AWS-S3-003", "AWS-S3-004", "AWS-S3-005", "AWS-MACIE-001", "AWS-S3-009", "AWS-S3-010", "AWS-EC2-011", "AWS-EC2-013", "AWS-EC2-014", "AWS-EC2-015", "AWS-RDS-013"]
}

mitigation "aws-encryption-at-rest" {
  title    = "Encryption at rest for volumes, snapshots, file systems, databases and keys that rotate"
  controls = ["AWS-EC2-003", "AWS-EC2-004", "AWS-RDS-001", "AWS-KMS-001", "AWS-EFS-001", "AWS-EC2-012", "AWS-RDS-014"]
}

mitigation "aws-database-exposure" {
  title    = "Databases private, reached only over TLS, patched and recoverable"
  controls = ["AWS-RDS-002", "AWS-RDS-003", "AWS-RDS-004", "AWS-RDS-019"]
}

mitigation "aws-database-hardening" {
  title    = "Databases authenticate through IAM, avoid default users and ports, log to CloudWatch, are monitored, tag their snapshots and survive a zone outage"
  controls = ["AWS-RDS-005", "AWS-RDS-006", "AWS-RDS-007", "AWS-RDS-008", "AWS-RDS-009", "AWS-RDS-010", "AWS-RDS-012"]
}

mitigation "aws-workload-hardening" {
  title    = "Instance metadata protected by IMDSv2; instances use instance roles, not stored keys"
  controls = ["AWS-EC2-005", "AWS-EC2-006", "AWS-EC2-016", "AWS-EC2-017"]
}

mitigation "aws-secrets-out-of-user-data" {
  title    = "No credential in EC2 or launch-template user data: secrets are read at boot from a secret store with the instance role"
  controls = ["AWS-EC2-019", "AWS-EC2-020"]
}

mitigation "aws-audit-logging" {
  title    = "Complete, tamper-evident audit logs"
  controls = ["AWS-CT-001", "AWS-CT-002", "AWS-CT-003", "AWS-CT-010", "AWS-CT-011", "AWS-CT-012", "AWS-CT-013", "AWS-CT-014", "AWS-CT-015", "AWS-VPC-001", "AWS-S3-007", "AWS-CFG-001", "AWS-LOGS-001", "AWS-LOGS-002"]
}

mitigation "aws-threat-detection" {
  title    = "Threat detection and a central view of findings in every region"
  controls = ["AWS-GD-001", "AWS-SH-001"]
}

mitigation "aws-security-alerting" {
  title    = "Security-relevant API activity (CIS 4.1-4.15) raises an alarm that reaches a subscribed SNS topic"
  controls = ["AWS-CW-001", "AWS-CW-002", "AWS-CW-003", "AWS-CW-004", "AWS-CW-005", "AWS-CW-006", "AWS-CW-007", "AWS-CW-008", "AWS-CW-009", "AWS-CW-010", "AWS-CW-011", "AWS-CW-012", "AWS-CW-013", "AWS-CW-014", "AWS-CW-015"]
}

mitigation "aws-database-events" {
  title    = "RDS failures, maintenance and changes to instances, clusters, parameter groups and security groups are notified in every region"
  controls = ["AWS-RDS-015", "AWS-RDS-016", "AWS-RDS-017", "AWS-RDS-018"]
}

mitigation "aws-incident-readiness" {
  title    = "Incidents can be handled: a role for AWS Support cases"
  controls = ["AWS-IAM-025"]
}

mitigation "aws-data-recovery" {
  title    = "Recoverable data: versioned buckets, MFA Delete, database backups and Backtrack"
  controls = ["AWS-S3-006", "AWS-S3-008", "AWS-RDS-004", "AWS-RDS-011", "AWS-S3-011"]
}

# The edge: load balancers, CloudFront and API Gateway (issue 18).
mitigation "aws-edge-transport" {
  title    = "Traffic at the edge is encrypted: HTTPS to viewers and origins, TLS 1.2+ policies, certificates from ACM"
  controls = ["AWS-ELB-001", "AWS-ELB-002", "AWS-ELB-020", "AWS-ELB-021", "AWS-ELB-027", "AWS-CF-001", "AWS-CF-002", "AWS-CF-006", "AWS-CF-007", "AWS-CF-010", "AWS-CF-011", "AWS-APIGW-008"]
}

mitigation "aws-edge-protection" {
  title    = "The edge filters what reaches the system: WAF, authorizers, origin access control, no internet-facing entry points of non-public systems, no request smuggling"
  controls = ["AWS-ELB-003", "AWS-ELB-006", "AWS-ELB-007", "AWS-ELB-023", "AWS-ELB-028", "AWS-ELB-011", "AWS-EC2-021", "AWS-CF-003", "AWS-CF-004", "AWS-CF-008", "AWS-CF-009", "AWS-APIGW-003", "AWS-APIGW-005", "AWS-APIGW-006", "AWS-APIGW-007", "AWS-APIGW-010"]
}

mitigation "aws-edge-logging" {
  title    = "Every request at the edge is logged: load balancer, CloudFront and API Gateway access logs, execution logs, tracing"
  controls = ["AWS-ELB-004", "AWS-ELB-022", "AWS-CF-005", "AWS-APIGW-001", "AWS-APIGW-002", "AWS-APIGW-004", "AWS-APIGW-009"]
}

mitigation "aws-edge-resilience" {
  title    = "Entry points survive a zone and a mistake: several zones, cross-zone balancing, connection draining, deletion protection, listeners in use"
  controls = ["AWS-ELB-005", "AWS-ELB-008", "AWS-ELB-009", "AWS-ELB-010", "AWS-ELB-024", "AWS-ELB-025", "AWS-ELB-026"]
}

risk "aws-edge-attack" {
  title       = "Attack on or through the internet-facing edge of an AWS system"
  threat      = "Clear-text or downgraded TLS traffic is read, an unfiltered API or distribution is exploited, a bucket behind CDN is read around it, and the requests leave no log"
  likelihood  = 3
  impact      = 4
  mitigations = ["aws-edge-transport", "aws-edge-protection", "aws-edge-logging"]
}

risk "aws-edge-outage" {
  title       = "An entry point of an AWS system goes down with one zone or one mistaken delete"
  threat      = "A load balancer in one zone, without cross-zone balancing or deletion protection, takes the system offline"
  likelihood  = 2
  impact      = 3
  mitigations = ["aws-edge-resilience"]
}

mitigation "aws-compute-exposure" {
  title    = "Functions, container registries and clusters closed to the internet: no public policies or URLs, source-bound service permissions, private API endpoints"
  controls = ["AWS-LAMBDA-001", "AWS-LAMBDA-002", "AWS-LAMBDA-008", "AWS-LAMBDA-011", "AWS-ECR-001", "AWS-EKS-001", "AWS-EKS-002", "AWS-EKS-003"]
}

mitigation "aws-compute-secrets" {
  title    = "No secrets in function configuration; function environments, images and cluster secrets encrypted with customer keys"
  controls = ["AWS-LAMBDA-003", "AWS-LAMBDA-009", "AWS-ECR-004", "AWS-EKS-004"]
}

mitigation "aws-compute-supply-chain" {
  title    = "Workloads run supported, scanned, immutable code of our own: runtimes and Kubernetes in support, images scanned on push with fixed tags and expiry, no foreign layers"
  controls = ["AWS-LAMBDA-004", "AWS-LAMBDA-010", "AWS-ECR-002", "AWS-ECR-003", "AWS-ECR-005", "AWS-EKS-006"]
}

mitigation "aws-compute-operations" {
  title    = "Workloads can be investigated and recovered: tracing, VPC placement, dead-letter queues, control-plane logs, deletion protection"
  controls = ["AWS-LAMBDA-005", "AWS-LAMBDA-006", "AWS-LAMBDA-007", "AWS-EKS-005", "AWS-EKS-007"]
}

risk "aws-workload-compromise" {
  title       = "A Lambda function, container image or EKS cluster is taken over or used against us"
  threat      = "A public function or URL, a key pair in an environment variable, an open Kubernetes API or an unpatched runtime or image lets an attacker run code with the workload's role"
  likelihood  = 3
  impact      = 4
  mitigations = ["aws-compute-exposure", "aws-compute-secrets", "aws-compute-supply-chain", "aws-compute-operations"]
}

risk "aws-account-compromise" {
  title       = "Takeover of an AWS account through its root user or an over-privileged IAM identity"
  threat      = "A leaked root key, a root password without MFA, or a user with full-admin rights gives an attacker the whole account"
  likelihood  = 3
  impact      = 5
  mitigations = ["aws-root-protection", "aws-password-policy", "aws-iam-least-privilege", "aws-role-trust"]
}

risk "aws-undetected-intrusion" {
  title       = "Intrusion in AWS goes unnoticed or cannot be investigated"
  threat      = "Activity in an unmonitored region, a stopped trail or missing flow logs hides an attacker and destroys the evidence"
  likelihood  = 3
  impact      = 4
  mitigations = ["aws-audit-logging", "aws-threat-detection", "aws-security-alerting", "aws-incident-readiness", "aws-database-events"]
}

risk "aws-data-loss" {
  title       = "Data in AWS is destroyed or cannot be restored"
  threat      = "A mistaken or malicious delete or overwrite of buckets and databases without versions, backups or deletion protection"
  likelihood  = 2
  impact      = 5
  mitigations = ["aws-data-recovery", "aws-backup"]
}

training "aws-account-security" {
  title        = "AWS account security: root user, IAM, logging and detection"
  required_for = ["platform-engineer"]
  valid_for    = "365d"
  controls = [
    "AWS-IAM-003", "AWS-IAM-004", "AWS-IAM-005", "AWS-IAM-006", "AWS-IAM-007", "AWS-IAM-008",
    "AWS-IAM-009", "AWS-IAM-010", "AWS-IAM-011", "AWS-IAM-012", "AWS-IAM-013", "AWS-IAM-014", "AWS-IAM-015",
    "AWS-IAM-016", "AWS-IAM-017", "AWS-IAM-018", "AWS-IAM-019", "AWS-IAM-020", "AWS-IAM-021", "AWS-IAM-022",
    "AWS-IAM-023", "AWS-ACCT-001", "AWS-CT-001", "AWS-CT-002", "AWS-CT-003", "AWS-VPC-001", "AWS-CFG-001",
    "AWS-GD-001", "AWS-ACCT-002", "AWS-IAM-024", "AWS-IAM-025", "AWS-IAM-026", "AWS-IAM-027", "AWS-IAM-028",
    "AWS-CT-013", "AWS-CT-014", "AWS-CT-015", "AWS-SH-001", "AWS-CW-001", "AWS-CW-002", "AWS-CW-003", "AWS-CW-004",
    "AWS-CW-005", "AWS-CW-006", "AWS-CW-007", "AWS-CW-008", "AWS-CW-009", "AWS-CW-010", "AWS-CW-011", "AWS-CW-012",
    "AWS-CW-013", "AWS-CW-014", "AWS-CW-015",
  ]
}

training "aws-data-protection" {
  title        = "Protecting data in AWS: S3, EBS, RDS and KMS"
  required_for = ["platform-engineer", "developer"]
  valid_for    = "730d"
  controls = [
    "AWS-S3-003", "AWS-S3-004", "AWS-S3-005", "AWS-S3-006", "AWS-S3-007", "AWS-EC2-003", "AWS-EC2-004",
    "AWS-EC2-005", "AWS-EC2-006", "AWS-RDS-001", "AWS-RDS-002", "AWS-RDS-003", "AWS-RDS-004", "AWS-KMS-001",
    "AWS-S3-008", "AWS-MACIE-001", "AWS-EFS-001",
  ]
}

policy "aws-cloud-security" {
  title        = "AWS Cloud Security Standard"
  review_every = "365d"

  statement "root-user" {
    text     = "The AWS root user has hardware MFA and no access keys and is not used for everyday work; a security contact and complete primary contact details receive AWS notifications."
    controls = ["AWS-IAM-003", "AWS-IAM-004", "AWS-IAM-021", "AWS-IAM-024", "AWS-ACCT-001", "AWS-ACCT-002", "AWS-ACCT-003"]
  }

  statement "iam-hygiene" {
    text = "IAM users get permissions through groups only, which enforce MFA; no user, group or role holds full administrator rights or a privilege-escalation path through any policy, managed or inline; passwords are long and complex; idle or never-used credentials are disabled; people sign in through a central identity provider; and no expired certificate is kept in IAM."
    controls = [
      "AWS-IAM-005", "AWS-IAM-006", "AWS-IAM-007", "AWS-IAM-008", "AWS-IAM-009", "AWS-IAM-010", "AWS-IAM-014",
      "AWS-IAM-015", "AWS-IAM-016", "AWS-IAM-017", "AWS-IAM-018", "AWS-IAM-019", "AWS-IAM-020", "AWS-IAM-022",
      "AWS-IAM-023", "AWS-IAM-026", "AWS-IAM-028",
    ]
  }

  statement "role-trust" {
    text     = "IAM roles trust only named principals: never everyone, another account only with an external ID, and AWS services only on behalf of this account; IAM Access Analyzer reports external access in every region."
    controls = ["AWS-IAM-011", "AWS-IAM-012", "AWS-IAM-013", "AWS-IAM-027"]
  }

  statement "no-public-storage" {
    text     = "S3 data is never public: Block Public Access is on for the account, no bucket grants access to everyone, and requests without TLS are refused; Macie discovers sensitive data in every region."
    controls = ["AWS-S3-003", "AWS-S3-004", "AWS-S3-005", "AWS-MACIE-001"]
  }

  statement "encryption-at-rest" {
    text     = "Volumes, file systems and databases are encrypted at rest, and customer keys rotate every year."
    controls = ["AWS-EC2-003", "AWS-EC2-004", "AWS-RDS-001", "AWS-KMS-001", "AWS-EFS-001"]
  }

  statement "private-databases" {
    text     = "Databases are not reachable from the internet, receive minor security upgrades, keep 7 days of backups and are protected from deletion."
    controls = ["AWS-RDS-002", "AWS-RDS-003", "AWS-RDS-004"]
  }

  statement "instance-metadata" {
    text     = "EC2 instances accept only session-based (IMDSv2) metadata requests and get AWS access from an instance role."
    controls = ["AWS-EC2-005", "AWS-EC2-006"]
  }

  statement "logging-and-detection" {
    text = "API activity in every region — every management event, read and write, and S3 object reads and writes — is logged to tamper-evident, encrypted trails; VPC traffic, bucket access and configuration changes are recorded; GuardDuty and Security Hub watch every region; a role exists for AWS Support cases."
    controls = [
      "AWS-CT-001", "AWS-CT-002", "AWS-CT-003", "AWS-CT-010", "AWS-CT-011", "AWS-CT-012", "AWS-CT-013", "AWS-CT-014", "AWS-CT-015",
      "AWS-VPC-001", "AWS-S3-007", "AWS-CFG-001", "AWS-GD-001", "AWS-SH-001", "AWS-IAM-025",
    ]
  }

  statement "security-alerting" {
    text     = "Unauthorized API calls, console sign-ins without MFA or failing, root use, and changes to IAM policies, CloudTrail, KMS keys, bucket policies, AWS Config, security groups, network ACLs, gateways, route tables, VPCs and AWS Organizations raise a CloudWatch alarm that notifies a subscribed SNS topic."
    controls = ["AWS-CW-001", "AWS-CW-002", "AWS-CW-003", "AWS-CW-004", "AWS-CW-005", "AWS-CW-006", "AWS-CW-007", "AWS-CW-008", "AWS-CW-009", "AWS-CW-010", "AWS-CW-011", "AWS-CW-012", "AWS-CW-013", "AWS-CW-014", "AWS-CW-015"]
  }

  statement "peering-routes" {
    text     = "Routes over VPC peering carry only the peer's networks, never a default route or a block wider than a VPC."
    controls = ["AWS-VPC-002"]
  }

  statement "recoverability" {
    text     = "Bucket objects are versioned, deleting versions needs MFA, and databases are backed up, so data can be restored after a mistake or an attack."
    controls = ["AWS-S3-006", "AWS-S3-008", "AWS-RDS-004"]
  }
}
