package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// ECRRepository is a private ECR repository of the estate.
type ECRRepository struct {
	Name       string
	Mutability string // MUTABLE, IMMUTABLE, …
	ScanOnPush bool
	Encryption string // AES256 or KMS
	KMSKey     string
	Policy     string // repository policy JSON, "" when none
	Lifecycle  string // lifecycle policy JSON, "" when none
}

// RegistryScanning is a region's registry scanning configuration.
type RegistryScanning struct {
	Type  string // BASIC or ENHANCED
	Rules []ScanRule
}

// ScanRule is one rule of it.
type ScanRule struct {
	Frequency string // SCAN_ON_PUSH, CONTINUOUS_SCAN, MANUAL
	Filters   []string
}

// ecr answers the JSON 1.1 ECR API (target prefix
// AmazonEC2ContainerRegistry_V20150921).
func (s *Server) ecr(c *call) error {
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
	switch c.op {
	case "DescribeRepositories":
		items, next := page(c, reg.Repositories, str("nextToken"), s.faults.PageSize)
		base["Items"], base["NextToken"] = items, next
		return render(c, jsonType, "ecr/DescribeRepositories", base)
	case "GetRegistryScanningConfiguration":
		scanning := reg.RegistryScanning
		if scanning == nil {
			// What a registry nobody configured answers.
			scanning = &RegistryScanning{Type: "BASIC"}
		}
		base["Scanning"] = scanning
		return render(c, jsonType, "ecr/GetRegistryScanningConfiguration", base)
	case "GetRepositoryPolicy", "GetLifecyclePolicy":
		for _, r := range reg.Repositories {
			if r.Name != str("repositoryName") {
				continue
			}
			base["Repository"] = r
			if c.op == "GetRepositoryPolicy" {
				if r.Policy == "" {
					s.fail(c, http.StatusBadRequest, "RepositoryPolicyNotFoundException", "Repository policy does not exist for the repository with name '"+r.Name+"' in the registry with id '"+c.account.ID+"'")
					return nil
				}
				return render(c, jsonType, "ecr/GetRepositoryPolicy", base)
			}
			if r.Lifecycle == "" {
				s.fail(c, http.StatusBadRequest, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '"+r.Name+"' in the registry with id '"+c.account.ID+"'")
				return nil
			}
			return render(c, jsonType, "ecr/GetLifecyclePolicy", base)
		}
		s.fail(c, http.StatusBadRequest, "RepositoryNotFoundException", "The repository with name '"+str("repositoryName")+"' does not exist")
		return nil
	}
	return fmt.Errorf("ecr: unsupported operation %s", c.op)
}
