package evidence

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Absence is only proven for what was read. A control that fails because
// no metric filter watches root logins, or passes because no route table
// peers outside, reads "none" from the snapshot; that is true only when the
// producer listed that type in that scope and the listing completed. A
// snapshot therefore says, per collector scope, which types it read
// completely (Snapshot.Collected). A type listed there and not also named
// in not_collected for the scope is complete; any other type is unread, and
// the engine does not let a control conclude anything from its absence.
// Resources present of a type prove nothing about the others of the type,
// so the list is the only evidence of completeness.

// Collected is one collector scope and the resource types read completely
// in it. A scope field left empty covers every value of that field: the
// account scope {aws, account_id} covers the account's global types in
// every region's join, {terraform} covers every root module the scan read.
type Collected struct {
	Scope Scope `json:"scope"`
	// Types are registered resource types, sorted, each once.
	Types []string `json:"types"`
}

// Platforms a collected scope may name.
var collectedPlatforms = []string{"aws", "github", "terraform"}

// CollectedScope builds the entry for scope and types: sorted, each once.
func CollectedScope(scope Scope, types ...string) Collected {
	t := append([]string{}, types...) // never nil: "types": [] says nothing was read
	slices.Sort(t)
	return Collected{Scope: scope, Types: slices.Compact(t)}
}

// ScopeName names a scope for people, as not_collected's scope_id does:
// "aws:111122223333/eu-west-1", "github.com/acme/api", "terraform:infra/main.tf".
func ScopeName(s Scope) string {
	switch s.Platform {
	case "aws":
		if s.Region == "" {
			return "aws:" + s.AccountID
		}
		return "aws:" + s.AccountID + "/" + s.Region
	case "github":
		if s.Repo == "" {
			return "github.com/" + s.Org
		}
		return "github.com/" + s.Org + "/" + s.Repo
	case "terraform":
		if s.Path == "" {
			return "terraform"
		}
		return "terraform:" + s.Path
	}
	name := s.Platform + ":" + s.AccountID + s.Org
	for _, part := range []string{s.Repo, s.Region, s.Path} {
		if part != "" {
			name += "/" + part
		}
	}
	return name
}

// Covers reports whether the entry's scope includes scope: the same
// platform, and every field the entry sets equal.
func (c Collected) Covers(scope Scope) bool {
	e := c.Scope
	return e.Platform == scope.Platform &&
		(e.AccountID == "" || e.AccountID == scope.AccountID) &&
		(e.Org == "" || e.Org == scope.Org) &&
		(e.Repo == "" || e.Repo == scope.Repo) &&
		(e.Region == "" || e.Region == scope.Region) &&
		(e.Path == "" || e.Path == scope.Path)
}

// Lists reports whether the entry names typ.
func (c Collected) Lists(typ string) bool {
	_, found := slices.BinarySearch(c.Types, typ)
	return found
}

// UnionCollected is the union of the lists per scope, in a stable order:
// the one way two lists become one (Merge, a collector reading a scope twice).
func UnionCollected(lists ...[]Collected) []Collected {
	byScope := map[Scope]map[string]bool{}
	for _, list := range lists {
		for _, c := range list {
			set := byScope[c.Scope]
			if set == nil {
				set = map[string]bool{}
				byScope[c.Scope] = set
			}
			for _, t := range c.Types {
				set[t] = true
			}
		}
	}
	out := make([]Collected, 0, len(byScope))
	for scope, set := range byScope {
		out = append(out, CollectedScope(scope, slices.Collect(maps.Keys(set))...))
	}
	sortCollected(out)
	return out
}

func sortCollected(list []Collected) {
	for _, c := range list {
		slices.Sort(c.Types)
	}
	slices.SortStableFunc(list, func(a, b Collected) int {
		return cmp.Or(
			cmp.Compare(a.Scope.Platform, b.Scope.Platform),
			cmp.Compare(a.Scope.AccountID, b.Scope.AccountID),
			cmp.Compare(a.Scope.Org, b.Scope.Org),
			cmp.Compare(a.Scope.Repo, b.Scope.Repo),
			cmp.Compare(a.Scope.Region, b.Scope.Region),
			cmp.Compare(a.Scope.Path, b.Scope.Path),
		)
	})
}

// checkCollectedType says what is wrong with typ in an entry of scope:
// not registered, or not a type any producer of that platform emits.
func checkCollectedType(scope Scope, typ string) string {
	t, ok := byName[typ]
	switch {
	case !ok:
		return fmt.Sprintf("%q is not a registered resource type (docs/resources.md)", typ)
	case scope.Platform == "terraform" && !t.Terraform:
		return fmt.Sprintf("%q is not produced by the Terraform mapping", typ)
	case scope.Platform != "terraform" && t.Platform != scope.Platform:
		return fmt.Sprintf("%q is a %s type, not a %s one", typ, t.Platform, scope.Platform)
	}
	return ""
}

// checkCollectedScope says what is wrong with an entry's scope.
func checkCollectedScope(s Scope) string {
	if !slices.Contains(collectedPlatforms, s.Platform) {
		return fmt.Sprintf("scope.platform must be one of %s, got %q", strings.Join(collectedPlatforms, ", "), s.Platform)
	}
	return ""
}

var collectedKeys = []string{"scope", "types"}

// collectedList reads the snapshot's collected list strictly: a hand-edited
// list is hostile input like the rest, so an unknown key, a scope given
// twice, a type not registered or not of the scope's platform, or a type
// twice in one entry is an error at the offending value's byte offset.
func (p *parser) collectedList() ([]Collected, error) {
	out := []Collected{}
	first := map[Scope]int{} // scope → offset of the entry that gave it
	err := p.array(func(int) error {
		p.ws()
		start := p.pos
		var c Collected
		var typeOffs []int
		var hasScope, hasTypes bool
		err := p.fields(collectedKeys, "a collected entry", func(i int) (err error) {
			switch i {
			case 0:
				hasScope = true
				err = p.scope(&c.Scope)
			case 1:
				hasTypes = true
				c.Types = []string{}
				err = p.array(func(int) error {
					p.ws()
					typeOffs = append(typeOffs, p.pos)
					s, err := p.string()
					c.Types = append(c.Types, s)
					return err
				})
			}
			return atKey(err, collectedKeys[i])
		})
		if err != nil {
			return err
		}
		invalid := func(off int, path, format string, args ...any) error {
			return &DecodeError{Kind: kindInvalid, Offset: int64(off), Path: path, Detail: fmt.Sprintf(format, args...)}
		}
		if !hasScope || !hasTypes {
			return invalid(start, "", "scope and types are required (types may be empty: nothing read completely)")
		}
		if why := checkCollectedScope(c.Scope); why != "" {
			return invalid(start, "scope", "%s", why)
		}
		if prev, dup := first[c.Scope]; dup {
			line, col := LineCol(p.data, int64(prev))
			return invalid(start, "scope", "%s is already listed at byte offset %d (line %d, column %d)", ScopeName(c.Scope), prev, line, col)
		}
		first[c.Scope] = start
		seen := make(map[string]int, len(c.Types))
		for j, t := range c.Types {
			path := fmt.Sprintf("types[%d]", j)
			if why := checkCollectedType(c.Scope, t); why != "" {
				return invalid(typeOffs[j], path, "%s", why)
			}
			if k, dup := seen[t]; dup {
				return invalid(typeOffs[j], path, "%q is already types[%d] at byte offset %d", t, k, typeOffs[k])
			}
			seen[t] = j
		}
		slices.Sort(c.Types)
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortCollected(out)
	return out, nil
}
