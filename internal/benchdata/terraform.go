package benchdata

import (
	"fmt"
	"strings"
)

// TerraformRepository is BenchmarkGate's generated Terraform repository,
// in memory: n files (f000.tf, f001.tf, … by TerraformFileName) of 25
// top-level blocks each — buckets with v4 split resources, security groups
// with inline rules and separate rules, IAM users with keys, GitHub
// repositories with protection, locals referenced across blocks. The gate
// benchmark writes it to a folder; the Terraform child's parse-step
// benchmark (internal/hcllimit) parses it as the child would.
func TerraformRepository(n int) [][]byte {
	files := make([][]byte, n)
	for i := range n {
		var s strings.Builder
		fmt.Fprintf(&s, "locals {\n  p%d = \"acme-%d\"\n}\n\n", i, i)
		for j := range 4 {
			name := fmt.Sprintf("b%d_%d", i, j)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket\" %q {\n  bucket = \"${local.p%d}-%d\"\n  tags = { team = \"t%d\" }\n}\n\n", name, i, j, j)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket_server_side_encryption_configuration\" %q {\n  bucket = aws_s3_bucket.%s.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}\n\n", name, name)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket_public_access_block\" %q {\n  bucket = aws_s3_bucket.%s.id\n  block_public_acls = true\n  ignore_public_acls = true\n  block_public_policy = %t\n  restrict_public_buckets = true\n}\n\n", name, name, j != 0)
		}
		for j := range 4 {
			port := []int{22, 443, 5432, 3389}[j]
			fmt.Fprintf(&s, "resource \"aws_security_group\" \"sg%d_%d\" {\n  name = \"sg-%d-%d\"\n  vpc_id = \"vpc-1\"\n  ingress {\n    protocol = \"tcp\"\n    from_port = %d\n    to_port = %d\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n  ingress {\n    protocol = \"tcp\"\n    from_port = 443\n    to_port = 443\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\n", i, j, i, j, port, port)
		}
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"aws_security_group_rule\" \"r%d_%d\" {\n  type = \"ingress\"\n  security_group_id = aws_security_group.sg%d_%d.id\n  protocol = \"tcp\"\n  from_port = 8080\n  to_port = 8080\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n\n", i, j, i, j)
		}
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"aws_iam_user\" \"u%d_%d\" {\n  name = \"user-%d-%d\"\n}\n\n", i, j, i, j)
		}
		fmt.Fprintf(&s, "resource \"aws_iam_access_key\" \"k%d\" {\n  user = aws_iam_user.u%d_0.name\n}\n\n", i, i)
		for j := range 2 {
			fmt.Fprintf(&s, "resource \"github_repository\" \"repo%d_%d\" {\n  name = \"repo-%d-%d\"\n  visibility = \"private\"\n}\n\n", i, j, i, j)
		}
		fmt.Fprintf(&s, "resource \"github_branch_protection\" \"bp%d\" {\n  repository_id = github_repository.repo%d_0.node_id\n  pattern = \"main\"\n  required_pull_request_reviews {\n    required_approving_review_count = 2\n  }\n}\n\n", i, i)
		fmt.Fprintf(&s, "resource \"github_branch_default\" \"d%d\" {\n  repository = github_repository.repo%d_0.name\n  branch = \"main\"\n}\n", i, i)
		files[i] = []byte(s.String())
	}
	return files
}

// TerraformFileName is the name of file i of TerraformRepository.
func TerraformFileName(i int) string { return fmt.Sprintf("f%03d.tf", i) }
