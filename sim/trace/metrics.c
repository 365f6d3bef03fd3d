/*
 * sim/trace/metrics.c - the SQLite metrics database (metrics.db)
 *
 * No kernel counterpart.  The schema is documented in docs/metrics.md;
 * changing a table or column there means bumping SIM_METRICS_SCHEMA.
 *
 * Every write goes through a prepared statement inside one explicit
 * transaction, which sim_metrics_flush() commits and reopens: a run writes
 * many rows per simulated second, and autocommit would pay a journal
 * round trip for each.  Write errors never stop the run: the first is
 * kept and reported by sim_metrics_close().
 */
#include "sim/trace/metrics.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sim/counters.h"
#include "sim/proc.h"
#include "sim/trace/walk.h"

/*
 * synchronous=OFF: SQLite does not fsync.  A consumer learns that a run
 * finished from run.complete, not from durability; an interrupted process
 * still leaves a consistent file, because the rollback journal (the
 * default DELETE mode, so metrics.db stays one file) undoes a half-written
 * transaction.  Only a crash of the machine itself could lose the last
 * commits, and then the run is rerun anyway.
 *
 * cache_size -256: a 256 KiB page cache (SQLite's default is 2 MiB, which
 * a large run filled and held at its peak); rows are appended in node
 * order, so the small cache costs the end-of-run write nothing measurable
 * (docs/performance.md, fourth pass).
 */
static const char metrics_schema[] =
	"PRAGMA synchronous = OFF;\n"
	"PRAGMA cache_size = -256;\n"
	"BEGIN;\n"
	"PRAGMA user_version = " G_STRINGIFY(SIM_METRICS_SCHEMA) ";\n"
	/* The text below is what `sqlite3 metrics.db .schema` shows. */
	"CREATE TABLE run (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  name TEXT,             -- network name\n"
	"  scenario TEXT,         -- script path as given\n"
	"  scenario_sha256 TEXT,\n"
	"  skbsim_version TEXT,\n"
	"  seed INTEGER,          -- uint64 stored as int64: negative above 2^63-1\n"
	"  hz INTEGER,\n"
	"  sim_ns INTEGER,        -- simulated time at the end\n"
	"  events INTEGER,        -- events executed\n"
	"  complete INTEGER,      -- 1 once the run finished and was written\n"
	"  exit_status INTEGER,\n"
	"  error TEXT\n"
	");\n"
	"CREATE TABLE args (name TEXT PRIMARY KEY, value TEXT);\n"
	"CREATE TABLE wall (      -- wall-clock figures: the only non-reproducible rows\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value REAL\n"
	");\n"
	"CREATE TABLE nodes (\n"
	"  id INTEGER PRIMARY KEY, -- creation order from 0\n"
	"  name TEXT UNIQUE,\n"
	"  kind TEXT,\n"
	"  cpus INTEGER\n"
	");\n"
	"CREATE TABLE interfaces (\n"
	"  node_id INTEGER,\n"
	"  ifindex INTEGER,\n"
	"  name TEXT,\n"
	"  kind TEXT,\n"
	"  mac TEXT,\n"
	"  mtu INTEGER,\n"
	"  PRIMARY KEY (node_id, ifindex)\n"
	");\n"
	"CREATE TABLE counters (\n"
	"  t_ns INTEGER,          -- simulated time of the sample\n"
	"  node_id INTEGER,\n"
	"  scope TEXT,            -- Ip, Udp, eth0...\n"
	"  name TEXT,             -- InReceives, rx_packets...\n"
	"  value INTEGER,\n"
	"  final INTEGER          -- 1 for the end-of-run sample\n"
	");\n"
	"CREATE INDEX counters_by_name ON counters (node_id, scope, name, t_ns);\n"
	"CREATE TABLE drops (\n"
	"  t_ns INTEGER,\n"
	"  node_id INTEGER,\n"
	"  device TEXT,\n"
	"  reason TEXT,           -- SKB_DROP_REASON_ without the prefix\n"
	"  function TEXT,         -- the kernel function that dropped\n"
	"  protocol TEXT,\n"
	"  summary TEXT\n"
	");\n"
	"CREATE TABLE drop_counts ( -- every drop, counted, however many rows drops kept\n"
	"  node_id INTEGER,\n"
	"  device TEXT,\n"
	"  reason TEXT,\n"
	"  function TEXT,\n"
	"  count INTEGER\n"
	");\n"
	"CREATE TABLE process_output (\n"
	"  t_ns INTEGER,\n"
	"  node_id INTEGER,\n"
	"  pid INTEGER,\n"
	"  seq INTEGER PRIMARY KEY, -- line number in the whole run, from 1\n"
	"  line TEXT\n"
	");\n"
	"CREATE TABLE processes (\n"
	"  node_id INTEGER,\n"
	"  pid INTEGER,\n"
	"  cmdline TEXT,\n"
	"  kind TEXT,             -- program or lua\n"
	"  start_ns INTEGER,\n"
	"  end_ns INTEGER,        -- NULL unless ended\n"
	"  exit_status INTEGER,   -- NULL unless exited normally\n"
	"  signal INTEGER,        -- NULL unless killed\n"
	"  state TEXT,            -- exited, killed, running, waiting\n"
	"  PRIMARY KEY (node_id, pid)\n"
	");\n"
	"CREATE TABLE walks (     -- net:walk / --walk: one row per packet followed\n"
	"  walk INTEGER PRIMARY KEY, -- walk number from 1\n"
	"  t_ns INTEGER,          -- when the packet matched the filter\n"
	"  skb INTEGER,           -- the skb id that matched\n"
	"  summary TEXT           -- the heading: node, addresses, protocol, length\n"
	");\n"
	"CREATE TABLE walk (      -- the functions each followed packet passed\n"
	"  seq INTEGER PRIMARY KEY, -- order in the run, from 1\n"
	"  walk INTEGER,\n"
	"  t_ns INTEGER,\n"
	"  node_id INTEGER,\n"
	"  skb INTEGER,\n"
	"  parent INTEGER,        -- skb it was cloned, copied or fragmented from, or NULL\n"
	"  depth INTEGER,         -- indentation: clones/fragments under their parent\n"
	"  function TEXT,\n"
	"  file TEXT,\n"
	"  device TEXT,\n"
	"  detail TEXT\n"
	");\n"
	"CREATE VIEW counters_final AS\n"
	"  SELECT n.name AS node, c.scope, c.name, c.value\n"
	"  FROM counters c JOIN nodes n ON n.id = c.node_id\n"
	"  WHERE c.final = 1;\n"
	"CREATE VIEW counter_deltas AS\n"
	"  SELECT n.name AS node, c.scope, c.name, c.t_ns, c.final, c.value,\n"
	"    c.value - LAG(c.value, 1, 0) OVER\n"
	"      (PARTITION BY c.node_id, c.scope, c.name ORDER BY c.t_ns, c.final)\n"
	"      AS delta\n"
	"  FROM counters c JOIN nodes n ON n.id = c.node_id;\n"
	"CREATE VIEW drops_by_reason AS\n"
	"  SELECT reason, SUM(count) AS drops FROM drop_counts\n"
	"  GROUP BY reason ORDER BY drops DESC, reason;\n"
	"CREATE VIEW node_output AS\n"
	"  SELECT o.seq, o.t_ns, n.name AS node, o.pid, o.line\n"
	"  FROM process_output o JOIN nodes n ON n.id = o.node_id;\n";

enum metrics_stmt {
	ST_RUN_INSERT,
	ST_RUN_END,
	ST_ARG,
	ST_WALL,
	ST_NODE,
	ST_INTERFACE,
	ST_COUNTER,
	ST_DROP,
	ST_DROP_COUNT,
	ST_OUTPUT,
	ST_PROC,
	ST_WALK_START,
	ST_WALK_POINT,
	ST_BEGIN,
	ST_COMMIT,
	ST__MAX
};

struct metrics_sql {
	const char *sql;
	const char *what;		/* for error messages */
};

static const struct metrics_sql metrics_sql[ST__MAX] = {
	[ST_RUN_INSERT] = { "INSERT INTO run (id, name, scenario, scenario_sha256,"
			    " skbsim_version, seed, hz, sim_ns, events, complete)"
			    " VALUES (1, ?, ?, ?, ?, ?, ?, 0, 0, 0)", "writing run" },
	[ST_RUN_END] = { "UPDATE run SET sim_ns = ?, events = ?, complete = ?,"
			 " exit_status = ?, error = ? WHERE id = 1", "ending run" },
	[ST_ARG] = { "INSERT OR REPLACE INTO args (name, value) VALUES (?, ?)",
		     "writing args" },
	[ST_WALL] = { "INSERT OR REPLACE INTO wall (key, value) VALUES (?, ?)",
		      "writing wall" },
	[ST_NODE] = { "INSERT OR REPLACE INTO nodes (id, name, kind, cpus)"
		      " VALUES (?, ?, ?, ?)", "writing nodes" },
	[ST_INTERFACE] = { "INSERT OR REPLACE INTO interfaces"
			   " (node_id, ifindex, name, kind, mac, mtu)"
			   " VALUES (?, ?, ?, ?, ?, ?)", "writing interfaces" },
	[ST_COUNTER] = { "INSERT INTO counters (t_ns, node_id, scope, name, value, final)"
			 " VALUES (?, ?, ?, ?, ?, ?)", "writing counters" },
	[ST_DROP] = { "INSERT INTO drops (t_ns, node_id, device, reason, function,"
		      " protocol, summary) VALUES (?, ?, ?, ?, ?, ?, ?)", "writing drops" },
	[ST_DROP_COUNT] = { "INSERT INTO drop_counts (node_id, device, reason, function, count)"
			    " VALUES (?, ?, ?, ?, ?)", "writing drop_counts" },
	[ST_OUTPUT] = { "INSERT INTO process_output (t_ns, node_id, pid, seq, line)"
			" VALUES (?, ?, ?, ?, ?)", "writing process_output" },
	[ST_PROC] = { "INSERT OR REPLACE INTO processes (node_id, pid, cmdline, kind,"
		      " start_ns, end_ns, exit_status, signal, state)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "writing processes" },
	[ST_WALK_START] = { "INSERT INTO walks (walk, t_ns, skb, summary) VALUES (?, ?, ?, ?)",
			    "writing walks" },
	[ST_WALK_POINT] = { "INSERT INTO walk (seq, walk, t_ns, node_id, skb, parent, depth,"
			    " function, file, device, detail)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "writing walk" },
	[ST_BEGIN] = { "BEGIN", "beginning a transaction" },
	[ST_COMMIT] = { "COMMIT", "committing" },
};

/*
 * A drop cause, hashed by value (short strings).  The key holds pointers
 * to the reason and function names, which are static strings (reason
 * tables, __func__); the device name is copied, since a device can be
 * renamed or freed.  Counting a drop costs one hash lookup.
 */
struct drop_key {
	int64_t node;
	char device[16];
	const char *reason;
	const char *function;
	int64_t count;
};

static guint drop_key_hash(gconstpointer p)
{
	const struct drop_key *k = p;
	guint h = (guint)k->node * 2654435761u;

	h ^= g_str_hash(k->device) + 0x9e3779b9u + (h << 6) + (h >> 2);
	h ^= g_str_hash(k->reason) + 0x9e3779b9u + (h << 6) + (h >> 2);
	h ^= g_str_hash(k->function) + 0x9e3779b9u + (h << 6) + (h >> 2);
	return h;
}

static gboolean drop_key_equal(gconstpointer a, gconstpointer b)
{
	const struct drop_key *x = a, *y = b;

	return x->node == y->node && strcmp(x->device, y->device) == 0 &&
	       (x->reason == y->reason || strcmp(x->reason, y->reason) == 0) &&
	       (x->function == y->function || strcmp(x->function, y->function) == 0);
}

struct sim_metrics {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[ST__MAX];
	int64_t output_seq;		/* process_output.seq of the last line */
	char *error;			/* first write error, or NULL */
	/* drops: a row each up to drop_rows_max, and every one counted */
	int64_t drop_rows, drop_rows_max;
	GHashTable *drop_counts;	/* struct drop_key * -> itself (with its count) */
	/* floods repeat one cause: the last key, matched by pointers */
	struct drop_key *last_key;
	const struct node *last_node;
	const char *last_device, *last_reason, *last_function;
};

/* ---- statements and errors -------------------------------------------- */

/* Keeps the first error; later ones are usually its consequences. */
static void metrics_error(struct sim_metrics *m, const char *what)
{
	if (m->error)
		return;
	m->error = g_strdup_printf("%s: %s: %s", m->path, what, sqlite3_errmsg(m->db));
}

static void metrics_check(struct sim_metrics *m, int rc, const char *what)
{
	if (rc != SQLITE_OK)
		metrics_error(m, what);
}

static void bind_text(struct sim_metrics *m, enum metrics_stmt id, int col, const char *s)
{
	/* NULL binds SQL NULL; STATIC: the row is stepped before @s can go. */
	metrics_check(m, sqlite3_bind_text(m->st[id], col, s, -1, SQLITE_STATIC), "bind");
}

static void bind_int(struct sim_metrics *m, enum metrics_stmt id, int col, int64_t v)
{
	metrics_check(m, sqlite3_bind_int64(m->st[id], col, v), "bind");
}

static void bind_null(struct sim_metrics *m, enum metrics_stmt id, int col)
{
	metrics_check(m, sqlite3_bind_null(m->st[id], col), "bind");
}

/* Runs a statement whose parameters are bound, and readies it for reuse. */
static void metrics_step(struct sim_metrics *m, enum metrics_stmt id)
{
	sqlite3_stmt *st = m->st[id];

	if (sqlite3_step(st) != SQLITE_DONE)
		metrics_error(m, metrics_sql[id].what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void metrics_begin(struct sim_metrics *m)
{
	/* After a failed COMMIT the transaction may still be open. */
	if (sqlite3_get_autocommit(m->db))
		metrics_step(m, ST_BEGIN);
}

static void metrics_commit(struct sim_metrics *m)
{
	if (!sqlite3_get_autocommit(m->db))
		metrics_step(m, ST_COMMIT);
}

static void metrics_free(struct sim_metrics *m)
{
	int i;

	for (i = 0; i < ST__MAX; i++)
		sqlite3_finalize(m->st[i]);
	sqlite3_close(m->db);	/* every statement is finalized: never busy */
	g_free(m->error);
	g_free(m->path);
	g_hash_table_unref(m->drop_counts);
	g_free(m);
}

/* ---- opening ---------------------------------------------------------- */

/* A file of an older run would mix its rows with ours. */
static int metrics_remove_old(const char *path, struct sim_err *err)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		char *file = g_strconcat(path, suffixes[i], NULL);
		int ret = g_remove(file);
		int e = errno;

		g_free(file);
		if (ret < 0 && e != ENOENT)
			return sim_err_set(err, "metrics database \"%s%s\": %s", path,
					   suffixes[i], g_strerror(e));
	}
	return 0;
}

static int metrics_prepare(struct sim_metrics *m, struct sim_err *err)
{
	char *errmsg = NULL;
	int i;

	if (sqlite3_exec(m->db, metrics_schema, NULL, NULL, &errmsg) != SQLITE_OK) {
		sim_err_set(err, "metrics database \"%s\": %s", m->path,
			    errmsg ? errmsg : sqlite3_errmsg(m->db));
		sqlite3_free(errmsg);
		return -1;
	}
	for (i = 0; i < ST__MAX; i++) {
		if (sqlite3_prepare_v3(m->db, metrics_sql[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
				       &m->st[i], NULL) != SQLITE_OK)
			return sim_err_set(err, "metrics database \"%s\": %s", m->path,
					   sqlite3_errmsg(m->db));
	}
	return 0;
}

static void metrics_insert_run(struct sim_metrics *m, const struct sim_metrics_run *run)
{
	bind_text(m, ST_RUN_INSERT, 1, run->name);
	bind_text(m, ST_RUN_INSERT, 2, run->scenario);
	bind_text(m, ST_RUN_INSERT, 3, run->scenario_sha256);
	bind_text(m, ST_RUN_INSERT, 4, run->version);
	/* SQLite integers are signed: the seed's bits, read back as uint64. */
	bind_int(m, ST_RUN_INSERT, 5, (int64_t)run->seed);
	bind_int(m, ST_RUN_INSERT, 6, run->hz);
	metrics_step(m, ST_RUN_INSERT);
}

struct sim_metrics *sim_metrics_open(const char *path, const struct sim_metrics_run *run,
				     struct sim_err *err)
{
	struct sim_metrics *m;
	int rc;

	if (metrics_remove_old(path, err) < 0)
		return NULL;
	m = g_new0(struct sim_metrics, 1);
	m->path = g_strdup(path);
	m->drop_rows_max = SIM_METRICS_DROP_ROWS;
	m->drop_counts = g_hash_table_new_full(drop_key_hash, drop_key_equal, g_free, NULL);
	rc = sqlite3_open_v2(path, &m->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		sim_err_set(err, "metrics database \"%s\": %s", path,
			    m->db ? sqlite3_errmsg(m->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(m->db, 1);
	if (metrics_prepare(m, err) < 0)
		goto fail;
	/* The schema and run row are on disk from the start, complete = 0. */
	metrics_insert_run(m, run);
	metrics_commit(m);
	if (m->error) {
		sim_err_set(err, "%s", m->error);
		goto fail;
	}
	metrics_begin(m);
	return m;
fail:
	metrics_free(m);
	return NULL;
}

/* ---- rows ------------------------------------------------------------- */

void sim_metrics_arg(struct sim_metrics *m, const char *name, const char *value)
{
	if (!m)
		return;
	bind_text(m, ST_ARG, 1, name);
	bind_text(m, ST_ARG, 2, value);
	metrics_step(m, ST_ARG);
}

void sim_metrics_node(struct sim_metrics *m, const struct node *node)
{
	if (!m)
		return;
	bind_int(m, ST_NODE, 1, node->id);
	bind_text(m, ST_NODE, 2, node->name);
	bind_text(m, ST_NODE, 3, node->kind ? node->kind->name : NULL);
	bind_int(m, ST_NODE, 4, node->ncpus);
	metrics_step(m, ST_NODE);
}

void sim_metrics_interface(struct sim_metrics *m, const struct node *node, int ifindex,
			   const char *name, const char *kind, const char *mac,
			   unsigned int mtu)
{
	if (!m)
		return;
	bind_int(m, ST_INTERFACE, 1, node->id);
	bind_int(m, ST_INTERFACE, 2, ifindex);
	bind_text(m, ST_INTERFACE, 3, name);
	bind_text(m, ST_INTERFACE, 4, kind);
	bind_text(m, ST_INTERFACE, 5, mac);
	bind_int(m, ST_INTERFACE, 6, mtu);
	metrics_step(m, ST_INTERFACE);
}

static void metrics_sample_set(struct sim_metrics *m, sim_time_t t, const struct node *node,
			       const struct sim_counter_set *cs,
			       const struct sim_counter_kind *k, bool final)
{
	char buf[SIM_COUNTER_SCOPE_MAX];
	const char *scope = sim_counter_scope(cs, k, buf);	/* lives through the steps */
	unsigned int i;

	for (i = 0; i < k->n; i++) {
		bind_int(m, ST_COUNTER, 1, t);
		bind_int(m, ST_COUNTER, 2, node->id);
		bind_text(m, ST_COUNTER, 3, scope);
		bind_text(m, ST_COUNTER, 4, k->names[i]);
		/* Above 2^63 a counter would read back negative; none gets there. */
		bind_int(m, ST_COUNTER, 5, (int64_t)sim_counter_value(cs, k, i));
		bind_int(m, ST_COUNTER, 6, final);
		metrics_step(m, ST_COUNTER);
	}
}

void sim_metrics_sample(struct sim_metrics *m, struct world *w, bool final)
{
	const struct sim_counter_set *cs;
	const struct sim_counter_kind *k;
	guint i;

	if (!m)
		return;
	/* Nodes by id, sets in registration order: never a hash table's order. */
	for (i = 0; i < w->nodes->len; i++) {
		const struct node *node = g_ptr_array_index(w->nodes, i);

		sim_counter_for_each_kind(cs, k, node)
			metrics_sample_set(m, w->now, node, cs, k, final);
	}
}

void sim_metrics_set_drop_rows(struct sim_metrics *m, int64_t max)
{
	if (m)
		m->drop_rows_max = max;
}

static void count_drop(struct sim_metrics *m, const struct node *node, const char *device,
		       const char *reason, const char *function)
{
	if (m->last_key && node == m->last_node && device == m->last_device &&
	    reason == m->last_reason && function == m->last_function &&
	    (!device || strcmp(device, m->last_key->device) == 0)) {
		m->last_key->count++;
		return;
	}
	struct drop_key k = { .node = node ? (int64_t)node->id : -1,
			      .reason = reason ? reason : "",
			      .function = function ? function : "" };
	struct drop_key *found;

	if (device)
		g_strlcpy(k.device, device, sizeof(k.device));
	found = g_hash_table_lookup(m->drop_counts, &k);
	if (!found) {
		found = g_memdup2(&k, sizeof(k));
		g_hash_table_add(m->drop_counts, found);
	}
	found->count++;
	m->last_key = found;
	m->last_node = node;
	m->last_device = device;
	m->last_reason = reason;
	m->last_function = function;
}

bool sim_metrics_drop_rows_left(const struct sim_metrics *m)
{
	return m && m->drop_rows < m->drop_rows_max;
}

uint64_t sim_metrics_drop_count(const struct sim_metrics *m, uint32_t node_id,
				const char *reason)
{
	GHashTableIter it;
	gpointer key;
	uint64_t n = 0;

	if (!m)
		return 0;
	g_hash_table_iter_init(&it, m->drop_counts);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		const struct drop_key *k = key;

		if (k->node == (int64_t)node_id && (!reason || strcmp(k->reason, reason) == 0))
			n += (uint64_t)k->count;
	}
	return n;
}

void sim_metrics_drop(struct sim_metrics *m, sim_time_t t, const struct node *node,
		      const char *device, const char *reason, const char *function,
		      const char *protocol, const char *summary)
{
	if (!m)
		return;
	count_drop(m, node, device, reason, function);
	if (m->drop_rows >= m->drop_rows_max)
		return;		/* drop_counts still has it */
	m->drop_rows++;
	bind_int(m, ST_DROP, 1, t);
	if (node)
		bind_int(m, ST_DROP, 2, node->id);
	else
		bind_null(m, ST_DROP, 2);
	bind_text(m, ST_DROP, 3, device);
	bind_text(m, ST_DROP, 4, reason);
	bind_text(m, ST_DROP, 5, function);
	bind_text(m, ST_DROP, 6, protocol);
	bind_text(m, ST_DROP, 7, summary);
	metrics_step(m, ST_DROP);
}

void sim_metrics_walk_start(struct sim_metrics *m, uint32_t walk, sim_time_t t, uint64_t skb,
			    const char *summary)
{
	if (!m)
		return;
	bind_int(m, ST_WALK_START, 1, walk);
	bind_int(m, ST_WALK_START, 2, t);
	bind_int(m, ST_WALK_START, 3, (int64_t)skb);
	bind_text(m, ST_WALK_START, 4, summary);
	metrics_step(m, ST_WALK_START);
}

void sim_metrics_walk_point(struct sim_metrics *m, uint32_t walk, uint64_t seq,
			    const struct sim_walk_point *pt, int depth)
{
	if (!m)
		return;
	bind_int(m, ST_WALK_POINT, 1, (int64_t)seq);
	bind_int(m, ST_WALK_POINT, 2, walk);
	bind_int(m, ST_WALK_POINT, 3, pt->t);
	if (pt->node)
		bind_int(m, ST_WALK_POINT, 4, pt->node->id);
	else
		bind_null(m, ST_WALK_POINT, 4);
	bind_int(m, ST_WALK_POINT, 5, (int64_t)pt->skb);
	if (pt->parent)
		bind_int(m, ST_WALK_POINT, 6, (int64_t)pt->parent);
	else
		bind_null(m, ST_WALK_POINT, 6);
	bind_int(m, ST_WALK_POINT, 7, depth);
	bind_text(m, ST_WALK_POINT, 8, pt->func);
	bind_text(m, ST_WALK_POINT, 9, pt->file);
	bind_text(m, ST_WALK_POINT, 10, pt->dev);
	bind_text(m, ST_WALK_POINT, 11, pt->detail);
	metrics_step(m, ST_WALK_POINT);
}

static gint cmp_key(gconstpointer a, gconstpointer b)
{
	const struct drop_key *x = *(const struct drop_key *const *)a;
	const struct drop_key *y = *(const struct drop_key *const *)b;
	int c;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if ((c = strcmp(x->device, y->device)))
		return c;
	if ((c = strcmp(x->reason, y->reason)))
		return c;
	return strcmp(x->function, y->function);
}

/* drop_counts rows, in sorted key order (never hash order). */
static void write_drop_counts(struct sim_metrics *m)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, m->drop_counts);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(keys, key);
	g_ptr_array_sort(keys, cmp_key);	/* hash order never reaches the file */
	for (guint i = 0; i < keys->len; i++) {
		const struct drop_key *k = keys->pdata[i];

		if (k->node >= 0)
			bind_int(m, ST_DROP_COUNT, 1, k->node);
		else
			bind_null(m, ST_DROP_COUNT, 1);
		bind_text(m, ST_DROP_COUNT, 2, k->device[0] ? k->device : NULL);
		bind_text(m, ST_DROP_COUNT, 3, k->reason);
		bind_text(m, ST_DROP_COUNT, 4, k->function);
		bind_int(m, ST_DROP_COUNT, 5, k->count);
		metrics_step(m, ST_DROP_COUNT);
	}
	g_ptr_array_unref(keys);
}


void sim_metrics_proc_output(struct sim_metrics *m, sim_time_t t, const struct sim_proc *p,
			     const char *line)
{
	if (!m)
		return;
	bind_int(m, ST_OUTPUT, 1, t);
	bind_int(m, ST_OUTPUT, 2, p->node->id);
	bind_int(m, ST_OUTPUT, 3, p->pid);
	bind_int(m, ST_OUTPUT, 4, ++m->output_seq);
	bind_text(m, ST_OUTPUT, 5, line);
	metrics_step(m, ST_OUTPUT);
}

static const char *proc_state_name(const struct sim_proc *p)
{
	switch (p->state) {
	case SIM_PROC_WAITING:
		return "waiting";
	case SIM_PROC_RUNNING:
		return "running";
	case SIM_PROC_EXITED:
		return p->term_signal ? "killed" : "exited";
	}
	return "unknown";
}

void sim_metrics_proc(struct sim_metrics *m, const struct sim_proc *p)
{
	bool exited = p->state == SIM_PROC_EXITED;

	if (!m)
		return;
	bind_int(m, ST_PROC, 1, p->node->id);
	bind_int(m, ST_PROC, 2, p->pid);
	bind_text(m, ST_PROC, 3, p->cmdline);
	bind_text(m, ST_PROC, 4, p->ops ? p->ops->kind : NULL);
	bind_int(m, ST_PROC, 5, p->start_time);
	if (exited)
		bind_int(m, ST_PROC, 6, p->end_time);
	else
		bind_null(m, ST_PROC, 6);
	/* exit_status for a normal exit, signal for a kill; NULL otherwise */
	if (exited && !p->term_signal)
		bind_int(m, ST_PROC, 7, p->exit_status);
	else
		bind_null(m, ST_PROC, 7);
	if (exited && p->term_signal)
		bind_int(m, ST_PROC, 8, p->term_signal);
	else
		bind_null(m, ST_PROC, 8);
	bind_text(m, ST_PROC, 9, proc_state_name(p));
	metrics_step(m, ST_PROC);
}

void sim_metrics_flush(struct sim_metrics *m)
{
	if (!m)
		return;
	metrics_commit(m);
	metrics_begin(m);
}

const char *sim_metrics_error(const struct sim_metrics *m)
{
	return m ? m->error : NULL;
}

/* ---- closing ---------------------------------------------------------- */

static void metrics_wall(struct sim_metrics *m, const char *key, double value, bool valid)
{
	bind_text(m, ST_WALL, 1, key);
	if (valid)
		metrics_check(m, sqlite3_bind_double(m->st[ST_WALL], 2, value), "bind");
	else
		bind_null(m, ST_WALL, 2);
	metrics_step(m, ST_WALL);
}

static void metrics_write_end(struct sim_metrics *m, const struct sim_metrics_end *end)
{
	bind_int(m, ST_RUN_END, 1, end->sim_ns);
	bind_int(m, ST_RUN_END, 2, (int64_t)end->events);
	bind_int(m, ST_RUN_END, 3, end->complete);
	bind_int(m, ST_RUN_END, 4, end->exit_status);
	bind_text(m, ST_RUN_END, 5, end->error);
	metrics_step(m, ST_RUN_END);

	/* Wall-clock figures live here only: every other table is reproducible. */
	metrics_wall(m, "wall_s", end->wall_s, true);
	metrics_wall(m, "build_wall_s", end->build_wall_s, true);
	metrics_wall(m, "events_per_s", end->wall_s > 0 ? end->events / end->wall_s : 0,
		     end->wall_s > 0);
	metrics_wall(m, "maxrss_kb", end->maxrss_kb, true);
}

int sim_metrics_close(struct sim_metrics *m, const struct sim_metrics_end *end)
{
	int ret = 0;

	if (!m)
		return 0;
	write_drop_counts(m);
	metrics_write_end(m, end);
	metrics_commit(m);
	if (m->error) {
		fprintf(stderr, "skbsim: %s\n", m->error);
		ret = -1;
	}
	metrics_free(m);
	return ret;
}

void sim_metrics_abandon(struct sim_metrics *m)
{
	if (!m)
		return;
	write_drop_counts(m);
	metrics_commit(m);	/* keep what was written; complete stays 0 */
	metrics_free(m);
}

/* ---- periodic sampling ------------------------------------------------ */

static void metrics_sample_event(struct world *w, struct sim_event *ev);

static void metrics_arm(struct world *w)
{
	/* An interval past the end of time never fires. */
	if (w->now > SIM_TIME_MAX - w->sample_interval)
		return;
	sim_schedule(w, &w->sample_ev, w->now + w->sample_interval);
}

static void metrics_sample_event(struct world *w, struct sim_event *ev)
{
	(void)ev;
	if (!w->metrics)
		return;
	sim_metrics_sample(w->metrics, w, false);
	/* A commit per sample: an interrupted run keeps every sample so far. */
	sim_metrics_flush(w->metrics);
	if (w->sample_interval)
		metrics_arm(w);
}

void sim_metrics_set_interval(struct world *w, sim_time_t interval_ns)
{
	SIM_BUG_ON(interval_ns < 0);
	w->sample_interval = interval_ns;
	if (sim_event_pending(&w->sample_ev))
		sim_cancel(w, &w->sample_ev);
	if (!w->metrics || !interval_ns)
		return;
	sim_event_init(&w->sample_ev, metrics_sample_event);
	metrics_arm(w);
}
