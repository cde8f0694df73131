package redact

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
)

// maxLine is the longest line Writer holds back waiting for its end; a
// longer one is redacted and written in pieces of this size (a secret cut
// in two at the seam may then escape its rule: a log line of a megabyte
// is not a log line).
const maxLine = 1 << 20

var (
	pemBegin = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]{1,64}-----`)
	pemEnd   = regexp.MustCompile(`-----END [A-Z0-9 ]{1,64}-----`)
	// pemBody is a line inside a PEM block as a log shows it: base64, an
	// RFC 1421 header, or blank, optionally behind the "  12: " gutter of
	// an HCL source excerpt.
	pemBody = regexp.MustCompile(`^\s*(?:\d+:\s?)?\s*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment):.*)\s*$`)
)

// Writer redacts what is written through it line by line (a line ends at
// "\n" or "\r": a progress line redrawn behind "\r" is shown when the next
// one starts, rather than held back to the end of the run) and
// follows a PEM block across the lines of a log: after a BEGIN line, the
// base64 lines up to the END line are dropped. It is safe for concurrent
// use. Flush writes a last unterminated line.
type Writer struct {
	mu    sync.Mutex
	w     io.Writer
	buf   []byte
	inPEM bool
}

// NewWriter returns a Writer that writes redacted lines to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write buffers p and writes every complete line, redacted.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexAny(w.buf, "\n\r")
		if i < 0 {
			break
		}
		line, end := string(w.buf[:i]), string(w.buf[i:i+1])
		w.buf = w.buf[i+1:]
		if err := w.emit(line, end); err != nil {
			return 0, err
		}
	}
	for len(w.buf) > maxLine {
		piece := string(w.buf[:maxLine])
		w.buf = w.buf[maxLine:]
		if err := w.emit(piece, ""); err != nil {
			return 0, err
		}
	}
	if len(w.buf) == 0 {
		w.buf = nil // let a large buffer go
	}
	return len(p), nil
}

// Flush writes what is left of an unterminated last line.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) == 0 {
		return nil
	}
	line := string(w.buf)
	w.buf = nil
	return w.emit(line, "")
}

func (w *Writer) emit(line, end string) error {
	if w.inPEM {
		if loc := pemEnd.FindStringIndex(line); loc != nil {
			w.inPEM = false
			line = line[loc[1]:]
			if strings.TrimSpace(line) == "" {
				return nil
			}
		} else if pemBody.MatchString(line) {
			return nil
		} else {
			// Not a PEM line after all: the block was cut short.
			w.inPEM = false
		}
	}
	if begins := pemBegin.FindAllStringIndex(line, -1); begins != nil {
		last := begins[len(begins)-1]
		w.inPEM = !pemEnd.MatchString(line[last[1]:])
	}
	_, err := io.WriteString(w.w, String(line)+end)
	return err
}
