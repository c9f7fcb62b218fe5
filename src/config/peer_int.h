/* SPDX-License-Identifier: BSD-2-Clause */
/* Between the peer front ends (peer.c tells the formats apart; aws_json.c,
 * aws_xml.c and terraform.c read one each): the model's rows with their
 * documented defaults, and the JSON tokenizer both JSON formats share. */
#ifndef MTUPROBE_PEER_INT_H
#define MTUPROBE_PEER_INT_H

#include "config/peer.h"

struct json_object;

/* New rows, zeroed but for AWS's documented defaults (aws_json.c cites
 * them); NULL when memory ran out. */
struct peer_conn *peer_new_conn(struct peer_config *p);
struct peer_tunnel *peer_new_tunnel(struct peer_config *p, size_t conn, size_t index);
/* local_net/remote_net (the pair checks' form) from local_cidr/remote_cidr
 * as written: every front end calls it once the strings are read. */
void peer_conn_cidrs(struct peer_conn *pc);
/* outside / inside as written, with the IPv4 forms the pairing reads
 * (inside: a prefix ADDR/PLEN, cut to its network). */
void peer_set_outside(struct peer_tunnel *t, const char *s);
void peer_set_inside(struct peer_tunnel *t, const char *cidr);
/* The range of an address with its prefix (ADDR/PLEN), written as the
 * network (169.254.255.1/30 -> 169.254.255.0/30): TunnelInsideCidr. */
void peer_set_inside_net(struct peer_tunnel *t, const char *prefix);
/* DPDTimeoutAction and StartupAction words: their enum value, or other. */
long peer_dpd_word(const char *w);
long peer_startup_word(const char *w);

/* The code, the path it names (key: path, or path.key when key is given)
 * and its number into *e; -1. */
int peer_fail(struct peer_error *e, enum peer_error_code code, const char *path, const char *key,
	      long n);
/* json-c's json_type as a message names it. */
enum peer_json_type peer_json_type_of(int json_type);

/* Line and column (1-based) of byte offset off. */
void peer_where(const char *buf, size_t off, unsigned *line, unsigned *col);
/* The JSON text as one document (json-c, strict, depth-bounded): 0 and
 * *top, or -1 with the byte offset, line and column of the error. */
int peer_json_tokenize(const char *buf, size_t len, struct json_object **top, struct peer_error *e);
/* The whole JSON read as what its top object says it is. */
int peer_aws_json_doc(const struct json_object *top, struct peer_config *p, struct peer_error *e);
int peer_tf_doc(const struct json_object *top, struct peer_config *p, struct peer_error *e);
/* A CustomerGatewayConfiguration carried in the describe JSON: its facts
 * merged into its connection's tunnels (those from index first on: the
 * connection read last), its keys counted. where names it in a message
 * ("VpnConnections[0].CustomerGatewayConfiguration"). */
int peer_xml_merge(const char *buf, size_t len, struct peer_config *p, size_t first,
		   const char *where, struct peer_error *e);

#endif
