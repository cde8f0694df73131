provider "aws" {
  region = "eu-central-1"
}

# Trust written three ways: jsonencode, a heredoc, a policy document.
resource "aws_iam_role" "ec2" {
  name = "app-ec2"
  path = "/service-role/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
  permissions_boundary = "arn:aws:iam::111122223333:policy/boundary"
  max_session_duration = 7200

  inline_policy {
    name   = "read-logs"
    policy = data.aws_iam_policy_document.read_logs.json
  }
}

resource "aws_iam_role" "partner" {
  name               = "partner"
  assume_role_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "partner-123"}}
      }]
    }
  JSON
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", aws_iam_policy.deploy.arn]
}

# Anyone may assume it: {"AWS": "*"} rendered by the policy document.
resource "aws_iam_role" "open" {
  name_prefix        = "open-"
  assume_role_policy = data.aws_iam_policy_document.anyone.json
}

data "aws_iam_policy_document" "anyone" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "read_logs" {
  statement {
    actions   = ["logs:GetLogEvents", "logs:DescribeLogStreams"]
    resources = ["arn:aws:logs:eu-central-1:111122223333:log-group:app:*"]
  }
}

# AdministratorAccess through the attachment resources.
resource "aws_iam_role_policy_attachment" "open_admin" {
  role       = aws_iam_role.open.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachments_exclusive" "ec2" {
  role_name   = aws_iam_role.ec2.name
  policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonSSMManagedInstanceCore"]
}

resource "aws_iam_role_policy" "ec2_passrole" {
  name = "pass"
  role = aws_iam_role.ec2.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }]
  })
}

# A customer policy merged from a source and an override document.
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Deploy"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::artifacts/*"]
  }
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::artifacts/*"]
  }
}

data "aws_iam_policy_document" "deploy" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "Deploy", Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })]
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.deploy.json
}

# Groups: policies and members from both membership forms.
resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group" "readers" {
  name = "readers"
  path = "/people/"
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy" "admins_mfa" {
  name  = "require-mfa"
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [aws_iam_user.alice.name]
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_group_membership" "bob" {
  user   = aws_iam_user.bob.name
  groups = [aws_iam_group.readers.name, "external-group"]
}

resource "aws_iam_user_policy" "bob" {
  name   = "bob-inline"
  user   = aws_iam_user.bob.name
  policy = data.aws_iam_policy_document.deploy.json
}

# An AWS-managed policy attached through aws_iam_policy_attachment's lists.
resource "aws_iam_policy_attachment" "cloudshell" {
  name       = "cloudshell"
  policy_arn = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
  users      = [aws_iam_user.bob.name]
  groups     = [aws_iam_group.readers.name]
  roles      = [aws_iam_role.partner.name]
}

# A bucket policy from a document: the bucket side sees it too.
resource "aws_s3_bucket" "artifacts" {
  bucket = "artifacts"
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.tls_only.json
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::artifacts", "arn:aws:s3:::artifacts/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
