/* SPDX-License-Identifier: BSD-2-Clause */
/* Each format's ESP transform words, as its grammar writes them, in the
 * one spelling the model reads (strongSwan proposal keywords): part of
 * reading a configuration, so the checks in core never ask which vendor
 * wrote a transform. */
#include "config/config.h"
#include "base/count.h"

#include <stdio.h>
#include <string.h>

/* Vendor transform words -> strongSwan keywords. RTX: command reference
 * 15 (ipsec sa policy; "esp aes-cbc sha-hmac" is AES-128-CBC with
 * HMAC-SHA1-96, AWS's Yamaha sample); the GCM words are UNCONFIRMED (no
 * source at hand): a config using other words gets "unknown transform".
 * IX: words seen in published IX configurations (Oracle's template:
 * esp-aes-256 esp-sha; IKEv2 child-proposal enc aes-cbc-256 / aes-gcm-256-16,
 * integrity sha1 / sha2-256/384/512; IKEv1 esp-aes, esp-sha2-256, esp-md5).
 * Cisco IOS: crypto ipsec transform-set words, the key size joined to its
 * cipher by config/ios.c ("esp-aes 256" -> "esp-aes-256"; esp-aes alone is
 * 128-bit): esp-aes [128|256], esp-3des, esp-sha-hmac, esp-md5-hmac as
 * Cisco's transform-set descriptions and AWS's IOS sample (esp-aes 128
 * esp-sha-hmac) write them. esp-gcm [128|256] is AES-GCM with a 16-byte
 * ICV: Cisco's IOS IPsec Suite B support is RFC 4869's, whose suites are
 * AES-GCM-16 (doc/router-facts.md); esp-gcm alone is read as 128 as
 * esp-aes alone is (the ESP overhead of GCM-128 and GCM-256 is the same:
 * 8-byte IV, 16-byte ICV, 4-byte alignment, RFC 4106). The SHA-2 words
 * were in no source at hand, so they stay "unknown transform".
 * aead: an AEAD cipher (RFC 4106), whose ESP carries no separate ICV, so
 * the integrity words beside it (IX lists one anyway) do not count. */
static const struct {
	enum vendor_id v;
	const char *word, *keyword;
	int aead, integ;
} esp_words[] = {
	{ VENDOR_RTX, "aes-cbc", "aes128", 0, 0 },
	{ VENDOR_RTX, "aes256-cbc", "aes256", 0, 0 },
	{ VENDOR_RTX, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_RTX, "aes-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_RTX, "aes256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_RTX, "sha-hmac", "sha1", 0, 1 },
	{ VENDOR_RTX, "sha256-hmac", "sha256", 0, 1 },
	{ VENDOR_RTX, "md5-hmac", "md5", 0, 1 },
	{ VENDOR_IX, "esp-aes-256", "aes256", 0, 0 },
	{ VENDOR_IX, "esp-aes", "aes128", 0, 0 },
	{ VENDOR_IX, "esp-3des", "3des", 0, 0 },
	{ VENDOR_IX, "esp-sha", "sha1", 0, 1 },
	{ VENDOR_IX, "esp-sha2-256", "sha256", 0, 1 },
	{ VENDOR_IX, "esp-md5", "md5", 0, 1 },
	{ VENDOR_IX, "aes-cbc-256", "aes256", 0, 0 },
	{ VENDOR_IX, "aes-cbc-192", "aes192", 0, 0 },
	{ VENDOR_IX, "aes-cbc-128", "aes128", 0, 0 },
	{ VENDOR_IX, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_IX, "aes-gcm-128-16", "aes128gcm16", 1, 0 },
	{ VENDOR_IX, "aes-gcm-256-16", "aes256gcm16", 1, 0 },
	{ VENDOR_IX, "sha1", "sha1", 0, 1 },
	{ VENDOR_IX, "sha2-256", "sha256", 0, 1 },
	{ VENDOR_IX, "sha2-384", "sha384", 0, 1 },
	{ VENDOR_IX, "sha2-512", "sha512", 0, 1 },
	/* FortiOS phase2-interface proposal words (CLI reference): cipher and
	 * integrity in one word (config/fortios.c keeps every word of a list);
	 * aes128gcm/aes256gcm are AES-GCM with a 16-byte ICV (RFC 4106) */
	{ VENDOR_FORTIGATE, "3des-md5", "3des-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha1", "3des-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha256", "3des-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha384", "3des-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "3des-sha512", "3des-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-md5", "aes128-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha1", "aes128-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha256", "aes128-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha384", "aes128-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128-sha512", "aes128-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-md5", "aes192-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha1", "aes192-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha256", "aes192-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha384", "aes192-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes192-sha512", "aes192-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-md5", "aes256-md5", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha1", "aes256-sha1", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha256", "aes256-sha256", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha384", "aes256-sha384", 0, 0 },
	{ VENDOR_FORTIGATE, "aes256-sha512", "aes256-sha512", 0, 0 },
	{ VENDOR_FORTIGATE, "aes128gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_FORTIGATE, "aes256gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_FORTIGATE, "chacha20poly1305", "chacha20poly1305", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes", "aes128", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes-128", "aes128", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-aes-256", "aes256", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm-128", "aes128gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-gcm-256", "aes256gcm16", 1, 0 },
	{ VENDOR_CISCO_IOS, "esp-3des", "3des", 0, 0 },
	{ VENDOR_CISCO_IOS, "esp-sha-hmac", "sha1", 0, 1 },
	{ VENDOR_CISCO_IOS, "esp-md5-hmac", "md5", 0, 1 },
	/* RouterOS /ip ipsec proposal enc-algorithms, auth-algorithms (MikroTik
	 * manual, IPsec: Proposals); routeros_model.c writes "ENC AUTH" */
	{ VENDOR_ROUTEROS, "aes-128-cbc", "aes128", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-192-cbc", "aes192", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-256-cbc", "aes256", 0, 0 },
	{ VENDOR_ROUTEROS, "3des", "3des", 0, 0 },
	{ VENDOR_ROUTEROS, "aes-128-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_ROUTEROS, "aes-256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_ROUTEROS, "sha1", "sha1", 0, 1 },
	{ VENDOR_ROUTEROS, "sha256", "sha256", 0, 1 },
	{ VENDOR_ROUTEROS, "sha512", "sha512", 0, 1 },
	{ VENDOR_ROUTEROS, "md5", "md5", 0, 1 },
	/* Junos [edit security ipsec proposal] encryption-algorithm and
	 * authentication-algorithm (Juniper CLI reference; AWS's SRX sample:
	 * aes-128-cbc, hmac-sha1-96) */
	{ VENDOR_JUNOS, "aes-128-cbc", "aes128", 0, 0 },
	{ VENDOR_JUNOS, "aes-192-cbc", "aes192", 0, 0 },
	{ VENDOR_JUNOS, "aes-256-cbc", "aes256", 0, 0 },
	{ VENDOR_JUNOS, "3des-cbc", "3des", 0, 0 },
	{ VENDOR_JUNOS, "aes-128-gcm", "aes128gcm16", 1, 0 },
	{ VENDOR_JUNOS, "aes-256-gcm", "aes256gcm16", 1, 0 },
	{ VENDOR_JUNOS, "hmac-sha1-96", "sha1", 0, 1 },
	{ VENDOR_JUNOS, "hmac-sha-256-128", "sha256", 0, 1 },
	{ VENDOR_JUNOS, "hmac-md5-96", "md5", 0, 1 },
	/* VyOS esp-group proposal encryption / hash (vyos-1x
	 * vpn-ipsec-encryption.xml.i, vpn-ipsec-hash.xml.i) */
	{ VENDOR_VYOS, "aes128", "aes128", 0, 0 },
	{ VENDOR_VYOS, "aes192", "aes192", 0, 0 },
	{ VENDOR_VYOS, "aes256", "aes256", 0, 0 },
	{ VENDOR_VYOS, "3des", "3des", 0, 0 },
	{ VENDOR_VYOS, "aes128gcm128", "aes128gcm16", 1, 0 },
	{ VENDOR_VYOS, "aes256gcm128", "aes256gcm16", 1, 0 },
	{ VENDOR_VYOS, "sha1", "sha1", 0, 1 },
	{ VENDOR_VYOS, "sha256", "sha256", 0, 1 },
	{ VENDOR_VYOS, "sha384", "sha384", 0, 1 },
	{ VENDOR_VYOS, "sha512", "sha512", 0, 1 },
	{ VENDOR_VYOS, "md5", "md5", 0, 1 },
};

static int
esp_word(enum vendor_id v, const char *w)
{
	for (size_t i = 0; i < COUNT(esp_words); i++)
		if (esp_words[i].v == v && strcmp(esp_words[i].word, w) == 0)
			return (int)i;
	return -1;
}

static int
has_aead(enum vendor_id v, const char *text)
{
	char buf[CONFIG_ESP];
	char *save = NULL;
	int k;

	snprintf(buf, sizeof(buf), "%s", text);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if ((k = esp_word(v, w)) >= 0 && esp_words[k].aead)
			return 1;
	return 0;
}

int
config_esp_keyword(enum vendor_id v, const char *text, char *out, size_t len)
{
	char buf[CONFIG_ESP];
	char *save = NULL;
	size_t n = 0;
	int aead;

	out[0] = '\0';
	if (!text || !*text || strcmp(text, "default") == 0)
		return -1;
	if (config_vendor_facts(v)->esp_native) {
		snprintf(out, len, "%s", text);
		return 0;
	}
	aead = has_aead(v, text);
	/* the cipher first, then the integrity, as strongSwan's proposals are
	 * written (IOS takes "esp-sha-hmac esp-aes" in either order) */
	for (int integ = 0; integ < 2; integ++) {
		snprintf(buf, sizeof(buf), "%s", text);
		save = NULL;
		for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			int k = esp_word(v, w);
			if (k < 0) {
				snprintf(out, len, "%s", w);
				return -1;
			}
			if ((aead && esp_words[k].integ) || esp_words[k].integ != integ)
				continue;
			n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%s%s", n ? "-" : "",
					      esp_words[k].keyword);
		}
	}
	return n ? 0 : -1;
}
