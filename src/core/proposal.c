/* SPDX-License-Identifier: BSD-2-Clause */
/* strongSwan ESP proposal syntax: algorithm keywords joined by '-'
 * (strongSwan "Proposal keywords"). We model one cipher and, unless the
 * cipher is AEAD, one integrity algorithm; DH groups, PRFs and ESN flags do
 * not change the packet size and are accepted and ignored. */
#include "core/model.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* Keywords that do not change ESP's size: DH groups (RFC 3526, 5903, 7748),
 * PRFs (IKE only) and extended sequence numbers (RFC 4303 section 2.2.1: the
 * high 32 bits are never sent). */
/* clang-format off */
static const char *const ignored_prefixes[] = {
	"modp", "ecp", "curve", "x25519", "x448", "prf", "esn", "noesn", "ke",
	"mlkem", "ffdhe",
};
/* clang-format on */

static int
ignorable(const char *tok)
{
	for (size_t i = 0; i < COUNT(ignored_prefixes); i++)
		if (strncmp(tok, ignored_prefixes[i], strlen(ignored_prefixes[i])) == 0)
			return 1;
	return 0;
}

/* Takes one token; returns 0 or -1 with err set. */
static int
take_token(const char *tok, struct esp_proposal *out, char *err, size_t errlen)
{
	const struct cipher_def *c = overhead_cipher(tok);
	const struct integ_def *i = overhead_integ(tok);
	char names[512];

	if (c) {
		if (out->cipher) {
			snprintf(err, errlen,
				 "ESP proposal '%s': more than one cipher; give exactly one",
				 out->text);
			return -1;
		}
		out->cipher = c;
		return 0;
	}
	if (i) {
		if (out->integ) {
			snprintf(
				err, errlen,
				"ESP proposal '%s': more than one integrity algorithm; give exactly one",
				out->text);
			return -1;
		}
		out->integ = i;
		return 0;
	}
	if (ignorable(tok))
		return 0;
	overhead_cipher_names(names, sizeof(names));
	snprintf(err, errlen, "unknown ESP algorithm '%s' in '%s': ciphers are %s", tok, out->text,
		 names);
	return -1;
}

static int
check_complete(struct esp_proposal *out, char *err, size_t errlen)
{
	char names[256];

	if (!out->cipher) {
		snprintf(err, errlen,
			 "ESP proposal '%s' has no cipher (e.g. aes128-sha1, aes128gcm16)",
			 out->text);
		return -1;
	}
	if (out->cipher->icv && out->integ) {
		snprintf(err, errlen,
			 "ESP proposal '%s': %s is AEAD and takes no integrity algorithm",
			 out->text, out->cipher->name);
		return -1;
	}
	if (!out->cipher->icv && !out->integ) {
		overhead_integ_names(names, sizeof(names));
		snprintf(err, errlen, "ESP proposal '%s': %s needs an integrity algorithm: %s",
			 out->text, out->cipher->name, names);
		return -1;
	}
	return 0;
}

int
model_parse_proposal(const char *s, struct esp_proposal *out, char *err, size_t errlen)
{
	char buf[sizeof(out->text)];
	char *save = NULL;

	memset(out, 0, sizeof(*out));
	if (!s || !*s || strlen(s) >= sizeof(buf)) {
		snprintf(err, errlen, "ESP proposal must be 1 to %zu characters, e.g. aes128-sha1",
			 sizeof(buf) - 1);
		return -1;
	}
	snprintf(out->text, sizeof(out->text), "%s", s);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *p = buf; *p; p++) /* AES128-SHA1 as typed from a vendor GUI */
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (char *tok = strtok_r(buf, "-", &save); tok; tok = strtok_r(NULL, "-", &save))
		if (take_token(tok, out, err, errlen) < 0)
			return -1;
	return check_complete(out, err, errlen);
}
