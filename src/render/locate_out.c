/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate in the report: the hops the TTL-limited probes met, and
 * the finding (core/locate.c says what it rests on). */
#include "render/render.h"

#include <string.h>

#include "base/i18n.h"
#include "probe/locate.h"
#include "wire/wire.h"

/* enum locate_heard as words (text, translated where printed) and as JSON values. */
/* clang-format off */
static const char *const heard_text[] = {
	[LOCATE_NOTHING] = N_("no answer"), [LOCATE_HOP] = N_("time exceeded"),
	[LOCATE_TARGET] = N_("target reached"), [LOCATE_TOO_BIG] = N_("too big"),
	[LOCATE_ERROR] = N_("ICMP error"),
};
/* clang-format on */
/* clang-format off */
static const char *const heard_json[] = {
	[LOCATE_NOTHING] = "none", [LOCATE_HOP] = "time-exceeded",
	[LOCATE_TARGET] = "target", [LOCATE_TOO_BIG] = "too-big",
	[LOCATE_ERROR] = "error",
};
/* clang-format on */

/* Who is at this TTL: the small probe's answerer, else the large one's
 * when that was the hop's own time exceeded (a "too big" for it comes from
 * a hop before). */
static const struct ip_addr *
hop_addr(const struct locate *l, unsigned ttl)
{
	static const struct ip_addr none;

	if (l->obs[ttl][0].from.family)
		return &l->obs[ttl][0].from;
	return l->obs[ttl][1].heard == LOCATE_HOP ? &l->obs[ttl][1].from : &none;
}

/* A TTL at which both probes did what they did one TTL lower, that one
 * having reached the target with the small probe. */
static bool
same_target_row(const struct locate *l, unsigned t)
{
	unsigned first = t - 1;

	while (first > 1 && l->obs[first][0].heard == LOCATE_TARGET &&
	       l->obs[first - 1][0].heard == LOCATE_TARGET)
		first--;
	return l->obs[first][0].heard == LOCATE_TARGET && l->obs[t][0].heard == LOCATE_TARGET &&
	       l->obs[t][1].heard == l->obs[first][1].heard;
}

void
render_locate_text(FILE *f, const struct locate_run *loc, const char *no_loc)
{
	const struct locate *l;
	char why[LOCATE_WORDS_LEN];
	unsigned last;

	if (!loc) {
		/* no_loc is marked N_() where it is chosen (cli/probe_cmd.c) */
		if (no_loc) {
			fputs("          ", f);
			fprintf(f, _("--locate not run: %s"), _(no_loc));
			fputc('\n', f);
		}
		return;
	}
	l = &loc->l;
	last = locate_last_tried(l);
	fputs("          ", f);
	fprintf(f,
		ngettext("--locate: TTL-limited probes of %u and %u bytes, %u probe in %.2f s",
			 "--locate: TTL-limited probes of %u and %u bytes, %u probes in %.2f s",
			 loc->probes_sent),
		loc->small, loc->large, loc->probes_sent, (double)loc->elapsed_us / 1e6);
	fputc('\n', f);
	for (unsigned t = 1; t <= last; t++) {
		const struct locate_obs *s = &l->obs[t][0], *b = &l->obs[t][1];
		char who[64];

		if (!s->tries && !b->tries)
			continue;
		/* Past the first TTL the target answered, every probe reaches it
		 * again: one line says so, not one per TTL (issue 20). The JSON
		 * keeps every hop. */
		if (t > 1 && same_target_row(l, t)) {
			unsigned to = t;
			while (to < last && same_target_row(l, to + 1))
				to++;
			fputs("            ", f);
			fprintf(f, _("hops %u to %u: the same, answered by the target"), t, to);
			fputc('\n', f);
			t = to;
			continue;
		}
		ip_addr_text(hop_addr(l, t), who, sizeof(who));
		fputs("            ", f);
		fprintf(f, _("hop %-2u %-28s %u: %-14s %u: %s"), t, who, loc->small,
			s->tries ? _(heard_text[s->heard]) : _("not sent"), loc->large,
			b->tries ? _(heard_text[b->heard]) : _("not sent"));
		if (b->heard == LOCATE_NOTHING && b->tries > 1)
			fprintf(f, ngettext(" (%u try)", " (%u tries)", b->tries), b->tries);
		fputc('\n', f);
	}
	locate_words(&loc->r, 1, why, sizeof(why));
	fprintf(f, "          %s %s\n",
		!loc->r.found   ? "!"
		: loc->r.by_ptb ? "=>"
				: _("=> located:"),
		why);
}

static void
json_place(FILE *f, const char *key, bool ok, unsigned ttl, const struct ip_addr *a)
{
	char who[64];

	fprintf(f, ",\"%s\":", key);
	if (!ok) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"ttl\":%u,\"address\":", ttl);
	if (a->family) {
		ip_addr_text(a, who, sizeof who);
		json_string(f, who);
	} else
		fputs("null", f);
	fputc('}', f);
}

static void
json_obs(FILE *f, const char *key, const struct locate_obs *o)
{
	char who[64];

	fprintf(f, ",\"%s\":{\"answer\":\"%s\",\"tries\":%u,\"address\":", key,
		heard_json[o->heard], o->tries);
	if (o->from.family) {
		ip_addr_text(&o->from, who, sizeof who);
		json_string(f, who);
	} else
		fputs("null", f);
	json_key_uint(f, "mtu", o->heard == LOCATE_TOO_BIG, o->mtu);
	fputc('}', f);
}

void
render_locate_json(FILE *f, const struct locate_run *loc, const char *no_loc, int asked)
{
	const struct locate_result *r;
	char why[LOCATE_WORDS_LEN];
	unsigned last;

	fputs(",\"locate\":", f);
	if (!asked) {
		fputs("null", f);
		return;
	}
	if (!loc) {
		fputs("{\"located\":false,\"reason\":", f);
		json_string(f, no_loc ? no_loc : "not run");
		fputs(",\"blackhole_after\":null,\"first_silent\":null,\"mute_between\":false,"
		      "\"by_ptb\":false,\"ptb_from\":null,\"ptb_mtu\":null,\"target_ttl\":null,"
		      "\"sizes\":[],\"probes_sent\":0,\"elapsed_ms\":0,\"ignored\":0,\"hops\":[]}",
		      f);
		return;
	}
	r = &loc->r;
	fprintf(f, "{\"located\":%s,\"reason\":", r->found ? "true" : "false");
	locate_words(r, 0, why, sizeof(why));
	json_string(f, why);
	/* A hop that says "too big" is no black hole: the places stay null. */
	json_place(f, "blackhole_after", r->found && !r->by_ptb, r->last_ttl, &r->last);
	/* Past a hop that answers nothing, the first hop known never to see
	 * them is the next that answers: the mute ones between may. */
	if (r->silent_mute)
		json_place(f, "first_silent", r->found && r->next_ttl, r->next_ttl, &r->next);
	else
		json_place(f, "first_silent", r->found && !r->by_ptb, r->silent_ttl, &r->silent);
	fprintf(f, ",\"mute_between\":%s,\"by_ptb\":%s",
		r->found && r->silent_mute ? "true" : "false", r->by_ptb ? "true" : "false");
	json_place(f, "ptb_from", r->by_ptb, r->last_ttl, &r->ptb_from);
	json_key_uint(f, "ptb_mtu", r->by_ptb, r->ptb_mtu);
	json_key_uint(f, "target_ttl", r->target_ttl != 0, r->target_ttl);
	fprintf(f,
		",\"sizes\":[%u,%u],\"probes_sent\":%u,\"elapsed_ms\":%llu,\"ignored\":%lu,"
		"\"hops\":[",
		loc->small, loc->large, loc->probes_sent,
		(unsigned long long)(loc->elapsed_us / 1000), loc->ignored);
	last = locate_last_tried(&loc->l);
	for (unsigned t = 1; t <= last; t++) {
		fprintf(f, "%s{\"ttl\":%u", t > 1 ? "," : "", t);
		json_obs(f, "small", &loc->l.obs[t][0]);
		json_obs(f, "large", &loc->l.obs[t][1]);
		fputc('}', f);
	}
	fputs("]}", f);
}

/* Top level: the WAN path's black hole, else the tunnel's. */
void
render_blackhole_json(FILE *f, const struct report_probe *p)
{
	const struct locate_run *w = p->wan_loc, *t = p->tunnel_loc;
	const struct locate_run *loc = w && w->r.found && !w->r.by_ptb   ? w
				       : t && t->r.found && !t->r.by_ptb ? t
									 : NULL;

	if (!loc) {
		fputs(",\"blackhole_after\":null", f);
		return;
	}
	json_place(f, "blackhole_after", true, loc->r.last_ttl, &loc->r.last);
}
