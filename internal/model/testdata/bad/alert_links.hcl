settings {
  alert_risks = { dependabot = ["supply-chian"], secrets = ["leak"] }
}

risk "leak" {
  title      = "Leak"
  likelihood = 3
  impact     = 5
  alerts     = ["secret_scanning", "dependabto"]
}

risk "supply-chain" {
  title      = "Supply chain"
  likelihood = 3
  impact     = 4
}
