#!/usr/bin/env python3
"""Writes examples/acme/evidence/aws.json: a recorded snapshot shaped like
`rampart collect aws` output (attributes per docs/resources.md) for Acme's
production account 111122223333, plus one scope of the website account the
collector's role could not read. It carries every type the AWS collector
produces and the collected list `rampart collect aws` writes (docs/resources.md,
"What a snapshot says it read"): the account scope with the global types, each
region with the regional ones. The story: eu-west-1 (payments) is looked after,
us-east-1 (analytics) is neglected; the CIS 4.x monitoring chain is set up for
five of its fifteen events, half-wired for two, missing for the rest. Run from
examples/acme: python3 scripts/aws_evidence.py"""
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
        "contact_information": {"configured": True},
        # The root user's MFA is a hardware key kept in the safe (CIS 1.6).
        "root_virtual_mfa": False,
        "saml_providers": 1, "oidc_providers": 0,
        "support_roles": ["support-desk"],
        "regions": {
            "eu-west-1": {"ebs_encryption_by_default": True,
                          "guardduty": {"enabled": True, "detector_id": "12abc34d567e8fa901bc2d34e56789f0", "status": "ENABLED"},
                          "config_recorder": {"configured": True, "name": "default", "recording": True, "all_supported": True,
                                              "include_global_resource_types": True, "last_status": "SUCCESS"},
                          "access_analyzer": {"enabled": True, "analyzers": [{"name": "acme-account", "type": "ACCOUNT", "status": "ACTIVE"}]},
                          "macie": {"enabled": True, "status": "ENABLED"},
                          "security_hub": {"enabled": True, "hub_arn": f"arn:aws:securityhub:eu-west-1:{ACCT}:hub/default"}},
            "us-east-1": {"ebs_encryption_by_default": False,
                          "guardduty": {"enabled": False},
                          "config_recorder": {"configured": False},
                          "access_analyzer": {"enabled": False, "analyzers": []},
                          "macie": {"enabled": False},
                          "security_hub": {"enabled": False}},
        }}),
    user("bob", True, True, [key("AKIAIOSFODNN7BOB0001", "Active", "2026-10-01T08:00:00Z", "2026-11-19T22:10:00Z")]),
    user("dave", True, True, []),
    user("frank", True, False, [key("AKIAIOSFODNN7FRANK01", "Active", "2025-01-10T12:00:00Z", "2026-11-02T09:00:00Z")],
         policies=[{"policy_name": "AdministratorAccess", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]),
    user("terraform-ci", False, False, [key("AKIAIOSFODNN7TFCI001", "Active", "2025-06-03T07:45:00Z", "2026-11-20T05:55:00Z"),
                                        key("AKIAIOSFODNN7TFCI002", "Inactive", "2024-01-15T07:45:00Z", "2024-12-01T00:00:00Z")],
         groups=["deployers"]),
    res("aws.iam.policy", f"arn:aws:iam::{ACCT}:policy/break-glass-admin", {
        "policy_name": "break-glass-admin", "arn": f"arn:aws:iam::{ACCT}:policy/break-glass-admin", "aws_managed": False,
        "default_version_id": "v3", "attachment_count": 1,
        "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}),
    res("aws.iam.policy", f"arn:aws:iam::{ACCT}:policy/ledger-export-writer", {
        "policy_name": "ledger-export-writer", "arn": f"arn:aws:iam::{ACCT}:policy/ledger-export-writer", "aws_managed": False,
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
        "cloud_watch_logs_log_group_arn": f"arn:aws:logs:eu-west-1:{ACCT}:log-group:cloudtrail:*", "is_logging": True,
        # Management events in full and S3 object writes (CIS 3.8); object reads (3.9) are not recorded.
        "event_selectors": [
            {"read_write_type": "All", "include_management_events": True, "data_resources": [], "exclude_management_event_sources": []},
            {"read_write_type": "WriteOnly", "include_management_events": False,
             "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}], "exclude_management_event_sources": []}],
        "advanced_event_selectors": [],
        "management_events": {"read": True, "write": True},
        "s3_data_events": {"read": False, "write": True}}, "eu-west-1"),
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



def role(name, trust, attached=None, inline=None, profiles=None, path="/"):
    arn = f"arn:aws:iam::{ACCT}:role/{name}"
    return res("aws.iam.role", arn, {
        "role_name": name, "arn": arn, "role_id": "AROA" + (name.upper().replace("-", "") + "X" * 17)[:17], "path": path,
        "create_date": "2024-05-06T10:00:00Z", "max_session_duration": 3600,
        "assume_role_policy": {"Version": "2012-10-17", "Statement": trust},
        "attached_policies": attached or [], "inline_policies": inline or [], "instance_profiles": profiles or [],
        "last_used_date": "2026-11-19T07:30:00Z", "last_used_region": "eu-west-1"})


def group(name, members, attached=None, inline=None):
    arn = f"arn:aws:iam::{ACCT}:group/{name}"
    return res("aws.iam.group", arn, {
        "group_name": name, "arn": arn, "group_id": "AGPA" + (name.upper().replace("-", "") + "X" * 17)[:17], "path": "/",
        "create_date": "2023-02-14T09:00:00Z", "attached_policies": attached or [], "inline_policies": inline or [],
        "members": members})


def cert(name, uploaded, expires):
    arn = f"arn:aws:iam::{ACCT}:server-certificate/{name}"
    return res("aws.iam.server_certificate", arn, {
        "server_certificate_name": name, "server_certificate_id": "ASCA" + (name.upper().replace("-", "") + "X" * 17)[:17],
        "arn": arn, "path": "/", "upload_date": uploaded, "expiration": expires})


SUPPORT_ACCESS = {"policy_name": "AWSSupportAccess", "policy_arn": "arn:aws:iam::aws:policy/AWSSupportAccess"}
ROOT_WITH_MFA = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "sts:AssumeRole",
                 "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}
ENFORCE_MFA = {"Version": "2012-10-17", "Statement": [{
    "Sid": "DenyAllWithoutMFA", "Effect": "Deny",
    "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
    "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}

resources += [
    role("support-desk", [ROOT_WITH_MFA], attached=[SUPPORT_ACCESS]),
    role("break-glass", [ROOT_WITH_MFA],
         attached=[{"policy_name": "break-glass-admin", "policy_arn": f"arn:aws:iam::{ACCT}:policy/break-glass-admin"}]),
    role("payments-api", [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
                           "Condition": {"StringEquals": {"aws:SourceAccount": ACCT}}}],
         profiles=[{"instance_profile_name": "payments-api", "arn": f"arn:aws:iam::{ACCT}:instance-profile/payments-api"}]),
    # The external auditor's account reads the estate; nobody gave it an external ID.
    role("vendor-audit", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole"}],
         attached=[{"policy_name": "SecurityAudit", "policy_arn": "arn:aws:iam::aws:policy/SecurityAudit"}]),
    group("developers", ["bob", "dave", "frank"], inline=[{"policy_name": "enforce-mfa", "document": ENFORCE_MFA}]),
    group("deployers", ["terraform-ci"],
          attached=[{"policy_name": "ledger-export-writer", "policy_arn": f"arn:aws:iam::{ACCT}:policy/ledger-export-writer"}]),
    cert("payments-api-2026", "2026-02-01T00:00:00Z", "2027-02-01T00:00:00Z"),
    # Left behind when the API moved to ACM.
    cert("payments-api-2024", "2024-02-01T00:00:00Z", "2025-02-01T00:00:00Z"),
    bucket("acme-cloudtrail-logs", "eu-west-1", PAB_ON,
           {"enabled": True, "sse_algorithm": "aws:kms", "kms_key_id": LEDGER_KEY}, tls_only("acme-cloudtrail-logs")),
    res("aws.efs.file_system", f"arn:aws:elasticfilesystem:eu-west-1:{ACCT}:file-system/fs-0a1b2c3d4e5f60001", {
        "file_system_id": "fs-0a1b2c3d4e5f60001", "arn": f"arn:aws:elasticfilesystem:eu-west-1:{ACCT}:file-system/fs-0a1b2c3d4e5f60001",
        "name": "payments-shared", "life_cycle_state": "available", "encrypted": True, "kms_key_id": LEDGER_KEY}, "eu-west-1"),
    res("aws.efs.file_system", f"arn:aws:elasticfilesystem:us-east-1:{ACCT}:file-system/fs-0f9e8d7c6b5a40002", {
        "file_system_id": "fs-0f9e8d7c6b5a40002", "arn": f"arn:aws:elasticfilesystem:us-east-1:{ACCT}:file-system/fs-0f9e8d7c6b5a40002",
        "name": "analytics-scratch", "life_cycle_state": "available", "encrypted": False}, "us-east-1"),
]


def nacl(aid, region, vpc, default, entries, subnets):
    return res("aws.ec2.network_acl", f"arn:aws:ec2:{region}:{ACCT}:network-acl/{aid}", {
        "network_acl_id": aid, "vpc_id": vpc, "is_default": default, "subnet_ids": subnets, "entries": entries}, region)


def entry(n, action, egress=False, protocol="-1", cidr="0.0.0.0/0", ports=None):
    e = {"rule_number": n, "protocol": protocol, "rule_action": action, "egress": egress, "cidr_block": cidr}
    if ports:
        e["from_port"], e["to_port"] = ports
    return e


def rtb(rid, region, vpc, main, routes, subnets=None):
    return res("aws.ec2.route_table", f"arn:aws:ec2:{region}:{ACCT}:route-table/{rid}", {
        "route_table_id": rid, "vpc_id": vpc, "main": main, "subnet_ids": subnets or [], "routes": routes}, region)


def route(cidr, target, kind):
    r = {"destination_cidr_block": cidr, "target_id": target, "target_type": kind, "state": "active",
         "origin": "CreateRouteTable" if target == "local" else "CreateRoute"}
    if kind == "vpc_peering_connection":
        r["vpc_peering_connection_id"] = target
    return r


EU_VPC, US_VPC = "vpc-0a1b2c3d4e5f60001", "vpc-0f9e8d7c6b5a40002"
resources += [
    # Payments' subnets deny SSH and RDP from the internet before allowing the rest.
    nacl("acl-0a1b2c3d4e5f60001", "eu-west-1", EU_VPC, False, [
        entry(90, "deny", protocol="6", ports=(22, 22)), entry(91, "deny", protocol="6", ports=(3389, 3389)),
        entry(100, "allow"), entry(100, "allow", egress=True),
        entry(32767, "deny"), entry(32767, "deny", egress=True)], ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]),
    # Analytics kept the default ACL: everything in.
    nacl("acl-0f9e8d7c6b5a40002", "us-east-1", US_VPC, True, [
        entry(100, "allow"), entry(100, "allow", egress=True),
        entry(32767, "deny"), entry(32767, "deny", egress=True)], []),
    rtb("rtb-0a1b2c3d4e5f60001", "eu-west-1", EU_VPC, True, [
        route("10.20.0.0/16", "local", "gateway"), route("0.0.0.0/0", "igw-0a1b2c3d4e5f60001", "gateway"),
        route("10.30.0.0/16", "pcx-0a1b2c3d4e5f60001", "vpc_peering_connection")]),
    # The peering back to payments sends all of 10.0.0.0/8, not the payments VPC.
    rtb("rtb-0f9e8d7c6b5a40002", "us-east-1", US_VPC, True, [
        route("10.30.0.0/16", "local", "gateway"), route("10.0.0.0/8", "pcx-0a1b2c3d4e5f60001", "vpc_peering_connection")]),
]

# The CIS 4.x monitoring chain, on the org trail's log group (eu-west-1, "cloudtrail").
SECURITY_TOPIC = f"arn:aws:sns:eu-west-1:{ACCT}:security-alerts"
OPS_TOPIC = f"arn:aws:sns:eu-west-1:{ACCT}:ops-alerts"


def watched(name, pattern, topic=SECURITY_TOPIC, actions=True):
    """A metric filter on the trail's log group and the alarm on its metric."""
    metric = "".join(w.capitalize() for w in name.split("-"))
    fid = f"arn:aws:logs:eu-west-1:{ACCT}:log-group:cloudtrail:metric-filter:{name}"
    aid = f"arn:aws:cloudwatch:eu-west-1:{ACCT}:alarm:{name}"
    return [
        res("aws.logs.metric_filter", fid, {
            "filter_name": name, "log_group_name": "cloudtrail", "filter_pattern": pattern, "creation_time": "2025-03-04T09:00:00Z",
            "metric_transformations": [{"metric_name": metric, "metric_namespace": "CISBenchmark", "metric_value": "1"}]}, "eu-west-1"),
        res("aws.cloudwatch.alarm", aid, {
            "alarm_name": name, "arn": aid, "metric_name": metric, "namespace": "CISBenchmark", "statistic": "Sum",
            "comparison_operator": "GreaterThanOrEqualToThreshold", "threshold": 1, "period": 300, "evaluation_periods": 1,
            "actions_enabled": actions, "alarm_actions": [topic], "ok_actions": [], "state_value": "OK"}, "eu-west-1"),
    ]


def subscription(topic, sid, confirmed):
    arn = f"{topic}:{sid}" if confirmed else "PendingConfirmation"
    return res("aws.sns.subscription", f"{topic}:{sid}", {
        "subscription_arn": arn, "topic_arn": topic, "protocol": "email", "owner": ACCT, "confirmed": confirmed}, "eu-west-1")


resources += (
    watched("unauthorized-api-calls", '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }')
    + watched("root-usage", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }')
    + watched("iam-policy-changes", "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}")
    + watched("cloudtrail-changes", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }")
    + watched("cmk-disable-or-deletion", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }")
    # Muted during a noisy week and never switched back on.
    + watched("console-signin-without-mfa", '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }', actions=False)
    # Notifies the ops topic, whose only subscription was never confirmed.
    + watched("console-auth-failures", '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }', topic=OPS_TOPIC)
    # Watches ingress changes only: the egress and create/delete terms are missing.
    + watched("security-group-changes", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupIngress) }")
    + [subscription(SECURITY_TOPIC, "5f1c7a2e-8d3b-4c6a-9e0f-1a2b3c4d5e6f", True),
       subscription(OPS_TOPIC, "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", False)]
)


# The edge (issue 18): load balancers, CloudFront, API Gateway. The payments
# API in eu-west-1 is done right except that its load balancer faces the
# internet for a confidential system; analytics in us-east-1 still runs a
# Classic Load Balancer and unlogged APIs.
CERT = f"arn:aws:acm:eu-west-1:{ACCT}:certificate/5e1b7f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"


def edge():
    alb = f"arn:aws:elasticloadbalancing:eu-west-1:{ACCT}:loadbalancer"
    lbs = [
        res("aws.elbv2.load_balancer", f"{alb}/app/payments-api/4f8e2a1b3c5d7e9f", {
            "name": "payments-api", "arn": f"{alb}/app/payments-api/4f8e2a1b3c5d7e9f", "type": "application",
            "scheme": "internet-facing", "availability_zones": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            "listeners": [
                {"port": 80, "protocol": "HTTP", "certificate_arns": [], "default_actions": [{"type": "redirect", "redirect_protocol": "HTTPS"}]},
                {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "certificate_arns": [CERT],
                 "default_actions": [{"type": "forward"}]}],
            "access_logs_enabled": True, "deletion_protection": True, "drop_invalid_header_fields": True,
            "desync_mitigation_mode": "defensive", "cross_zone_load_balancing": True}, "eu-west-1"),
        res("aws.elbv2.load_balancer", f"{alb}/net/ledger-nlb/9a8b7c6d5e4f3a2b", {
            "name": "ledger-nlb", "arn": f"{alb}/net/ledger-nlb/9a8b7c6d5e4f3a2b", "type": "network", "scheme": "internal",
            "availability_zones": ["eu-west-1a"],
            "listeners": [{"port": 5432, "protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS-1-1-2017-01", "certificate_arns": [CERT],
                           "default_actions": [{"type": "forward"}]}],
            "access_logs_enabled": False, "deletion_protection": True, "cross_zone_load_balancing": False}, "eu-west-1"),
        res("aws.elb.load_balancer", f"arn:aws:elasticloadbalancing:us-east-1:{ACCT}:loadbalancer/analytics-classic", {
            "name": "analytics-classic", "scheme": "internet-facing", "availability_zones": ["us-east-1a"],
            "listeners": [
                {"protocol": "HTTP", "load_balancer_port": 80, "instance_protocol": "HTTP", "instance_port": 8080, "ssl_certificate_id": ""},
                {"protocol": "HTTPS", "load_balancer_port": 443, "instance_protocol": "HTTP", "instance_port": 8080,
                 "ssl_certificate_id": f"arn:aws:iam::{ACCT}:server-certificate/legacy-elb", "ssl_policy": "ELBSecurityPolicy-2016-08"}],
            "access_logs_enabled": False, "cross_zone_load_balancing": True, "connection_draining": False,
            "desync_mitigation_mode": "monitor"}, "us-east-1"),
    ]

    def dist(did, domain, behaviors, cert, waf, logging, root, origins, geo):
        return res("aws.cloudfront.distribution", f"arn:aws:cloudfront::{ACCT}:distribution/{did}", {
            "distribution_id": did, "arn": f"arn:aws:cloudfront::{ACCT}:distribution/{did}", "domain_name": domain,
            "enabled": True, "cache_behaviors": behaviors, "viewer_certificate": cert, "web_acl_id": waf,
            "logging_enabled": logging, "default_root_object": root, "origins": origins, "geo_restriction_type": geo})
    dists = [
        dist("E2PORTAL7EXAMPLE", "d3portal9example.cloudfront.net",
             [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https", "field_level_encryption_id": ""}],
             {"cloudfront_default_certificate": False, "minimum_protocol_version": "TLSv1.2_2021", "ssl_support_method": "sni-only", "certificate_source": "acm"},
             f"arn:aws:wafv2:us-east-1:{ACCT}:global/webacl/portal/7c1e2d3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f", True, "index.html",
             [{"id": "portal", "domain_name": "acme-portal.s3.eu-west-1.amazonaws.com", "type": "s3", "origin_access_control_id": "E1OAC2EXAMPLE", "origin_access_identity": ""},
              {"id": "api", "domain_name": "api.acme-payments.example", "type": "custom", "origin_access_control_id": "", "origin_access_identity": "",
               "origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]}], "whitelist"),
        dist("E3REPORTS8EXAMPLE", "d4reports1example.cloudfront.net",
             [{"path_pattern": "*", "viewer_protocol_policy": "allow-all", "field_level_encryption_id": ""}],
             {"cloudfront_default_certificate": True, "minimum_protocol_version": "TLSv1", "ssl_support_method": "", "certificate_source": "cloudfront"},
             "", False, "",
             [{"id": "reports", "domain_name": "acme-analytics-reports.s3.amazonaws.com", "type": "s3", "origin_access_control_id": "",
               "origin_access_identity": "origin-access-identity/cloudfront/E5OAI6EXAMPLE"}], "none"),
    ]
    arn = "arn:aws:apigateway:{}::/{}"
    apis = [
        res("aws.apigateway.rest_api", arn.format("eu-west-1", "restapis/p4y9m3n7t1"), {
            "rest_api_id": "p4y9m3n7t1", "name": "payments-api", "endpoint_types": ["REGIONAL"], "authorizers": 1,
            "stages": [{"stage_name": "prod", "access_logs_enabled": True, "logging_level": "ERROR", "tracing_enabled": True,
                        "client_certificate_enabled": True, "web_acl_arn": f"arn:aws:wafv2:eu-west-1:{ACCT}:regional/webacl/payments-api/3d2c1b0a-9f8e-7d6c-5b4a-3f2e1d0c9b8a",
                        "cache_cluster_enabled": False, "cache_data_encrypted": False}]}, "eu-west-1"),
        res("aws.apigateway.domain_name", arn.format("eu-west-1", "domainnames/api.acme-payments.example"), {
            "domain_name": "api.acme-payments.example", "security_policy": "TLS_1_2", "endpoint_types": ["REGIONAL"]}, "eu-west-1"),
        res("aws.apigateway.rest_api", arn.format("us-east-1", "restapis/a7n4l1y2t9"), {
            "rest_api_id": "a7n4l1y2t9", "name": "analytics-export", "endpoint_types": ["EDGE"], "authorizers": 0,
            "stages": [{"stage_name": "v1", "access_logs_enabled": False, "logging_level": "OFF", "tracing_enabled": False,
                        "client_certificate_enabled": False, "web_acl_arn": "", "cache_cluster_enabled": True, "cache_data_encrypted": False}]}, "us-east-1"),
        res("aws.apigateway.domain_name", arn.format("us-east-1", "domainnames/export.acme-payments.example"), {
            "domain_name": "export.acme-payments.example", "security_policy": "TLS_1_0", "endpoint_types": ["EDGE"]}, "us-east-1"),
        res("aws.apigatewayv2.api", arn.format("us-east-1", "apis/i6n2g8e4s0"), {
            "api_id": "i6n2g8e4s0", "name": "analytics-ingest", "protocol_type": "HTTP", "authorizers": 0,
            "stages": [{"stage_name": "$default", "access_logs_enabled": True}]}, "us-east-1"),
    ]
    return lbs + dists + apis


resources += edge()
EDGE_GLOBAL = ["aws.cloudfront.distribution"]
EDGE_REGIONAL = ["aws.apigateway.domain_name", "aws.apigateway.rest_api", "aws.apigatewayv2.api", "aws.elb.load_balancer",
                 "aws.elbv2.load_balancer"]
def ec2rds_depth(resources):
    """EC2, RDS and S3 depth (issue 18): payments in eu-west-1 is hardened,
    analytics in us-east-1 is not: a public snapshot and AMI, a launch
    template with IMDSv1 and a password in its user data, a public subnet,
    an unencrypted Aurora cluster, and no event subscriptions."""
    by_id = {r["id"]: r for r in resources}
    regions = by_id[f"arn:aws:iam::{ACCT}:root"]["attributes"]["regions"]
    regions["eu-west-1"].update({
        "snapshot_block_public_access": {"state": "block-all-sharing"},
        "image_block_public_access": {"state": "block-new-sharing"},
        "instance_metadata_defaults": {"http_tokens": "required", "http_endpoint": "enabled"},
        "rds_event_subscriptions": [
            {"name": "ledger-critical", "source_type": "db-instance", "event_categories": [], "source_ids": [], "enabled": True},
            {"name": "ledger-cluster", "source_type": "db-cluster", "event_categories": ["failure", "maintenance"], "source_ids": [], "enabled": True},
            {"name": "parameter-changes", "source_type": "db-parameter-group", "event_categories": ["configuration change"], "source_ids": [], "enabled": True},
            {"name": "db-firewall", "source_type": "db-security-group", "event_categories": ["configuration change", "failure"], "source_ids": [], "enabled": True}]})
    regions["us-east-1"].update({
        "snapshot_block_public_access": {"state": "unblocked"},
        "image_block_public_access": {"state": "unblocked"},
        "instance_metadata_defaults": {"http_tokens": "no-preference", "http_endpoint": "no-preference"},
        "rds_event_subscriptions": []})
    by_id[f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod"]["attributes"].update({
        "iam_database_authentication_enabled": True, "monitoring_interval": 60, "copy_tags_to_snapshot": True,
        "port": 6432, "enabled_cloudwatch_logs_exports": ["postgresql", "upgrade"], "master_username": "ledger_owner"})
    by_id[f"arn:aws:rds:us-east-1:{ACCT}:db:analytics-scratch"]["attributes"].update({
        "iam_database_authentication_enabled": False, "monitoring_interval": 0, "copy_tags_to_snapshot": False,
        "port": 3306, "enabled_cloudwatch_logs_exports": [], "master_username": "admin"})
    for name, own, lock in [("acme-ledger-exports", "BucketOwnerEnforced", {"enabled": True, "default_mode": "COMPLIANCE", "default_retention_days": 2555}),
                            ("acme-payments-statements", "BucketOwnerEnforced", {"enabled": False}),
                            ("acme-analytics-raw", "ObjectWriter", {"enabled": False}),
                            ("acme-cloudtrail-logs", "BucketOwnerEnforced", {"enabled": True, "default_mode": "GOVERNANCE", "default_retention_days": 365})]:
        by_id[f"arn:aws:s3:::{name}"]["attributes"].update({
            "ownership_controls": {"configured": True, "object_ownership": own}, "object_lock": lock})
    # A data vendor's account was given read access to the raw analytics data.
    by_id["arn:aws:s3:::acme-analytics-raw"]["attributes"]["policy"]["document"]["Statement"].append({
        "Sid": "VendorRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
        "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::acme-analytics-raw", "arn:aws:s3:::acme-analytics-raw/*"]})
    by_id[f"arn:aws:ec2:eu-west-1:{ACCT}:instance/i-0a12b34c56d78e901"]["attributes"]["user_data_secrets"] = []
    # The old bastion's bootstrap script exports a deploy key pair.
    by_id[f"arn:aws:ec2:eu-west-1:{ACCT}:instance/i-0b98c76d54e32f109"]["attributes"]["user_data_secrets"] = [
        {"kind": "aws-access-key-id", "line": 4}, {"kind": "aws-secret-key", "line": 5}]

    def ec2(kind, region, rid, attrs):
        return res(f"aws.ec2.{kind}", f"arn:aws:ec2:{region}:{ACCT}:{kind.replace('_', '-')}/{rid}", attrs, region)

    resources += [
        ec2("subnet", "eu-west-1", "subnet-0aa11bb22cc33dd44", {
            "subnet_id": "subnet-0aa11bb22cc33dd44", "vpc_id": "vpc-0a1b2c3d4e5f60001", "cidr_block": "10.20.1.0/24",
            "availability_zone": "eu-west-1a", "map_public_ip_on_launch": False, "default_for_az": False}),
        ec2("subnet", "us-east-1", "subnet-0ff00ee11dd22cc33", {
            "subnet_id": "subnet-0ff00ee11dd22cc33", "vpc_id": "vpc-0f9e8d7c6b5a40002", "cidr_block": "10.30.1.0/24",
            "availability_zone": "us-east-1a", "map_public_ip_on_launch": True, "default_for_az": False}),
        ec2("snapshot", "eu-west-1", "snap-0ledger0nightly01", {
            "snapshot_id": "snap-0ledger0nightly01", "volume_id": "vol-0c1d2e3f4a5b60001", "state": "completed",
            "encrypted": True, "kms_key_id": LEDGER_KEY, "public": False, "shared_with_accounts": ["444455556666"]}),
        ec2("snapshot", "us-east-1", "snap-0analytics0dump1", {
            "snapshot_id": "snap-0analytics0dump1", "volume_id": "vol-0f9e8d7c6b5a40002", "state": "completed",
            "encrypted": False, "public": True, "shared_with_accounts": []}),
        ec2("image", "eu-west-1", "ami-0payments0golden1", {
            "image_id": "ami-0payments0golden1", "name": "payments-api-2026-11", "state": "available", "public": False}),
        ec2("image", "us-east-1", "ami-0analytics0demo01", {
            "image_id": "ami-0analytics0demo01", "name": "analytics-demo", "state": "available", "public": True}),
        ec2("launch_template", "eu-west-1", "lt-0payments0api0001", {
            "launch_template_id": "lt-0payments0api0001", "name": "payments-api", "default_version": 7,
            "imdsv2_required": True, "metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"},
            "associate_public_ip_address": False, "user_data_secrets": []}),
        ec2("launch_template", "us-east-1", "lt-0analytics0work01", {
            "launch_template_id": "lt-0analytics0work01", "name": "analytics-worker", "default_version": 2,
            "imdsv2_required": False, "associate_public_ip_address": True,
            "user_data_secrets": [{"kind": "keyword-secret", "line": 3}]}),
        res("aws.rds.cluster", f"arn:aws:rds:us-east-1:{ACCT}:cluster:analytics-aurora", {
            "db_cluster_identifier": "analytics-aurora", "arn": f"arn:aws:rds:us-east-1:{ACCT}:cluster:analytics-aurora",
            "engine": "aurora-mysql", "storage_encrypted": False, "deletion_protection": False,
            "iam_database_authentication_enabled": False, "backup_retention_period": 1, "backtrack_window": 0,
            "multi_az": False, "copy_tags_to_snapshot": False, "port": 3306, "enabled_cloudwatch_logs_exports": [],
            "master_username": "admin", "members": []}, "us-east-1"),
        res("aws.rds.snapshot", f"arn:aws:rds:eu-west-1:{ACCT}:snapshot:ledger-prod-2026-11-01", {
            "snapshot_identifier": "ledger-prod-2026-11-01", "kind": "instance", "source": "ledger-prod",
            "snapshot_type": "manual", "engine": "postgres", "encrypted": True, "public": False,
            "shared_with_accounts": []}, "eu-west-1"),
        res("aws.rds.snapshot", f"arn:aws:rds:us-east-1:{ACCT}:snapshot:analytics-share", {
            "snapshot_identifier": "analytics-share", "kind": "instance", "source": "analytics-scratch",
            "snapshot_type": "manual", "engine": "mysql", "encrypted": False, "public": True,
            "shared_with_accounts": []}, "us-east-1"),
    ]


ec2rds_depth(resources)


def compute():
    """Lambda, ECR and EKS: payments (eu-west-1) runs a tidy function, image
    repository and cluster; analytics (us-east-1) a forgotten report function
    with a key pair in its environment, a public sandbox repository and a dev
    cluster open to the internet. Environment values are never recorded."""
    key = kms_arn("eu-west-1", "1234abcd-12ab-34cd-56ef-1234567890ab")
    fn_arn = lambda region, name: f"arn:aws:lambda:{region}:{ACCT}:function:{name}"
    scanning = {"scan_type": "ENHANCED", "rules": [{"scan_frequency": "SCAN_ON_PUSH", "filters": ["payments-*"]}]}
    no_scanning = {"scan_type": "BASIC", "rules": []}
    return [
        res("aws.lambda.function", fn_arn("eu-west-1", "payments-webhook"), {
            "function_name": "payments-webhook", "arn": fn_arn("eu-west-1", "payments-webhook"), "package_type": "Zip",
            "runtime": "python3.12", "tracing_mode": "Active", "in_vpc": True, "vpc_subnet_ids": ["subnet-0pay1", "subnet-0pay2"],
            "dead_letter_configured": True, "kms_key_arn": key, "environment_variables": ["LEDGER_TABLE", "LOG_LEVEL"],
            "environment_secret_like": [], "layers": [f"arn:aws:lambda:eu-west-1:{ACCT}:layer:payments-common:7"],
            "policy": {"present": True, "document": {"Version": "2012-10-17", "Id": "default", "Statement": [{
                "Sid": "apigw", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
                "Action": "lambda:InvokeFunction", "Resource": fn_arn("eu-west-1", "payments-webhook"),
                "Condition": {"ArnLike": {"AWS:SourceArn": f"arn:aws:execute-api:eu-west-1:{ACCT}:p4ym3nt5/*"}}}]}},
            "function_urls": []}, "eu-west-1"),
        res("aws.lambda.function", fn_arn("us-east-1", "analytics-report"), {
            "function_name": "analytics-report", "arn": fn_arn("us-east-1", "analytics-report"), "package_type": "Zip",
            "runtime": "python3.8", "tracing_mode": "PassThrough", "in_vpc": False, "vpc_subnet_ids": [],
            "dead_letter_configured": False, "kms_key_arn": "",
            "environment_variables": ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "REPORT_BUCKET"],
            "environment_secret_like": [{"name": "AWS_ACCESS_KEY_ID", "kinds": ["aws-access-key-id"]},
                                        {"name": "AWS_SECRET_ACCESS_KEY", "kinds": ["aws-secret-key"]}],
            "layers": ["arn:aws:lambda:us-east-1:999988887777:layer:pandas:12"],
            "policy": {"present": True, "document": {"Version": "2012-10-17", "Id": "default", "Statement": [
                {"Sid": "dashboard", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
                 "Resource": fn_arn("us-east-1", "analytics-report"), "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}},
                {"Sid": "nightly", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
                 "Action": "lambda:InvokeFunction", "Resource": fn_arn("us-east-1", "analytics-report")}]}},
            "function_urls": [{"qualifier": "", "auth_type": "NONE", "cors_allow_origins": ["*"]}]}, "us-east-1"),
        res("aws.ecr.repository", f"arn:aws:ecr:eu-west-1:{ACCT}:repository/payments-api", {
            "repository_name": "payments-api", "arn": f"arn:aws:ecr:eu-west-1:{ACCT}:repository/payments-api",
            "image_tag_mutability": "IMMUTABLE", "scan_on_push": False, "encryption_type": "KMS", "kms_key": key,
            "policy": {"present": False}, "lifecycle_policy": {"present": True}, "registry_scanning": scanning}, "eu-west-1"),
        res("aws.ecr.repository", f"arn:aws:ecr:us-east-1:{ACCT}:repository/analytics-sandbox", {
            "repository_name": "analytics-sandbox", "arn": f"arn:aws:ecr:us-east-1:{ACCT}:repository/analytics-sandbox",
            "image_tag_mutability": "MUTABLE", "scan_on_push": False, "encryption_type": "AES256", "kms_key": "",
            "policy": {"present": True, "document": {"Version": "2012-10-17", "Statement": [{
                "Sid": "pull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}},
            "lifecycle_policy": {"present": False}, "registry_scanning": no_scanning}, "us-east-1"),
        res("aws.eks.cluster", f"arn:aws:eks:eu-west-1:{ACCT}:cluster/payments", {
            "name": "payments", "arn": f"arn:aws:eks:eu-west-1:{ACCT}:cluster/payments", "version": "1.34",
            "platform_version": "eks.9", "status": "ACTIVE", "endpoint_public_access": False, "endpoint_private_access": True,
            "public_access_cidrs": [], "secrets_encrypted": True, "secrets_kms_key_arn": key,
            "logging_enabled_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            "deletion_protection": True}, "eu-west-1"),
        res("aws.eks.cluster", f"arn:aws:eks:us-east-1:{ACCT}:cluster/analytics-dev", {
            "name": "analytics-dev", "arn": f"arn:aws:eks:us-east-1:{ACCT}:cluster/analytics-dev", "version": "1.30",
            "platform_version": "eks.21", "status": "ACTIVE", "endpoint_public_access": True, "endpoint_private_access": False,
            "public_access_cidrs": ["0.0.0.0/0"], "secrets_encrypted": False, "logging_enabled_types": ["api"],
            "deletion_protection": False}, "us-east-1"),
    ]


resources += compute()


def secret(region, name, created, accessed=None, key=None, rotation_days=None, rotated=None, statements=None):
    """A Secrets Manager secret as `rampart collect aws` records it: the
    dates the collector leaves out when AWS has none (never read, never
    rotated) are absent here too."""
    arn = f"arn:aws:secretsmanager:{region}:{ACCT}:secret:{name}-Xy12Ab"
    a = {"name": name, "arn": arn, "created_date": created, "rotation_enabled": rotation_days is not None,
         "customer_managed_key": key is not None,
         "policy": {"present": True, "document": {"Version": "2012-10-17", "Statement": statements}} if statements else {"present": False}}
    for k, v in {"kms_key_id": key, "rotation_days": rotation_days, "last_rotated_date": rotated, "last_accessed_date": accessed}.items():
        if v is not None:
            a[k] = v
    return res("aws.secretsmanager.secret", arn, a, region)


def secrets():
    """Payments rotates its database password monthly under the ledger key;
    analytics keeps a warehouse password nobody rotates or reads any more, shared
    with the BI vendor's account, and a webhook secret whose rotation function
    broke in June and whose policy lets anyone read it."""
    read = "secretsmanager:GetSecretValue"
    return [
        secret("eu-west-1", "payments/db-password", "2024-03-01T10:00:00Z", accessed="2026-11-26T00:00:00Z", key=LEDGER_KEY,
               rotation_days=30, rotated="2026-11-05T03:00:00Z",
               statements=[{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/payments-api"}, "Action": read, "Resource": "*"}]),
        secret("us-east-1", "analytics/warehouse-password", "2023-06-01T12:00:00Z", accessed="2026-05-02T00:00:00Z",
               statements=[{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": read, "Resource": "*"}]),
        secret("us-east-1", "analytics/partner-webhook", "2025-02-10T08:00:00Z", accessed="2026-11-25T00:00:00Z", key=ANALYTICS_KEY,
               rotation_days=90, rotated="2026-06-01T03:00:00Z",
               statements=[{"Effect": "Allow", "Principal": "*", "Action": read, "Resource": "*"}]),
    ]


resources += secrets()


def threats():
    """GuardDuty and Inspector (issue 18): payments' detector watches S3, EKS,
    EC2 malware, RDS logins and runtime, but not Lambda network activity; it has
    one high finding nobody answered for six weeks (past its 30-day SLA) and a
    low port probe. Inspector scans everything in eu-west-1 and has a critical
    OpenSSH CVE three days old (within 7) and a high one in the payments image;
    analytics (us-east-1) never turned Inspector on, and has no detector."""
    detector_id = "12abc34d567e8fa901bc2d34e56789f0"
    on = lambda **extra: {"status": "ENABLED", "additional": extra}
    instance = "i-0a12b34c56d78e901"
    detector = res("aws.guardduty.detector", f"arn:aws:guardduty:eu-west-1:{ACCT}:detector/{detector_id}", {
        "detector_id": detector_id, "status": "ENABLED",
        "features": {"cloud_trail": on(), "dns_logs": on(), "flow_logs": on(), "s3_data_events": on(), "eks_audit_logs": on(),
                     "ebs_malware_protection": on(), "rds_login_events": on(),
                     "lambda_network_logs": {"status": "DISABLED", "additional": {}},
                     "runtime_monitoring": on(eks_addon_management="ENABLED", ecs_fargate_agent_management="ENABLED", ec2_agent_management="ENABLED")},
        "findings": [
            {"id": "4ac6b1f2e3d4c5b6a7980f1e2d3c4b5a", "type": "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
             "title": "Credentials of role payments-api used from an IP address outside AWS", "severity": "high", "severity_score": 8,
             "resource_type": "AccessKey", "resource": "payments-api", "created_at": "2026-10-14T03:12:00Z", "updated_at": "2026-11-19T22:40:00Z",
             "first_seen": "2026-10-14T03:05:00Z", "last_seen": "2026-11-19T22:35:00Z", "count": 23, "state": "open"},
            {"id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", "type": "Recon:EC2/PortProbeUnprotectedPort",
             "title": f"Unprotected port on EC2 instance {instance} is being probed", "severity": "low", "severity_score": 2,
             "resource_type": "Instance", "resource": instance, "created_at": "2026-11-18T11:00:00Z", "updated_at": "2026-11-20T04:00:00Z",
             "first_seen": "2026-11-18T10:58:00Z", "last_seen": "2026-11-20T03:59:00Z", "count": 41, "state": "open"},
        ]}, "eu-west-1")
    image = f"arn:aws:ecr:eu-west-1:{ACCT}:repository/payments-api/sha256:4b1c9e0f7a2d"
    eu = res("aws.inspector.account", f"arn:aws:inspector2:eu-west-1:{ACCT}:account", {
        "status": "ENABLED", "ec2": "ENABLED", "ecr": "ENABLED", "lambda": "ENABLED", "lambda_code": "ENABLED",
        "findings": [
            {"arn": f"arn:aws:inspector2:eu-west-1:{ACCT}:finding/1f2e3d4c5b6a79880a9b8c7d6e5f4a3b", "type": "PACKAGE_VULNERABILITY",
             "title": "CVE-2024-6387 - openssh-server", "severity": "critical", "vulnerability_id": "CVE-2024-6387", "packages": ["openssh-server"],
             "resource_type": "AWS_EC2_INSTANCE", "resource": instance, "fix_available": "YES", "exploit_available": "YES",
             "created_at": "2026-11-24T02:00:00Z", "last_seen": "2026-11-26T02:00:00Z", "updated_at": "2026-11-26T02:00:00Z", "state": "open"},
            {"arn": f"arn:aws:inspector2:eu-west-1:{ACCT}:finding/7a6b5c4d3e2f10011f2e3d4c5b6a7980", "type": "PACKAGE_VULNERABILITY",
             "title": "CVE-2023-44487 - nghttp2", "severity": "high", "vulnerability_id": "CVE-2023-44487", "packages": ["nghttp2"],
             "resource_type": "AWS_ECR_CONTAINER_IMAGE", "resource": image, "fix_available": "YES", "exploit_available": "NO",
             "created_at": "2026-11-09T12:00:00Z", "last_seen": "2026-11-26T12:00:00Z", "updated_at": "2026-11-26T12:00:00Z", "state": "open"},
        ]}, "eu-west-1")
    us = res("aws.inspector.account", f"arn:aws:inspector2:us-east-1:{ACCT}:account", {
        "status": "DISABLED", "ec2": "DISABLED", "ecr": "DISABLED", "lambda": "DISABLED", "lambda_code": "DISABLED", "findings": []}, "us-east-1")
    return [detector, eu, us]


resources += threats()
def topic_policy(arn, statements=None):
    """SNS always answers with a policy: the owner-only default unless one was set."""
    return {"present": True, "document": {"Version": "2012-10-17", "Statement": statements or [
        {"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Subscribe"],
         "Resource": arn, "Condition": {"StringEquals": {"AWS:SourceOwner": ACCT}}}]}}


def topic(region, name, key=None, statements=None, managed_key=False):
    """managed_key: key is the AWS-managed aws/sns key given by its ARN,
    which only kms:DescribeKey tells from a customer's."""
    arn = f"arn:aws:sns:{region}:{ACCT}:{name}"
    a = {"name": name, "arn": arn, "encrypted": key is not None,
         "customer_managed_key": key is not None and not key.startswith("alias/aws/") and not managed_key, "policy": topic_policy(arn, statements)}
    if key:
        a["kms_master_key_id"] = key
    return res("aws.sns.topic", arn, a, region)


def queue(region, name, key=None, sse=False, statements=None):
    url = f"https://sqs.{region}.amazonaws.com/{ACCT}/{name}"
    a = {"name": name, "arn": f"arn:aws:sqs:{region}:{ACCT}:{name}", "sqs_managed_sse": sse, "encrypted": sse or key is not None,
         "customer_managed_key": key is not None and not key.startswith("alias/aws/"),
         "policy": {"present": True, "document": {"Version": "2012-10-17", "Statement": statements}} if statements else {"present": False}}
    if key:
        a["kms_master_key_id"] = key
    return res("aws.sqs.queue", url, a, region)


def messaging():
    """Payments' security-alerts topic and order queue are under the ledger
    key and reachable by the account alone; analytics' alerts topic names the
    AWS-managed aws/sns key by its ARN (not customer-managed, as DescribeKey
    says); analytics publishes exports on an
    unencrypted topic anyone may subscribe to, and its ingest queue (SSE-SQS)
    gives the BI vendor every queue action."""
    return [
        topic("eu-west-1", "security-alerts", key=LEDGER_KEY),
        topic("us-east-1", "analytics-alerts", key=kms_arn("us-east-1", "7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908"), managed_key=True),
        topic("us-east-1", "analytics-exports", statements=[
            {"Effect": "Allow", "Principal": "*", "Action": "SNS:Subscribe", "Resource": f"arn:aws:sns:us-east-1:{ACCT}:analytics-exports"}]),
        queue("eu-west-1", "payments-orders", key=LEDGER_KEY, statements=[
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/payments-api"}, "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "*"}]),
        queue("us-east-1", "analytics-ingest", sse=True, statements=[
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sqs:*", "Resource": "*"}]),
    ]


resources += messaging()

def table(region, name, key=None, managed_key=False, pitr=False, protected=False):
    """A DynamoDB table: key None is DynamoDB's own key; managed_key the
    AWS-managed aws/dynamodb key."""
    arn = f"arn:aws:dynamodb:{region}:{ACCT}:table/{name}"
    a = {"name": name, "arn": arn, "encryption": "KMS" if key else "AWS_OWNED", "customer_managed_key": bool(key) and not managed_key,
         "point_in_time_recovery": pitr, "deletion_protection": protected}
    if key:
        a["kms_key_arn"] = key
    return res("aws.dynamodb.table", arn, a, region)


def tables():
    """Payments' ledger table is under the ledger key with point-in-time
    recovery and deletion protection; analytics' events table is on the
    AWS-managed key with recovery but no protection, its scratch table on
    DynamoDB's own key with neither."""
    return [
        table("eu-west-1", "payments-ledger", key=LEDGER_KEY, pitr=True, protected=True),
        table("us-east-1", "analytics-events", key=kms_arn("us-east-1", "5d4c3b2a-1f0e-4d9c-8b7a-695847362514"), managed_key=True, pitr=True),
        table("us-east-1", "analytics-scratch"),
    ]


resources += tables()

def key_policies():
    """The ledger key's policy is KMS's default (the account's IAM decides);
    the analytics key also lets the BI vendor's account decrypt."""
    root = {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
            "Action": "kms:*", "Resource": "*"}
    vendor = {"Sid": "BIVendorDecrypt", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
              "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}
    for r in resources:
        if r["type"] == "aws.kms.key" and r["attributes"]["customer_managed"]:
            stmts = [root, vendor] if r["id"] == ANALYTICS_KEY else [root]
            r["attributes"]["policy"] = {"present": True, "document": {"Version": "2012-10-17", "Id": "key-default-1", "Statement": stmts}}


key_policies()

def depth(resources):
    """Depth (issue 18): TLS through the RDS parameter groups — the ledger's
    own group requires it, analytics runs on MySQL's default groups, which do
    not — and the public payments API behind an AWS WAF web ACL."""
    by_id = {r["id"]: r for r in resources}
    for rid, group, tls in [
            (f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod", "ledger-pg16", True),
            (f"arn:aws:rds:us-east-1:{ACCT}:db:analytics-scratch", "default.mysql8.0", False),
            (f"arn:aws:rds:us-east-1:{ACCT}:cluster:analytics-aurora", "default.aurora-mysql8.0", False)]:
        by_id[rid]["attributes"].update({"parameter_group": group, "tls_required": tls})
    alb = by_id[f"arn:aws:elasticloadbalancing:eu-west-1:{ACCT}:loadbalancer/app/payments-api/4f8e2a1b3c5d7e9f"]
    alb["attributes"]["web_acl_arn"] = f"arn:aws:wafv2:eu-west-1:{ACCT}:regional/webacl/payments-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222"


depth(resources)
def log_group(region, name, days=None, key=None, cls="STANDARD", created="2024-03-01T09:00:00Z"):
    """A CloudWatch Logs log group: days None never expires; key a KMS key ARN."""
    arn = f"arn:aws:logs:{region}:{ACCT}:log-group:{name}"
    a = {"name": name, "arn": arn, "expires": days is not None, "kms_encrypted": key is not None,
         "log_group_class": cls, "deletion_protection": False, "creation_time": created}
    if days is not None:
        a["retention_in_days"] = days
    if key:
        a["kms_key_id"] = key
    return res("aws.logs.log_group", arn, a, region)


def log_groups():
    """Payments keeps the trail's log group and its API's logs more than a
    year under the ledger key; analytics keeps its ETL logs a week without a
    key, and its export logs for ever, also without one."""
    return [
        log_group("eu-west-1", "cloudtrail", days=365, key=LEDGER_KEY),
        log_group("eu-west-1", "/aws/lambda/payments-api", days=400, key=LEDGER_KEY),
        log_group("us-east-1", "/aws/lambda/analytics-etl", days=7),
        log_group("us-east-1", "analytics-exports", cls="INFREQUENT_ACCESS"),
    ]


resources += log_groups()

def backup():
    """AWS Backup. eu-west-1: the payments plan keeps daily recovery points
    35 days (a copy 90 days in us-east-1) and assigns the ledger database,
    table, volume and every EFS file system, into a vault under the ledger
    key, locked, whose policy only denies deletes. us-east-1: the analytics
    plan keeps a week and assigns only the events table; its vault is on
    the AWS-managed key, unlocked, and lets the BI vendor's account copy
    recovery points out. The scratch database, Aurora cluster, volume and
    file system of analytics are in no plan."""
    def plan(region, pid, name, rules):
        arn = f"arn:aws:backup:{region}:{ACCT}:backup-plan:{pid}"
        return res("aws.backup.plan", arn, {"name": name, "plan_id": pid, "arn": arn, "rules": rules}, region)

    def rule(name, vault, days, copies=None):
        return {"name": name, "target_vault": vault, "schedule": "cron(0 5 ? * * *)", "continuous": False,
                "expires": True, "delete_after_days": days, "copy_actions": copies or []}

    def selection(region, pid, sid, name, resources, not_resources=None):
        plan_arn = f"arn:aws:backup:{region}:{ACCT}:backup-plan:{pid}"
        return res("aws.backup.selection", f"{plan_arn}/selection/{sid}", {
            "name": name, "selection_id": sid, "plan": plan_arn,
            "iam_role_arn": f"arn:aws:iam::{ACCT}:role/service-role/AWSBackupDefaultServiceRole",
            "resources": resources, "not_resources": not_resources or [], "tags": [], "conditions": []}, region)

    def vault(region, name, key, customer, locked, policy, min_days=None, points=0):
        arn = f"arn:aws:backup:{region}:{ACCT}:backup-vault:{name}"
        a = {"name": name, "arn": arn, "encryption_key_arn": key, "customer_managed_key": customer,
             "locked": locked, "recovery_points": points, "policy": policy}
        if min_days:
            a["min_retention_days"] = min_days
        return res("aws.backup.vault", arn, a, region)

    def protected(region, arn, rtype, name, last, vault_name):
        return res("aws.backup.protected_resource", arn + "#backup", {
            "resource_arn": arn, "resource_type": rtype, "resource_name": name, "last_backup_time": last,
            "last_backup_vault_arn": f"arn:aws:backup:{region}:{ACCT}:backup-vault:{vault_name}"}, region)

    eu, us = "eu-west-1", "us-east-1"
    no_deletes = {"present": True, "document": {"Version": "2012-10-17", "Statement": [{
        "Sid": "NoDeletes", "Effect": "Deny", "Principal": "*",
        "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], "Resource": "*"}]}}
    vendor_copy = {"present": True, "document": {"Version": "2012-10-17", "Statement": [{
        "Sid": "BIVendorCopy", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
        "Action": ["backup:CopyFromBackupVault", "backup:DescribeRecoveryPoint"], "Resource": "*"}]}}
    eu_plan, us_plan = "5c2f8e41-7a3b-4d69-9e10-2b8a6c4d1f07", "a91d3e6b-2c4f-4b87-8d05-7e1f9a3c6b24"
    return [
        plan(eu, eu_plan, "payments-daily", [rule("daily-35d", "payments-vault", 35,
             [{"destination_vault_arn": f"arn:aws:backup:us-east-1:{ACCT}:backup-vault:payments-dr", "expires": True, "delete_after_days": 90}])]),
        selection(eu, eu_plan, "0d7b4a92-6e1c-4f38-a5b0-3c9e2d8f1a64", "payments-data", [
            f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod", f"arn:aws:dynamodb:eu-west-1:{ACCT}:table/payments-ledger",
            f"arn:aws:ec2:eu-west-1:{ACCT}:volume/vol-0c1d2e3f4a5b60001", "arn:aws:elasticfilesystem:eu-west-1:*:file-system/*"]),
        vault(eu, "payments-vault", LEDGER_KEY, True, True, no_deletes, min_days=35, points=180),
        plan(us, us_plan, "analytics-weekly", [rule("weekly-7d", "Default", 7)]),
        selection(us, us_plan, "f3a8c1d6-9b2e-4e57-8a41-6d0c7b5e2f93", "analytics-events", [
            f"arn:aws:dynamodb:us-east-1:{ACCT}:table/analytics-events"]),
        vault(us, "Default", kms_arn(us, "7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"), False, False, vendor_copy, points=4),
        vault(us, "payments-dr", kms_arn(us, "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d"), True, True, {"present": False}, min_days=90, points=30),
        protected(eu, f"arn:aws:rds:eu-west-1:{ACCT}:db:ledger-prod", "RDS", "ledger-prod", "2026-11-20T05:12:00Z", "payments-vault"),
        protected(eu, f"arn:aws:dynamodb:eu-west-1:{ACCT}:table/payments-ledger", "DynamoDB", "payments-ledger", "2026-11-20T05:20:00Z", "payments-vault"),
        protected(eu, f"arn:aws:elasticfilesystem:eu-west-1:{ACCT}:file-system/fs-0a1b2c3d4e5f60001", "EFS", "payments-files", "2026-11-20T05:31:00Z", "payments-vault"),
        protected(us, f"arn:aws:dynamodb:us-east-1:{ACCT}:table/analytics-events", "DynamoDB", "analytics-events", "2026-11-16T05:08:00Z", "Default"),
    ]


resources += backup()
BACKUP_REGIONAL = ["aws.backup.plan", "aws.backup.protected_resource", "aws.backup.selection", "aws.backup.vault"]
def organizations():
    """AWS Organizations (issue 18): the production account is Acme's
    management account, with all features and SCPs on. On the root: FullAWSAccess
    and the deny on leaving. The security-services deny is attached to the
    Payments OU only, so analytics' accounts may still stop their trail; no
    SCP restricts regions; GuardDuty is delegated to the security account,
    Security Hub and Config are not."""
    org_id = "o-acme7f3c91"
    org_arn = f"arn:aws:organizations::{ACCT}:organization/{org_id}"

    def scp(pid, name, statements, targets, managed=False):
        arn = ("arn:aws:organizations::aws:policy/service_control_policy/" + pid if managed
               else f"arn:aws:organizations::{ACCT}:policy/{org_id}/service_control_policy/{pid}")
        return res("aws.organizations.policy", arn, {
            "name": name, "policy_id": pid, "arn": arn, "type": "SERVICE_CONTROL_POLICY", "aws_managed": managed,
            "document": {"Version": "2012-10-17", "Statement": statements},
            "targets": [{"target_id": t, "type": "ROOT" if t.startswith("r-") else "ORGANIZATIONAL_UNIT"} for t in targets]})

    root, payments_ou = "r-7f3c", "ou-7f3c-payments1"
    security_actions = ["guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "guardduty:UpdateDetector",
                        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
                        "config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder",
                        "config:DeleteDeliveryChannel", "securityhub:DisableSecurityHub"]
    return [
        res("aws.organizations.organization", org_arn, {
            "in_organization": True, "organization_id": org_id, "arn": org_arn, "management_account_id": ACCT,
            "is_management_account": True, "feature_set": "ALL", "root_id": root,
            "enabled_policy_types": ["SERVICE_CONTROL_POLICY"], "scp_enabled": True,
            "delegated_administrators": [{"account_id": "777788889999", "service_principals": ["guardduty.amazonaws.com"]}]}),
        scp("p-FullAWSAccess", "FullAWSAccess", [{"Effect": "Allow", "Action": "*", "Resource": "*"}], [root], managed=True),
        scp("p-acmeleave01", "deny-leave-organization",
            [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}], [root]),
        scp("p-acmesecsvc1", "protect-security-services",
            [{"Effect": "Deny", "Action": security_actions, "Resource": "*",
              "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/security-break-glass"}}}], [payments_ou]),
    ]


resources += organizations()

# What the collector read completely, as `rampart collect aws` lists it: every
# task of the account and of each region ran; the website account's role was
# refused, so nothing of it is listed (its one known gap is in not_collected).
GLOBAL_TYPES = ["aws.account", "aws.iam.group", "aws.iam.policy", "aws.iam.role", "aws.iam.server_certificate",
                "aws.iam.user", "aws.s3.bucket"]
GLOBAL_TYPES += ["aws.organizations.organization", "aws.organizations.policy"]
REGIONAL_TYPES = ["aws.cloudtrail.trail", "aws.cloudwatch.alarm", "aws.ec2.instance", "aws.ec2.network_acl",
                  "aws.ec2.route_table", "aws.ec2.security_group", "aws.ec2.volume", "aws.efs.file_system", "aws.kms.key",
                  "aws.logs.metric_filter", "aws.rds.instance", "aws.sns.subscription", "aws.vpc"]
REGIONAL_TYPES += ["aws.ec2.image", "aws.ec2.launch_template", "aws.ec2.snapshot", "aws.ec2.subnet",
                   "aws.rds.cluster", "aws.rds.snapshot"]
REGIONAL_TYPES += ["aws.lambda.function", "aws.ecr.repository", "aws.eks.cluster", "aws.secretsmanager.secret"]
REGIONAL_TYPES += ["aws.guardduty.detector", "aws.inspector.account"]
REGIONAL_TYPES += ["aws.sns.topic", "aws.sqs.queue", "aws.dynamodb.table"]
REGIONAL_TYPES += ["aws.logs.log_group"]
REGIONAL_TYPES += BACKUP_REGIONAL
collected = [{"scope": {"platform": "aws", "account_id": ACCT}, "types": sorted(GLOBAL_TYPES + EDGE_GLOBAL)}] + [
    {"scope": {"platform": "aws", "account_id": ACCT, "region": r}, "types": sorted(REGIONAL_TYPES + EDGE_REGIONAL)} for r in REGIONS]

snapshot = {
    "schema": "rampart.evidence/v1", "collected_at": TS, "collectors": ["aws"], "collected": collected, "resources": resources,
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
