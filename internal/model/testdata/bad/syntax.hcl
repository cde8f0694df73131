system "shop" {
  owner = "ann"
  classification = "internal
}
