# Acme Payments Ltd — a 60-person fintech. Systems own resources through
# selectors; their classification drives stricter controls (two reviews on
# confidential code, KMS encryption on confidential data).

system "payments" {
  name           = "Payments API and ledger"
  owner          = "bob"
  classification = "confidential"

  github {
    org   = "acme-payments"
    repos = ["payments-*", "ledger"]
  }

  aws {
    account_id = "111122223333"
    regions    = ["eu-west-1"]
  }
}

system "website" {
  name           = "Public website and docs"
  owner          = "erin"
  classification = "public"
  # The only system meant to be reached from the internet.
  internet_facing = true

  github {
    org   = "acme-payments"
    repos = ["website", "docs"]
  }

  aws {
    account_id = "444455556666"
  }
}

system "data-platform" {
  name           = "Analytics warehouse and pipelines"
  owner          = "dave"
  classification = "restricted"

  github {
    org   = "acme-payments"
    repos = ["data-*"]
  }

  aws {
    account_id = "111122223333"
    regions    = ["us-east-1"]
  }
}

system "engineering-platform" {
  name           = "Source control, CI and shared infrastructure"
  owner          = "alice"
  classification = "internal"

  # The whole organisation: every repository no other system claims, and
  # the organisation settings themselves.
  github {
    org = "acme-payments"
  }

  # IAM is global: users have no region, so the account-wide claim takes them.
  aws {
    account_id = "111122223333"
  }

  terraform {
    paths = ["terraform/*"]
  }
}
