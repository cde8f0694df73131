# The stand-in estate of the worker tests: the githubtest organisation
# "acme" and the awstest sample account in two regions.

system "payments" {
  name           = "Payments API and ledger"
  owner          = "bob"
  classification = "confidential"

  github {
    org = "acme"
  }

  aws {
    account_id = "111122223333"
    regions    = ["eu-west-1", "us-east-1"]
  }
}
