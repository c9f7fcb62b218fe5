/* SPDX-License-Identifier: BSD-2-Clause */
/* strongSwan swanctl.conf (swanctl.conf(5), strongSwan 5.9): nested
 * "name {" ... "}" sections and "key = value" lines, '#' comments. What the
 * audit reads: connections.<conn>.{version, encap, remote_addrs, local_addrs,
 * dpd_delay}, connections.<conn>.local*.id and remote*.id, and
 * connections.<conn>.children.<child>.{esp_proposals, local_ts, remote_ts,
 * mode, start_action, dpd_action, close_action}. Every other key is a
 * setting the audit does not need; a line that is neither a section, a
 * key = value nor a closing brace is invalid. A Linux router's BGP lives
 * in FRR, not in swanctl.conf; engineers paste both into one ticket, so
 * FRR's "neighbor ADDR remote-as N" lines outside any section are read too.
 * Template placeholders (${name}, {{name}}) are names, not braces. */
#include "config/config_int.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

#define SWAN_DEPTH 8

struct cfg_ctx {
	char path[SWAN_DEPTH][CONFIG_NAME];
	int depth;           /* may exceed SWAN_DEPTH: names then not kept */
	int gateway, tunnel; /* current conn and child, -1 none */
	int read;            /* the line set something the audit reads */
	int bad;             /* the line was found invalid */
	/* secrets.ike<suffix> { id = ...; secret = ... } being read: the key
	 * only as a keyed digest (config/secret.h) */
	char sec_id[CONFIG_NAME];
	struct config_secret sec;
};

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int
at(const struct cfg_ctx *x, int d, const char *name)
{
	return x->depth > d && d < SWAN_DEPTH && strcmp(x->path[d], name) == 0;
}

/* Top-level sections of swanctl.conf(5). */
static const char *const top_sections[] = { "connections", "secrets", "pools", "authorities",
					    "include" };

/* "name : other.section" (strongswan.conf(5), section inheritance, which
 * swanctl.conf takes): the name alone, and in base what it inherits from
 * ("" none). */
static void
split_base(const char *text, char *name, size_t nlen, char *base, size_t blen)
{
	const char *colon = strchr(text, ':');
	size_t n = colon ? (size_t)(colon - text) : strlen(text);

	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	snprintf(name, nlen, "%.*s", (int)(n < nlen ? n : nlen - 1), text);
	base[0] = '\0';
	if (colon) {
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		snprintf(base, blen, "%s", colon);
	}
}

/* A child that inherits another of the same connection
 * (connections.<conn>.children.<child>) starts with its transform; a
 * base elsewhere is not followed. */
static void
inherit_child(struct config *c, const struct cfg_ctx *x, struct config_tunnel *t, const char *base)
{
	char want[3 * CONFIG_NAME];
	const char *child;

	snprintf(want, sizeof(want), "connections.%s.children.", x->path[1]);
	if (strncmp(base, want, strlen(want)) != 0)
		return;
	child = base + strlen(want);
	for (size_t i = 0; i < c->ntunnels; i++) {
		const struct config_tunnel *b = &c->tunnels[i];
		if (b == t || b->gateway != x->gateway || strcmp(b->name, child) != 0)
			continue;
		t->esp = b->esp;
		t->esp_here = b->esp_here;
		snprintf(t->esp_text, sizeof(t->esp_text), "%s", b->esp_text);
		return;
	}
}

static void
open_section(struct config *c, struct cfg_ctx *x, const char *text, const struct cfg_line *l)
{
	char name[CONFIG_TEXT], base[CONFIG_TEXT];
	int known = x->depth > 0;

	split_base(text, name, sizeof(name), base, sizeof(base));

	for (size_t i = 0; !known && i < COUNT(top_sections); i++)
		known = strcmp(name, top_sections[i]) == 0;
	if (!known) {
		cfg_bad(c, l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
		x->bad = 1;
	}
	if (x->depth < SWAN_DEPTH)
		cfg_copy(x->path[x->depth], CONFIG_NAME, name);
	x->depth++;
	x->read = known; /* structure the parser follows */
	if (x->depth == 2 && at(x, 0, "connections")) {
		struct config_gateway *g;
		if (strcmp(name, "children") == 0) {
			/* children directly under connections: no connection owns them */
			cfg_bad(c, l, CONFIG_BAD_SCOPE, 1, CONFIG_ARG_IN_SECTION);
			x->bad = 1;
			return;
		}
		g = cfg_gateway(c, name, l->no);
		x->gateway = g ? (int)(g - c->gateways) : -1;
		x->read = 1;
	} else if (x->depth == 4 && at(x, 0, "connections") && at(x, 2, "children") &&
		   x->gateway >= 0) {
		char id[CONFIG_TEXT + 12]; /* "%d." and the name: cfg_tunnel says when it is cut */
		struct config_tunnel *t;
		/* the connection's index, not its name: two long connection
		 * names that begin alike (vpn-0123456789abcdef0-tunnel-1, -2)
		 * cut to half the buffer each made one tunnel of two */
		snprintf(id, sizeof(id), "%d.%s", x->gateway, name);
		t = cfg_tunnel(c, id, name, l->no);
		x->tunnel = t ? (int)(t - c->tunnels) : -1;
		if (t)
			t->gateway = x->gateway;
		if (t && base[0])
			inherit_child(c, x, t, base);
		x->read = 1;
	}
}

/* The end of secrets.ike<suffix>: its key goes to the connections whose
 * remote address is its id, or to every connection without a key when it
 * names no id (swanctl.conf(5): a secret without ids matches any). */
static void
bind_secret(struct config *c, struct cfg_ctx *x)
{
	uint32_t id = 0;
	int any = !x->sec_id[0];

	if (!x->sec.set && !x->sec.tmpl)
		return;
	if (!any && cfg_addr(x->sec_id, &id) < 0)
		return; /* an FQDN or other id: not matched to a connection */
	for (size_t g = 0; g < c->ngateways; g++) {
		struct config_gateway *gw = &c->gateways[g];
		if (any ? !gw->psk.set && !gw->psk.tmpl
			: gw->remote_addr.line && gw->remote_addr.plen == 32 &&
				    gw->remote_addr.addr == id)
			gw->psk = x->sec;
	}
}

static int
in_ike_secret(const struct cfg_ctx *x)
{
	return x->depth == 2 && at(x, 0, "secrets") && strncmp(x->path[1], "ike", 3) == 0;
}

static void
close_section(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	if (in_ike_secret(x)) {
		bind_secret(c, x);
		memset(&x->sec, 0, sizeof(x->sec));
		x->sec_id[0] = '\0';
	}
	if (x->depth == 0) {
		cfg_bad(c, l, CONFIG_BAD_COMMAND, 1,
			CONFIG_ARG_NONE); /* a '}' that closes nothing */
		x->bad = 1;
		return;
	}
	x->depth--;
	x->read = 1;
	if (x->depth < 4)
		x->tunnel = -1;
	if (x->depth < 2)
		x->gateway = -1;
}

/* start_action none|trap|start (and "trap|start"), dpd_action
 * clear|trap|restart, close_action none|clear|trap|restart (swanctl.conf(5)). */
static int
action(const char *v, long *out)
{
	static const struct {
		const char *word;
		enum config_action a;
	} words[] = {
		{ "none", CONFIG_ACT_NONE },        { "clear", CONFIG_ACT_CLEAR },
		{ "trap", CONFIG_ACT_TRAP },        { "restart", CONFIG_ACT_RESTART },
		{ "start", CONFIG_ACT_START },      { "hold", CONFIG_ACT_HOLD },
		{ "trap|start", CONFIG_ACT_START }, { "start|trap", CONFIG_ACT_START },
	};
	for (size_t i = 0; i < COUNT(words); i++)
		if (strcmp(v, words[i].word) == 0) {
			*out = words[i].a;
			return 0;
		}
	return -1;
}

/* remote_addrs: a comma list of addresses, names, ranges or %any
 * (swanctl.conf(5)); the first one, when it is an IPv4 address, is where
 * IKE goes, which the audit pairs with the peer's outside address. */
static void
first_addr(struct config_prefix *p, const char *v, const struct cfg_line *l)
{
	char first[64];

	snprintf(first, sizeof(first), "%s", v);
	first[strcspn(first, ", ")] = '\0';
	cfg_outer_addr(p, first, l);
}

static int
conn_key(struct config_gateway *g, const char *k, const char *v, const struct cfg_line *l)
{
	long n;

	if (strcmp(k, "version") == 0 && cfg_number(v, 0, 2, &n) == 0)
		cfg_set(&g->version, n, l);
	else if (strcmp(k, "encap") == 0)
		cfg_set(&g->natt, strcmp(v, "yes") == 0, l);
	else if (strcmp(k, "remote_addrs") == 0)
		first_addr(&g->remote_addr, v, l);
	else if (strcmp(k, "local_addrs") == 0) /* this end's own, the same list */
		first_addr(&g->local_addr, v, l);
	else if (strcmp(k, "dpd_delay") == 0 && (n = cfg_seconds(v)) >= 0) {
		cfg_set(&g->keepalive, n > 0 ? CONFIG_ON : CONFIG_OFF, l);
		g->ka_method = CONFIG_KA_DPD;
		g->ka_interval = n;
	} else if (strcmp(k, "dpd_timeout") == 0 && (n = cfg_seconds(v)) >= 0)
		/* swanctl.conf(5): IKEv1 only, how long without a reply is dead */
		cfg_set(&g->dpd_timeout, n, l);
	else
		return -1;
	return 0;
}

/* A child's start/dpd/close action a is the connection's when none is
 * set yet or it brings the SA up more surely than the one set: the IKE SA
 * is initiated, and brought back, when any of its children asks for it
 * (swanctl.conf(5) start_action, dpd_action: per child), so the
 * connection's is its children's strongest, never the last one read. */
static int
stronger(const struct config_num *set, long a)
{
	static const int rank[] = {
		[CONFIG_ACT_NONE] = 0,  [CONFIG_ACT_CLEAR] = 0, [CONFIG_ACT_HOLD] = 1,
		[CONFIG_ACT_OTHER] = 1, [CONFIG_ACT_TRAP] = 2,  [CONFIG_ACT_RESTART] = 3,
		[CONFIG_ACT_START] = 3,
	};

	int ra = a >= 0 && (size_t)a < COUNT(rank) ? rank[a] : 0;

	if (!set->line)
		return 1;
	if (set->tmpl) /* a placeholder might be anything: only a sure start wins */
		return ra >= 2;
	return set->v >= 0 && (size_t)set->v < COUNT(rank) && ra > rank[set->v];
}

static int
child_key(struct config *c, struct config_tunnel *t, struct config_gateway *g, const char *k,
	  const char *v, const struct cfg_line *l)
{
	long a;

	(void)c;
	if (strcmp(k, "esp_proposals") == 0) {
		/* a CHILD_SA's own (swanctl.conf(5) connections.<conn>.children.
		 * <child>.esp_proposals): every proposal of the list, ','
		 * between them, as the model reads a list */
		(void)g;
		cfg_set(&t->esp, 0, l);
		t->esp_here = 1;
		t->esp.cut = cfg_esp_list(t->esp_text, sizeof(t->esp_text), v);
	} else if (strcmp(k, "local_ts") == 0 || strcmp(k, "remote_ts") == 0) {
		/* each child's own pair (config.h sel_local/sel_remote: BGP is
		 * carried when any child's pair holds it); the connection's
		 * is its first child's, never the last one read */
		int local = k[0] == 'l';
		struct config_prefix *own = local ? &t->sel_local : &t->sel_remote;
		struct config_prefix *conn = local ? &g->local_id : &g->remote_id;
		/* the connection's came from this child (a key written again):
		 * it follows; one line compared, not a walk over every tunnel
		 * per child (a hub of thousands of connections) */
		int mine = conn->line && conn->line == own->line;
		cfg_selector(own, v, l);
		if (!conn->line || mine)
			*conn = *own;
	} else if (strcmp(k, "mode") == 0) {
		t->kind = strcmp(v, "tunnel") == 0 ? CONFIG_TK_IPSEC : CONFIG_TK_TRANSPORT;
		cfg_set(&t->encap, (long)t->kind, l);
	} else if (strcmp(k, "start_action") == 0 && action(v, &a) == 0) {
		cfg_set(&t->child_start, a, l);
		if (!stronger(&g->start_action, a))
			return 0;
		cfg_set(&g->start_action, a, l);
		/* none (default) only loads; trap and start initiate */
		cfg_set(&g->refresh, a == CONFIG_ACT_START || a == CONFIG_ACT_TRAP, l);
	} else if (strcmp(k, "dpd_action") == 0 && action(v, &a) == 0) {
		cfg_set(&t->child_dpd, a, l);
		if (stronger(&g->dpd_action, a))
			cfg_set(&g->dpd_action, a, l);
	} else if (strcmp(k, "close_action") == 0 && action(v, &a) == 0) {
		if (stronger(&g->close_action, a))
			cfg_set(&g->close_action, a, l);
	} else {
		return -1;
	}
	return 0;
}

static void
frr_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, const char *s)
{
	int r = cfg_frr_line(c, l, s);

	if (r > 0)
		x->read = 1;
	else if (r < 0) {
		cfg_bad(c, l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
		x->bad = 1;
	}
}

/* A key the audit reads whose value is a placeholder: configured, value
 * unknown, so the checks that need it say "not checked". */
static void
template_key(struct config_gateway *g, struct config_tunnel *t, int depth, const char *k,
	     const struct cfg_line *l)
{
	static const char *const conn_keys[] = { "version", "encap", "dpd_delay", "dpd_timeout" };
	static const char *const child_keys[] = { "esp_proposals", "start_action", "dpd_action",
						  "close_action",  "local_ts",     "remote_ts" };
	struct config_num *cn[] = { g ? &g->version : NULL, g ? &g->natt : NULL,
				    g ? &g->keepalive : NULL, g ? &g->dpd_timeout : NULL };
	struct config_num *ch[] = { t ? &t->esp : NULL, g ? &g->start_action : NULL,
				    g ? &g->dpd_action : NULL, g ? &g->close_action : NULL };

	for (size_t i = 0; depth == 2 && i < COUNT(conn_keys); i++)
		if (strcmp(k, conn_keys[i]) == 0 && cn[i])
			cfg_set_tmpl(cn[i], l);
	for (size_t i = 0; depth == 4 && t && i < COUNT(child_keys); i++) {
		if (strcmp(k, child_keys[i]) != 0)
			continue;
		if (i < 4 && ch[i]) {
			/* a sibling's sure start or restart stays (stronger) */
			if (i > 0 && ch[i]->line && !ch[i]->tmpl &&
			    !stronger(ch[i], CONFIG_ACT_START))
				continue;
			cfg_set_tmpl(ch[i], l);
			if (i == 1)
				cfg_set_tmpl(&g->refresh, l);
		} else if (g) {
			struct config_prefix *p = i == 4 ? &g->local_id : &g->remote_id;
			cfg_set_prefix(p, 0, 0, l);
			p->tmpl = 1;
		}
	}
}

static void
secret_key(struct cfg_ctx *x, const char *k, const char *v, const struct cfg_line *l)
{
	if (strncmp(k, "id", 2) == 0) {
		cfg_copy(x->sec_id, sizeof(x->sec_id), v);
		return;
	}
	memset(&x->sec, 0, sizeof(x->sec));
	x->sec.line = l->no;
	if (config_is_placeholder(v) || config_secret_text(v, &x->sec) < 0)
		x->sec.tmpl = 1; /* a placeholder or 0s base64: not compared */
}

/* connections.<conn>.local*.id / remote*.id (swanctl.conf(5)): the IKE
 * identity, strongSwan's '@' (an FQDN taken literally) dropped. 1 when
 * the section is one of those. */
static int
auth_id(struct config_gateway *g, const char *section, const char *v)
{
	int local = strncmp(section, "local", 5) == 0;

	if (!local && strncmp(section, "remote", 6) != 0)
		return 0;
	cfg_copy(local ? g->local_ike_id : g->remote_ike_id, CONFIG_NAME, v[0] == '@' ? v + 1 : v);
	return 1;
}

static void
assignment(struct config *c, struct cfg_ctx *x, char *s, const struct cfg_line *l)
{
	char *eq = strchr(s, '=');
	char *k, *v;
	struct config_gateway *g = x->gateway >= 0 ? &c->gateways[x->gateway] : NULL;
	struct config_tunnel *t = x->tunnel >= 0 ? &c->tunnels[x->tunnel] : NULL;

	if (!eq) {
		if (x->depth == 0)
			frr_line(c, x, l, s);
		else {
			cfg_bad(c, l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
			x->bad = 1;
		}
		return;
	}
	*eq = '\0';
	k = trim(s);
	v = trim(eq + 1);
	if (!*k) {
		cfg_bad(c, l, CONFIG_BAD_MISSING, 1, CONFIG_ARG_WORD);
		x->bad = 1;
		return;
	}
	if (in_ike_secret(x) && (strcmp(k, "secret") == 0 || strncmp(k, "id", 2) == 0)) {
		secret_key(x, k, v, l);
		x->read = 1;
		return;
	}
	if (config_is_placeholder(v)) {
		template_key(g, t, x->depth, k, l);
		x->read = 1;
		return;
	}
	if (g && x->depth == 3 && strcmp(k, "id") == 0 && auth_id(g, x->path[2], v)) {
		x->read = 1;
		return;
	}
	if ((g && x->depth == 2 && conn_key(g, k, v, l) == 0) ||
	    (g && t && x->depth == 4 && child_key(c, t, g, k, v, l) == 0))
		x->read = 1;
}

/* The next '{' or '}' that is structure, not part of ${x} or {{x}}. */
static size_t
brace(const char *s)
{
	size_t i = 0;

	while (s[i]) {
		if (s[i] == '$' && s[i + 1] == '{') {
			const char *e = strchr(s + i, '}');
			i = e ? (size_t)(e - s) + 1 : strlen(s);
		} else if (s[i] == '{' && s[i + 1] == '{') {
			const char *e = strstr(s + i, "}}");
			i = e ? (size_t)(e - s) + 2 : strlen(s);
		} else if (s[i] == '{' || s[i] == '}') {
			return i;
		} else {
			i++;
		}
	}
	return i;
}

/* secret = K (secrets section, also inline after "secrets {"): the text
 * that findings quote loses the key from the first one on. */
static void
mask_secret(struct cfg_line *l)
{
	for (char *v = strstr(l->text, "secret"); v; v = strstr(v + 6, "secret")) {
		size_t gap = strspn(v + 6, " \t");
		if (v[6 + gap] == '=') {
			cfg_mask_tail(l->text, sizeof(l->text), (size_t)(v + 7 + gap - l->text));
			return;
		}
	}
}

/* include PATTERN, at any level (strongswan.conf(5), INCLUDING FILES,
 * whose syntax swanctl.conf(5) uses; Debian's swanctl.conf ends with an
 * include of conf.d): the audit has only the text it was given, so the
 * files are not read, and the output says so. */
static int
include_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *l, const char *s)
{
	if (strncmp(s, "include", 7) != 0 || (s[7] != ' ' && s[7] != '\t'))
		return 0;
	if (!c->include.line)
		cfg_set(&c->include, 0, l);
	c->include.v++;
	x->read = 1;
	return 1;
}

static void
swan_line(struct config *c, struct cfg_ctx *x, struct cfg_line *l)
{
	char buf[CONFIG_LINE_MAX];
	char *s = buf;

	cfg_copy(buf, sizeof(buf), l->text);
	s[strcspn(s, "#")] = '\0';
	mask_secret(l);
	if (include_line(c, x, l, trim(s)))
		return;
	while (*(s = trim(s))) {
		size_t n = brace(s);
		char ch = s[n];
		s[n] = '\0';
		if (ch == '{')
			open_section(c, x, trim(s), l);
		else if (*trim(s))
			assignment(c, x, s, l);
		if (ch == '}')
			close_section(c, x, l);
		if (!ch)
			break;
		s += n + 1;
	}
}

static void
note_placeholders(struct config *c, const struct cfg_line *l)
{
	for (size_t i = 0; i < l->ntok; i++) {
		char tok[CONFIG_NAME];
		struct config_placeholder *p;
		cfg_copy(tok, sizeof(tok), l->tok[i]);
		tok[strcspn(tok, ",")] = '\0';
		if (!config_has_placeholder(tok) || !(p = CFG_PUSH(c, placeholders)))
			continue;
		p->line = l->no;
		cfg_copy(p->token, sizeof(p->token), tok);
	}
}

/* The vendor-neutral DPD view (config.h config_live, config_tunnel.hold),
 * swanctl.conf(5): dpd_delay (default 0s: none sent) is the check
 * interval; an IKEv1 connection is dead after dpd_timeout without a reply,
 * which a check every dpd_delay finds: at least the larger of the two.
 * IKEv2 ignores dpd_timeout (retransmissions decide): dpd_delay, a lower
 * bound. A child's hold is its connection's. */
static void
swan_hold(const struct config_gateway *g, struct config_hold *h)
{
	const struct config_num *k = &g->keepalive;
	int v1 = g->version.line && g->version.v == 1;

	if (k->tmpl || (v1 && g->dpd_timeout.tmpl))
		h->v = CONFIG_HOLD_UNKNOWN;
	else if (!k->line || k->v == CONFIG_OFF)
		h->v = CONFIG_HOLD_NONE;
	else if (v1 && g->dpd_timeout.line && g->dpd_timeout.v > g->ka_interval) {
		h->v = g->dpd_timeout.v;
		h->src = g->dpd_timeout;
	} else {
		h->v = g->ka_interval;
		h->src = *k;
	}
}

/* Who starts the child's IKE (config.h config_start): start_action start
 * initiates when the file loads, trap when traffic needs the SA; none
 * (the default) waits (swanctl.conf(5) start_action). After the peer
 * clears the SA only dpd_action restart (or trap) brings it back; clear,
 * the default, and none leave it down (swanctl.conf(5) dpd_action):
 * after_stays, which no-reinitiation reads, and after_never, the pair
 * audit's. */
static void
swan_start(const struct config *c, const struct config_gateway *g, struct config_start *s)
{
	const struct config_num *r = &g->refresh, *d = &g->dpd_action;

	(void)c;
	s->src = *r;
	s->why = CONFIG_SWHY_SWAN;
	s->after_stays = !(d->line && (d->v == CONFIG_ACT_RESTART || d->v == CONFIG_ACT_TRAP));
	s->after_never = s->after_stays;
	s->after_src = *d;
	if (r->tmpl)
		s->state = CONFIG_START_UNKNOWN;
	else if (!r->line || r->v == 0)
		s->state = CONFIG_START_NEVER;
	else
		s->state = g->start_action.v == CONFIG_ACT_TRAP ? CONFIG_START_ON_TRAFFIC
								: CONFIG_START_ALWAYS;
}

/* Each child's start by its own start_action and dpd_action where it
 * writes them, else the connection's (inherited from the defaults the
 * connection's other keys give). */
static void
swan_starts(struct config *c)
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		struct config_gateway g;
		if (t->gateway < 0 || (size_t)t->gateway >= c->ngateways)
			continue;
		g = c->gateways[t->gateway];
		if (t->child_start.line) {
			g.start_action = t->child_start;
			g.refresh = t->child_start;
			g.refresh.v = t->child_start.v == CONFIG_ACT_START ||
				      t->child_start.v == CONFIG_ACT_TRAP;
		}
		if (t->child_dpd.line)
			g.dpd_action = t->child_dpd;
		t->start.set = 1;
		swan_start(c, &g, &t->start);
	}
}

static void
swan_live(struct config *c)
{
	for (size_t i = 0; i < c->ngateways; i++) {
		struct config_gateway *g = &c->gateways[i];
		const struct config_num *k = &g->keepalive;
		if (cfg_live_start(g))
			continue;
		if (k->line && k->v != CONFIG_OFF)
			g->live.state = CONFIG_LIVE_ON;
		else
			g->live.why = k->line ? CONFIG_WHY_SWAN_ZERO : CONFIG_WHY_SWAN_UNSET;
	}
	cfg_holds(c, swan_hold);
}

int
config_parse_swan(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0, "#" };
	struct cfg_line l;
	struct cfg_ctx x;

	memset(&x, 0, sizeof(x));
	x.gateway = x.tunnel = -1;
	while (!c->nomem && cfg_next(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			continue;
		}
		note_placeholders(c, &l);
		x.read = x.bad = 0;
		swan_line(c, &x, &l);
		if (x.read)
			c->read++;
		else if (!x.bad)
			cfg_unread(c, l.no);
	}
	c->lines = r.no;
	swan_live(c);
	swan_starts(c);
	return c->nomem ? -1 : 0;
}
