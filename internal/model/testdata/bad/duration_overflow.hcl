settings {
  alert_sla = { critical = "2562048h" }
}

training "t" {
  valid_for = "200000d"
}

policy "p" {
  title        = "P"
  review_every = "110000d"
  statement "s" {
    text = "S"
  }
}
