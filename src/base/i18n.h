/* SPDX-License-Identifier: BSD-2-Clause */
/* Messages are translated where they are worded, at the edge (cli/, and
 * the io/ errors it shows; a header of the base floor, which every floor
 * may include): GNU gettext through glibc's libintl, the
 * message catalogues in po/ (po/GLOSSARY.md keeps the terms). _() marks a
 * string and translates it; N_() only marks one that a table holds and the
 * printer translates. Numbers, router command lines, option names, finding
 * ids and --json keys are never translated. */
#ifndef MTUPROBE_BASE_I18N_H
#define MTUPROBE_BASE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
