/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer harness for probe --targets' inventory parser: any bytes, and
 * the promises of config/inventory.h kept (counts within the cap, every
 * site with a name and a WAN target, line numbers in order). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory inv;
	char err[256];
	unsigned last = 0;

	if (inventory_parse((const char *)data, size, &inv, err, sizeof(err)) < 0) {
		if (inv.nsites || !err[0])
			abort();
		return 0;
	}
	if (!inv.nsites || inv.nsites > INVENTORY_MAX_SITES || inv.nsites > inv.cap)
		abort();
	for (size_t i = 0; i < inv.nsites; i++) {
		const struct inventory_site *s = &inv.sites[i];
		if (!s->name || !s->wan || !*s->name || !*s->wan ||
		    s->ntunnels > INVENTORY_MAX_TUNNELS || s->lineno <= last ||
		    strlen(s->name) > INVENTORY_NAME_MAX)
			abort();
		last = s->lineno;
	}
	inventory_free(&inv);
	return 0;
}
