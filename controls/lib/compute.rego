# Lifecycle tables of the compute controls: Lambda runtimes and EKS
# Kubernetes versions, each with the dates AWS publishes. One place for
# both, so the live and the Terraform evidence are judged by the same
# dates; a runtime or version missing here is unknown, never supported.
#
# Written 2026-12-01 from AWS's "Lambda runtimes" page (deprecated
# runtimes and the deprecation schedule) and the "Amazon EKS Kubernetes
# release calendar", as their dates stood then; AWS moves scheduled dates
# at times, so check them against those pages when updating.
#
# Checked on 2026-12-01 (issue 18) with the reference search of the build
# machine, which holds copies of those pages, not the pages themselves:
# - EKS: 1.29 to 1.34 (standard and extended end) agree with the release
#   calendar as copied in aws-samples/sample-apex-skills
#   (eks-operation-review/references/cluster-lifecycle, "Last verified:
#   2026-04-24", read 2026-12-01), which also gives 1.35 (standard support
#   until 2027-03-27, extended until 2028-03-27): added. 1.23 to 1.28 were
#   not found there and stand as written.
# - Lambda: nodejs20.x deprecated 2026-04-30 agrees with a secondary page
#   (bybowu.com, "Node.js 20 EOL on April 30", read 2026-12-01); every
#   runtime Prowler's awslambda_function_using_supported_runtimes lists as
#   obsolete (default_obsolete_lambda_runtimes, as found by search) has a
#   date in the past here. The copies of docs.aws.amazon.com's "Lambda
#   runtimes" page the search returned stop before its tables, so the other
#   dates could not be checked against AWS and stand as written.
package rampart.lib

# METADATA
# description: |-
#   compute_tables_written is the day the Lambda runtime and EKS version tables
#   were written from AWS's pages; the controls name it in their messages, so a
#   date past it can be checked against AWS before it is trusted.
# custom:
#   example: |-
#     lib.compute_tables_written
#   result: |-
#     "2026-12-01"
compute_tables_written := "2026-12-01"

# METADATA
# description: |-
#   lambda_runtime_deprecation maps a Lambda runtime identifier to the date
#   Lambda deprecates it (security patches end); null: supported, no date
#   announced. A runtime missing from the map is unknown, never supported.
# custom:
#   example: |-
#     lib.lambda_runtime_deprecation["python3.9"]
#   result: |-
#     "2025-12-15"
lambda_runtime_deprecation := {
	"nodejs": "2016-10-31",
	"nodejs4.3": "2020-03-05",
	"nodejs4.3-edge": "2019-04-30",
	"nodejs6.10": "2019-08-12",
	"nodejs8.10": "2020-03-06",
	"nodejs10.x": "2021-07-30",
	"nodejs12.x": "2023-03-31",
	"nodejs14.x": "2023-12-04",
	"nodejs16.x": "2024-06-12",
	"nodejs18.x": "2025-09-01",
	"nodejs20.x": "2026-04-30",
	"nodejs22.x": "2027-04-30",
	"nodejs24.x": null,
	"python2.7": "2021-07-15",
	"python3.6": "2022-07-18",
	"python3.7": "2023-12-04",
	"python3.8": "2024-10-14",
	"python3.9": "2025-12-15",
	"python3.10": "2026-10-31",
	"python3.11": null,
	"python3.12": null,
	"python3.13": null,
	"python3.14": null,
	"ruby2.5": "2021-07-30",
	"ruby2.7": "2023-12-07",
	"ruby3.2": "2026-03-31",
	"ruby3.3": "2027-03-31",
	"ruby3.4": null,
	"java8": "2024-01-08",
	"java21": null,
	"go1.x": "2024-01-08",
	"provided": "2024-01-08",
	"provided.al2023": null,
	"dotnetcore1.0": "2019-07-30",
	"dotnetcore2.0": "2019-05-30",
	"dotnetcore2.1": "2022-01-05",
	"dotnetcore3.1": "2023-04-03",
	"dotnet5.0": "2022-05-10",
	"dotnet6": "2024-12-20",
	"dotnet7": "2024-05-14",
	"dotnet8": "2026-11-10",
}

# METADATA
# description: |-
#   eks_version_support maps a Kubernetes minor version to the end of EKS
#   standard support and of extended support (paid, 12 months more). A version
#   missing from the map (and not older than it, see
#   eks_version_older_than_table) is unknown, never supported.
# custom:
#   example: |-
#     lib.eks_version_support["1.30"]
#   result: |-
#     {"standard": "2025-07-23", "extended": "2026-07-23"}
eks_version_support := {
	"1.23": {"standard": "2023-10-11", "extended": "2024-10-11"},
	"1.24": {"standard": "2024-01-31", "extended": "2025-01-31"},
	"1.25": {"standard": "2024-05-01", "extended": "2025-05-01"},
	"1.26": {"standard": "2024-06-11", "extended": "2025-06-11"},
	"1.27": {"standard": "2024-07-24", "extended": "2025-07-24"},
	"1.28": {"standard": "2024-11-26", "extended": "2025-11-26"},
	"1.29": {"standard": "2025-03-23", "extended": "2026-03-23"},
	"1.30": {"standard": "2025-07-23", "extended": "2026-07-23"},
	"1.31": {"standard": "2025-11-26", "extended": "2026-11-26"},
	"1.32": {"standard": "2026-03-23", "extended": "2027-03-23"},
	"1.33": {"standard": "2026-07-29", "extended": "2027-07-29"},
	"1.34": {"standard": "2026-12-02", "extended": "2027-12-02"},
	"1.35": {"standard": "2027-03-27", "extended": "2028-03-27"},
}

# METADATA
# description: |-
#   date_passed(d) holds from the first instant of the UTC day d (a
#   "YYYY-MM-DD" date of the tables); for anything that is not such a date it
#   is an evaluation error, never a silent false.
# custom:
#   example: |-
#     lib.date_passed("2020-01-01")
#   result: |-
#     true
date_passed(d) if time.now_ns() >= time.parse_ns("2006-01-02", d)

# METADATA
# description: |-
#   eks_version_older_than_table(v) holds for a "1.x" version below the
#   table's first entry (1.23): out of every support long before the table, so
#   it fails without a date; any other version missing from the table stays
#   unknown.
# custom:
#   example: |-
#     lib.eks_version_older_than_table("1.21")
#   result: |-
#     true
eks_version_older_than_table(v) if {
	parts := split(v, ".")
	count(parts) == 2
	parts[0] == "1"
	to_number(parts[1]) < 23
}
