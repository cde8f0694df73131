variable "arns" {
  type = list(string)
}

resource "aws_iam_policy" "maybe" {
  name   = "maybe"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

# Which policies the role gets is unknown: it could be this one.
resource "aws_iam_role" "ops" {
  name                = "ops"
  managed_policy_arns = var.arns
}
