person "ann" {
  completed = { "code-reviw" = "2026-01-01" }
}

training "code-review" {
  controls = ["GH-REPO-001"]
}

system "shop" {
  owner          = "anne"
  classification = "internal"
  github {
    org = "acme"
  }
}

risk "r" {
  title       = "R"
  likelihood  = 2
  impact      = 2
  mitigations = ["reveiw", "review"]
}

mitigation "review" {
  controls = ["GH-REPO-001", "GH-REPO-999"]
}

waiver "w" {
  control     = "GH-NOPE-001"
  resources   = ["github.com/acme/x"]
  reason      = "because"
  approved_by = "ann"
  expires     = "2027-01-01"
  risk        = "nope"
}
