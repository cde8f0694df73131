provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = "eu-west-1a"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_default_subnet" "a" {
  availability_zone = "eu-west-1c"
}

resource "aws_launch_template" "web" {
  name = "web"
  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
  user_data = base64encode("#!/bin/bash\nsystemctl start nginx\n")
}

# IMDSv1, a public address, and a password in the clone URL.
resource "aws_launch_template" "legacy" {
  name = "legacy"
  network_interfaces {
    associate_public_ip_address = true
  }
  user_data = base64encode("#!/bin/bash\ngit clone https://deploy:s3cr3tpassw0rd@git.example.com/app.git\n")
}

variable "bootstrap" {
  type = string
}

# User data from a variable without a value: unknown, not clean.
resource "aws_launch_template" "templated" {
  name      = "templated"
  user_data = base64encode(var.bootstrap)
}

resource "aws_instance" "app" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = []
  metadata_options {
    http_tokens = "required"
  }
  user_data = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
}

resource "aws_ebs_snapshot_block_public_access" "this" {
  state = "block-all-sharing"
}

resource "aws_ec2_image_block_public_access" "this" {
  state = "unblocked"
}

resource "aws_ec2_instance_metadata_defaults" "this" {
  http_tokens = "required"
}
