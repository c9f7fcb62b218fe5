/* SPDX-License-Identifier: BSD-2-Clause */
/* Format detection and dispatch. Detection counts lines that begin the way
 * only one of the three formats begins them; the highest count wins. A
 * file with none of them is not a router configuration. */
#include "config/config_int.h"

#include <stdio.h>
#include <string.h>

#include "core/errbuf.h"

static const struct {
	const char *name, *display, *what;
	int (*parse)(const char *buf, size_t len, struct config *c);
	const char *const *markers;   /* line prefixes typical of this format */
} formats[CONFIG_VENDOR_COUNT] = {
	[CONFIG_RTX] = { "rtx", "Yamaha RTX", "a Yamaha RTX config (show config)", config_parse_rtx,
		(const char *const[]){ "tunnel select ", "pp select ", "ipsec ike ", "ipsec sa policy ",
			"ipsec tunnel ", "ipsec auto refresh", "ip lan", "ip pp ", "ip tunnel ",
			"nat descriptor ", "ip filter ", "pp bind ", "pppoe use ", "bgp use ",
			"login password", "administrator password", "tunnel enable ", NULL } },
	[CONFIG_IX] = { "ix", "NEC UNIVERGE IX", "an NEC IX running-config", config_parse_ix,
		(const char *const[]){ "interface GigaEthernet", "interface Tunnel", "interface Loopback",
			"ike policy ", "ike proposal ", "ipsec autokey-", "ikev2 ", "ip ufs-cache",
			"device GigaEthernet", "watch-group ", "ip tcp adjust-mss", "hostname ",
			"ppp profile ", NULL } },
	[CONFIG_STRONGSWAN] = { "strongswan", "strongSwan swanctl.conf", "a strongSwan swanctl.conf",
		config_parse_swan,
		(const char *const[]){ "connections {", "connections{", "children {", "children{",
			"secrets {", "esp_proposals", "local_ts", "remote_ts", "remote_addrs",
			"local_addrs", "start_action", NULL } },
};

int
config_vendor_lookup(const char *name)
{
	for (int v = 0; v < CONFIG_VENDOR_COUNT; v++)
		if (strcmp(formats[v].name, name) == 0)
			return v;
	return -1;
}

const char *
config_vendor_name(enum config_vendor v)
{
	return v < CONFIG_VENDOR_COUNT ? formats[v].name : "?";
}

const char *
config_vendor_display(enum config_vendor v)
{
	return v < CONFIG_VENDOR_COUNT ? formats[v].display : "?";
}

static void
score_line(const struct cfg_line *l, unsigned score[CONFIG_VENDOR_COUNT])
{
	for (int v = 0; v < CONFIG_VENDOR_COUNT; v++)
		for (const char *const *m = formats[v].markers; *m; m++)
			if (strncmp(l->text, *m, strlen(*m)) == 0) {
				score[v]++;
				break;
			}
}

static const char expected[] =
	"expected a Yamaha RTX config (show config), an NEC IX running-config or a strongSwan swanctl.conf";

static int
count_markers(const char *buf, size_t len, unsigned score[CONFIG_VENDOR_COUNT], unsigned *lines)
{
	struct cfg_reader r = { buf, len, 0, 0 };
	struct cfg_line l;

	memset(score, 0, CONFIG_VENDOR_COUNT * sizeof(score[0]));
	while (cfg_next(&r, &l))
		if (!l.comment)
			score_line(&l, score);
	*lines = r.no;
	return 0;
}

int
config_detect(const char *buf, size_t len, char *err, size_t errlen)
{
	unsigned score[CONFIG_VENDOR_COUNT], lines;
	int best = -1;

	if (!len) {
		err_set(err, errlen, "the file is empty: %s", expected);
		return -1;
	}
	count_markers(buf, len, score, &lines);
	for (int v = 0; v < CONFIG_VENDOR_COUNT; v++)
		if (score[v] && (best < 0 || score[v] > score[best]))
			best = v;
	if (best < 0)
		err_set(err, errlen, "not a router configuration: no RTX, IX or swanctl.conf command in %u line%s (%s)",
			lines, lines == 1 ? "" : "s", expected);
	return best;
}

int
config_parse(const char *buf, size_t len, int v, struct config *c, char *err, size_t errlen)
{
	unsigned score[CONFIG_VENDOR_COUNT], lines;

	memset(c, 0, sizeof(*c));
	if (v < 0 && (v = config_detect(buf, len, err, errlen)) < 0)
		return -1;
	if (v >= CONFIG_VENDOR_COUNT) {
		err_set(err, errlen, "unknown configuration format");
		return -1;
	}
	if (!len) {
		err_set(err, errlen, "the file is empty: expected %s", formats[v].what);
		return -1;
	}
	count_markers(buf, len, score, &lines);
	if (!score[v]) {
		err_set(err, errlen, "not %s: none of its commands in %u line%s", formats[v].what,
			lines, lines == 1 ? "" : "s");
		return -1;
	}
	c->vendor = (enum config_vendor)v;
	if (formats[v].parse(buf, len, c) < 0) {
		err_set(err, errlen, "out of memory reading %s", formats[v].what);
		return -1;
	}
	return 0;
}
