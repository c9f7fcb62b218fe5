/* SPDX-License-Identifier: BSD-2-Clause */
/* ipsec.conf: strongSwan's legacy stroke format (ipsec.conf(5), strongSwan
 * 5.9) and Libreswan's / Openswan's (ipsec.conf(5), Libreswan 4 and 5),
 * one grammar. Sections begin with "config setup", "conn NAME" or "ca NAME"
 * and run to the next section header; their lines are "key=value" ('#'
 * comments, blanks around '=' allowed). A key line outside any section is
 * invalid (both man pages: parameters belong to a section).
 *
 * Each key line is matched as the three words "key = value" against the
 * grammar table below (config/lines.c), so unknown keys, keys in the wrong
 * section and bad values are invalid lines like the other parsers' are.
 * Every conn becomes one gateway and one tunnel of the site model, named
 * after the conn, filled the way swan.c fills a swanctl connection and its
 * child, after also= and conn %default are applied: the conn's own keys
 * win, then each also= section in order, then %default (ipsec.conf(5):
 * also= includes a section, %default supplies defaults). A conn that is
 * only an also= template (referenced, never loaded: auto unset or ignore)
 * is no connection of its own and is left out of the model (all of that:
 * config/ipsecconf_model.c).
 *
 * Left is taken as this router's side (the convention of both man pages'
 * examples and AWS's Openswan instructions, left=%defaultroute). FRR lines
 * pasted beside the file (BGP neighbours) are read as swan.c reads them. */
#include "config/ipsecconf_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
conn_init(struct ipc_conn *n)
{
	memset(n, 0, sizeof(*n));
	n->first_also = n->last_also = -1;
}

static struct ipc_conn *
cur(struct cfg_ctx *x)
{
	if (x->in_default)
		return &x->dflt;
	return x->conn >= 0 ? &x->conns[x->conn] : NULL;
}

/* ---- section headers ---------------------------------------------------- */

/* conn NAME: one name (ipsec.conf(5), "conn <name>"; strongSwan's starter
 * grammar takes one word after conn, src/starter/parser/parser.y, and
 * refuses the file otherwise). A name of several words is an invalid
 * line, and its conn is read under the whole text, apart from the conn
 * its first word names: two published conns "AWS2 MAC IRON-MAN_1" and
 * "AWS2 MAC IRON-MAN_2" must not become one "AWS2". */
static int
open_conn(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char joined[CONFIG_NAME];
	const char *name = l->tok[1];
	struct config_gateway *g;
	struct config_tunnel *t;
	size_t i;

	if (l->ntok > 2) {
		size_t n = 0;
		cfg_bad(c, l, CONFIG_BAD_SECTION_NAME, 3, CONFIG_ARG_NONE);
		for (size_t k = 1; k < l->ntok && n < sizeof(joined); k++)
			n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s",
					      k > 1 ? " " : "", l->tok[k]);
		name = joined;
	}

	if (strcmp(name, "%default") == 0) {
		x->in_default = 1;
		return 0;
	}
	if (!(g = cfg_gateway(c, name, l->no)) || !(t = cfg_tunnel(c, name, name, l->no)))
		return 0;
	i = (size_t)(g - c->gateways);
	t->gateway = (int)i;
	while (x->nconns <= i) {
		struct ipc_conn *n = cfg_push(c, (void **)&x->conns, &x->nconns, &x->cap_conns,
					      sizeof(*x->conns));
		if (!n)
			return 0;
		conn_init(n);
	}
	x->conn = (int)i;
	return 0;
}

/* ---- key values ---------------------------------------------------------- */

struct word {
	const char *w;
	long v;
	int libreswan; /* only Libreswan/Openswan take it */
};

/* Word 3 (the value) looked up in words; -1 after cfg_bad when it is none. */
static int
keyword(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, const struct word *w,
	size_t n, long *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->tok[2], w[i].w) == 0) {
			*v = w[i].v;
			x->libreswan |= w[i].libreswan;
			return 0;
		}
	return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_KEYWORD);
}

/* A key whose value is one word of a list, kept in k[key]. */
static int
set_word(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, enum ipc_key key,
	 const struct word *w, size_t n)
{
	struct ipc_conn *cn = cur(x);
	long v = 0;

	if (cfg_tmpl(l, 2)) {
		if (cn)
			cfg_set_tmpl(&cn->k[key], l);
		return 0;
	}
	if (keyword(c, x, l, w, n, &v) < 0)
		return -1;
	if (cn)
		cfg_set(&cn->k[key], v, l);
	return 0;
}

/* auto= (strongSwan: ignore|add|route|start; Libreswan also ondemand,
 * up, keep): v is what it makes the router do, in swanctl's terms;
 * ignore (the default) is CONFIG_ACT_OTHER: not even loaded. */
static int
on_auto(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "ignore", CONFIG_ACT_OTHER, 0 },  { "add", CONFIG_ACT_NONE, 0 },
		{ "route", CONFIG_ACT_TRAP, 0 },    { "start", CONFIG_ACT_START, 0 },
		{ "ondemand", CONFIG_ACT_TRAP, 1 }, { "up", CONFIG_ACT_START, 1 },
		{ "keep", CONFIG_ACT_NONE, 1 },
	};
	return set_word(c, x, l, K_AUTO, w, COUNT(w));
}

/* dpdaction= none|clear|hold|restart (strongSwan, default none: no DPD);
 * Libreswan 4: hold (default)|clear|restart, restart_by_peer obsolete and
 * the same as restart; Libreswan 5 ignores it (libreswan issue 253). */
static int
on_dpdaction(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "none", CONFIG_ACT_NONE, 0 },
		{ "clear", CONFIG_ACT_CLEAR, 0 },
		{ "hold", CONFIG_ACT_HOLD, 0 },
		{ "restart", CONFIG_ACT_RESTART, 0 },
		{ "restart_by_peer", CONFIG_ACT_RESTART, 1 },
	};
	return set_word(c, x, l, K_DPDACTION, w, COUNT(w));
}

/* closeaction= none|clear|hold|restart (strongSwan). */
static int
on_closeaction(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "none", CONFIG_ACT_NONE, 0 },
		{ "clear", CONFIG_ACT_CLEAR, 0 },
		{ "hold", CONFIG_ACT_HOLD, 0 },
		{ "restart", CONFIG_ACT_RESTART, 0 },
	};
	return set_word(c, x, l, K_CLOSE, w, COUNT(w));
}

/* keyexchange= ike|ikev1|ikev2: ike is strongSwan's default (initiates
 * IKEv2) and Openswan's only value (IKEv1): version unknown (0). */
static int
on_keyexchange(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = { { "ike", 0, 0 }, { "ikev1", 1, 0 }, { "ikev2", 2, 0 } };

	return set_word(c, x, l, K_VERSION, w, COUNT(w));
}

/* ikev2= (Libreswan before keyexchange=): yes, propose, insist map to
 * IKEv2; no, never, permit to IKEv1 (Libreswan ipsec.conf(5), keyexchange). */
static int
on_ikev2(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "yes", 2, 1 }, { "propose", 2, 1 }, { "insist", 2, 1 },
		{ "no", 1, 1 },  { "never", 1, 1 },   { "permit", 1, 1 },
	};
	return set_word(c, x, l, K_VERSION, w, COUNT(w));
}

/* forceencaps= yes|no (strongSwan; Openswan), encapsulation= yes|no|auto
 * (Libreswan, which replaced forceencaps with it): v 1 forces UDP 4500. */
static int
on_natt(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "yes", 1, 0 },
		{ "no", 0, 0 },
		{ "auto", 0, 1 },
	};
	return set_word(c, x, l, K_NATT, w, COUNT(w));
}

/* type= tunnel (default)|transport|transport_proxy|passthrough|pass|drop|
 * reject: only tunnel is ESP tunnel mode. */
static int
on_type(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	static const struct word w[] = {
		{ "tunnel", CONFIG_TK_IPSEC, 0 },
		{ "transport", CONFIG_TK_TRANSPORT, 0 },
		{ "transport_proxy", CONFIG_TK_TRANSPORT, 0 },
		{ "passthrough", CONFIG_TK_OTHER, 0 },
		{ "pass", CONFIG_TK_OTHER, 0 },
		{ "drop", CONFIG_TK_OTHER, 0 },
		{ "reject", CONFIG_TK_OTHER, 0 },
	};
	return set_word(c, x, l, K_TYPE, w, COUNT(w));
}

/* A time key: dpddelay=, dpdtimeout= (seconds, or with s/m/h/d). */
static int
set_time(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, enum ipc_key key)
{
	struct ipc_conn *cn = cur(x);
	long v;

	if (cfg_tmpl(l, 2)) {
		if (cn)
			cfg_set_tmpl(&cn->k[key], l);
		return 0;
	}
	if ((v = cfg_seconds(l->tok[2])) < 0)
		return cfg_bad(c, l, CONFIG_BAD_ARG, 3, CONFIG_ARG_NUMBER);
	if (cn)
		cfg_set(&cn->k[key], v, l);
	return 0;
}

static int
on_dpddelay(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	return set_time(c, x, l, K_DPDDELAY);
}

static int
on_dpdtimeout(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	return set_time(c, x, l, K_DPDTIMEOUT);
}

/* mtu= (Libreswan: the MTU of the routes to the remote end; no default). */
static int
on_mtu(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ipc_conn *cn = cur(x);
	long v;

	x->libreswan = 1;
	if (cfg_tmpl(l, 2)) {
		if (cn)
			cfg_set_tmpl(&cn->k[K_MTU], l);
		return 0;
	}
	if (cfg_number(l->tok[2], 68, 65535, &v) < 0)
		return cfg_bad_range(c, l, 3, 68, 65535);
	if (cn)
		cfg_set(&cn->k[K_MTU], v, l);
	return 0;
}

/* esp= / phase2alg=: every proposal of the list, in strongSwan's
 * spelling: strongSwan ends a strict list with '!', Libreswan puts the DH
 * group after ';' ("aes128-sha1;modp1024", AWS's Openswan instructions). */
static int
on_esp(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ipc_conn *cn = cur(x);
	char *p;

	(void)c;
	if (!cn)
		return 0;
	cfg_set(&cn->k[K_ESP], 0, l);
	cn->k[K_ESP].tmpl = cfg_tmpl(l, 2);
	cn->k[K_ESP].cut = cfg_esp_list(cn->esp, sizeof(cn->esp), l->tok[2]);
	for (p = strchr(cn->esp, ';'); p; p = strchr(p, ';')) {
		*p = '-';
		x->libreswan = 1;
	}
	return 0;
}

/* ike=: only its Libreswan spelling says something (the dialect). */
static int
on_ike(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	x->libreswan |= strchr(l->tok[2], ';') != NULL;
	return 0;
}

static int
set_prefix(struct cfg_ctx *x, const struct cfg_line *l, enum ipc_pfx k)
{
	struct ipc_conn *cn = cur(x);

	if (!cn)
		return 0;
	cfg_selector(&cn->p[k], l->tok[2], l);
	/* "<LOCAL NETWORK>": one word here, which the selector's comma list cuts */
	cn->p[k].tmpl |= cfg_tmpl(l, 2);
	return 0;
}

static int
on_leftsubnet(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return set_prefix(x, l, P_LEFTSUBNET);
}

static int
on_rightsubnet(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return set_prefix(x, l, P_RIGHTSUBNET);
}

/* right=: the peer's outside address (an address, a name, %any, ...);
 * left=: this end's (%defaultroute and names are no address). */
static int
outside_addr(struct cfg_ctx *x, const struct cfg_line *l, enum ipc_pfx which)
{
	struct ipc_conn *cn = cur(x);

	if (!cn)
		return 0;
	cfg_outer_addr(&cn->p[which], l->tok[2], l);
	cn->p[which].tmpl = cfg_tmpl(l, 2);
	return 0;
}

static int
on_right(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return outside_addr(x, l, P_RIGHT);
}

static int
on_left(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	return outside_addr(x, l, P_LEFT);
}

/* leftvti= (Libreswan): the VTI's inside address, where BGP runs. */
static int
on_leftvti(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	(void)c;
	x->libreswan = 1;
	return set_prefix(x, l, P_LEFTVTI);
}

static int
on_also(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	struct ipc_conn *cn = cur(x);
	struct ipc_also *a;
	int i;

	if (!cn || x->in_default)
		return 0;
	if (!(a = cfg_push(c, (void **)&x->also, &x->nalso, &x->cap_also, sizeof(*x->also))))
		return 0;
	i = (int)(x->nalso - 1);
	cfg_copy(a->name, sizeof(a->name), l->tok[2]);
	cfg_copy(a->text, sizeof(a->text), l->text);
	a->line = l->no;
	a->next = -1;
	if (cn->last_also >= 0)
		x->also[cn->last_also].next = i;
	else
		cn->first_also = i;
	cn->last_also = i;
	return 0;
}

/* include FILE: the audit has only the text it was given, so the file is
 * not read, and the output says so (never a quiet gap). */
static int
on_include(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	long n = c->include.v + 1;

	(void)x;
	if (!c->include.line)
		cfg_set(&c->include, n, l);
	c->include.v = n;
	return 0;
}

/* Keys both man pages list that the audit does not need; L: with left
 * and right variants. */
#define KEY(k, s, fn) \
	{ \
		k " = *", s, fn \
	}
#define LR(k) KEY("left" k, IPC_CONN, NULL), KEY("right" k, IPC_CONN, NULL)

/* clang-format off */
static const struct cfg_cmd ipc_cmds[] = {
	{ "config setup", 0, NULL },
	{ "conn *", 0, open_conn },
	{ "ca *", 0, NULL },
	{ "include *", 0, on_include },
	{ "version *", 0, NULL },       /* strongSwan 4 / Openswan 2 first line */
	KEY("auto", IPC_CONN, on_auto),
	KEY("auto", IPC_CA, NULL),
	KEY("dpdaction", IPC_CONN, on_dpdaction),
	KEY("dpddelay", IPC_CONN, on_dpddelay),
	KEY("dpdtimeout", IPC_CONN, on_dpdtimeout),
	KEY("closeaction", IPC_CONN, on_closeaction),
	KEY("keyexchange", IPC_CONN, on_keyexchange),
	KEY("ikev2", IPC_CONN, on_ikev2),
	KEY("forceencaps", IPC_CONN, on_natt),
	KEY("encapsulation", IPC_CONN, on_natt),
	KEY("type", IPC_CONN, on_type),
	KEY("mtu", IPC_CONN, on_mtu),
	KEY("esp", IPC_CONN, on_esp),
	KEY("phase2alg", IPC_CONN, on_esp),
	KEY("ike", IPC_CONN, on_ike),
	KEY("leftsubnet", IPC_CONN, on_leftsubnet),
	KEY("rightsubnet", IPC_CONN, on_rightsubnet),
	KEY("right", IPC_CONN, on_right),
	KEY("leftvti", IPC_CONN, on_leftvti),
	KEY("also", IPC_CONN, on_also),
	KEY("left", IPC_CONN, on_left),
	KEY("rightvti", IPC_CONN, NULL),
	LR("id"), LR("id2"), LR("auth"), LR("auth2"), LR("cert"), LR("cert2"), LR("sendcert"),
	LR("rsasigkey"), LR("sigkey"), LR("pubkey"), LR("nexthop"), LR("sourceip"),
	LR("firewall"), LR("hostaccess"), LR("updown"), LR("protoport"), LR("ca"), LR("ca2"),
	LR("groups"), LR("dns"), LR("subnets"), LR("ikeport"), LR("allowany"), LR("ckaid"),
	LR("modecfgserver"), LR("modecfgclient"), LR("xauthserver"), LR("xauthclient"),
	LR("username"), LR("certpolicy"), LR("addresspool"), LR("interface-ip"),
	KEY("authby", IPC_CONN, NULL), KEY("auth", IPC_CONN, NULL),
	KEY("ah", IPC_CONN, NULL), KEY("phase2", IPC_CONN, NULL),
	KEY("ikelifetime", IPC_CONN, NULL), KEY("keylife", IPC_CONN, NULL),
	KEY("lifetime", IPC_CONN, NULL), KEY("salifetime", IPC_CONN, NULL),
	KEY("ipsec-lifetime", IPC_CONN, NULL), KEY("rekeymargin", IPC_CONN, NULL),
	KEY("margintime", IPC_CONN, NULL), KEY("rekeyfuzz", IPC_CONN, NULL),
	KEY("keyingtries", IPC_CONN, NULL), KEY("rekey", IPC_CONN, NULL),
	KEY("reauth", IPC_CONN, NULL), KEY("compress", IPC_CONN, NULL),
	KEY("pfs", IPC_CONN, NULL), KEY("pfsgroup", IPC_CONN, NULL),
	KEY("mobike", IPC_CONN, NULL), KEY("fragmentation", IPC_CONN, NULL),
	KEY("aggressive", IPC_CONN, NULL), KEY("aggrmode", IPC_CONN, NULL),
	KEY("inactivity", IPC_CONN, NULL), KEY("mark", IPC_CONN, NULL),
	KEY("mark_in", IPC_CONN, NULL), KEY("mark_out", IPC_CONN, NULL),
	KEY("mark-in", IPC_CONN, NULL), KEY("mark-out", IPC_CONN, NULL),
	KEY("vti-interface", IPC_CONN, NULL), KEY("vti-routing", IPC_CONN, NULL),
	KEY("vti-shared", IPC_CONN, NULL), KEY("ipsec-interface", IPC_CONN, NULL),
	KEY("nat-keepalive", IPC_CONN, NULL), KEY("ikepad", IPC_CONN, NULL),
	KEY("sha2-truncbug", IPC_CONN, NULL), KEY("sha2_truncbug", IPC_CONN, NULL),
	KEY("narrowing", IPC_CONN, NULL), KEY("modecfgpull", IPC_CONN, NULL),
	KEY("modecfgdns", IPC_CONN, NULL), KEY("modecfgdomains", IPC_CONN, NULL),
	KEY("modecfgbanner", IPC_CONN, NULL), KEY("xauthby", IPC_CONN, NULL),
	KEY("xauthfail", IPC_CONN, NULL), KEY("eap_identity", IPC_CONN, NULL),
	KEY("aaa_identity", IPC_CONN, NULL), KEY("reqid", IPC_CONN, NULL),
	KEY("replay_window", IPC_CONN, NULL), KEY("tfc", IPC_CONN, NULL),
	KEY("installpolicy", IPC_CONN, NULL), KEY("hostaddrfamily", IPC_CONN, NULL),
	KEY("clientaddrfamily", IPC_CONN, NULL), KEY("connaddrfamily", IPC_CONN, NULL),
	KEY("retransmit-timeout", IPC_CONN, NULL), KEY("retransmit-interval", IPC_CONN, NULL),
	KEY("metric", IPC_CONN, NULL), KEY("priority", IPC_CONN, NULL),
	KEY("failureshunt", IPC_CONN, NULL), KEY("negotiationshunt", IPC_CONN, NULL),
	KEY("nic-offload", IPC_CONN, NULL), KEY("initial-contact", IPC_CONN, NULL),
	KEY("cisco-unity", IPC_CONN, NULL), KEY("remote_peer_type", IPC_CONN, NULL),
	KEY("remote-peer-type", IPC_CONN, NULL), KEY("nm-configured", IPC_CONN, NULL),
	KEY("encap-dscp", IPC_CONN, NULL), KEY("decap-dscp", IPC_CONN, NULL),
	KEY("nopmtudisc", IPC_CONN, NULL), KEY("accept-redirect", IPC_CONN, NULL),
	KEY("send-redirect", IPC_CONN, NULL), KEY("overlapip", IPC_CONN, NULL),
	KEY("ppk", IPC_CONN, NULL), KEY("labeled-ipsec", IPC_CONN, NULL),
	KEY("policy-label", IPC_CONN, NULL), KEY("sareftrack", IPC_CONN, NULL),
	KEY("me_peerid", IPC_CONN, NULL), KEY("enable-tcp", IPC_CONN, NULL),
	KEY("tcp-remoteport", IPC_CONN, NULL), KEY("ike_frag", IPC_CONN, NULL),
	KEY("ikefrag", IPC_CONN, NULL), KEY("esn", IPC_CONN, NULL),
	KEY("sha256_96", IPC_CONN, NULL), KEY("authby2", IPC_CONN, NULL),
	/* config setup: strongSwan and Libreswan/Openswan */
	KEY("charondebug", IPC_SETUP, NULL), KEY("uniqueids", IPC_SETUP, NULL),
	KEY("strictcrlpolicy", IPC_SETUP, NULL), KEY("cachecrls", IPC_SETUP, NULL),
	KEY("charonstart", IPC_SETUP, NULL), KEY("plutostart", IPC_SETUP, NULL),
	KEY("plutodebug", IPC_SETUP, NULL),
	KEY("protostack", IPC_SETUP, NULL), KEY("nat_traversal", IPC_SETUP, NULL),
	KEY("virtual_private", IPC_SETUP, NULL), KEY("virtual-private", IPC_SETUP, NULL),
	KEY("interfaces", IPC_SETUP, NULL), KEY("oe", IPC_SETUP, NULL),
	KEY("plutostderrlog", IPC_SETUP, NULL), KEY("nhelpers", IPC_SETUP, NULL),
	KEY("keep_alive", IPC_SETUP, NULL), KEY("keep-alive", IPC_SETUP, NULL),
	KEY("force_keepalive", IPC_SETUP, NULL), KEY("dumpdir", IPC_SETUP, NULL),
	KEY("logfile", IPC_SETUP, NULL), KEY("logtime", IPC_SETUP, NULL),
	KEY("logappend", IPC_SETUP, NULL), KEY("logip", IPC_SETUP, NULL),
	KEY("ikev1-policy", IPC_SETUP, NULL), KEY("listen", IPC_SETUP, NULL),
	KEY("myvendorid", IPC_SETUP, NULL), KEY("dnssec-enable", IPC_SETUP, NULL),
	KEY("seedbits", IPC_SETUP, NULL), KEY("crlcheckinterval", IPC_SETUP, NULL),
	KEY("ikeport", IPC_SETUP, NULL), KEY("nat-ikeport", IPC_SETUP, NULL),
	KEY("ddos-mode", IPC_SETUP, NULL), KEY("syslog", IPC_SETUP, NULL),
	KEY("klipsdebug", IPC_SETUP, NULL), KEY("hidetos", IPC_SETUP, NULL),
	KEY("fragicmp", IPC_SETUP, NULL), KEY("overridemtu", IPC_SETUP, NULL),
	KEY("secretsfile", IPC_SETUP, NULL), KEY("ipsecdir", IPC_SETUP, NULL),
	KEY("plutofork", IPC_SETUP, NULL), KEY("curl-timeout", IPC_SETUP, NULL),
	KEY("ocsp-enable", IPC_SETUP, NULL), KEY("crl-strict", IPC_SETUP, NULL),
	KEY("logstderr", IPC_SETUP, NULL), KEY("nflog-all", IPC_SETUP, NULL),
	/* ca sections (strongSwan) */
	KEY("cacert", IPC_CA, NULL), KEY("crluri", IPC_CA, NULL), KEY("crluri1", IPC_CA, NULL),
	KEY("crluri2", IPC_CA, NULL), KEY("ocspuri", IPC_CA, NULL), KEY("ocspuri1", IPC_CA, NULL),
	KEY("ocspuri2", IPC_CA, NULL), KEY("certuribase", IPC_CA, NULL),
};
/* clang-format on */

/* every section kind is worded "a connection section" (audit_words.c) */
static const enum config_arg ipc_scopes[] = { CONFIG_ARG_IN_SECTION, CONFIG_ARG_IN_SECTION,
					      CONFIG_ARG_IN_SECTION };
static const struct cfg_grammar ipc_grammar = { ipc_cmds, COUNT(ipc_cmds), ipc_scopes,
						COUNT(ipc_scopes) };

/* Keys only Libreswan/Openswan have (their ipsec.conf(5); strongSwan's
 * ipsec.conf(5) has none of them): the file is theirs. */
/* clang-format off */
static const char *const libreswan_keys[] = {
	"phase2alg", "phase2", "ikev2", "encapsulation", "vti-interface", "vti-routing", "vti-shared",
	"leftvti", "rightvti", "protostack", "virtual_private", "nat_traversal", "plutostderrlog",
	"salifetime", "retransmit-timeout", "ipsec-interface", "mtu", "nhelpers", "plutodebug",
	"keep_alive", "force_keepalive", "oe", "dumpdir", "sha2-truncbug", "mark-in", "mark-out",
};
/* clang-format on */

/* ---- lines --------------------------------------------------------------- */

/* The line as the grammar reads it: "key = value" (three words, the value
 * as one word without its quotes) or the blank-separated words of any
 * other line; the trailing comment cut off ("white space followed by #",
 * ipsec.conf(5)). */
static void
normalise(const struct cfg_line *in, struct cfg_line *l, int *keyline)
{
	char s[CONFIG_LINE_MAX];
	char *eq, *v, *save = NULL;
	size_t n;

	*l = *in;
	cfg_copy(s, sizeof(s), in->text);
	for (char *h = s; (h = strchr(h, '#')) != NULL; h++)
		if (h == s || h[-1] == ' ' || h[-1] == '\t') {
			*h = '\0';
			break;
		}
	l->ntok = 0;
	*keyline = (eq = strchr(s, '=')) != NULL;
	if (!*keyline) {
		memcpy(l->buf, s, strlen(s) + 1);
		for (char *t = strtok_r(l->buf, " \t\r\v\f", &save); t && l->ntok < CFG_MAX_TOK;
		     t = strtok_r(NULL, " \t\r\v\f", &save))
			l->tok[l->ntok++] = t;
		return;
	}
	*eq = '\0';
	v = eq + 1;
	v += strspn(v, " \t");
	n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		v[--n] = '\0';
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		v++;
	}
	/* key, "=", value, each NUL-ended: together shorter than the line */
	n = strcspn(s, " \t");
	n = n < sizeof(l->buf) - 8 ? n : sizeof(l->buf) - 8;
	memcpy(l->buf, s, n);
	l->buf[n] = '\0';
	memcpy(l->buf + n + 1, "=", 2);
	cfg_copy(l->buf + n + 3, sizeof(l->buf) - n - 3, v);
	l->tok[0] = l->buf;
	l->tok[1] = l->buf + n + 1;
	l->tok[2] = l->buf + n + 3;
	l->ntok = n ? 3 : 0;
}

static void
section(struct cfg_ctx *x, const struct cfg_line *l)
{
	if (!l->ntok)
		return;
	if (strcmp(l->tok[0], "conn") == 0)
		x->block = IPC_CONN;
	else if (strcmp(l->tok[0], "config") == 0)
		x->block = IPC_SETUP;
	else if (strcmp(l->tok[0], "ca") == 0)
		x->block = IPC_CA;
	else
		return;
	x->conn = -1;
	x->in_default = 0;
}

static void
ipc_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *in)
{
	struct cfg_line l;
	int keyline;
	size_t before = c->ninvalid;

	normalise(in, &l, &keyline);
	if (!keyline) {
		section(x, &l);
		if (l.ntok &&
		    !cfg_match(&ipc_grammar, &l, x->block, &(struct config_invalid){ 0 })) {
			int r = cfg_frr_line(c, &l, in->text);
			if (r > 0)
				c->read++;
			else if (r == 0)
				cfg_unread(c, l.no);
			else
				cfg_dispatch(c, x, &ipc_grammar, &l, x->block);
			return;
		}
	} else {
		for (size_t i = 0; l.ntok && i < COUNT(libreswan_keys); i++)
			x->libreswan |= strcmp(l.tok[0], libreswan_keys[i]) == 0;
	}
	if (!l.ntok) {
		cfg_bad(c, &l, CONFIG_BAD_MISSING, 1, CONFIG_ARG_WORD);
		return;
	}
	cfg_dispatch(c, x, &ipc_grammar, &l, x->block);
	/* the invalid-line words count words of the line: quote it as read */
	if (keyline && c->ninvalid > before && c->invalid[c->ninvalid - 1].why != CONFIG_BAD_SCOPE)
		snprintf(c->invalid[c->ninvalid - 1].text, sizeof(c->invalid[0].text),
			 "%.40s = %.70s", l.tok[0], l.tok[2]);
}

int
config_parse_ipsecconf(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "#" };
	struct cfg_line l;
	struct cfg_ctx x;

	memset(&x, 0, sizeof(x));
	x.conn = -1;
	conn_init(&x.dflt);
	while (!c->nomem && cfg_next(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			continue;
		}
		ipc_line(c, &x, &l);
	}
	c->lines = r.no;
	c->dialect = x.libreswan ? CONFIG_DIALECT_LIBRESWAN : CONFIG_DIALECT_STRONGSWAN;
	if (!c->nomem)
		ipc_model(c, &x);
	free(x.conns);
	free(x.also);
	free(x.stack);
	return c->nomem ? -1 : 0;
}
