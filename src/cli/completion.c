/* SPDX-License-Identifier: BSD-2-Clause */
/* mtuprobe completion bash|zsh|fish: the shell completion scripts,
 * generated from the option table (options.c) and the value tables
 * (presets, peers, vendors, configuration formats, RTX models, ESP
 * algorithms, stack layers), so that they can never disagree with what the
 * parser takes. meson builds all three at build time and installs them
 * (src/cli/bash-completion/meson.build). An option that takes a value
 * which is not a number and has no row in values[] below fails the
 * generator, and with it the build: a new option cannot ship without its
 * completion. */
#include "base/i18n.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "core/overhead.h"
#include "render/vendor.h"
#include "base/count.h"

#define WORDS 4096

enum vkind {
	V_WORDS,     /* one of a fixed set */
	V_LIST,      /* a comma-separated list of a fixed set */
	V_VENDOR_IF, /* VENDOR=IF[,IF...]: a vendor, then interface names */
	V_FILE,
	V_USER,
	V_IFACE, /* interface names (/sys/class/net), or an address */
};

/* Appends "a b c" (a table's "a, b, c") to buf. */
static void
add_joined(char *buf, void (*names)(char *buf, size_t len))
{
	char tmp[1024];
	size_t n = strlen(buf);

	names(tmp, sizeof(tmp));
	for (const char *p = tmp; *p && n + 2 < WORDS; p++)
		if (!(p[0] == ',' && p[1] == ' '))
			buf[n++] = *p == ',' ? ' ' : *p;
	buf[n] = '\0';
}

static void
add_word(char *buf, const char *w)
{
	size_t n = strlen(buf);

	snprintf(buf + n, WORDS - n, "%s%s", n ? " " : "", w);
}

static void
w_lines(char *b)
{
	add_joined(b, model_line_names);
}
static void
w_peers(char *b)
{
	add_joined(b, model_peer_names);
}
static void
w_models(char *b)
{
	add_joined(b, vendor_rtx_model_names);
}
static void
w_layers(char *b)
{
	add_joined(b, overhead_layer_names);
}
static void
w_vendors(char *b)
{
	add_joined(b, vendor_names);
}

static void
w_vendors_all(char *b)
{
	w_vendors(b);
	add_word(b, "all");
	add_word(b, "none");
}

static void
w_formats(char *b)
{
	/* the vendors a parser reads (the one vendor enum, base/vendor_id.h) */
	for (int v = 0; v < VENDOR_COUNT; v++)
		if (config_vendor_lookup(vendor_id_name((enum vendor_id)v)) == v)
			add_word(b, vendor_id_name((enum vendor_id)v));
}

/* Each cipher, and each cipher with each integrity algorithm where the
 * cipher is not AEAD: what --esp takes (strongSwan proposal syntax). */
static void
w_esp(char *b)
{
	const struct cipher_def *c;
	const struct integ_def *in;
	char w[96];

	for (size_t i = 0; (c = overhead_cipher_at(i)); i++) {
		if (c->icv) {
			add_word(b, c->name);
			continue;
		}
		for (size_t j = 0; (in = overhead_integ_at(j)); j++) {
			snprintf(w, sizeof(w), "%s-%s", c->name, in->name);
			add_word(b, w);
		}
	}
}

static void
w_outer(char *b)
{
	add_word(b, "ipv4 ipv6");
}
static void
w_method(char *b)
{
	add_word(b, "icmp udp tcp auto");
}
static void
w_format(char *b)
{
	add_word(b, "text json value measured");
}

/* One row per (option, commands): what its value completes to. */
static const struct value {
	const char *opt;
	unsigned cmds;
	enum vkind kind;
	void (*words)(char *buf);
} values[] = {
	{ "line", CMD_CALC | CMD_PROBE | CMD_AUDIT, V_WORDS, w_lines },
	{ "esp", CMD_CALC | CMD_PROBE, V_WORDS, w_esp },
	{ "outer", CMD_CALC | CMD_PROBE, V_WORDS, w_outer },
	{ "stack", CMD_CALC | CMD_PROBE, V_LIST, w_layers },
	{ "peer", CMD_CALC | CMD_PROBE | CMD_AUDIT, V_WORDS, w_peers },
	{ "peer-config", CMD_PROBE | CMD_AUDIT, V_FILE, NULL },
	{ "vendor", CMD_CALC | CMD_PROBE, V_LIST, w_vendors_all },
	{ "vendor", CMD_AUDIT, V_WORDS, w_formats },
	{ "rtx-model", CMD_CALC | CMD_PROBE, V_WORDS, w_models },
	{ "wan-if", CMD_CALC | CMD_PROBE, V_VENDOR_IF, w_vendors },
	{ "tunnel-if", CMD_CALC | CMD_PROBE, V_VENDOR_IF, w_vendors },
	{ "interface", CMD_PROBE, V_IFACE, NULL },
	{ "method", CMD_PROBE, V_WORDS, w_method },
	{ "pcap", CMD_PROBE, V_FILE, NULL },
	{ "config", CMD_PROBE, V_FILE, NULL },
	{ "prometheus", CMD_PROBE, V_FILE, NULL },
	{ "targets", CMD_PROBE, V_FILE, NULL },
	{ "out-dir", CMD_PROBE, V_FILE, NULL },
	{ "user", CMD_PROBE, V_USER, NULL },
	{ "format", CMD_CALC | CMD_PROBE, V_WORDS, w_format },
};

/* clang-format off */
static const struct { enum cmd cmd; const char *name; } cmds[] = {
	{ CMD_CALC, "calc" }, { CMD_PROBE, "probe" }, { CMD_INSPECT, "inspect" }, { CMD_AUDIT, "audit" }, { CMD_REPORT, "report" },
};
/* clang-format on */

static const struct value *
value_of(const char *opt, enum cmd cmd)
{
	for (size_t i = 0; i < COUNT(values); i++)
		if ((values[i].cmds & cmd) && strcmp(values[i].opt, opt) == 0)
			return &values[i];
	return NULL;
}

/* Every option with a value to complete has a row for each of its
 * commands. 0, or -1 after naming the first that has none. */
static int
check_table(void)
{
	struct cli_option_info o;

	for (size_t i = 0; cli_option_at(i, &o) == 0; i++) {
		if (!o.arg || o.numeric)
			continue;
		for (size_t c = 0; c < COUNT(cmds); c++)
			if ((o.cmds & cmds[c].cmd) && !value_of(o.name, cmds[c].cmd)) {
				char msg[160];

				snprintf(msg, sizeof(msg),
					 _("option --%s of %s has no row in completion.c values[]"),
					 o.name, cmds[c].name);
				cli_error("completion", msg);
				return -1;
			}
	}
	return 0;
}

static const char *
kind_name(enum vkind k)
{
	static const char *const names[] = {
		"words", "list", "vendor-if", "file", "user", "iface"
	};

	return names[k];
}

/* bash: reads the line itself (COMP_LINE up to COMP_POINT) rather than
 * COMP_WORDS, which '=' and ':' split; answers relative to readline's
 * word, the text after the last of them. */
static void
bash(FILE *f)
{
	char w[WORDS];
	struct cli_option_info o;

	fprintf(f,
		"# bash completion for mtuprobe, generated by 'mtuprobe completion bash'\n"
		"_mtuprobe_reply() {\n"
		"\tlocal c brk=${cur%%\"${cur##*[=:]}\"} out=()\n"
		"\twhile IFS= read -r c; do [[ -n $c && $c == \"$val\"* ]] && out+=(\"$head$c\"); done <<<\"$1\"\n"
		"\tCOMPREPLY=(\"${out[@]#\"$brk\"}\")\n}\n"
		"_mtuprobe_value() {\n"
		"\tlocal kind=$1 words=$2 pre= c\n"
		"\tcase $kind in\n"
		"\twords) _mtuprobe_reply \"$(printf '%%s\\n' $words)\" ;;\n"
		"\tlist) [[ $val == *,* ]] && pre=${val%%,*},\n"
		"\t\t_mtuprobe_reply \"$(for c in $words; do printf '%%s\\n' \"$pre$c\"; done)\"; compopt -o nospace 2>/dev/null ;;\n"
		"\tvendor-if) if [[ $val == *=* ]]; then\n"
		"\t\t\tif [[ $val == *,* ]]; then pre=${val%%,*},; else pre=${val%%%%=*}=; fi\n"
		"\t\t\t_mtuprobe_reply \"$(for c in /sys/class/net/*; do printf '%%s\\n' \"$pre${c##*/}\"; done)\"\n"
		"\t\telse _mtuprobe_reply \"$(for c in $words; do printf '%%s=\\n' \"$c\"; done)\"; fi; compopt -o nospace 2>/dev/null ;;\n"
		"\tiface) _mtuprobe_reply \"$(for c in /sys/class/net/*; do printf '%%s\\n' \"${c##*/}\"; done)\" ;;\n"
		"\tuser) _mtuprobe_reply \"$(compgen -u -- \"$val\")\" ;;\n"
		"\tfile) _mtuprobe_reply \"$(compgen -f -- \"$val\")\"; compopt -o filenames 2>/dev/null ;;\n"
		"\tesac\n}\n"
		"_mtuprobe() {\n"
		"\tlocal line=${COMP_LINE:0:COMP_POINT} cur= prev= opt val head= cmd\n"
		"\tlocal -a w\n"
		"\tread -ra w <<<\"$line\"\n"
		"\tif [[ $line == *[[:space:]] ]]; then w+=(\"\"); fi\n"
		"\tcur=${w[-1]}; ((${#w[@]} > 1)) && prev=${w[-2]}; cmd=${w[1]}\n"
		"\tif ((${#w[@]} <= 2)); then\n"
		"\t\tval=$cur; _mtuprobe_reply \"$(printf '%%s\\n' calc probe inspect audit report completion --help --version)\"\n"
		"\t\treturn\n\tfi\n"
		"\tif [[ $cmd == completion ]]; then val=$cur; _mtuprobe_reply \"$(printf '%%s\\n' bash zsh fish)\"; return; fi\n"
		"\tif [[ $cur == --*=* ]]; then opt=${cur%%%%=*} val=${cur#*=} head=$opt=; else opt=$prev val=$cur; fi\n"
		"\tcase $cmd:$opt in\n");
	for (size_t i = 0; cli_option_at(i, &o) == 0; i++) {
		if (!o.arg || o.numeric)
			continue;
		for (size_t c = 0; c < COUNT(cmds); c++) {
			const struct value *v = value_of(o.name, cmds[c].cmd);

			if (!(o.cmds & cmds[c].cmd) || !v)
				continue;
			w[0] = '\0';
			if (v->words)
				v->words(w);
			fprintf(f, "\t%s:--%s", cmds[c].name, o.name);
			if (o.shortopt)
				fprintf(f, "|%s:-%c", cmds[c].name, o.shortopt);
			fprintf(f, ") _mtuprobe_value %s \"%s\"; return ;;\n", kind_name(v->kind),
				w);
		}
	}
	fprintf(f, "\tesac\n"
		   "\tcase $cmd:$opt in\n");
	for (size_t i = 0; cli_option_at(i, &o) == 0; i++) {
		if (!o.arg || !o.numeric)
			continue;
		for (size_t c = 0; c < COUNT(cmds); c++)
			if (o.cmds & cmds[c].cmd)
				fprintf(f, "\t%s:--%s) return ;;\n", cmds[c].name, o.name);
	}
	fprintf(f, "\tesac\n\tcase $cmd in\n");
	for (size_t c = 0; c < COUNT(cmds); c++) {
		fprintf(f, "\t%s) w=(", cmds[c].name);
		cli_option_words(f, cmds[c].cmd);
		fprintf(f, ") ;;\n");
	}
	fprintf(f,
		"\t*) return ;;\n\tesac\n"
		"\tval=$cur head=\n"
		"\tif [[ $cur == -* ]]; then _mtuprobe_reply \"$(printf '%%s\\n' \"${w[@]}\")\"\n"
		"\telse _mtuprobe_reply \"$(compgen -f -- \"$cur\")\"; compopt -o filenames 2>/dev/null; fi\n}\n"
		"complete -F _mtuprobe mtuprobe\n");
}

/* The help text, cut at its first clause and made safe inside a quoted
 * description: no quote, bracket, colon or backslash. */
static void
describe(FILE *f, const char *help)
{
	int n = 0;

	for (const char *p = help; *p && n < 70; p++, n++) {
		if (*p == ';' || (*p == ',' && n > 40) || (*p == '(' && n > 20))
			break;
		fputc(strchr("'[]:\\\"$`", *p) ? ' ' : *p, f);
	}
}

static void
zsh_action(FILE *f, const struct value *v)
{
	char w[WORDS] = "";

	if (v->words)
		v->words(w);
	switch (v->kind) {
	case V_WORDS: fprintf(f, "(%s)", w); break;
	case V_LIST: fprintf(f, "_sequence compadd - %s", w); break;
	case V_VENDOR_IF: fprintf(f, "_mtuprobe_vendor_if %s", w); break;
	case V_FILE: fprintf(f, "_files"); break;
	case V_USER: fprintf(f, "_users"); break;
	case V_IFACE: fprintf(f, "_net_interfaces"); break;
	}
}

/* zsh: one _arguments call per command; long options take their value as
 * the next word or after '=' (getopt_long takes both). */
static void
zsh(FILE *f)
{
	struct cli_option_info o;

	fprintf(f,
		"#compdef mtuprobe\n# zsh completion for mtuprobe, generated by 'mtuprobe completion zsh'\n"
		"_mtuprobe_vendor_if() {\n"
		"\tif compset -P '*='; then compset -P '*,'; _net_interfaces; else compadd -S = -- \"$@\"; fi\n}\n"
		"_mtuprobe() {\n"
		"\tif ((CURRENT == 2)); then\n"
		"\t\tcompadd -- calc probe inspect audit report completion --help --version; return\n\tfi\n"
		"\tlocal cmd=$words[2]\n\tshift words; ((CURRENT--))\n"
		"\tcase $cmd in\n\tcompletion) compadd -- bash zsh fish ;;\n");
	for (size_t c = 0; c < COUNT(cmds); c++) {
		fprintf(f, "\t%s) _arguments -s -S \\\n", cmds[c].name);
		for (size_t i = 0; cli_option_at(i, &o) == 0; i++) {
			const struct value *v;

			if (!(o.cmds & cmds[c].cmd))
				continue;
			v = o.arg && !o.numeric ? value_of(o.name, cmds[c].cmd) : NULL;
			for (int form = o.shortopt ? 0 : 1; form < 2; form++) {
				if (form == 0)
					fprintf(f, "\t\t'-%c%s[", o.shortopt, o.arg ? "+" : "");
				else
					fprintf(f, "\t\t'--%s%s[", o.name, o.arg ? "=" : "");
				describe(f, o.help);
				fputc(']', f);
				if (o.arg) {
					fputc(':', f);
					for (const char *p = o.arg; *p; p++)
						if (!strchr("[]:'", *p))
							fputc(*p, f);
					fputc(':', f);
					if (v)
						zsh_action(f, v);
					else
						fputc(' ', f);
				}
				fprintf(f, "' \\\n");
			}
		}
		fprintf(f, "\t\t'*:file:_files' ;;\n");
	}
	fprintf(f, "\tesac\n}\n_mtuprobe \"$@\"\n");
}

static void
fish_action(FILE *f, const struct value *v, const char *w)
{
	switch (v->kind) {
	case V_WORDS: fprintf(f, " -x -a '%s'", w); break;
	case V_LIST: fprintf(f, " -x -a '(__mtuprobe_list %s)'", w); break;
	case V_VENDOR_IF: fprintf(f, " -x -a '(__mtuprobe_vendor_if %s)'", w); break;
	case V_FILE: fprintf(f, " -r -F"); break;
	case V_USER: fprintf(f, " -x -a '(__fish_complete_users)'"); break;
	case V_IFACE: fprintf(f, " -x -a '(__fish_print_interfaces)'"); break;
	}
}

/* fish: a condition per command; values through fish's own helpers. */
static void
fish(FILE *f)
{
	struct cli_option_info o;
	char w[WORDS];

	fprintf(f,
		"# fish completion for mtuprobe, generated by 'mtuprobe completion fish'\n"
		"function __mtuprobe_list\n\t__fish_complete_list , \"printf '%%s\\n' $argv\"\nend\n"
		"function __mtuprobe_vendor_if\n"
		"\tset -l tok (commandline -ct)\n"
		"\tif string match -q -- '*=*' $tok\n"
		"\t\tset -l pre (string replace -r -- '[^,=]*$' '' $tok)\n"
		"\t\tfor i in /sys/class/net/*; printf '%%s%%s\\n' $pre (basename $i); end\n"
		"\telse\n\t\tprintf '%%s=\\n' $argv\n\tend\nend\n"
		"complete -c mtuprobe -n __fish_use_subcommand -f -a 'calc probe inspect audit report completion'\n"
		"complete -c mtuprobe -n '__fish_seen_subcommand_from completion' -f -a 'bash zsh fish'\n");
	for (size_t i = 0; cli_option_at(i, &o) == 0; i++) {
		for (size_t c = 0; c < COUNT(cmds); c++) {
			const struct value *v;

			if (!(o.cmds & cmds[c].cmd))
				continue;
			v = o.arg && !o.numeric ? value_of(o.name, cmds[c].cmd) : NULL;
			fprintf(f, "complete -c mtuprobe -n '__fish_seen_subcommand_from %s' -l %s",
				cmds[c].name, o.name);
			if (o.shortopt)
				fprintf(f, " -s %c", o.shortopt);
			w[0] = '\0';
			if (v && v->words)
				v->words(w);
			if (o.arg && !v)
				fprintf(f, " -x");
			else if (v)
				fish_action(f, v, w);
			fprintf(f, " -d '");
			describe(f, o.help);
			fprintf(f, "'\n");
		}
	}
}

int
cmd_completion(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*gen)(FILE *f);
	} shells[] = {
		{ "bash", bash },
		{ "zsh", zsh },
		{ "fish", fish },
	};

	if (argc == 2)
		for (size_t i = 0; i < COUNT(shells); i++)
			if (strcmp(argv[1], shells[i].name) == 0) {
				if (check_table() < 0)
					return EXIT_OUTPUT; /* the script cannot be written whole */
				shells[i].gen(stdout);
				return cli_stdout_done("completion", EXIT_OK);
			}
	cli_error("completion", "usage: mtuprobe completion bash|zsh|fish");
	return EXIT_USAGE;
}
