// Package policies embeds the default governance pack: security policies,
// risks, mitigations and training linked to the built-in controls. A
// workspace adds its own blocks to it.
package policies

import "embed"

// FS holds every .hcl file of the pack.
//
//go:embed *.hcl
var FS embed.FS
