# AWS Backup (issue 18): plans in every region that holds data, every data
# store in a plan, retention, and vaults that keep the backups out of an
# attacker's reach — linked to the data-loss risk.

mitigation "aws-backup" {
  title    = "AWS Backup plans in every region that holds data assign every data store, keep recovery points 35 days and take them at least weekly, and write them to locked vaults under a customer-managed key that no one outside the organisation can reach"
  controls = ["AWS-BK-001", "AWS-BK-002", "AWS-BK-003", "AWS-BK-004", "AWS-BK-005", "AWS-BK-006", "AWS-BK-007", "AWS-BK-008", "AWS-BK-009"]
}
