/* SPDX-License-Identifier: BSD-2-Clause */
/* Recognises router configuration formats mtuprobe does not read, by the
 * commands only they have (src/config/foreign.h). One table row per format;
 * each row lists marker patterns, and each pattern is either unmistakable
 * (one line names the format) or one piece of evidence among several.
 *
 * A marker is admitted only when none of the formats we read can write it:
 * Yamaha RTX ("ip tunnel", "tunnel select", "ipsec ike", "pp select"), NEC IX
 * ("interface GigaEthernet0.1", "interface Tunnel0.0", "ip tcp adjust-mss",
 * "ike policy", "ipsec autokey-map", "tunnel mode ipsec"), strongSwan
 * swanctl.conf ("connections {", "children {", "key = value" with
 * underscore names), strongSwan/Libreswan ipsec.conf ("config setup",
 * "conn NAME", "left=", "leftsubnet=", "auto=": config/ipsecconf.c reads
 * them), and FortiOS ("config vpn ipsec ...", "config system interface",
 * "edit", "set KEY VALUE": config/fortios.c reads them); no row here may
 * claim them; nor Juniper Junos in both forms ("set security ike ...",
 * "interfaces st0", the hierarchy's "bind-interface st0.1;": config/junos.c)
 * and VyOS ("set vpn ipsec ...", "interfaces vti": config/vyos.c); nor Cisco
 * IOS/IOS-XE ("crypto isakmp policy", "crypto keyring", "crypto ipsec
 * transform-set", "tunnel protection ipsec profile": config/ios.c).
 * tests/unit/config/test_foreign.c runs every file we read in the tree
 * through this and expects 0. */
#include "config/foreign.h"
#include "base/count.h"

#include <string.h>

#define FOREIGN_MAX_TOK 16

/* A marker: words separated by single spaces, matched against the first
 * tokens of a trimmed line (blanks around '=' removed, so "left = x" reads
 * as "left=x"). "*" alone is any token, "#" a decimal number, "$" the end
 * of the line; elsewhere '*' stands for any bytes within one token
 * ("st0*", "*;", "*=*"). */
struct foreign_mark {
	const char *pattern;
	int strong; /* 1: this line alone names the format */
};

struct foreign_row {
	const char *name; /* for the user */
	const struct foreign_mark *marks;
	size_t nmarks;
	unsigned need; /* evidence lines needed without a strong mark */
};

#define ROW(name, marks, need) \
	{ \
		name, marks, COUNT(marks), need \
	}

/* Cisco ASA, in the shape of AWS's sample (the same repository,
 * doc_source/Cisco_ASA.md). Strong: the
 * running-config banner, tunnel groups with their type, the ikev1/ikev2
 * keywords ASA puts where IOS has none, "sysopt connection tcpmss" (IOS
 * clamps per interface). Weak: the one-line crypto map form, ACL and
 * interface words that IOS-XE has in other shapes. */
/* clang-format off */
static const struct foreign_mark asa_marks[] = {
	{ "ASA Version *", 1 },
	{ "tunnel-group * type *", 1 },
	{ "crypto ipsec ikev1 transform-set *", 1 },
	{ "crypto ipsec ikev2 ipsec-proposal *", 1 },
	{ "crypto ikev1 policy #", 1 },
	{ "crypto ikev1 enable *", 1 },
	{ "crypto ikev2 enable *", 1 },
	{ "crypto isakmp enable *", 1 },
	{ "sysopt connection tcpmss *", 1 },
	{ "tunnel-group *", 0 },
	{ "group-policy *", 0 },
	{ "crypto map * # set *", 0 },
	{ "crypto map * # match address *", 0 },
	{ "crypto map * interface *", 0 },
	{ "crypto ipsec df-bit clear-df *", 0 },
	{ "crypto isakmp identity *", 0 },
	{ "isakmp keepalive *", 0 },
	{ "access-list * extended *", 0 },
	{ "nameif *", 0 },
	{ "security-level #", 0 },
	{ "same-security-traffic *", 0 },
	{ "object network *", 0 },
};
/* clang-format on */

/* MikroTik RouterOS exports are read (config/routeros.c), no longer foreign;
 * nor are Juniper Junos (config/junos.c) and VyOS (config/vyos.c). */

/* Palo Alto PAN-OS, set or edit form (AWS's sample,
 * github.com/awsdocs/amazon-vpc-network-administrator-guide, doc_source/palo-alto.md) and
 * the saved XML. Strong: the network ike / tunnel ipsec trees and the XML
 * root element. */
/* clang-format off */
static const struct foreign_mark panos_marks[] = {
	{ "set network ike *", 1 },
	{ "set network tunnel ipsec *", 1 },
	{ "edit network ike *", 1 },
	{ "edit network tunnel ipsec *", 1 },
	{ "<config version=*", 1 },
	{ "set network interface tunnel *", 0 },
	{ "edit network interface tunnel*", 0 },
	{ "edit network virtual-router *", 0 },
	{ "set deviceconfig *", 0 },
};
/* clang-format on */

/* need = 2 for every row: a single weak line may be a coincidence (a word in
 * a letter, one pasted line); two independent ones are a format. Row order
 * breaks ties. Cisco IOS/IOS-XE is read (config/ios.c) and has no row: an
 * IOS file shares at most one weak line with ASA's row, so it is not named
 * ASA; an ASA file is refused by its strong lines. */
/* clang-format off */
static const struct foreign_row rows[] = {
	ROW("Cisco ASA", asa_marks, 2),
	ROW("Palo Alto PAN-OS", panos_marks, 2),
};
/* clang-format on */

#define NROWS COUNT(rows)

/* One line as the markers see it. */
struct fline {
	char text[FOREIGN_LINE_MAX];
	const char *tok[FOREIGN_MAX_TOK];
	size_t toklen[FOREIGN_MAX_TOK];
	size_t ntok;
};

/* What one row has seen so far. */
struct tally {
	unsigned evidence; /* lines matching any of its marks */
	unsigned strong;   /* of which matched a strong mark */
	unsigned line;     /* the first of them */
	size_t off, len;   /* where that line is in buf */
};

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* The first FOREIGN_LINE_MAX - 1 bytes after the leading blanks, trailing
 * blanks cut, NUL shown as '?', blanks around '=' dropped. */
static void
copy_line(struct fline *l, const char *s, size_t n)
{
	size_t a = 0, b, k = 0;

	while (a < n && blank(s[a]))
		a++;
	b = n - a > FOREIGN_LINE_MAX - 1 ? a + FOREIGN_LINE_MAX - 1 : n;
	while (b > a && blank(s[b - 1]))
		b--;
	for (size_t i = a; i < b; i++) {
		char ch = s[i] ? s[i] : '?';
		if (ch == '=') {
			while (k > 0 && blank(l->text[k - 1]))
				k--;
			while (i + 1 < b && blank(s[i + 1]))
				i++;
		}
		l->text[k++] = ch;
	}
	l->text[k] = '\0';
}

static void
tokenize(struct fline *l)
{
	const char *p = l->text;

	l->ntok = 0;
	while (*p && l->ntok < FOREIGN_MAX_TOK) {
		while (blank(*p))
			p++;
		if (!*p)
			break;
		l->tok[l->ntok] = p;
		while (*p && !blank(*p))
			p++;
		l->toklen[l->ntok] = (size_t)(p - l->tok[l->ntok]);
		l->ntok++;
	}
}

/* '#' (RTX, swanctl, ipsec.conf, Junos, FortiOS, RouterOS, VyOS) and '!'
 * (IX, Cisco) begin comment lines; so do XML comments and Junos' C-style
 * comments, which may run over several lines (*block: inside one; its end
 * is looked for in the part of the line that was read). A blank line says
 * nothing either. */
static int
comment(const char *t, int *block)
{
	if (*block) {
		*block = strstr(t, "*/") == NULL;
		return 1;
	}
	if (strncmp(t, "/*", 2) == 0) {
		*block = strstr(t + 2, "*/") == NULL;
		return 1;
	}
	return !t[0] || t[0] == '#' || t[0] == '!' || strncmp(t, "<!--", 4) == 0;
}

/* Classic glob with '*' only: on a mismatch the last '*' takes one more
 * byte. Both sides are short (a token is cut at FOREIGN_LINE_MAX). */
static int
glob(const char *p, size_t pn, const char *t, size_t tn)
{
	size_t i = 0, j = 0, star = (size_t)-1, mark = 0;

	while (j < tn) {
		if (i < pn && p[i] == '*') {
			star = i++;
			mark = j;
		} else if (i < pn && p[i] == t[j]) {
			i++;
			j++;
		} else if (star != (size_t)-1) {
			i = star + 1;
			j = ++mark;
		} else {
			return 0;
		}
	}
	while (i < pn && p[i] == '*')
		i++;
	return i == pn;
}

static int
word_match(const char *p, size_t pn, const char *t, size_t tn)
{
	if (pn == 1 && p[0] == '#') {
		for (size_t i = 0; i < tn; i++)
			if (t[i] < '0' || t[i] > '9')
				return 0;
		return tn > 0;
	}
	return glob(p, pn, t, tn);
}

static int
mark_match(const char *p, const struct fline *l)
{
	size_t i = 0;

	while (*p) {
		size_t w = strcspn(p, " ");
		if (w == 1 && p[0] == '$') {
			if (i != l->ntok)
				return 0;
		} else if (i >= l->ntok || !word_match(p, w, l->tok[i], l->toklen[i])) {
			return 0;
		}
		i++;
		p += w;
		p += *p == ' ';
	}
	return 1;
}

/* Counts the line for every row that has a mark for it (once per row). */
static void
score_line(struct tally *t, const struct fline *l, unsigned no, size_t off, size_t len)
{
	for (size_t r = 0; r < NROWS; r++) {
		int hit = 0, strong = 0;
		for (size_t m = 0; m < rows[r].nmarks; m++) {
			if (mark_match(rows[r].marks[m].pattern, l)) {
				hit = 1;
				strong |= rows[r].marks[m].strong;
			}
		}
		if (!hit)
			continue;
		if (!t[r].evidence++) {
			t[r].line = no;
			t[r].off = off;
			t[r].len = len;
		}
		t[r].strong += strong != 0;
	}
}

/* The row with the most evidence among those that qualify; -1 for none. */
static int
winner(const struct tally *t)
{
	int best = -1;

	for (size_t r = 0; r < NROWS; r++) {
		if (!t[r].strong && t[r].evidence < rows[r].need)
			continue;
		if (best < 0 || t[r].evidence > t[best].evidence)
			best = (int)r;
	}
	return best;
}

/* The evidence line as the user wrote it: trimmed, cut to fit (never in the
 * middle of a UTF-8 sequence), control bytes shown as '?'. */
static void
quote(char *dst, size_t size, const char *s, size_t n)
{
	size_t a = 0, b, k = 0;

	while (a < n && blank(s[a]))
		a++;
	b = n - a > FOREIGN_LINE_MAX ? a + FOREIGN_LINE_MAX : n;
	while (b > a && blank(s[b - 1]))
		b--;
	if (b - a > size - 1) {
		b = a + size - 1;
		while (b > a && ((unsigned char)s[b] & 0xc0) == 0x80)
			b--;
	}
	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)s[i];
		dst[k++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	dst[k] = '\0';
}

int
config_foreign_detect(const char *buf, size_t len, struct config_foreign *out)
{
	struct tally t[NROWS];
	struct fline l;
	size_t pos = 0;
	unsigned no = 0, lines = 0;
	int r, block = 0;

	memset(t, 0, sizeof(t));
	if (out)
		memset(out, 0, sizeof(*out));
	while (buf && pos < len) {
		const char *s = buf + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		pos += n + (nl != NULL);
		no += no < 0xffffffffu;
		copy_line(&l, s, n);
		if (comment(l.text, &block))
			continue;
		lines += lines < 0xffffffffu;
		tokenize(&l);
		score_line(t, &l, no, (size_t)(s - buf), n);
	}
	r = winner(t);
	if (r < 0)
		return 0;
	if (out) {
		out->name = rows[r].name;
		out->line = t[r].line;
		out->evidence = t[r].evidence;
		out->lines = lines;
		quote(out->why, sizeof(out->why), buf + t[r].off, t[r].len);
	}
	return 1;
}
