/*
 * tests/fuzz/fuzz_proc.c - writes and reads of the files `echo >` and `cat` reach
 *
 * No kernel counterpart.  The input picks one file of r's view under
 * /proc (byte 0-1: its index among the sorted paths), how to write it
 * (byte 2: `>` write, `>>` append, or only read) and the text written
 * (the rest, as echo hands it over: with its newline).  The file is read
 * back afterwards, as `cat` would.  Writes go through the same
 * sim_vfs_write()/sim_vfs_append() the shell's redirections call; the sh
 * harness covers the redirection syntax itself.
 */
#include <string.h>

#include <glib.h>

#include "fuzz_cmdworld.h"
#include "sim/sh.h"

static GPtrArray *proc_paths;		/* sorted, of the world below */
static unsigned int proc_paths_gen;

static const char *proc_pick(struct node *n, unsigned int i)
{
	if (!proc_paths || proc_paths_gen != fz_cmd_world_generation()) {
		if (proc_paths)
			g_ptr_array_unref(proc_paths);
		proc_paths = sim_vfs_list(n, "/proc");
		proc_paths_gen = fz_cmd_world_generation();
	}
	if (proc_paths->len == 0)
		return NULL;
	return g_ptr_array_index(proc_paths, i % proc_paths->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct world *w = fz_cmd_world();
	struct node *n = world_node(w, "r");
	struct sim_err err = { { 0 } };
	const char *path;
	GString *out;
	char *text;

	if (size < 3)
		return 0;
	path = proc_pick(n, (unsigned int)data[0] << 8 | data[1]);
	if (!path)
		return 0;
	text = g_strdup_printf("%.*s\n", (int)(size - 3), (const char *)data + 3);
	switch (data[2] % 3) {
	case 0:
		sim_vfs_write(n, path, text, &err);
		break;
	case 1:
		sim_vfs_append(n, path, text, &err);
		break;
	default:
		break;
	}
	out = g_string_new(NULL);
	sim_vfs_read(n, path, out);
	g_string_free(out, TRUE);
	g_free(text);
	fz_run(w, SIM_NSEC_PER_MSEC);
	return 0;
}
