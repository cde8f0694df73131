package terraform

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

// evalOutputs evaluates one main.tf and returns what each
// terraform_data.NAME's input argument evaluated to, by name.
func evalOutputs(t *testing.T, src string) (map[string]cty.Value, hcl.Diagnostics) {
	t.Helper()
	return evalFile(t, "main.tf", src)
}

func evalFile(t *testing.T, name, src string) (map[string]cty.Value, hcl.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{name: {Data: []byte(src)}}
	files, diags, err := parseAll(context.Background(), fsys, []string{name}, nil)
	require.NoError(t, err)
	require.False(t, diags.HasErrors(), "%v", diags)
	cfg := newConfig(fsys, files)
	cfg.scanned = []string{"."}
	require.False(t, cfg.diags.HasErrors(), "%v", cfg.diags)
	ev := newEvaluator(cfg)
	out := map[string]cty.Value{}
	for _, in := range ev.run() {
		if in.Type == "terraform_data" {
			out[strings.TrimPrefix(in.Address, "terraform_data.")] = get(in.Body, "input")
		}
	}
	return out, ev.diags
}

// TestPolicyDocumentRender pins the JSON data "aws_iam_policy_document"
// renders to what the AWS provider (v5 and later) renders: the expected
// documents are the provider's own acceptance-test expectations
// (policy_document_data_source_test.go), partition "aws", without the
// empty Sids v5 stopped writing.
func TestPolicyDocumentRender(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, src string
		// want is the json attribute; wantMin the minified_json when set.
		want, wantMin string
	}{{
		name: "basic",
		src: `
data "aws_iam_policy_document" "test" {
  policy_id = "policy_id"
  statement {
    sid = "1"
    actions = ["s3:ListAllMyBuckets", "s3:GetBucketLocation"]
    resources = ["arn:aws:s3:::*"]
  }
  statement {
    actions = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::foo"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = ["home/", "", "home/&{aws:username}/"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }
  statement {
    actions = ["s3:*"]
    resources = ["arn:aws:s3:::foo/home/&{aws:username}", "arn:aws:s3:::foo/home/&{aws:username}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:*"]
    not_resources = ["arn:aws:s3:::*"]
  }
  statement {
    effect  = "Allow"
    actions = ["kinesis:*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
  statement {
    effect  = "Allow"
    actions = ["firehose:*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Id": "policy_id",
  "Statement": [
    {
      "Sid": "1",
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation"
      ],
      "Resource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::foo",
      "NotPrincipal": {
        "AWS": "arn:blahblah:example"
      },
      "Condition": {
        "StringLike": {
          "s3:prefix": [
            "home/",
            "",
            "home/${aws:username}/"
          ]
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::foo/home/${aws:username}/*",
        "arn:aws:s3:::foo/home/${aws:username}"
      ],
      "Principal": {
        "AWS": "arn:blahblah:example"
      }
    },
    {
      "Effect": "Deny",
      "NotAction": "s3:*",
      "NotResource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "kinesis:*",
      "Principal": {
        "AWS": "*"
      }
    },
    {
      "Effect": "Allow",
      "Action": "firehose:*",
      "Principal": "*"
    }
  ]
}`,
	}, {
		name: "single condition value, minified",
		src: `
data "aws_iam_policy_document" "test" {
  statement {
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["elasticfilesystem:*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
resource "terraform_data" "min" { input = data.aws_iam_policy_document.test.minified_json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": "elasticfilesystem:*",
      "Resource": "*",
      "Principal": {
        "AWS": "*"
      },
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}`,
		wantMin: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"elasticfilesystem:*","Resource":"*","Principal":{"AWS":"*"},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
	}, {
		name: "source documents merged in order",
		src: `
data "aws_iam_policy_document" "policy_a" {
  statement {
    sid     = ""
    effect  = "Allow"
    actions = ["foo:ActionOne"]
  }
  statement {
    sid     = "validSidOne"
    effect  = "Allow"
    actions = ["bar:ActionOne"]
  }
}
data "aws_iam_policy_document" "policy_b" {
  statement {
    sid     = "validSidTwo"
    effect  = "Deny"
    actions = ["foo:ActionTwo"]
  }
}
data "aws_iam_policy_document" "policy_c" {
  statement {
    sid     = ""
    effect  = "Allow"
    actions = ["bar:ActionTwo"]
  }
}
data "aws_iam_policy_document" "test_source_list" {
  version = "2012-10-17"
  source_policy_documents = [
    data.aws_iam_policy_document.policy_a.json,
    data.aws_iam_policy_document.policy_b.json,
    data.aws_iam_policy_document.policy_c.json
  ]
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test_source_list.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "validSidOne",
      "Effect": "Allow",
      "Action": "bar:ActionOne"
    },
    {
      "Sid": "validSidTwo",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    },
    {
      "Effect": "Allow",
      "Action": "bar:ActionTwo"
    }
  ]
}`,
	}, {
		name: "override documents replace by Sid",
		src: `
data "aws_iam_policy_document" "policy_a" {
  statement {
    sid     = ""
    effect  = "Allow"
    actions = ["foo:ActionOne"]
  }
  statement {
    sid     = "overrideSid"
    effect  = "Allow"
    actions = ["bar:ActionOne"]
  }
}
data "aws_iam_policy_document" "policy_b" {
  statement {
    sid     = "validSid"
    effect  = "Deny"
    actions = ["foo:ActionTwo"]
  }
}
data "aws_iam_policy_document" "policy_c" {
  statement {
    sid     = "overrideSid"
    effect  = "Deny"
    actions = ["bar:ActionOne"]
  }
}
data "aws_iam_policy_document" "test_override_list" {
  version = "2012-10-17"
  override_policy_documents = [
    data.aws_iam_policy_document.policy_a.json,
    data.aws_iam_policy_document.policy_b.json,
    data.aws_iam_policy_document.policy_c.json
  ]
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test_override_list.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "overrideSid",
      "Effect": "Deny",
      "Action": "bar:ActionOne"
    },
    {
      "Sid": "validSid",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    }
  ]
}`,
	}, {
		name: "statement overrides a source statement, override document the statement",
		src: `
data "aws_iam_policy_document" "source" {
  statement {
    sid       = "OverridePlaceholder"
    actions   = ["ec2:DescribeAccountAttributes"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "override" {
  statement {
    sid       = "OverridePlaceholder"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "yak_politik" {
  source_policy_documents   = [data.aws_iam_policy_document.source.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.yak_politik.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OverridePlaceholder",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}`,
	}, {
		name: "principals of one type from a string and a slice",
		src: `
data "aws_iam_policy_document" "test" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    sid       = "StatementPrincipalIdentifiersStringAndSlice"
    principals {
      identifiers = ["arn:aws:iam::111111111111:root"]
      type        = "AWS"
    }
    principals {
      identifiers = ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]
      type        = "AWS"
    }
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "StatementPrincipalIdentifiersStringAndSlice",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111111111111:root",
          "arn:aws:iam::333333333333:root",
          "arn:aws:iam::222222222222:root"
        ]
      }
    }
  ]
}`,
	}, {
		// The provider lists principals blocks in its set's hash order, not
		// in configuration order.
		name: "several principals blocks in the SDK's set order",
		src: `
data "aws_iam_policy_document" "test" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    sid       = "StatementPrincipalIdentifiersStringAndSlice"
    principals {
      identifiers = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"]
      type = "AWS"
    }
    principals {
      identifiers = ["arn:aws:iam::333333333333:root"]
      type = "AWS"
    }
    principals {
      identifiers = ["arn:aws:iam::444444444444:root"]
      type = "AWS"
    }
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "StatementPrincipalIdentifiersStringAndSlice",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*",
      "Principal": {
        "AWS": [
          "arn:aws:iam::333333333333:root",
          "arn:aws:iam::444444444444:root",
          "arn:aws:iam::222222222222:root",
          "arn:aws:iam::111111111111:root"
        ]
      }
    }
  ]
}`,
	}, {
		name: "version 2008-10-17",
		src: `
data "aws_iam_policy_document" "test" {
  version = "2008-10-17"
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*"
    }
  ]
}`,
	}, {
		name: "source document written by hand is normalised",
		src: `
data "aws_iam_policy_document" "test" {
  source_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"], Service = "ec2.amazonaws.com" }
      Action    = ["sts:AssumeRole"]
      Condition = { Bool = { "aws:SecureTransport" = true }, StringEquals = { "sts:ExternalId" = ["x"] } }
    }, {
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
    }]
  })]
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "sts:AssumeRole"
      ],
      "Principal": {
        "AWS": [
          "arn:aws:iam::222222222222:root",
          "arn:aws:iam::111111111111:root"
        ],
        "Service": "ec2.amazonaws.com"
      },
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "true"
        },
        "StringEquals": {
          "sts:ExternalId": "x"
        }
      }
    },
    {
      "Effect": "Deny",
      "Action": "s3:*",
      "Principal": "*"
    }
  ]
}`,
	}, {
		name: "duplicate actions are one, dynamic statements expand",
		src: `
locals { buckets = ["a", "b"] }
data "aws_iam_policy_document" "test" {
  dynamic "statement" {
    for_each = local.buckets
    content {
      actions   = ["s3:GetObject", "s3:GetObject"]
      resources = ["arn:aws:s3:::${statement.value}/*"]
    }
  }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.test.json }
`,
		want: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::a/*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*"
    }
  ]
}`,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out, diags := evalOutputs(t, c.src)
			require.Empty(t, diags)
			got, ok := str(out["json"])
			require.True(t, ok, "json is %#v", out["json"])
			require.Equal(t, c.want, got)
			if c.wantMin != "" {
				got, ok := str(out["min"])
				require.True(t, ok, "minified_json is %#v", out["min"])
				require.Equal(t, c.wantMin, got)
			}
		})
	}
}

// TestPolicyDocumentUnknown: a document with any unknown input, or one the
// provider would refuse, is unknown as a whole with the reason — never a
// partial document a control could pass.
func TestPolicyDocumentUnknown(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, src string
		why       []string // substrings of the reason
		warning   string   // summary of the warning, when one is due
	}{{
		name: "principal from a variable without a value",
		src: `
variable "trusted" { type = string }
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.trusted, "arn:aws:iam::111111111111:root"]
    }
  }
}`,
		why: []string{"data.aws_iam_policy_document.trust.json is unknown", `variable "trusted" has no default`},
	}, {
		name: "resource ARN known only after apply",
		src: `
resource "aws_s3_bucket" "b" {}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}`,
		why: []string{"unknown until apply: aws_s3_bucket.b.arn"},
	}, {
		name: "a source document that is unknown",
		src: `
data "aws_caller_identity" "me" {}
data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::${data.aws_caller_identity.me.account_id}-logs"]
  }
}
data "aws_iam_policy_document" "p" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    actions = ["s3:GetObject"]
  }
}`,
		why: []string{"data source data.aws_caller_identity.me is read during plan"},
	}, {
		name: "unknown dynamic statements",
		src: `
variable "buckets" { type = list(string) }
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      actions = ["s3:GetObject"]
    }
  }
}`,
		why: []string{`dynamic "statement" block`},
	}, {
		name:    "duplicate Sid",
		src:     "data \"aws_iam_policy_document\" \"p\" {\n  statement {\n    sid = \"1\"\n    actions = [\"a:b\"]\n  }\n  statement {\n    sid = \"1\"\n    actions = [\"c:d\"]\n  }\n}",
		why:     []string{"cannot be rendered", `statement 1: duplicate Sid "1"`},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "duplicate Sid across source documents",
		src:     `data "aws_iam_policy_document" "p" { source_policy_documents = [jsonencode({Statement = [{Sid = "x", Effect = "Allow", Action = "a:b"}]}), jsonencode({Statement = [{Sid = "x", Effect = "Deny", Action = "a:b"}]})] }`,
		why:     []string{`source_policy_documents[1]: duplicate Sid "x"`},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "bad effect",
		src:     "data \"aws_iam_policy_document\" \"p\" {\n  statement { effect = \"allow\" }\n}",
		why:     []string{`effect "allow" is not Allow or Deny`},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "policy variable in a 2008-10-17 document",
		src:     "data \"aws_iam_policy_document\" \"p\" {\n  version = \"2008-10-17\"\n  statement { resources = [\"arn:aws:s3:::b/&{aws:username}\"] }\n}",
		why:     []string{"found &{ sequence", "not supported in document version 2008-10-17"},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "source document not valid JSON",
		src:     `data "aws_iam_policy_document" "p" { source_policy_documents = ["{\"Statement\": [}"] }`,
		why:     []string{"source_policy_documents[0]: not valid JSON at byte offset 16"},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "source document with one Statement object",
		src:     `data "aws_iam_policy_document" "p" { source_policy_documents = [jsonencode({Statement = {Effect = "Allow", Action = "*"}})] }`,
		why:     []string{"source_policy_documents[0]: Statement at byte offset", "is a JSON object"},
		warning: "Invalid aws_iam_policy_document",
	}, {
		// The provider drops a number in a condition, which changes what the
		// policy allows: unknown instead.
		name:    "number in a source document's condition",
		src:     `data "aws_iam_policy_document" "p" { source_policy_documents = [jsonencode({Statement = [{Effect = "Allow", Action = "*", Condition = {NumericLessThan = {"aws:MultiFactorAuthAge" = 3600}}}]})] }`,
		why:     []string{"condition NumericLessThan aws:MultiFactorAuthAge is a number"},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "source_json removed in provider v5",
		src:     `data "aws_iam_policy_document" "p" { source_json = "{}" }`,
		why:     []string{"source_json is no longer supported"},
		warning: "Invalid aws_iam_policy_document",
	}, {
		name:    "a document referring to itself",
		src:     `data "aws_iam_policy_document" "p" { source_policy_documents = [data.aws_iam_policy_document.p.json] }`,
		why:     []string{"reference cycle through data.aws_iam_policy_document.p"},
		warning: "Reference cycle",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := c.src
			for _, name := range []string{"trust", "p"} {
				if strings.Contains(src, `"aws_iam_policy_document" "`+name+`"`) {
					src += "\nresource \"terraform_data\" \"json\" { input = data.aws_iam_policy_document." + name + ".json }\n"
				}
			}
			out, diags := evalOutputs(t, src)
			v := out["json"]
			require.NotEqual(t, cty.NilVal, v)
			require.False(t, v.IsKnown(), "the document must be unknown, got %#v", v)
			why := unknownReason(v)
			for _, w := range c.why {
				require.Contains(t, why, w)
			}
			var summaries []string
			for _, d := range diags {
				summaries = append(summaries, d.Summary)
			}
			if c.warning != "" {
				require.Contains(t, summaries, c.warning)
			}
		})
	}
}

// TestPolicyDocumentCount: count and for_each give one document per
// instance, indexed like a resource.
func TestPolicyDocumentCount(t *testing.T) {
	t.Parallel()
	out, diags := evalOutputs(t, `
data "aws_iam_policy_document" "per" {
  for_each = toset(["a", "b"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${each.key}/*"]
  }
}
data "aws_iam_policy_document" "n" {
  count = 2
  statement { actions = ["s3:List${count.index}"] }
}
resource "terraform_data" "json" { input = data.aws_iam_policy_document.per["b"].minified_json }
resource "terraform_data" "n" { input = data.aws_iam_policy_document.n[1].minified_json }
`)
	require.Empty(t, diags)
	got, ok := str(out["json"])
	require.True(t, ok)
	require.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, got)
	got, ok = str(out["n"])
	require.True(t, ok)
	require.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:List1"}]}`, got)
}

// TestPolicyDocumentJSONSyntax: in *.tf.json nested blocks are read as
// arguments (a list of objects, or one object); the document is the same.
func TestPolicyDocumentJSONSyntax(t *testing.T) {
	t.Parallel()
	out, diags := evalFile(t, "main.tf.json", `{
  "data": {"aws_iam_policy_document": {"trust": {
    "statement": [{
      "actions": ["sts:AssumeRole"],
      "principals": {"type": "AWS", "identifiers": ["*"]},
      "condition": [{"test": "StringEquals", "variable": "sts:ExternalId", "values": ["x"]}]
    }]
  }}},
  "resource": {"terraform_data": {"json": {"input": "${data.aws_iam_policy_document.trust.minified_json}"}}}
}`)
	require.Empty(t, diags)
	got, ok := str(out["json"])
	require.True(t, ok, "%#v", out["json"])
	require.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"*"},"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}`, got)
}
