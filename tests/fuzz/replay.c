/*
 * tests/fuzz/replay.c - replays saved inputs through a harness, without libFuzzer
 *
 * No kernel counterpart.  Linked with one harness's LLVMFuzzerTestOneInput()
 * in the ordinary (gcc) build, so every test run replays the crashers kept
 * in tests/fuzz/regressions/<harness>/ and the seed corpus: each argument
 * is a file or a directory of files (read in name order, so runs repeat;
 * a missing directory holds nothing).  After the last input the harness's
 * world must end with no live simulator object.  Exit status 0 when all
 * ran; a crash, sanitizer report or leak ends the process as it would
 * under libFuzzer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz_world.h"

static unsigned int replay_file(const char *path)
{
	gchar *buf;
	gsize len;
	GError *gerr = NULL;

	if (!g_file_get_contents(path, &buf, &len, &gerr)) {
		fprintf(stderr, "replay: %s\n", gerr->message);
		g_error_free(gerr);
		exit(2);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	g_free(buf);
	return 1;
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned int replay_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	unsigned int n = 0;

	if (!d)
		return 0;
	while ((name = g_dir_read_name(d)))
		if (name[0] != '.')
			g_ptr_array_add(names, g_build_filename(dir, name, NULL));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_names);
	for (guint i = 0; i < names->len; i++)
		n += replay_file(g_ptr_array_index(names, i));
	g_ptr_array_unref(names);
	return n;
}

int main(int argc, char **argv)
{
	unsigned int n = 0;

	for (int i = 1; i < argc; i++) {
		if (g_file_test(argv[i], G_FILE_TEST_IS_DIR))
			n += replay_dir(argv[i]);
		else if (g_file_test(argv[i], G_FILE_TEST_EXISTS))
			n += replay_file(argv[i]);
	}
	fz_harness_end();
	printf("replay: %u inputs, no crash, no leak\n", n);
	return 0;
}
