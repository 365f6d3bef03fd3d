/*
 * tests/unit/core/test_sysctl_net.c - sysctl tables, /proc/sys and sysctl(8)
 *
 * Mirrors net/sysctl_net.c and the handlers of kernel/sysctl.c
 * (models/core/sysctl_net.c) and procps-ng's sysctl (models/apps/sysctl.c).
 * A test table of every handler kind is registered on h1's struct net and
 * reached three ways, as on Linux: through the file view (what `cat` and
 * `echo >` use), through `sh` lines, and through the sysctl command.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "linux/sysctl.h"
#include "models.h"
#include "net/net_namespace.h"
#include "sim/sh.h"
#include "testlib.h"

/* ---- the test table ---------------------------------------------------------- */

struct test_conf {
	int plain;
	int flag;			/* 0..1 */
	int ranged;			/* 5..10 */
	unsigned int u;
	unsigned int umm;		/* 0..INT_MAX, unsigned */
	char name[8];
	int timeout;			/* jiffies, shown in seconds */
	int retrans;			/* jiffies, shown in ms */
	int range[2];			/* like ip_local_port_range */
	int ro;
	int flush;
	int changed;			/* calls of test_changed() */
};

static const int five = 5, ten = 10;

static void test_changed(const struct ctl_table *t, struct net *net)
{
	struct test_conf *c = (struct test_conf *)((char *)t->data -
						   offsetof(struct test_conf, flag));

	(void)net;
	c->changed++;
}

#define CONF(field) ((void *)offsetof(struct test_conf, field))

/* data is relative to the struct test_conf given as data_base */
static const struct ctl_table test_table[] = {
	{ .procname = "plain", .data = CONF(plain), .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "flag", .data = CONF(flag), .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE,
	  .changed = test_changed },
	{ .procname = "ranged", .data = CONF(ranged), .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = &five, .extra2 = &ten },
	{ .procname = "u", .data = CONF(u), .maxlen = sizeof(unsigned int), .mode = 0644,
	  .proc_handler = proc_douintvec },
	{ .procname = "umm", .data = CONF(umm), .maxlen = sizeof(unsigned int), .mode = 0644,
	  .proc_handler = proc_douintvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "name", .data = CONF(name), .maxlen = 8, .mode = 0644,
	  .proc_handler = proc_dostring },
	{ .procname = "timeout", .data = CONF(timeout), .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_jiffies },
	{ .procname = "retrans_ms", .data = CONF(retrans), .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_ms_jiffies },
	{ .procname = "port_range", .data = CONF(range), .maxlen = 2 * sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "ro", .data = CONF(ro), .maxlen = sizeof(int), .mode = 0444,
	  .proc_handler = proc_dointvec },
	{ .procname = "flush", .data = CONF(flush), .maxlen = sizeof(int), .mode = 0200,
	  .proc_handler = proc_dointvec },
};

/* One table, two devices: data_base picks the instance (as devinet's conf). */
struct dev_conf {
	int pad;
	int forwarding;
};

static const struct ctl_table dev_table[] = {
	{ .procname = "forwarding", .data = (void *)offsetof(struct dev_conf, forwarding),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
};

struct fixture {
	struct world *w;
	struct node *h1;
	struct net *net;
	struct test_conf conf;
	struct dev_conf eth0, vlan;
	struct ctl_table_header *hdr, *eth0_hdr, *vlan_hdr;
	struct sim_sh_result res;
};

static void setup_hz(struct fixture *f, unsigned int hz)
{
	struct world_config cfg = {
		.name = "sysctl", .seed = 1, .hz = hz, .modules = skbsim_modules,
	};
	struct sim_err err = { { 0 } };

	memset(f, 0, sizeof(*f));
	f->w = world_create(&cfg, &err);
	ck_assert_msg(f->w != NULL, "%s", err.msg);
	f->h1 = world_add_node(f->w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	f->net = node_net(f->h1);
	f->conf = (struct test_conf){
		.plain = 5, .ranged = 7, .u = 3, .umm = 4, .name = "abc", .timeout = 250 * 60,
		.retrans = 250, .range = { 32768, 60999 },
	};
	f->hdr = register_net_sysctl_sz(f->net, "net/test", test_table,
					G_N_ELEMENTS(test_table), &f->conf);
	f->eth0_hdr = register_net_sysctl_sz(f->net, "net/test/conf/eth0", dev_table, 1,
					     &f->eth0);
	f->vlan_hdr = register_net_sysctl_sz(f->net, "net/test/conf/eth0.100", dev_table, 1,
					     &f->vlan);
}

static void setup(struct fixture *f)
{
	setup_hz(f, SIM_HZ_DEFAULT);
}

static void teardown(struct fixture *f)
{
	if (f->res.out)
		sim_sh_result_free(&f->res);
	tl_world_free(f->w);	/* net_namespace unregisters what is left */
}

static char *vfs_read(struct fixture *f, const char *path, int *r)
{
	GString *out = g_string_new(NULL);

	*r = sim_vfs_read(f->h1, path, out);
	return g_string_free(out, FALSE);
}

static void expect_file(struct fixture *f, const char *path, const char *want)
{
	int r;
	char *got = vfs_read(f, path, &r);

	ck_assert_msg(r == 0, "read %s: %d", path, r);
	ck_assert_msg(strcmp(got, want) == 0, "%s: got \"%s\", want \"%s\"", path, got, want);
	g_free(got);
}

static void sh(struct fixture *f, const char *text)
{
	if (f->res.out)
		sim_sh_result_free(&f->res);
	sim_sh_run(f->h1, text, &f->res);
}

static void expect_sh(struct fixture *f, const char *text, const char *out, int status,
		      const char *err)
{
	sh(f, text);
	ck_assert_msg(strcmp(f->res.out->str, out) == 0, "%s: out\n got: \"%s\"\nwant: \"%s\"",
		      text, f->res.out->str, out);
	ck_assert_msg(f->res.status == status, "%s: status %d, want %d (err %s)", text,
		      f->res.status, status, f->res.err->str);
	ck_assert_msg(strcmp(f->res.err->str, err) == 0, "%s: err\n got: \"%s\"\nwant: \"%s\"",
		      text, f->res.err->str, err);
}

/* ---- handlers through the file view ----------------------------------------------- */

struct write_case {
	const char *file;		/* under /proc/sys/net/test/ */
	const char *data;
	int r;				/* sim_vfs_write() */
	const char *after;		/* the file's text afterwards */
};

static const struct write_case write_cases[] = {
	{ "plain", "7", 0, "7\n" },
	{ "plain", "7\n", 0, "7\n" },
	{ "plain", "  \t-3 \n", 0, "-3\n" },
	{ "plain", "0x10", 0, "16\n" },		/* C notation, as proc_get_long() */
	{ "plain", "010", 0, "8\n" },
	{ "plain", "-0x10", 0, "-16\n" },
	{ "plain", "2147483647", 0, "2147483647\n" },
	{ "plain", "-2147483648", 0, "-2147483648\n" },
	{ "plain", "2147483648", -EINVAL, "5\n" },
	{ "plain", "-2147483649", -EINVAL, "5\n" },
	{ "plain", "99999999999999999999999", -EINVAL, "5\n" },
	{ "plain", "+1", -EINVAL, "5\n" },
	{ "plain", "-", -EINVAL, "5\n" },
	{ "plain", "1a", -EINVAL, "5\n" },
	{ "plain", "08", -EINVAL, "5\n" },	/* octal has no 8 */
	{ "plain", "a1", -EINVAL, "5\n" },
	{ "plain", "1.5", -EINVAL, "5\n" },
	{ "plain", "", -EINVAL, "5\n" },
	{ "plain", "\n", -EINVAL, "5\n" },
	{ "plain", "1 2", -EINVAL, "5\n" },	/* one int holds one value */
	{ "flag", "1", 0, "1\n" },
	{ "flag", "0", 0, "0\n" },
	{ "flag", "2", -EINVAL, "0\n" },
	{ "flag", "-1", -EINVAL, "0\n" },
	{ "ranged", "5", 0, "5\n" },
	{ "ranged", "10", 0, "10\n" },
	{ "ranged", "4", -EINVAL, "7\n" },
	{ "ranged", "11", -EINVAL, "7\n" },
	{ "u", "4294967295", 0, "4294967295\n" },
	{ "u", "4294967296", -EINVAL, "3\n" },
	{ "u", "-1", -EINVAL, "3\n" },
	{ "u", "-0", -EINVAL, "3\n" },		/* do_proc_douintvec_w(): any '-' */
	{ "umm", "2147483647", 0, "2147483647\n" },
	{ "umm", "2147483648", -EINVAL, "4\n" },
	{ "name", "lab", 0, "lab\n" },
	{ "name", "lab\n", 0, "lab\n" },
	{ "name", "abcdefghij", 0, "abcdefg\n" },	/* maxlen - 1 kept */
	{ "name", "one\ntwo", 0, "one\n" },
	{ "name", "", 0, "\n" },
	{ "name", "a b\tc", 0, "a b\tc\n" },
	{ "timeout", "5", 0, "5\n" },		/* seconds */
	{ "timeout", "0", 0, "0\n" },
	{ "timeout", "-2", 0, "-2\n" },		/* the kernel takes negatives here */
	{ "timeout", "8589934", 0, "8589934\n" },	/* INT_MAX / HZ */
	{ "timeout", "8589935", -EINVAL, "60\n" },
	{ "timeout", "-8589935", -EINVAL, "60\n" },
	{ "retrans_ms", "1000", 0, "1000\n" },
	{ "retrans_ms", "1", 0, "4\n" },		/* rounded up to one jiffy */
	{ "retrans_ms", "6", 0, "8\n" },
	{ "retrans_ms", "0", 0, "0\n" },
	{ "retrans_ms", "-1", -EINVAL, "1000\n" },
	{ "port_range", "1000 2000", 0, "1000\t2000\n" },
	{ "port_range", "1000\t2000\n", 0, "1000\t2000\n" },
	{ "port_range", "  1000   2000  ", 0, "1000\t2000\n" },
	{ "port_range", "1024", 0, "1024\t60999\n" },	/* fewer values: the rest stay */
	{ "port_range", "1 2 3", -EINVAL, "32768\t60999\n" },
	{ "port_range", "1 x", -EINVAL, "32768\t60999\n" },
	{ "port_range", "", -EINVAL, "32768\t60999\n" },
	{ "ro", "1", -EACCES, "0\n" },
};

START_TEST(test_sysctl_handlers_parse_as_the_kernel)
{
	const struct write_case *c = &write_cases[_i];
	struct fixture f;
	struct sim_err err = { { 0 } };
	char *path = g_strdup_printf("/proc/sys/net/test/%s", c->file);
	int r;

	setup(&f);
	r = sim_vfs_write(f.h1, path, c->data, &err);
	ck_assert_msg(r == c->r, "%s <- \"%s\": %d, want %d", c->file, c->data, r, c->r);
	expect_file(&f, path, c->after);
	g_free(path);
	teardown(&f);
}
END_TEST

struct read_case {
	const char *file;
	void (*set)(struct test_conf *c);
	const char *text;
};

static void set_timeout_1251(struct test_conf *c) { c->timeout = 1251; }
static void set_timeout_neg(struct test_conf *c) { c->timeout = -1251; }
static void set_retrans_neg(struct test_conf *c) { c->retrans = -250; }
static void set_retrans_odd(struct test_conf *c) { c->retrans = 3; }
static void set_u_max(struct test_conf *c) { c->u = UINT_MAX; }

static const struct read_case read_cases[] = {
	{ "plain", NULL, "5\n" },
	{ "name", NULL, "abc\n" },
	{ "timeout", NULL, "60\n" },
	{ "timeout", set_timeout_1251, "5\n" },		/* truncated */
	{ "timeout", set_timeout_neg, "-5\n" },
	{ "retrans_ms", NULL, "1000\n" },
	{ "retrans_ms", set_retrans_odd, "12\n" },
	{ "retrans_ms", set_retrans_neg, "-1000\n" },
	{ "u", set_u_max, "4294967295\n" },
	{ "port_range", NULL, "32768\t60999\n" },
	{ "ro", NULL, "0\n" },
};

START_TEST(test_sysctl_handlers_print_as_the_kernel)
{
	const struct read_case *c = &read_cases[_i];
	struct fixture f;
	char *path = g_strdup_printf("/proc/sys/net/test/%s", c->file);

	setup(&f);
	if (c->set)
		c->set(&f.conf);
	expect_file(&f, path, c->text);
	g_free(path);
	teardown(&f);
}
END_TEST

struct hz_case {
	unsigned int hz;
	const char *secs, *ms;		/* written */
	int timeout, retrans;		/* stored jiffies */
	const char *ms_back;		/* read back */
};

static const struct hz_case hz_cases[] = {
	{ 250, "2", "10", 500, 3, "12\n" },	/* 10 ms = 2.5 jiffies: up to 3 */
	{ 100, "2", "10", 200, 1, "10\n" },
	{ 300, "2", "10", 600, 3, "10\n" },
	{ 1000, "2", "10", 2000, 10, "10\n" },
};

START_TEST(test_sysctl_jiffies_follow_hz)
{
	const struct hz_case *c = &hz_cases[_i];
	struct fixture f;

	setup_hz(&f, c->hz);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/timeout", c->secs, NULL), 0);
	ck_assert_int_eq(f.conf.timeout, c->timeout);
	expect_file(&f, "/proc/sys/net/test/timeout", "2\n");
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/retrans_ms", c->ms, NULL), 0);
	ck_assert_int_eq(f.conf.retrans, c->retrans);
	expect_file(&f, "/proc/sys/net/test/retrans_ms", c->ms_back);
	teardown(&f);
}
END_TEST

START_TEST(test_sysctl_write_only_and_read_only_files)
{
	struct fixture f;
	int r;
	char *s;

	setup(&f);
	s = vfs_read(&f, "/proc/sys/net/test/flush", &r);
	ck_assert_int_eq(r, -EACCES);
	g_free(s);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/flush", "1", NULL), 0);
	ck_assert_int_eq(f.conf.flush, 1);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/ro", "1", NULL), -EACCES);
	ck_assert_int_eq(f.conf.ro, 0);
	teardown(&f);
}
END_TEST

START_TEST(test_sysctl_changed_runs_after_each_good_write)
{
	struct fixture f;
	int r;
	char *s;

	setup(&f);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/flag", "1", NULL), 0);
	ck_assert_int_eq(f.conf.changed, 1);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/flag", "1", NULL), 0);
	ck_assert_int_eq(f.conf.changed, 2);		/* written, even if the same */
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/flag", "9", NULL), -EINVAL);
	ck_assert_int_eq(f.conf.changed, 2);
	s = vfs_read(&f, "/proc/sys/net/test/flag", &r);
	g_free(s);
	ck_assert_int_eq(f.conf.changed, 2);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/plain", "1", NULL), 0);
	ck_assert_int_eq(f.conf.changed, 2);		/* another entry */
	teardown(&f);
}
END_TEST

START_TEST(test_sysctl_data_base_selects_the_instance)
{
	struct fixture f;

	setup(&f);
	ck_assert_int_eq(sim_vfs_write(f.h1, "/proc/sys/net/test/conf/eth0.100/forwarding",
				       "1", NULL), 0);
	ck_assert_int_eq(f.vlan.forwarding, 1);
	ck_assert_int_eq(f.eth0.forwarding, 0);
	ck_assert_int_eq(f.vlan.pad, 0);
	f.eth0.forwarding = 3;
	expect_file(&f, "/proc/sys/net/test/conf/eth0/forwarding", "3\n");
	expect_file(&f, "/proc/sys/net/test/conf/eth0.100/forwarding", "1\n");
	teardown(&f);
}
END_TEST

START_TEST(test_sysctl_unregister_removes_the_files)
{
	struct fixture f;
	char *s;
	int r;

	setup(&f);
	unregister_net_sysctl_table(f.net, f.vlan_hdr);
	s = vfs_read(&f, "/proc/sys/net/test/conf/eth0.100/forwarding", &r);
	ck_assert_int_eq(r, -ENOENT);
	g_free(s);
	expect_file(&f, "/proc/sys/net/test/conf/eth0/forwarding", "0\n");
	unregister_net_sysctl_table(f.net, f.hdr);
	unregister_net_sysctl_table(f.net, NULL);	/* as the kernel: a no-op */
	s = vfs_read(&f, "/proc/sys/net/test/plain", &r);
	ck_assert_int_eq(r, -ENOENT);
	g_free(s);
	expect_file(&f, "/proc/sys/kernel/hostname", "h1\n");
	teardown(&f);
}
END_TEST

/* ---- through sh: cat and echo > ------------------------------------------------- */

START_TEST(test_sysctl_files_through_sh)
{
	struct fixture f;

	setup(&f);
	expect_sh(&f, "cat /proc/sys/net/test/plain /proc/sys/net/test/port_range",
		  "5\n32768\t60999\n", 0, "");
	expect_sh(&f, "echo 3 > /proc/sys/net/test/plain", "", 0, "");
	ck_assert_int_eq(f.conf.plain, 3);
	expect_sh(&f, "echo 1000 2000 > /proc/sys/net/test/port_range", "", 0, "");
	ck_assert_int_eq(f.conf.range[1], 2000);
	expect_sh(&f, "echo 2 > /proc/sys/net/test/flag", "", 1,
		  "echo: write error: Invalid argument\n");
	expect_sh(&f, "echo 1 > /proc/sys/net/test/ro", "", 1,
		  "/proc/sys/net/test/ro: Permission denied\n");
	expect_sh(&f, "cat /proc/sys/net/test/flush", "", 1,
		  "cat: /proc/sys/net/test/flush: Permission denied\n");
	expect_sh(&f, "echo 1 > /proc/sys/net/test/nope", "", 1,
		  "/proc/sys/net/test/nope: No such file or directory\n");
	expect_sh(&f, "cat /proc/sys/net/test", "", 1,
		  "cat: /proc/sys/net/test: Is a directory\n");
	teardown(&f);
}
END_TEST

/* ---- the sysctl command ------------------------------------------------------------ */

struct cmd_case {
	const char *line;
	const char *out;
	int status;
	const char *err;
};

#define BAD_FLAG "sysctl: setting key \"net.test.flag\": Invalid argument\n"

static const struct cmd_case cmd_cases[] = {
	{ "sysctl net.test.plain", "net.test.plain = 5\n", 0, "" },
	{ "sysctl net/test/plain", "net.test.plain = 5\n", 0, "" },
	{ "sysctl -n net.test.plain", "5\n", 0, "" },
	{ "sysctl --values net.test.plain", "5\n", 0, "" },
	{ "sysctl -N net.test.plain", "net.test.plain\n", 0, "" },
	{ "sysctl net.test.plain net.test.name", "net.test.plain = 5\nnet.test.name = abc\n",
	  0, "" },
	{ "sysctl net.test.port_range", "net.test.port_range = 32768\t60999\n", 0, "" },
	{ "sysctl net.test.timeout", "net.test.timeout = 60\n", 0, "" },
	{ "sysctl -w net.test.plain=7", "net.test.plain = 7\n", 0, "" },
	{ "sysctl net.test.plain=7", "net.test.plain = 7\n", 0, "" },	/* '=' means write */
	{ "sysctl -w net/test/plain=7", "net.test.plain = 7\n", 0, "" },
	{ "sysctl -w 'net.test.plain = 7'", "net.test.plain = 7\n", 0, "" },
	{ "sysctl -q -w net.test.plain=7", "", 0, "" },
	{ "sysctl -n -w net.test.plain=7", "7\n", 0, "" },
	{ "sysctl -N -w net.test.plain=7", "net.test.plain\n", 0, "" },
	{ "sysctl -w net.test.port_range='1000 2000'", "net.test.port_range = 1000 2000\n", 0,
	  "" },
	{ "sysctl -w net.test.port_range='1 2 3'", "", 1,
	  "sysctl: setting key \"net.test.port_range\": Invalid argument\n" },
	{ "sysctl -w net.test.flag=2", "", 1, BAD_FLAG },
	{ "sysctl -w net/test/flag=2", "", 1, BAD_FLAG },
	{ "sysctl -w net.test.flag=", "", 1, BAD_FLAG },
	/* procps skips a key without S_IWUSR with this message and status 0
	 * (Linux 6.18, procps-ng 4.0.2: net.ipv4.conf.all.mc_forwarding) */
	{ "sysctl -w net.test.ro=1", "", 0,
	  "sysctl: setting key \"net.test.ro\": Invalid argument\n" },
	{ "sysctl -w net.test=1", "", 1,
	  "sysctl: setting key \"net.test\": Is a directory\n" },
	{ "sysctl x.nope", "", 1,
	  "sysctl: cannot stat /proc/sys/x/nope: No such file or directory\n" },
	{ "sysctl x/nope", "", 1,
	  "sysctl: cannot stat /proc/sys/x/nope: No such file or directory\n" },
	{ "sysctl -w x.nope=1", "", 1,
	  "sysctl: cannot stat /proc/sys/x/nope: No such file or directory\n" },
	{ "sysctl -e x.nope", "", 0, "" },
	{ "sysctl -e -w x.nope=1", "", 0, "" },
	{ "sysctl --ignore x.nope net.test.plain", "net.test.plain = 5\n", 0, "" },
	/* sysctl goes on past a bad key and fails at the end */
	{ "sysctl net.test.plain x.nope net.test.flag",
	  "net.test.plain = 5\nnet.test.flag = 0\n", 1,
	  "sysctl: cannot stat /proc/sys/x/nope: No such file or directory\n" },
	/* keys without read permission are skipped, as procps does */
	{ "sysctl net.test.flush", "", 0, "" },
	{ "sysctl -w net.test.flush=1", "net.test.flush = 1\n", 0, "" },
	/* a dot inside a component: the slash spelling keeps it */
	{ "sysctl net.test.conf.eth0/100.forwarding", "net.test.conf.eth0/100.forwarding = 0\n",
	  0, "" },
	{ "sysctl net/test/conf/eth0.100/forwarding",
	  "net.test.conf.eth0/100.forwarding = 0\n", 0, "" },
	{ "sysctl -w net.test.conf.eth0/100.forwarding=1",
	  "net.test.conf.eth0/100.forwarding = 1\n", 0, "" },
	{ "sysctl -w net/test/conf/eth0.100/forwarding=1",
	  "net.test.conf.eth0/100.forwarding = 1\n", 0, "" },
	{ "sysctl net.test.conf",
	  "net.test.conf.eth0.forwarding = 0\nnet.test.conf.eth0/100.forwarding = 0\n", 0, "" },
	{ "sysctl -w net.test.plain", "", 1,
	  "sysctl: command line(0): invalid syntax, continuing...\n" },
	{ "sysctl -w =1", "", 1, "sysctl: malformed setting \"=1\"\n" },
	{ "sysctl -z net.test.plain", "", 1, NULL },	/* usage follows */
	{ "sysctl --bogus", "", 1, NULL },
	{ "sysctl", "", 1, NULL },
};

START_TEST(test_sysctl_command)
{
	const struct cmd_case *c = &cmd_cases[_i];
	struct fixture f;

	setup(&f);
	sh(&f, c->line);
	ck_assert_msg(strcmp(f.res.out->str, c->out) == 0, "%s: out\n got: \"%s\"\nwant: \"%s\"",
		      c->line, f.res.out->str, c->out);
	ck_assert_msg(f.res.status == c->status, "%s: status %d, want %d", c->line,
		      f.res.status, c->status);
	if (c->err)
		ck_assert_msg(strcmp(f.res.err->str, c->err) == 0,
			      "%s: err\n got: \"%s\"\nwant: \"%s\"", c->line, f.res.err->str,
			      c->err);
	else
		ck_assert_msg(strstr(f.res.err->str, "Usage:\n sysctl [options]") != NULL,
			      "%s: no usage in \"%s\"", c->line, f.res.err->str);
	teardown(&f);
}
END_TEST

START_TEST(test_sysctl_w_changes_the_value)
{
	struct fixture f;

	setup(&f);
	expect_sh(&f, "sysctl -w net.test.flag=1 net.test.name=lab1 net.test.timeout=5",
		  "net.test.flag = 1\nnet.test.name = lab1\nnet.test.timeout = 5\n", 0, "");
	ck_assert_int_eq(f.conf.flag, 1);
	ck_assert_int_eq(f.conf.changed, 1);
	ck_assert_str_eq(f.conf.name, "lab1");
	ck_assert_int_eq(f.conf.timeout, 1250);
	expect_sh(&f, "sysctl -w net.test.flag=2", "", 1, BAD_FLAG);
	ck_assert_int_eq(f.conf.flag, 1);
	teardown(&f);
}
END_TEST

#define NET_TEST_ALL \
	"net.test.conf.eth0.forwarding = 0\n" \
	"net.test.conf.eth0/100.forwarding = 0\n" \
	"net.test.flag = 0\n" \
	"net.test.name = abc\n" \
	"net.test.plain = 5\n" \
	"net.test.port_range = 32768\t60999\n" \
	"net.test.ranged = 7\n" \
	"net.test.retrans_ms = 1000\n" \
	"net.test.ro = 0\n" \
	"net.test.timeout = 60\n" \
	"net.test.u = 3\n" \
	"net.test.umm = 4\n"

START_TEST(test_sysctl_directory_lists_sorted)
{
	struct fixture f;

	setup(&f);
	expect_sh(&f, "sysctl net.test", NET_TEST_ALL, 0, "");
	expect_sh(&f, "sysctl net/test/", NET_TEST_ALL, 0, "");
	expect_sh(&f, "sysctl -N net.test.conf",
		  "net.test.conf.eth0.forwarding\nnet.test.conf.eth0/100.forwarding\n", 0, "");
	teardown(&f);
}
END_TEST

/*
 * The naive oracle for the order of sysctl -a: keys compared component by
 * component ('.' separates, '/' inside a component stands for a '.').
 */
static int key_cmp(const char *a, const char *b)
{
	char **x = g_strsplit(a, ".", -1), **y = g_strsplit(b, ".", -1);
	int r = 0, i;

	for (i = 0; x[i] && y[i] && r == 0; i++) {
		g_strdelimit(x[i], "/", '.');
		g_strdelimit(y[i], "/", '.');
		r = strcmp(x[i], y[i]);
	}
	if (r == 0)
		r = (x[i] != NULL) - (y[i] != NULL);
	g_strfreev(x);
	g_strfreev(y);
	return r;
}

START_TEST(test_sysctl_all_is_sorted_and_complete)
{
	struct fixture f;
	char **lines;
	int n;

	setup(&f);
	sh(&f, "sysctl -a");
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_str_eq(f.res.err->str, "");
	ck_assert_ptr_nonnull(strstr(f.res.out->str, NET_TEST_ALL));
	ck_assert_ptr_nonnull(strstr(f.res.out->str, "kernel.domainname = (none)\n"
						     "kernel.hostname = h1\n"));
	ck_assert_ptr_null(strstr(f.res.out->str, "flush"));	/* unreadable: skipped */
	lines = g_strsplit(f.res.out->str, "\n", -1);
	n = (int)g_strv_length(lines) - 1;
	ck_assert_str_eq(lines[n], "");
	for (int i = 0; i + 1 < n; i++) {
		char *a = g_strndup(lines[i], strcspn(lines[i], " "));
		char *b = g_strndup(lines[i + 1], strcspn(lines[i + 1], " "));

		ck_assert_msg(key_cmp(a, b) < 0, "%s before %s", a, b);
		g_free(a);
		g_free(b);
	}
	g_strfreev(lines);
	/* -A and -X are -a; -N prints the names only */
	sh(&f, "sysctl -a -N");
	ck_assert_ptr_nonnull(strstr(f.res.out->str, "net.test.ro\nnet.test.timeout\n"));
	sh(&f, "sysctl -A");
	ck_assert_ptr_nonnull(strstr(f.res.out->str, NET_TEST_ALL));
	teardown(&f);
}
END_TEST

/* ---- UTS: kernel.hostname and the hostname command ---------------------------------- */

START_TEST(test_every_node_has_uts_sysctls)
{
	struct fixture f;
	struct sim_err err = { { 0 } };
	struct node *r1;
	GString *out = g_string_new(NULL);

	setup(&f);
	r1 = world_add_node(f.w, "router", "r1", NULL, &err);
	ck_assert_msg(r1 != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_vfs_read(r1, "/proc/sys/kernel/hostname", out), 0);
	ck_assert_int_eq(sim_vfs_read(r1, "/proc/sys/kernel/domainname", out), 0);
	ck_assert_str_eq(out->str, "r1\n(none)\n");
	expect_file(&f, "/proc/sys/kernel/hostname", "h1\n");
	expect_file(&f, "/proc/sys/kernel/domainname", "(none)\n");
	g_string_free(out, TRUE);
	teardown(&f);
}
END_TEST

START_TEST(test_hostname_command_sets_kernel_hostname)
{
	struct fixture f;

	setup(&f);
	expect_sh(&f, "hostname", "h1\n", 0, "");
	expect_sh(&f, "hostname lab-1", "", 0, "");
	ck_assert_str_eq(utsname_nodename(f.net), "lab-1");
	expect_sh(&f, "sysctl kernel.hostname", "kernel.hostname = lab-1\n", 0, "");
	expect_sh(&f, "cat /proc/sys/kernel/hostname", "lab-1\n", 0, "");
	expect_sh(&f, "sysctl -w kernel.hostname=other\nhostname",
		  "kernel.hostname = other\nother\n", 0, "");
	expect_sh(&f, "echo third > /proc/sys/kernel/hostname\nhostname", "third\n", 0, "");
	/* the node's name in the simulation does not change */
	ck_assert_str_eq(f.h1->name, "h1");
	ck_assert_ptr_eq(world_node(f.w, "h1"), f.h1);
	teardown(&f);
}
END_TEST

START_TEST(test_hostname_command_errors)
{
	struct fixture f;
	char *long_name = g_strnfill(65, 'x');
	char *line = g_strdup_printf("hostname %s", long_name);
	char *set = g_strdup_printf("sysctl -w kernel.hostname=%sYZ", long_name);

	setup(&f);
	expect_sh(&f, "hostname a b", "", 1, "Usage: hostname [name]\n");
	expect_sh(&f, "hostname -x", "", 1, "Usage: hostname [name]\n");
	expect_sh(&f, line, "", 1, "hostname: name too long\n");
	ck_assert_str_eq(utsname_nodename(f.net), "h1");
	/* through sysctl the kernel keeps what fits (64 characters) */
	sh(&f, set);
	ck_assert_int_eq(f.res.status, 0);
	ck_assert_uint_eq(strlen(utsname_nodename(f.net)), 64);
	ck_assert(strspn(utsname_nodename(f.net), "x") == 64);
	g_free(long_name);
	g_free(line);
	g_free(set);
	teardown(&f);
}
END_TEST

static Suite *sysctl_suite(void)
{
	Suite *s = suite_create("sysctl_net");
	TCase *tc = tcase_create("handlers");

	tcase_add_loop_test(tc, test_sysctl_handlers_parse_as_the_kernel, 0,
			    G_N_ELEMENTS(write_cases));
	tcase_add_loop_test(tc, test_sysctl_handlers_print_as_the_kernel, 0,
			    G_N_ELEMENTS(read_cases));
	tcase_add_loop_test(tc, test_sysctl_jiffies_follow_hz, 0, G_N_ELEMENTS(hz_cases));
	tcase_add_test(tc, test_sysctl_write_only_and_read_only_files);
	tcase_add_test(tc, test_sysctl_changed_runs_after_each_good_write);
	tcase_add_test(tc, test_sysctl_data_base_selects_the_instance);
	tcase_add_test(tc, test_sysctl_unregister_removes_the_files);
	tcase_add_test(tc, test_sysctl_files_through_sh);
	suite_add_tcase(s, tc);

	tc = tcase_create("command");
	tcase_add_loop_test(tc, test_sysctl_command, 0, G_N_ELEMENTS(cmd_cases));
	tcase_add_test(tc, test_sysctl_w_changes_the_value);
	tcase_add_test(tc, test_sysctl_directory_lists_sorted);
	tcase_add_test(tc, test_sysctl_all_is_sorted_and_complete);
	suite_add_tcase(s, tc);

	tc = tcase_create("uts");
	tcase_add_test(tc, test_every_node_has_uts_sysctls);
	tcase_add_test(tc, test_hostname_command_sets_kernel_hostname);
	tcase_add_test(tc, test_hostname_command_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(sysctl_suite());
}
