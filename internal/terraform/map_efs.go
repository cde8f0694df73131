package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapEFSFileSystems builds aws.efs.file_system from aws_efs_file_system.
// Encryption is fixed at creation, so the configuration says all there is
// to know about it: `encrypted` defaults to false in the provider.
func mapEFSFileSystems(m *mapper) {
	for _, in := range m.byType["aws_efs_file_system"] {
		b := newBuilder(evidence.TypeAWSEFSFileSystem, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("file_system_id", in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.unknown("life_cycle_state", "unknown until apply")
		// The live name is the Name tag, "" without one.
		switch tags := get(in.Body, "tags"); {
		case tags == cty.NilVal:
			b.r.Attributes["name"] = ""
		case !tags.IsKnown():
			b.unknown("name", unknownReason(tags))
		default:
			b.set("name", get(tags, "Name"), "")
		}
		b.set("encrypted", get(in.Body, "encrypted"), false)
		if v := get(in.Body, "kms_key_id"); v != cty.NilVal {
			b.set("kms_key_id", v, nil)
		}
		m.emit(b)
	}
}
