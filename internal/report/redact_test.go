package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/redact"
)

// leakSecrets are one credential of each kind redact knows, each with a
// fragment that is letters and digits only, so escaping (HTML entities,
// JSON, CSV quoting, Markdown) cannot hide it from the search.
var leakSecrets = []struct{ secret, fragment string }{
	{"ghp_R4mp4rtLeakCheckGitHubClassic0000000", "R4mp4rtLeakCheckGitHubClassic"},
	{"ghs_FAKEtoken1234567890abcdef", "FAKEtoken1234567890abcdef"},
	{"github_pat_11LEAKCHECKPAT0123456789_abcdefghijk", "LEAKCHECKPAT0123456789"},
	{"AKIALEAKCHECK0KEY1D2", "LEAKCHECK0KE"},
	{"ASIALEAKCHECKTEMP123", "LEAKCHECKTEMP"},
	{"aws_secret_access_key = LeakCheckSecretValue0123456789abcdEFGH", "LeakCheckSecretValue"},
	{"aws_session_token = LeakCheckSessionByName0123", "LeakCheckSessionByName"},
	{"IQoJb3JpZ2luLeakCheckSessionTokenValue0123+/==", "LeakCheckSessionTokenValue"},
	{"-----BEGIN RSA PRIVATE KEY-----\nMIIELeakCheckPemBody\n-----END RSA PRIVATE KEY-----", "LeakCheckPemBody"},
	{"Authorization: Bearer LeakCheckBearer0123", "LeakCheckBearer"},
	{"xoxb-LeakCheckSlackBot-0123456789", "LeakCheckSlackBot"},
	{"https://hooks.slack.com/services/T0LEAK/B0CHECK/LeakCheckWebhookPath", "LeakCheckWebhookPath"},
	{"https://x.example/cb?access_token=LeakCheckQueryToken&X-Amz-Signature=LeakCheckAmzSig", "LeakCheckQueryToken"},
	{"https://x.example/cb?sig=LeakCheckSasSig", "LeakCheckSasSig"},
	{"https://deploy:LeakCheckUrlPassword@git.example.com/x.git", "LeakCheckUrlPassword"},
}

// gitConfig is what `bucket = file("../.git/config")` reads on a runner
// after actions/checkout (issue 10).
const gitConfig = "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic ghs_FAKEtoken1234567890abcdef\n"

// leakyReport is the gate fixture with a secret in every kind of text a
// report carries: finding messages, paths and resource IDs, warnings,
// gate reasons, fixed findings, collection gaps, waivers and control docs.
func leakyReport() *Report {
	r := gateFixture()
	all := make([]string, len(leakSecrets))
	for i, s := range leakSecrets {
		all[i] = s.secret
	}
	joined := strings.Join(all, " | ")
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Message += ": " + joined
		f.Path = "attributes.tags." + leakSecrets[i%len(leakSecrets)].secret
	}
	// The bucket that read .git/config: its name is in its ID and title.
	old := &r.Findings[1]
	oldPrint := old.Fingerprint
	old.Resource.ID = "arn:aws:s3:::" + gitConfig
	old.Fingerprint = finding.Fingerprint(old.ControlID, old.Resource.Type, old.Resource.ID)
	r.Gate.Changes[old.Fingerprint] = r.Gate.Changes[oldPrint]
	delete(r.Gate.Changes, oldPrint)
	r.Findings[1].Title += " " + leakSecrets[2].secret
	r.Warnings = append(r.Warnings, "infra/main.tf:2:3: value of bucket: "+gitConfig, joined)
	r.Gate.Reasons = append(r.Gate.Reasons, "new high failure AWS-S3-001 on "+r.Findings[1].Resource.ID, joined)
	r.Gate.Fixed[0].Message += " " + joined
	r.Evidence.Incomplete = true
	r.Evidence.IncompleteReason = joined
	r.Evidence.NotCollected = []evidence.NotCollected{{ResourceType: "aws.s3.bucket", ScopeID: "111122223333", Reason: joined}}
	r.Waivers[0].Reason = joined
	r.Controls[0].Description += " " + joined
	return r
}

// TestEveryFormatRedacts is the defence in depth of issue 10: whatever a
// control quoted from the evidence, no format written through Lookup
// carries a credential. The same writers without Lookup do (checked
// first), so the test fails if redaction is taken out of Lookup.
func TestEveryFormatRedacts(t *testing.T) {
	t.Parallel()
	r := leakyReport()
	before, err := json.Marshal(r)
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, name := range Formats() {
		t.Run(name, func(t *testing.T) {
			var raw bytes.Buffer
			require.NoError(t, Writers[name](&raw, r))
			leaked := 0
			for _, s := range leakSecrets {
				if strings.Contains(raw.String(), s.fragment) {
					leaked++
					seen[s.fragment] = true
				}
			}
			require.NotZero(t, leaked, "the unredacted %s output shows no secret: the fixture does not reach it", name)

			w, err := Lookup(name)
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, w(&out, r))
			for _, s := range leakSecrets {
				require.NotContains(t, out.String(), s.fragment, "%s output leaks %q", name, s.secret)
			}
			require.Contains(t, out.String(), "[REDACTED:")
		})
	}
	for _, s := range leakSecrets {
		require.True(t, seen[s.fragment], "no format shows %q even unredacted: the test would not notice it leaking", s.secret)
	}
	after, err := json.Marshal(r)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after), "writing changed the report it was given")
}

// Redaction changes what is displayed, never the fingerprints a baseline
// is matched by: they come from the real IDs.
func TestRedactedJSONKeepsFingerprints(t *testing.T) {
	t.Parallel()
	r := leakyReport()
	w, err := Lookup("json")
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, w(&out, r))
	var back Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &back))
	require.Len(t, back.Findings, len(r.Findings))
	for i, f := range back.Findings {
		require.Equal(t, r.Findings[i].Fingerprint, f.Fingerprint)
		require.Equal(t, finding.Fingerprint(f.ControlID, f.Resource.Type, r.Findings[i].Resource.ID), f.Fingerprint)
	}
	require.Equal(t, "arn:aws:s3:::[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic [REDACTED:github-token]\n", back.Findings[1].Resource.ID)
	require.Equal(t, r.Gate.Changes, back.Gate.Changes)
	require.Equal(t, r.Gate.Blocking, back.Gate.Blocking)
}

// BenchmarkRedactReport measures what redaction adds to writing a large
// gate report (10,000 findings, as from 2,000 resources × 5 controls):
// without secrets a walk and no copy; with one in every message, a copy of
// what holds them.
//
//	go test -run XXX -bench RedactReport -benchmem ./internal/report/
func BenchmarkRedactReport(b *testing.B) {
	for _, tc := range []struct {
		name   string
		secret string
	}{{"clean", ""}, {"every-message", " " + leakSecrets[0].secret}} {
		b.Run(tc.name, func(b *testing.B) {
			r := gateFixture()
			base := r.Findings
			r.Findings = make([]finding.Finding, 0, 10_000)
			for i := range 10_000 {
				f := base[i%len(base)]
				f.Resource.ID = fmt.Sprintf("terraform/aws_s3_bucket.b%d", i)
				f.Message += tc.secret
				r.Findings = append(r.Findings, f)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := redact.Value(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
