package terraform

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
)

func strs(ss ...string) cty.Value {
	vs := make([]cty.Value, len(ss))
	for i, s := range ss {
		vs[i] = cty.StringVal(s)
	}
	return cty.ListVal(vs)
}

// TestCIDRFunctions: the examples of Terraform's documentation of each
// function give Terraform's answers, and what Terraform refuses is an error.
func TestCIDRFunctions(t *testing.T) {
	t.Parallel()
	num := cty.NumberIntVal
	str := cty.StringVal
	fns := functions()
	for _, tc := range []struct {
		name string
		fn   string
		args []cty.Value
		want cty.Value
		err  string
	}{
		{"subnet ipv4 /12 to /16", "cidrsubnet", []cty.Value{str("172.16.0.0/12"), num(4), num(2)}, str("172.18.0.0/16"), ""},
		{"subnet ipv4 last /28", "cidrsubnet", []cty.Value{str("10.1.2.0/24"), num(4), num(15)}, str("10.1.2.240/28"), ""},
		{"subnet ipv6", "cidrsubnet", []cty.Value{str("fd00:fd12:3456:7890::/56"), num(16), num(162)}, str("fd00:fd12:3456:7800:a200::/72"), ""},
		{"subnet number out of range", "cidrsubnet", []cty.Value{str("10.1.2.0/24"), num(4), num(16)}, cty.NilVal, "prefix extension of 4 does not accommodate a subnet numbered 16"},
		{"subnet more than 32 bits", "cidrsubnet", []cty.Value{str("fd00::/16"), num(33), num(1)}, cty.NilVal, "may not extend prefix by more than 32 bits"},
		{"subnet bad prefix", "cidrsubnet", []cty.Value{str("10.0.0.0"), num(8), num(1)}, cty.NilVal, "invalid CIDR expression"},
		{"host", "cidrhost", []cty.Value{str("10.12.112.0/20"), num(16)}, str("10.12.112.16"), ""},
		{"host past the first octet", "cidrhost", []cty.Value{str("10.12.112.0/20"), num(268)}, str("10.12.113.12"), ""},
		{"host from the end", "cidrhost", []cty.Value{str("10.12.112.0/20"), num(-1)}, str("10.12.127.255"), ""},
		{"host ipv6", "cidrhost", []cty.Value{str("fd00:fd12:3456:7890:00a2::/72"), num(34)}, str("fd00:fd12:3456:7890::22"), ""},
		{"host out of range", "cidrhost", []cty.Value{str("10.0.0.0/30"), num(4)}, cty.NilVal, "prefix of 30 does not accommodate a host numbered 4"},
		{"netmask", "cidrnetmask", []cty.Value{str("172.16.0.0/12")}, str("255.240.0.0"), ""},
		{"netmask ipv6", "cidrnetmask", []cty.Value{str("fd00::/8")}, cty.NilVal, "IPv6 addresses cannot have a netmask"},
		{"subnets", "cidrsubnets", []cty.Value{str("10.1.0.0/16"), num(4), num(4), num(8), num(4)}, strs("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"), ""},
		{"subnets ipv6", "cidrsubnets", []cty.Value{str("fd00:fd12:3456:7890::/56"), num(16), num(16), num(16), num(32)}, strs("fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"), ""},
		{"subnets none", "cidrsubnets", []cty.Value{str("10.1.0.0/16")}, cty.ListValEmpty(cty.String), ""},
		{"subnets out of space", "cidrsubnets", []cty.Value{str("10.0.0.0/30"), num(1), num(1), num(1)}, cty.NilVal, "not enough remaining address space"},
		{"subnets zero bits", "cidrsubnets", []cty.Value{str("10.0.0.0/8"), num(0)}, cty.NilVal, "at least one bit"},
		{"subnets too long", "cidrsubnets", []cty.Value{str("10.0.0.0/30"), num(3)}, cty.NilVal, "too long for an IPv4 address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := fns[tc.fn].Call(tc.args)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.True(t, got.RawEquals(tc.want), "got %#v, want %#v", got, tc.want)
		})
	}
}

// TestCIDRFunctionsThroughLoad: a private security group written with
// cidrsubnet is mapped to its address range (it was not_evaluated before),
// and a call on a value known only after apply stays unknown.
func TestCIDRFunctionsThroughLoad(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "vpc_cidr" { default = "10.0.0.0/16" }
resource "aws_vpc" "main" { cidr_block = var.vpc_cidr }
resource "aws_security_group" "private" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [cidrsubnet(var.vpc_cidr, 8, 1), cidrsubnets("10.2.0.0/16", 4, 4)[1]]
  }
}
resource "aws_security_group" "later" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [cidrsubnet(aws_vpc.main.cidr_block_later, 8, 1)]
  }
}
`)}}
	res, err := Load(context.Background(), fsys, []string{"."}, Options{})
	require.NoError(t, err)
	require.False(t, res.Diagnostics.HasErrors(), "%v", res.Diagnostics)
	private := byID(t, res, "aws_security_group.private")
	rule := private.Attributes["ingress"].([]any)[0].(map[string]any)
	require.Equal(t, []any{"10.0.1.0/24", "10.2.16.0/20"}, rule["cidr_ipv4"], "private.ingress: %v, unknown: %v", private.Attributes["ingress"], private.Unknown)
	later := byID(t, res, "aws_security_group.later")
	require.NotEmpty(t, later.Unknown, "a subnet of a value unknown until apply is unknown: %v", later.Attributes)
}
