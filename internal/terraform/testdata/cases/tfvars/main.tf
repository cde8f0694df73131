variable "a" {}
variable "b" {}
variable "c" {}
variable "port" {
  type = number
}

resource "aws_security_group" "v" {
  name = "${var.a}-${var.b}-${var.c}"
  ingress {
    protocol    = "tcp"
    from_port   = var.port
    to_port     = var.port
    cidr_blocks = ["0.0.0.0/0"]
  }
}
