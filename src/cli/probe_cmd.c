/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe probe: open the raw sockets, drop privileges, measure the WAN path
 * and then the tunnel path, combine them with the model, and render. */
#include "base/i18n.h"
#include "cli/cmds.h"
#include "cli/probe_int.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/peer.h"
#include "core/audit.h"
#include "core/audit_peer.h"
#include "core/fault.h"
#include "io/capture.h"
#include "io/priv.h"
#include "io/rawio.h"
#include "probe/engine.h"
#include "probe/findings.h"
#include "probe/locate.h"
#include "render/audit_peer_out.h"
#include "base/count.h"

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static const char *msg_site; /* --targets: the site being opened or measured */

void
probe_message_site(const char *name)
{
	msg_site = name;
}

static int
fail(const char *msg, int code)
{
	char line[700];

	if (msg_site)
		snprintf(line, sizeof(line), "site %s: %s", msg_site, msg);
	cli_error("probe", msg_site ? line : msg);
	return code;
}

/* Before any socket: the target must be one host, and the size range must
 * fit its family (RFC 8200 section 5: IPv6 links carry at least 1280). */
static int
check_target(struct probe_state *s, const struct path *p)
{
	/* what the address is, said in the sentence below */
	static const char *const not_unicast[WIRE_ADDR_KIND_COUNT] = {
		[WIRE_ADDR_UNSPEC4] = N_("an unspecified address (0.0.0.0/8)"),
		[WIRE_ADDR_MULTICAST] = N_("a multicast address"),
		[WIRE_ADDR_RESERVED4] = N_("a broadcast or reserved address (240.0.0.0/4)"),
		[WIRE_ADDR_UNSPEC6] = N_("the unspecified address"),
		[WIRE_ADDR_MAPPED] = N_("an IPv4-mapped address: give the IPv4 address"),
		[WIRE_ADDR_COMPAT] =
			N_("an IPv4-compatible address (deprecated, RFC 4291 2.5.5.1)"),
	};
	struct ip_addr a;
	enum wire_addr_kind what;

	rawio_target_addr(&p->t, &a);
	if ((what = wire_addr_not_unicast(&a)) != WIRE_ADDR_UNICAST) {
		/* TRANSLATORS: the host as given, its address, then what it is */
		snprintf(s->err, sizeof(s->err), _("%s (%s) is %s: probe one unicast host"),
			 p->host, p->t.text, _(not_unicast[what]));
		return -1;
	}
	if (p->t.family != 6)
		return 0;
	if ((s->c.min_size && s->c.min_size < IP_MIN_MTU6) ||
	    (s->c.max_size && s->c.max_size < IP_MIN_MTU6)) {
		snprintf(s->err, sizeof(s->err),
			 _("%s is IPv6: --min and --max must be at least 1280 "
			   "(the IPv6 minimum MTU, RFC 8200)"),
			 p->host);
		return -1;
	}
	return 0;
}

/* --peer-config, read like --config: a bad peer file is exit 2 before
 * anything is measured, with the line audit --peer-config prints. */
static int
read_peer(struct probe_state *s)
{
	char *buf = NULL, msg[400]; /* Japanese takes 3 bytes a character */
	struct peer_error perr;
	size_t len = 0;
	const char *name = s->c.peer_config;
	int rc;

	if (!name)
		return 0;
	if (cli_read_config(name, &buf, &len, msg, sizeof(msg)) < 0) {
		snprintf(s->err, sizeof(s->err), "--peer-config: %s", msg);
		return -1;
	}
	if (!(s->peer = calloc(1, sizeof(*s->peer))) || !(s->pair = calloc(1, sizeof(*s->pair)))) {
		free(buf);
		snprintf(s->err, sizeof(s->err), "%s", _("out of memory"));
		return -1;
	}
	/* a second router's configuration pairs with --config in audit only
	 * (core/audit_pair.c); probe's report carries AWS's side */
	if (!peer_is_document(buf, len)) {
		free(buf);
		snprintf(
			s->err, sizeof(s->err),
			_("--peer-config %.200s: a router configuration: probe pairs --config only with AWS's side (describe-vpn-connections, the XML, terraform show -json); audit CONFIG --peer-config FILE pairs two routers"),
			strcmp(name, "-") == 0 ? "(stdin)" : name);
		return -1;
	}
	rc = peer_parse(buf, len, s->peer, &perr); /* AWS's formats */
	free(buf);
	if (rc < 0) {
		peer_error_words(&perr, 1, msg, sizeof(msg));
		snprintf(s->err, sizeof(s->err), "--peer-config %.200s: %.290s",
			 strcmp(name, "-") == 0 ? "(stdin)" : name, msg);
	}
	return rc;
}

/* --config is read as the user the process has become (never as root
 * unless asked), and parsed before the first probe: a file that is not a
 * router configuration is exit 2 before anything is measured. */
int
probe_read_config(struct probe_state *s)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = 0;

	if (!s->c.config)
		return CLI_GO_ON;
	if (cli_read_config(s->c.config, &buf, &len, s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_USAGE);
	if (!(s->cfg = calloc(1, sizeof(*s->cfg))))
		rc = -1, snprintf(s->err, sizeof(s->err), "%s", _("out of memory"));
	else if (config_parse(buf, len, -1, s->cfg, s->err + 256, sizeof(s->err) - 256) < 0) {
		/* the parser's message after "--config FILE: " */
		char *msg = s->err + 256;
		cli_config_why(s->cfg, msg, sizeof(s->err) - 256);
		snprintf(s->err, 256, "--config %.200s: ", s->c.config);
		memmove(s->err + strlen(s->err), msg, strlen(msg) + 1);
		rc = -1;
	}
	free(buf);
	if (rc == 0)
		rc = read_peer(s);
	return rc < 0 ? fail(s->err, EXIT_USAGE) : CLI_GO_ON;
}

int
probe_resolve_paths(struct probe_state *s)
{
	for (int i = 0; i < s->npaths; i++) {
		struct path *p = &s->paths[i];
		if (rawio_resolve(p->host, s->c.family, &p->t, s->err, sizeof(s->err)) !=
			    RAWIO_OK ||
		    check_target(s, p) < 0 ||
		    rawio_check_via(s->c.iface, &p->t, s->err, sizeof(s->err)) != RAWIO_OK)
			return fail(s->err, EXIT_USAGE);
	}
	return CLI_GO_ON;
}

int
probe_open_paths(struct probe_state *s)
{
	char advice[600];

	for (int i = 0; i < s->npaths; i++) {
		struct path *p = &s->paths[i];
		enum rawio_rc rc;
		s->err[0] = '\0';
		int tcp = s->c.method == METHOD_TCP || s->c.method == METHOD_AUTO;
		rc = s->mux ? rawio_open_shared(&p->io, &p->t, s->c.iface, tcp, s->mux, s->err,
						sizeof(s->err))
			    : rawio_open(&p->io, &p->t, s->c.iface, tcp, s->err, sizeof(s->err));
		if (rc == RAWIO_NOPRIV) {
			priv_advice(advice, sizeof(advice));
			return fail(advice, EXIT_PRIVILEGE);
		}
		if (rc == RAWIO_BADIF)
			return fail(s->err, EXIT_USAGE);
		if (rc != RAWIO_OK)
			return fail(s->err, EXIT_NOT_MEASURED);
	}
	return CLI_GO_ON;
}

/* The order is the privilege sequence of src/io/priv.c: names resolved with
 * no privilege effective, targets checked, sockets opened with CAP_NET_RAW,
 * every privilege dropped, and only then the capture file created. */
static int
open_paths(struct probe_state *s)
{
	int was_root, rc;

	if (priv_lower(s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_NOT_MEASURED);
	if (priv_check_user(s->c.user, s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_USAGE);
	if ((rc = probe_resolve_paths(s)) != CLI_GO_ON)
		return rc;
	if (priv_raise(s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_NOT_MEASURED);
	if ((rc = probe_open_paths(s)) != CLI_GO_ON)
		return rc;
	was_root = getuid() == 0;
	if (priv_drop(s->c.user, s->err, sizeof(s->err)) < 0)
		return fail(s->err, EXIT_NOT_MEASURED);
	if (s->c.pcap) {
		s->cap = capture_open(s->c.pcap, s->err, sizeof(s->err));
		if (!s->cap && was_root) {
			size_t n = strlen(s->err);
			snprintf(s->err + n, sizeof(s->err) - n,
				 " (files are written as uid %u once root is "
				 "dropped; --user chooses who)",
				 (unsigned)getuid());
		}
		if (!s->cap)
			return fail(s->err, EXIT_USAGE);
		for (int i = 0; i < s->npaths; i++)
			rawio_set_capture(s->paths[i].io, s->cap);
	}
	return probe_read_config(s);
}

static void
progress(void *arg, const struct probe_progress *p)
{
	const struct path *path = arg;

	fprintf(stderr, "\r%s %s: %u <= PMTU <= %u, %u probes, %.1f s   ", path->name, path->t.text,
		p->lower, p->upper, p->probes_sent, (double)p->elapsed_us / 1e6);
}

static int
configure(const struct cli *c, struct path *p, struct probe_config *cfg, char *err, size_t errlen)
{
	unsigned ifmtu = rawio_iface_mtu(p->io);

	probe_config_default(cfg, p->t.family);
	if (c->min_size && ifmtu && c->min_size > ifmtu) {
		snprintf(
			err, errlen,
			_("--min %u is above the MTU %u of the interface the probes to %s leave by"),
			c->min_size, ifmtu, p->t.text);
		return -1;
	}
	if (c->min_size)
		cfg->min_size = c->min_size;
	/* Default top: the outgoing interface's MTU (nothing larger can leave). */
	cfg->max_size = c->max_size ? c->max_size : (ifmtu ? ifmtu : cfg->max_size);
	if (cfg->max_size > 65535) /* loopback's MTU is 65536; an IP packet is at most 65535 */
		cfg->max_size = 65535;
	/* --max below what the interface can send: passing it is "at least",
	 * not verified (nothing larger was tried). At the interface MTU, or
	 * above it (EMSGSIZE answers), it bounds nothing. */
	cfg->max_bound = c->max_size && (!ifmtu || c->max_size < ifmtu) && cfg->max_size < 65535;
	if (cfg->min_size > cfg->max_size)
		cfg->min_size = cfg->max_size;
	if (c->timeout_ms)
		cfg->timeout_ms = c->timeout_ms;
	if (c->rate)
		cfg->rate_pps = c->rate;
	else if (p->method == WIRE_UDP)
		/* Hosts rate-limit port unreachables (RFC 1812 sec. 4.3.2.8; Linux:
		 * 1/s after a burst of 6, net.ipv4.icmp_ratelimit): faster, the
		 * silences would be the limiter's, not the path's. Evenly, without
		 * that burst: engine.c (burst_now()) says why. */
		cfg->rate_pps = 1;
	if (c->max_probes)
		cfg->max_probes = c->max_probes;
	if (c->retries)
		cfg->min_silences = c->retries;
	if (isatty(STDERR_FILENO) && !c->quiet) {
		cfg->progress = progress;
		cfg->progress_arg = p;
	}
	return 0;
}

static unsigned
port_of(const struct cli *c, enum wire_method m)
{
	if (m == WIRE_ICMP)
		return 0;
	if (c->port)
		return c->port;
	return m == WIRE_TCP ? DEFAULT_TCP_PORT : DEFAULT_UDP_PORT;
}

/* Why a run that ended without a system error measured nothing, by how it
 * stopped (engine.h); FAULT_NONE when it found a path MTU. */
static enum fault
run_fault(const struct probe_run *run)
{
	static const enum fault by_stop[] = {
		[PROBE_STOP_DONE] = FAULT_NO_ANSWER,
		[PROBE_STOP_UNREACHABLE] = FAULT_UNREACHABLE,
		[PROBE_STOP_MAX_PROBES] = FAULT_NO_ANSWER,
		[PROBE_STOP_INTERRUPTED] = FAULT_INTERRUPTED,
		[PROBE_STOP_ERROR] = FAULT_SEND,
	};

	return run->pmtu ? FAULT_NONE : by_stop[run->stop];
}

/* A system error stopped the run (no route, the interface down, a send or
 * a receive that failed): the path is reported as not measured, with the
 * reason, and the other paths are still measured (issue 20: an outage is
 * a round to report, not a round to drop). An error the io did not record
 * (out of memory, an internal error) ends the run with its message. */
static int
path_failed(const struct cli *c, struct path *p)
{
	int sys_errno, stage = rawio_failure(p->io, &sys_errno);

	if (!stage)
		return fail(p->error, EXIT_NOT_MEASURED);
	if (stage == FAULT_AT_ROUTE) /* no run at all: nothing sent */
		p->run = (struct probe_run){ .stop = PROBE_STOP_ERROR, .p_wrong = 1.0 };
	p->run.confidence.why = PROBE_WHY_NONE; /* the engine's search state: not why it stopped */
	p->fault = fault_of_error((enum fault_stage)stage, sys_errno, rawio_iface_down(p->io));
	p->ran = 1;
	probe_findings(&p->run, &p->found);
	/* One line on stderr for a single run; a watch reports it in the round. */
	if (!c->interval)
		cli_error("probe", p->error);
	return 0;
}

/* A signal came before p's run of method m began (probe --targets: a site
 * not yet started, or a path still waiting for its run): the path is
 * reported as interrupted with nothing sent, as a run the signal ended
 * before its first probe would be, never left out of the report. */
void
probe_run_skipped(const struct cli *c, struct path *p, enum wire_method m)
{
	if (p->ran)
		probe_run_free(&p->run);
	p->run = (struct probe_run){ .stop = PROBE_STOP_INTERRUPTED, .p_wrong = 1.0 };
	p->run.confidence.why = PROBE_WHY_NONE;
	p->method = m;
	p->port = port_of(c, m);
	p->fault = FAULT_INTERRUPTED;
	p->error[0] = '\0';
	p->ran = 1;
	probe_findings(&p->run, &p->found);
}

/* Before a run of method m on p: the route, the method, the engine's
 * configuration and io. 0: ready; 1: the path failed (reported as not
 * measured, path_failed); else an exit code after a message. */
int
probe_run_prepare(const struct cli *c, struct path *p, enum wire_method m, struct probe_config *cfg,
		  struct probe_io *io, char *err, size_t errlen)
{
	if (p->ran)
		probe_run_free(&p->run);
	p->ran = 0;
	p->fault = FAULT_NONE;
	p->error[0] = '\0';
	p->method = m;
	p->port = port_of(c, m);
	if (rawio_route(p->io, p->error, sizeof(p->error)) < 0) {
		int rc = path_failed(c, p);
		return rc ? rc : 1;
	}
	if (rawio_use(p->io, m, (uint16_t)p->port, err, errlen) < 0)
		return fail(err, EXIT_NOT_MEASURED);
	if (configure(c, p, cfg, err, errlen) < 0)
		return fail(err, EXIT_USAGE);
	rawio_probe_io(p->io, io);
	rawio_drain(p->io);
	return 0;
}

/* After the engine's run (rc: probe_engine_run's return): 0, or an exit
 * code after a message. */
int
probe_run_done(const struct cli *c, struct path *p, int rc, const struct probe_config *cfg)
{
	if (rc < 0 && p->run.stop == PROBE_STOP_ERROR) {
		if (cfg->progress)
			fputc('\n', stderr);
		return path_failed(c, p);
	}
	p->ran = 1;
	p->fault = run_fault(&p->run);
	/* The signal ends the wait with EINTR, which io words "interrupted":
	 * no system error, so JSON's error stays null (mtuprobe(1), JSON). */
	if (p->run.stop == PROBE_STOP_INTERRUPTED)
		p->error[0] = '\0';
	probe_findings(&p->run, &p->found);
	probe_findings_mss(&p->run, p->t.family, &p->found);
	if (cfg->progress)
		fputs("\r\033[K", stderr);
	return 0;
}

/* One run of one method on one path; 0, or an exit code after a message. */
static int
run_method(struct probe_state *s, struct path *p, enum wire_method m)
{
	struct probe_config cfg;
	struct probe_io io;
	int rc = probe_run_prepare(&s->c, p, m, &cfg, &io, s->err, sizeof(s->err));

	if (rc)
		return rc == 1 ? 0 : rc;
	rc = probe_engine_run(&cfg, &io, &stop_flag, &p->run, p->error, sizeof(p->error));
	return probe_run_done(&s->c, p, rc, &cfg);
}

/* --method auto: ICMP echo first (cheapest, and what the user compares with
 * ping); when the target never answered it at any size, TCP to --port (443),
 * then UDP to a closed port. Only "no answer at all" falls back: a run that
 * found a PMTU, or was told "unreachable" by a router, stands. The method
 * after the k-th (of c's), or -1 when p's run stands. */
int
probe_next_method(const struct cli *c, const struct path *p, int k)
{
	static const enum wire_method order[] = { WIRE_ICMP, WIRE_TCP, WIRE_UDP };

	if (c->method != METHOD_AUTO)
		return k == 0 ? (int)c->method : -1;
	if (k > 0 &&
	    (!p->ran || p->run.stop != PROBE_STOP_UNREACHABLE || p->found.replies || p->run.lower))
		return -1;
	return k < (int)COUNT(order) ? (int)order[k] : -1;
}

static int
measure_path(struct probe_state *s, struct path *p)
{
	int rc, m;

	for (int k = 0; (m = probe_next_method(&s->c, p, k)) >= 0 && !stop_flag; k++) {
		if ((rc = run_method(s, p, (enum wire_method)m)) != 0)
			return rc;
		p->fell_back = k > 0;
	}
	return 0;
}

/* --locate: only once a path MTU P is measured and P + 1 is known not to
 * cross (not at --max), with the method and sockets that measured it. */
int
probe_locate_path(struct probe_state *s, struct path *p)
{
	struct locate_config lc = { 0 };
	struct probe_io io;
	int tty = isatty(STDERR_FILENO) && !s->c.quiet;

	p->located = 0;
	p->no_locate = NULL; /* marked N_(): render words it in text, --json keeps the English */
	if (!p->run.pmtu || p->run.stop != PROBE_STOP_DONE) {
		p->no_locate = N_("no path MTU was measured");
		return 0;
	}
	if (p->run.at_max) {
		p->no_locate = N_("the largest size tried passed: no size is known to be lost");
		return 0;
	}
	if (stop_flag) { /* probe --targets: a site measured before the signal, reported after it */
		p->no_locate = N_("interrupted");
		return 0;
	}
	lc.family = p->t.family;
	lc.pmtu = p->run.pmtu;
	lc.max_hops = s->c.max_hops;
	lc.rate_pps = s->c.rate;
	if (tty) { /* one line, rewritten in place (\r), its tail blanked */
		fputc('\r', stderr);
		fprintf(stderr, _("%s %s: locating where %u-byte packets vanish"), p->name,
			p->t.text, lc.pmtu + 1);
		fputs("   ", stderr);
	}
	rawio_probe_io(p->io, &io);
	if (probe_locate(&lc, &io, &p->run, &stop_flag, &p->loc, s->err, sizeof(s->err)) < 0) {
		if (tty)
			fputc('\n', stderr);
		return fail(s->err, EXIT_NOT_MEASURED);
	}
	if (tty)
		fputs("\r\033[K", stderr);
	p->located = 1;
	return 0;
}

int
probe_measure(struct probe_state *s)
{
	for (int i = 0; i < s->npaths && !stop_flag; i++) {
		int rc = measure_path(s, &s->paths[i]);
		if (!rc && s->c.locate && !stop_flag)
			rc = probe_locate_path(s, &s->paths[i]);
		if (rc)
			return rc;
	}
	/* Stopped: the paths after the one the signal cut short are in the
	 * report as interrupted too (nothing sent), not left out as if they
	 * had no target (a watch drops the round: next_round). */
	for (int i = 0; i < s->npaths && stop_flag; i++)
		if (!s->paths[i].ran) /* the first method: what it would have run */
			probe_run_skipped(&s->c, &s->paths[i],
					  (enum wire_method)probe_next_method(&s->c, &s->paths[i],
									      0));
	return CLI_GO_ON;
}

/* What a path's run adds to the model's warnings. */
enum path_warn {
	PW_ENGINE,     /* the engine's warning k */
	PW_DROPPED,    /* distinct warnings beyond the engine's table */
	PW_PTB_MORE,   /* PTB senders beyond the findings' table */
	PW_MSS,        /* the SYN-ACK's MSS does not fit */
	PW_SILENCE,    /* the answer rests on silence */
	PW_FAULT,      /* not measured: a system error */
	PW_STOPPED,    /* stopped early: partial */
	PW_UNVERIFIED, /* measured, not verified */
};

/* localized ? the catalogue's words : the English msgid */
#define L(str) (localized ? _(str) : (str))

/* A path's warning in words: English for --json, or localized for the
 * text report; the path is named as the report names it. */
static void
path_warn_words(const struct path *p, int i, enum path_warn what, unsigned k, int localized,
		char *buf, size_t len)
{
	const struct probe_run *run = &p->run;
	char name[32], why[PROBE_WORDS_LEN];

	if (i == 0)
		snprintf(name, sizeof(name), "WAN");
	else if (i == 1)
		snprintf(name, sizeof(name), "%s", L(N_("tunnel")));
	else
		snprintf(name, sizeof(name), L(N_("tunnel %d")), i);
	switch (what) {
	case PW_ENGINE:
		/* English as --json always had it: cut where the engine's text was */
		probe_warning_words(&run->warnings[k], localized, why,
				    localized ? sizeof(why) : PROBE_WARN_LEN);
		snprintf(buf, len, L(N_("%s path: %s%s")), name, why,
			 run->warnings[k].count > 1 ? L(N_(" (repeated)")) : "");
		break;
	case PW_DROPPED:
		snprintf(buf, len, L(N_("%s path: %u more distinct warnings not shown")), name,
			 run->warnings_dropped);
		break;
	case PW_PTB_MORE:
		snprintf(
			buf, len,
			L(N_("%s path: %u more 'too big' messages from routers beyond the %d listed")),
			name, p->found.ptb_more, FINDINGS_MAX_PTB);
		break;
	case PW_MSS:
		probe_mss_words(&p->found, localized, why, sizeof(why));
		snprintf(buf, len, L(N_("%s path: %s")), name, why);
		break;
	case PW_SILENCE:
		snprintf(buf, len,
			 L(N_("%s path: PMTU %u rests on silence: %u to %u got no answer and no "
			      "'too big' message (a PMTU black hole)")),
			 name, run->pmtu, p->found.silent_lo, p->found.silent_hi);
		break;
	case PW_FAULT:
		snprintf(buf, len, L(N_("%s path: not measured: %s (%s)")), name,
			 L(render_fault_words(p->fault)), p->error);
		break;
	case PW_STOPPED:
		snprintf(buf, len, L(N_("%s path: stopped early (%s): the answer is partial")),
			 name, probe_stop_words(run->stop, localized));
		break;
	case PW_UNVERIFIED:
		probe_confidence_words(run, localized, 1, why, sizeof(why));
		snprintf(buf, len, L(N_("%s path: PMTU %u could not be verified: %s")), name,
			 run->pmtu, why);
		break;
	}
}

#undef L

static void
path_warn(struct model_result *m, const struct path *p, int i, enum path_warn what, unsigned k)
{
	struct model_warning *w = model_warn_add(m);

	if (!w)
		return;
	path_warn_words(p, i, what, k, 0, w->text, sizeof(w->text));
	path_warn_words(p, i, what, k, 1, w->local, sizeof(w->local));
}

/* Probe warnings join the model's, so that --json has one "warnings" list. */
static void
collect_warnings(const struct probe_state *s, struct model_result *m)
{
	for (int i = 0; i < s->npaths; i++) {
		const struct path *p = &s->paths[i];
		const struct probe_run *run = &p->run;
		if (!p->ran)
			continue;
		for (unsigned w = 0; w < run->nwarnings; w++)
			path_warn(m, p, i, PW_ENGINE, w);
		/* the tables are fixed; what did not fit is said, never dropped */
		if (run->warnings_dropped)
			path_warn(m, p, i, PW_DROPPED, 0);
		if (p->found.ptb_more)
			path_warn(m, p, i, PW_PTB_MORE, 0);
		if (p->found.mss_too_big)
			path_warn(m, p, i, PW_MSS, 0);
		if (p->found.rests_on_silence)
			path_warn(m, p, i, PW_SILENCE, 0);
		if (fault_is_error(p->fault))
			path_warn(m, p, i, PW_FAULT, 0);
		else if (run->stop != PROBE_STOP_DONE)
			path_warn(m, p, i, PW_STOPPED, 0);
		else if (!run->verified && run->pmtu)
			path_warn(m, p, i, PW_UNVERIFIED, 0);
	}
}

/* The model, fed the measured WAN path MTU; NULL when there is none. */
/* --config without --esp: the model takes the configuration's own ESP
 * transform and NAT-T (its first tunnel the audit could read), so that
 * the numbers for other vendors and the site's change set are one answer.
 * With --esp that differs, the configuration's is what the change set
 * uses, and the report says so. */
static void
config_esp(struct report_probe *rp, struct cli *c)
{
	static char esp[CONFIG_ESP];
	const struct audit_result *a = rp->audit;

	for (size_t i = 0; a && i < a->ntunnels; i++) {
		const struct audit_tunnel *t = &a->tunnels[i];
		if (t->skip != AUDIT_CHECKED || !t->esp[0])
			continue;
		if (c->esp && (strcmp(c->esp, t->esp) != 0 || c->nat_t != t->natt))
			rp->esp_differs =
				(struct esp_differs){ .given = c->esp,
						      .config = t->esp,
						      .given_natt = c->nat_t,
						      .config_natt = t->natt,
						      .tunnel = a->cfg->tunnels[t->index].name };
		if (!c->esp) {
			snprintf(esp, sizeof(esp), "%s", t->esp);
			c->esp = esp;
			c->nat_t = t->natt;
		}
		return;
	}
}

static int
judge(const struct path *p, struct model_result *m, struct tunnel_judgement *verdict)
{
	char from[64] = "";
	struct tunnel_evidence ev = { p->run.pmtu, p->found.device_mtu, from };

	if (p->found.device_mtu)
		ip_addr_text(&p->found.device_from, from, sizeof(from));
	return model_judge_tunnel(m, &ev, verdict);
}

/* Tunnel targets 2..: each judged against the model as it was before any
 * tunnel (m0), and the tunnel numbers to set are the smallest any tunnel
 * allows, so that one set of lines fits every tunnel measured. */
static void
judge_more(const struct probe_state *s, const struct model_result *m0, struct model_result *m,
	   struct report_probe *rp)
{
	for (size_t k = 0; k < rp->nmore; k++) {
		const struct path *p = &s->paths[2 + k];
		struct model_result mk = *m0;
		struct report_tunnel *t = &rp->more[k];
		if (!p->ran || !p->run.pmtu)
			continue;
		t->vs_model = judge(p, &mk, &t->verdict);
		if (t->vs_model != TUNNEL_AGREES && t->vs_model != TUNNEL_NO_MODEL)
			model_warn_tunnel(m, p->host, &t->verdict);
		if (!m->has_tunnel || mk.tunnel_mtu < m->tunnel_mtu) {
			m->has_tunnel = 1;
			m->tunnel_mtu = mk.tunnel_mtu;
			m->mss4 = mk.mss4;
			m->mss6 = mk.mss6;
			m->v6_ok = mk.v6_ok;
			m->safe_mss4 = mk.safe_mss4;
			m->safe_mss6 = mk.safe_mss6;
		}
	}
}

static int
build_model(struct probe_state *s, struct model_input *in, struct model_result *m, struct report *r,
	    struct report_probe *rp)
{
	const struct probe_run *wan = &s->paths[0].run;
	const struct probe_run *tun = s->npaths > 1 && s->paths[1].ran ? &s->paths[1].run : NULL;
	struct model_result m0;
	struct cli c = s->c;

	if (!wan->pmtu)
		return 0;
	config_esp(rp, &c);
	/* A stack that leaves no room under the measured MTU: the measurement
	 * is still printed, with the reason there is no configuration. */
	if (cli_model(&c, wan->pmtu, in, &r->vendors, s->err, sizeof(s->err)) < 0 ||
	    model_compute(in, m, s->err, sizeof(s->err)) < 0) {
		rp->no_config = s->err;
		return -1;
	}
	m0 = *m;
	if (tun && tun->pmtu)
		rp->tunnel_vs_model = judge(&s->paths[1], m, &rp->verdict);
	judge_more(s, &m0, m, rp);
	cli_ifaces(&s->c, m->wan_kind, &r->vendors);
	r->m = m;
	return 0;
}

static int
exit_status(const struct probe_state *s, const struct report_probe *rp)
{
	for (int i = 0; i < s->npaths; i++) {
		const struct probe_run *run = &s->paths[i].run;
		if (!s->paths[i].ran || !run->pmtu || !run->verified ||
		    run->stop != PROBE_STOP_DONE)
			return EXIT_NOT_MEASURED;
	}
	return rp->below_expect ? EXIT_BELOW : EXIT_OK;
}

/* --config: the configuration audited twice, on its own (to compare its
 * line MTU with the measured one) and with the measured WAN path MTU (the
 * findings to act on). Results live as long as the report. */
static void
audit_config(struct probe_state *s, struct report_probe *rp)
{
	static struct audit_result own, measured;
	static struct audit_vs vs;
	const struct probe_run *wan = &s->paths[0].run;
	const struct probe_run *tun = rp->tunnel;
	struct audit_input ai = { s->cfg,
				  s->c.peer ? model_peer(s->c.peer) : NULL,
				  0,
				  NULL,
				  s->c.keep_mtu,
				  s->c.peer_config != NULL };

	if (!s->cfg)
		return;
	audit_run(&ai, &own);
	rp->audit = &own;
	if (wan->pmtu) {
		ai.wan_mtu = wan->pmtu;
		ai.wan_from = N_("the measured WAN path MTU"); /* worded by render */
		audit_run(&ai, &measured);
		rp->audit = &measured;
	}
	audit_vs_measured(&own, wan->pmtu, tun ? tun->pmtu : 0, &vs);
	rp->vs = &vs;
	rp->config_file = s->c.config;
	/* the pair with the router audit that the report prints (its numbers) */
	if (s->peer && audit_peer_run(s->cfg, s->peer, rp->audit, s->pair) == 0) {
		rp->peer = s->pair;
		rp->peer_file = strcmp(s->c.peer_config, "-") == 0 ? "(stdin)" : s->c.peer_config;
	}
}

/* A clean measurement of a configuration with findings, or one that
 * disagrees with it, is exit 5, as audit's findings are. */
static int
config_status(const struct report_probe *rp, int rc)
{
	if (rc == EXIT_OK && rp->audit &&
	    (rp->audit->nerror || rp->audit->nwarning || rp->vs->disagree ||
	     (rp->peer && (rp->peer->nerror || rp->peer->nwarning))))
		return EXIT_FINDINGS;
	return rc;
}

static void
report_method(const struct path *p, struct report_method *m)
{
	static const char *const names[] = {
		[WIRE_ICMP] = "icmp", [WIRE_UDP] = "udp", [WIRE_TCP] = "tcp"
	};

	m->name = names[p->method];
	m->port = p->port;
	m->fell_back = p->fell_back;
}

static struct report_fault
path_fault(const struct path *p)
{
	return (struct report_fault){ p->fault, p->error[0] ? p->error : NULL };
}

/* What the renderers need to know of the paths (no model yet). */
static void
describe_paths(struct probe_state *s, struct report_probe *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->wan_target = s->paths[0].host;
	rp->tunnel_target = s->npaths > 1 ? s->paths[1].host : NULL;
	snprintf(rp->wan_addr, sizeof(rp->wan_addr), "%s", s->paths[0].t.text);
	snprintf(rp->source, sizeof(rp->source), "%s", rawio_source(s->paths[0].io));
	if (s->npaths > 1)
		snprintf(rp->tunnel_addr, sizeof(rp->tunnel_addr), "%s", s->paths[1].t.text);
	rp->family = s->paths[0].t.family;
	rp->wan = &s->paths[0].run;
	rp->tunnel = s->npaths > 1 && s->paths[1].ran ? &s->paths[1].run : NULL;
	rp->wan_f = &s->paths[0].found;
	rp->tunnel_f = rp->tunnel ? &s->paths[1].found : NULL;
	report_method(&s->paths[0], &rp->wan_m);
	rp->wan_fault = path_fault(&s->paths[0]);
	if (rp->tunnel) {
		report_method(&s->paths[1], &rp->tunnel_m);
		rp->tunnel_fault = path_fault(&s->paths[1]);
	}
	rp->locate = s->c.locate;
	rp->wan_loc = s->paths[0].located ? &s->paths[0].loc : NULL;
	rp->wan_no_loc = s->paths[0].no_locate;
	if (rp->tunnel) {
		rp->tunnel_loc = s->paths[1].located ? &s->paths[1].loc : NULL;
		rp->tunnel_no_loc = s->paths[1].no_locate;
	}
	rp->nmore = s->npaths > 2 ? (size_t)s->npaths - 2 : 0;
	for (size_t k = 0; k < rp->nmore; k++) {
		const struct path *p = &s->paths[2 + k];
		struct report_tunnel *t = &rp->more[k];
		t->target = p->host;
		snprintf(t->addr, sizeof(t->addr), "%s", p->t.text);
		t->run = p->ran ? &p->run : NULL;
		t->f = &p->found;
		t->fault = path_fault(p);
		if (p->ran)
			report_method(p, &t->m);
		t->vs_model = -1;
	}
	rp->tunnel_vs_model = -1;
	rp->expect_mtu = s->c.expect_mtu;
	rp->below_expect = s->c.expect_mtu && rp->wan->pmtu && rp->wan->pmtu < s->c.expect_mtu;
}

/* -q printed a line: a vendor block, or the site's change set. */
static int
printed_any(const struct report *r)
{
	const struct audit_result *a = r->probe ? r->probe->audit : NULL;

	for (int v = 0; v < VENDOR_COUNT; v++)
		if (r->vendors.enabled[v])
			return 1;
	for (size_t i = 0; a && i < a->nfindings; i++)
		if (a->findings[i].nfix)
			return 1;
	return 0;
}

/* --format value: a tunnel that passes more than the line and ESP carry
 * (packets cross only as fragments, or are lost after encryption) is not
 * a GO for a checklist, whatever number is printed. */
static int
tunnel_disagrees(const struct report_probe *rp)
{
	int any = rp->tunnel_vs_model == TUNNEL_ABOVE || rp->tunnel_vs_model == TUNNEL_LOST;

	for (size_t k = 0; k < rp->nmore; k++)
		any |= rp->more[k].vs_model == TUNNEL_ABOVE || rp->more[k].vs_model == TUNNEL_LOST;
	return any;
}

/* -q, --format value and measured print no report: every warning goes to
 * stderr, one line each, and so does why the output is empty or what the
 * exit status stands for (issue 18: -q used to hide them). */
static void
say_warnings(struct probe_state *s, const struct report *r, const struct report_probe *rp)
{
	const struct audit_result *a = rp->audit;

	if (!(s->c.quiet || s->c.value) || s->c.json)
		return;
	for (size_t i = 0; r->m && i < r->m->nwarn; i++) {
		char words[RENDER_WORDS];

		model_warning_words(&r->m->warnings[i], 1, words, sizeof(words));
		snprintf(s->err, sizeof(s->err), _("warning: %s"), words);
		cli_error("probe", s->err);
	}
	if (s->c.value == VALUE_SET && tunnel_disagrees(rp) && r->m) {
		snprintf(
			s->err, sizeof(s->err),
			_("the tunnel disagrees with the model (exit 5): set its MTU to %u, not the %u measured"),
			r->m->tunnel_mtu, rp->tunnel ? rp->tunnel->pmtu : 0);
		cli_error("probe", s->err);
	}
	if (a && (a->nerror || a->nwarning || rp->vs->disagree)) {
		/* each count with its own plural form (ngettext), the same
		 * three messages as the report's line (render/probe_out.c) */
		char ne[64], nw[64], nd[128];
		snprintf(ne, sizeof(ne), ngettext(": %u error", ": %u errors", a->nerror),
			 a->nerror);
		snprintf(nw, sizeof(nw), ngettext(", %u warning", ", %u warnings", a->nwarning),
			 a->nwarning);
		snprintf(nd, sizeof(nd),
			 ngettext(", %u disagreement with the measurement",
				  ", %u disagreements with the measurement", rp->vs->disagree),
			 rp->vs->disagree);
		/* TRANSLATORS: the file, then its ": N errors", ", N warnings" and
		 * ", N disagreements with the measurement" */
		snprintf(s->err, sizeof(s->err),
			 _("%s%s%s%s (exit 5; run without -q for the report)"), rp->config_file, ne,
			 nw, nd);
		cli_error("probe", s->err);
	}
	if (s->c.quiet && !s->c.value && r->m && !r->vendors.disabled && !printed_any(r))
		cli_error(
			"probe",
			a ? _("nothing to paste: no vendor block was asked for (--vendor) and the configuration needs no change")
			  : _("nothing to paste: --vendor none asks for no configuration lines"));
}

/* The one-line messages on stderr after the report: why there is no
 * configuration, why -q printed it commented out, --expect-mtu. */
static void
say_after(struct probe_state *s, const struct report_probe *rp, const char *model_err,
	  int has_model, int unverified)
{
	if (model_err)
		cli_error("probe", model_err);
	else if (s->c.quiet && !s->c.json && !s->c.value && unverified)
		cli_error("probe",
			  has_model ? _("not verified: the configuration lines are commented out "
					"(run without -q for the report)")
				    : _("nothing measured: no configuration "
					"(run without -q for the report)"));
	if (rp->below_expect) {
		snprintf(s->err, sizeof(s->err),
			 _("WAN path MTU %u is below --expect-mtu %u (%u bytes short)"),
			 rp->wan->pmtu, s->c.expect_mtu, s->c.expect_mtu - rp->wan->pmtu);
		cli_error("probe", s->err);
	}
}

/* --config: the vendor of the configuration gets the site's change set
 * (the audit's, on the configuration's interfaces and numbering) instead
 * of the generic lines for that vendor: one answer per run (issue 18). */
static void
replace_vendor(const struct probe_state *s, struct report *r)
{
	/* one vendor enum: the configuration's is the lines' (a swanctl.conf
	 * has no lines of its own: its change set follows the Linux lines) */
	if (s->cfg && vendor_prints(s->cfg->vendor) && r->vendors.enabled[s->cfg->vendor]) {
		r->vendors.enabled[s->cfg->vendor] = 0;
		r->vendors.replaced[s->cfg->vendor] = 1;
	}
}

int
probe_report(struct probe_state *s, int argc, char **argv)
{
	static struct model_input in;
	static struct model_result m;
	struct report r;
	struct report_probe rp;
	int unverified, model_failed, rc;
	char model_err[sizeof(s->err)];

	memset(&r, 0, sizeof(r));
	describe_paths(s, &rp);
	audit_config(s, &rp);
	model_failed = build_model(s, &in, &m, &r, &rp) < 0;
	snprintf(model_err, sizeof(model_err), "%s", model_failed ? s->err : "");
	replace_vendor(s, &r);
	if (r.m)
		collect_warnings(s, &m);
	/* Lines to paste only from a verified measurement (exit 0); otherwise
	 * they are printed commented out, and -q says why on stderr. */
	unverified = exit_status(s, &rp) == EXIT_NOT_MEASURED;
	if (r.m && unverified)
		r.vendors.disabled = "the measurement is not verified (see the report)";
	r.command = "probe";
	r.in = r.m ? &in : NULL;
	r.quiet = s->c.quiet;
	r.measured = s->c.value == VALUE_MEASURED;
	r.probe = &rp;
	cli_producer(r.producer, sizeof(r.producer), argc, argv);
	watch_account(&s->watch, &r);
	if (s->sites) {
		rc = model_failed ? EXIT_USAGE : config_status(&rp, exit_status(s, &rp));
		return sites_report(s->sites, &r, &rp, rc);
	}
	if (s->c.interval)
		watch_round(&s->watch, &r, s->c.json, s->c.value, stdout);
	else if (s->c.json)
		render_json(stdout, &r);
	else if (s->c.value)
		render_value(stdout, &r);
	else
		render_text(stdout, &r);
	rc = cli_stdout_done("probe",
			     model_failed ? EXIT_USAGE : config_status(&rp, exit_status(s, &rp)));
	if (rc == EXIT_OK && s->c.value == VALUE_SET && tunnel_disagrees(&rp))
		rc = EXIT_FINDINGS;
	if (s->c.prometheus &&
	    watch_write_prometheus(&s->watch, s->c.prometheus, &r, s->err, sizeof(s->err)) < 0) {
		cli_error("probe", s->err);
		rc = EXIT_OUTPUT;
	}
	say_after(s, &rp, model_failed ? model_err : NULL, r.m != NULL, unverified);
	say_warnings(s, &r, &rp);
	return rc;
}

/* A capture file that could not be written is an error (exit 6) even when
 * the report went out: the user asked for it and would find it cut short. */
void
probe_free_config(struct probe_state *s)
{
	if (s->cfg)
		config_free(s->cfg);
	free(s->cfg);
	if (s->pair)
		audit_peer_free(s->pair);
	free(s->pair);
	if (s->peer)
		peer_free(s->peer);
	free(s->peer);
	s->cfg = NULL;
	s->pair = NULL;
	s->peer = NULL;
}

int
probe_cleanup(struct probe_state *s, int rc)
{
	char err[160];

	probe_free_config(s);
	for (int i = 0; i < s->npaths; i++) {
		rawio_close(s->paths[i].io);
		if (s->paths[i].ran)
			probe_run_free(&s->paths[i].run);
	}
	if (capture_close(s->cap, err, sizeof(err)) < 0) {
		cli_error("probe", err);
		return EXIT_OUTPUT;
	}
	return rc;
}

/* --interval: measure again with the same sockets. A round cut short by
 * SIGINT, SIGTERM or SIGHUP is not reported: the last whole round's status
 * stands (mtuprobe(1), WATCHING A PATH). */
static int
next_round(struct probe_state *s, int last_rc, int argc, char **argv)
{
	int rc;

	for (int i = 0; i < s->npaths; i++) {
		if (s->paths[i].ran)
			probe_run_free(&s->paths[i].run);
		memset(&s->paths[i].run, 0, sizeof(s->paths[i].run));
		memset(&s->paths[i].found, 0, sizeof(s->paths[i].found));
		s->paths[i].ran = 0;
	}
	rc = probe_measure(s);
	if (stop_flag)
		return last_rc;
	return rc == CLI_GO_ON ? probe_report(s, argc, argv) : rc;
}

void
probe_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: the wait returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* SIGHUP (the terminal closed, or a service manager's stop) ends
	 * the watch cleaned up like SIGTERM, not killed mid-write (issue
	 * 20); under nohup(1), which ignores it, it stays ignored. */
	if (sigaction(SIGHUP, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
}

int
probe_stopped(void)
{
	return stop_flag != 0;
}

volatile sig_atomic_t *
probe_stop_flag(void)
{
	return &stop_flag;
}

int
cmd_probe(int argc, char **argv)
{
	static struct probe_state s;
	struct model_input in;
	struct report_vendors rv;
	int rc = cli_parse(CMD_PROBE, argc, argv, &s.c, s.err, sizeof(s.err));

	if (rc > 0) /* --help */
		return cli_stdout_done("probe", EXIT_OK);
	/* Check the model options before touching the network. */
	if (rc < 0 || cli_model(&s.c, 1500, &in, &rv, s.err, sizeof(s.err)) < 0)
		return fail(s.err, EXIT_USAGE);
	if (s.c.targets_file) /* every site of an inventory (sites.c) */
		return sites_run(&s, argc, argv);
	s.npaths = s.c.ntargets;
	s.paths[0] = (struct path){ .name = "WAN", .host = s.c.targets[0] };
	for (int i = 1; i < s.npaths; i++) {
		static char names[REPORT_MAX_TUNNEL_IFS][16];
		snprintf(names[i - 1], sizeof(names[0]), i == 1 ? "tunnel" : "tunnel %d", i);
		s.paths[i] = (struct path){ .name = names[i - 1], .host = s.c.targets[i] };
	}
	rc = open_paths(&s);
	if (rc == CLI_GO_ON) {
		probe_signals();
		s.watch.prev_verdict = -1;
		rc = probe_measure(&s);
		/* A watch reports whole rounds only, the first one too: stopped
		 * before it ended, nothing was reported and nothing measured. */
		if (rc == CLI_GO_ON && s.c.interval && stop_flag)
			rc = EXIT_NOT_MEASURED;
		else if (rc == CLI_GO_ON)
			rc = probe_report(&s, argc, argv);
		/* A capture that can no longer be written ends the watch: exit 6
		 * as soon as output fails (mtuprobe(1), WATCHING A PATH). */
		while (s.c.interval && rc != EXIT_USAGE && rc != EXIT_OUTPUT &&
		       !capture_failed(s.cap) && !watch_sleep(s.c.interval, &stop_flag))
			rc = next_round(&s, rc, argc, argv);
	}
	return probe_cleanup(&s, rc);
}
