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
