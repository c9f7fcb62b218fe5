/* SPDX-License-Identifier: BSD-2-Clause */
/* One option table (options.c) generates getopt_long's arrays and the usage
 * text for every subcommand; numbers go through one range-checked parser. */
#ifndef MTUPROBE_OPTIONS_H
#define MTUPROBE_OPTIONS_H

#include "core/model.h"
#include "render/render.h"

/* Exit codes: documented in mtuprobe(1), EXIT STATUS (tests/cli/facts.py
 * compares both manuals with this table). Only src/cli exits. */
enum exit_code {
	EXIT_OK = 0,           /* calc: computed; probe: measured and verified; inspect: read;
	                        * audit: no warning or error */
	EXIT_NOT_MEASURED = 1, /* probe: no answer at any size, unreachable, unverified */
	EXIT_USAGE = 2,        /* bad option, value, name or file */
	EXIT_BELOW = 3,        /* probe: below --expect-mtu */
	EXIT_PRIVILEGE = 4,    /* probe: no CAP_NET_RAW */
	EXIT_FINDINGS = 5,     /* audit: at least one warning or error finding */
	EXIT_OUTPUT = 6,       /* the report or the capture file could not be written */
};

/* What a step of a command returns: CLI_GO_ON to carry on, else the exit
 * status to stop with (its message already printed). Not an exit status. */
#define CLI_GO_ON 0

enum cmd { CMD_CALC = 1, CMD_PROBE = 2, CMD_INSPECT = 4, CMD_AUDIT = 8, CMD_REPORT = 16 };

#define CLI_IFNAME 80 /* an interface name as given (RouterOS: up to 63) */

/* --format value: what to configure; --format measured: what was measured. */
enum { VALUE_SET = 1, VALUE_MEASURED = 2 };

/* --method: the first three are enum wire_method's values. */
enum cli_method { METHOD_ICMP = 0, METHOD_UDP = 1, METHOD_TCP = 2, METHOD_AUTO = 3 };
#define DEFAULT_TCP_PORT 443   /* auto's TCP fallback, and --method tcp without --port */
#define DEFAULT_UDP_PORT 33434 /* traceroute's first port: closed on almost every host */

struct cli {
	enum cmd cmd;
	/* model */
	unsigned wan_mtu, ping_payload;
	const char *line, *esp, *stack, *peer, *vendors, *rtx_model;
	const char *vendors_from; /* NULL: --vendor; else where the default came from */
	int nat_t, transport, outer_v6, outer_given;
	const char *wan_if[VENDOR_COUNT], *tunnel_if[VENDOR_COUNT];
	/* --tunnel-if VENDOR=IF[,IF...]: the names, split */
	char tunnel_names[VENDOR_COUNT][REPORT_MAX_TUNNEL_IFS][CLI_IFNAME];
	size_t ntunnel_names[VENDOR_COUNT];
	int json, quiet;
	int value;          /* --format value (VALUE_SET) or measured (VALUE_MEASURED); 0 */
	const char *format; /* --format as given, to refuse a second one */
	/* probe */
	int family; /* 0 = as the target resolves, 4, 6 */
	const char *iface, *pcap, *user, *config;
	unsigned min_size, max_size, timeout_ms, retries, rate, max_probes, expect_mtu;
	unsigned total_rate; /* --targets --total-rate: all sites' probes per second, 0 = default */
	unsigned interval;   /* --interval: seconds between rounds, 0 = one round */
	const char *prometheus;   /* --prometheus FILE */
	int method;               /* enum cli_method */
	unsigned port;            /* --port, 0 = the method's default */
	int locate;               /* --locate: name the hop after which big packets vanish */
	int keep_mtu;             /* --keep-mtu: keep the configured tunnel MTU, lower the clamp */
	unsigned max_hops;        /* --max-hops, 0 = LOCATE_DEF_HOPS */
	const char *peer_config;  /* audit --peer-config FILE: the peer's own configuration */
	const char *targets_file; /* probe --targets FILE: the inventory of sites (cli/sites.c) */
	const char *out_dir;      /* probe --targets --out-dir DIR: one file per site and vendor */
	const char *targets
		[1 +
		 REPORT_MAX_TUNNEL_IFS]; /* probe: WAN, then tunnels; inspect, audit: the file */
	int ntargets;
	int files_at; /* report: argv index of the first FILE (ntargets of them) */
};

/* Parses argv (argv[0] is the subcommand). Returns 0, 1 for --help/--version
 * (already printed), or -1 with a one-line message in err. */
int cli_parse(enum cmd cmd, int argc, char **argv, struct cli *c, char *err, size_t errlen);

/* calc, probe: --vendor's default from MTUPROBE_VENDOR or
 * $XDG_CONFIG_HOME/mtuprobe/config (cli/defaults.c). 0, or -1 with err. */
int cli_defaults(struct cli *c, char *err, size_t errlen);

/* Turns parsed options into a model input and vendor selection. */
int cli_model(const struct cli *c, unsigned wan_mtu_override, struct model_input *in,
	      struct report_vendors *rv, char *err, size_t errlen);

/* "mtuprobe 0.1.0 calc --line flets-pppoe ...", safe for comments. */
void cli_producer(char *buf, size_t len, int argc, char **argv);

/* Vendor interface names: what was given, else the defaults for this line. */
void cli_ifaces(const struct cli *c, enum wan_kind k, struct report_vendors *rv);

void cli_usage(FILE *f, enum cmd cmd);
/* Every option of cmd as "--name -c ...", for the completion script. */
void cli_option_words(FILE *f, enum cmd cmd);

/* The option table, read by the completion generators (completion.c). */
struct cli_option_info {
	const char *name;
	int shortopt;    /* its letter, or 0 */
	unsigned cmds;   /* CMD_* bits */
	const char *arg; /* argument name, NULL: takes none */
	int numeric;     /* the argument is a number (nothing to complete) */
	const char *help;
};
/* The i-th option; 0, or -1 past the end. */
int cli_option_at(size_t i, struct cli_option_info *out);

#endif
