resource "aws_security_group" "default" {
  name = "vpc-default"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "sub" {
  source = "./modules/sub"
}

module "nested" {
  source  = "example/nested/aws"
  version = "1.0.0"
}
