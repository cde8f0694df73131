package redact

import "sort"

// Assignment reports the kinds of secret that the assignment name=value
// holds, by the rules above, so that a producer can say an environment
// variable looks like a credential without keeping its value: the
// key-named shapes (secret_access_key=…, session_token=…) need the name,
// the others (an AKIA… key ID, a PEM block, a GitHub token) the value
// alone. Nil when it holds none.
func Assignment(name, value string) []string {
	return Found(name + "=" + value)
}

// Environment returns the names of vars, sorted, and for each variable
// whose assignment holds a secret shape a {name, kinds} object, in the
// evidence attributes' form. The AWS collector (Lambda) and the Terraform
// mapping both call it, so the two sources judge a value alike; no value
// leaves this function.
func Environment(vars map[string]string) (names []string, secretLike []any) {
	names = make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	secretLike = []any{}
	for _, k := range names {
		if kinds := Assignment(k, vars[k]); len(kinds) > 0 {
			secretLike = append(secretLike, map[string]any{"name": k, "kinds": kinds})
		}
	}
	return names, secretLike
}
