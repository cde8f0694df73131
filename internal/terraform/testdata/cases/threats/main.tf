provider "aws" {
  region = "eu-west-1"
}

variable "runtime_status" {
  type = string
}

# Every protection plan on: S3 through the older datasources block, the
# rest as features, runtime monitoring with the EKS add-on managed.
resource "aws_guardduty_detector" "main" {
  enable = true
  datasources {
    s3_logs {
      enable = true
    }
    kubernetes {
      audit_logs {
        enable = false
      }
    }
  }
}

# The feature resource overrides the detector's datasources.
resource "aws_guardduty_detector_feature" "eks_audit" {
  detector_id = aws_guardduty_detector.main.id
  name        = "EKS_AUDIT_LOGS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "malware" {
  detector_id = aws_guardduty_detector.main.id
  name        = "EBS_MALWARE_PROTECTION"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "rds" {
  detector_id = aws_guardduty_detector.main.id
  name        = "RDS_LOGIN_EVENTS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "lambda" {
  detector_id = aws_guardduty_detector.main.id
  name        = "LAMBDA_NETWORK_LOGS"
  status      = "DISABLED"
}

resource "aws_guardduty_detector_feature" "runtime" {
  detector_id = aws_guardduty_detector.main.id
  name        = "RUNTIME_MONITORING"
  status      = "ENABLED"
  additional_configuration {
    name   = "EKS_ADDON_MANAGEMENT"
    status = "ENABLED"
  }
  additional_configuration {
    name   = "EC2_AGENT_MANAGEMENT"
    status = "DISABLED"
  }
}

# A detector switched off, in another region, with no plans set: its
# plans are absent (unknown to the controls), never "off".
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_guardduty_detector" "us" {
  provider = aws.us
  enable   = false
}

# A feature whose status is a variable without a value: the plans of the
# detector it names are unknown with the reason.
provider "aws" {
  alias  = "ap"
  region = "ap-southeast-2"
}

resource "aws_guardduty_detector" "ap" {
  provider = aws.ap
}

resource "aws_guardduty_detector_feature" "ap_runtime" {
  provider    = aws.ap
  detector_id = aws_guardduty_detector.ap.id
  name        = "RUNTIME_MONITORING"
  status      = var.runtime_status
}
