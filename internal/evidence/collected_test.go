package evidence

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A hand-edited collected list is hostile input: every way of claiming a
// read that did not happen, or of saying it twice, is refused at its byte.
func TestDecodeRejectsBadCollectedList(t *testing.T) {
	t.Parallel()
	const head = `{"schema": "rampart.evidence/v1", "resources": [], "collected": `
	aws := `{"platform": "aws", "account_id": "1111"}`
	tests := []struct {
		name, in, want string
	}{
		{"not a list", head + `{}}`, `wrong JSON type at byte offset 64 (line 1, column 65): collected: wants an array, got an object`},
		{"null list", head + `null}`, `wrong JSON type at byte offset 64 (line 1, column 65): collected: wants an array, got null`},
		{"entry not an object", head + `["aws"]}`, `wrong JSON type at byte offset 65 (line 1, column 66): collected[0]: wants an object, got a string`},
		{"unknown key", head + `[{"scope": ` + aws + `, "types": [], "typs": []}]}`,
			`unknown key at byte offset 131 (line 1, column 132): collected[0]: "typs" is not a key of a collected entry (keys are case-sensitive: scope, types)`},
		{"no types", head + `[{"scope": ` + aws + `}]}`,
			`invalid snapshot at byte offset 65 (line 1, column 66): collected[0]: scope and types are required`},
		{"no scope", head + `[{"types": []}]}`, `invalid snapshot at byte offset 65 (line 1, column 66): collected[0]: scope and types are required`},
		{"types null", head + `[{"scope": ` + aws + `, "types": null}]}`,
			`wrong JSON type at byte offset 127 (line 1, column 128): collected[0].types: wants an array, got null`},
		{"type not a string", head + `[{"scope": ` + aws + `, "types": [7]}]}`,
			`wrong JSON type at byte offset 128 (line 1, column 129): collected[0].types[0]: wants a string, got a number`},
		{"unknown platform", head + `[{"scope": {"platform": "gcp"}, "types": []}]}`,
			`invalid snapshot at byte offset 65 (line 1, column 66): collected[0].scope: scope.platform must be one of aws, github, terraform, got "gcp"`},
		{"unknown type", head + `[{"scope": ` + aws + `, "types": ["aws.s3.bucket", "aws.cloudwatch.metric_filter"]}]}`,
			`invalid snapshot at byte offset 145 (line 1, column 146): collected[0].types[1]: "aws.cloudwatch.metric_filter" is not a registered resource type`},
		{"type of another platform", head + `[{"scope": ` + aws + `, "types": ["github.member"]}]}`,
			`invalid snapshot at byte offset 128 (line 1, column 129): collected[0].types[0]: "github.member" is a github type, not a aws one`},
		{"type Terraform does not map", head + `[{"scope": {"platform": "terraform"}, "types": ["aws.logs.metric_filter"]}]}`,
			`invalid snapshot at byte offset 112 (line 1, column 113): collected[0].types[0]: "aws.logs.metric_filter" is not produced by the Terraform mapping`},
		{"type twice", head + `[{"scope": ` + aws + `, "types": ["aws.s3.bucket",` + "\n" + ` "aws.s3.bucket"]}]}`,
			`invalid snapshot at byte offset 146 (line 2, column 2): collected[0].types[1]: "aws.s3.bucket" is already types[0] at byte offset 128`},
		{"scope twice", head + `[{"scope": ` + aws + `, "types": []}, {"scope": ` + aws + `, "types": []}]}`,
			`invalid snapshot at byte offset 132 (line 1, column 133): collected[1].scope: aws:1111 is already listed at byte offset 65 (line 1, column 66)`},
		{"unknown scope key", head + `[{"scope": {"platform": "aws", "acount_id": "1"}, "types": []}]}`,
			`unknown key at byte offset 95 (line 1, column 96): collected[0].scope: "acount_id" is not a key of a scope`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode([]byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var de *DecodeError
			require.ErrorAs(t, err, &de, "every decode error carries its byte offset")
		})
	}
}

func TestCollectedListRoundTrips(t *testing.T) {
	t.Parallel()
	in := `{"schema": "rampart.evidence/v1", "resources": [], "collected": [
	  {"scope": {"platform": "aws", "account_id": "1111", "region": "eu-west-1"}, "types": ["aws.logs.metric_filter", "aws.cloudtrail.trail"]},
	  {"scope": {"platform": "aws", "account_id": "1111"}, "types": []}]}`
	s, err := Decode([]byte(in))
	require.NoError(t, err)
	assert.False(t, s.CollectedUnlisted)
	want := []Collected{
		{Scope: Scope{Platform: "aws", AccountID: "1111"}, Types: []string{}},
		{Scope: Scope{Platform: "aws", AccountID: "1111", Region: "eu-west-1"}, Types: []string{"aws.cloudtrail.trail", "aws.logs.metric_filter"}},
	}
	assert.Equal(t, want, s.Collected, "sorted by scope, types sorted; an empty list stays a list")
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, s))
	assert.Contains(t, buf.String(), `"types": []`, "nothing read is written as an empty list, never null")
	again, err := Decode(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, s.Collected, again.Collected)
}

func TestSnapshotWithoutCollectedListIsUnlisted(t *testing.T) {
	t.Parallel()
	s, err := Decode([]byte(`{"schema": "rampart.evidence/v1", "resources": []}`))
	require.NoError(t, err)
	assert.True(t, s.CollectedUnlisted)
	assert.Nil(t, s.Collected)
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, s))
	assert.NotContains(t, buf.String(), "collected\"", "a legacy snapshot written again stays without a list: it claims nothing")

	empty, err := Decode([]byte(`{"schema": "rampart.evidence/v1", "resources": [], "collected": []}`))
	require.NoError(t, err)
	assert.False(t, empty.CollectedUnlisted, "an empty list is a list: nothing was read completely")
	assert.NotNil(t, empty.Collected)
}

func TestMergeUnitesCollectedPerScope(t *testing.T) {
	t.Parallel()
	eu := Scope{Platform: "aws", AccountID: "1111", Region: "eu-west-1"}
	a := &Snapshot{Collected: []Collected{CollectedScope(eu, TypeAWSCloudTrailTrail)}}
	b := &Snapshot{Collected: []Collected{
		CollectedScope(eu, TypeAWSLogsMetricFilter, TypeAWSCloudTrailTrail),
		CollectedScope(Scope{Platform: "github", Org: "acme"}, TypeGitHubMember),
	}}
	m, err := Merge(a, b)
	require.NoError(t, err)
	assert.False(t, m.CollectedUnlisted)
	assert.Equal(t, []Collected{
		{Scope: eu, Types: []string{TypeAWSCloudTrailTrail, TypeAWSLogsMetricFilter}},
		{Scope: Scope{Platform: "github", Org: "acme"}, Types: []string{TypeGitHubMember}},
	}, m.Collected)

	legacy := &Snapshot{}
	m, err = Merge(a, legacy)
	require.NoError(t, err)
	assert.True(t, m.CollectedUnlisted, "a part without a list is said once, whatever the others list")
	assert.Equal(t, a.Collected, m.Collected, "and adds nothing to the list")

	m, err = Merge(legacy)
	require.NoError(t, err)
	assert.True(t, m.CollectedUnlisted)
	assert.Nil(t, m.Collected)
}

func TestCollectedCovers(t *testing.T) {
	t.Parallel()
	acct := CollectedScope(Scope{Platform: "aws", AccountID: "1111"}, TypeAWSS3Bucket)
	assert.True(t, acct.Covers(Scope{Platform: "aws", AccountID: "1111", Region: "eu-west-1"}), "an account entry covers its regions")
	assert.False(t, acct.Covers(Scope{Platform: "aws", AccountID: "2222"}))
	eu := CollectedScope(Scope{Platform: "aws", AccountID: "1111", Region: "eu-west-1"}, TypeAWSCloudTrailTrail)
	assert.False(t, eu.Covers(Scope{Platform: "aws", AccountID: "1111"}), "a region entry does not cover the account")
	assert.False(t, eu.Covers(Scope{Platform: "aws", AccountID: "1111", Region: "us-east-1"}))
	assert.True(t, eu.Lists(TypeAWSCloudTrailTrail))
	assert.False(t, eu.Lists(TypeAWSLogsMetricFilter))
	assert.Equal(t, "aws:1111/eu-west-1", ScopeName(eu.Scope))
	assert.Equal(t, "github.com/acme", ScopeName(Scope{Platform: "github", Org: "acme"}))
	assert.True(t, strings.HasPrefix(ScopeName(Scope{Platform: "terraform"}), "terraform"))
}
