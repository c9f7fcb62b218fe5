/* SPDX-License-Identifier: BSD-2-Clause */
/* --pcap: every probe and every reply, as raw IP packets (LINKTYPE_RAW), in a
 * file tcpdump -r and Wireshark open. */
#ifndef MTUPROBE_CAPTURE_H
#define MTUPROBE_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

struct capture;

struct capture *capture_open(const char *path, char *err, size_t errlen);
void capture_packet(struct capture *c, const uint8_t *pkt, size_t len);
/* An ICMPv6 message from a raw socket, which hands over no IPv6 header: one
 * is reconstructed from the addresses (hop limit 255 marks it as such). */
void capture_icmp6(struct capture *c, const uint8_t src[16], const uint8_t dst[16],
		   const uint8_t *msg, size_t len);
/* The same for any upper-layer protocol (a raw IPv6 TCP socket's segments). */
void capture_ip6(struct capture *c, const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
		 const uint8_t *msg, size_t len);
/* A write to the file has failed (said by capture_close); 0 for NULL. */
int capture_failed(const struct capture *c);
int capture_close(struct capture *c, char *err, size_t errlen);

#endif
