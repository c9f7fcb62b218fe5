/* SPDX-License-Identifier: BSD-2-Clause */
/* The line reader and the small helpers every parser shares. */
#include "config/config_int.h"
#include "base/text.h"
#include "base/count.h"
#include "base/ip.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The closer a token opens and does not close: '>' for "<VPN" or "$<a",
 * '}' for "${a", ')' for "(a"; 0 when it opens none. */
static char
open_placeholder(const char *t)
{
	static const struct {
		const char *open;
		char close;
	} forms[] = {
		{ "${", '}' },
		{ "$<", '>' },
		{ "<", '>' },
		{ "(", ')' },
	};
	for (size_t i = 0; i < COUNT(forms); i++)
		if (strncmp(t, forms[i].open, strlen(forms[i].open)) == 0 &&
		    !strchr(t + strlen(forms[i].open), forms[i].close))
			return forms[i].close;
	return 0;
}

/* Splits on blanks; a placeholder written with blanks inside ("<VPN
 * Gateway IP>", as cloud templates print them) stays one word. */
static void
tokenize(struct cfg_line *l)
{
	char *save = NULL;

	memcpy(l->buf, l->text, strlen(l->text) + 1);
	l->ntok = 0;
	for (char *t = strtok_r(l->buf, " \t\r\v\f", &save); t && l->ntok < CFG_MAX_TOK;
	     t = strtok_r(NULL, " \t\r\v\f", &save)) {
		char close = open_placeholder(t);
		char *end = close && save ? strchr(save, close) : NULL;
		if (end && end[1] && !blank(end[1]))
			end = NULL; /* the closer is not at a word's end */
		if (end) {
			/* rejoin the words up to the closer: the NUL strtok_r left
			 * after t becomes a blank again */
			t[strlen(t)] = ' ';
			save = end + 1;
			if (*save)
				*save++ = '\0';
		}
		l->tok[l->ntok++] = t;
	}
}

/* Lines that carry a pre-shared key: their text, which findings quote
 * (invalid-line, a setting's line), keeps the command and loses the key;
 * the tokens, already split off, keep it for config/secret.c's digest.
 * keep: how many words stay, or after: the word after which one more
 * (char|hex) stays. RTX ipsec ike pre-shared-key GW text|0x.. (chapter
 * 15); IX ikev2 authentication psk id ipv4 ADDR key char|hex K and ike
 * key (Oracle's IX template). swanctl's secret = K: swan.c. */
static const struct {
	const char *w[3];
	size_t keep;
	const char *after;
	size_t more; /* words kept after `after` */
} key_lines[] = {
	{ { "ipsec", "ike", "pre-shared-key" }, 4, NULL, 0 },
	{ { "ikev2", "authentication", "psk" }, 0, "key", 1 },
	{ { "ike", "key", NULL }, 2, NULL, 0 },
	/* Not keys the audit reads, but secrets an invalid-line finding would
	 * quote: RTX pp auth myname ID PASS / pp auth username NAME PASS
	 * (command reference 10: PPP), login and administrator passwords. */
	{ { "pp", "auth", "myname" }, 4, NULL, 0 },
	{ { "pp", "auth", "username" }, 4, NULL, 0 },
	{ { "login", "password", NULL }, 2, NULL, 0 },
	{ { "administrator", "password", NULL }, 2, NULL, 0 },
	/* FortiOS: set psksecret K | ENC K (CLI reference, phase1-interface),
	 * psksecret-remote, ppk-secret; an admin's or a BGP neighbour's password */
	{ { "set", "psksecret", NULL }, 2, NULL, 0 },
	{ { "set", "psksecret-remote", NULL }, 2, NULL, 0 },
	/* not a FortiOS key (an invalid-line quotes it), but a key all the same */
	{ { "set", "pre-shared-key", NULL }, 2, NULL, 0 },
	{ { "set", "ppk-secret", NULL }, 2, NULL, 0 },
	{ { "set", "password", NULL }, 2, NULL, 0 },
	{ { "set", "passwd", NULL }, 2, NULL, 0 },
	{ { "set", "authpasswd", NULL }, 2, NULL, 0 },
	/* Cisco IOS (config/ios.c): crypto keyring's pre-shared-key address A
	 * key K, crypto isakmp key K address A, an ikev2 keyring peer's
	 * pre-shared-key [local|remote] K, an ikev2 profile's authentication
	 * local|remote pre-share key K */
	{ { "pre-shared-key", "address", NULL }, 0, "key", 0 },
	{ { "pre-shared-key", NULL, NULL }, 1, NULL, 0 },
	{ { "crypto", "isakmp", "key" }, 3, NULL, 0 },
	{ { "authentication", "local", "pre-share" }, 3, NULL, 0 },
	{ { "authentication", "remote", "pre-share" }, 3, NULL, 0 },
};

/* Words that may stand before a key and are no part of it. */
static int
is_key_keyword(const char *w)
{
	static const char *const kw[] = { "0", "6", "7", "local", "remote", "key", "ENC" };

	for (size_t i = 0; i < COUNT(kw); i++)
		if (strcmp(w, kw[i]) == 0)
			return 1;
	return 0;
}

static void
mask_key(struct cfg_line *l)
{
	for (size_t k = 0; k < COUNT(key_lines); k++) {
		size_t keep = key_lines[k].keep, n = 0;
		int match = 1;
		for (size_t i = 0; i < 3 && key_lines[k].w[i]; i++)
			match &= i < l->ntok && strcmp(l->tok[i], key_lines[k].w[i]) == 0;
		if (!match)
			continue;
		for (size_t i = 0; key_lines[k].after && i < l->ntok; i++)
			if (strcmp(l->tok[i], key_lines[k].after) == 0)
				keep = i + 1 + key_lines[k].more;
		if (!keep)
			keep = 3;
		if (key_lines[k].w[2] && strcmp(key_lines[k].w[2], "pre-share") == 0 &&
		    l->ntok <= keep)
			return; /* authentication ... pre-share without a key: nothing to hide */
		l->text[0] = '\0';
		for (size_t i = 0; i < keep && i < l->ntok; i++)
			n += (size_t)snprintf(l->text + n, sizeof(l->text) - n, "%s%s",
					      i ? " " : "", l->tok[i]);
		cfg_mask_tail(l->text, sizeof(l->text), n);
		/* the key: the first hidden word that is no key-type or
		 * direction keyword (IOS key 0|6|7 K, pre-shared-key local K,
		 * FortiOS ENC K); a line with no key word hides nothing more */
		l->key_word = l->ntok + 1;
		for (size_t i = keep; i < l->ntok; i++)
			if (!is_key_keyword(l->tok[i])) {
				l->key_word = i + 1;
				break;
			}
		return;
	}
}

void
cfg_mask_tail(char *text, size_t len, size_t at)
{
	if (at < len)
		snprintf(text + at, len - at, " (key not printed)");
}

/* Cuts a comment off the end of s: from a '#' that begins a word outside
 * quotes. A backslash takes the next byte as it is (an escaped blank
 * separates no word), "..." and '...' quote (RTX command reference 1.5). */
static void
cut_comment(char *s)
{
	int after_blank = 0;
	char q = 0;

	for (char *p = s; *p; p++) {
		size_t n;
		if (!q && *p == '#' && after_blank) {
			for (n = (size_t)(p - s); n && blank(s[n - 1]); n--)
				;
			s[n] = '\0';
			return;
		}
		after_blank = 0;
		if (*p == '\\' && p[1])
			p++;
		else if (q)
			q = *p == q ? 0 : q;
		else if (*p == '"' || *p == '\'')
			q = *p;
		else
			after_blank = blank(*p);
	}
}

static int
next_line(struct cfg_reader *r, struct cfg_line *l, int cut)
{
	const char *s, *nl, *cr;
	size_t n;

	if (r->pos >= r->len)
		return 0;
	s = r->buf + r->pos;
	nl = memchr(s, '\n', r->len - r->pos);
	n = nl ? (size_t)(nl - s) : r->len - r->pos;
	/* A CR that no LF follows ends a line too: a file saved with classic
	 * Mac line ends, or a terminal log, was read as one line ("no RTX, IX
	 * or swanctl.conf command in 1 line", issue 20). CRLF stays one end:
	 * copy_line trims the CR. */
	cr = memchr(s, '\r', n);
	if (cr && cr + 1 != s + n) {
		n = (size_t)(cr - s);
		nl = cr;
	}
	r->pos += n + (nl ? 1 : 0);
	l->no = ++r->no;
	copy_line(l, s, n);
	/* Each vendor's comment characters ('#' RTX and swanctl, '!' IX); a
	 * blank line says nothing either. */
	l->comment = !l->text[0] || strchr(r->comment_chars ? r->comment_chars : "#!", l->text[0]);
	if (l->comment)
		l->ntok = 0;
	else {
		if (cut)
			cut_comment(l->text);
		tokenize(l);
		l->key_word = 0;
		mask_key(l);
	}
	return 1;
}

int
cfg_next(struct cfg_reader *r, struct cfg_line *l)
{
	return next_line(r, l, 0);
}

int
cfg_next_cut(struct cfg_reader *r, struct cfg_line *l)
{
	return next_line(r, l, 1);
}

int
cfg_is(const struct cfg_line *l, size_t i, const char *word)
{
	return i < l->ntok && strcmp(l->tok[i], word) == 0;
}

int
cfg_tmpl(const struct cfg_line *l, size_t i)
{
	return i < l->ntok && config_is_placeholder(l->tok[i]);
}

/* s is open + something + close */
static int
enclosed(const char *s, size_t n, const char *open, const char *close)
{
	size_t k = strlen(open), m = strlen(close);

	return n > k + m && strncmp(s, open, k) == 0 && strcmp(s + n - m, close) == 0;
}

/* Template placeholders as vendors and clouds publish them, one row a
 * shape (tests/audit/configs/SOURCES.md, "Placeholder styles": where each
 * was seen):
 *  - ENCLOSED: ${x} (shell, Terraform), $<x>, <x> (vendor manuals, AWS's
 *    samples), (x) ("(PSK)") and （x） (Japanese templates), {{x}} (Jinja),
 *    $(cmd) (a shell command's output: right=$(terraform output vpn_ip)
 *    in a script that writes ipsec.conf, POSIX XCU 2.6.3);
 *  - UPPER: a word of upper-case letters, digits and '_' (one letter at
 *    least) that begins a and ends b: YOUR_X and X_HERE (AWS's samples),
 *    _X_ (a sed target: right=_OUTSIDE_GW1_, an ipsec.conf for AWS);
 *  - VAR: '$' and a shell variable's name, the whole word (leftid=$cgwip
 *    in an ipsec.conf a shell script writes from a heredoc). A name
 *    begins with a letter or '_' (POSIX, XCU 2.5.3: parameters), so
 *    Junos's "$9$..." keys and crypt's "$1$salt$hash", which begin with a
 *    digit and hold more '$', are values; '%' words (%defaultroute, %any)
 *    are ipsec.conf's own. */
enum shape { SH_ENCLOSED, SH_UPPER, SH_VAR };
/* clang-format off */
static const struct {
	enum shape kind;
	const char *a, *b;
	size_t min; /* bytes at least (UPPER: so that "YOUR_" alone is none) */
} shapes[] = {
	{ SH_ENCLOSED, "${", "}", 0 },
	{ SH_ENCLOSED, "$<", ">", 0 },
	{ SH_ENCLOSED, "$(", ")", 0 },
	{ SH_ENCLOSED, "{{", "}", 0 },
	{ SH_ENCLOSED, "<", ">", 0 },
	{ SH_ENCLOSED, "(", ")", 0 },
	{ SH_ENCLOSED, "\xef\xbc\x88", "\xef\xbc\x89", 0 }, /* U+FF08, U+FF09 */
	{ SH_UPPER, "YOUR_", "", 6 },
	{ SH_UPPER, "", "_HERE", 6 },
	{ SH_UPPER, "_", "_", 4 },
	{ SH_VAR, "$", "", 2 },
};
/* clang-format on */

static int
upper_word(const char *s, size_t n)
{
	size_t letters = 0;

	for (size_t i = 0; i < n; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return 0;
		letters += s[i] >= 'A' && s[i] <= 'Z';
	}
	return letters > 0;
}

static int
var_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
		      (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

static int
shape_fits(size_t i, const char *s, size_t n)
{
	size_t ka = strlen(shapes[i].a), kb = strlen(shapes[i].b);

	if (n < shapes[i].min)
		return 0;
	switch (shapes[i].kind) {
	case SH_ENCLOSED: return enclosed(s, n, shapes[i].a, shapes[i].b);
	case SH_UPPER:
		return n >= ka + kb && strncmp(s, shapes[i].a, ka) == 0 &&
		       strcmp(s + n - kb, shapes[i].b) == 0 && upper_word(s, n);
	case SH_VAR: return strncmp(s, shapes[i].a, ka) == 0 && var_name(s + ka);
	}
	return 0;
}

/* An IPv4 address with octets written as x or X (40.76.X.X, 219.xxx.xxx.xxx,
 * 8.x.x.x, with or without /plen): how Microsoft's Azure samples and blog
 * posts leave an address for the reader to fill in. */
static int
masked_quad(const char *s)
{
	int parts = 0, masked = 0;

	while (*s && *s != '/') {
		size_t d = strspn(s, "0123456789"), x = strspn(s, "xX");
		if ((d == 0) == (x == 0) || d > 3 || x > 3)
			return 0;
		masked += x > 0;
		s += d + x;
		parts++;
		if (*s == '.')
			s++;
		else if (*s && *s != '/')
			return 0;
	}
	return parts == 4 && masked > 0 &&
	       (!*s || (s[1] && strspn(s + 1, "0123456789") == strlen(s + 1)));
}

int
config_is_placeholder(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < COUNT(shapes); i++)
		if (shape_fits(i, s, n))
			return 1;
	return masked_quad(s);
}

int
config_has_placeholder(const char *s)
{
	const char *p;

	if (config_is_placeholder(s))
		return 1;
	if ((p = strstr(s, "${")) && strchr(p, '}'))
		return 1;
	if ((p = strstr(s, "$<")) && strchr(p, '>'))
		return 1;
	if ((p = strstr(s, "$(")) && strchr(p, ')'))
		return 1;
	return (p = strstr(s, "{{")) && strstr(p, "}}");
}

/* How one pattern word judges one token: 1 fits, 0 does not. */
static int
word_fits(const char *pat, size_t plen, const char *tok, enum config_arg *type)
{
	uint32_t a;
	unsigned p;
	long v;

	*type = CONFIG_ARG_KEYWORD;
	if (plen != 1 || !strchr("*#@/", pat[0]))
		return strlen(tok) == plen && strncmp(pat, tok, plen) == 0;
	*type = pat[0] == '#'   ? CONFIG_ARG_NUMBER
		: pat[0] == '@' ? CONFIG_ARG_ADDR
		: pat[0] == '/' ? CONFIG_ARG_PREFIX
				: CONFIG_ARG_WORD;
	if (pat[0] == '*' || config_is_placeholder(tok))
		return 1;
	if (pat[0] == '#')
		return cfg_number(tok, 0, 2147483647L, &v) == 0;
	if (pat[0] == '@')
		return cfg_addr(tok, &a) == 0;
	return cfg_prefix(tok, &a, &p) == 0;
}

/* Leading literal words of the pattern that match l, or -1 when one of
 * them does not: how specifically the row claims the line. Byte compares,
 * no library calls: every line is tried against every row of a grammar
 * (over a hundred), and most rows are turned away at their first byte. */
static int
claims(const char *p, const struct cfg_line *l)
{
	int n = 0;

	while (*p) {
		const char *t;
		size_t i = 0;
		if ((p[0] == '*' || p[0] == '#' || p[0] == '@' || p[0] == '/') &&
		    (p[1] == ' ' || !p[1]))
			break; /* a typed word: the literal prefix ends */
		if ((size_t)n >= l->ntok)
			return -1;
		t = l->tok[n];
		while (p[i] && p[i] != ' ' && p[i] == t[i])
			i++;
		if ((p[i] && p[i] != ' ') || t[i])
			return -1; /* the word and the token differ */
		n++;
		p += i;
		p += *p == ' ';
	}
	return n;
}

/* 0 when every word fits; else the 1-based word that does not, with what
 * it should have been and whether it is missing. */
static unsigned
fits(const char *p, const struct cfg_line *l, enum config_arg *type, int *missing)
{
	size_t i = 0;

	while (*p) {
		size_t w = strcspn(p, " ");
		if (i >= l->ntok) {
			word_fits(p, w, "", type);
			*missing = 1;
			return (unsigned)i + 1;
		}
		if (!word_fits(p, w, l->tok[i], type)) {
			*missing = 0;
			return (unsigned)i + 1;
		}
		i++;
		p += w;
		p += *p == ' ';
	}
	return 0;
}

static void
bad_fill(struct config_invalid *bad, const struct cfg_line *l, enum config_bad why, unsigned arg,
	 enum config_arg expect)
{
	memset(bad, 0, sizeof(*bad));
	bad->line = l->no;
	bad->why = why;
	bad->arg = arg;
	bad->expect = expect;
	cfg_copy(bad->text, sizeof(bad->text), l->text);
	/* a masked line: word arg from the line's own words (never the key),
	 * since the masked text has fewer words, or other ones */
	if (l->key_word && arg > 0 && arg <= l->ntok)
		cfg_copy(bad->word, sizeof(bad->word),
			 arg == l->key_word ? "(key not printed)" : l->tok[arg - 1]);
}

static enum config_arg
scope_word(const struct cfg_grammar *g, unsigned scope)
{
	for (size_t b = 0; b < g->nscopes; b++)
		if (scope & (1u << b))
			return g->scope_arg[b];
	return CONFIG_ARG_NONE;
}

const struct cfg_cmd *
cfg_match(const struct cfg_grammar *g, const struct cfg_line *l, unsigned block,
	  struct config_invalid *bad)
{
	int best = -1;
	const struct cfg_cmd *first = NULL, *misplaced = NULL;
	unsigned arg = 0;
	enum config_arg type = CONFIG_ARG_NONE;
	int missing = 0;

	for (size_t r = 0; r < g->ncmds; r++) {
		int n = claims(g->cmds[r].pattern, l);
		if (n > best)
			best = n;
	}
	for (size_t r = 0; best > 0 && r < g->ncmds; r++) {
		const struct cfg_cmd *c = &g->cmds[r];
		enum config_arg t;
		int m = 0;
		unsigned a;
		if (claims(c->pattern, l) != best)
			continue;
		if ((a = fits(c->pattern, l, &t, &m)) != 0) {
			if (!first) {
				first = c;
				arg = a, type = t, missing = m;
			}
			continue;
		}
		if (c->scope && !(c->scope & block)) {
			misplaced = misplaced ? misplaced : c;
			continue;
		}
		return c;
	}
	if (misplaced)
		bad_fill(bad, l, CONFIG_BAD_SCOPE, 0, scope_word(g, misplaced->scope));
	else if (first)
		bad_fill(bad, l, missing ? CONFIG_BAD_MISSING : CONFIG_BAD_ARG, arg, type);
	else /* the first word no row expects there */
		bad_fill(bad, l, CONFIG_BAD_COMMAND, best > 0 ? (unsigned)best + 1 : 1,
			 CONFIG_ARG_NONE);
	return NULL;
}

static void
note_placeholders(struct config *c, const struct cfg_line *l)
{
	for (size_t i = 0; i < l->ntok; i++) {
		struct config_placeholder *p;
		if (!config_has_placeholder(l->tok[i]) || !(p = CFG_PUSH(c, placeholders)))
			continue;
		p->line = l->no;
		cfg_copy(p->token, sizeof(p->token), l->tok[i]);
	}
}

int
cfg_directive(struct config *c, const struct cfg_line *l)
{
	size_t n = strlen(l->text);
	struct config_placeholder *p;

	if (n < 4 || strncmp(l->text, "%{", 2) != 0 || l->text[n - 1] != '}')
		return 0;
	if ((p = CFG_PUSH(c, placeholders))) {
		p->line = l->no;
		cfg_copy(p->token, sizeof(p->token), l->text);
	}
	cfg_unread(c, l->no);
	return 1;
}

const struct cfg_cmd *
cfg_dispatch(struct config *c, struct cfg_ctx *x, const struct cfg_grammar *g,
	     const struct cfg_line *l, unsigned block)
{
	struct config_invalid bad, *b;
	const struct cfg_cmd *cmd;

	if (cfg_directive(c, l))
		return NULL;
	if (!(cmd = cfg_match(g, l, block, &bad))) {
		if ((b = CFG_PUSH(c, invalid)))
			*b = bad;
		return NULL;
	}
	/* only a command's values are the configuration's: an invalid line
	 * (a comment in another syntax, AWS's '!' lines in its FortiGate
	 * sample) is reported as such and holds no placeholder of it */
	note_placeholders(c, l);
	if (!cmd->fn)
		cfg_unread(c, l->no);
	else if (cmd->fn(c, x, l) == 0)
		c->read++;
	else
		return NULL;
	return cmd;
}

int
cfg_bad(struct config *c, const struct cfg_line *l, enum config_bad why, unsigned arg,
	enum config_arg expect)
{
	struct config_invalid *b = CFG_PUSH(c, invalid);

	if (b)
		bad_fill(b, l, why, arg, expect);
	return -1;
}

int
cfg_bad_range(struct config *c, const struct cfg_line *l, unsigned arg, long lo, long hi)
{
	struct config_invalid *b = CFG_PUSH(c, invalid);

	if (b) {
		bad_fill(b, l, CONFIG_BAD_RANGE, arg, CONFIG_ARG_NUMBER);
		b->lo = lo;
		b->hi = hi;
	}
	return -1;
}

void
cfg_unread(struct config *c, unsigned line)
{
	struct config_span *s;

	c->unread++;
	if (c->nspans && c->spans[c->nspans - 1].last + 1 == line) {
		c->spans[c->nspans - 1].last = line;
		return;
	}
	if ((s = CFG_PUSH(c, spans)))
		*s = (struct config_span){ line, line };
}

void
cfg_ref(struct config *c, unsigned line, const char *text, enum config_ref_kind kind,
	const char *name, int tunnel)
{
	struct config_ref *r = CFG_PUSH(c, refs);

	if (!r)
		return;
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->kind = kind;
	r->tunnel = tunnel;
	cfg_copy(r->name, sizeof(r->name), name);
	cfg_copy(r->text, sizeof(r->text), text);
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

/* A list of ESP proposals as the model reads it (core/audit_model.c):
 * ',' between proposals, blanks and strongSwan's strict-list '!' left
 * out. A list longer than dst is cut after the last whole proposal and 1
 * is returned: the caller sets config_num.cut, so a part of the list
 * (which may lack the proposal that carries least) is never read as all
 * of it. */
int
cfg_esp_list(char *dst, size_t len, const char *src)
{
	size_t n = 0;
	char *cut;

	for (const char *p = src; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '!')
			continue;
		if (n + 1 >= len) {
			dst[n] = '\0';
			/* the cut proposal is left out whole, never half read */
			if ((cut = strrchr(dst, ',')))
				*cut = '\0';
			else
				dst[0] = '\0';
			return 1;
		}
		dst[n++] = *p;
	}
	dst[n] = '\0';
	return 0;
}

void
cfg_copy(char *dst, size_t len, const char *src)
{
	text_copy(dst, len, src); /* never inside a UTF-8 character */
}

void
cfg_set(struct config_num *n, long v, const struct cfg_line *l)
{
	n->v = v;
	n->line = l->no;
	n->tmpl = 0;
	n->cut = 0;
	cfg_copy(n->text, sizeof(n->text), l->text);
}

void
cfg_set_tmpl(struct config_num *n, const struct cfg_line *l)
{
	cfg_set(n, 0, l);
	n->tmpl = 1;
}

void
cfg_set_prefix(struct config_prefix *p, uint32_t addr, unsigned plen, const struct cfg_line *l)
{
	p->addr = addr;
	p->plen = plen;
	p->line = l->no;
	p->tmpl = 0;
	p->v6 = 0;
	cfg_copy(p->text, sizeof(p->text), l->text);
}

int
cfg_addr6(const char *s)
{
	char a[INET6_ADDRSTRLEN + 1];
	struct in6_addr x;
	size_t n = strcspn(s, "/%");

	if (n >= sizeof(a) || !strchr(s, ':'))
		return 0;
	memcpy(a, s, n);
	a[n] = '\0';
	return inet_pton(AF_INET6, a, &x) == 1;
}

void
cfg_outer_addr(struct config_prefix *p, const char *word, const struct cfg_line *l)
{
	uint32_t a;

	if (cfg_addr(word, &a) == 0) {
		cfg_set_prefix(p, a, 32, l);
		return;
	}
	cfg_set_prefix(p, 0, CONFIG_PLEN_OTHER, l);
	p->v6 = cfg_addr6(word);
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

/* Doubling growth; the 16 MB input bound keeps every table far below
 * SIZE_MAX / size, but the check stays. */
void *
cfg_push(struct config *c, void **rows, size_t *n, size_t *cap, size_t size)
{
	char *p;

	if (*n >= *cap) {
		size_t want = *cap ? *cap * 2 : 16;
		void *q = want < ((size_t)-1) / size ? realloc(*rows, want * size) : NULL;
		if (!q) {
			c->nomem = 1;
			return NULL;
		}
		*rows = q;
		*cap = want;
	}
	p = (char *)*rows + (*n)++ * size;
	memset(p, 0, size);
	return p;
}

void
config_free(struct config *c)
{
	free(c->ifaces);
	free(c->tunnels);
	free(c->gateways);
	free(c->bgp);
	free(c->bgp_groups);
	free(c->invalid);
	free(c->refs);
	free(c->placeholders);
	free(c->spans);
	free(c->inert);
	cfg_index_free(c);
	memset(c, 0, sizeof(*c));
}

/* A name longer than the tables keep is cut, and two that begin alike
 * would be taken for one: the first such line is kept, and config_parse
 * refuses the file with it (never a quiet merge). The text keeps the name
 * whole up to CONFIG_TEXT. */
static void
name_cut(struct config *c, const char *name, unsigned line)
{
	if (strlen(name) < CONFIG_NAME)
		return;
	if (!c->name_cut.line) {
		c->name_cut.line = line;
		cfg_copy(c->name_cut.text, sizeof(c->name_cut.text), name);
	}
	c->name_cut.v++;
}

struct config_iface *
cfg_iface(struct config *c, const char *name, unsigned line)
{
	struct config_iface *f;
	int i;

	name_cut(c, name, line);
	i = cfg_index_find(c, CFG_T_IFACES, name);
	if (i >= 0)
		return &c->ifaces[i];
	if (!(f = CFG_PUSH(c, ifaces)))
		return NULL;
	cfg_copy(f->name, sizeof(f->name), name);
	f->line = line;
	return cfg_index_add(c, CFG_T_IFACES, c->nifaces - 1) < 0 ? NULL
								  : &c->ifaces[c->nifaces - 1];
}

/* The index when the parser built one; a linear search for a model
 * put together by hand (tests). */
int
config_tunnel_find(const struct config *c, const char *id)
{
	char key[CONFIG_NAME];

	cfg_copy(key, sizeof(key), id); /* ids are kept cut to CONFIG_NAME */
	if (c->index)
		return cfg_index_find(c, CFG_T_TUNNELS, key);
	for (size_t i = 0; i < c->ntunnels; i++)
		if (strcmp(c->tunnels[i].id, key) == 0)
			return (int)i;
	return -1;
}

const char *
config_description(const struct config *c, const char *name)
{
	int k = cfg_index_find(c, CFG_T_TNAMES, name);

	if (k >= 0)
		return c->tunnels[k].desc[0] ? c->tunnels[k].desc : NULL;
	for (size_t i = 0; !cfg_index_has(c, CFG_T_TNAMES) && i < c->ntunnels; i++)
		if (strcmp(c->tunnels[i].name, name) == 0)
			return c->tunnels[i].desc[0] ? c->tunnels[i].desc : NULL;
	for (size_t i = 0; i < c->nifaces; i++)
		if (strcmp(c->ifaces[i].name, name) == 0)
			return c->ifaces[i].desc[0] ? c->ifaces[i].desc : NULL;
	return NULL;
}

/* The text after the first `words` words of the line, one pair of double
 * quotes taken off: what a description command says. */
void
cfg_desc(char *dst, size_t len, const struct cfg_line *l, size_t words)
{
	const char *p = l->text;
	size_t n;

	for (size_t w = 0; w < words && *p; w++) {
		while (*p && *p != ' ' && *p != '\t')
			p++;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	n = strlen(p);
	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		p++;
		n -= 2;
	}
	if (n >= len)
		n = len - 1; /* longer than any router takes: the start is shown */
	memcpy(dst, p, n);
	dst[n] = '\0';
}

int
config_gateway_find(const struct config *c, const char *name)
{
	char key[CONFIG_NAME];

	cfg_copy(key, sizeof(key), name);
	if (c->index)
		return cfg_index_find(c, CFG_T_GATEWAYS, key);
	for (size_t i = 0; i < c->ngateways; i++)
		if (strcmp(c->gateways[i].name, key) == 0)
			return (int)i;
	return -1;
}

struct config_tunnel *
cfg_tunnel(struct config *c, const char *id, const char *name, unsigned line)
{
	int i;
	struct config_tunnel *t;

	name_cut(c, strlen(id) >= strlen(name) ? id : name, line);
	i = config_tunnel_find(c, id);

	if (i >= 0)
		return &c->tunnels[i];
	if (!(t = CFG_PUSH(c, tunnels)))
		return NULL;
	cfg_copy(t->id, sizeof(t->id), id);
	cfg_copy(t->name, sizeof(t->name), name);
	t->line = line;
	t->gateway = -1;
	return cfg_index_add(c, CFG_T_TUNNELS, c->ntunnels - 1) < 0 ? NULL : t;
}

struct config_gateway *
cfg_gateway(struct config *c, const char *name, unsigned line)
{
	int i;
	struct config_gateway *g;

	name_cut(c, name, line);
	i = config_gateway_find(c, name);

	if (i >= 0)
		return &c->gateways[i];
	if (!(g = CFG_PUSH(c, gateways)))
		return NULL;
	cfg_copy(g->name, sizeof(g->name), name);
	g->line = line;
	return cfg_index_add(c, CFG_T_GATEWAYS, c->ngateways - 1) < 0 ? NULL : g;
}

int
cfg_live_start(struct config_gateway *g)
{
	g->live.src = g->keepalive;
	g->live.dead_after = -1;
	g->live.state = g->keepalive.tmpl ? CONFIG_LIVE_UNKNOWN : CONFIG_LIVE_OFF;
	return g->keepalive.tmpl;
}

void
cfg_holds(struct config *c, void (*rule)(const struct config_gateway *g, struct config_hold *h))
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		if (t->gateway < 0 || (size_t)t->gateway >= c->ngateways)
			continue;
		t->hold.set = 1;
		rule(&c->gateways[t->gateway], &t->hold);
	}
}

void
cfg_starts(struct config *c, void (*rule)(const struct config *c, const struct config_gateway *g,
					  struct config_start *s))
{
	for (size_t i = 0; i < c->ntunnels; i++) {
		struct config_tunnel *t = &c->tunnels[i];
		if (t->gateway < 0 || (size_t)t->gateway >= c->ngateways)
			continue;
		t->start.set = 1;
		rule(c, &c->gateways[t->gateway], &t->start);
	}
}

struct config_bgp *
cfg_add_bgp(struct config *c, uint32_t addr, uint32_t as, const struct cfg_line *l)
{
	struct config_bgp *b;

	for (size_t i = 0; i < c->nbgp; i++)
		if (c->bgp[i].addr == addr) {
			if (!c->bgp[i].as)
				c->bgp[i].as = as;
			return &c->bgp[i];
		}
	if (!(b = CFG_PUSH(c, bgp)))
		return NULL;
	b->addr = addr;
	b->as = as;
	b->line = l->no;
	cfg_copy(b->text, sizeof(b->text), l->text);
	return b;
}

void
cfg_bgp_group(struct config *c, const char *name, uint32_t as, const struct cfg_line *l)
{
	struct config_bgp *b = NULL;

	for (size_t i = 0; i < c->nbgp_groups && !b; i++)
		if (strcmp(c->bgp_groups[i].group, name) == 0)
			b = &c->bgp_groups[i];
	if (!b) {
		if (!(b = CFG_PUSH(c, bgp_groups)))
			return;
		cfg_copy(b->group, sizeof(b->group), name);
		b->line = l->no;
		cfg_copy(b->text, sizeof(b->text), l->text);
	}
	if (!b->as)
		b->as = as;
}

void
cfg_bgp_member(struct config *c, uint32_t addr, const char *group, const struct cfg_line *l)
{
	struct config_bgp *b = cfg_add_bgp(c, addr, 0, l);

	if (b && !b->group[0])
		cfg_copy(b->group, sizeof(b->group), group);
}

void
cfg_bgp_groups(struct config *c)
{
	for (size_t i = 0; i < c->nbgp; i++)
		for (size_t k = 0; !c->bgp[i].as && c->bgp[i].group[0] && k < c->nbgp_groups; k++)
			if (strcmp(c->bgp[i].group, c->bgp_groups[k].group) == 0)
				c->bgp[i].as = c->bgp_groups[k].as;
}

/* One decimal part of an AS number: digits only, at most max. */
static int
asn_part(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!n || n > 10)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

uint32_t
cfg_asn(const char *s)
{
	char buf[32];
	size_t n = strlen(s);
	const char *dot;
	uint64_t hi, lo;

	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	if (!n || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (config_is_placeholder(buf))
		return 0;
	/* asdot: the high and the low 16 bits (RFC 5396, section 2) */
	if ((dot = strchr(buf, '.')))
		return asn_part(buf, (size_t)(dot - buf), 65535, &hi) == 0 &&
				       asn_part(dot + 1, strlen(dot + 1), 65535, &lo) == 0
			       ? (uint32_t)(hi << 16 | lo)
			       : 0;
	return asn_part(buf, n, UINT32_MAX, &lo) == 0 ? (uint32_t)lo : 0;
}

int
cfg_frr_line(struct config *c, const struct cfg_line *l, const char *s)
{
	char w[4][48];
	uint32_t a;

	/* FRR's first words (frr.conf as vtysh writes it) */
	static const char *const frr[] = { "router",
					   "neighbor",
					   "address-family",
					   "exit-address-family",
					   "network",
					   "bgp",
					   "redistribute",
					   "ip",
					   "ipv6",
					   "interface",
					   "exit",
					   "frr",
					   "hostname",
					   "log",
					   "line",
					   "route-map",
					   "match",
					   "set",
					   "no",
					   "end",
					   "service",
					   "password",
					   "include" };
	int n = sscanf(s, "%47s %47s %47s %47s", w[0], w[1], w[2], w[3]);

	if (n >= 3 && strcmp(w[0], "neighbor") == 0 && strcmp(w[2], "remote-as") == 0) {
		if (cfg_addr(w[1], &a) == 0)
			cfg_add_bgp(c, a, n == 4 ? cfg_asn(w[3]) : 0, l);
		else
			cfg_bgp_group(c, w[1], n == 4 ? cfg_asn(w[3]) : 0, l);
		return 1;
	}
	/* peer groups: "neighbor G peer-group", "neighbor A peer-group G" (FRR
	 * user guide, Peer Groups) */
	if (n >= 3 && strcmp(w[0], "neighbor") == 0 && strcmp(w[2], "peer-group") == 0) {
		if (n == 4 && cfg_addr(w[1], &a) == 0)
			cfg_bgp_member(c, a, w[3], l);
		else if (n == 3)
			cfg_bgp_group(c, w[1], 0, l);
		return 1;
	}
	for (size_t i = 0; n > 0 && i < COUNT(frr); i++)
		if (strcmp(w[0], frr[i]) == 0)
			return 0;
	return -1;
}

/* "10s", "1m", "0": seconds (swanctl.conf(5), TIME FORMATS; ipsec.conf(5) the same). */
long
cfg_seconds(const char *s)
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
	case '\0':
	case 's': break;
	case 'm': mul = 60; break;
	case 'h': mul = 3600; break;
	case 'd': mul = 86400; break;
	default: return -1;
	}
	return s[n] && s[n + 1] ? -1 : v * mul;
}

/* The first selector of a comma list, without a [proto/port] part. */
void
cfg_selector(struct config_prefix *p, const char *v, const struct cfg_line *l)
{
	char first[64];
	uint32_t a;
	unsigned plen;

	snprintf(first, sizeof(first), "%s", v);
	first[strcspn(first, ",[ ")] = '\0';
	if (config_is_placeholder(first)) {
		cfg_set_prefix(p, 0, 0, l);
		p->tmpl = 1;
	} else if (cfg_prefix(first, &a, &plen) == 0)
		cfg_set_prefix(p, a, plen, l);
	else if (strcmp(first, "0.0.0.0/0") != 0) {
		/* dynamic, IPv6 or a range: narrower than 0.0.0.0/0 as far as IPv4 BGP goes */
		cfg_set_prefix(p, 0, CONFIG_PLEN_OTHER, l);
	}
}

int
cfg_ip_mtu(struct config *c, const struct cfg_line *l, struct config_num *n)
{
	int v6 = cfg_is(l, 0, "ipv6");
	long v;

	if (cfg_tmpl(l, 2)) {
		if (n)
			cfg_set_tmpl(n, l);
		return 0;
	}
	if (cfg_number(l->tok[2], ip_min_mtu(v6 ? 6 : 4), IP_MAX_MTU, &v) < 0)
		return cfg_bad_range(c, l, 3, ip_min_mtu(v6 ? 6 : 4), IP_MAX_MTU);
	if (n)
		cfg_set(n, v, l);
	return 0;
}

int
cfg_bgp_neighbor(struct config *c, const struct cfg_line *l)
{
	uint32_t a;

	/* "neighbor A remote-as AS", "neighbor A peer-group G", and for a
	 * peer group "neighbor G peer-group", "neighbor G remote-as AS" */
	if (l->ntok < 3)
		return 0;
	if (cfg_addr(l->tok[1], &a) == 0) {
		if (cfg_is(l, 2, "peer-group") && l->ntok > 3)
			cfg_bgp_member(c, a, l->tok[3], l);
		else if (cfg_is(l, 2, "remote-as"))
			cfg_add_bgp(c, a, l->ntok > 3 ? cfg_asn(l->tok[3]) : 0, l);
	} else if (cfg_is(l, 2, "peer-group") && l->ntok == 3)
		cfg_bgp_group(c, l->tok[1], 0, l);
	else if (cfg_is(l, 2, "remote-as"))
		cfg_bgp_group(c, l->tok[1], l->ntok > 3 ? cfg_asn(l->tok[3]) : 0, l);
	return 0;
}

static void
line_from(struct config *c, size_t i, enum config_line_src src)
{
	c->line_src = src;
	c->line_mtu = c->ifaces[i].mtu;
	cfg_copy(c->line_name, sizeof(c->line_name), c->ifaces[i].name);
	c->line_index = i;
}

void
cfg_line_mtu_pppoe(struct config *c)
{
	for (size_t i = 0; i < c->nifaces && !c->line_src; i++)
		if (c->ifaces[i].pppoe.line && c->ifaces[i].mtu.line && !c->ifaces[i].mtu.tmpl)
			line_from(c, i, CONFIG_LINE_PPPOE_IF);
}

void
cfg_line_mtu_smallest(struct config *c)
{
	for (size_t i = 0; i < c->nifaces && (!c->line_src || c->line_src == CONFIG_LINE_IFACE);
	     i++) {
		const struct config_iface *f = &c->ifaces[i];
		if (!f->mtu.line || f->mtu.tmpl || (c->line_src && f->mtu.v >= c->line_mtu.v))
			continue;
		line_from(c, i, CONFIG_LINE_IFACE);
	}
}
