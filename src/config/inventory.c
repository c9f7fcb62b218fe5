/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets: the inventory of sites, bytes in. The format is told by
 * the first line that is neither blank nor a comment: with a comma it is a
 * CSV header (RFC 4180's layout, without quoted fields: no name, target or
 * file name here needs a comma), else one site per line, fields separated
 * by blanks. Every error names its line; nothing is skipped silently. */
#include "config/inventory.h"
#include "base/count.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum col { COL_NAME, COL_WAN, COL_TUNNEL, COL_VENDOR, COL_ESP, COL_LINE, COL_CONFIG, COL_COUNT };

/* The CSV columns; "tunnel" also as tunnel1, tunnel2 ... (one target
 * each, or a ';'-separated list in any of them). */
/* clang-format off */
static const char *const col_names[COL_COUNT] = {
	[COL_NAME] = "name", [COL_WAN] = "wan", [COL_TUNNEL] = "tunnel", [COL_VENDOR] = "vendor",
	[COL_ESP] = "esp", [COL_LINE] = "line", [COL_CONFIG] = "config",
};
/* clang-format on */

#define MAX_COLS (COL_COUNT + INVENTORY_MAX_TUNNELS)

struct rd {
	struct inventory *inv;
	unsigned lineno;
	enum col cols[MAX_COLS]; /* CSV: each column's meaning, in header order */
	size_t ncols;
	size_t *hash; /* open addressing: 1 + site index, 0 empty */
	size_t hcap;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3))) static int
bad(struct rd *r, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, r->errlen, "line %u: ", r->lineno);

	if (n < 0 || (size_t)n >= r->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* A field as its text, checked: printable, not too long. */
struct field {
	const char *s;
	size_t len;
};

static int
check_field(struct rd *r, struct field f)
{
	if (f.len > INVENTORY_FIELD_MAX)
		return bad(r, "a field of %zu bytes: at most %d", f.len, INVENTORY_FIELD_MAX);
	for (size_t i = 0; i < f.len; i++)
		if ((unsigned char)f.s[i] < 0x20 || f.s[i] == 0x7f)
			return bad(r, "control character 0x%02x", (unsigned char)f.s[i]);
	if (f.len && f.s[0] == '"')
		return bad(
			r,
			"quoted fields are not read (no name, target or file here needs a comma)");
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct field
trim(const char *s, size_t len)
{
	while (len && is_blank(*s))
		s++, len--;
	while (len && is_blank(s[len - 1]))
		len--;
	return (struct field){ s, len };
}

static int
field_is(struct field f, const char *word)
{
	return f.len == strlen(word) && strncasecmp(f.s, word, f.len) == 0;
}

static char *
dup(struct field f)
{
	char *p = malloc(f.len + 1);

	if (p) {
		memcpy(p, f.s, f.len);
		p[f.len] = '\0';
	}
	return p;
}

/* --out-dir names a file after the site and Prometheus quotes it in a
 * label: letters, digits, '.', '_', '-', and not a dot file. */
static int
check_name(struct rd *r, struct field f)
{
	if (!f.len)
		return bad(r, "no site name");
	if (f.len > INVENTORY_NAME_MAX || f.s[0] == '.' || f.s[0] == '-')
		goto no;
	for (size_t i = 0; i < f.len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
			    f.s[i]))
			goto no;
	return 0;
no:
	return bad(r, "site name '%.*s': use 1-%d of A-Z a-z 0-9 . _ - not starting with . or -",
		   (int)(f.len > 80 ? 80 : f.len), f.s, INVENTORY_NAME_MAX);
}

static size_t
hash_of(const char *s)
{
	size_t h = 5381; /* djb2 */

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The table is kept at most half full; it grows with the sites. */
static int
hash_grow(struct rd *r)
{
	size_t ncap = r->hcap ? r->hcap * 2 : 64;
	size_t *n = calloc(ncap, sizeof(*n));

	if (!n)
		return -1;
	for (size_t i = 0; i < r->hcap; i++)
		if (r->hash[i]) {
			size_t k = hash_of(r->inv->sites[r->hash[i] - 1].name) & (ncap - 1);
			while (n[k])
				k = (k + 1) & (ncap - 1);
			n[k] = r->hash[i];
		}
	free(r->hash);
	r->hash = n;
	r->hcap = ncap;
	return 0;
}

/* The site index already named so, or (size_t)-1 after adding idx. */
static size_t
hash_add(struct rd *r, size_t idx)
{
	const char *name = r->inv->sites[idx].name;
	size_t k;

	if (2 * (idx + 1) > r->hcap && hash_grow(r) < 0)
		return idx; /* out of memory: reported by the caller */
	for (k = hash_of(name) & (r->hcap - 1); r->hash[k]; k = (k + 1) & (r->hcap - 1))
		if (strcmp(r->inv->sites[r->hash[k] - 1].name, name) == 0)
			return r->hash[k] - 1;
	r->hash[k] = idx + 1;
	return (size_t)-1;
}

static struct inventory_site *
new_site(struct rd *r, struct field name)
{
	struct inventory *inv = r->inv;
	struct inventory_site *s;

	if (check_name(r, name) < 0)
		return NULL;
	if (inv->nsites >= INVENTORY_MAX_SITES) {
		bad(r, "more than %d sites, the most one file holds: split the file",
		    INVENTORY_MAX_SITES);
		return NULL;
	}
	if (inv->nsites == inv->cap) {
		size_t ncap = inv->cap ? inv->cap * 2 : 16;
		struct inventory_site *n = realloc(inv->sites, ncap * sizeof(*n));
		if (!n)
			goto oom;
		inv->sites = n;
		inv->cap = ncap;
	}
	s = &inv->sites[inv->nsites];
	memset(s, 0, sizeof(*s));
	s->lineno = r->lineno;
	if (!(s->name = dup(name)))
		goto oom;
	inv->nsites++;
	return s;
oom:
	bad(r, "out of memory");
	return NULL;
}

static int
add_tunnel(struct rd *r, struct inventory_site *s, struct field f)
{
	if (!f.len)
		return 0;
	if (s->ntunnels == INVENTORY_MAX_TUNNELS)
		return bad(r, "site %s has more than %d tunnel targets", s->name,
			   INVENTORY_MAX_TUNNELS);
	if (!(s->tunnels[s->ntunnels] = dup(f)))
		return bad(r, "out of memory");
	s->ntunnels++;
	return 0;
}

/* The site is complete: it has a WAN target and a name of its own. */
static int
finish_site(struct rd *r, struct inventory_site *s)
{
	size_t prev;

	if (!s->wan)
		return bad(r, "site %s has no WAN target", s->name);
	prev = hash_add(r, r->inv->nsites - 1);
	if (prev == r->inv->nsites - 1)
		return bad(r, "out of memory");
	if (prev != (size_t)-1)
		return bad(r, "site %s is already on line %u", s->name, r->inv->sites[prev].lineno);
	return 0;
}

/* "NAME WAN [TUNNEL ...]": fields separated by blanks, '#' to the end. */
static int
plain_line(struct rd *r, const char *s, size_t len)
{
	struct field f[2 + INVENTORY_MAX_TUNNELS + 1];
	size_t n = 0, i = 0;
	struct inventory_site *site;

	while (i < len && s[i] != '#') {
		size_t j = i;
		if (is_blank(s[i])) {
			i++;
			continue;
		}
		while (j < len && !is_blank(s[j]) && s[j] != '#')
			j++;
		if (n == COUNT(f))
			return bad(r, "site %.*s has more than %d tunnel targets",
				   (int)(f[0].len > 80 ? 80 : f[0].len), f[0].s,
				   INVENTORY_MAX_TUNNELS);
		f[n++] = (struct field){ s + i, j - i };
		i = j;
	}
	for (size_t k = 0; k < n; k++)
		if (check_field(r, f[k]) < 0)
			return -1;
	if (!n)
		return 0;
	if (!(site = new_site(r, f[0])))
		return -1;
	if (n > 1 && !(site->wan = dup(f[1])))
		return bad(r, "out of memory");
	for (size_t k = 2; k < n; k++)
		if (add_tunnel(r, site, f[k]) < 0)
			return -1;
	return finish_site(r, site);
}

/* Splits a CSV line at commas into trimmed fields; the count, or -1. */
static int
csv_split(struct rd *r, const char *s, size_t len, struct field *f, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != ',')
			continue;
		if (n == max)
			return bad(r, "more than %zu fields", max);
		f[n] = trim(s + start, i - start);
		if (check_field(r, f[n]) < 0)
			return -1;
		n++;
		start = i + 1;
	}
	return (int)n;
}

/* "tunnel", or "tunnelN" with N from 1 to the most a site has. */
static int
is_tunnel_col(struct field f)
{
	unsigned n = 0;

	if (f.len < 6 || strncasecmp(f.s, "tunnel", 6) != 0)
		return 0;
	if (f.len == 6)
		return 1;
	for (size_t i = 6; i < f.len; i++) {
		if (f.s[i] < '0' || f.s[i] > '9' || n > INVENTORY_MAX_TUNNELS)
			return 0;
		n = n * 10 + (unsigned)(f.s[i] - '0');
	}
	return f.s[6] != '0' && n >= 1 && n <= INVENTORY_MAX_TUNNELS;
}

static int
csv_header(struct rd *r, const char *s, size_t len)
{
	struct field f[MAX_COLS];
	int n = csv_split(r, s, len, f, MAX_COLS);
	unsigned seen = 0;

	for (int i = 0; i < n; i++) {
		enum col c = COL_COUNT;
		for (int k = 0; k < COL_COUNT; k++)
			if (field_is(f[i], col_names[k]))
				c = (enum col)k;
		if (c == COL_COUNT && is_tunnel_col(f[i]))
			c = COL_TUNNEL;
		if (c == COL_COUNT)
			return bad(
				r,
				"unknown column '%.*s': columns are name, wan, tunnel (or tunnel1, "
				"tunnel2 ...), vendor, esp, line, config",
				(int)(f[i].len > 80 ? 80 : f[i].len), f[i].s);
		if (c != COL_TUNNEL && (seen & (1u << c)))
			return bad(r, "column '%s' given twice", col_names[c]);
		seen |= 1u << c;
		r->cols[r->ncols++] = c;
	}
	if (n >= 0 && (!(seen & (1u << COL_NAME)) || !(seen & (1u << COL_WAN))))
		return bad(r, "the header needs the columns name and wan");
	return n < 0 ? -1 : 0;
}

static int
csv_cell(struct rd *r, struct inventory_site *site, enum col c, struct field f)
{
	char **opt[COL_COUNT] = { [COL_WAN] = &site->wan,
				  [COL_VENDOR] = &site->vendor,
				  [COL_ESP] = &site->esp,
				  [COL_LINE] = &site->line,
				  [COL_CONFIG] = &site->config };

	if (c == COL_NAME)
		return 0;
	if (c == COL_TUNNEL) { /* a ';'-separated list, or one target */
		size_t start = 0;
		for (size_t i = 0; i <= f.len; i++)
			if (i == f.len || f.s[i] == ';') {
				if (add_tunnel(r, site, trim(f.s + start, i - start)) < 0)
					return -1;
				start = i + 1;
			}
		return 0;
	}
	if (f.len && !(*opt[c] = dup(f)))
		return bad(r, "out of memory");
	return 0;
}

static int
csv_line(struct rd *r, const char *s, size_t len)
{
	struct field f[MAX_COLS];
	struct inventory_site *site = NULL;
	int n = csv_split(r, s, len, f, MAX_COLS);

	if (n < 0)
		return -1;
	if ((size_t)n != r->ncols)
		return bad(r, "%d fields, the header has %zu", n, r->ncols);
	for (size_t i = 0; i < r->ncols; i++)
		if (r->cols[i] == COL_NAME && !(site = new_site(r, f[i])))
			return -1;
	for (size_t i = 0; i < r->ncols; i++)
		if (csv_cell(r, site, r->cols[i], f[i]) < 0)
			return -1;
	return finish_site(r, site);
}

/* Blank, or a comment from its first non-blank character. */
static int
is_empty(const char *s, size_t len)
{
	struct field f = trim(s, len);

	return !f.len || f.s[0] == '#';
}

static int
one_line(struct rd *r, const char *s, size_t len)
{
	if (len && s[len - 1] == '\r') /* CRLF, as spreadsheets write it */
		len--;
	if (memchr(s, '\0', len))
		return bad(r, "a NUL byte: not a text file");
	if (is_empty(s, len))
		return 0;
	if (!r->inv->format) {
		r->inv->format = memchr(s, ',', len) ? INVENTORY_CSV : INVENTORY_LINES;
		if (r->inv->format == INVENTORY_CSV)
			return csv_header(r, s, len);
	}
	return r->inv->format == INVENTORY_CSV ? csv_line(r, s, len) : plain_line(r, s, len);
}

static int
read_all(struct rd *r, const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 BOM (spreadsheets) */
		i = 3;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;
		r->lineno++;
		if (end - i >= INVENTORY_LINE_MAX)
			return bad(r, "longer than %d bytes", INVENTORY_LINE_MAX - 1);
		if (one_line(r, buf + i, end - i) < 0)
			return -1;
		i = end + 1;
	}
	if (!r->inv->nsites) {
		snprintf(r->err, r->errlen, "no sites: every line is blank or a comment%s",
			 r->inv->format == INVENTORY_CSV ? " or the header" : "");
		return -1;
	}
	return 0;
}

int
inventory_parse(const char *buf, size_t len, struct inventory *inv, char *err, size_t errlen)
{
	struct rd r = { .inv = inv, .err = err, .errlen = errlen };
	int rc;

	memset(inv, 0, sizeof(*inv));
	rc = read_all(&r, buf, len);
	free(r.hash);
	if (rc < 0)
		inventory_free(inv);
	return rc;
}

void
inventory_free(struct inventory *inv)
{
	for (size_t i = 0; i < inv->nsites; i++) {
		struct inventory_site *s = &inv->sites[i];
		free(s->name);
		free(s->wan);
		for (size_t k = 0; k < s->ntunnels; k++)
			free(s->tunnels[k]);
		free(s->vendor);
		free(s->esp);
		free(s->line);
		free(s->config);
	}
	free(inv->sites);
	memset(inv, 0, sizeof(*inv));
}
