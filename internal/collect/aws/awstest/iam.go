package awstest

import (
	"slices"
	"strconv"
	"strings"
)

// IAM's account-wide listings: GetAccountAuthorizationDetails (users,
// groups, roles and managed policies in one paginated answer) and
// ListRoles (the one thing that answer lacks, a role's maximum session).

// entityFilters are GetAccountAuthorizationDetails' Filter values.
var entityFilters = []string{"User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"}

// Views of the estate as IAM answers: ARNs, IDs and derived fields filled.
type (
	userView struct {
		*User
		ARN string
	}
	groupView struct {
		*Group
		ARN, Path string
	}
	roleView struct {
		*Role
		ARN, Path  string
		MaxSession int
	}
	policyView struct {
		*Policy
		ARN, Path   string
		Attachments int
	}
)

// detailsEntry is one item of the answer; the items are cut into pages as
// one list (users, then groups, roles and policies), so a page may hold
// several kinds and the last user may be on the same page as the first role.
type detailsEntry struct {
	u *userView
	g *groupView
	r *roleView
	p *policyView
}

func (s *Server) authorizationDetails(c *call, a *Account) error {
	want := map[string]bool{}
	for i := 1; ; i++ {
		f, ok := c.form["Filter.member."+strconv.Itoa(i)]
		if !ok {
			break
		}
		if !slices.Contains(entityFilters, f) {
			s.fail(c, 400, "ValidationError", "1 validation error detected: Value '"+f+"' at 'filter' failed to satisfy constraint")
			return nil
		}
		want[f] = true
	}
	if len(want) == 0 {
		// No filter is every kind, as in IAM.
		for _, f := range entityFilters {
			want[f] = true
		}
	}
	var all []detailsEntry
	if want["User"] {
		for i := range a.Users {
			u := &a.Users[i]
			all = append(all, detailsEntry{u: &userView{User: u, ARN: "arn:aws:iam::" + a.ID + ":user/" + u.Name}})
		}
	}
	if want["Group"] {
		for i := range a.Groups {
			g := &a.Groups[i]
			all = append(all, detailsEntry{g: &groupView{Group: g, Path: orRoot(g.Path), ARN: "arn:aws:iam::" + a.ID + ":group" + orRoot(g.Path) + g.Name}})
		}
	}
	if want["Role"] {
		for i := range a.IAMRoles {
			all = append(all, detailsEntry{r: roleOf(a, &a.IAMRoles[i])})
		}
	}
	for i := range a.Policies {
		p := &a.Policies[i]
		if (p.AWSManaged && !want["AWSManagedPolicy"]) || (!p.AWSManaged && !want["LocalManagedPolicy"]) {
			continue
		}
		arn := p.ARN(a.ID)
		// IAM lists AWS-managed policies whether or not anything attaches
		// them; the collector must keep only the attached ones.
		all = append(all, detailsEntry{p: &policyView{Policy: p, ARN: arn, Path: orRoot(p.Path), Attachments: attachments(a, arn)}})
	}
	items, next := page(c, all, c.form["Marker"], s.faults.PageSize)
	data := map[string]any{"Account": a.ID, "Marker": next}
	var users []*userView
	var groups []*groupView
	var roles []*roleView
	var pols []*policyView
	for _, e := range items {
		switch {
		case e.u != nil:
			users = append(users, e.u)
		case e.g != nil:
			groups = append(groups, e.g)
		case e.r != nil:
			roles = append(roles, e.r)
		default:
			pols = append(pols, e.p)
		}
	}
	data["Users"], data["Groups"], data["Roles"], data["Policies"] = users, groups, roles, pols
	return render(c, xmlType, "iam/GetAccountAuthorizationDetails", data)
}

func (s *Server) listRoles(c *call, a *Account) error {
	var all []*roleView
	for i := range a.IAMRoles {
		all = append(all, roleOf(a, &a.IAMRoles[i]))
	}
	items, next := page(c, all, c.form["Marker"], s.faults.PageSize)
	return render(c, xmlType, "iam/ListRoles", map[string]any{"Roles": items, "Marker": next})
}

func roleOf(a *Account, r *Role) *roleView {
	v := &roleView{Role: r, Path: orRoot(r.Path), ARN: "arn:aws:iam::" + a.ID + ":role" + orRoot(r.Path) + r.Name, MaxSession: r.MaxSession}
	if v.MaxSession == 0 {
		v.MaxSession = 3600
	}
	return v
}

// attachments counts the users, groups and roles that attach arn.
func attachments(a *Account, arn string) int {
	n := 0
	for _, u := range a.Users {
		if slices.Contains(u.Attached, arn) {
			n++
		}
	}
	for _, g := range a.Groups {
		if slices.Contains(g.Attached, arn) {
			n++
		}
	}
	for _, r := range a.IAMRoles {
		if slices.Contains(r.Attached, arn) {
			n++
		}
	}
	return n
}

// rfc3986 percent-encodes a policy document as IAM does: everything but
// the unreserved characters, so "+" is "%2B" and a space "%20" (a decoder
// that reads "+" as a space, as query-string decoding does, is wrong).
func rfc3986(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || strings.IndexByte("-._~", ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(ch)>>4, 16)+strconv.FormatUint(uint64(ch)&15, 16)))
	}
	return b.String()
}
