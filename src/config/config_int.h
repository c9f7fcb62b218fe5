/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the config parsers only: the line reader, the tokenizer, the
 * grammar-table matcher, line accounting and the helpers that record one
 * fact with its line. */
#ifndef MTUPROBE_CONFIG_INT_H
#define MTUPROBE_CONFIG_INT_H

#include "config/config.h"

/* Every word of a line: a word takes a byte and the blank after it, so the
 * CONFIG_LINE_MAX bytes read of a line hold at most half as many. (24 let a
 * longer line lose its last words without a word said, issue 20.) */
#define CFG_MAX_TOK (CONFIG_LINE_MAX / 2)

struct cfg_line {
	unsigned no;                /* 1-based line number */
	int indented;               /* began with a space or a tab (never decides a block) */
	int comment;                /* a comment in this vendor's syntax, or blank */
	char text[CONFIG_LINE_MAX]; /* trimmed; NUL bytes shown as '?' */
	char buf[CONFIG_LINE_MAX];  /* tokens point in here */
	char *tok[CFG_MAX_TOK];
	size_t ntok;
	/* a line whose key text hides (lines.c key_lines): the 1-based word
	 * that is the key itself, 0 none. The words after it are no secret
	 * (crypto isakmp key K address A): a finding may quote them. */
	size_t key_word;
};

struct cfg_reader {
	const char *buf;
	size_t len, pos;
	unsigned no;
	const char *comment_chars; /* a line whose first character is one of these is a comment */
};

/* The next line into *l (tokenized on blanks); 0 at the end. One pass over
 * the bytes: memchr finds the end, only CONFIG_LINE_MAX bytes are copied. */
int cfg_next(struct cfg_reader *r, struct cfg_line *l);
/* cfg_next() for a grammar where a comment can end a command line: a
 * word that begins with '#' outside quotes starts it, and it is cut off
 * the text and the words (RTX: command reference 1.5 writes a '#' inside
 * a parameter as \#, '#' or "#"; doc/config-grammar.md). */
int cfg_next_cut(struct cfg_reader *r, struct cfg_line *l);

/* One command of a vendor's grammar. pattern: words separated by single
 * spaces; a literal word matches itself, "#" a decimal number, "@" an IPv4
 * address, "/" an IPv4 prefix (or "any"), "*" any token; a template
 * placeholder matches any of "#", "@", "/", "*". The line may carry more
 * words than the pattern (options the audit does not read). scope: the
 * parser's block kinds (bit mask) where the command is valid; 0 anywhere.
 * fn: what the command sets, returning 0, or -1 after cfg_bad(); NULL for a
 * known command the audit does not need. */
struct cfg_ctx;
struct cfg_cmd {
	const char *pattern;
	unsigned scope;
	int (*fn)(struct config *c, struct cfg_ctx *x, const struct cfg_line *l);
};

/* A vendor's grammar: its rows and the words for its scope bits. */
struct cfg_grammar {
	const struct cfg_cmd *cmds;
	size_t ncmds;
	const enum config_arg *scope_arg; /* [bit] -> CONFIG_ARG_IN_... */
	size_t nscopes;
};

/* The row for l in block kind `block` (a single bit, 0 = top level): the
 * rows whose leading literal words match the most words of l are tried;
 * the first whose typed words all fit wins. NULL with *bad filled when no
 * row begins this way or none of those fits. */
const struct cfg_cmd *cfg_match(const struct cfg_grammar *g, const struct cfg_line *l,
				unsigned block, struct config_invalid *bad);

/* Reads one command line: placeholders recorded, the matching row run, the
 * line counted as read, unread (a known command the audit does not need) or
 * invalid. Returns the row, NULL when invalid. */
const struct cfg_cmd *cfg_dispatch(struct config *c, struct cfg_ctx *x, const struct cfg_grammar *g,
				   const struct cfg_line *l, unsigned block);

/* Records line l as invalid: word arg (1-based; 0 the line) was not what
 * was expected. Returns -1 for handlers to pass on. */
int cfg_bad(struct config *c, const struct cfg_line *l, enum config_bad why, unsigned arg,
	    enum config_arg expect);
int cfg_bad_range(struct config *c, const struct cfg_line *l, unsigned arg, long lo, long hi);
/* A known command the audit does not read (kept as line spans). */
void cfg_unread(struct config *c, unsigned line);
/* A reference that names nothing. */
void cfg_ref(struct config *c, unsigned line, const char *text, enum config_ref_kind kind,
	     const char *name, int tunnel);

int cfg_is(const struct cfg_line *l, size_t i, const char *word);
int cfg_tmpl(const struct cfg_line *l, size_t i); /* word i is a placeholder */
int cfg_number(const char *s, long min, long max, long *out);
/* "a.b.c.d/len", "a.b.c.d" (/32), "a.b.c.d/m.m.m.m"; "any" = 0.0.0.0/0. */
int cfg_prefix(const char *s, uint32_t *addr, unsigned *plen);
/* Ends text at byte at with " (key not printed)": a line that held a key. */
void cfg_mask_tail(char *text, size_t len, size_t at);
int cfg_addr(const char *s, uint32_t *addr);

/* Copies src into dst, cut to fit: quoted lines are kept short on purpose. */
void cfg_copy(char *dst, size_t len, const char *src);
/* An ESP proposal list into dst, cut loudly when too long (lines.c). */
int cfg_esp_list(char *dst, size_t len, const char *src);
/* A Terraform template directive line ("%{ for x in xs ~}", "%{ endfor ~}":
 * Terraform language, "Strings and Templates", directives): no router
 * command, but the template's; listed as a placeholder and not read. 1
 * when l is one. */
int cfg_directive(struct config *c, const struct cfg_line *l);
/* A Libreswan esp=/phase2alg= list (',' between proposals, '-' between
 * parts) in strongSwan's keywords, '+' alternatives written out as
 * proposals of their own; 1 when the list had to be cut (libreswan_esp.c). */
int cfg_libreswan_esp(char *dst, size_t len, const char *src);

void cfg_set(struct config_num *n, long v, const struct cfg_line *l);
/* The same, for a value word that is a placeholder: configured, value unknown. */
void cfg_set_tmpl(struct config_num *n, const struct cfg_line *l);
/* An IPv6 address, with or without /plen or %zone (inet_pton, RFC 4291). */
int cfg_addr6(const char *s);
/* An IKE peer's outer address as written: an IPv4 address (plen 32), else
 * CONFIG_PLEN_OTHER, with v6 when it is an IPv6 address (a name: 0). */
void cfg_outer_addr(struct config_prefix *p, const char *word, const struct cfg_line *l);
void
cfg_set_prefix(struct config_prefix *p, uint32_t addr, unsigned plen, const struct cfg_line *l);
/* Records a clamp on t: m is enum config_mss, v the number for CONFIG_MSS_NUM. */
void cfg_set_mss(struct config_tunnel *t, int v6, int m, long v, const struct cfg_line *l);

/* MSS clamp value: "auto", "off" or a number; -1 when it is none of them. */
int cfg_mss(const char *s, long *num);

/* Room for one more row of a growable table (config.h CONFIG_TABLE);
 * NULL, and c->nomem set, when memory runs out. */
void *cfg_push(struct config *c, void **rows, size_t *n, size_t *cap, size_t size);
#define CFG_PUSH(c, table) \
	cfg_push((c), (void **)&(c)->table, &(c)->n##table, &(c)->cap_##table, sizeof(*(c)->table))

/* A description line's text after its first words words, unquoted. */
void cfg_desc(char *dst, size_t len, const struct cfg_line *l, size_t words);

/* Find or add; NULL (and c->nomem) when memory runs out. */
struct config_iface *cfg_iface(struct config *c, const char *name, unsigned line);
struct config_tunnel *cfg_tunnel(struct config *c, const char *id, const char *name, unsigned line);
struct config_gateway *cfg_gateway(struct config *c, const char *name, unsigned line);
/* The older formats decide DPD by the gateway's keepalive line: live.src
 * is it, state OFF, or UNKNOWN when it is a template value (returns 1:
 * nothing more to decide). */
int cfg_live_start(struct config_gateway *g);
/* Each tunnel bound to a gateway gets its hold (config.h config_hold) from
 * that gateway by the format's rule: RTX, swanctl and ipsec.conf, whose DPD
 * is the IKE peer's. */
void
cfg_holds(struct config *c, void (*rule)(const struct config_gateway *g, struct config_hold *h));
/* Each tunnel bound to a gateway gets its start view (config.h
 * config_start, set 1) from that gateway by the format's rule: swanctl and
 * ipsec.conf, whose start is the connection's. */
void
cfg_starts(struct config *c, void (*rule)(const struct config *c, const struct config_gateway *g,
					  struct config_start *s));
/* A BGP neighbour; a second line for the same address only adds the AS
 * when the first gave none ("neighbor A activate" before "remote-as"). */
struct config_bgp *
cfg_add_bgp(struct config *c, uint32_t addr, uint32_t as, const struct cfg_line *l);
/* Peer groups (Cisco IOS IP command reference, neighbor peer-group
 * (creating), (assigning members), neighbor remote-as; FRR and VyOS take
 * the same): a group named or given its AS, a neighbour made a member,
 * and, once the file is read, each member without an AS of its own
 * takes its group's (config.c runs it for every format). */
void cfg_bgp_group(struct config *c, const char *name, uint32_t as, const struct cfg_line *l);
void cfg_bgp_member(struct config *c, uint32_t addr, const char *group, const struct cfg_line *l);
void cfg_bgp_groups(struct config *c);
/* An AS number as written: asplain "7224" or asdot "1.10" (RFC 5396),
 * optionally in quotes (VyOS '64512'); 0 for a placeholder or anything else. */
uint32_t cfg_asn(const char *s);

/* Name -> row lookups (config/index.c): find returns the row or -1; add
 * indexes row (just pushed) and returns 0, or -1 with c->nomem. */
enum cfg_table { CFG_T_TUNNELS, CFG_T_GATEWAYS, CFG_T_IFACES, CFG_T_TNAMES, CFG_T_COUNT };
/* CFG_T_TNAMES (tunnels by name) is built once a parse is done. */
int cfg_index_build(struct config *c, enum cfg_table t);
int cfg_index_has(const struct config *c, enum cfg_table t);
int cfg_index_find(const struct config *c, enum cfg_table t, const char *key);
int cfg_index_add(struct config *c, enum cfg_table t, size_t row);
void cfg_index_free(struct config *c);
/* The index's string hash (FNV-1a), for a parser's own tables (config/tree.c). */
size_t cfg_hash(const char *s);

/* Each returns 0, or -1 when memory ran out. */
int config_parse_rtx(const char *buf, size_t len, struct config *c);
int config_parse_ix(const char *buf, size_t len, struct config *c);
int config_parse_swan(const char *buf, size_t len, struct config *c);
int config_parse_ipsecconf(const char *buf, size_t len, struct config *c);
int config_parse_fortios(const char *buf, size_t len, struct config *c);
int config_parse_routeros(const char *buf, size_t len, struct config *c);
int config_parse_junos(const char *buf, size_t len, struct config *c);
int config_parse_vyos(const char *buf, size_t len, struct config *c);
int config_parse_ios(const char *buf, size_t len, struct config *c);

/* FRR's frr.conf lines, pasted beside a Linux router's IPsec configuration
 * (swanctl.conf, ipsec.conf): "neighbor ADDR remote-as N" is a BGP
 * neighbour (1), another FRR command a line the audit does not need (0),
 * anything else no FRR command (-1). s: the line without its comment. */
/* A time in seconds: "10", "10s", "1m", "2h", "1d"; -1 when it is none. */
long cfg_seconds(const char *s);
/* The first selector of a comma list (swanctl local_ts, ipsec.conf
 * leftsubnet), without a [proto/port] part: a prefix, a placeholder, or
 * CONFIG_PLEN_OTHER for one that is no IPv4 prefix. */
void cfg_selector(struct config_prefix *p, const char *v, const struct cfg_line *l);

int cfg_frr_line(struct config *c, const struct cfg_line *l, const char *s);

/* Cisco-like interface and BGP lines, shared by IX and IOS (ix.c, ios.c):
 * "ip mtu N" / "ipv6 mtu N" into n (NULL: checked, kept nowhere), the
 * range what an IPv4 / IPv6 interface can carry at all (RFC 791, RFC 8200;
 * neither vendor's source gives one); "neighbor A remote-as N"; the line
 * MTU from a PPPoE interface's ip mtu, and else the smallest ip mtu. */
int cfg_ip_mtu(struct config *c, const struct cfg_line *l, struct config_num *n);
int cfg_bgp_neighbor(struct config *c, const struct cfg_line *l);
void cfg_line_mtu_pppoe(struct config *c);
void cfg_line_mtu_smallest(struct config *c);

#endif
