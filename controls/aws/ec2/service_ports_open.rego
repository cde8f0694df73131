# METADATA
# title: Security groups do not open database, cache, search, messaging or legacy ports to the internet
# description: >-
#   Prowler's ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_*
#   checks, as one control on every security group, attached or not (a
#   group attached later exposes what it allows the moment it is): no
#   ingress rule lets 0.0.0.0/0 or ::/0 reach, over TCP, by a port range or
#   an all-traffic rule, a port of the sensitive-port table in
#   docs/controls.md (rampart.lib internet_sensitive_ports) other than SSH
#   and RDP, which AWS-EC2-001 judges — FTP, Telnet, CIFS/SMB, Kerberos,
#   LDAP, MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Cassandra, Redis,
#   Memcached, Elasticsearch/Kibana and Kafka. AWS-EC2-008 asks the same of
#   the groups of an instance that has a public address; this control
#   catches the open rule before anything is attached.
# custom:
#   id: AWS-EC2-010
#   severity: high
#   resource_types: [aws.ec2.security_group]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cassandra_7199_9160_8888, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_elasticsearch_kibana_9200_9300_5601, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_kafka_9092, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_memcached_11211, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_telnet_23]
#   remediation:
#     console: 'EC2 → Security groups → the group → Inbound rules → replace the 0.0.0.0/0 and ::/0 sources on the ports named with the client networks or source security groups; databases and caches belong in private subnets.'
#     terraform: 'Replace the open cidr_blocks / ipv6_cidr_blocks of the ingress rule (aws_security_group ingress, aws_security_group_rule or aws_vpc_security_group_ingress_rule) with the client CIDRs or a source_security_group_id.'
package rampart.aws.ec2.service_ports_open

import data.rampart.lib

# AWS-EC2-001 owns the administration ports.
admin_ports := {22, 3389}

deny contains {"msg": sprintf("ingress rule %d lets %s reach %s", [x.rule, concat(", ", x.sources), lib.sg_ports_text(ports)]), "path": sprintf("attributes.ingress[%d]", [x.rule])} if {
	some x in lib.sg_internet_exposures(input)
	ports := [p | some p in x.ports; not p.port in admin_ports]
	count(ports) > 0
}

unknown contains {"msg": "the group's ingress rules are unknown", "path": "attributes.ingress"} if {
	not is_array(lib.attr("ingress"))
}

unknown contains {"msg": sprintf("ingress rule %d has an unknown protocol or port range", [i]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	not lib.sg_rule_well_formed(rule)
}

unknown contains {"msg": sprintf("ingress rule %d has unreadable source ranges", [i]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	not lib.sg_rule_sources_known(rule)
}
