package store

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
)

// The catalogue version follows the Rego, not where it was loaded from.
func TestCatalogVersion(t *testing.T) {
	ctx := context.Background()
	copyFS := func(edit func(name string, data []byte) []byte) fstest.MapFS {
		out := fstest.MapFS{}
		require.NoError(t, fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(controls.FS, p)
			out[p] = &fstest.MapFile{Data: edit(p, data)}
			return err
		}))
		return out
	}
	version := func(name string, fsys fs.FS) string {
		e, err := engine.New(ctx, []engine.Source{{Name: name, FS: fsys}})
		require.NoError(t, err)
		return CatalogVersion(e)
	}
	base := version("controls", controls.FS)
	assert.Regexp(t, `^sha256:[0-9a-f]{32}$`, base)
	assert.Equal(t, base, version("elsewhere", copyFS(func(_ string, d []byte) []byte { return d })))
	edited := false
	changed := version("controls", copyFS(func(p string, d []byte) []byte {
		if !edited && len(p) > 5 && p[len(p)-5:] == ".rego" && !isTest(p) {
			edited = true
			return append(append([]byte{}, d...), []byte("\n# a changed rule body would change the result\n")...)
		}
		return d
	}))
	require.True(t, edited)
	assert.NotEqual(t, base, changed)
}

func isTest(p string) bool { return len(p) > 10 && p[len(p)-10:] == "_test.rego" }
