// Package atomicfile writes output files so that a failed or interrupted run
// never leaves a partial file where a complete one is expected, nor a
// temporary file beside it.
package atomicfile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
)

// File is one output of WriteAll.
type File struct {
	// Path is the file to write. A target that exists and is not a regular
	// file (/dev/null, /dev/stdout, a named pipe) is written in place:
	// renaming over it would replace the device or pipe with a plain file.
	Path string
	// To, when set, receives the output directly instead of Path (standard
	// output). It is a stream: what was written cannot be taken back.
	To io.Writer
	// Write renders the content.
	Write func(io.Writer) error
}

// name is how errors refer to f.
func (f File) name() string {
	if f.To != nil && f.Path == "" {
		return "standard output"
	}
	return f.Path
}

// Write writes through fn into a temporary file next to path and renames
// it into place only when fn and the flush succeed.
func Write(path string, fn func(io.Writer) error) error {
	return WriteAll(context.Background(), []File{{Path: path, Write: fn}})
}

// WriteAll writes every file or none of them. Each regular file is written
// to a temporary file in its target's folder, the writers run side by side,
// and only when all of them succeeded (and ctx is not done) are the
// temporary files renamed into place. On any failure, a cancelled ctx or a
// panic in a writer, every temporary file is removed and the previous
// targets are left as they were; a panic is raised again afterwards.
//
// Not atomic across files: the renames happen last, one after another, and
// POSIX has no rename of several files at once. A rename fails only when
// the target changed under the run (it became a folder, the disk went
// away); then the files renamed before it stay replaced, the error says
// which, and the rest are removed. A process killed outright (SIGKILL, the
// OOM killer) runs no cleanup: it can leave a hidden .NAME.tmp-* file,
// never a partial NAME. Streams (To) and devices are written in place
// while the others are written, before any rename: they cannot be undone.
func WriteAll(ctx context.Context, files []File) (err error) {
	if err := distinct(files); err != nil {
		return err
	}
	outs := make([]*output, len(files))
	// Whatever happens from here on, no temporary file survives a failure.
	defer func() {
		if err != nil {
			for _, o := range outs {
				o.discard()
			}
		}
	}()
	// Temporary files first, before any writer runs: a missing or read-only
	// folder fails the run without rendering anything.
	for i, f := range files {
		o, err := open(f)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name(), err)
		}
		outs[i] = o
	}

	errs := make([]error, len(files))
	panics := make([]any, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					panics[i] = fmt.Sprintf("%v\n\n%s", p, debug.Stack())
				}
			}()
			if err := outs[i].write(ctx, f.Write); err != nil {
				errs[i] = fmt.Errorf("%s: %w", f.name(), err)
			}
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			for _, o := range outs {
				o.discard()
			}
			panic(p)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before the outputs were renamed into place: %w", err)
	}

	for i, o := range outs {
		if err := o.commit(); err != nil {
			var done []string
			for _, prev := range outs[:i] {
				if prev.renamed {
					done = append(done, prev.path)
				}
			}
			if len(done) > 0 {
				return fmt.Errorf("%s: %w (already replaced: %v)", files[i].name(), err, done)
			}
			return fmt.Errorf("%s: %w", files[i].name(), err)
		}
	}
	return nil
}

// distinct rejects two outputs to the same file: the second rename would
// silently win (and two writers of one device would interleave). The null
// device may be named any number of times: what it is given is discarded,
// which is what a benchmark or a dry run asks for.
func distinct(files []File) error {
	seen := map[string]bool{}
	for _, f := range files {
		if f.To != nil && f.Path == "" || f.Path == os.DevNull {
			continue
		}
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if seen[abs] {
			return fmt.Errorf("%s is given twice as an output", f.Path)
		}
		seen[abs] = true
	}
	return nil
}

// output is one file being written: a temporary file to rename, or a
// device, pipe or stream written in place.
type output struct {
	path    string
	tmp     *os.File // nil when written in place
	inPlace io.Writer
	closer  io.Closer // the opened device, closed after writing
	renamed bool
}

func open(f File) (*output, error) {
	if f.To != nil {
		return &output{path: f.Path, inPlace: f.To}, nil
	}
	if info, err := os.Stat(f.Path); err == nil && !info.Mode().IsRegular() {
		dev, err := os.OpenFile(f.Path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("open: %w", err)
		}
		return &output{path: f.Path, inPlace: dev, closer: dev}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	return &output{path: f.Path, tmp: tmp}, nil
}

// write renders into the output through a buffer; a cancelled ctx fails
// the next flush, so an interrupted run stops writing promptly.
func (o *output) write(ctx context.Context, fn func(io.Writer) error) error {
	var dst io.Writer = o.inPlace
	if o.tmp != nil {
		dst = o.tmp
	}
	buf := bufio.NewWriterSize(ctxWriter{ctx, dst}, 64<<10)
	if err := fn(buf); err != nil {
		return err
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	if o.closer != nil {
		c := o.closer
		o.closer = nil
		if err := c.Close(); err != nil {
			return fmt.Errorf("close: %w", err)
		}
	}
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := o.tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod: %w", err)
	}
	return nil
}

func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Close(); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	o.renamed = true
	return nil
}

// discard removes the temporary file unless it was renamed into place.
// It is safe to call more than once and on a nil output.
func (o *output) discard() {
	if o == nil {
		return
	}
	if o.closer != nil {
		o.closer.Close()
		o.closer = nil
	}
	if o.tmp != nil && !o.renamed {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// ctxWriter fails writes once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("interrupted: %w", err)
	}
	return c.w.Write(p)
}
