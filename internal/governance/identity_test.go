package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

func TestIdentityWarnings(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.People = []*model.Person{
		{ID: "ann", GitHub: "Ann-GH", AWSIAM: []string{"ann"}},
		{ID: "bo", GitHub: "boo", AWSIAM: []string{"bo.old"}},
		{ID: "cy"},
		{ID: "di", GitHub: "DI-member"},
	}
	org := evidence.Resource{Type: "github.organization", ID: "github.com/acme", Attributes: map[string]any{"owners": []any{"ann-gh"}}}
	repo := evidence.Resource{Type: "github.repository", ID: "github.com/acme/app", Attributes: map[string]any{
		"collaborators": []any{map[string]any{"login": "cy", "permission": "write"}}}}
	member := evidence.Resource{Type: "github.member", ID: "github.com/acme/members/di-member", Attributes: map[string]any{"login": "di-member", "role": "member"}}
	user := evidence.Resource{Type: "aws.iam.user", ID: "arn:aws:iam::111122223333:user/ann", Attributes: map[string]any{"user_name": "ann"}}
	tests := []struct {
		name      string
		resources []evidence.Resource
		want      []string
	}{
		{"logins and IAM users read", handedOff(t, org, repo, member, user), []string{
			`person bo: GitHub login "boo" is no member, owner, admin or collaborator in the evidence, so nothing is attributed to them through it`,
			`person bo: aws_iam user "bo.old" is not an IAM user of the evidence, so nothing is attributed to them through it`,
		}},
		{"no identities in the evidence prove nothing", handedOff(t, evidence.Resource{Type: "github.repository", ID: "github.com/acme/x", Attributes: map[string]any{}}), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, identityWarnings(tc.resources, ws))
		})
	}
}
