/*
 * sim/trace/pcapng.c - a small pcapng writer for annotated captures
 *
 * No kernel counterpart: what dumpcap does when it writes pcapng.  Each
 * block is assembled in a scratch buffer (its length is known only once
 * the options are in) and handed to stdio, whose 64 KiB buffer makes the
 * writes; sim_pcapng_flush() pushes it out so a scenario can read a file
 * between runs.  Every field is written little-endian byte by byte, every
 * block and option is padded to 32 bits with zero bytes, and the total
 * length is repeated at the end of each block, so the bytes are the same
 * on any host.
 */
#include "sim/trace/pcapng.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#define PCAPNG_BUFSIZE		65536
#define PCAPNG_TSRESOL_NSEC	9	/* if_tsresol: 10^-9 s */

struct sim_pcapng {
	FILE *fp;
	char *path;
	char *iobuf;			/* stdio's buffer (setvbuf) */
	GByteArray *blk;		/* the block being assembled */
	GArray *snaplen;		/* uint32_t per interface id */
	uint64_t packets;
	bool failed;			/* a write failed: errno_saved says why */
	int errno_saved;
};

/* ---- assembling a block -------------------------------------------------- */

static void put_u16(GByteArray *b, uint16_t v)
{
	const uint8_t le[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	g_byte_array_append(b, le, sizeof(le));
}

static void put_u32(GByteArray *b, uint32_t v)
{
	const uint8_t le[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
				(uint8_t)(v >> 24) };

	g_byte_array_append(b, le, sizeof(le));
}

static void set_u32(GByteArray *b, size_t at, uint32_t v)
{
	b->data[at] = (uint8_t)v;
	b->data[at + 1] = (uint8_t)(v >> 8);
	b->data[at + 2] = (uint8_t)(v >> 16);
	b->data[at + 3] = (uint8_t)(v >> 24);
}

/* Zero bytes up to the next multiple of 4 (options and packet data). */
static void put_pad32(GByteArray *b)
{
	static const uint8_t zero[3];

	if (b->len % 4)
		g_byte_array_append(b, zero, 4 - b->len % 4);
}

static void put_bytes_padded(GByteArray *b, const void *data, size_t len)
{
	g_byte_array_append(b, data, (guint)len);
	put_pad32(b);
}

/* An option: code, length of the value (unpadded), value, padding. */
static void put_option(GByteArray *b, uint16_t code, const void *val, size_t len)
{
	put_u16(b, code);
	put_u16(b, (uint16_t)len);
	put_bytes_padded(b, val, len);
}

static void put_option_str(GByteArray *b, uint16_t code, const char *s)
{
	/* an option value is at most 65535 bytes: longer text is cut */
	size_t len = strlen(s);

	put_option(b, code, s, len > 0xfffc ? 0xfffc : len);
}

/* Starts a block: type, and the total length filled in by block_end(). */
static void block_begin(GByteArray *b, uint32_t type)
{
	g_byte_array_set_size(b, 0);
	put_u32(b, type);
	put_u32(b, 0);
}

/* opt_endofopt, the trailing length, and out to the file. */
static void block_end(struct sim_pcapng *f, bool has_options)
{
	GByteArray *b = f->blk;
	uint32_t total;

	if (has_options) {
		put_u16(b, PCAPNG_OPT_ENDOFOPT);
		put_u16(b, 0);
	}
	total = b->len + 4;
	put_u32(b, total);
	set_u32(b, 4, total);
	if (!f->failed && fwrite(b->data, 1, b->len, f->fp) != b->len) {
		f->failed = true;
		f->errno_saved = errno;
	}
}

/* ---- the file ------------------------------------------------------------ */

static void write_section_header(struct sim_pcapng *f, const char *userappl)
{
	GByteArray *b = f->blk;

	block_begin(b, PCAPNG_BT_SHB);
	put_u32(b, PCAPNG_BYTE_ORDER_MAGIC);
	put_u16(b, 1);			/* major version */
	put_u16(b, 0);			/* minor version */
	put_u32(b, 0xffffffffu);	/* section length: -1, not computed */
	put_u32(b, 0xffffffffu);
	if (userappl && *userappl)
		put_option_str(b, PCAPNG_SHB_USERAPPL, userappl);
	block_end(f, userappl && *userappl);
}

struct sim_pcapng *sim_pcapng_open(const char *path, const char *userappl,
				   struct sim_err *err)
{
	struct sim_pcapng *f;
	FILE *fp = fopen(path, "wb");

	if (!fp) {
		sim_err_set(err, "%s: %s", path, g_strerror(errno));
		return NULL;
	}
	f = g_new0(struct sim_pcapng, 1);
	f->fp = fp;
	f->path = g_strdup(path);
	f->iobuf = g_malloc(PCAPNG_BUFSIZE);
	setvbuf(fp, f->iobuf, _IOFBF, PCAPNG_BUFSIZE);
	f->blk = g_byte_array_sized_new(256);
	f->snaplen = g_array_new(FALSE, FALSE, sizeof(uint32_t));
	write_section_header(f, userappl);
	return f;
}

uint32_t sim_pcapng_add_interface(struct sim_pcapng *f, const char *name, uint16_t linktype,
				  uint32_t snaplen)
{
	const uint8_t tsresol = PCAPNG_TSRESOL_NSEC;
	GByteArray *b = f->blk;

	block_begin(b, PCAPNG_BT_IDB);
	put_u16(b, linktype);
	put_u16(b, 0);			/* reserved */
	put_u32(b, snaplen);
	put_option_str(b, PCAPNG_IF_NAME, name);
	put_option(b, PCAPNG_IF_TSRESOL, &tsresol, 1);
	block_end(f, true);
	g_array_append_val(f->snaplen, snaplen);
	return f->snaplen->len - 1;
}

void sim_pcapng_write(struct sim_pcapng *f, uint32_t ifid, sim_time_t t, const void *data,
		      uint32_t caplen, uint32_t len, const char *comment)
{
	GByteArray *b = f->blk;
	uint64_t ts = (uint64_t)t;	/* ns since the start: if_tsresol 9 */
	uint32_t snap;

	SIM_BUG_ON(ifid >= f->snaplen->len);
	SIM_BUG_ON(t < 0 || caplen > len);
	snap = g_array_index(f->snaplen, uint32_t, ifid);
	if (snap && caplen > snap)
		caplen = snap;
	block_begin(b, PCAPNG_BT_EPB);
	put_u32(b, ifid);
	put_u32(b, (uint32_t)(ts >> 32));
	put_u32(b, (uint32_t)ts);
	put_u32(b, caplen);
	put_u32(b, len);
	put_bytes_padded(b, data, caplen);
	if (comment && *comment)
		put_option_str(b, PCAPNG_OPT_COMMENT, comment);
	block_end(f, comment && *comment);
	f->packets++;
}

uint32_t sim_pcapng_interfaces(const struct sim_pcapng *f)
{
	return f->snaplen->len;
}

uint64_t sim_pcapng_packets(const struct sim_pcapng *f)
{
	return f->packets;
}

const char *sim_pcapng_path(const struct sim_pcapng *f)
{
	return f->path;
}

int sim_pcapng_flush(struct sim_pcapng *f, struct sim_err *err)
{
	if (!f->failed && fflush(f->fp) != 0) {
		f->failed = true;
		f->errno_saved = errno;
	}
	if (f->failed && err)
		return sim_err_set(err, "%s: %s", f->path, g_strerror(f->errno_saved));
	return f->failed ? -1 : 0;
}

int sim_pcapng_close(struct sim_pcapng *f, struct sim_err *err)
{
	int ret;

	if (!f)
		return 0;
	ret = sim_pcapng_flush(f, err);
	if (fclose(f->fp) != 0 && ret == 0) {
		ret = -1;
		if (err)
			sim_err_set(err, "%s: %s", f->path, g_strerror(errno));
	}
	g_free(f->iobuf);		/* after fclose: stdio's buffer until then */
	g_byte_array_unref(f->blk);
	g_array_unref(f->snaplen);
	g_free(f->path);
	g_free(f);
	return ret;
}
