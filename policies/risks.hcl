# The default risk register: threats every organisation running code on
# GitHub and infrastructure on AWS faces. Likelihood and impact (1–5) are
# starting points; a workspace adds its own risks beside these.

risk "account-takeover" {
  title       = "Account takeover of a human identity"
  threat      = "Phished or reused passwords give an attacker a developer's or administrator's access"
  likelihood  = 4
  impact      = 4
  mitigations = ["strong-authentication", "github-member-authentication"]
}

risk "unreviewed-change" {
  title       = "Unreviewed code reaches production"
  threat      = "A compromised or careless account pushes directly to a release branch or rewrites its history"
  likelihood  = 3
  impact      = 4
  mitigations = ["code-review", "least-privilege-source", "branch-protection-depth"]
}

risk "credential-leak" {
  title       = "Long-lived credentials leak"
  threat      = "Static access keys leak through laptops, CI logs or images and are used from outside"
  likelihood  = 3
  impact      = 5
  mitigations = ["credential-hygiene", "secret-leak-prevention", "aws-iam-least-privilege", "aws-secrets-out-of-user-data"]
  alerts      = ["secret_scanning"]
}

risk "data-exposure" {
  title       = "Stored data exposed to the internet"
  threat      = "A storage bucket becomes public through an ACL or policy, or is read unencrypted"
  likelihood  = 3
  impact      = 5
  mitigations = ["storage-protection", "aws-storage-exposure", "aws-encryption-at-rest", "aws-database-exposure", "aws-database-hardening", "aws-secrets-management", "aws-messaging-protection", "aws-table-protection", "aws-key-policies"]
}

risk "network-intrusion" {
  title       = "Intrusion through exposed administration ports"
  threat      = "SSH or RDP open to the internet is brute-forced or exploited"
  likelihood  = 3
  impact      = 4
  mitigations = ["network-segmentation", "aws-workload-hardening"]
}
