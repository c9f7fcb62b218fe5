/* SPDX-License-Identifier: BSD-2-Clause */
/* The AWS side's fixes when --peer-config was terraform show -json: the
 * aws_vpn_connection attribute lines to set in the resource's block (named
 * by its address), instead of AWS CLI commands. Attribute names and values
 * are the Terraform AWS provider's (aws_vpn_connection: tunnelN_
 * dpd_timeout_action clear | none | restart, tunnelN_startup_action add |
 * start, static_routes_only, enable_acceleration); its schema marks
 * static_routes_only and enable_acceleration ForceNew (a new VPN
 * connection on apply) and updates the tunnel options in place (EC2
 * ModifyVpnTunnelOptions, which briefly takes that tunnel down): the
 * lists tunnelN_ike_versions, tunnelN_phase2_encryption_algorithms and
 * tunnelN_phase2_integrity_algorithms among them. Every AWS-side fix a
 * finding carries has a line here, or a comment saying why not: none is
 * dropped because the input was Terraform. */
#include "render/audit_peer_out.h"
#include "render/audit_peer_int.h"
#include "base/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	unsigned bit;
	const char *attr; /* after tunnelN_ */
	const char *value;
} tunnel_attrs[] = {
	{ AWS_FIX_DPD_RESTART, "dpd_timeout_action", "\"restart\"" },
	{ AWS_FIX_STARTUP_START, "startup_action", "\"start\"" },
};

static const struct {
	unsigned bit;
	const char *line;
} conn_attrs[] = {
	{ AWS_FIX_NEW_STATIC,
	  "static_routes_only = true   # forces a new VPN connection (new outside addresses and keys): the router-side fix is the preferred one" },
	{ AWS_FIX_NEW_DYNAMIC,
	  "static_routes_only = false  # forces a new VPN connection (new outside addresses and keys): the router-side fix is the preferred one" },
	{ AWS_FIX_NEW_NO_ACCEL,
	  "enable_acceleration = false  # forces a new VPN connection: the router-side fix (NAT-T on) is the preferred one" },
};

#define LIST_BITS (AWS_FIX_IKE | AWS_FIX_P2_ENC | AWS_FIX_P2_INTEG)
#define TUNNEL_BITS (AWS_FIX_DPD_RESTART | AWS_FIX_STARTUP_START | LIST_BITS)

/* Connection options (EC2 ModifyVpnConnectionOptions in place; whether the
 * provider replaces the resource for them, terraform plan says). */
static const char cidrs_lines[] =
	"local_ipv4_network_cidr  = \"0.0.0.0/0\"   # terraform plan: if it says \"forces replacement\", prefer the router-side fix";
static const char cidrs_line2[] = "remote_ipv4_network_cidr = \"0.0.0.0/0\"";
static const char psk_line[] =
	"# tunnelN_preshared_key: set it to the router's key (or the router's to AWS's); mtuprobe prints no key";

static const char startup_note[] =
	"# startup_action = \"start\": AWS needs the customer gateway's public IP address to initiate (AWS s2svpn user guide, initiate-vpn-tunnels)";

/* Printable ASCII only: an address is pasted as a comment line. */
static int
printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* One resource: its address, the tunnels' attributes (bits per tunnel),
 * what only a new connection changes. Nothing when it needs nothing. */
static void
resource(const struct audit_peer_result *r, const struct audit_peer_finding *only, size_t c,
	 const unsigned *bits, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct peer_config *p = r->peer;
	const struct peer_conn *pc = &p->conns[c];
	unsigned all = 0;
	char line[300];

	for (size_t k = 0; k < p->ntunnels; k++)
		if (p->tunnels[k].conn == c)
			all |= bits[k];
	if (!all)
		return;
	if (pc->address[0] && printable(pc->address))
		snprintf(line, sizeof(line), "# %s", pc->address);
	else
		snprintf(line, sizeof(line),
			 "# (the aws_vpn_connection resource%s%s: its address is not printable)",
			 printable(pc->id) && pc->id[0] ? " of " : "",
			 printable(pc->id) ? pc->id : "");
	emit(ctx, line);
	for (size_t k = 0; k < p->ntunnels; k++) {
		const struct peer_tunnel *pt = &p->tunnels[k];
		if (pt->conn != c)
			continue;
		if (pt->index >= PEER_TF_TUNNELS) {
			if (bits[k] & TUNNEL_BITS)
				emit(ctx,
				     "# a tunnel beyond tunnel2: aws_vpn_connection has no attribute for it");
			continue;
		}
		for (size_t i = 0; i < COUNT(tunnel_attrs); i++) {
			if (!(bits[k] & tunnel_attrs[i].bit))
				continue;
			snprintf(line, sizeof(line), "tunnel%zu_%s = %s", pt->index + 1,
				 tunnel_attrs[i].attr, tunnel_attrs[i].value);
			emit(ctx, line);
		}
		if (bits[k] & LIST_BITS)
			audit_peer_ike_tf_lists(r, k, only, pt->index + 1, emit, ctx);
	}
	if (all & AWS_FIX_CIDRS) {
		emit(ctx, cidrs_lines);
		emit(ctx, cidrs_line2);
	}
	if (all & AWS_FIX_PSK)
		emit(ctx, psk_line);
	for (size_t i = 0; i < COUNT(conn_attrs); i++)
		if (all & conn_attrs[i].bit)
			emit(ctx, conn_attrs[i].line);
}

void
audit_peer_tf_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
		    void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct peer_config *p = r->peer;
	unsigned *bits, notes = 0;

	if (!(bits = calloc(p->ntunnels + 1, sizeof(*bits)))) {
		emit(ctx, "# out of memory: the Terraform lines are incomplete");
		return;
	}
	for (size_t i = 0; i < (only ? 1 : r->nfindings); i++) {
		const struct audit_peer_finding *f = only ? only : &r->findings[i];
		if (f->aws >= 0)
			bits[f->aws] |= f->aws_fix;
		notes |= f->aws >= 0 ? f->aws_fix : 0;
	}
	if (only && (notes & TUNNEL_BITS))
		emit(ctx,
		     "# in the resource's block; terraform apply changes the tunnel in place and briefly takes it down");
	else if (notes & TUNNEL_BITS) {
		emit(ctx,
		     "# AWS side (Terraform): set these in each resource's block, then terraform plan and apply.");
		emit(ctx,
		     "# A tunnel option changes that tunnel in place and briefly takes it down: to change one tunnel");
		emit(ctx,
		     "# at a time, apply the tunnel1_ lines first and see that tunnel UP before the tunnel2_ lines.");
	}
	if (notes & AWS_FIX_STARTUP_START)
		emit(ctx, startup_note);
	for (size_t c = 0; c < p->nconns; c++)
		resource(r, only, c, bits, emit, ctx);
	free(bits);
}
