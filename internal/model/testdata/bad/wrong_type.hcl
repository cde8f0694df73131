risk "r" {
  title      = "R"
  likelihood = "high"
  impact     = 3
}
