# Instance → security group references, as aws.ec2.instance
# security_group_ids / security_group_refs.

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-1"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = "vpc-1"
}

# By reference: the refs name the groups, the IDs exist only after apply.
resource "aws_instance" "by_ref" {
  ami                    = "ami-1"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-1"
  vpc_security_group_ids = [aws_security_group.web.id, aws_security_group.db.id]
}

# By name (security_groups): resolved to the group of that name.
resource "aws_instance" "by_name" {
  ami             = "ami-1"
  instance_type   = "t3.micro"
  subnet_id       = "subnet-1"
  security_groups = ["db"]
}

# An existing group outside this configuration: its ID is known, its rules are not.
resource "aws_instance" "external" {
  ami                    = "ami-1"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-1"
  vpc_security_group_ids = ["sg-0123456789abcdef0"]
}

# No groups named: AWS attaches the VPC's default group.
resource "aws_instance" "default_group" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}

# Groups from a variable without a value: unknown.
variable "groups" {
  type = list(string)
}

resource "aws_instance" "from_var" {
  ami                    = "ami-1"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-1"
  vpc_security_group_ids = var.groups
}

# Interfaces declared separately.
resource "aws_instance" "eni" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  network_interface {
    network_interface_id = "eni-1"
    device_index         = 0
  }
}
