# EC2, RDS and S3 depth (issue 18): the analytics worker's launch
# template and subnet, the ledger database and an Aurora cluster. (The
# region's EC2 defaults would make an aws.account of this module: they are
# in internal/terraform/testdata/cases/ec2depth instead.)

resource "aws_subnet" "analytics_public" {
  vpc_id                  = "vpc-0a1b2c3d"
  cidr_block              = "10.30.1.0/24"
  availability_zone       = "eu-west-1a"
  map_public_ip_on_launch = true
}

resource "aws_launch_template" "payments_api" {
  name = "payments-api"
  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
  user_data = base64encode("#!/bin/bash\nsystemctl start payments-api\n")
}

# IMDSv1 and a database password in the bootstrap script.
resource "aws_launch_template" "analytics_worker" {
  name = "analytics-worker"
  network_interfaces {
    associate_public_ip_address = true
  }
  user_data = base64encode("#!/bin/bash\nexport DB_HOST=analytics.internal\nexport DB_PASSWORD=Analytics2026x\n")
}

resource "aws_db_instance" "ledger" {
  identifier                          = "ledger-prod"
  engine                              = "postgres"
  instance_class                      = "db.r6g.large"
  username                            = "ledger_owner"
  port                                = 6432
  storage_encrypted                   = true
  multi_az                            = true
  deletion_protection                 = true
  backup_retention_period             = 14
  iam_database_authentication_enabled = true
  monitoring_interval                 = 60
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
}

# Defaults everywhere: unencrypted, no deletion protection, default user
# and port, one day of backups.
resource "aws_rds_cluster" "analytics" {
  cluster_identifier = "analytics-aurora"
  engine             = "aurora-mysql"
  master_username    = "admin"
}
