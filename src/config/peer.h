/* SPDX-License-Identifier: BSD-2-Clause */
/* peer: the other end of the tunnels, read from what the cloud says of
 * itself. Bytes in, a typed model out, no I/O (like config.h): today the
 * JSON of `aws ec2 describe-vpn-connections` (aws_json.c). Every field
 * says whether the document carried it (set) or the documented default
 * applies, because a never-modified AWS tunnel lists little more than its
 * OutsideIpAddress (doc/router-facts.md, "Options that only
 * appear once modified").
 *
 * Secrets never enter the model in clear: a tunnel's PreSharedKey is kept
 * only as a keyed digest (config/secret.h) for psk-mismatch, and
 * CustomerGatewayConfiguration (an XML document that embeds the keys) is
 * not read, so no renderer can print them. Strings that are copied are
 * cut to their field and may carry any byte: renderers escape them. */
#ifndef MTUPROBE_PEER_H
#define MTUPROBE_PEER_H

#include <stddef.h>
#include <stdint.h>

#include "config/secret.h"

#define PEER_ID 64          /* vpn-..., cgw-..., tgw-... as AWS writes them */
#define PEER_ADDR 48        /* an address as written (IPv4, or IPv6 for IPv6 outside) */
#define PEER_MSG 160        /* a telemetry StatusMessage, cut */

/* A value and whether the document had it (set 0: the documented default). */
struct peer_num {
	long v;
	int set;
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
#define PEER_ENC_AES128     1u
#define PEER_ENC_AES256     2u
#define PEER_ENC_AES128_GCM 4u
#define PEER_ENC_AES256_GCM 8u
#define PEER_ENC_ALL        15u
/* Phase1/Phase2IntegrityAlgorithms: SHA1 | SHA2-256 | SHA2-384 | SHA2-512. */
#define PEER_INTEG_SHA1     1u
#define PEER_INTEG_SHA256   2u
#define PEER_INTEG_SHA384   4u
#define PEER_INTEG_SHA512   8u
#define PEER_INTEG_ALL      15u
/* Phase1/Phase2DHGroupNumbers: bit N for group N (valid: phase 1 2, 14-24;
 * phase 2 2, 5, 14-24). */
#define PEER_DH_P1_ALL      (1ul << 2 | 0x1ffc000ul)
#define PEER_DH_P2_ALL      (1ul << 2 | 1ul << 5 | 0x1ffc000ul)
/* A value of a list the reader does not know (a newer AWS algorithm). */
#define PEER_ALG_OTHER      (1ul << 31)

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
	struct config_secret psk;     /* PreSharedKey as a keyed digest; set 0: not in the file */
	enum peer_status status;      /* from VgwTelemetry; NONE: no telemetry for it */
	char status_msg[PEER_MSG];    /* VgwTelemetry StatusMessage, cut */
};

struct peer_conn {
	char id[PEER_ID];             /* VpnConnectionId */
	char cgw[PEER_ID];            /* CustomerGatewayId */
	char category[PEER_ID];       /* Category: VPN (or VPN-Classic) */
	char gateway[PEER_ID];        /* TransitGatewayId or VpnGatewayId */
	int transit;                  /* gateway is a transit gateway */
	struct peer_num static_only;  /* Options.StaticRoutesOnly, default false */
	struct peer_num accel;        /* Options.EnableAcceleration, default false */
	char local_cidr[PEER_ADDR];   /* Options.LocalIpv4NetworkCidr, default 0.0.0.0/0 */
	int local_cidr_set;
	char remote_cidr[PEER_ADDR];  /* Options.RemoteIpv4NetworkCidr, default 0.0.0.0/0 */
	int remote_cidr_set;
	/* the two as IPv4 prefixes (host order); plen 33: not an IPv4 prefix */
	uint32_t local_net, remote_net;
	unsigned local_plen, remote_plen;
	char inside_ver[16];          /* Options.TunnelInsideIpVersion, default ipv4 */
	int inside_ver_set;
	char outside_type[24];        /* Options.OutsideIpAddressType, default PublicIpv4 */
	int outside_type_set;
};

/* Growable tables: n used, cap allocated (bounded by the 16 MB input). */
#define PEER_TABLE(type, name) type *name; size_t n##name, cap_##name

struct peer_config {
	PEER_TABLE(struct peer_conn, conns);
	PEER_TABLE(struct peer_tunnel, tunnels);
	size_t secrets;               /* PreSharedKey / CustomerGatewayConfiguration values skipped */
};

/* Reads buf as the JSON of aws ec2 describe-vpn-connections into *p.
 * Returns 0, or -1 with a one-line message naming the byte offset of a
 * JSON error (truncated or malformed), what a JSON document lacks (no
 * VpnConnections array), a format not supported yet (XML, Terraform), a
 * field of the wrong type, or memory. The message never quotes a value
 * from the document. Call peer_free() after either outcome. */
int peer_parse_aws_json(const char *buf, size_t len, struct peer_config *p, char *err,
			size_t errlen);
void peer_free(struct peer_config *p);

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
