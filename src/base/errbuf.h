/* SPDX-License-Identifier: BSD-2-Clause */
/* Lower layers never print and never exit: they return an error code and
 * write one line into the caller's buffer. */
#ifndef MTUPROBE_BASE_ERRBUF_H
#define MTUPROBE_BASE_ERRBUF_H

#include <stddef.h>

/* snprintf into err, tolerating a NULL or empty buffer. */
void err_set(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
