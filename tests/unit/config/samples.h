/* SPDX-License-Identifier: BSD-2-Clause */
/* The sample files the config tests read from the source tree
 * (MTUPROBE_SRCDIR, which meson sets to the source root). Include after
 * <cmocka.h>. */
#ifndef MTUPROBE_TEST_SAMPLES_H
#define MTUPROBE_TEST_SAMPLES_H

#include <stdio.h>
#include <stdlib.h>

static const char *
srcdir(void)
{
	const char *d = getenv("MTUPROBE_SRCDIR");

	return d && *d ? d : ".";
}

/* The whole file, NUL-terminated (the NUL not counted in *len). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		fail_msg("cannot open %s (is MTUPROBE_SRCDIR set?)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, fp);
	assert_int_equal(*len, (size_t)n);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

#endif
