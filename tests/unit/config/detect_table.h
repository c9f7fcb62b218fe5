/* SPDX-License-Identifier: BSD-2-Clause */
/* The detection table the parsers' tests share (test_ipsecconf, test_routeros,
 * test_ios): every sample under tests/audit/configs and
 * tests/fuzz/corpus-config is detected as the format its name says, and the
 * grammars a test names refuse it. What a sample is, by its name, is said
 * here once: sample_kinds[].
 * Include after <cmocka.h>, "config/config.h" and "samples.h". */
#ifndef MTUPROBE_TEST_DETECT_TABLE_H
#define MTUPROBE_TEST_DETECT_TABLE_H

#include <dirent.h>
#include <string.h>

#include "base/count.h"

/* What each sample is, by the first word of its name (-1: no format we read).
 * A row matches when the name begins with it and goes on with a digit, '-',
 * '.' or nothing, so that a firmware or release number needs no row of its
 * own (ix2025-..., fortios62-..., vyos13-...). "tpl-" (a template) and
 * "edge-" (an edge case) come before the word of the format they are of.
 * A name no row matches fails the test, naming the file and this table. */
/* clang-format off */
static const struct { const char *word; int vendor; } sample_kinds[] = {
	{ "rtx", VENDOR_RTX }, { "aws-yamaha", VENDOR_RTX }, { "field", VENDOR_RTX },
	{ "sakura", VENDOR_RTX }, { "unknown-commands", VENDOR_RTX },
	{ "ix", VENDOR_IX },
	{ "swanctl", VENDOR_STRONGSWAN }, { "swan", VENDOR_STRONGSWAN },
	{ "ipsecconf", VENDOR_IPSECCONF },
	{ "fortios", VENDOR_FORTIGATE },
	{ "routeros", VENDOR_ROUTEROS },
	{ "junos", VENDOR_JUNOS },
	{ "vyos", VENDOR_VYOS },
	{ "cisco-ios", VENDOR_CISCO_IOS },
	{ "foreign", -1 }, { "refused", -1 }, { "empty", -1 }, { "garbage", -1 },
	{ "unclosed", -1 },
};
/* clang-format on */

static int
sample_kind(const char *sub, const char *name)
{
	const char *word = name;

	if (strncmp(word, "tpl-", 4) == 0 || strncmp(word, "edge-", 5) == 0)
		word = strchr(word, '-') + 1;
	for (size_t i = 0; i < COUNT(sample_kinds); i++) {
		size_t n = strlen(sample_kinds[i].word);
		if (strncmp(word, sample_kinds[i].word, n) == 0 &&
		    (word[n] == '\0' || strchr("-.0123456789", word[n])))
			return sample_kinds[i].vendor;
	}
	fail_msg("%s/%s: no row of sample_kinds[] in tests/unit/config/detect_table.h says "
		 "which format it is: begin its name with a format's word there (rtx-, ix-, "
		 "fortios-, ...; a number may follow the word: ix2025-), or add a row "
		 "{ \"word\", VENDOR_... } for it",
		 sub, name);
	return -2;
}

/* Every sample of SUB (a directory under MTUPROBE_SRCDIR): config_detect()
 * says the format sample_kinds[] says, and every grammar v with
 * refuse(want, v) true fails to read it. Counts the samples of each format in
 * n_of[VENDOR_COUNT]; returns how many files it read (a test asserts a floor:
 * fewer means the directory was not read). */
static unsigned
detect_samples(const char *sub, int (*refuse)(int want, int v), unsigned n_of[VENDOR_COUNT])
{
	char path[4096], err[256];
	DIR *d;
	struct dirent *e;
	unsigned n = 0;

	snprintf(path, sizeof(path), "%s/%s", srcdir(), sub);
	if (!(d = opendir(path)))
		fail_msg("cannot open %s (is MTUPROBE_SRCDIR set?)", path);
	while ((e = readdir(d)) != NULL) {
		static struct config parsed;
		size_t len;
		char *buf;
		int want, got;
		if (e->d_name[0] == '.' || strncmp(e->d_name, "SOURCES", 7) == 0)
			continue;
		want = sample_kind(sub, e->d_name);
		snprintf(path, sizeof(path), "%s/%s/%s", srcdir(), sub, e->d_name);
		buf = slurp(path, &len);
		got = config_detect(buf, len, err, sizeof(err));
		if (got != want)
			fail_msg("%s/%s detected as %d, not %d (%s)", sub, e->d_name, got, want,
				 got < 0 ? err : config_vendor_name((enum vendor_id)got));
		for (int v = 0; v < VENDOR_COUNT; v++) {
			int ok;
			if (v == want || !refuse(want, v))
				continue;
			ok = config_parse(buf, len, v, &parsed, err, sizeof(err)) == 0;
			config_free(&parsed);
			if (ok)
				fail_msg("%s/%s reads as %s", sub, e->d_name,
					 config_vendor_name((enum vendor_id)v));
		}
		if (want >= 0)
			n_of[want]++;
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

#endif
