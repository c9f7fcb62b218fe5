/* SPDX-License-Identifier: BSD-2-Clause */
/* The tables behind every number mtuprobe prints. Each row says where its
 * bytes come from; tests/unit/core/test_overhead.c checks every row. */
#include "core/overhead.h"

#include "base/i18n.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* What may sit directly outside a layer. ESP in tunnel mode carries a whole
 * IP packet, and in transport mode the payload of one (GRE, UDP). */
#define IP_OUT (LAYER_IP | LAYER_ESP)
#define ANY_IP_OR_UDP (LAYER_IP | LAYER_UDP)
#define INNER_IP (LAYER_ACCESS | LAYER_IP | LAYER_ESP)

/* clang-format off */
static const struct layer_def layers[] = {
	{ "pppoe", LAYER_ACCESS, 8, LAYER_ACCESS, 0,
	  N_("PPPoE header 6 + PPP protocol 2"), "RFC 2516 section 4" },
	{ "4in6", LAYER_ACCESS, 40, LAYER_ACCESS, 0,
	  N_("IPv6 header carrying IPv4 (MAP-E, DS-Lite)"), "RFC 7597 / RFC 6333, RFC 8200" },
	{ "map-e", LAYER_ACCESS, 40, LAYER_ACCESS, 0,
	  N_("MAP-E IPv6 header (v6plus, OCN)"), "RFC 7597 section 5" },
	{ "ds-lite", LAYER_ACCESS, 40, LAYER_ACCESS, 0,
	  N_("DS-Lite IPv6 header (transix)"), "RFC 6333 section 5.3" },
	{ "ipv4", LAYER_IP, 20, INNER_IP, 0,
	  N_("outer IPv4 header"), "RFC 791" },
	{ "ipv6", LAYER_IP, 40, INNER_IP, 0,
	  N_("outer IPv6 header"), "RFC 8200 section 3" },
	{ "ipip", LAYER_IP, 20, INNER_IP, 0,
	  N_("IPv4-in-IPv4 outer header"), "RFC 2003" },
	{ "udp", LAYER_UDP, 8, IP_OUT, 0,
	  N_("UDP header"), "RFC 768" },
	{ "nat-t", LAYER_UDP, 8, IP_OUT, 0,
	  N_("UDP header for NAT-T (port 4500)"), "RFC 3948 section 2.1" },
	{ "gre", LAYER_TUNNEL, 4, IP_OUT, 0,
	  N_("GRE header"), "RFC 2784 section 2" },
	{ "gre-key", LAYER_TUNNEL, 8, IP_OUT, 0,
	  N_("GRE header + key"), "RFC 2890 section 2" },
	{ "gre-seq", LAYER_TUNNEL, 8, IP_OUT, 0,
	  N_("GRE header + sequence number"), "RFC 2890 section 2" },
	{ "gre-key-seq", LAYER_TUNNEL, 12, IP_OUT, 0,
	  N_("GRE header + key + sequence number"), "RFC 2890 section 2" },
	{ "vxlan", LAYER_TUNNEL, 22, LAYER_UDP, 0,
	  N_("VXLAN header 8 + inner Ethernet 14"), "RFC 7348 section 5" },
	{ "wireguard", LAYER_TUNNEL, 32, LAYER_UDP, 0,
	  N_("WireGuard data header 16 + Poly1305 tag 16"), "WireGuard paper section 5.4.6" },
	{ "esp", LAYER_ESP, 8, ANY_IP_OR_UDP, 0,
	  N_("ESP header: SPI 4 + sequence 4 (tunnel mode)"), "RFC 4303 section 2" },
	{ "esp-transport", LAYER_ESP, 8, ANY_IP_OR_UDP, 1,
	  N_("ESP header: SPI 4 + sequence 4 (transport mode)"), "RFC 4303 sections 2, 3.1.1" },
};
/* clang-format on */

/* Block 4 for stream and counter modes: RFC 4303 section 2.4 still requires the
 * trailer to end on a 4-byte boundary. */
/* clang-format off */
static const struct cipher_def ciphers[] = {
	{ "aes128", "AES-128-CBC", 16, 16, 0, "RFC 3602" },
	{ "aes192", "AES-192-CBC", 16, 16, 0, "RFC 3602" },
	{ "aes256", "AES-256-CBC", 16, 16, 0, "RFC 3602" },
	{ "aes128ctr", "AES-128-CTR", 8, 4, 0, "RFC 3686" },
	{ "aes192ctr", "AES-192-CTR", 8, 4, 0, "RFC 3686" },
	{ "aes256ctr", "AES-256-CTR", 8, 4, 0, "RFC 3686" },
	{ "aes128gcm8", "AES-128-GCM-8", 8, 4, 8, "RFC 4106" },
	{ "aes128gcm12", "AES-128-GCM-12", 8, 4, 12, "RFC 4106" },
	{ "aes128gcm16", "AES-128-GCM-16", 8, 4, 16, "RFC 4106" },
	{ "aes192gcm8", "AES-192-GCM-8", 8, 4, 8, "RFC 4106" },
	{ "aes192gcm12", "AES-192-GCM-12", 8, 4, 12, "RFC 4106" },
	{ "aes192gcm16", "AES-192-GCM-16", 8, 4, 16, "RFC 4106" },
	{ "aes256gcm8", "AES-256-GCM-8", 8, 4, 8, "RFC 4106" },
	{ "aes256gcm12", "AES-256-GCM-12", 8, 4, 12, "RFC 4106" },
	{ "aes256gcm16", "AES-256-GCM-16", 8, 4, 16, "RFC 4106" },
	{ "aes128ccm8", "AES-128-CCM-8", 8, 4, 8, "RFC 4309" },
	{ "aes128ccm12", "AES-128-CCM-12", 8, 4, 12, "RFC 4309" },
	{ "aes128ccm16", "AES-128-CCM-16", 8, 4, 16, "RFC 4309" },
	{ "aes192ccm8", "AES-192-CCM-8", 8, 4, 8, "RFC 4309" },
	{ "aes192ccm12", "AES-192-CCM-12", 8, 4, 12, "RFC 4309" },
	{ "aes192ccm16", "AES-192-CCM-16", 8, 4, 16, "RFC 4309" },
	{ "aes256ccm8", "AES-256-CCM-8", 8, 4, 8, "RFC 4309" },
	{ "aes256ccm12", "AES-256-CCM-12", 8, 4, 12, "RFC 4309" },
	{ "aes256ccm16", "AES-256-CCM-16", 8, 4, 16, "RFC 4309" },
	{ "chacha20poly1305", "ChaCha20-Poly1305", 8, 4, 16, "RFC 7634" },
	{ "3des", "3DES-CBC", 8, 8, 0, "RFC 2451" },
	{ "null", "NULL (no encryption)", 0, 4, 0, "RFC 2410" },
};
/* clang-format on */

/* strongSwan also accepts the ICV length in bits (aes128gcm128 = aes128gcm16). */
struct alias {
	const char *alias, *name;
};

/* clang-format off */
static const struct alias cipher_aliases[] = {
	{ "aes128gcm64", "aes128gcm8" }, { "aes128gcm96", "aes128gcm12" },
	{ "aes128gcm128", "aes128gcm16" }, { "aes192gcm64", "aes192gcm8" },
	{ "aes192gcm96", "aes192gcm12" }, { "aes192gcm128", "aes192gcm16" },
	{ "aes256gcm64", "aes256gcm8" }, { "aes256gcm96", "aes256gcm12" },
	{ "aes256gcm128", "aes256gcm16" }, { "aes128ccm64", "aes128ccm8" },
	{ "aes128ccm96", "aes128ccm12" }, { "aes128ccm128", "aes128ccm16" },
	{ "aes192ccm64", "aes192ccm8" }, { "aes192ccm96", "aes192ccm12" },
	{ "aes192ccm128", "aes192ccm16" }, { "aes256ccm64", "aes256ccm8" },
	{ "aes256ccm96", "aes256ccm12" }, { "aes256ccm128", "aes256ccm16" },
	{ "aes", "aes128" },
};
/* clang-format on */

/* clang-format off */
static const struct integ_def integs[] = {
	{ "md5", "HMAC-MD5-96", 12, "RFC 2403" },
	{ "sha1", "HMAC-SHA1-96", 12, "RFC 2404" },
	{ "sha256", "HMAC-SHA2-256-128", 16, "RFC 4868" },
	{ "sha384", "HMAC-SHA2-384-192", 24, "RFC 4868" },
	{ "sha512", "HMAC-SHA2-512-256", 32, "RFC 4868" },
	{ "aesxcbc", "AES-XCBC-MAC-96", 12, "RFC 3566" },
};
/* clang-format on */

/* clang-format off */
static const struct alias integ_aliases[] = {
	{ "sha", "sha1" }, { "sha2_256", "sha256" }, { "sha2_384", "sha384" },
	{ "sha2_512", "sha512" },
};
/* clang-format on */

static const char *
unalias(const char *name, const struct alias *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, a[i].alias) == 0)
			return a[i].name;
	return name;
}

const struct layer_def *
overhead_layer(const char *name)
{
	for (size_t i = 0; i < COUNT(layers); i++)
		if (strcmp(layers[i].name, name) == 0)
			return &layers[i];
	return NULL;
}

const struct cipher_def *
overhead_cipher(const char *name)
{
	name = unalias(name, cipher_aliases, COUNT(cipher_aliases));
	for (size_t i = 0; i < COUNT(ciphers); i++)
		if (strcmp(ciphers[i].name, name) == 0)
			return &ciphers[i];
	return NULL;
}

const struct integ_def *
overhead_integ(const char *name)
{
	name = unalias(name, integ_aliases, COUNT(integ_aliases));
	for (size_t i = 0; i < COUNT(integs); i++)
		if (strcmp(integs[i].name, name) == 0)
			return &integs[i];
	return NULL;
}

const struct layer_def *
overhead_layer_at(size_t i)
{
	return i < COUNT(layers) ? &layers[i] : NULL;
}

const struct cipher_def *
overhead_cipher_at(size_t i)
{
	return i < COUNT(ciphers) ? &ciphers[i] : NULL;
}

const struct integ_def *
overhead_integ_at(size_t i)
{
	return i < COUNT(integs) ? &integs[i] : NULL;
}

void
overhead_join_names(char *buf, size_t len, const char *(*name_at)(size_t i))
{
	size_t used = 0;
	const char *name;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; (name = name_at(i)) != NULL && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", name);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static const char *
layer_name(size_t i)
{
	return i < COUNT(layers) ? layers[i].name : NULL;
}
static const char *
cipher_name(size_t i)
{
	return i < COUNT(ciphers) ? ciphers[i].name : NULL;
}
static const char *
integ_name(size_t i)
{
	return i < COUNT(integs) ? integs[i].name : NULL;
}

void
overhead_layer_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, layer_name);
}
void
overhead_cipher_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, cipher_name);
}
void
overhead_integ_names(char *buf, size_t len)
{
	overhead_join_names(buf, len, integ_name);
}

long
overhead_esp_max_payload(long avail, unsigned block)
{
	long b = block < 4 ? 4 : (long)block;
	long p;

	if (avail < b)
		return -1;
	p = (avail / b) * b - 2; /* 2 = pad length + next header */
	return p;
}

unsigned
overhead_esp_pad(unsigned payload, unsigned block)
{
	unsigned b = block < 4 ? 4 : block;

	return (b - (payload + 2) % b) % b;
}
