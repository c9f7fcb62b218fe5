/* SPDX-License-Identifier: BSD-2-Clause */
/* The statement-tree flattener (config/tree_int.h): Junos and VyOS text in
 * either form, one path per leaf out.
 *
 * The hierarchical form is read byte by byte: words are separated by
 * blanks; "NAME ... {" opens a block whose words prefix every statement
 * inside it, "}" closes it; a statement ends at ';' (Junos) or at the end
 * of its line (VyOS, and Junos files that leave a ';' out). Quoted strings
 * ("..." with backslash escapes, '...') are one word, without the quotes,
 * so a key or description reads the same in both forms. Comments: '#' to
 * the end of the line (Junos "## SECRET-DATA" after a statement, VyOS),
 * "/" "*" ... "*" "/" (Junos annotations, VyOS config.boot's last lines),
 * "//" at a word's start (VyOS config.boot's version line). A block with
 * nothing in it ("dead-peer-detection { }") is a leaf of its own.
 *
 * At the top level a line whose first word is a set verb ("set") is a
 * path as it stands: braces and ';' in it are plain bytes. A line that
 * begins with another known verb ("delete", "deactivate") is a known
 * command the audit does not apply (counted unread, its lines kept).
 * Where the syntax follows the CLI's levels (tree_syntax.levels: Junos),
 * "edit PATH", "top", "up", "exit" and "[edit PATH]" banners move the
 * level a later "set" line is relative to, and a CLI prompt before a
 * command is dropped: a pasted session reads as the router took it.
 *
 * The open blocks are a stack in two growable arrays (the words, and one
 * frame per block), so 10,000 nested blocks cost memory, not recursion. */
#include "config/tree_int.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct frame {
	size_t nwords; /* path words below this block */
	size_t nbytes; /* bytes of those words */
	unsigned line; /* where it opened */
	int inactive;  /* under inactive: */
	int leaves;    /* a leaf was read inside it */
};

/* A level the CLI was at (tree_syntax.levels): its words, each
 * NUL-ended, at start in the tree's level buffer. The current level
 * always ends where the buffer's used bytes do, and a saved one lies
 * before it or is a prefix of it (a stack): an edit appends, an exit
 * cuts the buffer back, so a session costs its own length, never a copy
 * per edit. */
struct level {
	size_t start, len, n;
	int unknown;      /* after "up": how far it went is not known */
	unsigned up_line; /* that up's line */
};

/* The level commands of tree_syntax.levels, by their first word. */
enum lv_cmd { LV_NONE, LV_EDIT, LV_TOP, LV_UP, LV_EXIT, LV_BANNER };
/* clang-format off */
static const struct {
	const char *word;
	enum lv_cmd cmd;
} level_verbs[] = {
	/* Junos CLI user guide, configuration mode commands: edit, top, up,
	 * exit (quit, its synonym); doc/vendor-syntax.md */
	{ "edit", LV_EDIT }, { "top", LV_TOP }, { "up", LV_UP }, { "exit", LV_EXIT },
	{ "quit", LV_EXIT },
};
/* clang-format on */

struct removed {
	uint64_t h;    /* 0: empty slot */
	unsigned line; /* the last line that removes it */
};

struct tree {
	const struct tree_syntax *s;
	struct config *c;
	tree_leaf_fn fn;
	void *ctx;
	char *bytes; /* every word of the path, then of the statement, NUL-ended */
	size_t nbytes, cap_bytes;
	size_t *wofs; /* where each word begins in bytes */
	size_t nwords, cap_wofs;
	size_t npath;  /* words of the open blocks; the statement's follow */
	size_t pbytes; /* bytes of those */
	struct frame *frames;
	size_t nframes, cap_frames;
	int inword;         /* a word is being written */
	unsigned stmt_line; /* line of the statement's first word */
	int stmt_inactive;
	enum { M_TREE, M_SET, M_SKIP } mode;
	int failed;         /* out of memory or the callback said stop */
	struct removed *rm; /* paths a delete/deactivate line names: hash -> last line */
	size_t nrm, cap_rm;
	char *lvbuf; /* the levels' words (struct level) */
	size_t lvused, lvcap;
	struct level lv;     /* the CLI's current level (tree_syntax.levels) */
	struct level *saved; /* the levels before each edit, for exit */
	size_t nsaved, cap_saved;
	enum lv_cmd cmd; /* the line's level command, LV_NONE for none */
	int at_top;      /* "top set ...", "top edit ...": from the top level */
};

static int
in_list(const char *const *list, const char *w)
{
	for (; list && *list; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

static int
grow(struct tree *t, void **p, size_t *cap, size_t need, size_t size)
{
	size_t want;
	void *q;

	if (need <= *cap)
		return 0;
	want = *cap ? *cap * 2 : 64;
	while (want < need)
		want *= 2;
	if (!(q = realloc(*p, want * size))) {
		t->c->nomem = 1;
		t->failed = 1;
		return -1;
	}
	*p = q;
	*cap = want;
	return 0;
}

static int
put_byte(struct tree *t, char ch)
{
	if (grow(t, (void **)&t->bytes, &t->cap_bytes, t->nbytes + 1, 1) < 0)
		return -1;
	t->bytes[t->nbytes++] = ch;
	return 0;
}

static void
word_begin(struct tree *t, unsigned line)
{
	if (t->inword || t->failed)
		return;
	if (grow(t, (void **)&t->wofs, &t->cap_wofs, t->nwords + 1, sizeof(*t->wofs)) < 0)
		return;
	if (t->nwords == t->npath)
		t->stmt_line = line;
	t->wofs[t->nwords++] = t->nbytes;
	t->inword = 1;
}

static void
drop_statement(struct tree *t)
{
	t->nwords = t->npath;
	t->nbytes = t->pbytes;
	t->stmt_inactive = 0;
	t->inword = 0;
}

/* A CLI prompt: "user@host#" (configuration mode) or "user@host>". */
static int
prompt(const char *w)
{
	size_t n = strlen(w);
	const char *at = strchr(w, '@');

	return n > 2 && at && at > w && at + 1 < w + n - 1 && (w[n - 1] == '#' || w[n - 1] == '>');
}

/* The first word of a top-level line, where the syntax follows levels:
 * a prompt is dropped, a level command or banner begins; 1 when w was
 * one of them. */
static int
level_word(struct tree *t, const char *w)
{
	int drop = prompt(w);

	if (!drop && strncmp(w, "[edit", 5) == 0 && (w[5] == '\0' || w[5] == ']')) {
		t->cmd = LV_BANNER;
		drop = 1;
	}
	for (size_t i = 0; !drop && i < sizeof(level_verbs) / sizeof(level_verbs[0]); i++)
		if (strcmp(w, level_verbs[i].word) == 0) {
			t->cmd = level_verbs[i].cmd;
			drop = 1;
		}
	if (!drop)
		return 0;
	if (t->cmd != LV_NONE)
		t->mode = M_SET; /* its words are a path: braces are plain bytes */
	t->nwords--;
	t->nbytes = t->wofs[t->nwords];
	return 1;
}

/* A word just ended: a prefix is dropped, a verb at the top level sets
 * the line's mode. */
static void
word_end(struct tree *t)
{
	const char *w;

	if (!t->inword || t->failed)
		return;
	t->inword = 0;
	if (put_byte(t, '\0') < 0)
		return;
	w = t->bytes + t->wofs[t->nwords - 1];
	if (t->nwords - 1 == t->npath && t->mode == M_SET && t->cmd == LV_TOP &&
	    (in_list(t->s->verbs_set, w) || strcmp(w, "edit") == 0)) {
		/* top set PATH / top edit PATH: that command from the top */
		t->at_top = 1;
		t->cmd = in_list(t->s->verbs_set, w) ? LV_NONE : LV_EDIT;
		t->nwords--;
		t->nbytes = t->wofs[t->nwords];
		return;
	}
	if (t->nwords - 1 != t->npath || t->mode != M_TREE)
		return;
	if (!t->nframes && t->s->levels && level_word(t, w))
		return;
	if (in_list(t->s->prefixes, w)) {
		t->stmt_inactive |= in_list(t->s->inactive, w);
		t->nwords--;
		t->nbytes = t->wofs[t->nwords];
		return;
	}
	if (t->nframes)
		return;
	if (in_list(t->s->verbs_set, w)) {
		t->mode = M_SET;
		t->nwords--;
		t->nbytes = t->wofs[t->nwords];
	} else if (in_list(t->s->verbs_other, w)) {
		t->mode = M_SKIP;
	}
}

/* ---- delete / deactivate ---------------------------------------------------- */

#define FNV_BASIS 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

static struct removed *
rm_slot(const struct tree *t, uint64_t h)
{
	size_t i = (size_t)h & (t->cap_rm - 1);

	while (t->rm[i].h && t->rm[i].h != h)
		i = (i + 1) & (t->cap_rm - 1);
	return &t->rm[i];
}

static int
rm_add(struct tree *t, uint64_t h, unsigned line)
{
	struct removed *r;

	h |= !h; /* 0 marks an empty slot */
	if ((t->nrm + 1) * 2 > t->cap_rm) {
		size_t want = t->cap_rm ? t->cap_rm * 2 : 64;
		struct removed *old = t->rm, *q = calloc(want, sizeof(*q));
		size_t n = t->cap_rm;
		if (!q) {
			t->c->nomem = 1;
			return -1;
		}
		t->rm = q;
		t->cap_rm = want;
		for (size_t i = 0; i < n; i++)
			if (old[i].h)
				*rm_slot(t, old[i].h) = old[i];
		free(old);
	}
	r = rm_slot(t, h);
	if (!r->h) {
		r->h = h;
		t->nrm++;
	}
	if (line > r->line)
		r->line = line;
	return 0;
}

/* Every top-level "delete PATH" / "deactivate PATH" line, before the pass
 * that reads the leaves: one that comes after a leaf takes it out (a later
 * set line of the same path is a leaf of its own, after it). Words as the
 * flattener splits them, quotes dropped. */
static void
removals(struct tree *t, const char *buf, size_t len)
{
	size_t pos = 0;
	unsigned line = 0;

	while (pos < len && !t->failed) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos, i = 0, w = 0;
		uint64_t h = FNV_BASIS;
		int verb = 1, words = 0;

		pos += n + (nl != NULL);
		line++;
		while (i < n) {
			size_t a;
			while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
				i++;
			if (i >= n)
				break;
			a = i;
			while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
				i++;
			w = i - a;
			if (w >= 2 && (s[a] == '"' || s[a] == '\'') && s[a + w - 1] == s[a]) {
				a++;
				w -= 2;
			}
			if (verb) {
				char word[16];
				if (w >= sizeof(word))
					break;
				memcpy(word, s + a, w);
				word[w] = '\0';
				if (!in_list(t->s->verbs_remove, word))
					break;
				verb = 0;
				continue;
			}
			h = words++ ? fnv(fnv(h, " ", 1), s + a, w) : fnv(h, s + a, w);
		}
		if (!verb && words)
			rm_add(t, h, line);
	}
}

/* A later delete/deactivate line names this path or a block above it. */
static int
removed(const struct tree *t, const char *const *w, size_t n, unsigned line)
{
	uint64_t h = FNV_BASIS;

	if (!t->nrm)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct removed *r;
		h = i ? fnv(fnv(h, " ", 1), w[i], strlen(w[i])) : fnv(h, w[i], strlen(w[i]));
		r = rm_slot(t, h | !h);
		if (r->h && r->line > line)
			return 1;
	}
	return 0;
}

int
cfg_tree_line(struct cfg_line *l, const char *const *w, size_t n, unsigned no,
	      const struct tree_syntax *s)
{
	size_t k = 0, b = 0, cut = 0;
	int fits = n <= CFG_MAX_TOK;

	memset(l, 0, offsetof(struct cfg_line, text));
	l->ntok = 0;
	l->no = no;
	l->text[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t wl = strlen(w[i]);
		if (k + (i ? 1 : 0) + wl + 1 > sizeof(l->text) || b + wl + 1 > sizeof(l->buf)) {
			fits = 0;
			break;
		}
		if (i)
			l->text[k++] = ' ';
		memcpy(l->text + k, w[i], wl);
		k += wl;
		l->text[k] = '\0';
		if (l->ntok < CFG_MAX_TOK) {
			memcpy(l->buf + b, w[i], wl + 1);
			l->tok[l->ntok++] = l->buf + b;
		}
		b += wl + 1;
		if (!cut && s && in_list(s->secret_after, w[i]) && i + 1 < n)
			cut = k;
	}
	if (cut)
		cfg_mask_tail(l->text, sizeof(l->text), cut);
	return fits ? 0 : -1;
}

/* The path of the open blocks plus the statement (upto words), as one
 * line; a set line typed at a CLI level has the level's words first. */
static int
emit(struct tree *t, size_t upto, unsigned line, int inactive)
{
	const char *w[CFG_MAX_TOK + 1];
	struct cfg_line l;
	size_t n = 0, lv = t->mode == M_SET && !t->at_top ? t->lv.n : 0;
	const char *p = lv ? t->lvbuf + t->lv.start : NULL;

	if (t->failed || !upto)
		return 0;
	for (size_t i = 0; i < lv && n < CFG_MAX_TOK + 1; i++, p += strlen(p) + 1)
		w[n++] = p;
	for (size_t i = 0; i < upto && n < CFG_MAX_TOK + 1; i++)
		w[n++] = t->bytes + t->wofs[i];
	upto += lv;
	if (t->nframes) /* the outer blocks learn it when this one closes */
		t->frames[t->nframes - 1].leaves = 1;
	if (cfg_tree_line(&l, w, n, line, t->s) < 0 || upto > CFG_MAX_TOK) {
		/* too long to read: the router's path is longer than any the
		 * grammar knows, said as a range of the line's length */
		cfg_bad_range(t->c, &l, 0, 0, CONFIG_LINE_MAX - 1);
		return 0;
	}
	if (!inactive)
		inactive = removed(t, w, n, line);
	if (t->fn(t->c, t->ctx, &l, inactive ? TREE_INACTIVE : 0) < 0) {
		t->failed = 1;
		return -1;
	}
	return 0;
}

static int
under_inactive(const struct tree *t)
{
	return t->nframes && t->frames[t->nframes - 1].inactive;
}

/* ---- the CLI's levels (tree_syntax.levels) ------------------------------------ */

/* The current level made empty, at the buffer's end. */
static void
level_clear(struct tree *t)
{
	t->lv = (struct level){ t->lvused, 0, 0, 0, 0 };
}

/* The line's words after its command (a banner's last ']' cut) appended
 * to the current level. */
static void
level_words(struct tree *t)
{
	for (size_t i = t->npath; i < t->nwords && !t->failed; i++) {
		const char *w = t->bytes + t->wofs[i];
		size_t n = strlen(w);
		if (t->cmd == LV_BANNER && i + 1 == t->nwords && n && w[n - 1] == ']')
			n--;
		if (!n || grow(t, (void **)&t->lvbuf, &t->lvcap, t->lvused + n + 1, 1) < 0)
			continue;
		memcpy(t->lvbuf + t->lvused, w, n);
		t->lvbuf[t->lvused + n] = '\0';
		t->lvused += n + 1;
		t->lv.len += n + 1;
		t->lv.n++;
	}
}

/* edit, top, up, exit, a banner: the level moves; the line is no
 * configuration (a banner is the CLI's output: counted as a comment). */
static void
level_cmd(struct tree *t)
{
	if (t->cmd == LV_BANNER)
		t->c->comments++;
	else
		cfg_unread(t->c, t->stmt_line);
	switch (t->cmd) {
	case LV_NONE: break;
	case LV_EDIT:
		if (t->nwords == t->npath)
			break;
		if (grow(t, (void **)&t->saved, &t->cap_saved, t->nsaved + 1, sizeof(*t->saved)) <
		    0)
			return;
		t->saved[t->nsaved++] = t->lv;
		if (t->at_top)
			level_clear(t); /* top edit PATH: PATH from the top */
		level_words(t);
		break;
	case LV_TOP: level_clear(t); break;
	case LV_UP:
		if (t->lv.n || t->lv.unknown) { /* up at the top stays there */
			t->lv.unknown = 1;
			t->lv.up_line = t->stmt_line;
		}
		break;
	case LV_EXIT:
		/* exit configuration-mode, or exit at the top: out of
		 * configuration mode; else back to the level before the edit,
		 * and what came after it in the buffer is gone */
		if (t->nwords > t->npath || !t->nsaved) {
			t->nsaved = 0;
			t->lvused = 0;
			level_clear(t);
		} else {
			t->lv = t->saved[--t->nsaved];
			t->lvused = t->lv.start + t->lv.len;
		}
		break;
	case LV_BANNER:
		level_clear(t);
		level_words(t);
		break;
	}
}

/* A set line typed at a level an "up" left: not read, and said so. */
static void
level_unknown(struct tree *t)
{
	const char *w[CFG_MAX_TOK + 1];
	size_t n = 0;
	struct cfg_line l;
	struct config_invalid *b;

	w[n++] = "set";
	for (size_t i = t->npath; i < t->nwords && n < CFG_MAX_TOK; i++)
		w[n++] = t->bytes + t->wofs[i];
	cfg_tree_line(&l, w, n, t->stmt_line, t->s);
	cfg_bad(t->c, &l, CONFIG_BAD_LEVEL, 1, CONFIG_ARG_NONE);
	if (t->c->ninvalid && (b = &t->c->invalid[t->c->ninvalid - 1])->line == t->stmt_line)
		b->lo = t->lv.up_line;
}

/* The statement ends (';', a line's end, '}' or the end of the text). */
static void
end_statement(struct tree *t)
{
	word_end(t);
	if (t->failed)
		return;
	if (t->mode == M_SKIP) {
		cfg_unread(t->c, t->stmt_line);
	} else if (t->cmd != LV_NONE) {
		level_cmd(t);
	} else if (t->mode == M_SET && !t->at_top && t->lv.unknown && t->nwords > t->npath) {
		level_unknown(t);
	} else if (t->nwords > t->npath) {
		emit(t, t->nwords, t->stmt_line, t->stmt_inactive || under_inactive(t));
	} else if (t->mode == M_SET) {
		const char *set = "set";
		struct cfg_line l;
		cfg_tree_line(&l, &set, 1, t->stmt_line, NULL);
		cfg_bad(t->c, &l, CONFIG_BAD_MISSING, 2, CONFIG_ARG_WORD);
	}
	t->mode = M_TREE;
	t->cmd = LV_NONE;
	t->at_top = 0;
	drop_statement(t);
}

/* The words said so far as an invalid line: why, at word arg. */
static void
bad_here(struct tree *t, unsigned line, const char *what, enum config_bad why, unsigned arg)
{
	const char *w[CFG_MAX_TOK + 1];
	size_t n = 0;
	struct cfg_line l;

	for (size_t i = t->npath; i < t->nwords && n < CFG_MAX_TOK; i++)
		w[n++] = t->bytes + t->wofs[i];
	if (what)
		w[n++] = what;
	cfg_tree_line(&l, w, n, line, NULL);
	cfg_bad(t->c, &l, why, arg ? arg : (unsigned)n, CONFIG_ARG_NONE);
}

static void
open_block(struct tree *t, unsigned line)
{
	struct frame *f;

	word_end(t);
	if (t->failed)
		return;
	if (t->mode != M_TREE || t->nwords == t->npath) {
		/* "{" with no name before it (or inside a delete line) */
		bad_here(t, line, "{", CONFIG_BAD_NESTING, 0);
		t->mode = M_TREE;
		drop_statement(t);
		return;
	}
	if (grow(t, (void **)&t->frames, &t->cap_frames, t->nframes + 1, sizeof(*t->frames)) < 0)
		return;
	f = &t->frames[t->nframes++];
	f->nwords = t->npath;
	f->nbytes = t->pbytes;
	f->line = t->stmt_line;
	f->inactive = t->stmt_inactive || (t->nframes > 1 && t->frames[t->nframes - 2].inactive);
	f->leaves = 0;
	t->npath = t->nwords;
	t->pbytes = t->nbytes;
	t->stmt_inactive = 0;
}

static void
close_block(struct tree *t, unsigned line)
{
	struct frame f;

	end_statement(t);
	if (t->failed)
		return;
	if (!t->nframes) {
		bad_here(t, line, "}", CONFIG_BAD_NESTING, 1);
		return;
	}
	f = t->frames[--t->nframes];
	if (!f.leaves) /* an empty block is a leaf: "dead-peer-detection { }" */
		emit(t, t->npath, f.line, f.inactive);
	t->npath = f.nwords;
	t->pbytes = f.nbytes;
	if (t->nframes)
		t->frames[t->nframes - 1].leaves = 1;
	drop_statement(t);
}

/* Skips a comment that starts at p[i]; returns the index after it and
 * counts the lines it spans. -1 when a block comment never ends. */
static long
skip_comment(const char *p, size_t len, size_t i, unsigned *line)
{
	if (p[i] == '#' || p[i + 1] == '/') {
		const char *nl = memchr(p + i, '\n', len - i);
		return nl ? (long)(nl - p) : (long)len; /* the '\n' is read by the caller */
	}
	for (size_t k = i + 2; k + 1 < len; k++) {
		if (p[k] == '\n')
			(*line)++;
		else if (p[k] == '*' && p[k + 1] == '/')
			return (long)(k + 2);
	}
	return -1;
}

int
cfg_tree(const char *buf, size_t len, const struct tree_syntax *s, struct config *c,
	 tree_leaf_fn fn, void *ctx)
{
	struct tree t;
	unsigned line = 1;
	size_t i = 0;

	memset(&t, 0, sizeof(t));
	t.s = s;
	t.c = c;
	t.fn = fn;
	t.ctx = ctx;
	removals(&t, buf, len);
	while (i < len && !t.failed) {
		char ch = buf[i];
		int start = !t.inword;

		if (ch == '\n' || ch == '\r') {
			/* CRLF is one end; a lone CR ends a line too (as cfg_next) */
			if (ch == '\r' && i + 1 < len && buf[i + 1] == '\n')
				i++;
			end_statement(&t);
			line++;
			i++;
			continue;
		}
		if (t.mode == M_SKIP) {
			i++;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f') {
			word_end(&t);
			i++;
			continue;
		}
		if (start && (ch == '#' || (ch == '/' && i + 1 < len &&
					    (buf[i + 1] == '*' || buf[i + 1] == '/')))) {
			unsigned at = line;
			long next = skip_comment(buf, len, i, &line);
			c->comments++;
			if (next < 0) {
				bad_here(&t, at, "/*", CONFIG_BAD_NESTING, 0);
				break;
			}
			i = (size_t)next;
			continue;
		}
		if (ch == '"' || ch == '\'') {
			unsigned at = line;
			size_t k = i + 1;
			word_begin(&t, line);
			for (; k < len && buf[k] != ch && !t.failed; k++) {
				if (ch == '"' && buf[k] == '\\' && k + 1 < len)
					k++;
				if (buf[k] == '\n')
					line++;
				put_byte(&t, buf[k] ? buf[k] : '?');
			}
			if (k >= len) {
				word_end(&t);
				bad_here(&t, at, ch == '"' ? "\"" : "'", CONFIG_BAD_NESTING, 0);
				drop_statement(&t);
				break;
			}
			i = k + 1;
			continue;
		}
		if (t.mode == M_TREE && ch == '{') {
			open_block(&t, line);
			i++;
			continue;
		}
		if (t.mode == M_TREE && ch == '}') {
			close_block(&t, line);
			i++;
			continue;
		}
		if (t.mode == M_TREE && ch == ';' && s->semicolon) {
			end_statement(&t);
			i++;
			continue;
		}
		word_begin(&t, line);
		put_byte(&t, ch ? ch : '?');
		i++;
	}
	if (!t.failed)
		end_statement(&t);
	/* every block still open at the end: said where it opened */
	while (!t.failed && t.nframes) {
		struct frame f = t.frames[--t.nframes];
		const char *w[CFG_MAX_TOK + 1];
		size_t n = 0;
		struct cfg_line l;
		for (size_t k = f.nwords; k < t.npath && n < CFG_MAX_TOK; k++)
			w[n++] = t.bytes + t.wofs[k];
		w[n++] = "{";
		cfg_tree_line(&l, w, n, f.line, NULL);
		cfg_bad(c, &l, CONFIG_BAD_NESTING, (unsigned)n, CONFIG_ARG_NONE);
		t.npath = f.nwords;
	}
	c->lines = line - (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'));
	free(t.bytes);
	free(t.wofs);
	free(t.frames);
	free(t.rm);
	free(t.lvbuf);
	free(t.saved);
	return c->nomem ? -1 : 0;
}

/* ---- named rows ---------------------------------------------------------- */

void *
cfg_named_at(const struct cfg_named *t, size_t i)
{
	return i < t->n ? t->rows + i * t->size : NULL;
}

static void
slot_put(struct cfg_named *t, size_t row)
{
	size_t i = cfg_hash(t->rows + row * t->size) & (t->nslot - 1);

	while (t->slot[i])
		i = (i + 1) & (t->nslot - 1);
	t->slot[i] = row + 1;
}

void *
cfg_named_get(struct config *c, struct cfg_named *t, const char *name, int add)
{
	char key[CONFIG_NAME];
	char *row;

	cfg_copy(key, sizeof(key), name);
	if (t->nslot)
		for (size_t i = cfg_hash(key) & (t->nslot - 1); t->slot[i];
		     i = (i + 1) & (t->nslot - 1))
			if (strcmp(t->rows + (t->slot[i] - 1) * t->size, key) == 0)
				return t->rows + (t->slot[i] - 1) * t->size;
	if (!add)
		return NULL;
	if (t->n >= t->cap) {
		size_t want = t->cap ? t->cap * 2 : 16;
		char *q = realloc(t->rows, want * t->size);
		if (!q) {
			c->nomem = 1;
			return NULL;
		}
		t->rows = q;
		t->cap = want;
	}
	if ((t->n + 1) * 2 > t->nslot) {
		size_t want = t->nslot ? t->nslot * 2 : 64;
		size_t *q = calloc(want, sizeof(*q));
		if (!q) {
			c->nomem = 1;
			return NULL;
		}
		free(t->slot);
		t->slot = q;
		t->nslot = want;
		for (size_t r = 0; r < t->n; r++)
			slot_put(t, r);
	}
	row = t->rows + t->n * t->size;
	memset(row, 0, t->size);
	memcpy(row, key, strlen(key) + 1);
	slot_put(t, t->n++);
	return row;
}

void
cfg_named_free(struct cfg_named *t)
{
	free(t->rows);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

int
cfg_tree_number(struct config *c, const struct cfg_line *l, size_t i, long lo, long hi, long *v)
{
	if (cfg_tmpl(l, i)) {
		*v = 0;
		return 1;
	}
	if (cfg_number(l->tok[i], lo, hi, v) < 0)
		return cfg_bad_range(c, l, (unsigned)i + 1, lo, hi);
	return 0;
}

int
cfg_tree_known(struct config *c, const struct cfg_line *l)
{
	cfg_unread(c, l->no);
	c->read--; /* cfg_dispatch counts the handler's 0 as read: this was not */
	return 0;
}

int
cfg_tree_esp_add(char *dst, size_t len, const char *proposal)
{
	size_t n = strlen(dst), k = strlen(proposal) + (n ? 1 : 0);

	if (!*proposal)
		return 0;
	if (n + k + 1 > len)
		return 1;
	if (n)
		dst[n++] = ',';
	memcpy(dst + n, proposal, strlen(proposal) + 1);
	return 0;
}

int
cfg_tree_parse(const char *buf, size_t len, const struct tree_syntax *s, struct config *c,
	       tree_leaf_fn fn, void *ctx, struct cfg_named *tables, const size_t *sizes,
	       size_t ntables, void (*model)(struct config *c, void *ctx))
{
	for (size_t i = 0; i < ntables; i++) {
		memset(&tables[i], 0, sizeof(tables[i]));
		tables[i].size = sizes[i];
	}
	if (cfg_tree(buf, len, s, c, fn, ctx) == 0 && !c->nomem)
		model(c, ctx);
	for (size_t i = 0; i < ntables; i++)
		cfg_named_free(&tables[i]);
	return c->nomem ? -1 : 0;
}
