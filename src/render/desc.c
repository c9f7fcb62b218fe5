/* SPDX-License-Identifier: BSD-2-Clause */
/* A configuration's description lines, shown beside the interface they
 * describe: "tunnel1 (AWS 東京リージョン トンネル1)". Japanese RTX and IX
 * configurations are saved as Shift_JIS (the routers' console default) or
 * UTF-8: a description that is valid UTF-8 is taken as such, else as CP932
 * (Microsoft's Shift_JIS, which the routers' Windows users write), and
 * converted with iconv(3) to the output locale's character set; what
 * cannot be converted is escaped (\xNN), never printed as raw bytes. */
#include "render/render.h"

#include <iconv.h>
#include <langinfo.h>
#include <string.h>

static int
valid_utf8(const unsigned char *s)
{
	while (*s) {
		size_t n = *s < 0x80             ? 1
			   : (*s & 0xe0) == 0xc0 ? 2
			   : (*s & 0xf0) == 0xe0 ? 3
			   : (*s & 0xf8) == 0xf0 ? 4
						 : 0;
		if (!n || (n == 2 && *s < 0xc2))
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return 0;
		s += n;
	}
	return 1;
}

/* iconv from one charset to another; 0, or -1 when any byte does not
 * convert (the caller escapes instead). */
static int
convert(const char *from, const char *to, const char *in, char *out, size_t outlen)
{
	iconv_t cd = iconv_open(to, from);
	char *ip = (char *)in, *op = out;
	size_t il = strlen(in), ol = outlen - 1;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -1;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		rc = -1;
	iconv_close(cd);
	*op = '\0';
	return rc;
}

int
desc_utf8(const char *desc, char *out, size_t len)
{
	if (valid_utf8((const unsigned char *)desc)) {
		snprintf(out, len, "%s", desc);
		return 0;
	}
	return convert("CP932", "UTF-8", desc, out, len);
}

static void
escaped(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
}

void
text_desc(FILE *f, const char *desc)
{
	char utf8[CONFIG_DESC * 3 + 1], local[CONFIG_DESC * 4 + 1];

	if (!desc || !desc[0])
		return;
	fputs(" (", f);
	if (desc_utf8(desc, utf8, sizeof(utf8)) < 0)
		escaped(f, desc);
	else if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		text_string(f, utf8);
	else if (convert("UTF-8", nl_langinfo(CODESET), utf8, local, sizeof(local)) == 0)
		text_string(f, local);
	else
		escaped(f, utf8);
	fputc(')', f);
}
