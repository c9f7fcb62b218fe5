/* SPDX-License-Identifier: BSD-2-Clause */
/* Name -> row lookups for the growable tables (tunnels by id, gateways and
 * interfaces by name): open addressing over the rows' own keys, doubled
 * at half load. A linear search per line made a 20,000-tunnel file take
 * 17 s and a 16 MB one (the input bound) hours; with the index every table
 * stays linear in the size of the text. */
#include "config/config_int.h"

#include <stdlib.h>
#include <string.h>

struct cfg_slots {
	size_t *slot; /* row + 1; 0 is empty */
	size_t cap;   /* a power of two, or 0 */
};

struct cfg_index {
	struct cfg_slots t[CFG_T_COUNT];
};

static const char *
key_of(const struct config *c, enum cfg_table t, size_t row)
{
	switch (t) {
	case CFG_T_TUNNELS: return c->tunnels[row].id;
	case CFG_T_GATEWAYS: return c->gateways[row].name;
	case CFG_T_IFACES: return c->ifaces[row].name;
	case CFG_T_TNAMES: return c->tunnels[row].name;
	case CFG_T_COUNT: break;
	}
	return "";
}

static size_t
rows_of(const struct config *c, enum cfg_table t)
{
	return t == CFG_T_TUNNELS || t == CFG_T_TNAMES ? c->ntunnels
	       : t == CFG_T_GATEWAYS                   ? c->ngateways
						       : c->nifaces;
}

/* FNV-1a (Fowler, Noll, Vo): short keys, no adversary gains much from
 * collisions the doubling does not absorb. */
size_t
cfg_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static void
put(const struct config *c, enum cfg_table t, struct cfg_slots *s, size_t row)
{
	size_t i = cfg_hash(key_of(c, t, row)) & (s->cap - 1);

	while (s->slot[i])
		i = (i + 1) & (s->cap - 1);
	s->slot[i] = row + 1;
}

/* A table for every row at half load, built from the rows. */
static int
rebuild(struct config *c, enum cfg_table t)
{
	struct cfg_slots *s = &c->index->t[t], n;
	size_t rows = rows_of(c, t);

	n.cap = s->cap ? s->cap * 2 : 64;
	while (rows * 2 > n.cap)
		n.cap *= 2;
	if (!(n.slot = calloc(n.cap, sizeof(*n.slot)))) {
		c->nomem = 1;
		return -1;
	}
	free(s->slot);
	*s = n;
	for (size_t r = 0; r < rows; r++)
		put(c, t, s, r);
	return 0;
}

int
cfg_index_find(const struct config *c, enum cfg_table t, const char *key)
{
	const struct cfg_slots *s;
	size_t i;

	if (!c->index || !(s = &c->index->t[t])->cap)
		return -1;
	for (i = cfg_hash(key) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (strcmp(key_of(c, t, s->slot[i] - 1), key) == 0)
			return (int)(s->slot[i] - 1);
	return -1;
}

int
cfg_index_add(struct config *c, enum cfg_table t, size_t row)
{
	struct cfg_slots *s;

	if (!c->index && !(c->index = calloc(1, sizeof(*c->index)))) {
		c->nomem = 1;
		return -1;
	}
	s = &c->index->t[t];
	if (rows_of(c, t) * 2 > s->cap) /* the new row is counted: the rebuild places it */
		return rebuild(c, t);
	put(c, t, s, row);
	return 0;
}

int
cfg_index_build(struct config *c, enum cfg_table t)
{
	if (!c->index && !(c->index = calloc(1, sizeof(*c->index)))) {
		c->nomem = 1;
		return -1;
	}
	return rebuild(c, t);
}

int
cfg_index_has(const struct config *c, enum cfg_table t)
{
	return c->index && c->index->t[t].cap;
}

void
cfg_index_free(struct config *c)
{
	if (!c->index)
		return;
	for (int t = 0; t < CFG_T_COUNT; t++)
		free(c->index->t[t].slot);
	free(c->index);
	c->index = NULL;
}
