/* SPDX-License-Identifier: BSD-2-Clause */
/* Why a probe run believes its answer, in words: the engine and the search
 * keep a code and its numbers (probe/engine.h struct probe_confidence,
 * core/search.h struct search_reason), this says them, in the user's
 * language for the text report and in English for --json's "confidence"
 * (a contract scripts read, like model_words.c's). The shape follows
 * scamper's stop_reason codes, worded only at output. */
#include "render/render.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/i18n.h"
#include "probe/engine.h"
#include "probe/findings.h"
#include "wire/wire.h"

/* localized ? the catalogue's words : the English msgid */
#define L(s) (localized ? _(s) : (s))
#define NL(s, p, n) (localized ? ngettext(s, p, n) : ((n) == 1 ? (s) : (p)))

struct words {
	char *buf;
	size_t len, at;
};

static void __attribute__((format(printf, 2, 3))) put(struct words *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->at + 1 >= w->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(w->buf + w->at, w->len - w->at, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->at = w->at + (size_t)n < w->len ? w->at + (size_t)n : w->len - 1;
}

/* The search's reason; lead_said: the caller says "not verified" itself,
 * so it is left out here when it would come first. */
static void
search_words(struct words *o, const struct search_reason *r, int localized, int lead_said)
{
	if (r->not_verified && !(lead_said && o->at == 0))
		put(o, "%s", L(N_("not verified: ")));
	switch (r->why) {
	case SEARCH_WHY_NONE: break;
	case SEARCH_WHY_TOO_BIG_MIN:
		put(o, L(N_("could not measure: even %u bytes is too big")), r->lo);
		break;
	case SEARCH_WHY_SILENT_MIN:
		put(o, L(N_("could not measure: no reply even at %u bytes")), r->lo);
		break;
	case SEARCH_WHY_NONE_PASSED:
		put(o, L(N_("no size passed yet; path MTU <= %u")), r->hi);
		break;
	case SEARCH_WHY_BETWEEN: put(o, L(N_("path MTU between %u and %u")), r->lo, r->hi); break;
	case SEARCH_WHY_AT_MAX:
		put(o, L(N_("%u (the largest size tried) passed x%u: path MTU is at least %u")),
		    r->lo, r->passes, r->lo);
		break;
	case SEARCH_WHY_LOCAL:
		put(o, L(N_("%u passed x%u; %u exceeds the first-hop MTU")), r->lo, r->passes,
		    r->hi);
		break;
	case SEARCH_WHY_ICMP:
		put(o,
		    r->weak ? L(N_("%u passed x%u; %u too big (weak PTB) x%u, silent x%u"))
			    : L(N_("%u passed x%u; %u too big (PTB) x%u, silent x%u")),
		    r->lo, r->passes, r->hi, r->fails, r->silent);
		break;
	case SEARCH_WHY_SILENCE:
		put(o, L(N_("%u passed x%u; %u silent x%u at %.0f%% loss (P(wrong) %.1g)")), r->lo,
		    r->passes, r->hi, r->fails, 100.0 * r->loss, r->p_wrong);
		break;
	}
	if (r->contradicted)
		put(o,
		    NL("; %u PTB contradicted by replies", "; %u PTBs contradicted by replies",
		       r->contradicted),
		    r->contradicted);
	if (r->disputed)
		put(o,
		    NL("; %u probe drew disagreeing PTBs", "; %u probes drew disagreeing PTBs",
		       r->disputed),
		    r->disputed);
}

void
probe_confidence_words(const struct probe_run *run, int localized, int lead_said, char *buf,
		       size_t len)
{
	const struct probe_confidence *c = &run->confidence;
	struct words o = { buf, len, 0 };
	char who[64] = "?";

	if (!len)
		return;
	buf[0] = '\0';
	switch (c->why) {
	case PROBE_WHY_NONE: return;
	case PROBE_WHY_UNREACH:
		if (c->from.family)
			ip_addr_text(&c->from, who, sizeof(who));
		put(&o, L(N_("could not measure: destination unreachable (ICMP from %s)")), who);
		return;
	case PROBE_WHY_BOUNDED:
		if (!lead_said)
			put(&o, "%s", L(N_("not verified: ")));
		put(&o, "%s", L(N_("bounded by --max: ")));
		break;
	case PROBE_WHY_SEARCH:
		/* a partial answer says why it is partial first */
		if (run->stop == PROBE_STOP_INTERRUPTED)
			put(&o, "%s", L(N_("interrupted: ")));
		else if (run->stop == PROBE_STOP_MAX_PROBES)
			put(&o, "%s", L(N_("probe budget spent: ")));
		else if (run->stop == PROBE_STOP_ERROR)
			put(&o, "%s", L(N_("error: ")));
		break;
	}
	search_words(&o, &c->search, localized, lead_said);
}

/* Why a run stopped, for the text report: the words of --json's "stop"
 * (probe_stop_str()), translated. */
const char *
probe_stop_words(int stop, int localized)
{
	static const char *const words[] = {
		[PROBE_STOP_DONE] = N_("done"),
		[PROBE_STOP_UNREACHABLE] = N_("unreachable"),
		[PROBE_STOP_MAX_PROBES] = N_("max-probes"),
		[PROBE_STOP_INTERRUPTED] = N_("interrupted"),
		[PROBE_STOP_ERROR] = N_("error"),
	};

	if (stop < 0 || (size_t)stop >= sizeof(words) / sizeof(words[0]))
		return "?";
	return L(words[stop]);
}

/* An address a warning names; "?" where none (the engine's own word). */
static const char *
addr_or_q(const struct ip_addr *a, char *buf, size_t len)
{
	if (!a->family)
		return "?";
	ip_addr_text(a, buf, len);
	return buf;
}

void
probe_warning_words(const struct probe_warning *w, int localized, char *buf, size_t len)
{
	char who[64], other[64];
	const char *a = addr_or_q(&w->who, who, sizeof(who)),
		   *b = addr_or_q(&w->other, other, sizeof(other));

	switch (w->kind) {
	case PROBE_WARN_PTB_ZERO:
		snprintf(
			buf, len,
			L(N_("next-hop MTU 0 reported by %s (pre-RFC 1191 router): ignored, searching instead")),
			a);
		break;
	case PROBE_WARN_PTB_NOT_SMALLER:
		snprintf(buf, len, L(N_("PTB from %s reported mtu %u >= probe %u: ignored")), a,
			 w->n[0], w->n[1]);
		break;
	case PROBE_WARN_PTB_BELOW_MIN:
		snprintf(buf, len,
			 L(N_("PTB from %s reported mtu %u, below the IPv%u minimum %u: ignored")),
			 a, w->n[0], w->n[1], w->n[2]);
		break;
	case PROBE_WARN_LOCAL_MTU:
		snprintf(buf, len,
			 L(N_("the first hop's MTU is %u: %u-byte probes cannot leave this host")),
			 w->n[0], w->n[1]);
		break;
	case PROBE_WARN_CONFLICT:
		snprintf(buf, len,
			 L(N_("%u bytes passed (reply from %s) although a size no larger had been "
			      "reported too big: path changed or multipath?")),
			 w->n[0], a);
		break;
	case PROBE_WARN_ICMP:
		snprintf(buf, len, L(N_("%s from %s for a %u-byte probe")),
			 w->n[1] == PROBE_UNREACH         ? L(N_("destination unreachable"))
			 : w->n[1] == PROBE_TIME_EXCEEDED ? L(N_("time exceeded"))
							  : L(N_("ICMP error")),
			 a, w->n[0]);
		break;
	case PROBE_WARN_PTB_CONTRADICTED:
		snprintf(
			buf, len,
			L(N_("PTB from %s said %u bytes was too big, yet that probe's echo reply came "
			     "back: forged (RFC 5927) or an unstable path")),
			a, w->n[0]);
		break;
	case PROBE_WARN_BAD_QUOTE:
		snprintf(
			buf, len,
			L(N_("ICMP error from %s quotes a %u-byte packet for our %u-byte probe: not "
			     "ours, ignored")),
			a, w->n[0], w->n[1]);
		break;
	case PROBE_WARN_PTB_DISPUTED:
		snprintf(
			buf, len,
			L(N_("PTBs for one %u-byte probe disagree (%s: mtu %u, %s: mtu %u): one is "
			     "forged")),
			w->n[0], a, w->n[1], b, w->n[2]);
		break;
	case PROBE_WARN_HINTS_DROPPED:
		snprintf(
			buf, len,
			L(N_("%u reported MTUs were not probed exactly: PTBs named more different MTUs "
			     "than one run keeps (%u sizes); the search decided without them")),
			w->n[0], w->n[1]);
		break;
	}
}

void
probe_esp_differs_words(const struct esp_differs *e, int localized, char *buf, size_t len)
{
	/* TRANSLATORS: --esp's transform and " --nat-t" or "", the
	 * configuration's and " with NAT-T" or "", its tunnel */
	snprintf(
		buf, len,
		L(N_("--esp %.60s%s differs from the configuration's %.60s%s (%.40s): the change set uses the configuration's")),
		e->given ? e->given : "", e->given_natt ? " --nat-t" : "",
		e->config ? e->config : "", e->config_natt ? L(N_(" with NAT-T")) : "",
		e->tunnel ? e->tunnel : "");
}

void
probe_mss_words(const struct probe_findings *fd, int localized, char *buf, size_t len)
{
	unsigned pmtu = fd->mss_fit + fd->mss_hdr;

	if (fd->mss_unclamped)
		snprintf(
			buf, len,
			L(N_("TCP segments of %u bytes will not fit: the SYN-ACK carries the host's own "
			     "MSS, unclamped; clamp it to %u on the router unless 'too big' messages reach "
			     "the hosts (path MTU %u - %u)")),
			fd->synack_mss, fd->mss_fit, pmtu, fd->mss_hdr);
	else
		snprintf(
			buf, len,
			L(N_("TCP segments of %u bytes will not fit: lower the clamp to %u (path MTU %u - %u)")),
			fd->synack_mss, fd->mss_fit, pmtu, fd->mss_hdr);
}
