/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading capture files through libpcap, for `mtuprobe inspect`.
 *
 * The file is opened once, by us, and must be a regular file: inspect reads
 * it twice (learn the probes, then classify), and opening with O_NONBLOCK
 * means a FIFO with no writer cannot hang us before fstat() says what it is.
 * Standard input that is not a regular file (a pipe from tcpdump -w -) is
 * first copied to a file of our own (pcapread_open_stream).
 * Each pass hands libpcap a dup() of that descriptor, so both passes read
 * the same inode even if the name is replaced in between.
 *
 * Before libpcap sees the file we check its first bytes ourselves: libpcap's
 * messages for an empty or foreign file ("truncated dump file; tried to read
 * 4 file header bytes, only got 0", "unknown file format") do not tell an
 * engineer what is wrong, and they change between libpcap versions.
 *
 * Every record is copied, at most PCAPREAD_MAX bytes of it, into one fixed
 * buffer: only the bytes libpcap says it returned (caplen) are read, never
 * the length on the wire that the record merely claims. */
#include "base/errbuf.h"
#include "base/i18n.h"
#include "io/pcapread.h"
#include "base/count.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCAP_HDR_LEN 24u   /* pcap file header (pcap-savefile(5)) */
#define PCAPNG_SHB_MIN 28u /* smallest section header block (draft-ietf-opsawg-pcapng §4.1) */
#define MAX_TAGS 8         /* VLAN tags we are willing to skip */

struct link {
	int dlt;
	/* Offset of the IP packet in a frame, or -1 with a reason. */
	long (*ip_offset)(const uint8_t *f, size_t len, char *why, size_t whylen);
};

struct pcapread {
	int fd; /* ours; each pass reads a dup() of it */
	pcap_t *pcap;
	const struct link *link;
	uint64_t n;                /* records returned in this pass */
	int pcapng;                /* the file is pcapng (check_header's magic) */
	uint8_t buf[PCAPREAD_MAX]; /* the one place a record is copied to */
};

static unsigned
rd16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* IPv4 and IPv6 ethertypes (IEEE 802 numbers, as IANA lists them). */
static long
ethertype_ip(unsigned type, const uint8_t *f, size_t len, size_t off, char *why, size_t whylen)
{
	int tags;

	/* 802.1Q (0x8100), 802.1ad (0x88a8) and the pre-standard QinQ 0x9100:
	 * a 4-byte tag whose last two bytes are the next ethertype. */
	for (tags = 0; type == 0x8100 || type == 0x88a8 || type == 0x9100; tags++) {
		if (tags == MAX_TAGS) {
			err_set(why, whylen, "more than %d vlan tags", MAX_TAGS);
			return -1;
		}
		if (len - off < 4) {
			err_set(why, whylen, "truncated vlan tag");
			return -1;
		}
		type = rd16(f + off + 2);
		off += 4;
	}
	if (type == 0x0800 || type == 0x86dd)
		return (long)off;
	err_set(why, whylen, "not ip (ethertype 0x%04x)", type);
	return -1;
}

static long
raw_offset(const uint8_t *f, size_t len, char *why, size_t whylen)
{
	(void)f;
	(void)len;
	(void)why;
	(void)whylen;
	return 0;
}

/* IEEE 802.3: destination, source (6 bytes each), then the ethertype. */
static long
ether_offset(const uint8_t *f, size_t len, char *why, size_t whylen)
{
	if (len < 14) {
		err_set(why, whylen, "truncated ethernet header");
		return -1;
	}
	return ethertype_ip(rd16(f + 12), f, len, 14, why, whylen);
}

/* Linux cooked v1 (pcap-linktype(7), LINKTYPE_LINUX_SLL): packet type,
 * ARPHRD type, address length, 8 address bytes, then the protocol. */
static long
sll_offset(const uint8_t *f, size_t len, char *why, size_t whylen)
{
	if (len < 16) {
		err_set(why, whylen, "truncated linux cooked header");
		return -1;
	}
	return ethertype_ip(rd16(f + 14), f, len, 16, why, whylen);
}

/* Linux cooked v2 (LINKTYPE_LINUX_SLL2): the protocol comes first, then
 * reserved, interface index, ARPHRD type, packet type, address: 20 bytes. */
static long
sll2_offset(const uint8_t *f, size_t len, char *why, size_t whylen)
{
	if (len < 20) {
		err_set(why, whylen, "truncated linux cooked header");
		return -1;
	}
	return ethertype_ip(rd16(f), f, len, 20, why, whylen);
}

/* One row per link type we take apart; libpcap has already mapped the
 * file's LINKTYPE_ value to the DLT_ one (LINKTYPE_RAW 101 -> DLT_RAW). */
/* clang-format off */
static const struct link links[] = {
	{ DLT_RAW, raw_offset },            /* LINKTYPE_RAW: what probe --pcap writes */
	{ DLT_IPV4, raw_offset },           /* LINKTYPE_IPV4 (228) */
	{ DLT_IPV6, raw_offset },           /* LINKTYPE_IPV6 (229) */
	{ DLT_EN10MB, ether_offset },       /* tcpdump -i eth0 */
	{ DLT_LINUX_SLL, sll_offset },      /* tcpdump -i any, libpcap < 1.10 */
	{ DLT_LINUX_SLL2, sll2_offset },    /* tcpdump -i any, libpcap >= 1.10 */
};
/* clang-format on */

static const struct link *
find_link(int dlt)
{
	size_t i;

	for (i = 0; i < COUNT(links); i++)
		if (links[i].dlt == dlt)
			return &links[i];
	return NULL;
}

/* The magic numbers libpcap reads, in either byte order: pcap with
 * microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d) time stamps, the
 * Kuznetzov patched format (0xa1b2cd34), and the pcapng section header
 * block type (0x0a0d0d0a, a palindrome). */
/* clang-format off */
static const uint32_t pcap_magics[] = {
	0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0xa1b2cd34, 0x34cdb2a1,
};
/* clang-format on */
#define PCAPNG_MAGIC 0x0a0d0d0au

/* Our own look at the first bytes, for a message that says what is wrong. */
static int
check_header(int fd, const char *path, int *pcapng, char *err, size_t errlen)
{
	uint8_t h[PCAPNG_SHB_MIN];
	ssize_t n = pread(fd, h, sizeof h, 0);
	uint32_t magic;
	size_t i;

	if (n < 0) {
		err_set(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	if (n == 0) {
		err_set(err, errlen, "%s", _("the file is empty, not a capture file"));
		return -1;
	}
	if (n < 4) {
		err_set(err, errlen, _("the file is too short to be a capture file (%zd bytes)"),
			n);
		return -1;
	}
	magic = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	*pcapng = magic == PCAPNG_MAGIC;
	if (magic == PCAPNG_MAGIC) {
		if ((size_t)n < PCAPNG_SHB_MIN) {
			err_set(err, errlen, _("pcapng section header cut short (%zd of %u bytes)"),
				n, PCAPNG_SHB_MIN);
			return -1;
		}
		return 0;
	}
	for (i = 0; i < COUNT(pcap_magics); i++)
		if (magic == pcap_magics[i])
			break;
	if (i == COUNT(pcap_magics)) {
		err_set(err, errlen,
			_("not a pcap or pcapng capture file (it starts with"
			  " bytes %02x %02x %02x %02x)"),
			h[0], h[1], h[2], h[3]);
		return -1;
	}
	if ((size_t)n < PCAP_HDR_LEN) {
		err_set(err, errlen, _("pcap file header cut short (%zd of %u bytes)"), n,
			PCAP_HDR_LEN);
		return -1;
	}
	return 0;
}

static const char *
dlt_name(int dlt)
{
	const char *s = pcap_datalink_val_to_name(dlt);

	return s ? s : "unknown";
}

/* Hand libpcap a fresh descriptor at offset 0 and check the link type. */
static int
start(struct pcapread *r, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE];
	int fd = dup(r->fd);
	FILE *fp;

	if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0 || !(fp = fdopen(fd, "rb"))) {
		err_set(err, errlen, _("cannot read the file: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	perr[0] = '\0';
	r->pcap = pcap_fopen_offline(fp, perr);
	if (!r->pcap) {
		/* libpcap leaves the FILE to us when it fails. */
		fclose(fp);
		err_set(err, errlen, _("libpcap cannot read the file: %s"), perr);
		return -1;
	}
	r->n = 0;
	r->link = find_link(pcap_datalink(r->pcap));
	if (!r->link) {
		err_set(err, errlen,
			_("link type %s (%d) is not supported: inspect reads"
			  " raw IP, Ethernet and Linux cooked (SLL, SLL2) captures"),
			dlt_name(pcap_datalink(r->pcap)), pcap_datalink(r->pcap));
		pcap_close(r->pcap);
		r->pcap = NULL;
		return -1;
	}
	return 0;
}

/* inspect reads the file twice: only a regular file can be. */
static int
check_regular(int fd, const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		err_set(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(err, errlen,
			S_ISDIR(st.st_mode)
				? _("%s is a directory, not a capture file")
				: _("%s is not a regular file (inspect reads a capture file twice)"),
			path);
		return -1;
	}
	return 0;
}

struct pcapread *
pcapread_open_fd(int fd, const char *path, char *err, size_t errlen)
{
	struct pcapread *r;
	int pcapng = 0;

	if (check_regular(fd, path, err, errlen) < 0 ||
	    check_header(fd, path, &pcapng, err, errlen) < 0) {
		close(fd);
		return NULL;
	}
	r = calloc(1, sizeof *r);
	if (!r) {
		err_set(err, errlen, "%s", _("out of memory"));
		close(fd);
		return NULL;
	}
	r->fd = fd;
	r->pcapng = pcapng;
	if (start(r, err, errlen) < 0) {
		close(fd);
		free(r);
		return NULL;
	}
	return r;
}

struct pcapread *
pcapread_open(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		err_set(err, errlen, _("cannot open %s: %s"), path, strerror(errno));
		return NULL;
	}
	return pcapread_open_fd(fd, path, err, errlen);
}

/* A file of our own for a stream that cannot be read twice: unlinked from
 * the start (O_TMPFILE, in $TMPDIR or /tmp, so a large capture goes to
 * disk), or anonymous memory where the file system has no O_TMPFILE. */
static int
spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	int fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd < 0)
		fd = memfd_create("mtuprobe-inspect", MFD_CLOEXEC);
	return fd;
}

/* Copies in (to its end) into out; -1 with errno set. */
static int
copy_all(int in, int out)
{
	static uint8_t buf[65536];
	ssize_t n;

	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			off += w;
		}
	}
	return 0;
}

struct pcapread *
pcapread_open_stream(int fd, const char *name, char *err, size_t errlen)
{
	struct stat st;
	int copy;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		copy = dup(fd);
		if (copy < 0) {
			err_set(err, errlen, _("cannot read %s: %s"), name, strerror(errno));
			return NULL;
		}
		return pcapread_open_fd(copy, name, err, errlen);
	}
	copy = spool_file();
	if (copy < 0) {
		err_set(err, errlen, _("cannot keep a copy of %s: %s"), name, strerror(errno));
		return NULL;
	}
	if (copy_all(fd, copy) < 0) {
		err_set(err, errlen, _("cannot read %s: %s"), name, strerror(errno));
		close(copy);
		return NULL;
	}
	return pcapread_open_fd(copy, name, err, errlen);
}

int
pcapread_rewind(struct pcapread *r, char *err, size_t errlen)
{
	if (r->pcap)
		pcap_close(r->pcap);
	r->pcap = NULL;
	return start(r, err, errlen);
}

/* libpcap's words for a damaged record, and ours: it has no error codes
 * for these, only text, which differs between pcap and pcapng and between
 * versions (checked against libpcap 1.10.3). Anything else is passed on as
 * libpcap wrote it. */
enum record_words { RW_CUT, RW_CLAIMS, RW_LENGTH, RW_DISAGREE };
static const struct {
	const char *contains;
	enum record_words ours;
} record_errors[] = {
	{ "truncated", RW_CUT },          { "invalid packet capture length", RW_CLAIMS },
	{ "has a length of", RW_LENGTH }, /* pcapng */
	{ "block size", RW_LENGTH },      /* pcapng */
	{ "don't match", RW_DISAGREE },   /* pcapng */
};

static void
record_say(enum record_words w, uint64_t n, char *err, size_t errlen)
{
	switch (w) {
	case RW_CUT:
		err_set(err, errlen, _("record %" PRIu64 " is cut short: the file ends inside it"),
			n);
		break;
	case RW_CLAIMS:
		err_set(err, errlen,
			_("record %" PRIu64 " claims more captured bytes than any capture holds"),
			n);
		break;
	case RW_LENGTH:
		err_set(err, errlen, _("record %" PRIu64 " is damaged: impossible block length"),
			n);
		break;
	case RW_DISAGREE:
		err_set(err, errlen, _("record %" PRIu64 " is damaged: its block lengths disagree"),
			n);
		break;
	}
}

/* pcapng lets every section have its own byte order (draft-ietf-opsawg-pcapng
 * sec. 4.1: each section header carries its byte-order magic); libpcap 1.10
 * reads a later section's block length in the first section's order and
 * fails with "block size", which we used to word as a damaged record (issue
 * 20). Is the block at `at` a section header in the other byte order? */
static int
other_order_section(const struct pcapread *r, long at)
{
	static const uint8_t le[4] = { 0x4d, 0x3c, 0x2b, 0x1a }, be[4] = { 0x1a, 0x2b, 0x3c, 0x4d };
	uint8_t b[12], first[4];

	if (!r->pcapng || at <= 0 || pread(r->fd, b, sizeof b, at) != (ssize_t)sizeof b ||
	    pread(r->fd, first, sizeof first, 8) != (ssize_t)sizeof first)
		return 0;
	if (rd16(b) != 0x0a0d || rd16(b + 2) != 0x0d0a)
		return 0;
	return (!memcmp(b + 8, le, 4) || !memcmp(b + 8, be, 4)) && memcmp(b + 8, first, 4) != 0;
}

static enum pcapread_rc
record_error(struct pcapread *r, long at, char *err, size_t errlen)
{
	const char *msg = pcap_geterr(r->pcap);
	size_t i;

	long now = pcap_file(r->pcap) ? ftell(pcap_file(r->pcap)) : -1;

	/* at: where the failed read began; now - 8: the block whose 8-byte
	 * header libpcap read and refused (blocks it skipped may lie between) */
	if (other_order_section(r, at) || (now >= 8 && other_order_section(r, now - 8))) {
		err_set(err, errlen,
			_("record %" PRIu64 " begins a pcapng section in the other byte order, "
			  "which libpcap cannot read after the first: rewrite the file in one byte "
			  "order (editcap FILE NEW.pcapng) and inspect that"),
			r->n + 1);
		return PCAPREAD_ERROR;
	}

	for (i = 0; i < COUNT(record_errors); i++)
		if (strstr(msg, record_errors[i].contains)) {
			record_say(record_errors[i].ours, r->n + 1, err, errlen);
			return PCAPREAD_ERROR;
		}
	err_set(err, errlen, _("record %" PRIu64 ": libpcap: %s"), r->n + 1, msg);
	return PCAPREAD_ERROR;
}

/* A pcap record longer than the snap length in the file header: libpcap
 * reads it whole and hands back only snaplen bytes (sf-pcap.c, for old
 * Solaris files), so every answer looked "cut short by the snap length"
 * though the file held it all (issue 20). The bytes the record took in the
 * file (past its 16-byte header) say what it held. */
static int
snapped_by_header(const struct pcapread *r, long at, const struct pcap_pkthdr *h)
{
	long now;

	if (r->pcapng || at < 0 || !pcap_file(r->pcap) ||
	    h->caplen != (bpf_u_int32)pcap_snapshot(r->pcap))
		return 0;
	now = ftell(pcap_file(r->pcap));
	return now - at - 16 > (long)h->caplen;
}

enum pcapread_rc
pcapread_next(struct pcapread *r, struct pcapread_pkt *p, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	size_t copy;
	long off, at;
	int rc;

	memset(p, 0, sizeof *p);
	if (!r->pcap) {
		err_set(err, errlen, "%s", _("the capture file is not open"));
		return PCAPREAD_ERROR;
	}
	at = pcap_file(r->pcap) ? ftell(pcap_file(r->pcap)) : -1;
	rc = pcap_next_ex(r->pcap, &h, &data);
	if (rc == PCAP_ERROR_BREAK)
		return PCAPREAD_END;
	if (rc != 1)
		return record_error(r, at, err, errlen);
	if (snapped_by_header(r, at, h)) {
		err_set(err, errlen,
			_("record %" PRIu64 " holds %ld bytes, more than the snap length of "
			  "%d the file header gives: the header is wrong, and libpcap cuts every such "
			  "record to %d bytes"),
			r->n + 1, ftell(pcap_file(r->pcap)) - at - 16, pcap_snapshot(r->pcap),
			pcap_snapshot(r->pcap));
		return PCAPREAD_ERROR;
	}
	if (h->caplen > h->len) {
		err_set(err, errlen,
			_("record %" PRIu64 " is damaged: it holds %u bytes"
			  " of a %u-byte packet"),
			r->n + 1, h->caplen, h->len);
		return PCAPREAD_ERROR;
	}
	p->n = ++r->n;
	p->sec = (int64_t)h->ts.tv_sec;
	p->usec = (long)h->ts.tv_usec;
	p->wire_len = h->len;
	p->cap_len = h->caplen;
	copy = h->caplen < PCAPREAD_MAX ? h->caplen : PCAPREAD_MAX;
	if (copy)
		memcpy(r->buf, data, copy);
	off = r->link->ip_offset(r->buf, copy, p->why, sizeof p->why);
	if (off < 0)
		return PCAPREAD_RECORD;
	p->ip = r->buf + off;
	p->ip_len = copy - (size_t)off;
	p->ip_wire_len = h->len - (uint32_t)off;
	return PCAPREAD_RECORD;
}

const char *
pcapread_linktype(const struct pcapread *r)
{
	return r->pcap ? dlt_name(pcap_datalink(r->pcap)) : "unknown";
}

void
pcapread_close(struct pcapread *r)
{
	if (!r)
		return;
	if (r->pcap)
		pcap_close(r->pcap);
	close(r->fd);
	free(r);
}
