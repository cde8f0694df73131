package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// webACLID is the ID AWS gives a web ACL; one for every ACL of the stand-in.
const webACLID = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

// wafv2 answers GetWebACLForResource for the region's application load
// balancers: the web ACL named in LoadBalancer.WebACL, no WebACL member when
// none is associated (as WAF answers), WAFNonexistentItemException for an
// ARN the region does not have.
func (s *Server) wafv2(c *call) error {
	if c.op != "GetWebACLForResource" {
		return fmt.Errorf("wafv2: unsupported operation %q", c.op)
	}
	var in struct{ ResourceArn string }
	if err := json.Unmarshal(c.body, &in); err != nil {
		s.fail(c, http.StatusBadRequest, "WAFInvalidParameterException", err.Error())
		return nil
	}
	for _, lb := range c.regionData().LoadBalancers {
		if lb.ARN(c.account.ID, c.region) != in.ResourceArn {
			continue
		}
		data := map[string]any{}
		if lb.WebACL != "" {
			data["Name"] = lb.WebACL
			data["ARN"] = "arn:aws:wafv2:" + c.region + ":" + c.account.ID + ":regional/webacl/" + lb.WebACL + "/" + webACLID
			data["ID"] = webACLID
			data["Account"] = c.account.ID
		}
		return render(c, jsonType, "wafv2/GetWebACLForResource", data)
	}
	s.fail(c, http.StatusBadRequest, "WAFNonexistentItemException", "AWS WAF couldn’t perform the operation because your resource doesn’t exist.")
	return nil
}
