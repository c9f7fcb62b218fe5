/* SPDX-License-Identifier: BSD-2-Clause */
/* inspect_read: see inspect_read.h. */
#include "cli/inspect_read.h"

static enum inspect_next
read_next(void *ctx, struct inspect_rec *r, char *err, size_t errlen)
{
	struct inspect_read *rd = ctx;
	const struct pcapread_pkt *p = &rd->p;
	enum pcapread_rc rc = pcapread_next(rd->r, &rd->p, err, errlen);

	if (rc != PCAPREAD_RECORD)
		return rc == PCAPREAD_END ? INSPECT_REC_END : INSPECT_REC_ERROR;
	*r = (struct inspect_rec){ .n = p->n,
				   .sec = p->sec,
				   .usec = p->usec,
				   .wire_len = p->wire_len,
				   .ip = p->ip,
				   .ip_len = p->ip_len,
				   .ip_wire_len = p->ip_wire_len,
				   .why = p->ip ? NULL : p->why };
	return INSPECT_REC;
}

static int
read_rewind(void *ctx, char *err, size_t errlen)
{
	struct inspect_read *rd = ctx;

	return pcapread_rewind(rd->r, err, errlen);
}

void
inspect_read_source(struct inspect_source *in, struct inspect_read *rd)
{
	*in = (struct inspect_source){ read_next, read_rewind, rd };
}
