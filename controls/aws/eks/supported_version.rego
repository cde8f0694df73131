# METADATA
# title: EKS clusters run a Kubernetes version in standard support
# description: >-
#   After the end of standard support a version gets patches only in paid
#   extended support, and after that none: EKS then upgrades the control
#   plane by itself. The dates are those of the Amazon EKS release
#   calendar, kept in one table (controls/lib/compute.rego, with the day it
#   was written); a version missing from the table is reported unknown.
# custom:
#   id: AWS-EKS-006
#   severity: high
#   resource_types: [aws.eks.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.8", "A.8.19"]
#     nist-800-53-r5: ["SA-22", "SI-2"]
#     soc2: ["CC7.1", "CC8.1"]
#   equivalents:
#     prowler: [eks_cluster_uses_a_supported_version]
#   remediation:
#     console: 'EKS → the cluster → Upgrade now → the next Kubernetes version (one minor version at a time; upgrade the node groups and add-ons after it).'
#     terraform: 'aws_eks_cluster { version = "1.34" } (one minor version per apply), then the node groups'' version.'
package rampart.aws.eks.supported_version

import data.rampart.lib

version := input.attributes.version

deny contains {"msg": sprintf("EKS cluster %s runs Kubernetes %s, out of standard support since %s (%s)", [lib.label("name"), version, support.standard, extended_text]), "path": "attributes.version"} if {
	support := lib.eks_version_support[version]
	lib.date_passed(support.standard)
}

extended_text := sprintf("extended support ended %s", [lib.eks_version_support[version].extended]) if {
	lib.date_passed(lib.eks_version_support[version].extended)
} else := sprintf("extended support until %s", [lib.eks_version_support[version].extended])

deny contains {"msg": sprintf("EKS cluster %s runs Kubernetes %s, which AWS no longer supports", [lib.label("name"), version]), "path": "attributes.version"} if {
	lib.eks_version_older_than_table(version)
}

unknown contains {"msg": "the cluster's Kubernetes version is unknown", "path": "attributes.version"} if {
	not is_string(lib.attr("version"))
}

unknown contains {"msg": sprintf("Kubernetes %s is not in Rampart's table of EKS versions (written %s)", [version, lib.compute_tables_written]), "path": "attributes.version"} if {
	is_string(version)
	not version in object.keys(lib.eks_version_support)
	not lib.eks_version_older_than_table(version)
}
