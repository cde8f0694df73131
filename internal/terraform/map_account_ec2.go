package terraform

import "github.com/zclconf/go-cty/cty"

// accountEC2Kinds join accountKinds: the region's block public access for
// snapshots and AMIs and its instance metadata defaults (issue 18).
var accountEC2Kinds = []string{
	"aws_ebs_snapshot_block_public_access", "aws_ec2_image_block_public_access", "aws_ec2_instance_metadata_defaults",
}

// accountEC2Defaults fills regions.<region>.{snapshot_block_public_access,
// image_block_public_access, instance_metadata_defaults} as the collector
// reports them; a region whose module does not manage one leaves it absent.
func accountEC2Defaults(b *builder, got map[string][]*Instance, region func(*Instance) map[string]any) {
	for kind, attr := range map[string]string{
		"aws_ebs_snapshot_block_public_access": "snapshot_block_public_access",
		"aws_ec2_image_block_public_access":    "image_block_public_access",
	} {
		for _, in := range got[kind] {
			if r := region(in); r != nil {
				out := map[string]any{}
				b.setIn(out, "regions."+in.Region+"."+attr, "state", get(in.Body, "state"), nil)
				r[attr] = out
			}
		}
	}
	for _, in := range got["aws_ec2_instance_metadata_defaults"] {
		if r := region(in); r != nil {
			out := map[string]any{}
			path := "regions." + in.Region + ".instance_metadata_defaults"
			b.setIn(out, path, "http_tokens", orDefault(get(in.Body, "http_tokens"), cty.StringVal("no-preference")), nil)
			b.setIn(out, path, "http_endpoint", orDefault(get(in.Body, "http_endpoint"), cty.StringVal("no-preference")), nil)
			r["instance_metadata_defaults"] = out
		}
	}
}
