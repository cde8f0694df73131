# Helpers shared by controls. A control must never pass on data it could not
# see: these helpers make "missing or null" easy to test for.
package rampart.lib

# attr(path) is the input attribute at path (a key or a list of keys), or
# null when it is absent. Use it in "unknown" rules: `not is_boolean(x)` is
# undefined, not true, when x itself is undefined, so testing a missing
# attribute directly would let the control pass on data it never saw.
attr(path) := object.get(input.attributes, path, null)

# confidential(input) is true for resources of confidential or restricted systems.
confidential(inp) if inp.system.classification in {"confidential", "restricted"}

# days_since(ts) is the whole number of days between an RFC 3339 timestamp and now.
days_since(ts) := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / (((24 * 60) * 60) * 1e9))

# open_cidrs are the sources meaning "the whole internet".
open_cidrs := {"0.0.0.0/0", "::/0"}

# label(key) names the resource in a message: the attribute key when present,
# else the resource ID. A message must never read an attribute the deny
# conditions do not check: if it were missing, the whole deny rule would be
# undefined and the control would silently pass.
label(key) := object.get(input.attributes, key, object.get(input, "id", "(unnamed resource)"))

# is_true(x) and is_false(x) hold for exactly the booleans. A guard written
# `not x` treats null, "false" and 0 as false and `x != false` treats them as
# true, so a wrongly typed value would switch a check off; with these, such
# a value is neither, and the control's unknown rule reports it.
is_true(x) if x == true

is_false(x) if x == false

# not_archived holds unless the repository is known to be archived.
# Archived repositories are read-only and exempt; a missing or wrongly typed
# `archived` (null, "false", 0) must not exempt one, so deny rules still
# fire, and each repository control also reports it through archived_unknown.
not_archived if not is_true(attr("archived"))

# archived_unknown holds when whether the repository is archived is not a
# boolean, so no repository control can decide whether it applies.
archived_unknown if not is_boolean(attr("archived"))

# unknown_keys are the attribute paths the collector named in the
# resource's unknown map (absent when it named none).
unknown_keys := {k | some k, _ in object.get(input, "unknown", {})}

# region_unknown(setting) are the unknown-map paths saying that setting (or
# the whole region, or every region) could not be read: "regions",
# "regions.<region>", "regions.<region>.<setting>[.<field>]". The map of
# regions lists what was collected, so a region left out for an error must
# not read as a region without findings.
region_unknown(setting) := {k |
	some k in unknown_keys
	parts := split(k, ".")
	parts[0] == "regions"
	region_part(array.slice(parts, 2, 3), setting)
}

region_part(rest, _) if count(rest) == 0

region_part(rest, setting) if rest[0] == setting

# Security alerts against their remediation SLA. Rampart gives every control
# the workspace's alert SLA as input.settings (internal/model
# Settings.ControlInput: the workspace's alert_sla over the defaults of
# model.DefaultAlertSLA), the same table the report's threat view applies,
# so a control and the threat view can never disagree about an alert:
#
#   input.settings.alert_sla[<severity>] = {"ns": <nanoseconds>, "text": "30 days"}
#   input.settings.alert_severity[<GitHub word>] = <severity>
#
# alert_sla_unknown holds when the run gave the control no SLA table (a
# caller that evaluates without settings): the control cannot judge.
alert_sla_unknown if not is_object(object.get(input, ["settings", "alert_sla"], null))

# alert_severity(raw) is the severity GitHub's word for an alert maps to
# (advisory critical/high/moderate/low, code scanning error/warning/note);
# a missing or unknown word is critical, so an unreadable severity gets
# the strictest SLA rather than none — as the threat view does.
default alert_severity(_) := "critical"

alert_severity(raw) := sev if {
	is_string(raw)
	sev := input.settings.alert_severity[lower(trim_space(raw))]
}

# alert_word(raw) names the alert's severity in a message: GitHub's own
# word when there is one, else the severity it is treated as.
default alert_word(_) := "critical"

alert_word(raw) := lower(trim_space(raw)) if {
	is_string(raw)
	trim_space(raw) != ""
}

# alert_overdue(created_at, sla) holds when now is past created_at plus
# the SLA: the threat view's comparison, to the nanosecond.
alert_overdue(created_at, sla) if time.now_ns() > time.parse_rfc3339_ns(created_at) + sla.ns
