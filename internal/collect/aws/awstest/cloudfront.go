package awstest

import (
	"fmt"
	"net/http"
	"strings"
)

// CloudFront is a global REST-XML service: distributions belong to the
// account, whatever region a request is signed for.

// Distribution is a CloudFront distribution.
type Distribution struct {
	ID      string
	Enabled bool
	// Behaviors: the default cache behavior first (path "*"), then the ordered ones.
	Behaviors []CacheBehavior
	// DefaultCert is the *.cloudfront.net certificate; otherwise an ACM one.
	DefaultCert  bool
	MinProtocol  string // TLSv1, TLSv1.2_2021 …
	SSLSupport   string // sni-only, vip; "" with the default certificate
	WebACL       string
	Logging      bool
	RootObject   string
	Origins      []Origin
	GeoRestrict  string // none, whitelist, blacklist
	GeoCountries []string
	Domain       string // d111111abcdef8.cloudfront.net
}

// CacheBehavior is a cache behavior; FLE names a field-level encryption config.
type CacheBehavior struct {
	Path, ViewerPolicy, FLE string
}

// Origin is an S3 origin (S3 true: OAC or legacy OAI) or a custom one.
type Origin struct {
	ID, Domain   string
	S3           bool
	OAC, OAI     string
	Protocol     string   // custom: http-only, match-viewer, https-only
	SSLProtocols []string // custom: SSLv3, TLSv1, TLSv1.1, TLSv1.2
}

// distributionView is a distribution as a summary template sees it.
type distributionView struct {
	Distribution
	Account string
}

func cloudFrontOperation(c *call) string {
	p := strings.TrimPrefix(c.r.URL.Path, "/2020-05-31/distribution")
	switch {
	case p == "" || p == "/":
		return "ListDistributions"
	case strings.HasSuffix(p, "/config"):
		return "GetDistributionConfig"
	}
	return ""
}

func (s *Server) cloudfront(c *call) error {
	const t = "text/xml"
	switch c.op {
	case "ListDistributions":
		marker := c.r.URL.Query().Get("Marker")
		items, next := page(c, c.account.Distributions, marker, s.faults.PageSize)
		views := make([]distributionView, len(items))
		for i, d := range items {
			views[i] = distributionView{d, c.account.ID}
		}
		return render(c, t, "cloudfront/ListDistributions", map[string]any{"Items": views, "Marker": marker, "NextMarker": next})
	case "GetDistributionConfig":
		id := strings.TrimSuffix(strings.TrimPrefix(c.r.URL.Path, "/2020-05-31/distribution/"), "/config")
		for _, d := range c.account.Distributions {
			if d.ID == id {
				return render(c, t, "cloudfront/GetDistributionConfig", d)
			}
		}
		s.fail(c, http.StatusNotFound, "NoSuchDistribution", "The specified distribution does not exist.")
		return nil
	}
	return fmt.Errorf("cloudfront: unsupported request %s %s", c.r.Method, c.r.URL.Path)
}
