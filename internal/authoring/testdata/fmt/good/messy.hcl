mitigation "m" {
  title = "T"
    controls = ["AWS-S3-001"]
}
