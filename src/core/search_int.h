/* Internals shared by the two halves of the search: search_evidence.c
 * (the counts per size) and search.c (the interval and the plan). Not part
 * of the public API. */
#ifndef MTUPROBE_SEARCH_INT_H
#define MTUPROBE_SEARCH_INT_H

#include "core/search.h"

/* The evidence about a size, or NULL if it was never mentioned. */
const struct search_size *search_entry(const struct search *s, unsigned size);

/* Find or insert (keeping the table sorted by size). NULL when full. */
struct search_size *search_slot(struct search *s, unsigned size);

#endif
