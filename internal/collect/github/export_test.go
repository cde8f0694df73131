package github

// TargetsOf lets the external tests see what Collector.Targets chose.
func TargetsOf(c *Collector) []Target { return c.targets }

// NeedPermissions are the fine-grained permissions the collector names
// when GitHub refuses a request.
func NeedPermissions() []string {
	out := make([]string, 0, len(needs))
	for _, n := range needs {
		out = append(out, n.permission)
	}
	return out
}
