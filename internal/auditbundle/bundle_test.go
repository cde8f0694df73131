package auditbundle

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func sample() []File {
	return []File{
		{Path: "report.json", Data: []byte(`{"schema":"rampart.report/v1"}`)},
		{Path: "evidence/aws.json", Data: []byte(`{"schema":"rampart.evidence/v1","resources":[]}`)},
		{Path: "workspace/systems.hcl", Data: []byte("system \"x\" {}\n")},
	}
}

func key(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	return pub, priv
}

// TestTamperingIsDetected: a bundle verifies as written; any file changed,
// added or removed, the manifest edited, or a signature by another key is
// a problem naming what is wrong.
func TestTamperingIsDetected(t *testing.T) {
	t.Parallel()
	pub, priv := key(t)
	otherPub, _ := key(t)
	tests := []struct {
		name   string
		sign   bool
		verify ed25519.PublicKey
		tamper func(t *testing.T, dir string)
		want   []string
	}{
		{name: "intact, unsigned"},
		{name: "intact, signed", sign: true, verify: pub},
		{name: "changed", tamper: func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "report.json"), []byte(`{"schema":"rampart.report/v1","x":1}`), 0o644))
		}, want: []string{"report.json: changed"}},
		{name: "same size, one byte changed", tamper: func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "workspace", "systems.hcl"), []byte("system \"y\" {}\n"), 0o644))
		}, want: []string{"workspace/systems.hcl: changed"}},
		{name: "added", tamper: func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "evidence", "extra.json"), []byte(`{}`), 0o644))
		}, want: []string{"evidence/extra.json: added"}},
		{name: "removed", tamper: func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "evidence", "aws.json")))
		}, want: []string{"evidence/aws.json: removed"}},
		{name: "manifest edited to match a changed file, signed", sign: true, verify: pub, tamper: func(t *testing.T, dir string) {
			// Drop the file and its manifest entry: hashes agree, the signature does not.
			require.NoError(t, os.Remove(filepath.Join(dir, "evidence", "aws.json")))
			data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
			require.NoError(t, err)
			var m Manifest
			require.NoError(t, json.Unmarshal(data, &m))
			m.Files = slices.DeleteFunc(m.Files, func(e Entry) bool { return e.Path == "evidence/aws.json" })
			edited, err := json.MarshalIndent(m, "", "  ")
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, ManifestFile), append(edited, '\n'), 0o644))
		}, want: []string{"signature does not match"}},
		{name: "signed by another key", sign: true, verify: otherPub, want: []string{"signature does not match"}},
		{name: "signed, checked without a key", sign: true, want: []string{"the bundle is signed, but no public key was given"}},
		{name: "unsigned, checked with a key", verify: pub, want: []string{"the bundle is not signed"}},
		{name: "signature removed", sign: true, verify: pub, tamper: func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, SignatureFile)))
		}, want: []string{"the bundle is not signed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "bundle")
			var k ed25519.PrivateKey
			if tc.sign {
				k = priv
			}
			require.NoError(t, Write(context.Background(), dir, sample(), k, now))
			if tc.tamper != nil {
				tc.tamper(t, dir)
			}
			res, err := Verify(dir, tc.verify)
			require.NoError(t, err)
			require.Len(t, res.Problems, len(tc.want), "%v", res.Problems)
			for i, w := range tc.want {
				assert.Contains(t, res.Problems[i], w)
			}
			assert.Equal(t, tc.sign && tc.name != "signature removed", res.Signed)
		})
	}
}

// TestWriteIsAllOrNone: an existing folder is refused, a cancelled write
// leaves neither the bundle nor its temporary folder, and the key is never
// written.
func TestWriteIsAllOrNone(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "bundle")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.ErrorContains(t, Write(context.Background(), dir, sample(), nil, now), "already exists")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	other := filepath.Join(parent, "cancelled")
	require.Error(t, Write(ctx, other, sample(), nil, now))
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the folder made above: no bundle, no temporary folder")

	_, priv := key(t)
	signed := filepath.Join(parent, "signed")
	require.NoError(t, Write(context.Background(), signed, sample(), priv, now))
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	require.NoError(t, filepath.Walk(signed, func(p string, info os.FileInfo, err error) error {
		require.NoError(t, err)
		if info.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.NotContains(t, string(data), string(pemKey[30:60]), "%s holds the private key", p)
		assert.NotContains(t, string(data), string(priv.Seed()), p)
		return nil
	}))
	require.Error(t, Write(context.Background(), filepath.Join(parent, "bad"), []File{{Path: "../escape", Data: nil}}, nil, now))
}

func TestParseKeys(t *testing.T) {
	t.Parallel()
	pub, priv := key(t)
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	got, err := ParsePrivateKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	require.NoError(t, err)
	assert.True(t, got.Equal(priv))
	pder, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	gotPub, err := ParsePublicKey(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pder}))
	require.NoError(t, err)
	assert.True(t, gotPub.Equal(pub))
	_, err = ParsePrivateKey([]byte("not a key"))
	assert.ErrorContains(t, err, "no PEM block")
}
