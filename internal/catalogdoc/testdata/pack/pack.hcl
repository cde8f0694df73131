risk "data-exposure" {
  title       = "Data exposed | leaked"
  likelihood  = 3
  impact      = 4
  mitigations = ["storage-protection"]
}

mitigation "storage-protection" {
  title    = "Private and encrypted storage"
  controls = ["AWS-S3-001"]
}

training "cloud-storage" {
  title        = "Cloud storage hygiene"
  required_for = ["developer"]
  controls     = ["AWS-S3-001"]
}

policy "data-protection" {
  title = "Data Protection Policy"

  statement "encrypt" {
    text     = "Stored data is encrypted at rest."
    controls = ["AWS-S3-001"]
  }
}
