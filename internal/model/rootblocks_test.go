package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRootBlocks: the gate used a copy of this list to tell a workspace
// from other HCL; it now asks model, which reads the loader's own schema.
func TestRootBlocks(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"settings", "system", "person", "risk", "mitigation", "training", "policy", "waiver", "schedule", "notify", "attestation"}, RootBlocks())
	for _, typ := range RootBlocks() {
		assert.True(t, IsRootBlock(typ), typ)
	}
	for _, typ := range []string{"terraform", "resource", "provider", "locals", "inputs", "source", ""} {
		assert.False(t, IsRootBlock(typ), "%q is not workspace HCL", typ)
	}
}
