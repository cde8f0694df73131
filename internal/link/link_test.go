package link

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

func workspace(expires string) *model.Workspace {
	exp, _ := model.ParseDate(expires)
	return &model.Workspace{
		Risks:       []*model.Risk{{ID: "unreviewed", Mitigations: []string{"review"}}, {ID: "insider", Mitigations: []string{"review", "mfa"}}},
		Mitigations: []*model.Mitigation{{ID: "review", Controls: []string{"GH-REPO-001"}}, {ID: "mfa", Controls: []string{"GH-ORG-001"}}},
		Trainings:   []*model.Training{{ID: "code-review", Controls: []string{"GH-REPO-001"}}},
		Policies:    []*model.Policy{{ID: "change", Statements: []model.Statement{{ID: "review", Controls: []string{"GH-REPO-001"}}}}},
		Waivers: []*model.Waiver{
			{ID: "legacy", Control: "GH-REPO-001", Resources: []string{"github.com/acme/legacy-*"}, Expires: expires, ExpiresOn: exp},
			{ID: "orphan", Control: "GH-REPO-001", Resources: []string{"github.com/other/*"}, Expires: expires, ExpiresOn: exp},
		},
	}
}

func findings() []finding.Finding {
	mk := func(control, id string, s finding.Status) finding.Finding {
		return finding.Finding{ControlID: control, Status: s, Message: "m", Resource: &finding.ResourceRef{Type: "github.repository", ID: id}}
	}
	return []finding.Finding{
		mk("GH-REPO-001", "github.com/acme/legacy-billing", finding.Fail),
		mk("GH-REPO-001", "github.com/acme/legacy-docs", finding.Pass),
		mk("GH-REPO-001", "github.com/acme/shop", finding.Fail),
		mk("GH-ORG-001", "github.com/acme", finding.Fail),
	}
}

func TestApplyLinksGovernance(t *testing.T) {
	t.Parallel()
	in := findings()
	out, _ := Apply(in, workspace("2027-03-31"), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, []string{"review"}, out[2].Mitigations)
	assert.Equal(t, []string{"insider", "unreviewed"}, out[2].Risks)
	assert.Equal(t, []string{"code-review"}, out[2].Training)
	assert.Equal(t, []string{"change/review"}, out[2].Policies)
	assert.Equal(t, []string{"mfa"}, out[3].Mitigations)
	assert.Equal(t, []string{"insider"}, out[3].Risks)
	assert.Equal(t, []string{}, out[3].Training, "empty lists stay lists in JSON")
	assert.Same(t, &in[0], &out[0], "Apply links in place: no copy of the findings")
	assert.Same(t, &out[0].Risks[0], &out[2].Risks[0], "a control's findings share its risks")
}

func TestWaiverNeverHidesUnevaluatedResults(t *testing.T) {
	t.Parallel()
	fs := []finding.Finding{{ControlID: "GH-REPO-001", Status: finding.NotEvaluated, Resource: &finding.ResourceRef{ID: "github.com/acme/legacy-x"}}}
	out, _ := Apply(fs, workspace("2027-03-31"), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	require.Len(t, out, 1)
	assert.Equal(t, finding.NotEvaluated, out[0].Status)
}
