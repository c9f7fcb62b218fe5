/* SPDX-License-Identifier: BSD-2-Clause */
/* Which document --peer-config holds, from positive evidence only: XML
 * whose root element is vpn_connection (aws_xml.c), JSON with a
 * VpnConnections array (aws_json.c), JSON with format_version and
 * terraform_version (terraform.c). Anything else is refused with what it
 * is not; nothing is read on a guess. */
#include "config/peer.h"
#include "config/peer_int.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

int
peer_fail(struct peer_error *e, enum peer_error_code code, const char *path, const char *key,
	  long n)
{
	*e = (struct peer_error){ .code = code, .n = n };
	snprintf(e->key, sizeof(e->key), "%s%s%s", path ? path : "", key ? "." : "",
		 key ? key : "");
	return -1;
}

enum peer_json_type
peer_json_type_of(int t)
{
	switch (t) {
	case json_type_null: return PEER_JT_NULL;
	case json_type_boolean: return PEER_JT_BOOL;
	case json_type_double:
	case json_type_int: return PEER_JT_NUMBER;
	case json_type_object: return PEER_JT_OBJECT;
	case json_type_array: return PEER_JT_ARRAY;
	case json_type_string: return PEER_JT_STRING;
	}
	return PEER_JT_OTHER;
}

static int
has(const struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v);
}

/* The JSON's top object: which of ours, or what it is not. */
static int
json_kind(const struct json_object *top, struct peer_config *p, struct peer_error *e)
{
	if (json_object_get_type(top) != json_type_object)
		return peer_fail(e, PEER_E_TOP_NOT_OBJECT, NULL, NULL, 0);
	if (has(top, "VpnConnections"))
		return peer_aws_json_doc(top, p, e);
	if (has(top, "format_version") && has(top, "terraform_version"))
		return peer_tf_doc(top, p, e);
	if (has(top, "terraform_version") && has(top, "resources"))
		return peer_fail(e, PEER_E_RAW_TFSTATE, NULL, NULL, 0);
	if (has(top, "VpnConnection"))
		return peer_fail(e, PEER_E_ONE_CONNECTION, NULL, NULL, 0);
	return peer_fail(e, PEER_E_NOT_PEER, NULL, NULL, 0);
}

/* The first byte after a byte order mark and blanks; 0 when none. */
static char
first_byte(const char *buf, size_t len)
{
	size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < len && buf[i] && strchr(" \t\r\n", buf[i]))
		i++;
	return i < len ? buf[i] : 0;
}

static int
is_xml(const char *buf, size_t len)
{
	return first_byte(buf, len) == '<';
}

int
peer_is_document(const char *buf, size_t len)
{
	char c = first_byte(buf, len);

	/* '"': a JSON key with its braces cut off (a guide's sample): no
	 * router configuration's line begins with a quote */
	return !c || c == '{' || c == '[' || c == '<' || c == '"';
}

int
peer_parse(const char *buf, size_t len, struct peer_config *p, struct peer_error *e)
{
	struct json_object *top = NULL;
	int rc;

	memset(p, 0, sizeof(*p));
	memset(e, 0, sizeof(*e));
	if (!len)
		return peer_fail(e, PEER_E_EMPTY, NULL, NULL, 0);
	if (is_xml(buf, len))
		return peer_parse_aws_xml(buf, len, p, e);
	if (first_byte(buf, len) == '"')
		return peer_fail(e, PEER_E_FRAGMENT, NULL, NULL, 0);
	if (peer_json_tokenize(buf, len, &top, e) < 0)
		return -1;
	rc = json_kind(top, p, e);
	json_object_put(top);
	return rc;
}

int
peer_parse_terraform(const char *buf, size_t len, struct peer_config *p, struct peer_error *e)
{
	struct json_object *top = NULL;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	memset(e, 0, sizeof(*e));
	if (peer_json_tokenize(buf, len, &top, e) < 0)
		return -1;
	if (json_object_get_type(top) == json_type_object && has(top, "format_version") &&
	    has(top, "terraform_version"))
		rc = peer_tf_doc(top, p, e);
	else
		peer_fail(e, PEER_E_NOT_TF, NULL, NULL, 0);
	json_object_put(top);
	return rc;
}
