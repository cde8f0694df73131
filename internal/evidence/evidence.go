// Package evidence is the hand-off between collectors (or the Terraform
// mapping) and the engine: a versioned snapshot of normalised resources plus
// an honest account of what could not be collected, so that controls which
// depend on missing data come out not_evaluated instead of passing.
package evidence

import (
	"maps"
	"strconv"
	"time"
)

// SchemaV1 is the only snapshot schema this build reads and writes.
const SchemaV1 = "rampart.evidence/v1"

// Snapshot is one collection (or one recorded file) of evidence.
type Snapshot struct {
	Schema      string    `json:"schema"`
	CollectedAt time.Time `json:"collected_at,omitzero"`
	// Collectors names what produced the snapshot ("github", "aws", "terraform", "recorded").
	Collectors []string `json:"collectors,omitempty"`
	// Incomplete is set when a collection was cut short (cancelled, rate limit
	// exhausted). An incomplete snapshot never yields a clean exit code.
	Incomplete       bool   `json:"incomplete,omitempty"`
	IncompleteReason string `json:"incomplete_reason,omitempty"`
	// Collected lists, per collector scope, the resource types read
	// completely there (collected.go): only for those does the absence of
	// a resource mean there is none. Every producer fills it; it is absent
	// (nil) only in snapshots written before it existed.
	Collected []Collected `json:"collected,omitzero"`
	// CollectedUnlisted is set when this snapshot, or one merged into it,
	// had no collected list: nothing it holds counts as read completely,
	// and the report says so once.
	CollectedUnlisted bool           `json:"-"`
	Resources         []Resource     `json:"resources"`
	NotCollected      []NotCollected `json:"not_collected,omitempty"`
}

// Resource is the one shape every control looks at.
type Resource struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	// System is filled by the workspace's system selectors, not by collectors.
	System     string         `json:"system,omitempty"`
	Scope      Scope          `json:"scope"`
	Source     Source         `json:"source"`
	Attributes map[string]any `json:"attributes"`
	// Unknown maps an attribute name to the reason it could not be collected
	// for this resource (e.g. "403: requires admin:org"). The attribute itself
	// is absent, and a control reading it reports not_evaluated with this reason.
	Unknown map[string]string `json:"unknown,omitempty"`
}

// Clone returns a copy of r that can be changed without changing r: its
// attributes copied at every depth (the maps and lists a decoded snapshot
// holds) and its unknown reasons. Mutation tests change copies of the
// example's resources this way.
func (r Resource) Clone() Resource {
	out := r
	out.Attributes, _ = cloneValue(r.Attributes).(map[string]any)
	out.Unknown = maps.Clone(r.Unknown)
	return out
}

func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = cloneValue(e)
		}
		return out
	case []any:
		if x == nil {
			return x
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneValue(e)
		}
		return out
	}
	return v
}

// Scope locates a resource for system selectors and waivers.
type Scope struct {
	Platform  string `json:"platform"` // github | aws | terraform
	Org       string `json:"org,omitempty"`
	Repo      string `json:"repo,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	Region    string `json:"region,omitempty"`
	// Path is the file a Terraform resource was read from, relative to the scanned root.
	Path string `json:"path,omitempty"`
}

// Source says where a resource came from.
type Source struct {
	Kind        string    `json:"kind"` // live | terraform | recorded
	Collector   string    `json:"collector,omitempty"`
	CollectedAt time.Time `json:"collected_at,omitzero"`
	File        string    `json:"file,omitempty"`
	Line        int       `json:"line,omitempty"`
}

// String renders the source for text reports: "terraform main.tf:12", "live github".
func (s Source) String() string {
	switch {
	case s.File != "" && s.Line > 0:
		return s.Kind + " " + s.File + ":" + strconv.Itoa(s.Line)
	case s.File != "":
		return s.Kind + " " + s.File
	case s.Collector != "":
		return s.Kind + " " + s.Collector
	case s.Kind == "":
		return "unspecified"
	default:
		return s.Kind
	}
}

// NotCollected records a part of the estate that a collector could not see.
// Every control whose resource types include ResourceType, for resources in
// Scope, comes out not_evaluated with Reason.
type NotCollected struct {
	ResourceType string `json:"resource_type"`
	Scope        Scope  `json:"scope"`
	// ScopeID names the scope for people: "github.com/acme", "aws:111122223333/eu-west-1".
	ScopeID string `json:"scope_id"`
	// System is filled by the workspace's system selectors, like Resource.System.
	System string `json:"system,omitempty"`
	Reason string `json:"reason"`
	// MissingPermission is the scope, fine-grained permission or IAM action
	// that would have made collection possible, when known.
	MissingPermission string `json:"missing_permission,omitempty"`
}
