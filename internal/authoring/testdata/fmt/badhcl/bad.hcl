risk "r" {
  title = = "x"
}
