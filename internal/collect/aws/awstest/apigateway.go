package awstest

import (
	"fmt"
	"strings"
)

// API Gateway: REST APIs (v1) and HTTP/WebSocket APIs (v2) both sign as
// apigateway and speak REST-JSON; v2 paths start with /v2/. The v2
// operations that share a v1 name carry a V2 suffix here, so a fault can
// target one of them.

// RestAPI is a REST API with its stages.
type RestAPI struct {
	ID, Name    string
	Endpoint    string // EDGE, REGIONAL, PRIVATE
	Authorizers int
	Stages      []RestStage
}

// RestStage is a REST API stage; LogLevel and CacheEncrypted are the */*
// method settings (LogLevel "" leaves the method settings out).
type RestStage struct {
	Name           string
	AccessLogARN   string
	LogLevel       string
	Tracing        bool
	ClientCert     string
	WebACL         string
	Cache          bool
	CacheEncrypted bool
}

// APIDomain is a custom domain name of REST APIs.
type APIDomain struct {
	Name, SecurityPolicy, Endpoint string
}

// HTTPAPI is an API Gateway v2 API.
type HTTPAPI struct {
	ID, Name, Protocol string // Protocol HTTP or WEBSOCKET
	Authorizers        int
	Stages             []HTTPStage
}

type HTTPStage struct {
	Name, AccessLogARN string
}

func apiGatewayOperation(c *call) string {
	parts := strings.Split(strings.Trim(c.r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 1 && parts[0] == "restapis":
		return "GetRestApis"
	case len(parts) == 1 && parts[0] == "domainnames":
		return "GetDomainNames"
	case len(parts) == 3 && parts[0] == "restapis" && parts[2] == "stages":
		return "GetStages"
	case len(parts) == 3 && parts[0] == "restapis" && parts[2] == "authorizers":
		return "GetAuthorizers"
	case len(parts) == 2 && parts[0] == "v2" && parts[1] == "apis":
		return "GetApis"
	case len(parts) == 4 && parts[0] == "v2" && parts[3] == "stages":
		return "GetStagesV2"
	case len(parts) == 4 && parts[0] == "v2" && parts[3] == "authorizers":
		return "GetAuthorizersV2"
	}
	return ""
}

// counted stands in for authorizers, of which only the number matters.
type counted struct{ N int }

func (s *Server) apigateway(c *call) error {
	reg := c.regionData()
	const t = "application/json"
	q := c.r.URL.Query()
	parts := strings.Split(strings.Trim(c.r.URL.Path, "/"), "/")
	data := func(items any, next string) map[string]any {
		return map[string]any{"Items": items, "Next": next, "Account": c.account.ID, "Region": c.region}
	}
	restAPI := func() *RestAPI {
		for i := range reg.RestAPIs {
			if reg.RestAPIs[i].ID == parts[1] {
				return &reg.RestAPIs[i]
			}
		}
		return nil
	}
	httpAPI := func() *HTTPAPI {
		for i := range reg.HTTPAPIs {
			if reg.HTTPAPIs[i].ID == parts[2] {
				return &reg.HTTPAPIs[i]
			}
		}
		return nil
	}
	notFound := func() error {
		s.fail(c, 404, "NotFoundException", "Invalid API identifier specified")
		return nil
	}
	switch c.op {
	case "GetRestApis":
		items, next := page(c, reg.RestAPIs, q.Get("position"), s.faults.PageSize)
		return render(c, t, "apigateway/GetRestApis", data(items, next))
	case "GetStages":
		api := restAPI()
		if api == nil {
			return notFound()
		}
		// GetStages is not paginated: every stage in one answer.
		return render(c, t, "apigateway/GetStages", data(api.Stages, ""))
	case "GetAuthorizers":
		api := restAPI()
		if api == nil {
			return notFound()
		}
		items, next := page(c, make([]counted, api.Authorizers), q.Get("position"), s.faults.PageSize)
		return render(c, t, "apigateway/GetAuthorizers", data(items, next))
	case "GetDomainNames":
		items, next := page(c, reg.DomainNames, q.Get("position"), s.faults.PageSize)
		return render(c, t, "apigateway/GetDomainNames", data(items, next))
	case "GetApis":
		items, next := page(c, reg.HTTPAPIs, q.Get("nextToken"), s.faults.PageSize)
		return render(c, t, "apigatewayv2/GetApis", data(items, next))
	case "GetStagesV2":
		api := httpAPI()
		if api == nil {
			return notFound()
		}
		items, next := page(c, api.Stages, q.Get("nextToken"), s.faults.PageSize)
		return render(c, t, "apigatewayv2/GetStages", data(items, next))
	case "GetAuthorizersV2":
		api := httpAPI()
		if api == nil {
			return notFound()
		}
		items, next := page(c, make([]counted, api.Authorizers), q.Get("nextToken"), s.faults.PageSize)
		return render(c, t, "apigatewayv2/GetAuthorizers", data(items, next))
	}
	return fmt.Errorf("apigateway: unsupported request %s %s", c.r.Method, c.r.URL.Path)
}
