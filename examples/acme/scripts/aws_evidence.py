#!/usr/bin/env python3
"""Writes examples/acme/evidence/aws.json: a recorded snapshot shaped like
`rampart collect aws` output (attributes per docs/resources.md) for Acme's
production account 111122223333, plus one scope of the website account the
collector's role could not read. Run from examples/acme:
python3 scripts/aws_evidence.py"""
import json

TS = "2026-11-20T06:00:00Z"
ACCT = "111122223333"
SRC = {"kind": "recorded", "collector": "aws", "collected_at": TS}
REGIONS = ["eu-west-1", "us-east-1"]


def res(rtype, rid, attrs, region=None):
    scope = {"platform": "aws", "account_id": ACCT}
    if region:
        scope["region"] = region
    return {"type": rtype, "id": rid, "scope": scope, "source": SRC, "attributes": attrs}


def user(name, console, mfa, keys, policies=None, groups=None):
    a = {"user_name": name, "arn": f"arn:aws:iam::{ACCT}:user/{name}",
         "user_id": "AIDA" + (name.upper().replace("-", "") + "X" * 17)[:17],
         "create_date": "2023-02-14T09:12:44Z", "password_enabled": console,
         "mfa_devices": [{"serial_number": f"arn:aws:iam::{ACCT}:mfa/{name}"}] if mfa else [],
         "access_keys": keys, "attached_policies": policies or [], "inline_policies": [],
         "groups": groups if groups is not None else (["developers"] if console else [])}
    if console:
        a["password_last_used"] = "2026-11-18T16:20:03Z"
    return res("aws.iam.user", a["arn"], a)


def key(kid, status, created, used=None):
    k = {"access_key_id": kid, "status": status, "create_date": created}
    if used:
        k["last_used_date"] = used
    return k


PAB_ON = {"configured": True, "block_public_acls": True, "ignore_public_acls": True,
          "block_public_policy": True, "restrict_public_buckets": True}


def tls_only(bucket):
    return {"present": True, "document": {"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}


def bucket(name, region, pab, enc, policy, logging=True, versioning=True, grants=None):
    return res("aws.s3.bucket", f"arn:aws:s3:::{name}", {
        "name": name, "region": region, "creation_date": "2024-03-01T10:00:00Z",
        "public_access_block": pab, "encryption": enc,
        "versioning": {"enabled": versioning, "status": "Enabled" if versioning else "Suspended", "mfa_delete": False},
        "logging": {"enabled": logging, "target_bucket": "acme-access-logs"} if logging else {"enabled": False},
        "policy": policy, "public_acl_grants": grants or []}, region)


ALL_OUT = [{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": [], "source_groups": []}]


def sg(gid, name, region, default, ingress, egress):
    vpc = "vpc-0a1b2c3d4e5f60001" if region == "eu-west-1" else "vpc-0f9e8d7c6b5a40002"
    return res("aws.ec2.security_group", f"arn:aws:ec2:{region}:{ACCT}:security-group/{gid}",
               {"group_id": gid, "group_name": name, "vpc_id": vpc, "is_default": default,
                "ingress": ingress, "egress": egress}, region)


def kms_arn(region, kid):
    return f"arn:aws:kms:{region}:{ACCT}:key/{kid}"


LEDGER_KEY = kms_arn("eu-west-1", "1f2e3d4c-5b6a-4798-8877-665544332211")
ANALYTICS_KEY = kms_arn("us-east-1", "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d")

resources = [
    res("aws.account", f"arn:aws:iam::{ACCT}:root", {
        "account_id": ACCT,
        "password_policy": {"configured": True, "minimum_password_length": 12, "password_reuse_prevention": 24,
                            "max_password_age": 90, "require_symbols": True, "require_numbers": True,
                            "require_uppercase_characters": True, "require_lowercase_characters": True,
                            "allow_users_to_change_password": True, "expire_passwords": True},
        "root": {"mfa_active": True, "access_keys_active": 0, "access_keys": [],
                 "password_last_used": "2026-01-09T14:02:00Z"},
        "s3_public_access_block": PAB_ON,
        "security_contact": {"configured": True},
        "regions": {
            "eu-west-1": {"ebs_encryption_by_default": True,
                          "guardduty": {"enabled": True, "detector_id": "12abc34d567e8fa901bc2d34e56789f0", "status": "ENABLED"},
                          "config_recorder": {"configured": True, "name": "default", "recording": True, "all_supported": True,
                                              "include_global_resource_types": True, "last_status": "SUCCESS"}},
            "us-east-1": {"ebs_encryption_by_default": False,
                          "guardduty": {"enabled": False},
                          "config_recorder": {"configured": False}},
        }}),
    user("bob", True, True, [key("AKIAIOSFODNN7BOB0001", "Active", "2026-10-01T08:00:00Z", "2026-11-19T22:10:00Z")]),
    user("dave", True, True, []),
    user("frank", True, False, [key("AKIAIOSFODNN7FRANK01", "Active", "2025-01-10T12:00:00Z", "2026-11-02T09:00:00Z")],
         policies=[{"policy_name": "AdministratorAccess", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]),
    user("terraform-ci", False, False, [key("AKIAIOSFODNN7TFCI001", "Active", "2025-06-03T07:45:00Z", "2026-11-20T05:55:00Z"),
                                        key("AKIAIOSFODNN7TFCI002", "Inactive", "2024-01-15T07:45:00Z", "2024-12-01T00:00:00Z")],
         groups=["deployers"]),
    res("aws.iam.policy", f"arn:aws:iam::{ACCT}:policy/break-glass-admin", {
        "policy_name": "break-glass-admin", "arn": f"arn:aws:iam::{ACCT}:policy/break-glass-admin",
        "default_version_id": "v3", "attachment_count": 1,
        "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}),
    res("aws.iam.policy", f"arn:aws:iam::{ACCT}:policy/ledger-export-writer", {
        "policy_name": "ledger-export-writer", "arn": f"arn:aws:iam::{ACCT}:policy/ledger-export-writer",
        "default_version_id": "v1", "attachment_count": 1,
        "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:PutObject"],
                                                             "Resource": "arn:aws:s3:::acme-ledger-exports/*"}]}}),
    bucket("acme-ledger-exports", "eu-west-1", PAB_ON,
           {"enabled": True, "sse_algorithm": "aws:kms", "kms_key_id": LEDGER_KEY}, tls_only("acme-ledger-exports")),
    bucket("acme-payments-statements", "eu-west-1",
           {"configured": True, "block_public_acls": True, "ignore_public_acls": True,
            "block_public_policy": False, "restrict_public_buckets": False},
           {"enabled": True, "sse_algorithm": "AES256"}, {"present": False}, logging=False),
    bucket("acme-analytics-raw", "us-east-1", {"configured": False},
           {"enabled": True, "sse_algorithm": "aws:kms", "kms_key_id": ANALYTICS_KEY}, tls_only("acme-analytics-raw"),
           versioning=False, grants=[{"grantee": "AuthenticatedUsers", "permission": "READ"}]),
    sg("sg-0b7e5a1c2d3f40001", "bastion", "eu-west-1", False,
       [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": [], "source_groups": []}], ALL_OUT),
    sg("sg-0b7e5a1c2d3f40002", "payments-alb", "eu-west-1", False,
       [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": ["::/0"], "source_groups": []}], ALL_OUT),
    sg("sg-0b7e5a1c2d3f40003", "default", "eu-west-1", True, [], []),
    sg("sg-0f1e2d3c4b5a60004", "default", "us-east-1", True,
       [{"protocol": "-1", "cidr_ipv4": [], "cidr_ipv6": [], "source_groups": ["sg-0f1e2d3c4b5a60004"]}], ALL_OUT),
    res("aws.ec2.instance", f"arn:aws:ec2:eu-west-1:{ACCT}:instance/i-0a12b34c56d78e901", {
        "instance_id": "i-0a12b34c56d78e901", "vpc_id": "vpc-0a1b2c3d4e5f60001", "subnet_id": "subnet-0aa11bb22cc33dd44",
        "state": "running", "imdsv2_required": True, "metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"},
        "has_public_ip": False, "iam_instance_profile": f"arn:aws:iam::{ACCT}:instance-profile/payments-api"}, "eu-west-1"),
    res("aws.ec2.instance", f"arn:aws:ec2:eu-west-1:{ACCT}:instance/i-0b98c76d54e32f109", {
        "instance_id": "i-0b98c76d54e32f109", "vpc_id": "vpc-0a1b2c3d4e5f60001", "subnet_id": "subnet-0ee55ff66aa77bb88",
        "state": "running", "imdsv2_required": False, "metadata_options": {"http_tokens": "optional", "http_endpoint": "enabled"},
        "has_public_ip": True, "public_ip_address": "203.0.113.24"}, "eu-west-1"),
    res("aws.ec2.volume", f"arn:aws:ec2:eu-west-1:{ACCT}:volume/vol-0c1d2e3f4a5b60001", {
        "volume_id": "vol-0c1d2e3f4a5b60001", "state": "in-use", "encrypted": True, "kms_key_id": LEDGER_KEY, "size": 100}, "eu-west-1"),
    res("aws.ec2.volume", f"arn:aws:ec2:us-east-1:{ACCT}:volume/vol-0f9e8d7c6b5a40002", {
        "volume_id": "vol-0f9e8d7c6b5a40002", "state": "available", "encrypted": False, "size": 500}, "us-east-1"),
    res("aws.vpc", f"arn:aws:ec2:eu-west-1:{ACCT}:vpc/vpc-0a1b2c3d4e5f60001", {
        "vpc_id": "vpc-0a1b2c3d4e5f60001", "cidr_block": "10.20.0.0/16", "is_default": False,
        "flow_logs": [{"flow_log_id": "fl-0123456789abcdef0", "status": "ACTIVE", "traffic_type": "ALL"}]}, "eu-west-1"),
    res("aws.vpc", f"arn:aws:ec2:us-east-1:{ACCT}:vpc/vpc-0f9e8d7c6b5a40002", {
        "vpc_id": "vpc-0f9e8d7c6b5a40002", "cidr_block": "10.30.0.0/16", "is_default": False, "flow_logs": []}, "us-east-1"),
    res("aws.cloudtrail.trail", f"arn:aws:cloudtrail:eu-west-1:{ACCT}:trail/org-trail", {
        "name": "org-trail", "arn": f"arn:aws:cloudtrail:eu-west-1:{ACCT}:trail/org-trail", "home_region": "eu-west-1",
        "s3_bucket_name": "acme-cloudtrail-logs", "is_multi_region_trail": True, "is_organization_trail": False,
        "include_global_service_events": True, "log_file_validation_enabled": True, "kms_encrypted": False,
        "cloud_watch_logs_log_group_arn": f"arn:aws:logs:eu-west-1:{ACCT}:log-group:cloudtrail:*", "is_logging": True}, "eu-west-1"),
    res("aws.kms.key", LEDGER_KEY, {
        "key_id": "1f2e3d4c-5b6a-4798-8877-665544332211", "arn": LEDGER_KEY, "key_manager": "CUSTOMER",
        "customer_managed": True, "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Enabled", "rotation_enabled": True}, "eu-west-1"),
    res("aws.kms.key", ANALYTICS_KEY, {
        "key_id": "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "arn": ANALYTICS_KEY, "key_manager": "CUSTOMER",
        "customer_managed": True, "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Enabled", "rotation_enabled": False}, "us-east-1"),
    res("aws.rds.instance", f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod", {
        "db_instance_identifier": "ledger-prod", "arn": f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod", "engine": "postgres",
        "storage_encrypted": True, "publicly_accessible": False, "deletion_protection": True,
        "auto_minor_version_upgrade": True, "multi_az": True, "backup_retention_period": 14, "kms_key_id": LEDGER_KEY}, "eu-west-1"),
    res("aws.rds.instance", f"arn:aws:rds:us-east-1:{ACCT}:db:analytics-scratch", {
        "db_instance_identifier": "analytics-scratch", "arn": f"arn:aws:rds:us-east-1:{ACCT}:db:analytics-scratch",
        "engine": "mysql", "storage_encrypted": False, "publicly_accessible": True, "deletion_protection": False,
        "auto_minor_version_upgrade": False, "multi_az": False, "backup_retention_period": 0}, "us-east-1"),
]

snapshot = {
    "schema": "rampart.evidence/v1", "collected_at": TS, "collectors": ["aws"], "resources": resources,
    "not_collected": [{
        "resource_type": "aws.ec2.security_group",
        "scope": {"platform": "aws", "account_id": "444455556666", "region": "eu-west-1"},
        "scope_id": "aws:444455556666/eu-west-1",
        "reason": "UnauthorizedOperation: You are not authorized to perform this operation.",
        "missing_permission": "ec2:DescribeSecurityGroups"}],
}
with open("evidence/aws.json", "w") as f:
    json.dump(snapshot, f, indent=2)
    f.write("\n")
