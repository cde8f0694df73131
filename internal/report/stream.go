package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// encodeStreamed writes doc as json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) would, byte for byte, except that the array under
// key at nesting depth depth — which doc must encode as null — is written
// one element at a time from each. A gate run over a large repository has
// tens of thousands of findings: encoding the whole document at once holds
// it two and a half times in memory (the encoding and its indented copy),
// more than the run itself.
//
// The key is found as a newline, depth×2 spaces and "key": null. That can
// only be the key itself: a JSON string never contains a raw newline, and
// indentation is exactly the nesting depth.
func encodeStreamed(w io.Writer, doc any, depth int, key string, each func(emit func(any) error) error) error {
	before, after, err := splitAt(doc, depth, key)
	if err != nil {
		return err
	}
	if _, err := w.Write(before); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}

	// Each element is encoded compact and indented by appendIndented:
	// what json.Encoder with SetIndent does, without json.Indent's
	// validating scanner over every byte of the report.
	prefix := strings.Repeat("  ", depth+1)
	var compact bytes.Buffer
	elemEnc := json.NewEncoder(&compact)
	elemEnc.SetEscapeHTML(false)
	var elem []byte
	n := 0
	err = each(func(v any) error {
		compact.Reset()
		if err := elemEnc.Encode(v); err != nil {
			return err
		}
		elem = elem[:0]
		if n > 0 {
			elem = append(elem, ',')
		}
		elem = append(elem, '\n')
		elem = append(elem, prefix...)
		elem = appendIndented(elem, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), prefix, "  ")
		n++
		_, err := w.Write(elem)
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		if _, err := io.WriteString(w, "\n"+strings.Repeat("  ", depth)); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "]"); err != nil {
		return err
	}
	_, err = w.Write(after)
	return err
}

// splitAt encodes doc indented and returns what comes before and after the
// null of the array under key at nesting depth (see encodeStreamed).
func splitAt(doc any, depth int, key string) (before, after []byte, err error) {
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, nil, err
	}
	marker := []byte("\n" + strings.Repeat("  ", depth) + `"` + key + `": null`)
	at := bytes.Index(head.Bytes(), marker)
	if at < 0 || bytes.Contains(head.Bytes()[at+1:], marker) {
		return nil, nil, fmt.Errorf("encode %q: the key is not in the document exactly once", key)
	}
	cut := at + len(marker) - len("null")
	return head.Bytes()[:cut], head.Bytes()[cut+len("null"):], nil
}

// flushAt is the size at which a streamed writer hands its buffer on.
const flushAt = 64 << 10

// encodeStreamedAppend is encodeStreamed for an array whose n elements
// appendElem writes itself, already indented for depth+1 (appendFinding):
// no reflection and no second pass over the bytes.
func encodeStreamedAppend(w io.Writer, doc any, depth int, key string, n int, appendElem func(b []byte, i int) ([]byte, error)) error {
	before, after, err := splitAt(doc, depth, key)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, flushAt+flushAt/2)
	buf = append(buf, before...)
	buf = append(buf, '[')
	prefix := strings.Repeat("  ", depth+1)
	for i := range n {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		buf = append(buf, prefix...)
		if buf, err = appendElem(buf, i); err != nil {
			return err
		}
		if len(buf) >= flushAt {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if n > 0 {
		buf = append(buf, '\n')
		buf = append(buf, strings.Repeat("  ", depth)...)
	}
	buf = append(buf, ']')
	buf = append(buf, after...)
	_, err = w.Write(buf)
	return err
}
