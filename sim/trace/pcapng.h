/*
 * sim/trace/pcapng.h - a small pcapng writer for annotated captures
 *
 * No kernel counterpart.  libpcap reads pcapng but cannot write it, and
 * the annotated captures of net:capture{ annotate = true } need what only
 * pcapng has: several interfaces in one file (every device of a node and
 * its "drops" pseudo interface) and a comment per packet (opt_comment,
 * Wireshark's frame.comment).  One section, little-endian whatever the
 * host, nanosecond timestamps (if_tsresol = 9), and nothing that depends
 * on the machine or the wall clock, so identical runs give identical
 * bytes.  Format: draft-ietf-opsawg-pcapng (SHB, IDB, EPB).
 */
#ifndef SKBSIM_SIM_TRACE_PCAPNG_H
#define SKBSIM_SIM_TRACE_PCAPNG_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/err.h"
#include "sim/time.h"

/* block types */
#define PCAPNG_BT_SHB		0x0A0D0D0Au
#define PCAPNG_BT_IDB		0x00000001u
#define PCAPNG_BT_EPB		0x00000006u
#define PCAPNG_BYTE_ORDER_MAGIC	0x1A2B3C4Du

/* option codes */
#define PCAPNG_OPT_ENDOFOPT	0
#define PCAPNG_OPT_COMMENT	1
#define PCAPNG_SHB_USERAPPL	4
#define PCAPNG_IF_NAME		2
#define PCAPNG_IF_TSRESOL	9

struct sim_pcapng;

/*
 * Creates (truncates) @path and writes its section header block, whose
 * shb_userappl is @userappl ("skbsim 0.1.0").  NULL with @err set when
 * the file cannot be created.
 */
struct sim_pcapng *sim_pcapng_open(const char *path, const char *userappl,
				   struct sim_err *err);
/*
 * Writes an interface description block named @name (if_name, "h1:eth0")
 * with link type @linktype (a DLT/LINKTYPE number) and nanosecond
 * resolution; returns its interface id (0, 1, ... in the order added).
 */
uint32_t sim_pcapng_add_interface(struct sim_pcapng *f, const char *name, uint16_t linktype,
				  uint32_t snaplen);
/*
 * Writes an enhanced packet block on interface @ifid seen at @t: @caplen
 * bytes of @data (cut to the interface's snaplen) of a frame of @len
 * bytes, with @comment as its opt_comment when not NULL or empty.
 */
void sim_pcapng_write(struct sim_pcapng *f, uint32_t ifid, sim_time_t t, const void *data,
		      uint32_t caplen, uint32_t len, const char *comment);
uint32_t sim_pcapng_interfaces(const struct sim_pcapng *f);
uint64_t sim_pcapng_packets(const struct sim_pcapng *f);
const char *sim_pcapng_path(const struct sim_pcapng *f);
/* Writes out buffered blocks; -1 with @err set if the file cannot be written. */
int sim_pcapng_flush(struct sim_pcapng *f, struct sim_err *err);
/* Flushes and closes; -1 with @err set (may be NULL) on a write error. */
int sim_pcapng_close(struct sim_pcapng *f, struct sim_err *err);

#endif
