/* SPDX-License-Identifier: BSD-2-Clause */
#include "base/text.h"

#include <string.h>

void
text_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	int cut = n >= len && len > TEXT_CUT_MARK;

	if (!len)
		return;
	if (n >= len) {
		n = cut ? len - TEXT_CUT_MARK : len - 1;
		/* back to the lead byte of a character cut in two (RFC 3629:
		 * continuation bytes are 10xxxxxx) */
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	if (cut) /* never a part that reads as all of it */
		memcpy(dst + n, "...", 3), n += 3;
	dst[n] = '\0';
}

void
text_mark_cut(char *buf, size_t len)
{
	size_t at;

	if (len < TEXT_CUT_MARK || strlen(buf) + 1 < len)
		return;
	at = len - TEXT_CUT_MARK;
	while (at > 0 && ((unsigned char)buf[at] & 0xc0) == 0x80)
		at--;
	memcpy(buf + at, "...", 4);
}
