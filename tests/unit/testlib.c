/*
 * tests/unit/testlib.c - fixtures shared by the Check suites
 */
#include "testlib.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "models.h"

struct world *tl_world_with(const char *name, uint64_t seed,
			    const struct sim_module *const *modules)
{
	struct world_config cfg = {
		.name = name, .seed = seed, .hz = SIM_HZ_DEFAULT, .modules = modules,
	};
	struct sim_err err = { { 0 } };
	struct world *w = world_create(&cfg, &err);

	ck_assert_msg(w != NULL, "world_create: %s", err.msg);
	return w;
}

struct world *tl_world(const char *name, uint64_t seed)
{
	return tl_world_with(name, seed, skbsim_modules);
}

void tl_world_free(struct world *w)
{
	int64_t leaked = world_destroy(w);

	ck_assert_msg(leaked == 0, "world ended with %lld live simulator objects",
		      (long long)leaked);
}

char *tl_tmpdir(void)
{
	GError *gerr = NULL;
	char *dir = g_dir_make_tmp("skbsim-test-XXXXXX", &gerr);

	ck_assert_msg(dir != NULL, "mkdtemp: %s", gerr ? gerr->message : "?");
	return dir;
}

static void rmtree_inner(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *name;

	if (!d) {
		g_remove(path);
		return;
	}
	while ((name = g_dir_read_name(d))) {
		char *child = g_build_filename(path, name, NULL);

		rmtree_inner(child);
		g_free(child);
	}
	g_dir_close(d);
	g_rmdir(path);
}

void tl_rmtree(const char *dir)
{
	if (dir)
		rmtree_inner(dir);
}

int tl_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
