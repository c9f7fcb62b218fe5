/* SPDX-License-Identifier: BSD-2-Clause */
/* The peer's other formats into the model, field by field: AWS's
 * CustomerGatewayConfiguration XML (config/aws_xml.c), the same XML inside
 * the describe JSON, and terraform show -json of a state and of a plan
 * (config/terraform.c). The fixtures of tests/audit/peer are read from
 * MTUPROBE_SRCDIR (meson sets it to the source root); the small cases are
 * inline. What the text and JSON outputs do not show (the ike and ipsec
 * elements, the unknown bits, what is refused and why) is checked here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/peer.h"
#include "render/audit_peer_out.h"

static char *
slurp(const char *name, size_t *len)
{
	const char *d = getenv("MTUPROBE_SRCDIR");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/audit/peer/%s", d && *d ? d : ".", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
parse_file(const char *name, struct peer_config *p)
{
	char err[600] = "";
	struct peer_error e;
	size_t len;
	char *buf = slurp(name, &len);
	int rc = peer_parse(buf, len, p, &e);

	if (rc < 0) {
		peer_error_words(&e, 0, err, sizeof(err));
		print_error("%s: %s\n", name, err);
	}
	assert_int_equal(rc, 0);
	free(buf);
}

/* Refused with the English words that hold want (render/peer_words.c
 * words the readers' codes: the message audit --peer-config prints). */
static int
refused(const char *doc, const char *want)
{
	struct peer_config p;
	struct peer_error e;
	char err[600] = "";
	int rc = peer_parse(doc, strlen(doc), &p, &e);

	if (rc < 0)
		peer_error_words(&e, 0, err, sizeof(err));
	peer_free(&p);
	if (rc == 0 || !strstr(err, want)) {
		print_error("rc %d, message \"%s\", want \"%s\"\n", rc, err, want);
		return 0;
	}
	return 1;
}

static void
test_generic_xml(void **state)
{
	struct peer_config p;
	const struct peer_tunnel *t;

	(void)state;
	parse_file("generic.xml", &p);
	assert_int_equal(p.format, PEER_FMT_AWS_XML);
	assert_int_equal(p.nconns, 1);
	assert_int_equal(p.ntunnels, 2);
	assert_int_equal(p.secrets, 2);
	assert_string_equal(p.conns[0].id, "vpn-0a1b2c3d4e5f67890");
	assert_string_equal(p.conns[0].cgw, "cgw-0123456789abcdef0");
	assert_string_equal(p.conns[0].gateway, "vgw-0fedcba9876543210");
	assert_true(p.conns[0].static_only.set); /* bgp elements: dynamic */
	assert_int_equal(p.conns[0].static_only.v, 0);
	assert_int_equal(p.conns[0].unknown, 0);
	t = &p.tunnels[1];
	assert_string_equal(t->outside, "198.51.100.2");
	assert_true(t->outside_v4);
	assert_string_equal(t->cgw_outside, "192.0.2.1");
	assert_string_equal(t->cgw_inside, "169.254.255.6/30");
	assert_string_equal(t->vgw_inside, "169.254.255.5/30");
	assert_string_equal(t->inside, "169.254.255.4/30");
	assert_int_equal(t->inside_addr, 0xa9feff04u);
	assert_int_equal(t->inside_plen, 30);
	assert_int_equal(t->cgw_asn.v, 65000);
	assert_int_equal(t->vgw_asn.v, 64512);
	assert_int_equal(t->hold_time.v, 30);
	assert_true(t->p1_life.set);
	assert_int_equal(t->p1_life.v, 28800);
	assert_int_equal(t->p2_life.v, 3600);
	assert_string_equal(t->ike_auth, "sha1");
	assert_string_equal(t->ike_enc, "aes-128-cbc");
	assert_string_equal(t->ike_pfs, "group2");
	assert_string_equal(t->ike_mode, "main");
	assert_string_equal(t->esp_proto, "esp");
	assert_string_equal(t->esp_auth, "hmac-sha1-96");
	assert_string_equal(t->esp_mode, "tunnel");
	assert_int_equal(t->clear_df.v, 1);
	assert_int_equal(t->frag_before.v, 1);
	assert_int_equal(t->mss_adjust.v, 1379);
	assert_int_equal(t->dpd_interval.v, 10);
	assert_int_equal(t->dpd_retries.v, 3);
	assert_true(t->psk_present);
	/* not in the XML: AWS's defaults, marked as such */
	assert_false(t->dpd_action.set);
	assert_int_equal(t->dpd_action.v, PEER_DPD_CLEAR);
	assert_false(t->startup.set);
	peer_free(&p);
}

/* The describe JSON's CustomerGatewayConfiguration fills what the JSON
 * lacks and leaves what it has. */
static void
test_embedded_xml(void **state)
{
	struct peer_config p;

	(void)state;
	parse_file("embedded.json", &p);
	assert_int_equal(p.format, PEER_FMT_AWS_JSON);
	assert_int_equal(p.ntunnels, 2);
	assert_int_equal(p.secrets, 2);
	assert_string_equal(p.tunnels[0].inside, "169.254.255.0/30");
	assert_string_equal(p.tunnels[0].vgw_inside, "169.254.255.1/30");
	assert_int_equal(p.tunnels[0].vgw_asn.v, 64512);
	assert_int_equal(p.tunnels[0].status, PEER_STATUS_UP);
	peer_free(&p);
	/* no TunnelOptions: the XML's tunnels are the connection's own */
	{
		static const char only_xml[] =
			"{\"VpnConnections\": [{\"VpnConnectionId\": \"vpn-1\", \"CustomerGatewayConfiguration\": "
			"\"<vpn_connection id='vpn-1'><ipsec_tunnel><vpn_gateway><tunnel_outside_address>"
			"<ip_address>198.51.100.9</ip_address></tunnel_outside_address></vpn_gateway>"
			"</ipsec_tunnel><ipsec_tunnel/></vpn_connection>\"}]}";
		struct peer_error err;
		assert_int_equal(peer_parse(only_xml, strlen(only_xml), &p, &err), 0);
		assert_int_equal(p.ntunnels, 1); /* the second says nothing: not added */
		assert_string_equal(p.tunnels[0].outside, "198.51.100.9");
		assert_int_equal(p.tunnels[0].conn, 0);
		peer_free(&p);
	}
	parse_file("static.json", &p); /* its own TunnelInsideCidr stays */
	assert_string_equal(p.tunnels[0].inside, "169.254.255.0/30");
	assert_int_equal(p.conns[0].static_only.v, 1);
	assert_true(p.tunnels[0].psk_present);
	peer_free(&p);
}

static void
test_terraform_state(void **state)
{
	struct peer_config p;
	const struct peer_tunnel *t;

	(void)state;
	parse_file("tf-state.json", &p);
	assert_int_equal(p.format, PEER_FMT_TF_STATE);
	assert_int_equal(p.nconns, 1);
	assert_int_equal(p.other_resources, 1);
	assert_int_equal(p.secrets, 3); /* two preshared keys, the XML */
	assert_string_equal(p.conns[0].address, "module.vpn.aws_vpn_connection.main");
	assert_string_equal(p.conns[0].id, "vpn-0a1b2c3d4e5f67890");
	assert_true(p.conns[0].static_only.set);
	t = &p.tunnels[0];
	assert_int_equal(t->index, 0);
	assert_string_equal(t->outside, "198.51.100.1");
	assert_string_equal(t->inside, "169.254.255.0/30");
	assert_string_equal(t->vgw_inside, "169.254.255.1");
	assert_int_equal(t->vgw_asn.v, 64512);
	/* "" and 0: the provider's "not set", so AWS's defaults */
	assert_false(t->dpd_action.set);
	assert_false(t->dpd_seconds.set);
	assert_int_equal(t->dpd_seconds.v, 40);
	assert_false(t->ike.set);
	assert_false(t->p1_life.set);
	assert_int_equal(t->unknown, 0);
	assert_true(t->psk_present);
	peer_free(&p);
}

static void
test_terraform_plan(void **state)
{
	struct peer_config p;

	(void)state;
	parse_file("tf-plan.json", &p);
	assert_int_equal(p.format, PEER_FMT_TF_PLAN);
	assert_int_equal(p.nconns, 2); /* main, backup; old only deleted */
	assert_int_equal(p.ntunnels, 4);
	assert_string_equal(p.conns[1].address, "aws_vpn_connection.backup");
	assert_int_equal(p.tunnels[0].dpd_action.v, PEER_DPD_RESTART);
	assert_true(p.tunnels[0].dpd_action.set);
	assert_int_equal(p.tunnels[0].startup.v, PEER_START_START);
	assert_false(p.tunnels[1].dpd_action.set);
	assert_int_equal(p.conns[0].unknown, 0);
	assert_int_equal(p.conns[1].unknown, PEER_UNK_ID | PEER_UNK_STATIC | PEER_UNK_ACCEL);
	assert_true(p.tunnels[2].unknown & PEER_UNK_OUTSIDE);
	assert_true(p.tunnels[2].unknown & PEER_UNK_INSIDE);
	assert_true(p.tunnels[2].unknown & PEER_UNK_BGP);
	assert_false(p.tunnels[2].unknown & PEER_UNK_DPD_ACTION); /* null: the default */
	assert_string_equal(p.tunnels[2].outside, "");
	assert_false(p.tunnels[2].outside_v4);
	assert_int_equal(p.tunnels[2].dpd_action.v, PEER_DPD_RESTART);
	peer_free(&p);
}

/* XML shapes: a mask instead of a CIDR, no bgp (static unknown), a DOCTYPE
 * without entities, and what is refused before anything is used. */
static void
test_xml_edges(void **state)
{
	struct peer_config p;
	struct peer_error err;
	static const char mask[] =
		"<vpn_connection id=\"vpn-1\"><ipsec_tunnel><vpn_gateway><tunnel_outside_address>"
		"<ip_address> 198.51.100.9 </ip_address></tunnel_outside_address><tunnel_inside_address>"
		"<ip_address>169.254.10.1</ip_address><network_mask>255.255.255.252</network_mask>"
		"</tunnel_inside_address></vpn_gateway></ipsec_tunnel></vpn_connection>";
	static const char doctype[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE vpn_connection>\n<vpn_connection id=\"vpn-1\">"
		"<ipsec_tunnel/></vpn_connection>";

	(void)state;
	assert_int_equal(peer_parse(mask, strlen(mask), &p, &err), 0);
	assert_string_equal(p.tunnels[0].outside, "198.51.100.9"); /* blanks dropped */
	assert_string_equal(p.tunnels[0].vgw_inside, "169.254.10.1/30");
	assert_string_equal(p.tunnels[0].inside, "169.254.10.0/30");
	assert_int_equal(p.conns[0].unknown, PEER_UNK_STATIC); /* no bgp element */
	assert_int_equal(p.secrets, 0);
	peer_free(&p);
	assert_int_equal(peer_parse(doctype, strlen(doctype), &p, &err), 0);
	assert_int_equal(p.ntunnels, 1);
	peer_free(&p);
	assert_true(refused(
		"<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY % p \"x\">]><vpn_connection/>",
		"declares an entity")); /* a parameter entity too */
	assert_true(refused("<!DOCTYPE v [<!ENTITY n SYSTEM \"x\" NDATA gif>]><vpn_connection/>",
			    "declares an entity"));
	assert_true(refused(
		"<!DOCTYPE v PUBLIC \"-//x//y\" \"http://192.0.2.1/x.dtd\"><vpn_connection/>",
		"names an external DTD"));
	assert_true(refused(
		"<vpn_connection><ipsec_tunnel>&undeclared;</ipsec_tunnel></vpn_connection>",
		"not well-formed XML at line 1"));
	assert_true(refused("<vpn_connection></vpn_connectio>", "an end tag does not match"));
	assert_true(refused("<vpn_connection/><x/>", "more data after the root element"));
	assert_true(refused("<vpn_connection><ipsec_tunnel><customer_gateway><bgp><asn>-1</asn>"
			    "</bgp></customer_gateway></ipsec_tunnel></vpn_connection>",
			    "ipsec_tunnel[0] asn is not a number (line 1)"));
	assert_true(refused("<vpn_connection><ipsec_tunnel><ipsec><clear_df_bit>yes</clear_df_bit>"
			    "</ipsec></ipsec_tunnel></vpn_connection>",
			    "clear_df_bit is neither true nor false"));
	/* a key near an error is never quoted: libxml2's own words are not used */
	assert_true(refused("<vpn_connection><ipsec_tunnel><ike><pre_shared_key>k\xff\xfe-secret"
			    "</pre_shared_key></ike></ipsec_tunnel></vpn_connection>",
			    "column 53: a character XML does not allow"));
}

/* The readers are bytes in: a refusal is a code with its numbers and the
 * name it concerns, no sentence (issue 22); the words are render's. */
static void
test_error_codes(void **state)
{
	static const char not_number[] =
		"<vpn_connection>\n<ipsec_tunnel><customer_gateway><bgp><asn>-1</asn>"
		"</bgp></customer_gateway></ipsec_tunnel></vpn_connection>";
	static const char tf_type[] =
		"{\"format_version\": \"1.0\", \"terraform_version\": \"1.5.7\", \"values\": "
		"{\"root_module\": {\"resources\": [{\"type\": \"aws_vpn_connection\", \"values\": "
		"{\"tunnel2_dpd_timeout_seconds\": \"forty\"}}]}}}";
	static const char embedded[] =
		"{\"VpnConnections\": [{\"VpnConnectionId\": \"vpn-1\", \"CustomerGatewayConfiguration\": "
		"\"<vpn_connection id='vpn-1'>\"}]}";
	struct peer_config p;
	struct peer_error e;

	(void)state;
	assert_int_equal(peer_parse(not_number, strlen(not_number), &p, &e), -1);
	peer_free(&p);
	assert_int_equal(e.code, PEER_E_XML_NUMBER);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.key, "ipsec_tunnel[0] asn");
	assert_string_equal(e.where, "");
	assert_int_equal(peer_parse(tf_type, strlen(tf_type), &p, &e), -1);
	peer_free(&p);
	assert_int_equal(e.code, PEER_E_TF_TYPE);
	assert_string_equal(e.key,
			    "values.root_module.resources[0].values.tunnel2_dpd_timeout_seconds");
	assert_int_equal(e.got, PEER_JT_STRING);
	assert_int_equal(e.want, PEER_JT_NUMBER);
	assert_int_equal(peer_parse(embedded, strlen(embedded), &p, &e), -1);
	peer_free(&p);
	assert_int_equal(e.code, PEER_E_XML_AT);
	assert_int_equal(e.why, PEER_XML_TRUNCATED);
	assert_int_equal(e.line, 1);
	assert_string_equal(e.where, "VpnConnections[0].CustomerGatewayConfiguration");
	assert_true(refused(
		embedded,
		"VpnConnections[0].CustomerGatewayConfiguration: not well-formed XML at line 1, column "));
	assert_int_equal(peer_parse("{\"a\": 1,\n", 9, &p, &e), -1);
	peer_free(&p);
	assert_int_equal(e.code, PEER_E_JSON_TRUNCATED);
	assert_int_equal(e.n, 9);
	assert_int_equal(e.line, 2);
	assert_int_equal(peer_parse("", 0, &p, &e), -1);
	peer_free(&p);
	assert_int_equal(e.code, PEER_E_EMPTY);
	/* a code render has no words for is said with its number, not as "" */
	{
		struct peer_error odd = { .code = (enum peer_error_code)999 };
		char buf[200];
		peer_error_words(&odd, 0, buf, sizeof(buf));
		assert_string_equal(buf, "the document was refused (code 999)");
	}
}

/* Terraform and the detection: what is not ours says what it is not. */
static void
test_terraform_edges(void **state)
{
	(void)state;
	assert_true(refused("{\"format_version\": \"1.0\", \"terraform_version\": \"1.5.7\"}",
			    "neither values (a state) nor planned_values"));
	assert_true(refused(
		"{\"format_version\": \"1.0\", \"terraform_version\": \"1.5.7\", \"values\": "
		"{\"root_module\": {\"resources\": {}}}}",
		"must be arrays"));
	assert_true(refused(
		"{\"format_version\": \"1.0\", \"terraform_version\": \"1.5.7\", \"values\": "
		"{\"root_module\": {\"resources\": [{\"type\": \"aws_vpn_connection\", \"values\": "
		"{\"tunnel1_ike_versions\": [1]}}]}}}",
		"tunnel1_ike_versions[0] is not a string"));
	assert_true(refused(
		"{\"format_version\": \"1.0\", \"terraform_version\": \"1.5.7\", \"values\": "
		"{\"root_module\": {\"resources\": [{\"type\": \"aws_vpn_connection\", \"mode\": \"data\", "
		"\"values\": {}}]}}}",
		"no aws_vpn_connection resource (1 resource of other types)"));
	assert_true(refused("[1, 2]", "the JSON is not an object"));
	assert_true(refused("{\"terraform_version\": \"1.5.7\", \"resources\": []}",
			    "raw Terraform state"));
	assert_true(refused("{\"format_version\": \"1.0\",\n",
			    "the JSON ends after 26 bytes (line 2)"));
	assert_true(refused("  <", "not well-formed XML at line 1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generic_xml),     cmocka_unit_test(test_embedded_xml),
		cmocka_unit_test(test_terraform_state), cmocka_unit_test(test_terraform_plan),
		cmocka_unit_test(test_xml_edges),       cmocka_unit_test(test_terraform_edges),
		cmocka_unit_test(test_error_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
