module "self" {
  source = "./"
}

module "a" {
  source = "./a"
}
