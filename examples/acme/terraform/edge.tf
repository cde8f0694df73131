# The platform's entry points. The internal tools load balancer is done
# right; the status page distribution added in this change still serves
# plain HTTP, and its API stage writes no access logs.
resource "aws_lb" "tools" {
  name                       = "${local.prefix}-tools"
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  access_logs {
    bucket  = "${local.prefix}-alb-logs"
    enabled = true
  }
  tags = local.tags
}

resource "aws_lb_listener" "tools_https" {
  load_balancer_arn = aws_lb.tools.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/5e1b7f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/tools/6d0ecf831eec9f09"
  }
}

resource "aws_lb_listener" "tools_http" {
  load_balancer_arn = aws_lb.tools.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_cloudfront_origin_access_control" "status" {
  name                              = "${local.prefix}-status"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "status" {
  enabled             = true
  default_root_object = "index.html"
  origin {
    origin_id                = "status"
    domain_name              = "${local.prefix}-status.s3.eu-west-1.amazonaws.com"
    origin_access_control_id = aws_cloudfront_origin_access_control.status.id
  }
  default_cache_behavior {
    target_origin_id       = "status"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  logging_config {
    bucket = "${local.prefix}-cloudfront-logs.s3.amazonaws.com"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_apigatewayv2_api" "status" {
  name          = "${local.prefix}-status"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "status" {
  api_id = aws_apigatewayv2_api.status.id
  name   = "$default"
}
