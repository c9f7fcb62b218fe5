/* SPDX-License-Identifier: BSD-2-Clause */
/* Words and fixes for the pair's IKE checks (core/audit_peer_ike.c):
 * dpd-hold-mismatch, inside-address-mismatch, proposal-mismatch,
 * lifetime-mismatch and the pair's narrow-selectors-with-bgp. One row per
 * id: its words, its router-side note. AWS CLI option names are those of
 * `aws ec2 modify-vpn-tunnel-options --tunnel-options` (IKEVersions,
 * Phase2EncryptionAlgorithms, Phase2IntegrityAlgorithms, lists in the
 * CLI's shorthand [{Value=x},...]) and `aws ec2
 * modify-vpn-connection-options --local-ipv4-network-cidr
 * --remote-ipv4-network-cidr` (AWS CLI reference, ec2). */
#include "render/audit_peer_int.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

/* localized ? the catalogue's words : the English msgid (--json) */
#define L(s) (localized ? _(s) : (s))
#define dflt(n) audit_peer_dflt(n, localized)

static void
ip(long a, char *buf, size_t len)
{
	audit_peer_ip_text((uint32_t)a, buf, len);
}

/* ---- algorithm names ---------------------------------------------------- */

struct alg_name {
	unsigned bit;
	const char *aws; /* the EC2 API's value */
};

/* clang-format off */
static const struct alg_name enc_names[] = {
	{ PEER_ENC_AES128, "AES128" }, { PEER_ENC_AES256, "AES256" },
	{ PEER_ENC_AES128_GCM, "AES128-GCM-16" }, { PEER_ENC_AES256_GCM, "AES256-GCM-16" },
}, integ_names[] = {
	{ PEER_INTEG_SHA1, "SHA1" }, { PEER_INTEG_SHA256, "SHA2-256" },
	{ PEER_INTEG_SHA384, "SHA2-384" }, { PEER_INTEG_SHA512, "SHA2-512" },
}, ike_names[] = {
	{ PEER_IKEV1, "ikev1" }, { PEER_IKEV2, "ikev2" },
};
/* clang-format on */

#define NAMES(t) t, COUNT(t)
/* Phase 2 encryption or integrity: four values each. */
#define P2_NAMES(code) ((code) == PROP_P2_ENC ? enc_names : integ_names), COUNT(enc_names)

/* "AES128, AES256" (0: text), "{Value=AES128},{Value=AES256}" (1: AWS
 * CLI shorthand) or "\"AES128\", \"AES256\"" (2: a Terraform list's items). */
static void
names(long bits, const struct alg_name *t, size_t n, int cli, char *buf, size_t len)
{
	static const char *const open[] = { "", "{Value=", "\"" }, *const close[] = { "", "}",
										      "\"" };

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned long)bits & t[i].bit)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s%s%s",
				 buf[0] ? (cli == 1 ? "," : ", ") : "", open[cli], t[i].aws,
				 close[cli]);
	if ((unsigned long)bits & PEER_ALG_OTHER && !cli)
		snprintf(buf + strlen(buf), len - strlen(buf), "%sothers", buf[0] ? ", " : "");
	if (!buf[0])
		snprintf(buf, len, "none");
}

void
audit_peer_alg_names(int which, long bits, char *buf, size_t len)
{
	if (which == 0)
		names(bits, NAMES(ike_names), 0, buf, len);
	else
		names(bits, which == 1 ? enc_names : integ_names, COUNT(enc_names), 0, buf, len);
}

/* ---- words -------------------------------------------------------------- */

/* How an exact hold is made, in each format's own words and document
 * (doc/router-facts.md, doc/vendor-syntax.md): its interval and count
 * (config_gateway ka_interval, ka_count), or one timeout (count NULL), the
 * hold itself. Keywords and documents are cited as written. A format
 * without a row takes the first, neutral one. */
/* clang-format off */
static const struct {
	enum vendor_id vendor;
	const char *interval, *count, *doc;
} hold_how[] = {
	{ VENDOR_COUNT,     "DPD interval",                "retries",              "the configuration's DPD settings" },
	{ VENDOR_RTX,       "keepalive interval",          "count",                "Yamaha RTX command reference 15.20" },
	{ VENDOR_JUNOS,     "dead-peer-detection interval", "threshold",           "Juniper CLI reference, dead-peer-detection (defaults 10 and 5)" },
	{ VENDOR_FORTIGATE, "dpd-retryinterval",           "dpd-retrycount",       "FortiOS CLI reference, vpn ipsec phase1-interface" },
	{ VENDOR_ROUTEROS,  "dpd-interval",                "dpd-maximum-failures", "MikroTik manual, IPsec profiles" },
	{ VENDOR_VYOS,      "dead-peer-detection timeout", NULL,                   "vyos-1x vpn_ipsec.xml.in (IKEv1)" },
	{ VENDOR_IPSECCONF, "dpdtimeout",                  NULL,                   "ipsec.conf(5) (IKEv1)" },
};
/* clang-format on */

static void
w_dpd_hold(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	   char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	const struct config_tunnel *t = &r->cfg->tunnels[f->router];
	const struct config_gateway *g = &r->cfg->gateways[t->gateway];
	char how[320];
	size_t k = COUNT(hold_how);

	while (--k > 0 && hold_how[k].vendor != r->cfg->vendor)
		;
	if (f->code == HOLD_EXACT && !hold_how[k].count)
		snprintf(how, sizeof(how), L(N_("%s %ld s; %s")), hold_how[k].interval, f->n[0],
			 hold_how[k].doc);
	else if (f->code == HOLD_EXACT)
		snprintf(how, sizeof(how), L(N_("%s %ld s, %s %ld; %s")), hold_how[k].interval,
			 g->ka_interval, hold_how[k].count, g->ka_count, hold_how[k].doc);
	else /* the interval where the format keeps one (IOS: S of S + R, the bound) */
		snprintf(how, sizeof(how), L(N_("a DPD check every %ld s, its retries on top")),
			 g->ka_interval > 0 ? g->ka_interval : f->n[0]);
	snprintf(
		buf, len,
		L(N_("the router notices a dead peer on %s only after %s%ld s (%s), while AWS ends its side of tunnel %s after %ld s without DPD replies (DpdTimeoutSeconds%s, DpdTimeoutAction %s%s): for the difference the router keeps sending into an SA AWS has deleted, and the tunnel stays down until the router gives up on it (field case 2)")),
		t->name, f->code == HOLD_EXACT ? "" : L(N_("at least ")), f->n[0], how, pt->outside,
		f->n[1], dflt(&pt->dpd_seconds),
		peer_dpd_action_name((enum peer_dpd_action)pt->dpd_action.v),
		dflt(&pt->dpd_action));
}

static void
w_inside(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	 char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	char got[16], want[16];

	ip(f->n[0], got, sizeof(got));
	ip(f->n[1], want, sizeof(want));
	switch ((enum audit_inside)f->code) {
	case INSIDE_NOT_IN_CIDR:
		snprintf(
			buf, len,
			L(N_("the tunnel's inside address %s is not in AWS tunnel %s's TunnelInsideCidr %s, where the customer gateway's is %s: BGP and anything else addressed inside the tunnel fails")),
			got, pt->outside, pt->inside, want);
		break;
	case INSIDE_NOT_CUSTOMER:
		snprintf(
			buf, len,
			L(N_("the tunnel's inside address %s is in TunnelInsideCidr %s but is not the customer gateway's %s (AWS takes the first host address of the /30, the customer gateway the second)")),
			got, pt->inside, want);
		break;
	case INSIDE_REMOTE_NOT_AWS:
		snprintf(
			buf, len,
			L(N_("the tunnel's remote address %s is not AWS's inside address %s of TunnelInsideCidr %s")),
			got, want, pt->inside);
		break;
	case INSIDE_BGP_NOT_AWS:
		snprintf(
			buf, len,
			L(N_("the BGP neighbour %s through tunnel %s is not AWS's inside address %s of TunnelInsideCidr %s: the session never comes up")),
			got, pt->outside, want, pt->inside);
		break;
	}
}

static void
w_proposal(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	   char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	const char *esp = f->router >= 0 ? config_tunnel_esp(r->cfg, (size_t)f->router, NULL) : "";
	char mine[96], aws[96];

	switch ((enum audit_proposal)f->code) {
	case PROP_IKE_VERSION:
		names(f->n[0], NAMES(ike_names), 0, mine, sizeof(mine));
		names(f->n[1], NAMES(ike_names), 0, aws, sizeof(aws));
		snprintf(
			buf, len,
			L(N_("the router speaks IKE %s toward tunnel %s and AWS permits %s (IkeVersions%s): no IKE SA is ever negotiated")),
			mine, pt->outside, aws, dflt(&pt->ike));
		break;
	case PROP_P2_ENC:
	case PROP_P2_INTEG:
		names(f->n[0], P2_NAMES(f->code), 0, mine, sizeof(mine));
		names(f->n[1], P2_NAMES(f->code), 0, aws, sizeof(aws));
		snprintf(
			buf, len,
			L(N_("the router's ESP transform%s%s%s offers %s, and AWS permits %s for tunnel %s (%s%s): no IPsec SA is negotiated (NO_PROPOSAL_CHOSEN); phase 1 algorithms are not checked (the router model does not hold them)")),
			esp[0] ? " '" : "", esp, esp[0] ? "'" : "", mine, aws, pt->outside,
			f->code == PROP_P2_ENC ? "Phase2EncryptionAlgorithms"
					       : "Phase2IntegrityAlgorithms",
			dflt(f->code == PROP_P2_ENC ? &pt->p2_enc : &pt->p2_integ));
		break;
	}
}

/* clang-format off */
static const char *const life_names[] = {
	[LIFE_P1_RANGE] = "Phase1LifetimeSeconds", [LIFE_P2_RANGE] = "Phase2LifetimeSeconds",
	[LIFE_P2_NOT_BELOW_P1] = "Phase2LifetimeSeconds", [LIFE_MARGIN_RANGE] = "RekeyMarginTimeSeconds",
	[LIFE_FUZZ_RANGE] = "RekeyFuzzPercentage",
};
/* clang-format on */

static void
w_lifetime(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	   char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];

	switch ((enum audit_lifetime)f->code) {
	case LIFE_P1_RANGE:
	case LIFE_P2_RANGE:
	case LIFE_MARGIN_RANGE:
	case LIFE_FUZZ_RANGE:
	case LIFE_P2_NOT_BELOW_P1:
		snprintf(
			buf, len,
			L(N_("AWS tunnel %s has %s %ld, %s the %ld the EC2 API accepts%s: the file was edited, or AWS changed its ranges; the tunnel's rekeying is not what the documentation describes")),
			pt->outside, life_names[f->code], f->n[0],
			f->n[0] < f->n[1] ? L(N_("below")) : L(N_("above")), f->n[1],
			f->code == LIFE_P2_NOT_BELOW_P1
				? L(N_(" (phase 2 must be shorter than phase 1)"))
			: f->code == LIFE_MARGIN_RANGE
				? L(N_(" (60 to half of Phase2LifetimeSeconds)"))
				: "");
		break;
	case LIFE_ROUTER_P2_LONGER:
	case LIFE_ROUTER_P1_LONGER:
		snprintf(
			buf, len,
			L(N_("the router keeps its %s SA for %ld s%s, and AWS's %s lifetime on tunnel %s is %ld s (%s%s): AWS replaces or expires the SA first, and a router that goes on using it sends into an SA AWS no longer has until it rekeys itself; AWS's Yamaha sample sets ipsec ike duration ipsec-sa 3600")),
			f->code == LIFE_ROUTER_P2_LONGER ? "IPsec" : "IKE", f->n[0],
			f->text[0]
				? ""
				: L(N_(" (no ipsec ike duration line: the default, RTX command reference 15.48.1)")),
			f->code == LIFE_ROUTER_P2_LONGER ? L(N_("phase 2")) : L(N_("phase 1")),
			pt->outside, f->n[1],
			f->code == LIFE_ROUTER_P2_LONGER ? "Phase2LifetimeSeconds"
							 : "Phase1LifetimeSeconds",
			dflt(f->code == LIFE_ROUTER_P2_LONGER ? &pt->p2_life : &pt->p1_life));
		break;
	}
}

static void
w_selectors(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
	    char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	const struct peer_conn *pc = &r->peer->conns[pt->conn];
	char a[16];

	ip(f->n[0], a, sizeof(a));
	snprintf(
		buf, len,
		L(N_("VPN connection %s is dynamic (BGP), and AWS's own traffic selector %s is %s, which leaves out %s%s%s, %s inside address that BGP runs from: IPsec comes up and BGP never does (field case 3)")),
		pc->id, f->code ? "RemoteIpv4NetworkCidr" : "LocalIpv4NetworkCidr",
		f->code ? pc->remote_cidr : pc->local_cidr, a, f->n[1] == 32 ? "" : "/16",
		f->n[1] == 32 ? "" : L(N_(" (no TunnelInsideCidr in the file)")),
		f->code ? L(N_("AWS's")) : L(N_("the customer gateway's")));
}

/* ---- router-side notes (no fix kind prints these) ---------------------- */

static void
n_inside(const struct audit_peer_result *r, const struct audit_peer_finding *f, const char *lead,
	 char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];
	char cgw[16], aws[16];

	ip((long)pt->inside_addr + 2, cgw, sizeof(cgw));
	ip((long)pt->inside_addr + 1, aws, sizeof(aws));
	snprintf(
		buf, len,
		"%s give %s the inside address %s/30 and AWS's %s as its remote address and BGP neighbour (TunnelInsideCidr %s; mtuprobe prints no address lines)",
		lead, r->cfg->tunnels[f->router].name, cgw, aws, pt->inside);
}

static void
n_proposal(const struct audit_peer_result *r, const struct audit_peer_finding *f, const char *lead,
	   char *buf, size_t len)
{
	char aws[96];

	if (f->code == PROP_IKE_VERSION) {
		names(f->n[1], NAMES(ike_names), 0, aws, sizeof(aws));
		snprintf(buf, len, "%s make %s speak %s (mtuprobe prints no IKE version lines)",
			 lead, r->cfg->tunnels[f->router].name, aws);
		return;
	}
	names(f->n[1], P2_NAMES(f->code), 0, aws, sizeof(aws));
	snprintf(buf, len,
		 "%s offer one of %s in %s's ESP proposal (mtuprobe prints no proposal lines)",
		 lead, aws, r->cfg->tunnels[f->router].name);
}

static void
n_lifetime(const struct audit_peer_result *r, const struct audit_peer_finding *f, const char *lead,
	   char *buf, size_t len)
{
	const struct config_gateway *g;

	if (f->code != LIFE_ROUTER_P2_LONGER && f->code != LIFE_ROUTER_P1_LONGER) {
		snprintf(
			buf, len,
			"%s nothing on the router: set the AWS tunnel's value within the documented range",
			lead);
		return;
	}
	g = &r->cfg->gateways[r->cfg->tunnels[f->router].gateway];
	/* RTX syntax (15.48.1): the only vendor whose lifetimes the model reads */
	snprintf(buf, len, "ipsec ike duration %s %s %ld",
		 f->code == LIFE_ROUTER_P2_LONGER ? "ipsec-sa" : "isakmp-sa", g->name, f->n[1]);
}

static void
n_selectors(const struct audit_peer_result *r, const struct audit_peer_finding *f, const char *lead,
	    char *buf, size_t len)
{
	(void)r;
	(void)f;
	snprintf(
		buf, len,
		"%s nothing on the router for AWS's selectors (the router's own are the router audit's narrow-selectors-with-bgp)",
		lead);
}

static void
w_psk(const struct audit_peer_result *r, const struct audit_peer_finding *f, int localized,
      char *buf, size_t len)
{
	const struct peer_tunnel *pt = &r->peer->tunnels[f->aws];

	snprintf(
		buf, len,
		L(N_("the router's pre-shared key for %s (line %u) is not AWS tunnel %s's PreSharedKey: IKE authentication fails (AUTHENTICATION_FAILED) and the tunnel never comes up; the keys were compared as keyed digests and neither is printed")),
		r->cfg->tunnels[f->router].name, f->line, pt->outside);
}

static void
n_psk(const struct audit_peer_result *r, const struct audit_peer_finding *f, const char *lead,
      char *buf, size_t len)
{
	snprintf(
		buf, len,
		"%s set %s's pre-shared key (line %u) to the AWS tunnel's PreSharedKey (describe-vpn-connections shows it; mtuprobe prints no key)",
		lead, r->cfg->tunnels[f->router].name, f->line);
}

static const struct {
	const char *id;
	void (*words)(const struct audit_peer_result *, const struct audit_peer_finding *, int,
		      char *, size_t);
	void (*note)(const struct audit_peer_result *, const struct audit_peer_finding *,
		     const char *, char *, size_t);
} rows[] = {
	{ "dpd-hold-mismatch", w_dpd_hold, NULL },
	{ "inside-address-mismatch", w_inside, n_inside },
	{ "proposal-mismatch", w_proposal, n_proposal },
	{ "lifetime-mismatch", w_lifetime, n_lifetime },
	{ "narrow-selectors-with-bgp", w_selectors, n_selectors },
	{ "psk-mismatch", w_psk, n_psk },
};

static size_t
row_of(const struct audit_peer_finding *f)
{
	size_t i = 0;

	while (i < COUNT(rows) && strcmp(rows[i].id, f->check->id) != 0)
		i++;
	return i;
}

int
audit_peer_ike_words(const struct audit_peer_result *r, const struct audit_peer_finding *f,
		     int localized, char *buf, size_t len)
{
	size_t i = row_of(f);

	if (i == COUNT(rows))
		return 0;
	rows[i].words(r, f, localized, buf, len);
	return 1;
}

int
audit_peer_ike_note(const struct audit_peer_result *r, const struct audit_peer_finding *f,
		    const char *lead, char *buf, size_t len)
{
	size_t i = row_of(f);

	if (i == COUNT(rows) || !rows[i].note || f->router < 0)
		return 0;
	rows[i].note(r, f, lead, buf, len);
	return 1;
}

/* ---- the AWS side's options -------------------------------------------- */

/* The list options a finding can ask AWS to widen: the EC2 option
 * (modify-vpn-tunnel-options) and the Terraform AWS provider's
 * aws_vpn_connection attribute after tunnelN_ (sets of strings). */
static const struct {
	unsigned bit;
	const char *option, *tf;
	const struct alg_name *names;
	size_t n;
} lists[] = {
	{ AWS_FIX_IKE, "IKEVersions", "ike_versions", NAMES(ike_names) },
	{ AWS_FIX_P2_ENC, "Phase2EncryptionAlgorithms", "phase2_encryption_algorithms",
	  NAMES(enc_names) },
	{ AWS_FIX_P2_INTEG, "Phase2IntegrityAlgorithms", "phase2_integrity_algorithms",
	  NAMES(integ_names) },
};

/* What tunnel k's findings ask of list o: the union of what AWS permits
 * and what the router offers, so nothing that works stops. */
static long
list_bits(const struct audit_peer_result *r, size_t k, const struct audit_peer_finding *only,
	  size_t o)
{
	long bits = 0;

	for (size_t i = 0; i < (only ? 1 : r->nfindings); i++) {
		const struct audit_peer_finding *f = only ? only : &r->findings[i];
		if (f->aws == (int)k && (f->aws_fix & lists[o].bit))
			bits |= f->n[2];
	}
	return bits & ~(long)PEER_ALG_OTHER;
}

/* Appended to opts: "IKEVersions=[{Value=ikev1},{Value=ikev2}]". */
void
audit_peer_ike_aws_opts(const struct audit_peer_result *r, size_t k,
			const struct audit_peer_finding *only, char *opts, size_t len)
{
	char v[160];

	for (size_t o = 0; o < COUNT(lists); o++) {
		long bits = list_bits(r, k, only, o);

		if (!bits)
			continue;
		names(bits, lists[o].names, lists[o].n, 1, v, sizeof(v));
		snprintf(opts + strlen(opts), len - strlen(opts), "%s%s=[%s]", opts[0] ? "," : "",
			 lists[o].option, v);
	}
}

/* Terraform: "tunnel1_ike_versions = [\"ikev1\", \"ikev2\"]" for tunnel k
 * (number 1 or 2 in the resource). */
void
audit_peer_ike_tf_lists(const struct audit_peer_result *r, size_t k,
			const struct audit_peer_finding *only, size_t number,
			void (*emit)(void *ctx, const char *line), void *ctx)
{
	char v[160], line[300];

	for (size_t o = 0; o < COUNT(lists); o++) {
		long bits = list_bits(r, k, only, o);

		if (!bits)
			continue;
		names(bits, lists[o].names, lists[o].n, 2, v, sizeof(v));
		snprintf(line, sizeof(line), "tunnel%zu_%s = [%s]", number, lists[o].tf, v);
		emit(ctx, line);
	}
}

/* modify-vpn-connection-options: once per connection. */
void
audit_peer_ike_aws_cidrs(const struct peer_conn *pc, int id_ok, int localized,
			 void (*emit)(void *ctx, const char *line), void *ctx)
{
	char line[300];

	if (!id_ok) {
		audit_peer_aws_comment(
			N_("no command: the connection id in the file is not in AWS's form; set LocalIpv4NetworkCidr and RemoteIpv4NetworkCidr to 0.0.0.0/0 by hand"),
			localized, emit, ctx);
		return;
	}
	audit_peer_aws_comment(
		N_("modify-vpn-connection-options makes the whole VPN connection briefly unavailable (both tunnels)"),
		localized, emit, ctx);
	snprintf(
		line, sizeof(line),
		"aws ec2 modify-vpn-connection-options --vpn-connection-id %s --local-ipv4-network-cidr 0.0.0.0/0 --remote-ipv4-network-cidr 0.0.0.0/0",
		pc->id);
	emit(ctx, line);
}

/* ---- what was not checked ------------------------------------------------ */

static const struct {
	unsigned bit;
	const char *what;
} nc_words[] = {
	{ PAIR_NC_PHASE1, N_("phase 1 algorithms (the router model does not hold IKE proposals)") },
	{ PAIR_NC_PHASE2,
	  N_("phase 2 algorithms (the router's ESP transform is unknown or none of AWS's)") },
	{ PAIR_NC_LIFETIME, N_("lifetimes (read for RTX only)") },
	{ PAIR_NC_DPD, N_("DPD hold (the router runs no DPD, or how long it holds is unknown)") },
	{ PAIR_NC_PSK, N_("pre-shared key (only one end's key was read, or it is a placeholder)") },
};

void
audit_peer_not_checked(unsigned bits, int localized, void (*each)(void *ctx, const char *what),
		       void *ctx)
{
	for (size_t i = 0; i < COUNT(nc_words); i++)
		if (bits & nc_words[i].bit)
			each(ctx, L(nc_words[i].what));
}

/* ---- JSON: what AWS permits on a tunnel (mtuprobe(1), tunnels[]) -------- */

static void
json_names(FILE *f, const char *key, long bits, const struct alg_name *t, size_t n)
{
	int first = 1;

	fprintf(f, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++)
		if ((unsigned long)bits & t[i].bit) {
			fprintf(f, "%s\"%s\"", first ? "" : ",", t[i].aws);
			first = 0;
		}
	if ((unsigned long)bits & PEER_ALG_OTHER)
		fprintf(f, "%s\"other\"", first ? "" : ",");
	fputc(']', f);
}

static void
json_groups(FILE *f, const char *key, long bits)
{
	int first = 1;

	fprintf(f, ",\"%s\":[", key);
	for (int g = 1; g <= 30; g++)
		if ((unsigned long)bits & 1ul << g) {
			fprintf(f, "%s%d", first ? "" : ",", g);
			first = 0;
		}
	fputc(']', f);
}

void
audit_peer_json_tunnel_options(FILE *f, const struct peer_tunnel *pt)
{
	fprintf(f, ",\"rekey_margin_seconds\":%ld,\"rekey_fuzz_percentage\":%ld",
		pt->rekey_margin.v, pt->rekey_fuzz.v);
	json_names(f, "phase1_encryption", pt->p1_enc.v, NAMES(enc_names));
	json_names(f, "phase2_encryption", pt->p2_enc.v, NAMES(enc_names));
	json_names(f, "phase1_integrity", pt->p1_integ.v, NAMES(integ_names));
	json_names(f, "phase2_integrity", pt->p2_integ.v, NAMES(integ_names));
	json_groups(f, "phase1_dh_groups", pt->p1_dh.v);
	json_groups(f, "phase2_dh_groups", pt->p2_dh.v);
}
