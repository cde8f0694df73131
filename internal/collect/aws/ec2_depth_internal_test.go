package aws

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/redact"
)

// TestUserDataSecrets: what cannot be scanned is an error (unknown), never
// an empty list (clean).
func TestUserDataSecrets(t *testing.T) {
	t.Parallel()
	enc := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	got, err := userDataSecrets("")
	require.NoError(t, err)
	assert.Equal(t, []redact.LineFinding{}, got)
	got, err = userDataSecrets(enc([]byte("#!/bin/sh\nexport GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n")))
	require.NoError(t, err)
	assert.Equal(t, []redact.LineFinding{{Kind: redact.GitHubToken, Line: 2}}, got)
	for name, in := range map[string]string{
		"gzip":       enc([]byte{0x1f, 0x8b, 0x08, 0x00}),
		"binary":     enc([]byte{0xff, 0xfe, 0x00}),
		"not base64": "%%%",
	} {
		_, err := userDataSecrets(in)
		assert.Error(t, err, name)
	}
}
