risk "data-exposure" {
  title       = "Data exposed to the internet"
  likelihood  = 3
  impact      = 4
  mitigations = ["storage-protection"]
}

mitigation "storage-protection" {
  title    = "Private and encrypted storage"
  controls = ["AWS-S3-001"]
}
