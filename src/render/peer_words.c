/* SPDX-License-Identifier: BSD-2-Clause */
/* Why --peer-config's document was refused, in words: the readers (the
 * detection, config/peer.c; the describe JSON, config/aws_json.c; the
 * XML, config/aws_xml.c; Terraform, config/terraform.c) are bytes in and
 * return a code with its line, column and the element or path it names
 * (config/peer.h struct peer_error); this says it, in the user's language
 * or in English. A value of the document (a key) is never in it: the
 * readers give names and numbers only. */
#include "render/audit_peer_out.h"

#include <stdio.h>

#include "base/count.h"
#include "base/i18n.h"

/* localized ? the catalogue's words : the English msgid */
#define L(s) (localized ? _(s) : (s))
#define NL(s, p, n) (localized ? ngettext(s, p, n) : ((n) == 1 ? (s) : (p)))

/* What libxml2 found, by enum peer_xml_why (PEER_XML_OTHER: its number). */
/* clang-format off */
static const char *const xml_why[] = {
	[PEER_XML_EMPTY] = N_("no element: the document is empty"),
	[PEER_XML_AFTER_ROOT] = N_("more data after the root element"),
	[PEER_XML_TAG_MISMATCH] = N_("an end tag does not match its start tag"),
	[PEER_XML_TRUNCATED] = N_("the XML ends before its elements are closed: truncated"),
	[PEER_XML_NOT_CLOSED] = N_("an element is not closed"),
	[PEER_XML_NO_GT] = N_("a tag is not closed with '>'"),
	[PEER_XML_LT_IN_ATTR] = N_("'<' inside an attribute value"),
	[PEER_XML_ATTR_UNQUOTED] = N_("an attribute value without quotes"),
	[PEER_XML_ATTR_NO_VALUE] = N_("an attribute without a value"),
	[PEER_XML_ATTR_TWICE] = N_("an attribute given twice"),
	[PEER_XML_NO_NAME] = N_("a name is missing"),
	[PEER_XML_BAD_CHAR] = N_("a character XML does not allow"),
	[PEER_XML_BAD_ENCODING] = N_("bytes that are not in the document's encoding (UTF-8)"),
	[PEER_XML_UNDECLARED] = N_("a reference to an entity that is not declared"),
	[PEER_XML_NO_SEMICOLON] = N_("an entity reference without ';'"),
	[PEER_XML_DECL_LATE] = N_("an XML declaration that is not at the start"),
	[PEER_XML_UNSUPPORTED_ENCODING] = N_("an encoding libxml2 does not read"),
};
/* clang-format on */

/* A JSON value's type, as the Terraform messages name it. */
/* clang-format off */
static const char *const json_type[] = {
	[PEER_JT_NULL] = N_("null"),       [PEER_JT_BOOL] = N_("a boolean"),
	[PEER_JT_NUMBER] = N_("a number"), [PEER_JT_OBJECT] = N_("an object"),
	[PEER_JT_ARRAY] = N_("an array"),  [PEER_JT_STRING] = N_("a string"),
};
/* clang-format on */

/* What a code says when it has no numbers. */
/* clang-format off */
static const char *const plain[] = {
	[PEER_E_XML_NOMEM] = N_("out of memory reading the XML"),
	[PEER_E_XML_TOO_BIG] = N_("larger than libxml2 reads from memory"),
	[PEER_E_XML_MALFORMED] = N_("not well-formed XML"),
	[PEER_E_XML_NO_TUNNEL] = N_("the vpn_connection has no ipsec_tunnel: nothing to pair"),
	[PEER_E_TF_NOMEM] = N_("out of memory reading the Terraform JSON"),
	[PEER_E_TF_CHANGES] = N_("resource_changes is not an array: not terraform show -json"),
	[PEER_E_TF_EMPTY] = N_(
		"terraform show -json with neither values (a state) nor planned_values or resource_changes (a plan): an empty state?"),
	[PEER_E_RAW_TFSTATE] = N_(
		"looks like a raw Terraform state file (terraform.tfstate), not terraform show -json: give the output of terraform show -json"),
	[PEER_E_ONE_CONNECTION] = N_(
		"the JSON has one VpnConnection (the output of create-vpn-connection or modify-vpn-tunnel-options), not a VpnConnections array: give the output of aws ec2 describe-vpn-connections"),
	[PEER_E_FRAGMENT] = N_(
		"the file begins with a quoted key: a piece cut out of a JSON document (an AWS Security Hub finding's AwsEc2VpnConnection, a sample from a guide), not a whole one: give the output of aws ec2 describe-vpn-connections"),
	[PEER_E_NOT_PEER] = N_(
		"the JSON has no VpnConnections array (aws ec2 describe-vpn-connections) and no format_version and terraform_version (terraform show -json): not a peer configuration"),
	[PEER_E_NOT_TF] = N_("no format_version and terraform_version: not terraform show -json"),
	[PEER_E_JSON_NOMEM] = N_("out of memory reading the JSON"),
	[PEER_E_JSON_NO_ARRAY] =
		N_("VpnConnections is not an array: not aws ec2 describe-vpn-connections output"),
	[PEER_E_JSON_NO_CONNECTION] = N_(
		"VpnConnections is empty: the describe-vpn-connections filter matched no VPN connection"),
	[PEER_E_JSON_NOMEM_CONNS] = N_("out of memory reading the VPN connections"),
};
/* clang-format on */

static const char *
type_words(enum peer_json_type t, int localized)
{
	return (size_t)t < COUNT(json_type) && json_type[t] ? L(json_type[t]) : "?";
}

/* Each returns 0 for a code that is not its own. */
static int
xml_words(const struct peer_error *e, int localized, char *buf, size_t len)
{
	const char *why = (size_t)e->why < COUNT(xml_why) && e->why != PEER_XML_OTHER
				  ? xml_why[e->why]
				  : NULL;

	switch (e->code) {
	case PEER_E_XML_ENTITY:
		snprintf(
			buf, len,
			L(N_("the XML declares an entity or names an external DTD (line %ld): refused, entities are never expanded or fetched (AWS's CustomerGatewayConfiguration has no DTD)")),
			e->line);
		break;
	case PEER_E_XML_AT:
		if (why)
			snprintf(buf, len, L(N_("not well-formed XML at line %ld, column %ld: %s")),
				 e->line, e->col, L(why));
		else
			snprintf(
				buf, len,
				L(N_("not well-formed XML at line %ld, column %ld (libxml2 error %ld)")),
				e->line, e->col, e->n);
		break;
	case PEER_E_XML_ROOT:
		snprintf(
			buf, len,
			L(N_("the XML's root element is <%.40s>, not <vpn_connection>: not AWS's CustomerGatewayConfiguration")),
			e->key);
		break;
	case PEER_E_XML_NUMBER:
		/* TRANSLATORS: the element ("ipsec_tunnel[0] ike lifetime"), its line */
		snprintf(buf, len, L(N_("%s is not a number (line %ld)")), e->key, e->line);
		break;
	case PEER_E_XML_BOOL:
		snprintf(buf, len, L(N_("%s is neither true nor false (line %ld)")), e->key,
			 e->line);
		break;
	default: return 0;
	}
	return 1;
}

static int
tf_words(const struct peer_error *e, int localized, char *buf, size_t len)
{
	switch (e->code) {
	case PEER_E_TF_TYPE:
		/* TRANSLATORS: the attribute's path, its type, the type it must have */
		snprintf(
			buf, len,
			L(N_("%s is %s, not %s: not an aws_vpn_connection of the Terraform AWS provider")),
			e->key, type_words(e->got, localized), type_words(e->want, localized));
		break;
	case PEER_E_TF_NOT_STRING:
		snprintf(buf, len, L(N_("%s[%ld] is not a string: not an aws_vpn_connection")),
			 e->key, e->n);
		break;
	case PEER_E_TF_DEPTH:
		snprintf(buf, len, L(N_("%s: modules nested deeper than %ld")), e->key, e->n);
		break;
	case PEER_E_TF_ARRAYS:
		snprintf(
			buf, len,
			L(N_("%s: resources and child_modules must be arrays: not terraform show -json")),
			e->key);
		break;
	case PEER_E_TF_NO_AFTER:
		snprintf(buf, len, L(N_("%s is missing: not terraform show -json of a plan")),
			 e->key);
		break;
	case PEER_E_TF_NO_VPN:
		snprintf(
			buf, len,
			NL("the Terraform JSON has no aws_vpn_connection resource (%ld resource of other types): nothing to pair with the router",
			   "the Terraform JSON has no aws_vpn_connection resource (%ld resources of other types): nothing to pair with the router",
			   (unsigned long)e->n),
			e->n);
		break;
	default: return 0;
	}
	return 1;
}

/* The detection's and the describe JSON's. */
static int
json_words(const struct peer_error *e, int localized, char *buf, size_t len)
{
	/* TRANSLATORS: what --peer-config takes, said after "expected" */
	const char *formats = L(N_(
		"the JSON of aws ec2 describe-vpn-connections, AWS's CustomerGatewayConfiguration XML, or terraform show -json"));

	switch (e->code) {
	case PEER_E_EMPTY:
		snprintf(buf, len, L(N_("the file is empty: expected %s")), formats);
		break;
	case PEER_E_TOP_NOT_OBJECT:
		snprintf(buf, len, L(N_("the JSON is not an object: expected %s")), formats);
		break;
	case PEER_E_JSON_TRUNCATED:
		snprintf(
			buf, len,
			L(N_("the JSON ends after %ld bytes (line %ld) before the document is complete: truncated")),
			e->n, e->line);
		break;
	case PEER_E_JSON_INVALID:
		/* json-c's own description of the error, as it words it */
		snprintf(buf, len,
			 L(N_("not valid JSON at byte offset %ld (line %ld, column %ld): %s")),
			 e->n, e->line, e->col, e->detail ? e->detail : "?");
		break;
	case PEER_E_JSON_TRAILING:
		snprintf(
			buf, len,
			L(N_("more data after the JSON document at byte offset %ld (line %ld, column %ld)")),
			e->n, e->line, e->col);
		break;
	case PEER_E_JSON_TYPE:
		/* TRANSLATORS: the member's path, its type, the type it must have */
		snprintf(buf, len, L(N_("%s is %s, not %s: not describe-vpn-connections output")),
			 e->key, type_words(e->got, localized), type_words(e->want, localized));
		break;
	case PEER_E_JSON_NOT_VALUE:
		snprintf(buf, len, L(N_("%s[%ld] is not {\"Value\": %s}")), e->key, e->n,
			 type_words(e->want, localized));
		break;
	case PEER_E_JSON_IKE_VERSION:
		snprintf(buf, len,
			 L(N_("%s.IkeVersions[%ld] is not {\"Value\": \"ikev1\"|\"ikev2\"}")),
			 e->key, e->n);
		break;
	case PEER_E_NOT_OBJECT:
		snprintf(buf, len, L(N_("%s is %s, not an object")), e->key,
			 type_words(e->got, localized));
		break;
	default: return 0;
	}
	return 1;
}

void
peer_error_words(const struct peer_error *e, int localized, char *buf, size_t len)
{
	char words[600];

	if (!len)
		return;
	words[0] = '\0';
	if ((size_t)e->code < COUNT(plain) && plain[e->code])
		snprintf(words, sizeof(words), "%s", L(plain[e->code]));
	else if (!json_words(e, localized, words, sizeof(words)) &&
		 !xml_words(e, localized, words, sizeof(words)))
		tf_words(e, localized, words, sizeof(words));
	if (!words[0]) /* a code without words is a bug: said, not hidden */
		snprintf(words, sizeof(words), L(N_("the document was refused (code %d)")),
			 (int)e->code);
	/* the embedded XML's place in the describe JSON, as written */
	if (e->where[0])
		snprintf(buf, len, "%s: %s", e->where, words);
	else
		snprintf(buf, len, "%s", words);
}
