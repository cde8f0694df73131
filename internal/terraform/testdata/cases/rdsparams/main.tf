provider "aws" {
  region = "eu-west-1"
}

variable "force_ssl" {
  type = string
}

# TLS required by the instance's own group, referenced by name.
resource "aws_db_parameter_group" "orders" {
  name   = "orders-pg16"
  family = "postgres16"

  parameter {
    name  = "log_connections"
    value = "1"
  }
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "orders" {
  identifier           = "orders"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  username             = "orders_owner"
  parameter_group_name = aws_db_parameter_group.orders.name
}

# MySQL on its default group: require_secure_transport is OFF by default.
resource "aws_db_instance" "legacy" {
  identifier     = "legacy"
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
}

# A custom MySQL group that leaves the parameter at its default.
resource "aws_db_parameter_group" "tuned" {
  name   = "tuned-mysql8"
  family = "mysql8.0"

  parameter {
    name  = "max_connections"
    value = "500"
  }
}

resource "aws_db_instance" "tuned" {
  identifier           = "tuned"
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  username             = "admin"
  parameter_group_name = aws_db_parameter_group.tuned.id
}

# The value comes from a variable without a value: unknown, never a pass.
resource "aws_db_parameter_group" "variable" {
  name   = "variable-pg"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = var.force_ssl
  }
}

resource "aws_db_instance" "variable" {
  identifier           = "variable"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  username             = "app"
  parameter_group_name = aws_db_parameter_group.variable.name
}

# A group managed elsewhere: its parameters are not known here.
resource "aws_db_instance" "external" {
  identifier           = "external"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  username             = "app"
  parameter_group_name = "shared-postgres"
}

# PostgreSQL 14 on its default group: rds.force_ssl defaults to 0.
resource "aws_db_instance" "pg14" {
  identifier     = "pg14"
  engine         = "postgres"
  engine_version = "14.10"
  instance_class = "db.t3.micro"
  username       = "app"
}

# TLS required by the cluster parameter group.
resource "aws_rds_cluster_parameter_group" "reports" {
  name   = "reports-tls"
  family = "aurora-mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier              = "reports"
  engine                          = "aurora-mysql"
  master_username                 = "reports_owner"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.reports.name
}

# Aurora PostgreSQL without a group and without a version: unknown.
resource "aws_rds_cluster" "scratch" {
  cluster_identifier = "scratch"
  engine             = "aurora-postgresql"
  master_username    = "app"
}
