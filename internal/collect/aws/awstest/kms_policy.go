package awstest

import "net/http"

// keyPolicy answers GetKeyPolicy (JSON 1.1, through jsonService).
func (s *Server) keyPolicy(c *call, id string) error {
	for _, k := range c.regionData().Keys {
		if k.ID != id && "arn:aws:kms:"+c.region+":"+c.account.ID+":key/"+k.ID != id {
			continue
		}
		pol := k.Policy
		if pol == "" {
			pol = `{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + c.account.ID + `:root"},"Action":"kms:*","Resource":"*"}]}`
		}
		return render(c, jsonType, "kms/GetKeyPolicy", map[string]string{"Policy": pol})
	}
	s.fail(c, http.StatusBadRequest, "NotFoundException", "Key '"+id+"' does not exist")
	return nil
}
