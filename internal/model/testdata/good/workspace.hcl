settings {
  risk_appetite   = 10
  waiver_max_days = 180
  alert_sla       = { critical = "7d", high = "30d" }
}

system "shop" {
  owner          = "ann"
  classification = "confidential"
  github {
    org   = "acme"
    repos = ["shop-*"]
  }
  aws {
    account_id = "111122223333"
    regions    = ["eu-west-1"]
  }
}

system "platform" {
  owner          = "ann"
  classification = "internal"
  github {
    org = "acme"
  }
}

person "ann" {
  roles     = ["developer"]
  github    = "ann-gh"
  completed = { "code-review" = "2026-02-01" }
}

risk "bad-change" {
  title       = "Bad change"
  likelihood  = 3
  impact      = 4
  owner       = "ann"
  mitigations = ["review"]
}

mitigation "review" {
  controls = ["GH-REPO-001"]
}

training "code-review" {
  required_for = ["developer"]
  valid_for    = "52w"
  controls     = ["GH-REPO-001"]
}

policy "change" {
  title        = "Change policy"
  approved     = "2026-01-15"
  review_every = "365d"
  statement "review" {
    text     = "Changes are reviewed."
    controls = ["GH-REPO-001"]
  }
}

waiver "legacy" {
  control     = "GH-REPO-001"
  resources   = ["github.com/acme/legacy-*"]
  reason      = "archive"
  approved_by = "ann"
  expires     = "2027-03-31"
  risk        = "bad-change"
}
