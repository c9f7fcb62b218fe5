/* SPDX-License-Identifier: BSD-2-Clause */
/* A configuration text the parsers' tests make line by line (a hub of
 * hundreds of peers): printf-style appends into a buffer that grows, so no
 * test guesses a size that a longer line would overrun. Include after
 * <cmocka.h>. */
#ifndef MTUPROBE_TEST_TEXTBUF_H
#define MTUPROBE_TEST_TEXTBUF_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct textbuf {
	char *buf; /* NUL-terminated; free() it */
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3)))
textbuf_add(struct textbuf *t, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		int n;
		va_start(ap, fmt);
		n = vsnprintf(t->buf ? t->buf + t->len : NULL, t->cap - t->len, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		t->cap = 2 * (t->len + (size_t)n + 1);
		t->buf = realloc(t->buf, t->cap);
		assert_non_null(t->buf);
	}
}

#endif
