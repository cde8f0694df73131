package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// staleExpired waives a resource that does not exist, and expired the day
// before fixedNow: it is stale and expired at once, the case where the
// report's state ("stale") hides the validity the gate needs.
const staleExpired = `
waiver "gone-ssh" {
  control     = "AWS-EC2-001"
  resources   = ["ws/infra/aws_security_group.gone"]
  reason      = "The group was deleted."
  approved_by = "ann"
  expires     = "2026-11-26"
}
`

// TestGateStaleExpiredWaiver: an expired waiver that matches nothing is not
// "stale" in a Terraform-only run (it may be about live evidence), and one
// the change does not touch is a warning, not exit 1 on every pull request
// of the repository on its expiry day; the change that adds it (seen with
// --baseline-ref, where it is the pull request's own waiver, decided by
// link.Review and not applied) is blocked by it. A change that removes the
// expired waiver the base branch still has is not blocked by it.
func TestGateStaleExpiredWaiver(t *testing.T) {
	dir := trustRepo(t)
	base, err := os.ReadFile(filepath.Join(dir, "ws/workspace.hcl"))
	require.NoError(t, err)
	writeFile(t, dir, "ws/workspace.hcl", string(base)+staleExpired)

	res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown")
	require.Equal(t, 0, res.code, res.stderr)
	require.NotContains(t, res.stderr, "matches no result", "not stale in a Terraform-only run")
	require.Contains(t, res.stderr, "warning: waiver gone-ssh (AWS-EC2-001) expired on 2026-11-26: not blocking, this change touches none of its results (the audit still fails on it)")

	res = run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--baseline-ref", "HEAD")
	require.Equal(t, 1, res.code, "the expired waiver the change adds fails the gate:\n%s", res.stderr)
	require.Contains(t, res.stderr, "waiver gone-ssh (AWS-EC2-001) expired on 2026-11-26")

	git(t, dir, "commit", "-q", "-am", "base with an expired waiver")
	writeFile(t, dir, "ws/workspace.hcl", string(base))
	res = run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--baseline-ref", "HEAD")
	require.Equal(t, 0, res.code, "a change that removes the expired waiver is not blocked by it:\n%s", res.stderr)
	require.NotContains(t, res.stderr, "waiver gone-ssh (AWS-EC2-001) expired")
}
