/* SPDX-License-Identifier: BSD-2-Clause */
/* probe's state, shared by probe_cmd.c (one site: the command line's
 * targets) and sites.c (probe --targets: every site of an inventory, each
 * measured with the same functions). Not used outside src/cli. */
#ifndef MTUPROBE_PROBE_INT_H
#define MTUPROBE_PROBE_INT_H

#include "cli/cmds.h"
#include "cli/watch.h"
#include "core/fault.h"
#include "io/rawio.h"
#include "probe/engine.h"
#include "probe/findings.h"
#include "probe/locate.h"

struct sites;

struct path {
	const char *name; /* "WAN" or "tunnel" */
	const char *host;
	struct rawio_target t;
	struct rawio *io;
	struct probe_run run;
	struct probe_findings found; /* what the run's records say beyond the PMTU */
	int ran;
	enum wire_method method; /* what gave the answer */
	unsigned port;           /* UDP/TCP: the target's port */
	int fell_back;           /* --method auto: echo got no reply at any size */
	enum fault fault;        /* why the run measured nothing; FAULT_NONE: it did */
	char error[256];         /* the system error that stopped the run, or "" */
	struct locate_run loc;   /* --locate */
	int located;             /* loc holds a run */
	const char *no_locate;   /* --locate asked, not run: why */
};

struct probe_state {
	struct cli c;
	struct path paths[1 + REPORT_MAX_TUNNEL_IFS]; /* the WAN, then each tunnel target */
	int npaths;
	struct capture *cap;
	struct config *cfg;             /* --config, parsed once the privileges are gone */
	struct peer_config *peer;       /* --peer-config, parsed with it */
	struct audit_peer_result *pair; /* the pair's audit, rerun with each round's */
	char err[512];
	struct watch watch;    /* --interval, --prometheus: across rounds */
	struct sites *sites;   /* --targets: where each site's report goes; NULL: stdout */
	struct rawio_mux *mux; /* --targets: the receive sockets every path shares */
};

/* probe_cmd.c, for sites.c. Each returns an exit code after a one-line
 * message, or CLI_GO_ON. */
/* Names resolved and checked, no privilege needed (priv_lower first). */
int probe_resolve_paths(struct probe_state *s);
/* The sockets, with CAP_NET_RAW raised (priv_raise first). */
int probe_open_paths(struct probe_state *s);
/* After priv_drop: --config and --peer-config read and parsed. */
int probe_read_config(struct probe_state *s);
/* What probe_read_config made, freed. */
void probe_free_config(struct probe_state *s);
/* Every path measured (and located with --locate); SIGINT, SIGTERM and
 * SIGHUP, once probe_signals() set them, stop the run. */
int probe_measure(struct probe_state *s);
void probe_signals(void);
/* One run of probe_measure's in steps, for sites.c's scheduler: before it
 * (0: ready; 1: the path failed and is reported as not measured; else an
 * exit code after a message), the method after the k-th (-1: the run
 * stands; --method auto falls back only where nothing answered), and
 * after it (rc: the engine's return; 0, or an exit code). */
int probe_run_prepare(const struct cli *c, struct path *p, enum wire_method m,
		      struct probe_config *cfg, struct probe_io *io, char *err, size_t errlen);
int probe_next_method(const struct cli *c, const struct path *p, int k);
int probe_run_done(const struct cli *c, struct path *p, int rc, const struct probe_config *cfg);
/* The run of method m that a signal came before: the path reported as
 * interrupted, nothing sent (p->run's stop and p->fault say so). */
void probe_run_skipped(const struct cli *c, struct path *p, enum wire_method m);
/* --locate for one measured path (probe_measure does it after each); not
 * run once a signal came (p->no_locate says so). */
int probe_locate_path(struct probe_state *s, struct path *p);
int probe_stopped(void);
/* What SIGINT, SIGTERM and SIGHUP set (for probe/sched.c). */
volatile sig_atomic_t *probe_stop_flag(void);
/* Measured: the report, or with s->sites, sites_report()'s row. */
int probe_report(struct probe_state *s, int argc, char **argv);
/* The sockets closed, the runs and the configuration freed; rc, or
 * EXIT_OUTPUT when the capture could not be written. */
int probe_cleanup(struct probe_state *s, int rc);
/* Messages of the functions above start "site NAME: " (NULL: none). */
void probe_message_site(const char *name);

/* sites.c: probe --targets. */
int sites_run(struct probe_state *s, int argc, char **argv);
/* One site's finished report: its row, JSON line and files. rc is the
 * site's exit status as probe would give it. */
int sites_report(struct sites *st, const struct report *r, const struct report_probe *rp, int rc);
#endif
