person "ann" {
  roles = ["developer"]
  phone = "555-0100"
}

server "web" {
}
