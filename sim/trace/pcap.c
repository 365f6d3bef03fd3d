/*
 * sim/trace/pcap.c - pcap files and the capture configuration
 *
 * No kernel counterpart: this is what tcpdump does on a real machine.
 * Files are what libpcap's pcap_dump() writes for a "dead" handle opened
 * with nanosecond precision: the nanosecond magic, then a 16-byte record
 * header (seconds, nanoseconds, caplen, len; host byte order) per frame.
 * We write them ourselves so that a file's 64 KiB buffer is made at its
 * first frame (below).  Nothing in a file depends on wall-clock time, so
 * identical frames give identical bytes.
 *
 * A filter is compiled by libpcap against the file's link type and run on
 * each frame with pcap_offline_filter(), as tcpdump -w would run it in the
 * kernel: frames that do not match are neither written nor counted.
 *
 * Annotated captures (net:capture{ annotate = true }): a node covered by
 * such a call gets <out>/pcapng/<node>.pcapng (sim/trace/pcapng.c), opened
 * with the node's first capture file or first drop.  Each capture file of
 * the node points to it and adds its interface block on its first frame,
 * so interfaces appear in the order they first carry a frame; the "drops"
 * interface likewise on the first drop.
 */
#include "sim/trace/pcap.h"

#include "sim/trace/pcapng.h"
#include "sim/version.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

/*
 * Each file's buffer.  stdio's default (the file system's 4 KiB block)
 * made a write(2) every four 1 KB frames; at a gigabyte a second of
 * frames the system call and the page cache's per-write work cost more
 * than the copy.  64 KiB keeps the buffers of a few dozen busy files in
 * L2 (scripts/bench.sh chain, pcap=1; docs/performance.md).  It is made at
 * a file's first frame: an interface that carries nothing costs none.
 */
#define SIM_PCAP_BUFSIZE	65536

#define PCAP_NSEC_MAGIC		0xa1b23c4du

struct pcap_file_header_ns {
	uint32_t magic;
	uint16_t version_major, version_minor;
	int32_t thiszone;
	uint32_t sigfigs, snaplen, linktype;	/* our DLT_ values are LINKTYPE_ values */
};

struct pcap_record_header_ns {
	uint32_t ts_sec, ts_nsec, caplen, len;
};

struct sim_pcap {
	int fd;				/* -1: not open */
	char *buf;			/* SIM_PCAP_BUFSIZE, from the first frame */
	size_t buffered;
	struct bpf_program prog;
	bool filtered;			/* prog holds a compiled filter */
	uint64_t frames;
	char *path;
	/* which interface a capture opened it for (sim_capture_iface) */
	uint32_t node_id;
	char *ifname;
	int linktype;
	/* the node's annotated pcapng, and our interface in it (-1: not yet) */
	struct capture_ng *ng;
	int64_t ng_ifid;
};

/* A node's annotated pcapng. */
struct capture_ng {
	struct sim_pcapng *file;
	char *node;			/* for the interface names */
	int64_t drops_ifid;		/* the "drops" interface, -1: not yet */
};

/* One net:capture() call. */
struct sim_capture_rule {
	char *node;			/* NULL: every node */
	char *filter;			/* NULL: every frame */
	bool annotate;			/* annotate = true: the pcapngs too */
};

struct sim_capture {
	GPtrArray *rules;		/* struct sim_capture_rule *, in call order */
	GPtrArray *ng;			/* struct capture_ng *, by node id, or NULL */
};

/* ---- one file --------------------------------------------------------- */

static bool filter_is_empty(const char *filter)
{
	return !filter || !*filter;
}

/*
 * Compiles @filter for @linktype through a "dead" handle (no live device),
 * which only the compiler needs: pcap_offline_filter() runs the program
 * alone.  The netmask is unknown (as for a file): "ip broadcast" then
 * fails to compile, as with tcpdump -r.
 */
static int pcap_compile_filter(int linktype, const char *filter, struct bpf_program *prog,
			       struct sim_err *err)
{
	pcap_t *dead = pcap_open_dead_with_tstamp_precision(linktype, SIM_PCAP_SNAPLEN,
							    PCAP_TSTAMP_PRECISION_NANO);
	int ret = 0;

	if (!dead)
		return sim_err_set(err, "pcap: cannot make a handle for link type %d", linktype);
	if (pcap_compile(dead, prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0)
		ret = sim_err_set(err, "bad capture filter \"%s\": %s", filter, pcap_geterr(dead));
	pcap_close(dead);
	return ret;
}

/* Checks that @filter compiles for @linktype, without opening a file. */
static int pcap_check_filter(const char *filter, int linktype, struct sim_err *err)
{
	struct bpf_program prog;

	if (filter_is_empty(filter))
		return 0;
	if (pcap_compile_filter(linktype, filter, &prog, err) < 0)
		return -1;
	pcap_freecode(&prog);
	return 0;
}

/* Writes all of @len bytes, or fails with errno set. */
static int pcap_write_all(int fd, const void *data, size_t len)
{
	const char *d = data;

	while (len) {
		ssize_t n = write(fd, d, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		d += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Pushes the buffered records to the file (errors are not reported,
 * as pcap_dump() reported none: the capture is what arrived). */
static void sim_pcap_flush(struct sim_pcap *p)
{
	if (p->buffered && p->fd >= 0)
		(void)pcap_write_all(p->fd, p->buf, p->buffered);
	p->buffered = 0;
}

struct sim_pcap *sim_pcap_open(const char *path, int linktype, const char *filter,
			       struct sim_err *err)
{
	struct sim_pcap *p = g_new0(struct sim_pcap, 1);
	struct pcap_file_header_ns fh = {
		.magic = PCAP_NSEC_MAGIC, .version_major = 2, .version_minor = 4,
		.snaplen = SIM_PCAP_SNAPLEN, .linktype = (uint32_t)linktype,
	};

	p->fd = -1;
	p->linktype = linktype;
	p->ng_ifid = -1;
	p->path = g_strdup(path);
	/* Compile before creating the file: a bad filter leaves no empty file. */
	if (!filter_is_empty(filter)) {
		if (pcap_compile_filter(linktype, filter, &p->prog, err) < 0)
			goto fail;
		p->filtered = true;
	}
	p->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (p->fd < 0) {
		sim_err_set(err, "%s: %s", path, g_strerror(errno));
		goto fail;
	}
	if (pcap_write_all(p->fd, &fh, sizeof(fh)) < 0) {
		sim_err_set(err, "%s: %s", path, g_strerror(errno));
		g_remove(path);
		goto fail;
	}
	return p;
fail:
	sim_pcap_close(p);
	return NULL;
}

bool sim_pcap_write(struct sim_pcap *p, sim_time_t t, const void *data, uint32_t caplen,
		    uint32_t len)
{
	struct pcap_record_header_ns rh;

	SIM_BUG_ON(t < 0);
	SIM_BUG_ON(caplen > len);
	if (caplen > SIM_PCAP_SNAPLEN)
		caplen = SIM_PCAP_SNAPLEN;
	if (p->filtered) {
		struct pcap_pkthdr hdr = { .caplen = caplen, .len = len };

		if (!pcap_offline_filter(&p->prog, &hdr, data))
			return false;
	}
	rh.ts_sec = (uint32_t)(t / SIM_NSEC_PER_SEC);
	rh.ts_nsec = (uint32_t)(t % SIM_NSEC_PER_SEC);
	rh.caplen = caplen;
	rh.len = len;
	if (!p->buf)
		p->buf = g_malloc(SIM_PCAP_BUFSIZE);
	if (p->buffered + sizeof(rh) + caplen > SIM_PCAP_BUFSIZE)
		sim_pcap_flush(p);
	if (sizeof(rh) + caplen > SIM_PCAP_BUFSIZE) {
		/* a frame above 64 KiB (snap length 256 KiB): straight out */
		(void)pcap_write_all(p->fd, &rh, sizeof(rh));
		(void)pcap_write_all(p->fd, data, caplen);
	} else {
		memcpy(p->buf + p->buffered, &rh, sizeof(rh));
		memcpy(p->buf + p->buffered + sizeof(rh), data, caplen);
		p->buffered += sizeof(rh) + caplen;
	}
	p->frames++;
	return true;
}

uint64_t sim_pcap_frames(const struct sim_pcap *p)
{
	return p->frames;
}

const char *sim_pcap_path(const struct sim_pcap *p)
{
	return p->path;
}

void sim_pcap_close(struct sim_pcap *p)
{
	if (!p)
		return;
	sim_pcap_flush(p);
	if (p->fd >= 0)
		close(p->fd);
	g_free(p->buf);
	if (p->filtered)
		pcap_freecode(&p->prog);
	g_free(p->ifname);
	g_free(p->path);
	g_free(p);
}

/* ---- the capture configuration of a world ----------------------------- */

static void capture_rule_free(gpointer data)
{
	struct sim_capture_rule *r = data;

	g_free(r->node);
	g_free(r->filter);
	g_free(r);
}

static void capture_annotate_open_files(struct world *w);

int sim_capture_enable(struct world *w, const char *node, const char *filter,
		       struct sim_err *err)
{
	return sim_capture_enable_annotate(w, node, filter, false, err);
}

int sim_capture_enable_annotate(struct world *w, const char *node, const char *filter,
				bool annotate, struct sim_err *err)
{
	struct sim_capture_rule *r;

	if (node && !world_node(w, node))
		return sim_err_set(err, "capture: no node named \"%s\"", node);
	/* Ethernet is what almost every interface has; others compile when opened. */
	if (pcap_check_filter(filter, SIM_DLT_EN10MB, err) < 0)
		return -1;
	if (!w->capture) {
		w->capture = g_new0(struct sim_capture, 1);
		w->capture->rules = g_ptr_array_new_with_free_func(capture_rule_free);
		w->capture->ng = g_ptr_array_new();
	}
	r = g_new0(struct sim_capture_rule, 1);
	r->node = g_strdup(node);
	r->filter = filter_is_empty(filter) ? NULL : g_strdup(filter);
	r->annotate = annotate;
	g_ptr_array_add(w->capture->rules, r);
	if (annotate)
		w->capture_annotate = true;	/* the drop tap in kfree_skb_reason */
	/* the models open the files of the interfaces that exist now */
	if (w->capture_hook)
		w->capture_hook(w);
	capture_annotate_open_files(w);
	return 0;
}

/*
 * The rule that covers @node: the latest call naming it, else the latest
 * call for every node, so net:capture() then net:capture{ node = "r1",
 * filter = "icmp" } captures everything except on r1, where only ICMP.
 */
static const struct sim_capture_rule *capture_rule_for(const struct sim_capture *cap,
							const struct node *node)
{
	const struct sim_capture_rule *any = NULL;
	guint i;

	for (i = cap->rules->len; i-- > 0;) {
		const struct sim_capture_rule *r = g_ptr_array_index(cap->rules, i);

		if (r->node && strcmp(r->node, node->name) == 0)
			return r;
		if (!r->node && !any)
			any = r;
	}
	return any;
}

static struct sim_pcap *capture_lookup(const struct world *w, const struct node *node,
				       const char *ifname)
{
	guint i;

	for (i = 0; i < w->pcaps->len; i++) {
		struct sim_pcap *p = g_ptr_array_index(w->pcaps, i);

		if (p->node_id == node->id && strcmp(p->ifname, ifname) == 0)
			return p;
	}
	return NULL;
}

/* <out>/pcap/<node>-<ifname>.pcap, creating <out>/pcap. */
static char *capture_path(const struct world *w, const struct node *node,
			  const char *ifname, struct sim_err *err)
{
	char *dir = g_build_filename(w->out_dir, "pcap", NULL);
	char *base, *path;

	if (g_mkdir_with_parents(dir, 0755) < 0) {
		sim_err_set(err, "%s: %s", dir, g_strerror(errno));
		g_free(dir);
		return NULL;
	}
	base = g_strdup_printf("%s-%s.pcap", node->name, ifname);
	g_strdelimit(base, "/", '_');	/* a name is never a path */
	path = g_build_filename(dir, base, NULL);
	g_free(base);
	g_free(dir);
	return path;
}

/* ---- annotated pcapng files --------------------------------------------- */

static void capture_ng_free(struct capture_ng *ng)
{
	if (!ng)
		return;
	sim_pcapng_close(ng->file, NULL);	/* errors were reported by the last flush */
	g_free(ng->node);
	g_free(ng);
}

/* <out>/pcapng/<node>.pcapng, creating <out>/pcapng. */
static char *capture_ng_path(const struct world *w, const struct node *node,
			     struct sim_err *err)
{
	char *dir = g_build_filename(w->out_dir, "pcapng", NULL);
	char *base, *path;

	if (g_mkdir_with_parents(dir, 0755) < 0) {
		sim_err_set(err, "%s: %s", dir, g_strerror(errno));
		g_free(dir);
		return NULL;
	}
	base = g_strdup_printf("%s.pcapng", node->name);
	g_strdelimit(base, "/", '_');	/* a name is never a path */
	path = g_build_filename(dir, base, NULL);
	g_free(base);
	g_free(dir);
	return path;
}

/*
 * @node's pcapng when its rule annotates, opened on first use; NULL when
 * it does not, or when the file cannot be created (the run fails then).
 */
static struct capture_ng *capture_ng_for(struct world *w, const struct node *node)
{
	const struct sim_capture_rule *r;
	struct sim_err err = { { 0 } };
	struct capture_ng *ng;
	char *path;

	if (!w->capture || !w->out_dir)
		return NULL;
	if (node->id < w->capture->ng->len) {
		ng = g_ptr_array_index(w->capture->ng, node->id);
		if (ng)
			return ng;
	}
	r = capture_rule_for(w->capture, node);
	if (!r || !r->annotate)
		return NULL;
	path = capture_ng_path(w, node, &err);
	ng = g_new0(struct capture_ng, 1);
	ng->file = path ? sim_pcapng_open(path, "skbsim " SKBSIM_VERSION, &err) : NULL;
	g_free(path);
	if (!ng->file) {
		g_free(ng);
		world_fail(w, "capture %s: %s", node->name, err.msg);
		return NULL;
	}
	ng->node = g_strdup(node->name);
	ng->drops_ifid = -1;
	if (w->capture->ng->len <= node->id)
		g_ptr_array_set_size(w->capture->ng, (guint)node->id + 1);
	g_ptr_array_index(w->capture->ng, node->id) = ng;
	return ng;
}

/* After an annotate call: the capture files already open join their pcapng. */
static void capture_annotate_open_files(struct world *w)
{
	for (guint i = 0; w->pcaps && i < w->pcaps->len; i++) {
		struct sim_pcap *p = g_ptr_array_index(w->pcaps, i);

		if (!p->ng)
			p->ng = capture_ng_for(w, world_node_by_id(w, p->node_id));
	}
}

bool sim_pcap_annotated(const struct sim_pcap *p)
{
	return p->ng != NULL;
}

void sim_pcap_annotate(struct sim_pcap *p, sim_time_t t, const void *data, uint32_t caplen,
		       uint32_t len, const char *comment)
{
	struct capture_ng *ng = p->ng;

	if (!ng)
		return;
	if (p->ng_ifid < 0) {
		char *name = g_strdup_printf("%s:%s", ng->node, p->ifname);

		p->ng_ifid = sim_pcapng_add_interface(ng->file, name, (uint16_t)p->linktype,
						      SIM_PCAP_SNAPLEN);
		g_free(name);
	}
	sim_pcapng_write(ng->file, (uint32_t)p->ng_ifid, t, data, caplen, len, comment);
}

bool sim_capture_node_annotated(struct world *w, struct node *node)
{
	return capture_ng_for(w, node) != NULL;
}

void sim_capture_drop(struct world *w, struct node *node, sim_time_t t, const void *data,
		      uint32_t caplen, uint32_t len, const char *comment)
{
	struct capture_ng *ng = capture_ng_for(w, node);

	if (!ng)
		return;
	if (ng->drops_ifid < 0) {
		char *name = g_strdup_printf("%s:drops", ng->node);

		ng->drops_ifid = sim_pcapng_add_interface(ng->file, name, SIM_DLT_EN10MB,
							  SIM_PCAP_SNAPLEN);
		g_free(name);
	}
	sim_pcapng_write(ng->file, (uint32_t)ng->drops_ifid, t, data, caplen, len, comment);
}

/* ---- the capture files of interfaces ------------------------------------ */

struct sim_pcap *sim_capture_iface(struct world *w, struct node *node, const char *ifname,
				   int linktype)
{
	const struct sim_capture_rule *r;
	struct sim_err err = { { 0 } };
	struct sim_pcap *p;
	char *path;

	if (!w->capture || !w->out_dir)
		return NULL;
	r = capture_rule_for(w->capture, node);
	if (!r)
		return NULL;
	p = capture_lookup(w, node, ifname);
	if (p) {
		if (p->linktype == linktype)
			return p;
		/* A pcap file has one link type; pcapng would be needed here. */
		world_fail(w, "capture %s %s: link type changed from %d to %d", node->name,
			   ifname, p->linktype, linktype);
		return NULL;
	}
	path = capture_path(w, node, ifname, &err);
	p = path ? sim_pcap_open(path, linktype, r->filter, &err) : NULL;
	g_free(path);
	if (!p) {
		/* No silent hole in the trace: the run stops with the reason. */
		world_fail(w, "capture %s %s: %s", node->name, ifname, err.msg);
		return NULL;
	}
	p->node_id = node->id;
	p->ifname = g_strdup(ifname);
	p->ng = capture_ng_for(w, node);
	g_ptr_array_add(w->pcaps, p);
	return p;
}

void sim_capture_flush_all(struct world *w)
{
	for (guint i = 0; w->pcaps && i < w->pcaps->len; i++) {
		struct sim_pcap *p = g_ptr_array_index(w->pcaps, i);

		sim_pcap_flush(p);
	}
	for (guint i = 0; w->capture && i < w->capture->ng->len; i++) {
		struct capture_ng *ng = g_ptr_array_index(w->capture->ng, i);
		struct sim_err err = { { 0 } };

		if (ng && sim_pcapng_flush(ng->file, &err) < 0)
			world_fail(w, "capture %s: %s", ng->node, err.msg);
	}
}

void sim_capture_close_all(struct world *w)
{
	guint i;

	/* The array itself is the world's (world_create/world_destroy). */
	if (w->pcaps) {
		for (i = 0; i < w->pcaps->len; i++)
			sim_pcap_close(g_ptr_array_index(w->pcaps, i));
		g_ptr_array_set_size(w->pcaps, 0);
	}
	if (w->capture) {
		for (i = 0; i < w->capture->ng->len; i++)
			capture_ng_free(g_ptr_array_index(w->capture->ng, i));
		g_ptr_array_unref(w->capture->ng);
		g_ptr_array_unref(w->capture->rules);
		g_free(w->capture);
		w->capture = NULL;
	}
	w->capture_annotate = false;
}
