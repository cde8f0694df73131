package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The GitHub control parameters reach controls as input.settings with
// their defaults applied, so an audit without them sees what the controls
// decided before they were parameters.
func TestGitHubSettingsControlInput(t *testing.T) {
	t.Parallel()
	def := Settings{}.ControlInput()
	assert.Equal(t, 1, def["required_approving_reviews"])
	assert.Equal(t, "confidential", def["signed_commits"])
	assert.Equal(t, 90, def["inactive_repository_days"])
	got := Settings{RequiredApprovingReviews: 2, SignedCommits: "all", InactiveRepositoryDays: 365}.ControlInput()
	assert.Equal(t, 2, got["required_approving_reviews"])
	assert.Equal(t, "all", got["signed_commits"])
	assert.Equal(t, 365, got["inactive_repository_days"])
	// A Settings built without validation never hands a control a value it
	// would misread: an unknown scope falls back to the default.
	assert.Equal(t, "confidential", Settings{SignedCommits: "everywhere"}.ControlInput()["signed_commits"])
}

// Bad values are errors at the attribute (file:line:column); good ones and
// the defaults land in the model.
func TestGitHubSettingsValidation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name              string
		src               string
		diags             []string
		reviews, inactive int
		signed            string
	}{
		{"defaults", "settings {\n  risk_appetite = 10\n}\n", nil, 1, 90, "confidential"},
		{"stricter readings", "settings {\n  required_approving_reviews = 2\n  signed_commits = \"all\"\n  inactive_repository_days = 180\n}\n", nil, 2, 180, "all"},
		{"bad values", "settings {\n  required_approving_reviews = -1\n  signed_commits = \"everywhere\"\n  inactive_repository_days = -5\n}\n", []string{
			"2:32: required_approving_reviews is -1; it must be 1 or more.",
			`3:20: signed_commits is "everywhere"; it must be one of all, confidential.`,
			"4:30: inactive_repository_days is -5; it must be 1 or more.",
		}, -1, -5, "everywhere"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws, got := loadSettings(t, tc.src)
			assert.Equal(t, tc.diags, got)
			assert.Equal(t, tc.reviews, ws.Settings.RequiredApprovingReviews)
			assert.Equal(t, tc.signed, ws.Settings.SignedCommits)
			assert.Equal(t, tc.inactive, ws.Settings.InactiveRepositoryDays)
		})
	}
}
