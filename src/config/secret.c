/* SPDX-License-Identifier: BSD-2-Clause */
/* Keyed digests of pre-shared keys (config/secret.h).
 *
 * Why nettle (Debian nettle-dev): HMAC-SHA256 in a few calls from a small C
 * library in Debian main (GnuTLS is built on it, so most systems carry
 * libnettle8 already), with a constant-time comparison (memeql_sec); no
 * hand-written SHA-256 here.
 *
 * The random key is the one piece of process state in src/config: a
 * digest must be comparable between the router's parse and the peer's, and
 * a key passed through every parser's arguments would be the same key
 * anyway. It is drawn with getrandom(2) on first use and kept only in this
 * file's memory. */
#include "config/secret.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <string.h>
#include <sys/random.h>

static uint8_t process_key[32];
static int key_state; /* 0 not drawn, 1 drawn, -1 the system gave none */

static int
draw_key(void)
{
	size_t got = 0;

	while (key_state == 0 && got < sizeof(process_key)) {
		ssize_t n = getrandom(process_key + got, sizeof(process_key) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			key_state = -1;
		else
			got += (size_t)n;
	}
	if (key_state == 0)
		key_state = 1;
	return key_state;
}

int
config_secret_digest(const void *s, size_t n, struct config_secret *out)
{
	struct hmac_sha256_ctx h;

	out->set = 0;
	if (draw_key() != 1)
		return -1;
	hmac_sha256_set_key(&h, sizeof(process_key), process_key);
	hmac_sha256_update(&h, n, s);
	hmac_sha256_digest(&h, sizeof(out->digest), out->digest);
	memset(&h, 0, sizeof(h));
	out->set = 1;
	return 0;
}

int
config_secret_equal(const struct config_secret *a, const struct config_secret *b)
{
	return a->set && b->set && memeql_sec(a->digest, b->digest, sizeof(a->digest));
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

int
config_secret_text(const char *s, struct config_secret *out)
{
	size_t n = strlen(s);
	uint8_t bytes[256];
	int rc;

	out->set = 0;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		return config_secret_digest(s + 1, n - 2, out);
	if (strncmp(s, "0s", 2) == 0)
		return -1; /* base64 (swanctl.conf(5)): not read */
	if (strncmp(s, "0x", 2) != 0 || n % 2 || (n - 2) / 2 > sizeof(bytes))
		return config_secret_digest(s, n, out);
	for (size_t i = 2; i < n; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return config_secret_digest(s, n, out);
		bytes[(i - 2) / 2] = (uint8_t)(hi << 4 | lo);
	}
	rc = config_secret_digest(bytes, (n - 2) / 2, out);
	memset(bytes, 0, sizeof(bytes));
	return rc;
}
