# Every mistake is reported in one round: the risk's wrong-typed impact no
# longer hides its out-of-range likelihood and unknown owner, the system
# missing its owner still has its classification checked, and the waiver's
# reference to the broken risk is no second error.
risk "r" {
  title      = "t"
  likelihood = 9
  impact     = "high"
  owner      = "nobody"
}

system "s" {
  classification = "secret"
}

mitigation "m" {
  controls = ["GH-ORG-01"]
}

person "ann" {
  roles = ["employe"]
}

waiver "w" {
  control     = "GH-ORG-001"
  resources   = ["x"]
  reason      = "r"
  approved_by = "ann"
  expires     = "soon"
  risk        = "r"
}
