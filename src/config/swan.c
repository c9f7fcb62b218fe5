/* SPDX-License-Identifier: BSD-2-Clause */
/* strongSwan swanctl.conf (swanctl.conf(5), strongSwan 5.9): nested
 * "name {" ... "}" sections and "key = value" lines, '#' comments. What the
 * audit reads: connections.<conn>.{version, encap, dpd_delay} and
 * connections.<conn>.children.<child>.{esp_proposals, local_ts, remote_ts,
 * start_action, dpd_action}. A Linux router's BGP lives in FRR, not in
 * swanctl.conf; engineers paste both into one ticket, so FRR's
 * "neighbor ADDR remote-as N" lines outside any section are read too. */
#include "config/config_int.h"

#include <stdio.h>
#include <string.h>

#define SWAN_DEPTH 8

struct cfg_ctx {
	char path[SWAN_DEPTH][CONFIG_NAME];
	int depth;                   /* may exceed SWAN_DEPTH: names then not kept */
	int gateway, tunnel;         /* current conn and child, -1 none */
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

static void
open_section(struct config *c, struct cfg_ctx *x, const char *name, const struct cfg_line *l)
{
	if (x->depth < SWAN_DEPTH)
		snprintf(x->path[x->depth], CONFIG_NAME, "%s", name);
	x->depth++;
	if (x->depth == 2 && at(x, 0, "connections")) {
		struct config_gateway *g = cfg_gateway(c, name, l->no);
		x->gateway = g ? (int)(g - c->gateways) : -1;
	} else if (x->depth == 4 && at(x, 0, "connections") && at(x, 2, "children") &&
		   x->gateway >= 0) {
		char id[CONFIG_NAME];
		struct config_tunnel *t;
		snprintf(id, sizeof(id), "%.23s.%.23s", x->path[1], name);
		t = cfg_tunnel(c, id, name, l->no);
		x->tunnel = t ? (int)(t - c->tunnels) : -1;
		if (t)
			t->gateway = x->gateway;
	}
}

static void
close_section(struct cfg_ctx *x)
{
	if (x->depth > 0)
		x->depth--;
	if (x->depth < 4)
		x->tunnel = -1;
	if (x->depth < 2)
		x->gateway = -1;
}

/* "10s", "1m", "0": dpd_delay in seconds (swanctl.conf(5), TIME FORMATS). */
static long
seconds(const char *s)
{
	char num[16];
	size_t n = strspn(s, "0123456789");
	long v, mul = 1;

	if (!n || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (cfg_number(num, 0, 100000000L, &v) < 0)
		return -1;
	switch (s[n]) {
	case '\0': case 's': break;
	case 'm': mul = 60; break;
	case 'h': mul = 3600; break;
	case 'd': mul = 86400; break;
	default: return -1;
	}
	return s[n] && s[n + 1] ? -1 : v * mul;
}

/* The first selector of a comma list, without a [proto/port] part. */
static void
selector(struct config_prefix *p, const char *v, const struct cfg_line *l)
{
	char first[64];
	uint32_t a;
	unsigned plen;

	snprintf(first, sizeof(first), "%s", v);
	first[strcspn(first, ",[ ")] = '\0';
	if (cfg_prefix(first, &a, &plen) == 0)
		cfg_set_prefix(p, a, plen, l);
	else if (strcmp(first, "0.0.0.0/0") != 0) {
		/* dynamic, IPv6 or a range: narrower than 0.0.0.0/0 as far as IPv4 BGP goes */
		cfg_set_prefix(p, 0, CONFIG_PLEN_OTHER, l);
	}
}

static int
conn_key(struct config *c, struct config_gateway *g, const char *k, const char *v,
	 const struct cfg_line *l)
{
	long n;

	(void)c;
	if (strcmp(k, "version") == 0 && cfg_number(v, 0, 2, &n) == 0)
		cfg_set(&g->version, n, l);
	else if (strcmp(k, "encap") == 0)
		cfg_set(&g->natt, strcmp(v, "yes") == 0, l);
	else if (strcmp(k, "dpd_delay") == 0 && (n = seconds(v)) >= 0) {
		cfg_set(&g->keepalive, n > 0 ? CONFIG_ON : CONFIG_OFF, l);
		g->ka_method = CONFIG_KA_DPD;
		g->ka_interval = n;
	} else
		return -1;
	return 0;
}

static int
child_key(struct config_gateway *g, const char *k, const char *v, const struct cfg_line *l)
{
	if (strcmp(k, "esp_proposals") == 0) {
		cfg_set(&g->esp, 0, l);
		snprintf(g->esp_text, sizeof(g->esp_text), "%s", v);
		g->esp_text[strcspn(g->esp_text, ", ")] = '\0';
	} else if (strcmp(k, "local_ts") == 0) {
		selector(&g->local_id, v, l);
	} else if (strcmp(k, "remote_ts") == 0) {
		selector(&g->remote_id, v, l);
	} else if (strcmp(k, "start_action") == 0) {
		/* none (default) only loads; trap and start initiate */
		cfg_set(&g->refresh, strstr(v, "start") || strstr(v, "trap"), l);
	} else if (strcmp(k, "dpd_action") == 0) {
		cfg_set(&g->dpd_action, 0, l);
	} else {
		return -1;
	}
	return 0;
}

static void
frr_line(struct config *c, const struct cfg_line *l, const char *s)
{
	char w[3][48];
	uint32_t a;

	if (sscanf(s, "%47s %47s %47s", w[0], w[1], w[2]) == 3 && strcmp(w[0], "neighbor") == 0 &&
	    strcmp(w[2], "remote-as") == 0 && cfg_addr(w[1], &a) == 0 && c->nbgp < CONFIG_MAX_BGP) {
		c->bgp[c->nbgp].addr = a;
		c->bgp[c->nbgp].line = l->no;
		cfg_copy(c->bgp[c->nbgp++].text, CONFIG_TEXT, l->text);
	} else {
		c->unread++;
	}
}

static void
assignment(struct config *c, struct cfg_ctx *x, char *s, const struct cfg_line *l)
{
	char *eq = strchr(s, '=');
	char *k, *v;
	struct config_gateway *g = x->gateway >= 0 ? &c->gateways[x->gateway] : NULL;

	if (!eq) {
		if (x->depth == 0)
			frr_line(c, l, s);
		else
			c->unread++;
		return;
	}
	*eq = '\0';
	k = trim(s);
	v = trim(eq + 1);
	if (g && x->depth == 2 && conn_key(c, g, k, v, l) == 0)
		return;
	if (g && x->depth == 4 && x->tunnel >= 0 && child_key(g, k, v, l) == 0)
		return;
	c->unread++;
}

static void
swan_line(struct config *c, struct cfg_ctx *x, const struct cfg_line *l)
{
	char buf[CONFIG_LINE_MAX];
	char *s = buf;

	cfg_copy(buf, sizeof(buf), l->text);
	s[strcspn(s, "#")] = '\0';
	while (*(s = trim(s))) {
		size_t n = strcspn(s, "{}");
		char ch = s[n];
		s[n] = '\0';
		if (ch == '{')
			open_section(c, x, trim(s), l);
		else if (*trim(s))
			assignment(c, x, s, l);
		if (ch == '}')
			close_section(x);
		if (!ch)
			break;
		s += n + 1;
	}
}

int
config_parse_swan(const char *buf, size_t len, struct config *c)
{
	struct cfg_reader r = { buf, len, 0, 0 };
	struct cfg_line l;
	struct cfg_ctx x;

	memset(&x, 0, sizeof(x));
	x.gateway = x.tunnel = -1;
	while (cfg_next(&r, &l)) {
		if (l.comment) {
			c->comments += l.text[0] != '\0';
			continue;
		}
		swan_line(c, &x, &l);
	}
	c->lines = r.no;
	return 0;
}
