/* SPDX-License-Identifier: BSD-2-Clause */
/* The measured part of a probe report, in text and in JSON. */
#include "render/render.h"

#include <string.h>

#include "base/i18n.h"

#include "core/model.h"
#include "probe/engine.h"
#include "probe/findings.h"
#include "render/audit_out.h"
#include "render/audit_peer_out.h"
#include "base/count.h"

/* Who said "too big", and where the answer rests on silence. */
static void
text_evidence(FILE *f, const struct probe_run *run, const struct probe_findings *fd, int family)
{
	/* the ICMP message as Yamaha's and NEC's manuals name it (po/GLOSSARY.md) */
	const char *ptb = family == 6 ? _("'packet too big'") : _("'fragmentation needed'");
	char who[64];

	for (size_t i = 0; i < fd->nptb; i++) {
		ip_addr_text(&fd->ptb[i].from, who, sizeof(who));
		fprintf(f, _("          %s from %s, MTU %u (x%u)\n"), ptb, who, fd->ptb[i].mtu,
			fd->ptb[i].count);
	}
	if (!fd->rests_on_silence)
		return;
	fprintf(f,
		_("          ! rests on silence: %u to %u got no answer and no %s (a PMTU black hole)"),
		fd->silent_lo, fd->silent_hi > fd->silent_lo ? fd->silent_hi : run->pmtu + 1, ptb);
	if (fd->nptb) {
		ip_addr_text(&fd->ptb[fd->nptb - 1].from, who, sizeof(who));
		fprintf(f, _("; the last %s came from %s, MTU %u"), ptb, who,
			fd->ptb[fd->nptb - 1].mtu);
	}
	fputc('\n', f);
}

/* Which method gave the answer, and what the TCP handshake said. */
static void
text_method(FILE *f, const struct probe_run *run, const struct probe_findings *fd,
	    const struct report_method *m, int family)
{
	static const char *const proof[] = {
		"icmp", N_("each size proved by the target's echo reply"),
		"udp",  N_("each size proved by the target's port unreachable quoting it"),
		"tcp",  N_("each size proved by the target's SYN-ACK or RST acknowledging it"),
	};

	if (!m->name || (strcmp(m->name, "icmp") == 0 && !m->fell_back))
		return;
	for (size_t i = 0; i < COUNT(proof); i += 2)
		if (strcmp(m->name, proof[i]) == 0) {
			fprintf(f, _("          method %s"), m->name);
			if (m->port)
				fprintf(f, _(" to port %u"), m->port);
			fprintf(f, ": %s%s\n", _(proof[i + 1]),
				m->fell_back
					? _(" (--method auto: ICMP echo got no reply at any size)")
					: "");
		}
	if (!run->pmtu && !run->lower && strcmp(m->name, "tcp") == 0)
		fprintf(f,
			_("          no SYN-ACK or RST at any size: port %u is filtered, or a middlebox "
			  "drops SYNs that carry data\n"),
			m->port);
	if (!run->pmtu && !run->lower && strcmp(m->name, "udp") == 0)
		fprintf(f,
			_("          no port unreachable at any size: port %u is open (then only "
			  "'too big' messages and silence could be used, and neither proves a size passed) "
			  "or ICMP is filtered: try --method tcp\n"),
			m->port);
	if (!fd->synack_mss)
		return;
	if (fd->mss_too_big) {
		char advice[RENDER_WORDS];

		probe_mss_words(fd, 1, advice, sizeof(advice));
		fprintf(f, "          ! %s\n", advice);
	} else if (fd->mss_fit)
		fprintf(f, _("          SYN-ACK MSS %u fits (path MTU %u - %d = %u)\n"),
			fd->synack_mss, run->pmtu, family == 6 ? 60 : 40, fd->mss_fit);
	else
		fprintf(f, "          SYN-ACK MSS %u\n", fd->synack_mss);
}

/* What --locate adds to a path, in text and JSON (render/locate_out.c). */
struct path_locate {
	int asked;                    /* --locate given */
	const struct locate_run *loc; /* NULL: not run */
	const char *why_not;          /* not run: why */
};

/* A run a system error stopped, or one a signal came before: why, and the
 * error (nothing else is known). */
static int
text_fault(FILE *f, const struct report_fault *fault, const struct probe_run *run)
{
	/* a run a signal came before sent nothing: no evidence to list */
	int unsent = fault->code == FAULT_INTERRUPTED && !run->probes_sent;

	if (!fault_is_error((enum fault)fault->code) && !unsent)
		return 0;
	fprintf(f, _("          path MTU not measured: %s"), _(render_fault_words(fault->code)));
	if (fault->error)
		fprintf(f, " (%s)", fault->error);
	fputc('\n', f);
	return 1;
}

static void
text_path(FILE *f, const char *name, const char *target, const char *addr,
	  const struct probe_run *run, const struct probe_findings *fd, int family,
	  const struct report_method *m, const struct path_locate *pl,
	  const struct report_fault *fault)
{
	fprintf(f, "  %-7s %s", name, target);
	if (strcmp(target, addr) != 0)
		fprintf(f, " (%s)", addr);
	fputc('\n', f);
	if (text_fault(f, fault, run))
		return;
	if (run->pmtu && run->bounded)
		fprintf(f,
			_("          path MTU at least %u (bounded by --max): larger sizes were not tried; "
			  "ping payload %ld\n"),
			run->pmtu, model_icmp_payload(run->pmtu, family));
	else if (run->pmtu && run->at_max)
		fprintf(f,
			_("          path MTU %u: the MTU of the interface the probes leave by (nothing "
			  "larger can leave this host); ping payload %ld\n"),
			run->pmtu, model_icmp_payload(run->pmtu, family));
	else if (run->pmtu)
		fprintf(f,
			_("          path MTU %u: the largest IPv%d packet that crosses; ping payload %ld\n"),
			run->pmtu, family, model_icmp_payload(run->pmtu, family));
	else
		fprintf(f,
			_("          path MTU not measured (%s); largest size that passed: %u\n"),
			probe_stop_words(run->stop, 1), run->lower);
	if (!run->pmtu && fd->nptb && fd->ptb[0].mtu < run->min_size)
		fprintf(f,
			_("          the path MTU is below the smallest size tried (%u): a router reported MTU %u\n"),
			run->min_size, fd->ptb[0].mtu);
	char why[PROBE_WORDS_LEN];
	/* "not verified" is said once, in capitals */
	probe_confidence_words(run, 1, !run->verified, why, sizeof(why));
	fprintf(f, "          %s %s\n", run->verified ? _("verified:") : _("NOT verified:"), why);
	text_method(f, run, fd, m, family);
	text_evidence(f, run, fd, family);
	fprintf(f,
		ngettext("          %u probe in %.2f s, rtt %.2f ms, ",
			 "          %u probes in %.2f s, rtt %.2f ms, ", run->probes_sent),
		run->probes_sent, (double)run->elapsed_us / 1e6, run->srtt_us / 1000.0);
	if (fd->replies)
		fprintf(f, _("round-trip loss %.0f%%"), fd->loss * 100.0);
	else
		fputs(_("no reply to any probe (round-trip loss 100%)"), f);
	fprintf(f, ngettext(", %lu packet ignored\n", ", %lu packets ignored\n", run->ignored),
		run->ignored);
	if (run->rate_limited)
		fprintf(f,
			_("          rate-limited (about %.1f replies/s seen): the target's ICMP rate limit, "
			  "not the path, left probes of sizes that pass unanswered; the probes were slowed to it\n"),
			run->reply_rate);
	if (pl->asked)
		render_locate_text(f, pl->loc, pl->why_not);
}

/* The whole tunnel verdict, under the measurement. */
static void
text_verdict(FILE *f, const struct tunnel_judgement *j)
{
	char words[RENDER_WORDS];

	tunnel_verdict_words(j, 1, words, sizeof(words));
	fprintf(f, "  => %s\n", words);
}

/* ,"verdict": the tunnel verdict in English, or null when not judged */
static void
json_verdict(FILE *f, int vs, const struct tunnel_judgement *j)
{
	char words[512]; /* the sentence's room before it was a code */

	fputs(",\"verdict\":", f);
	if (vs < 0) {
		fputs("null", f);
		return;
	}
	tunnel_verdict_words(j, 0, words, sizeof(words));
	json_string(f, words);
}

/* The tunnel verdict in a few words (the whole sentence follows under the
 * measurement): enum tunnel_verdict, in order. */
static void
short_verdict(FILE *f, const struct report *r, int vs_model)
{
	const struct model_result *m = r->m;

	switch (vs_model) {
	case TUNNEL_AGREES: fputs(_(": agrees with the model"), f); break;
	case TUNNEL_ABOVE:
		fprintf(f, _(": above the %u line and ESP carry (fragments after encryption)"),
			m->tunnel_mtu_model);
		break;
	case TUNNEL_LOST:
		fputs(_(": more is taken than crosses (lost after encryption)"), f);
		break;
	case TUNNEL_BELOW: fprintf(f, _(": below the %u the line allows"), m->tunnel_mtu); break;
	default: break;
	}
}

static void
answer_path(FILE *f, const char *what, const char *target, const struct probe_run *run,
	    const struct report_fault *fault)
{
	fprintf(f, "  %-6s ", what);
	text_string(f, target);
	if (fault_is_error((enum fault)fault->code))
		fprintf(f, _(": not measured (%s)"), _(render_fault_words(fault->code)));
	else if (!run->pmtu)
		fputs(_(": not measured"), f);
	else if (run->bounded)
		fprintf(f, _(": path MTU at least %u (bounded by --max), NOT verified"), run->pmtu);
	else
		fprintf(f,
			run->verified ? _(": path MTU %u, verified")
				      : _(": path MTU %u, NOT verified"),
			run->pmtu);
}

void
render_probe_answer(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;
	const struct model_result *m = r->m;
	const struct audit_result *a = p->audit;

	fprintf(f, "%s\n", _("Answer"));
	answer_path(f, "WAN", p->wan_target, p->wan, &p->wan_fault);
	fputc('\n', f);
	if (p->tunnel) {
		answer_path(f, _("tunnel"), p->tunnel_target, p->tunnel, &p->tunnel_fault);
		short_verdict(f, r, p->tunnel_vs_model);
		fputc('\n', f);
	}
	for (size_t k = 0; k < p->nmore; k++) {
		if (!p->more[k].run)
			continue;
		answer_path(f, _("tunnel"), p->more[k].target, p->more[k].run, &p->more[k].fault);
		short_verdict(f, r, p->more[k].vs_model);
		fputc('\n', f);
	}
	if (m && !r->vendors.disabled) {
		/* TRANSLATORS: keep the width (7 columns before WAN) */
		fprintf(f, _("  set    WAN MTU %u (MSS %u)"), m->wan_mtu, m->wan_mss4);
		if (m->has_tunnel)
			fprintf(f, _(", tunnel MTU %u (MSS %u)"), m->tunnel_mtu, m->mss4);
		fputc('\n', f);
	} else if (m) {
		fputs(_("  set    nothing yet: the measurement is not verified (the lines below are commented out)\n"),
		      f);
	}
	if (a) {
		fputs(_("  config "), f);
		text_string(f, p->config_file);
		fprintf(f, ngettext(": %u error", ": %u errors", a->nerror), a->nerror);
		fprintf(f, ngettext(", %u warning", ", %u warnings", a->nwarning), a->nwarning);
		fprintf(f,
			ngettext(", %u disagreement with the measurement",
				 ", %u disagreements with the measurement", p->vs->disagree),
			p->vs->disagree);
		fprintf(f, "%s\n",
			a->nfindings ? _("; its change set and rollback are at the end") : "");
	}
	fputc('\n', f);
}

void
render_probe_text(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;
	int fam = p->family;

	struct path_locate wl = { p->locate, p->wan_loc, p->wan_no_loc };
	struct path_locate tl = { p->locate, p->tunnel_loc, p->tunnel_no_loc };

	fprintf(f, _("Measured from %s\n"),
		p->source[0] ? p->source : _("(no source address: no route)"));
	text_path(f, "WAN", p->wan_target, p->wan_addr, p->wan, p->wan_f, fam, &p->wan_m, &wl,
		  &p->wan_fault);
	if (p->tunnel)
		text_path(f, _("tunnel"), p->tunnel_target, p->tunnel_addr, p->tunnel, p->tunnel_f,
			  strchr(p->tunnel_addr, ':') ? 6 : 4, &p->tunnel_m, &tl, &p->tunnel_fault);
	if (p->tunnel_vs_model >= 0)
		text_verdict(f, &p->verdict);
	for (size_t k = 0; k < p->nmore; k++) {
		const struct report_tunnel *t = &p->more[k];
		struct path_locate none = { 0, NULL, NULL };
		if (!t->run)
			continue;
		text_path(f, _("tunnel"), t->target, t->addr, t->run, t->f,
			  strchr(t->addr, ':') ? 6 : 4, &t->m, &none, &t->fault);
		if (t->vs_model >= 0)
			text_verdict(f, &t->verdict);
	}
	if (p->below_expect)
		fprintf(f, _("  => WAN path MTU %u is below the expected %u\n"), p->wan->pmtu,
			p->expect_mtu);
	fputc('\n', f);
	if (!r->m && p->no_config)
		fprintf(f, _("No configuration: %s.\n"), p->no_config);
	else if (!r->m)
		fputs(_("No WAN path MTU, so no configuration: nothing printed here is a guess.\n"),
		      f);
}

static void
json_findings(FILE *f, const struct probe_findings *fd)
{
	char who[64];

	fprintf(f, ",\"rests_on_silence\":%s,\"ptb_sources\":[",
		fd->rests_on_silence ? "true" : "false");
	for (size_t i = 0; i < fd->nptb; i++) {
		ip_addr_text(&fd->ptb[i].from, who, sizeof(who));
		fprintf(f, "%s{\"address\":", i ? "," : "");
		json_string(f, who);
		fprintf(f, ",\"mtu\":%u,\"count\":%u}", fd->ptb[i].mtu, fd->ptb[i].count);
	}
	fputs("],\"lost_above\":", f);
	if (fd->device_mtu) {
		ip_addr_text(&fd->device_from, who, sizeof(who));
		fprintf(f, "{\"mtu\":%u,\"from\":", fd->device_mtu);
		json_string(f, who);
		fputc('}', f);
	} else
		fputs("null", f);
}

static void
json_method(FILE *f, const struct probe_findings *fd, const struct report_method *m)
{
	fprintf(f, ",\"method\":\"%s\",\"port\":", m->name ? m->name : "icmp");
	if (m->port)
		fprintf(f, "%u", m->port);
	else
		fputs("null", f);
	fprintf(f, ",\"fell_back\":%s,\"synack_mss\":", m->fell_back ? "true" : "false");
	if (fd->synack_mss)
		fprintf(f, "%u,\"mss_fits\":%s", fd->synack_mss,
			!fd->mss_fit      ? "null"
			: fd->mss_too_big ? "false"
					  : "true");
	else
		fputs("null,\"mss_fits\":null", f);
}

static void
json_run(FILE *f, const struct probe_run *run, const struct probe_findings *fd,
	 const struct report_method *m, const struct path_locate *pl,
	 const struct report_fault *fault)
{
	if (!run) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"pmtu\":");
	if (run->pmtu)
		fprintf(f, "%u", run->pmtu);
	else
		fputs("null", f);
	char why[PROBE_WORDS_LEN];
	probe_confidence_words(run, 0, 0, why, sizeof(why));
	fprintf(f, ",\"verified\":%s,\"confidence\":", run->verified ? "true" : "false");
	json_string(f, why);
	fprintf(f,
		",\"p_wrong\":%.6g,\"lower\":%u,\"upper\":%u,\"at_max\":%s,\"bounded\":%s,\"loss\":%.4f,"
		"\"rtt_ms\":%.3f,\"probes_sent\":%u,\"elapsed_ms\":%llu,\"ignored\":%lu,\"stop\":\"%s\"",
		run->p_wrong, run->lower, run->upper, run->at_max ? "true" : "false",
		run->bounded ? "true" : "false", fd->loss, run->srtt_us / 1000.0, run->probes_sent,
		(unsigned long long)(run->elapsed_us / 1000), run->ignored,
		probe_stop_str(run->stop));
	json_key_string(f, "fault", render_fault_key(fault->code));
	json_key_string(f, "error", fault->error);
	fprintf(f, ",\"rate_limited\":%s,\"reply_rate\":", run->rate_limited ? "true" : "false");
	if (run->reply_rate > 0.0)
		fprintf(f, "%.3f", run->reply_rate);
	else
		fputs("null", f);
	json_findings(f, fd);
	json_method(f, fd, m);
	render_locate_json(f, pl->loc, pl->why_not, pl->asked);
	fputc('}', f);
}

static void
json_probes(FILE *f, const char *path, const struct probe_run *run, int *first)
{
	char who[64];

	for (size_t i = 0; run && i < run->nprobes; i++) {
		const struct probe_record *p = &run->probes[i];
		ip_addr_text(&p->responder, who, sizeof(who));
		fprintf(f,
			"%s{\"path\":\"%s\",\"seq\":%u,\"size\":%u,\"outcome\":\"%s\",\"rtt_ms\":",
			*first ? "" : ",", path, p->seq, p->size, probe_outcome_str(p->outcome));
		*first = 0;
		if (p->rtt_us)
			fprintf(f, "%.3f", p->rtt_us / 1000.0);
		else
			fputs("null", f);
		fputs(",\"responder\":", f);
		if (p->responder.family)
			json_string(f, who);
		else
			fputs("null", f);
		fputs(",\"reported_mtu\":", f);
		if (p->outcome == PROBE_TOO_BIG || p->outcome == PROBE_EMSGSIZE)
			fprintf(f, "%u", p->mtu);
		else
			fputs("null", f);
		fprintf(f, ",\"late\":%s,\"mss\":", p->late ? "true" : "false");
		if (p->mss)
			fprintf(f, "%u}", p->mss);
		else
			fputs("null}", f);
	}
}

/* Top level: the WAN's method, and the SYN-ACK MSS that matters most (the
 * tunnel's when it has one: field case 1) with the failure in words. */
static void
json_mss(FILE *f, const struct report_probe *p)
{
	const struct probe_findings *fd =
		p->tunnel_f && p->tunnel_f->synack_mss ? p->tunnel_f : p->wan_f;
	fprintf(f, ",\"method\":\"%s\",\"synack_mss\":", p->wan_m.name ? p->wan_m.name : "icmp");
	if (fd->synack_mss)
		fprintf(f, "%u", fd->synack_mss);
	else
		fputs("null", f);
	fputs(",\"mss_failure\":", f);
	if (fd->mss_too_big) {
		char advice[240]; /* the room the words had in probe/findings.c */

		probe_mss_words(fd, 0, advice, sizeof(advice));
		json_string(f, advice);
	} else
		fputs("null", f);
}

/* "tunnels": every tunnel target, the first one included (the "tunnel"
 * object above is that first one, kept for scripts that read it). */
const char *
render_verdict_key(int verdict)
{
	/* enum tunnel_verdict, in order; TUNNEL_NO_MODEL has none */
	static const char *const keys[] = { "below", "agrees", "above", "lost" };

	return verdict >= 0 && (size_t)verdict < COUNT(keys) ? keys[verdict] : NULL;
}

static void
json_tunnel_item(FILE *f, const char *target, const char *addr, const struct probe_run *run,
		 const struct report_fault *fault, int vs, const struct tunnel_judgement *verdict)
{
	fputs("{\"target\":", f);
	json_string(f, target);
	fputs(",\"address\":", f);
	json_string(f, addr);
	json_key_uint(f, "pmtu", run && run->pmtu, run ? run->pmtu : 0);
	fprintf(f, ",\"probes_sent\":%u,\"verified\":%s", run ? run->probes_sent : 0,
		run && run->verified ? "true" : "false");
	json_key_string(f, "fault", run ? render_fault_key(fault->code) : NULL);
	fputs(",\"tunnel_vs_model\":", f);
	if (render_verdict_key(vs))
		fprintf(f, "\"%s\"", render_verdict_key(vs));
	else
		fputs("null", f);
	json_verdict(f, vs, verdict);
	fputc('}', f);
}

static void
json_tunnels(FILE *f, const struct report_probe *p)
{
	fputs(",\"tunnels\":[", f);
	if (p->tunnel_target)
		json_tunnel_item(f, p->tunnel_target, p->tunnel_addr, p->tunnel, &p->tunnel_fault,
				 p->tunnel_vs_model, &p->verdict);
	for (size_t k = 0; k < p->nmore; k++) {
		fputc(',', f);
		json_tunnel_item(f, p->more[k].target, p->more[k].addr, p->more[k].run,
				 &p->more[k].fault, p->more[k].vs_model, &p->more[k].verdict);
	}
	fputc(']', f);
}

void
render_probe_json(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;
	int first = 1;
	int verified =
		p->wan->verified && (!p->tunnel_target || (p->tunnel && p->tunnel->verified));
	unsigned sent = p->wan->probes_sent + (p->tunnel ? p->tunnel->probes_sent : 0);
	unsigned long long us = p->wan->elapsed_us + (p->tunnel ? p->tunnel->elapsed_us : 0);

	for (size_t k = 0; k < p->nmore; k++) {
		verified = verified && p->more[k].run && p->more[k].run->verified;
		sent += p->more[k].run ? p->more[k].run->probes_sent : 0;
		us += p->more[k].run ? p->more[k].run->elapsed_us : 0;
	}

	fputs(",\"wan_target\":", f);
	json_string(f, p->wan_target);
	fprintf(f, ",\"wan_address\":\"%s\"", p->wan_addr);
	json_key_string(f, "source", p->source[0] ? p->source : NULL);
	fputs(",\"tunnel_target\":", f);
	if (p->tunnel_target)
		json_string(f, p->tunnel_target);
	else
		fputs("null", f);
	json_key_uint(f, "wan_pmtu", p->wan->pmtu != 0, p->wan->pmtu);
	json_key_uint(f, "tunnel_pmtu", p->tunnel && p->tunnel->pmtu,
		      p->tunnel ? p->tunnel->pmtu : 0);
	fprintf(f, ",\"verified\":%s,\"tunnel_vs_model\":", verified ? "true" : "false");
	if (render_verdict_key(p->tunnel_vs_model))
		fprintf(f, "\"%s\"", render_verdict_key(p->tunnel_vs_model));
	else
		fputs("null", f);
	json_key_uint(f, "safe_mss_ipv4", r->m && r->m->safe_mss4, r->m ? r->m->safe_mss4 : 0);
	json_key_uint(f, "safe_mss_ipv6", r->m && r->m->safe_mss6, r->m ? r->m->safe_mss6 : 0);
	json_verdict(f, p->tunnel_vs_model, &p->verdict);
	json_key_uint(f, "expect_mtu", p->expect_mtu != 0, p->expect_mtu);
	fprintf(f, ",\"probes_sent\":%u,\"elapsed_ms\":%llu,\"wan\":", sent, us / 1000);
	struct path_locate wl = { p->locate, p->wan_loc, p->wan_no_loc };
	struct path_locate tl = { p->locate, p->tunnel_loc, p->tunnel_no_loc };

	json_run(f, p->wan, p->wan_f, &p->wan_m, &wl, &p->wan_fault);
	fputs(",\"tunnel\":", f);
	json_run(f, p->tunnel, p->tunnel_f, &p->tunnel_m, &tl, &p->tunnel_fault);
	json_tunnels(f, p);
	json_mss(f, p);
	render_blackhole_json(f, p);
	fputs(",\"probes\":[", f);
	json_probes(f, "wan", p->wan, &first);
	json_probes(f, "tunnel", p->tunnel, &first);
	for (size_t k = 0; k < p->nmore; k++)
		json_probes(f, "tunnel", p->more[k].run, &first);
	fputc(']', f);
}

/* --config: the configuration against the measurement, then its audit. */
void
render_probe_config_text(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;

	if (!p || !p->audit)
		return;
	/* TRANSLATORS: a heading around the file name: "Configuration FILE against the measurement" */
	fputs(_("\nConfiguration "), f);
	text_string(f, p->config_file);
	fputs(_(" against the measurement\n"), f);
	for (size_t i = 0; i < p->vs->n; i++) {
		char line[2 * AUDIT_MSG]; /* Japanese takes 3 bytes a character */

		audit_say_words(&p->vs->lines[i], 1, line, sizeof(line));
		fprintf(f, "  %c %s\n", '-', line);
	}
	if (p->vs->dropped)
		fprintf(f,
			ngettext("  ! %u more comparison not shown: out of memory\n",
				 "  ! %u more comparisons not shown: out of memory\n",
				 p->vs->dropped),
			p->vs->dropped);
	if (p->esp_differs.given) {
		char note[512]; /* Japanese takes 3 bytes a character */

		probe_esp_differs_words(&p->esp_differs, 1, note, sizeof(note));
		fprintf(f, "  ! %s\n", note);
	}
	fputc('\n', f);
	render_audit_text(f, p->audit, p->config_file);
	if (p->peer)
		render_audit_peer_text(f, p->peer, p->config_file, p->peer_file);
}

void
render_probe_config_json(FILE *f, const struct report *r)
{
	const struct report_probe *p = r->probe;

	fputs(",\"config\":", f);
	if (!p || !p->audit) {
		fputs("null", f);
		return;
	}
	fputs("{\"file\":", f);
	json_string(f, p->config_file);
	fputs(",\"vs_measured\":[", f);
	for (size_t i = 0; i < p->vs->n; i++) {
		char line[AUDIT_MSG];

		audit_say_words(&p->vs->lines[i], 0, line, sizeof(line));
		fputs(i ? "," : "", f);
		json_string(f, line);
	}
	fprintf(f, "],\"disagreements\":%u,\"audit\":", p->vs->disagree);
	render_audit_json_object(f, p->audit, p->config_file);
	/* --peer-config: the same object as audit's peer_config (mtuprobe(1)) */
	if (p->peer)
		render_audit_peer_json_key(f, p->peer, p->peer_file, "peer");
	else
		fputs(",\"peer\":null", f);
	fputc('}', f);
}
