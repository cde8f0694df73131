provider "aws" {
  region = "eu-west-1"
}

variable "cluster_port" {
  type = number
}

# Hardened: every depth setting configured.
resource "aws_db_instance" "orders" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  username                            = "orders_owner"
  port                                = 6432
  storage_encrypted                   = true
  deletion_protection                 = true
  backup_retention_period             = 7
  iam_database_authentication_enabled = true
  monitoring_interval                 = 60
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  multi_az                            = true
}

# Defaults: the engine's port, no monitoring, no log exports.
resource "aws_db_instance" "legacy" {
  identifier     = "legacy"
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
}

# A restored instance: its user comes from the snapshot.
resource "aws_db_instance" "restored" {
  identifier          = "restored"
  engine              = "mariadb"
  instance_class      = "db.t3.micro"
  snapshot_identifier = "rds:legacy-2026-11-01"
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier                  = "reports"
  engine                              = "aurora-mysql"
  master_username                     = "reports_owner"
  storage_encrypted                   = true
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  backtrack_window                    = 86400
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = ["audit", "error"]
  port                                = var.cluster_port
}

resource "aws_rds_cluster" "scratch" {
  cluster_identifier        = "scratch"
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
  master_username           = "postgres"
}
