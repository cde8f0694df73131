package redact

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type label string

type inner struct {
	Name  string
	Attrs map[string]any
}

type outer struct {
	Message string
	Kind    label
	When    time.Time
	Count   int
	Tags    []string
	Raw     []byte
	Inner   *inner
	Same    *inner
	Any     any
	Fixed   [2]string
	ByKey   map[string]string
	Refs    map[string][]string
	secret  string
}

func TestValueRedactsACopy(t *testing.T) {
	t.Parallel()
	same := &inner{Name: "clean", Attrs: map[string]any{"n": 1.0}}
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	in := &outer{
		Message: "leaked " + ghToken,
		Kind:    label(awsKeyID),
		When:    when,
		Count:   3,
		Tags:    []string{"ok", "https://x:" + ghJobToken + "@github.com"},
		Raw:     []byte(`{"SecretAccessKey": "abcdEFGH12345678abcd"}`),
		Inner:   &inner{Name: "n", Attrs: map[string]any{"list": []any{"a", slackBot}, "deep": map[string]any{"k": pemKey}}},
		Same:    same,
		Any:     ghPAT,
		Fixed:   [2]string{"a", awsSecret},
		ByKey:   map[string]string{"?token=abc": "v"},
		Refs:    map[string][]string{"iso": {"A.8.5", slackBot}, "cis": {"1.1"}},
		secret:  ghToken,
	}
	got, err := Value(in)
	require.NoError(t, err)
	require.NotSame(t, in, got)

	require.Equal(t, "leaked [REDACTED:github-token]", got.Message)
	require.Equal(t, label("[REDACTED:aws-access-key-id]MPLE"), got.Kind)
	require.Equal(t, when, got.When)
	require.Equal(t, 3, got.Count)
	require.Equal(t, []string{"ok", "https://x:[REDACTED:github-token]@github.com"}, got.Tags)
	require.Equal(t, `{"SecretAccessKey": "[REDACTED:aws-secret-key]"}`, string(got.Raw))
	require.Equal(t, []any{"a", "[REDACTED:slack-token]"}, got.Inner.Attrs["list"])
	require.Equal(t, map[string]any{"k": "[REDACTED:pem-block]"}, got.Inner.Attrs["deep"])
	require.Equal(t, "[REDACTED:github-token]", got.Any)
	require.Equal(t, [2]string{"a", "[REDACTED:aws-secret-key]"}, got.Fixed)
	require.Equal(t, map[string]string{"?token=[REDACTED:url-secret]": "v"}, got.ByKey)
	require.Equal(t, map[string][]string{"iso": {"A.8.5", "[REDACTED:slack-token]"}, "cis": {"1.1"}}, got.Refs)
	// A writer cannot read an unexported field; it is carried over as is.
	require.Equal(t, ghToken, got.secret)
	// What held no secret is shared, not copied.
	require.Same(t, same, got.Same)

	// The input is untouched.
	require.Equal(t, "leaked "+ghToken, in.Message)
	require.Equal(t, label(awsKeyID), in.Kind)
	require.Equal(t, "https://x:"+ghJobToken+"@github.com", in.Tags[1])
	require.Contains(t, string(in.Raw), "abcdEFGH12345678abcd")
	require.Equal(t, slackBot, in.Inner.Attrs["list"].([]any)[1])
	require.Equal(t, pemKey, in.Inner.Attrs["deep"].(map[string]any)["k"])
	require.Equal(t, awsSecret, in.Fixed[1])
	require.Contains(t, in.ByKey, "?token=abc")
	require.Equal(t, slackBot, in.Refs["iso"][1])
}

func TestValueWithoutSecretsIsTheSameValue(t *testing.T) {
	t.Parallel()
	in := &outer{Message: "bucket acme-logs is public", Tags: []string{"a"}, ByKey: map[string]string{"k": "v"}}
	got, err := Value(in)
	require.NoError(t, err)
	require.Same(t, in, got)

	var nilPtr *outer
	gotNil, err := Value(nilPtr)
	require.NoError(t, err)
	require.Nil(t, gotNil)

	s, err := Value(ghToken)
	require.NoError(t, err)
	require.Equal(t, "[REDACTED:github-token]", s)
}

type node struct {
	Name string
	Next *node
}

func TestValueFailsClosed(t *testing.T) {
	t.Parallel()
	// A cycle cannot be walked to its end: an error, never a stack overflow
	// and never the unredacted value.
	loop := &node{Name: ghToken}
	loop.Next = loop
	got, err := Value(loop)
	require.ErrorContains(t, err, "nested deeper than")
	require.Nil(t, got)

	// Two keys that differ only in their secret would collapse into one.
	for _, m := range []any{map[string]int{"?token=a": 1, "?token=b": 2}, map[string]string{"?token=a": "1", "?token=b": "2"}} {
		_, err = Value(m)
		require.ErrorContains(t, err, "two map keys redact to")
	}
}
