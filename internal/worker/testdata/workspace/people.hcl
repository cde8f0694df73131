person "alice" {
  name   = "Alice Moreau"
  email  = "alice@acme-payments.example"
  roles  = ["employee", "cto", "developer"]
  github = "alice-acme"
  completed = {
    "security-awareness" = "2026-03-02"
    "secure-code-review" = "2025-05-14"
  }
}

person "bob" {
  name    = "Bob Okafor"
  email   = "bob@acme-payments.example"
  roles   = ["employee", "developer", "system-owner"]
  github  = "bobo"
  aws_iam = ["bob"]
  completed = {
    "security-awareness" = "2025-08-20"
  }
}

person "carol" {
  name   = "Carol Lindqvist"
  email  = "carol@acme-payments.example"
  roles  = ["employee", "iso"]
  github = "carol-sec"
  completed = {
    "security-awareness" = "2026-01-10"
    "cloud-security"     = "2026-02-01"
  }
}

person "dave" {
  name    = "Dave Chen"
  email   = "dave@acme-payments.example"
  roles   = ["employee", "platform-engineer", "system-owner"]
  github  = "dchen"
  aws_iam = ["dave", "terraform-ci"]
  completed = {
    "security-awareness" = "2026-04-18"
    "cloud-security"     = "2024-09-30"
  }
}

person "erin" {
  name   = "Erin Walsh"
  email  = "erin@acme-payments.example"
  roles  = ["employee", "developer"]
  github = "erinw"
  completed = {
    "security-awareness" = "2026-06-01"
    "secure-code-review" = "2026-06-15"
  }
}

person "frank" {
  name    = "Frank Alvarez"
  email   = "frank@contractor.example"
  roles   = ["developer"]
  github  = "frank-contract"
  aws_iam = ["frank"]
}

person "grace" {
  name  = "Grace Kim"
  email = "grace@acme-payments.example"
  roles = ["employee", "support"]
  completed = {
    "security-awareness" = "2026-09-09"
  }
}
