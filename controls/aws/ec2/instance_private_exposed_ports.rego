# METADATA
# title: Instances without a public IP have no security group open to the internet on a sensitive port
# description: >-
#   The medium case of Prowler's ec2_instance_port_<service>_exposed_to_internet
#   checks: an instance with no public IP address whose attached security
#   group lets 0.0.0.0/0 or ::/0 reach a sensitive port (the table of
#   AWS-EC2-008, in docs/controls.md). It is not reachable today, but an
#   Elastic IP, a public address on a new interface or a change of subnet
#   exposes it at once, with nothing else to change. Joined to its groups
#   by security_group_refs; a group not in the evidence, or with unknown
#   rules, makes the result not_evaluated.
# custom:
#   id: AWS-EC2-009
#   severity: medium
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
#     console: 'EC2 → Instances → the instance → Security → the group → Inbound rules → narrow the 0.0.0.0/0 and ::/0 sources on the ports named to the networks that need them.'
#     terraform: 'Replace the open cidr_blocks / ipv6_cidr_blocks of the groups in the aws_instance''s vpc_security_group_ids with the client networks or source security groups.'
package rampart.aws.ec2.instance_private_exposed_ports

import data.rampart.lib

groups := object.get(input, ["related", "groups"], null)

deny contains {"msg": sprintf("instance %s has no public IP but security group %s lets %s reach %s (ingress rule %d)", [lib.label("instance_id"), lib.sg_name(g), concat(", ", x.sources), lib.sg_ports_text(x.ports), x.rule]), "path": "related.groups"} if {
	lib.is_false(lib.attr("has_public_ip"))
	some g in groups
	some x in lib.sg_internet_exposures(g)
}

unknown contains {"msg": sprintf("whether instance %s has a public IP is unknown", [lib.label("instance_id")]), "path": "attributes.has_public_ip"} if {
	not is_boolean(lib.attr("has_public_ip"))
}

unknown contains p if {
	lib.is_false(lib.attr("has_public_ip"))
	some p in lib.sg_exposure_unknown(lib.attr("security_group_refs"), groups)
}

unknown contains {"msg": "the instance's security groups were not given to the control (input.related.groups)", "path": "related.groups"} if {
	lib.is_false(lib.attr("has_public_ip"))
	not is_array(groups)
}

unknown contains {"msg": sprintf("security group %s: ingress rules are unknown: %s", [lib.sg_name(g), object.get(g, ["unknown", "ingress"], "not reported")]), "path": "related.groups"} if {
	lib.is_false(lib.attr("has_public_ip"))
	some g in object.get(input, ["related", "groups"], [])
	not is_array(object.get(g, ["attributes", "ingress"], null))
}
