package lint

import (
	"bytes"
)

// RuleScaffoldUnedited flags a control `rampart new control` wrote that
// nobody edited yet: its rule turns one boolean attribute into a failure
// of the resource type, which, loaded as it is, fails real resources with
// a placeholder title and remediation on every audit and pull request.
const RuleScaffoldUnedited = "scaffold-unedited"

// ScaffoldMarker is the comment the scaffold writes into the control; the
// author deletes it once the rule, title, remediation and frameworks say
// what the control checks.
const ScaffoldMarker = "rampart-scaffold:"

func checkScaffold(mods []*module) []Finding {
	var out []Finding
	for _, m := range mods {
		if m.test || m.library() {
			continue
		}
		for _, c := range m.mod.Comments {
			if bytes.HasPrefix(bytes.TrimSpace(c.Text), []byte(ScaffoldMarker)) {
				out = append(out, at(m, c.Location, RuleScaffoldUnedited, LevelError,
					"the control is rampart new control's scaffold, unedited: write its rule, title, remediation and frameworks, then delete this comment"))
			}
		}
	}
	return out
}
