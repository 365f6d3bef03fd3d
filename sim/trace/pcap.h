/*
 * sim/trace/pcap.h - pcap files and the capture configuration
 *
 * No kernel counterpart: this is tcpdump's side.  Files are written with
 * libpcap (pcap_open_dead_with_tstamp_precision, nanosecond timestamps),
 * one per captured interface: <out>/pcap/<node>-<iface>.pcap.  A model
 * asks sim_capture_iface() when a device comes up or a capture starts and
 * writes every frame where tcpdump would see it (dev_queue_xmit_nit on
 * transmit, __netif_receive_skb_core on receive).
 *
 * net:capture{ annotate = true } also gives each node it covers one
 * pcapng, <out>/pcapng/<node>.pcapng (sim/trace/pcapng.h): an interface
 * per device ("h1:eth0", added when its first frame is written), the same
 * frames as the pcaps with a comment each, and a "drops" interface for
 * the packets the node's kernel drops.  The comments come from the models
 * (models/core/capture.c); docs/captures.md describes them.
 */
#ifndef SKBSIM_SIM_TRACE_PCAP_H
#define SKBSIM_SIM_TRACE_PCAP_H

#include <stdint.h>

#include "sim/world.h"

#define SIM_DLT_EN10MB		1	/* Ethernet */
#define SIM_DLT_IEEE802_11_RADIO 127	/* radiotap */
#define SIM_PCAP_SNAPLEN	262144	/* tcpdump's default */

struct sim_pcap;

/* Opens (truncates) @path; the BPF @filter (tcpdump syntax) may be NULL. */
struct sim_pcap *sim_pcap_open(const char *path, int linktype, const char *filter,
			       struct sim_err *err);
/*
 * Writes one frame seen at @t; @len is the frame's length on the wire.
 * Returns false when the capture filter rejected it (nothing written).
 */
bool sim_pcap_write(struct sim_pcap *p, sim_time_t t, const void *data,
		    uint32_t caplen, uint32_t len);
/* Frames written (after the filter). */
uint64_t sim_pcap_frames(const struct sim_pcap *p);
const char *sim_pcap_path(const struct sim_pcap *p);
void sim_pcap_close(struct sim_pcap *p);

/*
 * net:capture{ filter = , nodes = } enables captures for the world:
 * @filter (may be NULL) is checked now, so a bad filter is an error at the
 * script line; @node (may be NULL: every node) limits them to one node.
 */
int sim_capture_enable(struct world *w, const char *node, const char *filter,
		       struct sim_err *err);
/*
 * The same with @annotate: the nodes the call covers also get their
 * annotated pcapng (and w->capture_annotate turns on).  A file already
 * open keeps its filter, but starts being annotated.
 */
int sim_capture_enable_annotate(struct world *w, const char *node, const char *filter,
				bool annotate, struct sim_err *err);

/* ---- annotated captures (pcapng) ---- */

/* @p's node has an annotated pcapng: its frames should carry comments. */
bool sim_pcap_annotated(const struct sim_pcap *p);
/*
 * Writes a frame sim_pcap_write() just accepted on @p to the node's
 * pcapng, on @p's interface, with @comment (the kernel's view of it).
 */
void sim_pcap_annotate(struct sim_pcap *p, sim_time_t t, const void *data, uint32_t caplen,
		       uint32_t len, const char *comment);
/*
 * @node has an annotated pcapng (opened now if its capture rule asks for
 * one).  Drop records go there whatever the filter: a filter chooses the
 * traffic to watch, a drop is what a lab wants to see whichever it is.
 */
bool sim_capture_node_annotated(struct world *w, struct node *node);
/* A dropped packet on @node's "drops" interface (an Ethernet frame). */
void sim_capture_drop(struct world *w, struct node *node, sim_time_t t, const void *data,
		      uint32_t caplen, uint32_t len, const char *comment);
/*
 * The pcap for @ifname on @node when captures cover it, else NULL.  Opened
 * on first use and owned by the world (closed by world_destroy); a second
 * call for the same interface returns the same file.  When several
 * sim_capture_enable() calls cover a node, the latest one naming it wins,
 * else the latest one for every node; a file keeps the filter it was
 * opened with.  No out_dir: NULL.  A file that cannot be opened (or a
 * filter that does not compile for @linktype) fails the run (world_fail)
 * and returns NULL.
 */
struct sim_pcap *sim_capture_iface(struct world *w, struct node *node, const char *ifname,
				   int linktype);
/*
 * Closes every file captures opened and forgets the capture settings
 * (world_destroy, after the models' node_exit).  Handles returned by
 * sim_capture_iface() are invalid afterwards.
 */
void sim_capture_close_all(struct world *w);
/* Writes out what the files buffer, so that a scenario can read them between runs. */
void sim_capture_flush_all(struct world *w);

#endif
