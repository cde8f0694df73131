# The release smoke test's Terraform: one private security group, which the
# gate passes (exit 0), and no file the gate cannot read.
variable "vpc_cidr" {
  default = "10.40.0.0/16"
}

resource "aws_security_group" "internal" {
  name = "internal"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [cidrsubnet(var.vpc_cidr, 8, 1)]
  }
}
