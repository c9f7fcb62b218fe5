/* SPDX-License-Identifier: BSD-2-Clause */
/* The pair's words and fixes (codes and numbers from core/audit_peer.c).
 * AWS CLI lines: `aws ec2 modify-vpn-tunnel-options --vpn-connection-id
 * --vpn-tunnel-outside-ip-address --tunnel-options Key=Value,...` (AWS CLI
 * reference, ec2 modify-vpn-tunnel-options; aws-cli's example
 * awscli/examples/ec2/modify-vpn-tunnel-options.rst), with the input
 * names of EC2 API ModifyVpnTunnelOptionsSpecification (DPDTimeoutAction,
 * StartupAction); `aws ec2 wait vpn-connection-available
 * --vpn-connection-ids` (AWS CLI reference, ec2 wait). A command is
 * printed only when the connection id and the outside address have AWS's
 * form, so that it is safe to paste; otherwise a comment says why. */
#include "render/audit_peer_out.h"
#include "render/audit_peer_int.h"
#include "render/audit_out.h"
#include "render/render.h"
#include "base/text.h"
#include "base/ip.h"
#include "base/count.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* localized ? the catalogue's words : the English msgid (--json) */
#define L(s) (localized ? _(s) : (s))

const char *
audit_peer_dflt(const struct peer_num *n, int localized)
{
	return n->set ? "" : L(N_(", the default: not in the file"));
}

/* The configurations keep IPv4 addresses as host-order numbers. */
void
audit_peer_ip_text(uint32_t a, char *buf, size_t len)
{
	struct ip_addr ip = ip_addr_v4(a);

	ip_addr_text(&ip, buf, len);
}

#define dflt(n) audit_peer_dflt(n, localized)
#define ip_text audit_peer_ip_text

static const char *
tname(const struct audit_peer_result *r, int i)
{
	return i >= 0 && (size_t)i < r->cfg->ntunnels ? r->cfg->tunnels[i].name : "?";
}

static const struct peer_conn *
conn_of(const struct audit_peer_result *r, const struct audit_peer_finding *f)
{
	return f->aws >= 0 ? &r->peer->conns[r->peer->tunnels[f->aws].conn] : NULL;
}

/* What a plan leaves unknown, by Terraform attribute (after tunnelN_). */
struct unknown_name {
	unsigned bit;
	const char *name;
};
/* clang-format off */
static const struct unknown_name tunnel_unknown[] = {
	{ PEER_UNK_OUTSIDE, "address" }, { PEER_UNK_INSIDE, "inside_cidr" },
	{ PEER_UNK_INSIDE_ADDR, "cgw_inside_address" }, { PEER_UNK_BGP, "bgp_asn" },
	{ PEER_UNK_DPD_ACTION, "dpd_timeout_action" }, { PEER_UNK_DPD_SECONDS, "dpd_timeout_seconds" },
	{ PEER_UNK_STARTUP, "startup_action" }, { PEER_UNK_IKE, "ike_versions" },
	{ PEER_UNK_P1_LIFE, "phase1_lifetime_seconds" }, { PEER_UNK_P2_LIFE, "phase2_lifetime_seconds" },
};
/* clang-format on */
/* clang-format off */
static const struct unknown_name conn_unknown[] = {
	{ PEER_UNK_ID, "id" }, { PEER_UNK_STATIC, "static_routes_only" },
	{ PEER_UNK_ACCEL, "enable_acceleration" },
};
/* clang-format on */

/* The unknown attributes of a tunnel (and of its connection) as a list;
 * 0 when none. */
static int
peer_unknown_names(const struct peer_config *p, const struct peer_tunnel *pt, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (p->format != PEER_FMT_TF_PLAN)
		return 0;
	for (size_t i = 0; i < COUNT(tunnel_unknown); i++)
		if (pt->unknown & tunnel_unknown[i].bit)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%stunnel%zu_%s",
					      n ? ", " : "", pt->index + 1, tunnel_unknown[i].name);
	for (size_t i = 0; i < COUNT(conn_unknown); i++)
		if (p->conns[pt->conn].unknown & conn_unknown[i].bit)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? ", " : "",
					      conn_unknown[i].name);
	return n != 0;
}

/* ---- words ------------------------------------------------------------ */

void
audit_peer_noinit_words(const struct config *c, int i, enum audit_no_init why, const char *other,
			int localized, char *buf, size_t len)
{
	const struct config_tunnel *t = &c->tunnels[i];
	const struct config_gateway *g = &c->gateways[t->gateway];

	switch (why) {
	case NOINIT_RTX_GLOBAL_UNSET:
		snprintf(
			buf, len, "%s",
			L(N_("no ipsec auto refresh line, and globally it is off by default (RTX command reference 15.10): the router only answers")));
		break;
	case NOINIT_RTX_GLOBAL_OFF:
		snprintf(
			buf, len, "%s",
			L(N_("ipsec auto refresh is off globally (15.10): the router only answers")));
		break;
	case NOINIT_RTX_GW_OFF:
		snprintf(
			buf, len,
			L(N_("ipsec auto refresh is off for gateway %s (15.10): the router only answers")),
			g->name);
		break;
	case NOINIT_IX_NO_CONNECT:
		snprintf(
			buf, len,
			L(N_("%s has no ikev2 connect-type auto: nothing makes the IX start IKEv2")),
			t->name);
		break;
	case NOINIT_IX_RESPONDER:
		snprintf(buf, len,
			 L(N_("%s has ikev2 negotiation-direction responder: the IX only answers")),
			 t->name);
		break;
	case NOINIT_SWAN_NO_START:
		snprintf(
			buf, len,
			L(N_("start_action is %s: strongSwan only loads the child and waits (swanctl.conf(5))")),
			g->start_action.line ? "none" : L(N_("not set (default none)")));
		break;
	case NOINIT_SWAN_DPD_CLEAR:
		snprintf(
			buf, len,
			L(N_("dpd_action is %s: once %s stops answering, strongSwan clears the child and starts it again never (start_action = start acts only when the configuration is loaded)")),
			g->dpd_action.line ? "clear" : L(N_("not set (default clear)")), other);
		break;
	case NOINIT_IPC_NO_START:
		snprintf(
			buf, len,
			L(N_("%s: the router only loads the connection and waits (ipsec.conf(5))")),
			g->start_action.line ? g->start_action.text
					     : L(N_("auto is not set (default ignore)")));
		break;
	case NOINIT_IPC_DPD:
		snprintf(
			buf, len,
			L(N_("%s: once %s stops answering, nothing starts the connection again (auto=start acts only when it is loaded)")),
			g->dpd_action.line ? g->dpd_action.text : L(N_("dpdaction is not set")),
			other);
		break;
	case NOINIT_RESPONDER:
		snprintf(buf, len, L(N_("%s: the router only answers %s and never starts IKE")),
			 g->start.src.line ? g->start.src.text : L(N_("responder only by default")),
			 other);
		break;
	case NOINIT_NO:
	case NOINIT_UNKNOWN: snprintf(buf, len, "?"); break;
	}
}

static void
noinit_words(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	     char *buf, size_t len)
{
	audit_peer_noinit_words(r->cfg, f->router, (enum audit_no_init)f->code, "AWS", localized,
				buf, len);
}

static void
waits_words(const struct audit_peer_result *r, const struct audit_peer_finding *f, int dpd,
	    int localized, char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	char why[600];

	noinit_words(r, f, localized, why, sizeof(why));
	if (dpd)
		snprintf(
			buf, len,
			L(N_("AWS ends the IKE session of tunnel %s after %ld s without DPD replies (DpdTimeoutAction clear%s) and then waits for the customer gateway, while the router never starts IKE on %s: %s. Once the SA is gone (a DPD timeout after a hiccup on the line, an SA the router kept for hours), nobody starts IKE again and the tunnel stays down (field case 2)")),
			pt->outside, f->n[0], dflt(&pt->dpd_action), tname(r, f->router), why);
	else
		snprintf(
			buf, len,
			L(N_("AWS waits for the customer gateway to start IKE on tunnel %s (StartupAction add%s), while the router never starts IKE on %s: %s. After AWS replaces the tunnel endpoint (maintenance) or the connection is re-created, both ends wait and the tunnel stays down (field case 2)")),
			pt->outside, dflt(&pt->startup), tname(r, f->router), why);
}

/* Where BGP was looked for on this pair. */
static void
bgp_scope(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	  char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	const struct config_tunnel *t = &r->cfg->tunnels[f->router];

	if (pt->inside_plen)
		snprintf(buf, len, L(N_("the tunnel's inside range %s (TunnelInsideCidr)")),
			 pt->inside);
	else if (t->inside.line)
		snprintf(buf, len, L(N_("the tunnel's inside subnet (line %u)")), t->inside.line);
	else
		snprintf(buf, len, "%s",
			 L(N_("169.254.0.0/16, where AWS puts tunnel inside addresses")));
}

static void
mismatch_words(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	       char *buf, size_t len)
{
	const struct peer_tunnel *pt = f->aws >= 0 ? &r->peer->tunnels[f->aws] : NULL;
	const struct peer_tunnel *op =
		f->other >= 0 && f->code == MISMATCH_ROUTER ? &r->peer->tunnels[f->other] : NULL;
	char other[800] = "", ip[16];
	unsigned line = 0;
	uint32_t a;

	if (f->code == MISMATCH_AWS && f->other >= 0) {
		a = audit_peer_router_addr(r->cfg, (size_t)f->other, &line);
		ip_text(a, ip, sizeof(ip));
		snprintf(
			other, sizeof(other),
			L(N_("; the router's unpaired IPsec tunnel %s sends IKE to %s: if the VPN connection was re-created, AWS gave it new outside addresses and the router still points at the old ones")),
			tname(r, f->other), a ? ip : L(N_("an address that is no IPv4 address")));
	} else if (op) {
		snprintf(other, sizeof(other), L(N_(" (AWS tunnel %s of %s is unpaired)")),
			 op->outside, r->peer->conns[op->conn].id);
	}
	switch ((enum audit_mismatch)f->code) {
	case MISMATCH_AWS:
		snprintf(
			buf, len,
			L(N_("AWS tunnel %s of %s matches no router tunnel: no IKE peer address in the configuration is %s, and no tunnel's inside address is in %s%s")),
			pt->outside, r->peer->conns[pt->conn].id, pt->outside,
			pt->inside[0] ? pt->inside
				      : L(N_("its TunnelInsideCidr (not in the file)")),
			other);
		break;
	case MISMATCH_ROUTER:
		if (f->where[0])
			snprintf(
				buf, len,
				L(N_("router tunnel %s sends IKE to %s, which is no outside address of the VPN connections in the peer file%s")),
				tname(r, f->router), f->where, other);
		else
			snprintf(
				buf, len,
				L(N_("router tunnel %s has no IPv4 IKE peer address to pair (a name, any, or none), and its inside address is in no TunnelInsideCidr of the peer file%s")),
				tname(r, f->router), other);
		break;
	case MISMATCH_INSIDE_ONLY:
		a = audit_peer_router_addr(r->cfg, (size_t)f->router, &line);
		ip_text(a, ip, sizeof(ip));
		snprintf(
			buf, len,
			L(N_("router tunnel %s has its inside address in AWS tunnel %s's TunnelInsideCidr %s, but sends IKE to %s: IKE never reaches this AWS endpoint")),
			tname(r, f->router), pt->outside, pt->inside, ip);
		break;
	}
}

static void
peer_words(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	   char *buf, size_t len)
{
	const char *id = f->check->id;
	const struct peer_conn *pc = conn_of(r, f);
	const struct peer_tunnel *pt = f->aws >= 0 ? &r->peer->tunnels[f->aws] : NULL;
	char scope[240];

	if (audit_peer_ike_words(r, f, localized, buf, len)) {
		return;
	} else if (strcmp(id, "peer-address-mismatch") == 0) {
		mismatch_words(r, f, localized, buf, len);
	} else if (strcmp(id, "dpd-clear-router-never-initiates") == 0) {
		waits_words(r, f, 1, localized, buf, len);
	} else if (strcmp(id, "startup-add-router-never-initiates") == 0) {
		waits_words(r, f, 0, localized, buf, len);
	} else if (strcmp(id, "static-router-on-bgp-connection") == 0) {
		bgp_scope(r, f, localized, scope, sizeof(scope));
		snprintf(
			buf, len,
			L(N_("VPN connection %s is dynamic (StaticRoutesOnly false%s): AWS routes only what BGP over the tunnel tells it, and the router has no BGP neighbour in %s: IPsec comes up, no traffic is routed, and the tunnel shows DOWN with IPSEC IS UP (field case 3)")),
			pc->id, dflt(&pc->static_only), scope);
	} else if (strcmp(id, "bgp-router-on-static-connection") == 0) {
		snprintf(
			buf, len,
			L(N_("VPN connection %s is static (StaticRoutesOnly true): AWS runs no BGP, while the router waits for routes from its BGP neighbour on line %u through tunnel %s: that session never comes up, so what the router would learn from it never arrives")),
			pc->id, f->bgp_line, pt->outside);
	} else if (strcmp(id, "nat-t-off-accelerated") == 0) {
		snprintf(
			buf, len,
			L(N_("VPN connection %s is accelerated (EnableAcceleration true), and NAT-T is %s on %s: IPsec comes up and no traffic flows (field case 3)")),
			pc->id,
			f->code ? L(N_("off"))
				: L(N_("not set (off by default on RTX, not forced in swanctl, unknown for the IX)")),
			tname(r, f->router));
	} else if (strcmp(id, "mss-above-aws-max") == 0) {
		snprintf(
			buf, len,
			L(N_("the clamp %ld is above the MSS %ld that AWS supports at most, and no 'fragmentation needed' comes back through AWS's tunnels: larger segments are lost without a word")),
			f->n[0], f->n[1]);
	} else if (strcmp(id, "mtu-above-aws-max") == 0) {
		snprintf(
			buf, len,
			L(N_("tunnel MTU %ld is above the %ld that AWS supports at most, and AWS does no path MTU discovery through the tunnel: packets of %ld to %ld bytes are lost")),
			f->n[0], f->n[1], f->n[1] + 1, f->n[0]);
	} else {
		char msg[sizeof(pt->status_msg) + 4] = "";

		if (pt->status_msg[0])
			snprintf(msg, sizeof(msg), ": \"%s\"", pt->status_msg);
		if (f->router >= 0)
			snprintf(
				buf, len,
				L(N_("AWS reports tunnel %s of %s DOWN%s; the router's tunnel to it is %s")),
				pt->outside, pc->id, msg, tname(r, f->router));
		else
			snprintf(
				buf, len,
				L(N_("AWS reports tunnel %s of %s DOWN%s (no router tunnel is paired with it)")),
				pt->outside, pc->id, msg);
	}
}

void
audit_peer_words(const struct audit_peer_result *r, const struct audit_peer_finding *f,
		 int localized, char *buf, size_t len)
{
	peer_words(r, f, localized, buf, len);
	text_mark_cut(buf, len); /* never a part shown as all */
}

/* ---- the router side ------------------------------------------------- */

/* The pair's fixes as router-audit findings, so that render/audit_fix.c
 * prints them in the router's syntax and blocks. */
static size_t
as_router(const struct audit_peer_result *r, const struct audit_peer_finding *only,
	  struct audit_result *tmp, struct audit_finding **rows)
{
	size_t n = 0;

	memset(tmp, 0, sizeof(*tmp));
	tmp->cfg = r->cfg;
	*rows = calloc(only ? 1 : r->nfindings + 1, sizeof(**rows));
	if (!*rows)
		return 0;
	/* one finding: that one alone (a finding's block costs no pass over all) */
	for (size_t i = 0; i < (only ? 1 : r->nfindings); i++) {
		const struct audit_peer_finding *f = only ? only : &r->findings[i];
		if (!f->nfix)
			continue;
		memcpy((*rows)[n].fix, f->fix, sizeof(f->fix));
		(*rows)[n++].nfix = f->nfix;
	}
	tmp->findings = *rows;
	tmp->nfindings = n;
	return n;
}

/* What the router side needs that no fix kind prints: said as comments. */
static void
router_notes(const struct audit_peer_result *r, const struct audit_peer_finding *f,
	     void (*emit)(void *ctx, const char *line), void *ctx)
{
	const char *lead = vendor_comment(r->cfg->vendor);
	const struct config_tunnel *t = f->router >= 0 ? &r->cfg->tunnels[f->router] : NULL;
	char buf[400], scope[120];

	buf[0] = '\0';
	if (audit_peer_ike_note(r, f, lead, buf, sizeof(buf)))
		;
	else if (strcmp(f->check->id, "dpd-clear-router-never-initiates") == 0 &&
		 f->code == NOINIT_IX_RESPONDER)
		snprintf(buf, sizeof(buf), "%s and in interface %s remove line %u: %s", lead,
			 t->name, t->responder.line, t->responder.text);
	else if (strcmp(f->check->id, "static-router-on-bgp-connection") == 0) {
		bgp_scope(r, f, 0, scope, sizeof(scope));
		snprintf(
			buf, sizeof(buf),
			"%s preferred: run BGP with AWS over %s, the neighbour being AWS's inside address in %s and AWS's ASN that of the VPN gateway (mtuprobe prints no BGP lines)",
			lead, t->name, scope);
	} else if (strcmp(f->check->id, "bgp-router-on-static-connection") == 0)
		snprintf(
			buf, sizeof(buf),
			"%s preferred: route the VPC's prefixes statically over %s and remove the BGP neighbour on line %u (mtuprobe prints no routing lines)",
			lead, t->name, f->bgp_line);
	else if (strcmp(f->check->id, "peer-address-mismatch") == 0 && f->aws >= 0 &&
		 f->router >= 0)
		snprintf(buf, sizeof(buf),
			 "%s point %s's IKE peer at %s (the router's remote address line %u)", lead,
			 t->name, r->peer->tunnels[f->aws].outside, f->line);
	else if (strcmp(f->check->id, "peer-address-mismatch") == 0 && f->aws >= 0)
		snprintf(
			buf, sizeof(buf),
			"%s configure a tunnel toward %s, or drop the AWS tunnel if the router was meant to use only the other one",
			lead, r->peer->tunnels[f->aws].outside);
	else if (strcmp(f->check->id, "peer-address-mismatch") == 0)
		snprintf(
			buf, sizeof(buf),
			"%s point %s at an outside address of the VPN connection (describe-vpn-connections lists them), or remove it if it is no AWS tunnel",
			lead, t->name);
	if (buf[0])
		emit(ctx, buf);
}

void
audit_peer_router_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
			void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct audit_result tmp;
	struct audit_finding *rows;

	if (only)
		router_notes(r, only, emit, ctx);
	if (as_router(r, only, &tmp, &rows))
		audit_fix_lines(&tmp, only ? &rows[0] : NULL, emit, ctx);
	free(rows);
}

void
audit_peer_rollback_lines(const struct audit_peer_result *r,
			  void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct audit_result tmp;
	struct audit_finding *rows;

	if (as_router(r, NULL, &tmp, &rows))
		audit_rollback_lines(&tmp, emit, ctx);
	free(rows);
}

/* ---- the AWS side ------------------------------------------------------- */

/* vpn- and hex digits, as AWS writes VPN connection ids. */
static int
id_ok(const char *id)
{
	size_t n = strlen(id);

	return n > 4 && n < 40 && strncmp(id, "vpn-", 4) == 0 &&
	       strspn(id + 4, "0123456789abcdef") == n - 4;
}

static const struct {
	unsigned bit;
	const char *option; /* ModifyVpnTunnelOptionsSpecification input name=value */
} tunnel_opts[] = {
	{ AWS_FIX_DPD_RESTART, "DPDTimeoutAction=restart" },
	{ AWS_FIX_STARTUP_START, "StartupAction=start" },
};

static const struct {
	unsigned bit;
	const char *words;
} new_conn[] = {
	{ AWS_FIX_NEW_STATIC,
	  N_("StaticRoutesOnly cannot be changed in place: only a new VPN connection with StaticRoutesOnly true (new outside addresses and keys) makes the AWS side static; the router-side fix is the preferred one") },
	{ AWS_FIX_NEW_DYNAMIC,
	  N_("StaticRoutesOnly cannot be changed in place: only a new VPN connection with StaticRoutesOnly false (new outside addresses and keys) makes the AWS side run BGP; the router-side fix is the preferred one") },
	{ AWS_FIX_NEW_NO_ACCEL,
	  N_("EnableAcceleration cannot be changed in place: only a new VPN connection without acceleration removes the need for NAT-T; the router-side fix (NAT-T on) is the preferred one") },
};

static const char psk_note[] = N_(
	"or set the tunnel's PreSharedKey to the router's (modify-vpn-tunnel-options --tunnel-options PreSharedKey=...; it briefly takes the tunnel down); mtuprobe prints no key");

static const char startup_note[] = N_(
	"StartupAction=start: AWS needs the customer gateway's public IP address to initiate (AWS s2svpn user guide, initiate-vpn-tunnels)");

void
audit_peer_aws_comment(const char *words, int localized, void (*emit)(void *ctx, const char *line),
		       void *ctx)
{
	const char *p = L(words);
	char line[600];

	/* one line per line of the words: a translation breaks its own lines */
	for (;;) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof(line), "# %.*s", (int)n, p);
		emit(ctx, line);
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* One tunnel's command (bits of tunnel_opts) and, in the change set, the
 * wait and the check before the next tunnel. */
static void
aws_tunnel(const struct audit_peer_result *r, size_t k, unsigned bits,
	   const struct audit_peer_finding *only, int change, int localized,
	   void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct peer_config *p = r->peer;
	const struct peer_tunnel *pt = &p->tunnels[k];
	const struct peer_conn *pc = &p->conns[pt->conn];
	char opts[400] = "", line[600];

	for (size_t i = 0; i < COUNT(tunnel_opts); i++)
		if (bits & tunnel_opts[i].bit)
			snprintf(opts + strlen(opts), sizeof(opts) - strlen(opts), "%s%s",
				 opts[0] ? "," : "", tunnel_opts[i].option);
	if (bits & (AWS_FIX_IKE | AWS_FIX_P2_ENC | AWS_FIX_P2_INTEG))
		audit_peer_ike_aws_opts(r, k, only, opts, sizeof(opts));
	if (!opts[0])
		return;
	if (!id_ok(pc->id) || !pt->outside_v4) {
		audit_peer_aws_comment(
			N_("no command: the connection id or the outside address in the file is not in AWS's form; set these tunnel options by hand"),
			localized, emit, ctx);
		return;
	}
	if ((bits & AWS_FIX_STARTUP_START) && !change)
		audit_peer_aws_comment(startup_note, localized, emit, ctx);
	/* quoted when a list's braces and commas would meet the shell's brace expansion */
	snprintf(
		line, sizeof(line),
		"aws ec2 modify-vpn-tunnel-options --vpn-connection-id %s --vpn-tunnel-outside-ip-address %s --tunnel-options %s%s%s",
		pc->id, pt->outside, strchr(opts, '[') ? "'" : "", opts,
		strchr(opts, '[') ? "'" : "");
	emit(ctx, line);
	if (!change)
		return;
	snprintf(line, sizeof(line),
		 "aws ec2 wait vpn-connection-available --vpn-connection-ids %s", pc->id);
	emit(ctx, line);
	snprintf(
		line, sizeof(line),
		"aws ec2 describe-vpn-connections --vpn-connection-ids %s --query \"VpnConnections[0].VgwTelemetry[?OutsideIpAddress=='%s'].Status\" --output text",
		pc->id, pt->outside);
	emit(ctx, line);
}

/* What AWS cannot change in place: said once, with the preferred fix. */
static void
aws_new_connection(unsigned bits, int localized, void (*emit)(void *ctx, const char *line),
		   void *ctx)
{
	for (size_t i = 0; i < COUNT(new_conn); i++)
		if (bits & new_conn[i].bit)
			audit_peer_aws_comment(new_conn[i].words, localized, emit, ctx);
}

/* AWS's own selectors: one modify-vpn-connection-options per connection
 * whose tunnels asked for it. */
static void
aws_cidrs(const struct audit_peer_result *r, const unsigned *bits, int localized,
	  void (*emit)(void *ctx, const char *line), void *ctx)
{
	for (size_t c = 0; c < r->peer->nconns; c++) {
		int want = 0;
		for (size_t k = 0; k < r->peer->ntunnels; k++)
			want |= r->peer->tunnels[k].conn == c && (bits[k] & AWS_FIX_CIDRS);
		if (want)
			audit_peer_ike_aws_cidrs(&r->peer->conns[c], id_ok(r->peer->conns[c].id),
						 localized, emit, ctx);
	}
}

static void
aws_head(int localized, void (*emit)(void *ctx, const char *line), void *ctx)
{
	/* TRANSLATORS: three comment lines; keep a line break where each
	 * should end (about 100 columns) */
	audit_peer_aws_comment(
		N_("AWS side (AWS CLI). Each modify-vpn-tunnel-options briefly takes that tunnel down: change one tunnel,\n"
		   "wait, and see it UP again before the next. The wait may return at once (EC2 VpnState has no\n"
		   "'modifying' value); the describe line prints the tunnel's status (UP when it is back)."),
		localized, emit, ctx);
}

void
audit_peer_aws_lines(const struct audit_peer_result *r, const struct audit_peer_finding *only,
		     int localized, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct peer_config *p = r->peer;
	unsigned *bits, notes = 0;
	int any = 0;

	if (p->format == PEER_FMT_TF_STATE || p->format == PEER_FMT_TF_PLAN) {
		audit_peer_tf_lines(r, only, emit, ctx);
		return;
	}
	if (only) { /* one finding: its tunnel alone */
		if (only->aws >= 0 && (only->aws_fix & AWS_FIX_TUNNEL))
			audit_peer_aws_comment(
				N_("briefly takes this tunnel down: change one tunnel, wait (aws ec2 wait vpn-connection-available), then the other"),
				localized, emit, ctx);
		if (only->aws >= 0)
			aws_tunnel(r, (size_t)only->aws, only->aws_fix, only, 0, localized, emit,
				   ctx);
		if (only->aws_fix & AWS_FIX_PSK)
			audit_peer_aws_comment(psk_note, localized, emit, ctx);
		if (only->aws >= 0 && (only->aws_fix & AWS_FIX_CIDRS))
			audit_peer_ike_aws_cidrs(conn_of(r, only), id_ok(conn_of(r, only)->id),
						 localized, emit, ctx);
		aws_new_connection(only->aws_fix, localized, emit, ctx);
		return;
	}
	if (!(bits = calloc(p->ntunnels + 1, sizeof(*bits)))) {
		audit_peer_aws_comment(N_("out of memory: the AWS lines are incomplete"), localized,
				       emit, ctx);
		return;
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_peer_finding *f = &r->findings[i];
		if (f->aws >= 0)
			bits[f->aws] |= f->aws_fix;
		notes |= f->aws_fix;
	}
	for (size_t k = 0; k < p->ntunnels; k++)
		any |= (bits[k] & AWS_FIX_TUNNEL) != 0;
	if (any) {
		aws_head(localized, emit, ctx);
		if (notes & AWS_FIX_STARTUP_START)
			audit_peer_aws_comment(startup_note, localized, emit, ctx);
	}
	for (size_t k = 0; k < p->ntunnels; k++)
		aws_tunnel(r, k, bits[k], NULL, 1, localized, emit, ctx);
	aws_cidrs(r, bits, localized, emit, ctx);
	if (notes & AWS_FIX_PSK)
		audit_peer_aws_comment(psk_note, localized, emit, ctx);
	aws_new_connection(notes, localized, emit, ctx);
	free(bits);
}

/* ---- text ------------------------------------------------------------- */

#define emit_indented audit_emit_indented
#define emit_plain audit_emit_plain

/* "ikev1+ikev2" */
static const char *
ike_words(long v)
{
	return v == (PEER_IKEV1 | PEER_IKEV2) ? "ikev1+ikev2"
	       : v == PEER_IKEV1              ? "ikev1"
	       : v == PEER_IKEV2              ? "ikev2"
					      : "none";
}

/* What the XML or Terraform adds: inside addresses, BGP, what is unknown. */
static void
tunnel_facts(FILE *f, const struct peer_config *p, const struct peer_tunnel *pt)
{
	char names[400];

	if (pt->cgw_inside[0] || pt->vgw_inside[0]) {
		fputs(_("    inside: router "), f);
		text_string(f, pt->cgw_inside[0] ? pt->cgw_inside : "?");
		fputs(_(", AWS "), f);
		text_string(f, pt->vgw_inside[0] ? pt->vgw_inside : "?");
		if (pt->vgw_asn.set || pt->cgw_asn.set) {
			fputs(_("; BGP ASN router "), f);
			pt->cgw_asn.set ? fprintf(f, "%ld", pt->cgw_asn.v) : fputs("?", f);
			fputs(_(", AWS "), f);
			pt->vgw_asn.set ? fprintf(f, "%ld", pt->vgw_asn.v) : fputs("?", f);
			if (pt->hold_time.set)
				fprintf(f, _(", hold time %ld s"), pt->hold_time.v);
		}
		fputc('\n', f);
	}
	if (peer_unknown_names(p, pt, names, sizeof(names))) {
		fprintf(f,
			_("    not known until apply (the plan says so; no default assumed): %s\n"),
			names);
	}
}

static void
text_not_checked(void *ctx, const char *what)
{
	fprintf((FILE *)ctx, _("; not checked: %s"), what);
}

static void
json_not_checked(void *ctx, const char *what)
{
	struct audit_jlist *j = ctx;

	fputs(j->n++ ? "," : "", j->f);
	json_string(j->f, what);
}

static void
tunnel_head(FILE *f, const struct audit_peer_result *r, size_t k)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[k];
	const struct audit_pair *pr = &r->pairs[k];

	fputs("  ", f);
	text_string(f, pt->outside[0]                     ? pt->outside
		       : (pt->unknown & PEER_UNK_OUTSIDE) ? _("(address known after apply)")
							  : _("(no OutsideIpAddress)"));
	if (pr->router >= 0) {
		fputs(" <-> ", f);
		text_string(f, tname(r, pr->router));
		fputs(pr->by == PAIR_OUTSIDE ? _(" (by outside address)")
					     : _(" (by inside address)"),
		      f);
	} else if (pt->unknown & PEER_UNK_OUTSIDE)
		fputs(_(" <-> not paired until apply"), f);
	else
		fputs(_(" <-> no router tunnel"), f);
	fprintf(f, _(": DPD %ld s%s, action %s%s, startup %s%s, IKE %s%s"), pt->dpd_seconds.v,
		pt->dpd_seconds.set ? "" : _(" (default)"),
		peer_dpd_action_name((enum peer_dpd_action)pt->dpd_action.v),
		pt->dpd_action.set ? "" : _(" (default)"),
		peer_startup_name((enum peer_startup)pt->startup.v),
		pt->startup.set ? "" : _(" (default)"), ike_words(pt->ike.v),
		pt->ike.set ? "" : _(" (default)"));
	audit_peer_not_checked(pr->not_checked, 1, text_not_checked, f);
	if (pt->status != PEER_STATUS_NONE) {
		fprintf(f, _("; telemetry %s"),
			pt->status == PEER_STATUS_UP     ? "UP"
			: pt->status == PEER_STATUS_DOWN ? "DOWN"
							 : _("other"));
		if (pt->status_msg[0]) {
			fputs(" \"", f);
			text_string(f, pt->status_msg);
			fputc('"', f);
		}
	}
	fputc('\n', f);
	tunnel_facts(f, r->peer, pt);
}

/* clang-format off */
static const char *const format_words[] = {
	[PEER_FMT_AWS_JSON] = "aws ec2 describe-vpn-connections",
	[PEER_FMT_AWS_XML] = "AWS CustomerGatewayConfiguration XML",
	[PEER_FMT_TF_STATE] = N_("terraform show -json (state)"),
	[PEER_FMT_TF_PLAN] = N_("terraform show -json (plan)"),
};
/* clang-format on */

/* field names, as the documents write them */
/* clang-format off */
static const char *const secret_words[] = {
	[PEER_FMT_AWS_JSON] = N_("PreSharedKey, CustomerGatewayConfiguration's pre_shared_key"),
	[PEER_FMT_AWS_XML] = "pre_shared_key",
	[PEER_FMT_TF_STATE] = "tunnelN_preshared_key, customer_gateway_configuration",
	[PEER_FMT_TF_PLAN] = "tunnelN_preshared_key, customer_gateway_configuration",
};
/* clang-format on */

static const char *
routing_words(const struct peer_config *p, const struct peer_conn *c)
{
	if (c->unknown & PEER_UNK_STATIC)
		return p->format == PEER_FMT_AWS_XML
			       ? _("static or BGP: not in the XML (no bgp element), no routing check")
			       : _("static or BGP: known after apply, no routing check");
	if (c->static_only.v)
		return c->static_only.set ? _("static") : _("static (default)");
	return c->static_only.set ? _("BGP (dynamic)") : _("BGP (dynamic) (default)");
}

static void
head(FILE *f, const struct audit_peer_result *r, const char *peer_file)
{
	const struct peer_config *p = r->peer;

	fputs(_("\npeer: "), f);
	text_string(f, peer_file);
	fprintf(f, _(": %s, "), _(format_words[p->format]));
	fprintf(f, ngettext("%zu VPN connection", "%zu VPN connections", p->nconns), p->nconns);
	fprintf(f, ngettext(", %zu tunnel", ", %zu tunnels", p->ntunnels), p->ntunnels);
	if (p->secrets)
		fprintf(f,
			ngettext(" (%zu secret in the file not read: %s)",
				 " (%zu secrets in the file not read: %s)", p->secrets),
			p->secrets, _(secret_words[p->format]));
	if (p->other_resources)
		fprintf(f,
			ngettext(" (%zu resource of other types not read)",
				 " (%zu resources of other types not read)", p->other_resources),
			p->other_resources);
	fputc('\n', f);
	for (size_t i = 0; i < p->nconns; i++) {
		const struct peer_conn *c = &p->conns[i];
		fputs("  ", f);
		if (c->address[0]) {
			text_string(f, c->address);
			fputc(' ', f);
		}
		text_string(f, c->id[0]                     ? c->id
			       : (c->unknown & PEER_UNK_ID) ? _("(id known after apply)")
							    : _("(no VpnConnectionId)"));
		fputs(" (", f);
		text_string(f, c->gateway[0] ? c->gateway : _("no gateway id"));
		if (c->unknown & PEER_UNK_ACCEL)
			fprintf(f, _("): %s, acceleration known after apply\n"),
				routing_words(p, c));
		else
			fprintf(f, _("): %s, acceleration %s%s\n"), routing_words(p, c),
				c->accel.v ? _("on") : _("off"),
				c->accel.set ? "" : _(" (default)"));
	}
	if (p->format == PEER_FMT_AWS_XML)
		fputs(_("  note: the XML carries no DPD timeout action, startup action or IKE versions: AWS's defaults are taken; the describe-vpn-connections JSON has the values set\n"),
		      f);
	for (size_t k = 0; k < p->ntunnels; k++)
		tunnel_head(f, r, k);
}

static void
finding(FILE *f, const struct audit_peer_result *r, const struct audit_peer_finding *x,
	const char *cfg_file, const char *peer_file)
{
	char why[2400]; /* Japanese takes 3 bytes a character */
	char src[600];
	struct audit_result tmp;
	struct audit_finding *rows;
	int router_fix = as_router(r, x, &tmp, &rows) != 0;

	free(rows);
	fprintf(f, "\n%s %s ", audit_severity_name(x->check->severity), x->check->id);
	if (x->line) {
		text_string(f, cfg_file);
		fprintf(f, ":%u", x->line);
	} else if (x->aws >= 0) {
		/* nothing in the router's file: the AWS tunnel it is about, by
		 * its connection and its place in it (the peer file has no
		 * line to cite: a line 0 would point at nothing) */
		const struct peer_tunnel *t = &r->peer->tunnels[x->aws];
		text_string(f, peer_file);
		fputs(" (", f);
		fprintf(f, _("%s, tunnel %zu"), r->peer->conns[t->conn].id, t->index + 1);
		fputc(')', f);
	} else {
		text_string(f, cfg_file);
	}
	if (x->where[0]) {
		fputc(' ', f);
		text_string(f, x->where);
	}
	fputc('\n', f);
	if (x->secret_line) {
		fprintf(f, _("  %u | (a key: not printed)\n"), x->line);
	} else if (x->text[0]) {
		fprintf(f, "  %u | ", x->line);
		text_string(f, x->text);
		fputc('\n', f);
	} else if (x->line)
		fputs(_("  (not set)\n"), f);
	audit_peer_words(r, x, 1, why, sizeof(why));
	fputs(_("  why: "), f);
	text_string(f, why);
	fputc('\n', f);
	/* the source is cited as written, never translated */
	fprintf(f, _("  source: %s\n"), audit_peer_source(r, x->check, src, sizeof(src)));
	if (router_fix || x->router >= 0) {
		fputs(_("  fix on the router:\n"), f);
		audit_peer_router_lines(r, x, emit_indented, f);
	}
	if (x->aws_fix) {
		fputs(_("  fix on AWS:\n"), f);
		audit_peer_aws_lines(r, x, 1, emit_indented, f);
	}
}

void
render_audit_peer_text(FILE *f, const struct audit_peer_result *r, const char *cfg_file,
		       const char *peer_file)
{
	struct audit_result tmp;
	struct audit_finding *rows;
	int router_fix = as_router(r, NULL, &tmp, &rows) != 0;
	int aws_fix = 0;

	free(rows);
	head(f, r, peer_file);
	for (size_t i = 0; i < r->nfindings; i++) {
		finding(f, r, &r->findings[i], cfg_file, peer_file);
		aws_fix |= r->findings[i].aws_fix != 0;
	}
	if (router_fix) {
		fprintf(f,
			_("\nchange set for %s from both ends (after the router's own; each changed line after the one it replaces):\n"),
			config_vendor_display(r->cfg->vendor));
		audit_peer_router_lines(r, NULL, emit_plain, f);
		fputs(_("\nrollback (paste after the change to restore the old lines):\n"), f);
		audit_peer_rollback_lines(r, emit_plain, f);
	}
	if (aws_fix) {
		fputs(_("\nchange set for AWS, one tunnel at a time:\n"), f);
		audit_peer_aws_lines(r, NULL, 1, emit_plain, f);
	}
	/* the pair's own findings only: each end's are counted above it */
	fprintf(f,
		ngettext("\nthe pair's own checks: %u error", "\nthe pair's own checks: %u errors",
			 r->nerror),
		r->nerror);
	fprintf(f, ngettext(", %u warning", ", %u warnings", r->nwarning), r->nwarning);
	fprintf(f, "%s\n",
		r->nfindings
			? ""
			: _(": every AWS tunnel has its router tunnel, and nothing in the pair is known to kill them"));
}

void
render_audit_peer_quiet(FILE *f, const struct audit_peer_result *r)
{
	audit_peer_router_lines(r, NULL, emit_plain, f);
	audit_peer_aws_lines(r, NULL, 1, emit_plain, f);
}

/* ---- JSON (mtuprobe(1), "Auditing both ends") ------------------------- */

static void
json_bool(FILE *f, const char *key, const struct peer_num *n)
{
	fprintf(f, ",\"%s\":%s,\"%s_default\":%s", key, n->v ? "true" : "false", key,
		n->set ? "false" : "true");
}

static void
json_str(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":", key);
	if (v && v[0])
		json_string(f, v);
	else
		fputs("null", f);
}

static void
json_num(FILE *f, const char *key, const struct peer_num *n)
{
	if (n->set)
		fprintf(f, ",\"%s\":%ld", key, n->v);
	else
		fprintf(f, ",\"%s\":null", key);
}

/* "unknown": the attributes the document says are not known yet. */
static void
json_unknown(FILE *f, const struct unknown_name *names, size_t n, unsigned bits, const char *prefix)
{
	int k = 0;

	fputs(",\"unknown\":[", f);
	for (size_t i = 0; i < n; i++)
		if (bits & names[i].bit)
			fprintf(f, "%s\"%s%s\"", k++ ? "," : "", prefix, names[i].name);
	fputc(']', f);
}

static void
json_conns(FILE *f, const struct peer_config *p)
{
	fputs(",\"connections\":[", f);
	for (size_t i = 0; i < p->nconns; i++) {
		const struct peer_conn *c = &p->conns[i];
		fputs(i ? ",{\"id\":" : "{\"id\":", f);
		json_string(f, c->id);
		json_str(f, "customer_gateway", c->cgw);
		json_str(f, "category", c->category);
		json_str(f, "gateway", c->gateway);
		fprintf(f, ",\"transit_gateway\":%s", c->transit ? "true" : "false");
		json_bool(f, "static_routes_only", &c->static_only);
		json_bool(f, "acceleration", &c->accel);
		json_str(f, "local_ipv4_cidr", c->local_cidr);
		json_str(f, "remote_ipv4_cidr", c->remote_cidr);
		json_str(f, "tunnel_inside_ip_version", c->inside_ver);
		json_str(f, "outside_ip_address_type", c->outside_type);
		json_str(f, "terraform_address", c->address);
		json_unknown(f, conn_unknown, COUNT(conn_unknown), c->unknown, "");
		fputc('}', f);
	}
	fputc(']', f);
}

/* The options AWS's defaults filled in (absent from the file). */
static void
json_defaults(FILE *f, const struct peer_tunnel *pt)
{
	const struct {
		const char *name;
		const struct peer_num *n;
		unsigned unk;
	} opt[] = {
		{ "DpdTimeoutSeconds", &pt->dpd_seconds, PEER_UNK_DPD_SECONDS },
		{ "DpdTimeoutAction", &pt->dpd_action, PEER_UNK_DPD_ACTION },
		{ "StartupAction", &pt->startup, PEER_UNK_STARTUP },
		{ "IkeVersions", &pt->ike, PEER_UNK_IKE },
		{ "Phase1LifetimeSeconds", &pt->p1_life, PEER_UNK_P1_LIFE },
		{ "Phase2LifetimeSeconds", &pt->p2_life, PEER_UNK_P2_LIFE },
		{ "RekeyMarginTimeSeconds", &pt->rekey_margin, 0 },
		{ "RekeyFuzzPercentage", &pt->rekey_fuzz, 0 },
		{ "Phase1EncryptionAlgorithms", &pt->p1_enc, 0 },
		{ "Phase2EncryptionAlgorithms", &pt->p2_enc, 0 },
		{ "Phase1IntegrityAlgorithms", &pt->p1_integ, 0 },
		{ "Phase2IntegrityAlgorithms", &pt->p2_integ, 0 },
		{ "Phase1DHGroupNumbers", &pt->p1_dh, 0 },
		{ "Phase2DHGroupNumbers", &pt->p2_dh, 0 },
	};
	int n = 0;

	fputs(",\"defaults\":[", f);
	for (size_t i = 0; i < COUNT(opt); i++)
		if (!opt[i].n->set && !(pt->unknown & opt[i].unk))
			fprintf(f, "%s\"%s\"", n++ ? "," : "", opt[i].name);
	fputc(']', f);
}

static void
json_tunnels(FILE *f, const struct audit_peer_result *r)
{
	const struct peer_config *p = r->peer;
	char tn[32];

	fputs(",\"tunnels\":[", f);
	for (size_t k = 0; k < p->ntunnels; k++) {
		const struct peer_tunnel *pt = &p->tunnels[k];
		const struct audit_pair *pr = &r->pairs[k];
		fputs(k ? ",{\"outside\":" : "{\"outside\":", f);
		json_string(f, pt->outside);
		fputs(",\"connection\":", f);
		json_string(f, p->conns[pt->conn].id);
		json_str(f, "inside_cidr", pt->inside);
		fprintf(f,
			",\"dpd_timeout_seconds\":%ld,\"dpd_timeout_action\":\"%s\",\"startup_action\":\"%s\",\"ike_versions\":\"%s\",\"phase1_lifetime\":%ld,\"phase2_lifetime\":%ld",
			pt->dpd_seconds.v,
			peer_dpd_action_name((enum peer_dpd_action)pt->dpd_action.v),
			peer_startup_name((enum peer_startup)pt->startup.v), ike_words(pt->ike.v),
			pt->p1_life.v, pt->p2_life.v);
		audit_peer_json_tunnel_options(f, pt);
		json_defaults(f, pt);
		fputs(",\"not_checked\":[", f);
		audit_peer_not_checked(pr->not_checked, 0, json_not_checked,
				       &(struct audit_jlist){ f, 0 });
		fputc(']', f);
		fputs(",\"telemetry\":", f);
		if (pt->status == PEER_STATUS_NONE)
			fputs("null", f);
		else {
			fprintf(f, "{\"status\":\"%s\",\"message\":",
				pt->status == PEER_STATUS_UP     ? "UP"
				: pt->status == PEER_STATUS_DOWN ? "DOWN"
								 : "other");
			json_string(f, pt->status_msg);
			fputc('}', f);
		}
		json_str(f, "router_tunnel", pr->router >= 0 ? tname(r, pr->router) : NULL);
		json_str(f, "paired_by",
			 pr->by == PAIR_OUTSIDE  ? "outside"
			 : pr->by == PAIR_INSIDE ? "inside"
						 : NULL);
		json_str(f, "customer_gateway_outside", pt->cgw_outside);
		json_str(f, "customer_gateway_inside", pt->cgw_inside);
		json_str(f, "aws_inside", pt->vgw_inside);
		json_num(f, "customer_gateway_asn", &pt->cgw_asn);
		json_num(f, "aws_asn", &pt->vgw_asn);
		json_num(f, "bgp_hold_time", &pt->hold_time);
		json_num(f, "tcp_mss_adjustment", &pt->mss_adjust);
		snprintf(tn, sizeof(tn), "tunnel%zu_", pt->index + 1);
		json_unknown(f, tunnel_unknown, COUNT(tunnel_unknown), pt->unknown, tn);
		fputc('}', f);
	}
	fputc(']', f);
}

static void
json_findings(FILE *f, const struct audit_peer_result *r)
{
	char why[2400]; /* as the text's: the same words, untranslated */
	char src[600];

	fputs(",\"findings\":[", f);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_peer_finding *x = &r->findings[i];
		struct audit_jlist j = { f, 0 };
		fprintf(f, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"line\":%u,\"interface\":",
			i ? "," : "", x->check->id, audit_severity_name(x->check->severity),
			x->line);
		json_string(f, x->where);
		json_str(f, "router_tunnel", x->router >= 0 ? tname(r, x->router) : NULL);
		fputs(",\"text\":", f);
		json_string(f, x->text);
		audit_peer_words(r, x, 0, why, sizeof(why));
		fputs(",\"message\":", f);
		json_string(f, why);
		fputs(",\"source\":", f);
		json_string(f, audit_peer_source(r, x->check, src, sizeof(src)));
		fputs(",\"fix\":[", f);
		audit_peer_router_lines(r, x, audit_json_emit, &j);
		fputs("],\"aws_fix\":[", f);
		j.n = 0;
		audit_peer_aws_lines(r, x, 0, audit_json_emit, &j);
		fputs("]}", f);
	}
	fputc(']', f);
}

void
render_audit_peer_json(FILE *f, const struct audit_peer_result *r, const char *peer_file)
{
	render_audit_peer_json_key(f, r, peer_file, "peer_config");
}

void
render_audit_peer_json_key(FILE *f, const struct audit_peer_result *r, const char *peer_file,
			   const char *key)
{
	struct audit_jlist j = { f, 0 };

	fprintf(f, ",\"%s\":{\"file\":", key);
	json_string(f, peer_file);
	fprintf(f, ",\"format\":\"%s\",\"secrets_not_read\":%zu,\"errors\":%u,\"warnings\":%u",
		peer_format_name(r->peer->format), r->peer->secrets, r->nerror, r->nwarning);
	json_conns(f, r->peer);
	json_tunnels(f, r);
	json_findings(f, r);
	fputs(",\"fix\":[", f);
	audit_peer_router_lines(r, NULL, audit_json_emit, &j);
	fputs("],\"rollback\":[", f);
	j.n = 0;
	audit_peer_rollback_lines(r, audit_json_emit, &j);
	fputs("],\"aws_fix\":[", f);
	j.n = 0;
	audit_peer_aws_lines(r, NULL, 0, audit_json_emit, &j);
	fputs("]}", f);
}
