package terraform

import (
	"math/big"
	"net"

	"github.com/apparentlymart/go-cidr/cidr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
)

// The IP network functions, with the semantics of Terraform's own
// (internal/lang/funcs/cidr.go, built on the same go-cidr): security groups
// and subnets are routinely written as cidrsubnet(var.vpc_cidr, 8, 1), and
// without these a private rule would be not_evaluated. One difference:
// prefixes are parsed by net.ParseCIDR, which refuses IPv4 octets with
// leading zeros ("010.0.0.0/8") that Terraform's legacy parser reads as
// decimal; such a call is an error, so the value is unknown with the
// reason — never a guess.

// parsePrefix parses a CIDR prefix argument.
func parsePrefix(arg int, v cty.Value) (*net.IPNet, error) {
	_, network, err := net.ParseCIDR(v.AsString())
	if err != nil {
		return nil, function.NewArgErrorf(arg, "invalid CIDR expression: %s", err)
	}
	return network, nil
}

// cidrHostFunc is cidrhost(prefix, hostnum): the address of host number
// hostnum in prefix; a negative hostnum counts back from the end.
var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var hostNum *big.Int
		if err := gocty.FromCtyValue(args[1], &hostNum); err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		network, err := parsePrefix(0, args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		ip, err := cidr.HostBig(network, hostNum)
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		return cty.StringVal(ip.String()), nil
	},
})

// cidrNetmaskFunc is cidrnetmask(prefix): the dotted netmask of an IPv4
// prefix.
var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parsePrefix(0, args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if network.IP.To4() == nil {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})

// maxNewBits is Terraform's limit on one extension (portability with
// 32-bit subnet numbers; significant only for IPv6).
const maxNewBits = 32

// cidrSubnetFunc is cidrsubnet(prefix, newbits, netnum): subnet number
// netnum of prefix extended by newbits bits.
var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var newbits int
		if err := gocty.FromCtyValue(args[1], &newbits); err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		var netnum *big.Int
		if err := gocty.FromCtyValue(args[2], &netnum); err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(2, err)
		}
		network, err := parsePrefix(0, args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if newbits > maxNewBits {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "may not extend prefix by more than %d bits", maxNewBits)
		}
		subnet, err := cidr.SubnetBig(network, newbits, netnum)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(subnet.String()), nil
	},
})

// cidrSubnetsFunc is cidrsubnets(prefix, newbits...): consecutive subnets
// of prefix, each extended by its newbits, packed in order as Terraform
// allocates them (aligned to its own size, after the previous one).
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parsePrefix(0, args[0])
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), err
		}
		lengths := args[1:]
		if len(lengths) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		startLen, _ := network.Mask.Size()
		addrBits := len(network.IP) * 8
		protocol := "IPv6"
		if network.IP.To4() != nil {
			protocol = "IPv4"
		}
		out := make([]cty.Value, len(lengths))
		var current *net.IPNet
		for i, lv := range lengths {
			var length int
			if err := gocty.FromCtyValue(lv, &length); err != nil {
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgError(i+1, err)
			}
			switch {
			case length < 1:
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(i+1, "must extend prefix by at least one bit")
			case length > maxNewBits:
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(i+1, "may not extend prefix by more than %d bits", maxNewBits)
			case startLen+length > addrBits:
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an %s address", startLen+length, protocol)
			}
			length += startLen
			if current == nil {
				// The subnet before the first one, so NextSubnet yields
				// the prefix's first subnet of that length.
				current, _ = cidr.PreviousSubnet(network, length)
			}
			next, rollover := cidr.NextSubnet(current, length)
			if rollover || !network.Contains(next.IP) {
				// Past the prefix's own bits NextSubnet would allocate
				// outside the prefix the caller gave.
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s", length, current.String())
			}
			current = next
			out[i] = cty.StringVal(current.String())
		}
		return cty.ListVal(out), nil
	},
})

// cidrFunctions are registered in pureFunctions.
func cidrFunctions() map[string]function.Function {
	return map[string]function.Function{
		"cidrhost":    cidrHostFunc,
		"cidrnetmask": cidrNetmaskFunc,
		"cidrsubnet":  cidrSubnetFunc,
		"cidrsubnets": cidrSubnetsFunc,
	}
}
