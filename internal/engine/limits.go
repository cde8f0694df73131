package engine

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size limits on control sources, checked before anything is parsed: a
// control source may come from the pull request (WORKSPACE/controls) or a
// downloaded bundle, and OPA's parser holds a file's whole syntax tree — a
// 1 GiB module costs minutes and gigabytes. The embedded set is about a
// twentieth of the total.
const (
	// MaxFileBytes bounds one .rego file.
	MaxFileBytes = 1 << 20
	// MaxSourceBytes bounds all .rego files of one source together, and
	// everything a bundle decompresses to.
	MaxSourceBytes = 16 << 20
)

// errTooLarge is wrapped by every size-limit error.
var errTooLarge = errors.New("refused before parsing")

// readLimited reads a file of a source, refusing it once it passes
// MaxFileBytes (whatever size the file system claims) or takes the source
// past MaxSourceBytes; *total counts the source's bytes so far.
func readLimited(fsys fs.FS, p string, total *int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%d bytes is over the limit of %d MiB (%d bytes) per control file: %w", info.Size(), MaxFileBytes>>20, MaxFileBytes, errTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("over the limit of %d MiB (%d bytes) per control file: %w", MaxFileBytes>>20, MaxFileBytes, errTooLarge)
	}
	*total += int64(len(data))
	if *total > MaxSourceBytes {
		return nil, fmt.Errorf("the control files up to this one are over the limit of %d MiB (%d bytes) for one source: %w", MaxSourceBytes>>20, MaxSourceBytes, errTooLarge)
	}
	return data, nil
}

// CheckBundle decompresses an OPA bundle (.tar.gz) without keeping it and
// refuses one that expands past the limits: a file over MaxFileBytes, or
// more than MaxSourceBytes in all. It stops reading at the limit, so a
// small archive that would expand to gigabytes costs no more than the limit.
func CheckBundle(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("read bundle %s: %w", file, err)
	}
	tr := tar.NewReader(zr)
	var total int64
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read bundle %s: %w", file, err)
		}
		// Read what the entry really holds rather than trust its header.
		n, err := io.Copy(io.Discard, io.LimitReader(tr, MaxFileBytes+1))
		if err != nil {
			return fmt.Errorf("read bundle %s: %s: %w", file, h.Name, err)
		}
		if n > MaxFileBytes {
			return fmt.Errorf("read bundle %s: %s decompresses to more than the limit of %d MiB (%d bytes) per file: %w", file, h.Name, MaxFileBytes>>20, MaxFileBytes, errTooLarge)
		}
		total += n
		if total > MaxSourceBytes {
			return fmt.Errorf("read bundle %s: %s takes the bundle past the limit of %d MiB (%d bytes) decompressed: %w", file, h.Name, MaxSourceBytes>>20, MaxSourceBytes, errTooLarge)
		}
	}
}
