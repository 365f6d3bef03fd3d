/*
 * sim/sh.c - the `node:sh` command dispatcher
 *
 * No kernel counterpart: a root prompt on a simulated host (see sh.h).
 * What it understands of shell syntax is what users type into labs: words,
 * quotes, backslash escapes and continuations, `#` comments, and output
 * redirection with `>` / `>>` into the node's file view.  Pipes, `;`, `&&`
 * and variables are refused with a message rather than misread.
 *
 * Builtins: echo, cat, true, false (the shell utilities every lab uses on
 * /proc); everything else comes from the modules' command tables.
 */
#include "sim/sh.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

enum sh_redirect { SH_REDIR_NONE, SH_REDIR_TRUNC, SH_REDIR_APPEND };

struct sh_words {
	GPtrArray *argv;		/* char *, NULL-terminated when done */
	enum sh_redirect redir;
	char *target;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_op(char c)
{
	return c == '>' || c == '|' || c == ';' || c == '&' || c == '<';
}

/*
 * continues - whether the logical line @s (@len bytes) ends in a backslash
 * that escapes the newline, as bash decides it: not one inside single
 * quotes ('C:\'), not an escaped one (echo a\\), not one in a comment
 * (a comment ends at its newline).
 */
static bool continues(const char *s, size_t len)
{
	bool sq = false, dq = false, in_word = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (sq) {
			sq = c != '\'';
			continue;
		}
		if (c == '\\') {
			if (i + 1 == len)
				return true;
			i++;			/* the escaped character */
			in_word = true;
			continue;
		}
		if (dq) {
			dq = c != '"';
			continue;
		}
		if (c == '#' && !in_word)
			return false;		/* as tokenize(): # at a word start */
		if (c == '\'' || c == '"') {
			sq = c == '\'';
			dq = c == '"';
		}
		in_word = !is_blank(c) && !is_op(c);
	}
	return false;
}

/*
 * tokenize - words of one logical line.  @ops: whether `>`, `#` and the
 * refused operators are special (sh lines) or plain characters (a spawn
 * command line, which is argv only).
 */
static int tokenize(const char *s, bool ops, struct sh_words *words, struct sim_err *err)
{
	GString *cur = NULL;
	bool to_target = false;

	words->argv = g_ptr_array_new_with_free_func(g_free);
	words->redir = SH_REDIR_NONE;
	words->target = NULL;
	for (;;) {
		char c = *s;

		if (c == '\0' || is_blank(c) || (ops && !cur && c == '#') ||
		    (ops && is_op(c))) {
			if (cur) {
				/* exact size: a spawned program keeps its argv
				 * for its life, a GString has 64 bytes or more */
				char *word = g_strndup(cur->str, cur->len);

				g_string_free(cur, TRUE);
				cur = NULL;
				if (to_target) {
					words->target = word;
					to_target = false;
				} else {
					g_ptr_array_add(words->argv, word);
				}
			}
			if (c == '\0' || c == '#')
				break;
			if (is_blank(c)) {
				s++;
				continue;
			}
			if (c != '>')
				return sim_err_set(err, "syntax error near '%c': pipes, lists "
						   "and input redirection are not supported", c);
			if (words->redir != SH_REDIR_NONE || to_target)
				return sim_err_set(err, "syntax error near unexpected token `>'");
			words->redir = s[1] == '>' ? SH_REDIR_APPEND : SH_REDIR_TRUNC;
			s += words->redir == SH_REDIR_APPEND ? 2 : 1;
			to_target = true;
			continue;
		}
		if (words->target && !to_target && ops)
			return sim_err_set(err, "words after a redirection are not supported");
		if (!cur)
			cur = g_string_new(NULL);
		if (c == '\'') {
			const char *end = strchr(s + 1, '\'');

			if (!end)
				goto unterminated;
			g_string_append_len(cur, s + 1, end - s - 1);
			s = end + 1;
		} else if (c == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
					s++;
				g_string_append_c(cur, *s);
			}
			if (*s != '"')
				goto unterminated;
			s++;
		} else if (c == '\\' && s[1]) {
			g_string_append_c(cur, s[1]);
			s += 2;
		} else {
			g_string_append_c(cur, c);
			s++;
		}
	}
	if (to_target)
		return sim_err_set(err, "syntax error near unexpected token `newline'");
	g_ptr_array_add(words->argv, NULL);
	return 0;

unterminated:
	g_string_free(cur, TRUE);
	return sim_err_set(err, "unexpected EOF while looking for matching quote");
}

static void words_free(struct sh_words *words)
{
	if (words->argv)
		g_ptr_array_unref(words->argv);
	g_free(words->target);
}

char **sim_shell_split(const char *line, int *argc, struct sim_err *err)
{
	struct sh_words words;
	char **argv;

	if (tokenize(line, false, &words, err) < 0) {
		words_free(&words);
		return NULL;
	}
	*argc = (int)words.argv->len - 1;
	g_ptr_array_set_free_func(words.argv, NULL);
	argv = (char **)g_ptr_array_free(words.argv, FALSE);
	words.argv = NULL;
	words_free(&words);
	return argv;
}

/* ---- printing --------------------------------------------------------- */

void sim_sh_printf(struct sim_sh *sh, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_string_append_vprintf(sh->out, fmt, ap);
	va_end(ap);
}

void sim_sh_eprintf(struct sim_sh *sh, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_string_append_vprintf(sh->err, fmt, ap);
	va_end(ap);
}

/* ---- builtins --------------------------------------------------------- */

static int sh_echo(struct sim_sh *sh, int argc, char **argv)
{
	bool newline = true;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc; i++)
		sim_sh_printf(sh, "%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		sim_sh_printf(sh, "\n");
	return 0;
}

static const char *errno_text(int e)
{
	switch (e) {
	case -ENOENT: return "No such file or directory";
	case -EISDIR: return "Is a directory";
	case -EACCES: return "Permission denied";
	case -ENODEV: return "No such device";
	case -EBUSY: return "Device or resource busy";
	case -ENETDOWN: return "Network is down";
	case -EOPNOTSUPP: return "Operation not supported";
	case -E2BIG: return "Argument list too long";
	case -ENOMEM: return "Cannot allocate memory";
	default: return "Invalid argument";
	}
}

static int sh_cat(struct sim_sh *sh, int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		sim_sh_eprintf(sh, "cat: reading standard input is not supported\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int r = sim_vfs_read(sh->node, argv[i], sh->out);

		if (r < 0) {
			sim_sh_eprintf(sh, "cat: %s: %s\n", argv[i], errno_text(r));
			status = 1;
		}
	}
	return status;
}

static int sh_true(struct sim_sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 0;
}

static int sh_false(struct sim_sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 1;
}

static const struct sim_command sh_builtins[] = {
	{ "cat", sh_cat }, { "echo", sh_echo }, { "false", sh_false }, { "true", sh_true },
	{ NULL, NULL },
};

static const struct sim_command *find_command(struct node *node, const char *name)
{
	for (const struct sim_command *c = sh_builtins; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return world_command(node->w, name);
}

/* ---- running lines ---------------------------------------------------- */

/*
 * redirect - write a command's output to a file of the view.  /proc and
 * /sys files take each write whole, so `>>` writes exactly as `>` does;
 * plain files (/tmp/x) are made, truncated or grown as bash would.
 * Errors read as bash's (without its "bash: " prefix): a file that cannot
 * be opened is named ("/proc/x: No such file or directory"), a write the
 * file refuses is the command's ("echo: write error: Invalid argument" for
 * a sysctl value out of range), unless the model said why.
 */
static int redirect(struct sim_sh *sh, const struct sh_words *words, const char *cmd,
		    const char *data)
{
	struct sim_err err = { { 0 } };
	int r;

	/* nothing to write: bash only opens (and truncates) the file */
	if (!*data)
		r = sim_vfs_open(sh->node, words->target, words->redir == SH_REDIR_TRUNC);
	else if (words->redir == SH_REDIR_APPEND)
		r = sim_vfs_append(sh->node, words->target, data, &err);
	else
		r = sim_vfs_write(sh->node, words->target, data, &err);
	if (r == 0)
		return 0;
	if (r == -EINVAL && err.msg[0])
		sim_sh_eprintf(sh, "%s\n", err.msg);
	else if (r == -ENOENT || r == -EISDIR || r == -EACCES || !cmd)
		sim_sh_eprintf(sh, "%s: %s\n", words->target, errno_text(r));
	else
		sim_sh_eprintf(sh, "%s: write error: %s\n", cmd, errno_text(r));
	return 1;
}

static int run_line(struct sim_sh *sh, const char *line)
{
	struct sim_err err = { { 0 } };
	struct sh_words words;
	const struct sim_command *cmd;
	char **argv;
	int argc, status;

	if (tokenize(line, true, &words, &err) < 0) {
		sim_sh_eprintf(sh, "%s\n", err.msg);
		words_free(&words);
		return 2;
	}
	argc = (int)words.argv->len - 1;
	argv = (char **)words.argv->pdata;
	if (argc == 0) {
		status = 0;
		if (words.target)	/* "> file" truncates: an empty write */
			status = redirect(sh, &words, NULL, "");
		words_free(&words);
		return status;
	}
	cmd = find_command(sh->node, argv[0]);
	if (!cmd) {
		sim_sh_eprintf(sh, "%s: command not found\n", argv[0]);
		words_free(&words);
		return 127;
	}
	if (words.target) {
		struct sim_sh sub = *sh;

		sub.out = g_string_new(NULL);
		status = cmd->run(&sub, argc, argv);
		if (status == 0)
			status = redirect(sh, &words, argv[0], sub.out->str);
		g_string_free(sub.out, TRUE);
	} else {
		status = cmd->run(sh, argc, argv);
	}
	words_free(&words);
	return status;
}

void sim_sh_run(struct node *node, const char *text, struct sim_sh_result *res)
{
	GString *logical = g_string_new(NULL);
	const char *s = text;
	int lineno = 0, start_line = 0;
	bool continued = false;		/* the previous line ended in \ */

	res->out = g_string_new(NULL);
	res->err = g_string_new(NULL);
	res->status = 0;
	res->failed_line = 0;
	res->failed_err = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		lineno++;
		if (!continued)
			start_line = lineno;
		g_string_append_len(logical, s, (gssize)len);
		continued = continues(logical->str, logical->len);
		if (continued) {
			/* bash removes the backslash-newline pair: "a\\\nb" is "ab" */
			g_string_truncate(logical, logical->len - 1);
		} else {
			struct sim_sh sh = { .node = node, .out = res->out, .err = res->err,
					     .line = start_line };
			size_t err_start = res->err->len;
			int status;

			status = run_line(&sh, logical->str);
			g_string_truncate(logical, 0);
			if (status != 0) {
				res->status = status;
				res->failed_line = start_line;
				res->failed_err = err_start;
				break;
			}
		}
		s += len + (nl ? 1 : 0);
	}
	if (logical->len && res->failed_line == 0) {
		/* text ended inside a continuation: run what there is */
		struct sim_sh sh = { .node = node, .out = res->out, .err = res->err,
				     .line = start_line };
		size_t err_start = res->err->len;
		int status = run_line(&sh, logical->str);

		if (status != 0) {
			res->status = status;
			res->failed_line = start_line;
			res->failed_err = err_start;
		}
	}
	g_string_free(logical, TRUE);
}

void sim_sh_result_free(struct sim_sh_result *res)
{
	g_string_free(res->out, TRUE);
	g_string_free(res->err, TRUE);
}
