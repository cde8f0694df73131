provider "aws" {
  region = "eu-west-1"
}

variable "source_arn" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

locals {
  functions = ["direct", "variable", "data", "template", "function"]
}

resource "aws_lambda_function" "f" {
  for_each      = toset(local.functions)
  function_name = each.key
  role          = "arn:aws:iam::111122223333:role/lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}

# A bare reference to an attribute the bucket gets at apply: never "*".
resource "aws_lambda_permission" "direct" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f["direct"].function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}

# Each of these could be "*" at apply.
resource "aws_lambda_permission" "variable" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f["variable"].function_name
  principal     = "s3.amazonaws.com"
  source_arn    = var.source_arn
}

resource "aws_lambda_permission" "data" {
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.f["data"].function_name
  principal      = "s3.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_lambda_permission" "template" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f["template"].function_name
  principal     = "s3.amazonaws.com"
  source_arn    = "${aws_s3_bucket.uploads.arn}*"
}

resource "aws_lambda_permission" "function" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f["function"].function_name
  principal     = "s3.amazonaws.com"
  source_arn    = replace(aws_s3_bucket.uploads.arn, "/.+/", "*")
}
