# Helpers shared by controls. A control must never pass on data it could not
# see: these helpers make "missing or null" easy to test for.
package rampart.lib

# METADATA
# description: |-
#   attr(path) is the input attribute at path (a key or a list of keys), or
#   null when it is absent. Use it in "unknown" rules: `not is_boolean(x)` is
#   undefined, not true, when x itself is undefined, so testing a missing
#   attribute directly would let the control pass on data it never saw.
# custom:
#   example: |-
#     lib.attr(["versioning", "status"])
#   result: |-
#     "Enabled"
#   input: |-
#     {"attributes": {"versioning": {"status": "Enabled"}}}
attr(path) := object.get(input.attributes, path, null)

# METADATA
# description: |-
#   confidential(inp) is true for resources of confidential or restricted systems.
# custom:
#   example: |-
#     lib.confidential({"system": {"classification": "restricted"}})
#   result: |-
#     true
confidential(inp) if inp.system.classification in {"confidential", "restricted"}

# METADATA
# description: |-
#   days_since(ts) is the whole number of days between an RFC 3339 timestamp and now.
# custom:
#   example: |-
#     lib.days_since("2020-01-01T00:00:00Z") > 2000
#   result: |-
#     true
days_since(ts) := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / (((24 * 60) * 60) * 1e9))

# METADATA
# description: |-
#   open_cidrs are the sources meaning "the whole internet".
# custom:
#   example: |-
#     lib.open_cidrs
#   result: |-
#     {"0.0.0.0/0", "::/0"}
open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# description: |-
#   label(key) names the resource in a message: the attribute key when present,
#   else the resource ID. A message must never read an attribute the deny
#   conditions do not check: if it were missing, the whole deny rule would be
#   undefined and the control would silently pass.
# custom:
#   example: |-
#     lib.label("bucket")
#   result: |-
#     "arn:aws:s3:::logs"
#   input: |-
#     {"id": "arn:aws:s3:::logs", "attributes": {}}
label(key) := object.get(input.attributes, key, object.get(input, "id", "(unnamed resource)"))

# METADATA
# description: |-
#   is_true(x) and is_false(x) hold for exactly the booleans. A guard written
#   `not x` treats null, "false" and 0 as false and `x != false` treats them as
#   true, so a wrongly typed value would switch a check off; with these, such
#   a value is neither, and the control's unknown rule reports it.
# custom:
#   example: |-
#     lib.is_true(true)
#   result: |-
#     true
is_true(x) if x == true

# METADATA
# description: |-
#   is_false(x) holds for exactly the boolean false (see is_true).
# custom:
#   example: |-
#     lib.is_false(false)
#   result: |-
#     true
is_false(x) if x == false

# METADATA
# description: |-
#   not_archived holds unless the repository is known to be archived.
#   Archived repositories are read-only and exempt; a missing or wrongly typed
#   `archived` (null, "false", 0) must not exempt one, so deny rules still
#   fire, and each repository control also reports it through archived_unknown.
# custom:
#   example: |-
#     lib.not_archived
#   result: |-
#     true
#   input: |-
#     {"attributes": {"archived": "yes"}}
not_archived if not is_true(attr("archived"))

# METADATA
# description: |-
#   archived_unknown holds when whether the repository is archived is not a
#   boolean, so no repository control can decide whether it applies.
# custom:
#   example: |-
#     lib.archived_unknown
#   result: |-
#     true
#   input: |-
#     {"attributes": {"archived": "yes"}}
archived_unknown if not is_boolean(attr("archived"))

# METADATA
# description: |-
#   unknown_keys are the attribute paths the collector named in the
#   resource's unknown map (absent when it named none).
# custom:
#   example: |-
#     lib.unknown_keys
#   result: |-
#     {"iam_instance_profile"}
#   input: |-
#     {"unknown": {"iam_instance_profile": "AccessDenied"}}
unknown_keys := {k | some k, _ in object.get(input, "unknown", {})}

# METADATA
# description: |-
#   region_unknown(setting) are the unknown-map paths saying that setting (or
#   the whole region, or every region) could not be read: "regions",
#   "regions.<region>", "regions.<region>.<setting>[.<field>]". The map of
#   regions lists what was collected, so a region left out for an error must
#   not read as a region without findings.
# custom:
#   example: |-
#     lib.region_unknown("config_recorder")
#   result: |-
#     {"regions.eu-west-1.config_recorder"}
#   input: |-
#     {"unknown": {"regions.eu-west-1.config_recorder": "AccessDenied", "regions.us-east-1.guardduty": "AccessDenied"}}
region_unknown(setting) := {k |
	some k in unknown_keys
	parts := split(k, ".")
	parts[0] == "regions"
	region_part(array.slice(parts, 2, 3), setting)
}

# METADATA
# description: |-
#   region_part(rest, setting) holds when the unknown-map path after "regions.<region>" is empty (the whole region) or starts with setting; region_unknown uses it.
# custom:
#   example: |-
#     lib.region_part(["config_recorder"], "config_recorder")
#   result: |-
#     true
region_part(rest, _) if count(rest) == 0

region_part(rest, setting) if rest[0] == setting

# METADATA
# description: |-
#   Security alerts against their remediation SLA. Rampart gives every control
#   the workspace's alert SLA as input.settings (internal/model
#   Settings.ControlInput: the workspace's alert_sla over the defaults of
#   model.DefaultAlertSLA), the same table the report's threat view applies,
#   so a control and the threat view can never disagree about an alert:
#
#     input.settings.alert_sla[<severity>] = {"ns": <nanoseconds>, "text": "30 days"}
#     input.settings.alert_severity[<GitHub word>] = <severity>
#
#   alert_sla_unknown holds when the run gave the control no SLA table (a
#   caller that evaluates without settings): the control cannot judge.
# custom:
#   example: |-
#     lib.alert_sla_unknown
#   result: |-
#     true
#   input: |-
#     {"attributes": {}}
alert_sla_unknown if not is_object(object.get(input, ["settings", "alert_sla"], null))

# METADATA
# description: |-
#   alert_severity(raw) is the severity GitHub's word for an alert maps to
#   (advisory critical/high/moderate/low, code scanning error/warning/note);
#   a missing or unknown word is critical, so an unreadable severity gets
#   the strictest SLA rather than none — as the threat view does.
# custom:
#   example: |-
#     lib.alert_severity("Moderate")
#   result: |-
#     "medium"
#   input: |-
#     {"settings": {"alert_severity": {"moderate": "medium"}}}
default alert_severity(_) := "critical"

alert_severity(raw) := sev if {
	is_string(raw)
	sev := input.settings.alert_severity[lower(trim_space(raw))]
}

# METADATA
# description: |-
#   alert_word(raw) names the alert's severity in a message: GitHub's own
#   word when there is one, else the severity it is treated as.
# custom:
#   example: |-
#     lib.alert_word(" Moderate ")
#   result: |-
#     "moderate"
default alert_word(_) := "critical"

alert_word(raw) := lower(trim_space(raw)) if {
	is_string(raw)
	trim_space(raw) != ""
}

# METADATA
# description: |-
#   alert_overdue(created_at, sla) holds when now is past created_at plus
#   the SLA: the threat view's comparison, to the nanosecond.
# custom:
#   example: |-
#     lib.alert_overdue("2020-01-01T00:00:00Z", {"ns": 2592000000000000, "text": "30 days"})
#   result: |-
#     true
alert_overdue(created_at, sla) if time.now_ns() > time.parse_rfc3339_ns(created_at) + sla.ns
