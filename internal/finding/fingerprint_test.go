package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// fingerprintByConcatenation is Fingerprint as it was first written: the
// definition the fingerprints in every report and baseline were made by.
func fingerprintByConcatenation(controlID, resourceType, resourceID string) string {
	h := sha256.Sum256([]byte(controlID + "\x00" + resourceType + "\x00" + resourceID))
	return hex.EncodeToString(h[:12])
}

func TestFingerprintIsTheTriplesHash(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("segment/", 40) // past the stack buffer
	for _, c := range []struct{ control, typ, id string }{
		{"GH-REPO-001", "github.repository", "acme/payments"},
		{"", "", ""},
		{"A", "b\x00c", "d"},
		{"AWS-S3-001", "aws.s3.bucket", long},
		{long, long, long},
		{"GH-ORG-001", "github.organization", "ácmé"},
	} {
		want := fingerprintByConcatenation(c.control, c.typ, c.id)
		if got := Fingerprint(c.control, c.typ, c.id); got != want {
			t.Errorf("Fingerprint(%q, %q, %q) = %s, want %s", c.control, c.typ, c.id, got, want)
		}
	}
	// A known value (sha256 of the triple by Python's hashlib), so the two
	// cannot drift together.
	if got := Fingerprint("GH-REPO-001", "github.repository", "acme/payments"); got != "9f494886f8fffcad53cbec72" {
		t.Errorf("fingerprint %q, want 9f494886f8fffcad53cbec72", got)
	}
}

// BenchmarkFingerprint is Fingerprint against fingerprintByConcatenation
// in the same run:
//
//	go test -run '^$' -bench 'BenchmarkFingerprint' -benchmem ./internal/finding/
func BenchmarkFingerprint(b *testing.B) {
	for name, fn := range map[string]func(string, string, string) string{
		"stack": Fingerprint, "concatenation": fingerprintByConcatenation,
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_ = fn("GH-REPO-001", "github.repository", "acme-corp/payments-service")
			}
		})
	}
}
