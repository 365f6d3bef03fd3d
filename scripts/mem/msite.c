/*
 * scripts/mem/msite.c - an LD_PRELOAD library: live allocations by call site
 * (innermost frame of the executable, its caller) at the peak of live chunk
 * bytes, written to $MSITE_OUT (default /tmp/msite.txt) at exit; read it
 * with msite_report.py.  A measuring tool, not part of skbsim:
 *   gcc -O2 -fno-builtin -shared -fPIC -o msite.so msite.c -ldl
 *   MSITE_OUT=sites.txt LD_PRELOAD=./msite.so skbsim run star.lua hosts=1000
 * (-fno-builtin: gcc would turn malloc+memset in calloc() into a call to
 * calloc, itself.)  Each allocation carries a 16-byte tag; an aligned
 * allocation is counted with its alignment slack.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define NSITE 65536
#define HDR 16
struct site { uintptr_t a, b; long live, livebytes, peak, peakbytes; };
static struct site sites[NSITE];
static long live_use, peak_use, last_snap;
static void *(*r_malloc)(size_t); static void (*r_free)(void *);
static void *(*r_realloc)(void *, size_t); static size_t (*r_usable)(void *);
static uintptr_t lo, hi; static int inside;
static char boot[1 << 16]; static size_t bootoff;
static int phdr_cb(struct dl_phdr_info *i, size_t s, void *d) { (void)s; (void)d;
	if (i->dlpi_name[0] == 0) { for (int k = 0; k < i->dlpi_phnum; k++) if (i->dlpi_phdr[k].p_type == PT_LOAD && (i->dlpi_phdr[k].p_flags & PF_X)) { lo = i->dlpi_addr + i->dlpi_phdr[k].p_vaddr; hi = lo + i->dlpi_phdr[k].p_memsz; } return 1; } return 0; }
static void init(void) {
	r_malloc = dlsym(RTLD_NEXT, "malloc"); r_free = dlsym(RTLD_NEXT, "free");
	r_realloc = dlsym(RTLD_NEXT, "realloc"); r_usable = dlsym(RTLD_NEXT, "malloc_usable_size");
	dl_iterate_phdr(phdr_cb, NULL);
}
static unsigned site_of(void) {
	if (inside) return 0;
	inside = 1; void *bt[24]; int n = backtrace(bt, 24); inside = 0;
	uintptr_t a = 0, b = 0;
	for (int i = 0; i < n; i++) { uintptr_t x = (uintptr_t)bt[i]; if (x >= lo && x < hi) { if (!a) a = x; else { b = x; break; } } }
	unsigned h = (unsigned)((a * 31 + b) * 2654435761u) % NSITE;
	while (sites[h].a != a || sites[h].b != b) { if (!sites[h].a && !sites[h].b && !sites[h].live && !sites[h].peak) { sites[h].a = a; sites[h].b = b; break; } h = (h + 1) % NSITE; }
	return h;
}
static void snap(void) { for (int i = 0; i < NSITE; i++) { sites[i].peak = sites[i].live; sites[i].peakbytes = sites[i].livebytes; } last_snap = live_use; }
static void *track_al(char *raw, size_t n, size_t al) {
	if (!raw) return NULL;
	unsigned s = site_of(); long u = (long)r_usable(raw) + 8;
	char *p = raw + HDR; if (al > 16) p = (char *)(((uintptr_t)p + al - 1) & ~(uintptr_t)(al - 1));
	char *h = p - HDR;
	((uint32_t *)h)[0] = s; ((uint32_t *)h)[1] = (uint32_t)(p - raw); ((uint64_t *)h)[1] = n;
	sites[s].live++; sites[s].livebytes += u; live_use += u;
	if (live_use > peak_use) { peak_use = live_use; if (live_use > last_snap + (1 << 20)) snap(); }
	return p;
}
static void *track(char *raw, size_t n) { return track_al(raw, n, 16); }
static char *untrack(void *p) {
	char *h = (char *)p - HDR; unsigned s = ((uint32_t *)h)[0]; char *raw = (char *)p - ((uint32_t *)h)[1];
	long u = (long)r_usable(raw) + 8; sites[s].live--; sites[s].livebytes -= u; live_use -= u; return raw;
}
void *malloc(size_t n) { if (!r_malloc) init(); return track(r_malloc(n + HDR), n); }
void *calloc(size_t a, size_t b) {
	if (!r_malloc) { void *p = boot + bootoff; bootoff += (a * b + 15) & ~15UL; return p; }
	void *p = malloc(a * b); if (p) memset(p, 0, a * b); return p; }
void free(void *p) { if (!p) return; if ((char *)p >= boot && (char *)p < boot + sizeof boot) return; r_free(untrack(p)); }
void *realloc(void *o, size_t n) { if (!o) return malloc(n); if (!n) { free(o); return NULL; }
	size_t on = ((uint64_t *)((char *)o - HDR))[1]; void *p = malloc(n); if (!p) return NULL; memcpy(p, o, on < n ? on : n); free(o); return p; }
size_t malloc_usable_size(void *p) { return p ? ((uint64_t *)((char *)p - HDR))[1] : 0; }
void *memalign(size_t al, size_t n) { if (!r_malloc) init(); return track_al(r_malloc(n + al + HDR), n, al); }
int posix_memalign(void **pp, size_t al, size_t n) { *pp = memalign(al, n); return *pp ? 0 : 12; }
void *aligned_alloc(size_t al, size_t n) { return memalign(al, n); }
__attribute__((constructor)) static void warm(void) { if (!r_malloc) init(); void *bt[4]; inside = 1; backtrace(bt, 4); inside = 0; }
__attribute__((destructor)) static void fin(void) {
	const char *out = getenv("MSITE_OUT"); FILE *f = fopen(out ? out : "/tmp/msite.txt", "w");
	fprintf(f, "# peak %ld lo %lx\n", peak_use, (unsigned long)lo);
	for (int i = 0; i < NSITE; i++) if (sites[i].peak) fprintf(f, "%ld %ld %lx %lx\n", sites[i].peak, sites[i].peakbytes, (unsigned long)(sites[i].a ? sites[i].a - lo : 0), (unsigned long)(sites[i].b ? sites[i].b - lo : 0));
	fclose(f);
}
