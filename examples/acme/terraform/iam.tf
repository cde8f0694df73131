resource "aws_iam_user" "deploy" {
  name = "deploy-bot"
}

resource "aws_iam_access_key" "deploy" {
  user = aws_iam_user.deploy.name
}

resource "aws_iam_user" "erin" {
  name = "erin"
}

resource "aws_iam_user_login_profile" "erin" {
  user = aws_iam_user.erin.name
}
