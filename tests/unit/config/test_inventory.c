/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets: the inventory parser (config/inventory.c). Both formats
 * read site by site, every refusal with its line and words, and 10,000
 * sites through tables that grow (and one more refused). Addresses are
 * documentation addresses (RFC 5737, RFC 3849). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/inventory.h"

/* What a parsed file holds, as one string per site:
 * "name wan t1;t2 vendor esp line config @lineno" ('-' for none). */
static void
site_text(const struct inventory_site *s, char *buf, size_t len)
{
	char tun[600] = "";
	size_t n = 0;

	for (size_t k = 0; k < s->ntunnels; k++)
		n += (size_t)snprintf(tun + n, sizeof(tun) - n, "%s%s", k ? ";" : "",
				      s->tunnels[k]);
	snprintf(buf, len, "%s %s %s %s %s %s %s @%u", s->name, s->wan, s->ntunnels ? tun : "-",
		 s->vendor ? s->vendor : "-", s->esp ? s->esp : "-", s->line ? s->line : "-",
		 s->config ? s->config : "-", s->lineno);
}

static const struct {
	const char *in;
	int format;
	const char *sites[4];
} good[] = {
	{ "osaka 198.51.100.2 203.0.113.2\n",
	  INVENTORY_LINES,
	  { "osaka 198.51.100.2 203.0.113.2 - - - - @1" } },
	{ "# sites\n\nosaka 198.51.100.2 # the WAN only\n  kyoto\t198.51.100.3 10.0.0.1 10.0.0.2\n",
	  INVENTORY_LINES,
	  { "osaka 198.51.100.2 - - - - - @3",
	    "kyoto 198.51.100.3 10.0.0.1;10.0.0.2 - - - - @4" } },
	{ "a 2001:db8::1\r\nb 2001:db8::2\r\n",
	  INVENTORY_LINES,
	  { "a 2001:db8::1 - - - - - @1", "b 2001:db8::2 - - - - - @2" } },
	{ "b 198.51.100.2", INVENTORY_LINES, { "b 198.51.100.2 - - - - - @1" } }, /* no newline */
	{ "name,wan,tunnel\nosaka,198.51.100.2,203.0.113.2\nkyoto, 198.51.100.3 ,\n",
	  INVENTORY_CSV,
	  { "osaka 198.51.100.2 203.0.113.2 - - - - @2", "kyoto 198.51.100.3 - - - - - @3" } },
	{ "\xef\xbb\xbfName,WAN,Tunnel,Tunnel2,Vendor,ESP,Line,Config\r\n"
	  "s1,198.51.100.2,203.0.113.2,203.0.113.3,rtx,aes128-sha1,flets-pppoe,rtx.conf\r\n",
	  INVENTORY_CSV,
	  { "s1 198.51.100.2 203.0.113.2;203.0.113.3 rtx aes128-sha1 flets-pppoe rtx.conf @2" } },
	{ "# exported\nwan,name,tunnel\n198.51.100.2,x,203.0.113.2; 203.0.113.3\n",
	  INVENTORY_CSV,
	  { "x 198.51.100.2 203.0.113.2;203.0.113.3 - - - - @3" } },
	{ "name,wan,esp\nx,198.51.100.2,\ny,198.51.100.3,aes256gcm16\n",
	  INVENTORY_CSV,
	  { "x 198.51.100.2 - - - - - @2", "y 198.51.100.3 - - aes256gcm16 - - @3" } },
};

static void
test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct inventory inv;
		char err[256] = "", text[1000];
		size_t n = 0;

		if (inventory_parse(good[i].in, strlen(good[i].in), &inv, err, sizeof(err)) < 0)
			fail_msg("case %zu: %s", i, err);
		assert_int_equal(inv.format, good[i].format);
		while (n < 4 && good[i].sites[n])
			n++;
		if (inv.nsites != n)
			fail_msg("case %zu: %zu sites, want %zu", i, inv.nsites, n);
		for (size_t k = 0; k < n; k++) {
			site_text(&inv.sites[k], text, sizeof(text));
			if (strcmp(text, good[i].sites[k]) != 0)
				fail_msg("case %zu site %zu: '%s', want '%s'", i, k, text,
					 good[i].sites[k]);
		}
		inventory_free(&inv);
	}
}

static const struct {
	const char *in;
	const char *err;
} bad[] = {
	{ "", "no sites: every line is blank or a comment" },
	{ "# only\n\n", "no sites: every line is blank or a comment" },
	{ "name,wan\n", "no sites: every line is blank or a comment or the header" },
	{ "osaka\n", "line 1: site osaka has no WAN target" },
	{ "a 198.51.100.2\n\nb 198.51.100.3\na 198.51.100.4\n",
	  "line 4: site a is already on line 1" },
	{ "os/aka 198.51.100.2\n",
	  "line 1: site name 'os/aka': use 1-63 of A-Z a-z 0-9 . _ - not starting with . or -" },
	{ "..  198.51.100.2\n",
	  "line 1: site name '..': use 1-63 of A-Z a-z 0-9 . _ - not starting with . or -" },
	{ "a 198.51.100.2\x01\n", "line 1: control character 0x01" },
	{ "a 198.51.100.2\nb 198.51\0.100.3\n", "line 2: a NUL byte: not a text file" },
	{ "a 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n",
	  "line 1: site a has more than 16 tunnel targets" },
	{ "b 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20\n",
	  "line 1: site b has more than 16 tunnel targets" },
	{ "osaka,198.51.100.2\n",
	  "line 1: unknown column 'osaka': columns are name, wan, tunnel (or tunnel1, tunnel2 ...), "
	  "vendor, esp, line, config" },
	{ "name,wan,tunnel0\n",
	  "line 1: unknown column 'tunnel0': columns are name, wan, tunnel (or tunnel1, tunnel2 ...), "
	  "vendor, esp, line, config" },
	{ "name,wan,tunnel17\n",
	  "line 1: unknown column 'tunnel17': columns are name, wan, tunnel (or tunnel1, tunnel2 ...), "
	  "vendor, esp, line, config" },
	{ "name,wan,mtu\n",
	  "line 1: unknown column 'mtu': columns are name, wan, tunnel (or tunnel1, tunnel2 ...), "
	  "vendor, esp, line, config" },
	{ "name,wan,wan\n", "line 1: column 'wan' given twice" },
	{ "name,tunnel\n", "line 1: the header needs the columns name and wan" },
	{ "name,wan\na,198.51.100.2,x\n", "line 2: 3 fields, the header has 2" },
	{ "name,wan,vendor\na,198.51.100.2\n", "line 2: 2 fields, the header has 3" },
	{ "name,wan\n,198.51.100.2\n", "line 2: no site name" },
	{ "name,wan\na,\n", "line 2: site a has no WAN target" },
	{ "name,wan\n\"a\",198.51.100.2\n",
	  "line 2: quoted fields are not read (no name, target or file here needs a comma)" },
	{ "name,wan,tunnel\na,198.51.100.2,1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17\n",
	  "line 2: site a has more than 16 tunnel targets" },
	{ "name,wan\nb,198.51.100.2\nB,198.51.100.3\nb,198.51.100.4\n",
	  "line 4: site b is already on line 2" },
};

static void
test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct inventory inv;
		char err[256] = "";
		/* case 8 holds a NUL: its length is the literal's */
		size_t len = i == 8 ? sizeof("a 198.51.100.2\nb 198.51\0.100.3\n") - 1
				    : strlen(bad[i].in);

		if (inventory_parse(bad[i].in, len, &inv, err, sizeof(err)) == 0)
			fail_msg("case %zu: accepted", i);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("case %zu: '%s', want '%s'", i, err, bad[i].err);
		assert_int_equal(inv.nsites, 0);
		inventory_free(&inv);
	}
}

/* Long fields and lines: refused with their sizes, never cut. */
static void
test_long(void **state)
{
	char buf[INVENTORY_LINE_MAX + 16], err[256];
	struct inventory inv;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	buf[0] = 'x', buf[1] = ' ';
	buf[2 + INVENTORY_FIELD_MAX + 1] = '\n';
	assert_int_equal(inventory_parse(buf, 2 + INVENTORY_FIELD_MAX + 2, &inv, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "line 1: a field of 256 bytes: at most 255");
	buf[2 + INVENTORY_FIELD_MAX + 1] = 'a';
	assert_int_equal(inventory_parse(buf, sizeof(buf), &inv, err, sizeof(err)), -1);
	assert_string_equal(err, "line 1: longer than 4095 bytes");
	inventory_free(&inv);
}

/* 10,000 sites: every one read, in order, through tables that grow from
 * small (the allocation follows the file); the 10,001st is refused. */
static void
test_many(void **state)
{
	size_t cap = (INVENTORY_MAX_SITES + 1) * 40;
	char *buf = malloc(cap), err[256];
	size_t len = 0;
	struct inventory inv;

	(void)state;
	assert_non_null(buf);
	for (unsigned i = 0; i < INVENTORY_MAX_SITES; i++)
		len += (size_t)snprintf(buf + len, cap - len, "site%u 198.51.100.%u 203.0.113.%u\n",
					i, i % 250 + 1, i % 250 + 1);
	assert_int_equal(inventory_parse(buf, len, &inv, err, sizeof(err)), 0);
	assert_int_equal(inv.nsites, INVENTORY_MAX_SITES);
	assert_true(inv.cap < 2 * INVENTORY_MAX_SITES);
	assert_string_equal(inv.sites[9999].name, "site9999");
	assert_int_equal(inv.sites[9999].lineno, 10000);
	inventory_free(&inv);
	len += (size_t)snprintf(buf + len, cap - len, "one-more 198.51.100.1\n");
	assert_int_equal(inventory_parse(buf, len, &inv, err, sizeof(err)), -1);
	assert_string_equal(
		err, "line 10001: more than 10000 sites, the most one file holds: split the file");
	free(buf);
}

static void
test_dup_many(void **state)
{
	size_t cap = 3000 * 40;
	char *buf = malloc(cap), err[256];
	size_t len = 0;
	struct inventory inv;

	(void)state;
	assert_non_null(buf);
	for (unsigned i = 0; i < 3000; i++)
		len += (size_t)snprintf(buf + len, cap - len, "s%u 198.51.100.1\n", i);
	len += (size_t)snprintf(buf + len, cap - len, "s1234 198.51.100.1\n");
	assert_int_equal(inventory_parse(buf, len, &inv, err, sizeof(err)), -1);
	assert_string_equal(err, "line 3001: site s1234 is already on line 1235");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),     cmocka_unit_test(test_bad),
		cmocka_unit_test(test_long),     cmocka_unit_test(test_many),
		cmocka_unit_test(test_dup_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
