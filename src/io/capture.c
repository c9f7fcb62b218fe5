/* Capture files through libpcap's dumper: DLT_RAW, so each record is an IP
 * packet exactly as sent or received, with no invented link layer. */
#include "io/capture.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct capture {
	pcap_t *dead;
	pcap_dumper_t *dump;
};

struct capture *
capture_open(const char *path, char *err, size_t errlen)
{
	struct capture *c = calloc(1, sizeof(*c));

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->dead = pcap_open_dead(DLT_RAW, 65535);
	if (!c->dead) {
		snprintf(err, errlen, "cannot start a capture file");
		free(c);
		return NULL;
	}
	c->dump = pcap_dump_open(c->dead, path);
	if (!c->dump) {
		snprintf(err, errlen, "cannot write capture file %s: %s", path, pcap_geterr(c->dead));
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
	pcap_dump((u_char *)c->dump, &h, pkt);
}

void
capture_icmp6(struct capture *c, const uint8_t src[16], const uint8_t dst[16],
	      const uint8_t *msg, size_t len)
{
	uint8_t pkt[40 + 65535];

	if (!c || len > 65535)
		return;
	memset(pkt, 0, 40);
	pkt[0] = 0x60;                      /* version 6 (RFC 8200 section 3) */
	pkt[4] = (uint8_t)(len >> 8);
	pkt[5] = (uint8_t)len;
	pkt[6] = 58;                        /* ICMPv6 */
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
	if (pcap_dump_flush(c->dump) != 0) {
		snprintf(err, errlen, "error writing the capture file");
		rc = -1;
	}
	pcap_dump_close(c->dump);
	pcap_close(c->dead);
	free(c);
	return rc;
}
