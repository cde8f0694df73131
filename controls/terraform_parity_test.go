package controls_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// The CIS controls of the types issue 12 added run on Terraform as they run
// on live evidence: a pull request that adds a failing resource fails, one
// that adds a compliant resource passes, and one the mapping cannot read
// statically is not_evaluated — never a pass.
func TestCISControlsOnTerraform(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)

	for _, tc := range []struct {
		name    string
		control string
		tf      string
		want    map[string]finding.Status // resource ID → status
	}{
		{"EFS encryption (CIS 2.4.1)", "AWS-EFS-001", `
resource "aws_efs_file_system" "good" {
  encrypted = true
}
resource "aws_efs_file_system" "bad" {}
variable "enc" { type = bool }
resource "aws_efs_file_system" "unknown" {
  encrypted = var.enc
}`, map[string]finding.Status{
			"aws_efs_file_system.good": finding.Pass, "aws_efs_file_system.bad": finding.Fail, "aws_efs_file_system.unknown": finding.NotEvaluated,
		}},
		{"network ACL admin ports (CIS 5.1)", "AWS-EC2-007", `
resource "aws_network_acl" "good" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}
resource "aws_network_acl" "bad" {
  vpc_id = "vpc-1"
}
resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.bad.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
variable "port" { type = number }
resource "aws_network_acl" "unknown" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = var.port
    to_port    = var.port
  }
}`, map[string]finding.Status{
			"aws_network_acl.good": finding.Pass, "aws_network_acl.bad": finding.Fail, "aws_network_acl.unknown": finding.NotEvaluated,
		}},
		{"peering routes (CIS 5.5)", "AWS-VPC-002", `
resource "aws_vpc_peering_connection" "p" {
  vpc_id      = "vpc-1"
  peer_vpc_id = "vpc-2"
}
resource "aws_route_table" "good" {
  vpc_id = "vpc-1"
  route {
    cidr_block                = "10.20.0.0/24"
    vpc_peering_connection_id = aws_vpc_peering_connection.p.id
  }
}
resource "aws_route_table" "bad" {
  vpc_id = "vpc-1"
}
resource "aws_route" "wide" {
  route_table_id            = aws_route_table.bad.id
  destination_cidr_block    = "0.0.0.0/0"
  vpc_peering_connection_id = aws_vpc_peering_connection.p.id
}
variable "dest" { type = string }
resource "aws_route_table" "unknown" {
  vpc_id = "vpc-1"
  route {
    cidr_block                = var.dest
    vpc_peering_connection_id = aws_vpc_peering_connection.p.id
  }
}`, map[string]finding.Status{
			"aws_route_table.good": finding.Pass, "aws_route_table.bad": finding.Fail, "aws_route_table.unknown": finding.NotEvaluated,
		}},
		{"instance exposed through its security group", "AWS-EC2-008", `
resource "aws_security_group" "open" {
  name = "open"
  ingress {
    protocol    = "tcp"
    from_port   = 3306
    to_port     = 3306
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "closed" {
  name = "closed"
  ingress {
    protocol    = "tcp"
    from_port   = 3306
    to_port     = 3306
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_instance" "good" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.closed.id]
}
resource "aws_instance" "bad" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.closed.id, aws_security_group.open.id]
}
resource "aws_instance" "external" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = ["sg-0123456789abcdef0"]
}`, map[string]finding.Status{
			"aws_instance.good": finding.Pass, "aws_instance.bad": finding.Fail, "aws_instance.external": finding.NotEvaluated,
		}},
		{"instance profile (CIS 1.18)", "AWS-EC2-006", `
resource "aws_iam_instance_profile" "app" {
  name = "app"
}
resource "aws_instance" "good" {
  ami                  = "ami-1"
  iam_instance_profile = aws_iam_instance_profile.app.name
}
resource "aws_instance" "bad" {
  ami = "ami-1"
}
variable "profile" { type = string }
resource "aws_instance" "unknown" {
  ami                  = "ami-1"
  iam_instance_profile = var.profile
}`, map[string]finding.Status{
			"aws_instance.good": finding.Pass, "aws_instance.bad": finding.Fail, "aws_instance.unknown": finding.NotEvaluated,
		}},
		{"Macie (CIS 2.1.3), paused", "AWS-MACIE-001", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_macie2_account" "this" {
  status = "PAUSED"
}`, map[string]finding.Status{"aws_account": finding.Fail}},
		{"Macie (CIS 2.1.3), enabled", "AWS-MACIE-001", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_macie2_account" "this" {}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"Security Hub (CIS 4.16)", "AWS-SH-001", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_securityhub_account" "this" {}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"Security Hub not managed here", "AWS-SH-001", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_macie2_account" "this" {}`, map[string]finding.Status{"aws_account": finding.NotEvaluated}},
		{"Access Analyzer (CIS 1.20)", "AWS-IAM-027", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_accessanalyzer_analyzer" "this" {
  analyzer_name = "account"
}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"Access Analyzer, unused-access only", "AWS-IAM-027", `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_accessanalyzer_analyzer" "this" {
  analyzer_name = "unused"
  type          = "ACCOUNT_UNUSED_ACCESS"
}`, map[string]finding.Status{"aws_account": finding.NotEvaluated}},
		{"primary contact (CIS 1.1)", "AWS-ACCT-002", `
resource "aws_account_primary_contact" "this" {
  full_name      = "Acme Operations"
  address_line_1 = "1 Main Street"
  city           = "Seattle"
  country_code   = "US"
  postal_code    = "98101"
  phone_number   = "+1-206-555-0100"
}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"primary contact without phone", "AWS-ACCT-002", `
resource "aws_account_primary_contact" "this" {
  full_name      = "Acme Operations"
  address_line_1 = "1 Main Street"
  city           = "Seattle"
  country_code   = "US"
  postal_code    = "98101"
  phone_number   = ""
}`, map[string]finding.Status{"aws_account": finding.Fail}},
		{"server certificate expiry (CIS 1.19)", "AWS-IAM-026", `
resource "aws_iam_server_certificate" "expired" {
  name             = "legacy"
  certificate_body = <<-EOT
` + selfSigned(t, time.Now().AddDate(-2, 0, 0), time.Now().AddDate(-1, 0, 0)) + `EOT
  private_key      = "not read"
}
resource "aws_iam_server_certificate" "valid" {
  name             = "web"
  certificate_body = <<-EOT
` + selfSigned(t, time.Now().AddDate(-1, 0, 0), time.Now().AddDate(1, 0, 0)) + `EOT
  private_key      = "not read"
}
variable "body" { type = string }
resource "aws_iam_server_certificate" "unknown" {
  name             = "other"
  certificate_body = var.body
  private_key      = "not read"
}`, map[string]finding.Status{
			"aws_iam_server_certificate.expired": finding.Fail, "aws_iam_server_certificate.valid": finding.Pass, "aws_iam_server_certificate.unknown": finding.NotEvaluated,
		}},
		{"S3 object writes logged (CIS 3.8), trail with writes selectors", "AWS-CT-013", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"S3 object writes logged (CIS 3.8), trail with reads selectors", "AWS-CT-013", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}`, map[string]finding.Status{"aws_account": finding.Fail}},
		{"S3 object writes logged (CIS 3.8), trail with unknown selectors", "AWS-CT-013", `
variable "rw" { type = string }
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  event_selector {
    read_write_type = var.rw
  }
}`, map[string]finding.Status{"aws_account": finding.NotEvaluated}},
		{"S3 object reads logged (CIS 3.9), trail with writes selectors", "AWS-CT-014", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}`, map[string]finding.Status{"aws_account": finding.Fail}},
		{"S3 object reads logged (CIS 3.9), trail with reads selectors", "AWS-CT-014", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"S3 object reads logged (CIS 3.9), trail with unknown selectors", "AWS-CT-014", `
variable "rw" { type = string }
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  event_selector {
    read_write_type = var.rw
  }
}`, map[string]finding.Status{"aws_account": finding.NotEvaluated}},
		{"management events (default selector)", "AWS-CT-015", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
}`, map[string]finding.Status{"aws_account": finding.Pass}},
		{"management events (S3 only)", "AWS-CT-015", `
resource "aws_securityhub_account" "this" {}
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  event_selector {
    read_write_type = "WriteOnly"
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}`, map[string]finding.Status{"aws_account": finding.Fail}},
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

// selfSigned is a PEM certificate valid from notBefore to notAfter.
func selfSigned(t *testing.T, notBefore, notAfter time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "example.test"}, NotBefore: notBefore, NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
