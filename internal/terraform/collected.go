package terraform

import "github.com/rampart-audit/rampart/internal/evidence"

// collected is what a scan says it read: every type the mapping produces,
// for the whole scan. The scanned roots are read completely — a resource of
// a mapped type that is not in them does not exist there — and a module
// the evaluation could not read is a not_collected gap of every mapped
// type, which the engine reports before this list. A type the mapping does
// not produce is not listed, so a control relating to it is not_evaluated
// on Terraform evidence instead of reading "none".
func collected() []evidence.Collected {
	return []evidence.Collected{evidence.CollectedScope(evidence.Scope{Platform: "terraform"}, evidence.TerraformTypes()...)}
}
