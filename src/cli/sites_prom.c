/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --targets --prometheus: every site's samples in one textfile. The
 * text format wants each metric family's samples together under its HELP
 * and TYPE lines (Prometheus exposition formats, "Text format details"),
 * so each site's render_prometheus() text is cut into families and the
 * samples gain a label site="NAME" (names are [A-Za-z0-9._-], nothing to
 * escape: config/inventory.c). */
#include "cli/sites.h"
#include "cli/watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct family {
	char *head;    /* its HELP and TYPE lines */
	char *samples; /* every site's, labelled */
	size_t len;
	FILE *f; /* open_memstream on samples */
	char name[96];
};

struct prom_merge {
	struct family *fam;
	size_t n, cap;
};

static struct family *
family(struct prom_merge *pm, const char *name, size_t nlen, const char *head, size_t hlen)
{
	struct family *f;

	for (size_t i = 0; i < pm->n; i++)
		if (strlen(pm->fam[i].name) == nlen && !strncmp(pm->fam[i].name, name, nlen))
			return &pm->fam[i];
	if (nlen >= sizeof(f->name))
		return NULL;
	if (pm->n == pm->cap) {
		size_t ncap = pm->cap ? pm->cap * 2 : 16;
		struct family *n = realloc(pm->fam, ncap * sizeof(*n));
		if (!n)
			return NULL;
		pm->fam = n;
		pm->cap = ncap;
	}
	f = &pm->fam[pm->n];
	memset(f, 0, sizeof(*f));
	memcpy(f->name, name, nlen);
	if (!(f->head = strndup(head, hlen)) || !(f->f = open_memstream(&f->samples, &f->len))) {
		free(f->head);
		return NULL;
	}
	pm->n++;
	return f;
}

/* One sample line with site="NAME" as its first label. */
static void
sample(FILE *f, const char *site, const char *s, size_t len)
{
	size_t name = strcspn(s, "{ ");

	if (name > len)
		name = len;
	fprintf(f, "%.*s{site=\"%s\"", (int)name, s, site);
	if (name < len && s[name] == '{')
		fprintf(f, ",%.*s\n", (int)(len - name - 1), s + name + 1);
	else
		fprintf(f, "}%.*s\n", (int)(len - name), s + name);
}

int
prom_merge_add(struct prom_merge **pm, const char *site, const char *text, size_t len)
{
	struct family *cur = NULL;
	size_t i = 0;

	if (!*pm && !(*pm = calloc(1, sizeof(**pm))))
		return -1;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i), *s = text + i;
		size_t n = nl ? (size_t)(nl - s) : len - i;
		if (n > 7 && !strncmp(s, "# HELP ", 7)) {
			/* the family is its HELP line and the TYPE line after it */
			const char *name = s + 7,
				   *t = nl ? memchr(nl + 1, '\n', len - i - n - 1) : NULL;
			size_t hlen = t ? (size_t)(t - s) + 1 : n;
			if (!(cur = family(*pm, name, strcspn(name, " \n"), s, hlen)))
				return -1;
			n = hlen - 1;
		} else if (n && s[0] != '#' && cur)
			sample(cur->f, site, s, n);
		i += n + 1;
	}
	return 0;
}

int
prom_merge_write(const struct prom_merge *pm, const char *file, char *err, size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int rc;

	if (!out) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; pm && i < pm->n; i++) {
		fflush(pm->fam[i].f);
		fputs(pm->fam[i].head, out);
		fwrite(pm->fam[i].samples, 1, pm->fam[i].len, out);
	}
	if (fclose(out) != 0) {
		free(text);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = watch_write_atomic(file, text ? text : "", len, err, errlen);
	free(text);
	return rc;
}

void
prom_merge_free(struct prom_merge *pm)
{
	if (!pm)
		return;
	for (size_t i = 0; i < pm->n; i++) {
		fclose(pm->fam[i].f);
		free(pm->fam[i].samples);
		free(pm->fam[i].head);
	}
	free(pm->fam);
	free(pm);
}
