package redact

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScanLines(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		want       []LineFinding
	}{
		{"nothing", "#!/bin/bash\nyum install -y nginx\n", []LineFinding{}},
		{"key pair on two lines", "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
			[]LineFinding{{AWSAccessKeyID, 2}, {AWSSecretKey, 3}}},
		{"pem block", "a\n-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n", []LineFinding{{PEMBlock, 2}}},
		{"url password", "curl https://deploy:hunter2hunter2@repo.example.com/x", []LineFinding{{URLPassword, 1}}},
		{"keyword assignments", "DB_PASSWORD=hunter22\nmysql --password hunter22x\n{\"api_key\": \"abcdef123456\"}\n", []LineFinding{{KeywordSecret, 1}, {KeywordSecret, 2}, {KeywordSecret, 3}}},
		{"references are not secrets", "DB_PASSWORD=$DB_PASSWORD\nTOKEN=${var.token}\npassword: {{ vault_password }}\nread -s password\n", []LineFinding{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, ScanLines(tc.text))
		})
	}
}
