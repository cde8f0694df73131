provider "aws" {
  region = "eu-west-1"
}

variable "shared_acl_arn" {
  type = string
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
    sampled_requests_enabled   = true
  }
}

# Protected: the association references the load balancer and the ACL.
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.edge.arn
}

# No association: no web ACL.
resource "aws_lb" "legacy" {
  name               = "legacy"
  load_balancer_type = "application"
}

# The ACL is a variable without a value: unknown, never a pass.
resource "aws_lb" "partner" {
  name               = "partner"
  load_balancer_type = "application"
}

resource "aws_wafv2_web_acl_association" "partner" {
  resource_arn = aws_lb.partner.arn
  web_acl_arn  = var.shared_acl_arn
}

# A network load balancer cannot have a web ACL.
resource "aws_lb" "db" {
  name               = "db"
  load_balancer_type = "network"
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  stage_name    = "prod"
  deployment_id = "abc123"
}

resource "aws_api_gateway_stage" "test" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  stage_name    = "test"
  deployment_id = "abc123"
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.edge.arn
}
