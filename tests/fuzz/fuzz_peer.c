/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer harness for audit --peer-config: arbitrary bytes as the peer's
 * configuration, then, when they parse, the pairing and the checks of both
 * ends against three fixed router configurations (RTX, IX, swanctl) and
 * every renderer into a memory sink. Built three times (tests/fuzz/
 * meson.build): fuzz_peer through peer_parse() (format detection, the
 * describe-vpn-connections JSON with its embedded XML: config/aws_json.c),
 * fuzz_peer_xml (-DFUZZ_PEER_XML: config/aws_xml.c, libxml2) and
 * fuzz_peer_tf (-DFUZZ_PEER_TF: config/terraform.c). Besides memory errors
 * (ASan) and undefined behaviour (UBSan), it aborts when a result breaks a
 * promise of peer.h or audit_peer.h: a refusal without a message, indices
 * outside the tables, a count that does not add up, or a secret (a
 * PreSharedKey, pre_shared_key or tunnelN_preshared_key value) that
 * reached the output or a message. The default build also takes what
 * peer_is_document() says is no AWS document as audit does: a second
 * router's configuration, audited and paired (core/audit_pair.c) with each
 * fixed router, both ways. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/peer.h"
#include "core/audit.h"
#include "core/audit_pair.h"
#include "core/audit_peer.h"
#include "render/audit_pair_out.h"
#include "render/audit_peer_out.h"

#if defined(FUZZ_PEER_XML)
#define FRONT peer_parse_aws_xml
#elif defined(FUZZ_PEER_TF)
#define FRONT peer_parse_terraform
#else
#define FRONT peer_parse
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The RTX's key (psk-mismatch compares it as a digest): never in the output. */
#define ROUTER_KEY "fuzz-router-key-must-not-leak"

/* Small routers with the shapes the pairing reads: outside and inside
 * addresses, refresh, BGP, NAT-T (tests/audit/peer, tests/audit/configs). */
static const char rtx[] =
	"tunnel select 1\n ipsec tunnel 201\n  ipsec sa policy 201 1 esp aes-cbc sha-hmac\n"
	"  ipsec ike keepalive use 1 on dpd 10 3\n  ipsec ike remote address 1 198.51.100.1\n"
	"  ipsec ike pre-shared-key 1 text " ROUTER_KEY "\n  ipsec ike duration ipsec-sa 1 3600\n"
	" ip tunnel address 169.254.255.2/30\n ip tunnel remote address 169.254.255.1\n"
	" ip tunnel tcp mss limit 1450\n tunnel enable 1\ntunnel select 2\n ipsec tunnel 202\n"
	"  ipsec sa policy 202 2 esp aes-cbc sha-hmac\n  ipsec ike remote address 2 198.51.100.2\n"
	" ip tunnel mtu 1500\n tunnel enable 2\ntunnel select none\n"
	"bgp neighbor 1 64512 169.254.255.1 hold-time=30\n";
static const char ix[] =
	"interface Tunnel0.0\n  tunnel mode ipsec-ikev2\n  ip address 169.254.1.2/30\n  ip mtu 1400\n"
	"  ip tcp adjust-mss 1380\n  ikev2 negotiation-direction responder\n"
	"  ikev2 peer 198.51.100.1 authentication psk id ipv4 198.51.100.1\n!\n"
	"router bgp 64512\n  neighbor 169.254.1.1 remote-as 64512\n";
static const char swan[] =
	"connections {\n  aws1 {\n    remote_addrs = 198.51.100.1\n    children {\n"
	"      aws1 {\n        start_action = start\n      }\n    }\n  }\n}\n";
static const char *const routers[] = { rtx, ix, swan };

static struct config cfg[sizeof(routers) / sizeof(routers[0])];
static struct audit_result router_res[sizeof(routers) / sizeof(routers[0])];
static int ready;

static void
setup(void)
{
	char err[256];

	for (size_t i = 0; i < sizeof(routers) / sizeof(routers[0]); i++) {
		struct audit_input in = { .cfg = &cfg[i],
					  .peer = model_peer("generic"),
					  .wan_from = "fuzz" };
		if (config_parse(routers[i], strlen(routers[i]), -1, &cfg[i], err, sizeof(err)) <
			    0 ||
		    audit_run(&in, &router_res[i]) < 0)
			abort(); /* the fixed routers must parse */
	}
	ready = 1;
}

static void
check(const struct peer_config *p, const struct config *c, const struct audit_peer_result *r)
{
	if (p->nconns > p->cap_conns || p->ntunnels > p->cap_tunnels || r->npairs != p->ntunnels ||
	    r->nfindings > r->cap_findings || r->nerror + r->nwarning != r->nfindings)
		abort();
	for (size_t k = 0; k < p->ntunnels; k++)
		if (p->tunnels[k].conn >= p->nconns || r->pairs[k].router >= (int)c->ntunnels ||
		    (r->pairs[k].router < 0) != (r->pairs[k].by == PAIR_NONE))
			abort();
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct audit_peer_finding *f = &r->findings[i];
		if (f->aws >= (int)p->ntunnels || f->router >= (int)c->ntunnels ||
		    f->nfix > AUDIT_MAX_FIX || (f->aws < 0 && f->router < 0))
			abort();
	}
}

/* Where the input holds a secret: the key, then (sep) a ':' and blanks
 * before a quoted value ending at '"', or (no sep) the value right after
 * the key ending at '<'. */
static const struct {
	const char *key;
	int sep;
	char end;
} secret_keys[] = {
	{ "\"PreSharedKey\"", 1, '"' },
	{ "_preshared_key\"", 1, '"' }, /* Terraform's tunnelN_preshared_key */
	{ "<pre_shared_key>", 0, '<' }, /* the XML, in a file or in the JSON */
};

static const uint8_t *
blanks(const uint8_t *q, const uint8_t *end)
{
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		q++;
	return q;
}

/* One secret's value [q, e) is printed: short values could appear by
 * chance (an address, a word), and the same bytes elsewhere in the input
 * (a printed field) are no leak. */
static int
value_leaked(const char *out, size_t n, const uint8_t *data, size_t size, const uint8_t *q,
	     const uint8_t *e)
{
	size_t len = (size_t)(e - q);

	if (len < 12 || memmem(e, size - (size_t)(e - data), q, len) ||
	    memmem(data, (size_t)(q - data), q, len))
		return 0;
	return memmem(out, n, q, len) != NULL;
}

/* A secret of the input in the output: every occurrence of every key. */
static int
leaked(const char *out, size_t n, const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size;

	for (size_t i = 0; i < sizeof(secret_keys) / sizeof(secret_keys[0]); i++) {
		size_t klen = strlen(secret_keys[i].key);
		const uint8_t *k = data, *q, *e;
		while ((k = memmem(k, (size_t)(end - k), secret_keys[i].key, klen))) {
			q = k += klen;
			if (secret_keys[i].sep) {
				/* only a string value is a secret to look for */
				q = blanks(q, end);
				if (q >= end || *q++ != ':')
					continue;
				q = blanks(q, end);
				if (q >= end || *q++ != '"')
					continue;
			}
			if ((e = memchr(q, secret_keys[i].end, (size_t)(end - q))) &&
			    value_leaked(out, n, data, size, q, e))
				return 1;
		}
	}
	return 0;
}

#if !defined(FUZZ_PEER_XML) && !defined(FUZZ_PEER_TF)
/* audit_pair.h's promises: tunnel indices in both tables, counts. */
static void
check_pair(const struct audit_rpair_result *r)
{
	if (r->npairs > r->cap_pairs || r->nfindings > r->cap_findings ||
	    r->nerror + r->nwarning != r->nfindings)
		abort();
	for (size_t k = 0; k < r->npairs; k++)
		for (int s = 0; s < END_COUNT; s++)
			if (r->pairs[k].t[s] < 0 || (size_t)r->pairs[k].t[s] >= r->cfg[s]->ntunnels)
				abort();
	for (size_t i = 0; i < r->nfindings; i++)
		for (int s = 0; s < END_COUNT; s++) {
			const struct audit_rpair_end *e = &r->findings[i].end[s];
			if (e->tunnel >= (int)r->cfg[s]->ntunnels || e->tunnel < -1 ||
			    e->nfix > AUDIT_MAX_FIX || e->line > r->cfg[s]->lines)
				abort();
		}
}

/* The bytes as a second router, paired with each fixed router both ways
 * (the AWS-document harness only: the XML and terraform ones read the bytes
 * as their one format). */
static void
router_peer(const uint8_t *data, size_t size, FILE *sink)
{
	static struct config other;
	static struct audit_result other_res;
	struct audit_input in = { .cfg = &other,
				  .peer = model_peer("generic"),
				  .wan_from = "fuzz" };
	char err[512];

	err[0] = '\0';
	if (config_parse((const char *)data, size, -1, &other, err, sizeof(err)) < 0) {
		if (!err[0])
			abort();
	} else if (audit_run(&in, &other_res) == 0) {
		for (size_t i = 0; i < sizeof(routers) / sizeof(routers[0]); i++)
			for (int way = 0; way < 2; way++) {
				const struct config *a = way ? &other : &cfg[i],
						    *b = way ? &cfg[i] : &other;
				const struct audit_result *ra = way ? &other_res : &router_res[i];
				const struct audit_result *rb = way ? &router_res[i] : &other_res;
				const char *const files[2] = { "a", "b" };
				struct audit_rpair_result r;
				memset(&r, 0, sizeof(r));
				if (audit_pair_run(a, ra, b, rb, &r) == 0) {
					check_pair(&r);
					render_audit_pair_text(sink, &r, files);
					render_audit_json_pair(sink, ra, &r, files);
					render_audit_pair_quiet(sink, &r, files);
				}
				audit_pair_free(&r);
			}
		audit_free(&other_res);
	}
	config_free(&other);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct peer_config p;
	struct peer_error e;
	char err[600];
	char *out = NULL;
	size_t n = 0;
	FILE *sink;

	if (!ready)
		setup();
#if !defined(FUZZ_PEER_XML) && !defined(FUZZ_PEER_TF)
	if (!peer_is_document((const char *)data, size)) {
		if (!(sink = open_memstream(&out, &n)))
			return 0;
		router_peer(data, size, sink);
		fclose(sink);
		if (memmem(out, n, ROUTER_KEY, sizeof(ROUTER_KEY) - 1) &&
		    !memmem(data, size, ROUTER_KEY, sizeof(ROUTER_KEY) - 1))
			abort(); /* the fixed RTX's key, paired with a router */
		free(out);
		return 0;
	}
#endif
	if (FRONT((const char *)data, size, &p, &e) < 0) {
		peer_error_words(&e, 0, err, sizeof(err)); /* the English, as --json's */
		if (!err[0] || leaked(err, strlen(err), data, size))
			abort(); /* a refusal always says why, never with a key */
		peer_free(&p);
		return 0;
	}
	if (!(sink = open_memstream(&out, &n))) {
		peer_free(&p);
		return 0;
	}
	for (size_t i = 0; i < sizeof(routers) / sizeof(routers[0]); i++) {
		struct audit_peer_result r;
		memset(&r, 0, sizeof(r));
		if (audit_peer_run(&cfg[i], &p, &router_res[i], &r) == 0) {
			check(&p, &cfg[i], &r);
			render_audit_peer_text(sink, &r, "router", "peer");
			render_audit_json_peer(sink, &router_res[i], "router", &r, "peer");
			render_audit_peer_quiet(sink, &r);
		}
		audit_peer_free(&r);
	}
	fclose(sink);
	/* the router's key, unless the input itself carries those bytes (a printed field) */
	if (leaked(out, n, data, size) || (memmem(out, n, ROUTER_KEY, sizeof(ROUTER_KEY) - 1) &&
					   !memmem(data, size, ROUTER_KEY, sizeof(ROUTER_KEY) - 1)))
		abort();
	free(out);
	peer_free(&p);
	return 0;
}
