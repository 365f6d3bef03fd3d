/*
 * tests/unit/ipv4/test_fib_trie.c - one routing table (net/ipv4/fib_trie.c)
 *
 * Lookups, inserts and deletes against a naive oracle (a list scanned for
 * the longest match) over thousands of random prefixes; the kernel's
 * NLM_F_* rules and errors; alias order; scope, oif, dscp, dead and error
 * routes; flush and walk.  /proc/net/fib_trie and fib_triestat are
 * compared with what Linux 6.x printed for the same sequence of `ip route`
 * commands on table 100 (ops_gen() below makes the sequence; the expected
 * text was captured in a network namespace).
 *
 * The tests make their fib_infos themselves (no devices, net NULL): each
 * holds one reference of the test's own, so the table's fib_info_put()
 * calls never free one, and the teardown checks that every fib_info is
 * back to exactly that reference once the table is freed - the table
 * dropped every reference it took.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "linux/netdevice.h"
#include "net/ip_fib.h"
#include "sim/rng.h"
#include "testlib.h"

#define TABLE_ID 100
#define LPM_SLOTS_BYTES (65536 * sizeof(void *))	/* the cache's /16 slots */

static struct fib_table *tb;
static GPtrArray *infos;	/* every fib_info a test made */
static GHashTable *shared;	/* fib_find_info's sharing: content -> fib_info */

static void setup(void)
{
	tb = fib_trie_table(NULL, TABLE_ID);
	infos = g_ptr_array_new();
	shared = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void teardown(void)
{
	fib_trie_free(tb);
	tb = NULL;
	for (guint i = 0; i < infos->len; i++) {
		struct fib_info *fi = g_ptr_array_index(infos, i);

		ck_assert_msg(fi->fib_treeref == 1, "fib_info %u: %d references left (want 1)", i,
			      fi->fib_treeref);
		g_free(fi);
	}
	g_ptr_array_free(infos, TRUE);
	g_hash_table_destroy(shared);
}

/* ---- making routes --------------------------------------------------- */

static __be32 ip(const char *s)
{
	struct in_addr a;

	ck_assert_msg(inet_pton(AF_INET, s, &a) == 1, "bad address %s", s);
	return a.s_addr;
}

struct route {
	const char *dst;	/* "10.0.0.0/8" */
	u8 type;		/* 0: unicast */
	u8 scope;
	u8 protocol;
	u8 dscp;
	u32 priority;
	const char *gw;
	int oif;
	__be32 prefsrc;
	u32 mtu;
	u32 nlflags;		/* 0: NLM_F_CREATE | NLM_F_EXCL (ip route add) */
};

#define NOFLAGS 0x80000000	/* nlflags 0 */

static void route_cfg(const struct route *r, struct fib_config *cfg)
{
	char buf[32];
	char *slash;

	memset(cfg, 0, sizeof(*cfg));
	g_strlcpy(buf, r->dst, sizeof(buf));
	slash = strchr(buf, '/');
	cfg->fc_dst_len = 32;
	if (slash) {
		*slash = 0;
		cfg->fc_dst_len = (u8)atoi(slash + 1);
	}
	cfg->fc_dst = ip(buf);
	cfg->fc_type = r->type ? r->type : RTN_UNICAST;
	cfg->fc_scope = r->scope;
	cfg->fc_protocol = r->protocol;
	cfg->fc_dscp = r->dscp;
	cfg->fc_priority = r->priority;
	cfg->fc_gw4 = r->gw ? ip(r->gw) : 0;
	cfg->fc_oif = r->oif;
	cfg->fc_prefsrc = r->prefsrc;
	cfg->fc_mtu = r->mtu;
	cfg->fc_table = TABLE_ID;
	cfg->fc_nlflags = r->nlflags == NOFLAGS ? 0 :
			  r->nlflags ? r->nlflags : NLM_F_CREATE | NLM_F_EXCL;
}

/* A fib_info with @nhs nexthops, one reference held by the test. */
static struct fib_info *test_info_nhs(const struct fib_config *cfg, int nhs)
{
	struct fib_info *fi = g_malloc0(sizeof(*fi) + (size_t)nhs * sizeof(struct fib_nh));

	INIT_LIST_HEAD(&fi->fib_list);
	fi->fib_treeref = 1;
	fi->fib_protocol = cfg->fc_protocol;
	fi->fib_scope = cfg->fc_scope;
	fi->fib_type = cfg->fc_type;
	fi->fib_priority = cfg->fc_priority;
	fi->fib_prefsrc = cfg->fc_prefsrc;
	fi->fib_mtu = cfg->fc_mtu;
	fi->fib_nhs = nhs;
	for (int i = 0; i < nhs; i++) {
		fi->fib_nh[i].nh_gw = cfg->fc_gw4;
		fi->fib_nh[i].nh_oif = cfg->fc_oif;
		fi->fib_nh[i].nh_weight = 1;
	}
	g_ptr_array_add(infos, fi);
	return fi;
}

/*
 * The fib_info for @cfg: an identical one still used by a route is
 * shared, as fib_create_info() does (so NLM_F_REPLACE and -EEXIST see the
 * same pointer, as on Linux).
 */
static struct fib_info *test_info(const struct fib_config *cfg)
{
	char *key = g_strdup_printf("%u/%u/%u/%u/%08x/%d/%08x/%u", cfg->fc_type, cfg->fc_scope,
				    cfg->fc_protocol, cfg->fc_priority, cfg->fc_gw4, cfg->fc_oif,
				    cfg->fc_prefsrc, cfg->fc_mtu);
	struct fib_info *fi = g_hash_table_lookup(shared, key);

	if (fi && fi->fib_treeref > 1 && !fi->fib_dead) {
		g_free(key);
		return fi;
	}
	fi = test_info_nhs(cfg, 1);
	g_hash_table_replace(shared, key, fi);
	return fi;
}

static int add_err(const struct route *r, struct fib_info **fip, struct sim_err *err)
{
	struct fib_config cfg;
	struct fib_info *fi;

	route_cfg(r, &cfg);
	fi = test_info(&cfg);
	if (fip)
		*fip = fi;
	return fib_table_insert(NULL, tb, &cfg, fi, err);
}

static struct fib_info *add(const struct route *r)
{
	struct sim_err err = { { 0 } };
	struct fib_info *fi;
	int ret = add_err(r, &fi, &err);

	ck_assert_msg(ret == 0, "add %s: %d %s", r->dst, ret, err.msg);
	return fi;
}

/* ip route del: scope "any" is RT_SCOPE_NOWHERE, as iproute2 sends it */
static int del(const struct route *r, struct sim_err *err)
{
	struct fib_config cfg;

	route_cfg(r, &cfg);
	cfg.fc_type = r->type;
	cfg.fc_scope = r->scope ? r->scope : RT_SCOPE_NOWHERE;
	return fib_table_delete(NULL, tb, &cfg, err);
}

struct lookup {
	const char *daddr;
	u8 tos;
	u8 scope;
	int oif;
};

static int lookup(const struct lookup *l, struct fib_result *res)
{
	struct flowi4 fl4 = { .daddr = ip(l->daddr), .flowi4_tos = l->tos,
			      .flowi4_scope = l->scope, .flowi4_oif = l->oif };

	memset(res, 0, sizeof(*res));
	return fib_table_lookup(tb, &fl4, res, FIB_LOOKUP_NOREF);
}

static int lookup_addr(const char *daddr, struct fib_result *res)
{
	return lookup(&(struct lookup){ .daddr = daddr }, res);
}

/* "10.1.0.0/16 via 192.0.2.1": the route a result points at */
static char *res_str(int ret, const struct fib_result *res)
{
	char a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];

	if (ret)
		return g_strdup_printf("%d", ret);
	inet_ntop(AF_INET, &res->prefix, a, sizeof(a));
	inet_ntop(AF_INET, &FIB_RES_NH(*res).nh_gw, g, sizeof(g));
	return g_strdup_printf("%s/%u via %s metric %u nh %u", a, res->prefixlen, g,
			       res->fi->fib_priority, res->nh_sel);
}

static void expect_lookup(const struct lookup *l, const char *want)
{
	struct fib_result res;
	int ret = lookup(l, &res);
	char *got = res_str(ret, &res);

	ck_assert_msg(strcmp(got, want) == 0, "lookup %s tos %u scope %u oif %d: got %s, want %s",
		      l->daddr, l->tos, l->scope, l->oif, got, want);
	if (!ret) {
		ck_assert_ptr_eq(res.table, tb);
		ck_assert_ptr_nonnull(res.fa_head);
	}
	g_free(got);
}

#define EXPECT(addr, want) expect_lookup(&(struct lookup){ .daddr = (addr) }, (want))

/* "prefix/len type metric;..." in walk order */
static void walk_cb(__be32 prefix, int plen, struct fib_alias *fa, void *arg)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &prefix, a, sizeof(a));
	g_string_append_printf(arg, "%s/%d", a, plen);
	if (fa->fa_dscp)
		g_string_append_printf(arg, " tos 0x%02x", fa->fa_dscp);
	if (fa->fa_info->fib_priority)
		g_string_append_printf(arg, " metric %u", fa->fa_info->fib_priority);
	if (fa->fa_type != RTN_UNICAST)
		g_string_append_printf(arg, " type %u", fa->fa_type);
	if (fa->fa_info->fib_nh[0].nh_gw) {
		inet_ntop(AF_INET, &fa->fa_info->fib_nh[0].nh_gw, a, sizeof(a));
		g_string_append_printf(arg, " via %s", a);
	}
	if (fa->fa_info->fib_protocol)
		g_string_append_printf(arg, " proto %u", fa->fa_info->fib_protocol);
	g_string_append_c(arg, ';');
}

static char *walk_str(void)
{
	GString *s = g_string_new(NULL);

	fib_table_walk(tb, walk_cb, s);
	return g_string_free(s, FALSE);
}

#define ck_assert_walk(want)						\
	do {								\
		char *got_ = walk_str();				\
		ck_assert_str_eq(got_, (want));				\
		g_free(got_);						\
	} while (0)

/* ---- basics ---------------------------------------------------------- */

START_TEST(test_empty_table)
{
	struct fib_trie_stats st;
	struct fib_result res;
	GString *out = g_string_new(NULL);

	ck_assert_int_eq(fib_table_id(tb), TABLE_ID);
	ck_assert_int_eq(lookup_addr("10.0.0.1", &res), -EAGAIN);
	ck_assert_int_eq(fib_table_lookup(NULL, &(struct flowi4){ 0 }, &res, 0), -EAGAIN);
	ck_assert_walk("");
	fib_table_stats(tb, &st);
	ck_assert_uint_eq(st.leaves + st.tnodes + st.prefixes + st.max_depth, 0);
	fib_trie_seq_show(&tb, 1, out);
	ck_assert_str_eq(out->str, "");
	g_string_free(out, TRUE);
}
END_TEST

START_TEST(test_default_and_host_routes)
{
	add(&(struct route){ .dst = "0.0.0.0/0", .gw = "192.0.2.1" });
	EXPECT("10.1.2.3", "0.0.0.0/0 via 192.0.2.1 metric 0 nh 0");
	EXPECT("255.255.255.255", "0.0.0.0/0 via 192.0.2.1 metric 0 nh 0");
	EXPECT("0.0.0.0", "0.0.0.0/0 via 192.0.2.1 metric 0 nh 0");
	add(&(struct route){ .dst = "10.1.2.3/32", .gw = "192.0.2.2" });
	add(&(struct route){ .dst = "10.1.2.0/24", .gw = "192.0.2.3" });
	add(&(struct route){ .dst = "0.0.0.0/1", .gw = "192.0.2.4" });
	add(&(struct route){ .dst = "255.255.255.255/32", .gw = "192.0.2.5" });
	EXPECT("10.1.2.3", "10.1.2.3/32 via 192.0.2.2 metric 0 nh 0");
	EXPECT("10.1.2.4", "10.1.2.0/24 via 192.0.2.3 metric 0 nh 0");
	EXPECT("10.1.3.4", "0.0.0.0/1 via 192.0.2.4 metric 0 nh 0");
	EXPECT("128.0.0.0", "0.0.0.0/0 via 192.0.2.1 metric 0 nh 0");
	EXPECT("255.255.255.255", "255.255.255.255/32 via 192.0.2.5 metric 0 nh 0");
	EXPECT("255.255.255.254", "0.0.0.0/0 via 192.0.2.1 metric 0 nh 0");
	/* same key 0.0.0.0: the leaf lists /1 before /0, as ip route show does */
	ck_assert_walk("0.0.0.0/1 via 192.0.2.4;0.0.0.0/0 via 192.0.2.1;"
		       "10.1.2.0/24 via 192.0.2.3;10.1.2.3/32 via 192.0.2.2;"
		       "255.255.255.255/32 via 192.0.2.5;");
	ck_assert_int_eq(del(&(struct route){ .dst = "0.0.0.0/0" }, NULL), 0);
	EXPECT("128.0.0.0", "-11");
	EXPECT("10.1.3.4", "0.0.0.0/1 via 192.0.2.4 metric 0 nh 0");
}
END_TEST

START_TEST(test_invalid_prefixes)
{
	struct sim_err err = { { 0 } };
	struct fib_config cfg = { .fc_dst = ip("10.0.0.1"), .fc_dst_len = 8,
				  .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE };
	struct fib_info *fi = test_info(&cfg);

	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Invalid prefix for given prefix length.");
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, &err), -EINVAL);
	cfg.fc_dst_len = 33;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Invalid prefix length.");
	cfg.fc_dst = ip("1.0.0.0");
	cfg.fc_dst_len = 0;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, &err), -EINVAL);
	cfg.fc_dst = 0;
	cfg.fc_type = __RTN_MAX;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, &err), -EINVAL);
	ck_assert_walk("");
	ck_assert_int_eq(fi->fib_treeref, 1);
}
END_TEST

/* ---- NLM_F_* --------------------------------------------------------- */

struct nlflags_case {
	const char *name;
	struct route pre[3];		/* added first (ip route add / append) */
	struct route r;
	int ret;
	const char *msg;
	const char *walk;
};

#define ADD (NLM_F_CREATE | NLM_F_EXCL)
#define PREPEND NLM_F_CREATE
#define APPEND (NLM_F_CREATE | NLM_F_APPEND)
#define REPLACE (NLM_F_CREATE | NLM_F_REPLACE)
#define CHANGE NLM_F_REPLACE
#define NET "10.0.0.0/16"

static const struct nlflags_case nlflags_cases[] = {
	{ "add of an existing prefix+dscp+metric",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "2.2.2.2", .nlflags = ADD },
	  -EEXIST, "RTNETLINK answers: File exists", "10.0.0.0/16 via 1.1.1.1;" },
	{ "add with another metric",
	  { { .dst = NET, .gw = "1.1.1.1", .priority = 5 } },
	  { .dst = NET, .gw = "2.2.2.2", .priority = 3, .nlflags = ADD }, 0, "",
	  "10.0.0.0/16 metric 3 via 2.2.2.2;10.0.0.0/16 metric 5 via 1.1.1.1;" },
	{ "add with another tos",
	  { { .dst = NET, .gw = "1.1.1.1" } },
	  { .dst = NET, .gw = "2.2.2.2", .dscp = 0x10, .nlflags = ADD },
	  0, "", "10.0.0.0/16 tos 0x10 via 2.2.2.2;10.0.0.0/16 via 1.1.1.1;" },
	{ "prepend puts an equal route first",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "2.2.2.2", .nlflags = PREPEND },
	  0, "", "10.0.0.0/16 via 2.2.2.2;10.0.0.0/16 via 1.1.1.1;" },
	{ "append puts it last",
	  { { .dst = NET, .gw = "1.1.1.1" }, { .dst = NET, .gw = "3.3.3.3", .nlflags = APPEND } },
	  { .dst = NET, .gw = "2.2.2.2", .nlflags = APPEND },
	  0, "", "10.0.0.0/16 via 1.1.1.1;10.0.0.0/16 via 3.3.3.3;10.0.0.0/16 via 2.2.2.2;" },
	{ "append stays before a higher metric",
	  { { .dst = NET, .gw = "1.1.1.1" }, { .dst = NET, .gw = "3.3.3.3", .priority = 9 } },
	  { .dst = NET, .gw = "2.2.2.2", .nlflags = APPEND },
	  0, "", "10.0.0.0/16 via 1.1.1.1;10.0.0.0/16 via 2.2.2.2;"
		 "10.0.0.0/16 metric 9 via 3.3.3.3;" },
	{ "prepend of an identical route",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "1.1.1.1", .nlflags = PREPEND },
	  -EEXIST, "RTNETLINK answers: File exists", "10.0.0.0/16 via 1.1.1.1;" },
	{ "append of an identical route",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "1.1.1.1", .nlflags = APPEND },
	  -EEXIST, "RTNETLINK answers: File exists", "10.0.0.0/16 via 1.1.1.1;" },
	{ "no flags and an identical route",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "1.1.1.1", .nlflags = NOFLAGS },
	  -EEXIST, "RTNETLINK answers: File exists", "10.0.0.0/16 via 1.1.1.1;" },
	{ "no flags and a different route",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "2.2.2.2", .nlflags = NOFLAGS },
	  -ENOENT, "RTNETLINK answers: No such file or directory", "10.0.0.0/16 via 1.1.1.1;" },
	{ "replace replaces the first",
	  { { .dst = NET, .gw = "1.1.1.1" }, { .dst = NET, .gw = "3.3.3.3", .nlflags = APPEND } },
	  { .dst = NET, .gw = "2.2.2.2", .protocol = 4, .nlflags = REPLACE },
	  0, "", "10.0.0.0/16 via 2.2.2.2 proto 4;10.0.0.0/16 via 3.3.3.3;" },
	{ "replace of nothing creates",
	  { { .dst = "10.1.0.0/16", .gw = "1.1.1.1" } },
	  { .dst = NET, .gw = "2.2.2.2", .nlflags = REPLACE },
	  0, "", "10.0.0.0/16 via 2.2.2.2;10.1.0.0/16 via 1.1.1.1;" },
	{ "replace with another metric adds",
	  { { .dst = NET, .gw = "1.1.1.1" } },
	  { .dst = NET, .gw = "2.2.2.2", .priority = 1, .nlflags = REPLACE },
	  0, "", "10.0.0.0/16 via 1.1.1.1;10.0.0.0/16 metric 1 via 2.2.2.2;" },
	{ "change of nothing",
	  { { .dst = "10.1.0.0/16", .gw = "1.1.1.1" } },
	  { .dst = NET, .gw = "2.2.2.2", .nlflags = CHANGE },
	  -ENOENT, "RTNETLINK answers: No such file or directory", "10.1.0.0/16 via 1.1.1.1;" },
	{ "change of an existing route",
	  { { .dst = NET, .gw = "1.1.1.1" } }, { .dst = NET, .gw = "2.2.2.2", .nlflags = CHANGE },
	  0, "", "10.0.0.0/16 via 2.2.2.2;" },
	{ "replace by the identical first route does nothing",
	  { { .dst = NET, .gw = "1.1.1.1" }, { .dst = NET, .gw = "3.3.3.3", .nlflags = APPEND } },
	  { .dst = NET, .gw = "1.1.1.1", .nlflags = REPLACE },
	  0, "", "10.0.0.0/16 via 1.1.1.1;10.0.0.0/16 via 3.3.3.3;" },
	{ "replace by an identical later route",
	  { { .dst = NET, .gw = "1.1.1.1" }, { .dst = NET, .gw = "3.3.3.3", .nlflags = APPEND } },
	  { .dst = NET, .gw = "3.3.3.3", .nlflags = REPLACE },
	  -EEXIST, "RTNETLINK answers: File exists",
	  "10.0.0.0/16 via 1.1.1.1;10.0.0.0/16 via 3.3.3.3;" },
	{ "replace of the type only",
	  { { .dst = NET, .type = RTN_BLACKHOLE } },
	  { .dst = NET, .type = RTN_UNREACHABLE, .nlflags = REPLACE },
	  0, "", "10.0.0.0/16 type 7;" },
};

START_TEST(test_nlflags)
{
	const struct nlflags_case *c = &nlflags_cases[_i];
	struct sim_err err = { { 0 } };
	struct fib_info *fi;
	int ret;

	for (int i = 0; i < 3 && c->pre[i].dst; i++)
		add(&c->pre[i]);
	ret = add_err(&c->r, &fi, &err);
	ck_assert_msg(ret == c->ret, "%s: %d, want %d", c->name, ret, c->ret);
	ck_assert_msg(strcmp(err.msg, c->msg) == 0, "%s: \"%s\"", c->name, err.msg);
	{
		char *got = walk_str();

		ck_assert_msg(strcmp(got, c->walk) == 0, "%s: %s", c->name, got);
		g_free(got);
	}
}
END_TEST

/* The table holds one reference per route, and drops it with the route. */
START_TEST(test_references)
{
	struct route r = { .dst = NET, .gw = "1.1.1.1" };
	struct fib_info *fi = add(&r), *fi2;

	ck_assert_int_eq(fi->fib_treeref, 2);
	add(&(struct route){ .dst = "10.1.0.0/16", .gw = "1.1.1.1" });	/* shares fi */
	ck_assert_int_eq(fi->fib_treeref, 3);
	fi2 = add(&(struct route){ .dst = NET, .gw = "2.2.2.2", .nlflags = REPLACE });
	ck_assert_int_eq(fi->fib_treeref, 2);
	ck_assert_int_eq(fi2->fib_treeref, 2);
	ck_assert_int_eq(del(&(struct route){ .dst = "10.1.0.0/16" }, NULL), 0);
	ck_assert_int_eq(fi->fib_treeref, 1);
	/* and a failed insert takes none */
	ck_assert_int_eq(add_err(&(struct route){ .dst = NET, .gw = "2.2.2.2" }, NULL, NULL),
			 -EEXIST);
	ck_assert_int_eq(fi2->fib_treeref, 2);
}
END_TEST

/* ---- delete ---------------------------------------------------------- */

struct delete_case {
	const char *name;
	struct route r;
	int ret;
	const char *walk;	/* after */
};

#define DEL_ROUTES "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 2 via 2.2.2.2;" \
		   "10.0.0.0/16 metric 3 type 6;"

static const struct delete_case delete_cases[] = {
	{ "prefix only: the first", { .dst = NET }, 0,
	  "10.0.0.0/16 metric 2 via 2.2.2.2;10.0.0.0/16 metric 3 type 6;" },
	{ "by gateway", { .dst = NET, .gw = "2.2.2.2" }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 3 type 6;" },
	{ "by metric", { .dst = NET, .priority = 3 }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 2 via 2.2.2.2;" },
	{ "by type", { .dst = NET, .type = RTN_BLACKHOLE }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 2 via 2.2.2.2;" },
	{ "by protocol", { .dst = NET, .protocol = 4 }, 0,
	  "10.0.0.0/16 metric 2 via 2.2.2.2;10.0.0.0/16 metric 3 type 6;" },
	{ "by scope", { .dst = NET, .scope = RT_SCOPE_LINK }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 3 type 6;" },
	{ "by oif", { .dst = NET, .oif = 7 }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 3 type 6;" },
	{ "by prefsrc", { .dst = NET, .prefsrc = 0x01020304 }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 3 type 6;" },
	{ "by mtu", { .dst = NET, .mtu = 1400 }, 0,
	  "10.0.0.0/16 metric 1 via 1.1.1.1 proto 4;10.0.0.0/16 metric 3 type 6;" },
	{ "wrong gateway", { .dst = NET, .gw = "3.3.3.3" }, -ESRCH, DEL_ROUTES },
	{ "wrong metric", { .dst = NET, .priority = 4 }, -ESRCH, DEL_ROUTES },
	{ "wrong type", { .dst = NET, .type = RTN_PROHIBIT }, -ESRCH, DEL_ROUTES },
	{ "wrong tos", { .dst = NET, .dscp = 0x10 }, -ESRCH, DEL_ROUTES },
	{ "gateway of one, metric of another",
	  { .dst = NET, .gw = "1.1.1.1", .priority = 2 }, -ESRCH,
	  DEL_ROUTES },
	{ "scope universe", { .dst = NET, .scope = RT_SCOPE_HOST }, -ESRCH, DEL_ROUTES },
	{ "another length", { .dst = "10.0.0.0/24" }, -ESRCH, DEL_ROUTES },
	{ "no such leaf", { .dst = "10.9.0.0/16" }, -ESRCH, DEL_ROUTES },
};

START_TEST(test_delete)
{
	const struct delete_case *c = &delete_cases[_i];
	struct sim_err err = { { 0 } };
	int ret;

	add(&(struct route){ .dst = NET, .gw = "1.1.1.1", .priority = 1, .protocol = 4 });
	add(&(struct route){ .dst = NET, .gw = "2.2.2.2", .priority = 2, .oif = 7,
			     .scope = RT_SCOPE_LINK, .prefsrc = 0x01020304, .mtu = 1400 });
	add(&(struct route){ .dst = NET, .type = RTN_BLACKHOLE, .priority = 3 });
	ck_assert_walk(DEL_ROUTES);
	ret = del(&c->r, &err);
	ck_assert_msg(ret == c->ret, "%s: %d", c->name, ret);
	if (ret)
		ck_assert_str_eq(err.msg, "RTNETLINK answers: No such process");
	{
		char *got = walk_str();

		ck_assert_msg(strcmp(got, c->walk) == 0, "%s: %s", c->name, got);
		g_free(got);
	}
}
END_TEST

START_TEST(test_delete_multipath)
{
	struct fib_config cfg;
	struct fib_info *fi;

	route_cfg(&(struct route){ .dst = NET }, &cfg);
	fi = test_info_nhs(&cfg, 2);
	fi->fib_nh[0].nh_gw = ip("1.1.1.1");
	fi->fib_nh[1].nh_gw = ip("2.2.2.2");
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, NULL), 0);
	cfg.fc_scope = RT_SCOPE_NOWHERE;
	cfg.fc_nhs = 2;
	cfg.fc_mp[0].gw = ip("1.1.1.1");
	cfg.fc_mp[1].gw = ip("3.3.3.3");
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), -ESRCH);
	cfg.fc_nhs = 1;
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), -ESRCH);
	cfg.fc_nhs = 2;
	cfg.fc_mp[1].gw = ip("2.2.2.2");
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), 0);
	ck_assert_walk("");
}
END_TEST

/* ---- lookup filters -------------------------------------------------- */

START_TEST(test_alias_order_and_tos)
{
	/* inserted out of order; kept by tos descending, then metric ascending */
	add(&(struct route){ .dst = NET, .gw = "1.1.1.5", .priority = 5 });
	add(&(struct route){ .dst = NET, .gw = "1.1.1.1", .priority = 1, .dscp = 0x08 });
	add(&(struct route){ .dst = NET, .gw = "1.1.1.2", .priority = 2 });
	add(&(struct route){ .dst = NET, .gw = "1.1.1.3", .priority = 3, .dscp = 0x10 });
	add(&(struct route){ .dst = NET, .gw = "1.1.1.0", .priority = 0, .dscp = 0x10 });
	add(&(struct route){ .dst = "10.0.0.0/8", .gw = "1.1.1.8" });
	ck_assert_walk("10.0.0.0/16 tos 0x10 via 1.1.1.0;10.0.0.0/16 tos 0x10 metric 3 via 1.1.1.3;"
		       "10.0.0.0/16 tos 0x08 metric 1 via 1.1.1.1;10.0.0.0/16 metric 2 via 1.1.1.2;"
		       "10.0.0.0/16 metric 5 via 1.1.1.5;10.0.0.0/8 via 1.1.1.8;");
	EXPECT("10.0.1.1", "10.0.0.0/16 via 1.1.1.2 metric 2 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.0.1.1", .tos = 0x10 },
		      "10.0.0.0/16 via 1.1.1.0 metric 0 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.0.1.1", .tos = 0x08 },
		      "10.0.0.0/16 via 1.1.1.1 metric 1 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.0.1.1", .tos = 0x04 },
		      "10.0.0.0/16 via 1.1.1.2 metric 2 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.1.1.1", .tos = 0x10 },
		      "10.0.0.0/8 via 1.1.1.8 metric 0 nh 0");
}
END_TEST

START_TEST(test_scope_filter)
{
	struct fib_result res;

	add(&(struct route){ .dst = "10.0.0.0/8", .gw = "1.1.1.1" });
	add(&(struct route){ .dst = "10.1.0.0/16", .oif = 2, .scope = RT_SCOPE_LINK });
	add(&(struct route){ .dst = "10.1.2.3/32", .oif = 1, .scope = RT_SCOPE_HOST,
			     .type = RTN_LOCAL });
	EXPECT("10.1.2.3", "10.1.2.3/32 via 0.0.0.0 metric 0 nh 0");
	ck_assert_int_eq(lookup(&(struct lookup){ .daddr = "10.1.2.3" }, &res), 0);
	ck_assert_uint_eq(res.type, RTN_LOCAL);
	ck_assert_uint_eq(res.scope, RT_SCOPE_HOST);
	expect_lookup(&(struct lookup){ .daddr = "10.1.2.3", .scope = RT_SCOPE_HOST },
		      "10.1.2.3/32 via 0.0.0.0 metric 0 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.1.2.4", .scope = RT_SCOPE_LINK },
		      "10.1.0.0/16 via 0.0.0.0 metric 0 nh 0");
	/* a route of narrower scope than asked for is skipped */
	expect_lookup(&(struct lookup){ .daddr = "10.1.2.4", .scope = RT_SCOPE_HOST }, "-11");
	expect_lookup(&(struct lookup){ .daddr = "10.2.0.1", .scope = RT_SCOPE_LINK }, "-11");
	expect_lookup(&(struct lookup){ .daddr = "10.2.0.1", .scope = RT_SCOPE_UNIVERSE },
		      "10.0.0.0/8 via 1.1.1.1 metric 0 nh 0");
}
END_TEST

START_TEST(test_oif_and_nexthops)
{
	struct net_device *dev5 = g_new0(struct net_device, 1);
	struct fib_config cfg;
	struct fib_info *fi;

	dev5->ifindex = 5;
	route_cfg(&(struct route){ .dst = "10.0.0.0/8" }, &cfg);
	fi = test_info_nhs(&cfg, 3);
	fi->fib_nh[0].nh_gw = ip("1.1.1.1");
	fi->fib_nh[0].nh_oif = 3;
	fi->fib_nh[1].nh_gw = ip("2.2.2.2");
	fi->fib_nh[1].nh_oif = 4;
	fi->fib_nh[2].nh_gw = ip("3.3.3.3");
	fi->fib_nh[2].nh_oif = 99;		/* stale: the device says 5 */
	fi->fib_nh[2].nh_dev = dev5;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, NULL), 0);
	add(&(struct route){ .dst = "0.0.0.0/0", .gw = "9.9.9.9", .oif = 9 });

	EXPECT("10.0.0.1", "10.0.0.0/8 via 1.1.1.1 metric 0 nh 0");
	expect_lookup(&(struct lookup){ .daddr = "10.0.0.1", .oif = 4 },
		      "10.0.0.0/8 via 2.2.2.2 metric 0 nh 1");
	expect_lookup(&(struct lookup){ .daddr = "10.0.0.1", .oif = 5 },
		      "10.0.0.0/8 via 3.3.3.3 metric 0 nh 2");
	expect_lookup(&(struct lookup){ .daddr = "10.0.0.1", .oif = 99 }, "-11");
	expect_lookup(&(struct lookup){ .daddr = "10.0.0.1", .oif = 9 },
		      "0.0.0.0/0 via 9.9.9.9 metric 0 nh 0");
	/* dead nexthops are passed over */
	fi->fib_nh[0].nh_flags |= RTNH_F_DEAD;
	EXPECT("10.0.0.1", "10.0.0.0/8 via 2.2.2.2 metric 0 nh 1");
	expect_lookup(&(struct lookup){ .daddr = "10.0.0.1", .oif = 3 }, "-11");
	fi->fib_nh[1].nh_flags |= RTNH_F_DEAD;
	fi->fib_nh[2].nh_flags |= RTNH_F_DEAD;
	EXPECT("10.0.0.1", "0.0.0.0/0 via 9.9.9.9 metric 0 nh 0");
	/* linkdown nexthops still answer (ignore_routes_with_linkdown is 0) */
	fi->fib_nh[1].nh_flags = RTNH_F_LINKDOWN;
	EXPECT("10.0.0.1", "10.0.0.0/8 via 2.2.2.2 metric 0 nh 1");
	/* delete by oif compares the first nexthop only */
	cfg.fc_oif = 5;
	cfg.fc_scope = RT_SCOPE_NOWHERE;
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), -ESRCH);
	cfg.fc_oif = 3;
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), 0);
	/* and uses the device's ifindex when there is a device */
	route_cfg(&(struct route){ .dst = "10.0.0.0/8" }, &cfg);
	fi = test_info_nhs(&cfg, 1);
	fi->fib_nh[0].nh_oif = 99;
	fi->fib_nh[0].nh_dev = dev5;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, NULL), 0);
	cfg.fc_scope = RT_SCOPE_NOWHERE;
	cfg.fc_oif = 99;
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), -ESRCH);
	cfg.fc_oif = 5;
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), 0);
	g_free(dev5);
}
END_TEST

struct error_case {
	u8 type;
	int ret;
};

static const struct error_case error_cases[] = {
	{ RTN_BLACKHOLE, -EINVAL },
	{ RTN_UNREACHABLE, -EHOSTUNREACH },
	{ RTN_PROHIBIT, -EACCES },
	{ RTN_THROW, -EAGAIN },
	{ RTN_NAT, -EINVAL },
	{ RTN_XRESOLVE, -EINVAL },
};

START_TEST(test_error_routes)
{
	const struct error_case *c = &error_cases[_i];
	struct fib_result res;

	add(&(struct route){ .dst = "0.0.0.0/0", .gw = "9.9.9.9" });
	add(&(struct route){ .dst = "10.0.0.0/8", .type = c->type });
	add(&(struct route){ .dst = "10.1.0.0/16", .gw = "1.1.1.1" });
	ck_assert_int_eq(lookup_addr("10.2.0.1", &res), c->ret);
	EXPECT("10.1.0.1", "10.1.0.0/16 via 1.1.1.1 metric 0 nh 0");
	EXPECT("11.0.0.1", "0.0.0.0/0 via 9.9.9.9 metric 0 nh 0");
	/* its scope is universe: a link-scope lookup passes it by */
	expect_lookup(&(struct lookup){ .daddr = "10.2.0.1", .scope = RT_SCOPE_LINK }, "-11");
}
END_TEST

/* ---- dead routes and flush ------------------------------------------- */

START_TEST(test_dead_skipped_then_flushed)
{
	struct fib_info *dead1 = add(&(struct route){ .dst = "10.1.0.0/16", .gw = "1.1.1.1" });
	struct fib_info *live = add(&(struct route){ .dst = "10.0.0.0/8", .gw = "2.2.2.2" });
	struct fib_info *dead2;

	add(&(struct route){ .dst = "10.1.2.0/24", .gw = "1.1.1.1" });		/* shares dead1 */
	dead2 = add(&(struct route){ .dst = "10.1.2.0/24", .gw = "3.3.3.3", .priority = 1 });
	add(&(struct route){ .dst = "10.1.2.0/24", .type = RTN_BLACKHOLE, .priority = 2 });
	ck_assert_int_eq(dead1->fib_treeref, 3);
	EXPECT("10.1.2.1", "10.1.2.0/24 via 1.1.1.1 metric 0 nh 0");

	dead1->fib_dead = 1;
	EXPECT("10.1.2.1", "10.1.2.0/24 via 3.3.3.3 metric 1 nh 0");
	EXPECT("10.1.3.1", "10.0.0.0/8 via 2.2.2.2 metric 0 nh 0");
	dead2->fib_dead = 1;
	ck_assert_int_eq(lookup_addr("10.1.2.1", &(struct fib_result){ 0 }), -EINVAL);

	ck_assert_int_eq(fib_table_flush(NULL, tb, false), 3);
	ck_assert_int_eq(dead1->fib_treeref, 1);
	ck_assert_int_eq(dead2->fib_treeref, 1);
	ck_assert_walk("10.0.0.0/8 via 2.2.2.2;10.1.2.0/24 metric 2 type 6;");
	ck_assert_int_eq(fib_table_flush(NULL, tb, false), 0);
	ck_assert_int_eq(fib_table_flush(NULL, tb, true), 2);
	ck_assert_walk("");
	ck_assert_int_eq(live->fib_treeref, 1);
	ck_assert_int_eq(lookup_addr("10.1.2.1", &(struct fib_result){ 0 }), -EAGAIN);
	/* and the empty table takes routes again */
	add(&(struct route){ .dst = "10.1.0.0/16", .gw = "4.4.4.4" });
	EXPECT("10.1.2.1", "10.1.0.0/16 via 4.4.4.4 metric 0 nh 0");
}
END_TEST

/* ---- walk ------------------------------------------------------------ */

static void walk_delete_cb(__be32 prefix, int plen, struct fib_alias *fa, void *arg)
{
	struct fib_config cfg = { .fc_dst = prefix, .fc_dst_len = (u8)plen, .fc_dscp = fa->fa_dscp,
				  .fc_priority = fa->fa_info->fib_priority,
				  .fc_scope = RT_SCOPE_NOWHERE };

	walk_cb(prefix, plen, fa, arg);
	ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), 0);
}

START_TEST(test_walk_order_and_delete_while_walking)
{
	static const char *const dsts[] = {
		"192.168.1.0/24", "10.0.0.0/8", "10.0.0.0/24", "0.0.0.0/0", "10.0.0.0/16",
		"172.16.0.0/12", "10.0.0.1/32", "255.255.255.255/32", "128.0.0.0/1",
	};
	GString *s = g_string_new(NULL);
	const char *want = "0.0.0.0/0;10.0.0.0/24;10.0.0.0/16;10.0.0.0/8;10.0.0.1/32;"
			   "128.0.0.0/1;172.16.0.0/12;192.168.1.0/24;255.255.255.255/32;";

	for (guint i = 0; i < G_N_ELEMENTS(dsts); i++)
		add(&(struct route){ .dst = dsts[i] });
	ck_assert_walk(want);
	fib_table_walk(tb, walk_delete_cb, s);
	ck_assert_str_eq(s->str, want);
	ck_assert_walk("");
	g_string_free(s, TRUE);
}
END_TEST

/* ---- against a naive oracle ------------------------------------------ */

struct oracle_route {
	u32 key;		/* host order */
	u8 plen;
	bool live;
	struct fib_info *fi;
};

/* BGP-like prefix lengths: mostly /24, some /16../23, few shorter */
static u8 bgp_plen(struct sim_rng *r)
{
	u32 x = sim_rng_below(r, 100);

	if (x < 55)
		return 24;
	if (x < 88)
		return (u8)(16 + sim_rng_below(r, 8));
	if (x < 94)
		return (u8)(8 + sim_rng_below(r, 8));
	return (u8)sim_rng_below(r, 33);	/* anything, /0 and /32 included */
}

static u32 mask_of(u8 plen)
{
	return plen ? ~0u << (32 - plen) : 0;
}

/* The longest live route covering @key that the table would answer with. */
static int oracle_lookup(GArray *routes, u32 key, u8 scope, struct oracle_route **best)
{
	int best_plen = -1;

	/* at most one route per (key, plen): no alias order to model */
	for (;;) {
		struct oracle_route *cand = NULL;

		for (guint i = 0; i < routes->len; i++) {
			struct oracle_route *o = &g_array_index(routes, struct oracle_route, i);

			if (!o->live || (key & mask_of(o->plen)) != o->key)
				continue;
			if (best_plen >= 0 && o->plen >= best_plen)
				continue;
			if (!cand || o->plen > cand->plen)
				cand = o;
		}
		if (!cand)
			return -EAGAIN;
		best_plen = cand->plen;
		if (cand->fi->fib_dead || cand->fi->fib_scope < scope)
			continue;
		*best = cand;
		switch (cand->fi->fib_type) {
		case RTN_BLACKHOLE: return -EINVAL;
		case RTN_UNREACHABLE: return -EHOSTUNREACH;
		case RTN_PROHIBIT: return -EACCES;
		case RTN_THROW: return -EAGAIN;
		default: return 0;
		}
	}
}

static u32 random_addr(struct sim_rng *r, GArray *routes)
{
	/* half near a route (inside or just past it), half anywhere */
	if (routes->len && sim_rng_below(r, 2)) {
		struct oracle_route *o = &g_array_index(routes, struct oracle_route,
						      sim_rng_below(r, routes->len));
		u32 host = ~mask_of(o->plen);

		switch (sim_rng_below(r, 4)) {
		case 0: return o->key;
		case 1: return o->key | host;
		case 2: return (o->key | host) + 1;
		default: return o->key | (sim_rng_u32(r) & host);
		}
	}
	return sim_rng_u32(r);
}

static void oracle_check(GArray *routes, struct sim_rng *r, int nlookups)
{
	for (int i = 0; i < nlookups; i++) {
		u32 key = random_addr(r, routes);
		u8 scope = sim_rng_below(r, 4) ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
		struct flowi4 fl4 = { .daddr = htonl(key), .flowi4_scope = scope };
		struct oracle_route *o = NULL;
		struct fib_result res = { 0 };
		int want = oracle_lookup(routes, key, scope, &o);
		int got = fib_table_lookup(tb, &fl4, &res, 0);

		ck_assert_msg(got == want, "lookup %08x scope %u: %d, want %d", key, scope, got,
			      want);
		if (got == 0) {
			ck_assert_msg(res.prefixlen == o->plen && ntohl(res.prefix) == o->key &&
				      res.fi == o->fi,
				      "lookup %08x: %08x/%u, want %08x/%u", key, ntohl(res.prefix),
				      res.prefixlen, o->key, o->plen);
		}
	}
}

static gint cmp_oracle(gconstpointer a, gconstpointer b)
{
	const struct oracle_route *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return y->plen - x->plen;		/* longest first within a key */
}

struct walk_check {
	GArray *sorted;
	guint next;
};

static void oracle_walk_cb(__be32 prefix, int plen, struct fib_alias *fa, void *arg)
{
	struct walk_check *wc = arg;
	struct oracle_route *o;

	ck_assert_uint_lt(wc->next, wc->sorted->len);
	o = &g_array_index(wc->sorted, struct oracle_route, wc->next++);
	ck_assert_msg(ntohl(prefix) == o->key && plen == o->plen && fa->fa_info == o->fi,
		      "walk: %08x/%d, want %08x/%u", ntohl(prefix), plen, o->key, o->plen);
}

static void oracle_check_walk(GArray *routes)
{
	struct walk_check wc = { g_array_new(FALSE, FALSE, sizeof(struct oracle_route)), 0 };
	struct fib_trie_stats st;

	for (guint i = 0; i < routes->len; i++) {
		struct oracle_route *o = &g_array_index(routes, struct oracle_route, i);

		if (o->live)
			g_array_append_val(wc.sorted, *o);
	}
	g_array_sort(wc.sorted, cmp_oracle);
	fib_table_walk(tb, oracle_walk_cb, &wc);
	ck_assert_uint_eq(wc.next, wc.sorted->len);
	fib_table_stats(tb, &st);
	ck_assert_uint_eq(st.prefixes, wc.sorted->len);
	ck_assert_uint_le(st.leaves, st.prefixes);
	ck_assert_uint_le(st.max_depth, 32);
	g_array_free(wc.sorted, TRUE);
}

static const u8 oracle_types[] = {
	RTN_UNICAST, RTN_UNICAST, RTN_UNICAST, RTN_UNICAST, RTN_UNICAST, RTN_UNICAST,
	RTN_LOCAL, RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT, RTN_THROW,
};
static const u8 oracle_scopes[] = { RT_SCOPE_UNIVERSE, RT_SCOPE_UNIVERSE, RT_SCOPE_LINK,
				     RT_SCOPE_HOST };

/* Adds @n random routes (one per prefix), some of them with dead fib_infos. */
static void oracle_add(GArray *routes, struct sim_rng *r, int n)
{
	GHashTable *have = g_hash_table_new(g_int64_hash, g_int64_equal);
	gint64 *keys = g_new(gint64, routes->len + (guint)n);
	guint nkeys = 0;

	for (guint i = 0; i < routes->len; i++) {
		struct oracle_route *o = &g_array_index(routes, struct oracle_route, i);

		if (o->live) {
			keys[nkeys] = ((gint64)o->key << 8) | o->plen;
			g_hash_table_add(have, &keys[nkeys++]);
		}
	}
	for (int i = 0; i < n; i++) {
		struct oracle_route o = { .plen = bgp_plen(r), .live = true };
		struct fib_config cfg = { .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
		int ret;

		o.key = sim_rng_u32(r) & mask_of(o.plen);
		cfg.fc_dst = htonl(o.key);
		cfg.fc_dst_len = o.plen;
		cfg.fc_type = oracle_types[sim_rng_below(r, G_N_ELEMENTS(oracle_types))];
		cfg.fc_scope = oracle_scopes[sim_rng_below(r, G_N_ELEMENTS(oracle_scopes))];
		cfg.fc_gw4 = htonl(sim_rng_u32(r));
		o.fi = test_info_nhs(&cfg, 1);
		o.fi->fib_dead = sim_rng_below(r, 20) == 0;
		ret = fib_table_insert(NULL, tb, &cfg, o.fi, NULL);
		keys[nkeys] = ((gint64)o.key << 8) | o.plen;
		if (g_hash_table_contains(have, &keys[nkeys])) {
			ck_assert_int_eq(ret, -EEXIST);
			continue;
		}
		ck_assert_int_eq(ret, 0);
		g_hash_table_add(have, &keys[nkeys++]);
		g_array_append_val(routes, o);
	}
	g_hash_table_destroy(have);
	g_free(keys);
}

/* Deletes @n random prefixes, some already gone (re-added ones have a new entry). */
static void oracle_delete(GArray *routes, struct sim_rng *r, int n)
{
	for (int i = 0; i < n; i++) {
		struct oracle_route *o = &g_array_index(routes, struct oracle_route,
						      sim_rng_below(r, routes->len));
		struct fib_config cfg = { .fc_dst = htonl(o->key), .fc_dst_len = o->plen,
					  .fc_scope = RT_SCOPE_NOWHERE };
		int want = -ESRCH;

		for (guint j = 0; j < routes->len; j++) {
			struct oracle_route *p = &g_array_index(routes, struct oracle_route, j);

			if (p->live && p->key == o->key && p->plen == o->plen) {
				p->live = false;
				want = 0;
			}
		}
		ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), want);
	}
}

START_TEST(test_random_against_oracle)
{
	GArray *routes = g_array_new(FALSE, FALSE, sizeof(struct oracle_route));
	struct sim_rng r;

	sim_rng_derive(&r, 1, NULL, "fib_trie oracle");
	oracle_add(routes, &r, 3000);
	oracle_check(routes, &r, 3000);
	oracle_check_walk(routes);
	oracle_delete(routes, &r, 2000);		/* about half of them */
	oracle_check(routes, &r, 3000);
	oracle_check_walk(routes);
	oracle_add(routes, &r, 1500);
	oracle_check(routes, &r, 3000);
	oracle_check_walk(routes);
	ck_assert_int_eq(fib_table_flush(NULL, tb, false) > 0, 1);	/* the dead ones */
	for (guint i = 0; i < routes->len; i++) {
		struct oracle_route *o = &g_array_index(routes, struct oracle_route, i);

		if (o->fi->fib_dead)
			o->live = false;
	}
	oracle_check(routes, &r, 3000);
	oracle_check_walk(routes);
	oracle_delete(routes, &r, 6000);		/* nearly all */
	oracle_check(routes, &r, 2000);
	oracle_check_walk(routes);
	g_array_free(routes, TRUE);
}
END_TEST

/* Only /32s and only short prefixes: the two extremes of the trie's shape. */
START_TEST(test_dense_host_routes)
{
	GArray *routes = g_array_new(FALSE, FALSE, sizeof(struct oracle_route));
	struct sim_rng r;

	sim_rng_derive(&r, 2, NULL, "fib_trie dense");
	for (u32 i = 0; i < 1024; i++) {
		struct oracle_route o = { .key = 0x0a000000 | (i * 3), .plen = 32, .live = true };
		struct fib_config cfg = { .fc_dst = htonl(o.key), .fc_dst_len = 32,
					  .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE };

		o.fi = test_info_nhs(&cfg, 1);
		ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, o.fi, NULL), 0);
		g_array_append_val(routes, o);
	}
	for (u8 plen = 0; plen <= 8; plen++) {
		struct oracle_route o = { .key = 0x0a000000 & mask_of(plen), .plen = plen,
					  .live = true };
		struct fib_config cfg = { .fc_dst = htonl(o.key), .fc_dst_len = plen,
					  .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE };

		o.fi = test_info_nhs(&cfg, 1);
		ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, o.fi, NULL), 0);
		g_array_append_val(routes, o);
	}
	oracle_check(routes, &r, 5000);
	oracle_check_walk(routes);
	oracle_delete(routes, &r, 3000);
	oracle_check(routes, &r, 5000);
	oracle_check_walk(routes);
	g_array_free(routes, TRUE);
}
END_TEST

/* ---- /proc/net/fib_trie and fib_triestat, as Linux printed them ---------- */

/* >>> ops_gen: also used to make the `ip -batch` file the expectations came from */
struct trie_op {
	char op;		/* a: add, p: prepend, A: append, r: replace, d: del */
	u8 type;
	u8 tos;
	u8 plen;
	u32 key;		/* host order */
	u32 metric;
};

static int ops_gen(u64 seed, int n, struct trie_op *ops, int variety)
{
	static const u8 types[] = { 6 /* blackhole */, 7 /* unreachable */, 8 /* prohibit */ };
	struct sim_rng r;
	u32 *keys = malloc(sizeof(u32) * (size_t)n);
	u8 *plens = malloc((size_t)n);
	int nadded = 0;

	sim_rng_seed(&r, seed);
	for (int i = 0; i < n; i++) {
		struct trie_op *o = &ops[i];
		u32 x = sim_rng_below(&r, 100);

		memset(o, 0, sizeof(*o));
		if (nadded && x < 30) {
			u32 j = sim_rng_below(&r, (u32)nadded);

			o->op = 'd';
			o->key = keys[j];
			o->plen = plens[j];
			continue;
		}
		o->op = 'a';
		o->type = types[sim_rng_below(&r, 3)];
		if (nadded && variety && sim_rng_below(&r, 3) == 0) {
			/* a prefix of the same key: one leaf, several lengths */
			u32 j = sim_rng_below(&r, (u32)nadded);

			o->key = keys[j];
			o->plen = (u8)(plens[j] + sim_rng_below(&r, 33u - plens[j]));
		} else {
			u32 y = sim_rng_below(&r, 100);

			o->plen = y < 55 ? 24 : y < 88 ? (u8)(16 + sim_rng_below(&r, 8)) :
				  y < 94 ? (u8)(8 + sim_rng_below(&r, 8)) :
				  (u8)sim_rng_below(&r, 33);
			o->key = sim_rng_u32(&r) & (o->plen ? ~0u << (32 - o->plen) : 0);
		}
		if (variety) {
			o->op = "aaapAr"[sim_rng_below(&r, 6)];
			o->tos = sim_rng_below(&r, 4) == 0 ? 0x10 : 0;
			o->metric = sim_rng_below(&r, 3);
		}
		keys[nadded] = o->key;
		plens[nadded++] = o->plen;
	}
	free(keys);
	free(plens);
	return n;
}
/* <<< ops_gen */

static void ops_apply(const struct trie_op *ops, int n)
{
	for (int i = 0; i < n; i++) {
		const struct trie_op *o = &ops[i];
		struct fib_config cfg = { .fc_dst = htonl(o->key), .fc_dst_len = o->plen,
					  .fc_type = o->type, .fc_dscp = o->tos,
					  .fc_priority = o->metric, .fc_protocol = RTPROT_BOOT,
					  .fc_table = TABLE_ID };

		if (o->op == 'd') {
			cfg.fc_protocol = 0;
			cfg.fc_scope = RT_SCOPE_NOWHERE;
			fib_table_delete(NULL, tb, &cfg, NULL);
			continue;
		}
		cfg.fc_nlflags = o->op == 'a' ? NLM_F_CREATE | NLM_F_EXCL :
				 o->op == 'p' ? NLM_F_CREATE :
				 o->op == 'A' ? NLM_F_CREATE | NLM_F_APPEND :
				 NLM_F_CREATE | NLM_F_REPLACE;
		fib_table_insert(NULL, tb, &cfg, test_info(&cfg), NULL);
	}
}

/* 60 commands of every kind (seed 7, variety): Linux 6.18's output */
static const char linux_fib_trie_small[] =
	"Id 100:\n"
	"  +-- 0.0.0.0/0 6 3 38\n"
	"     |-- 19.63.79.0\n"
	"        /24 universe BLACKHOLE tos=16\n"
	"     +-- 28.0.0.0/6 2 1 2\n"
	"        +-- 29.0.0.0/8 2 0 2\n"
	"           |-- 29.7.64.0\n"
	"              /18 universe PROHIBIT\n"
	"           |-- 29.190.72.0\n"
	"              /22 universe PROHIBIT\n"
	"        |-- 30.8.0.0\n"
	"           /13 universe UNREACHABLE\n"
	"     |-- 35.24.54.0\n"
	"        /24 universe BLACKHOLE\n"
	"     |-- 50.218.253.0\n"
	"        /24 universe PROHIBIT\n"
	"     |-- 67.221.0.0\n"
	"        /27 universe BLACKHOLE\n"
	"     |-- 70.86.10.0\n"
	"        /24 universe UNREACHABLE\n"
	"     |-- 79.233.208.0\n"
	"        /24 universe PROHIBIT tos=16\n"
	"     |-- 81.7.134.0\n"
	"        /24 universe BLACKHOLE\n"
	"     |-- 88.77.127.0\n"
	"        /24 universe BLACKHOLE\n"
	"     +-- 92.0.0.0/6 2 0 2\n"
	"        |-- 92.30.53.0\n"
	"           /31 universe PROHIBIT\n"
	"           /31 universe BLACKHOLE\n"
	"           /29 universe UNREACHABLE tos=16\n"
	"        |-- 95.114.32.0\n"
	"           /20 universe UNREACHABLE\n"
	"     |-- 116.216.80.0\n"
	"        /21 universe BLACKHOLE\n"
	"     |-- 125.110.168.0\n"
	"        /24 universe PROHIBIT tos=16\n"
	"     |-- 131.115.137.0\n"
	"        /24 universe UNREACHABLE\n"
	"     |-- 135.187.136.0\n"
	"        /26 universe UNREACHABLE tos=16\n"
	"     |-- 138.131.222.0\n"
	"        /24 universe BLACKHOLE\n"
	"     |-- 143.219.129.0\n"
	"        /24 universe PROHIBIT tos=16\n"
	"     |-- 149.65.48.0\n"
	"        /20 universe PROHIBIT tos=16\n"
	"     |-- 155.229.0.0\n"
	"        /31 universe PROHIBIT tos=16\n"
	"        /16 universe BLACKHOLE tos=16\n"
	"     |-- 158.17.66.0\n"
	"        /24 universe UNREACHABLE\n"
	"     |-- 170.148.98.0\n"
	"        /24 universe UNREACHABLE\n"
	"     |-- 175.54.20.0\n"
	"        /32 universe BLACKHOLE\n"
	"        /32 universe PROHIBIT\n"
	"        /27 universe PROHIBIT\n"
	"     +-- 188.0.0.0/6 2 0 2\n"
	"        |-- 189.221.190.0\n"
	"           /24 universe PROHIBIT\n"
	"        |-- 190.75.155.0\n"
	"           /24 universe UNREACHABLE\n"
	"     |-- 194.170.224.0\n"
	"        /24 universe PROHIBIT tos=16\n"
	"     |-- 220.243.123.0\n"
	"        /30 universe BLACKHOLE\n"
	"        /24 universe UNREACHABLE\n"
	"     |-- 245.211.172.0\n"
	"        /32 universe PROHIBIT tos=16\n"
	"        /31 universe PROHIBIT\n"
	"        /24 universe PROHIBIT tos=16\n"
	"     |-- 253.169.4.0\n"
	"        /29 universe UNREACHABLE tos=16\n"
	"        /23 universe BLACKHOLE tos=16\n"
	"        /23 universe BLACKHOLE\n";

static const char linux_fib_triestat_small[] =
	"Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.\n"
	"Id 100:\n"
	"\tAver depth:     1.30\n"
	"\tMax depth:      3\n"
	"\tLeaves:         30\n"
	"\tPrefixes:       40\n"
	"\tInternal nodes: 5\n"
	"\t  2: 4  6: 1\n"
	"\tPointers: 80\n"
	"Null ptrs: 46\n"
	"Total size: 5  kB\n";

START_TEST(test_proc_fib_trie_as_linux)
{
	struct trie_op ops[60];
	GString *out = g_string_new(NULL);

	ops_apply(ops, ops_gen(7, 60, ops, 1));
	fib_trie_seq_show(&tb, 1, out);
	ck_assert_str_eq(out->str, linux_fib_trie_small);
	g_string_truncate(out, 0);
	fib_triestat_seq_show(&tb, 1, out);
	ck_assert_str_eq(out->str, linux_fib_triestat_small);
	g_string_free(out, TRUE);
}
END_TEST

/* FNV-1a, to compare a long /proc text with the one Linux printed */
static u64 fnv1a(const char *s)
{
	u64 h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* Linux 6.18's /proc/net/fib_trie for it: its length and FNV-1a; and fib_triestat */
#define LINUX_LARGE_LEN 170467
#define LINUX_LARGE_FNV 0x84373961eb91c456ULL
#define LINUX_LARGE_TRIESTAT \
	"Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.\n" \
	"Id 100:\n" \
	"\tAver depth:     1.30\n" \
	"\tMax depth:      3\n" \
	"\tLeaves:         2890\n" \
	"\tPrefixes:       2907\n" \
	"\tInternal nodes: 409\n" \
	"\t  2: 403  3: 5  13: 1\n" \
	"\tPointers: 9844\n" \
	"Null ptrs: 6546\n" \
	"Total size: 388  kB\n"

/*
 * 6,000 adds and deletes of blackhole/unreachable/prohibit prefixes
 * (seed 11): the trie inflates, halves and collapses as Linux's does.
 */
START_TEST(test_proc_fib_trie_as_linux_large)
{
	struct trie_op *ops = g_new(struct trie_op, 6000);
	GString *out = g_string_new(NULL);

	ops_apply(ops, ops_gen(11, 6000, ops, 0));
	fib_trie_seq_show(&tb, 1, out);
	ck_assert_uint_eq(out->len, LINUX_LARGE_LEN);
	ck_assert_uint_eq(fnv1a(out->str), LINUX_LARGE_FNV);
	g_string_truncate(out, 0);
	fib_triestat_seq_show(&tb, 1, out);
	ck_assert_str_eq(out->str, LINUX_LARGE_TRIESTAT);
	g_string_free(out, TRUE);
	g_free(ops);
}
END_TEST

START_TEST(test_proc_table_order)
{
	struct fib_table *local = fib_trie_table(NULL, RT_TABLE_LOCAL);
	struct fib_table *main_tb = fib_trie_table(NULL, RT_TABLE_MAIN);
	struct fib_table *empty = fib_trie_table(NULL, 1000);
	struct fib_table *tables[] = { local, main_tb, NULL, tb, empty };
	struct fib_config cfg = { .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE,
				  .fc_scope = RT_SCOPE_LINK, .fc_dst_len = 24 };
	GString *out = g_string_new(NULL);

	cfg.fc_dst = ip("10.1.2.0");
	ck_assert_int_eq(fib_table_insert(NULL, main_tb, &cfg, test_info(&cfg), NULL), 0);
	cfg.fc_type = RTN_LOCAL;
	cfg.fc_scope = RT_SCOPE_HOST;
	cfg.fc_dst = ip("10.1.2.3");
	cfg.fc_dst_len = 32;
	ck_assert_int_eq(fib_table_insert(NULL, local, &cfg, test_info(&cfg), NULL), 0);
	cfg.fc_type = RTN_BLACKHOLE;
	cfg.fc_scope = RT_SCOPE_UNIVERSE;
	cfg.fc_dscp = 0x10;
	ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, test_info(&cfg), NULL), 0);
	fib_trie_seq_show(tables, 5, out);
	ck_assert_str_eq(out->str,
			 "Id 100:\n"
			 "  |-- 10.1.2.3\n"
			 "     /32 universe BLACKHOLE tos=16\n"
			 "Main:\n"
			 "  |-- 10.1.2.0\n"
			 "     /24 link UNICAST\n"
			 "Local:\n"
			 "  |-- 10.1.2.3\n"
			 "     /32 host LOCAL\n");
	g_string_truncate(out, 0);
	fib_triestat_seq_show(tables, 5, out);
	ck_assert_str_eq(out->str,
			 "Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.\n"
			 "Id 100:\n"
			 "\tAver depth:     0.00\n\tMax depth:      0\n\tLeaves:         1\n"
			 "\tPrefixes:       1\n\tInternal nodes: 0\n\t\n\tPointers: 0\n"
			 "Null ptrs: 0\nTotal size: 1  kB\n"
			 "Id 1000:\n"
			 "\tAver depth:     0.00\n\tMax depth:      0\n\tLeaves:         0\n"
			 "\tPrefixes:       0\n\tInternal nodes: 0\n\t\n\tPointers: 0\n"
			 "Null ptrs: 0\nTotal size: 0  kB\n"
			 "Main:\n"
			 "\tAver depth:     0.00\n\tMax depth:      0\n\tLeaves:         1\n"
			 "\tPrefixes:       1\n\tInternal nodes: 0\n\t\n\tPointers: 0\n"
			 "Null ptrs: 0\nTotal size: 1  kB\n"
			 "Local:\n"
			 "\tAver depth:     0.00\n\tMax depth:      0\n\tLeaves:         1\n"
			 "\tPrefixes:       1\n\tInternal nodes: 0\n\t\n\tPointers: 0\n"
			 "Null ptrs: 0\nTotal size: 1  kB\n");
	g_string_free(out, TRUE);
	fib_trie_free(local);
	fib_trie_free(main_tb);
	fib_trie_free(empty);
}
END_TEST

/* ---- the lookup cache ------------------------------------------------- */

/* Routes spanning many /16s, changed after their ranges were cached. */
START_TEST(test_cache_follows_changes)
{
	struct fib_trie_stats st;

	add(&(struct route){ .dst = "10.0.0.0/8", .gw = "1.1.1.1" });
	add(&(struct route){ .dst = "10.1.2.0/24", .gw = "2.2.2.2" });
	EXPECT("10.1.2.3", "10.1.2.0/24 via 2.2.2.2 metric 0 nh 0");
	EXPECT("10.1.3.3", "10.0.0.0/8 via 1.1.1.1 metric 0 nh 0");
	EXPECT("10.200.3.3", "10.0.0.0/8 via 1.1.1.1 metric 0 nh 0");
	EXPECT("11.0.0.1", "-11");
	add(&(struct route){ .dst = "0.0.0.0/0", .gw = "9.9.9.9" });
	EXPECT("11.0.0.1", "0.0.0.0/0 via 9.9.9.9 metric 0 nh 0");
	add(&(struct route){ .dst = "10.1.2.128/25", .gw = "3.3.3.3" });
	EXPECT("10.1.2.129", "10.1.2.128/25 via 3.3.3.3 metric 0 nh 0");
	EXPECT("10.1.2.127", "10.1.2.0/24 via 2.2.2.2 metric 0 nh 0");
	add(&(struct route){ .dst = "10.0.0.0/8", .gw = "4.4.4.4", .nlflags = REPLACE });
	EXPECT("10.200.3.3", "10.0.0.0/8 via 4.4.4.4 metric 0 nh 0");
	add(&(struct route){ .dst = "10.0.0.0/8", .gw = "5.5.5.5", .nlflags = PREPEND });
	EXPECT("10.200.3.3", "10.0.0.0/8 via 5.5.5.5 metric 0 nh 0");
	ck_assert_int_eq(del(&(struct route){ .dst = "10.1.2.0/24" }, NULL), 0);
	EXPECT("10.1.2.127", "10.0.0.0/8 via 5.5.5.5 metric 0 nh 0");
	EXPECT("10.1.2.129", "10.1.2.128/25 via 3.3.3.3 metric 0 nh 0");
	ck_assert_int_eq(del(&(struct route){ .dst = "10.0.0.0/8" }, NULL), 0);
	ck_assert_int_eq(del(&(struct route){ .dst = "10.0.0.0/8" }, NULL), 0);
	EXPECT("10.200.3.3", "0.0.0.0/0 via 9.9.9.9 metric 0 nh 0");
	fib_table_stats(tb, &st);
	ck_assert_uint_gt(st.bytes, LPM_SLOTS_BYTES);
	fib_table_set_lookup_cache(tb, 0);
	fib_table_stats(tb, &st);
	ck_assert_uint_lt(st.bytes, LPM_SLOTS_BYTES);
	EXPECT("10.1.2.129", "10.1.2.128/25 via 3.3.3.3 metric 0 nh 0");
}
END_TEST

/* Automatic: on from 65,536 routes, off below 32,768; answers never change. */
START_TEST(test_cache_automatic)
{
	struct fib_config cfg = { .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE,
				  .fc_dst_len = 24 };
	struct fib_info *fi = test_info(&cfg);
	struct fib_trie_stats st, before = { 0 };

	fib_table_set_lookup_cache(tb, -1);
	fib_table_stats(tb, &st);
	ck_assert_uint_lt(st.bytes, LPM_SLOTS_BYTES);
	for (u32 i = 0; i < 65536; i++) {
		cfg.fc_dst = htonl(0x40000000u + (i << 8));
		ck_assert_int_eq(fib_table_insert(NULL, tb, &cfg, fi, NULL), 0);
		if (i == 65534)
			fib_table_stats(tb, &before);
	}
	fib_table_stats(tb, &st);
	ck_assert_uint_lt(before.bytes, 65535 * 128);
	ck_assert_uint_ge(st.bytes, before.bytes + LPM_SLOTS_BYTES);
	EXPECT("64.1.2.3", "64.1.2.0/24 via 0.0.0.0 metric 0 nh 0");
	for (u32 i = 0; i < 40000; i++) {
		cfg.fc_dst = htonl(0x40000000u + (i << 8));
		ck_assert_int_eq(fib_table_delete(NULL, tb, &cfg, NULL), 0);
	}
	fib_table_stats(tb, &st);
	ck_assert_uint_lt(st.bytes, 25536 * 128);
	EXPECT("64.1.2.3", "-11");
	EXPECT("64.255.2.3", "64.255.2.0/24 via 0.0.0.0 metric 0 nh 0");
}
END_TEST

/* The same tests with the per-/16 lookup cache on from the first route. */
static void setup_cached(void)
{
	setup();
	fib_table_set_lookup_cache(tb, 1);
}

static void add_tests(TCase *tc)
{
	tcase_add_test(tc, test_empty_table);
	tcase_add_test(tc, test_default_and_host_routes);
	tcase_add_test(tc, test_invalid_prefixes);
	tcase_add_loop_test(tc, test_nlflags, 0, G_N_ELEMENTS(nlflags_cases));
	tcase_add_test(tc, test_references);
	tcase_add_loop_test(tc, test_delete, 0, G_N_ELEMENTS(delete_cases));
	tcase_add_test(tc, test_delete_multipath);
	tcase_add_test(tc, test_alias_order_and_tos);
	tcase_add_test(tc, test_scope_filter);
	tcase_add_test(tc, test_oif_and_nexthops);
	tcase_add_loop_test(tc, test_error_routes, 0, G_N_ELEMENTS(error_cases));
	tcase_add_test(tc, test_dead_skipped_then_flushed);
	tcase_add_test(tc, test_walk_order_and_delete_while_walking);
	tcase_add_test(tc, test_random_against_oracle);
	tcase_add_test(tc, test_dense_host_routes);
	tcase_add_test(tc, test_proc_fib_trie_as_linux);
	tcase_add_test(tc, test_proc_fib_trie_as_linux_large);
	tcase_add_test(tc, test_proc_table_order);
}

static Suite *fib_trie_suite(void)
{
	Suite *s = suite_create("fib_trie");
	TCase *tc = tcase_create("table");
	TCase *cached = tcase_create("cached");

	tcase_add_checked_fixture(tc, setup, teardown);
	add_tests(tc);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(cached, setup_cached, teardown);
	add_tests(cached);
	tcase_add_test(cached, test_cache_follows_changes);
	tcase_add_test(cached, test_cache_automatic);
	suite_add_tcase(s, cached);
	return s;
}

int main(void)
{
	return tl_run_suite(fib_trie_suite());
}
