/* SPDX-License-Identifier: BSD-2-Clause */
/* peer: the other end of the tunnels, read from what the cloud says of
 * itself. Bytes in, a typed model out, no I/O (like config.h), from three
 * documents (peer_parse() tells them apart by what each must hold): the
 * JSON of `aws ec2 describe-vpn-connections` (aws_json.c), AWS's
 * CustomerGatewayConfiguration XML (aws_xml.c: the console's "generic"
 * download, also carried inside the describe JSON), and `terraform show
 * -json` of a state or a plan with aws_vpn_connection resources
 * (terraform.c). Every field says whether the document carried it (set),
 * the documented default applies, or (a Terraform plan) it is not known
 * until apply (unknown), because a never-modified AWS tunnel lists little
 * more than its OutsideIpAddress (doc/router-facts.md, "Options that only
 * appear once modified").
 *
 * Secrets never enter the model in clear: a tunnel's PreSharedKey (and the
 * XML's pre_shared_key, Terraform's tunnelN_preshared_key) is kept only as
 * a keyed digest (config/secret.h) for psk-mismatch, wherever it stands;
 * `secrets` counts the values not copied, so no renderer can print them.
 * Strings that are copied are cut to their field and may carry any byte:
 * renderers escape them. */
#ifndef MTUPROBE_PEER_H
#define MTUPROBE_PEER_H

#include <stddef.h>
#include <stdint.h>

#include "config/secret.h"

#define PEER_ID 64      /* vpn-..., cgw-..., tgw-... as AWS writes them */
#define PEER_ADDR 48    /* an address as written (IPv4, or IPv6 for IPv6 outside) */
#define PEER_MSG 160    /* a telemetry StatusMessage, cut */
#define PEER_TFADDR 160 /* module.x.aws_vpn_connection.name["key"] */
/* The tunnels of one Terraform aws_vpn_connection: the provider names its
 * attributes tunnel1_* and tunnel2_* and has no third (terraform.c reads them,
 * render/audit_peer_tf.c writes their fixes). */
#define PEER_TF_TUNNELS 2

/* A value and whether the document had it (set 0: the documented default). */
struct peer_num {
	long v;
	int set;
};

/* What the document says is not known (peer_tunnel.unknown and
 * peer_conn.unknown): a Terraform plan's values known only after apply,
 * or what the XML does not carry. The value is then the default, which
 * no check may take for the truth. */
#define PEER_UNK_OUTSIDE 0x001u     /* tunnelN_address */
#define PEER_UNK_INSIDE 0x002u      /* tunnelN_inside_cidr */
#define PEER_UNK_DPD_ACTION 0x004u  /* tunnelN_dpd_timeout_action */
#define PEER_UNK_DPD_SECONDS 0x008u /* tunnelN_dpd_timeout_seconds */
#define PEER_UNK_STARTUP 0x010u     /* tunnelN_startup_action */
#define PEER_UNK_IKE 0x020u         /* tunnelN_ike_versions */
#define PEER_UNK_P1_LIFE 0x040u     /* tunnelN_phase1_lifetime_seconds */
#define PEER_UNK_P2_LIFE 0x080u     /* tunnelN_phase2_lifetime_seconds */
#define PEER_UNK_BGP 0x100u         /* tunnelN_bgp_asn / tunnelN_bgp_holdtime */
#define PEER_UNK_INSIDE_ADDR 0x200u /* tunnelN_cgw_inside_address / vgw_inside_address */
#define PEER_UNK_ID 0x001u          /* connection: id */
#define PEER_UNK_STATIC 0x002u      /* connection: static_routes_only */
#define PEER_UNK_ACCEL 0x004u       /* connection: enable_acceleration */

/* Which document the model came from (peer_config.format). */
enum peer_format {
	PEER_FMT_AWS_JSON, /* aws ec2 describe-vpn-connections */
	PEER_FMT_AWS_XML,  /* CustomerGatewayConfiguration ("generic" download) */
	PEER_FMT_TF_STATE, /* terraform show -json of a state */
	PEER_FMT_TF_PLAN,  /* terraform show -json of a plan */
};

/* DPDTimeoutAction (EC2 API ModifyVpnTunnelOptionsSpecification: clear |
 * none | restart, default clear). */
enum peer_dpd_action { PEER_DPD_CLEAR, PEER_DPD_NONE, PEER_DPD_RESTART, PEER_DPD_OTHER };
/* StartupAction (same page and VpnTunnelOptionsSpecification: add | start,
 * default add: the customer gateway must initiate IKE). */
enum peer_startup { PEER_START_ADD, PEER_START_START, PEER_START_OTHER };

/* Telemetry of one tunnel (EC2 API VgwTelemetry: Status UP | DOWN). */
enum peer_status { PEER_STATUS_NONE, PEER_STATUS_UP, PEER_STATUS_DOWN, PEER_STATUS_OTHER };

/* IkeVersions as bits; both when the document lists none (the default). */
#define PEER_IKEV1 1u
#define PEER_IKEV2 2u

/* Phase1/Phase2EncryptionAlgorithms as bits, in the EC2 API's valid
 * values (ModifyVpnTunnelOptionsSpecification): AES128 | AES256 |
 * AES128-GCM-16 | AES256-GCM-16, the same for both phases. */
#define PEER_ENC_AES128 1u
#define PEER_ENC_AES256 2u
#define PEER_ENC_AES128_GCM 4u
#define PEER_ENC_AES256_GCM 8u
#define PEER_ENC_ALL 15u
/* Phase1/Phase2IntegrityAlgorithms: SHA1 | SHA2-256 | SHA2-384 | SHA2-512. */
#define PEER_INTEG_SHA1 1u
#define PEER_INTEG_SHA256 2u
#define PEER_INTEG_SHA384 4u
#define PEER_INTEG_SHA512 8u
#define PEER_INTEG_ALL 15u
/* Phase1/Phase2DHGroupNumbers: bit N for group N (valid: phase 1 2, 14-24;
 * phase 2 2, 5, 14-24). */
#define PEER_DH_P1_ALL (1ul << 2 | 0x1ffc000ul)
#define PEER_DH_P2_ALL (1ul << 2 | 1ul << 5 | 0x1ffc000ul)
/* A value of a list the reader does not know (a newer AWS algorithm). */
#define PEER_ALG_OTHER (1ul << 31)

struct peer_tunnel {
	size_t conn;                  /* index in peer_config.conns */
	size_t index;                 /* 0-based position in its connection's TunnelOptions */
	char outside[PEER_ADDR];      /* OutsideIpAddress as written */
	uint32_t outside_addr;        /* host order, when outside_v4 */
	int outside_v4;               /* OutsideIpAddress is an IPv4 address */
	char inside[PEER_ADDR];       /* TunnelInsideCidr as written, "" when absent */
	uint32_t inside_addr;         /* host order */
	unsigned inside_plen;         /* 0 when absent or not an IPv4 prefix */
	struct peer_num dpd_seconds;  /* DpdTimeoutSeconds, default 40 */
	struct peer_num dpd_action;   /* DpdTimeoutAction, enum peer_dpd_action, default clear */
	struct peer_num startup;      /* StartupAction, enum peer_startup, default add */
	struct peer_num ike;          /* IkeVersions as PEER_IKEV1 | PEER_IKEV2, default both */
	struct peer_num p1_life;      /* Phase1LifetimeSeconds, default 28800 */
	struct peer_num p2_life;      /* Phase2LifetimeSeconds, default 3600 */
	struct peer_num rekey_margin; /* RekeyMarginTimeSeconds, default 270 */
	struct peer_num rekey_fuzz;   /* RekeyFuzzPercentage, default 100 */
	/* v: PEER_ENC_*, PEER_INTEG_*, DH bits; default: every valid value */
	struct peer_num p1_enc, p2_enc, p1_integ, p2_integ, p1_dh, p2_dh;
	struct config_secret psk;  /* PreSharedKey as a keyed digest; set 0: not in the file */
	enum peer_status status;   /* from VgwTelemetry; NONE: no telemetry for it */
	char status_msg[PEER_MSG]; /* VgwTelemetry StatusMessage, cut */
	unsigned unknown;          /* PEER_UNK_* of the tunnel */
	/* From the XML (or Terraform's tunnelN_* attributes): "" / unset when absent. */
	char cgw_outside[PEER_ADDR];  /* customer_gateway tunnel_outside_address */
	char cgw_inside[PEER_ADDR];   /* customer gateway's inside address, ADDR/PLEN */
	char vgw_inside[PEER_ADDR];   /* AWS's inside address (the BGP neighbour), ADDR/PLEN */
	struct peer_num cgw_asn;      /* customer_gateway bgp asn */
	struct peer_num vgw_asn;      /* vpn_gateway bgp asn (tunnelN_bgp_asn) */
	struct peer_num hold_time;    /* bgp hold_time (tunnelN_bgp_holdtime) */
	struct peer_num mss_adjust;   /* ipsec tcp_mss_adjustment */
	struct peer_num clear_df;     /* ipsec clear_df_bit (1 true) */
	struct peer_num frag_before;  /* ipsec fragmentation_before_encryption (1 true) */
	struct peer_num dpd_interval; /* ipsec dead_peer_detection interval */
	struct peer_num dpd_retries;  /* ipsec dead_peer_detection retries */
	char ike_auth[24], ike_enc[24], ike_pfs[16], ike_mode[16]; /* ike: as written */
	char esp_proto[8], esp_auth[24], esp_enc[24], esp_pfs[16], esp_mode[16]; /* ipsec */
	int psk_present; /* the document holds a key for it (never copied) */
};

struct peer_conn {
	char id[PEER_ID];            /* VpnConnectionId */
	char cgw[PEER_ID];           /* CustomerGatewayId */
	char category[PEER_ID];      /* Category: VPN (or VPN-Classic) */
	char gateway[PEER_ID];       /* TransitGatewayId or VpnGatewayId */
	int transit;                 /* gateway is a transit gateway */
	struct peer_num static_only; /* Options.StaticRoutesOnly, default false */
	struct peer_num accel;       /* Options.EnableAcceleration, default false */
	char local_cidr[PEER_ADDR];  /* Options.LocalIpv4NetworkCidr, default 0.0.0.0/0 */
	int local_cidr_set;
	char remote_cidr[PEER_ADDR]; /* Options.RemoteIpv4NetworkCidr, default 0.0.0.0/0 */
	int remote_cidr_set;
	/* the two as IPv4 prefixes (host order); plen 33: not an IPv4 prefix */
	uint32_t local_net, remote_net;
	unsigned local_plen, remote_plen;
	char inside_ver[16]; /* Options.TunnelInsideIpVersion, default ipv4 */
	int inside_ver_set;
	char outside_type[24]; /* Options.OutsideIpAddressType, default PublicIpv4 */
	int outside_type_set;
	char address[PEER_TFADDR]; /* Terraform: the resource's address, "" otherwise */
	unsigned unknown;          /* PEER_UNK_ID, _STATIC, _ACCEL */
};

/* Growable tables: n used, cap allocated (bounded by the 16 MB input). */
#define PEER_TABLE(type, name) \
	type *name; \
	size_t n##name, cap_##name

struct peer_config {
	PEER_TABLE(struct peer_conn, conns);
	PEER_TABLE(struct peer_tunnel, tunnels);
	size_t secrets; /* keys in the document, not copied */
	enum peer_format format;
	size_t other_resources; /* Terraform: resources of other types, not read */
};

/* Why a document was refused, as a code and its numbers (the readers are
 * bytes in: render/peer_words.c words it, peer_error_words()). */
enum peer_error_code {
	PEER_E_NONE = 0,
	/* the detection (peer.c) */
	PEER_E_EMPTY,          /* the file is empty */
	PEER_E_TOP_NOT_OBJECT, /* the JSON is not an object */
	PEER_E_RAW_TFSTATE,    /* a raw terraform.tfstate */
	PEER_E_ONE_CONNECTION, /* one VpnConnection (create-vpn-connection's output) */
	PEER_E_FRAGMENT,       /* begins with a quoted key: a piece cut out of a JSON document */
	PEER_E_NOT_PEER,       /* none of the three documents */
	PEER_E_NOT_TF,         /* peer_parse_terraform(): no format_version, terraform_version */
	/* the describe-vpn-connections JSON (aws_json.c) */
	PEER_E_JSON_NOMEM,         /* out of memory reading the JSON */
	PEER_E_JSON_TRUNCATED,     /* n: its length, line: where it ends */
	PEER_E_JSON_INVALID,       /* n: byte offset, line, col; detail: json-c's words */
	PEER_E_JSON_TRAILING,      /* n: byte offset, line, col: more after the document */
	PEER_E_JSON_NO_ARRAY,      /* VpnConnections is not an array */
	PEER_E_JSON_NO_CONNECTION, /* VpnConnections is empty */
	PEER_E_JSON_TYPE,          /* key: path.member; got, want */
	PEER_E_JSON_NOT_VALUE,     /* key: path.member, n: index; want: the Value's type */
	PEER_E_JSON_IKE_VERSION,   /* key: path, n: index of IkeVersions */
	PEER_E_JSON_NOMEM_CONNS,   /* out of memory reading the VPN connections */
	PEER_E_NOT_OBJECT,         /* key: path; got: not an object (the JSON, Terraform) */
	/* the XML (aws_xml.c) */
	PEER_E_XML_NOMEM,     /* out of memory reading the XML */
	PEER_E_XML_TOO_BIG,   /* more than libxml2 reads from memory (2 GB) */
	PEER_E_XML_ENTITY,    /* line: an entity declaration or an external DTD */
	PEER_E_XML_MALFORMED, /* not well-formed, no position known */
	PEER_E_XML_AT,        /* line, col; why (enum peer_xml_why), or n: libxml2's code */
	PEER_E_XML_ROOT,      /* key: the root element's name, not vpn_connection */
	PEER_E_XML_NO_TUNNEL, /* a vpn_connection without ipsec_tunnel */
	PEER_E_XML_NUMBER,    /* key: the element ("ipsec_tunnel[0] asn"), line */
	PEER_E_XML_BOOL,      /* key, line: neither true nor false */
	PEER_E_TF_NOMEM,      /* out of memory reading the Terraform JSON */
	PEER_E_TF_TYPE,       /* key: path.attribute; got, want: enum peer_json_type */
	PEER_E_TF_NOT_STRING, /* key: path.attribute, n: its index: not a string */
	PEER_E_TF_DEPTH,      /* key: path; n: the depth allowed */
	PEER_E_TF_ARRAYS,     /* key: path: resources, child_modules not arrays */
	PEER_E_TF_CHANGES,    /* resource_changes is not an array */
	PEER_E_TF_NO_AFTER,   /* key: path (resource_changes[N].change.after) */
	PEER_E_TF_EMPTY,      /* neither values nor planned_values or resource_changes */
	PEER_E_TF_NO_VPN,     /* n: the resources of other types */
};

/* What libxml2's error was (aws_xml.c maps its codes), for PEER_E_XML_AT. */
enum peer_xml_why {
	PEER_XML_OTHER = 0, /* n has libxml2's code */
	PEER_XML_EMPTY,
	PEER_XML_AFTER_ROOT,
	PEER_XML_TAG_MISMATCH,
	PEER_XML_TRUNCATED,
	PEER_XML_NOT_CLOSED,
	PEER_XML_NO_GT,
	PEER_XML_LT_IN_ATTR,
	PEER_XML_ATTR_UNQUOTED,
	PEER_XML_ATTR_NO_VALUE,
	PEER_XML_ATTR_TWICE,
	PEER_XML_NO_NAME,
	PEER_XML_BAD_CHAR,
	PEER_XML_BAD_ENCODING,
	PEER_XML_UNDECLARED,
	PEER_XML_NO_SEMICOLON,
	PEER_XML_DECL_LATE,
	PEER_XML_UNSUPPORTED_ENCODING,
};

/* A JSON value's type, as a PEER_E_TF_* message names it. */
enum peer_json_type {
	PEER_JT_NULL,
	PEER_JT_BOOL,
	PEER_JT_NUMBER,
	PEER_JT_OBJECT,
	PEER_JT_ARRAY,
	PEER_JT_STRING,
	PEER_JT_OTHER,
};

struct peer_error {
	enum peer_error_code code;
	long line, col; /* PEER_E_XML_*: 1-based; 0 not known */
	long n;         /* the code's number (see above) */
	enum peer_xml_why why;
	enum peer_json_type got, want;
	char where[96];     /* the embedded XML's place in the describe JSON
	                            * ("VpnConnections[0].CustomerGatewayConfiguration"), or "" */
	char key[192];      /* the element, attribute or path named (never a value) */
	const char *detail; /* PEER_E_JSON_INVALID: json-c's own (English) words, static */
};

/* Reads buf into *p: the describe-vpn-connections JSON, the
 * CustomerGatewayConfiguration XML or terraform show -json, told apart by
 * positive evidence (a VpnConnections array; format_version and
 * terraform_version; an XML root element vpn_connection). Returns 0, or -1
 * with why in *e (struct peer_error): the position of a syntax error (JSON: byte
 * offset and line; XML: line and column) or of the end of a truncated
 * document, what the document is not, an XML document declaring entities
 * (refused: entity expansion and external entities), a field of the wrong
 * type, or memory. It never quotes a value from the document.
 * Call peer_free() after either outcome. */
int peer_parse(const char *buf, size_t len, struct peer_config *p, struct peer_error *e);
/* 1 when buf is one of the documents above by its first byte (after a
 * byte order mark and blanks: '{', '[' or '<'), or holds nothing but
 * blanks (peer_parse() says what is missing); 0 when it is text of
 * another kind, which audit --peer-config reads as a second router's
 * configuration (config_parse()). No router format begins so. */
int peer_is_document(const char *buf, size_t len);
/* One front end alone (the fuzz harnesses): the same contract, refusing
 * what is not its own format. */
int peer_parse_aws_xml(const char *buf, size_t len, struct peer_config *p, struct peer_error *e);
int peer_parse_terraform(const char *buf, size_t len, struct peer_config *p, struct peer_error *e);
void peer_free(struct peer_config *p);
const char *peer_format_name(enum peer_format f);

/* AWS's documented defaults into a zeroed tunnel / connection (each field
 * set 0): the starting point of every front end that fills this model. */
void peer_tunnel_defaults(struct peer_tunnel *t);
void peer_conn_defaults(struct peer_conn *pc);

/* A dotted IPv4 address (the config parsers' reader), host order; -1 if not. */
int peer_ipv4(const char *s, uint32_t *addr);

/* Default values, as documented (aws_json.c cites each). */
const char *peer_dpd_action_name(enum peer_dpd_action a);
const char *peer_startup_name(enum peer_startup s);

#endif
