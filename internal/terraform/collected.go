package terraform

import (
	"slices"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// collected is what a scan says it read: every type the mapping produces,
// for the whole scan. The scanned roots are read completely — a resource of
// a mapped type that is not in them does not exist there — and a module
// the evaluation could not read is a not_collected gap of every mapped
// type, which the engine reports before this list. A type the mapping does
// not produce is not listed, so a control relating to it is not_evaluated
// on Terraform evidence instead of reading "none".
//
// Account-wide types are the exception (accountWideTypes): listed only
// when the scan declares one of them.
func collected(resources []evidence.Resource) []evidence.Collected {
	types := slices.DeleteFunc(evidence.TerraformTypes(), func(typ string) bool {
		return slices.Contains(accountWideTypes, typ) && !slices.ContainsFunc(resources, func(r evidence.Resource) bool { return r.Type == typ })
	})
	return []evidence.Collected{evidence.CollectedScope(evidence.Scope{Platform: "terraform"}, types...)}
}

// accountWideTypes are the types controls relate to a whole account (join:
// account) and conclude from their absence: "the account has no
// multi-region trail" (AWS-CT-010, 013, 014, 015, the CIS 4.x chain). A
// configuration that declares no trail says nothing about the account's
// trails — an organisation trail, another repository or the console may
// manage them — so the type is not listed as read there, and those
// controls are not_evaluated (naming the type) instead of failing the
// module's aws.account with "no trail". A configuration that declares a
// trail is where the account's trails are managed, and is judged by it.
var accountWideTypes = []string{evidence.TypeAWSCloudTrailTrail}
