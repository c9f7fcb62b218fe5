/* SPDX-License-Identifier: BSD-2-Clause */
/* model: from a line MTU and an encapsulation stack to the tunnel MTU and the
 * MSS values, with every step recorded so the renderers can show the
 * arithmetic. Pure: no I/O, no globals that change. */
#ifndef MTUPROBE_MODEL_H
#define MTUPROBE_MODEL_H

#include <stddef.h>
#include "base/ip.h" /* IP_MIN_MTU4/6, IP_MAX_MTU, IP_MSS4/6_HDR */
#include "core/overhead.h"

#define MODEL_MAX_LAYERS 12
/* Room for the deepest stack: an ESP layer is up to 4 steps and 6 pieces
 * (header, IV, then pad, trailer, ICV, block pad); a table that still fills
 * up fails model_compute, never truncates the picture (issue 20). */
#define MODEL_MAX_STEPS (MODEL_MAX_LAYERS * 4 + 16)
#define MODEL_MAX_PICTURE (MODEL_MAX_LAYERS * 6 + 4)
#define MODEL_MAX_WARN 10
#define MODEL_MSG 400

/* How the WAN is reached: decides the vendors' default interfaces. */
enum wan_kind { WAN_ETHER, WAN_PPPOE, WAN_4IN6 };

struct line_preset {
	const char *name;
	unsigned mtu; /* IP MTU of the line */
	enum wan_kind kind;
	const char *what;
	const char *source;
};

/* What a peer's display is: a product's name, printed as written in any
 * language, or a description, which render words in the user's language
 * (render_peer_display(); display keeps the English for --json and the
 * audit's arguments). */
enum peer_display_kind { PEER_DISPLAY_NAME, PEER_DISPLAY_UNKNOWN };

struct peer_def {
	const char *name;
	const char *display;
	unsigned max_mtu;  /* largest tunnel MTU the peer supports */
	unsigned max_mss4; /* largest IPv4 MSS the peer supports */
	int pmtud;         /* 0: no ICMP comes back through its tunnels */
	const char *source;
	/* What the audit needs to know about the peer's behaviour. */
	int waits;                        /* 1: by default the customer side must start IKE */
	int respond_only;                 /* 1: the router must only respond, never initiate */
	int needs_natt;                   /* 1: NAT-T must be on on the customer side */
	int non_yamaha;                   /* 1: not a Yamaha router (no Yamaha heartbeat) */
	int field;                        /* 1: behaviour field-observed, not vendor-documented */
	unsigned dpd_interval, dpd_count; /* keepalive to suggest; 0 = the router's defaults */
	const char *behaviour;            /* one line: what the audit assumes (marked N_(): the
	                            * audit's text translates it) */
	unsigned dead_after; /* s without DPD replies before the peer ends its side; 0 unknown */
	enum peer_display_kind display_kind;
};

struct esp_proposal {
	const struct cipher_def *cipher;
	const struct integ_def *integ; /* NULL for AEAD ciphers */
	int integ_dropped;             /* an integrity written beside an AEAD cipher, left out */
	char text[64];                 /* as given, for output */
};

struct model_input {
	unsigned link_mtu;              /* the number given, or the preset's */
	unsigned ping_payload;          /* nonzero: link_mtu came from a ping payload */
	int measured;                   /* link_mtu is a measured WAN path MTU */
	const struct line_preset *line; /* NULL when given as a number */
	const struct layer_def *stack[MODEL_MAX_LAYERS];
	size_t nstack; /* outermost first; 0 = no tunnel */
	int has_esp;
	struct esp_proposal esp;
	const struct peer_def *peer; /* NULL = no peer limits */
};

/* What a step of the arithmetic is; render/model_words.c words each one
 * (core returns codes and numbers, the edge words them in the user's
 * language). */
enum model_step_id {
	STEP_PING_PAYLOAD, /* largest ping payload that passed */
	STEP_PING_ICMP,    /* + ICMP echo header */
	STEP_PING_IPV4,    /* + IPv4 header */
	STEP_PING_LINE,    /* = line MTU, the whole IP packet */
	STEP_MEASURED,     /* WAN path MTU as measured */
	STEP_LINE_PRESET,  /* line MTU: what (source) */
	STEP_LINE_GIVEN,   /* line MTU as given */
	STEP_LAYER,        /* a layer's header: what (source) */
	STEP_WAN,          /* = WAN MTU */
	STEP_ESP_HEADER,   /* ESP header (source) */
	STEP_ESP_IV,       /* IV of a cipher: what (source) */
	STEP_ESP_ICV,      /* ICV: what (source) */
	STEP_ESP_LEFT,     /* = left for payload and trailer */
	STEP_ESP_ROUNDED,  /* ~ rounded down to a multiple of n (what block) */
	STEP_ESP_TRAILER,  /* - pad length + next header */
	STEP_TRANSPORT_IP, /* + IP header shared in transport mode */
	STEP_TUNNEL,       /* = tunnel MTU */
};

/* One line of the step-by-step arithmetic. */
struct model_step {
	char op; /* ' ' start, '-' minus, '+' plus, '=' result, '~' round down */
	long value;
	enum model_step_id id;
	const char *what;   /* a table's description (marked N_() where it is one), or NULL */
	const char *source; /* where the number comes from (never translated), or NULL */
	unsigned n;         /* STEP_ESP_ROUNDED: the block */
};

/* What a probe through the tunnel saw (compare.c). */
struct tunnel_evidence {
	unsigned measured;       /* tunnel path MTU */
	unsigned device_mtu;     /* a PTB reported this MTU, above measured, while the sizes
	                            * between got no answer; 0 = none */
	const char *device_from; /* who sent that PTB (an address), or NULL */
};

enum tunnel_verdict {
	TUNNEL_BELOW, /* set lower than the line allows (RTX left at 1280) */
	TUNNEL_AGREES,
	TUNNEL_ABOVE,    /* passes above the model: fragmented after encryption */
	TUNNEL_LOST,     /* the tunnel takes more than crosses: lost after encryption */
	TUNNEL_NO_MODEL, /* no --esp/--stack: nothing to compare with */
};

/* The verdict with the numbers it names (render/model_words.c says it). */
struct tunnel_judgement {
	enum tunnel_verdict verdict;
	unsigned measured;             /* the tunnel path MTU */
	unsigned device_mtu;           /* LOST: what the tunnel takes (a PTB's MTU) */
	char device_from[64];          /* LOST: who reported it; "" = unknown */
	unsigned model;                /* ABOVE: what the WAN MTU and the ESP carry */
	unsigned wan_mtu;              /* ABOVE: that WAN MTU */
	unsigned set;                  /* the tunnel MTU to set (LOST, ABOVE), that can be
	                            * set (BELOW), or that the model gives (AGREES) */
	unsigned safe_mss4, safe_mss6; /* the largest MSS clamp that survives; mss6 0:
	                            * no IPv6 below 1280 */
};

/* What a warning of the model says; MW_TEXT is one worded elsewhere (the
 * probe's, until they are codes too). render/model_words.c words them. */
enum model_warn_id {
	MW_TEXT,
	MW_LINE_SMALLER,      /* measured a below the line's b (name): something smaller */
	MW_LINE_LARGER,       /* measured a above the line's b (name): another line? */
	MW_PEER_CAP,          /* name allows MTU a / MSS b: c capped */
	MW_PEER_NO_PMTUD,     /* name: no PMTUD through the tunnel */
	MW_TUNNEL_NO_V6,      /* tunnel MTU a below 1280 */
	MW_OUTER6_SMALL,      /* outer IPv6 on a WAN MTU a below 1280 */
	MW_TUNNEL,            /* the probe's tunnel verdict (tj); name: its target
	                           * after the first, NULL for the first */
	MW_TUNNEL_PATH_NO_V6, /* measured tunnel path MTU a below 1280 */
	MW_INTEG_DROPPED,     /* an integrity written beside an AEAD cipher: left out */
	MW_MORE,              /* a more warnings not shown */
};

struct model_warning {
	enum model_warn_id id;
	unsigned a, b, c;
	const char *name;           /* a line preset's description or a peer's name */
	struct tunnel_judgement tj; /* MW_TUNNEL only */
	char text[MODEL_MSG];       /* MW_TEXT only: English (--json) */
	char local[2 * MODEL_MSG];  /* MW_TEXT: the same in the user's language, worded by
	                           * the caller at the edge (cli); "" = as text */
};

/* One piece of the packet at the maximum size. */
struct model_piece {
	const char *name; /* short: "ipv4", "udp", "esp", "iv", "inner", "pad", "trailer", "icv" */
	unsigned bytes;
};

struct model_result {
	unsigned link_mtu;
	unsigned wan_mtu; /* largest outer IP packet */
	enum wan_kind wan_kind;
	unsigned wan_mtu6; /* IPv6 MTU of the WAN: wan_mtu, or on a 4in6
	                                     * line the native IPv6 MTU under the tunnel */
	unsigned wan_mss4, wan_mss6;
	int wan_v6_ok; /* wan_mtu6 >= 1280 */
	int has_tunnel;
	unsigned tunnel_mtu_model;     /* what the stack allows */
	unsigned tunnel_mtu;           /* recommended: after peer limits */
	int capped;                    /* peer limit applied */
	unsigned mss4, mss6;           /* tunnel MSS */
	int v6_ok;                     /* tunnel_mtu >= 1280 */
	unsigned safe_mss4, safe_mss6; /* probe: the largest MSS clamp the measured tunnel
	                                     * carries as it stands; 0 = not measured */
	unsigned esp_pad;              /* padding at the maximum size (first ESP) */
	struct model_step steps[MODEL_MAX_STEPS];
	size_t nsteps;
	struct model_piece picture[MODEL_MAX_PICTURE];
	size_t npicture;
	unsigned picture_total;
	struct model_warning warnings[MODEL_MAX_WARN];
	size_t nwarn;
	int overflow;          /* a step or piece did not fit (a bug: said, not hidden) */
	unsigned warn_dropped; /* warnings beyond the table: the last slot says how many */
};

/* ping's -s / -l payload <-> the whole IP packet: IPv4 header 20 + ICMP 8
 * (RFC 791, RFC 792); IPv6 header 40 + ICMPv6 8 (RFC 8200, RFC 4443). */
#define MODEL_ICMP4_HDRS 28
#define MODEL_ICMP6_HDRS 48
unsigned model_icmp_packet(unsigned payload, int family);
long model_icmp_payload(unsigned packet, int family);

/* Tables (presets.c). */
const struct line_preset *model_line(const char *name);
const struct line_preset *model_line_at(size_t i);
const struct peer_def *model_peer(const char *name);
void model_line_names(char *buf, size_t len);
void model_peer_names(char *buf, size_t len);

/* Why the model refused its input: a code and the words the message
 * quotes (the token, the proposal, a layer's name) or its number. Core
 * says no sentence; render/model_words.c words it (model_error_words()),
 * in the user's language for the text output, in English for --json. */
enum model_error_code {
	MODEL_E_NONE,
	MODEL_E_ESP_LENGTH,      /* n: the longest proposal */
	MODEL_E_ESP_TWO_CIPHERS, /* a: the proposal */
	MODEL_E_ESP_TWO_INTEGS,  /* a: the proposal */
	MODEL_E_ESP_UNKNOWN,     /* a: the token, b: the proposal */
	MODEL_E_ESP_NO_CIPHER,   /* a: the proposal */
	MODEL_E_ESP_NEEDS_INTEG, /* a: the proposal, b: the cipher */
	MODEL_E_STACK_LIST,      /* --stack is not a comma-separated list */
	MODEL_E_STACK_UNKNOWN,   /* a: the token */
	MODEL_E_STACK_TOO_MANY,  /* n: MODEL_MAX_LAYERS */
	MODEL_E_STACK_FIRST,     /* a: the first layer */
	MODEL_E_STACK_INSIDE,    /* a: the layer, b: the one outside it */
	MODEL_E_LINK_RANGE,      /* n: the line MTU */
	MODEL_E_NEED_ESP,        /* the stack has ESP and no proposal */
	MODEL_E_ACCESS_LEFT,     /* n: bytes the access layers leave */
	MODEL_E_NO_ROOM,         /* n: bytes left, a: after this layer */
	MODEL_E_OVERFLOW,        /* the steps table is full (a bug) */
};
struct model_error {
	enum model_error_code code;
	char a[64], b[64];
	long n;
};

/* strongSwan ESP proposal syntax (proposal.c): "aes128-sha1",
 * "aes256-sha256-modp2048", "aes128gcm16", "chacha20poly1305", "3des-md5".
 * Returns 0, or -1 with e set. */
int model_read_proposal(const char *s, struct esp_proposal *out, struct model_error *e);

/* "ipv4,udp,esp": outermost first. Returns 0, or -1 with e set. */
int model_read_stack(const char *list, struct model_input *in, struct model_error *e);

/* The same three with e worded into err by the function model_error_say()
 * set (cli sets render's English words, for callers that keep a text:
 * probe's --json), or the code's number when none is set (unit tests).
 * The audit carries the code itself (AA_MODEL), worded where it prints. */
int model_parse_proposal(const char *s, struct esp_proposal *out, char *err, size_t errlen);
int model_parse_stack(const char *list, struct model_input *in, char *err, size_t errlen);
typedef void (*model_error_wording)(const struct model_error *e, char *buf, size_t len);
void model_error_say(model_error_wording fn);
/* Sets e (a and b copied, NULL as ""); returns -1. */
int model_error_set(struct model_error *e, enum model_error_code code, const char *a, const char *b,
		    long n);
/* Words e into err as above; returns -1. */
int model_error_out(const struct model_error *e, char *err, size_t errlen);

/* The usual IPsec stack: outer IPv4 or IPv6, UDP if NAT-T, ESP. */
void model_default_stack(struct model_input *in, int outer_v6, int nat_t, int transport);

/* How the WAN is reached: the stack's access layer, else the line preset's. */
enum wan_kind model_wan_kind(const struct model_input *in);

/* Compute everything. Returns 0, or -1 with e set (no room left, ...);
 * model_compute words e into err as model_parse_proposal does. */
int model_run(const struct model_input *in, struct model_result *out, struct model_error *e);
int model_compute(const struct model_input *in, struct model_result *out, char *err, size_t errlen);

/* Judge the measured tunnel path against the model (when m->has_tunnel)
 * or alone: sets the tunnel numbers to what is safe, the largest safe MSS
 * clamp (safe_mss4/6), and the verdict with its numbers in j; a
 * disagreement also becomes a warning (MW_TUNNEL). Returns j->verdict. */
int model_judge_tunnel(struct model_result *m, const struct tunnel_evidence *ev,
		       struct tunnel_judgement *j);
/* The verdict on another tunnel target (host) as a warning of m. */
void model_warn_tunnel(struct model_result *m, const char *host, const struct tunnel_judgement *j);

/* No stack was given: the measured tunnel path MTU is the tunnel MTU. */
void model_use_measured_tunnel(struct model_result *m, unsigned measured);

/* A slot for an MW_TEXT warning the caller words (text, local), or NULL
 * when the table is full (the last slot then counts what was not shown). */
struct model_warning *model_warn_add(struct model_result *r);
/* A warning by its code and one number (a). */
void model_warn_id(struct model_result *r, enum model_warn_id id, unsigned a);

#endif
