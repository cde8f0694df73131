settings {
  risk_appetite = 40
  alert_sla     = { critical = "soon" }
}

person "ann" {
  completed = { "t" = "01/02/2026" }
}

training "t" {
  valid_for = "a year"
}

system "shop" {
  owner          = "ann"
  classification = "secret"
  aws {
    account_id = "1234"
  }
}

risk "r" {
  title      = "R"
  likelihood = 0
  impact     = 6
}

policy "p" {
  title        = "P"
  approved     = "2026-13-01"
  review_every = "-5d"
  statement "s" {
    text = "S"
  }
}

waiver "w" {
  control     = "GH-REPO-001"
  resources   = []
  reason      = " "
  approved_by = "ann"
  expires     = "next year"
}
