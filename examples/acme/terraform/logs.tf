# CloudWatch Logs (issue 18): the payments API's log group keeps a year
# under the ledger key; the analytics ETL job added in this change logs to
# a group kept a week without a key (AWS-LOGS-001, AWS-LOGS-002).

resource "aws_cloudwatch_log_group" "payments_api" {
  name              = "/aws/lambda/payments-api"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.ledger.arn
}

resource "aws_cloudwatch_log_group" "analytics_etl" {
  name              = "/aws/lambda/analytics-etl"
  retention_in_days = 7
}
