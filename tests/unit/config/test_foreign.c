/* SPDX-License-Identifier: BSD-2-Clause */
/* Foreign-format recognition, table-driven: each sample file under
 * tests/audit/configs/foreign-*.conf (rebuilt from vendors' published
 * samples, RFC 5737 addresses) is named with its first evidence line; every
 * other file there and in tests/fuzz/corpus-config (RTX, IX, swanctl,
 * garbage) gives 0; so do comments that carry foreign commands, empty input,
 * binary bytes and a 1 MB line. The files are read from MTUPROBE_SRCDIR,
 * which meson sets to the source root. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/foreign.h"
#include "base/count.h"
#include "samples.h"

#define BIG (1024 * 1024)

struct file {
	char *buf;
	size_t len;
};

static struct file
slurp_file(const char *path)
{
	struct file f;

	f.buf = slurp(path, &f.len);
	return f;
}

static const struct {
	const char *file;
	const char *name;
	unsigned line;     /* first evidence line */
	unsigned evidence; /* lines only that format has */
	unsigned lines;    /* non-comment lines */
	const char *why;
} samples[] = {
	{ "foreign-cisco-asa.conf", "Cisco ASA", 11, 25, 49, "crypto isakmp identity address" },
};

static void
test_samples(void **state)
{
	char path[4096];

	(void)state;
	for (size_t i = 0; i < COUNT(samples); i++) {
		struct config_foreign f;
		struct file s;

		snprintf(path, sizeof(path), "%s/tests/audit/configs/%s", srcdir(),
			 samples[i].file);
		s = slurp_file(path);
		print_message("%s\n", samples[i].file);
		assert_int_equal(config_foreign_detect(s.buf, s.len, &f), 1);
		assert_string_equal(f.name, samples[i].name);
		assert_int_equal(f.line, samples[i].line);
		assert_int_equal(f.evidence, samples[i].evidence);
		assert_int_equal(f.lines, samples[i].lines);
		assert_string_equal(f.why, samples[i].why);
		free(s.buf);
	}
}

/* The same files with CRLF line ends give the same answer. */
static void
test_samples_crlf(void **state)
{
	char path[4096];

	(void)state;
	for (size_t i = 0; i < COUNT(samples); i++) {
		struct config_foreign f, g;
		struct file s;
		char *crlf;
		size_t k = 0;

		snprintf(path, sizeof(path), "%s/tests/audit/configs/%s", srcdir(),
			 samples[i].file);
		s = slurp_file(path);
		crlf = malloc(s.len * 2 + 1);
		assert_non_null(crlf);
		for (size_t j = 0; j < s.len; j++) {
			if (s.buf[j] == '\n')
				crlf[k++] = '\r';
			crlf[k++] = s.buf[j];
		}
		assert_int_equal(config_foreign_detect(s.buf, s.len, &f), 1);
		assert_int_equal(config_foreign_detect(crlf, k, &g), 1);
		assert_string_equal(f.name, g.name);
		assert_int_equal(f.line, g.line);
		assert_int_equal(f.evidence, g.evidence);
		assert_int_equal(f.lines, g.lines);
		assert_string_equal(f.why, g.why);
		free(crlf);
		free(s.buf);
	}
}

/* Every file in dir except the foreign samples (named "foreign*") is a format
 * we read, or garbage: none may be taken for a foreign one. */
static unsigned
expect_none_in(const char *sub)
{
	char path[4096];
	DIR *d;
	struct dirent *e;
	unsigned n = 0;

	snprintf(path, sizeof(path), "%s/%s", srcdir(), sub);
	d = opendir(path);
	if (!d)
		fail_msg("cannot open %s (is MTUPROBE_SRCDIR set?)", path);
	while ((e = readdir(d)) != NULL) {
		struct config_foreign f;
		struct file s;

		if (e->d_name[0] == '.' || strncmp(e->d_name, "foreign", 7) == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", srcdir(), sub, e->d_name);
		s = slurp_file(path);
		if (config_foreign_detect(s.buf, s.len, &f))
			fail_msg("%s/%s taken for %s (line %u: %s)", sub, e->d_name, f.name, f.line,
				 f.why);
		assert_null(f.name);
		free(s.buf);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_ours_are_not_foreign(void **state)
{
	(void)state;
	/* 15 and 10 files today; a lower count means the directory was not read. */
	assert_true(expect_none_in("tests/audit/configs") >= 15);
	assert_true(expect_none_in("tests/fuzz/corpus-config") >= 10);
}

/* Small texts: what they say, and what they must be named (NULL: nothing). */
static const struct {
	const char *text;
	const char *name;
	unsigned line;
	unsigned evidence;
	unsigned lines; /* non-comment lines */
} texts[] = {
	/* comments never count, whatever they quote */
	{ "# RTX1210\n# crypto isakmp policy 1\n# set security ike gateway g address x\n"
	  "tunnel select 1\n ip tunnel mtu 1280\n",
	  NULL, 0, 0, 0 },
	{ "! crypto isakmp policy 1\n!crypto keyring k\ninterface Tunnel0.0\n"
	  "  ip tcp adjust-mss auto\n",
	  NULL, 0, 0, 0 },
	{ "   ! crypto ipsec transform-set t esp-aes\n", NULL, 0, 0, 0 },
	{ "/* set security ike policy p mode main\n   bind-interface st0.1;\n */\n", NULL, 0, 0,
	  0 },
	{ "<!-- <config version=\"10.1.0\"> -->\n", NULL, 0, 0, 0 },
	/* IX and swanctl words that look like the foreign ones */
	{ "interface GigaEthernet0.1\n  ip mtu 1454\ninterface Tunnel0.0\n  tunnel mode ipsec\n",
	  NULL, 0, 0, 0 },
	{ "connections {\n  security {\n    children {\n      ike {\n        esp_proposals = "
	  "aes128\n        local_ts = 10.0.0.0/8\n      }\n    }\n  }\n}\n",
	  NULL, 0, 0, 0 },
	/* one weak line is not enough; two are */
	{ "interface GigabitEthernet0/0\n", NULL, 0, 0, 0 },
	/* Cisco IOS is read (config/ios.c), no longer foreign */
	{ "interface GigabitEthernet0/0\n tunnel protection ipsec profile p\n", NULL, 0, 0, 0 },
	{ "hostname r1\ncrypto isakmp policy 10\n", NULL, 0, 0, 0 },
	{ "left=%defaultroute\n", NULL, 0, 0, 0 },
	/* ipsec.conf is read (config/ipsecconf.c), no longer foreign */
	{ "conn a\n  left = 192.0.2.1\n", NULL, 0, 0, 0 },
	{ "config setup\nconn %default\n  auto=start\n", NULL, 0, 0, 0 },
	/* one strong line is */
	/* FortiOS is read (config/fortios.c), no longer foreign */
	{ "config vpn ipsec phase1-interface\n", NULL, 0, 0, 0 },
	/* RouterOS exports are read (config/routeros.c), no longer foreign */
	{ "/ip ipsec peer add address=198.51.100.1/32 exchange-mode=ike2\n", NULL, 0, 0, 0 },
	/* Junos is read (config/junos.c), no longer foreign, in either form */
	{ "set interfaces st0.0 family inet mtu 1436\n", NULL, 0, 0, 0 },
	{ "security {\n  ipsec {\n    vpn v {\n      bind-interface st0.1;\n    }\n  }\n}\n", NULL,
	  0, 0, 0 },
	{ "set network ike gateway g peer-address ip 198.51.100.1\n", "Palo Alto PAN-OS", 1, 1, 1 },
	{ "<config version=\"10.1.0\" urldb=\"paloaltonetworks\">\n", "Palo Alto PAN-OS", 1, 1, 1 },
	{ "set vpn ipsec esp-group esp mode tunnel\nset interfaces vti vti0 mtu 1436\n", NULL, 0, 2,
	  2 },
	/* more evidence wins: an ASA file that also carries IOS's isakmp policy */
	{ "crypto isakmp policy 1\ntunnel-group 198.51.100.1 type ipsec-l2l\n"
	  "tunnel-group 198.51.100.1 ipsec-attributes\n",
	  "Cisco ASA", 2, 2, 3 },
	/* IOS's isakmp policy beside an ASA-only line is ASA's */
	{ "crypto isakmp policy 1\nsysopt connection tcpmss 1379\n", "Cisco ASA", 2, 1, 2 },
	/* every comment syntax is skipped, and only what is left is counted */
	{ "# a\n! b\n/* c\n d */\n<!-- e -->\n\n  \t\ncrypto ikev1 policy 1\nexit\n", "Cisco ASA",
	  8, 1, 2 },
	/* plain text is nothing */
	{ "hello world\nthis is a letter\nnext\nend\n", NULL, 0, 0, 0 },
};

static void
test_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(texts); i++) {
		struct config_foreign f;
		int r = config_foreign_detect(texts[i].text, strlen(texts[i].text), &f);

		print_message("row %zu\n", i);
		assert_int_equal(r, texts[i].name != NULL);
		if (!texts[i].name) {
			assert_null(f.name);
			continue;
		}
		assert_string_equal(f.name, texts[i].name);
		assert_int_equal(f.line, texts[i].line);
		assert_int_equal(f.evidence, texts[i].evidence);
		assert_int_equal(f.lines, texts[i].lines);
	}
}

static void
test_empty(void **state)
{
	struct config_foreign f;

	(void)state;
	assert_int_equal(config_foreign_detect("", 0, &f), 0);
	assert_null(f.name);
	assert_int_equal(f.lines, 0);
	assert_int_equal(config_foreign_detect(NULL, 0, &f), 0);
	assert_int_equal(config_foreign_detect("\n\n\r\n \t\n", strlen("\n\n\r\n \t\n"), &f), 0);
	assert_int_equal(config_foreign_detect("crypto ikev1 policy 1\n", 22, NULL), 1);
}

/* Deterministic garbage (an LCG), with and without NUL bytes and newlines. */
static void
test_garbage(void **state)
{
	char *buf = malloc(BIG);
	uint32_t x = 12345;
	struct config_foreign f;

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < BIG; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
	}
	assert_int_equal(config_foreign_detect(buf, BIG, &f), 0);
	free(buf);
}

static void
test_long_line(void **state)
{
	char *buf = malloc(BIG + 64);
	struct config_foreign f;
	const char *head = "crypto ikev1 policy 1 ";
	size_t n;

	(void)state;
	assert_non_null(buf);
	/* 1 MB of one word and no newline: nothing */
	memset(buf, 'A', BIG);
	assert_int_equal(config_foreign_detect(buf, BIG, &f), 0);
	assert_null(f.name);
	/* evidence after a 1 MB line is on line 2 */
	memset(buf, 'x', BIG);
	buf[BIG - 1] = '\n';
	memcpy(buf + BIG, "crypto ikev1 policy 1\n", 22);
	assert_int_equal(config_foreign_detect(buf, BIG + 22, &f), 1);
	assert_int_equal(f.line, 2);
	assert_int_equal(f.lines, 2);
	assert_string_equal(f.why, "crypto ikev1 policy 1");
	/* a 1 MB evidence line is quoted cut to fit */
	n = strlen(head);
	memcpy(buf, head, n);
	memset(buf + n, 'y', BIG - n);
	assert_int_equal(config_foreign_detect(buf, BIG, &f), 1);
	assert_int_equal(f.line, 1);
	assert_int_equal(strlen(f.why), sizeof(f.why) - 1);
	assert_memory_equal(f.why, head, n);
	free(buf);
}

/* why is the line as written: trimmed, control bytes and NUL as '?', cut
 * before a UTF-8 sequence it would split. */
static void
test_why(void **state)
{
	static const char ctl[] = "\t  tunnel-group k type x\x01\x00z \r\n";
	char utf[200];
	struct config_foreign f;
	size_t n;

	(void)state;
	assert_int_equal(config_foreign_detect(ctl, sizeof(ctl) - 1, &f), 1);
	assert_string_equal(f.why, "tunnel-group k type x??z");
	n = (size_t)snprintf(utf, sizeof(utf), "tunnel-group k type ");
	while (n < sizeof(f.why) - 2)
		utf[n++] = 'k';
	memcpy(utf + n, "\xc3\xa9\xc3\xa9\n", 5); /* "é" would straddle the cut */
	assert_int_equal(config_foreign_detect(utf, n + 5, &f), 1);
	assert_int_equal(strlen(f.why), sizeof(f.why) - 2);
	assert_memory_equal(f.why, utf, sizeof(f.why) - 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_samples_crlf),
		cmocka_unit_test(test_ours_are_not_foreign),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
