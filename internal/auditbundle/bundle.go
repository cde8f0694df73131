// Package auditbundle is the evidence an auditor takes away: a folder with
// the report, the evidence snapshots, the workspace as evaluated (and its
// Git commit), the control catalogue, and a manifest of the SHA-256 of
// every file, signed with an ed25519 key when one is given. Verify tells a
// bundle that is exactly as written from one with any file changed, added
// or removed, and checks the signature. It is the stage after the report:
// `rampart audit --bundle DIR` writes one, `rampart verify DIR` checks it.
package auditbundle

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Schema names the manifest format.
const Schema = "rampart.bundle/v1"

// Files the bundle itself writes beside its contents.
const (
	ManifestFile  = "manifest.json"
	SignatureFile = "manifest.sig"
)

// File is one file of the bundle: a slash path inside it and its bytes.
type File struct {
	Path string
	Data []byte
}

// Manifest lists every file of the bundle but itself and its signature.
type Manifest struct {
	Schema    string    `json:"schema"`
	CreatedAt time.Time `json:"created_at"`
	// PublicKey is the signer's ed25519 public key (base64), when signed. It
	// says which key signed; whether that key is trusted is the verifier's
	// question (rampart verify --public-key).
	PublicKey string  `json:"public_key,omitempty"`
	Files     []Entry `json:"files"`
}

// Entry is one file's path, size and SHA-256 (hex).
type Entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Write writes the bundle to dir, which must not exist: into a temporary
// folder beside it, renamed to dir only when every file is written, so a
// failed or interrupted run leaves no bundle at all, never half of one.
// With key, manifest.json is signed into manifest.sig; the key itself is
// never written.
func Write(ctx context.Context, dir string, files []File, key ed25519.PrivateKey, now time.Time) (err error) {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("write bundle: %s already exists", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write bundle: %w", err)
	}
	m := Manifest{Schema: Schema, CreatedAt: now.UTC(), Files: make([]Entry, 0, len(files))}
	seen := map[string]bool{}
	for _, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == ManifestFile || f.Path == SignatureFile || seen[f.Path] {
			return fmt.Errorf("write bundle: invalid or duplicate path %q", f.Path)
		}
		seen[f.Path] = true
		sum := sha256.Sum256(f.Data)
		m.Files = append(m.Files, Entry{Path: f.Path, Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:])})
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	if key != nil {
		m.PublicKey = base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	manifest = append(manifest, '\n')

	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	all := append(append([]File{}, files...), File{Path: ManifestFile, Data: manifest})
	if key != nil {
		sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, manifest)) + "\n"
		all = append(all, File{Path: SignatureFile, Data: []byte(sig)})
	}
	for _, f := range all {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
		p := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// Result is what Verify found. A bundle is intact when Problems is empty.
type Result struct {
	Files int
	// Signed: the bundle has a signature; SignatureChecked: it was checked
	// against the key the verifier trusts (and matched, unless a problem
	// says otherwise).
	Signed, SignatureChecked bool
	Problems                 []string
}

// Verify checks dir against its manifest: every listed file present with
// its size and SHA-256, no file that is not listed, and — with pub — a
// signature by that key over the manifest. A signed bundle checked without
// a key, or an unsigned one checked with a key, is a problem: the verifier
// asked for a guarantee the bundle cannot give.
func Verify(dir string, pub ed25519.PublicKey) (Result, error) {
	var res Result
	manifest, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return res, fmt.Errorf("verify bundle: %w", err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(manifest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return res, fmt.Errorf("verify bundle: read %s: %w", ManifestFile, err)
	}
	if m.Schema != Schema {
		return res, fmt.Errorf("verify bundle: %s has schema %q, want %q", ManifestFile, m.Schema, Schema)
	}
	listed := map[string]Entry{}
	for _, e := range m.Files {
		listed[e.Path] = e
	}
	res.Files = len(m.Files)
	present := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			return nil
		}
		if rel == ManifestFile || rel == SignatureFile {
			return nil
		}
		if !d.Type().IsRegular() {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: not a regular file", rel))
			return nil
		}
		present[rel] = true
		e, ok := listed[rel]
		if !ok {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: added (not in the manifest)", rel))
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != e.Size || hex.EncodeToString(sum[:]) != e.SHA256 {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: changed (SHA-256 %s, manifest says %s)", rel, hex.EncodeToString(sum[:]), e.SHA256))
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("verify bundle: %w", err)
	}
	for _, e := range m.Files {
		if !present[e.Path] {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: removed (listed in the manifest)", e.Path))
		}
	}
	sig, err := os.ReadFile(filepath.Join(dir, SignatureFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if pub != nil {
			res.Problems = append(res.Problems, "the bundle is not signed, but a public key was given to check its signature")
		}
	case err != nil:
		return res, fmt.Errorf("verify bundle: %w", err)
	default:
		res.Signed = true
		if pub == nil {
			res.Problems = append(res.Problems, "the bundle is signed, but no public key was given to check the signature (--public-key or RAMPART_BUNDLE_PUBLIC_KEY)")
			break
		}
		res.SignatureChecked = true
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sig)))
		if err != nil || !ed25519.Verify(pub, manifest, raw) {
			res.Problems = append(res.Problems, "signature does not match the manifest for the given public key")
		}
	}
	sort.Strings(res.Problems)
	return res, nil
}

// ParsePrivateKey reads an ed25519 private key in PEM (PKCS #8, as
// `openssl genpkey -algorithm ed25519` writes it).
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	return parsePEMKey[ed25519.PrivateKey](data, "private", "an ed25519 PRIVATE KEY, PKCS #8", x509.ParsePKCS8PrivateKey)
}

// ParsePublicKey reads an ed25519 public key in PEM (PKIX, as `openssl pkey
// -pubout` writes it).
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	return parsePEMKey[ed25519.PublicKey](data, "public", "an ed25519 PUBLIC KEY", x509.ParsePKIXPublicKey)
}

// parsePEMKey decodes the first PEM block of data with parse and insists on
// an ed25519 key of type K: a bundle signed or checked with any other key
// type is refused, not converted.
func parsePEMKey[K any](data []byte, kind, want string, parse func([]byte) (any, error)) (K, error) {
	var zero K
	block, _ := pem.Decode(data)
	if block == nil {
		return zero, fmt.Errorf("no PEM block (want %s)", want)
	}
	k, err := parse(block.Bytes)
	if err != nil {
		return zero, fmt.Errorf("parse %s key: %w", kind, err)
	}
	ek, ok := k.(K)
	if !ok {
		return zero, fmt.Errorf("%s key is %T, want ed25519", kind, k)
	}
	return ek, nil
}

// WorkspaceFiles are the files of a workspace folder a run reads (its
// top-level *.hcl and everything under controls/), as bundle files under
// prefix, sorted.
func WorkspaceFiles(dir, prefix string) ([]File, error) {
	var out []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && rel != "controls" && !strings.HasPrefix(rel, "controls/") {
				return fs.SkipDir
			}
			return nil
		}
		topHCL := !strings.Contains(rel, "/") && strings.HasSuffix(rel, ".hcl")
		if !d.Type().IsRegular() || !(topHCL || strings.HasPrefix(rel, "controls/")) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, File{Path: path.Join(prefix, rel), Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read workspace: %w", err)
	}
	return out, nil
}
