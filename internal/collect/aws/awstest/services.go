package awstest

import (
	"net/http"
	"strings"
)

// protocol is an AWS wire protocol: how a request names its operation and
// how answers and errors are shaped. The SDK clients pick their
// deserializer by protocol, so the stand-in must answer each service in
// its own.
type protocol int

const (
	// awsQuery: form-encoded `Action=…`, XML answers and
	// <ErrorResponse> errors (IAM, STS, RDS, SNS, ELB).
	awsQuery protocol = iota
	// ec2Query: the query protocol with EC2's own <Response><Errors> shape.
	ec2Query
	// awsJSON11 / awsJSON10: POST with `X-Amz-Target: Prefix.Operation`,
	// JSON answers and `__type` errors (KMS, CloudTrail, Config, Logs / SQS,
	// DynamoDB).
	awsJSON11
	awsJSON10
	// restJSON: the operation is the method and path; JSON answers
	// (GuardDuty, EFS, Lambda, EKS …). Each service names its operations.
	restJSON
	// restXML: the operation is the method and path; XML answers with
	// <Error> errors (S3, S3 Control, CloudFront).
	restXML
	// rpcV2CBOR: POST /service/<service>/operation/<Operation>, CBOR bodies
	// (CloudWatch).
	rpcV2CBOR
)

// service is one AWS service the stand-in answers, by its SigV4 signing
// name (s3control is told apart from s3 by its path).
type service struct {
	protocol protocol
	// serve answers a request whose operation is known.
	serve func(*Server, *call) error
	// operation names a REST request's operation (restJSON, restXML);
	// the other protocols carry the name in the request.
	operation func(*call) string
	// denyCode replaces the protocol's access-denied error code where
	// the service uses its own (SNS: AuthorizationError).
	denyCode string
	// errorTemplate is the restXML error body's template.
	errorTemplate string
	// throttleCode and throttleStatus replace the protocol's throttling
	// error where the service uses its own.
	throttleCode   string
	throttleStatus int
}

// services is every service the stand-in speaks. A new service is one
// entry here and its handler file. Filled by init because the handlers
// read it back (for their errors' shape).
var services map[string]service

func init() {
	services = map[string]service{
		"sts": {protocol: awsQuery, serve: (*Server).sts},
		"iam": {protocol: awsQuery, serve: (*Server).iam},
		"rds": {protocol: awsQuery, serve: (*Server).rds},
		"sns": {protocol: awsQuery, serve: (*Server).sns, denyCode: "AuthorizationError"},
		"ec2": {protocol: ec2Query, serve: (*Server).ec2},
		// Classic and v2 load balancers: one signing name, told apart by Version.
		"elasticloadbalancing": {protocol: awsQuery, serve: (*Server).elb},

		"kms":        {protocol: awsJSON11, serve: (*Server).jsonService},
		"cloudtrail": {protocol: awsJSON11, serve: (*Server).jsonService},
		"config":     {protocol: awsJSON11, serve: (*Server).jsonService},
		"logs":       {protocol: awsJSON11, serve: (*Server).logs}, // logs.go

		"secretsmanager": {protocol: awsJSON11, serve: (*Server).secretsManager},
		"sqs":            {protocol: awsJSON10, serve: (*Server).sqs},
		"dynamodb":       {protocol: awsJSON10, serve: (*Server).dynamodb},
		"wafv2":          {protocol: awsJSON11, serve: (*Server).wafv2},
		"organizations":  {protocol: awsJSON11, serve: (*Server).organizations},

		"guardduty":         {protocol: restJSON, serve: (*Server).guardduty, operation: guardDutyOperation},
		"inspector2":        {protocol: restJSON, serve: (*Server).inspector2, operation: inspectorOperation},
		"account":           {protocol: restJSON, serve: (*Server).accountService, operation: accountOperation},
		"access-analyzer":   {protocol: restJSON, serve: (*Server).securityServices, operation: restJSONOperation},
		"macie2":            {protocol: restJSON, serve: (*Server).securityServices, operation: restJSONOperation},
		"securityhub":       {protocol: restJSON, serve: (*Server).securityServices, operation: restJSONOperation},
		"elasticfilesystem": {protocol: restJSON, serve: (*Server).efs, operation: restJSONOperation},
		// REST APIs and (under /v2/) HTTP and WebSocket APIs.
		"apigateway": {protocol: restJSON, serve: (*Server).apigateway, operation: apiGatewayOperation},
		"lambda":     {protocol: restJSON, serve: (*Server).lambda, operation: lambdaOperation},
		"eks":        {protocol: restJSON, serve: (*Server).eks, operation: eksOperation},
		"backup":     {protocol: restJSON, serve: (*Server).backup, operation: backupOperation},
		"ecr":        {protocol: awsJSON11, serve: (*Server).ecr},

		"s3":        {protocol: restXML, serve: (*Server).s3, operation: func(c *call) string { return s3Operation(c.r) }, errorTemplate: "s3-error", throttleCode: "SlowDown", throttleStatus: http.StatusServiceUnavailable},
		"s3control": {protocol: restXML, serve: (*Server).s3control, operation: func(*call) string { return "GetPublicAccessBlock" }, errorTemplate: "s3control-error", throttleCode: "SlowDown", throttleStatus: http.StatusServiceUnavailable},

		"cloudfront": {protocol: restXML, serve: (*Server).cloudfront, operation: cloudFrontOperation, errorTemplate: "cloudfront-error"},

		"monitoring": {protocol: rpcV2CBOR, serve: (*Server).cloudwatch},
	}
}

const json10Type = "application/x-amz-json-1.0"

// contentType is what the service's protocol answers with.
func contentType(name string) string {
	switch services[name].protocol {
	case awsJSON11:
		return jsonType
	case awsJSON10:
		return json10Type
	case restJSON:
		return "application/json"
	case restXML:
		return "application/xml"
	case rpcV2CBOR:
		return cborType
	}
	return xmlType
}

// operation names the request the way the SDK's operation is named.
func (s *Server) operation(c *call) string {
	svc, ok := services[c.service]
	if !ok {
		return ""
	}
	switch svc.protocol {
	case awsQuery, ec2Query:
		c.form = parseForm(string(c.body))
		return c.form["Action"]
	case awsJSON11, awsJSON10:
		t := c.r.Header.Get("X-Amz-Target")
		return t[strings.LastIndex(t, ".")+1:]
	case rpcV2CBOR:
		return c.r.URL.Path[strings.LastIndex(c.r.URL.Path, "/")+1:]
	}
	return svc.operation(c)
}

func accountOperation(c *call) string {
	op := strings.TrimPrefix(c.r.URL.Path, "/")
	if op == "" {
		return ""
	}
	return strings.ToUpper(op[:1]) + op[1:]
}

func (s *Server) dispatch(c *call) {
	svc, ok := services[c.service]
	if !ok {
		s.fail(c, http.StatusBadRequest, "InvalidAction", "unknown service "+c.service)
		return
	}
	if err := svc.serve(s, c); err != nil {
		s.fail(c, http.StatusBadRequest, "InvalidAction", err.Error())
	}
}

// Protocol-specific errors.

func (s *Server) deny(c *call) {
	svc := services[c.service]
	msg := "User: arn:aws:iam::" + c.account.ID + ":user/auditor is not authorized to perform: " + c.service + ":" + c.op
	code := svc.denyCode
	switch {
	case svc.protocol == ec2Query:
		s.fail(c, http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation.")
		return
	case code != "":
	case svc.protocol == awsJSON11 || svc.protocol == awsJSON10 || svc.protocol == restJSON:
		code = "AccessDeniedException"
	default:
		code = "AccessDenied"
	}
	s.fail(c, http.StatusForbidden, code, msg)
}

func (s *Server) throttle(c *call) {
	svc := services[c.service]
	if svc.throttleCode != "" {
		s.fail(c, svc.throttleStatus, svc.throttleCode, "Please reduce your request rate.")
		return
	}
	switch svc.protocol {
	case ec2Query:
		s.fail(c, http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded.")
	case awsJSON11, awsJSON10:
		s.fail(c, http.StatusBadRequest, "ThrottlingException", "Rate exceeded")
	case restJSON:
		s.fail(c, http.StatusTooManyRequests, "TooManyRequestsException", "Rate exceeded")
	default:
		s.fail(c, http.StatusBadRequest, "Throttling", "Rate exceeded")
	}
}

// fail writes an error in the shape the service's protocol uses.
func (s *Server) fail(c *call, status int, code, msg string) {
	svc := services[c.service]
	switch svc.protocol {
	case ec2Query:
		writeTemplate(c, status, "text/xml", "ec2-error", map[string]string{"Code": code, "Message": msg})
	case restXML:
		writeTemplate(c, status, "application/xml", svc.errorTemplate, map[string]string{"Code": code, "Message": msg})
	case rpcV2CBOR:
		cborError(c, status, code, msg)
	case awsJSON11, restJSON:
		c.w.Header().Set("X-Amzn-ErrorType", code)
		writeTemplate(c, status, jsonType, "json-error", map[string]string{"Code": code, "Message": msg})
	case awsJSON10:
		c.w.Header().Set("X-Amzn-ErrorType", code)
		writeTemplate(c, status, json10Type, "json-error", map[string]string{"Code": code, "Message": msg})
	default:
		s.queryError(c, status, code, msg)
	}
}
