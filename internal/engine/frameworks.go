package engine

import (
	"maps"
	"slices"
)

// Frameworks are the framework keys a control's METADATA may cite under
// custom.frameworks, with their display names (docs/controls.md). The
// table sits with the catalogue it describes: lint warns about a key not
// listed, `new control` refuses one, and the generated catalogue names
// each framework from it.
var Frameworks = map[string]string{
	"cis-aws-3.0":    "CIS AWS Foundations Benchmark 3.0",
	"cis-github-1.0": "CIS GitHub Benchmark 1.0",
	"iso27001-2022":  "ISO/IEC 27001:2022 Annex A",
	"nist-800-53-r5": "NIST SP 800-53 Rev. 5",
	"soc2":           "SOC 2 Trust Services Criteria",
}

// FrameworkKeys returns the keys of Frameworks, sorted.
func FrameworkKeys() []string { return slices.Sorted(maps.Keys(Frameworks)) }
