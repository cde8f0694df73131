package governance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadRecords(t *testing.T) {
	t.Parallel()
	ws := trainingWorkspace(t)
	now := at("2026-07-01")
	cases := []struct {
		name     string
		csv      string
		want     []Completion
		problems []string
		fatal    bool
	}{
		{
			name: "good rows, columns in any order, extra columns kept out",
			csv:  "\ufeffTraining,person,completed_at,score\nawareness,alice,2026-06-15,93\n\"code-review\",erin,2026-05-01T16:30:00+02:00,88\n",
			want: []Completion{
				{Person: "alice", Training: "awareness", CompletedOn: day("2026-06-15"), Source: "lms.csv:2"},
				{Person: "erin", Training: "code-review", CompletedOn: day("2026-05-01"), Source: "lms.csv:3"},
			},
		},
		{
			name: "bad rows reported with their lines",
			csv: "person,training,completed_at\n" +
				"alice,awareness,2026-06-15\n" + // 2 ok
				"bob,awareness\n" + // 3 too few fields
				"bob,awareness,15/06/2026\n" + // 4 bad date
				",awareness,2026-06-15\n" + // 5 empty person
				"bob,awareness,2026-12-01\n" + // 6 future
				"\"multi\nline\",awareness,2026-01-01\n" + // 7-8 unknown person (quoted newline)
				"bob,quantum,2026-01-01\n", // 9 unknown training
			want: []Completion{{Person: "alice", Training: "awareness", CompletedOn: day("2026-06-15"), Source: "lms.csv:2"}},
			problems: []string{
				"lms.csv:3: 2 fields, the header has 3",
				`lms.csv:4: completed_at: "15/06/2026" is neither a date (YYYY-MM-DD) nor an RFC 3339 time`,
				"lms.csv:5: person is empty",
				"lms.csv:6: completed_at 2026-12-01 is in the future",
				"lms.csv:7: person \"multi\\nline\" is not in the workspace; row not applied",
				`lms.csv:9: training "quantum" is not in the workspace; row not applied`,
			},
			fatal: true,
		},
		{
			name:     "unknown people only: reported, not fatal",
			csv:      "person,training,completed_at\nzoe,awareness,2026-01-01\n",
			want:     nil,
			problems: []string{`lms.csv:2: person "zoe" is not in the workspace; row not applied`},
		},
		{
			name:     "missing column",
			csv:      "person,course,date\nalice,awareness,2026-01-01\n",
			problems: []string{`lms.csv:1: header has no "training" column (want person, training, completed_at; got person, course, date)`, `lms.csv:1: header has no "completed_at" column (want person, training, completed_at; got person, course, date)`},
			fatal:    true,
		},
		{
			name:     "near misses are named",
			csv:      "Person,Training,Completed\nalice,awarenes,2026-01-01\nalic,awareness,2026-01-01\n",
			problems: []string{`lms.csv:1: header has no "completed_at" column (want person, training, completed_at; got Person, Training, Completed); did you mean "Completed"?`},
			fatal:    true,
		},
		{
			name: "near-miss IDs in rows",
			csv:  "PERSON,Training,Completed_At\nalice,awarenes,2026-01-01\nalic,awareness,2026-01-01\n",
			problems: []string{`lms.csv:2: training "awarenes" is not in the workspace; row not applied (did you mean "awareness"?)`,
				`lms.csv:3: person "alic" is not in the workspace; row not applied (did you mean "alice"?)`},
		},
		{
			// The BOM reached encoding/csv as part of the first field: bare " in non-quoted-field.
			name: "BOM before a quoted header",
			csv:  "\ufeff\"person\",\"training\",\"completed_at\"\r\n\"alice\",\"awareness\",\"2026-06-15\"\r\n",
			want: []Completion{{Person: "alice", Training: "awareness", CompletedOn: day("2026-06-15"), Source: "lms.csv:2"}},
		},
		{
			name:     "BOM alone",
			csv:      "\ufeff",
			problems: []string{"lms.csv:1: empty file: expected a header with the columns person, training, completed_at"},
			fatal:    true,
		},
		{
			// The last of two person columns silently won.
			name:     "duplicated column names both",
			csv:      "person,training,completed_at, Person\nalice,awareness,2026-06-15,bob\n",
			problems: []string{`lms.csv:1:30: column "person" is given twice: "person" at 1:1 and " Person" at 1:30`},
			fatal:    true,
		},
		{
			name: "duplicated ignored column is harmless",
			csv:  "person,training,completed_at,score,score\nalice,awareness,2026-06-15,1,2\n",
			want: []Completion{{Person: "alice", Training: "awareness", CompletedOn: day("2026-06-15"), Source: "lms.csv:2"}},
		},
		{
			name:     "empty file",
			csv:      "",
			problems: []string{"lms.csv:1: empty file: expected a header with the columns person, training, completed_at"},
			fatal:    true,
		},
		{
			name:     "broken quoting stops at its line",
			csv:      "person,training,completed_at\nalice,awareness,2026-01-01\nbob,\"aware\"ness,2026-01-01\n",
			want:     []Completion{{Person: "alice", Training: "awareness", CompletedOn: day("2026-01-01"), Source: "lms.csv:2"}},
			problems: []string{`lms.csv:3: malformed CSV: extraneous or missing " in quoted-field`},
			fatal:    true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := ReadRecords(strings.NewReader(tc.csv), "lms.csv", ws, now)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.String())
			}
			assert.Equal(t, tc.problems, msgs)
			assert.Equal(t, tc.fatal, problems.Fatal())
		})
	}
}

func TestLoadRecordsMissingFile(t *testing.T) {
	t.Parallel()
	_, _, err := LoadRecords(filepath.Join(t.TempDir(), "nope.csv"), trainingWorkspace(t), at("2026-07-01"))
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "open training records")
}

// FuzzReadRecords: any input gives completions or line-numbered problems,
// never a panic, and every accepted row names a known person and training.
func FuzzReadRecords(f *testing.F) {
	for _, seed := range []string{
		"person,training,completed_at\nalice,awareness,2026-06-15\n",
		"person,training,completed_at\n\"a\nb\",awareness,2026-01-01\n",
		"training,completed_at,person\n,,\n",
		"\"unterminated\n",
		"\ufeff\"person\",\"training\",\"completed_at\"\n\"alice\",awareness,2026-01-01\n",
		"person,person,training,completed_at\n",
		"",
	} {
		f.Add(seed)
	}
	ws := trainingWorkspace(f)
	now := at("2026-07-01")
	f.Fuzz(func(t *testing.T, in string) {
		got, problems, err := ReadRecords(strings.NewReader(in), "f.csv", ws, now)
		require.NoError(t, err)
		for _, p := range problems {
			assert.Positive(t, p.Line)
		}
		for _, c := range got {
			assert.Contains(t, []string{"alice", "bob", "carol", "dave", "erin"}, c.Person)
			assert.False(t, c.CompletedOn.After(now))
		}
	})
}
