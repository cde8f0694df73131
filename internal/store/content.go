package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// ResourceKey is the key of Recorded.ContentHash: "type\x00id".
func ResourceKey(resourceType, id string) string { return resourceType + "\x00" + id }

// ContentHash is the content address of a resource: the sha256 of its
// canonical JSON (encoding/json: struct fields in declaration order, map
// keys sorted). The time it was collected is not part of its content, so
// a resource collected again unchanged keeps its hash.
func ContentHash(r evidence.Resource) (string, error) {
	_, h, err := canonicalResource(r)
	return h, err
}

func canonicalResource(r evidence.Resource) ([]byte, string, error) {
	r.Source.CollectedAt = time.Time{}
	body, err := json.Marshal(r)
	if err != nil {
		return nil, "", fmt.Errorf("resource %s %s: %w", r.Type, r.ID, err)
	}
	sum := sha256.Sum256(body)
	return body, hex.EncodeToString(sum[:]), nil
}

// preparedEvidence is a snapshot as the store keeps it, computed before
// the transaction opens so the write lock is held only for the writes.
type preparedEvidence struct {
	hashes  []string // distinct, in first-seen order
	bodies  map[string][]byte
	mapHash string
	mapBody []byte // compressed
}

func prepareEvidence(snap *evidence.Snapshot) (*preparedEvidence, error) {
	ev := &preparedEvidence{bodies: map[string][]byte{}}
	var entries []mapEntry
	seen := map[string]bool{}
	if snap != nil {
		for _, r := range snap.Resources {
			key := ResourceKey(r.Type, r.ID)
			if seen[key] {
				return nil, fmt.Errorf("resource %s %s appears twice in the evidence", r.Type, r.ID)
			}
			seen[key] = true
			body, h, err := canonicalResource(r)
			if err != nil {
				return nil, err
			}
			if _, ok := ev.bodies[h]; !ok {
				ev.bodies[h] = body
				ev.hashes = append(ev.hashes, h)
			}
			entries = append(entries, mapEntry{Type: r.Type, ID: r.ID, Hash: h, Scope: r.Scope})
		}
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].Type != entries[j].Type {
			return entries[i].Type < entries[j].Type
		}
		return entries[i].ID < entries[j].ID
	})
	if entries == nil {
		entries = []mapEntry{}
	}
	plain, err := json.Marshal(entries)
	if err != nil {
		return nil, fmt.Errorf("evidence map: %w", err)
	}
	sum := sha256.Sum256(plain)
	ev.mapHash = hex.EncodeToString(sum[:])
	if ev.mapBody, err = compressBytes(plain); err != nil {
		return nil, err
	}
	return ev, nil
}

// mapEntry is one resource of a run's evidence map: where it is (its
// scope, so a diff can tell a deleted resource from a scope no longer
// collected) and its content hash.
type mapEntry struct {
	Type  string         `json:"t"`
	ID    string         `json:"i"`
	Hash  string         `json:"h"`
	Scope evidence.Scope `json:"s"`
}

func decodeEvidenceMap(body []byte) (map[string]string, map[string]evidence.Scope, error) {
	var entries []mapEntry
	if err := decompressJSON(body, &entries); err != nil {
		return nil, nil, err
	}
	hashes := make(map[string]string, len(entries))
	scopes := make(map[string]evidence.Scope, len(entries))
	for _, e := range entries {
		key := ResourceKey(e.Type, e.ID)
		hashes[key], scopes[key] = e.Hash, e.Scope
	}
	return hashes, scopes, nil
}

func compressJSON(v any) ([]byte, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return compressBytes(plain)
}

func compressBytes(plain []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(plain); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	return b.Bytes(), nil
}

func decompressJSON(body []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("decompress: %w", err)
	}
	defer zr.Close()
	plain, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("decompress: %w", err)
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}
