/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the config parsers only: the line reader, the tokenizer, a
 * command-pattern table matcher and the helpers that record one fact with
 * its line. */
#ifndef MTUPROBE_CONFIG_INT_H
#define MTUPROBE_CONFIG_INT_H

#include "config/config.h"

#define CFG_MAX_TOK 24

struct cfg_line {
	unsigned no;                      /* 1-based line number */
	int indented;                     /* began with a space or a tab */
	int comment;                      /* '#' or '!' line, or blank */
	char text[CONFIG_LINE_MAX];       /* trimmed; NUL bytes shown as '?' */
	char buf[CONFIG_LINE_MAX];        /* tokens point in here */
	char *tok[CFG_MAX_TOK];
	size_t ntok;
};

struct cfg_reader {
	const char *buf;
	size_t len, pos;
	unsigned no;
};

/* The next line into *l (tokenized on blanks); 0 at the end. One pass over
 * the bytes: memchr finds the end, only CONFIG_LINE_MAX bytes are copied. */
int cfg_next(struct cfg_reader *r, struct cfg_line *l);

/* One row of a parser's command table: words separated by single spaces;
 * "*" matches any token, "#" a decimal number. The row matches when the
 * line has at least as many tokens as the pattern and each one matches. */
struct cfg_ctx;
struct cfg_cmd {
	const char *pattern;
	void (*fn)(struct config *c, struct cfg_ctx *x, const struct cfg_line *l);
};
const struct cfg_cmd *cfg_match(const struct cfg_cmd *t, size_t n, const struct cfg_line *l);

int cfg_is(const struct cfg_line *l, size_t i, const char *word);
int cfg_number(const char *s, long min, long max, long *out);
/* "a.b.c.d/len", "a.b.c.d" (/32), "a.b.c.d/m.m.m.m"; "any" = 0.0.0.0/0. */
int cfg_prefix(const char *s, uint32_t *addr, unsigned *plen);
int cfg_addr(const char *s, uint32_t *addr);

/* Copies src into dst, cut to fit: quoted lines are kept short on purpose. */
void cfg_copy(char *dst, size_t len, const char *src);

void cfg_set(struct config_num *n, long v, const struct cfg_line *l);
void cfg_set_prefix(struct config_prefix *p, uint32_t addr, unsigned plen,
		    const struct cfg_line *l);
/* Records a clamp on t: m is enum config_mss, v the number for CONFIG_MSS_NUM. */
void cfg_set_mss(struct config_tunnel *t, int v6, int m, long v, const struct cfg_line *l);

/* MSS clamp value: "auto", "off" or a number; -1 when it is none of them. */
int cfg_mss(const char *s, long *num);

/* Find or add; NULL (and c->dropped counted) when the table is full. */
struct config_iface *cfg_iface(struct config *c, const char *name, unsigned line);
struct config_tunnel *cfg_tunnel(struct config *c, const char *id, const char *name,
				 unsigned line);
struct config_gateway *cfg_gateway(struct config *c, const char *name, unsigned line);

int config_parse_rtx(const char *buf, size_t len, struct config *c);
int config_parse_ix(const char *buf, size_t len, struct config *c);
int config_parse_swan(const char *buf, size_t len, struct config *c);

#endif
