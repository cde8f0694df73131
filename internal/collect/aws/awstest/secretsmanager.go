package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Secret is a Secrets Manager secret.
type Secret struct {
	Name         string
	KMSKeyID     string    // "" is the AWS-managed key aws/secretsmanager
	RotationDays int       // 0: rotation off (AWS then omits RotationEnabled)
	LastRotated  time.Time // zero: never rotated
	LastAccessed time.Time // zero: never read
	Created      time.Time
	Policy       string // the resource policy JSON; "" when none; any string, to test broken ones
}

// secretView is a Secret as ListSecrets shows it: awsJSON11 timestamps are
// epoch seconds, and the ARN ends in the random suffix AWS appends.
type secretView struct {
	Secret
	ARN                                      string
	LastRotatedAt, LastAccessedAt, CreatedAt int64
}

func (s *Server) secretsManager(c *call) error {
	var in struct{ NextToken, SecretId string }
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
	}
	secrets := c.regionData().Secrets
	arn := func(sec Secret) string {
		return "arn:aws:secretsmanager:" + c.region + ":" + c.account.ID + ":secret:" + sec.Name + "-a1B2c3"
	}
	switch c.op {
	case "ListSecrets":
		items, next := page(c, secrets, in.NextToken, s.faults.PageSize)
		views := make([]secretView, len(items))
		for i, sec := range items {
			views[i] = secretView{Secret: sec, ARN: arn(sec), LastRotatedAt: epoch(sec.LastRotated), LastAccessedAt: epoch(sec.LastAccessed), CreatedAt: epoch(sec.Created)}
		}
		return render(c, jsonType, "secretsmanager/ListSecrets", map[string]any{"Items": views, "NextToken": next})
	case "GetResourcePolicy":
		for _, sec := range secrets {
			if arn(sec) == in.SecretId || sec.Name == in.SecretId {
				return render(c, jsonType, "secretsmanager/GetResourcePolicy", map[string]any{"ARN": arn(sec), "Name": sec.Name, "Policy": sec.Policy})
			}
		}
		s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
		return nil
	}
	return fmt.Errorf("secretsmanager: unsupported operation %q", c.op)
}

// epoch is a timestamp as the JSON protocols send it; 0 for the zero time,
// which the templates leave out.
func epoch(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}
