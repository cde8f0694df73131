person "ann" {
}

person "ann" {
  roles = ["developer"]
}
