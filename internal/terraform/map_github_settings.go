package terraform

import "github.com/zclconf/go-cty/cty"

// githubOrgSettings maps the organisation settings of the depth controls:
// what github_organization_settings and github_actions_runner_group
// manage, and, as unknown with the reason, what only the live API can
// tell (the provider has no argument for it). runner_groups lists the
// groups of the configuration, like rulesets: the organisation's Default
// group is GitHub's and is judged live.
func githubOrgSettings(m *mapper, b *builder, in *Instance) {
	// The provider's default for members_can_fork_private_repositories is false.
	b.set("members_can_fork_private_repositories", get(in.Body, "members_can_fork_private_repositories"), false)
	for attr, why := range map[string]string{
		"is_verified":                              "domain verification is not managed by the Terraform GitHub provider",
		"saml_sso_enabled":                         "SAML single sign-on is not managed by the Terraform GitHub provider",
		"members_can_delete_repositories":          "not an argument of github_organization_settings: only known live",
		"members_can_change_repo_visibility":       "not an argument of github_organization_settings: only known live",
		"members_can_invite_outside_collaborators": "not an argument of github_organization_settings: only known live",
		"actions_secrets":                          "when a secret was last rotated is only known live",
	} {
		b.unknown(attr, why)
	}
	groups := []any{}
	for _, g := range sameRoot(m.byType["github_actions_runner_group"], in) {
		entry := map[string]any{}
		for k, def := range map[string]cty.Value{
			"name": cty.NilVal, "visibility": cty.NilVal,
			// The provider's defaults.
			"allows_public_repositories": cty.False, "restricted_to_workflows": cty.False,
		} {
			b.setIn(entry, "runner_groups", k, orDefault(get(g.Body, k), def), nil)
		}
		entry["default"] = false // the default group is GitHub's, never created by Terraform
		groups = append(groups, entry)
	}
	b.r.Attributes["runner_groups"] = groups
}

// githubRepoSettings maps the repository settings of the depth controls.
func githubRepoSettings(b *builder, in *Instance) {
	b.set("delete_branch_on_merge", get(in.Body, "delete_branch_on_merge"), false)
	if v := get(in.Body, "allow_forking"); v != cty.NilVal {
		b.set("allow_forking", v, nil)
	} else {
		b.unknown("allow_forking", "allow_forking is not set: the organization's forking policy decides")
	}
	for attr, why := range map[string]string{
		"actions_secrets":             "when a secret was last rotated is only known live",
		"code_scanning_default_setup": "code scanning default setup is not managed by the Terraform GitHub provider",
		"immutable_releases":          "immutable releases are not managed by the Terraform GitHub provider",
		"has_security_policy":         "a SECURITY.md is repository content, not a setting the Terraform GitHub provider manages",
		"admins":                      "administrators through teams (and the teams' members) are only known live",
	} {
		b.unknown(attr, why)
	}
}
