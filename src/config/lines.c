/* SPDX-License-Identifier: BSD-2-Clause */
/* The line reader and the small helpers every parser shares. */
#include "config/config_int.h"

#include <stdio.h>
#include <string.h>

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Copies at most CONFIG_LINE_MAX - 1 bytes of the line; the rest of a long
 * line is skipped by memchr, never looked at twice. */
static void
copy_line(struct cfg_line *l, const char *s, size_t n)
{
	size_t a = 0, b, k = 0;

	while (a < n && blank(s[a]))
		a++;
	l->indented = a > 0;
	b = n;
	while (b > a && blank(s[b - 1]))
		b--;
	for (size_t i = a; i < b && k + 1 < sizeof(l->text); i++)
		l->text[k++] = s[i] ? s[i] : '?';
	l->text[k] = '\0';
}

static void
tokenize(struct cfg_line *l)
{
	char *save = NULL;

	memcpy(l->buf, l->text, strlen(l->text) + 1);
	l->ntok = 0;
	for (char *t = strtok_r(l->buf, " \t\r\v\f", &save); t && l->ntok < CFG_MAX_TOK;
	     t = strtok_r(NULL, " \t\r\v\f", &save))
		l->tok[l->ntok++] = t;
}

int
cfg_next(struct cfg_reader *r, struct cfg_line *l)
{
	const char *s, *nl;
	size_t n;

	if (r->pos >= r->len)
		return 0;
	s = r->buf + r->pos;
	nl = memchr(s, '\n', r->len - r->pos);
	n = nl ? (size_t)(nl - s) : r->len - r->pos;
	r->pos += n + (nl ? 1 : 0);
	l->no = ++r->no;
	copy_line(l, s, n);
	/* '#' (RTX, swanctl) and '!' (IX) begin comment lines; a blank line
	 * says nothing either. */
	l->comment = !l->text[0] || l->text[0] == '#' || l->text[0] == '!';
	if (l->comment)
		l->ntok = 0;
	else
		tokenize(l);
	return 1;
}

int
cfg_is(const struct cfg_line *l, size_t i, const char *word)
{
	return i < l->ntok && strcmp(l->tok[i], word) == 0;
}

static int
word_matches(const char *pat, size_t plen, const char *tok)
{
	if (plen == 1 && pat[0] == '*')
		return 1;
	if (plen == 1 && pat[0] == '#') {
		long v;
		return cfg_number(tok, 0, 2147483647L, &v) == 0;
	}
	return strlen(tok) == plen && strncmp(pat, tok, plen) == 0;
}

const struct cfg_cmd *
cfg_match(const struct cfg_cmd *t, size_t n, const struct cfg_line *l)
{
	for (size_t r = 0; r < n; r++) {
		const char *p = t[r].pattern;
		size_t i = 0;
		int ok = 1;
		while (ok && *p) {
			size_t w = strcspn(p, " ");
			ok = i < l->ntok && word_matches(p, w, l->tok[i]);
			i++;
			p += w;
			p += *p == ' ';
		}
		if (ok)
			return &t[r];
	}
	return NULL;
}

int
cfg_number(const char *s, long min, long max, long *out)
{
	long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000L)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
cfg_addr(const char *s, uint32_t *addr)
{
	uint32_t a = 0;
	int parts = 0;

	while (parts < 4) {
		long v = 0;
		int digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (*s++ - '0');
			digits++;
		}
		if (!digits || v > 255)
			return -1;
		a = a << 8 | (uint32_t)v;
		if (++parts < 4 && *s++ != '.')
			return -1;
	}
	if (*s)
		return -1;
	*addr = a;
	return 0;
}

/* A dotted mask counts its leading ones; a mask with holes is refused. */
static int
mask_len(const char *s, unsigned *plen)
{
	uint32_t m;
	unsigned n = 0;
	long v;

	if (cfg_number(s, 0, 32, &v) == 0) {
		*plen = (unsigned)v;
		return 0;
	}
	if (cfg_addr(s, &m) < 0)
		return -1;
	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	if (n < 32 && (m << n) != 0)
		return -1;
	*plen = n;
	return 0;
}

int
cfg_prefix(const char *s, uint32_t *addr, unsigned *plen)
{
	char a[32];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);

	if (strcmp(s, "any") == 0) {
		*addr = 0;
		*plen = 0;
		return 0;
	}
	if (n >= sizeof(a))
		return -1;
	memcpy(a, s, n);
	a[n] = '\0';
	if (cfg_addr(a, addr) < 0)
		return -1;
	if (!slash) {
		*plen = 32;
		return 0;
	}
	return mask_len(slash + 1, plen);
}

void
cfg_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
cfg_set(struct config_num *n, long v, const struct cfg_line *l)
{
	n->v = v;
	n->line = l->no;
	cfg_copy(n->text, sizeof(n->text), l->text);
}

void
cfg_set_prefix(struct config_prefix *p, uint32_t addr, unsigned plen, const struct cfg_line *l)
{
	p->addr = addr;
	p->plen = plen;
	p->line = l->no;
	cfg_copy(p->text, sizeof(p->text), l->text);
}

void
cfg_set_mss(struct config_tunnel *t, int v6, int m, long v, const struct cfg_line *l)
{
	cfg_set(v6 ? &t->mss6 : &t->mss, m, l);
	*(v6 ? &t->mss6_value : &t->mss_value) = v;
}

int
cfg_mss(const char *s, long *num)
{
	if (strcmp(s, "auto") == 0)
		return CONFIG_MSS_AUTO;
	if (strcmp(s, "off") == 0)
		return CONFIG_MSS_OFF;
	if (cfg_number(s, 1, 65535, num) == 0)
		return CONFIG_MSS_NUM;
	return -1;
}

struct config_iface *
cfg_iface(struct config *c, const char *name, unsigned line)
{
	for (size_t i = 0; i < c->nifaces; i++)
		if (strcmp(c->ifaces[i].name, name) == 0)
			return &c->ifaces[i];
	if (c->nifaces >= CONFIG_MAX_IFACES) {
		c->dropped++;
		return NULL;
	}
	struct config_iface *f = &c->ifaces[c->nifaces++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->line = line;
	return f;
}

int
config_tunnel_find(const struct config *c, const char *id)
{
	for (size_t i = 0; i < c->ntunnels; i++)
		if (strcmp(c->tunnels[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
config_gateway_find(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->ngateways; i++)
		if (strcmp(c->gateways[i].name, name) == 0)
			return (int)i;
	return -1;
}

struct config_tunnel *
cfg_tunnel(struct config *c, const char *id, const char *name, unsigned line)
{
	int i = config_tunnel_find(c, id);
	struct config_tunnel *t;

	if (i >= 0)
		return &c->tunnels[i];
	if (c->ntunnels >= CONFIG_MAX_TUNNELS) {
		c->dropped++;
		return NULL;
	}
	t = &c->tunnels[c->ntunnels++];
	snprintf(t->id, sizeof(t->id), "%s", id);
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->line = line;
	t->gateway = -1;
	return t;
}

struct config_gateway *
cfg_gateway(struct config *c, const char *name, unsigned line)
{
	int i = config_gateway_find(c, name);
	struct config_gateway *g;

	if (i >= 0)
		return &c->gateways[i];
	if (c->ngateways >= CONFIG_MAX_GATEWAYS) {
		c->dropped++;
		return NULL;
	}
	g = &c->gateways[c->ngateways++];
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->line = line;
	return g;
}
