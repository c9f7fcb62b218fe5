/* SPDX-License-Identifier: BSD-2-Clause */
/* Kept only for the branches in flight when errbuf moved to the base floor
 * (issue 24): include "base/errbuf.h" instead. To be removed once they land. */
#include "base/errbuf.h"
