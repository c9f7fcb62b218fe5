/* SPDX-License-Identifier: BSD-2-Clause */
/* wire: bytes in, structs out. Builds probe packets and classifies replies.
 * No sockets, no clocks, no globals: every function takes a buffer and a length,
 * which is why the fuzz harness (tests/fuzz/fuzz_reply.c) is a few lines. */
#ifndef MTUPROBE_WIRE_H
#define MTUPROBE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "base/ip.h" /* struct ip_addr, ip_addr_text() */

#define WIRE_COOKIE_LEN 8

/* How the probes travel and what proves one arrived (wire_l4.c):
 *   ICMP: echo request; proof: the echo reply carrying our cookie.
 *   UDP:  a datagram to a closed port; proof: the target's ICMP port
 *         unreachable quoting it with our cookie and checksum (tracepath's
 *         method, RFC 1122 sec. 4.1.3.1: a host answers a closed port so).
 *   TCP:  a SYN carrying data (RFC 9293 sec. 3.4: a SYN may carry data);
 *         proof: the target's SYN-ACK or RST acknowledging our random ISN. */
enum wire_method { WIRE_ICMP = 0, WIRE_UDP, WIRE_TCP };

/* One UDP or TCP probe, found by the source port it left from. */
struct wire_flow {
	uint32_t isn;  /* TCP: our initial sequence number, random per probe */
	uint16_t seq;  /* the engine's sequence number of this probe */
	uint16_t size; /* its IP size; 0: no probe left from this port */
};

/* Whose probes a match describes. Other tools' probes, seen in a capture
 * (inspect), carry no cookie: their answers are matched on what the tool
 * itself matches them by (wire_foreign.c). */
enum wire_tool {
	WIRE_TOOL_MTUPROBE = 0, /* ours: cookie, pattern, checksum */
	WIRE_TOOL_PING,         /* an echo request with DF (ping -M do, Windows ping -f) */
	WIRE_TOOL_TRACEPATH,    /* iputils tracepath's UDP datagram with DF */
};

/* What identifies our probes: a reply or an error is ours only if it matches. */
struct wire_match {
	struct ip_addr src;              /* our source address */
	struct ip_addr dst;              /* the target */
	uint16_t ident;                  /* ICMP echo identifier */
	uint8_t cookie[WIRE_COOKIE_LEN]; /* random per run, first payload bytes */
	int method;                      /* enum wire_method; 0: ICMP echo */
	uint16_t dport;                  /* UDP/TCP: the target's port */
	uint16_t sport_base;             /* UDP/TCP: flows[k] left from sport_base + k */
	uint16_t nflows;
	uint16_t syn_mss;              /* TCP: the MSS option our SYNs carry */
	const struct wire_flow *flows; /* UDP/TCP: the probes sent, by port */
	int tool;                      /* enum wire_tool; WIRE_TOOL_MTUPROBE (0): ours */
	/* Other tools: the IP size of the probe sent with each ICMP seq (ping)
	 * or to each destination port (tracepath), 0 where none was; 65536
	 * entries. tracepath's source port is sport_base. */
	const uint16_t *seq_size;
};

enum wire_kind {
	WIRE_IGNORED = 0,   /* not ours, malformed, forged, or of no interest */
	WIRE_ECHO_REPLY,    /* echo reply from the target carrying our cookie */
	WIRE_TOO_BIG,       /* IPv4 frag-needed (3/4) or ICMPv6 Packet Too Big quoting our probe */
	WIRE_UNREACH,       /* other destination unreachable quoting our probe */
	WIRE_TIME_EXCEEDED, /* TTL/hop limit exceeded quoting our probe */
	WIRE_OTHER_ERROR,   /* parameter problem, etc. quoting our probe */
	WIRE_TCP_SYNACK,    /* TCP: the target's SYN-ACK acknowledging our SYN */
	WIRE_TCP_RST,       /* TCP: the target's RST acknowledging our SYN */
	WIRE_PORT_UNREACH,  /* UDP: the target's port unreachable quoting our cookie */
};

/* The reasons that only say a packet is of another protocol or method than
 * the run's (a tracepath stream's answer seen by a ping stream): a caller
 * that must tell them apart compares the pointer, never the words. */
extern const char wire_why_quoted_protocol[], wire_why_quoted_next_header[],
	wire_why_other_method[];

struct wire_reply {
	enum wire_kind kind;
	struct ip_addr responder; /* who sent the ICMP message */
	uint16_t seq;             /* sequence number of our probe (from reply or quote) */
	uint32_t mtu; /* next-hop MTU as reported (TOO_BIG only; may be 0 or absurd: raw value) */
	uint32_t quoted_size;  /* size of the quoted probe per its own header, 0 if unknown */
	uint8_t cookie_quoted; /* errors: 1 if the quote held our cookie (and it matched);
	                               * 0 if it was too short: weak evidence, only ident, seq
	                               * and the quoted checksum matched */
	uint8_t icmp_type, icmp_code;
	uint16_t mss;     /* TCP_SYNACK: its MSS option, 0 if it had none */
	uint16_t port;    /* UDP/TCP: the source port of the probe answered */
	uint32_t tcp_ack; /* TCP_SYNACK/RST: its acknowledgment number */
	const char *why;  /* for WIRE_IGNORED: a static string saying why; NULL otherwise */
};
/* On WIRE_IGNORED, seq, mtu, quoted_size and cookie_quoted are 0; responder, icmp_type and
 * icmp_code are still filled in when the packet got that far (for logging).
 * quoted_size is 0 for echo replies. */

/* Smallest probe we can build: IP header + ICMP header + cookie. */
size_t wire_min_probe(int family);

/* Build a whole IP packet of exactly size bytes into buf (IPv4 with DF set and
 * id = seq, or IPv6; then ICMP/ICMPv6 echo request ident/seq, payload starting
 * with the cookie). Returns size, or -1 with a message in err. Uses libnet.
 * m->src and m->dst must be of the same family; wire_min_probe(family) <=
 * size <= 65535 and size <= cap; 1 <= ttl <= 255 (IPv6: hop limit). After
 * the cookie, data byte k is (uint8_t)k. Needs no privilege (no socket). */
long wire_build_echo(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
		     uint16_t seq, char *err, size_t errlen);

/* Smallest probe of a method: IP + TCP header with the MSS option (24) or
 * UDP header (8) or ICMP header (8), + cookie. 0 for a bad family. */
size_t wire_min_probe_of(int family, int method);

/* A UDP datagram (m->method UDP) of exactly size bytes from port sport to
 * m->dport: the cookie, then data byte k = (uint8_t)k. IPv4 with DF set and
 * id = seq. Returns size, or -1 with a message in err (wire_l4.c). */
long wire_build_udp(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
		    uint16_t seq, uint16_t sport, char *err, size_t errlen);

/* A TCP SYN of exactly size bytes from sport to m->dport with sequence
 * number isn, an MSS option (m->syn_mss) and the cookie + pattern as data. */
long wire_build_syn(uint8_t *buf, size_t cap, size_t size, int ttl, const struct wire_match *m,
		    uint16_t seq, uint16_t sport, uint32_t isn, char *err, size_t errlen);

/* The RST that ends a handshake we never meant to finish: answering a
 * SYN-ACK whose acknowledgment number was ack, <SEQ=ack><CTL=RST> (RFC 9293
 * sec. 3.10.7.1). Returns its size, or -1. */
long wire_build_rst(uint8_t *buf, size_t cap, const struct wire_match *m, uint16_t sport,
		    uint32_t ack, char *err, size_t errlen);

/* Classify a TCP segment without its IPv6 header (as read from a raw IPv6
 * TCP socket), src being its sender. The TCP checksum is not checked (see
 * wire_l4.c: offloaded segments arrive with a partial one). */
enum wire_kind wire_parse_tcp6(const uint8_t *buf, size_t len, const struct ip_addr *src,
			       const struct wire_match *m, struct wire_reply *out);

/* Classify a whole IPv4 or IPv6 packet (as read from a raw IPv4 socket or a
 * DLT_RAW capture). Never reads past len. Returns out->kind. The ICMP
 * checksum must be correct (tests that craft replies must compute it), except
 * in the first fragment of a fragmented echo reply, which is accepted on
 * ident + cookie alone; bytes after the IP length (link padding) are ignored. */
enum wire_kind
wire_parse_ip(const uint8_t *buf, size_t len, const struct wire_match *m, struct wire_reply *out);

/* Data bytes after the cookie that must follow the probe pattern before an
 * echo request in a capture is called one of our probes: ping's own data
 * also counts up (iputils and BSD ping: byte k = k after the time stamp),
 * but its 16-byte time stamp breaks the count by byte 11. */
#define WIRE_PROBE_MIN_PATTERN 4

/* One of our probes, as seen in a capture. */
struct wire_probe {
	struct wire_match m; /* source, target, ident, cookie: its stream */
	uint16_t seq;        /* tracepath: the destination port (one per probe) */
	uint32_t size;       /* per its IP header */
	int snapped;         /* the capture holds fewer than size bytes of it */
};

enum wire_probe_rc {
	WIRE_NOT_PROBE = -1, /* an echo request, but not a probe: *why says why */
	WIRE_NOT_ECHO = 0,   /* not an echo request at all */
	WIRE_PROBE = 1,      /* one of ours: out filled in */
};

/* Is this IPv4/IPv6 packet one of our probes (wire_build_echo's layout)?
 * len: bytes captured; wire_len: the packet's size on the wire (>= len).
 * Returns an enum wire_probe_rc; *why is a static string or NULL. Never
 * reads past len. */
int wire_parse_probe(const uint8_t *buf, size_t len, uint32_t wire_len, struct wire_probe *out,
		     const char **why);

/* Is this IPv4/IPv6 packet another tool's DF probe (wire_foreign.c)? An
 * ICMP/ICMPv6 echo request with DF set (any IPv6 one: IPv6 routers never
 * fragment), any data, any ident: out->m.tool = WIRE_TOOL_PING, m.ident,
 * seq. Or a UDP datagram with DF laid out as iputils tracepath sends it
 * (its first 4 data bytes hold the packet's TTL, then a time stamp, then
 * zeros): WIRE_TOOL_TRACEPATH, m.method = WIRE_UDP, m.sport_base = the
 * source port, seq = the destination port. The stream key is m (without a
 * cookie). Same arguments and return codes as wire_parse_probe. */
int wire_parse_foreign(const uint8_t *buf, size_t len, uint32_t wire_len, struct wire_probe *out,
		       const char **why);

/* What an IP header alone says, as far as len bytes of it go. */
struct wire_ip {
	int sized;               /* 1 if len reached the length field */
	uint32_t size;           /* total size per the header (raw) */
	struct ip_addr src, dst; /* family 0: not that far (or not IP) */
};

void wire_ip_header(const uint8_t *buf, size_t len, struct wire_ip *out);

/* Classify an ICMPv6 message without its IPv6 header (as read from a raw
 * ICMPv6 socket), src being the sender from recvfrom(). The checksum is not
 * checked: the kernel verifies it on raw ICMPv6 sockets. */
enum wire_kind wire_parse_icmp6(const uint8_t *buf, size_t len, const struct ip_addr *src,
				const struct wire_match *m, struct wire_reply *out);

/* What an address is when it is not one unicast host (wire_addr.c);
 * the CLI words each kind. */
enum wire_addr_kind {
	WIRE_ADDR_UNICAST,
	WIRE_ADDR_UNSPEC4,   /* 0.0.0.0/8 */
	WIRE_ADDR_MULTICAST, /* 224.0.0.0/4, ff00::/8 */
	WIRE_ADDR_RESERVED4, /* 240.0.0.0/4, with 255.255.255.255 */
	WIRE_ADDR_UNSPEC6,   /* :: */
	WIRE_ADDR_MAPPED,    /* ::ffff:0:0/96 */
	WIRE_ADDR_COMPAT,    /* ::/96 but ::1 */
	WIRE_ADDR_KIND_COUNT
};
enum wire_addr_kind wire_addr_not_unicast(const struct ip_addr *a);

#endif
