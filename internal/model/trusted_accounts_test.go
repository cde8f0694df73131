package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// aws_trusted_accounts reaches controls as input.settings.aws_trusted_accounts,
// sorted and without repeats; unset, it is an empty list (trust no one),
// never absent, so a control can tell "none trusted" from "not given".
func TestTrustedAccountsControlInput(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []any{}, Settings{}.ControlInput()["aws_trusted_accounts"])
	got := Settings{AWSTrustedAccounts: []string{"444455556666", "111122223333", "444455556666"}}.ControlInput()
	assert.Equal(t, []any{"111122223333", "444455556666"}, got["aws_trusted_accounts"])
}

// Each entry must be a 12-digit account ID; a bad one is an error at its
// own element (file:line:column), and the good ones are kept.
func TestTrustedAccountsValidation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		src   string
		diags []string // "line:col: detail"
		want  []string
	}{
		{"valid", `settings {
  aws_trusted_accounts = ["111122223333", "444455556666"]
}
`, nil, []string{"111122223333", "444455556666"}},
		{"unset", "settings {\n  risk_appetite = 10\n}\n", nil, nil},
		{"bad entries", `settings {
  aws_trusted_accounts = ["111122223333", "arn:aws:iam::444455556666:root", "12345"]
}
`, []string{
			`2:43: settings aws_trusted_accounts[1]: "arn:aws:iam::444455556666:root" is not an AWS account ID (12 digits, e.g. "123456789012").`,
			`2:77: settings aws_trusted_accounts[2]: "12345" is not an AWS account ID (12 digits, e.g. "123456789012").`,
		}, []string{"111122223333", "arn:aws:iam::444455556666:root", "12345"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws, got := loadSettings(t, tc.src)
			assert.Equal(t, tc.diags, got)
			assert.Equal(t, tc.want, ws.Settings.AWSTrustedAccounts)
		})
	}
}
