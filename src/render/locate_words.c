/* SPDX-License-Identifier: BSD-2-Clause */
/* probe --locate's finding in words: core/locate.c keeps a code and the
 * hops it names (struct locate_result), this says them, in the user's
 * language for the text report and in English for --json's "reason" (a
 * contract scripts read, like probe_words.c's confidence). */
#include "render/render.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/i18n.h"
#include "core/locate.h"

/* localized ? the catalogue's words : the English msgid */
#define L(s) (localized ? _(s) : (s))

/* A hop as a person reads it: "hop 2 (198.51.100.2)", the target, or a
 * hop that never answered. */
static void
hop_words(const struct ip_addr *a, unsigned ttl, int target, int localized, char *buf, size_t len)
{
	char who[64];

	ip_addr_text(a, who, sizeof(who));
	if (target)
		snprintf(buf, len, L(N_("the target %s (hop %u)")), who, ttl);
	else if (a->family)
		snprintf(buf, len, L(N_("hop %u (%s)")), ttl, who);
	else
		snprintf(buf, len, L(N_("hop %u (no answer)")), ttl);
}

void
locate_words(const struct locate_result *r, int localized, char *buf, size_t len)
{
	char last[128], silent[128], next[128], who[128];
	const int k = r->last_ttl != 0; /* they reach a hop; 0: they only leave this host */

	if (!len)
		return;
	buf[0] = '\0';
	if (k)
		hop_words(&r->last, r->last_ttl, 0, localized, last, sizeof(last));
	else
		snprintf(last, sizeof(last), "%s", L(N_("this host")));
	hop_words(&r->silent, r->silent_ttl, r->silent_is_target, localized, silent,
		  sizeof(silent));
	switch (r->why) {
	case LOCATE_WHY_NONE: break;
	case LOCATE_WHY_PTB:
		if (r->ptb_from.family)
			ip_addr_text(&r->ptb_from, who, sizeof(who));
		else /* EMSGSIZE: the kernel refused to send it */
			snprintf(who, sizeof(who), "%s", L(N_("this host's own interface")));
		snprintf(
			buf, len,
			k ? L(N_("not a black hole: big packets reach %s, and %s answers 'too big', "
				 "MTU %u, for them"))
			  : L(N_("not a black hole: big packets leave %s, and %s answers 'too big', "
				 "MTU %u, for them")),
			last, who, r->ptb_mtu);
		break;
	case LOCATE_WHY_MUTE_BETWEEN:
	case LOCATE_WHY_MUTE_AFTER:
		/* the mute hop may be the last they reach: only the span is known,
		 * up to the next hop that answers, or none */
		if (r->why == LOCATE_WHY_MUTE_BETWEEN)
			hop_words(&r->next, r->next_ttl, r->next_is_target, localized, next,
				  sizeof(next));
		else
			snprintf(next, sizeof(next), "%s", last);
		snprintf(
			buf, len,
			r->why == LOCATE_WHY_MUTE_AFTER
				? (k ? L(N_("big packets reach %s; hop %u answers no TTL probe at all, "
					    "the next that does is none: they vanish after %s"))
				     : L(N_("big packets leave %s; hop %u answers no TTL probe at all, "
					    "the next that does is none: they vanish after %s")))
			: k ? L(N_("big packets reach %s; hop %u answers no TTL probe at all, the next "
				   "that does is %s and they never reach it: they vanish between the "
				   "two"))
			    : L(N_("big packets leave %s; hop %u answers no TTL probe at all, the next "
				   "that does is %s and they never reach it: they vanish between the "
				   "two")),
			last, r->silent_ttl, next);
		break;
	case LOCATE_WHY_DROPPED:
		snprintf(
			buf, len,
			k ? L(N_("big packets reach %s and never %s: they are dropped on the way out "
				 "of that hop or on the link after it, with no 'too big' reaching us"))
			  : L(N_("big packets leave %s and never reach %s: they are dropped before "
				 "the first hop (this host's own link or firewall), with no 'too big' "
				 "reaching us")),
			last, silent);
		break;
	case LOCATE_WHY_LARGE_REACHED:
		snprintf(buf, len,
			 L(N_("not located: a probe one byte above the path MTU reached the target "
			      "(TTL %u): the path changed since it was measured")),
			 r->why_ttl);
		break;
	case LOCATE_WHY_SMALL_REFUSED:
		snprintf(buf, len,
			 L(N_("not located: a probe of the path MTU itself was refused as too big "
			      "(TTL %u): the path changed since it was measured")),
			 r->why_ttl);
		break;
	case LOCATE_WHY_NO_ANSWER:
		snprintf(buf, len, "%s",
			 L(N_("not located: no hop answered any TTL-limited probe (time exceeded "
			      "filtered, or not sent by these routers)")));
		break;
	case LOCATE_WHY_ALL_ANSWERED:
		snprintf(buf, len,
			 L(N_("not located: big packets were answered by every hop up to %u")),
			 r->why_ttl);
		break;
	case LOCATE_WHY_ICMP_ERROR:
		snprintf(
			buf, len,
			L(N_("not located: hop %u answered the big packets with an ICMP error that "
			     "is not 'too big'")),
			r->why_ttl);
		break;
	case LOCATE_WHY_UNCONFIRMED:
		snprintf(buf, len,
			 /* no plural: the English is --json's, as it always was */
			 L(N_("not located: stopped before hop %u's silence was confirmed (%u of "
			      "%u tries)")),
			 r->why_ttl, r->why_tries, r->attempts);
		break;
	case LOCATE_WHY_INTERRUPTED:
		snprintf(buf, len, "%s", L(N_("not located: interrupted")));
		break;
	}
}
