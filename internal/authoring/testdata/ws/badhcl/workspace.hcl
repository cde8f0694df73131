mitigation "broken" {
  controls = ["AWS-S3-001"
}
