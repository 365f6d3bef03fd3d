/*
 * tests/unit/sim/test_sh.c - the `node:sh` dispatcher and the file view
 *
 * No kernel counterpart (sim/sh.c, sim/vfs.c).  Scripts run on a node of
 * a test module that offers a few commands and registers files with read
 * and write callbacks; each case gives the text, and what stdout, the
 * status, the failing line and stderr must be, as bash would have them
 * for what this shell understands (and a clear refusal for what it does
 * not).
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sh.h"
#include "testlib.h"

/* ---- test commands ------------------------------------------------------------ */

/* args WORD...: prints each word in brackets, so quoting is visible. */
static int cmd_args(struct sim_sh *sh, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		sim_sh_printf(sh, "[%s]", argv[i]);
	sim_sh_printf(sh, "\n");
	return 0;
}

/* status N: prints on both streams and returns N. */
static int cmd_status(struct sim_sh *sh, int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0;

	sim_sh_printf(sh, "out %d\n", n);
	sim_sh_eprintf(sh, "err %d\n", n);
	return n;
}

/* warn: a warning on stderr, but success. */
static int cmd_warn(struct sim_sh *sh, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_sh_eprintf(sh, "warning: ignored\n");
	return 0;
}

/* line: prints the script line it was called from. */
static int cmd_line(struct sim_sh *sh, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_sh_printf(sh, "line %d\n", sh->line);
	return 0;
}

static const struct sim_command args_command = { "args", cmd_args };
static const struct sim_command status_command = { "status", cmd_status };
static const struct sim_command warn_command = { "warn", cmd_warn };
static const struct sim_command line_command = { "line", cmd_line };
static const struct sim_command *const test_commands[] = {
	&args_command, &status_command, &warn_command, &line_command, NULL,
};

/* ---- test files ----------------------------------------------------------------- */

/* A file that keeps what was written last; priv is its GString. */
static int store_read(struct node *node, const void *priv, GString *out)
{
	(void)node;
	g_string_append(out, ((const GString *)priv)->str);
	return 0;
}

static int store_write(struct node *node, const void *priv, const char *data,
		       struct sim_err *err)
{
	GString *s = (GString *)priv;

	(void)node, (void)err;
	g_string_assign(s, data);
	return 0;
}

/* Takes digits only; says why otherwise. */
static int picky_write(struct node *node, const void *priv, const char *data,
		       struct sim_err *err)
{
	(void)node, (void)priv;
	for (const char *p = data; *p && *p != '\n'; p++)
		if (!g_ascii_isdigit(*p))
			return sim_err_set(err, "picky: only digits, not \"%c\"", *p), -EINVAL;
	return 0;
}

/* Fails with EINVAL and no message, as a kernel handler does. */
static int bare_write(struct node *node, const void *priv, const char *data,
		      struct sim_err *err)
{
	(void)node, (void)priv, (void)data, (void)err;
	return -EINVAL;
}

static int fixed_read(struct node *node, const void *priv, GString *out)
{
	(void)node;
	g_string_append(out, priv);
	return 0;
}

static const struct sim_file_ops store_ops = { .read = store_read, .write = store_write };
static const struct sim_file_ops ro_ops = { .read = fixed_read };
static const struct sim_file_ops wo_ops = { .write = store_write };
static const struct sim_file_ops picky_ops = { .read = fixed_read, .write = picky_write };
static const struct sim_file_ops bare_ops = { .read = fixed_read, .write = bare_write };

static const struct sim_module test_module = {
	.name = "test_sh", .kinds = tl_host_kinds, .commands = test_commands,
};

static const struct sim_module *const test_modules[] = { &test_module, NULL };

struct fixture {
	struct world *w;
	struct node *h1;
	GString *rw, *wo;		/* what /proc/test/rw and /wo hold */
	struct sim_sh_result res;
};

static void setup(struct fixture *f)
{
	struct sim_err err = { { 0 } };

	memset(f, 0, sizeof(*f));
	f->w = tl_world_with("sh", 1, test_modules);
	f->h1 = world_add_node(f->w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	f->rw = g_string_new("initial\n");
	f->wo = g_string_new(NULL);
	sim_vfs_add(f->h1, "/proc/test/rw", &store_ops, f->rw);
	sim_vfs_add(f->h1, "/proc/test/wo", &wo_ops, f->wo);
	sim_vfs_add(f->h1, "/proc/test/ro", &ro_ops, "read only\n");
	sim_vfs_add(f->h1, "/proc/test/picky", &picky_ops, "0\n");
	sim_vfs_add(f->h1, "/proc/test/bare", &bare_ops, "1\n");
	sim_vfs_add(f->h1, "/proc/test/dir/b", &ro_ops, "B\n");
	sim_vfs_add(f->h1, "/proc/test/dir/a", &ro_ops, "A\n");
	sim_vfs_add(f->h1, "/proc/test/dirx", &ro_ops, "X\n");
}

static void teardown(struct fixture *f)
{
	if (f->res.out)
		sim_sh_result_free(&f->res);
	tl_world_free(f->w);
	g_string_free(f->rw, TRUE);
	g_string_free(f->wo, TRUE);
}

static void run(struct fixture *f, const char *text)
{
	if (f->res.out)
		sim_sh_result_free(&f->res);
	sim_sh_run(f->h1, text, &f->res);
}

/* ---- sim_sh_run ---------------------------------------------------------------- */

struct sh_case {
	const char *name;
	const char *text;
	const char *out;
	int status;
	int failed_line;
	const char *err;
};

static const struct sh_case sh_cases[] = {
	{ "empty text", "", "", 0, 0, "" },
	{ "blank lines", "\n\n   \n\t\n", "", 0, 0, "" },
	{ "comments", "# a comment\n  # indented\necho hi # trailing\necho a#b '#c' \\#d",
	  "hi\na#b #c #d\n", 0, 0, "" },
	{ "no newline at the end", "echo a\necho b", "a\nb\n", 0, 0, "" },
	{ "quoting", "args 'a  b' \"c  d\" e\\ f \"\\\"q\\\"\" 'it'\\''s' \"\" ''",
	  "[a  b][c  d][e f][\"q\"][it's][][]\n", 0, 0, "" },
	{ "no variables", "args \"$HOME\" '$x' `cmd`", "[$HOME][$x][`cmd`]\n", 0, 0, "" },
	{ "continuation", "args one \\\n  two \\\n  three\nargs four",
	  "[one][two][three]\n[four]\n", 0, 0, "" },
	{ "continuation joins without a space", "args ab\\\ncd", "[abcd]\n", 0, 0, "" },
	{ "continuation inside double quotes", "args \"a \\\nb\"", "[a b]\n", 0, 0, "" },
	{ "continuation at the end of the text", "args x \\", "[x]\n", 0, 0, "" },
	{ "escaped backslash does not continue", "args a\\\\\nargs b", "[a\\]\n[b]\n",
	  0, 0, "" },
	{ "backslash in single quotes does not continue", "args 'C:\\\nargs b'", "", 2, 1,
	  "unexpected EOF while looking for matching quote\n" },
	{ "a quoted backslash is a word", "args 'C:\\'\nargs b", "[C:\\]\n[b]\n", 0, 0, "" },
	{ "backslash in a comment does not continue", "# see \\\nargs b", "[b]\n", 0, 0, "" },
	{ "line numbers of logical lines", "line\n\nline \\\n \\\n\nline",
	  "line 1\nline 3\nline 6\n", 0, 0, "" },
	{ "echo", "echo a   b\necho\necho -n x\necho -n\necho y", "a b\n\nxy\n", 0, 0, "" },
	{ "echo -n only as the first word", "echo a -n", "a -n\n", 0, 0, "" },
	{ "true and false", "true\nfalse\necho never", "", 1, 2, "" },
	{ "command not found", "echo before\nnosuch -x\necho after", "before\n", 127, 2,
	  "nosuch: command not found\n" },
	{ "stops at the first failure", "status 0\nstatus 3\nstatus 4", "out 0\nout 3\n", 3, 2,
	  "err 0\nerr 3\n" },
	{ "failed continued line reports its first line", "echo ok\nstatus \\\n 5\necho no",
	  "ok\nout 5\n", 5, 2, "err 5\n" },
	{ "stderr of a successful line is kept", "warn\necho x", "x\n", 0, 0,
	  "warning: ignored\n" },
	{ "pipe refused", "echo a | cat", "", 2, 1,
	  "syntax error near '|': pipes, lists and input redirection are not supported\n" },
	{ "list refused", "echo a; echo b", "", 2, 1,
	  "syntax error near ';': pipes, lists and input redirection are not supported\n" },
	{ "and-list refused", "true && echo b", "", 2, 1,
	  "syntax error near '&': pipes, lists and input redirection are not supported\n" },
	{ "input redirection refused", "cat < /proc/test/rw", "", 2, 1,
	  "syntax error near '<': pipes, lists and input redirection are not supported\n" },
	{ "operators in quotes are words", "args 'a|b' \"c;d\" e\\&f '>'",
	  "[a|b][c;d][e&f][>]\n", 0, 0, "" },
	{ "unterminated quote", "echo ok\necho 'abc", "ok\n", 2, 2,
	  "unexpected EOF while looking for matching quote\n" },
	{ "redirection to nothing", "echo a >", "", 2, 1,
	  "syntax error near unexpected token `newline'\n" },
	{ "two redirections", "echo a > /proc/test/rw > /proc/test/ro", "", 2, 1,
	  "syntax error near unexpected token `>'\n" },
	{ "words after a redirection", "echo a > /proc/test/rw b", "", 2, 1,
	  "words after a redirection are not supported\n" },
	{ "cat files", "cat /proc/test/ro /proc/test/rw", "read only\ninitial\n", 0, 0, "" },
	{ "cat normalises paths", "cat /proc//test///ro /proc/test/dir/a/", "read only\nA\n",
	  0, 0, "" },
	{ "cat a directory", "cat /proc/test/dir", "", 1, 1,
	  "cat: /proc/test/dir: Is a directory\n" },
	{ "cat the root", "cat /", "", 1, 1, "cat: /: Is a directory\n" },
	{ "cat a missing file", "cat /proc/test/nope", "", 1, 1,
	  "cat: /proc/test/nope: No such file or directory\n" },
	{ "cat a relative path", "cat proc/test/ro", "", 1, 1,
	  "cat: proc/test/ro: No such file or directory\n" },
	{ "cat a write-only file", "cat /proc/test/wo", "", 1, 1,
	  "cat: /proc/test/wo: Permission denied\n" },
	{ "cat goes on after an error", "cat /proc/test/nope /proc/test/ro", "read only\n", 1,
	  1, "cat: /proc/test/nope: No such file or directory\n" },
	{ "cat without files", "cat", "", 1, 1,
	  "cat: reading standard input is not supported\n" },
	{ "redirect into a missing file", "echo 1 > /proc/test/nope", "", 1, 1,
	  "/proc/test/nope: No such file or directory\n" },
	{ "redirect into a read-only file", "echo 1 > /proc/test/ro", "", 1, 1,
	  "/proc/test/ro: Permission denied\n" },
	{ "redirect into a directory", "echo 1 > /proc/test/dir", "", 1, 1,
	  "/proc/test/dir: Is a directory\n" },
	{ "write handler's message", "echo 12x > /proc/test/picky", "", 1, 1,
	  "picky: only digits, not \"x\"\n" },
	{ "write handler's errno is a write error", "echo 1 > /proc/test/bare", "", 1, 1,
	  "echo: write error: Invalid argument\n" },
	{ "picky takes digits", "echo 12 > /proc/test/picky", "", 0, 0, "" },
	{ "failing command is not redirected", "status 4 > /proc/test/rw", "", 4, 1,
	  "err 4\n" },
	{ "unknown command with a redirection", "nosuch > /proc/test/rw", "", 127, 1,
	  "nosuch: command not found\n" },
	{ "plain file made, grown and read", "echo a > /tmp/f\necho b >> /tmp/f\ncat /tmp/f",
	  "a\nb\n", 0, 0, "" },
	{ "> truncates a plain file, or makes an empty one",
	  "echo a > /tmp/f\necho b > /tmp/f\n> /tmp/g\necho c >> /tmp/h\n>> /tmp/h\n"
	  "cat /tmp/f /tmp/g /tmp/h", "b\nc\n", 0, 0, "" },
	{ "plain files in every skeleton directory",
	  "echo 1 > /root/x\necho 2 > /etc/x\necho 3 > /var/tmp/x\necho 4 > /x\n"
	  "cat /root/x /etc/x /var/tmp/x /x", "1\n2\n3\n4\n", 0, 0, "" },
	{ "no file in a missing directory", "echo a > /nodir/f", "", 1, 1,
	  "/nodir/f: No such file or directory\n" },
	{ "no directory is made", "echo a > /tmp/d/f", "", 1, 1,
	  "/tmp/d/f: No such file or directory\n" },
	{ "cat a skeleton directory", "cat /tmp", "", 1, 1, "cat: /tmp: Is a directory\n" },
	{ "no new files in /proc", "echo 1 > /proc/test/new", "", 1, 1,
	  "/proc/test/new: No such file or directory\n" },
	{ "no new files in /proc with >", "> /proc/test/dir/new", "", 1, 1,
	  "/proc/test/dir/new: No such file or directory\n" },
	{ ">> a /proc file writes it whole", "echo 7 >> /proc/test/rw\ncat /proc/test/rw",
	  "7\n", 0, 0, "" },
};

START_TEST(test_sh_run)
{
	const struct sh_case *c = &sh_cases[_i];
	struct fixture f;

	setup(&f);
	run(&f, c->text);
	ck_assert_msg(strcmp(f.res.out->str, c->out) == 0, "%s: out\n got: \"%s\"\nwant: \"%s\"",
		      c->name, f.res.out->str, c->out);
	ck_assert_msg(f.res.status == c->status, "%s: status %d, want %d", c->name,
		      f.res.status, c->status);
	ck_assert_msg(f.res.failed_line == c->failed_line, "%s: failed_line %d, want %d",
		      c->name, f.res.failed_line, c->failed_line);
	ck_assert_msg(strcmp(f.res.err->str, c->err) == 0, "%s: err\n got: \"%s\"\nwant: \"%s\"",
		      c->name, f.res.err->str, c->err);
	teardown(&f);
}
END_TEST

/* The failing line's own stderr is marked (node:sh's Lua error quotes it). */
START_TEST(test_failed_err_marks_the_failing_line)
{
	struct fixture f;

	setup(&f);
	run(&f, "warn\nstatus 0\nstatus 3\nstatus 4");
	ck_assert_str_eq(f.res.err->str, "warning: ignored\nerr 0\nerr 3\n");
	ck_assert_str_eq(f.res.err->str + f.res.failed_err, "err 3\n");
	run(&f, "warn");
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_uint_eq(f.res.failed_err, 0);
	teardown(&f);
}
END_TEST

/* ---- redirection ---------------------------------------------------------------- */

START_TEST(test_redirect_writes_the_output)
{
	struct fixture f;

	setup(&f);
	run(&f, "echo 5 > /proc/test/rw");
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_str_eq(f.res.out->str, "");		/* not on stdout */
	ck_assert_str_eq(f.rw->str, "5\n");
	run(&f, "echo -n 6 >/proc/test/rw");
	ck_assert_str_eq(f.rw->str, "6");
	run(&f, "args a b>/proc/test/rw");
	ck_assert_str_eq(f.rw->str, "[a][b]\n");
	run(&f, "cat /proc/test/ro > /proc/test/rw");
	ck_assert_str_eq(f.rw->str, "read only\n");
	run(&f, "echo 7 > '/proc/test/rw'");
	ck_assert_str_eq(f.rw->str, "7\n");
	run(&f, "echo 8 > /proc//test/rw/");
	ck_assert_str_eq(f.rw->str, "8\n");
	run(&f, "echo 9 > /proc/test/wo");
	ck_assert_str_eq(f.wo->str, "9\n");
	teardown(&f);
}
END_TEST

/* /proc and /sys files take each write whole: >> writes as > does. */
START_TEST(test_append_redirect_writes_whole)
{
	struct fixture f;

	setup(&f);
	run(&f, "echo 1 >> /proc/test/rw");
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_str_eq(f.rw->str, "1\n");
	run(&f, "echo 2 >>/proc/test/rw");
	ck_assert_str_eq(f.rw->str, "2\n");
	teardown(&f);
}
END_TEST

START_TEST(test_bare_redirect_writes_nothing)
{
	struct fixture f;

	setup(&f);
	/* bash opens the file and writes nothing: a /proc file sees no write */
	run(&f, "> /proc/test/rw");
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_str_eq(f.rw->str, "initial\n");
	run(&f, "> /proc/test/nope");
	ck_assert_int_eq(f.res.status, 1);
	run(&f, "> /proc/test/ro");
	ck_assert_int_eq(f.res.status, 1);
	teardown(&f);
}
END_TEST

START_TEST(test_output_before_a_failure_is_kept)
{
	struct fixture f;

	setup(&f);
	run(&f, "echo one\necho two > /proc/test/rw\necho three > /proc/test/ro\necho four");
	ck_assert_str_eq(f.res.out->str, "one\n");
	ck_assert_str_eq(f.rw->str, "two\n");
	ck_assert_int_eq(f.res.failed_line, 3);
	teardown(&f);
}
END_TEST

/* ---- the file view ---------------------------------------------------------------- */

static char *read_file(struct fixture *f, const char *path, int *r)
{
	GString *out = g_string_new(NULL);

	*r = sim_vfs_read(f->h1, path, out);
	return g_string_free(out, FALSE);
}

static void expect_list(struct fixture *f, const char *dir, const char *want)
{
	GPtrArray *l = sim_vfs_list(f->h1, dir);
	GString *got = g_string_new(NULL);

	for (guint i = 0; i < l->len; i++)
		g_string_append_printf(got, "%s\n", (const char *)l->pdata[i]);
	ck_assert_msg(strcmp(got->str, want) == 0, "list \"%s\"\n got:\n%s\nwant:\n%s",
		      dir ? dir : "(null)", got->str, want);
	g_string_free(got, TRUE);
	g_ptr_array_unref(l);
}

#define ALL_FILES \
	"/proc/test/bare\n/proc/test/dir/a\n/proc/test/dir/b\n/proc/test/dirx\n" \
	"/proc/test/picky\n/proc/test/ro\n/proc/test/rw\n/proc/test/wo\n"

START_TEST(test_vfs_list_is_sorted)
{
	struct fixture f;

	setup(&f);
	expect_list(&f, "/", ALL_FILES);
	expect_list(&f, "", ALL_FILES);
	expect_list(&f, NULL, ALL_FILES);
	expect_list(&f, "/proc/test/dir", "/proc/test/dir/a\n/proc/test/dir/b\n");
	expect_list(&f, "/proc/test/dir/", "/proc/test/dir/a\n/proc/test/dir/b\n");
	expect_list(&f, "/proc//test//dir", "/proc/test/dir/a\n/proc/test/dir/b\n");
	expect_list(&f, "/proc/test/di", "");		/* not a prefix of components */
	expect_list(&f, "/proc/test/ro", "");		/* a file lists nothing */
	expect_list(&f, "/nope", "");
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_read_results)
{
	struct fixture f;
	char *s;
	int r;

	setup(&f);
	s = read_file(&f, "/proc/test/ro", &r);
	ck_assert_int_eq(r, 0);
	ck_assert_str_eq(s, "read only\n");
	g_free(s);
	s = read_file(&f, "/proc/test", &r);
	ck_assert_int_eq(r, -EISDIR);
	ck_assert_str_eq(s, "");
	g_free(s);
	s = read_file(&f, "/proc/test/wo", &r);
	ck_assert_int_eq(r, -EACCES);
	g_free(s);
	s = read_file(&f, "/proc/test/nope", &r);
	ck_assert_int_eq(r, -ENOENT);
	g_free(s);
	s = read_file(&f, "/proc/test/dirx/", &r);	/* "dirx" is not under "dir" */
	ck_assert_int_eq(r, 0);
	ck_assert_str_eq(s, "X\n");
	g_free(s);
	s = read_file(&f, "", &r);
	ck_assert_int_eq(r, -ENOENT);
	g_free(s);
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_write_results)
{
	struct fixture f;
	struct sim_err err = { { 0 } };

	setup(&f);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/test/rw", "x", &err), 0);
	ck_assert_str_eq(f.rw->str, "x");
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/test/ro", "x", &err), -EACCES);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/test/dir", "x", &err), -EISDIR);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/test/nope", "x", &err), -ENOENT);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/test/picky", "a", &err), -EINVAL);
	ck_assert_str_eq(err.msg, "picky: only digits, not \"a\"");
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_add_replaces)
{
	struct fixture f;
	char *s;
	int r;

	setup(&f);
	sim_vfs_add(f.h1, "/proc/test/rw", &ro_ops, "replaced\n");
	s = read_file(&f, "/proc/test/rw", &r);
	ck_assert_str_eq(s, "replaced\n");
	g_free(s);
	expect_list(&f, "/proc/test", ALL_FILES);	/* still one entry */
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_paths_are_stored_normalised)
{
	struct fixture f;
	char *s;
	int r;

	setup(&f);
	sim_vfs_add(f.h1, "/sys//class/net/", &ro_ops, "lo\n");
	expect_list(&f, "/sys", "/sys/class/net\n");
	s = read_file(&f, "/sys/class/net", &r);
	ck_assert_int_eq(r, 0);
	ck_assert_str_eq(s, "lo\n");
	g_free(s);
	sim_vfs_remove(f.h1, "/sys/class//net");
	expect_list(&f, "/sys", "");
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_remove)
{
	struct fixture f;
	char *s;
	int r;

	setup(&f);
	sim_vfs_remove(f.h1, "/proc/test/rw");
	s = read_file(&f, "/proc/test/rw", &r);
	ck_assert_int_eq(r, -ENOENT);
	g_free(s);
	sim_vfs_remove(f.h1, "/proc/test/rw");		/* twice: harmless */
	sim_vfs_remove(f.h1, "/proc/test/dir");		/* a directory: not a file */
	expect_list(&f, "/proc/test/dir", "/proc/test/dir/a\n/proc/test/dir/b\n");
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_remove_tree)
{
	const char *const dirs[] = { "/proc/test/dir", "/proc/test/dir/", "/proc//test/dir" };
	struct fixture f;

	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		setup(&f);
		sim_vfs_remove_tree(f.h1, dirs[i]);
		/* the files under it go; "dirx", which only shares the prefix, stays */
		expect_list(&f, "/proc/test", "/proc/test/bare\n/proc/test/dirx\n"
			    "/proc/test/picky\n/proc/test/ro\n/proc/test/rw\n/proc/test/wo\n");
		teardown(&f);
	}
	setup(&f);
	sim_vfs_remove_tree(f.h1, "/proc/test/ro");	/* a file is not a tree */
	expect_list(&f, "/", ALL_FILES);
	sim_vfs_remove_tree(f.h1, "/");
	expect_list(&f, "/", "");
	teardown(&f);
}
END_TEST

START_TEST(test_vfs_is_per_node)
{
	struct fixture f;
	struct sim_err err = { { 0 } };
	struct node *h2;
	GString *out = g_string_new(NULL);

	setup(&f);
	h2 = world_add_node(f.w, "host", "h2", NULL, &err);
	ck_assert_int_eq(sim_vfs_read(h2, "/proc/test/ro", out), -ENOENT);
	g_string_free(out, TRUE);
	teardown(&f);
}
END_TEST

/* an owned file's data: counts its frees into *freed */
struct owned {
	GString *text;
	int *freed;
};

static struct owned *owned_new(const char *text, int *freed)
{
	struct owned *o = g_new0(struct owned, 1);

	o->text = g_string_new(text);
	o->freed = freed;
	return o;
}

static void owned_free(gpointer data)
{
	struct owned *o = data;

	(*o->freed)++;
	g_string_free(o->text, TRUE);
	g_free(o);
}

static int owned_read(struct node *node, const void *priv, GString *out)
{
	(void)node;
	g_string_append(out, ((const struct owned *)priv)->text->str);
	return 0;
}

static const struct sim_file_ops owned_ops = { .read = owned_read };

/* The data of an owned file is freed whenever the file goes, once */
START_TEST(test_vfs_owned_data_goes_with_the_file)
{
	struct fixture f;
	int freed = 0;
	char *s;
	int r;

	setup(&f);
	sim_vfs_add_owned(f.h1, "/tmp/a", &owned_ops, owned_new("A\n", &freed), owned_free);
	s = read_file(&f, "/tmp/a", &r);
	ck_assert_str_eq(s, "A\n");
	g_free(s);
	/* removed */
	sim_vfs_remove(f.h1, "/tmp/a");
	ck_assert_int_eq(freed, 1);
	/* replaced by another owned file, then by a plain one */
	sim_vfs_add_owned(f.h1, "/tmp/a", &owned_ops, owned_new("A\n", &freed), owned_free);
	sim_vfs_add_owned(f.h1, "/tmp//a", &owned_ops, owned_new("B\n", &freed), owned_free);
	ck_assert_int_eq(freed, 2);
	s = read_file(&f, "/tmp/a", &r);
	ck_assert_str_eq(s, "B\n");
	g_free(s);
	sim_vfs_add(f.h1, "/tmp/a", &ro_ops, "plain\n");
	ck_assert_int_eq(freed, 3);
	/* with its directory */
	sim_vfs_add_owned(f.h1, "/tmp/d/x", &owned_ops, owned_new("X\n", &freed), owned_free);
	sim_vfs_remove_tree(f.h1, "/tmp/d");
	ck_assert_int_eq(freed, 4);
	/* with the node: the world's end frees what is left (ASan sees a leak otherwise) */
	sim_vfs_add_owned(f.h1, "/tmp/e", &owned_ops, owned_new("E\n", &freed), owned_free);
	teardown(&f);
	ck_assert_int_eq(freed, 5);
}
END_TEST

static Suite *sh_suite(void)
{
	Suite *s = suite_create("sh");
	TCase *tc = tcase_create("run");

	tcase_add_loop_test(tc, test_sh_run, 0, G_N_ELEMENTS(sh_cases));
	tcase_add_test(tc, test_failed_err_marks_the_failing_line);
	tcase_add_test(tc, test_redirect_writes_the_output);
	tcase_add_test(tc, test_append_redirect_writes_whole);
	tcase_add_test(tc, test_bare_redirect_writes_nothing);
	tcase_add_test(tc, test_output_before_a_failure_is_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("vfs");
	tcase_add_test(tc, test_vfs_list_is_sorted);
	tcase_add_test(tc, test_vfs_read_results);
	tcase_add_test(tc, test_vfs_write_results);
	tcase_add_test(tc, test_vfs_add_replaces);
	tcase_add_test(tc, test_vfs_paths_are_stored_normalised);
	tcase_add_test(tc, test_vfs_remove);
	tcase_add_test(tc, test_vfs_remove_tree);
	tcase_add_test(tc, test_vfs_is_per_node);
	tcase_add_test(tc, test_vfs_owned_data_goes_with_the_file);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(sh_suite());
}
