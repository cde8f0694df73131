package governance

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/model"
)

// RecordProblem is one row of a training-records file that could not be used.
type RecordProblem struct {
	File string
	Line int
	// Column is the 1-based byte column, when the problem is one field.
	Column int
	// Fatal problems make the file unusable as a whole (a malformed row, a bad
	// date); the others (a person or training the workspace does not know)
	// are reported and the row is left out.
	Fatal   bool
	Message string
}

func (p RecordProblem) String() string {
	if p.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// RecordProblems are all the problems of one file.
type RecordProblems []RecordProblem

// Fatal reports whether any problem makes the file unusable.
func (ps RecordProblems) Fatal() bool {
	for _, p := range ps {
		if p.Fatal {
			return true
		}
	}
	return false
}

func (ps RecordProblems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

const utf8BOM = "\ufeff"

// recordColumns are the columns a training-records file must have, in any order.
var recordColumns = []string{"person", "training", "completed_at"}

// LoadRecords reads a training-records CSV file; see ReadRecords.
func LoadRecords(path string, ws *model.Workspace, now time.Time) ([]Completion, RecordProblems, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open training records: %w", err)
	}
	defer f.Close()
	return ReadRecords(f, path, ws, now)
}

// ReadRecords reads an export of a learning-management system: a CSV file
// (RFC 4180) whose header names at least the columns person, training and
// completed_at (other columns are ignored). completed_at is a date
// (YYYY-MM-DD) or an RFC 3339 time. Every row that cannot be used is
// reported with its line, none is dropped silently: malformed rows, empty
// fields, bad or future dates are fatal; unknown people or trainings are
// not (an export often lists people who have left) but are reported.
// The error is for I/O failures only.
func ReadRecords(r io.Reader, name string, ws *model.Workspace, now time.Time) ([]Completion, RecordProblems, error) {
	people := map[string]bool{}
	for _, p := range ws.People {
		people[p.ID] = true
	}
	trainings := map[string]bool{}
	for _, t := range ws.Trainings {
		trainings[t.ID] = true
	}
	// A BOM goes before the CSV reader sees it: to encoding/csv it is part
	// of the first field, so a quoted first header ("\ufeff\"person\"") failed
	// with `bare " in non-quoted-field`.
	br := bufio.NewReader(r)
	if lead, err := br.Peek(len(utf8BOM)); err == nil && string(lead) == utf8BOM {
		_, _ = br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // checked per row, so every bad row is reported, not just the first
	cr.ReuseRecord = false
	var problems RecordProblems
	fatal := func(line int, format string, args ...any) {
		problems = append(problems, RecordProblem{File: name, Line: line, Fatal: true, Message: fmt.Sprintf(format, args...)})
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		fatal(1, "empty file: expected a header with the columns %s", strings.Join(recordColumns, ", "))
		return nil, problems, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fatal(pe.Line, "malformed CSV: %v", pe.Err)
			return nil, problems, nil
		}
		return nil, problems, fmt.Errorf("read %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if j, dup := col[h]; dup && slices.Contains(recordColumns, h) {
			// Either column could be the right one; taking the last hid the other.
			line, first := cr.FieldPos(j)
			_, second := cr.FieldPos(i)
			problems = append(problems, RecordProblem{File: name, Line: line, Column: second, Fatal: true,
				Message: fmt.Sprintf("column %q is given twice: %q at %d:%d and %q at %d:%d", h, header[j], line, first, header[i], line, second)})
			continue
		}
		col[h] = i
	}
	for _, c := range recordColumns {
		if _, ok := col[c]; !ok {
			hint := ""
			if near := model.Suggest(c, unusedColumns(header)); near != "" {
				hint = fmt.Sprintf("; did you mean %q?", near)
			}
			fatal(1, "header has no %q column (want %s; got %s)%s", c, strings.Join(recordColumns, ", "), strings.Join(header, ", "), hint)
		}
	}
	if problems.Fatal() {
		return nil, problems, nil
	}
	var out []Completion
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// A quoting error leaves the reader unable to continue reliably.
				fatal(pe.Line, "malformed CSV: %v", pe.Err)
				break
			}
			return nil, problems, fmt.Errorf("read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			fatal(line, "%d fields, the header has %d", len(rec), len(header))
			continue
		}
		person := strings.TrimSpace(rec[col["person"]])
		training := strings.TrimSpace(rec[col["training"]])
		when := strings.TrimSpace(rec[col["completed_at"]])
		bad := false
		for _, f := range []struct{ name, val string }{{"person", person}, {"training", training}, {"completed_at", when}} {
			if f.val == "" {
				fatal(line, "%s is empty", f.name)
				bad = true
			}
		}
		if bad {
			continue
		}
		on, err := parseCompletion(when)
		if err != nil {
			fatal(line, "completed_at: %v", err)
			continue
		}
		if on.After(now) {
			fatal(line, "completed_at %s is in the future", when)
			continue
		}
		switch {
		case !people[person]:
			problems = append(problems, RecordProblem{File: name, Line: line, Message: fmt.Sprintf("person %q is not in the workspace; row not applied%s", person, didYouMean(person, people))})
			continue
		case !trainings[training]:
			problems = append(problems, RecordProblem{File: name, Line: line, Message: fmt.Sprintf("training %q is not in the workspace; row not applied%s", training, didYouMean(training, trainings))})
			continue
		}
		out = append(out, Completion{Person: person, Training: training, CompletedOn: on, Source: fmt.Sprintf("%s:%d", name, line)})
	}
	return out, problems, nil
}

// unusedColumns are the header's names that are not a recognised column:
// the candidates for a column that is missing ("Completed" for completed_at).
func unusedColumns(header []string) []string {
	var out []string
	for _, h := range header {
		if !slices.Contains(recordColumns, strings.ToLower(strings.TrimSpace(h))) {
			out = append(out, strings.TrimSpace(h))
		}
	}
	return out
}

func didYouMean(word string, known map[string]bool) string {
	if near := model.Suggest(word, slices.Collect(maps.Keys(known))); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return ""
}

// parseCompletion accepts a date or an RFC 3339 time, and keeps the day.
func parseCompletion(s string) (time.Time, error) {
	if t, err := model.ParseDate(s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (YYYY-MM-DD) nor an RFC 3339 time", s)
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}
