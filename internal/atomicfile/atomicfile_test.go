package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReplacesWholeFileOrNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))

	err := Write(path, func(w io.Writer) error {
		fmt.Fprint(w, "half")
		return errors.New("writer failed")
	})
	require.EqualError(t, err, "writer failed")
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got), "a failed write keeps the previous file")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file is left behind")

	require.NoError(t, Write(path, func(w io.Writer) error { _, err := fmt.Fprint(w, "new"); return err }))
	got, _ = os.ReadFile(path)
	assert.Equal(t, "new", string(got))
	info, _ := os.Stat(path)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
}

// TestWriteKeepsSpecialFiles guards the case that once replaced /dev/null
// with a regular file on a build machine: renaming over a device or pipe
// must never happen.
func TestWriteKeepsSpecialFiles(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	read := make(chan string)
	go func() {
		data, _ := os.ReadFile(fifo)
		read <- string(data)
	}()
	require.NoError(t, Write(fifo, func(w io.Writer) error { _, err := fmt.Fprint(w, "through the pipe"); return err }))
	assert.Equal(t, "through the pipe", <-read)
	info, err := os.Stat(fifo)
	require.NoError(t, err)
	assert.Equal(t, os.ModeNamedPipe, info.Mode().Type(), "the pipe is still a pipe")
}
