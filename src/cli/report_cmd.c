/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe report FILE...|-: probe --targets' summary table from probe's
 * JSON, as fetched from each site's host (contrib/ansible): JSON Lines of
 * probe --targets --json, or objects of probe --json, read one after the
 * other with json-c's incremental tokener, a line at a time (memory follows
 * the largest object, not the file). Bad input: exit 2 with file and line. */
#include "base/i18n.h"
#include "cli/cmds.h"
#include "cli/sites.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rep {
	struct site_row *rows;
	size_t n, cap;
	char (*names)[INVENTORY_NAME_MAX + 1 + 200]; /* each row's name, owned here */
	const char *file;                            /* as given; "-" is standard input */
	unsigned line;
	char err[600];
};

static int
bad(struct rep *r, const char *what)
{
	const char *name = strcmp(r->file, "-") ? r->file : "(stdin)";

	if (r->line)
		snprintf(r->err, sizeof(r->err), "%s:%u: %s", name, r->line, what);
	else
		snprintf(r->err, sizeof(r->err), "%s: %s", name, what);
	return -1;
}

static struct json_object *
key(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;

	return o && json_object_object_get_ex(o, k, &v) ? v : NULL;
}

static unsigned
uint_of(struct json_object *o, const char *k)
{
	struct json_object *v = key(o, k);

	return v && json_object_is_type(v, json_type_int) && json_object_get_int64(v) > 0
		       ? (unsigned)json_object_get_int64(v)
		       : 0;
}

static const char *
str_of(struct json_object *o, const char *k)
{
	struct json_object *v = key(o, k);

	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* A site without "site" (probe --json's own object) is named after its
 * file: osaka.json is osaka; from standard input, after its WAN target. */
static void
row_name(struct rep *r, struct json_object *o, char *buf, size_t len)
{
	const char *site = str_of(o, "site"), *base = strrchr(r->file, '/');
	size_t n;

	if (site || !strcmp(r->file, "-")) {
		snprintf(buf, len, "%s", site ? site : str_of(o, "wan_target"));
		return;
	}
	base = base ? base + 1 : r->file;
	n = strcspn(base, ".");
	snprintf(buf, len, "%.*s", (int)(n ? n : strlen(base)), base);
}

/* A signal cut the site short: probe --targets says so in "interrupted";
 * probe --json's own object in its paths' stop (the WAN, the first
 * tunnel) and the fault of the other tunnels. -1: "interrupted" is not a
 * boolean. */
static int
row_interrupted(struct json_object *o)
{
	struct json_object *v = key(o, "interrupted"), *tun = key(o, "tunnels");
	size_t n = tun && json_object_is_type(tun, json_type_array) ? json_object_array_length(tun)
								    : 0;
	const char *t;

	if (v)
		return json_object_is_type(v, json_type_boolean) ? json_object_get_boolean(v) != 0
								 : -1;
	if (((t = str_of(key(o, "wan"), "stop")) && !strcmp(t, "interrupted")) ||
	    ((t = str_of(key(o, "tunnel"), "stop")) && !strcmp(t, "interrupted")))
		return 1;
	for (size_t k = 0; k < n; k++)
		if ((t = str_of(json_object_array_get_idx(tun, k), "fault")) &&
		    !strcmp(t, "interrupted"))
			return 1;
	return 0;
}

/* probe's exit status from its object: not verified 1, below --expect-mtu
 * 3, a configuration (or its pair) with findings or disagreements 5. */
static int
row_status(struct json_object *o, unsigned wan)
{
	struct json_object *cfg = key(o, "config"), *v = key(o, "verified");
	unsigned expect = uint_of(o, "expect_mtu");

	if (!wan || !v || !json_object_get_boolean(v))
		return EXIT_NOT_MEASURED;
	if (expect && wan < expect)
		return EXIT_BELOW;
	if (cfg && (uint_of(cfg, "disagreements") || uint_of(key(cfg, "audit"), "errors") ||
		    uint_of(key(cfg, "audit"), "warnings") || uint_of(key(cfg, "peer"), "errors") ||
		    uint_of(key(cfg, "peer"), "warnings")))
		return EXIT_FINDINGS;
	return EXIT_OK;
}

/* The verdict column as probe --targets words it (sites_out.c). */
static void
row_verdict(struct site_row *row, struct json_object *o)
{
	struct json_object *tun = key(o, "tunnels");
	const char *f = str_of(key(o, "wan"), "fault"), *w = str_of(o, "tunnel_vs_model");
	size_t n = tun && json_object_is_type(tun, json_type_array) ? json_object_array_length(tun)
								    : 0;

	if (f) {
		snprintf(row->verdict, sizeof(row->verdict), "wan %s", f);
		return;
	}
	if (n && (f = str_of(json_object_array_get_idx(tun, 0), "fault"))) {
		snprintf(row->verdict, sizeof(row->verdict), "tunnel %s", f);
		return;
	}
	for (size_t k = 1; k < n; k++) {
		const char *wk = str_of(json_object_array_get_idx(tun, k), "tunnel_vs_model");
		if (wk && strcmp(wk, "agrees") && (!w || !strcmp(w, "agrees")))
			w = wk;
	}
	snprintf(row->verdict, sizeof(row->verdict), "%s", w ? w : "-");
	if (row->status == EXIT_FINDINGS && key(o, "config") && !strcmp(row->verdict, "agrees"))
		snprintf(row->verdict, sizeof(row->verdict), "config");
}

static int
add_row(struct rep *r, struct json_object *o)
{
	struct json_object *tun = key(o, "tunnels");
	struct site_row *row;
	size_t n;

	if (!json_object_is_type(o, json_type_object) || !str_of(o, "command") ||
	    strcmp(str_of(o, "command"), "probe") || !str_of(o, "wan_target") || !key(o, "wan"))
		return bad(r, "not the JSON of probe --json or probe --targets --json");
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 64;
		struct site_row *nr = realloc(r->rows, ncap * sizeof(*nr));
		void *nn = nr ? realloc(r->names, ncap * sizeof(*r->names)) : NULL;
		if (nr)
			r->rows = nr;
		if (!nn)
			return bad(r, "out of memory");
		r->names = nn;
		r->cap = ncap;
	}
	row = &r->rows[r->n];
	memset(row, 0, sizeof(*row));
	row_name(r, o, r->names[r->n], sizeof(r->names[0]));
	row->name = r->names[r->n];
	row->done = 1;
	row->wan_mtu = uint_of(o, "wan_pmtu");
	n = tun && json_object_is_type(tun, json_type_array) ? json_object_array_length(tun) : 0;
	for (size_t k = 0; k < n && k < INVENTORY_MAX_TUNNELS; k++)
		row->tun_mtu[row->ntun++] = uint_of(json_object_array_get_idx(tun, k), "pmtu");
	if ((row->interrupted = row_interrupted(o)) < 0)
		return bad(r, "\"interrupted\" is not true or false");
	row->status = row->interrupted ? EXIT_NOT_MEASURED : row_status(o, row->wan_mtu);
	row->verified = row->status != EXIT_NOT_MEASURED;
	row->secs = (double)uint_of(o, "elapsed_ms") / 1000.0;
	row_verdict(row, o);
	if (row->interrupted) /* as probe --targets' table (sites_out.c) */
		snprintf(row->verdict, sizeof(row->verdict), "interrupted");
	r->n++;
	return 0;
}

/* One line into the tokener: every object it completes becomes a row. */
static int
feed(struct rep *r, struct json_tokener *tok, const char *s, size_t len, int *open)
{
	while (len) {
		struct json_object *o;
		size_t used;
		if (!*open && strchr(" \t\r\n", *s)) {
			s++, len--;
			continue;
		}
		o = json_tokener_parse_ex(tok, s, (int)len);
		if (json_tokener_get_error(tok) == json_tokener_continue) {
			*open = 1;
			return 0;
		}
		if (!o) {
			char what[200];
			snprintf(what, sizeof(what), "not JSON: %s",
				 json_tokener_error_desc(json_tokener_get_error(tok)));
			return bad(r, what);
		}
		used = json_tokener_get_parse_end(tok);
		*open = 0;
		json_tokener_reset(tok);
		if (add_row(r, o) < 0) {
			json_object_put(o);
			return -1;
		}
		json_object_put(o);
		s += used, len -= used;
	}
	return 0;
}

static int
read_one(struct rep *r, FILE *f)
{
	struct json_tokener *tok = json_tokener_new();
	char *line = NULL;
	size_t cap = 0, before = r->n;
	ssize_t got;
	int open = 0, rc = 0;

	if (!tok)
		return bad(r, "out of memory");
	r->line = 0;
	while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
		r->line++;
		rc = feed(r, tok, line, (size_t)got, &open);
	}
	if (rc == 0 && ferror(f))
		rc = bad(r, "read error");
	else if (rc == 0 && open)
		rc = bad(r, "the file ends inside a JSON object");
	else if (rc == 0 && r->n == before) {
		r->line = 0;
		rc = bad(r, "no JSON object in it");
	}
	free(line);
	json_tokener_free(tok);
	return rc;
}

static int
read_files(struct rep *r, int n, char **files)
{
	for (int i = 0; i < n; i++) {
		FILE *f = strcmp(files[i], "-") ? fopen(files[i], "r") : stdin;
		int rc;
		r->file = files[i];
		if (!f) {
			snprintf(r->err, sizeof(r->err), _("cannot open %s: %s"), files[i],
				 strerror(errno));
			return -1;
		}
		rc = read_one(r, f);
		if (f != stdin)
			fclose(f);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
cmd_report(int argc, char **argv)
{
	static struct rep r;
	struct cli c;
	int rc = cli_parse(CMD_REPORT, argc, argv, &c, r.err, sizeof(r.err)), worst = EXIT_OK;

	if (rc > 0)
		return cli_stdout_done("report", EXIT_OK);
	if (rc < 0 || read_files(&r, c.ntargets, argv + c.files_at) < 0) {
		cli_error("report", r.err);
		free(r.rows);
		free(r.names);
		return EXIT_USAGE;
	}
	sites_table(stdout, r.rows, r.n);
	for (size_t i = 0; i < r.n; i++)
		if (site_worse(r.rows[i].status, worst))
			worst = r.rows[i].status;
	free(r.rows);
	free(r.names);
	return cli_stdout_done("report", worst);
}
