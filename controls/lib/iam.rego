# IAM policy document helpers shared by the controls that read policies
# (AWS-IAM-010 today). A statement is read only when its shape is the one
# IAM accepts; anything else is unreadable, so the control reports it
# unknown instead of skipping it.
package rampart.lib

# statements(doc) is the document's Statement as a list (IAM also accepts a
# single statement object); undefined for any other shape, an empty list
# included (IAM rejects one, so it can only be a broken reading).
statements(doc) := doc.Statement if {
	is_array(doc.Statement)
	count(doc.Statement) > 0
}

statements(doc) := [doc.Statement] if is_object(doc.Statement)

# string_list(x) is an IAM "string or list of strings" as a list;
# undefined for anything else — null, a number, an empty string or list —
# so such an Action matches nothing and the statement is unreadable.
string_list(x) := [x] if non_empty_string(x)

string_list(x) := x if {
	is_array(x)
	count(x) > 0
	every e in x {
		non_empty_string(e)
	}
}

non_empty_string(x) if {
	is_string(x)
	x != ""
}

# well_formed_statement(st) holds when the statement has an Effect of Allow
# or Deny, exactly one of Action/NotAction and exactly one of
# Resource/NotResource, each a string or a list of strings.
well_formed_statement(st) if {
	is_object(st)
	st.Effect in {"Allow", "Deny"}
	one_list(st, ["Action", "NotAction"])
	one_list(st, ["Resource", "NotResource"])
}

one_list(st, names) if {
	present := [n | some n in names; n in object.keys(st)]
	count(present) == 1
	string_list(st[present[0]])
}

# admin_statement(st) holds when the statement grants administrator access,
# in each form Prowler's check_admin_access lists: Allow of every action
# ("*" or "*:*", or NotAction: everything but a few) on every resource ("*",
# or NotResource: everything but a few).
admin_statement(st) if {
	st.Effect == "Allow"
	all_actions(st)
	all_resources(st)
}

all_actions(st) if {
	some a in string_list(st.Action)
	a in {"*", "*:*"}
}

all_actions(st) if string_list(st.NotAction)

all_resources(st) if "*" in string_list(st.Resource)

all_resources(st) if string_list(st.NotResource)
