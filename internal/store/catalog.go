package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/rampart-audit/rampart/internal/engine"
)

// CatalogVersion is the content hash of the control set an engine judges
// with: its control IDs and the Rego source of every module it loaded
// (controls and the rampart.lib helpers). Two runs with the same version
// were judged by the same Rego; a renamed file alone does not change it.
func CatalogVersion(e *engine.Engine) string {
	h := sha256.New()
	for _, id := range e.Catalog().IDs() {
		fmt.Fprintf(h, "%s\n", id)
	}
	fmt.Fprintf(h, "sources %s\n", e.SourceDigest())
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:32]
}
