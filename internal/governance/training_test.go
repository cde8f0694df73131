package governance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

func trainingWorkspace(t testing.TB) *model.Workspace {
	ws := workspace(t)
	ws.Trainings = []*model.Training{
		{ID: "awareness", Title: "Awareness", RequiredFor: []string{"employee"}, Validity: 365 * 24 * time.Hour},
		{ID: "code-review", RequiredFor: []string{"developer"}, Controls: []string{"GH-REPO-001"}},
		{ID: "cloud", Validity: 365 * 24 * time.Hour, Controls: []string{"AWS-IAM-001"}},
	}
	ws.People = []*model.Person{
		{ID: "alice", Name: "Alice", Roles: []string{"employee", "developer"}, GitHub: "Alice-GH",
			CompletedOn: map[string]time.Time{"awareness": day("2025-06-30"), "code-review": day("2020-01-01")}},
		{ID: "bob", Roles: []string{"employee"}, GitHub: "bob", AWSIAM: []string{"bob"},
			CompletedOn: map[string]time.Time{"awareness": day("2025-07-01")}},
		{ID: "carol", Roles: []string{"iso"}, GitHub: "carol"},
		{ID: "dave", AWSIAM: []string{"arn:aws:iam::111122223333:user/ci"}},
		{ID: "erin", Roles: []string{"developer"}},
	}
	ws.Systems = []*model.System{{ID: "pay", Owner: "erin"}}
	return ws
}

func TestTrainingGapsRoleBased(t *testing.T) {
	t.Parallel()
	ws := trainingWorkspace(t)
	// 2026-07-01: alice's awareness (2025-06-30 + 365d = 2026-06-30) expired
	// yesterday; bob's (2025-07-01 → 2026-07-01) is valid through today.
	got := trainingGaps(nil, nil, ws, nil, at("2026-07-01"))
	assert.Equal(t, []TrainingGap{
		{Person: "alice", Name: "Alice", Training: "awareness", TrainingTitle: "Awareness", Status: GapExpired, LastCompleted: "2025-06-30", ExpiredOn: "2026-06-30", RequiredByRoles: []string{"employee"}, Findings: []GapFinding{}},
		{Person: "erin", Training: "code-review", Status: GapNever, RequiredByRoles: []string{"developer"}, Findings: []GapFinding{}},
	}, got)

	// A record from the learning-management system renews alice's awareness.
	records := []Completion{{Person: "alice", Training: "awareness", CompletedOn: day("2026-06-15"), Source: "lms.csv:2"}}
	got = trainingGaps(nil, nil, ws, records, at("2026-07-01"))
	require.Len(t, got, 1)
	assert.Equal(t, "erin", got[0].Person)

	// An older record does not replace a newer workspace completion.
	records = []Completion{{Person: "bob", Training: "awareness", CompletedOn: day("2024-01-01")}}
	got = trainingGaps(nil, nil, ws, records, at("2026-07-01"))
	for _, g := range got {
		assert.NotEqual(t, "bob", g.Person)
	}
}

func TestTrainingGapsFindingBased(t *testing.T) {
	t.Parallel()
	ws := trainingWorkspace(t)
	repoFail := res("GH-REPO-001", finding.High, finding.Fail, "github.repository", "github.com/acme/pay", "pay")
	repoFail.Training = []string{"code-review"}
	iamFail := res("AWS-IAM-001", finding.High, finding.Fail, "aws.iam.user", "arn:aws:iam::111122223333:user/bob", "")
	iamFail.Training = []string{"cloud"}
	ciFail := res("AWS-IAM-001", finding.High, finding.Fail, "aws.iam.user", "arn:aws:iam::111122223333:user/ci", "")
	ciFail.Training = []string{"cloud"}
	orgFail := res("GH-ORG-001", finding.Critical, finding.Fail, "github.organization", "github.com/acme", "")
	orgFail.Training = []string{"cloud"}
	passing := res("AWS-IAM-001", finding.High, finding.Pass, "aws.iam.user", "arn:aws:iam::111122223333:user/bob", "")
	passing.Training = []string{"cloud"}
	resources := []evidence.Resource{
		{Type: "github.repository", ID: "github.com/acme/pay", Attributes: map[string]any{"admins": []any{"alice-gh", map[string]any{"login": "carol"}, "stranger"}}},
		{Type: "aws.iam.user", ID: "arn:aws:iam::111122223333:user/bob", Attributes: map[string]any{"user_name": "bob"}},
		{Type: "aws.iam.user", ID: "arn:aws:iam::111122223333:user/ci", Attributes: map[string]any{"user_name": "ci"}},
		{Type: "github.organization", ID: "github.com/acme", Attributes: map[string]any{"owners": []any{"carol"}}},
	}
	got := trainingGaps([]finding.Finding{repoFail, iamFail, ciFail, orgFail, passing}, resources, ws, nil, at("2026-07-01"))

	byKey := map[[2]string]TrainingGap{}
	for _, g := range got {
		byKey[[2]string{g.Person, g.Training}] = g
	}
	// alice completed code-review (no expiry): no gap although she is an admin.
	_, aliceGap := byKey[[2]string{"alice", "code-review"}]
	assert.False(t, aliceGap)
	// carol is a repository admin (login object) without code-review.
	carol := byKey[[2]string{"carol", "code-review"}]
	assert.Equal(t, GapNever, carol.Status)
	assert.Empty(t, carol.RequiredByRoles, "carol's roles do not require it: the gap comes from the finding")
	assert.Equal(t, []GapFinding{{ControlID: "GH-REPO-001", Severity: finding.High, ResourceType: "github.repository", ResourceID: "github.com/acme/pay",
		Fingerprint: repoFail.Fingerprint, Attribution: "admin of github.com/acme/pay (GitHub carol)"}}, carol.Findings)
	// erin owns the system and is a developer: one gap with both reasons.
	erin := byKey[[2]string{"erin", "code-review"}]
	assert.Equal(t, []string{"developer"}, erin.RequiredByRoles)
	require.Len(t, erin.Findings, 1)
	assert.Equal(t, "owner of system pay", erin.Findings[0].Attribution)
	// bob by IAM user name, dave by IAM ARN; the passing result is no evidence.
	require.Len(t, byKey[[2]string{"bob", "cloud"}].Findings, 1)
	assert.Equal(t, "IAM user bob", byKey[[2]string{"bob", "cloud"}].Findings[0].Attribution)
	assert.Equal(t, "IAM user arn:aws:iam::111122223333:user/ci", byKey[[2]string{"dave", "cloud"}].Findings[0].Attribution)
	// carol owns the organisation.
	assert.Equal(t, "owner of github.com/acme (GitHub carol)", byKey[[2]string{"carol", "cloud"}].Findings[0].Attribution)
	// Nobody unknown ("stranger") produced a gap.
	for _, g := range got {
		assert.NotEmpty(t, g.Person)
	}
}

// The GitHub collector builds Go types ([]string, []map[string]any); after
// the hand-off (evidence.Normalize) attribution reads them like a loaded
// snapshot's.
func TestAttributionFromCollectorShapes(t *testing.T) {
	t.Parallel()
	ws := trainingWorkspace(t)
	repoFail := res("GH-REPO-001", finding.High, finding.Fail, "github.repository", "github.com/acme/web", "")
	repoFail.Training = []string{"code-review"}
	orgFail := res("GH-ORG-001", finding.High, finding.Fail, "github.organization", "github.com/acme", "")
	orgFail.Training = []string{"cloud"}
	resources := []evidence.Resource{
		{Type: "github.repository", ID: "github.com/acme/web", Attributes: map[string]any{"collaborators": []map[string]any{
			{"login": "CAROL", "permission": "admin"},
			{"login": "bob", "permission": "write"},
		}}},
		{Type: "github.organization", ID: "github.com/acme", Attributes: map[string]any{"owners": []string{"bob"}}},
	}
	got := trainingGaps([]finding.Finding{repoFail, orgFail}, handedOff(t, resources...), ws, nil, at("2026-07-01"))
	var who []string
	for _, g := range got {
		for _, f := range g.Findings {
			who = append(who, g.Person+" "+g.Training+": "+f.Attribution)
		}
	}
	assert.Equal(t, []string{
		"bob cloud: owner of github.com/acme (GitHub bob)",
		"carol code-review: admin of github.com/acme/web (GitHub CAROL)",
	}, who, "bob only writes to the repository: not attributed")
}
