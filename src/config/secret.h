/* SPDX-License-Identifier: BSD-2-Clause */
/* Pre-shared keys, compared without being kept: a parser that reads a key
 * stores only HMAC-SHA256 of it under a key drawn at random once per
 * process (config/secret.c), never the key itself. Two digests are equal
 * when the keys are; the digest says nothing of a key without the random
 * key, which never leaves this process's memory and is never printed, and
 * the digests are never printed either. */
#ifndef MTUPROBE_SECRET_H
#define MTUPROBE_SECRET_H

#include <stddef.h>
#include <stdint.h>

#define CONFIG_DIGEST 32 /* SHA-256 */

struct config_secret {
	uint8_t digest[CONFIG_DIGEST];
	unsigned line; /* where the key was (0: in no line, or not set) */
	int set;       /* a key was read; 0 also when no random key could be drawn */
	int tmpl;      /* the key is a template placeholder: not compared */
};

/* Digests s[0..n) into out (set 1). -1, out unset, when the system gave
 * no random key (the keys are then not compared: "not checked"). */
int config_secret_digest(const void *s, size_t n, struct config_secret *out);

/* 1 when both are set and their keys are equal; 0 otherwise. */
int config_secret_equal(const struct config_secret *a, const struct config_secret *b);

/* Digests a key as a router or swanctl writes it: "0x..." as hex bytes,
 * a double-quoted string without its quotes, otherwise the text itself.
 * -1 for a form not read (swanctl's 0s base64) or no random key. */
int config_secret_text(const char *s, struct config_secret *out);

#endif
