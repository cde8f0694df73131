resource "aws_s3_bucket" "web" {
  bucket = "acme-web"
}

resource "aws_s3_bucket_policy" "web" {
  bucket = aws_s3_bucket.web.id
  policy = file("${path.module}/policies/tls-only.json")
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = templatefile("policies/deploy.json.tpl", {
    bucket  = aws_s3_bucket.web.bucket
    actions = ["s3:PutObject", "s3:GetObject"]
  })
}

resource "aws_iam_policy" "missing" {
  name   = "missing"
  policy = file("policies/nope.json")
}
