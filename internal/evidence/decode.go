package evidence

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A snapshot decides what is audited, so it is decoded strictly: a key this
// schema does not define, a key given twice, a key in the wrong case or a
// string that is not valid UTF-8 is an error with its byte offset, never a
// value silently dropped, overwritten or replaced (encoding/json does all
// four, and each turned a gap or an incomplete run into a pass). The decoder
// is a small hand-written one over the bytes: it knows the offset of every
// value, and it is faster than encoding/json's reflection (BenchmarkDecode).

// maxDepth bounds the nesting of attribute values; deeper input is hostile
// or broken, and recursion over it would only cost stack.
const maxDepth = 1000

// Error kinds of a DecodeError.
const (
	kindSyntax    = "malformed JSON"
	kindType      = "wrong JSON type"
	kindUnknown   = "unknown key"
	kindDuplicate = "duplicate key"
	kindEncoding  = "invalid UTF-8"
	kindInvalid   = "invalid snapshot"
)

// DecodeError is a snapshot that cannot be read, located by the byte offset
// of the offending byte or value and the line and column it falls on.
type DecodeError struct {
	Kind   string
	Offset int64
	Line   int
	Column int
	// Path names the value, e.g. resources[3].attributes.public; empty at the top.
	Path   string
	Detail string
}

func (e *DecodeError) Error() string {
	where := ""
	if e.Path != "" {
		where = e.Path + ": "
	}
	return fmt.Sprintf("%s at byte offset %d (line %d, column %d): %s%s", e.Kind, e.Offset, e.Line, e.Column, where, e.Detail)
}

// Decode parses and validates a snapshot.
func Decode(data []byte) (*Snapshot, error) {
	p := &parser{data: data}
	var s Snapshot
	err := p.snapshot(&s)
	if err == nil {
		return &s, nil
	}
	var de *DecodeError
	if errors.As(err, &de) && !p.schemaSeen {
		// The schema decides how the rest reads: a missing or different one
		// explains the other errors, so it is reported instead of them.
		if serr := probeSchema(data); serr != nil {
			de = serr
		}
	}
	if de == nil {
		return nil, err
	}
	de.Line, de.Column = LineCol(data, de.Offset)
	return nil, de
}

// probeSchema reads the top-level "schema" of a document the strict decoder
// rejected; it returns nil when the schema is fine or cannot be found in
// well-formed JSON, leaving the strict decoder's error standing.
func probeSchema(data []byte) *DecodeError {
	p := &parser{data: data}
	var found *string
	var off int
	err := p.object(func(key []byte, keyOff int) error {
		if string(key) == "schema" && found == nil {
			p.ws()
			off = p.pos
			s, err := p.string()
			if err != nil {
				return err
			}
			found = &s
			return nil
		}
		_, err := p.value(0)
		return err
	})
	if err != nil {
		return nil
	}
	switch {
	case found == nil:
		return noSchema()
	case *found != SchemaV1:
		return unsupportedSchema(off, *found)
	}
	return nil
}

func noSchema() *DecodeError {
	return &DecodeError{Kind: kindInvalid, Detail: `not a rampart evidence snapshot: no "schema" field (want "` + SchemaV1 + `")`}
}

func unsupportedSchema(off int, got string) *DecodeError {
	return &DecodeError{Kind: kindInvalid, Offset: int64(off), Detail: fmt.Sprintf("unsupported evidence schema %q (this build reads %q)", got, SchemaV1)}
}

var (
	snapshotKeys     = []string{"schema", "collected_at", "collectors", "incomplete", "incomplete_reason", "resources", "not_collected", "collected"}
	resourceKeys     = []string{"type", "id", "system", "scope", "source", "attributes", "unknown"}
	scopeKeys        = []string{"platform", "org", "repo", "account_id", "region", "path"}
	sourceKeys       = []string{"kind", "collector", "collected_at", "file", "line"}
	notCollectedKeys = []string{"resource_type", "scope", "scope_id", "system", "reason", "missing_permission"}
)

func (p *parser) snapshot(s *Snapshot) error {
	p.ws()
	start := p.pos
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "unexpected end of input: want a snapshot object")
	}
	var resStarts, gapStarts []int
	collected := false
	err := p.fields(snapshotKeys, "a snapshot", func(i int) (err error) {
		switch i {
		case 0:
			p.ws()
			off := p.pos
			if s.Schema, err = p.string(); err != nil {
				return err
			}
			p.schemaSeen = true
			if s.Schema != SchemaV1 {
				return unsupportedSchema(off, s.Schema)
			}
		case 1:
			s.CollectedAt, err = p.time()
		case 2:
			s.Collectors, err = p.stringList()
		case 3:
			s.Incomplete, err = p.boolean()
		case 4:
			s.IncompleteReason, err = p.string()
		case 5:
			if p.null() {
				return nil
			}
			s.Resources = []Resource{}
			err = p.array(func(j int) error {
				p.ws()
				resStarts = append(resStarts, p.pos)
				s.Resources = append(s.Resources, Resource{})
				return p.resource(&s.Resources[len(s.Resources)-1])
			})
		case 6:
			if p.null() {
				return nil
			}
			err = p.array(func(j int) error {
				p.ws()
				gapStarts = append(gapStarts, p.pos)
				s.NotCollected = append(s.NotCollected, NotCollected{})
				return p.notCollected(&s.NotCollected[len(s.NotCollected)-1])
			})
		case 7:
			collected = true
			s.Collected, err = p.collectedList()
		}
		return atKey(err, snapshotKeys[i])
	})
	if err != nil {
		return err
	}
	p.ws()
	if p.pos < len(p.data) {
		return p.syntax(p.pos, "invalid character %s after the snapshot object", quoteByte(p.data[p.pos]))
	}
	if s.Schema == "" {
		e := noSchema()
		e.Offset = int64(start)
		return e
	}
	// Written before snapshots said what they read: nothing in it counts
	// as read completely (fail closed), and the report says so.
	s.CollectedUnlisted = !collected
	return s.validate(resStarts, gapStarts)
}

func (s *Snapshot) validate(resStarts, gapStarts []int) error {
	seen := make(map[[2]string]int, len(s.Resources))
	for i, r := range s.Resources {
		path := "resources[" + strconv.Itoa(i) + "]"
		if r.Type == "" || r.ID == "" {
			return &DecodeError{Kind: kindInvalid, Offset: int64(resStarts[i]), Path: path, Detail: "type and id are required"}
		}
		key := [2]string{r.Type, r.ID}
		if j, dup := seen[key]; dup {
			return &DecodeError{Kind: kindInvalid, Offset: int64(resStarts[i]), Path: path,
				Detail: fmt.Sprintf("%s %q is already resources[%d] at byte offset %d", r.Type, r.ID, j, resStarts[j])}
		}
		seen[key] = i
		if r.Attributes == nil {
			// Controls see absent attributes, not an undefined input.
			s.Resources[i].Attributes = map[string]any{}
		}
	}
	for i, n := range s.NotCollected {
		if n.ResourceType == "" || n.Reason == "" {
			return &DecodeError{Kind: kindInvalid, Offset: int64(gapStarts[i]), Path: "not_collected[" + strconv.Itoa(i) + "]",
				Detail: "resource_type and reason are required"}
		}
	}
	return nil
}

func (p *parser) resource(r *Resource) error {
	return p.fields(resourceKeys, "a resource", func(i int) (err error) {
		switch i {
		case 0:
			r.Type, err = p.string()
		case 1:
			r.ID, err = p.string()
		case 2:
			r.System, err = p.string()
		case 3:
			err = p.scope(&r.Scope)
		case 4:
			err = p.source(&r.Source)
		case 5:
			if p.null() {
				return nil
			}
			p.ws()
			if p.pos < len(p.data) && p.data[p.pos] != '{' {
				return atKey(p.wrongType("an object"), "attributes")
			}
			var v any
			v, err = p.value(1)
			if err == nil {
				r.Attributes = v.(map[string]any)
			}
		case 6:
			r.Unknown, err = p.stringMap()
		}
		return atKey(err, resourceKeys[i])
	})
}

func (p *parser) scope(s *Scope) error {
	return p.fields(scopeKeys, "a scope", func(i int) (err error) {
		var v string
		v, err = p.string()
		switch i {
		case 0:
			s.Platform = v
		case 1:
			s.Org = v
		case 2:
			s.Repo = v
		case 3:
			s.AccountID = v
		case 4:
			s.Region = v
		case 5:
			s.Path = v
		}
		return atKey(err, scopeKeys[i])
	})
}

func (p *parser) source(s *Source) error {
	return p.fields(sourceKeys, "a source", func(i int) (err error) {
		switch i {
		case 0:
			s.Kind, err = p.string()
		case 1:
			s.Collector, err = p.string()
		case 2:
			s.CollectedAt, err = p.time()
		case 3:
			s.File, err = p.string()
		case 4:
			s.Line, err = p.line()
		}
		return atKey(err, sourceKeys[i])
	})
}

func (p *parser) notCollected(n *NotCollected) error {
	return p.fields(notCollectedKeys, "a not_collected entry", func(i int) (err error) {
		switch i {
		case 0:
			n.ResourceType, err = p.string()
		case 1:
			err = p.scope(&n.Scope)
		case 2:
			n.ScopeID, err = p.string()
		case 3:
			n.System, err = p.string()
		case 4:
			n.Reason, err = p.string()
		case 5:
			n.MissingPermission, err = p.string()
		}
		return atKey(err, notCollectedKeys[i])
	})
}

// fields reads an object whose keys are exactly some of keys, each at most
// once; each reads the value of keys[i].
func (p *parser) fields(keys []string, what string, each func(i int) error) error {
	var seen [8]int // offset+1 of each key's first occurrence
	return p.object(func(key []byte, off int) error {
		i := slices.IndexFunc(keys, func(k string) bool { return k == string(key) })
		if i < 0 {
			return &DecodeError{Kind: kindUnknown, Offset: int64(off),
				Detail: fmt.Sprintf("%s is not a key of %s (keys are case-sensitive: %s)", strconv.Quote(string(key)), what, strings.Join(keys, ", "))}
		}
		if seen[i] != 0 {
			return p.duplicate(off, seen[i]-1, keys[i])
		}
		seen[i] = off + 1
		return each(i)
	})
}

func (p *parser) duplicate(off, first int, key string) *DecodeError {
	line, col := LineCol(p.data, int64(first))
	return &DecodeError{Kind: kindDuplicate, Offset: int64(off),
		Detail: fmt.Sprintf("%s is already given at byte offset %d (line %d, column %d)", strconv.Quote(key), first, line, col)}
}

// atKey prefixes the path of a decode error with the key it was found under.
func atKey(err error, key string) error {
	var de *DecodeError
	if errors.As(err, &de) {
		seg := key
		if !isIdent(key) {
			seg = "[" + strconv.Quote(key) + "]"
		}
		switch {
		case de.Path == "":
			de.Path = seg
		case de.Path[0] == '[':
			de.Path = seg + de.Path
		default:
			de.Path = seg + "." + de.Path
		}
	}
	return err
}

func atIndex(err error, i int) error {
	var de *DecodeError
	if errors.As(err, &de) {
		seg := "[" + strconv.Itoa(i) + "]"
		if de.Path != "" && de.Path[0] != '[' {
			seg += "."
		}
		de.Path = seg + de.Path
	}
	return err
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// parser reads JSON from data at pos. Every method skips leading white space.
type parser struct {
	data []byte
	pos  int
	// scratch holds a string with escapes while it is decoded.
	scratch    []byte
	schemaSeen bool
	// interned holds the short strings of attributes — keys and values such
	// as "visibility" or "private" repeat in every resource — so each is
	// allocated once per snapshot (BenchmarkDecode).
	interned map[string]string
}

// intern returns b as a string, shared with earlier equal short strings.
func (p *parser) intern(b []byte) string {
	const maxLen, maxEntries = 32, 1 << 14
	if len(b) > maxLen {
		return string(b)
	}
	if s, ok := p.interned[string(b)]; ok {
		return s
	}
	s := string(b)
	if p.interned == nil {
		p.interned = make(map[string]string, 256)
	}
	if len(p.interned) < maxEntries {
		p.interned[s] = s
	}
	return s
}

func (p *parser) ws() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) syntax(off int, format string, args ...any) *DecodeError {
	return &DecodeError{Kind: kindSyntax, Offset: int64(off), Detail: fmt.Sprintf(format, args...)}
}

func (p *parser) eof() *DecodeError {
	return p.syntax(len(p.data), "unexpected end of JSON input")
}

func quoteByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// wrongType reports the value at pos as not being want; malformed input
// there is reported as such.
func (p *parser) wrongType(want string) error {
	if p.pos >= len(p.data) {
		return p.eof()
	}
	var got string
	switch c := p.data[p.pos]; {
	case c == '{':
		got = "an object"
	case c == '[':
		got = "an array"
	case c == '"':
		got = "a string"
	case c == 't' || c == 'f':
		got = "a boolean"
	case c == 'n':
		got = "null"
	case c == '-' || c >= '0' && c <= '9':
		got = "a number"
	default:
		return p.syntax(p.pos, "invalid character %s looking for the beginning of a value", quoteByte(c))
	}
	return &DecodeError{Kind: kindType, Offset: int64(p.pos), Detail: fmt.Sprintf("wants %s, got %s", want, got)}
}

// null consumes a null literal if one is next.
func (p *parser) null() bool {
	p.ws()
	if p.pos+4 <= len(p.data) && string(p.data[p.pos:p.pos+4]) == "null" {
		p.pos += 4
		return true
	}
	return false
}

// object reads {"key": value, ...}; each must read the value.
func (p *parser) object(each func(key []byte, keyOff int) error) error {
	p.ws()
	if p.pos >= len(p.data) || p.data[p.pos] != '{' {
		return p.wrongType("an object")
	}
	p.pos++
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return nil
	}
	for {
		p.ws()
		if p.pos >= len(p.data) {
			return p.eof()
		}
		keyOff := p.pos
		if p.data[p.pos] != '"' {
			return p.syntax(p.pos, "invalid character %s looking for the beginning of an object key string", quoteByte(p.data[p.pos]))
		}
		key, err := p.strBytes()
		if err != nil {
			return err
		}
		p.ws()
		if p.pos >= len(p.data) {
			return p.eof()
		}
		if p.data[p.pos] != ':' {
			return p.syntax(p.pos, "invalid character %s after object key", quoteByte(p.data[p.pos]))
		}
		p.pos++
		if err := each(key, keyOff); err != nil {
			return err
		}
		if done, err := p.separator('}', "object key:value pair"); done || err != nil {
			return err
		}
	}
}

// array reads [value, ...]; each must read the i-th value.
func (p *parser) array(each func(i int) error) error {
	p.ws()
	if p.pos >= len(p.data) || p.data[p.pos] != '[' {
		return p.wrongType("an array")
	}
	p.pos++
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := each(i); err != nil {
			return atIndex(err, i)
		}
		if done, err := p.separator(']', "array element"); done || err != nil {
			return err
		}
	}
}

// separator reads what follows a member of an object or an element of an
// array: a comma (more to come) or the closer (done); anything else is a
// syntax error naming what it followed.
func (p *parser) separator(closer byte, after string) (done bool, err error) {
	p.ws()
	if p.pos >= len(p.data) {
		return false, p.eof()
	}
	switch p.data[p.pos] {
	case ',':
		p.pos++
		return false, nil
	case closer:
		p.pos++
		return true, nil
	}
	return false, p.syntax(p.pos, "invalid character %s after %s", quoteByte(p.data[p.pos]), after)
}

// value reads any JSON value as encoding/json would into an any with
// UseNumber, except that duplicate keys are an error.
func (p *parser) value(depth int) (any, error) {
	p.ws()
	if p.pos >= len(p.data) {
		return nil, p.eof()
	}
	if depth > maxDepth {
		return nil, &DecodeError{Kind: kindInvalid, Offset: int64(p.pos), Detail: fmt.Sprintf("values nest deeper than %d levels", maxDepth)}
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		start := p.pos
		m := map[string]any{}
		err := p.object(func(key []byte, off int) error {
			k := p.intern(key)
			if _, dup := m[k]; dup {
				return p.duplicate(off, p.firstKey(start, k), k)
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return atKey(err, k)
			}
			m[k] = v
			return nil
		})
		return m, err
	case c == '[':
		a := []any{}
		err := p.array(func(int) error {
			v, err := p.value(depth + 1)
			a = append(a, v)
			return err
		})
		return a, err
	case c == '"':
		b, err := p.strBytes()
		return p.intern(b), err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't' || c == 'f':
		return p.boolean()
	case c == 'n':
		if p.null() {
			return nil, nil
		}
		return nil, p.literalError()
	default:
		return nil, p.syntax(p.pos, "invalid character %s looking for the beginning of a value", quoteByte(c))
	}
}

// firstKey finds where key first occurs in the object at start; it runs only
// to report a duplicate, so the common path keeps no offsets.
func (p *parser) firstKey(start int, key string) int {
	q := &parser{data: p.data, pos: start}
	found := -1
	stop := errors.New("found")
	_ = q.object(func(k []byte, off int) error {
		if string(k) == key {
			found = off
			return stop
		}
		_, err := q.value(1)
		return err
	})
	return found
}

func (p *parser) literalError() error {
	end := p.pos
	for end < len(p.data) && end-p.pos < 5 && p.data[end] >= 'a' && p.data[end] <= 'z' {
		end++
	}
	if end == len(p.data) {
		return p.eof()
	}
	return p.syntax(p.pos, "invalid literal %q", p.data[p.pos:end])
}

func (p *parser) boolean() (bool, error) {
	p.ws()
	switch {
	case p.pos+4 <= len(p.data) && string(p.data[p.pos:p.pos+4]) == "true":
		p.pos += 4
		return true, nil
	case p.pos+5 <= len(p.data) && string(p.data[p.pos:p.pos+5]) == "false":
		p.pos += 5
		return false, nil
	case p.pos < len(p.data) && (p.data[p.pos] == 't' || p.data[p.pos] == 'f'):
		return false, p.literalError()
	}
	return false, p.wrongType("a boolean")
}

func (p *parser) number() (json.Number, error) {
	p.ws()
	d, start := p.data, p.pos
	i := start
	digits := func() bool {
		n := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > n
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		digits()
	case i >= len(d):
		return "", p.eof()
	case start == i:
		return "", p.wrongType("a number")
	default:
		return "", p.syntax(i, "invalid character %s in numeric literal", quoteByte(d[i]))
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			if i >= len(d) {
				return "", p.eof()
			}
			return "", p.syntax(i, "invalid character %s after decimal point in numeric literal", quoteByte(d[i]))
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			if i >= len(d) {
				return "", p.eof()
			}
			return "", p.syntax(i, "invalid character %s in exponent of numeric literal", quoteByte(d[i]))
		}
	}
	p.pos = i
	return json.Number(d[start:i]), nil
}

// line reads a source line number: a non-negative integer.
func (p *parser) line() (int, error) {
	p.ws()
	off := p.pos
	n, err := p.number()
	if err != nil {
		return 0, err
	}
	v, perr := strconv.Atoi(string(n))
	if perr != nil || v < 0 {
		return 0, &DecodeError{Kind: kindType, Offset: int64(off), Detail: fmt.Sprintf("wants a line number (a non-negative integer), got %s", n)}
	}
	return v, nil
}

func (p *parser) string() (string, error) {
	p.ws()
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return "", p.wrongType("a string")
	}
	b, err := p.strBytes()
	return string(b), err
}

func (p *parser) time() (time.Time, error) {
	p.ws()
	off := p.pos
	s, err := p.string()
	if err != nil {
		return time.Time{}, err
	}
	var t time.Time
	if err := t.UnmarshalText([]byte(s)); err != nil {
		return time.Time{}, &DecodeError{Kind: kindType, Offset: int64(off),
			Detail: fmt.Sprintf("%q is not an RFC 3339 time such as 2026-03-01T09:00:00Z: %v", s, err)}
	}
	return t, nil
}

func (p *parser) stringList() ([]string, error) {
	if p.null() {
		return nil, nil
	}
	out := []string{}
	err := p.array(func(int) error {
		s, err := p.string()
		out = append(out, s)
		return err
	})
	return out, err
}

func (p *parser) stringMap() (map[string]string, error) {
	if p.null() {
		return nil, nil
	}
	p.ws()
	start := p.pos
	out := map[string]string{}
	err := p.object(func(key []byte, off int) error {
		k := string(key)
		if _, dup := out[k]; dup {
			return p.duplicate(off, p.firstKey(start, k), k)
		}
		s, err := p.string()
		out[k] = s
		return atKey(err, k)
	})
	return out, err
}

// strBytes reads the string at pos. The result aliases data when the string
// has no escapes, and the scratch buffer otherwise: it is valid until the
// next string is read.
func (p *parser) strBytes() ([]byte, error) {
	d := p.data
	start := p.pos + 1
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return d[start:i], nil
		case c == '\\':
			return p.strEscaped(start, i)
		case c < 0x20:
			return nil, p.syntax(i, "invalid character %s in string literal", quoteByte(c))
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return nil, &DecodeError{Kind: kindEncoding, Offset: int64(i), Detail: fmt.Sprintf("byte 0x%02x in a string is not valid UTF-8", c)}
			}
			i += size
		}
	}
	return nil, p.eof()
}

// strEscaped continues strBytes from the first backslash at i.
func (p *parser) strEscaped(start, i int) ([]byte, error) {
	d := p.data
	b := append(p.scratch[:0], d[start:i]...)
	defer func() { p.scratch = b[:0] }()
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return b, nil
		case c == '\\':
			if i+1 >= len(d) {
				return nil, p.eof()
			}
			esc := d[i+1]
			switch esc {
			case '"', '\\', '/':
				b = append(b, esc)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, n, err := p.unicodeEscape(i)
				if err != nil {
					return nil, err
				}
				b = utf8.AppendRune(b, r)
				i += n
				continue
			default:
				return nil, p.syntax(i+1, "invalid character %s in string escape code", quoteByte(esc))
			}
			i += 2
		case c < 0x20:
			return nil, p.syntax(i, "invalid character %s in string literal", quoteByte(c))
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return nil, &DecodeError{Kind: kindEncoding, Offset: int64(i), Detail: fmt.Sprintf("byte 0x%02x in a string is not valid UTF-8", c)}
			}
			b = append(b, d[i:i+size]...)
			i += size
		}
	}
	return nil, p.eof()
}

// unicodeEscape reads \uXXXX (and its low surrogate) at i. A lone surrogate
// is an error: encoding/json would turn it into U+FFFD and so change a name.
func (p *parser) unicodeEscape(i int) (rune, int, error) {
	r, err := p.hex4(i)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case r >= 0xDC00 && r < 0xE000:
		return 0, 0, &DecodeError{Kind: kindEncoding, Offset: int64(i), Detail: fmt.Sprintf(`\u%04X is a lone low surrogate, not a character`, r)}
	case r >= 0xD800 && r < 0xDC00:
		if i+12 > len(p.data) || p.data[i+6] != '\\' || p.data[i+7] != 'u' {
			return 0, 0, &DecodeError{Kind: kindEncoding, Offset: int64(i), Detail: fmt.Sprintf(`\u%04X is a high surrogate without its low surrogate`, r)}
		}
		lo, err := p.hex4(i + 6)
		if err != nil {
			return 0, 0, err
		}
		if lo < 0xDC00 || lo >= 0xE000 {
			return 0, 0, &DecodeError{Kind: kindEncoding, Offset: int64(i), Detail: fmt.Sprintf(`\u%04X is a high surrogate without its low surrogate`, r)}
		}
		return (r-0xD800)<<10 | (lo - 0xDC00) + 0x10000, 12, nil
	}
	return r, 6, nil
}

func (p *parser) hex4(i int) (rune, error) {
	if i+6 > len(p.data) {
		return 0, p.eof()
	}
	var r rune
	for j := i + 2; j < i+6; j++ {
		c := p.data[j]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, p.syntax(j, "invalid character %s in \\u hexadecimal character escape", quoteByte(c))
		}
		r = r<<4 | rune(v)
	}
	return r, nil
}
