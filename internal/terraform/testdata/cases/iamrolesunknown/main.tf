variable "partner_account" {
  type = string
}

variable "role" {
  type = string
}

variable "group" {
  type = string
}

# The trusted principal is unknown: the whole trust policy is unknown,
# never a document with the known principal only.
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.partner_account}:root", "arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "partner" {
  name               = "partner"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

# The role it attaches to is unknown: it could be either role, also ops,
# which has an attachment of its own.
resource "aws_iam_role_policy_attachment" "somewhere" {
  role       = var.role
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# An inline policy whose document is unknown: listed, its document named
# in unknown.
resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = aws_iam_role.ops.name
  policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_group" "g" {
  name = "g"
}

resource "aws_iam_user" "u" {
  name = "u"
}

# Which group u joins is unknown: every group's members are unknown.
resource "aws_iam_user_group_membership" "u" {
  user   = aws_iam_user.u.name
  groups = [var.group]
}
