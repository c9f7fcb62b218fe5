/* SPDX-License-Identifier: BSD-2-Clause */
/* A capture file (io/pcapread.c) as the source of inspect's analysis
 * (inspect/inspect_scan.h): the command's, and the fuzz harness's. */
#ifndef MTUPROBE_INSPECT_READ_H
#define MTUPROBE_INSPECT_READ_H

#include "inspect/inspect_scan.h"
#include "io/pcapread.h"

struct inspect_read {
	struct pcapread *r;
	struct pcapread_pkt p; /* the record handed over last */
};

/* in reads rd->r, through rd, which must outlive the analysis. */
void inspect_read_source(struct inspect_source *in, struct inspect_read *rd);

#endif
