/* SPDX-License-Identifier: BSD-2-Clause */
/* The engine's only window on the world. The real implementation (src/io/)
 * builds packets with wire/, sends them on raw sockets and matches replies; the
 * unit tests plug in a scripted fake network with a fake clock. */
#ifndef MTUPROBE_PROBE_IO_H
#define MTUPROBE_PROBE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "wire/wire.h"

enum probe_io_send {
	PROBE_IO_SENT = 0,
	PROBE_IO_EMSGSIZE = 1, /* the kernel refused: first hop MTU (in *local_mtu) is smaller */
	PROBE_IO_ERROR = -1,   /* hard error, message in err */
};

enum probe_ev_kind {
	PROBE_EV_REPLY = 1, /* the method's proof that the size passed: echo reply,
	                          * TCP SYN-ACK or RST, UDP port unreachable from the target */
	PROBE_EV_TOO_BIG,   /* frag-needed / packet too big, mtu = reported next-hop MTU (raw) */
	PROBE_EV_UNREACH,   /* other unreachable: target not reachable */
	PROBE_EV_TIME_EXCEEDED,
	PROBE_EV_OTHER,
};

struct probe_event {
	enum probe_ev_kind kind;
	uint16_t seq;         /* which probe (the engine owns sequence numbers) */
	uint32_t mtu;         /* PROBE_EV_TOO_BIG: reported MTU as received */
	uint32_t quoted_size; /* ICMP errors: the probe's size per the quoted IP
	                                * header; 0 = not known (the engine then skips
	                                * its check that it equals the size sent) */
	bool weak;            /* ICMP errors: the quote ends before our cookie, so
	                                * only ident, seq and checksum matched (weak evidence) */
	uint16_t mss;         /* REPLY by TCP SYN-ACK: its MSS option; 0 if none */
	struct ip_addr responder;
	uint64_t at_us; /* arrival time on the io's clock */
};

struct probe_io {
	void *ctx;
	/* Monotonic clock in microseconds. */
	uint64_t (*now_us)(void *ctx);
	/* Send one probe: an IP packet of exactly size bytes carrying seq, with
	 * TTL (IPv6: hop limit) ttl; 0 = the io's default (64). A TTL-limited
	 * probe (probe --locate) draws "time exceeded" from the router where
	 * the TTL runs out. */
	enum probe_io_send (*send)(void *ctx, uint16_t seq, unsigned size, unsigned ttl,
				   unsigned *local_mtu, char *err, size_t errlen);
	/* Wait until deadline_us (on now_us's clock) for one event that matches our
	 * probes. Returns 1 with *ev filled, 0 on deadline, -1 on error or
	 * interruption (err says which). A deadline already passed takes only an
	 * event already there, without waiting (probe_engine_run() reads a
	 * round's answers before it sends). Non-matching packets are counted by
	 * the io, not returned. */
	int (*recv)(void *ctx, uint64_t deadline_us, struct probe_event *ev, char *err,
		    size_t errlen);
	/* Packets seen and ignored (not ours, malformed, forged). */
	unsigned long (*ignored)(void *ctx);
	/* Fill buf with len unpredictable bytes (getrandom(2) in the real io; a
	 * seeded generator in the tests). The engine draws its per-run sequence
	 * number mapping from it. Returns 0, or -1 with a message in err. */
	int (*random)(void *ctx, void *buf, size_t len, char *err, size_t errlen);
};

#endif
