# IAM policy document helpers shared by the controls that read policies
# (AWS-IAM-010 today). A statement is read only when its shape is the one
# IAM accepts; anything else is unreadable, so the control reports it
# unknown instead of skipping it.
package rampart.lib

# METADATA
# description: |-
#   statements(doc) is the document's Statement as a list (IAM also accepts a
#   single statement object); undefined for any other shape, an empty list
#   included (IAM rejects one, so it can only be a broken reading).
# custom:
#   example: |-
#     lib.statements({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})
#   result: |-
#     [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
statements(doc) := doc.Statement if {
	is_array(doc.Statement)
	count(doc.Statement) > 0
}

statements(doc) := [doc.Statement] if is_object(doc.Statement)

# METADATA
# description: |-
#   string_list(x) is an IAM "string or list of strings" as a list;
#   undefined for anything else — null, a number, an empty string or list —
#   so such an Action matches nothing and the statement is unreadable.
# custom:
#   example: |-
#     lib.string_list("s3:GetObject")
#   result: |-
#     ["s3:GetObject"]
string_list(x) := [x] if non_empty_string(x)

string_list(x) := x if {
	is_array(x)
	count(x) > 0
	every e in x {
		non_empty_string(e)
	}
}

# METADATA
# description: |-
#   non_empty_string(x) holds for a string other than "".
# custom:
#   example: |-
#     lib.non_empty_string("s3:*")
#   result: |-
#     true
non_empty_string(x) if {
	is_string(x)
	x != ""
}

# METADATA
# description: |-
#   well_formed_statement(st) holds when the statement has an Effect of Allow
#   or Deny, exactly one of Action/NotAction and exactly one of
#   Resource/NotResource, each a string or a list of strings.
# custom:
#   example: |-
#     lib.well_formed_statement({"Effect": "Deny", "NotAction": "iam:*", "Resource": ["*"]})
#   result: |-
#     true
well_formed_statement(st) if {
	is_object(st)
	st.Effect in {"Allow", "Deny"}
	one_list(st, ["Action", "NotAction"])
	one_list(st, ["Resource", "NotResource"])
}

# METADATA
# description: |-
#   one_list(st, names) holds when exactly one of the keys names is in the statement and its value is a string_list.
# custom:
#   example: |-
#     lib.one_list({"Action": "s3:*", "Resource": "*"}, ["Action", "NotAction"])
#   result: |-
#     true
one_list(st, names) if {
	present := [n | some n in names; n in object.keys(st)]
	count(present) == 1
	string_list(st[present[0]])
}

# METADATA
# description: |-
#   admin_statement(st) holds when the statement grants administrator access,
#   in each form Prowler's check_admin_access lists: Allow of every action
#   ("*" or "*:*", or NotAction: everything but a few) on every resource ("*",
#   or NotResource: everything but a few).
# custom:
#   example: |-
#     lib.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "*"})
#   result: |-
#     true
admin_statement(st) if {
	st.Effect == "Allow"
	all_actions(st)
	all_resources(st)
}

# METADATA
# description: |-
#   all_actions(st) holds when the statement covers every action: an Action of "*" or "*:*", or a NotAction (everything but a few).
# custom:
#   example: |-
#     lib.all_actions({"Action": ["s3:GetObject", "*:*"]})
#   result: |-
#     true
all_actions(st) if {
	some a in string_list(st.Action)
	a in {"*", "*:*"}
}

all_actions(st) if string_list(st.NotAction)

# METADATA
# description: |-
#   all_resources(st) holds when the statement covers every resource: a Resource of "*", or a NotResource.
# custom:
#   example: |-
#     lib.all_resources({"NotResource": "arn:aws:s3:::audit/*"})
#   result: |-
#     true
all_resources(st) if "*" in string_list(st.Resource)

all_resources(st) if string_list(st.NotResource)

# ---- Matching actions and resources -------------------------------------

# METADATA
# description: |-
#   IAM patterns use two wildcards, "*" (any run of characters) and "?" (one
#   character); actions compare case-insensitively, resources as written.
#   wildcard_match quotes everything else, so a policy variable such as
#   ${aws:username} or a "[" in an ARN is matched literally, not as glob
#   syntax.
#
#   The delimiter argument is null, not []: OPA reads an empty list as
#   ["."], and IAM's "*" matches across dots ("arn:aws:s3:::logs/*" covers
#   "arn:aws:s3:::logs/2026/01.gz").
# custom:
#   example: |-
#     lib.wildcard_match("arn:aws:s3:::logs-??/*", "arn:aws:s3:::logs-eu/2026/01")
#   result: |-
#     true
wildcard_match(pattern, value) if glob.match(wildcard_glob(pattern), null, value)

# METADATA
# description: |-
#   wildcard_glob(pattern) is the glob.match pattern of an IAM pattern: every character quoted except "*" and "?".
# custom:
#   example: |-
#     lib.wildcard_glob("arn:aws:s3:::${aws:username}/*")
#   result: |-
#     "arn:aws:s3:::$\\{aws:username\\}/*"
wildcard_glob(pattern) := concat("*", [q |
	some part in split(pattern, "*")
	q := concat("?", [glob.quote_meta(p) | some p in split(part, "?")])
])

# METADATA
# description: |-
#   action_match(pattern, action) holds when the IAM action pattern matches the action, case-insensitively.
# custom:
#   example: |-
#     lib.action_match("S3:Get*", "s3:GetObject")
#   result: |-
#     true
action_match(pattern, action) if wildcard_match(lower(pattern), lower(action))

# METADATA
# description: |-
#   statement_covers_action(st, action) holds when the statement's Action
#   names the action, or its NotAction does not.
# custom:
#   example: |-
#     lib.statement_covers_action({"NotAction": "iam:*"}, "s3:GetObject")
#   result: |-
#     true
statement_covers_action(st, action) if {
	some p in string_list(st.Action)
	action_match(p, action)
}

statement_covers_action(st, action) if {
	not "Action" in object.keys(st)
	excluded := string_list(st.NotAction)
	every p in excluded {
		not action_match(p, action)
	}
}

# METADATA
# description: |-
#   statement_covers_resource(st, resource) holds when the statement's Resource matches the resource, or its NotResource does not.
# custom:
#   example: |-
#     lib.statement_covers_resource({"Resource": "arn:aws:s3:::logs/*"}, "arn:aws:s3:::logs/2026/01")
#   result: |-
#     true
statement_covers_resource(st, resource) if {
	some p in string_list(st.Resource)
	wildcard_match(p, resource)
}

statement_covers_resource(st, resource) if {
	not "Resource" in object.keys(st)
	excluded := string_list(st.NotResource)
	every p in excluded {
		not wildcard_match(p, resource)
	}
}

# METADATA
# description: |-
#   allows(doc, action, resource) holds when an Allow statement of the
#   document covers the action on the resource and no Deny statement without
#   a Condition covers it too. An Allow with a Condition still allows: whether
#   a condition holds is decided at request time, so a control asking "can
#   this document grant X?" must assume it can. Pass resource "*" to ask about
#   every resource: only a Resource of "*" (or a NotResource) covers it.
# custom:
#   example: |-
#     lib.allows({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, "s3:GetObject", "*")
#   result: |-
#     true
allows(doc, action, resource) if {
	some st in statements(doc)
	st.Effect == "Allow"
	statement_covers_action(st, action)
	statement_covers_resource(st, resource)
	not denied(doc, action, resource)
}

# METADATA
# description: |-
#   denied(doc, action, resource) holds when a Deny statement without a Condition covers the action on the resource.
# custom:
#   example: |-
#     lib.denied({"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}, "s3:DeleteBucket", "*")
#   result: |-
#     true
denied(doc, action, resource) if {
	some st in statements(doc)
	st.Effect == "Deny"
	not "Condition" in object.keys(st)
	statement_covers_action(st, action)
	statement_covers_resource(st, resource)
}

# METADATA
# description: |-
#   allows_action(doc, action) holds when an Allow statement covers the
#   action on some resource (Resource or NotResource as written), and no
#   unconditional Deny covers it on every resource. Privilege escalation needs
#   only some resource: iam:PassRole on one admin role is enough.
# custom:
#   example: |-
#     lib.allows_action({"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/admin"}]}, "iam:PassRole")
#   result: |-
#     true
allows_action(doc, action) if {
	some st in statements(doc)
	st.Effect == "Allow"
	statement_covers_action(st, action)
	resource_list(st)
	not denied(doc, action, "*")
}

# METADATA
# description: |-
#   resource_list(st) holds when the statement has a readable Resource or NotResource.
# custom:
#   example: |-
#     lib.resource_list({"NotResource": ["arn:aws:s3:::audit/*"]})
#   result: |-
#     true
resource_list(st) if string_list(st.Resource)

resource_list(st) if string_list(st.NotResource)

# METADATA
# description: |-
#   admin_document(doc) holds when some statement of the document is an
#   admin_statement.
# custom:
#   example: |-
#     lib.admin_document({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})
#   result: |-
#     true
admin_document(doc) if {
	some st in statements(doc)
	admin_statement(st)
}

# METADATA
# description: |-
#   unreadable_statements(doc) are the indexes of the statements of an
#   identity policy that are not well formed; a document whose Statement is
#   unreadable as a whole gives {-1}.
# custom:
#   example: |-
#     lib.unreadable_statements({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": 3, "Resource": "*"}]})
#   result: |-
#     {1}
unreadable_statements(doc) := {i | some i, st in statements(doc); not well_formed_statement(st)} if {
	statements(doc)
} else := {-1}

# ---- Privilege escalation -----------------------------------------------

# METADATA
# description: |-
#   The published escalation paths (Rhino Security Labs' list, as Prowler's
#   iam_policy_allows_privilege_escalation and PMapper use it): each is a set
#   of actions that together let an identity raise its own permissions.
#   iam:* or * grants every one of them.
# custom:
#   example: |-
#     lib.privilege_escalation_paths["iam:PassRole+ec2:RunInstances"]
#   result: |-
#     {"iam:PassRole", "ec2:RunInstances"}
privilege_escalation_paths := {
	"iam:CreatePolicyVersion": {"iam:CreatePolicyVersion"},
	"iam:SetDefaultPolicyVersion": {"iam:SetDefaultPolicyVersion"},
	"iam:AttachUserPolicy": {"iam:AttachUserPolicy"},
	"iam:AttachGroupPolicy": {"iam:AttachGroupPolicy"},
	"iam:AttachRolePolicy": {"iam:AttachRolePolicy"},
	"iam:PutUserPolicy": {"iam:PutUserPolicy"},
	"iam:PutGroupPolicy": {"iam:PutGroupPolicy"},
	"iam:PutRolePolicy": {"iam:PutRolePolicy"},
	"iam:CreateAccessKey": {"iam:CreateAccessKey"},
	"iam:CreateLoginProfile": {"iam:CreateLoginProfile"},
	"iam:UpdateLoginProfile": {"iam:UpdateLoginProfile"},
	"iam:UpdateAssumeRolePolicy": {"iam:UpdateAssumeRolePolicy"},
	"iam:AddUserToGroup": {"iam:AddUserToGroup"},
	"iam:PassRole+ec2:RunInstances": {"iam:PassRole", "ec2:RunInstances"},
	"iam:PassRole+lambda:CreateFunction": {"iam:PassRole", "lambda:CreateFunction"},
	"iam:PassRole+cloudformation:CreateStack": {"iam:PassRole", "cloudformation:CreateStack"},
	"iam:PassRole+glue:CreateDevEndpoint": {"iam:PassRole", "glue:CreateDevEndpoint"},
	"iam:PassRole+datapipeline:CreatePipeline": {"iam:PassRole", "datapipeline:CreatePipeline"},
	"iam:PassRole+sagemaker:CreateNotebookInstance": {"iam:PassRole", "sagemaker:CreateNotebookInstance"},
	"iam:PassRole+ecs:RunTask": {"iam:PassRole", "ecs:RunTask"},
	"iam:PassRole+codebuild:CreateProject": {"iam:PassRole", "codebuild:CreateProject"},
}

# METADATA
# description: |-
#   privilege_escalation(doc) is the set of path names (keys above) the
#   document allows, every action of the path on some resource.
# custom:
#   example: |-
#     lib.privilege_escalation({"Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}]})
#   result: |-
#     {"iam:PassRole+ec2:RunInstances"}
privilege_escalation(doc) := {name |
	some name, actions in privilege_escalation_paths
	every a in actions {
		allows_action(doc, a)
	}
}

# ---- Principals (resource and trust policies) ---------------------------

# METADATA
# description: |-
#   well_formed_principal_statement(st) holds for a statement of a resource
#   or trust policy: an Effect, exactly one of Action/NotAction, and exactly
#   one of Principal/NotPrincipal ("*" or an object of strings or lists).
# custom:
#   example: |-
#     lib.well_formed_principal_statement({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
#   result: |-
#     true
well_formed_principal_statement(st) if {
	is_object(st)
	st.Effect in {"Allow", "Deny"}
	one_list(st, ["Action", "NotAction"])
	present := [n | some n in ["Principal", "NotPrincipal"]; n in object.keys(st)]
	count(present) == 1
	principal_value(st[present[0]])
}

# METADATA
# description: |-
#   principal_value(p) holds for a readable Principal or NotPrincipal: "*", or a non-empty object whose values are string_lists.
# custom:
#   example: |-
#     lib.principal_value({"AWS": ["arn:aws:iam::111122223333:root"]})
#   result: |-
#     true
principal_value("*")

principal_value(p) if {
	is_object(p)
	count(p) > 0
	every _, v in p {
		string_list(v)
	}
}

# METADATA
# description: |-
#   aws_principals(st) are the statement's Principal.AWS entries ("*" for a
#   Principal of "*"); empty when it names none.
# custom:
#   example: |-
#     lib.aws_principals({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
#   result: |-
#     {"arn:aws:iam::111122223333:root"}
aws_principals(st) := {"*"} if st.Principal == "*"

else := {p | some p in string_list(st.Principal.AWS)}

# METADATA
# description: |-
#   service_principals(st) are the statement's Principal.Service entries.
# custom:
#   example: |-
#     lib.service_principals({"Principal": {"Service": ["ec2.amazonaws.com"]}})
#   result: |-
#     {"ec2.amazonaws.com"}
service_principals(st) := {p | some p in string_list(st.Principal.Service)}

# METADATA
# description: |-
#   restricting_condition_keys are the condition keys that tie a request to
#   an account, organisation, network or source resource (kms:CallerAccount
#   included): a statement that
#   allows everyone under one of them (with a positive operator and a
#   concrete value) is not public. Lower case: condition keys are
#   case-insensitive.
# custom:
#   example: |-
#     "aws:sourceaccount" in lib.restricting_condition_keys
#   result: |-
#     true
restricting_condition_keys := {
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourcevpc", "aws:sourcevpce",
	"aws:sourceorgid", "aws:sourceorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:principalorgid", "aws:principalorgpaths", "aws:resourceaccount", "aws:userid",
	"s3:resourceaccount", "kms:calleraccount",
}

# METADATA
# description: |-
#   Operators that restrict to the values named (a Not* operator or
#   IfExists does not: a request without the key passes it).
# custom:
#   example: |-
#     "stringequals" in lib.restricting_operators
#   result: |-
#     true
restricting_operators := {
	"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike",
	"forallvalues:stringequals", "forallvalues:stringlike", "foranyvalue:stringequals", "foranyvalue:stringlike",
}

# METADATA
# description: |-
#   restricted(st) holds when the statement's Condition restricts it by one
#   of the keys above to values that are not themselves "*".
# custom:
#   example: |-
#     lib.restricted({"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}})
#   result: |-
#     true
restricted(st) if {
	some op, block in st.Condition
	lower(op) in restricting_operators
	some key, values in block
	lower(key) in restricting_condition_keys
	vals := string_list(values)
	every v in vals {
		v != "*"
	}
}

# METADATA
# description: |-
#   public_statement(st) holds for an Allow that lets anyone in: Principal
#   "*" or an AWS principal "*" without a restricting condition, or a
#   NotPrincipal (everyone but the few it names).
# custom:
#   example: |-
#     lib.public_statement({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"})
#   result: |-
#     true
public_statement(st) if {
	st.Effect == "Allow"
	"*" in aws_principals(st)
	not restricted(st)
}

public_statement(st) if {
	st.Effect == "Allow"
	"NotPrincipal" in object.keys(st)
}

# METADATA
# description: |-
#   principal_account(p) is the account an AWS principal belongs to: a bare
#   12-digit account ID or the account field of an ARN; undefined for "*"
#   and for unique IDs (AIDA…, AROA…), which name no account.
# custom:
#   example: |-
#     lib.principal_account("arn:aws:iam::111122223333:role/deploy")
#   result: |-
#     "111122223333"
principal_account(p) := p if regex.match(`^[0-9]{12}$`, p)

principal_account(p) := split(p, ":")[4] if {
	is_string(p)
	startswith(p, "arn:")
	count(split(p, ":")) >= 6
	regex.match(`^[0-9]{12}$`, split(p, ":")[4])
}

# METADATA
# description: |-
#   external_principals(st, account, allowed) are the AWS principals of the
#   statement in another account than `account` and not in the set
#   `allowed` of account IDs. "*" is not listed: public_statement says that.
# custom:
#   example: |-
#     lib.external_principals({"Principal": {"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:role/ci"]}}, "111122223333", set())
#   result: |-
#     {"arn:aws:iam::444455556666:root"}
external_principals(st, account, allowed) := {p |
	some p in aws_principals(st)
	a := principal_account(p)
	a != account
	not a in allowed
}

# METADATA
# description: |-
#   requires_external_id(st) holds when the statement requires sts:ExternalId
#   to equal a concrete value, AWS's defence against the confused deputy for
#   third parties.
# custom:
#   example: |-
#     lib.requires_external_id({"Condition": {"StringEquals": {"sts:ExternalId": "a1b2"}}})
#   result: |-
#     true
requires_external_id(st) if {
	some op, block in st.Condition
	lower(op) in {"stringequals", "stringlike"}
	some key, values in block
	lower(key) == "sts:externalid"
	vals := string_list(values)
	every v in vals {
		v != "*"
	}
}

# ---- Who manages a policy -----------------------------------------------

# METADATA
# description: |-
#   customer_managed holds when the aws.iam.policy resource is known to be a
#   customer-managed policy: aws_managed is false, or — in snapshots recorded
#   before aws_managed was collected — its ARN is in an account
#   (arn:aws:iam::<12 digits>:policy/...) rather than AWS's
#   (arn:aws:iam::aws:policy/...). The ARN is the definition IAM uses.
# custom:
#   example: |-
#     lib.customer_managed
#   result: |-
#     true
#   input: |-
#     {"attributes": {"arn": "arn:aws:iam::111122223333:policy/deploy"}}
customer_managed if is_false(attr("aws_managed"))

customer_managed if {
	not is_boolean(attr("aws_managed"))
	regex.match(`^arn:aws[a-z-]*:iam::[0-9]{12}:policy/`, attr("arn"))
}

# METADATA
# description: |-
#   policy_manager_unknown holds when neither says who manages the policy.
# custom:
#   example: |-
#     lib.policy_manager_unknown
#   result: |-
#     true
#   input: |-
#     {"attributes": {"arn": null}}
policy_manager_unknown if {
	not is_boolean(attr("aws_managed"))
	not arn_says_manager
}

# METADATA
# description: |-
#   arn_says_manager holds when the policy ARN says who manages it: an account ID or "aws" in its account field.
# custom:
#   example: |-
#     lib.arn_says_manager
#   result: |-
#     true
#   input: |-
#     {"attributes": {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}
arn_says_manager if regex.match(`^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/`, attr("arn"))
