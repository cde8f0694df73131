# AWS Backup of the engineering platform: the ledger's database and table
# are in a daily plan kept 35 days, in a locked vault under the ledger key;
# the analytics plan keeps a week in a vault on the AWS-managed key that
# is neither locked nor private, and assigns neither the analytics cluster
# nor the scratch table.
resource "aws_backup_vault" "ledger" {
  name        = "ledger-vault"
  kms_key_arn = aws_kms_key.ledger.arn
}

resource "aws_backup_vault_lock_configuration" "ledger" {
  backup_vault_name  = aws_backup_vault.ledger.name
  min_retention_days = 35
}

resource "aws_backup_vault_policy" "ledger" {
  backup_vault_name = aws_backup_vault.ledger.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "NoDeletes"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]
      Resource  = "*"
    }]
  })
}

resource "aws_backup_plan" "ledger" {
  name = "ledger-daily"
  rule {
    rule_name         = "daily-35d"
    target_vault_name = aws_backup_vault.ledger.name
    schedule          = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after = 35
    }
  }
}

resource "aws_backup_selection" "ledger" {
  name         = "ledger-data"
  plan_id      = aws_backup_plan.ledger.id
  iam_role_arn = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
  resources    = [aws_db_instance.ledger.arn, aws_dynamodb_table.payments_ledger.arn]
}

resource "aws_backup_vault" "analytics" {
  name = "analytics-vault"
}

resource "aws_backup_vault_policy" "analytics" {
  backup_vault_name = aws_backup_vault.analytics.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "BIVendorCopy"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Action    = "backup:CopyFromBackupVault"
      Resource  = "*"
    }]
  })
}

resource "aws_backup_plan" "analytics" {
  name = "analytics-weekly"
  rule {
    rule_name         = "weekly-7d"
    target_vault_name = aws_backup_vault.analytics.name
    schedule          = "cron(0 3 ? * SUN *)"
    lifecycle {
      delete_after = 7
    }
  }
}
