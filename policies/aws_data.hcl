# AWS data services (issue 18): secrets, queues, topics, tables, logs,
# key policies and backups, linked to the data-exposure risk.

mitigation "aws-secrets-management" {
  title    = "Secrets rotate, are read only by the account's own or trusted principals, under a customer-managed key, and none lies unused"
  controls = ["AWS-SM-001", "AWS-SM-002", "AWS-SM-003", "AWS-SM-004", "AWS-SM-005", "AWS-SM-006"]
}

mitigation "aws-messaging-protection" {
  title    = "SNS topics and SQS queues are reachable only by named principals, allow named actions, and are encrypted at rest under a customer-managed key"
  controls = ["AWS-SNS-001", "AWS-SNS-002", "AWS-SNS-003", "AWS-SQS-001", "AWS-SQS-002", "AWS-SQS-003", "AWS-SQS-004"]
}

mitigation "aws-table-protection" {
  title    = "DynamoDB tables can be restored to any point of the last 35 days, cannot be deleted by one call, and are encrypted under a KMS key of the customer's"
  controls = ["AWS-DDB-001", "AWS-DDB-002", "AWS-DDB-003", "AWS-DDB-004"]
}

mitigation "aws-key-policies" {
  title    = "Customer-managed KMS key policies let in only the account's own principals and trusted accounts, never everyone"
  controls = ["AWS-KMS-002", "AWS-KMS-003"]
}
