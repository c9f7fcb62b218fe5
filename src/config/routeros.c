/* SPDX-License-Identifier: BSD-2-Clause */
/* MikroTik RouterOS: the text `/export` (and `export verbose`) prints, v6
 * and v7 (MikroTik manual, "Command Line Interface" and "IPsec",
 * help.mikrotik.com/docs/display/ROS; facts in doc/config-grammar.md and
 * doc/router-facts.md).
 *
 * The grammar: a menu path line ("/ip ipsec peer") opens a menu, and the
 * commands after it ("add key=value ...", "set [ find default=yes ]
 * key=value", "set NAME key=value", "remove ...") act in it until the next
 * path; a path may also begin a command on its own line ("/ip ipsec peer
 * add ..."), and v7 writes it with slashes ("/ip/ipsec/peer"). A line
 * ending in a backslash continues on the next (the export wraps at about
 * 80 columns, the continuation indented, sometimes in the middle of a
 * value): the command keeps its first line's number. Values may be
 * double-quoted with backslash escapes (\" \\ \_ for a blank, \XX hex).
 * '#' begins a comment line; the header "# ... by RouterOS 7.12" says
 * which major version wrote it, and some menus and keys exist in only one
 * (v7 /routing bgp connection, v6 /routing bgp peer; DPD on the v6 peer
 * before 6.43, on the profile since).
 *
 * The /ip ipsec menus' keys are checked against the manual's property
 * lists, so a key or value the router rejects is an invalid line; other
 * menus are known by their path and read only for the keys the audit
 * needs (interface MTUs, change-mss rules, addresses, BGP neighbours).
 * Everything is kept as the objects RouterOS has (profile, peer,
 * proposal, identity, policy) and turned into the site model afterwards
 * (config/routeros_model.c). Secrets (identity secret=, the v6 peer's
 * secret=, ipsec-secret=, password=) are digested or dropped and never
 * kept in a line's text. */
#include "config/routeros_int.h"
#include "base/count.h"
#include "base/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum ros_menu {
	M_OTHER,
	M_PROFILE,
	M_PEER,
	M_PROPOSAL,
	M_POLICY,
	M_IDENTITY,
	M_MANGLE,
	M_MANGLE6,
	M_ETHERNET,
	M_PPPOE,
	M_GRE,
	M_IPIP,
	M_EOIP,
	M_BGP_CONN,
	M_BGP_PEER,
	M_ADDRESS,
};

/* What a value must be (the manual's property types). */
enum vk { VK_ANY, VK_TIME, VK_DPD, VK_INT, VK_YESNO, VK_WORDS, VK_PREFIX, VK_SECRET };

struct ros_key {
	const char *key;
	enum vk kind;
	long lo, hi;              /* VK_INT */
	const char *const *words; /* VK_WORDS: each item of a comma list is one of these */
	int only;                 /* 6 or 7: the key exists in that major version only; 0 both */
};

struct ros_menu_row {
	const char *path;
	enum ros_menu m;
	const struct ros_key *keys; /* NULL: keys not checked (menus read for a few keys) */
	size_t nkeys;
	int only; /* 6 or 7: the menu exists in that version only */
};

static const char *const w_yesno[] = { "yes", "no", NULL };
static const char *const w_dh[] = { "modp768",  "modp1024",   "modp1536", "modp2048",
				    "modp3072", "modp4096",   "modp6144", "modp8192",
				    "ecp256",   "ecp384",     "ecp521",   "ec2n155",
				    "ec2n185",  "curve25519", "none",     NULL };
static const char *const w_enc1[] = {
	"3des",         "aes-128",      "aes-192",      "aes-256", "blowfish",
	"camellia-128", "camellia-192", "camellia-256", "des",     NULL
};
static const char *const w_hash[] = { "md5", "sha1", "sha256", "sha384", "sha512", NULL };
static const char *const w_prf[] = { "auto", "sha1", "sha256", "sha384", "sha512", NULL };
static const char *const w_check[] = { "claim", "exact", "obey", "strict", NULL };
/* exchange-mode: main-l2tp is RouterOS's main mode for L2TP/IPsec clients
 * (MikroTik manual, IPsec, "Basic L2TP/IPsec setup": the dynamic peer the
 * L2TP server adds prints exchange-mode=main-l2tp; doc/vendor-syntax.md) */
static const char *const w_mode[] = { "main", "aggressive", "base", "ike2", "main-l2tp", NULL };
static const char *const w_auth[] = { "md5", "null", "sha1", "sha256", "sha512", "", NULL };
static const char *const w_enc2[] = { "null",
				      "des",
				      "3des",
				      "aes-128-cbc",
				      "aes-192-cbc",
				      "aes-256-cbc",
				      "aes-128-ctr",
				      "aes-192-ctr",
				      "aes-256-ctr",
				      "aes-128-gcm",
				      "aes-192-gcm",
				      "aes-256-gcm",
				      "blowfish",
				      "camellia-128",
				      "camellia-192",
				      "camellia-256",
				      "twofish",
				      "chacha20poly1305",
				      NULL };
static const char *const w_level[] = { "require", "unique", "use", NULL };
static const char *const w_action[] = { "discard", "encrypt", "none", NULL };
static const char *const w_proto[] = { "ah", "esp", NULL };
static const char *const w_authm[] = { "digital-signature",
				       "eap",
				       "eap-radius",
				       "pre-shared-key",
				       "pre-shared-key-xauth",
				       "rsa-key",
				       "rsa-signature-hybrid",
				       "rsa-signature",
				       NULL };
static const char *const w_genpol[] = { "no", "port-override", "port-strict", NULL };

#define YN(k) \
	{ \
		k, VK_YESNO, 0, 0, w_yesno, 0 \
	}
#define ANY(k) \
	{ \
		k, VK_ANY, 0, 0, NULL, 0 \
	}

/* MikroTik manual, IPsec: Profiles */
/* clang-format off */
static const struct ros_key k_profile[] = {
	{ "dh-group", VK_WORDS, 0, 0, w_dh, 0 }, { "dpd-interval", VK_DPD, 0, 0, NULL, 0 },
	{ "dpd-maximum-failures", VK_INT, 1, 100, NULL, 0 },
	{ "enc-algorithm", VK_WORDS, 0, 0, w_enc1, 0 }, { "hash-algorithm", VK_WORDS, 0, 0, w_hash, 0 },
	{ "prf-algorithm", VK_WORDS, 0, 0, w_prf, 7 }, ANY("lifebytes"),
	{ "lifetime", VK_TIME, 0, 0, NULL, 0 }, ANY("name"), YN("nat-traversal"),
	{ "proposal-check", VK_WORDS, 0, 0, w_check, 0 }, ANY("comment"), ANY("copy-from"),
};
/* clang-format on */

/* MikroTik manual, IPsec: Peers; the v6 keys before profiles (6.43) */
/* clang-format off */
static const struct ros_key k_peer[] = {
	{ "address", VK_PREFIX, 0, 0, NULL, 0 }, ANY("comment"), YN("disabled"),
	{ "exchange-mode", VK_WORDS, 0, 0, w_mode, 0 }, { "local-address", VK_PREFIX, 0, 0, NULL, 0 },
	ANY("name"), YN("passive"), { "port", VK_INT, 0, 65535, NULL, 0 }, ANY("profile"),
	YN("send-initial-contact"), ANY("copy-from"),
	{ "secret", VK_SECRET, 0, 0, NULL, 6 }, { "auth-method", VK_WORDS, 0, 0, w_authm, 6 },
	{ "dpd-interval", VK_DPD, 0, 0, NULL, 6 }, { "dpd-maximum-failures", VK_INT, 1, 100, NULL, 6 },
	{ "dh-group", VK_WORDS, 0, 0, w_dh, 6 }, { "enc-algorithm", VK_WORDS, 0, 0, w_enc1, 6 },
	{ "hash-algorithm", VK_WORDS, 0, 0, w_hash, 6 }, { "lifetime", VK_TIME, 0, 0, NULL, 6 },
	{ "lifebytes", VK_ANY, 0, 0, NULL, 6 }, { "nat-traversal", VK_YESNO, 0, 0, w_yesno, 6 },
	{ "proposal-check", VK_WORDS, 0, 0, w_check, 6 },
	{ "generate-policy", VK_WORDS, 0, 0, w_genpol, 6 },
	{ "policy-template-group", VK_ANY, 0, 0, NULL, 6 }, { "my-id", VK_ANY, 0, 0, NULL, 6 },
	{ "certificate", VK_ANY, 0, 0, NULL, 6 }, { "remote-certificate", VK_ANY, 0, 0, NULL, 6 },
	{ "mode-config", VK_ANY, 0, 0, NULL, 6 }, { "compatibility-options", VK_ANY, 0, 0, NULL, 6 },
	{ "xauth-login", VK_ANY, 0, 0, NULL, 6 }, { "xauth-password", VK_SECRET, 0, 0, NULL, 6 },
};
/* clang-format on */

/* MikroTik manual, IPsec: Proposals */
/* clang-format off */
static const struct ros_key k_proposal[] = {
	{ "auth-algorithms", VK_WORDS, 0, 0, w_auth, 0 }, ANY("comment"), YN("disabled"),
	{ "enc-algorithms", VK_WORDS, 0, 0, w_enc2, 0 }, { "lifetime", VK_TIME, 0, 0, NULL, 0 },
	ANY("lifebytes"), ANY("name"), { "pfs-group", VK_WORDS, 0, 0, w_dh, 0 }, ANY("copy-from"),
};
/* clang-format on */

/* MikroTik manual, IPsec: Policies (priority: before 6.40) */
/* clang-format off */
static const struct ros_key k_policy[] = {
	{ "action", VK_WORDS, 0, 0, w_action, 0 }, ANY("comment"), YN("disabled"),
	{ "dst-address", VK_PREFIX, 0, 0, NULL, 0 }, ANY("dst-port"), ANY("group"),
	{ "ipsec-protocols", VK_WORDS, 0, 0, w_proto, 0 }, { "level", VK_WORDS, 0, 0, w_level, 0 },
	ANY("peer"), ANY("proposal"), ANY("protocol"), { "src-address", VK_PREFIX, 0, 0, NULL, 0 },
	ANY("src-port"), YN("template"), YN("tunnel"), { "sa-dst-address", VK_PREFIX, 0, 0, NULL, 0 },
	{ "sa-src-address", VK_PREFIX, 0, 0, NULL, 0 }, { "priority", VK_ANY, 0, 0, NULL, 6 },
	ANY("place-before"), ANY("copy-from"),
};
/* clang-format on */

/* MikroTik manual, IPsec: Identities */
/* clang-format off */
static const struct ros_key k_identity[] = {
	{ "auth-method", VK_WORDS, 0, 0, w_authm, 0 }, ANY("certificate"), ANY("comment"),
	YN("disabled"), ANY("eap-methods"), { "generate-policy", VK_WORDS, 0, 0, w_genpol, 0 },
	ANY("key"), ANY("match-by"), ANY("mode-config"), ANY("my-id"), ANY("notrack-chain"),
	{ "password", VK_SECRET, 0, 0, NULL, 0 }, ANY("peer"), ANY("policy-template-group"),
	ANY("remote-certificate"), ANY("remote-id"), ANY("remote-key"),
	{ "secret", VK_SECRET, 0, 0, NULL, 0 }, ANY("username"), ANY("copy-from"),
};
/* clang-format on */

#define KEYS(k) k, COUNT(k)
/* clang-format off */
static const struct ros_menu_row menus[] = {
	{ "/ip ipsec profile", M_PROFILE, KEYS(k_profile), 0 },
	{ "/ip ipsec peer", M_PEER, KEYS(k_peer), 0 },
	{ "/ip ipsec proposal", M_PROPOSAL, KEYS(k_proposal), 0 },
	{ "/ip ipsec policy", M_POLICY, KEYS(k_policy), 0 },
	{ "/ip ipsec identity", M_IDENTITY, KEYS(k_identity), 0 },
	{ "/ip firewall mangle", M_MANGLE, NULL, 0, 0 },
	{ "/ipv6 firewall mangle", M_MANGLE6, NULL, 0, 0 },
	{ "/interface ethernet", M_ETHERNET, NULL, 0, 0 },
	{ "/interface pppoe-client", M_PPPOE, NULL, 0, 0 },
	{ "/interface gre", M_GRE, NULL, 0, 0 },
	{ "/interface ipip", M_IPIP, NULL, 0, 0 },
	{ "/interface eoip", M_EOIP, NULL, 0, 0 },
	{ "/routing bgp connection", M_BGP_CONN, NULL, 0, 7 },
	{ "/routing bgp peer", M_BGP_PEER, NULL, 0, 6 },
	{ "/ip address", M_ADDRESS, NULL, 0, 0 },
};
/* clang-format on */

/* The top-level menus of /export (the manual's command line reference):
 * a path under one of them is a menu the audit does not need. */
/* clang-format off */
static const char *const top_menus[] = {
	"/interface", "/ip", "/ipv6", "/system", "/routing", "/tool", "/user", "/snmp",
	"/certificate", "/ppp", "/queue", "/disk", "/file", "/radius", "/port", "/container",
	"/caps-man", "/mpls", "/lcd", "/iot", "/zerotier", "/dude", "/special-login", "/console",
	"/user-manager", "/partitions", "/log", "/lora", "/openflow", "/task", "/app", "/wifi",
	"/interface", "/ipsec", "/snmp", "/beep", "/driver", "/store", "/certificate", "/int",
};
/* clang-format on */

static const struct ros_menu_row other_row = { "(other)", M_OTHER, NULL, 0, 0 };

/* The verbs a command line begins with in an export (and a few a
 * hand-written script uses). */
static const char *const verbs[] = { "add",     "set",  "remove",  "unset", "enable",
				     "disable", "move", "comment", "reset", "print",
				     "export",  "edit", "find" };

/* ---- one command ------------------------------------------------------- */

struct word {
	char *s;   /* decoded, NUL-ended */
	char *val; /* after the first unquoted '=', NULL none */
	int quoted;
};

struct cmd {
	const struct ros_menu_row *menu;
	const char *verb;
	const char *target; /* set NAME, or the find selector's name= / default-name= */
	int find_default;   /* [ find default=yes ] */
	char find_key[24];  /* the find selector's key, "" none */
	struct word *kv;
	size_t nkv;
	unsigned *kvword;  /* 1-based word of each kv in the line */
	struct cfg_line l; /* no, text (secrets masked), tok: the values */
};

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Splits s into words written to out (room for 2 * strlen(s) + 2 bytes):
 * blanks separate, a quoted part keeps its blanks and loses its quotes and
 * escapes (\" \\ \_ a blank, \XX a byte in hex), '[' and ']' are words of
 * their own, and a placeholder written with blanks ("<VPN Gateway IP>")
 * stays one word. -1 for a quote that does not close. */
static int
split(const char *s, char *out, struct word **w, size_t *n, size_t *cap, struct config *c)
{
	const char *r = s;

	*n = 0;
	for (;;) {
		int q = 0, angle = 0, quoted = 0;
		char *start, *val = NULL;
		struct word *nw;

		while (is_blank(*r))
			r++;
		if (!*r)
			return 0;
		if (*n >= *cap) {
			size_t want = *cap ? *cap * 2 : 32;
			struct word *p = realloc(*w, want * sizeof(**w));
			if (!p) {
				c->nomem = 1;
				return -1;
			}
			*w = p;
			*cap = want;
		}
		nw = &(*w)[(*n)++];
		start = out;
		if (*r == '[' || *r == ']') {
			*out++ = *r++;
			*out++ = '\0';
			*nw = (struct word){ start, NULL, 0 };
			continue;
		}
		while (*r) {
			char ch = *r;
			if (q) {
				if (ch == '"') {
					q = 0;
					r++;
				} else if (ch == '\\' && r[1]) {
					int a = hexval(r[1]), b = a >= 0 ? hexval(r[2]) : -1;
					if (a >= 0 && b >= 0) {
						*out++ = (char)(a * 16 + b);
						r += 3;
					} else {
						*out++ = r[1] == '_'   ? ' '
							 : r[1] == 'n' ? '\n'
							 : r[1] == 't' ? '\t'
								       : r[1];
						r += 2;
					}
				} else {
					*out++ = ch;
					r++;
				}
				continue;
			}
			if (ch == '"') {
				q = quoted = 1;
				r++;
				continue;
			}
			if (ch == '<')
				angle = 1;
			else if (ch == '>')
				angle = 0;
			if ((is_blank(ch) && !angle) || ch == ']' || (ch == '[' && out == start))
				break;
			if (ch == '=' && !val) {
				*out++ = '\0';
				val = out;
			} else {
				*out++ = ch;
			}
			r++;
		}
		if (q)
			return -1;
		*out++ = '\0';
		*nw = (struct word){ start, val, quoted };
	}
}

static int
in_list(const char *const *w, const char *s)
{
	for (; *w; w++)
		if (strcmp(*w, s) == 0)
			return 1;
	return 0;
}

/* RouterOS time values (the manual's "time" type): "30s", "2m", "1h2m3s",
 * "1w2d", "00:02:00", "1d 00:00:00" written "1d00:00:00", "500ms", a plain
 * number of seconds. Seconds, rounded down; -1 when it is none of them. */
long
ros_seconds(const char *s)
{
	long total = 0;
	int any = 0;

	if (!s || !*s)
		return -1;
	while (*s) {
		long v = 0;
		size_t n = 0;
		while (s[n] >= '0' && s[n] <= '9') {
			if (v > 100000000L)
				return -1;
			v = v * 10 + (s[n] - '0');
			n++;
		}
		if (!n)
			return -1;
		s += n;
		if (*s == ':') {
			/* hh:mm:ss (after an optional day count) */
			long m = 0, sec = 0;
			if (!(s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
			      s[3] == ':' && s[4] >= '0' && s[4] <= '9' && s[5] >= '0' &&
			      s[5] <= '9'))
				return -1;
			m = (s[1] - '0') * 10 + (s[2] - '0');
			sec = (s[4] - '0') * 10 + (s[5] - '0');
			if (m > 59 || sec > 59)
				return -1;
			total += v * 3600 + m * 60 + sec;
			s += 6;
			/* fractions of a second ("00:00:00.5") are dropped */
			if (*s == '.') {
				s++;
				while (*s >= '0' && *s <= '9')
					s++;
			}
			return *s ? -1 : total;
		}
		if (strncmp(s, "ms", 2) == 0) {
			total += v / 1000;
			s += 2;
		} else if (*s == 'w') {
			total += v * 604800;
			s++;
		} else if (*s == 'd') {
			total += v * 86400;
			s++;
		} else if (*s == 'h') {
			total += v * 3600;
			s++;
		} else if (*s == 'm') {
			total += v * 60;
			s++;
		} else if (*s == 's') {
			total += v;
			s++;
		} else if (!*s && !any) {
			return v;
		} else {
			return -1;
		}
		any = 1;
	}
	return total;
}

int
ros_placeholder(const char *v)
{
	const char *p;

	return config_has_placeholder(v) || ((p = strchr(v, '<')) && strchr(p + 1, '>') > p + 1);
}

static int
secret_key(const char *k)
{
	return strstr(k, "secret") || strstr(k, "password") || strstr(k, "pre-shared-key") ||
	       strstr(k, "passphrase");
}

/* The value's check by its key's kind: 0, or -1 after cfg_bad. */
static int
check_value(struct config *c, const struct cmd *m, const struct ros_key *k, const struct word *w,
	    unsigned word)
{
	const char *v = w->val;
	long n;

	if (ros_placeholder(v))
		return 0;
	switch (k->kind) {
	case VK_ANY:
	case VK_SECRET: return 0;
	case VK_TIME:
		return ros_seconds(v) >= 0
			       ? 0
			       : cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_NUMBER);
	case VK_DPD:
		return strcmp(v, "disable-dpd") == 0 || ros_seconds(v) >= 0
			       ? 0
			       : cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_NUMBER);
	case VK_INT:
		if (cfg_number(v, 0, 100000000L, &n) < 0)
			return cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_NUMBER);
		return n >= k->lo && n <= k->hi ? 0 : cfg_bad_range(c, &m->l, word, k->lo, k->hi);
	case VK_YESNO:
		return in_list(w_yesno, v)
			       ? 0
			       : cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_ONOFF);
	case VK_WORDS: {
		/* every word of the list, however long (no part left unchecked) */
		char *buf = strdup(v), *save = NULL;
		int bad = 0;
		if (!buf) {
			c->nomem = 1;
			return -1;
		}
		if (!*buf)
			bad = !in_list(k->words, "");
		for (char *t = strtok_r(buf, ",", &save); t && !bad; t = strtok_r(NULL, ",", &save))
			bad = !in_list(k->words, t);
		free(buf);
		return bad ? cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_KEYWORD) : 0;
	}
	case VK_PREFIX: {
		uint32_t a;
		unsigned p;
		/* IPv6 and names are the router's to judge; an IPv4 one must be one */
		if (strchr(v, ':') || !*v || !isdigit((unsigned char)v[0]))
			return 0;
		return cfg_prefix(v, &a, &p) == 0
			       ? 0
			       : cfg_bad(c, &m->l, CONFIG_BAD_ARG, word, CONFIG_ARG_PREFIX);
	}
	}
	return 0;
}

/* A key's value in the command, or NULL. */
static const struct word *
kv(const struct cmd *m, const char *key)
{
	for (size_t i = m->nkv; i-- > 0;)
		if (strcmp(m->kv[i].s, key) == 0)
			return &m->kv[i];
	return NULL;
}

static const char *
val(const struct cmd *m, const char *key)
{
	const struct word *w = kv(m, key);

	return w ? w->val : NULL;
}

void
ros_val_set(struct ros_val *d, long v, unsigned line, const char *text)
{
	d->v = v;
	d->line = line;
	d->tmpl = 0;
	cfg_copy(d->text, sizeof(d->text), text);
}

/* The setting as a command that puts it back: "PATH set [ find KEY="NAME" ]
 * k=v ..." with the keys of keys[] this command states. The audit quotes
 * it as the setting's line and the rollback pastes it (the export's own
 * "add ..." line would add a second object). "" when it does not fit. */
/* s as a RouterOS value: quoted, with " and \ escaped, when it needs it. */
static size_t
quote_value(char *out, size_t len, const char *s, int always)
{
	size_t k = 0;

	if (!always && *s && !strpbrk(s, " \t\"\\;$[]{}"))
		return (size_t)snprintf(out, len, "%s", s);
	k += (size_t)snprintf(out, len, "\"");
	for (; *s && k < len; s++)
		k += (size_t)snprintf(out + k, len - k, *s == '"' || *s == '\\' ? "\\%c" : "%c",
				      *s);
	if (k < len)
		k += (size_t)snprintf(out + k, len - k, "\"");
	return k;
}

static void
restore_text(const struct cmd *m, const char *findkey, const char *name, const char *const *keys,
	     char *out, size_t len)
{
	size_t k;

	out[0] = '\0';
	if (!name)
		return;
	if (m->find_default && strcmp(findkey, "name") == 0) {
		k = (size_t)snprintf(out, len, "%s set [ find default=yes ]", m->menu->path);
	} else {
		k = (size_t)snprintf(out, len, "%s set [ find %s=", m->menu->path, findkey);
		if (k < len)
			k += quote_value(out + k, len - k, name, 1);
		if (k < len)
			k += (size_t)snprintf(out + k, len - k, " ]");
	}
	for (; *keys && k < len; keys++) {
		const char *v = val(m, *keys);
		if (!v)
			continue;
		k += (size_t)snprintf(out + k, len - k, " %s=", *keys);
		if (k < len)
			k += quote_value(out + k, len - k, v, 0);
	}
	if (k >= len)
		out[0] = '\0';
}

/* A time or number key into d: 0 set, -1 not there. Placeholders: tmpl. */
static void
take(const struct cmd *m, const char *key, struct ros_val *d, int time)
{
	const char *v = val(m, key);
	long n = -1;

	if (!v)
		return;
	if (ros_placeholder(v)) {
		ros_val_set(d, 0, m->l.no, m->l.text);
		d->tmpl = 1;
		return;
	}
	if (time)
		n = strcmp(v, "disable-dpd") == 0 ? -1 : ros_seconds(v);
	else if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
		n = strcmp(v, "yes") == 0;
	else if (cfg_number(v, 0, 100000000L, &n) < 0)
		return;
	ros_val_set(d, n, m->l.no, m->l.text);
}

static void
take_prefix(const struct cmd *m, const char *key, struct config_prefix *p)
{
	const char *v = val(m, key);
	uint32_t a;
	unsigned plen;

	if (!v)
		return;
	if (ros_placeholder(v))
		cfg_set_prefix(p, 0, 0, &m->l), p->tmpl = 1;
	else if (cfg_prefix(v, &a, &plen) == 0)
		cfg_set_prefix(p, a, plen, &m->l);
	else
		cfg_set_prefix(p, 0, CONFIG_PLEN_OTHER, &m->l);
}

/* A peer's address= or local-address=: an IPv4 or IPv6 address or prefix
 * (MikroTik manual, IPsec: Peers, "address (IP/IPv6 Prefix)"); an IPv6 one
 * carries IKE and ESP in IPv6, whose header is 40 bytes (RFC 8200). */
static void
take_outer(const struct cmd *m, const char *key, struct config_prefix *p)
{
	const char *v = val(m, key);

	take_prefix(m, key, p);
	if (v && p->line && !p->tmpl && p->plen == CONFIG_PLEN_OTHER)
		p->v6 = cfg_addr6(v);
}

/* The object a set command names: its name= selector, the bare name, or
 * "default" for [ find default=yes ]. */
static const char *
set_name(const struct cmd *m)
{
	if (m->find_default)
		return "default";
	return m->target;
}

/* ---- the menus --------------------------------------------------------- */

static struct ros_profile *
profile(struct config *c, struct cfg_ctx *x, const char *name, unsigned line)
{
	struct ros_profile *p;

	for (size_t i = 0; i < x->nprofiles; i++)
		if (strcmp(x->profiles[i].name, name) == 0)
			return &x->profiles[i];
	if (!(p = ROS_PUSH(c, x, profiles)))
		return NULL;
	memset(p, 0, sizeof(*p));
	cfg_copy(p->name, sizeof(p->name), name);
	p->line = line;
	return p;
}

static const char *const k_dpd[] = { "dpd-interval", "dpd-maximum-failures", NULL };
static const char *const k_natt[] = { "nat-traversal", NULL };
static const char *const k_passive[] = { "passive", NULL };
static const char *const k_src[] = { "src-address", NULL };
static const char *const k_dst[] = { "dst-address", NULL };

/* The value's text as the command that restores it (restore_text), when
 * it has one. */
static void
restore(struct ros_val *d, const struct cmd *m, const char *findkey, const char *name,
	const char *const *keys)
{
	char t[CONFIG_TEXT];

	if (!d->line || d->line != m->l.no)
		return;
	restore_text(m, findkey, name, keys, t, sizeof(t));
	if (t[0])
		cfg_copy(d->text, sizeof(d->text), t);
}

static int
on_profile(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *name = strcmp(m->verb, "add") == 0 ? val(m, "name") : set_name(m);
	struct ros_profile *p;

	if (!name || !(p = profile(c, x, name, m->l.no)))
		return 0;
	take(m, "dpd-interval", &p->dpd, 1);
	take(m, "dpd-maximum-failures", &p->dpdmax, 0);
	take(m, "nat-traversal", &p->natt, 0);
	take(m, "lifetime", &p->life, 1);
	restore(&p->dpd, m, "name", name, k_dpd);
	restore(&p->dpdmax, m, "name", name, k_dpd);
	restore(&p->natt, m, "name", name, k_natt);
	return 0;
}

static struct ros_peer *
find_peer(struct cfg_ctx *x, const char *name)
{
	for (size_t i = 0; name && i < x->npeers; i++)
		if (strcmp(x->peers[i].name, name) == 0)
			return &x->peers[i];
	return NULL;
}

/* A disabled peer or policy: counted, the first kept (config.disabled). */
static void
count_disabled(struct config *c, const struct cmd *m)
{
	long n = c->disabled.v + 1;

	if (!c->disabled.line)
		cfg_set(&c->disabled, 0, &m->l);
	c->disabled.v = n;
}

static int
on_peer(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	struct ros_peer *p;
	const char *v;

	if (strcmp(m->verb, "add") == 0) {
		if (!(p = ROS_PUSH(c, x, peers)))
			return 0;
		memset(p, 0, sizeof(*p));
		p->line = m->l.no;
		cfg_copy(p->text, sizeof(p->text), m->l.text);
		cfg_copy(p->profile, sizeof(p->profile), "default");
		/* a v6 peer has no name: it is known by its address */
		v = val(m, "name")      ? val(m, "name")
		    : val(m, "address") ? val(m, "address")
					: "peer";
		cfg_copy(p->name, sizeof(p->name), v);
		if (!val(m, "name"))
			p->name[strcspn(p->name, "/")] = '\0';
	} else if (!(p = find_peer(x, set_name(m)))) {
		return 0;
	}
	take_outer(m, "address", &p->addr);
	take_outer(m, "local-address", &p->local);
	if ((v = val(m, "profile"))) {
		cfg_copy(p->profile, sizeof(p->profile), v);
		ros_val_set(&p->profile_set, 0, m->l.no, m->l.text);
	}
	if ((v = val(m, "exchange-mode"))) {
		ros_val_set(&p->mode, strcmp(v, "ike2") == 0 ? 2 : 1, m->l.no, m->l.text);
		p->l2tp = strcmp(v, "main-l2tp") == 0;
	}
	take(m, "passive", &p->passive, 0);
	restore(&p->passive, m, "name", p->name, k_passive);
	take(m, "dpd-interval", &p->dpd, 1);
	take(m, "dpd-maximum-failures", &p->dpdmax, 0);
	take(m, "nat-traversal", &p->natt, 0);
	take(m, "lifetime", &p->life, 1);
	if ((v = val(m, "disabled")))
		p->disabled = strcmp(v, "yes") == 0;
	if (p->disabled)
		count_disabled(c, m);
	if ((v = val(m, "secret")) && config_secret_text(v, &p->psk) == 0) {
		p->psk.line = m->l.no;
		p->psk.tmpl = ros_placeholder(v);
	}
	return 0;
}

static int
on_proposal(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *name = strcmp(m->verb, "add") == 0 ? val(m, "name") : set_name(m);
	struct ros_proposal *p = NULL;
	const char *v;

	if (!name)
		return 0;
	for (size_t i = 0; i < x->nproposals; i++)
		if (strcmp(x->proposals[i].name, name) == 0)
			p = &x->proposals[i];
	if (!p) {
		if (!(p = ROS_PUSH(c, x, proposals)))
			return 0;
		memset(p, 0, sizeof(*p));
		cfg_copy(p->name, sizeof(p->name), name);
	}
	p->line = m->l.no;
	cfg_copy(p->text, sizeof(p->text), m->l.text);
	if ((v = val(m, "enc-algorithms"))) {
		cfg_copy(p->enc, sizeof(p->enc), v);
		p->enc_set = 1;
	}
	if ((v = val(m, "auth-algorithms"))) {
		cfg_copy(p->auth, sizeof(p->auth), v);
		p->auth_set = 1;
	}
	take(m, "lifetime", &p->life, 1);
	return 0;
}

static int
on_identity(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	struct ros_identity *d;
	const char *v;

	if (strcmp(m->verb, "add") != 0 || !(d = ROS_PUSH(c, x, identities)))
		return 0;
	memset(d, 0, sizeof(*d));
	d->line = m->l.no;
	cfg_copy(d->peer, sizeof(d->peer), val(m, "peer") ? val(m, "peer") : "");
	if ((v = val(m, "secret")) && config_secret_text(v, &d->psk) == 0) {
		d->psk.line = m->l.no;
		d->psk.tmpl = ros_placeholder(v);
	}
	return 0;
}

/* The find selector naming this policy alone (config_tunnel.sel_find):
 * peer= with the policy's src-address= and dst-address= as the file writes
 * them. find takes several property=value pairs and returns the items whose
 * values equal all of them (RouterOS console help for find, quoted in
 * MikroTik forum thread 88234; doc/vendor-syntax.md); [ find peer=P ]
 * alone is every policy of the peer. And the command that puts the
 * selectors back once the fix has set both to 0.0.0.0/0 (an address the
 * file does not write is the manual's default, 0.0.0.0/32). Both "" when
 * they do not fit: the fix is then said, not printed. */
static void
policy_find(const struct cmd *m, struct ros_policy *p)
{
	static const char *const keys[] = { "peer", "src-address", "dst-address" };
	char was[2 * CONFIG_TEXT];
	size_t k = 0, w = 0;

	p->find[0] = p->undo[0] = '\0';
	for (size_t i = 0; i < COUNT(keys); i++) {
		const char *v = val(m, keys[i]);
		if (i && w < sizeof(was))
			w += (size_t)snprintf(was + w, sizeof(was) - w, " %s=", keys[i]);
		if (i && w < sizeof(was))
			w += quote_value(was + w, sizeof(was) - w, v ? v : "0.0.0.0/32", 0);
		if (!v)
			continue;
		if (k < sizeof(p->find))
			k += (size_t)snprintf(p->find + k, sizeof(p->find) - k,
					      "%s%s=", k ? " " : "", keys[i]);
		if (k < sizeof(p->find))
			k += quote_value(p->find + k, sizeof(p->find) - k, v, i == 0);
	}
	if (k >= sizeof(p->find) || w >= sizeof(was) || !val(m, "peer")) {
		p->find[0] = '\0';
		return;
	}
	k = (size_t)snprintf(p->undo, sizeof(p->undo), "%s set [ find peer=", m->menu->path);
	if (k < sizeof(p->undo))
		k += quote_value(p->undo + k, sizeof(p->undo) - k, val(m, "peer"), 1);
	if (k < sizeof(p->undo))
		k += (size_t)snprintf(p->undo + k, sizeof(p->undo) - k,
				      " src-address=0.0.0.0/0 dst-address=0.0.0.0/0 ]%s", was);
	if (k >= sizeof(p->undo))
		p->find[0] = p->undo[0] = '\0';
}

static int
on_policy(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	struct ros_policy *p;
	const char *v;

	/* set [ find default=yes ]: the default policy template (group default) */
	if (strcmp(m->verb, "add") != 0) {
		cfg_unread(c, m->l.no);
		return 1;
	}
	if (!(p = ROS_PUSH(c, x, policies)))
		return 0;
	memset(p, 0, sizeof(*p));
	p->line = m->l.no;
	cfg_copy(p->text, sizeof(p->text), m->l.text);
	cfg_copy(p->peer, sizeof(p->peer), val(m, "peer") ? val(m, "peer") : "");
	cfg_copy(p->proposal, sizeof(p->proposal),
		 val(m, "proposal") ? val(m, "proposal") : "default");
	take_prefix(m, "src-address", &p->src);
	take_prefix(m, "dst-address", &p->dst);
	take_prefix(m, "sa-dst-address", &p->sa_dst);
	if (p->peer[0]) {
		char t[CONFIG_TEXT];
		restore_text(m, "peer", p->peer, k_src, t, sizeof(t));
		if (t[0] && p->src.line)
			cfg_copy(p->src.text, sizeof(p->src.text), t);
		restore_text(m, "peer", p->peer, k_dst, t, sizeof(t));
		if (t[0] && p->dst.line)
			cfg_copy(p->dst.text, sizeof(p->dst.text), t);
	}
	policy_find(m, p);
	p->tunnel = (v = val(m, "tunnel")) && strcmp(v, "yes") == 0;
	if ((v = val(m, "disabled")) && strcmp(v, "yes") == 0)
		count_disabled(c, m);
	p->skip = ((v = val(m, "template")) && strcmp(v, "yes") == 0) ||
		  ((v = val(m, "disabled")) && strcmp(v, "yes") == 0) ||
		  ((v = val(m, "action")) && strcmp(v, "encrypt") != 0);
	return 0;
}

static int
on_mangle(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *act = val(m, "action"), *mss = val(m, "new-mss"), *v;
	struct ros_mangle *r;
	long n = 0;

	if (strcmp(m->verb, "add") != 0 || !act || strcmp(act, "change-mss") != 0 || !mss ||
	    ((v = val(m, "disabled")) && strcmp(v, "yes") == 0)) {
		cfg_unread(c, m->l.no);
		return 1;
	}
	if (strcmp(mss, "clamp-to-pmtu") != 0 && !ros_placeholder(mss) &&
	    cfg_number(mss, 1, 65535, &n) < 0)
		return cfg_bad(c, &m->l, CONFIG_BAD_ARG, m->kvword[kv(m, "new-mss") - m->kv],
			       CONFIG_ARG_MSS);
	if (!(r = ROS_PUSH(c, x, mangles)))
		return 0;
	memset(r, 0, sizeof(*r));
	r->line = m->l.no;
	cfg_copy(r->text, sizeof(r->text), m->l.text);
	r->v6 = m->menu->m == M_MANGLE6;
	r->mode = strcmp(mss, "clamp-to-pmtu") == 0 ? CONFIG_MSS_AUTO : CONFIG_MSS_NUM;
	r->value = n;
	/* tcp-mss=N+1-65535 (MikroTik manual, Mangle): only larger MSS
	 * values are lowered; without it a smaller one is raised to new-mss */
	r->guard = -1;
	if ((v = val(m, "tcp-mss"))) {
		char *end;
		long lo = strtol(v, &end, 10);
		if (end != v && (*end == '-' || !*end) && lo >= 0)
			r->guard = lo;
	}
	cfg_copy(r->out_if, sizeof(r->out_if),
		 val(m, "out-interface") ? val(m, "out-interface") : "");
	cfg_copy(r->in_if, sizeof(r->in_if), val(m, "in-interface") ? val(m, "in-interface") : "");
	if (!r->v6) {
		take_prefix(m, "src-address", &r->src);
		take_prefix(m, "dst-address", &r->dst);
	}
	return 0;
}

static void
set_mtu(struct config_num *n, const struct cmd *m, const char *key)
{
	const char *v = val(m, key);
	long mtu;

	if (!v)
		return;
	if (ros_placeholder(v))
		cfg_set_tmpl(n, &m->l);
	else if (cfg_number(v, 0, 65535, &mtu) == 0)
		cfg_set(n, mtu, &m->l);
	/* "auto" (a tunnel's default): the MTU stays unknown */
}

/* /interface ethernet set [ find default-name=ether1 ] mtu=N name=wan */
static int
on_ethernet(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *name = val(m, "name") ? val(m, "name") : m->target;
	struct config_iface *f;

	(void)x;
	if (!name || !(f = cfg_iface(c, name, m->l.no)))
		return 0;
	set_mtu(&f->mtu, m, "mtu");
	return 0;
}

static int
on_pppoe(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *name = strcmp(m->verb, "add") == 0 ? val(m, "name") : m->target;
	struct config_iface *f;

	if (!name)
		name = "pppoe-out1"; /* the name RouterOS gives the first pppoe-client */
	if (!(f = cfg_iface(c, name, m->l.no)))
		return 0;
	cfg_set(&f->pppoe, 1, &m->l);
	if (val(m, "interface"))
		cfg_copy(f->carrier, sizeof(f->carrier), val(m, "interface"));
	set_mtu(&f->mtu, m, "max-mtu");
	set_mtu(&f->mru, m, "max-mru");
	if (f->mtu.line && !x->pppoe[0])
		cfg_copy(x->pppoe, sizeof(x->pppoe), f->name);
	return 0;
}

/* GRE, IPIP and EoIP interfaces (/interface ipip is IPv4 in IPv4, RFC
 * 2003: MikroTik manual, IPIP, help.mikrotik.com/docs/x/JQDWAg; the IPv6
 * form is /interface ipipv6): ipsec-secret makes RouterOS add an IPsec
 * peer and a transport-mode policy for them (MikroTik manual, GRE / IPIP /
 * EoIP); the model covers ESP tunnel mode only, so they are listed as not
 * checked, with their kind. */
static int
on_tunnel_if(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *name = strcmp(m->verb, "add") == 0 ? val(m, "name") : m->target;
	struct config_tunnel *t;
	enum config_tunnel_kind kind = m->menu->m == M_GRE    ? CONFIG_TK_GRE
				       : m->menu->m == M_IPIP ? CONFIG_TK_IPIP4
							      : CONFIG_TK_OTHER;

	(void)x;
	if (!name || !(t = cfg_tunnel(c, name, name, m->l.no)))
		return 0;
	if (val(m, "ipsec-secret"))
		kind = CONFIG_TK_TRANSPORT;
	t->kind = kind;
	cfg_set(&t->encap, kind, &m->l);
	set_mtu(&t->mtu, m, "mtu");
	return 0;
}

/* The peer's AS: v6 remote-as=, v7 remote.as= or, as /export writes a
 * key that shares the previous key's prefix, ".as=" after a remote.X=. */
static uint32_t
remote_as(const struct cmd *m)
{
	const char *v = NULL;
	int remote = 0;

	if (m->menu->m == M_BGP_PEER)
		v = val(m, "remote-as");
	else
		for (size_t i = 0; i < m->nkv; i++) {
			const char *k = m->kv[i].s;
			if (k[0] != '.')
				remote = strncmp(k, "remote.", 7) == 0;
			if (m->kv[i].val &&
			    (strcmp(k, "remote.as") == 0 || (remote && strcmp(k, ".as") == 0)))
				v = m->kv[i].val;
		}
	return v ? cfg_asn(v) : 0;
}

static int
on_bgp(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *v = val(m, m->menu->m == M_BGP_CONN ? "remote.address" : "remote-address");
	char a[64];
	uint32_t addr;

	(void)x;
	if (!v)
		return 0;
	cfg_copy(a, sizeof(a), v);
	a[strcspn(a, "/")] = '\0';
	if (cfg_addr(a, &addr) == 0)
		cfg_add_bgp(c, addr, remote_as(m), &m->l);
	return 0;
}

static int
on_address(struct config *c, struct cfg_ctx *x, const struct cmd *m)
{
	const char *v = val(m, "address"), *ifn = val(m, "interface");
	struct ros_addr *a;
	uint32_t addr;
	unsigned plen;

	if (strcmp(m->verb, "add") != 0 || !v || cfg_prefix(v, &addr, &plen) < 0 ||
	    !(a = ROS_PUSH(c, x, addrs)))
		return 0;
	a->addr = addr;
	a->plen = plen;
	a->line = m->l.no;
	cfg_copy(a->iface, sizeof(a->iface), ifn ? ifn : "");
	cfg_copy(a->text, sizeof(a->text), m->l.text);
	return 0;
}

/* Each returns 0 (read), 1 (counted as unread by the handler) or -1 (invalid). */
/* clang-format off */
static int (*const handlers[])(struct config *, struct cfg_ctx *, const struct cmd *) = {
	[M_OTHER] = NULL, [M_PROFILE] = on_profile, [M_PEER] = on_peer, [M_PROPOSAL] = on_proposal,
	[M_POLICY] = on_policy, [M_IDENTITY] = on_identity, [M_MANGLE] = on_mangle,
	[M_MANGLE6] = on_mangle, [M_ETHERNET] = on_ethernet, [M_PPPOE] = on_pppoe,
	[M_GRE] = on_tunnel_if, [M_IPIP] = on_tunnel_if, [M_EOIP] = on_tunnel_if,
	[M_BGP_CONN] = on_bgp, [M_BGP_PEER] = on_bgp, [M_ADDRESS] = on_address,
};
/* clang-format on */

/* ---- the line ------------------------------------------------------------ */

/* The menu row for a path ("/ip ipsec peer"), the other row for a path
 * under a known top-level menu, NULL for none. */
static const struct ros_menu_row *
menu_for(const char *path)
{
	const struct ros_menu_row *best = NULL;
	size_t blen = 0;

	for (size_t i = 0; i < COUNT(menus); i++) {
		size_t n = strlen(menus[i].path);
		if (strncmp(path, menus[i].path, n) == 0 && (path[n] == '\0' || path[n] == ' ') &&
		    n > blen) {
			best = &menus[i];
			blen = n;
		}
	}
	/* a deeper path is another menu ("/ip ipsec policy group") */
	if (best && path[blen] == '\0')
		return best;
	for (size_t i = 0; i < COUNT(top_menus); i++) {
		size_t n = strlen(top_menus[i]);
		if (strncmp(path, top_menus[i], n) == 0 && (path[n] == '\0' || path[n] == ' '))
			return &other_row;
	}
	return NULL;
}

static int
is_verb(const char *s)
{
	for (size_t i = 0; i < COUNT(verbs); i++)
		if (strcmp(s, verbs[i]) == 0)
			return 1;
	return 0;
}

/* The line's text for findings: its words again, each secret's value
 * replaced (no key reaches a finding, a note or an error message). */
static void
line_text(struct cmd *m, const struct word *w, size_t n)
{
	size_t k = 0;

	m->l.text[0] = '\0';
	for (size_t i = 0; i < n && k + 1 < sizeof(m->l.text); i++) {
		const char *v = w[i].val;
		int sec = v && secret_key(w[i].s);
		int blank = v && (strpbrk(v, " \t") || !*v);
		k += (size_t)snprintf(m->l.text + k, sizeof(m->l.text) - k, "%s%s%s%s%s%s",
				      i ? " " : "", w[i].s, v ? "=" : "", blank && !sec ? "\"" : "",
				      v ? (sec ? "(not printed)" : v) : "",
				      blank && !sec ? "\"" : "");
		if (k >= sizeof(m->l.text))
			k = sizeof(m->l.text) - 1;
	}
	if (n && k + 1 >= sizeof(m->l.text))
		text_mark_cut(m->l.text, sizeof(m->l.text)); /* never a part as all */
}

struct rdr {
	char *buf; /* the command, continuation lines joined */
	size_t len, cap;
	char *out; /* its words, decoded */
	size_t capout;
	struct word *w;
	size_t nw, capw;
	unsigned *kvword;
	size_t capkv;
};

static void
note_placeholders(struct config *c, const struct cmd *m, const struct word *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = w[i].val ? w[i].val : w[i].s;
		struct config_placeholder *p;
		if ((w[i].val && secret_key(w[i].s)) || !ros_placeholder(v) ||
		    !(p = CFG_PUSH(c, placeholders)))
			continue;
		p->line = m->l.no;
		cfg_copy(p->token, sizeof(p->token), v);
	}
}

static void
command(struct config *c, struct cfg_ctx *x, struct rdr *r, unsigned no)
{
	struct cmd m;
	size_t i = 0, nw;
	struct word *w;
	const struct ros_menu_row *menu = x->menu;
	int rc;

	memset(&m, 0, sizeof(m));
	m.l.no = no;
	cfg_copy(m.l.text, sizeof(m.l.text), r->buf);
	if (cfg_directive(c, &m.l))
		return;
	if (r->buf[0] == ':' || r->buf[0] == '{' || r->buf[0] == '}') {
		cfg_unread(c, no); /* scripting (":global", ":do { ... }") */
		return;
	}
	if (r->capout < 2 * r->len + 2) {
		char *p = realloc(r->out, 2 * r->len + 2);
		if (!p) {
			c->nomem = 1;
			return;
		}
		r->out = p;
		r->capout = 2 * r->len + 2;
	}
	if (split(r->buf, r->out, &r->w, &r->nw, &r->capw, c) < 0) {
		/* the words are unknown: the text loses everything from the
		 * first secret key on */
		static const char *const keys[] = { "secret=", "password=", "pre-shared-key=",
						    "passphrase=" };
		for (size_t k = 0; k < COUNT(keys); k++) {
			char *p = strstr(m.l.text, keys[k]);
			if (p)
				cfg_mask_tail(m.l.text, sizeof(m.l.text),
					      (size_t)(p - m.l.text) + strlen(keys[k]) - 1);
		}
		if (!c->nomem) {
			/* the word the quote that never closes is in (the last quote) */
			const char *q = strrchr(r->buf, '"');
			unsigned word = 1;
			for (const char *p = r->buf; q && p < q; p++)
				word += is_blank(*p) && !is_blank(p[1]);
			cfg_bad(c, &m.l, CONFIG_BAD_ARG, word, CONFIG_ARG_WORD);
		}
		return;
	}
	w = r->w;
	nw = r->nw;
	if (!nw)
		return;
	line_text(&m, w, nw);
	if (w[0].s[0] == '/') {
		char path[160];
		size_t k = 0;
		for (; i < nw && !w[i].val && w[i].s[0] != '[' && (i == 0 || !is_verb(w[i].s)); i++)
			k += (size_t)snprintf(path + k, k < sizeof(path) ? sizeof(path) - k : 0,
					      "%s%s", i ? " " : "", w[i].s);
		for (char *p = path + 1; *p; p++)
			if (*p == '/')
				*p = ' ';
		if (!(menu = menu_for(path)))
			menu = NULL;
		if (!menu) {
			cfg_bad(c, &m.l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
			x->menu = &other_row; /* its commands are not blamed as well */
			return;
		}
		if (menu->only && x->major && menu->only != x->major) {
			/* v7 has no /routing bgp peer, v6 no /routing bgp connection */
			cfg_bad(c, &m.l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
			x->menu = &other_row;
			return;
		}
		x->menu = menu;
		if (i == nw) {
			if (menu->m == M_OTHER)
				cfg_unread(c, no);
			else
				c->read++;
			return;
		}
	}
	if (!menu) {
		cfg_bad(c, &m.l, CONFIG_BAD_COMMAND, 1, CONFIG_ARG_NONE);
		return;
	}
	if (!is_verb(w[i].s)) {
		cfg_bad(c, &m.l, CONFIG_BAD_COMMAND, (unsigned)i + 1, CONFIG_ARG_NONE);
		return;
	}
	m.menu = menu;
	m.verb = w[i++].s;
	if (i < nw && strcmp(w[i].s, "[") == 0) {
		for (i++; i < nw && strcmp(w[i].s, "]") != 0; i++) {
			if (!w[i].val)
				continue; /* find, where */
			if (strcmp(w[i].s, "default") == 0 && strcmp(w[i].val, "yes") == 0)
				m.find_default = 1;
			else if (!m.target) {
				m.target = w[i].val;
				cfg_copy(m.find_key, sizeof(m.find_key), w[i].s);
			}
		}
		i += i < nw;
	} else if (i < nw && !w[i].val && strcmp(m.verb, "add") != 0) {
		m.target = w[i++].s;
	}
	if (nw - i > r->capkv) {
		unsigned *p = realloc(r->kvword, (nw - i) * sizeof(*p));
		if (!p) {
			c->nomem = 1;
			return;
		}
		r->kvword = p;
		r->capkv = nw - i;
	}
	m.kv = &w[i];
	m.kvword = r->kvword;
	for (size_t j = i; j < nw; j++) {
		const struct ros_key *k = NULL;
		r->kvword[j - i] = (unsigned)j + 1;
		if (!w[j].val) {
			/* "!keepalive-timeout" (export verbose: unset) and bare flags */
			if (menu->keys && w[j].s[0] != '!' && strcmp(m.verb, "remove") != 0 &&
			    strcmp(m.verb, "enable") != 0 && strcmp(m.verb, "disable") != 0)
				return (void)cfg_bad(c, &m.l, CONFIG_BAD_ARG, (unsigned)j + 1,
						     CONFIG_ARG_KEYWORD);
			continue;
		}
		if (!menu->keys)
			continue;
		for (size_t q = 0; q < menu->nkeys && !k; q++)
			if (strcmp(menu->keys[q].key, w[j].s) == 0)
				k = &menu->keys[q];
		if (!k || (k->only && x->major && k->only != x->major))
			return (void)cfg_bad(c, &m.l, CONFIG_BAD_ARG, (unsigned)j + 1,
					     CONFIG_ARG_KEYWORD);
		if (check_value(c, &m, k, &w[j], (unsigned)j + 1) < 0)
			return;
	}
	m.nkv = nw - i;
	note_placeholders(c, &m, m.kv, m.nkv);
	if (!handlers[menu->m] || (strcmp(m.verb, "add") != 0 && strcmp(m.verb, "set") != 0)) {
		cfg_unread(c, no);
		return;
	}
	rc = handlers[menu->m](c, x, &m);
	if (rc == 0)
		c->read++;
}

/* "# jan/02/1970 00:00:00 by RouterOS 6.49.10", "# 2024-01-02 ... by RouterOS 7.14.3" */
static void
header(struct config *c, struct cfg_ctx *x, const char *s, size_t n, unsigned no)
{
	static const char mark[] = "by RouterOS ";
	char t[CONFIG_TEXT];
	const char *p;

	/* s is not NUL-ended: the line ends at n */
	if (n >= sizeof(t))
		n = sizeof(t) - 1;
	memcpy(t, s, n);
	t[n] = '\0';
	if (c->firmware_line || !(p = strstr(t, mark)))
		return;
	p += strlen(mark);
	if (*p >= '1' && *p <= '9') {
		unsigned v[3] = { 0, 0, 0 };
		x->major = atoi(p);
		cfg_copy(c->firmware, sizeof(c->firmware), t);
		c->firmware_line = no;
		/* "7.14" has no patch: 7.14.0 */
		if (sscanf(p, "%u.%u.%u", &v[0], &v[1], &v[2]) >= 2 && v[0] < 1000 && v[1] < 1000 &&
		    v[2] < 1000)
			c->release = CONFIG_RELEASE(v[0], v[1], v[2]);
	}
}

static int
append(struct config *c, struct rdr *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		size_t want = (r->len + n + 1) * 2;
		char *p = realloc(r->buf, want);
		if (!p) {
			c->nomem = 1;
			return -1;
		}
		r->buf = p;
		r->cap = want;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = '\0';
	return 0;
}

int
config_parse_routeros(const char *buf, size_t len, struct config *c)
{
	struct cfg_ctx x;
	struct rdr r = { 0 };
	size_t pos = 0;
	unsigned no = 0, first = 0;
	int open = 0; /* a command is being continued */

	memset(&x, 0, sizeof(x));
	while (!c->nomem && pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos), *cr;
		size_t n = nl ? (size_t)(nl - s) : len - pos, a = 0, b, bs = 0;

		/* a CR no LF follows ends a line too (lines.c's rule) */
		cr = memchr(s, '\r', n);
		if (cr && cr + 1 != s + n) {
			n = (size_t)(cr - s);
			nl = cr;
		}
		pos = nl ? (size_t)(nl - buf) + 1 : len;
		no++;
		while (a < n && (is_blank(s[a]) || s[a] == '\0'))
			a++;
		b = n;
		while (b > a && is_blank(s[b - 1]))
			b--;
		if (!open && a == b)
			continue;
		if (!open && s[a] == '#') {
			c->comments++;
			header(c, &x, s + a, b - a, no);
			continue;
		}
		while (bs < b - a && s[b - 1 - bs] == '\\')
			bs++;
		if (!open) {
			first = no;
			r.len = 0;
		}
		/* NUL bytes would end the command early: shown as '?' like lines.c */
		for (size_t i = a; i < b - (bs & 1); i++)
			if (append(c, &r, s[i] ? &s[i] : "?", 1) < 0)
				break;
		open = bs & 1;
		if (!open && r.len)
			command(c, &x, &r, first);
	}
	if (open && r.len && !c->nomem)
		command(c, &x, &r, first); /* a last line that ended in a backslash */
	c->lines = no;
	if (!c->nomem)
		ros_model(c, &x);
	free(r.buf);
	free(r.out);
	free(r.w);
	free(r.kvword);
	free(x.profiles);
	free(x.peers);
	free(x.proposals);
	free(x.identities);
	free(x.policies);
	free(x.mangles);
	free(x.addrs);
	return c->nomem ? -1 : 0;
}
