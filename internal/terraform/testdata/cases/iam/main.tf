locals {
  admin = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

# Each admin policy is attached only through one list form.
resource "aws_iam_policy" "via_role" {
  name   = "via-role"
  policy = local.admin
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  managed_policy_arns = [aws_iam_policy.via_role.arn, "arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

resource "aws_iam_policy" "via_role_exclusive" {
  name   = "via-role-exclusive"
  policy = local.admin
}

resource "aws_iam_role_policy_attachments_exclusive" "ops" {
  role_name   = aws_iam_role.ops.name
  policy_arns = [aws_iam_policy.via_role_exclusive.arn]
}

resource "aws_iam_policy" "via_user_exclusive" {
  name   = "via-user-exclusive"
  policy = local.admin
}

resource "aws_iam_user_policy_attachments_exclusive" "dev" {
  user_name   = "dev"
  policy_arns = [aws_iam_policy.via_user_exclusive.arn]
}

resource "aws_iam_policy" "via_group_exclusive" {
  name   = "via-group-exclusive"
  policy = local.admin
}

resource "aws_iam_group_policy_attachments_exclusive" "admins" {
  group_name  = "admins"
  policy_arns = [aws_iam_policy.via_group_exclusive.arn]
}

resource "aws_iam_policy" "via_policy_attachment" {
  name   = "via-policy-attachment"
  policy = local.admin
}

resource "aws_iam_policy_attachment" "many" {
  name       = "many"
  policy_arn = aws_iam_policy.via_policy_attachment.arn
  users      = ["a", "b"]
  roles      = [aws_iam_role.ops.name]
}

resource "aws_iam_policy" "unattached" {
  name   = "unattached"
  policy = local.admin
}
