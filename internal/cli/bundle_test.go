package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runWithEnv runs the command line with an environment.
func runWithEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

// TestAuditBundleAndVerify: `audit --bundle` writes the report, the
// evidence as read, the workspace, the catalogue and a manifest signed with
// the key from the environment (never written into the bundle); `verify`
// accepts it with the public key, and names a changed, added or removed file
// or a missing key with its exit code.
func TestAuditBundleAndVerify(t *testing.T) {
	t.Parallel()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	privPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	pder, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	pubFile := writeFile(t, t.TempDir(), "bundle.pub", string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pder})))

	dir := filepath.Join(t.TempDir(), "bundle")
	r := runWithEnv(t, map[string]string{BundleKeyEnv: privPEM}, "audit", "../../examples/acme", "--format", "json="+filepath.Join(t.TempDir(), "r.json"), "--bundle", dir)
	require.Equal(t, 3, r.code, "the example's exit code is the audit's: %s", r.stderr)
	assert.Contains(t, r.stderr, "wrote bundle "+dir)
	for _, f := range []string{"report.json", "report.html", "evidence/aws.json", "evidence/github.json", "workspace/systems.hcl", "workspace/governance.hcl", "workspace.git.json", "controls.json", "manifest.json", "manifest.sig"} {
		assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(f)))
	}
	recorded, err := os.ReadFile("../../examples/acme/evidence/aws.json")
	require.NoError(t, err)
	bundled, err := os.ReadFile(filepath.Join(dir, "evidence", "aws.json"))
	require.NoError(t, err)
	assert.Equal(t, recorded, bundled, "evidence byte for byte as read")
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		require.NoError(t, err)
		if !info.IsDir() {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.NotContains(t, string(data), "PRIVATE KEY", "%s holds the signing key", p)
		}
		return nil
	}))

	v := run(t, "verify", dir, "--public-key", pubFile)
	require.Equal(t, 0, v.code, v.stderr)
	assert.Contains(t, v.stdout, "intact")
	assert.Contains(t, v.stdout, "signature valid")

	v = run(t, "verify", dir)
	assert.Equal(t, 3, v.code, "signed, no key to check it: %s", v.stderr)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.json"), bytes.Replace(bundled, []byte("a"), []byte("b"), 1), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "evidence", "planted.json"), []byte("{}"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "controls.json")))
	v = run(t, "verify", dir, "--public-key", pubFile)
	assert.Equal(t, 1, v.code)
	for _, want := range []string{"report.json: changed", "evidence/planted.json: added", "controls.json: removed"} {
		assert.Contains(t, v.stderr, want)
	}

	// A bundle folder that exists already is refused, and nothing is written.
	again := runWithEnv(t, nil, "audit", "../../examples/acme", "--format", "json="+filepath.Join(t.TempDir(), "r.json"), "--bundle", dir)
	assert.Equal(t, 2, again.code)
	assert.True(t, strings.Contains(again.stderr, "already exists"), again.stderr)
	assert.Equal(t, 2, run(t, "verify", t.TempDir()).code, "no manifest: not a bundle")
}
