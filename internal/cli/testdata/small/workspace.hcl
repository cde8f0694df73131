system "platform" {
  owner          = "ann"
  classification = "internal"
  github {
    org = "small"
  }
}

person "ann" {
  roles  = ["employee", "developer"]
  github = "ann"
}
