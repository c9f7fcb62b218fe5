/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading capture files (pcap and pcapng) through libpcap: bytes out, the IP
 * packet of each record with its link layer taken off. No printing: errors
 * come back as a message in a caller's buffer. */
#ifndef MTUPROBE_PCAPREAD_H
#define MTUPROBE_PCAPREAD_H

#include <stddef.h>
#include <stdint.h>

/* The largest record we look at: an IP packet (16-bit length, RFC 791 /
 * RFC 8200 without jumbograms) plus the longest link header we strip. Bytes
 * beyond it can only belong to something that is not one IP packet (a GSO
 * super-packet, say), and are never copied. */
#define PCAPREAD_MAX_LINK 64u
#define PCAPREAD_MAX (65535u + PCAPREAD_MAX_LINK)

struct pcapread;

struct pcapread_pkt {
	uint64_t n;  /* record number, 1-based, as Wireshark counts frames */
	int64_t sec; /* timestamp as recorded (seconds, microseconds) */
	long usec;
	uint32_t wire_len;    /* length on the wire, as the record claims */
	uint32_t cap_len;     /* bytes the record holds (libpcap's caplen) */
	const uint8_t *ip;    /* the IP packet (up to the captured bytes), or NULL */
	size_t ip_len;        /* bytes at ip */
	uint32_t ip_wire_len; /* wire_len less the link header: the IP packet's real size */
	char why[64];         /* when ip is NULL: why there is no IP packet */
};

enum pcapread_rc {
	PCAPREAD_ERROR = -1, /* message in err; the records before it were good */
	PCAPREAD_END = 0,
	PCAPREAD_RECORD = 1,
};

/* Opens a capture file: a regular file holding pcap or pcapng with a link
 * type we can take apart. NULL with a one-line message in err otherwise. */
struct pcapread *pcapread_open(const char *path, char *err, size_t errlen);

/* The same on a descriptor the caller opened (O_NONBLOCK, so that a FIFO
 * cannot hang before it is refused); it is ours from here on, closed by
 * pcapread_close() or on failure. path only names it in messages. The fuzz
 * harness hands in a memfd holding its input. */
struct pcapread *pcapread_open_fd(int fd, const char *path, char *err, size_t errlen);

/* The same for a stream the caller holds (standard input, a pipe): a
 * regular file is read in place from its start, anything else is read to
 * its end first, into a file of our own (unlinked, in $TMPDIR or /tmp),
 * since inspect reads twice. fd stays the caller's. The first bytes are
 * then checked as for a file, with the same messages. */
struct pcapread *pcapread_open_stream(int fd, const char *name, char *err, size_t errlen);

/* Starts again from the first record of the same open file (the same inode,
 * even if the name has since been replaced). -1 with a message on failure. */
int pcapread_rewind(struct pcapread *r, char *err, size_t errlen);

/* The next record. p->ip points into r and is valid until the next call. */
enum pcapread_rc
pcapread_next(struct pcapread *r, struct pcapread_pkt *p, char *err, size_t errlen);

/* Link type of the file, e.g. "RAW", "EN10MB", "LINUX_SLL2" (libpcap's names). */
const char *pcapread_linktype(const struct pcapread *r);

void pcapread_close(struct pcapread *r);

#endif
