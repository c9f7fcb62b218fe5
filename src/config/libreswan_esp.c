/* SPDX-License-Identifier: BSD-2-Clause */
/* Libreswan's ESP algorithm names in strongSwan's keywords, which the model
 * reads (core/proposal.c). Libreswan ipsec.conf(5) esp=/phase2alg=:
 * PROPOSAL[,PROPOSAL...], PROPOSAL = ENCRYPT[-INTEG][-DH], each part one
 * algorithm or several joined by '+' ("aes128+aes256-sha2_512+sha2_256").
 * The names and aliases are those `ipsec pluto --selftest` lists
 * (libreswan README.nss): AES_GCM_16 aes_gcm, aes_gcm_c; AES_GCM_12
 * aes_gcm_b; AES_GCM_8 aes_gcm_a (the same for CCM); AES_CTR aesctr;
 * AES_CBC aes; key lengths 128 (the default), 192, 256 written after the
 * name ("aes_gcm256"); SHA2_256 sha2, sha256, sha2_256. Several
 * algorithms in one part are several proposals (the peer picks one), so
 * they are written out as a ',' list the model takes the worst of. */
#include "config/config_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* name -> strongSwan keyword: pre, the key length when keyed, post */
/* clang-format off */
static const struct {
	const char *name, *pre, *post;
	int keyed; /* a key length may follow the name */
} names[] = {
	{ "aes", "aes", "", 1 }, { "aes_cbc", "aes", "", 1 },
	{ "aesctr", "aes", "ctr", 1 }, { "aes_ctr", "aes", "ctr", 1 },
	{ "aes_gcm", "aes", "gcm16", 1 }, { "aes_gcm_c", "aes", "gcm16", 1 },
	{ "aes_gcm_16", "aes", "gcm16", 1 }, { "aes_gcm_b", "aes", "gcm12", 1 },
	{ "aes_gcm_12", "aes", "gcm12", 1 }, { "aes_gcm_a", "aes", "gcm8", 1 },
	{ "aes_gcm_8", "aes", "gcm8", 1 },
	{ "aes_ccm", "aes", "ccm16", 1 }, { "aes_ccm_c", "aes", "ccm16", 1 },
	{ "aes_ccm_16", "aes", "ccm16", 1 }, { "aes_ccm_b", "aes", "ccm12", 1 },
	{ "aes_ccm_12", "aes", "ccm12", 1 }, { "aes_ccm_a", "aes", "ccm8", 1 },
	{ "aes_ccm_8", "aes", "ccm8", 1 },
	{ "3des", "3des", "", 0 }, { "3des_cbc", "3des", "", 0 },
	{ "chacha20_poly1305", "chacha20poly1305", "", 0 },
	{ "sha", "sha1", "", 0 }, { "sha1", "sha1", "", 0 }, { "sha1_96", "sha1", "", 0 },
	{ "hmac_sha1", "sha1", "", 0 }, { "md5", "md5", "", 0 },
	{ "sha2", "sha256", "", 0 }, { "sha256", "sha256", "", 0 }, { "sha2_256", "sha256", "", 0 },
	{ "sha2_256_128", "sha256", "", 0 }, { "hmac_sha2_256", "sha256", "", 0 },
	{ "sha384", "sha384", "", 0 }, { "sha2_384", "sha384", "", 0 },
	{ "sha2_384_192", "sha384", "", 0 }, { "hmac_sha2_384", "sha384", "", 0 },
	{ "sha512", "sha512", "", 0 }, { "sha2_512", "sha512", "", 0 },
	{ "sha2_512_256", "sha512", "", 0 }, { "hmac_sha2_512", "sha512", "", 0 },
	{ "aes_xcbc", "aesxcbc", "", 0 },
	/* DH groups (RFC 3526, RFC 5903, RFC 8031): no bytes in ESP, kept
	 * as the model's ignored keywords */
	{ "dh2", "modp1024", "", 0 }, { "dh5", "modp1536", "", 0 }, { "dh14", "modp2048", "", 0 },
	{ "dh15", "modp3072", "", 0 }, { "dh16", "modp4096", "", 0 }, { "dh17", "modp6144", "", 0 },
	{ "dh18", "modp8192", "", 0 }, { "dh19", "ecp256", "", 0 }, { "dh20", "ecp384", "", 0 },
	{ "dh21", "ecp521", "", 0 }, { "dh31", "curve25519", "", 0 },
	{ "ecp_256", "ecp256", "", 0 }, { "ecp_384", "ecp384", "", 0 }, { "ecp_521", "ecp521", "", 0 },
};
/* clang-format on */

/* "none", "null" after the cipher, "dh0": no algorithm (an AEAD cipher
 * needs no integrity, PFS off). "null" first is the NULL cipher. */
static int
nothing(const char *w, int first)
{
	return strcmp(w, "none") == 0 || strcmp(w, "dh0") == 0 ||
	       (!first && strcmp(w, "null") == 0);
}

/* One algorithm name in kw; a name not in the table is kept as written,
 * so the model names it as the word it does not know. */
static void
one(const char *w, char *kw, size_t len)
{
	for (size_t i = 0; i < COUNT(names); i++) {
		size_t n = strlen(names[i].name);
		unsigned bits = 128;
		char *end;
		if (strncmp(w, names[i].name, n) != 0)
			continue;
		if (w[n]) {
			unsigned long b;
			if (!names[i].keyed || w[n] < '0' || w[n] > '9')
				continue;
			b = strtoul(w + n, &end, 10);
			if (*end || (b != 128 && b != 192 && b != 256))
				continue;
			bits = (unsigned)b;
		}
		if (names[i].keyed)
			snprintf(kw, len, "%s%u%s", names[i].pre, bits, names[i].post);
		else
			snprintf(kw, len, "%s", names[i].pre);
		return;
	}
	snprintf(kw, len, "%s", w);
}

/* Append proposal p's expansions (every choice of one algorithm per
 * part) to dst; -1 when they do not fit. */
static int
expand(char *dst, size_t len, size_t *at, char parts[][CONFIG_ESP], size_t nparts, size_t k,
       const char *prefix)
{
	char alts[CONFIG_ESP], kw[64], next[CONFIG_ESP];
	char *save = NULL;

	if (k == nparts) {
		int w = snprintf(dst + *at, len - *at, "%s%s", *at ? "," : "", prefix);
		if (w < 0 || (size_t)w >= len - *at)
			return -1;
		*at += (size_t)w;
		return 0;
	}
	snprintf(alts, sizeof(alts), "%s", parts[k]);
	for (char *a = strtok_r(alts, "+", &save); a; a = strtok_r(NULL, "+", &save)) {
		if (nothing(a, k == 0)) {
			kw[0] = '\0';
		} else {
			one(a, kw, sizeof(kw));
			/* a DH group changes no size: the first is enough */
			if (k > 0 &&
			    (strncmp(kw, "modp", 4) == 0 || strncmp(kw, "ecp", 3) == 0 ||
			     strncmp(kw, "curve", 5) == 0) &&
			    a != alts)
				continue;
		}
		snprintf(next, sizeof(next), "%s%s%s", prefix, *prefix && *kw ? "-" : "", kw);
		if (expand(dst, len, at, parts, nparts, k + 1, next) < 0)
			return -1;
	}
	return 0;
}

int
cfg_libreswan_esp(char *dst, size_t len, const char *src)
{
	char list[CONFIG_ESP], parts[4][CONFIG_ESP];
	char *save = NULL;
	size_t at = 0;

	dst[0] = '\0';
	snprintf(list, sizeof(list), "%s", src);
	for (char *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		size_t n = 0;
		char *psave = NULL, whole[CONFIG_ESP];

		snprintf(whole, sizeof(whole), "%s", p);
		for (char *q = strtok_r(p, "-", &psave); q; q = strtok_r(NULL, "-", &psave)) {
			if (n == COUNT(parts)) { /* more parts than Libreswan writes */
				n = 0;
				break;
			}
			snprintf(parts[n++], sizeof(parts[0]), "%s", q);
		}
		if (!n) { /* kept as written: the model says it does not know it */
			int k = snprintf(dst + at, len - at, "%s%s", at ? "," : "", whole);
			if (k < 0 || (size_t)k >= len - at)
				goto cut;
			at += (size_t)k;
			continue;
		}
		if (expand(dst, len, &at, parts, n, 0, "") < 0)
			goto cut;
	}
	return 0;
cut: /* the whole proposals that fit, and the cut said (config_num.cut) */
	dst[at] = '\0';
	return 1;
}
