# Compute of the engineering platform: the build cache function, the
# image repository the pipelines push to, and the cluster they deploy to.

resource "aws_kms_key" "compute" {
  description         = "Lambda environments, ECR images and EKS secrets"
  enable_key_rotation = true
  tags                = local.tags
}

resource "aws_sqs_queue" "build_cache_dlq" {
  name = "${local.prefix}-build-cache-dlq"
}

# Configured as the controls ask: supported runtime, tracing, VPC, a
# dead-letter queue, a customer key, a permission bound to its source.
resource "aws_lambda_function" "build_cache" {
  function_name = "${local.prefix}-build-cache"
  role          = "arn:aws:iam::111122223333:role/build-cache"
  runtime       = "python3.12"
  handler       = "cache.handler"
  filename      = "build_cache.zip"
  kms_key_arn   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tracing_config {
    mode = "Active"
  }
  vpc_config {
    subnet_ids         = ["subnet-0ci1", "subnet-0ci2"]
    security_group_ids = ["sg-0ci"]
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.build_cache_dlq.arn
  }
  environment {
    variables = {
      CACHE_BUCKET = "${local.prefix}-artifacts"
    }
  }
  tags = local.tags
}

resource "aws_lambda_permission" "build_cache_events" {
  statement_id  = "nightly-prune"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.build_cache.function_name
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:111122223333:rule/nightly-prune"
}

# The pull request's mistake: the preview function answers anyone, on a
# deprecated runtime.
resource "aws_lambda_function" "preview" {
  function_name = "${local.prefix}-preview"
  role          = "arn:aws:iam::111122223333:role/preview"
  runtime       = "nodejs18.x"
  handler       = "index.handler"
  filename      = "preview.zip"
  tags          = local.tags
}

resource "aws_lambda_function_url" "preview" {
  function_name      = aws_lambda_function.preview.function_name
  authorization_type = "NONE"
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "builds" {
  name                 = "${local.prefix}-builds"
  image_tag_mutability = "IMMUTABLE"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.compute.arn
  }
  tags = local.tags
}

resource "aws_ecr_lifecycle_policy" "builds" {
  repository = aws_ecr_repository.builds.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "expire untagged images after 14 days"
      selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 14 }
      action       = { type = "expire" }
    }]
  })
}

# Private endpoint only, secrets encrypted, every log type, protected.
resource "aws_eks_cluster" "platform" {
  name                      = "${local.prefix}-platform"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-platform"
  version                   = "1.34"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  deletion_protection       = true
  vpc_config {
    subnet_ids              = ["subnet-0ci1", "subnet-0ci2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.compute.arn
    }
  }
  tags = local.tags
}
