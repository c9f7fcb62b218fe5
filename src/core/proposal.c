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

static int
fail(struct model_error *e, enum model_error_code code, const char *a, const char *b)
{
	return model_error_set(e, code, a, b, 0);
}

/* Takes one token; returns 0 or -1 with e set. */
static int
take_token(const char *tok, struct esp_proposal *out, struct model_error *e)
{
	const struct cipher_def *c = overhead_cipher(tok);
	const struct integ_def *i = overhead_integ(tok);

	if (c) {
		if (out->cipher)
			return fail(e, MODEL_E_ESP_TWO_CIPHERS, out->text, NULL);
		out->cipher = c;
		return 0;
	}
	if (i) {
		if (out->integ)
			return fail(e, MODEL_E_ESP_TWO_INTEGS, out->text, NULL);
		out->integ = i;
		return 0;
	}
	if (ignorable(tok))
		return 0;
	return fail(e, MODEL_E_ESP_UNKNOWN, tok, out->text);
}

static int
check_complete(struct esp_proposal *out, struct model_error *e)
{
	if (!out->cipher)
		return fail(e, MODEL_E_ESP_NO_CIPHER, out->text, NULL);
	/* strongSwan drops the integrity algorithms of a proposal whose
	 * ciphers are all AEAD ("we MUST NOT propose any integrity
	 * algorithms", libstrongswan crypto/proposal/proposal.c; RFC 7296
	 * section 3.3: AEAD has no separate integrity transform), so
	 * "aes256gcm16-sha256" is aes256gcm16 on the wire */
	if (out->cipher->icv && out->integ) {
		out->integ = NULL;
		out->integ_dropped = 1;
	}
	if (!out->cipher->icv && !out->integ)
		return fail(e, MODEL_E_ESP_NEEDS_INTEG, out->text, out->cipher->name);
	return 0;
}

int
model_read_proposal(const char *s, struct esp_proposal *out, struct model_error *e)
{
	char buf[sizeof(out->text)];
	char *save = NULL;

	memset(out, 0, sizeof(*out));
	*e = (struct model_error){ .code = MODEL_E_NONE };
	if (!s || !*s || strlen(s) >= sizeof(buf))
		return model_error_set(e, MODEL_E_ESP_LENGTH, NULL, NULL, (long)sizeof(buf) - 1);
	snprintf(out->text, sizeof(out->text), "%s", s);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *p = buf; *p; p++) /* AES128-SHA1 as typed from a vendor GUI */
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (char *tok = strtok_r(buf, "-", &save); tok; tok = strtok_r(NULL, "-", &save))
		if (take_token(tok, out, e) < 0)
			return -1;
	return check_complete(out, e);
}

/* Who words a model_error for the callers that want a finished line (the
 * audit's NOTE_ESP_MODEL): a function of render's, set by cli, since core
 * has no words. */
static model_error_wording say;

void
model_error_say(model_error_wording fn)
{
	say = fn;
}

int
model_error_set(struct model_error *e, enum model_error_code code, const char *a, const char *b,
		long n)
{
	*e = (struct model_error){ .code = code, .n = n };
	snprintf(e->a, sizeof(e->a), "%s", a ? a : "");
	snprintf(e->b, sizeof(e->b), "%s", b ? b : "");
	return -1;
}

int
model_error_out(const struct model_error *e, char *err, size_t errlen)
{
	if (say)
		say(e, err, errlen);
	else /* no words linked in: the code, not a sentence */
		snprintf(err, errlen, "model error %d", (int)e->code);
	return -1;
}

int
model_parse_proposal(const char *s, struct esp_proposal *out, char *err, size_t errlen)
{
	struct model_error e;

	return model_read_proposal(s, out, &e) == 0 ? 0 : model_error_out(&e, err, errlen);
}
