# Leaves the scanned folder: refused, and blocking (not_collected).
module "out" {
  source = "../../../../tmp/x"
}

# A path through .. that stays inside is judged where it lands, and read.
module "back" {
  source = "./inner/../inner"
}
