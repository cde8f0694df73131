package github

import (
	"net/url"
	"strings"
)

// attrs builds a resource's attributes and its unknown map together, so
// an attribute that could not be read is absent and explained, never false.
type attrs struct {
	m       map[string]any
	unknown map[string]string
}

func newAttrs() *attrs { return &attrs{m: map[string]any{}, unknown: map[string]string{}} }

// set stores v at a dotted path, creating the objects on the way.
func (a *attrs) set(path string, v any) {
	keys := strings.Split(path, ".")
	m := a.m
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}

func (a *attrs) miss(path, reason string) { a.unknown[path] = reason }

// opt stores *p at path, or records why it is unknown when GitHub did not
// return it.
func opt[T any](a *attrs, path string, p *T, reason string) {
	if p == nil {
		a.miss(path, reason)
		return
	}
	a.set(path, *p)
}

// unknownOrNil returns the unknown map, nil when empty (omitted in JSON).
func (a *attrs) unknownOrNil() map[string]string {
	if len(a.unknown) == 0 {
		return nil
	}
	return a.unknown
}

// hookView is what a control needs of a webhook. The URL is reduced to its
// scheme and host: webhook URLs often carry tokens in their query.
func hookView(id int64, name string, active bool, rawURL, insecureSSL, secret string, events []string) map[string]any {
	v := map[string]any{
		"id":           id,
		"name":         name,
		"active":       active,
		"insecure_ssl": insecureSSL == "1",
		// GitHub returns a configured secret as "********".
		"has_secret": secret != "",
		"events":     nonNil(events),
	}
	if u, err := url.Parse(rawURL); err == nil && u.Scheme != "" {
		v["url_scheme"] = strings.ToLower(u.Scheme)
		v["url_host"] = u.Hostname()
	}
	return v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
