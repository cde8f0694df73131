package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Table is a DynamoDB table.
type Table struct {
	Name string
	// KMSKey is the ID of a key of the region's Keys; "" is DynamoDB's own
	// (AWS-owned) key, which DescribeTable shows without SSEDescription.
	KMSKey             string
	PITR               bool
	DeletionProtection bool
}

// dynamodb answers in AWS JSON 1.0 (target prefix DynamoDB_20120810).
// ListTables pages by the last table name, not by a token.
func (s *Server) dynamodb(c *call) error {
	var in struct{ ExclusiveStartTableName, TableName string }
	if len(c.body) > 0 {
		if err := json.Unmarshal(c.body, &in); err != nil {
			s.fail(c, http.StatusBadRequest, "SerializationException", err.Error())
			return nil
		}
	}
	tables := c.regionData().Tables
	arn := func(t Table) string {
		return "arn:aws:dynamodb:" + c.region + ":" + c.account.ID + ":table/" + t.Name
	}
	switch c.op {
	case "ListTables":
		start := 0
		for i, t := range tables {
			if t.Name == in.ExclusiveStartTableName {
				start = i + 1
			}
		}
		// page cuts by position; the token DynamoDB hands back is the
		// name of the last table of the page.
		token := ""
		if start > 0 {
			token = fmt.Sprintf("page-%d", start)
		}
		items, next := page(c, tables, token, s.faults.PageSize)
		last := ""
		if next != "" && len(items) > 0 {
			last = items[len(items)-1].Name
		}
		if c.loop && len(tables) > 0 {
			last = tables[0].Name
		}
		names := make([]string, len(items))
		for i, t := range items {
			names[i] = t.Name
		}
		return render(c, json10Type, "dynamodb/ListTables", map[string]any{"Items": names, "Last": last})
	case "DescribeTable", "DescribeContinuousBackups":
		for _, t := range tables {
			if t.Name != in.TableName {
				continue
			}
			key := ""
			if t.KMSKey != "" {
				key = "arn:aws:kms:" + c.region + ":" + c.account.ID + ":key/" + t.KMSKey
			}
			return render(c, json10Type, "dynamodb/"+c.op, map[string]any{"Table": t, "ARN": arn(t), "Key": key})
		}
		s.fail(c, http.StatusBadRequest, "ResourceNotFoundException", "Requested resource not found: Table: "+in.TableName+" not found")
		return nil
	}
	return fmt.Errorf("dynamodb: unsupported operation %q", c.op)
}
