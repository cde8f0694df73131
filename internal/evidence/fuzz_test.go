package evidence

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzLoad holds the decoder to its contract on any input: it never panics;
// what it rejects is a *DecodeError whose offset lies in the input with the
// line and column that offset falls on; what it accepts is well-formed — it
// re-encodes and re-loads to the same snapshot, and encoding/json (which is
// laxer) reads the same value from it. Seeds are in testdata/fuzz/FuzzLoad;
// run longer with
//
//	go test -run '^$' -fuzz FuzzLoad -fuzztime 60s -fuzzminimizetime 2s ./internal/evidence/
//
// (without -fuzzminimizetime, minimising an input grown from one of the
// large seeds takes the default 60 s, during which nothing is fuzzed).
func FuzzLoad(f *testing.F) {
	for _, path := range repositorySnapshots[2:] { // the small ones
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error without a byte offset: %v", err)
			}
			if de.Offset < 0 || de.Offset > int64(len(data)) {
				t.Fatalf("offset %d outside the input of %d bytes: %v", de.Offset, len(data), err)
			}
			if line, col := LineCol(data, de.Offset); line != de.Line || col != de.Column {
				t.Fatalf("offset %d is line %d column %d, error says %d:%d", de.Offset, line, col, de.Line, de.Column)
			}
			return
		}
		legacy, lerr := legacyDecode(data)
		if lerr != nil {
			t.Fatalf("strict decoder accepted what encoding/json rejects (%v)", lerr)
		}
		first := encode(t, s)
		if want := encode(t, legacy); !bytes.Equal(first, want) {
			t.Fatalf("strict and encoding/json decoders read different values:\n%s\n%s", first, want)
		}
		again, err := Decode(first)
		if err != nil {
			t.Fatalf("re-encoded snapshot does not load: %v\n%s", err, first)
		}
		if second := encode(t, again); !bytes.Equal(first, second) {
			t.Fatalf("re-loaded snapshot differs:\n%s\n%s", first, second)
		}
	})
}

func encode(t *testing.T, s *Snapshot) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatalf("encode accepted snapshot: %v", err)
	}
	return buf.Bytes()
}
