# METADATA
# title: Lambda functions use a supported runtime
# description: >-
#   After its deprecation date a Lambda runtime gets no security patches,
#   and later functions on it can no longer be created or updated. The
#   dates are those of AWS's Lambda runtimes page, kept in one table
#   (controls/lib/compute.rego, with the day it was written); a runtime
#   missing from the table is reported unknown. Container images bring
#   their own runtime and are not judged here.
# custom:
#   id: AWS-LAMBDA-004
#   severity: medium
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.8", "A.8.19"]
#     nist-800-53-r5: ["SA-22", "SI-2"]
#     soc2: ["CC7.1", "CC8.1"]
#   equivalents:
#     prowler: [awslambda_function_using_supported_runtimes]
#   remediation:
#     console: 'Lambda → the function → Code → Runtime settings → Edit → a supported runtime of the same language; test the function on it first (an alias or version lets you roll back).'
#     terraform: 'aws_lambda_function { runtime = "python3.12" } (or another supported runtime), after testing the code on it.'
package rampart.aws.lambda.supported_runtime

import data.rampart.lib

runtime := input.attributes.runtime

deny contains {"msg": sprintf("Lambda function %s runs on %s, deprecated since %s", [lib.label("function_name"), runtime, date]), "path": "attributes.runtime"} if {
	date := lib.lambda_runtime_deprecation[runtime]
	is_string(date)
	lib.date_passed(date)
}

zip if input.attributes.package_type == "Zip"

unknown contains {"msg": "the function's package type is unknown", "path": "attributes.package_type"} if {
	not is_string(lib.attr("package_type"))
}

unknown contains {"msg": "the function's runtime is unknown", "path": "attributes.runtime"} if {
	zip
	not is_string(lib.attr("runtime"))
}

unknown contains {"msg": sprintf("runtime %s is not in Rampart's table of Lambda runtimes (written %s)", [runtime, lib.compute_tables_written]), "path": "attributes.runtime"} if {
	zip
	is_string(runtime)
	not runtime in object.keys(lib.lambda_runtime_deprecation)
}
