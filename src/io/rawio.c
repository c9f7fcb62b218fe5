/* SPDX-License-Identifier: BSD-2-Clause */
/* Why raw sockets and not libpcap for the answers: a raw ICMP socket gets
 * every ICMP message addressed to us whichever interface it arrives on (so
 * asymmetric return paths and tunnels work without picking a capture
 * device), with no link layer to parse and no capture buffering delay; the
 * kernel's ICMP filter drops the message types we do not want. libpcap
 * writes the --pcap file (capture.c). Sends use IPPROTO_RAW sockets (header
 * included), which the kernel neither fragments nor holds to a cached path
 * MTU: a probe larger than the device MTU fails locally with EMSGSIZE, and
 * one that is larger than a cached PMTU still goes out, as a probe must.
 *
 * The TCP method (--method tcp) sends SYNs on the same IPPROTO_RAW socket
 * and reads the target's SYN-ACKs and RSTs on a raw IPPROTO_TCP socket,
 * connect()ed to the target so that the kernel hands it nothing else (raw(7):
 * a connected raw socket gets only packets from that address). Raw sockets
 * only get copies: the kernel's TCP also sees every SYN-ACK, finds no socket
 * for it, and answers with a RST of its own, <SEQ=SEG.ACK><CTL=RST> (RFC 9293
 * sec. 3.10.7.1, Linux tcp_v4_send_reset). That RST is harmless, and in fact
 * what we want: it resets the target's embryonic connection. We do not rely
 * on it (a host firewall may drop it, or an odd stack may not send it): on
 * every SYN-ACK we send the same RST ourselves at once (send_rst()). The
 * target takes whichever comes first and drops its half-open connection; the
 * second finds no connection and is discarded without an answer (RFC 9293
 * sec. 3.10.7.2: a RST to a LISTEN socket is ignored, and no RST is ever
 * sent in answer to a RST). Both carry the same sequence number, so neither
 * can confuse a connection that is not ours. No firewall rule is installed
 * and no local socket is opened, so the client keeps no state either. */
#include "io/rawio.h"
#include "base/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "wire/wire.h"
#include "base/count.h"

/* icmp(7): <linux/icmp.h> has these but clashes with <net/if.h>. */
#ifndef ICMP_FILTER
#define ICMP_FILTER 1
#endif
struct icmp_filter4 {
	uint32_t data; /* bit n set = drop ICMP type n */
};

/* Source ports for UDP/TCP probes: one per probe, so that each SYN opens
 * its own embryonic connection (a second SYN on one 4-tuple with another ISN
 * would only draw a duplicate ACK, RFC 9293 sec. 3.10.7.4) and each answer
 * names its probe. In the dynamic range (RFC 6335 sec. 6), from a random
 * base, enough for PROBE_MAX_PROBES. */
#define FLOWS 10240
#define PORT_DYNAMIC 49152u

struct rawio {
	int family;
	int send_fd, recv_fd;
	int tcp_fd;              /* raw IPPROTO_TCP, connected to the target; -1: none */
	struct wire_flow *flows; /* UDP/TCP probes by source port (match.flows) */
	unsigned nflows;         /* flows used in this run */
	struct rawio_target dst;
	struct wire_match match;
	char ifname[IF_NAMESIZE];
	char via[INET6_ADDRSTRLEN];  /* -I as given (an interface or a source address), or "" */
	int routed;                  /* a source address was found (and tcp_fd connected) */
	enum fault_stage fail_stage; /* this run's system error: where (0: none) ... */
	int fail_errno;              /* ... and its errno (core/fault.c reads both) */
	char src_text[64];
	unsigned long ignored;
	struct capture *cap;
	struct rawio_mux *mux; /* probe --targets: recv_fd is the mux's, shared */
	size_t act;            /* 1 + its place in mux->act while in a run; 0: idle */
	uint8_t buf[65536];
};

/* probe --targets: one ICMP and one ICMPv6 receive socket for every path.
 * The kernel gives every raw ICMP socket a copy of every ICMP message
 * (raw(7)), so with a socket per path each answer would be read and
 * parsed once per path; here it is read once and matched against the
 * paths in a run (their idents differ: rawio_use), and the first that
 * owns it takes it. */
struct rawio_mux {
	int fd[2];          /* IPv4, IPv6; -1 until a path of that family opens */
	struct rawio **act; /* the paths in a run */
	size_t nact, cact;
	struct pollfd *pfd;
	struct rawio **pfd_of; /* whose raw TCP socket pfd[i] is; NULL: a shared one */
	size_t cpfd;
	uint8_t buf[65536];
};

static int
af(int family)
{
	return family == 6 ? AF_INET6 : AF_INET;
}

static int
numeric_not_dotted(const char *host, char *err, size_t errlen)
{
	struct in_addr a;
	struct ip_addr read_as;
	char as[INET_ADDRSTRLEN];

	if (inet_pton(AF_INET, host, &a) == 1 || !inet_aton(host, &a))
		return 0;
	read_as = ip_addr_v4(ntohl(a.s_addr));
	ip_addr_text(&read_as, as, sizeof(as));
	snprintf(
		err, errlen,
		_("'%s' is not an IPv4 address in dotted decimal (it would be read as %s: "
		  "a leading 0 is octal, 0x hexadecimal): write four decimal numbers, no leading zeros"),
		host, as);
	return 1;
}

static void
to_wire(const struct sockaddr_storage *ss, int family, struct ip_addr *w)
{
	memset(w, 0, sizeof(*w));
	w->family = family;
	if (family == 6)
		memcpy(w->a, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
	else
		memcpy(w->a, &((const struct sockaddr_in *)ss)->sin_addr, 4);
}

/* The target's address in base/ip.c's one text form, and the IPv6 zone
 * that struct ip_addr does not carry (no sockets below io): fe80::1%eth0
 * as the user wrote it, by the interface's name where the address is
 * link-local and the index has one, else by the index (RFC 4007 section
 * 11, the textual zone; what getnameinfo(NI_NUMERICHOST) wrote here before). */
static void
target_text(struct rawio_target *t)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&t->ss;
	struct ip_addr w;
	char ifname[IF_NAMESIZE];
	size_t n;

	to_wire(&t->ss, t->family, &w);
	ip_addr_text(&w, t->text, sizeof(t->text));
	if (t->family != 6 || !s6->sin6_scope_id)
		return;
	n = strlen(t->text);
	if ((IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&s6->sin6_addr)) &&
	    if_indextoname(s6->sin6_scope_id, ifname))
		snprintf(t->text + n, sizeof(t->text) - n, "%%%s", ifname);
	else
		snprintf(t->text + n, sizeof(t->text) - n, "%%%u", (unsigned)s6->sin6_scope_id);
}

enum rawio_rc
rawio_resolve(const char *host, int family, struct rawio_target *t, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL;
	int rc;

	/* getaddrinfo reads IPv4 as inet_aton does: 203.0.113.010 is octal,
	 * 203.0.113.8, and 1.2.3 or 0x7f.1 are addresses too. A target is
	 * dotted decimal (inet_pton) or a name; the rest is refused, never
	 * probed as another host (issue 20). */
	if (numeric_not_dotted(host, err, errlen))
		return RAWIO_BADHOST;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family ? af(family) : AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(err, errlen, _("cannot resolve '%s'%s: %s"), host,
			 family ? (family == 6 ? _(" over IPv6") : _(" over IPv4")) : "",
			 gai_strerror(rc));
		return RAWIO_BADHOST;
	}
	memset(t, 0, sizeof(*t));
	t->family = res->ai_family == AF_INET6 ? 6 : 4;
	memcpy(&t->ss, res->ai_addr, res->ai_addrlen);
	t->sslen = res->ai_addrlen;
	freeaddrinfo(res);
	target_text(t);
	return RAWIO_OK;
}

void
rawio_target_addr(const struct rawio_target *t, struct ip_addr *w)
{
	to_wire(&t->ss, t->family, w);
}

/* -I as a source address: returns 1 and fills sa, 0 if it is not one. */
static int
via_address(const char *via, int family, struct sockaddr_storage *sa, socklen_t *salen)
{
	memset(sa, 0, sizeof(*sa));
	if (family == 6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)sa;
		s6->sin6_family = AF_INET6;
		*salen = sizeof(*s6);
		return inet_pton(AF_INET6, via, &s6->sin6_addr) == 1;
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)sa;
	s4->sin_family = AF_INET;
	*salen = sizeof(*s4);
	return inet_pton(AF_INET, via, &s4->sin_addr) == 1;
}

static int
loopback_addr(const struct sockaddr_storage *ss, int family)
{
	if (family == 6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == IN_LOOPBACKNET;
}

static int
loopback_if(const char *name)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), lo = 0;

	if (fd < 0 || strlen(name) >= sizeof(ifr.ifr_name)) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0)
		lo = (ifr.ifr_flags & IFF_LOOPBACK) != 0;
	close(fd);
	return lo;
}

/* -I lo used to be accepted: the probes then went nowhere ("no reply even at
 * 68 bytes") and the report named the LAN address as the source (issue 20);
 * -I 127.0.0.1 failed with "no route: Invalid argument". Only a target on
 * this host is reached by loopback. */
enum rawio_rc
rawio_check_via(const char *via, const struct rawio_target *t, char *err, size_t errlen)
{
	struct sockaddr_storage sa;
	socklen_t salen;
	int is_addr;

	if (!via || loopback_addr(&t->ss, t->family))
		return RAWIO_OK;
	is_addr = via_address(via, t->family, &sa, &salen);
	if (is_addr ? !loopback_addr(&sa, t->family) : !loopback_if(via))
		return RAWIO_OK;
	if (is_addr)
		snprintf(err, errlen,
			 _("-I %s is a loopback address: probes to %s cannot leave by it; "
			   "name the interface or address they leave by"),
			 via, t->text);
	else
		snprintf(err, errlen,
			 _("-I %s is a loopback interface: probes to %s cannot leave by it; "
			   "name the interface or address they leave by"),
			 via, t->text);
	return RAWIO_BADIF;
}

/* A system error of this run, for rawio_failure(). */
static void
fail(struct rawio *r, enum fault_stage stage, int sys_errno)
{
	r->fail_stage = stage;
	r->fail_errno = sys_errno;
}

/* Which source address the kernel would use to reach the target (a UDP
 * connect sends nothing), honouring -I. */
static enum rawio_rc
pick_source(struct rawio *r, const char *via, char *err, size_t errlen)
{
	struct sockaddr_storage src, dst = r->dst.ss, bind_to;
	socklen_t len = sizeof(src), bind_len;
	int fd = socket(af(r->family), SOCK_DGRAM, 0);

	if (fd < 0) {
		snprintf(err, errlen, _("socket: %s"), strerror(errno));
		return RAWIO_ERROR;
	}
	((struct sockaddr_in *)&dst)->sin_port = htons(33434); /* any port: nothing is sent */
	if (via && via_address(via, r->family, &bind_to, &bind_len) &&
	    bind(fd, (struct sockaddr *)&bind_to, bind_len) < 0) {
		snprintf(err, errlen, _("-I %s: not an address of this host: %s"), via,
			 strerror(errno));
		close(fd);
		return RAWIO_BADIF;
	}
	if (r->ifname[0] && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname,
				       (socklen_t)strlen(r->ifname) + 1) < 0) {
		int e = errno;
		snprintf(err, errlen, _("-I %s: %s"), r->ifname, strerror(e));
		close(fd);
		return e == EPERM ? RAWIO_NOPRIV : RAWIO_BADIF;
	}
	if (connect(fd, (struct sockaddr *)&dst, r->dst.sslen) < 0 ||
	    getsockname(fd, (struct sockaddr *)&src, &len) < 0) {
		fail(r, FAULT_AT_ROUTE, errno);
		snprintf(err, errlen, _("no route to %s: %s"), r->dst.text,
			 strerror(r->fail_errno));
		close(fd);
		return RAWIO_NOROUTE;
	}
	close(fd);
	to_wire(&src, r->family, &r->match.src);
	ip_addr_text(&r->match.src, r->src_text, sizeof(r->src_text));
	return RAWIO_OK;
}

/* The interface that holds our source address, for its MTU. */
static void
find_ifname(struct rawio *r)
{
	struct ifaddrs *ifa, *i;

	if (r->ifname[0] || getifaddrs(&ifa) < 0)
		return;
	for (i = ifa; i; i = i->ifa_next) {
		struct ip_addr w;
		if (!i->ifa_addr || i->ifa_addr->sa_family != af(r->family))
			continue;
		to_wire((const struct sockaddr_storage *)(void *)i->ifa_addr, r->family, &w);
		if (memcmp(w.a, r->match.src.a, r->family == 6 ? 16 : 4) == 0) {
			snprintf(r->ifname, sizeof(r->ifname), "%s", i->ifa_name);
			break;
		}
	}
	freeifaddrs(ifa);
}

unsigned
rawio_iface_mtu(const struct rawio *r)
{
	struct ifreq ifr;
	int fd;
	unsigned mtu = 0;

	if (!r->ifname[0] || (fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", r->ifname);
	if (ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0)
		mtu = (unsigned)ifr.ifr_mtu;
	close(fd);
	return mtu;
}

const char *
rawio_source(const struct rawio *r)
{
	return r->src_text;
}

void
rawio_set_capture(struct rawio *r, struct capture *c)
{
	r->cap = c;
}

/* Only the ICMP types that can answer a probe reach us (icmp(7) ICMP_FILTER,
 * RFC 3542 section 3.2 ICMP6_FILTER). */
static void
set_filters(struct rawio *r)
{
	int big = 1 << 20;

	setsockopt(r->recv_fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (r->tcp_fd >= 0)
		setsockopt(r->tcp_fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (r->family == 4) {
		struct icmp_filter4 f = { ~((1U << ICMP_ECHOREPLY) | (1U << ICMP_DEST_UNREACH) |
					    (1U << ICMP_TIME_EXCEEDED) |
					    (1U << ICMP_PARAMETERPROB)) };
		setsockopt(r->recv_fd, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
	} else {
		struct icmp6_filter f;
		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
		ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &f);
		ICMP6_FILTER_SETPASS(ICMP6_PACKET_TOO_BIG, &f);
		ICMP6_FILTER_SETPASS(ICMP6_TIME_EXCEEDED, &f);
		ICMP6_FILTER_SETPASS(ICMP6_PARAM_PROB, &f);
		setsockopt(r->recv_fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
	}
}

/* A random identifier and cookie per run: a reply is ours only if it
 * carries both, so an off-path forger has to guess 80 bits. */
static int
getrandom_ident(struct rawio *r)
{
	uint8_t b[2];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b) ||
	    getrandom(r->match.cookie, WIRE_COOKIE_LEN, 0) != WIRE_COOKIE_LEN)
		return -1;
	r->match.ident = (uint16_t)(b[0] << 8 | b[1]);
	return 0;
}

/* Without this the kernel holds even header-included raw sends to the path
 * MTU it cached from an earlier "fragmentation needed" (ip_skb_dst_mtu,
 * ip6_skb_dst_mtu), so a probe could never see that a path got bigger, and
 * a stale cache would be reported as the answer. PMTUDISC_PROBE: DF set,
 * cache ignored, only the device MTU limits a send (as tracepath does). */
static enum rawio_rc
no_pmtu_cache(struct rawio *r, char *err, size_t errlen)
{
	int v4 = IP_PMTUDISC_PROBE, v6 = IPV6_PMTUDISC_PROBE;
	int rc = r->family == 6
			 ? setsockopt(r->send_fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &v6, sizeof(v6))
			 : setsockopt(r->send_fd, IPPROTO_IP, IP_MTU_DISCOVER, &v4, sizeof(v4));

	if (rc < 0) {
		snprintf(err, errlen, _("cannot ignore the kernel's path MTU cache: %s"),
			 strerror(errno));
		return RAWIO_ERROR;
	}
	return RAWIO_OK;
}

static enum rawio_rc
open_sockets(struct rawio *r, int tcp, char *err, size_t errlen)
{
	int proto = r->family == 6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;

	int *shared = r->mux ? &r->mux->fd[r->family == 6] : NULL;

	r->send_fd = socket(af(r->family), SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (r->send_fd >= 0)
		r->recv_fd = shared && *shared >= 0
				     ? *shared
				     : socket(af(r->family), SOCK_RAW | SOCK_CLOEXEC, proto);
	if (shared && *shared < 0 && r->recv_fd >= 0)
		*shared = r->recv_fd; /* the mux's from now on: it closes it */
	if (r->recv_fd >= 0 && tcp)
		r->tcp_fd = socket(af(r->family), SOCK_RAW | SOCK_CLOEXEC, IPPROTO_TCP);
	if (r->send_fd < 0 || r->recv_fd < 0 || (tcp && r->tcp_fd < 0)) {
		if (errno == EPERM || errno == EACCES)
			return RAWIO_NOPRIV;
		snprintf(err, errlen, _("raw socket: %s"), strerror(errno));
		return RAWIO_ERROR;
	}
	if (r->ifname[0] &&
	    (setsockopt(r->send_fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname,
			(socklen_t)strlen(r->ifname) + 1) < 0 ||
	     setsockopt(r->recv_fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname,
			(socklen_t)strlen(r->ifname) + 1) < 0 ||
	     (r->tcp_fd >= 0 && setsockopt(r->tcp_fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname,
					   (socklen_t)strlen(r->ifname) + 1) < 0))) {
		snprintf(err, errlen, _("-I %s: %s"), r->ifname, strerror(errno));
		return errno == EPERM ? RAWIO_NOPRIV : RAWIO_BADIF;
	}
	set_filters(r);
	return no_pmtu_cache(r, err, errlen);
}

/* The source address, and the raw TCP socket connected to the target (so
 * that it sees only the target's segments), once there is a route. */
static enum rawio_rc
route(struct rawio *r, char *err, size_t errlen)
{
	enum rawio_rc rc;

	if (r->routed)
		return RAWIO_OK;
	rc = pick_source(r, r->via[0] ? r->via : NULL, err, errlen);
	if (rc != RAWIO_OK)
		return rc;
	if (r->tcp_fd >= 0 && connect(r->tcp_fd, (struct sockaddr *)&r->dst.ss, r->dst.sslen) < 0) {
		fail(r, FAULT_AT_ROUTE, errno);
		snprintf(err, errlen, _("raw TCP socket: %s"), strerror(r->fail_errno));
		return RAWIO_NOROUTE;
	}
	find_ifname(r);
	r->routed = 1;
	return RAWIO_OK;
}

int
rawio_route(struct rawio *r, char *err, size_t errlen)
{
	r->fail_stage = 0;
	r->fail_errno = 0;
	return route(r, err, errlen) == RAWIO_OK ? 0 : -1;
}

int
rawio_failure(const struct rawio *r, int *sys_errno)
{
	*sys_errno = r->fail_errno;
	return (int)r->fail_stage;
}

int
rawio_iface_down(const struct rawio *r)
{
	struct ifreq ifr;
	int fd, down;

	if (!r->ifname[0] || (fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", r->ifname);
	/* netdevice(7): IFF_UP is the administrative state, IFF_RUNNING the
	 * carrier; a device that is gone (ENODEV) is down too. */
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0)
		down = !(ifr.ifr_flags & IFF_UP) || !(ifr.ifr_flags & IFF_RUNNING);
	else
		down = errno == ENODEV;
	close(fd);
	return down;
}

static enum rawio_rc
open_one(struct rawio **out, const struct rawio_target *t, const char *via, int tcp,
	 struct rawio_mux *mux, char *err, size_t errlen)
{
	struct rawio *r = calloc(1, sizeof(*r));
	struct sockaddr_storage tmp;
	socklen_t tmplen;
	enum rawio_rc rc;

	*out = NULL;
	if (!r) {
		snprintf(err, errlen, _("out of memory"));
		return RAWIO_ERROR;
	}
	r->send_fd = r->recv_fd = r->tcp_fd = -1;
	r->mux = mux;
	r->family = t->family;
	r->dst = *t;
	to_wire(&t->ss, t->family, &r->match.dst);
	if (via && !via_address(via, t->family, &tmp, &tmplen)) {
		if (if_nametoindex(via) == 0 || strlen(via) >= sizeof(r->ifname)) {
			snprintf(err, errlen, _("-I %s: no such interface or IPv%d address"), via,
				 t->family);
			free(r);
			return RAWIO_BADIF;
		}
		snprintf(r->ifname, sizeof(r->ifname), "%s", via);
	}
	snprintf(r->via, sizeof(r->via), "%s", via ? via : "");
	/* Sockets first: without CAP_NET_RAW there is nothing more to do. */
	rc = open_sockets(r, tcp, err, errlen);
	if (rc == RAWIO_OK)
		rc = route(r, err, errlen);
	/* No route yet is not the end: each run looks again (rawio_route), so a
	 * watch started during an outage reports it and sees the path come back. */
	if (rc == RAWIO_NOROUTE)
		rc = RAWIO_OK;
	if (rc == RAWIO_BADIF && !err[0])
		snprintf(err, errlen, _("-I %s: cannot bind to it"), via);
	if (rc != RAWIO_OK) {
		rawio_close(r);
		return rc;
	}
	r->flows = calloc(FLOWS, sizeof(*r->flows));
	if (!r->flows || getrandom_ident(r) < 0) {
		snprintf(err, errlen, r->flows ? "no randomness: %s" : "out of memory",
			 strerror(errno));
		rawio_close(r);
		return RAWIO_ERROR;
	}
	r->match.flows = r->flows;
	*out = r;
	return RAWIO_OK;
}

enum rawio_rc
rawio_open(struct rawio **out, const struct rawio_target *t, const char *via, int tcp, char *err,
	   size_t errlen)
{
	return open_one(out, t, via, tcp, NULL, err, errlen);
}

enum rawio_rc
rawio_open_shared(struct rawio **out, const struct rawio_target *t, const char *via, int tcp,
		  struct rawio_mux *mux, char *err, size_t errlen)
{
	return open_one(out, t, via, tcp, mux, err, errlen);
}

static uint64_t
now_us(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Build the probe of the current method; for UDP/TCP it takes the next
 * source port, and a TCP SYN a fresh random ISN (the proof of arrival). */
static long
build_probe(struct rawio *r, uint16_t seq, unsigned size, int ttl, char *err, size_t errlen)
{
	struct wire_flow *f;
	uint16_t sport;

	if (r->match.method == WIRE_ICMP)
		return wire_build_echo(r->buf, sizeof(r->buf), size, ttl, &r->match, seq, err,
				       errlen);
	if (r->nflows >= FLOWS) {
		snprintf(err, errlen, _("more than %u UDP/TCP probes in one run"), FLOWS);
		return -1;
	}
	f = &r->flows[r->nflows];
	sport = (uint16_t)(r->match.sport_base + r->nflows);
	f->seq = seq;
	f->size = (uint16_t)size;
	if (getrandom(&f->isn, sizeof(f->isn), 0) != (ssize_t)sizeof(f->isn)) {
		snprintf(err, errlen, _("no randomness: %s"), strerror(errno));
		return -1;
	}
	r->nflows++;
	r->match.nflows = (uint16_t)r->nflows;
	if (r->match.method == WIRE_UDP)
		return wire_build_udp(r->buf, sizeof(r->buf), size, ttl, &r->match, seq, sport, err,
				      errlen);
	return wire_build_syn(r->buf, sizeof(r->buf), size, ttl, &r->match, seq, sport, f->isn, err,
			      errlen);
}

static enum probe_io_send
io_send(void *ctx, uint16_t seq, unsigned size, unsigned ttl, unsigned *local_mtu, char *err,
	size_t errlen)
{
	struct rawio *r = ctx;
	/* 64: RFC 1700's default TTL, what ping and the kernel use */
	long n = build_probe(r, seq, size, ttl ? (int)ttl : 64, err, errlen);

	if (n < 0) {
		fail(r, FAULT_AT_SEND, 0);
		return PROBE_IO_ERROR;
	}
	if (sendto(r->send_fd, r->buf, (size_t)n, 0, (struct sockaddr *)&r->dst.ss, r->dst.sslen) <
	    0) {
		if (errno == EMSGSIZE) {
			*local_mtu = rawio_iface_mtu(r);
			return PROBE_IO_EMSGSIZE;
		}
		fail(r, FAULT_AT_SEND, errno);
		snprintf(err, errlen, _("send to %s: %s"), r->dst.text, strerror(r->fail_errno));
		return PROBE_IO_ERROR;
	}
	capture_packet(r->cap, r->buf, (size_t)n);
	return PROBE_IO_SENT;
}

/* clang-format off */
static const enum probe_ev_kind ev_of[] = {
	[WIRE_ECHO_REPLY] = PROBE_EV_REPLY, [WIRE_TOO_BIG] = PROBE_EV_TOO_BIG,
	[WIRE_UNREACH] = PROBE_EV_UNREACH, [WIRE_TIME_EXCEEDED] = PROBE_EV_TIME_EXCEEDED,
	[WIRE_OTHER_ERROR] = PROBE_EV_OTHER,
	/* each method's proof that a size passed */
	[WIRE_TCP_SYNACK] = PROBE_EV_REPLY, [WIRE_TCP_RST] = PROBE_EV_REPLY,
	[WIRE_PORT_UNREACH] = PROBE_EV_REPLY,
};
/* clang-format on */

/* End the handshake a SYN-ACK began (see the top of this file). */
static void
send_rst(struct rawio *r, const struct wire_reply *rep)
{
	uint8_t pkt[128]; /* room for the builder's check: a SYN's minimum, IPv6 */
	char err[128];
	long n = wire_build_rst(pkt, sizeof(pkt), &r->match, rep->port, rep->tcp_ack, err,
				sizeof(err));

	if (n > 0 &&
	    sendto(r->send_fd, pkt, (size_t)n, 0, (struct sockaddr *)&r->dst.ss, r->dst.sslen) == n)
		capture_packet(r->cap, pkt, (size_t)n);
}

/* What a datagram read from one of r's sockets (tcp: its raw TCP socket)
 * is: 1 with ev filled when it answers one of r's probes, 0 when not. */
static int
classify(struct rawio *r, const uint8_t *buf, size_t n, const struct sockaddr_storage *from,
	 int tcp, struct probe_event *ev)
{
	struct wire_reply rep;
	struct ip_addr src;

	if (r->family == 4) {
		wire_parse_ip(buf, n, &r->match, &rep);
	} else {
		to_wire(from, 6, &src);
		if (tcp)
			wire_parse_tcp6(buf, n, &src, &r->match, &rep);
		else
			wire_parse_icmp6(buf, n, &src, &r->match, &rep);
	}
	if (rep.kind == WIRE_TCP_SYNACK)
		send_rst(r, &rep);
	if (rep.kind == WIRE_IGNORED || (size_t)rep.kind >= COUNT(ev_of))
		return 0;
	memset(ev, 0, sizeof(*ev));
	ev->kind = ev_of[rep.kind];
	ev->seq = rep.seq;
	ev->mtu = rep.mtu;
	ev->quoted_size = rep.quoted_size;
	ev->weak = ev->kind != PROBE_EV_REPLY && !rep.cookie_quoted;
	ev->mss = rep.mss;
	ev->responder = rep.responder;
	ev->at_us = now_us(NULL);
	return 1;
}

/* Reads one datagram from fd and classifies it; 1 = ours, 0 = ignored. */
static int
read_one(struct rawio *r, int fd, struct probe_event *ev)
{
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	struct ip_addr src;
	ssize_t n = recvfrom(fd, r->buf, sizeof(r->buf), MSG_DONTWAIT, (struct sockaddr *)&from,
			     &fromlen);

	if (n <= 0)
		return 0;
	if (r->family == 4) {
		capture_packet(r->cap, r->buf, (size_t)n);
	} else {
		to_wire(&from, 6, &src);
		if (fd == r->tcp_fd)
			capture_ip6(r->cap, src.a, r->match.src.a, IPPROTO_TCP, r->buf, (size_t)n);
		else
			capture_icmp6(r->cap, src.a, r->match.src.a, r->buf, (size_t)n);
	}
	if (classify(r, r->buf, (size_t)n, &from, fd == r->tcp_fd, ev))
		return 1;
	r->ignored++;
	return 0;
}

/* The connected raw TCP socket is told of ICMP errors about our packets to
 * the target: raw(7), "for connected sockets, only EMSGSIZE and EPROTO are
 * passed" (Linux raw_err/rawv6_err set sk_err when the socket is connected,
 * without IP_RECVERR). A "fragmentation needed" leaves EMSGSIZE pending, and
 * poll(2) then reports POLLERR at once on every call until it is read: the
 * engine busy-polled (issue 20). The ICMP socket has the same message in
 * full, so the code is only read to clear it (SO_ERROR, socket(7)). No
 * MSG_ERRQUEUE: that queue fills only with IP_RECVERR, which we never set. */
static void
clear_error(int fd)
{
	int e;
	socklen_t len = sizeof(e);

	if (fd >= 0)
		(void)getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
}

static int
io_recv(void *ctx, uint64_t deadline_us, struct probe_event *ev, char *err, size_t errlen)
{
	struct rawio *r = ctx;

	for (;;) {
		uint64_t now = now_us(NULL), left = deadline_us > now ? deadline_us - now : 0;
		struct pollfd p[2] = { { r->recv_fd, POLLIN, 0 }, { r->tcp_fd, POLLIN, 0 } };
		struct timespec ts;
		int rc;

		/* A deadline already passed still looks once, without waiting:
		 * the engine takes the answers already queued before it sends
		 * (probe_engine_run()). */
		ts.tv_sec = (time_t)(left / 1000000u);
		ts.tv_nsec = (long)(left % 1000000u) * 1000;
		/* a negative fd is skipped by poll(2) */
		rc = ppoll(p, 2, &ts, NULL);
		if (rc < 0) {
			fail(r, FAULT_AT_RECV, errno);
			snprintf(err, errlen, errno == EINTR ? "interrupted" : "poll: %s",
				 strerror(errno));
			return -1;
		}
		for (int i = 0; rc > 0 && i < 2; i++)
			if (p[i].revents & POLLERR)
				clear_error(p[i].fd);
		if (rc > 0 && (p[0].revents & POLLIN) && read_one(r, r->recv_fd, ev))
			return 1;
		if (rc > 0 && (p[1].revents & POLLIN) && read_one(r, r->tcp_fd, ev))
			return 1;
		if (!left)
			return 0;
	}
}

void
rawio_drain(struct rawio *r)
{
	/* a shared socket holds the answers of the other paths' runs */
	while (!r->mux && recv(r->recv_fd, r->buf, sizeof(r->buf), MSG_DONTWAIT) > 0)
		;
	/* Late SYN-ACKs still get their RST: parsed, not just dropped. A
	 * pending error would fail the first recv with the datagrams still
	 * queued behind it (sock_error comes first in __skb_try_recv_datagram). */
	clear_error(r->tcp_fd);
	while (r->tcp_fd >= 0 && r->match.method == WIRE_TCP) {
		struct probe_event ev;
		if (recv(r->tcp_fd, r->buf, 0, MSG_DONTWAIT | MSG_PEEK) < 0)
			break;
		read_one(r, r->tcp_fd, &ev);
	}
}

/* Another path in a run has this ident: an answer could match both
 * (the cookie tells them apart only where the quote carries it). */
static int
ident_taken(const struct rawio *r)
{
	for (size_t i = 0; i < r->mux->nact; i++) {
		const struct rawio *o = r->mux->act[i];
		if (o != r && o->family == r->family && o->match.ident == r->match.ident)
			return 1;
	}
	return 0;
}

/* In a run: the mux matches answers to r, under an ident no other path
 * in a run has. */
static int
activate(struct rawio *r)
{
	struct rawio_mux *m = r->mux;

	if (!r->act) {
		if (m->nact == m->cact) {
			size_t n = m->cact ? 2 * m->cact : 64;
			struct rawio **a = realloc(m->act, n * sizeof(*a));
			if (!a)
				return -1;
			m->act = a;
			m->cact = n;
		}
		m->act[m->nact++] = r;
		r->act = m->nact;
	}
	for (int k = 0; k < 64 && ident_taken(r); k++)
		if (getrandom_ident(r) < 0)
			return -1;
	return 0;
}

void
rawio_idle(struct rawio *r)
{
	struct rawio_mux *m = r ? r->mux : NULL;

	if (!m || !r->act)
		return;
	m->act[r->act - 1] = m->act[m->nact - 1];
	m->act[r->act - 1]->act = r->act;
	m->nact--;
	r->act = 0;
}

int
rawio_use(struct rawio *r, enum wire_method m, uint16_t port, char *err, size_t errlen)
{
	uint8_t b[2];
	unsigned mtu = rawio_iface_mtu(r);
	unsigned hdr = r->family == 6 ? 60 : 40;

	if (m == WIRE_TCP && r->tcp_fd < 0) {
		snprintf(err, errlen, _("internal error: no TCP socket was opened"));
		return -1;
	}
	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b)) {
		snprintf(err, errlen, _("no randomness: %s"), strerror(errno));
		return -1;
	}
	memset(r->flows, 0, FLOWS * sizeof(*r->flows));
	r->nflows = 0;
	if (r->mux && activate(r) < 0) {
		snprintf(err, errlen, _("out of memory"));
		return -1;
	}
	r->match.method = m;
	r->match.dport = port;
	r->match.nflows = 0;
	r->match.sport_base = (uint16_t)(PORT_DYNAMIC + (unsigned)(b[0] << 8 | b[1]) %
								(65536u - PORT_DYNAMIC - FLOWS));
	/* The MSS our SYNs offer: what the outgoing interface could carry. */
	r->match.syn_mss = (uint16_t)(mtu > hdr && mtu - hdr < 65535 ? mtu - hdr : 536);
	return 0;
}

static unsigned long
io_ignored(void *ctx)
{
	return ((struct rawio *)ctx)->ignored;
}

/* The engine's per-run sequence number mapping (engine.c, seq_of). */
static int
io_random(void *ctx, void *buf, size_t len, char *err, size_t errlen)
{
	(void)ctx;
	if (getrandom(buf, len, 0) != (ssize_t)len) {
		snprintf(err, errlen, _("no randomness: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

void
rawio_probe_io(struct rawio *r, struct probe_io *io)
{
	io->ctx = r;
	io->now_us = now_us;
	io->send = io_send;
	io->recv = io_recv;
	io->ignored = io_ignored;
	io->random = io_random;
}

void
rawio_close(struct rawio *r)
{
	if (!r)
		return;
	if (r->send_fd >= 0)
		close(r->send_fd);
	rawio_idle(r);
	if (r->recv_fd >= 0 && !r->mux)
		close(r->recv_fd);
	if (r->tcp_fd >= 0)
		close(r->tcp_fd);
	free(r->flows);
	free(r);
}

struct rawio_mux *
rawio_mux_new(void)
{
	struct rawio_mux *m = calloc(1, sizeof(*m));

	if (m)
		m->fd[0] = m->fd[1] = -1;
	return m;
}

/* The shared sockets, then each path in a run's raw TCP socket. */
static size_t
mux_pollset(struct rawio_mux *m)
{
	size_t n = 0, want = 2 + m->nact;

	if (want > m->cpfd) {
		struct pollfd *p = realloc(m->pfd, want * sizeof(*p));
		struct rawio **o = p ? realloc(m->pfd_of, want * sizeof(*o)) : NULL;
		if (p)
			m->pfd = p;
		if (!o)
			return 0;
		m->pfd_of = o;
		m->cpfd = want;
	}
	for (int f = 0; f < 2; f++)
		if (m->fd[f] >= 0) {
			m->pfd[n] = (struct pollfd){ m->fd[f], POLLIN, 0 };
			m->pfd_of[n++] = NULL;
		}
	for (size_t i = 0; i < m->nact; i++)
		if (m->act[i]->tcp_fd >= 0) {
			m->pfd[n] = (struct pollfd){ m->act[i]->tcp_fd, POLLIN, 0 };
			m->pfd_of[n++] = m->act[i];
		}
	return n;
}

/* One datagram from a shared socket, offered to each path in a run. */
static int
mux_read(struct rawio_mux *m, int fd, void **who, struct probe_event *ev)
{
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	int family = fd == m->fd[1] ? 6 : 4;
	ssize_t n = recvfrom(fd, m->buf, sizeof(m->buf), MSG_DONTWAIT, (struct sockaddr *)&from,
			     &fromlen);

	if (n <= 0)
		return 0;
	for (size_t i = 0; i < m->nact; i++)
		if (m->act[i]->family == family &&
		    classify(m->act[i], m->buf, (size_t)n, &from, 0, ev)) {
			*who = m->act[i];
			return 1;
		}
	return 0; /* no path in the run owns it */
}

static int
mux_wait(void *ctx, uint64_t deadline_us, void **who, struct probe_event *ev, char *err,
	 size_t errlen)
{
	struct rawio_mux *m = ctx;

	for (;;) {
		uint64_t now = now_us(NULL), left = deadline_us > now ? deadline_us - now : 0;
		struct timespec ts = { (time_t)(left / 1000000u), (long)(left % 1000000u) * 1000 };
		size_t n = mux_pollset(m);
		int rc;

		if (!n && (m->fd[0] >= 0 || m->fd[1] >= 0)) {
			snprintf(err, errlen, _("out of memory"));
			return -1;
		}
		rc = ppoll(m->pfd, n, &ts, NULL);
		if (rc < 0) {
			snprintf(err, errlen, errno == EINTR ? "interrupted" : "poll: %s",
				 strerror(errno));
			return -1;
		}
		if (rc == 0)
			return 0;
		for (size_t i = 0; i < n; i++) {
			struct rawio *r = m->pfd_of[i];
			if (m->pfd[i].revents & POLLERR)
				clear_error(m->pfd[i].fd);
			if (!(m->pfd[i].revents & POLLIN))
				continue;
			if (!r && mux_read(m, m->pfd[i].fd, who, ev))
				return 1;
			if (r && read_one(r, r->tcp_fd, ev)) {
				*who = r;
				return 1;
			}
		}
	}
}

static uint64_t
mux_now(void *ctx)
{
	return now_us(ctx);
}

void
rawio_mux_wait(struct rawio_mux *m, struct probe_wait *w)
{
	w->ctx = m;
	w->now_us = mux_now;
	w->wait = mux_wait;
}

void
rawio_mux_close(struct rawio_mux *m)
{
	if (!m)
		return;
	for (int f = 0; f < 2; f++)
		if (m->fd[f] >= 0)
			close(m->fd[f]);
	free(m->act);
	free(m->pfd);
	free(m->pfd_of);
	free(m);
}
