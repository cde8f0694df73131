package atomicfile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReplacesWholeFileOrNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))

	failed := errors.New("writer failed")
	err := Write(path, func(w io.Writer) error {
		fmt.Fprint(w, "half")
		return failed
	})
	require.ErrorIs(t, err, failed)
	require.ErrorContains(t, err, path, "the error names the file")
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got), "a failed write keeps the previous file")
	assert.Equal(t, []string{"report.json"}, names(t, dir), "no temporary file is left behind")

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

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func content(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestWriteAllOrNone: when any output fails, for whatever reason, no
// target changes and no temporary file stays, in any of the folders.
func TestWriteAllOrNone(t *testing.T) {
	t.Parallel()
	failed := errors.New("writer failed")
	tests := []struct {
		name    string
		second  func(dir string) File
		ctx     func() context.Context
		wantErr string
	}{
		{"second folder missing", func(dir string) File {
			return File{Path: filepath.Join(dir, "missing", "b.sarif"), Write: content("b")}
		}, context.Background, "missing/b.sarif: create temporary file"},
		{"second folder is a file", func(dir string) File {
			parent := filepath.Join(dir, "plain")
			require.NoError(t, os.WriteFile(parent, nil, 0o644))
			return File{Path: filepath.Join(parent, "b.sarif"), Write: content("b")}
		}, context.Background, "plain/b.sarif: create temporary file"},
		{"second writer fails after writing", func(dir string) File {
			return File{Path: filepath.Join(dir, "sub", "b.sarif"), Write: func(w io.Writer) error {
				io.WriteString(w, strings.Repeat("x", 200<<10)) // past the buffer: bytes reach the temporary file
				return failed
			}}
		}, context.Background, "sub/b.sarif: writer failed"},
		{"cancelled before writing", func(dir string) File {
			return File{Path: filepath.Join(dir, "sub", "b.sarif"), Write: content("b")}
		}, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, "context canceled"},
		{"second target is the first", func(dir string) File {
			return File{Path: filepath.Join(dir, "a.json"), Write: content("b")}
		}, context.Background, "a.json is given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
			first := filepath.Join(dir, "a.json")
			require.NoError(t, os.WriteFile(first, []byte("old a"), 0o644))
			second := tc.second(dir)

			err := WriteAll(tc.ctx(), []File{{Path: first, Write: content("new a")}, second})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			got, _ := os.ReadFile(first)
			assert.Equal(t, "old a", string(got), "the first target keeps its previous content")
			for _, d := range []string{dir, filepath.Join(dir, "sub")} {
				for _, n := range names(t, d) {
					assert.NotContains(t, n, ".tmp-", "temporary file left in %s", d)
				}
			}
			_, statErr := os.Stat(filepath.Join(dir, "sub", "b.sarif"))
			assert.ErrorIs(t, statErr, os.ErrNotExist, "the second target was not created")
		})
	}
}

// TestWriteAllCancelWhileWriting: an interrupt in the middle of a long
// writer stops it at its next flush and removes every temporary file.
func TestWriteAllCancelWhileWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan struct{})
	// The writer stops by itself after 64 MiB: a cancellation that is not
	// seen must fail the test, not fill the disk (an unbounded loop here
	// once left 36 GB in the temporary folder of a loaded machine).
	slow := func(w io.Writer) error {
		close(started)
		chunk := strings.Repeat("y", 4096)
		for written := 0; written < 64<<20; written += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
			if written%(1<<20) == 0 {
				runtime.Gosched() // let the cancelling goroutine run on a busy machine
			}
		}
		return errors.New("the cancellation was not seen within 64 MiB")
	}
	go func() { <-started; cancel() }()
	err := WriteAll(ctx, []File{{Path: filepath.Join(dir, "a.json"), Write: content("a")}, {Path: filepath.Join(dir, "b.md"), Write: slow}})
	require.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, names(t, dir))
}

// TestWriteAllPanic: a panicking writer leaves nothing behind, and the
// panic still reaches the caller.
func TestWriteAllPanic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	func() {
		defer func() {
			p := recover()
			require.NotNil(t, p, "the panic is raised again")
			assert.Contains(t, fmt.Sprint(p), "writer bug")
		}()
		_ = WriteAll(context.Background(), []File{
			{Path: filepath.Join(dir, "a.json"), Write: content("a")},
			{Path: filepath.Join(dir, "b.md"), Write: func(io.Writer) error { panic("writer bug") }},
		})
	}()
	assert.Empty(t, names(t, dir))
}

func TestWriteAllWritesEveryFileAndStream(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout bytes.Buffer
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), []byte("old"), 0o644))
	require.NoError(t, WriteAll(context.Background(), []File{
		{Path: filepath.Join(dir, "a.json"), Write: content("a")},
		{To: &stdout, Write: content("text")},
		{Path: filepath.Join(dir, "b.md"), Write: content("b")},
		{Path: os.DevNull, Write: content("discarded")},
		// The null device may be named twice (a benchmark discarding two
		// formats): there is nothing to overwrite.
		{Path: os.DevNull, Write: content("discarded too")},
	}))
	assert.Equal(t, []string{"a.json", "b.md"}, names(t, dir))
	a, _ := os.ReadFile(filepath.Join(dir, "a.json"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.md"))
	assert.Equal(t, "a b text", string(a)+" "+string(b)+" "+stdout.String())
	info, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	assert.Equal(t, os.ModeDevice|os.ModeCharDevice, info.Mode().Type(), "/dev/null is still a device")
}

// TestWriteAllSignal sends a real SIGINT and SIGTERM to a process writing
// its outputs (this test binary, re-run as the helper below, which wires
// signals to its context as cmd/rampart does): it exits without leaving a
// temporary or a partial file.
func TestWriteAllSignal(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run", "^TestSignalHelper$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_SIGNAL_DIR="+dir)
			out, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || line != "writing\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the helper did not start writing (%q, %v): %s", line, err, stderr.String())
			}
			require.NoError(t, cmd.Process.Signal(sig))
			done := make(chan error, 1)
			go func() { io.Copy(io.Discard, out); done <- cmd.Wait() }()
			select {
			case err := <-done:
				require.NoError(t, err, stderr.String())
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the helper did not stop on the signal")
			}
			assert.Empty(t, names(t, dir), "nothing left behind")
		})
	}
}

// TestSignalHelper is the process TestWriteAllSignal interrupts; it does
// nothing in a normal test run.
func TestSignalHelper(t *testing.T) {
	dir := os.Getenv("ATOMICFILE_SIGNAL_DIR")
	if dir == "" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := WriteAll(ctx, []File{
		{Path: filepath.Join(dir, "a.json"), Write: content("a")},
		{Path: filepath.Join(dir, "b.md"), Write: func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("z", 128<<10))
			fmt.Println("writing")
			for {
				if _, err := io.WriteString(w, strings.Repeat("z", 4096)); err != nil {
					return err
				}
			}
		}},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want an interrupted write, got %v", err)
	}
}
