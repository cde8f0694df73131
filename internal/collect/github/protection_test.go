package github

import (
	"encoding/json"
	"testing"

	gh "github.com/google/go-github/v60/github"
	"github.com/stretchr/testify/assert"
)

func rule(typ string, id int64, params map[string]any) ruleItem {
	b, _ := json.Marshal(params)
	return ruleItem{Type: typ, RulesetID: id, RulesetSourceType: "Repository", Parameters: b}
}

func binds(v bool) func(ruleItem) (*bool, string) {
	return func(ruleItem) (*bool, string) { return &v, "" }
}

func unreadable(ruleItem) (*bool, string) { return nil, "bypass list not returned" }

func TestEffectiveProtection(t *testing.T) {
	t.Parallel()
	classic := &gh.Protection{
		RequiredPullRequestReviews: &gh.PullRequestReviewsEnforcement{RequiredApprovingReviewCount: 3, DismissStaleReviews: true},
		EnforceAdmins:              &gh.AdminEnforcement{Enabled: false},
		AllowForcePushes:           &gh.AllowForcePushes{Enabled: true},
		AllowDeletions:             &gh.AllowDeletions{Enabled: true},
		RequiredStatusChecks:       &gh.RequiredStatusChecks{Strict: true, Contexts: &[]string{"ci"}},
	}
	prRule := rule("pull_request", 1, map[string]any{"required_approving_review_count": 1, "require_code_owner_review": true})
	lost := source{reason: "classic branch protection: 403 …"}
	for _, tc := range []struct {
		name        string
		classic     source
		rules       source
		want        map[string]any
		wantUnknown []string
	}{
		{
			name:    "nothing protects the branch",
			classic: classicSource(nil), rules: rulesSource(nil, binds(true)),
			want: map[string]any{"protected": false, "required_approving_review_count": 0, "allow_force_pushes": true, "allow_deletions": true, "enforce_admins": false, "required_status_checks_enabled": false},
		},
		{
			name:    "classic only",
			classic: classicSource(classic), rules: rulesSource(nil, binds(true)),
			want: map[string]any{"protected": true, "required_approving_review_count": 3, "dismiss_stale_reviews": true, "allow_force_pushes": true, "allow_deletions": true, "enforce_admins": false, "required_status_checks_enabled": true, "required_status_checks_strict": true},
		},
		{
			name:    "strictest of classic and rulesets wins per setting",
			classic: classicSource(classic),
			rules:   rulesSource([]ruleItem{prRule, rule("non_fast_forward", 1, nil), rule("deletion", 1, nil)}, binds(true)),
			want: map[string]any{"protected": true, "required_approving_review_count": 3, "dismiss_stale_reviews": true, "require_code_owner_reviews": true,
				"allow_force_pushes": false, "allow_deletions": false, "enforce_admins": true, "required_status_checks": []string{"ci"}},
		},
		{
			name:    "a ruleset with an admin bypass does not bind admins",
			classic: classicSource(nil), rules: rulesSource([]ruleItem{prRule}, binds(false)),
			want: map[string]any{"protected": true, "enforce_admins": false, "required_approving_review_count": 1},
		},
		{
			name:    "unreadable classic: the ruleset still decides what it makes strict",
			classic: lost, rules: rulesSource([]ruleItem{rule("non_fast_forward", 2, nil)}, binds(true)),
			want:        map[string]any{"protected": true, "allow_force_pushes": false, "enforce_admins": true},
			wantUnknown: []string{"allow_deletions", "required_approving_review_count", "dismiss_stale_reviews", "required_signatures"},
		},
		{
			name:    "unreadable classic and no rules: nothing is known",
			classic: lost, rules: rulesSource(nil, binds(true)),
			want:        map[string]any{},
			wantUnknown: []string{"protected", "allow_force_pushes", "enforce_admins", "required_approving_review_count"},
		},
		{
			name:    "unreadable bypass list leaves enforce_admins unknown",
			classic: classicSource(nil), rules: rulesSource([]ruleItem{prRule}, unreadable),
			want:        map[string]any{"protected": true, "required_approving_review_count": 1},
			wantUnknown: []string{"enforce_admins"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, unknown := effective(tc.classic, tc.rules)
			for k, v := range tc.want {
				assert.Equal(t, v, got[k], k)
			}
			for _, k := range tc.wantUnknown {
				_, present := got[k]
				assert.False(t, present, "%s must be absent when unknown", k)
				assert.NotEmpty(t, unknown["default_branch_protection."+k], k)
			}
			for k := range unknown {
				_, present := got[k[len("default_branch_protection."):]]
				assert.False(t, present, "%s is both set and unknown", k)
			}
		})
	}
}

func TestRulesetBindsAdmins(t *testing.T) {
	t.Parallel()
	actor := func(typ string, id int64) *gh.BypassActor { return &gh.BypassActor{ActorType: &typ, ActorID: &id} }
	assert.True(t, rulesetBindsAdmins(nil))
	assert.True(t, rulesetBindsAdmins([]*gh.BypassActor{actor("Team", 5), actor("RepositoryRole", 2)}))
	assert.False(t, rulesetBindsAdmins([]*gh.BypassActor{actor("RepositoryRole", 5)}))
	assert.False(t, rulesetBindsAdmins([]*gh.BypassActor{actor("OrganizationAdmin", 1)}))
}
