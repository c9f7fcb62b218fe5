/* SPDX-License-Identifier: BSD-2-Clause */
/* config/tree.c (the set/hierarchy flattener) and config/junos.c (the Junos
 * grammar and model): exact paths and line numbers out of both forms,
 * comments, quotes, inactive:, CRLF; the hostile shapes (a lone '}', a
 * block never closed, an unclosed quote or comment, 10,000 nested blocks,
 * a 10 MB file) end in invalid lines, never a crash or recursion; the
 * model of AWS's SRX shape in both forms is the same, a hub of 600 vpns is
 * read whole, and the router's refusals are invalid lines with their reason.
 * Samples are read from MTUPROBE_SRCDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/count.h"
#include "textbuf.h"

#include "config/tree_int.h"


static const char *
srcdir(void)
{
	const char *d = getenv("MTUPROBE_SRCDIR");

	return d && *d ? d : ".";
}

static char *
slurp(const char *name, size_t *len)
{
	char path[4096];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/audit/configs/%s", srcdir(), name);
	if (!(fp = fopen(path, "rb")))
		fail_msg("cannot open %s (is MTUPROBE_SRCDIR set?)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return buf;
}

/* ---- the flattener ------------------------------------------------------- */

struct leaves {
	char text[64][CONFIG_LINE_MAX];
	unsigned line[64];
	unsigned flags[64];
	size_t n, total;
};

static int
collect(struct config *c, void *ctx, const struct cfg_line *l, unsigned flags)
{
	struct leaves *v = ctx;

	(void)c;
	if (v->n < COUNT(v->text)) {
		snprintf(v->text[v->n], sizeof(v->text[0]), "%s", l->text);
		v->line[v->n] = l->no;
		v->flags[v->n++] = flags;
	}
	v->total++;
	return 0;
}

static const char *const pfx[] = { "inactive:", "protect:", "replace:", NULL };
static const char *const inact[] = { "inactive:", NULL };
static const char *const setv[] = { "set", NULL };
static const char *const other[] = { "delete", "deactivate", NULL };
static const char *const secret[] = { "ascii-text", NULL };
static const struct tree_syntax junos = { 1, pfx, inact, setv, other, secret, other, 1 };
static const struct tree_syntax vyos = { 0, NULL, NULL, setv, other, NULL, other, 0 };

static void
flatten(const char *text, const struct tree_syntax *s, struct config *c, struct leaves *v)
{
	memset(c, 0, sizeof(*c));
	memset(v, 0, sizeof(*v));
	assert_int_equal(cfg_tree(text, strlen(text), s, c, collect, v), 0);
}

static void
test_paths(void **state)
{
	struct config c;
	static struct leaves v;
	const char *text =
		"/* an annotation\n   over two lines */\n"        /* 1-2 */
		"security {\n"                                    /* 3 */
		"    ike {\n"                                     /* 4 */
		"        gateway gw-1 {\n"                        /* 5 */
		"            address 198.51.100.1;  # the peer\n" /* 6 */
		"            dead-peer-detection;\n"              /* 7 */
		"            description \"two words\";\n"        /* 8 */
		"        }\n"
		"        policy p { pre-shared-key ascii-text \"k e y\"; } ## SECRET-DATA\n" /* 10 */
		"    }\n"
		"    inactive: flow { tcp-mss { ipsec-vpn { mss 1379; } } }\n" /* 12 */
		"    zones { }\n"                                              /* 13 */
		"}\n"
		"set interfaces st0 unit 1 family inet mtu 1436\n" /* 15 */
		"delete security flow\n";                          /* 16 */

	(void)state;
	flatten(text, &junos, &c, &v);
	assert_int_equal(v.n, 7);
	assert_string_equal(v.text[0], "security ike gateway gw-1 address 198.51.100.1");
	assert_int_equal(v.line[0], 6);
	assert_string_equal(v.text[1], "security ike gateway gw-1 dead-peer-detection");
	assert_int_equal(v.line[1], 7);
	assert_string_equal(v.text[2], "security ike gateway gw-1 description two words");
	/* the key is one word for the model, and not in the text */
	assert_string_equal(v.text[3],
			    "security ike policy p pre-shared-key ascii-text (key not printed)");
	assert_int_equal(v.line[3], 10);
	assert_string_equal(v.text[4], "security flow tcp-mss ipsec-vpn mss 1379");
	assert_int_equal(v.flags[4], TREE_INACTIVE);
	assert_int_equal(v.flags[0], 0);
	/* an empty block is a leaf of its own */
	assert_string_equal(v.text[5], "security zones");
	assert_int_equal(v.line[5], 13);
	assert_string_equal(v.text[6], "interfaces st0 unit 1 family inet mtu 1436");
	assert_int_equal(v.line[6], 15);
	assert_int_equal(c.ninvalid, 0);
	assert_int_equal(c.unread, 1); /* the delete line */
	assert_int_equal(c.lines, 16);
	assert_true(c.comments >= 3);
	config_free(&c);
}

/* VyOS: no ';', a newline ends a statement; config.boot's comments */
static void
test_vyos_paths(void **state)
{
	struct config c;
	static struct leaves v;
	const char *text = "interfaces {\r\n"
			   "    vti vti1 {\r\n"
			   "        address 169.254.255.2/30\r\n"
			   "        description 'to AWS'\r\n"
			   "        mtu 1436\r\n"
			   "    }\r\n"
			   "}\r\n"
			   "// vyos-config-version: \"broadcast-relay@1\"\r\n"
			   "/* Warning: Do not remove the following line. */\r\n";

	(void)state;
	flatten(text, &vyos, &c, &v);
	assert_int_equal(v.n, 3);
	assert_string_equal(v.text[0], "interfaces vti vti1 address 169.254.255.2/30");
	assert_int_equal(v.line[0], 3);
	assert_string_equal(v.text[1], "interfaces vti vti1 description to AWS");
	assert_string_equal(v.text[2], "interfaces vti vti1 mtu 1436");
	assert_int_equal(v.line[2], 5);
	assert_int_equal(c.ninvalid, 0);
	config_free(&c);
}

/* What cannot be paired is an invalid line at the right place. */
static const struct {
	const char *text;
	unsigned line; /* of the first invalid line */
	size_t ninvalid;
	size_t leaves; /* still read around it */
} hostile[] = {
	{ "a { b 1; }\n}\nc 2;\n", 2, 1, 2 },          /* a lone '}' */
	{ "a {\n  b 1;\n  c {\n    d 2;\n", 3, 2, 2 }, /* two blocks never closed */
	{ "a \"never closed;\nb 1;\n", 1, 1, 0 },      /* an unclosed quote */
	{ "a 1;\n/* never closed\nb 2;\n", 2, 1, 1 },  /* an unclosed comment */
	{ "{ b 1; }\nc 2;\n", 1, 2, 2 }, /* a block with no name, and so its lone "}" */
	{ "set\n", 1, 1, 0 },            /* a verb and nothing */
};

static void
test_hostile(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(hostile); i++) {
		struct config c;
		static struct leaves v;
		flatten(hostile[i].text, &junos, &c, &v);
		if (c.ninvalid != hostile[i].ninvalid || v.total != hostile[i].leaves)
			fail_msg("case %zu: %zu invalid, %zu leaves", i, c.ninvalid, v.total);
		assert_int_equal(c.invalid[0].line, hostile[i].line);
		assert_true(c.invalid[0].why == CONFIG_BAD_NESTING ||
			    c.invalid[0].why == CONFIG_BAD_MISSING);
		config_free(&c);
	}
}

/* 10,000 nested blocks: the stack grows, nothing recurses; the one leaf's
 * path is longer than a line can be, and says so. */
static void
test_deep(void **state)
{
	size_t depth = 10000, k = 0;
	char *text = malloc(depth * 6 + 16);
	struct config c;
	static struct leaves v;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < depth; i++)
		k += (size_t)sprintf(text + k, "a {\n");
	k += (size_t)sprintf(text + k, "b 1;\n");
	for (size_t i = 0; i < depth; i++)
		k += (size_t)sprintf(text + k, "}\n");
	flatten(text, &junos, &c, &v);
	assert_int_equal(v.total, 0);
	assert_int_equal(c.ninvalid, 1);
	assert_int_equal(c.invalid[0].why, CONFIG_BAD_RANGE);
	assert_int_equal(c.invalid[0].line, depth + 1);
	config_free(&c);
	/* and never closed: one invalid line per open block, innermost first */
	text[depth * 4] = '\0';
	flatten(text, &junos, &c, &v);
	assert_int_equal(c.ninvalid, depth);
	assert_int_equal(c.invalid[0].line, depth);
	assert_int_equal(c.invalid[depth - 1].line, 1);
	config_free(&c);
	free(text);
}

/* The Junos CLI's levels in a pasted session (Junos CLI user guide: edit,
 * top, up, exit; the [edit ...] banner; Google's SRX tutorial,
 * junos-gcp-srx-bundled.conf): a set line after edit is relative to it. */
static void
test_levels(void **state)
{
	static const char text[] = "set a b\n"                         /* 1 */
				   "[edit]\n"                          /* 2 */
				   "root@srx# edit security flow\n"    /* 3 */
				   "\n"                                /* 4 */
				   "[edit security flow]\n"            /* 5 */
				   "root@srx#\n"                       /* 6 */
				   "set tcp-mss ipsec-vpn mss 1420\n"  /* 7 */
				   "edit x y\n"                        /* 8 */
				   "set z 1\n"                         /* 9 */
				   "exit\n"                            /* 10 */
				   "set w 2\n"                         /* 11 */
				   "top set q 3\n"                     /* 12 */
				   "top\n"                             /* 13 */
				   "set r 4\n"                         /* 14 */
				   "[edit interfaces st0]\n"           /* 15 */
				   "set unit 1 family inet mtu 1436\n" /* 16 */
				   "up\n"                              /* 17 */
				   "set s 5\n"                         /* 18 */
				   "[edit security]\n"                 /* 19 */
				   "set t 6\n"                         /* 20 */
				   "exit configuration-mode\n"         /* 21 */
				   "set u 7\n";                        /* 22 */
	static const char *const want[] = {
		"a b",
		"security flow tcp-mss ipsec-vpn mss 1420",
		"security flow x y z 1",
		"security flow w 2",
		"q 3",
		"r 4",
		"interfaces st0 unit 1 family inet mtu 1436",
		"security t 6",
		"u 7",
	};
	struct config c;
	static struct leaves v;

	(void)state;
	flatten(text, &junos, &c, &v);
	assert_int_equal(v.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < v.n; i++)
		assert_string_equal(v.text[i], want[i]);
	/* after up the level is not known: that set line is said, not guessed */
	assert_int_equal(c.ninvalid, 1);
	assert_int_equal(c.invalid[0].why, CONFIG_BAD_LEVEL);
	assert_int_equal(c.invalid[0].line, 18);
	assert_int_equal(c.invalid[0].lo, 17);
	config_free(&c);
	/* VyOS's syntax does not follow levels: its set lines stay as written */
	flatten("edit security flow\nset tcp-mss 1\n", &vyos, &c, &v);
	assert_int_equal(v.n, 2);
	assert_string_equal(v.text[1], "tcp-mss 1");
	config_free(&c);
}

/* 10 MB of statements in one block: every leaf, one pass. */
static void
test_big(void **state)
{
	const char *stmt = "    description \"a long enough description line\";\n";
	size_t n = 10 * 1024 * 1024 / strlen(stmt), k = 0;
	char *text = malloc(n * strlen(stmt) + 32);
	struct config c;
	static struct leaves v;

	(void)state;
	assert_non_null(text);
	k += (size_t)sprintf(text, "system {\n");
	for (size_t i = 0; i < n; i++) {
		memcpy(text + k, stmt, strlen(stmt));
		k += strlen(stmt);
	}
	memcpy(text + k, "}\n", 3);
	flatten(text, &junos, &c, &v);
	assert_int_equal(v.total, n);
	assert_int_equal(c.ninvalid, 0);
	assert_int_equal(c.lines, n + 2);
	config_free(&c);
	free(text);
}

/* ---- the Junos grammar and model ------------------------------------------ */

static void
parse(const char *text, size_t len, struct config *c)
{
	char err[256];

	if (config_parse(text, len, VENDOR_JUNOS, c, err, sizeof(err)) != 0)
		fail_msg("not read as Junos: %s", err);
}

static void
parse_file(const char *name, struct config *c)
{
	size_t len;
	char *buf = slurp(name, &len);

	parse(buf, len, c);
	free(buf);
}

/* AWS's SRX shape, corrected (junos-aws.conf), and the same in the hierarchy */
static void
check_aws(const struct config *c)
{
	assert_int_equal(c->vendor, VENDOR_JUNOS);
	assert_int_equal(c->ngateways, 2);
	assert_int_equal(c->ntunnels, 2);
	assert_int_equal(c->ninvalid, 0);
	assert_int_equal(c->nrefs, 0);
	assert_int_equal(c->nbgp, 2);
	assert_int_equal(c->bgp[0].as, 7224); /* neighbor A peer-as, a line of its own */
	assert_int_equal(c->bgp[1].as, 7224);
	for (size_t i = 0; i < 2; i++) {
		const struct config_tunnel *t = &c->tunnels[i];
		const struct config_gateway *g;
		assert_string_equal(t->name, i ? "st0.2" : "st0.1");
		assert_int_equal(t->mtu.v, 1436);
		assert_int_equal(t->mss.v, CONFIG_MSS_NUM);
		assert_int_equal(t->mss_value, 1387); /* the global clamp is every tunnel's */
		assert_int_equal(t->gateway, (int)i);
		assert_string_equal(t->policy_name, i ? "vpn-0000000a-2" : "vpn-0000000a-1");
		assert_int_equal(t->inside.plen, 30);
		g = &c->gateways[t->gateway];
		assert_int_equal(g->live.state, CONFIG_LIVE_ON_DEMAND); /* optimized, the default */
		assert_int_equal(g->live.dead_after, 30);               /* 10 x 3 */
		assert_int_equal(g->live.exact, 1);
		assert_int_equal(g->start.state, CONFIG_START_ALWAYS);
		assert_true(g->start.src.line > 0);
		assert_int_equal(g->natt.v, 0); /* no-nat-traversal */
		assert_int_equal(g->remote_addr.addr, i ? 0xc6336402u : 0xc6336401u);
		assert_string_equal(g->esp_text, "aes-128-cbc hmac-sha1-96");
		assert_true(g->psk.set);
		assert_null(strstr(g->live.src.text, "example-psk"));
	}
	assert_false(config_secret_equal(&c->gateways[0].psk, &c->gateways[1].psk));
}

static void
test_aws_both_forms(void **state)
{
	struct config s, t;

	(void)state;
	parse_file("junos-aws.conf", &s);
	parse_file("junos-aws-tree.conf", &t);
	check_aws(&s);
	check_aws(&t);
	for (size_t i = 0; i < 2; i++)
		assert_true(config_secret_equal(&s.gateways[i].psk, &t.gateways[i].psk));
	assert_int_equal(s.read, t.read);
	config_free(&s);
	config_free(&t);
}

/* DPD: bare statement (Juniper's defaults 10 x 5), always-send, none */
static void
test_dpd(void **state)
{
	const char *text = "set security ike gateway a address 198.51.100.1\n"
			   "set security ike gateway a dead-peer-detection\n"
			   "set security ike gateway b address 198.51.100.2\n"
			   "set security ike gateway b dead-peer-detection always-send\n"
			   "set security ike gateway b dead-peer-detection interval 20\n"
			   "set security ike gateway c address 198.51.100.3\n"
			   "deactivate security ike gateway c dead-peer-detection\n";
	struct config c;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ngateways, 3);
	assert_int_equal(c.gateways[0].live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(c.gateways[0].live.dead_after, 50);
	assert_int_equal(c.gateways[0].live.src.line, 2);
	assert_int_equal(c.gateways[1].live.state, CONFIG_LIVE_ON);
	assert_int_equal(c.gateways[1].live.dead_after, 100);
	assert_int_equal(c.gateways[1].live.src.line, 4);
	assert_int_equal(c.gateways[2].live.state, CONFIG_LIVE_OFF);
	assert_int_equal(c.gateways[2].live.src.line, 0);
	assert_int_equal(c.gateways[2].natt.v, 1); /* NAT-T on unless no-nat-traversal */
	assert_int_equal(c.gateways[2].start.state, CONFIG_START_UNKNOWN);
	config_free(&c);
}

/* "display set" prints an inactive statement as a later deactivate line;
 * a delete before a set (a pasted script that clears first) removes
 * nothing that follows it. */
static void
test_removed(void **state)
{
	const char *text =
		"delete security ike\n"                                        /* 1 */
		"set security ike gateway a address 198.51.100.1\n"            /* 2 */
		"set security ike gateway a dead-peer-detection interval 10\n" /* 3 */
		"set security ike gateway b address 198.51.100.2\n"            /* 4 */
		"set security ike gateway b dead-peer-detection interval 10\n" /* 5 */
		"set security ike gateway b dead-peer-detection threshold 3\n" /* 6 */
		"deactivate security ike gateway b dead-peer-detection\n"      /* 7 */
		"deactivate security ike gateway 'a' external-interface\n"; /* 8: names no leaf read */
	struct config c;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ngateways, 2);
	assert_int_equal(c.gateways[0].live.state, CONFIG_LIVE_ON_DEMAND);
	assert_int_equal(c.gateways[1].live.state, CONFIG_LIVE_OFF);
	assert_int_equal(c.unread, 5); /* lines 1, 5, 6, 7, 8 */
	config_free(&c);
}

/* Lines the router refuses, each with its reason. */
static void
test_invalid(void **state)
{
	const char *text = "set security ike gateway a adress 198.51.100.1\n"             /* 1 */
			   "set security ike gateway a dead-peer-detection interval 61\n" /* 2 */
			   "set security ike gateway a dead-peer-detection threshold 0\n" /* 3 */
			   "set security ipsec vpn v establish-tunnels sometimes\n"       /* 4 */
			   "set security ike gateway a version v3-only\n"                 /* 5 */
			   "set interfaces ge-0/0/0 unit 0 family inet mtu 1600\n"        /* 6 */
			   "set security flow tcp-mss ipsec-vpn mss 63\n"                 /* 7 */
			   "set securty ike gateway a address 198.51.100.1\n";            /* 8 */
	static const struct {
		unsigned line;
		enum config_bad why;
		unsigned arg;
		long hi;
	} want[] = {
		{ 1, CONFIG_BAD_ARG, 5, 0 },
		{ 2, CONFIG_BAD_RANGE, 7, 60 },
		{ 3, CONFIG_BAD_RANGE, 7, 5 },
		{ 4, CONFIG_BAD_ARG, 6, 0 },
		{ 5, CONFIG_BAD_ARG, 6, 0 },
		{ 7, CONFIG_BAD_RANGE, 6, 65535 },
		{ 8, CONFIG_BAD_COMMAND, 1, 0 },
		{ 6, CONFIG_BAD_RANGE, 8, 1500 }, /* media 1514 by default: found after the file */
	};
	struct config c;
	char err[256];

	(void)state;
	memset(&c, 0, sizeof(c));
	/* mostly invalid: refused as a whole, but the table is there */
	assert_int_equal(config_parse(text, strlen(text), VENDOR_JUNOS, &c, err, sizeof(err)), -1);
	assert_int_equal(c.ninvalid, COUNT(want));
	for (size_t i = 0; i < COUNT(want); i++) {
		if (c.invalid[i].line != want[i].line || c.invalid[i].why != want[i].why ||
		    c.invalid[i].arg != want[i].arg)
			fail_msg("invalid %zu: line %u why %d arg %u", i, c.invalid[i].line,
				 c.invalid[i].why, c.invalid[i].arg);
		if (want[i].hi)
			assert_int_equal(c.invalid[i].hi, want[i].hi);
	}
	config_free(&c);
}

/* "interfaces st0.1" is "interfaces st0 unit 1"; a vpn naming what is not
 * there is an undefined reference; the media MTU makes the line MTU. */
static void
test_shapes(void **state)
{
	struct config c;
	const char *text = "set interfaces st0.1 family inet mtu 1400\n"
			   "set interfaces st0 unit 1 family inet address 169.254.0.2/30\n"
			   "set interfaces ge-0/0/0 mtu 1518\n"
			   "set security ike gateway g external-interface ge-0/0/0\n"
			   "set security ike gateway g ike-policy nowhere\n"
			   "set security ipsec vpn v bind-interface st0.1\n"
			   "set security ipsec vpn v ike gateway missing\n"
			   "set security ipsec vpn w bind-interface st0.7\n";

	parse(text, strlen(text), &c);
	(void)state;
	assert_int_equal(c.ntunnels, 2);
	assert_string_equal(c.tunnels[0].name, "st0.1");
	assert_int_equal(c.tunnels[0].mtu.v, 1400);
	assert_int_equal(c.tunnels[0].inside.addr, 0xa9fe0002u);
	assert_int_equal(c.tunnels[0].gateway, -1);
	assert_int_equal(c.nrefs, 3);
	assert_int_equal(c.refs[0].kind, CONFIG_REF_IKE_GATEWAY);
	assert_int_equal(c.refs[0].line, 7);
	assert_int_equal(c.refs[1].kind, CONFIG_REF_TUNNEL_IF);
	assert_string_equal(c.refs[1].name, "st0.7");
	assert_int_equal(c.refs[2].kind, CONFIG_REF_IKE_POLICY);
	assert_int_equal(c.line_src, CONFIG_LINE_IFACE);
	assert_int_equal(c.line_mtu.v, 1504); /* media 1518 less the Ethernet header */
	assert_int_equal(c.line_mtu.line, 3);
	config_free(&c);
}

/* A hub: 600 gateways and vpns, in the hierarchy; every one read and bound. */
static void
test_hub(void **state)
{
	size_t n = 600;
	struct textbuf text = { 0 };
	struct config c;

	(void)state;
	textbuf_add(&text, "security {\n  ike {\n");
	for (size_t i = 0; i < n; i++)
		textbuf_add(
			&text,
			"    gateway gw-%zu {\n      address 198.51.%zu.%zu;\n      dead-peer-detection { interval 10; threshold 3; }\n    }\n",
			i, 100 + i / 250, 1 + i % 250);
	textbuf_add(&text, "  }\n  ipsec {\n");
	for (size_t i = 0; i < n; i++)
		textbuf_add(
			&text,
			"    vpn vpn-%zu {\n      bind-interface st0.%zu;\n      ike { gateway gw-%zu; }\n      establish-tunnels immediately;\n    }\n",
			i, i, i);
	textbuf_add(&text, "  }\n}\n");
	parse(text.buf, text.len, &c);
	assert_int_equal(c.ngateways, n);
	assert_int_equal(c.ntunnels, n);
	for (size_t i = 0; i < n; i++) {
		char name[32];
		int t;
		snprintf(name, sizeof(name), "st0.%zu", i);
		t = config_tunnel_find(&c, name);
		assert_true(t >= 0);
		assert_int_equal(c.tunnels[t].gateway, (int)i);
		assert_int_equal(c.gateways[c.tunnels[t].gateway].start.state, CONFIG_START_ALWAYS);
	}
	/* unbound st0 units are references to nothing */
	assert_int_equal(c.nrefs, n);
	config_free(&c);
	free(text.buf);
}

/* peer-as on the group (Junos BGP configuration statements): each
 * neighbour of the group without its own takes it, also when the group's
 * line comes after the neighbour's; a neighbour's own peer-as wins; a
 * routing instance's group of the same name is another group. */
static void
test_bgp_group_as(void **state)
{
	static const char text[] =
		"set security ike gateway gw1 address 198.51.100.1\n"
		"set protocols bgp group aws neighbor 169.254.1.1\n" /* 2 */
		"set protocols bgp group aws peer-as 7224\n"
		"set protocols bgp group aws neighbor 169.254.2.1 peer-as 65010\n" /* 4 */
		"set routing-instances vr protocols bgp group aws neighbor 169.254.3.1\n"
		"set routing-instances vr protocols bgp group aws peer-as 9059\n"
		"set protocols bgp group other neighbor 169.254.4.1\n"; /* 7 */
	struct config c;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.nbgp, 4);
	assert_int_equal(c.bgp[0].line, 2);
	assert_int_equal(c.bgp[0].as, 7224);
	assert_int_equal(c.bgp[1].as, 65010);
	assert_int_equal(c.bgp[2].as, 9059);
	assert_int_equal(c.bgp[3].as, 0); /* no peer-as anywhere */
	config_free(&c);
}

/* Without local-address, IKE leaves from the external-interface's one
 * family inet address (junos.c ike_source): the NAT-T and pairing facts read
 * it; with two addresses, or local-address written, nothing is guessed. */
static void
test_ike_source(void **state)
{
	static const char text[] =
		"set security ike gateway one address 198.51.100.1\n"
		"set security ike gateway one external-interface ge-0/0/0\n"
		"set security ike gateway two address 198.51.100.2\n"
		"set security ike gateway two external-interface ge-0/0/1.0\n"
		"set security ike gateway three address 198.51.100.3\n"
		"set security ike gateway three external-interface ge-0/0/0\n"
		"set security ike gateway three local-address 192.0.2.9\n"
		"set security ike gateway four address 198.51.100.4\n"
		"set security ike gateway four local-address 10.9.9.9\n"
		"set interfaces ge-0/0/0 unit 0 family inet address 10.0.1.11/24\n" /* 10 */
		"set interfaces ge-0/0/1 unit 0 family inet address 10.0.2.11/24\n"
		"set interfaces ge-0/0/1 unit 0 family inet address 203.0.113.4/24\n";
	struct config c;
	const struct config_gateway *g;

	(void)state;
	parse(text, strlen(text), &c);
	assert_int_equal(c.ngateways, 4);
	g = &c.gateways[config_gateway_find(&c, "one")];
	assert_int_equal(g->local_addr.line, 10);
	assert_int_equal(g->local_addr.addr, 0x0a00010bu);
	assert_int_equal(g->local_addr.plen, 32);
	assert_true(config_nat_between(&g->local_addr, &g->remote_addr));
	g = &c.gateways[config_gateway_find(&c, "two")];
	assert_int_equal(g->local_addr.line, 0); /* two addresses: which one is not known */
	assert_false(config_nat_between(&g->local_addr, &g->remote_addr));
	g = &c.gateways[config_gateway_find(&c, "three")];
	assert_int_equal(g->local_addr.addr, 0xc0000209u); /* local-address wins */
	assert_int_equal(g->local_addr.plen, 32);
	assert_false(config_nat_between(&g->local_addr, &g->remote_addr));
	assert_false(config_nat_between(&g->remote_addr, &g->local_addr));
	g = &c.gateways[config_gateway_find(&c, "four")];
	assert_true(config_nat_between(&g->local_addr, &g->remote_addr)); /* local-address 10/8 */
	config_free(&c);
}

/* proposals [ a b ]: every name, in order, a later set line adding to the
 * list, a name twice kept once; each undefined name a reference of its
 * own; a list too long to keep cut loudly (config_num.cut). */
static void
test_proposal_lists(void **state)
{
	const char *text =
		"set security ike proposal ik1 authentication-method pre-shared-keys\n"
		"set security ike policy ip proposals [ ik1 ik2 ]\n"
		"set security ike gateway gw ike-policy ip\n"
		"set security ike gateway gw address 198.51.100.1\n"
		"set security ipsec proposal gcm encryption-algorithm aes-128-gcm\n"
		"set security ipsec proposal cbc encryption-algorithm aes-256-cbc\n"
		"set security ipsec proposal cbc authentication-algorithm hmac-sha-256-128\n"
		"set security ipsec policy pol proposals [ gcm cbc ]\n"
		"set security ipsec policy pol proposals gcm\n"
		"set security ipsec policy pol2 proposals cbc\n"
		"set security ipsec policy pol2 proposals [ missing ]\n"
		"set security ipsec vpn v1 bind-interface st0.1\n"
		"set security ipsec vpn v1 ike gateway gw\n"
		"set security ipsec vpn v1 ike ipsec-policy pol\n"
		"set security ipsec vpn v2 bind-interface st0.2\n"
		"set security ipsec vpn v2 ike gateway gw\n"
		"set security ipsec vpn v2 ike ipsec-policy pol2\n"
		"set interfaces st0 unit 1 family inet mtu 1436\n"
		"set interfaces st0 unit 2 family inet mtu 1436\n";
	struct config c;
	struct textbuf big = { 0 };
	int ike = 0, ipsec = 0;

	(void)state;
	parse(text, strlen(text), &c);
	assert_string_equal(c.gateways[0].esp_text, "aes-128-gcm,aes-256-cbc hmac-sha-256-128");
	assert_int_equal(c.gateways[0].esp.line, 5);
	assert_int_equal(c.gateways[0].esp.cut, 0);
	for (size_t i = 0; i < c.nrefs; i++) {
		if (c.refs[i].kind == CONFIG_REF_JUNOS_IKE_PROPOSAL) {
			ike++;
			assert_string_equal(c.refs[i].name, "ik2");
			assert_int_equal(c.refs[i].line, 2);
		} else if (c.refs[i].kind == CONFIG_REF_JUNOS_IPSEC_PROPOSAL) {
			ipsec++;
			assert_string_equal(c.refs[i].name, "missing");
			assert_int_equal(c.refs[i].line, 11);
		}
	}
	assert_int_equal(ike, 1);
	assert_int_equal(ipsec, 1);
	config_free(&c);
	/* 40 named proposals do not fit: cut, and said so */
	for (int i = 0; i < 40; i++)
		textbuf_add(&big,
			    "set security ipsec proposal p%d encryption-algorithm aes-128-cbc\n",
			    i);
	textbuf_add(&big, "set security ipsec policy pol proposals [");
	for (int i = 0; i < 40; i++)
		textbuf_add(&big, " p%d", i);
	textbuf_add(&big, " ]\n"
			  "set security ike gateway gw address 198.51.100.1\n"
			  "set security ipsec vpn v1 bind-interface st0.1\n"
			  "set security ipsec vpn v1 ike gateway gw\n"
			  "set security ipsec vpn v1 ike ipsec-policy pol\n"
			  "set interfaces st0 unit 1 family inet mtu 1436\n");
	parse(big.buf, big.len, &c);
	assert_int_equal(c.gateways[0].esp.cut, 1);
	assert_int_equal(c.nrefs, 0);
	config_free(&c);
	free(big.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),      cmocka_unit_test(test_vyos_paths),
		cmocka_unit_test(test_hostile),    cmocka_unit_test(test_deep),
		cmocka_unit_test(test_big),        cmocka_unit_test(test_aws_both_forms),
		cmocka_unit_test(test_levels),     cmocka_unit_test(test_proposal_lists),
		cmocka_unit_test(test_dpd),        cmocka_unit_test(test_removed),
		cmocka_unit_test(test_invalid),    cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_hub),        cmocka_unit_test(test_bgp_group_as),
		cmocka_unit_test(test_ike_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
