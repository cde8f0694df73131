package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// Account-wide security services and the primary contact (CIS 1.1, 1.20,
// 2.1.3, 4.16) as a root module configures them. A resource that exists
// turns the service on in its provider's region; what the module does not
// manage stays absent, so the controls report it unknown rather than off.

// accountServiceKinds join accountKinds: a root module with any of them
// gets an aws.account.
var accountServiceKinds = []string{
	"aws_accessanalyzer_analyzer", "aws_macie2_account", "aws_securityhub_account", "aws_account_primary_contact",
}

// accountServices fills regions.<region>.{access_analyzer, macie,
// security_hub} into regions (created per region by region()).
func accountServices(b *builder, got map[string][]*Instance, region func(*Instance) map[string]any) {
	analyzers := map[string][]any{}
	regionOf := map[string]map[string]any{}
	for _, a := range got["aws_accessanalyzer_analyzer"] {
		r := region(a)
		if r == nil {
			continue
		}
		name, nameOK := str(get(a.Body, "analyzer_name"))
		typ := orDefault(get(a.Body, "type"), cty.StringVal("ACCOUNT"))
		t, typeOK := str(typ)
		if !nameOK || !typeOK {
			b.unknown("regions."+a.Region+".access_analyzer", fmt.Sprintf("%s: analyzer_name or type is not known statically (%s)", a.Address, unknownReason(typ)))
			continue
		}
		regionOf[a.Region] = r
		analyzers[a.Region] = append(analyzers[a.Region], map[string]any{"name": name, "type": t, "status": "ACTIVE"})
	}
	for reg, list := range analyzers {
		attr := "regions." + reg + ".access_analyzer"
		if _, bad := b.r.Unknown[attr]; bad {
			continue
		}
		sort.Slice(list, func(i, j int) bool {
			return list[i].(map[string]any)["name"].(string) < list[j].(map[string]any)["name"].(string)
		})
		enabled := false
		for _, a := range list {
			// Only external-access analyzers count, as on live evidence.
			if t := a.(map[string]any)["type"]; t == "ACCOUNT" || t == "ORGANIZATION" {
				enabled = true
			}
		}
		if !enabled {
			// An unused-access analyzer says nothing of one managed elsewhere.
			b.unknown(attr, "only unused-access analyzers are configured in "+reg+" in this Terraform configuration")
			continue
		}
		regionOf[reg]["access_analyzer"] = map[string]any{"enabled": true, "analyzers": list}
	}
	for _, mc := range got["aws_macie2_account"] {
		r := region(mc)
		if r == nil {
			continue
		}
		status, ok := str(orDefault(get(mc.Body, "status"), cty.StringVal("ENABLED")))
		if !ok {
			b.unknown("regions."+mc.Region+".macie", mc.Address+": status "+unknownReason(get(mc.Body, "status")))
			continue
		}
		status = strings.ToUpper(status)
		r["macie"] = map[string]any{"enabled": status == "ENABLED", "status": status}
	}
	for _, sh := range got["aws_securityhub_account"] {
		if r := region(sh); r != nil {
			// The hub's ARN is known after apply; the subscription is the resource.
			r["security_hub"] = map[string]any{"enabled": true}
		}
	}
}

// primaryContact maps aws_account_primary_contact: configured when full
// name, address, country and phone are set, as the live collector decides.
func primaryContact(b *builder, cs []*Instance) {
	if len(cs) == 0 {
		b.unknown("contact_information", "the primary contact is not managed in this Terraform configuration")
		return
	}
	c := cs[len(cs)-1]
	configured := true
	for _, k := range []string{"full_name", "address_line_1", "country_code", "phone_number"} {
		v := get(c.Body, k)
		if v == cty.NilVal {
			configured = false
			continue
		}
		s, ok := str(v)
		if !ok {
			b.unknown("contact_information", c.Address+": "+k+" "+unknownReason(v))
			return
		}
		if strings.TrimSpace(s) == "" {
			configured = false
		}
	}
	b.r.Attributes["contact_information"] = map[string]any{"configured": configured}
}
