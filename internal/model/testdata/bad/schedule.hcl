schedule "nightly" {
  cron    = "0 2 * *"
  collect = ["github", "github"]
}

schedule "nightly" {
  cron = "@daily"
}

schedule "berlin" {
  cron     = "30 6 * * 1-5"
  timezone = "Mars/Olympus"
}

schedule "both" {
  cron     = "@hourly"
  collect  = ["aws"]
  evidence = ["evidence/aws.json"]
}

notify "ops" {
  webhook = "ftp://hooks.example.com/T000/B000/secret"
  format  = "xml"
  on      = ["new_critical", "everything"]
}

notify "twice" {
  webhook     = "https://hooks.example.com/x"
  webhook_env = "OPS_WEBHOOK"
  on          = []
}
