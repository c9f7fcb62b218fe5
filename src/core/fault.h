/* SPDX-License-Identifier: BSD-2-Clause */
/* Why a path was not measured in a round: a code, never words (render/fault_words.c
 * words it for text, JSON and the Prometheus reason label; mtuprobe(1), WATCHING A
 * PATH). Pure: the facts (where it failed, errno, the interface's state) come from
 * the caller. */
#ifndef MTUPROBE_FAULT_H
#define MTUPROBE_FAULT_H

enum fault {
	FAULT_NONE = 0,    /* measured */
	FAULT_NO_ROUTE,    /* no route to the target (ENETUNREACH, EHOSTUNREACH) */
	FAULT_IFACE_DOWN,  /* the interface the probes leave by is down or has no carrier */
	FAULT_NO_SOURCE,   /* our source address is gone (EADDRNOTAVAIL) */
	FAULT_BLOCKED,     /* a local firewall refused the send (EPERM, EACCES) */
	FAULT_SEND,        /* any other error sending a probe */
	FAULT_RECV,        /* an error waiting for or reading answers */
	FAULT_UNREACHABLE, /* the target answered no size, or was reported unreachable */
	FAULT_NO_ANSWER,   /* the probe budget ran out before a path MTU was found */
	FAULT_INTERRUPTED, /* a signal ended the run first (never a watch round) */
	FAULT_COUNT
};

/* Where a system error happened. */
enum fault_stage {
	FAULT_AT_ROUTE = 1, /* finding the source address and route to the target */
	FAULT_AT_SEND,      /* sending a probe */
	FAULT_AT_RECV,      /* waiting for or reading answers */
};

/* The fault of a system error at stage with errno sys_errno; iface_down: the
 * interface the probes leave by is known to be down or without carrier (an
 * interface taken down takes its routes with it, so the errno alone would
 * say "no route": doc/lab-notes.md, "Failure modes you can create"). */
enum fault fault_of_error(enum fault_stage stage, int sys_errno, int iface_down);

/* 1 for the faults that are local system errors (the run could not be done),
 * 0 for answers the path gave (unreachable, no answer) and FAULT_NONE. */
int fault_is_error(enum fault f);

#endif
