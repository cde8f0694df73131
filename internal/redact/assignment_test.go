package redact

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAssignment(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, value string
		want        []string
	}{
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", []string{AWSSecretKey}},
		{"DEPLOY_KEY_ID", "AKIAIOSFODNN7EXAMPLE", []string{AWSAccessKeyID}},
		{"GH_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", []string{GitHubToken}},
		{"DATABASE_URL", "postgres://app:hunter2@db.internal:5432/orders", []string{URLPassword}},
		{"LOG_LEVEL", "debug", nil},
		{"TABLE_NAME", "orders", nil},
		{"SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, c.want, Assignment(c.name, c.value))
		})
	}
}

func TestEnvironment(t *testing.T) {
	t.Parallel()
	names, secretLike := Environment(map[string]string{
		"TABLE": "orders", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "A": "",
	})
	require.Equal(t, []string{"A", "AWS_SECRET_ACCESS_KEY", "TABLE"}, names)
	require.Equal(t, []any{map[string]any{"name": "AWS_SECRET_ACCESS_KEY", "kinds": []string{AWSSecretKey}}}, secretLike)
	names, secretLike = Environment(nil)
	require.Equal(t, []string{}, names)
	require.Equal(t, []any{}, secretLike)
}
