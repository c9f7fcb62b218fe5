/* SPDX-License-Identifier: BSD-2-Clause */
/* Capture files through libpcap's dumper: DLT_RAW, so each record is an IP
 * packet exactly as sent or received, with no invented link layer. */
#include "io/capture.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct capture {
	pcap_t *dead;
	pcap_dumper_t *dump;
	int err; /* errno of the first failed write, 0 while none */
};

/* The file, opened so that nothing can hang or go astray: "-" would put
 * binary pcap into the report on standard output; a FIFO nobody reads would
 * block open(2) before the first probe (O_NONBLOCK makes that ENXIO); a
 * directory or socket is no place for a capture. */
static FILE *
open_target(const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd, flags;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		snprintf(
			err, errlen,
			"--pcap - would mix the capture into the report on standard output: give a file name");
		return NULL;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, _("cannot write capture file %s: %s"), path,
			 errno == ENXIO ? _("a FIFO that nobody is reading") : strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 ||
	    !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		snprintf(err, errlen, _("cannot write capture file %s: not a file, FIFO or device"),
			 path);
		close(fd);
		return NULL;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 || !(f = fdopen(fd, "wb"))) {
		snprintf(err, errlen, _("cannot write capture file %s: %s"), path, strerror(errno));
		close(fd);
		return NULL;
	}
	return f;
}

struct capture *
capture_open(const char *path, char *err, size_t errlen)
{
	struct capture *c = calloc(1, sizeof(*c));
	FILE *f;

	if (!c) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return NULL;
	}
	if (!(f = open_target(path, err, errlen))) {
		free(c);
		return NULL;
	}
	c->dead = pcap_open_dead(DLT_RAW, 65535);
	if (!c->dead) {
		snprintf(err, errlen, "%s", _("cannot start a capture file"));
		fclose(f);
		free(c);
		return NULL;
	}
	c->dump = pcap_dump_fopen(c->dead, f);
	if (!c->dump) {
		snprintf(err, errlen, _("cannot write capture file %s: %s"), path,
			 pcap_geterr(c->dead));
		fclose(f);
		pcap_close(c->dead);
		free(c);
		return NULL;
	}
	return c;
}

void
capture_packet(struct capture *c, const uint8_t *pkt, size_t len)
{
	struct pcap_pkthdr h;

	if (!c)
		return;
	memset(&h, 0, sizeof(h));
	gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	errno = 0;
	pcap_dump((u_char *)c->dump, &h, pkt);
	/* A FIFO whose reader quit (EPIPE, SIGPIPE being ignored) or a full
	 * disk: glibc drops the buffer, so the reason is kept from here. */
	if (!c->err && ferror(pcap_dump_file(c->dump)))
		c->err = errno ? errno : EIO;
}

int
capture_failed(const struct capture *c)
{
	return c && (c->err || ferror(pcap_dump_file(c->dump)));
}

void
capture_icmp6(struct capture *c, const uint8_t src[16], const uint8_t dst[16], const uint8_t *msg,
	      size_t len)
{
	capture_ip6(c, src, dst, 58, msg, len); /* ICMPv6 */
}

void
capture_ip6(struct capture *c, const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
	    const uint8_t *msg, size_t len)
{
	uint8_t pkt[40 + 65535];

	if (!c || len > 65535)
		return;
	memset(pkt, 0, 40);
	pkt[0] = 0x60; /* version 6 (RFC 8200 section 3) */
	pkt[4] = (uint8_t)(len >> 8);
	pkt[5] = (uint8_t)len;
	pkt[6] = proto;
	pkt[7] = 255;
	memcpy(pkt + 8, src, 16);
	memcpy(pkt + 24, dst, 16);
	memcpy(pkt + 40, msg, len);
	capture_packet(c, pkt, 40 + len);
}

int
capture_close(struct capture *c, char *err, size_t errlen)
{
	int rc = 0;

	if (!c)
		return 0;
	/* pcap_dump() reports nothing: a full disk shows only here. */
	errno = 0;
	if (pcap_dump_flush(c->dump) != 0 || ferror(pcap_dump_file(c->dump)) || c->err) {
		if (!c->err)
			c->err = errno;
		snprintf(err, errlen, _("cannot write the capture file: %s"),
			 c->err ? strerror(c->err) : _("write error"));
		rc = -1;
	}
	pcap_dump_close(c->dump);
	pcap_close(c->dead);
	free(c);
	return rc;
}
