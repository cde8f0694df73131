# Lambda, ECR and EKS: one resource that passes every control, one that
# fails them, and values known only after apply.

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "dlq" {
  name = "orders-dlq"
}

resource "aws_kms_key" "lambda" {}

resource "aws_lambda_function" "orders" {
  function_name = "orders-api"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "orders.zip"
  kms_key_arn   = aws_kms_key.lambda.arn
  layers        = ["arn:aws:lambda:eu-west-1:111122223333:layer:common:4"]

  tracing_config {
    mode = "Active"
  }
  vpc_config {
    subnet_ids         = ["subnet-0a", "subnet-0b"]
    security_group_ids = ["sg-0lambda"]
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
  environment {
    variables = {
      TABLE_NAME = "orders"
      QUEUE_URL  = aws_sqs_queue.dlq.url
    }
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_lambda_permission" "from_s3" {
  statement_id  = "s3"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}

resource "aws_lambda_function_url" "orders" {
  function_name      = aws_lambda_function.orders.function_name
  authorization_type = "AWS_IAM"
  cors {
    allow_origins = ["https://app.example.com"]
  }
}

resource "aws_lambda_function" "legacy" {
  function_name = "legacy-report"
  role          = "arn:aws:iam::111122223333:role/legacy"
  runtime       = "python3.7"
  handler       = "report.handler"
  filename      = "legacy.zip"
  layers        = ["arn:aws:lambda:eu-west-1:999988887777:layer:shared-utils:3"]
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "AKIAI44QH8DHBEXAMPLE"
      AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    }
  }
}

resource "aws_lambda_permission" "anyone" {
  action        = "lambda:InvokeFunction"
  function_name = "legacy-report"
  principal     = "*"
}

resource "aws_lambda_permission" "sns" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.legacy.function_name
  principal     = "sns.amazonaws.com"
}

resource "aws_lambda_function_url" "legacy" {
  function_name      = aws_lambda_function.legacy.function_name
  authorization_type = "NONE"
  cors {
    allow_origins = ["*"]
  }
}

resource "aws_lambda_function" "image" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::111122223333:role/thumbs"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/thumbs:1"
  environment {
    variables = {
      API_TOKEN = var.api_token
    }
  }
}

variable "api_token" {
  type      = string
  sensitive = true
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "prod" {
  name                 = "prod-api"
  image_tag_mutability = "IMMUTABLE"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.lambda.arn
  }
}

resource "aws_ecr_lifecycle_policy" "prod" {
  repository = aws_ecr_repository.prod.name
  policy     = jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 14 }, action = { type = "expire" } }] })
}

resource "aws_ecr_repository" "sandbox" {
  name = "sandbox"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "sandbox" {
  repository = aws_ecr_repository.sandbox.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "pull", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}

resource "aws_eks_cluster" "prod" {
  name                      = "prod"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  version                   = "1.34"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  deletion_protection       = true
  vpc_config {
    subnet_ids              = ["subnet-0a", "subnet-0b"]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["203.0.113.0/24"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.lambda.arn
    }
  }
}

resource "aws_eks_cluster" "dev" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
