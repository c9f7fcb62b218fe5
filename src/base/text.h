/* SPDX-License-Identifier: BSD-2-Clause */
/* Copying text into a fixed buffer: configuration names and lines are
 * often Japanese (UTF-8), and a copy cut inside a character prints half
 * of it. */
#ifndef MTUPROBE_BASE_TEXT_H
#define MTUPROBE_BASE_TEXT_H

#include <stddef.h>

/* "..." and the NUL: what a cut copy ends in */
#define TEXT_CUT_MARK 4

/* src into dst (len bytes with the NUL), cut when it does not fit, never
 * inside a UTF-8 character, and then ending in "..." (a dst too small to
 * hold more than the mark is only cut); len 0 writes nothing. */
void text_copy(char *dst, size_t len, const char *src);

/* buf was filled by snprintf into len bytes: when it is full (it was,
 * or may have been, cut), end it in "..." so a part is never shown as
 * all of it. A text that fills len - 1 bytes exactly is marked too: one
 * mark too many says less than none too few. */
void text_mark_cut(char *buf, size_t len);

#endif
