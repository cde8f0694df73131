package terraform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// The TLS an RDS database requires is a parameter of the parameter group it
// references (aws_db_parameter_group for an aws_db_instance,
// aws_rds_cluster_parameter_group for an aws_rds_cluster), so tls_required
// is resolved through that reference, as the live collector resolves it
// through DescribeDBParameters.

// rdsTLSParameter is the parameter that requires TLS for an engine, ok=false
// for engines without one (Oracle, Db2, Neptune, DocumentDB).
func rdsTLSParameter(engine string) (string, bool) {
	switch {
	case engine == "postgres", engine == "aurora-postgresql", strings.HasPrefix(engine, "sqlserver-"):
		return "rds.force_ssl", true
	case engine == "mysql", engine == "mariadb", engine == "aurora-mysql", engine == "aurora":
		return "require_secure_transport", true
	}
	return "", false
}

func rdsTLSValue(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "1", "ON", "TRUE":
		return true
	}
	return false
}

// rdsDefaultTLS is what a group that does not set the parameter runs with:
// the engine default of its family or version. MySQL, MariaDB and SQL
// Server require nothing by default; PostgreSQL's rds.force_ssl defaults to 1
// from version 15 in RDS's default groups, which Rampart does not take on
// trust for a version it cannot see, so 15 and later, or no version, is
// unknown with the reason.
func rdsDefaultTLS(engine, version string) (bool, string) {
	if param, _ := rdsTLSParameter(engine); param == "require_secure_transport" || strings.HasPrefix(engine, "sqlserver-") {
		return false, ""
	}
	if major, ok := leadingInt(version); ok && major < 15 {
		return false, ""
	}
	if version == "" {
		return false, "rds.force_ssl is not set, and its engine default depends on the PostgreSQL version RDS picks (1 from version 15): set it in the parameter group"
	}
	return false, fmt.Sprintf("rds.force_ssl is not set, and its engine default for PostgreSQL %s is not known to Rampart: set it in the parameter group", version)
}

// leadingInt reads the major version at the start of "16.3" or of a
// family's tail ("postgres16" → 16, "aurora-postgresql15" → 15).
func leadingInt(s string) (int, bool) {
	s = strings.TrimLeft(s, "abcdefghijklmnopqrstuvwxyz-")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	return n, err == nil
}

// rdsTLS sets parameter_group and tls_required on an instance or cluster
// from the group named in groupAttr, a group of groupType in this
// configuration.
func (m *mapper) rdsTLS(b *builder, in *Instance, groupAttr, groupType string) {
	engine, known := str(get(in.Body, "engine"))
	if !known && in.Type == "aws_rds_cluster" && get(in.Body, "engine") == cty.NilVal {
		engine, known = "aurora", true
	}
	v := get(in.Body, groupAttr)
	if name, ok := str(v); ok {
		b.r.Attributes["parameter_group"] = name
	}
	if !known {
		b.unknown("tls_required", "the engine, whose parameter requires TLS, is not known statically")
		return
	}
	param, applies := rdsTLSParameter(engine)
	if !applies {
		return
	}
	version, _ := str(get(in.Body, "engine_version"))
	if v == cty.NilVal {
		required, why := rdsDefaultTLS(engine, version)
		if why != "" {
			b.unknown("tls_required", "no "+groupAttr+": the engine's default group applies; "+why)
			return
		}
		b.r.Attributes["tls_required"] = required
		return
	}
	g := m.resolve(in, v, groupType, []string{"name"})
	if g == nil {
		if name, ok := str(v); ok {
			if strings.HasPrefix(name, "default.") {
				required, why := rdsDefaultTLS(engine, strings.TrimPrefix(name, "default."))
				if why != "" {
					b.unknown("tls_required", "the default group "+name+" applies; "+why)
					return
				}
				b.r.Attributes["tls_required"] = required
				return
			}
			b.unknown("tls_required", fmt.Sprintf("parameter group %q is not defined in this configuration, so its %s is not known", name, param))
			return
		}
		b.unknown("tls_required", "the parameter group cannot be determined statically ("+describeUnknown(v, "unset")+")")
		return
	}
	if _, ok := b.r.Attributes["parameter_group"]; !ok {
		b.r.Attributes["parameter_group"] = g.Address
	}
	params, unknownList, ok := blocks(g.Body, "parameter")
	if !ok {
		b.unknown("tls_required", "the parameter blocks of "+g.Address+" are not known statically ("+unknownReason(unknownList)+")")
		return
	}
	for _, p := range params {
		name, ok := str(get(p, "name"))
		if !ok {
			b.unknown("tls_required", "a parameter name of "+g.Address+" is not known statically ("+unknownReason(get(p, "name"))+")")
			return
		}
		if name != param {
			continue
		}
		value, ok := str(get(p, "value"))
		if !ok {
			b.unknown("tls_required", param+" of "+g.Address+" is not known statically ("+unknownReason(get(p, "value"))+")")
			return
		}
		b.r.Attributes["tls_required"] = rdsTLSValue(value)
		return
	}
	family, _ := str(get(g.Body, "family"))
	required, why := rdsDefaultTLS(engine, family)
	if why != "" {
		b.unknown("tls_required", g.Address+" does not set "+param+"; "+why)
		return
	}
	b.r.Attributes["tls_required"] = required
}
