package controls_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// The Lambda, ECR and EKS controls run on Terraform as on live evidence: a
// failing resource fails, a compliant one passes, and one the mapping
// cannot read statically is not_evaluated — never a pass.
func TestComputeControlsOnTerraform(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)

	const fn = `
resource "aws_lambda_function" "good" {
  function_name = "good"
  role          = "arn:aws:iam::111122223333:role/r"
  runtime       = "python3.12"
  environment {
    variables = { TABLE = "orders" }
  }
}
resource "aws_lambda_function" "bad" {
  function_name = "bad"
  role          = "arn:aws:iam::111122223333:role/r"
  runtime       = "python3.12"
  environment {
    variables = { AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
  }
}
variable "token" { type = string }
resource "aws_lambda_function" "unknown" {
  function_name = "unknown"
  role          = "arn:aws:iam::111122223333:role/r"
  runtime       = "python3.12"
  environment {
    variables = { API_TOKEN = var.token }
  }
}
resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}
resource "aws_lambda_permission" "good_s3" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.good.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}
resource "aws_lambda_permission" "bad_s3" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.bad.function_name
  principal     = "s3.amazonaws.com"
}
resource "aws_lambda_permission" "bad_public" {
  action        = "lambda:InvokeFunction"
  function_name = "bad"
  principal     = "*"
}
variable "principal" { type = string }
resource "aws_lambda_permission" "unknown" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.unknown.function_name
  principal     = var.principal
}
resource "aws_lambda_function_url" "good" {
  function_name      = aws_lambda_function.good.function_name
  authorization_type = "AWS_IAM"
}
resource "aws_lambda_function_url" "bad" {
  function_name      = aws_lambda_function.bad.function_name
  authorization_type = "NONE"
}
variable "auth" { type = string }
resource "aws_lambda_function_url" "unknown" {
  function_name      = aws_lambda_function.unknown.function_name
  authorization_type = var.auth
}`
	fns := func(good, bad, unknown finding.Status) map[string]finding.Status {
		return map[string]finding.Status{
			"aws_lambda_function.good": good, "aws_lambda_function.bad": bad, "aws_lambda_function.unknown": unknown,
		}
	}
	const repos = `
resource "aws_ecr_registry_scanning_configuration" "r" {
  scan_type = "BASIC"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "good"
      filter_type = "WILDCARD"
    }
  }
}
resource "aws_ecr_repository" "good" {
  name                 = "good"
  image_tag_mutability = "IMMUTABLE"
}
resource "aws_ecr_repository" "bad" {
  name = "bad"
}
resource "aws_ecr_repository_policy" "bad" {
  repository = aws_ecr_repository.bad.name
  policy     = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }] })
}
variable "mutability" { type = string }
variable "policy" { type = string }
variable "scan" { type = bool }
resource "aws_ecr_repository" "unknown" {
  name                 = "unknown"
  image_tag_mutability = var.mutability
  image_scanning_configuration {
    scan_on_push = var.scan
  }
}
resource "aws_ecr_repository_policy" "unknown" {
  repository = aws_ecr_repository.unknown.name
  policy     = var.policy
}`
	rs := func(good, bad, unknown finding.Status) map[string]finding.Status {
		return map[string]finding.Status{
			"aws_ecr_repository.good": good, "aws_ecr_repository.bad": bad, "aws_ecr_repository.unknown": unknown,
		}
	}
	const clusters = `
resource "aws_eks_cluster" "good" {
  name                      = "good"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  version                   = "1.34"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  vpc_config {
    subnet_ids          = ["subnet-a"]
    public_access_cidrs = ["203.0.113.0/24"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k"
    }
  }
}
resource "aws_eks_cluster" "bad" {
  name     = "bad"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  version  = "1.34"
  vpc_config {
    subnet_ids = ["subnet-a"]
  }
}
variable "cidrs" { type = list(string) }
variable "logs" { type = list(string) }
variable "enc" { type = list(string) }
resource "aws_eks_cluster" "unknown" {
  name                      = "unknown"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = var.logs
  vpc_config {
    subnet_ids          = ["subnet-a"]
    public_access_cidrs = var.cidrs
  }
  encryption_config {
    resources = var.enc
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k"
    }
  }
}`
	cs := func(good, bad, unknown finding.Status) map[string]finding.Status {
		return map[string]finding.Status{
			"aws_eks_cluster.good": good, "aws_eks_cluster.bad": bad, "aws_eks_cluster.unknown": unknown,
		}
	}
	pass, fail, ne := finding.Pass, finding.Fail, finding.NotEvaluated
	for _, tc := range []struct {
		name, control, tf string
		want              map[string]finding.Status
	}{
		{"Lambda resource policy not public", "AWS-LAMBDA-001", fn, fns(pass, fail, ne)},
		{"Lambda URL auth", "AWS-LAMBDA-002", fn, fns(pass, fail, ne)},
		{"Lambda environment secrets", "AWS-LAMBDA-003", fn, fns(pass, fail, ne)},
		{"Lambda service permissions name the source", "AWS-LAMBDA-011", fn, fns(pass, fail, ne)},
		{"ECR not public", "AWS-ECR-001", repos, rs(pass, fail, ne)},
		{"ECR scan on push", "AWS-ECR-002", repos, rs(pass, fail, ne)},
		{"ECR immutable tags", "AWS-ECR-003", repos, rs(pass, fail, ne)},
		{"EKS public CIDRs", "AWS-EKS-001", clusters, cs(pass, fail, ne)},
		{"EKS secrets encryption", "AWS-EKS-004", clusters, cs(pass, fail, ne)},
		{"EKS control-plane logging", "AWS-EKS-005", clusters, cs(pass, fail, ne)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tc.tf), 0o644))
			res, err := terraform.Load(ctx, os.DirFS(dir), []string{"."}, terraform.Options{})
			require.NoError(t, err)
			require.False(t, res.Diagnostics.HasErrors(), "%s", res.Diagnostics.Error())
			got := map[string]finding.Status{}
			for _, f := range eng.EvaluateIn(ctx, res.Snapshot, engine.Env{Settings: model.Settings{}.ControlInput()}) {
				if f.ControlID == tc.control {
					got[f.Resource.ID] = f.Status
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
