package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSourceSizeLimits: a control file over the per-file limit, or a
// source over the total, is refused by name before it is parsed.
func TestSourceSizeLimits(t *testing.T) {
	t.Parallel()
	small := meta("TST-SIZE-001", "test.thing") + "package test.size\n\ndeny contains \"x\" if false\n"
	// A comment keeps the file valid Rego: the refusal must come from its size.
	padded := func(n int) []byte { return []byte(small + "# " + strings.Repeat("x", n) + "\n") }
	many := fstest.MapFS{}
	for i := range MaxSourceBytes/MaxFileBytes + 1 {
		many[fmt.Sprintf("lib/pad%02d.rego", i)] = &fstest.MapFile{Data: append([]byte("package rampart.lib.pad\n# "), bytes.Repeat([]byte("x"), MaxFileBytes-100)...)}
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"one file too large", fstest.MapFS{"big.rego": {Data: padded(MaxFileBytes)}},
			"controls/big.rego: 1048874 bytes is over the limit of 1 MiB (1048576 bytes) per control file: refused before parsing"},
		{"all files together too large", many,
			".rego: the control files up to this one are over the limit of 16 MiB (16777216 bytes) for one source: refused before parsing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(context.Background(), []Source{{Name: "controls", FS: tc.fsys}})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestCheckBundle: a small archive that decompresses past the limits is
// refused naming the file, having read no more than the limit.
func TestCheckBundle(t *testing.T) {
	t.Parallel()
	write := func(t *testing.T, files map[string]int) string {
		p := filepath.Join(t.TempDir(), "b.tar.gz")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		tw := tar.NewWriter(zw)
		for name, size := range files {
			require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(size), Typeflag: tar.TypeReg}))
			_, err := tw.Write(bytes.Repeat([]byte("#"), size))
			require.NoError(t, err)
		}
		require.NoError(t, tw.Close())
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
		return p
	}
	many := map[string]int{}
	for i := range 17 {
		many[fmt.Sprintf("p%02d.rego", i)] = MaxFileBytes
	}
	tests := []struct {
		name  string
		files map[string]int
		want  string
	}{
		{"fits", map[string]int{"a.rego": 100, "data.json": 2}, ""},
		{"one file expands too far", map[string]int{"bomb.rego": 64 << 20}, "bomb.rego decompresses to more than the limit of 1 MiB (1048576 bytes) per file: refused before parsing"},
		{"all files expand too far", many, "takes the bundle past the limit of 16 MiB (16777216 bytes) decompressed: refused before parsing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := write(t, tc.files)
			info, err := os.Stat(p)
			require.NoError(t, err)
			require.Less(t, info.Size(), int64(1<<20), "the archive itself is small")
			err = CheckBundle(p)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), p)
		})
	}
}
