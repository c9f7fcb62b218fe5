/* SPDX-License-Identifier: BSD-2-Clause */
/* Renderers: one entry point per output, each fed one finished report.
 * No renderer decides anything; they only show what the report holds. */
#ifndef MTUPROBE_RENDER_H
#define MTUPROBE_RENDER_H

#include <stdio.h>
#include "core/audit.h"
#include "core/fault.h"
#include "core/model.h"
#include "render/vendor.h"

/* Tunnel interfaces one run prints lines for (AWS provisions two, a hub a
 * few); more is refused on the command line with a message, never cut. */
#define REPORT_MAX_TUNNEL_IFS 16

struct report_vendors {
	int enabled[VENDOR_COUNT];
	const char *wan_if[VENDOR_COUNT];
	const char *tunnel_if[VENDOR_COUNT]
			     [REPORT_MAX_TUNNEL_IFS]; /* --tunnel-if rtx=tunnel1,tunnel2 */
	size_t ntunnel_if[VENDOR_COUNT];              /* 1 when none is given: the default name */
	const struct rtx_model *rtx;                  /* --rtx-model, or NULL */
	const char *disabled;       /* non-NULL: print the lines commented out, saying why */
	int replaced[VENDOR_COUNT]; /* --config: the site's change set replaces these */
};

struct probe_run;      /* src/probe/engine.h */
struct probe_findings; /* src/probe/findings.h */
struct locate_run;     /* src/probe/locate.h */
struct locate_result;  /* src/core/locate.h */

/* What probe adds to a calc report. */
/* How one path was probed (--method). */
struct report_method {
	const char *name; /* "icmp", "udp" or "tcp" */
	unsigned port;    /* UDP/TCP: the target's port; 0 for ICMP */
	int fell_back;    /* --method auto: echo got no reply at any size */
};

/* Why a path was not measured (core/fault.h), worded by render_fault_*. */
struct report_fault {
	int code;          /* enum fault; FAULT_NONE: measured */
	const char *error; /* the system error's message, or NULL */
};

/* A tunnel path after the first (probe WAN T1 T2 ...). */
struct report_tunnel {
	const char *target;
	char addr[64];
	const struct probe_run *run; /* NULL when not run */
	const struct probe_findings *f;
	struct report_method m;
	struct report_fault fault;
	int vs_model;                    /* enum tunnel_verdict; -1 not judged */
	struct tunnel_judgement verdict; /* its numbers, when judged */
};

/* probe --config --esp: the ESP given differs from the configuration's
 * (its first tunnel the audit read), which the change set uses; given
 * NULL: it does not differ. Worded by probe_esp_differs_words(). */
struct esp_differs {
	const char *given, *config;  /* --esp's transform, the configuration's */
	int given_natt, config_natt; /* --nat-t given; the configuration's NAT-T */
	const char *tunnel;          /* the configuration's tunnel it is read from */
};

struct report_probe {
	const char *wan_target, *tunnel_target;        /* as given */
	char wan_addr[64], tunnel_addr[64];            /* resolved */
	char source[64];                               /* our source address */
	int family;                                    /* 4 or 6 */
	const struct probe_run *wan;                   /* never NULL in a probe report */
	const struct probe_run *tunnel;                /* NULL without TUNNEL_TARGET */
	const struct probe_findings *wan_f, *tunnel_f; /* what the records say; tunnel_f NULL
	                                           * when tunnel is */
	struct report_method wan_m, tunnel_m;          /* tunnel_m.name NULL without a tunnel run */
	struct report_fault wan_fault, tunnel_fault;   /* why each path was not measured */
	int locate;                                    /* --locate was given */
	const struct locate_run *wan_loc, *tunnel_loc; /* --locate's runs; NULL when not run */
	const char *wan_no_loc, *tunnel_no_loc;        /* --locate given but not run: why */
	int tunnel_vs_model;                           /* enum tunnel_verdict; -1 = not judged */
	unsigned expect_mtu;                           /* 0 = not given */
	int below_expect;
	struct tunnel_judgement verdict; /* the comparison, when judged */
	const char *no_config;           /* why there is no model although the WAN was
	                                           * measured (a stack with no room), or NULL */
	/* --config: the router's configuration audited with the measured WAN
	 * path MTU, and where it disagrees with the measurement; NULL without. */
	const char *config_file;
	const struct audit_result *audit;
	const struct audit_vs *vs;
	struct esp_differs esp_differs; /* --esp differs from the configuration's */
	/* --peer-config: the pair's audit (the router's configuration and the
	 * peer's) and the peer file's name; NULL without. */
	const struct audit_peer_result *peer;
	const char *peer_file;
	struct report_tunnel more[REPORT_MAX_TUNNEL_IFS - 1]; /* tunnel targets 2.. */
	size_t nmore;
};

struct report {
	const char *command; /* "calc" or "probe" */
	char producer[256];  /* "mtuprobe 0.1.0 calc --line flets-pppoe ..." */
	const struct model_input *in;
	const struct model_result *m;
	int quiet;    /* only the configuration lines */
	int measured; /* --format measured: the measured path MTUs */
	struct report_vendors vendors;
	const struct report_probe *probe; /* NULL for calc */
};

void render_text(FILE *f, const struct report *r);
void render_json(FILE *f, const struct report *r);
void render_configs(FILE *f, const struct report *r);
/* --format value: what to set, WAN MTU, tunnel MTU, MSS; --format
 * measured (r->measured): the measured path MTUs (render/value.c). */
void render_value(FILE *f, const struct report *r);

/* Text and JSON pieces for the probe part (render/probe_out.c). */
void render_probe_text(FILE *f, const struct report *r);
/* The lines an engineer acts on, first: per path what was measured and
 * whether it is verified, what to set, the one-line verdict. */
void render_probe_answer(FILE *f, const struct report *r);
void render_probe_json(FILE *f, const struct report *r);
/* --locate (render/locate_out.c): a path's finding in the text report, and
 * its "locate" object; the top-level "blackhole_after". */
void render_locate_text(FILE *f, const struct locate_run *loc, const char *no_loc);
void render_locate_json(FILE *f, const struct locate_run *loc, const char *no_loc, int asked);
void render_blackhole_json(FILE *f, const struct report_probe *p);
/* --locate's finding (r->why and the hops it names) in words: the user's
 * language when localized, else the English --json's "reason" carries
 * (render/locate_words.c). */
#define LOCATE_WORDS_LEN 512 /* the longest reason with two IPv6 hops, and room */
void locate_words(const struct locate_result *r, int localized, char *buf, size_t len);
/* --config: the configuration against the measurement, and its audit. */
void render_probe_config_text(FILE *f, const struct report *r);
void render_probe_config_json(FILE *f, const struct report *r);

/* --prometheus numbers a probe report's paths: the WAN (0), the first
 * tunnel target (1, path="tunnel" as before several were measured) and the
 * tunnel targets after it (2.., path="tunnel2", "tunnel3" ...: the names of
 * the inventory's columns, config/inventory.c), so that no tunnel's samples
 * are left out and a dashboard's path="tunnel" still means the first one. */
#define PROM_PATHS (1 + REPORT_MAX_TUNNEL_IFS)
struct prom_path {
	char name[16];               /* the path label */
	const char *target;          /* as given */
	const struct probe_run *run; /* NULL: not run */
	const struct report_fault *fault;
};
/* Fills out[] in that order; returns how many paths the report has. */
int prom_paths(const struct report_probe *p, struct prom_path out[PROM_PATHS]);

/* --prometheus: what lasts between rounds of --interval (cli/watch.c),
 * per path in prom_paths()'s order. */
struct prom_state {
	unsigned long rounds;               /* rounds reported so far, this one included */
	long long last_success[PROM_PATHS]; /* Unix time the path was last measured and
	                                     * verified; 0: never */
	unsigned last_mtu[PROM_PATHS];      /* the path MTU last measured; 0: none yet */
	unsigned long errors[PROM_PATHS]
			    [FAULT_COUNT]; /* rounds the path was not measured, by why */
};
/* The node_exporter textfile format for a probe report (render/prometheus.c). */
void render_prometheus(FILE *f, const struct report *r, const struct prom_state *st);

/* An enum tunnel_verdict as JSON's tunnel_vs_model, probe --targets' table
 * and watch's events say it ("agrees"); NULL for none (probe_out.c). */
const char *render_verdict_key(int verdict);

/* A fault in words (render/fault_words.c): its key, the token of JSON's
 * "fault" and of Prometheus's reason label ("no_route"; NULL for
 * FAULT_NONE), and a phrase for text ("no route to the target"). */
const char *render_fault_key(int fault);
const char *render_fault_words(int fault);

/* JSON helpers shared by the renderers (render/json.c). */
void json_string(FILE *f, const char *s);
/* ,"key":v (or null when !ok) and ,"key":"v" (or null when v is NULL). */
void json_key_uint(FILE *f, const char *key, int ok, unsigned v);
void json_key_string(FILE *f, const char *key, const char *v);
/* A string from outside (a file name) in a text report: control characters
 * as \xNN, so that no ESC sequence or newline reaches the terminal. */
void text_string(FILE *f, const char *s);

/* A configuration's description (desc.c): " (DESC)" in the output
 * locale's charset, escaped where it cannot be; desc_utf8 converts it for
 * JSON (0, or -1 when it is neither UTF-8 nor CP932). */
void text_desc(FILE *f, const char *desc);
int desc_utf8(const char *desc, char *out, size_t len);

/* Room for a sentence in the user's language: UTF-8 Japanese takes three
 * bytes a character, so localized words get more than MODEL_MSG. */
#define RENDER_WORDS 1024

/* The model's steps and warnings in words (model_words.c): localized, in
 * the user's language (the text report); else English (--json). */
void model_step_words(const struct model_step *s, int localized, char *buf, size_t len);
void model_warning_words(const struct model_warning *w, int localized, char *buf, size_t len);
/* A peer profile's display: its product name as written, or (a description,
 * PEER_DISPLAY_UNKNOWN) words in the user's language when localized, else
 * the English of core/presets.c. */
const char *render_peer_display(const struct peer_def *p, int localized);
/* Why the model refused its input (core/model.h), localized as above;
 * model_error_english() is the same in English, for model_error_say(). */
void model_error_words(const struct model_error *e, int localized, char *buf, size_t len);
void model_error_english(const struct model_error *e, char *buf, size_t len);
/* The probe's tunnel verdict (core/compare.c) in words, localized as above. */
void tunnel_verdict_words(const struct tunnel_judgement *j, int localized, char *buf, size_t len);

/* Why a probe run believes its answer (probe_words.c), localized as above;
 * lead_said: the caller says "not verified" itself (the text report's
 * "NOT verified:"), so a leading "not verified: " is left out. */
#define PROBE_WORDS_LEN 640
void probe_confidence_words(const struct probe_run *run, int localized, int lead_said, char *buf,
			    size_t len);
/* A warning of the run (probe/engine.h struct probe_warning), localized as
 * above; English is cut at PROBE_WARN_LEN by the caller, as before. */
struct probe_warning;
void probe_warning_words(const struct probe_warning *w, int localized, char *buf, size_t len);
/* What to do when the SYN-ACK's MSS does not fit the path MTU
 * (probe/findings.h mss_too_big), localized as above. */
void probe_mss_words(const struct probe_findings *fd, int localized, char *buf, size_t len);
/* struct esp_differs in words, localized as above. */
void probe_esp_differs_words(const struct esp_differs *e, int localized, char *buf, size_t len);
/* Why a run stopped (enum probe_stop), as --json's "stop" says it, localized. */
const char *probe_stop_words(int stop, int localized);

#endif
