mitigation "acme-storage" {
  title    = "ACME storage rules"
  controls = ["ACME-S3-010"]
}

risk "acme-leak" {
  title       = "ACME data leaks from a bucket"
  likelihood  = 2
  impact      = 5
  mitigations = ["acme-storage"]
}
