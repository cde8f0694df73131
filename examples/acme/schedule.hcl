# When `rampart serve examples/acme --store file:…` audits Acme (docs/serve.md).
# No collect: the recorded snapshots in evidence/, so the example needs no
# network and no credentials. A live schedule names its collectors:
#   schedule "nightly-live" { cron = "0 2 * * *"  collect = ["github", "aws"] }

schedule "nightly" {
  cron             = "0 2 * * *"
  timezone         = "Europe/Berlin"
  frameworks       = ["iso27001-2022"]
  training_records = "training-records.csv"
}

# Where the security team hears about regressions. The URL is a secret
# (an incoming webhook's path is its credential): it comes from the
# environment, never from Git. Unset, the server logs that nothing was sent.
notify "security-team" {
  webhook_env = "ACME_SLACK_WEBHOOK"
  format      = "slack"
  on          = ["new_critical", "new_high", "waiver_expired", "coverage_lost"]
}
