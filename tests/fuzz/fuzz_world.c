/*
 * tests/fuzz/fuzz_world.c - worlds and helpers shared by the fuzz harnesses
 *
 * No kernel counterpart (see fuzz_world.h).
 */
#include "fuzz_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "models.h"
#include "sim/sh.h"

struct world *fz_world_new(const char *name)
{
	struct world_config cfg = {
		.name = name, .seed = 1, .hz = SIM_HZ_DEFAULT, .modules = skbsim_modules,
	};
	struct sim_err err = { { 0 } };
	struct world *w = world_create(&cfg, &err);

	if (!w) {
		fprintf(stderr, "fuzz: world_create: %s\n", err.msg);
		abort();
	}
	w->quiet = true;		/* no process output on the fuzzer's stdout */
	return w;
}

void fz_world_free(struct world *w)
{
	/* world_destroy() prints the breakdown of what outlived the world */
	if (w && world_destroy(w) != 0) {
		fprintf(stderr, "fuzz: leaked simulator objects\n");
		abort();
	}
}

struct node *fz_node(struct world *w, const char *kind, const char *name)
{
	struct sim_err err = { { 0 } };
	struct node *n = world_add_node(w, kind, name, NULL, &err);

	if (!n) {
		fprintf(stderr, "fuzz: node %s: %s\n", name, err.msg);
		abort();
	}
	return n;
}

void fz_link(struct world *w, struct node *a, struct node *b, const char *kind)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	cfg.kind = kind;
	if (strcmp(kind, "cable") == 0)
		cfg.delay = 1000;	/* 1 us: frames cross within one fz_run() */
	if (!world_link(w, a, b, &cfg, &err)) {
		fprintf(stderr, "fuzz: link %s-%s: %s\n", a->name, b->name, err.msg);
		abort();
	}
}

void fz_sh_ok(struct node *n, const char *text)
{
	struct sim_sh_result res;

	sim_sh_run(n, text, &res);
	if (res.status != 0) {
		fprintf(stderr, "fuzz: %s: setup line %d failed: %s\n", n->name,
			res.failed_line, res.err ? res.err->str : "");
		abort();
	}
	sim_sh_result_free(&res);
}

int fz_sh(struct node *n, const char *text)
{
	struct sim_sh_result res;
	int status;

	sim_sh_run(n, text, &res);
	status = res.status;
	sim_sh_result_free(&res);
	return status;
}

void fz_run(struct world *w, sim_time_t d)
{
	world_run(w, w->now + d);
	g_free(w->error);		/* a scenario error cannot come from C inputs */
	w->error = NULL;
	w->stop = false;
}

char *fz_strndup(const uint8_t *data, size_t size)
{
	return g_strndup((const char *)data, size);
}
