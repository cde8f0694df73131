mitigation "typo" {
  controls = ["AWS-S3-01"]
}
