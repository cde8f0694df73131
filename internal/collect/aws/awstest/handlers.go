package awstest

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

func xmlEscape(w io.Writer, s string) error { return xml.EscapeText(w, []byte(s)) }

func unescape(s string) (string, error) { return url.QueryUnescape(s) }

const (
	xmlType  = "text/xml"
	jsonType = "application/x-amz-json-1.1"
)

func (c *call) regionData() *Region {
	if r := c.account.Regions[c.region]; r != nil {
		return r
	}
	return &Region{}
}

func (s *Server) sts(c *call) error {
	switch c.op {
	case "GetCallerIdentity":
		return render(c, xmlType, "sts/GetCallerIdentity", map[string]string{
			"Account": c.account.ID, "Arn": "arn:aws:iam::" + c.account.ID + ":user/auditor",
		})
	case "AssumeRole":
		role := c.form["RoleArn"]
		target := s.byRole[role]
		if target == nil {
			s.deny(c)
			return nil
		}
		return render(c, xmlType, "sts/AssumeRole", map[string]string{
			"AccessKeyID": "ASIA" + target.ID,
			"AssumedArn":  strings.Replace(strings.Replace(role, ":iam:", ":sts:", 1), ":role/", ":assumed-role/", 1) + "/" + c.form["RoleSessionName"],
			"Session":     c.form["RoleSessionName"],
			"Expiration":  time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		})
	}
	return fmt.Errorf("sts: unsupported action %q", c.op)
}

// user finds the request's UserName in the account, or answers
// NoSuchEntity as IAM does and returns nil.
func (s *Server) user(c *call, a *Account) *User {
	name := c.form["UserName"]
	for i := range a.Users {
		if a.Users[i].Name == name {
			return &a.Users[i]
		}
	}
	s.fail(c, http.StatusNotFound, "NoSuchEntity", "The user with name "+name+" cannot be found.")
	return nil
}

func (s *Server) iam(c *call) error {
	a := c.account
	switch c.op {
	case "GetAccountAuthorizationDetails":
		return s.authorizationDetails(c, a)
	case "ListRoles":
		return s.listRoles(c, a)
	case "ListMFADevices":
		u := s.user(c, a)
		if u == nil {
			return nil
		}
		items, next := page(c, u.MFASerials, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "iam/ListMFADevices", map[string]any{"User": u.Name, "Items": items, "Marker": next})
	case "ListAccessKeys":
		u := s.user(c, a)
		if u == nil {
			return nil
		}
		items, next := page(c, u.AccessKeys, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "iam/ListAccessKeys", map[string]any{"User": u.Name, "Items": items, "Marker": next})
	case "GetAccessKeyLastUsed":
		for _, u := range a.Users {
			for _, k := range u.AccessKeys {
				if k.ID == c.form["AccessKeyId"] {
					return render(c, xmlType, "iam/GetAccessKeyLastUsed", map[string]any{"User": u.Name, "LastUsed": k.LastUsed})
				}
			}
		}
		s.fail(c, http.StatusNotFound, "NoSuchEntity", "The Access Key with id "+c.form["AccessKeyId"]+" cannot be found.")
		return nil
	case "GenerateCredentialReport":
		// The first request starts the report, as IAM does; later ones find it complete.
		s.mu.Lock()
		n := s.reports[a.ID]
		s.reports[a.ID]++
		s.mu.Unlock()
		state := "COMPLETE"
		if n == 0 {
			state = "STARTED"
		}
		return render(c, xmlType, "iam/GenerateCredentialReport", map[string]string{"State": state})
	case "GetCredentialReport":
		content, err := credentialReport(a)
		if err != nil {
			return err
		}
		return render(c, xmlType, "iam/GetCredentialReport", map[string]string{
			"Content": base64.StdEncoding.EncodeToString(content), "Generated": time.Now().UTC().Format(time.RFC3339),
		})
	case "ListVirtualMFADevices":
		var devs []map[string]string
		if a.RootVirtualMFA && c.form["AssignmentStatus"] != "Unassigned" {
			devs = append(devs, map[string]string{"Serial": "arn:aws:iam::" + a.ID + ":mfa/root-account-mfa-device", "User": "arn:aws:iam::" + a.ID + ":root"})
		}
		for _, u := range a.Users {
			for _, serial := range u.MFASerials {
				devs = append(devs, map[string]string{"Serial": serial, "User": "arn:aws:iam::" + a.ID + ":user/" + u.Name, "Name": u.Name})
			}
		}
		items, next := page(c, devs, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "iam/ListVirtualMFADevices", map[string]any{"Items": items, "Marker": next})
	case "ListSAMLProviders":
		return render(c, xmlType, "iam/ListSAMLProviders", map[string]any{"Account": a.ID, "Items": a.SAMLProviders})
	case "ListOpenIDConnectProviders":
		return render(c, xmlType, "iam/ListOpenIDConnectProviders", map[string]any{"Account": a.ID, "Items": a.OIDCProviders})
	case "ListServerCertificates":
		items, next := page(c, a.ServerCerts, c.form["Marker"], s.faults.PageSize)
		return render(c, xmlType, "iam/ListServerCertificates", map[string]any{"Account": a.ID, "Items": items, "Marker": next})
	case "GetAccountPasswordPolicy":
		if a.PasswordPolicy == nil {
			s.fail(c, http.StatusNotFound, "NoSuchEntity", "The Password Policy with domain name "+a.ID+" cannot be found.")
			return nil
		}
		return render(c, xmlType, "iam/GetAccountPasswordPolicy", a.PasswordPolicy)
	}
	return fmt.Errorf("iam: unsupported action %q", c.op)
}

// credentialReport builds the CSV IAM returns, with its real columns.
func credentialReport(a *Account) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
		"password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
		"access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
		"access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
		"cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"}}
	root := []string{"<root_account>", "arn:aws:iam::" + a.ID + ":root", "2020-01-01T00:00:00+00:00", "not_supported",
		"2026-01-10T08:00:00+00:00", "not_supported", "not_supported", strconv.FormatBool(a.RootMFA)}
	for i := 1; i <= 2; i++ {
		if a.RootAccessKeys >= i {
			root = append(root, "true", "2021-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "us-east-1", "s3")
		} else {
			root = append(root, "false", "N/A", "N/A", "N/A", "N/A")
		}
	}
	rows = append(rows, append(root, "false", "N/A", "false", "N/A"))
	for _, u := range a.Users {
		row := []string{u.Name, "arn:aws:iam::" + a.ID + ":user/" + u.Name, u.Created.UTC().Format(time.RFC3339),
			strconv.FormatBool(u.Password), "N/A", "N/A", "N/A", strconv.FormatBool(len(u.MFASerials) > 0)}
		for i := 0; i < 2; i++ {
			if i < len(u.AccessKeys) {
				k := u.AccessKeys[i]
				row = append(row, strconv.FormatBool(k.Active), k.Created.UTC().Format(time.RFC3339), "N/A", "N/A", "N/A")
			} else {
				row = append(row, "false", "N/A", "N/A", "N/A", "N/A")
			}
		}
		rows = append(rows, append(row, "false", "N/A", "false", "N/A"))
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write credential report: %w", err)
	}
	return b.Bytes(), nil
}

type regionInfo struct{ Name, OptIn string }

func (s *Server) ec2(c *call) error {
	a := c.account
	reg := c.regionData()
	data := func(items any, next string) map[string]any {
		return map[string]any{"Items": items, "NextToken": next, "Account": a.ID, "Region": c.region}
	}
	tok, size := c.form["NextToken"], s.faults.PageSize
	switch c.op {
	case "DescribeRegions":
		var regs []regionInfo
		for name := range a.Regions {
			regs = append(regs, regionInfo{name, "opt-in-not-required"})
		}
		for _, name := range a.DisabledRegions {
			regs = append(regs, regionInfo{name, "not-opted-in"})
		}
		sort.Slice(regs, func(i, j int) bool { return regs[i].Name < regs[j].Name })
		return render(c, xmlType, "ec2/DescribeRegions", data(regs, ""))
	case "DescribeSecurityGroups":
		items, next := page(c, reg.SecurityGroups, tok, size)
		return render(c, xmlType, "ec2/DescribeSecurityGroups", data(items, next))
	case "DescribeInstances":
		items, next := page(c, reg.Instances, tok, size)
		return render(c, xmlType, "ec2/DescribeInstances", data(items, next))
	case "DescribeVolumes":
		items, next := page(c, reg.Volumes, tok, size)
		return render(c, xmlType, "ec2/DescribeVolumes", data(items, next))
	case "DescribeVpcs":
		items, next := page(c, reg.VPCs, tok, size)
		return render(c, xmlType, "ec2/DescribeVpcs", data(items, next))
	case "DescribeFlowLogs":
		var withLogs []VPC
		for _, v := range reg.VPCs {
			if v.FlowLogID != "" {
				withLogs = append(withLogs, v)
			}
		}
		items, next := page(c, withLogs, tok, size)
		return render(c, xmlType, "ec2/DescribeFlowLogs", data(items, next))
	case "DescribeNetworkAcls":
		items, next := page(c, reg.NetworkACLs, tok, size)
		return render(c, xmlType, "ec2/DescribeNetworkAcls", data(items, next))
	case "DescribeRouteTables":
		items, next := page(c, reg.RouteTables, tok, size)
		return render(c, xmlType, "ec2/DescribeRouteTables", data(items, next))
	case "GetEbsEncryptionByDefault":
		return render(c, xmlType, "ec2/GetEbsEncryptionByDefault", reg.EBSDefault)
	}
	return s.ec2Depth(c, reg, data)
}

func (s *Server) rds(c *call) error {
	if c.op != "DescribeDBInstances" {
		return s.rdsDepth(c)
	}
	if c.op != "DescribeDBInstances" {
		return fmt.Errorf("rds: unsupported action %q", c.op)
	}
	items, next := page(c, c.regionData().DBs, c.form["Marker"], s.faults.PageSize)
	return render(c, xmlType, "rds/DescribeDBInstances", map[string]any{"Items": items, "Marker": next, "Account": c.account.ID, "Region": c.region})
}

// s3Operation names a path-style S3 request by its sub-resource.
func s3Operation(r *http.Request) string {
	if strings.Trim(r.URL.Path, "/") == "" {
		return "ListBuckets"
	}
	q := r.URL.Query()
	for _, sub := range []struct{ key, op string }{
		{"encryption", "GetBucketEncryption"}, {"publicAccessBlock", "GetPublicAccessBlock"},
		{"versioning", "GetBucketVersioning"}, {"logging", "GetBucketLogging"}, {"policy", "GetBucketPolicy"},
		{"acl", "GetBucketAcl"}, {"location", "GetBucketLocation"},
		{"ownershipControls", "GetBucketOwnershipControls"}, {"object-lock", "GetObjectLockConfiguration"},
	} {
		if q.Has(sub.key) {
			return sub.op
		}
	}
	return "Unsupported"
}

func (s *Server) s3(c *call) error {
	a := c.account
	const t = "application/xml"
	if c.op == "ListBuckets" {
		q := c.r.URL.Query()
		size := len(a.Buckets)
		if q.Has("max-buckets") {
			size = s.faults.PageSize
		}
		items, next := page(c, a.Buckets, q.Get("continuation-token"), max(size, 1))
		return render(c, t, "s3/ListBuckets", map[string]any{"Items": items, "NextToken": next, "WithRegion": q.Has("max-buckets")})
	}
	name := strings.SplitN(strings.Trim(c.r.URL.Path, "/"), "/", 2)[0]
	var b *Bucket
	for i := range a.Buckets {
		if a.Buckets[i].Name == name {
			b = &a.Buckets[i]
		}
	}
	if b == nil {
		s.fail(c, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
		return nil
	}
	if c.op != "GetBucketLocation" && c.region != b.Region {
		// S3 refuses requests signed for another region than the bucket's.
		s.fail(c, http.StatusBadRequest, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region '"+c.region+"' is wrong; expecting '"+b.Region+"'")
		return nil
	}
	switch c.op {
	case "GetBucketLocation":
		return render(c, t, "s3/GetBucketLocation", b)
	case "GetBucketEncryption":
		if b.SSEAlgorithm == "" {
			s.fail(c, http.StatusNotFound, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found")
			return nil
		}
		return render(c, t, "s3/GetBucketEncryption", b)
	case "GetPublicAccessBlock":
		if b.PublicAccess == nil {
			s.fail(c, http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
			return nil
		}
		return render(c, t, "s3/GetPublicAccessBlock", b.PublicAccess)
	case "GetBucketVersioning":
		return render(c, t, "s3/GetBucketVersioning", b)
	case "GetBucketLogging":
		return render(c, t, "s3/GetBucketLogging", b)
	case "GetBucketPolicy":
		if b.Policy == "" {
			s.fail(c, http.StatusNotFound, "NoSuchBucketPolicy", "The bucket policy does not exist")
			return nil
		}
		// GetBucketPolicy answers with the policy JSON itself, not XML.
		c.w.Header().Set("Content-Type", "application/json")
		_, err := io.WriteString(c.w, b.Policy)
		return err
	case "GetBucketAcl":
		return render(c, t, "s3/GetBucketAcl", b)
	case "GetBucketOwnershipControls", "GetObjectLockConfiguration":
		return s.s3Depth(c, b)
	}
	return fmt.Errorf("s3: unsupported request %s %s", c.r.Method, c.r.URL)
}

func (s *Server) s3control(c *call) error {
	if got := c.r.Header.Get("X-Amz-Account-Id"); got != c.account.ID {
		s.deny(c)
		return nil
	}
	if c.account.PublicAccess == nil {
		s.fail(c, http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
		return nil
	}
	return render(c, "application/xml", "s3control/GetPublicAccessBlock", c.account.PublicAccess)
}

func (s *Server) jsonService(c *call) error {
	var in map[string]any
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
	}
	str := func(k string) string { v, _ := in[k].(string); return v }
	reg := c.regionData()
	base := map[string]any{"Account": c.account.ID, "Region": c.region}
	switch c.service + "/" + c.op {
	case "kms/ListKeys":
		items, next := page(c, reg.Keys, str("Marker"), s.faults.PageSize)
		base["Items"], base["NextToken"] = items, next
		return render(c, jsonType, "kms/ListKeys", base)
	case "kms/GetKeyPolicy":
		return s.keyPolicy(c, str("KeyId"))
	case "kms/DescribeKey", "kms/GetKeyRotationStatus":
		for _, k := range reg.Keys {
			// KMS takes a key ID or its ARN (DynamoDB names a table's key by ARN).
			if k.ID == str("KeyId") || "arn:aws:kms:"+c.region+":"+c.account.ID+":key/"+k.ID == str("KeyId") {
				if c.op == "DescribeKey" {
					base["Key"] = k
					return render(c, jsonType, "kms/DescribeKey", base)
				}
				return render(c, jsonType, "kms/GetKeyRotationStatus", k)
			}
		}
		s.fail(c, http.StatusBadRequest, "NotFoundException", "Key '"+str("KeyId")+"' does not exist")
		return nil
	case "cloudtrail/DescribeTrails":
		base["Items"] = reg.Trails
		return render(c, jsonType, "cloudtrail/DescribeTrails", base)
	case "cloudtrail/GetTrailStatus":
		name := str("Name")
		for _, t := range reg.Trails {
			if strings.HasSuffix(name, "trail/"+t.Name) || name == t.Name {
				return render(c, jsonType, "cloudtrail/GetTrailStatus", t)
			}
		}
		s.fail(c, http.StatusBadRequest, "TrailNotFoundException", "Unknown trail: "+name)
		return nil
	case "cloudtrail/GetEventSelectors":
		name := str("TrailName")
		for _, t := range reg.Trails {
			if strings.HasSuffix(name, "trail/"+t.Name) || name == t.Name {
				return render(c, jsonType, "cloudtrail/GetEventSelectors", map[string]any{"Account": c.account.ID, "Region": c.region, "Trail": t})
			}
		}
		s.fail(c, http.StatusBadRequest, "TrailNotFoundException", "Unknown trail: "+name)
		return nil
	case "logs/DescribeMetricFilters":
		items, next := page(c, reg.MetricFilters, str("nextToken"), s.faults.PageSize)
		base["Items"], base["NextToken"] = items, next
		return render(c, jsonType, "logs/DescribeMetricFilters", base)
	case "config/DescribeConfigurationRecorders":
		return render(c, jsonType, "config/DescribeConfigurationRecorders", reg.Recorder)
	case "config/DescribeConfigurationRecorderStatus":
		return render(c, jsonType, "config/DescribeConfigurationRecorderStatus", reg.Recorder)
	}
	return fmt.Errorf("%s: unsupported operation %q", c.service, c.op)
}

func (s *Server) guardduty(c *call) error {
	reg := c.regionData()
	status := reg.GuardDuty
	if c.op == "ListDetectors" {
		return render(c, "application/json", "guardduty/ListDetectors", status != "")
	}
	if status == "" {
		s.fail(c, http.StatusBadRequest, "BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.")
		return nil
	}
	if c.op == "ListFindings" || c.op == "GetFindings" {
		return s.guardDutyFindings(c)
	}
	return render(c, "application/json", "guardduty/GetDetector", map[string]any{"Status": status, "Features": reg.GuardDutyFeatures})
}

func (s *Server) accountService(c *call) error {
	if c.op == "GetContactInformation" {
		if c.account.Contact == nil {
			s.fail(c, http.StatusNotFound, "ResourceNotFoundException", "The contact information for the account was not found.")
			return nil
		}
		return render(c, "application/json", "account/GetContactInformation", c.account.Contact)
	}
	if c.op != "GetAlternateContact" {
		return fmt.Errorf("account: unsupported operation %q", c.op)
	}
	if c.account.SecurityContact == "" {
		s.fail(c, http.StatusNotFound, "ResourceNotFoundException", "No contact of the inputted alternate contact type found.")
		return nil
	}
	return render(c, "application/json", "account/GetAlternateContact", c.account.SecurityContact)
}
