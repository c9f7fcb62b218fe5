/* SPDX-License-Identifier: BSD-2-Clause */
/* The real network behind struct probe_io: probes built by wire/ (libnet),
 * sent on a raw IP socket with the header included, answers read from a raw
 * ICMP/ICMPv6 socket. The only code that opens sockets. */
#ifndef MTUPROBE_RAWIO_H
#define MTUPROBE_RAWIO_H

#include <stddef.h>
#include <sys/socket.h>

#include "core/fault.h"
#include "io/capture.h"
#include "probe/probe_io.h"
#include "probe/sched.h"

enum rawio_rc {
	RAWIO_OK = 0,
	RAWIO_ERROR = -1,   /* a system error: message in err */
	RAWIO_NOPRIV = -2,  /* no CAP_NET_RAW */
	RAWIO_BADHOST = -3, /* unknown host or no address of the family */
	RAWIO_BADIF = -4,   /* -I names no interface or address we have */
	RAWIO_NOROUTE = -5, /* no route to the target (yet): see rawio_route */
};

struct rawio_target {
	int family; /* 4 or 6 */
	struct sockaddr_storage ss;
	socklen_t sslen;
	char text[64]; /* numeric address */
};

struct rawio;

/* Resolve host (a name or an address); family 0 = whatever it resolves to. */
enum rawio_rc
rawio_resolve(const char *host, int family, struct rawio_target *t, char *err, size_t errlen);

/* The target's address as the wire layer holds it. */
void rawio_target_addr(const struct rawio_target *t, struct ip_addr *w);

/* -I names a loopback interface or address while the target is not on this
 * host: nothing could leave by it (RAWIO_BADIF, message in err). Needs no
 * privilege: called before the sockets are opened. */
enum rawio_rc
rawio_check_via(const char *via, const struct rawio_target *t, char *err, size_t errlen);

/* Open the sockets for one target (privileged: call before priv_drop). With
 * no route to the target yet, RAWIO_OK all the same: the source address is
 * looked up again by rawio_route before each run.
 * via: NULL, an interface name or a source address. tcp: also the raw TCP
 * socket the TCP method reads SYN-ACKs and RSTs from. */
enum rawio_rc rawio_open(struct rawio **out, const struct rawio_target *t, const char *via, int tcp,
			 char *err, size_t errlen);

/* Before each run: clears the run's failure and, when rawio_open found no
 * route to the target, looks for one again. 0, or -1 with a message in
 * err and the failure recorded (rawio_failure). */
int rawio_route(struct rawio *r, char *err, size_t errlen);
/* Where this run's system error happened (enum fault_stage; 0: none), with
 * its errno in *sys_errno, for core/fault.c. */
int rawio_failure(const struct rawio *r, int *sys_errno);
/* 1 when the interface the probes leave by is down, has no carrier or is
 * gone; 0 when it is up or not known yet. */
int rawio_iface_down(const struct rawio *r);

/* The method (and the target's port for UDP/TCP) of the next run; forgets
 * the previous run's UDP/TCP probes. 0, or -1 with a message. */
int rawio_use(struct rawio *r, enum wire_method m, uint16_t port, char *err, size_t errlen);

/* MTU of the interface the probes leave by, 0 if unknown. */
unsigned rawio_iface_mtu(const struct rawio *r);
const char *rawio_source(const struct rawio *r);
void rawio_set_capture(struct rawio *r, struct capture *c);
void rawio_probe_io(struct rawio *r, struct probe_io *io);
/* Discard what queued up before this path's run (every raw ICMP socket gets a
 * copy of every ICMP message, so the WAN run's answers wait on the tunnel's). */
void rawio_drain(struct rawio *r);
void rawio_close(struct rawio *r);

/* probe --targets: every path's answers read from one ICMP and one ICMPv6
 * socket (rawio.c, struct rawio_mux, says why), waited on together. */
struct rawio_mux;
struct rawio_mux *rawio_mux_new(void);
/* As rawio_open, but the ICMP receive socket is mux's (opened with its
 * family's first path, privileged as rawio_open is). Close the paths
 * before the mux. */
enum rawio_rc rawio_open_shared(struct rawio **out, const struct rawio_target *t, const char *via,
				int tcp, struct rawio_mux *mux, char *err, size_t errlen);
/* rawio_use puts a shared path in a run: answers are matched to it until
 * rawio_idle (or rawio_close); then its late answers are dropped. */
void rawio_idle(struct rawio *r);
/* The wait across every path in a run (sched.h): *io_ctx is the rawio's
 * probe_io ctx (rawio_probe_io). */
void rawio_mux_wait(struct rawio_mux *m, struct probe_wait *w);
void rawio_mux_close(struct rawio_mux *m);

#endif
