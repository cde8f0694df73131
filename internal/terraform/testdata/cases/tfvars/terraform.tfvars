a    = "tfvars"
b    = "tfvars"
c    = "tfvars"
port = "22"
