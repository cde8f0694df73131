variable "n" {
  type = number
}

variable "names" {
  type = set(string)
}

module "m" {
  source = "./mod"
  count  = var.n
  name   = "counted-${count.index}"
}

module "each" {
  source   = "./mod"
  for_each = var.names
  name     = each.key
}

module "many" {
  source = "./mod"
  count  = 10001
  name   = "fixed"
}
