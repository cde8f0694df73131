# The CIS types that Terraform can express: EFS (2.4.1), network ACLs (5.1),
# route tables and peering routes (5.5).

provider "aws" {
  region = "eu-west-1"
}

resource "aws_efs_file_system" "encrypted" {
  encrypted  = true
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234"
  tags = {
    Name = "shared"
  }
}

resource "aws_efs_file_system" "plain" {}

variable "efs_encrypted" {
  type = bool
}

resource "aws_efs_file_system" "from_var" {
  encrypted = var.efs_encrypted
}

# Inline entries with protocol names; the default deny is added.
resource "aws_network_acl" "public" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  egress {
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# Entries as separate resources, one of them on IPv6.
resource "aws_network_acl" "private" {
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-1"]
}

resource "aws_network_acl_rule" "deny_rdp" {
  network_acl_id  = aws_network_acl.private.id
  rule_number     = 90
  egress          = false
  protocol        = "tcp"
  rule_action     = "deny"
  ipv6_cidr_block = "::/0"
  from_port       = 3389
  to_port         = 3389
}

resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 100
  protocol       = "6"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_association" "private_b" {
  network_acl_id = aws_network_acl.private.id
  subnet_id      = "subnet-2"
}

variable "ssh_port" {
  type = number
}

resource "aws_default_network_acl" "default" {
  default_network_acl_id = "acl-0default"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = var.ssh_port
    to_port    = var.ssh_port
  }
}

resource "aws_vpc_peering_connection" "partner" {
  vpc_id      = "vpc-1"
  peer_vpc_id = "vpc-2"
}

resource "aws_route_table" "app" {
  vpc_id = "vpc-1"
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-1"
  }
  route {
    cidr_block                = "10.20.0.0/24"
    vpc_peering_connection_id = aws_vpc_peering_connection.partner.id
  }
}

resource "aws_route" "wide_peering" {
  route_table_id            = aws_route_table.app.id
  destination_cidr_block    = "10.0.0.0/8"
  vpc_peering_connection_id = aws_vpc_peering_connection.partner.id
}

resource "aws_route_table_association" "app" {
  subnet_id      = "subnet-1"
  route_table_id = aws_route_table.app.id
}

resource "aws_default_route_table" "main" {
  default_route_table_id = "rtb-0main"
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-1"
  }
}

# Account services (CIS 1.1, 1.20, 2.1.3, 4.16) in the provider's region.
resource "aws_accessanalyzer_analyzer" "account" {
  analyzer_name = "account"
}

resource "aws_accessanalyzer_analyzer" "unused" {
  analyzer_name = "unused"
  type          = "ACCOUNT_UNUSED_ACCESS"
}

resource "aws_macie2_account" "this" {
  status = "PAUSED"
}

resource "aws_securityhub_account" "this" {}

resource "aws_account_primary_contact" "this" {
  full_name      = "Acme Operations"
  address_line_1 = "1 Main Street"
  city           = "Seattle"
  country_code   = "US"
  postal_code    = "98101"
  phone_number   = "+1-206-555-0100"
}

# Instance profiles (CIS 1.18).
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}

resource "aws_instance" "with_profile" {
  ami                    = "ami-1"
  subnet_id              = "subnet-1"
  vpc_security_group_ids = ["sg-0123456789abcdef0"]
  iam_instance_profile   = aws_iam_instance_profile.app.name
}

resource "aws_instance" "without_profile" {
  ami                    = "ami-1"
  subnet_id              = "subnet-1"
  vpc_security_group_ids = ["sg-0123456789abcdef0"]
}

# Server certificates (CIS 1.19): the expiry comes from the PEM body.
resource "aws_iam_server_certificate" "expired" {
  name             = "legacy"
  certificate_body = file("${path.module}/expired.pem")
  private_key      = "not read"
}

resource "aws_iam_server_certificate" "valid" {
  name_prefix      = "web-"
  certificate_body = file("${path.module}/valid.pem")
  private_key      = "not read"
}

variable "cert_body" {
  type = string
}

resource "aws_iam_server_certificate" "from_var" {
  name             = "from-var"
  certificate_body = var.cert_body
  private_key      = "not read"
}

resource "aws_iam_server_certificate" "broken" {
  name             = "broken"
  certificate_body = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"
  private_key      = "not read"
}

# CloudTrail selectors (CIS 3.8/3.9, management events).
resource "aws_cloudtrail" "default_selectors" {
  name                  = "default"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "s3_writes" {
  name           = "s3-writes"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "advanced" {
  name           = "advanced"
  s3_bucket_name = "logs"
  advanced_event_selector {
    name = "mgmt"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
  advanced_event_selector {
    name = "s3-reads"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}

variable "rw" {
  type = string
}

resource "aws_cloudtrail" "unknown_selector" {
  name           = "unknown"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type = var.rw
  }
}
