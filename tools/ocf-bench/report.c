// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: tables, ratios, targets, JSON and gnuplot output.
 *
 * Figures are grouped by algorithm and driver class; in a group each row
 * is a path (and depth) and each column a size.  Ratios divide operations
 * per second of the same size in the same run: against user-space OpenSSL,
 * and against the better of the two AF_ALG paths.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#include "bench.h"

struct group {
	const struct alg *alg;
	enum crid_class crid;
	char driver[DRIVER_MAX];
	struct { enum path_id path; unsigned int depth; } rows[64];
	int nrows;
	size_t sizes[MAX_SIZES];
	int nsizes;
};

static struct group groups[64];
static int ngroups;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void stat3_of(const double *v, int n, struct stat3 *s)
{
	double t[MAX_ROUNDS];

	memcpy(t, v, n * sizeof(*t));
	qsort(t, n, sizeof(*t), cmp_double);
	s->min = t[0];
	s->max = t[n - 1];
	s->median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

void fmt_size(char *buf, size_t len, size_t size)
{
	if (size >= (1 << 20) && !(size % (1 << 20)))
		snprintf(buf, len, "%zuM", size >> 20);
	else if (size >= 1024 && !(size % 1024))
		snprintf(buf, len, "%zuK", size >> 10);
	else
		snprintf(buf, len, "%zu", size);
}

static const char *path_name(enum path_id p)
{
	return p == P_TCRYPT ? "tcrypt" : paths[p]->name;
}

static void row_label(char *buf, size_t len, enum path_id p, unsigned int d)
{
	if (d)
		snprintf(buf, len, "%s-%u", path_name(p), d);
	else
		snprintf(buf, len, "%s", path_name(p));
}

const struct result *find_result(const struct result *r, int n,
				 const struct alg *a, enum crid_class c,
				 enum path_id p, unsigned int depth, size_t size)
{
	int i;

	for (i = n - 1; i >= 0; i--)
		if (r[i].alg == a && r[i].crid == c && r[i].path == p &&
		    r[i].depth == depth && r[i].size == size && !r[i].err &&
		    r[i].threads == 1)
			return &r[i];
	return NULL;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Group single-thread figures by algorithm and class (threads > 1 aside). */
static void build_groups(const struct result *r, int n)
{
	int i, g, k;

	ngroups = 0;
	for (i = 0; i < n; i++) {
		struct group *gr;

		if (r[i].threads != 1)
			continue;
		for (g = 0; g < ngroups; g++)
			if (groups[g].alg == r[i].alg && groups[g].crid == r[i].crid)
				break;
		if (g == ngroups) {
			if (ngroups == 64)
				continue;
			memset(&groups[g], 0, sizeof(groups[g]));
			groups[g].alg = r[i].alg;
			groups[g].crid = r[i].crid;
			ngroups++;
		}
		gr = &groups[g];
		if (!gr->driver[0] && r[i].driver[0] && r[i].path != P_TCRYPT &&
		    r[i].path != P_OPENSSL)
			strcpy(gr->driver, r[i].driver);
		for (k = 0; k < gr->nrows; k++)
			if (gr->rows[k].path == r[i].path &&
			    gr->rows[k].depth == r[i].depth)
				break;
		if (k == gr->nrows && k < 64) {
			gr->rows[k].path = r[i].path;
			gr->rows[k].depth = r[i].depth;
			gr->nrows++;
		}
		for (k = 0; k < gr->nsizes; k++)
			if (gr->sizes[k] == r[i].size)
				break;
		if (k == gr->nsizes && k < MAX_SIZES)
			gr->sizes[gr->nsizes++] = r[i].size;
	}
	for (g = 0; g < ngroups; g++)
		qsort(groups[g].sizes, groups[g].nsizes, sizeof(size_t), cmp_size);
}

static const struct result *openssl_of(const struct result *r, int n,
				       const struct group *g, size_t size)
{
	return find_result(r, n, g->alg, CLASS_ANY, P_OPENSSL, 0, size);
}

/*
 * Ratio of @a to @b (to the better of @b and @b2 in each round), as the
 * median and range of round-by-round ratios: figures of one size are
 * measured with interleaved rounds, so a round's ratio compares
 * measurements taken at the same time, and a change in the host's load
 * cancels out.  Figures measured apart (tcrypt) give the ratio of the
 * medians and the range of the extremes.  False if nothing to divide by.
 */
static bool ratio(const struct result *a, const struct result *b,
		  const struct result *b2, struct stat3 *s)
{
	double v[MAX_ROUNDS];
	int i;

	if (!b)
		b = b2, b2 = NULL;
	if (!a || !b || b->o.median <= 0)
		return false;
	if (a->nrounds == b->nrounds && (!b2 || b2->nrounds == a->nrounds) &&
	    a->path != P_TCRYPT && b->path != P_TCRYPT) {
		for (i = 0; i < a->nrounds; i++) {
			double d = b->ops[i];

			if (b2 && b2->ops[i] > d)
				d = b2->ops[i];
			v[i] = d > 0 ? a->ops[i] / d : 0;
		}
		stat3_of(v, a->nrounds, s);
		return true;
	}
	if (b2 && b2->o.median > b->o.median)
		b = b2;
	s->median = a->m.median / b->m.median;
	s->min = a->m.min / b->m.max;
	s->max = a->m.max / b->m.min;
	return true;
}

static bool ratio_afalg(const struct result *r, int n, const struct group *g,
			const struct result *x, struct stat3 *s)
{
	return ratio(x, find_result(r, n, g->alg, g->crid, P_AFALG, 0, x->size),
		     find_result(r, n, g->alg, g->crid, P_SPLICE, 0, x->size), s);
}

enum metric { M_MBPS, M_OPS, M_VS_OPENSSL, M_VS_AFALG };

static const char * const metric_title[] = {
	"MB/s (10^6 bytes/s), median of the rounds, ±half the min-max spread",
	"operations/s, median of the rounds",
	"ratio to user-space OpenSSL (same size; median of round-by-round ratios)",
	"ratio to the better AF_ALG path (same size; median of round-by-round ratios)",
};

static void fmt_num(char *buf, size_t len, double v)
{
	if (v >= 1e6)
		snprintf(buf, len, "%.2fM", v / 1e6);
	else if (v >= 1e4)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else if (v >= 100)
		snprintf(buf, len, "%.0f", v);
	else if (v >= 10)
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.2f", v);
}

static void cell(char *buf, size_t len, const struct result *all, int n,
		 const struct group *g, const struct result *r, enum metric m,
		 bool spread)
{
	struct stat3 q;
	char num[32];
	bool ok;

	if (!r) {
		snprintf(buf, len, "-");
		return;
	}
	switch (m) {
	case M_MBPS:
		if (r->path == P_NOP) {
			snprintf(buf, len, "-");
			return;
		}
		fmt_num(num, sizeof(num), r->m.median);
		if (spread && r->m.median > 0 && r->path != P_TCRYPT)
			snprintf(buf, len, "%s ±%.0f%%", num, 50 *
				 (r->m.max - r->m.min) / r->m.median);
		else
			snprintf(buf, len, "%s", num);
		return;
	case M_OPS:
		fmt_num(buf, len, r->o.median);
		return;
	case M_VS_OPENSSL:
		ok = ratio(r, openssl_of(all, n, g, r->size), NULL, &q);
		break;
	default:
		ok = ratio_afalg(all, n, g, r, &q);
		break;
	}
	if (ok)
		snprintf(buf, len, "%.2f", q.median);
	else
		snprintf(buf, len, "-");
}

static void table(FILE *f, const struct result *r, int n,
		  const struct group *g, enum metric m, bool md)
{
	char buf[64], lab[32];
	int i, k;

	if (md)
		fprintf(f, "\n%s:\n\n| path |", metric_title[m]);
	else
		fprintf(f, "\n  %s\n  %-14s", metric_title[m], "path");
	for (k = 0; k < g->nsizes; k++) {
		fmt_size(buf, sizeof(buf), g->sizes[k]);
		fprintf(f, md ? " %s |" : " %9s", buf);
	}
	if (md) {
		fprintf(f, "\n|---|");
		for (k = 0; k < g->nsizes; k++)
			fprintf(f, "---:|");
	}
	fputc('\n', f);
	for (i = 0; i < g->nrows; i++) {
		enum path_id p = g->rows[i].path;

		if ((m == M_VS_OPENSSL && p == P_OPENSSL) ||
		    (m == M_VS_AFALG && (p == P_AFALG || p == P_SPLICE)))
			continue;
		row_label(lab, sizeof(lab), p, g->rows[i].depth);
		fprintf(f, md ? "| %s |" : "  %-14s", lab);
		for (k = 0; k < g->nsizes; k++) {
			const struct result *x = find_result(r, n, g->alg, g->crid,
				p, g->rows[i].depth, g->sizes[k]);

			cell(buf, sizeof(buf), r, n, g, x, m, md);
			fprintf(f, md ? " %s |" : " %9s", buf);
		}
		fputc('\n', f);
	}
}

/* ---- targets (issues 8 and 18) ---- */

struct target {
	char what[160];
	char alg[32];
	double ratio, lo, hi, goal;
	char detail[160];
};

static struct target targets[64];
static int ntargets;

static void add_target(const char *alg, double goal, const struct stat3 *q,
		       const char *detail, const char *what)
{
	struct target *t;

	if (ntargets == 64)
		return;
	t = &targets[ntargets++];
	snprintf(t->what, sizeof(t->what), "%s", what);
	snprintf(t->alg, sizeof(t->alg), "%s", alg);
	snprintf(t->detail, sizeof(t->detail), "%s", detail);
	t->goal = goal;
	t->ratio = q->median;
	t->lo = q->min;
	t->hi = q->max;
}

static const char *verdict(const struct target *t)
{
	if (t->ratio >= t->goal)
		return t->lo >= t->goal ? "met" : "met (not in every round)";
	if (t->hi >= t->goal)
		return "missed (met in some rounds)";
	return "MISSED";
}

static const struct result *best_depth(const struct result *r, int n,
				       const struct group *g, enum path_id p,
				       size_t size)
{
	const struct result *best = NULL;
	int i;

	for (i = 0; i < n; i++)
		if (r[i].alg == g->alg && r[i].crid == g->crid && r[i].path == p &&
		    r[i].size == size && !r[i].err && r[i].threads == 1 &&
		    (!best || r[i].o.median > best->o.median))
			best = &r[i];
	return best;
}

static void target_hw(const struct result *r, int n, const struct group *g)
{
	const struct result *s, *a, *b, *x;
	struct stat3 q;
	char d[160], w[96], sz[16];
	int k;

	for (k = 0; k < g->nsizes; k++) {
		s = find_result(r, n, g->alg, g->crid, P_ZC, 0, g->sizes[k]);
		a = find_result(r, n, g->alg, g->crid, P_ASYNC, 32, g->sizes[k]);
		b = find_result(r, n, g->alg, g->crid, P_BATCH, 32, g->sizes[k]);
		x = !a || (b && b->o.median > a->o.median) ? b : a;
		if (!ratio(x, s, NULL, &q))
			continue;
		fmt_size(sz, sizeof(sz), g->sizes[k]);
		snprintf(d, sizeof(d), "%s-32 %.0f ops/s, sync %.0f ops/s (%s)",
			 path_name(x->path), x->o.median, s->o.median, g->driver);
		snprintf(w, sizeof(w), "hardware, %s: async/batched depth 32 >= 8x sync", sz);
		add_target(g->alg->name, 8, &q, d, w);
	}
}

/* The better of two figures (either may be missing). */
static const struct result *better(const struct result *a,
				   const struct result *b)
{
	if (!a || (b && b->o.median > a->o.median))
		return b;
	return a;
}

/*
 * Small operations (issue 18): against tcrypt for the same driver, the
 * bare ioctl (nop) and OpenSSL, in the same boot.
 */
static void targets_small(const struct result *r, int n, const struct group *g)
{
	const struct result *x, *y, *t, *nop;
	struct stat3 q;
	char d[200];

	t = find_result(r, n, g->alg, CLASS_ANY, P_TCRYPT, 0, 64);
	x = best_depth(r, n, g, P_BATCH, 64);
	if (ratio(x, t, NULL, &q)) {
		snprintf(d, sizeof(d), "batch-%u %.0f ops/s, tcrypt %.0f ops/s (%s)",
			 x->depth, x->o.median, t->o.median, t->driver);
		add_target(g->alg->name, 0.5, &q, d,
			   "64 B batched >= 0.5x tcrypt ops/s");
	}
	/* One ioctl each: at most a third added to a crossing plus crypto. */
	nop = find_result(r, n, g->alg, g->crid, P_NOP, 0, 64);
	x = better(find_result(r, n, g->alg, g->crid, P_COPY, 0, 64),
		   find_result(r, n, g->alg, g->crid, P_ZC, 0, 64));
	if (x && t && nop && t->o.median > 0 && nop->o.median > 0) {
		double lim = 1 / (1 / nop->o.median + 1 / t->o.median);

		q.median = x->o.median / lim;
		q.min = x->o.min / lim;
		q.max = x->o.max / lim;
		snprintf(d, sizeof(d), "%s %.0f ops/s; nop %.0f, tcrypt %.0f: limit %.0f ops/s",
			 path_name(x->path), x->o.median, nop->o.median,
			 t->o.median, lim);
		add_target(g->alg->name, 0.75, &q, d,
			   "64 B one ioctl >= 0.75x 1/(1/nop + 1/tcrypt)");
	}
	/* 1 KiB: the best path against OpenSSL. */
	x = better(find_result(r, n, g->alg, g->crid, P_COPY, 0, 1024),
		   find_result(r, n, g->alg, g->crid, P_ZC, 0, 1024));
	x = better(x, best_depth(r, n, g, P_BATCH, 1024));
	x = better(x, best_depth(r, n, g, P_ASYNC, 1024));
	y = openssl_of(r, n, g, 1024);
	if (ratio(x, y, NULL, &q)) {
		snprintf(d, sizeof(d), "%s%s%.0u %.0f ops/s, OpenSSL %.0f ops/s",
			 path_name(x->path), x->depth ? "-" : "", x->depth,
			 x->o.median, y->o.median);
		add_target(g->alg->name, 0.9, &q, d,
			   "1 KiB best path >= 0.9x user-space OpenSSL");
	}
}

static void targets_of_group(const struct result *r, int n, const struct group *g)
{
	const struct result *x, *y, *worst = NULL;
	struct stat3 q, wq = { 0 };
	char d[200], sz[16];
	int k;

	if (g->crid == CLASS_HW) {
		target_hw(r, n, g);
		return;
	}
	/* 64-byte batched >= half of OpenSSL's operations per second. */
	x = best_depth(r, n, g, P_BATCH, 64);
	y = openssl_of(r, n, g, 64);
	if (ratio(x, y, NULL, &q)) {
		snprintf(d, sizeof(d), "batch-%u %.0f ops/s, OpenSSL %.0f ops/s",
			 x->depth, x->o.median, y->o.median);
		add_target(g->alg->name, 0.5, &q, d,
			   "64 B batched >= 0.5x user-space OpenSSL ops/s");
	}
	/* 64 KiB zero-copy >= OpenSSL and >= tcrypt. */
	x = find_result(r, n, g->alg, g->crid, P_ZC, 0, 65536);
	y = openssl_of(r, n, g, 65536);
	if (ratio(x, y, NULL, &q)) {
		snprintf(d, sizeof(d), "zc %.1f MB/s, OpenSSL %.1f MB/s",
			 x->m.median, y->m.median);
		add_target(g->alg->name, 1, &q, d,
			   "64 KiB zero-copy >= user-space OpenSSL");
	}
	if (x && g->alg->tc.mode) {
		struct result t = { .path = P_TCRYPT };
		char drv[DRIVER_MAX] = "";
		size_t tsz;

		tcrypt_peak(g->alg, &tsz, &t.m, drv, sizeof(drv));
		t.o.median = t.m.median;	/* ratio() divides MB/s here */
		if (tsz && ratio(x, &t, NULL, &q)) {
			fmt_size(sz, sizeof(sz), tsz);
			snprintf(d, sizeof(d), "zc %.1f MB/s (%s), tcrypt %.1f MB/s at %s (%s)",
				 x->m.median, x->driver, t.m.median, sz, drv);
			add_target(g->alg->name, 1, &q, d,
				   "64 KiB zero-copy >= tcrypt (at its largest size)");
		}
	}
	targets_small(r, n, g);
	/* Never slower than AF_ALG: the worst size of the sync path. */
	for (k = 0; k < g->nsizes; k++) {
		x = find_result(r, n, g->alg, g->crid, P_ZC, 0, g->sizes[k]);
		if (!x || !ratio_afalg(r, n, g, x, &q))
			continue;
		if (!worst || q.median < wq.median) {
			worst = x;
			wq = q;
		}
	}
	if (worst) {
		fmt_size(sz, sizeof(sz), worst->size);
		snprintf(d, sizeof(d), "worst size %s: zc %.0f ops/s", sz,
			 worst->o.median);
		add_target(g->alg->name, 1, &wq, d,
			   "never slower than AF_ALG (sync zc path, worst size)");
	}
}

static void build_targets(const struct result *r, int n)
{
	int g;

	ntargets = 0;
	for (g = 0; g < ngroups; g++)
		targets_of_group(r, n, &groups[g]);
}

static void targets_table(FILE *f, bool md)
{
	int i;

	if (!ntargets)
		return;
	if (md)
		fprintf(f, "\n## Targets\n\nRatio: median of round-by-round ratios (range: their minimum and maximum).\n\n| target | algorithm | ratio | range | verdict | figures |\n|---|---|---:|---|---|---|\n");
	else
		fprintf(f, "\n== Targets\n");
	for (i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];

		if (md)
			fprintf(f, "| %s | %s | %.2f | %.2f-%.2f | %s | %s |\n",
				t->what, t->alg, t->ratio, t->lo, t->hi,
				verdict(t), t->detail);
		else
			fprintf(f, "  %-62s %-18s %6.2f (%.2f-%.2f) %s\n    %s\n",
				t->what, t->alg, t->ratio, t->lo, t->hi,
				verdict(t), t->detail);
	}
}

static void group_title(char *buf, size_t len, const struct group *g)
{
	snprintf(buf, len, "%s, driver class %s%s%s%s", g->alg->name,
		 crid_name(g->crid), g->driver[0] ? " (/dev/crypto driver " : "",
		 g->driver, g->driver[0] ? ")" : "");
}

static void scaling(FILE *f, const struct result *r, int n, bool md)
{
	char sz[16], lab[32];
	bool any = false;
	int i;

	for (i = 0; i < n; i++) {
		if (r[i].threads == 1 || r[i].err)
			continue;
		if (!any)
			fprintf(f, md ? "\n## Threads\n\n| algorithm | path | size | threads | placement | ops/s | MB/s |\n|---|---|---:|---:|---|---:|---:|\n" :
				"\n== Threads\n");
		any = true;
		fmt_size(sz, sizeof(sz), r[i].size);
		row_label(lab, sizeof(lab), r[i].path, r[i].depth);
		fprintf(f, md ? "| %s | %s | %s | %d | %s | %.0f | %.2f |\n" :
			"  %-18s %-14s %6s %3d threads %-10s %10.0f ops/s %10.2f MB/s\n",
			r[i].alg->name, lab, sz, r[i].threads,
			r[i].spread ? "spread" : r[i].cpu >= 0 ? "one CPU" : "free",
			r[i].o.median, r[i].m.median);
	}
}

void report_text(const struct result *r, int n)
{
	char title[256];
	int g;

	build_groups(r, n);
	build_targets(r, n);
	for (g = 0; g < ngroups; g++) {
		group_title(title, sizeof(title), &groups[g]);
		printf("\n== %s\n", title);
		table(stdout, r, n, &groups[g], M_MBPS, false);
		table(stdout, r, n, &groups[g], M_OPS, false);
		table(stdout, r, n, &groups[g], M_VS_OPENSSL, false);
		table(stdout, r, n, &groups[g], M_VS_AFALG, false);
	}
	scaling(stdout, r, n, false);
	targets_table(stdout, false);
}

static void header_md(FILE *f)
{
	struct utsname u;
	char date[64];
	time_t t = time(NULL);

	uname(&u);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", gmtime(&t));
	fprintf(f, "# ocf-bench results: Linux %s\n\n", u.release);
	fprintf(f, "- date: %s\n", date);
	if (opt.note)
		fprintf(f, "- machine: %s\n", opt.note);
	fprintf(f, "- /dev/crypto features 0x%llx, zc_threshold %u bytes (below it \"zc\" copies)\n",
		(unsigned long long)cdev_features, cdev_zc_threshold);
	fprintf(f, "- %d timed round(s) of %.0f ms per figure after a %.0f ms warm-up; AEAD AAD %u bytes; tcrypt sec=%d, %d load(s) per mode\n",
		opt.rounds, opt.round_s * 1e3, opt.warmup_s * 1e3, opt.aad_len,
		opt.tcrypt_sec, opt.tcrypt_runs);
	fprintf(f, "- Under QEMU TCG absolute numbers mean little: compare rows of one table.\n");
	fprintf(f, "- Paths:\n");
	for (int i = 0; i < P_NR; i++)
		if (paths[i])
			fprintf(f, "  - `%s`: %s\n", paths[i]->name, paths[i]->what);
	fprintf(f, "  - `tcrypt`: the kernel's tcrypt speed test for the same algorithm (cycle counts)\n");
}

void report_md(const char *file, const struct result *r, int n)
{
	FILE *f = fopen(file, "w");
	char title[256];
	int g;

	if (!f)
		die("%s: %s", file, strerror(errno));
	build_groups(r, n);
	build_targets(r, n);
	header_md(f);
	targets_table(f, true);
	for (g = 0; g < ngroups; g++) {
		group_title(title, sizeof(title), &groups[g]);
		fprintf(f, "\n## %s\n", title);
		table(f, r, n, &groups[g], M_MBPS, true);
		table(f, r, n, &groups[g], M_OPS, true);
		table(f, r, n, &groups[g], M_VS_OPENSSL, true);
		table(f, r, n, &groups[g], M_VS_AFALG, true);
	}
	scaling(f, r, n, true);
	fclose(f);
}

static void json_stat(FILE *f, const char *name, const struct stat3 *s)
{
	fprintf(f, "\"%s\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f}",
		name, s->median, s->min, s->max);
}

void report_json(const char *file, const struct result *r, int n)
{
	FILE *f = fopen(file, "w");
	struct utsname u;
	int i, j;

	if (!f)
		die("%s: %s", file, strerror(errno));
	build_groups(r, n);
	build_targets(r, n);
	uname(&u);
	fprintf(f, "{\n  \"tool\": \"ocf-bench\",\n  \"kernel\": \"%s\",\n", u.release);
	fprintf(f, "  \"date\": %ld,\n  \"note\": \"%s\",\n", (long)time(NULL),
		opt.note ?: "");
	fprintf(f, "  \"features\": %llu,\n  \"zc_threshold\": %u,\n",
		(unsigned long long)cdev_features, cdev_zc_threshold);
	fprintf(f, "  \"rounds\": %d,\n  \"round_ms\": %.0f,\n  \"aad_len\": %u,\n",
		opt.rounds, opt.round_s * 1e3, opt.aad_len);
	fprintf(f, "  \"results\": [\n");
	for (i = 0; i < n; i++) {
		const struct result *x = &r[i];

		fprintf(f, "    {\"alg\": \"%s\", \"class\": \"%s\", \"path\": \"%s\", \"depth\": %u, \"size\": %zu, \"threads\": %d, \"cpu\": %d, \"spread\": %s, \"driver\": \"%s\", ",
			x->alg->name, crid_name(x->crid), path_name(x->path),
			x->depth, x->size, x->threads, x->cpu,
			x->spread ? "true" : "false", x->driver);
		if (x->err) {
			fprintf(f, "\"error\": \"%s\"}", strerror(x->err));
		} else {
			json_stat(f, "ops", &x->o);
			fputs(", ", f);
			json_stat(f, "mbps", &x->m);
			fputs(", \"rounds\": [", f);
			for (j = 0; j < x->nrounds; j++)
				fprintf(f, "%s%.1f", j ? ", " : "", x->ops[j]);
			fputs("]}", f);
		}
		fputs(i + 1 < n ? ",\n" : "\n", f);
	}
	fprintf(f, "  ],\n  \"targets\": [\n");
	for (i = 0; i < ntargets; i++)
		fprintf(f, "    {\"target\": \"%s\", \"alg\": \"%s\", \"goal\": %.2f, \"ratio\": %.3f, \"low\": %.3f, \"high\": %.3f, \"verdict\": \"%s\", \"detail\": \"%s\"}%s\n",
			targets[i].what, targets[i].alg, targets[i].goal,
			targets[i].ratio, targets[i].lo, targets[i].hi,
			verdict(&targets[i]), targets[i].detail,
			i + 1 < ntargets ? "," : "");
	fprintf(f, "  ]\n}\n");
	fclose(f);
}

/* ---- gnuplot ---- */

static const char *plot_style =
	"set terminal pngcairo noenhanced size 1600,640 font \"DejaVu Sans,11\" linewidth 1.5\n"
	"set grid\nset key top left font \",10\" box opaque\n"
	"set datafile missing \"?\"\n"
	"set linetype 1 lc rgb \"#1f77b4\" pt 7 dt 1\n"
	"set linetype 2 lc rgb \"#17becf\" pt 5 dt 1\n"
	"set linetype 3 lc rgb \"#ff7f0e\" pt 9 dt 1\n"
	"set linetype 4 lc rgb \"#d62728\" pt 11 dt 1\n"
	"set linetype 5 lc rgb \"#2ca02c\" pt 13 dt 2\n"
	"set linetype 6 lc rgb \"#9467bd\" pt 15 dt 2\n"
	"set linetype 7 lc rgb \"#000000\" pt 4 dt 3\n"
	"set linetype 8 lc rgb \"#8c564b\" pt 6 dt 4\n"
	"set linetype 9 lc rgb \"#e377c2\" pt 8 dt 5\n"
	"set linetype 10 lc rgb \"#7f7f7f\" pt 10 dt 5\n"
	"set linetype cycle 10\n";

static bool plotted(const struct group *g, int i)
{
	unsigned int d = g->rows[i].depth;

	if (g->rows[i].path == P_NOP)
		return false;
	return !d || d == opt.plot_depth;
}

static void group_file(char *buf, size_t len, const struct group *g)
{
	snprintf(buf, len, "%s%s", g->alg->name,
		 g->crid == CLASS_ANY ? "" : g->crid == CLASS_HW ? "-hw" : "-sw");
}

static void plot_sizes(const char *dir, const struct result *r, int n,
		       const struct group *g)
{
	char base[96], path[512], lab[32], title[256];
	int i, k, idx = 0;
	FILE *f;

	group_file(base, sizeof(base), g);
	snprintf(path, sizeof(path), "%s/%s.dat", dir, base);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	for (i = 0; i < g->nrows; i++) {
		if (!plotted(g, i))
			continue;
		row_label(lab, sizeof(lab), g->rows[i].path, g->rows[i].depth);
		fprintf(f, "# %s\n# size mbps mbps_min mbps_max ops ops_min ops_max\n", lab);
		for (k = 0; k < g->nsizes; k++) {
			const struct result *x = find_result(r, n, g->alg, g->crid,
				g->rows[i].path, g->rows[i].depth, g->sizes[k]);

			if (x)
				fprintf(f, "%zu %g %g %g %g %g %g\n", x->size,
					x->m.median, x->m.min, x->m.max,
					x->o.median, x->o.min, x->o.max);
		}
		fprintf(f, "\n\n");
	}
	fclose(f);

	snprintf(path, sizeof(path), "%s/%s.gp", dir, base);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	group_title(title, sizeof(title), g);
	fprintf(f, "%sset output \"%s.png\"\n", plot_style, base);
	fprintf(f, "set multiplot layout 1,2 title \"%s — median of %d rounds, error bars min..max (QEMU TCG: compare lines, not absolute values)\" font \",12\"\n",
		title, opt.rounds);
	fprintf(f, "set logscale xy\nset xlabel \"request size (bytes)\"\nset format y \"%%g\"\n");
	fprintf(f, "set xrange [%g:%g]\n", g->sizes[0] / 1.5,
		g->sizes[g->nsizes - 1] * 1.5);
	fprintf(f, "set xtics (\"16\" 16, \"64\" 64, \"256\" 256, \"1K\" 1024, \"4K\" 4096, \"16K\" 16384, \"64K\" 65536, \"256K\" 262144, \"1M\" 1048576)\n");
	for (k = 0; k < 2; k++) {
		fprintf(f, "set ylabel \"%s\"\nset key %s\nplot ",
			k ? "operations/s" : "MB/s", k ? "top right" : "top left");
		idx = 0;
		for (i = 0; i < g->nrows; i++) {
			if (!plotted(g, i))
				continue;
			row_label(lab, sizeof(lab), g->rows[i].path, g->rows[i].depth);
			fprintf(f, "%s\"%s.dat\" index %d using 1:%d:%d:%d with yerrorlines lt %d title \"%s\"",
				idx ? ", \\\n     " : "", base, idx, k ? 5 : 2,
				k ? 6 : 3, k ? 7 : 4, idx + 1, lab);
			idx++;
		}
		fputc('\n', f);
	}
	fprintf(f, "unset multiplot\n");
	fclose(f);
}

/* ops/s against depth at opt.depth_size, with the sync and OpenSSL levels. */
static void plot_depths(const char *dir, const struct result *r, int n,
			const struct group *g)
{
	const enum path_id dp[2] = { P_ASYNC, P_BATCH };
	const struct result *sync, *ossl, *nop;
	char base[96], path[512], sz[16], title[256];
	int i, j, count = 0;
	FILE *f;

	for (i = 0; i < n; i++)
		if (r[i].alg == g->alg && r[i].crid == g->crid && r[i].depth &&
		    r[i].size == opt.depth_size && !r[i].err && r[i].threads == 1)
			count++;
	if (count < 3)
		return;
	group_file(base, sizeof(base), g);
	fmt_size(sz, sizeof(sz), opt.depth_size);
	snprintf(path, sizeof(path), "%s/%s-depth.dat", dir, base);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	for (j = 0; j < 2; j++) {
		unsigned int d;

		fprintf(f, "# %s\n", path_name(dp[j]));
		/* One point per depth: the figure measured last (find_result). */
		for (d = 1; d <= 1024; d++) {
			const struct result *x = find_result(r, n, g->alg, g->crid,
							     dp[j], d, opt.depth_size);

			if (x)
				fprintf(f, "%u %g %g %g\n", d, x->o.median,
					x->o.min, x->o.max);
		}
		fprintf(f, "\n\n");
	}
	fclose(f);
	sync = find_result(r, n, g->alg, g->crid, P_ZC, 0, opt.depth_size);
	ossl = g->crid == CLASS_HW ? NULL :
	       find_result(r, n, g->alg, CLASS_ANY, P_OPENSSL, 0, opt.depth_size);
	nop = find_result(r, n, g->alg, g->crid, P_NOP, 0, opt.depth_size);
	snprintf(path, sizeof(path), "%s/%s-depth.gp", dir, base);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	group_title(title, sizeof(title), g);
	fprintf(f, "%sset terminal pngcairo noenhanced size 900,600 font \"DejaVu Sans,11\" linewidth 1.5\n",
		plot_style);
	fprintf(f, "set output \"%s-depth.png\"\nset title \"%s, %s-byte requests: queue depth\" font \",12\"\n",
		base, title, sz);
	fprintf(f, "set format y \"%%g\"\nset logscale x 2\nset logscale y\nset xlabel \"depth (operations in flight)\"\nset ylabel \"operations/s\"\nset key bottom right\n");
	fprintf(f, "plot \"%s-depth.dat\" index 0 using 1:2:3:4 with yerrorlines lt 3 title \"async\", \\\n"
		   "     \"%s-depth.dat\" index 1 using 1:2:3:4 with yerrorlines lt 4 title \"batch\"",
		base, base);
	if (sync)
		fprintf(f, ", \\\n     %g with lines lt 2 title \"sync (zc), one at a time\"",
			sync->o.median);
	if (ossl)
		fprintf(f, ", \\\n     %g with lines lt 7 title \"user-space OpenSSL\"",
			ossl->o.median);
	if (nop)
		fprintf(f, ", \\\n     %g with lines lt 10 title \"nop ioctl (kernel crossing only)\"",
			nop->o.median);
	fputc('\n', f);
	fclose(f);
}

void report_plots(const char *dir, const struct result *r, int n)
{
	int g;

	mkdir(dir, 0755);
	build_groups(r, n);
	for (g = 0; g < ngroups; g++) {
		plot_sizes(dir, r, n, &groups[g]);
		plot_depths(dir, r, n, &groups[g]);
	}
}
