provider "aws" {
  region = "eu-west-1"
}

variable "extra_resources" {
  type = list(string)
}

resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

# A customer key, a compliance lock and a policy that only denies deletes.
resource "aws_backup_vault" "main" {
  name        = "acme-main"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name   = aws_backup_vault.main.name
  min_retention_days  = 30
  max_retention_days  = 365
  changeable_for_days = 3
}

resource "aws_backup_vault_policy" "main" {
  backup_vault_name = aws_backup_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = ["backup:DeleteRecoveryPoint"]
      Resource  = "*"
    }]
  })
}

# The AWS-managed key, no lock, no policy.
resource "aws_backup_vault" "scratch" {
  name = "scratch"
}

# Shared with anyone.
resource "aws_backup_vault" "shared" {
  name        = "partner-share"
  kms_key_arn = "alias/aws/backup"
}

resource "aws_backup_vault_policy" "shared" {
  backup_vault_name = "partner-share"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "*"
    }]
  })
}

resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name                = "daily-35d"
    target_vault_name        = aws_backup_vault.main.name
    schedule                 = "cron(0 5 ? * * *)"
    enable_continuous_backup = true
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:111122223333:backup-vault:acme-dr"
      lifecycle {
        delete_after = 90
      }
    }
  }
}

# Kept a week only, and a rule that keeps recovery points until deleted.
resource "aws_backup_plan" "scratch" {
  name = "scratch-weekly"
  rule {
    rule_name         = "weekly-7d"
    target_vault_name = aws_backup_vault.scratch.name
    schedule          = "cron(0 3 ? * SUN *)"
    lifecycle {
      cold_storage_after = 1
      delete_after       = 7
    }
  }
  rule {
    rule_name         = "forever"
    target_vault_name = "scratch"
  }
}

resource "aws_backup_selection" "data" {
  name          = "data-stores"
  plan_id       = aws_backup_plan.daily.id
  iam_role_arn  = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
  resources     = [aws_db_instance.orders.arn, aws_dynamodb_table.orders.arn, "arn:aws:elasticfilesystem:*:*:file-system/*"]
  not_resources = [aws_efs_file_system.legacy.arn]
}

resource "aws_backup_selection" "tagged" {
  name         = "by-tag"
  plan_id      = aws_backup_plan.scratch.id
  iam_role_arn = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "weekly"
  }
  condition {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "prod"
    }
  }
}

# Its resources come from a variable without a value: unknown, not "none".
resource "aws_backup_selection" "extra" {
  name         = "extra"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
  resources    = var.extra_resources
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
  username          = "orders_owner"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "pk"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "pk"
    type = "S"
  }
}

resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_efs_file_system" "legacy" {
}
