package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// Results is what an incremental run keeps for the next one: the
// engine's reusable results (engine.Cache.Results) under the judge's
// digest (engine.CacheDigest), and how many of this run's results were
// reused. A run keeps one set; only the newest Complete run of a digest
// keeps its set, so the cache is one set per judge, and `runs prune`
// deletes a pruned run's set with it.
type Results struct {
	Digest  string
	Entries map[engine.CacheKey]engine.CachedResult
	Reused  int
}

// resultsMagic opens an encoded set; a body that does not start with it
// is refused (never half read).
const resultsMagic = "rampart.results/v1\n"

var statusCodes = []finding.Status{finding.Pass, finding.Fail, finding.NotEvaluated, finding.Error}

// encodeResults is a compact, deterministic form of the entries: the
// distinct messages and paths once, then per entry (sorted by key) the
// key, the status and two indices. About 20 bytes an entry before gzip.
func encodeResults(entries map[engine.CacheKey]engine.CachedResult) ([]byte, error) {
	keys := make([]engine.CacheKey, 0, len(entries))
	strs := map[string]int{}
	var table []string
	intern := func(s string) int {
		if i, ok := strs[s]; ok {
			return i
		}
		strs[s] = len(table)
		table = append(table, s)
		return len(table) - 1
	}
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i][:], keys[j][:]) < 0 })
	// The table is in order of first use by key, so equal sets encode alike.
	for _, k := range keys {
		intern(entries[k].Message)
		intern(entries[k].Path)
	}
	var plain bytes.Buffer
	plain.WriteString(resultsMagic)
	var tmp [binary.MaxVarintLen64]byte
	uvarint := func(v int) { plain.Write(tmp[:binary.PutUvarint(tmp[:], uint64(v))]) }
	uvarint(len(table))
	for _, s := range table {
		uvarint(len(s))
		plain.WriteString(s)
	}
	uvarint(len(keys))
	for _, k := range keys {
		e := entries[k]
		code := -1
		for i, s := range statusCodes {
			if s == e.Status {
				code = i
			}
		}
		if code < 0 {
			return nil, fmt.Errorf("result cache: status %q is not kept", e.Status)
		}
		plain.Write(k[:])
		plain.WriteByte(byte(code))
		uvarint(strs[e.Message])
		uvarint(strs[e.Path])
	}
	return compressBytes(plain.Bytes())
}

// maxCachedEntries bounds what decodeResults accepts, so a damaged body
// cannot make it allocate without end.
const maxCachedEntries = 1 << 26

func decodeResults(body []byte) (map[engine.CacheKey]engine.CachedResult, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("result cache: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	magic := make([]byte, len(resultsMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != resultsMagic {
		return nil, errors.New("result cache: not a rampart.results/v1 set")
	}
	count := func(what string) (int, error) {
		v, err := binary.ReadUvarint(br)
		if err != nil {
			return 0, fmt.Errorf("result cache: %s: %w", what, err)
		}
		if v > maxCachedEntries {
			return 0, fmt.Errorf("result cache: %s %d is out of range", what, v)
		}
		return int(v), nil
	}
	n, err := count("strings")
	if err != nil {
		return nil, err
	}
	table := make([]string, n)
	for i := range table {
		l, err := count("string length")
		if err != nil {
			return nil, err
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("result cache: string %d: %w", i, err)
		}
		table[i] = string(b)
	}
	n, err = count("entries")
	if err != nil {
		return nil, err
	}
	out := make(map[engine.CacheKey]engine.CachedResult, n)
	for i := range n {
		var k engine.CacheKey
		if _, err := io.ReadFull(br, k[:]); err != nil {
			return nil, fmt.Errorf("result cache: entry %d: %w", i, err)
		}
		code, err := br.ReadByte()
		if err != nil || int(code) >= len(statusCodes) {
			return nil, fmt.Errorf("result cache: entry %d: bad status", i)
		}
		msg, err := count("message")
		if err != nil || msg >= len(table) {
			return nil, fmt.Errorf("result cache: entry %d: bad message index", i)
		}
		path, err := count("path")
		if err != nil || path >= len(table) {
			return nil, fmt.Errorf("result cache: entry %d: bad path index", i)
		}
		out[k] = engine.CachedResult{Status: statusCodes[code], Message: table[msg], Path: table[path]}
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		return nil, errors.New("result cache: data after the last entry")
	}
	return out, nil
}

// PreviousResults returns the set of the newest Complete run judged with
// digest and that run's ID; no entries and 0 when there is none.
func (s *sqlStore) PreviousResults(ctx context.Context, digest string) (map[engine.CacheKey]engine.CachedResult, RunID, error) {
	var id int64
	var body []byte
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT c.run_id, c.body FROM run_result_cache c JOIN runs r ON r.id = c.run_id
		WHERE c.digest = ? AND r.state = ? ORDER BY c.run_id DESC LIMIT 1`), digest, string(Complete)).Scan(&id, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read previous results: %w", err)
	}
	entries, err := decodeResults(body)
	if err != nil {
		return nil, 0, fmt.Errorf("read previous results of run %d: %w", id, err)
	}
	return entries, RunID(id), nil
}

// Finish is FinishIncremental without results: a run evaluated in full.
func (s *sqlStore) Finish(ctx context.Context, id RunID, r *report.Report, snap *evidence.Snapshot, catalogVersion string) error {
	return s.FinishIncremental(ctx, id, r, snap, catalogVersion, nil)
}

// keepResults writes a run's set in the Finish transaction and drops the
// older sets of its digest: the newest Complete run of a judge holds
// every entry its successor can use.
func (s *sqlStore) keepResults(ctx context.Context, tx *sql.Tx, id RunID, res *Results, body []byte) error {
	if res == nil {
		return nil
	}
	if err := s.exec(ctx, tx, `DELETE FROM run_result_cache WHERE digest = ? AND run_id < ?`, res.Digest, int64(id)); err != nil {
		return err
	}
	return s.exec(ctx, tx, `INSERT INTO run_result_cache (run_id, digest, entries, body) VALUES (?, ?, ?, ?)`,
		int64(id), res.Digest, len(res.Entries), body)
}
