/* SPDX-License-Identifier: BSD-2-Clause */
/* overhead: the byte counts of every encapsulation we model, as const tables.
 * Pure data and pure arithmetic: no I/O, no globals that change.
 * Adding a layer, cipher or integrity algorithm is one table row (overhead.c)
 * plus a row in tests/unit/core/test_overhead.c. */
#ifndef MTUPROBE_OVERHEAD_H
#define MTUPROBE_OVERHEAD_H

#include <stddef.h>

/* What a layer is, which decides what may sit directly outside it. */
enum layer_kind {
	LAYER_ACCESS = 1 << 0, /* below the outer IP: PPPoE, IPv4-in-IPv6 access */
	LAYER_IP = 1 << 1,     /* an outer IP header */
	LAYER_UDP = 1 << 2,    /* UDP (NAT-T, VXLAN, WireGuard) */
	LAYER_TUNNEL = 1 << 3, /* a fixed-size tunnel header: GRE, VXLAN, WireGuard */
	LAYER_ESP = 1 << 4,    /* ESP: size depends on the cipher and padding */
};

struct layer_def {
	const char *name; /* as written in --stack */
	enum layer_kind kind;
	unsigned bytes;     /* fixed header bytes (ESP: SPI + sequence only) */
	unsigned outside;   /* bitmask of kinds allowed directly outside; 0 = must be outermost */
	int transport;      /* ESP only: inner packet shares the outer IP header */
	const char *what;   /* human description */
	const char *source; /* where the number comes from */
};

struct cipher_def {
	const char *name; /* strongSwan proposal keyword */
	const char *display;
	unsigned iv;    /* explicit IV carried in each packet */
	unsigned block; /* padding block: payload + 2 is a multiple (>= 4) */
	unsigned icv;   /* AEAD: ICV bytes; 0 = needs an integrity algorithm */
	const char *source;
};

struct integ_def {
	const char *name; /* strongSwan proposal keyword */
	const char *display;
	unsigned icv; /* truncated ICV bytes on the wire */
	const char *source;
};

const struct layer_def *overhead_layer(const char *name);
const struct cipher_def *overhead_cipher(const char *name);
const struct integ_def *overhead_integ(const char *name);

/* Iteration for tests, help text and error messages. overhead_layer_at has
 * no caller in src (the names go through overhead_layer_names): it stays for
 * tests/unit/core/test_overhead.c, which counts the rows so that a layer row
 * added without its RFC vector fails. */
const struct layer_def *overhead_layer_at(size_t i);
const struct cipher_def *overhead_cipher_at(size_t i);
const struct integ_def *overhead_integ_at(size_t i);

/* Joins name_at(0), name_at(1), ... (until NULL) as "a, b, c" into buf. */
void overhead_join_names(char *buf, size_t len, const char *(*name_at)(size_t i));

/* "a, b, c": the accepted names, for one-line error messages. */
void overhead_layer_names(char *buf, size_t len);
void overhead_cipher_names(char *buf, size_t len);
void overhead_integ_names(char *buf, size_t len);

/* RFC 4303 section 2.4: the encrypted part (payload + padding + pad length +
 * next header) is a multiple of the block size, and at least 4-byte aligned.
 * Given the bytes available for that encrypted part, the largest payload that
 * fits; -1 if none does. */
long overhead_esp_max_payload(long avail, unsigned block);

/* Padding ESP adds to a payload of this size (0 .. block-1). */
unsigned overhead_esp_pad(unsigned payload, unsigned block);

#endif
