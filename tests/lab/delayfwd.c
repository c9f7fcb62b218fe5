// SPDX-License-Identifier: BSD-2-Clause
// delayfwd: the lab's delay element (scripts/lab up --rtt MS [--jitter PCT]).
//
//   delayfwd -d DELAY_US [-j PCT] [-q SLOTS] [-r PRIO] [-s SEED] [-p PIDFILE] [-n NETNS]
//            IF_A IF_B
//
// Runs in a namespace of its own that has no addresses and no forwarding (doc/lab-notes.md,
// "Delay"). Every Ethernet frame that arrives on IF_A is written, byte for byte, to IF_B
// DELAY_US microseconds later, and the other way round: a transparent cable with a
// propagation delay. Nothing is parsed, so ARP/ND, ICMP errors, fragments and ESP-in-UDP
// pass like anything else, at whatever size the interfaces' MTU admits.
//
// Jitter (-j PCT): each frame's delay is drawn uniformly from DELAY_US * [1 - PCT%,
// 1 + PCT%], but a frame never leaves before the one that arrived before it on the same
// side (departure = max(drawn, previous departure)). So each direction stays in order,
// like a real link whose queueing delay varies; closely spaced frames then share the
// larger delay instead of overtaking each other.
//
// Each direction is a FIFO ring of SLOTS frames (default 4096); a frame arriving at a
// full ring is dropped and counted, like a router's tail drop. Frames longer than the
// larger interface MTU + 18 (Ethernet + VLAN header) are dropped and counted; the lab
// turns TSO/GRO off on these veths so none should exist.
//
// Timing: a frame's delay counts from the kernel's receive timestamp (SO_TIMESTAMPNS), not
// from when we got around to reading it. Departures are absolute CLOCK_MONOTONIC times.
// A timer wake-up on this kind of VM comes some 50 us late, so we ask to be woken that
// much early (a running average of how late the wake-ups really were, capped at
// SPIN_MAX_US) and wait out the rest by polling the clock: departures are then within a
// few microseconds of their due time at the cost of a few tens of microseconds of CPU
// per departure. SCHED_FIFO priority PRIO (default 20; 0 = stay SCHED_OTHER; failure to
// get it is a warning), the rings locked in memory, 1 ns timer slack.
//
// Lifetime: SIGTERM, SIGINT or SIGHUP end it cleanly (exit 0, per-direction statistics on
// stderr). It also exits by itself, with status 0, when either interface disappears
// (its namespace or a peer namespace was deleted) and, with -n NETNS, when
// /run/netns/NETNS no longer names the namespace it runs in. -p PIDFILE is written
// (atomically, via rename) once both sockets are ready, so a caller can wait for it.
// Exit 1 on a setup or unexpected runtime error, 2 on a usage error.
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define NS_PER_US 1000LL
#define NS_PER_S 1000000000LL
#define WATCH_NS (200 * 1000 * 1000LL) // interface / namespace check interval
#define BURST 64                       // frames read per socket per wake-up
#define SPIN_MAX_US 300                // never busy-wait longer than this for a departure

struct slot {
	int64_t due; // CLOCK_MONOTONIC ns
	uint32_t len;
};

struct dir {
	const char *from, *to;
	int in_fd, out_fd;
	struct slot *meta;
	unsigned char *buf;
	size_t cap, head, n, slot_len;
	int64_t last_due;
	uint64_t fwd, drop_full, drop_big, drop_send, bytes;
	int64_t late_max, late_sum; // how long after its due time a frame really left
};

static volatile sig_atomic_t stop_sig;
// Running average of how late a timed wake-up comes (ns); we ask to be woken this early.
static int64_t wake_late = 50 * NS_PER_US;

static void
on_signal(int sig)
{
	stop_sig = sig;
}

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
logf_(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("delayfwd: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static _Noreturn void
die(const char *what)
{
	logf_("%s: %s", what, strerror(errno));
	exit(1);
}

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

// xorshift64*: jitter only needs to be uniform-looking, not unpredictable.
static uint64_t rng_state;
static uint64_t
rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static long
parse_long(const char *opt, const char *s, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		logf_("%s must be an integer in %ld..%ld, got '%s'", opt, min, max, s);
		exit(2);
	}
	return v;
}

// open_if NAME: an AF_PACKET socket that sees every frame received on NAME (not the ones
// sent on it) and sends on NAME. Sets *ifindex and *mtu.
static int
open_if(const char *name, int *ifindex, int *mtu)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0); // protocol 0: nothing until bound
	if (fd < 0)
		die("socket(AF_PACKET)");
	unsigned idx = if_nametoindex(name);
	if (idx == 0) {
		logf_("no interface '%s' here", name);
		exit(1);
	}
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFMTU, &ifr) < 0)
		die("SIOCGIFMTU");
	int one = 1;
	// Without this our own transmissions on NAME would come back as input.
	if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
		logf_("warning: PACKET_IGNORE_OUTGOING unsupported; filtering by packet type");
	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) < 0)
		logf_("warning: SO_TIMESTAMPNS: %s; delays count from our reads", strerror(errno));
	int rcvbuf = 4 << 20;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	struct sockaddr_ll sll;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)idx;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind(AF_PACKET)");
	// Frames queued between socket() and bind() cannot exist (protocol 0), so the socket
	// starts empty.
	*ifindex = (int)idx;
	*mtu = ifr.ifr_mtu;
	return fd;
}

static void
dir_init(struct dir *d, const char *from, const char *to, int in_fd, int out_fd, size_t cap,
	 size_t slot_len)
{
	memset(d, 0, sizeof(*d));
	d->from = from;
	d->to = to;
	d->in_fd = in_fd;
	d->out_fd = out_fd;
	d->cap = cap;
	d->slot_len = slot_len;
	d->meta = calloc(cap, sizeof(*d->meta));
	d->buf = malloc(cap * slot_len);
	if (!d->meta || !d->buf)
		die("malloc");
}

// A send error that means the interface is gone (the lab is being torn down).
static bool
gone_errno(int e)
{
	return e == ENETDOWN || e == ENXIO || e == ENODEV;
}

// Send every frame whose time has come. Returns false when the output interface is gone.
static bool
dir_flush(struct dir *d)
{
	while (d->n) {
		struct slot *s = &d->meta[d->head];
		int64_t t = now_ns();
		if (s->due > t) {
			// Close enough that a timer would wake us too late: wait on the clock.
			if (s->due - t > wake_late + 20 * NS_PER_US)
				break;
			while ((t = now_ns()) < s->due)
				;
		}
		ssize_t r = send(d->out_fd, d->buf + d->head * d->slot_len, s->len, 0);
		if (r < 0) {
			if (gone_errno(errno))
				return false;
			d->drop_send++;
		} else {
			int64_t late = t - s->due;
			d->fwd++;
			d->bytes += s->len;
			d->late_sum += late;
			if (late > d->late_max)
				d->late_max = late;
		}
		d->head = (d->head + 1) % d->cap;
		d->n--;
	}
	return true;
}

// arrival_ns: when the kernel received the frame (CLOCK_MONOTONIC ns), from its
// SO_TIMESTAMPNS stamp (CLOCK_REALTIME), or now if there is none or it makes no sense.
static int64_t
arrival_ns(struct msghdr *mh)
{
	int64_t mono = now_ns();
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS)
			continue;
		struct timespec stamp, real;
		memcpy(&stamp, CMSG_DATA(c), sizeof(stamp));
		clock_gettime(CLOCK_REALTIME, &real);
		int64_t age = ((int64_t)real.tv_sec - stamp.tv_sec) * NS_PER_S +
			      (real.tv_nsec - stamp.tv_nsec);
		if (age >= 0 && age < NS_PER_S)
			return mono - age;
	}
	return mono;
}

// Read what has arrived (at most BURST frames) and schedule it. Returns false when the
// input interface is gone.
static bool
dir_read(struct dir *d, int64_t delay, int jitter_pct)
{
	static unsigned char scratch[1];
	for (int i = 0; i < BURST; i++) {
		bool full = d->n == d->cap;
		size_t tail = (d->head + d->n) % d->cap;
		unsigned char *dst = full ? scratch : d->buf + tail * d->slot_len;
		size_t room = full ? sizeof(scratch) : d->slot_len;
		struct sockaddr_ll from;
		union {
			char buf[CMSG_SPACE(sizeof(struct timespec))];
			struct cmsghdr align;
		} ctl;
		struct iovec iov = { .iov_base = dst, .iov_len = room };
		struct msghdr mh = { .msg_name = &from,
				     .msg_namelen = sizeof(from),
				     .msg_iov = &iov,
				     .msg_iovlen = 1,
				     .msg_control = ctl.buf,
				     .msg_controllen = sizeof(ctl.buf) };
		memset(&from, 0, sizeof(from));
		ssize_t r = recvmsg(d->in_fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
		if (r < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return true;
			if (gone_errno(errno))
				return false;
			die("recvmsg");
		}
		int64_t t = arrival_ns(&mh);
		if (from.sll_pkttype == PACKET_OUTGOING)
			continue; // only without PACKET_IGNORE_OUTGOING
		if (full) {
			d->drop_full++;
			continue;
		}
		if ((size_t)r > d->slot_len) {
			d->drop_big++;
			continue;
		}
		int64_t due = t + delay;
		if (jitter_pct > 0) {
			// uniform in [-pct, +pct] percent of the delay, in 1/2^20 steps
			int64_t span = delay * jitter_pct / 100;
			int64_t u = (int64_t)(rng_next() >> 44); // 0 .. 2^20-1
			due += (2 * u - (1 << 20)) * span / (1 << 20);
		}
		if (due < d->last_due)
			due = d->last_due; // per-direction order is kept
		d->last_due = due;
		d->meta[tail].due = due;
		d->meta[tail].len = (uint32_t)r;
		d->n++;
	}
	return true;
}

static void
dir_report(const struct dir *d)
{
	logf_("%s -> %s: %" PRIu64 " frames (%" PRIu64 " bytes) forwarded; dropped %" PRIu64
	      " queue full, %" PRIu64 " too big, %" PRIu64 " send errors; %zu still queued;"
	      " departure lateness mean %" PRId64 " us, max %" PRId64 " us",
	      d->from, d->to, d->fwd, d->bytes, d->drop_full, d->drop_big, d->drop_send, d->n,
	      (int64_t)(d->fwd ? d->late_sum / (int64_t)d->fwd / NS_PER_US : 0),
	      (int64_t)(d->late_max / NS_PER_US));
}

// still_here: both interfaces keep their index, and /run/netns/NETNS (if given) is still
// the namespace we run in.
static bool
still_here(const char *a, int ia, const char *b, int ib, const char *netns)
{
	if ((int)if_nametoindex(a) != ia || (int)if_nametoindex(b) != ib) {
		logf_("interface %s or %s is gone", a, b);
		return false;
	}
	if (netns) {
		char path[PATH_MAX];
		struct stat mine, named;
		snprintf(path, sizeof(path), "/run/netns/%s", netns);
		if (stat("/proc/self/ns/net", &mine) < 0 || stat(path, &named) < 0 ||
		    mine.st_ino != named.st_ino || mine.st_dev != named.st_dev) {
			logf_("namespace %s is gone", netns);
			return false;
		}
	}
	return true;
}

static void
write_pidfile(const char *path)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		logf_("pid file path too long");
		exit(1);
	}
	FILE *f = fopen(tmp, "w");
	if (!f)
		die(tmp);
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f) != 0)
		die(tmp);
	if (rename(tmp, path) < 0)
		die(path);
}

static _Noreturn void
usage(void)
{
	fputs("usage: delayfwd -d DELAY_US [-j PCT] [-q SLOTS] [-r PRIO] [-s SEED] [-p PIDFILE]"
	      " [-n NETNS] IF_A IF_B\n",
	      stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	long delay_us = -1, jitter = 0, slots = 4096, prio = 20;
	const char *pidfile = NULL, *netns = NULL;
	bool seeded = false;
	int c;
	while ((c = getopt(argc, argv, "d:j:q:r:s:p:n:h")) != -1) {
		switch (c) {
		case 'd': delay_us = parse_long("-d", optarg, 0, 60L * 1000 * 1000); break;
		case 'j': jitter = parse_long("-j", optarg, 0, 100); break;
		case 'q': slots = parse_long("-q", optarg, 1, 1 << 20); break;
		case 'r': prio = parse_long("-r", optarg, 0, 99); break;
		case 's':
			rng_state = (uint64_t)parse_long("-s", optarg, 0, LONG_MAX);
			seeded = true;
			break;
		case 'p': pidfile = optarg; break;
		case 'n': netns = optarg; break;
		default: usage();
		}
	}
	if (delay_us < 0 || argc - optind != 2)
		usage();
	const char *a = argv[optind], *b = argv[optind + 1];
	// A daemon must not keep its starter's pipes open (a caller reading scripts/lab's
	// output through $(...) would wait for us forever).
	(void)close_range(3, ~0U, 0);
	if (!seeded && getrandom(&rng_state, sizeof(rng_state), 0) != (ssize_t)sizeof(rng_state))
		rng_state = (uint64_t)now_ns();
	rng_state |= 1; // xorshift must not start at 0

	// Signals are blocked except inside ppoll, so a stop request can never slip in
	// between the flag test and the wait.
	sigset_t block, waitmask;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &block, &waitmask) < 0)
		die("sigprocmask");
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			die("sigaction");
	signal(SIGPIPE, SIG_IGN);

	int ia, ib, mtu_a, mtu_b;
	int fa = open_if(a, &ia, &mtu_a);
	int fb = open_if(b, &ib, &mtu_b);
	if (mtu_a != mtu_b)
		logf_("warning: MTU %s %d differs from %s %d", a, mtu_a, b, mtu_b);
	size_t slot_len = (size_t)(mtu_a > mtu_b ? mtu_a : mtu_b) + ETH_HLEN + 4;
	struct dir d[2];
	dir_init(&d[0], a, b, fa, fb, (size_t)slots, slot_len);
	dir_init(&d[1], b, a, fb, fa, (size_t)slots, slot_len);

	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	const char *sched = "SCHED_OTHER";
	if (prio > 0) {
		struct sched_param sp = { .sched_priority = (int)prio };
		if (sched_setscheduler(0, SCHED_FIFO, &sp) == 0)
			sched = "SCHED_FIFO";
		else
			logf_("warning: no real-time priority (%s); delays will be less exact",
			      strerror(errno));
	}
	// The rings only (not mlockall: under AddressSanitizer that would try to lock its
	// terabytes of shadow mappings).
	for (int i = 0; i < 2; i++)
		if (mlock(d[i].buf, d[i].cap * d[i].slot_len) < 0 ||
		    mlock(d[i].meta, d[i].cap * sizeof(*d[i].meta)) < 0)
			logf_("warning: mlock: %s", strerror(errno));

	int64_t delay = delay_us * NS_PER_US;
	logf_("%s <-> %s: one-way delay %ld us, jitter +-%ld%%, %ld slots of %zu bytes per"
	      " direction, %s%s%s",
	      a, b, delay_us, jitter, slots, slot_len, sched, netns ? ", watching netns " : "",
	      netns ? netns : "");
	if (pidfile)
		write_pidfile(pidfile);

	struct pollfd pfd[2] = { { .fd = fa, .events = POLLIN }, { .fd = fb, .events = POLLIN } };
	int64_t next_watch = now_ns() + WATCH_NS;
	int rc = 0;
	const char *why = NULL;
	while (!stop_sig) {
		if (!dir_flush(&d[0]) || !dir_flush(&d[1])) {
			why = "an interface is gone (send)";
			break;
		}
		int64_t t = now_ns();
		if (t >= next_watch) {
			if (!still_here(a, ia, b, ib, netns)) {
				why = "lab torn down";
				break;
			}
			next_watch = t + WATCH_NS;
		}
		int64_t wake = next_watch;
		bool timed = false; // the wake-up is for a departure
		for (int i = 0; i < 2; i++) {
			if (d[i].n && d[i].meta[d[i].head].due - wake_late < wake) {
				wake = d[i].meta[d[i].head].due - wake_late;
				timed = true;
			}
		}
		int64_t wait = wake > t ? wake - t : 0;
		struct timespec ts = { .tv_sec = wait / NS_PER_S, .tv_nsec = wait % NS_PER_S };
		int n = ppoll(pfd, 2, &ts, &waitmask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("ppoll");
		}
		if (n == 0 && timed && wait > 0) {
			// Learn how late timed wake-ups are (moving average, 1/8 weight).
			int64_t late = now_ns() - wake;
			if (late < 0)
				late = 0;
			wake_late += (late - wake_late) / 8;
			if (wake_late > SPIN_MAX_US * NS_PER_US - 20 * NS_PER_US)
				wake_late = SPIN_MAX_US * NS_PER_US - 20 * NS_PER_US;
		}
		for (int i = 0; i < 2 && n > 0; i++) {
			if (pfd[i].revents & POLLERR) {
				int err = 0;
				socklen_t len = sizeof(err);
				(void)getsockopt(pfd[i].fd, SOL_SOCKET, SO_ERROR, &err, &len);
				if (gone_errno(err)) {
					why = "an interface is gone (socket error)";
					goto out;
				}
				if (err) {
					errno = err;
					die("socket error");
				}
			}
			if (pfd[i].revents & POLLIN) {
				struct dir *dd = pfd[i].fd == d[0].in_fd ? &d[0] : &d[1];
				if (!dir_read(dd, delay, (int)jitter)) {
					why = "an interface is gone (receive)";
					goto out;
				}
			}
		}
	}
out:
	if (stop_sig)
		logf_("stopping on signal %d", (int)stop_sig);
	else
		logf_("stopping: %s", why ? why : "?");
	logf_("timed wake-ups came %" PRId64 " us late on average at the end",
	      (int64_t)(wake_late / NS_PER_US));
	dir_report(&d[0]);
	dir_report(&d[1]);
	// The pid file must never name a pid that may be reused once we are gone.
	if (pidfile)
		(void)unlink(pidfile);
	return rc;
}
