package github

// TargetsOf lets the external tests see what Collector.Targets chose.
func TargetsOf(c *Collector) []Target { return c.targets }
