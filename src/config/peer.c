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

static const char formats[] =
	"the JSON of aws ec2 describe-vpn-connections, AWS's CustomerGatewayConfiguration XML, or terraform show -json";

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
	char *err = e->text;
	size_t errlen = sizeof(e->text);

	if (json_object_get_type(top) != json_type_object) {
		snprintf(err, errlen, "the JSON is not an object: expected %s", formats);
		e->code = PEER_E_TEXT;
		return -1;
	}
	if (has(top, "VpnConnections"))
		return peer_aws_json_doc(top, p, e);
	if (has(top, "format_version") && has(top, "terraform_version"))
		return peer_tf_doc(top, p, e);
	if (has(top, "terraform_version") && has(top, "resources"))
		snprintf(err, errlen, "looks like a raw Terraform state file (terraform.tfstate), not terraform show -json: give the output of terraform show -json");
	else if (has(top, "VpnConnection"))
		snprintf(err, errlen, "the JSON has one VpnConnection (the output of create-vpn-connection or modify-vpn-tunnel-options), not a VpnConnections array: give the output of aws ec2 describe-vpn-connections");
	else
		snprintf(err, errlen, "the JSON has no VpnConnections array (aws ec2 describe-vpn-connections) and no format_version and terraform_version (terraform show -json): not a peer configuration");
	e->code = PEER_E_TEXT;
	return -1;
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

	return !c || c == '{' || c == '[' || c == '<';
}

int
peer_parse(const char *buf, size_t len, struct peer_config *p, struct peer_error *e)
{
	struct json_object *top = NULL;
	int rc;

	memset(p, 0, sizeof(*p));
	memset(e, 0, sizeof(*e));
	if (!len) {
		snprintf(e->text, sizeof(e->text), "the file is empty: expected %s", formats);
		e->code = PEER_E_TEXT;
		return -1;
	}
	if (is_xml(buf, len))
		return peer_parse_aws_xml(buf, len, p, e);
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
	else {
		snprintf(e->text, sizeof(e->text), "no format_version and terraform_version: not terraform show -json");
		e->code = PEER_E_TEXT;
	}
	json_object_put(top);
	return rc;
}
