# METADATA
# title: Instances with a public IP expose no sensitive port to the internet
# description: >-
#   Prowler's critical ec2_instance_port_<service>_exposed_to_internet
#   checks, as one control: an instance with a public IP address fails when
#   a security group attached to it (or to one of its network interfaces)
#   lets 0.0.0.0/0 or ::/0 reach a port of the table in docs/controls.md —
#   SSH, RDP, Telnet, FTP, CIFS, Kerberos, LDAP, the databases (MySQL,
#   PostgreSQL, SQL Server, Oracle, MongoDB, Cassandra), Redis, Memcached,
#   Elasticsearch/Kibana and Kafka — over TCP, by a port range or an
#   all-traffic rule. The instance is joined to its groups by
#   security_group_refs; a group that is not in the evidence, or whose
#   rules are unknown, makes the result not_evaluated. Whether the subnet
#   routes to an internet gateway is not read: a public address is taken
#   as reachable (Prowler lowers the severity to high for a private subnet;
#   here it stays a failure). Instances without a public address are
#   AWS-EC2-009.
# custom:
#   id: AWS-EC2-008
#   severity: critical
#   resource_types: [aws.ec2.instance]
#   related:
#     groups: {type: aws.ec2.security_group, join: {attribute: security_group_refs}}
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_instance_port_cassandra_exposed_to_internet, ec2_instance_port_cifs_exposed_to_internet, ec2_instance_port_elasticsearch_kibana_exposed_to_internet, ec2_instance_port_ftp_exposed_to_internet, ec2_instance_port_kafka_exposed_to_internet, ec2_instance_port_kerberos_exposed_to_internet, ec2_instance_port_ldap_exposed_to_internet, ec2_instance_port_memcached_exposed_to_internet, ec2_instance_port_mongodb_exposed_to_internet, ec2_instance_port_mysql_exposed_to_internet, ec2_instance_port_oracle_exposed_to_internet, ec2_instance_port_postgresql_exposed_to_internet, ec2_instance_port_rdp_exposed_to_internet, ec2_instance_port_redis_exposed_to_internet, ec2_instance_port_sqlserver_exposed_to_internet, ec2_instance_port_ssh_exposed_to_internet, ec2_instance_port_telnet_exposed_to_internet]
#   remediation:
#     console: 'EC2 → Instances → the instance → Security → the group → Inbound rules → remove the 0.0.0.0/0 and ::/0 sources on the ports named; reach the instance through Session Manager, a VPN or a load balancer.'
#     terraform: 'Remove the open cidr_blocks / ipv6_cidr_blocks from the groups in the aws_instance''s vpc_security_group_ids, or set associate_public_ip_address = false and put the instance behind a load balancer.'
package rampart.aws.ec2.instance_exposed_ports

import data.rampart.lib

groups := object.get(input, ["related", "groups"], null)

deny contains {"msg": sprintf("instance %s has a public IP and security group %s lets %s reach %s (ingress rule %d)", [lib.label("instance_id"), lib.sg_name(g), concat(", ", x.sources), lib.sg_ports_text(x.ports), x.rule]), "path": "related.groups"} if {
	lib.is_true(lib.attr("has_public_ip"))
	some g in groups
	some x in lib.sg_internet_exposures(g)
}

unknown contains {"msg": sprintf("whether instance %s has a public IP is unknown", [lib.label("instance_id")]), "path": "attributes.has_public_ip"} if {
	not is_boolean(lib.attr("has_public_ip"))
}

unknown contains p if {
	lib.is_true(lib.attr("has_public_ip"))
	some p in lib.sg_exposure_unknown(lib.attr("security_group_refs"), groups)
}

unknown contains {"msg": "the instance's security groups were not given to the control (input.related.groups)", "path": "related.groups"} if {
	lib.is_true(lib.attr("has_public_ip"))
	not is_array(groups)
}

unknown contains {"msg": sprintf("security group %s: ingress rules are unknown: %s", [lib.sg_name(g), object.get(g, ["unknown", "ingress"], "not reported")]), "path": "related.groups"} if {
	lib.is_true(lib.attr("has_public_ip"))
	some g in object.get(input, ["related", "groups"], [])
	not is_array(object.get(g, ["attributes", "ingress"], null))
}
