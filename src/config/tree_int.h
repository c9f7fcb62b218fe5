/* SPDX-License-Identifier: BSD-2-Clause */
/* The statement-tree flattener shared by the Junos and VyOS parsers
 * (config/tree.c): both write a configuration either as "set PATH" lines
 * or as the hierarchy "show configuration" prints (NAME { ... }), and both
 * forms name the same paths. The flattener turns either into one path per
 * leaf (e.g. "interfaces st0 unit 1 family inet mtu 1436"), tokenized as
 * a struct cfg_line with the leaf's own line number, so each vendor's
 * grammar is one table over set-paths (cfg_dispatch) read by both forms. */
#ifndef MTUPROBE_TREE_INT_H
#define MTUPROBE_TREE_INT_H

#include "config/config_int.h"

/* What differs between the two vendors' text. */
struct tree_syntax {
	int semicolon;                   /* Junos: ';' ends a statement (a newline does too) */
	const char *const *prefixes;     /* words dropped before a statement ("protect:") */
	const char *const *inactive;     /* of those, the ones that switch it off ("inactive:") */
	const char *const *verbs_set;    /* "set": the rest of the line is a path */
	const char *const *verbs_other;  /* "delete", "deactivate": known, not applied here */
	const char *const *secret_after; /* a word after which a line's text is cut (keys) */
	const char *const *verbs_remove; /* of verbs_other, the ones that take a statement out
	                                     * of what is applied: "delete", "deactivate" */
	/* 1: the CLI's levels are followed (Junos configuration mode): "edit
	 * PATH" moves into PATH, and a "set" line after it is relative to
	 * that level; "top" goes back to the top, "exit" (or "quit") to the
	 * level before the last edit, "up [N]" up by levels the words do not
	 * show (a level may be a keyword and its name), so the level is then
	 * not known until the next edit, top or banner; an "[edit PATH]"
	 * banner (what the CLI prints above its prompt) states the level; a
	 * prompt "user@host#" or "user@host>" before a command is dropped. */
	int levels;
};

/* The leaf (or a set line's path) is under "inactive:" (Junos), or a later
 * "delete PATH" / "deactivate PATH" line names it or a block above it
 * ("show configuration | display set" prints inactive statements that
 * way), so the router does not apply it. */
#define TREE_INACTIVE 1u

/* Called once per leaf in file order; returns 0, or -1 to stop (out of
 * memory). l->text is the path joined by blanks, with the words after a
 * secret_after word replaced by " (key not printed)"; l->tok keep them. */
typedef int (*tree_leaf_fn)(struct config *c, void *ctx, const struct cfg_line *l, unsigned flags);

/* Reads buf as either form (or both mixed: "set" lines at the top level,
 * blocks elsewhere). Iterative, with a stack that grows as the nesting
 * does; no recursion, one pass. What cannot be read is an invalid line
 * with its line number and never a crash: a '}' without '{', a block not
 * closed at the end, an unclosed quote or comment, a '{' with no name, a
 * path longer than CONFIG_LINE_MAX bytes or CFG_MAX_TOK words. Counts
 * c->lines and c->comments. Returns 0, or -1 when memory ran out. */
int cfg_tree(const char *buf, size_t len, const struct tree_syntax *s, struct config *c,
	     tree_leaf_fn fn, void *ctx);

/* Fills l with the words w[0..n) as one line numbered no: text joined by
 * blanks (cut after a secret word of s, if any), tokens in l->buf. 0, or
 * -1 when they do not fit in CONFIG_LINE_MAX bytes / CFG_MAX_TOK words
 * (l->text then holds as much as fits). */
int cfg_tree_line(struct cfg_line *l, const char *const *w, size_t n, unsigned no,
		  const struct tree_syntax *s);

/* Word i of l as a number in lo..hi (the vendor's range): 0, or 1 for a
 * template placeholder (*v 0), or -1 after cfg_bad_range. */
int
cfg_tree_number(struct config *c, const struct cfg_line *l, size_t i, long lo, long hi, long *v);
/* For a handler that only notes a name: the line is a known command the
 * audit does not read (cfg_dispatch then counts it unread, not read). */
int cfg_tree_known(struct config *c, const struct cfg_line *l);

/* Appends one ESP proposal (its words as the vendor writes them, blanks
 * kept: "aes256 sha512") to the list in dst, ',' between proposals, the
 * form the model reads (core/audit_model.c esp_worst). 0; 1 when it does
 * not fit, dst unchanged: the caller says the list was cut
 * (config_num.cut), never reads a part of it as all of it. */
int cfg_tree_esp_add(char *dst, size_t len, const char *proposal);

/* Named rows for a parser's own tables (Junos ike policies, ipsec vpns;
 * VyOS peers, groups): rows of `size` bytes, each beginning with its name
 * (char[CONFIG_NAME]), found by a hash, so a hub of thousands of names is
 * read in linear time. Pointers stay valid until the next add. */
struct cfg_named {
	char *rows;
	size_t size, n, cap;
	size_t *slot; /* row + 1; 0 empty */
	size_t nslot; /* a power of two, or 0 */
};
/* The row called name; added (zeroed, named) when add is set and it is
 * not there. NULL when absent, or when memory ran out (c->nomem). */
void *cfg_named_get(struct config *c, struct cfg_named *t, const char *name, int add);
void *cfg_named_at(const struct cfg_named *t, size_t i);
void cfg_named_free(struct cfg_named *t);

/* A parser's run: its tables made empty with their row sizes, the text
 * flattened into fn, the model step when every leaf was read, the tables
 * freed. Returns 0, or -1 when memory ran out. */
int cfg_tree_parse(const char *buf, size_t len, const struct tree_syntax *s, struct config *c,
		   tree_leaf_fn fn, void *ctx, struct cfg_named *tables, const size_t *sizes,
		   size_t ntables, void (*model)(struct config *c, void *ctx));

#endif
