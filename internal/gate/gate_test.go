package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func f(control string, sev finding.Severity, status finding.Status, id string) finding.Finding {
	return finding.Finding{ControlID: control, Severity: sev, Status: status, Resource: &finding.ResourceRef{Type: "aws.s3.bucket", ID: id},
		Fingerprint: finding.Fingerprint(control, "aws.s3.bucket", id), Message: "m"}
}

func evidenceSource(kind string) evidence.Source { return evidence.Source{Kind: kind} }

func TestCompare(t *testing.T) {
	t.Parallel()
	base := []finding.Finding{
		f("A", finding.High, finding.Fail, "kept"),
		f("A", finding.High, finding.Fail, "fixed"),
		f("A", finding.High, finding.Waived, "was-waived"),
		f("A", finding.High, finding.Pass, "regressed"),
		f("A", finding.High, finding.Fail, "deleted"),
		f("A", finding.High, finding.NotEvaluated, "now-known"),
	}
	cur := []finding.Finding{
		f("A", finding.High, finding.Fail, "kept"),
		f("A", finding.High, finding.Pass, "fixed"),
		f("A", finding.High, finding.Fail, "was-waived"),
		f("A", finding.High, finding.Fail, "regressed"),
		f("A", finding.High, finding.Fail, "brand-new"),
		f("A", finding.High, finding.Fail, "now-known"),
	}
	g := Compare(cur, base, "base.json")
	want := map[string]string{
		cur[0].Fingerprint: Unchanged,
		cur[2].Fingerprint: Unchanged, // a waived failure that lost its waiver is the same failure
		cur[3].Fingerprint: New,
		cur[4].Fingerprint: New,
		cur[5].Fingerprint: New, // not_evaluated → fail: the failure is news
	}
	require.Equal(t, want, g.Changes)
	var fixed []string
	for _, x := range g.Fixed {
		fixed = append(fixed, x.Resource.ID)
	}
	require.ElementsMatch(t, []string{"fixed", "deleted"}, fixed)
	require.Equal(t, "base.json", g.Baseline)

	none := Compare(cur, nil, "none")
	require.Len(t, none.Changes, len(cur)-1, "without a baseline every non-pass is new")
	for _, c := range none.Changes {
		require.Equal(t, New, c)
	}
}

func TestDecide(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		findings []finding.Finding
		baseline []finding.Finding
		waivers  []link.WaiverStatus
		opts     Options
		want     int
	}{
		{"new high failure", []finding.Finding{f("A", finding.High, finding.Fail, "x")}, nil, nil, Options{FailOn: finding.High}, verdict.ExitFindings},
		{"new medium failure below threshold", []finding.Finding{f("A", finding.Medium, finding.Fail, "x")}, nil, nil, Options{FailOn: finding.High}, verdict.ExitOK},
		{"unchanged critical failure", []finding.Finding{f("A", finding.Critical, finding.Fail, "x")}, []finding.Finding{f("A", finding.Critical, finding.Fail, "x")}, nil, Options{FailOn: finding.High}, verdict.ExitOK},
		{"new not evaluated", []finding.Finding{f("A", finding.High, finding.NotEvaluated, "x")}, nil, nil, Options{FailOn: finding.High}, verdict.ExitNotEvaluated},
		{"new not evaluated allowed", []finding.Finding{f("A", finding.High, finding.NotEvaluated, "x")}, nil, nil, Options{FailOn: finding.High, AllowUnknown: true}, verdict.ExitOK},
		{"new error even below threshold", []finding.Finding{f("A", finding.Low, finding.Error, "x")}, nil, nil, Options{FailOn: finding.High, AllowUnknown: true}, verdict.ExitNotEvaluated},
		{"could-not-evaluate wins over failure", []finding.Finding{f("A", finding.High, finding.Fail, "x"), f("B", finding.High, finding.Error, "y")}, nil, nil, Options{FailOn: finding.High}, verdict.ExitNotEvaluated},
		// Expired waivers the change does not touch warn (TestDecideExpiredWaivers).
		{"expired waiver untouched", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverExpired, Validity: link.ValidityExpired, Use: link.UseMatched, Expires: "2026-06-30"}}, Options{FailOn: finding.High}, verdict.ExitOK},
		{"waiver expiring today is still valid", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverExpiring, Validity: link.ValidityExpiring, Use: link.UseMatched, Expires: "2026-11-27"}}, Options{FailOn: finding.High}, verdict.ExitOK},
		{"stale active waiver", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverStale, Validity: link.ValidityActive, Use: link.UseStale, Expires: "2027-01-01"}}, Options{FailOn: finding.High}, verdict.ExitOK},
		{"too long waiver is not applied, not blocking", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverTooLong, Validity: link.ValidityTooLong, Use: link.UseMatched, Expires: "2028-06-30"}}, Options{FailOn: finding.High}, verdict.ExitOK},
		{"waived failure", []finding.Finding{f("A", finding.Critical, finding.Waived, "x")}, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverActive, Validity: link.ValidityActive, Use: link.UseMatched, Expires: "2027-01-01"}}, Options{FailOn: finding.High}, verdict.ExitOK},
		// No date is re-read: a status link did not decide cannot pass as unexpired.
		{"undecided validity", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverActive, Expires: "2026-06-30"}}, Options{FailOn: finding.High}, verdict.ExitNotEvaluated},
		// --fail-on none (FailOn ""): a report-only run, decided by verdict.Decide
		// as audit's is — nothing new fails it, what could not be evaluated does.
		{"report only: new critical failure", []finding.Finding{f("A", finding.Critical, finding.Fail, "x")}, nil, nil, Options{}, verdict.ExitOK},
		{"report only: new critical not evaluated", []finding.Finding{f("A", finding.Critical, finding.NotEvaluated, "x")}, nil, nil, Options{}, verdict.ExitOK},
		{"report only: new error", []finding.Finding{f("A", finding.Low, finding.Error, "x")}, nil, nil, Options{}, verdict.ExitNotEvaluated},
		{"report only: expired waiver the change touches", []finding.Finding{{Fingerprint: "A", ControlID: "A", Severity: finding.High, Status: finding.Fail, WaiverExpired: "w"}}, nil,
			[]link.WaiverStatus{{ID: "w", State: link.WaiverExpired, Validity: link.ValidityExpired, Use: link.UseMatched, Expires: "2026-06-30"}}, Options{}, verdict.ExitOK},
		{"report only: undecided validity", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverActive, Expires: "2026-06-30"}}, Options{}, verdict.ExitNotEvaluated},
		{"expired waiver the change touches", []finding.Finding{{Fingerprint: "A", ControlID: "A", Severity: finding.Low, Status: finding.Fail, WaiverExpired: "w"}}, nil,
			[]link.WaiverStatus{{ID: "w", State: link.WaiverExpired, Validity: link.ValidityExpired, Use: link.UseMatched, Expires: "2026-06-30"}}, Options{FailOn: finding.High}, verdict.ExitFindings},
		{"trusted workspace's waivers replaced by the change's", nil, nil, []link.WaiverStatus{{ID: "w", State: link.WaiverExpired, Validity: link.ValidityExpired, Use: link.UseMatched, Expires: "2026-06-30"}},
			Options{FailOn: finding.High, Waivers: []link.WaiverStatus{}}, verdict.ExitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := &report.Report{GeneratedAt: now, Findings: tc.findings, Waivers: tc.waivers}
			g := Compare(tc.findings, tc.baseline, "none")
			got := Decide(r, g, tc.opts)
			require.Equal(t, tc.want, got, "reasons: %v", g.Reasons)
			require.Equal(t, got == verdict.ExitOK, g.Passed)
			if got != verdict.ExitOK {
				require.NotEmpty(t, g.Reasons)
			}
			if tc.opts.FailOn == "" {
				require.Equal(t, verdict.FailOnNone, g.FailOn, "the report says the run was report only")
			}
		})
	}
}

// TestDecideExpiredWaivers: an expired waiver fails the gate when the change
// touches it — adds or edits it, or makes new a failure it would have
// covered — whatever its use (the state may say stale; the validity says
// expired); one the change does not touch is a warning, so the repository's
// pull requests are not all blocked on its expiry day.
func TestDecideExpiredWaivers(t *testing.T) {
	t.Parallel()
	expired := func(use link.Use) []link.WaiverStatus {
		return []link.WaiverStatus{{ID: "w", Control: "A", State: link.WaiverExpired, Validity: link.ValidityExpired, Use: use, Expires: "2026-11-26"}}
	}
	uncovered := f("A", finding.Low, finding.Fail, "x")
	uncovered.WaiverExpired = "w"
	for _, tc := range []struct {
		name     string
		findings []finding.Finding
		baseline []finding.Finding
		waivers  []link.WaiverStatus
		changes  []report.GovernanceChange
		want     int
	}{
		{"untouched, matched", []finding.Finding{uncovered}, []finding.Finding{uncovered}, expired(link.UseMatched), nil, verdict.ExitOK},
		{"untouched, stale", nil, nil, expired(link.UseStale), nil, verdict.ExitOK},
		{"untouched, the pull request's own (not applied)", nil, nil, expired(link.UseNotApplied), nil, verdict.ExitOK},
		{"added by the change", nil, nil, expired(link.UseNotApplied), []report.GovernanceChange{{Kind: "waiver", Name: "w", Change: "added"}}, verdict.ExitFindings},
		{"edited by the change", nil, nil, expired(link.UseNotApplied), []report.GovernanceChange{{Kind: "waiver", Name: "w", Change: "changed"}}, verdict.ExitFindings},
		{"another block of that name edited", nil, nil, expired(link.UseNotApplied), []report.GovernanceChange{{Kind: "risk", Name: "w", Change: "changed"}}, verdict.ExitOK},
		// Below --fail-on, the failure alone would not block: the expiry does.
		{"covered a failure the change makes new", []finding.Finding{uncovered}, nil, expired(link.UseMatched), nil, verdict.ExitFindings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := &report.Report{Findings: tc.findings, Waivers: tc.waivers}
			g := Compare(tc.findings, tc.baseline, "none")
			g.GovernanceChanges = tc.changes
			got := Decide(r, g, Options{FailOn: finding.High})
			require.Equal(t, tc.want, got, "reasons: %v", g.Reasons)
			if got == verdict.ExitOK {
				require.Equal(t, []string{"waiver w (A) expired on 2026-11-26: not blocking, this change touches none of its results (the audit still fails on it)"}, g.Warnings)
			} else {
				require.Equal(t, []string{"waiver w (A) expired on 2026-11-26"}, g.Reasons)
				require.Empty(t, g.Warnings)
			}
		})
	}
}

// TestDecideCheckedByAudit: a new result not evaluated because Terraform
// can never know the attribute (live-only in the registry) is listed and
// does not block; one unknown until apply, or naming no registered
// attribute, still blocks.
func TestDecideCheckedByAudit(t *testing.T) {
	t.Parallel()
	user := func(path string, kind string) finding.Finding {
		return finding.Finding{ControlID: "AWS-IAM-001", Severity: finding.High, Status: finding.NotEvaluated, Path: path,
			Resource:    &finding.ResourceRef{Type: "aws.iam.user", ID: "aws_iam_user.carol", Source: evidenceSource(kind)},
			Fingerprint: finding.Fingerprint("AWS-IAM-001", "aws.iam.user", path+kind), Message: "m"}
	}
	for _, tc := range []struct {
		name    string
		f       finding.Finding
		audit   bool
		blocked bool
	}{
		{"MFA devices are enrolled live", user("attributes.mfa_devices", "terraform"), true, false},
		{"a field of a live-only attribute", user("attributes.mfa_devices[0].serial_number", "terraform"), true, false},
		{"both producers: unknown until apply", user("attributes.attached_policies[0].policy_arn", "terraform"), false, true},
		{"no path", user("", "terraform"), false, true},
		{"unregistered attribute", user("attributes.no_such_thing", "terraform"), false, true},
		{"live evidence is not the gate's to excuse", user("attributes.mfa_devices", "live"), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.audit, CheckedByAudit(tc.f))
			r := &report.Report{Findings: []finding.Finding{tc.f}}
			g := Compare(r.Findings, nil, "none")
			code := Decide(r, g, Options{FailOn: finding.High})
			require.Equal(t, tc.blocked, code == verdict.ExitNotEvaluated, "reasons %v", g.Reasons)
			require.Equal(t, tc.audit, len(g.CheckedByAudit) == 1)
		})
	}
}

// TestDecideIncompleteEvidence: evidence cut short never passes.
func TestDecideIncompleteEvidence(t *testing.T) {
	t.Parallel()
	r := &report.Report{GeneratedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	r.Evidence.CutShort, r.Evidence.Incomplete, r.Evidence.IncompleteReason = true, true, "rate limit exhausted"
	g := Compare(nil, nil, "none")
	require.Equal(t, verdict.ExitNotEvaluated, Decide(r, g, Options{FailOn: finding.High}))
	require.False(t, g.Passed)
	require.Equal(t, []string{"evidence incomplete: rate limit exhausted"}, g.Reasons)
}

func TestReadBaseline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	good := write("good.json", `{"schema": "rampart.report/v1", "findings": [{"control_id": "A", "status": "fail", "fingerprint": "abc"}]}`)
	fs, err := ReadBaseline(good)
	require.NoError(t, err)
	require.Len(t, fs, 1)
	require.Equal(t, finding.ResourceRef{}, *fs[0].Resource, "a finding without a resource reads as an empty one")
	fs, err = ReadBaseline(write("null.json", `{"schema": "rampart.report/v1", "findings": [{"control_id": "A", "status": "fail", "fingerprint": "abc", "resource": null}]}`))
	require.NoError(t, err)
	require.NotNil(t, fs[0].Resource)

	for name, tc := range map[string]struct{ body, want string }{
		"syntax":      {`{"schema": "rampart.report/v1", "findings": [,]}`, "invalid JSON at byte offset 45 (line 1, column 46)"},
		"schema":      {`{"schema": "rampart.evidence/v1", "resources": []}`, `schema "rampart.evidence/v1" is not a rampart report`},
		"type":        {`{"schema": "rampart.report/v1", "findings": {}}`, "field findings at byte offset"},
		"fingerprint": {`{"schema": "rampart.report/v1", "findings": [{"control_id": "A"}]}`, "finding 0 (A) has no fingerprint"},
	} {
		_, err := ReadBaseline(write(name+".json", tc.body))
		require.ErrorContains(t, err, tc.want, name)
	}
	_, err = ReadBaseline(filepath.Join(dir, "missing.json"))
	require.ErrorContains(t, err, "read baseline")
}

func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// TestGitTree reads a folder at a ref from a real local repository, from a
// subfolder of it, the way `rampart gate --baseline-ref` does.
func TestGitTree(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	gitRun(t, repo, "init", "-q")
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "infra", "net"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "infra", "net", "main.tf"), []byte("# v1\n"), 0o644))
	gitRun(t, repo, "add", ".")
	gitRun(t, repo, "commit", "-q", "-m", "v1")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "infra", "net", "main.tf"), []byte("# v2\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "infra", "new"), 0o755))

	ctx := context.Background()
	root, cleanup, err := GitTree(ctx, filepath.Join(repo, "infra"), "HEAD", []string{"net", "new"})
	require.NoError(t, err)
	defer cleanup()
	got, err := os.ReadFile(filepath.Join(root, "net", "main.tf"))
	require.NoError(t, err)
	require.Equal(t, "# v1\n", string(got), "the committed version, not the working tree")
	_, err = os.Stat(filepath.Join(root, "new"))
	require.True(t, os.IsNotExist(err), "a folder the change adds has no baseline")

	_, _, err = GitTree(ctx, repo, "no-such-ref", []string{"."})
	require.ErrorContains(t, err, `git ref "no-such-ref" is not a commit`)
	_, _, err = GitTree(ctx, repo, "--upload-pack=x", []string{"."})
	require.ErrorContains(t, err, "must not start with '-'")
	_, _, err = GitTree(ctx, filepath.Join(repo, "infra"), "HEAD", []string{"../.."})
	require.ErrorContains(t, err, "outside the git repository")
	cleanup()
	_, err = os.Stat(root)
	require.True(t, os.IsNotExist(err), "cleanup removes the tree")
}
