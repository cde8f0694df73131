package awstest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// LambdaFunction is a Lambda function of the estate.
type LambdaFunction struct {
	Name     string
	Runtime  string // "" for a container image
	Image    bool   // PackageType Image
	Tracing  string // Active or PassThrough
	Subnets  []string
	DLQ      string            // dead-letter target ARN
	KMSKey   string            // customer key of the environment
	Env      map[string]string // environment variables
	EnvError string            // an environment Lambda could not decrypt: its error code
	Layers   []string          // layer version ARNs
	Policy   string            // resource policy JSON, "" when none
	URLs     []FunctionURL
}

// FunctionURL is one function URL.
type FunctionURL struct {
	Qualifier   string // alias, "" for the unqualified function
	AuthType    string // NONE or AWS_IAM
	CORSOrigins []string
}

// PackageType is what ListFunctions says the package is.
func (f LambdaFunction) PackageType() string {
	if f.Image {
		return "Image"
	}
	return "Zip"
}

// lambdaOperation names a Lambda REST request by its path.
func lambdaOperation(c *call) string {
	p := strings.TrimSuffix(c.r.URL.Path, "/")
	switch {
	case p == "/2015-03-31/functions":
		return "ListFunctions"
	case strings.HasPrefix(p, "/2015-03-31/functions/") && strings.HasSuffix(p, "/policy"):
		return "GetPolicy"
	case strings.HasPrefix(p, "/2021-10-31/functions/") && strings.HasSuffix(p, "/urls"):
		return "ListFunctionUrlConfigs"
	}
	return ""
}

// lambdaFunctionName is the {FunctionName} path segment.
func lambdaFunctionName(c *call) string {
	parts := strings.Split(strings.TrimPrefix(c.r.URL.Path, "/"), "/")
	if len(parts) < 3 {
		return ""
	}
	name, err := url.PathUnescape(parts[2])
	if err != nil {
		return parts[2]
	}
	return name
}

func (s *Server) lambda(c *call) error {
	reg := c.regionData()
	const t = "application/json"
	base := map[string]any{"Account": c.account.ID, "Region": c.region}
	marker := c.r.URL.Query().Get("Marker")
	if c.op == "ListFunctions" {
		items, next := page(c, reg.Functions, marker, s.faults.PageSize)
		base["Items"], base["NextMarker"] = items, next
		return render(c, t, "lambda/ListFunctions", base)
	}
	name := lambdaFunctionName(c)
	for _, f := range reg.Functions {
		if f.Name != name && !strings.HasSuffix(name, ":function:"+f.Name) {
			continue
		}
		base["Function"] = f
		switch c.op {
		case "GetPolicy":
			if f.Policy == "" {
				s.fail(c, http.StatusNotFound, "ResourceNotFoundException", "The resource you requested does not exist.")
				return nil
			}
			return render(c, t, "lambda/GetPolicy", base)
		case "ListFunctionUrlConfigs":
			items, next := page(c, f.URLs, marker, s.faults.PageSize)
			base["Items"], base["NextMarker"] = items, next
			return render(c, t, "lambda/ListFunctionUrlConfigs", base)
		}
		return fmt.Errorf("lambda: unsupported request %s %s", c.r.Method, c.r.URL.Path)
	}
	s.fail(c, http.StatusNotFound, "ResourceNotFoundException", "Function not found: "+name)
	return nil
}
