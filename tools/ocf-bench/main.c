// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: throughput of /dev/crypto paths against AF_ALG, user-space
 * OpenSSL and the kernel's tcrypt, in one program.
 *
 * The command line (or each line of a --plan file) names algorithms,
 * sizes, paths, queue depths, a driver class and threads; every
 * combination is one figure.  Results go to stdout as they are measured,
 * then as tables, and optionally to JSON, Markdown and gnuplot files.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

struct opts opt = {
	.rounds = 5,
	.round_s = 0.2,
	.warmup_s = 0.05,
	.aad_len = 8,
	.tcrypt_runs = 3,
	.tcrypt_sec = 0,
	.plot_depth = 32,
	.depth_size = 64,
};

const struct path *paths[P_NR] = {
	[P_COPY] = &path_copy, [P_ZC] = &path_zc, [P_ASYNC] = &path_async,
	[P_BATCH] = &path_batch, [P_AFALG] = &path_afalg,
	[P_SPLICE] = &path_splice, [P_OPENSSL] = &path_openssl,
	[P_NOP] = &path_nop,
};

static const struct path path_tcrypt = {
	.name = "tcrypt",
	.what = "the kernel's tcrypt speed test, same algorithm and driver",
};

static struct result *results;
static int nresults, cap_results;

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ocf-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	va_end(ap);
}

static void usage(FILE *f)
{
	const struct alg *a;
	int i;

	fprintf(f,
"Usage: ocf-bench [options]          measure what the options name\n"
"       ocf-bench [options] --plan F  one measurement per line of F\n"
"\n"
"What (also valid on plan lines, with -r and -t):\n"
"  -a, --algs LIST     algorithms (default: all)\n"
"  -s, --sizes LIST    sizes: 64,4k,1m or a range 16-1m of powers of 4\n"
"                      (default 16-1m)\n"
"  -p, --paths LIST    paths (default: all but nop and tcrypt)\n"
"  -d, --depths LIST   queue depths of async and batch (default 1,8,32,64)\n"
"  -c, --crid CLASS    /dev/crypto driver class: any, hw, sw (default any)\n"
"  -T, --threads N     parallel threads, each with its own fd/session/buffers\n"
"      --cpu N         pin to CPU N (with --spread: threads on N, N+1, ...)\n"
"      --spread        one thread per CPU\n"
"How:\n"
"  -r, --rounds N      timed rounds per figure (default %d); median, min, max\n"
"  -t, --time MS       length of a round (default %.0f ms)\n"
"  -w, --warmup MS     untimed warm-up round (default %.0f ms)\n"
"      --aad N         AEAD associated data bytes (default %u)\n"
"      --tcrypt-runs N loads of each tcrypt mode (default %d)\n"
"      --tcrypt-sec N  tcrypt sec= parameter; 0 = cycle counts (default %d)\n"
"Output:\n"
"      --json FILE     all figures, with rounds, as JSON\n"
"      --md FILE       Markdown tables, ratios and targets\n"
"      --plots DIR     gnuplot data and scripts (DIR/*.gp -> *.png)\n"
"      --plot-depth D  depth of async/batch lines in size plots (default 32)\n"
"      --depth-size N  size of the depth plots (default 64)\n"
"      --note TEXT     a line for the report header (machine, date)\n"
"  -v, --verbose\n"
"  -h, --help\n\nAlgorithms:",
		opt.rounds, opt.round_s * 1e3, opt.warmup_s * 1e3, opt.aad_len,
		opt.tcrypt_runs, opt.tcrypt_sec);
	for (a = algs; a->name; a++)
		fprintf(f, " %s", a->name);
	fprintf(f, "\nPaths:\n");
	for (i = 0; i < P_NR; i++) {
		const struct path *p = i == P_TCRYPT ? &path_tcrypt : paths[i];

		fprintf(f, "  %-13s %s%s\n", p->name, p->what,
			p->depth ? " (depths)" : "");
	}
}

static size_t parse_size(const char *s)
{
	char *end;
	size_t v = strtoull(s, &end, 10);

	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	if (*end || !v)
		die("bad size '%s'", s);
	return v;
}

static void parse_sizes(struct spec *s, char *list)
{
	char *tok, *dash;

	s->nsizes = 0;
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		size_t lo, hi;

		dash = strchr(tok, '-');
		if (dash)
			*dash = 0;
		lo = parse_size(tok);
		hi = dash ? parse_size(dash + 1) : lo;
		for (; lo <= hi && s->nsizes < MAX_SIZES; lo *= 4)
			s->sizes[s->nsizes++] = lo;
	}
}

static void parse_algs(struct spec *s, char *list)
{
	char *tok;

	s->nalgs = 0;
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		int i;

		if (!strcmp(tok, "all")) {
			for (i = 0; algs[i].name && s->nalgs < MAX_ALGS; i++)
				s->algs[s->nalgs++] = &algs[i];
			continue;
		}
		if (!alg_find(tok))
			die("unknown algorithm '%s' (--help lists them)", tok);
		if (s->nalgs < MAX_ALGS)
			s->algs[s->nalgs++] = alg_find(tok);
	}
}

static void parse_paths(struct spec *s, char *list)
{
	char *tok;

	s->npaths = 0;
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		int i;

		for (i = 0; i < P_NR; i++)
			if (!strcmp(tok, i == P_TCRYPT ? "tcrypt" : paths[i]->name))
				break;
		if (i == P_NR)
			die("unknown path '%s' (--help lists them)", tok);
		if (s->npaths < MAX_PATHS)
			s->paths[s->npaths++] = i;
	}
}

static void parse_depths(struct spec *s, char *list)
{
	char *tok;

	s->ndepths = 0;
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		int d = atoi(tok);

		if (d < 1 || d > 1024)
			die("bad depth '%s'", tok);
		if (s->ndepths < MAX_DEPTHS)
			s->depths[s->ndepths++] = d;
	}
}

static void default_spec(struct spec *s)
{
	char sizes[] = "16-1m", all[] = "all", depths[] = "1,8,32,64";
	int i;

	memset(s, 0, sizeof(*s));
	parse_algs(s, all);
	parse_sizes(s, sizes);
	parse_depths(s, depths);
	for (i = 0; i < P_NR; i++)
		if (i != P_TCRYPT && i != P_NOP)
			s->paths[s->npaths++] = i;
	s->threads = 1;
	s->cpu = -1;
}

enum {
	O_CPU = 256, O_SPREAD, O_AAD, O_TC_RUNS, O_TC_SEC, O_JSON, O_MD,
	O_PLOTS, O_PLOT_DEPTH, O_DEPTH_SIZE, O_NOTE, O_PLAN,
};

static const struct option longopts[] = {
	{ "algs", 1, NULL, 'a' }, { "sizes", 1, NULL, 's' },
	{ "paths", 1, NULL, 'p' }, { "depths", 1, NULL, 'd' },
	{ "crid", 1, NULL, 'c' }, { "threads", 1, NULL, 'T' },
	{ "cpu", 1, NULL, O_CPU }, { "spread", 0, NULL, O_SPREAD },
	{ "rounds", 1, NULL, 'r' }, { "time", 1, NULL, 't' },
	{ "warmup", 1, NULL, 'w' }, { "aad", 1, NULL, O_AAD },
	{ "tcrypt-runs", 1, NULL, O_TC_RUNS },
	{ "tcrypt-sec", 1, NULL, O_TC_SEC },
	{ "json", 1, NULL, O_JSON }, { "md", 1, NULL, O_MD },
	{ "plots", 1, NULL, O_PLOTS }, { "plot-depth", 1, NULL, O_PLOT_DEPTH },
	{ "depth-size", 1, NULL, O_DEPTH_SIZE }, { "note", 1, NULL, O_NOTE },
	{ "plan", 1, NULL, O_PLAN }, { "verbose", 0, NULL, 'v' },
	{ "help", 0, NULL, 'h' }, { NULL },
};

/* Parse options into @s (and the globals); returns the plan file or NULL. */
static const char *parse_opts(int argc, char **argv, struct spec *s, bool plan)
{
	const char *planfile = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "a:s:p:d:c:T:r:t:w:vh", longopts,
				NULL)) != -1) {
		if (plan && !strchr("aspdcTrt", c) && c != O_CPU && c != O_SPREAD)
			die("plan lines take only -a -s -p -d -c -T -r -t --cpu --spread");
		switch (c) {
		case 'a':
			parse_algs(s, optarg);
			break;
		case 's':
			parse_sizes(s, optarg);
			break;
		case 'p':
			parse_paths(s, optarg);
			break;
		case 'd':
			parse_depths(s, optarg);
			break;
		case 'c':
			if (!strcmp(optarg, "hw"))
				s->crid = CLASS_HW;
			else if (!strcmp(optarg, "sw"))
				s->crid = CLASS_SW;
			else if (!strcmp(optarg, "any"))
				s->crid = CLASS_ANY;
			else
				die("--crid takes any, hw or sw");
			break;
		case 'T':
			s->threads = atoi(optarg);
			break;
		case O_CPU:
			s->cpu = atoi(optarg);
			break;
		case O_SPREAD:
			s->spread = true;
			break;
		case 'r':
			opt.rounds = atoi(optarg);
			break;
		case 't':
			opt.round_s = atof(optarg) / 1e3;
			break;
		case 'w':
			opt.warmup_s = atof(optarg) / 1e3;
			break;
		case O_AAD:
			opt.aad_len = atoi(optarg);
			break;
		case O_TC_RUNS:
			opt.tcrypt_runs = atoi(optarg);
			break;
		case O_TC_SEC:
			opt.tcrypt_sec = atoi(optarg);
			break;
		case O_JSON:
			opt.json = optarg;
			break;
		case O_MD:
			opt.md = optarg;
			break;
		case O_PLOTS:
			opt.plotdir = optarg;
			break;
		case O_PLOT_DEPTH:
			opt.plot_depth = atoi(optarg);
			break;
		case O_DEPTH_SIZE:
			opt.depth_size = parse_size(optarg);
			break;
		case O_NOTE:
			opt.note = optarg;
			break;
		case O_PLAN:
			planfile = optarg;
			break;
		case 'v':
			opt.verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc)
		die("unexpected argument '%s'", argv[optind]);
	if (opt.rounds < 1 || opt.rounds > MAX_ROUNDS)
		die("--rounds must be 1..%d", MAX_ROUNDS);
	if (opt.aad_len > AAD_MAX)
		die("--aad must be at most %d", AAD_MAX);
	if (s->threads < 1 || s->threads > 256)
		die("--threads must be 1..256");
	return planfile;
}

static struct result *new_result(void)
{
	if (nresults == cap_results) {
		cap_results = cap_results ? cap_results * 2 : 256;
		results = realloc(results, cap_results * sizeof(*results));
		if (!results)
			die("out of memory");
	}
	return &results[nresults++];
}

static int check(const struct spec *s, const struct alg *a, enum path_id p)
{
	switch (p) {
	case P_AFALG:
	case P_SPLICE:
		return afalg_check(a);
	case P_OPENSSL:
		return s->crid != CLASS_ANY ? ENOTSUP : openssl_check(a);
	default:
		return cdev_check(a, p);
	}
}

static void show(const struct result *r)
{
	char sz[16], lab[32];

	fmt_size(sz, sizeof(sz), r->size);
	snprintf(lab, sizeof(lab), "%s%s%.0u", paths[r->path] ?
		 paths[r->path]->name : "tcrypt", r->depth ? "-" : "", r->depth);
	if (r->err) {
		printf("%-18s %-3s %-14s %6s  n/a (%s)\n", r->alg->name,
		       crid_name(r->crid), lab, sz, strerror(r->err));
	} else {
		printf("%-18s %-3s %-14s %6s %12.0f ops/s %10.2f MB/s  [%.0f..%.0f] %s\n",
		       r->alg->name, crid_name(r->crid), lab, sz, r->o.median,
		       r->m.median, r->o.min, r->o.max, r->driver);
	}
	fflush(stdout);
}

static void measure_tcrypt(const struct spec *s, const struct alg *a)
{
	int k;

	for (k = 0; k < s->nsizes; k++) {
		struct result *r;
		int err, i;

		r = new_result();
		memset(r, 0, sizeof(*r));
		r->alg = a;
		r->path = P_TCRYPT;
		r->size = s->sizes[k];
		r->threads = 1;
		r->cpu = -1;
		err = a->tc.mode ? tcrypt_measure(a, r->size, r) : ENOTSUP;
		if (err) {
			nresults--;	/* tcrypt has no such size: no row */
			continue;
		}
		stat3_of(r->ops, r->nrounds, &r->o);
		{
			double mb[MAX_ROUNDS];

			for (i = 0; i < r->nrounds; i++)
				mb[i] = r->ops[i] * r->size / 1e6;
			stat3_of(mb, r->nrounds, &r->m);
		}
		show(r);
	}
}

/*
 * All figures of one algorithm and size are set up together and their
 * rounds interleaved (round 1 of each, then round 2 of each, ...), so a
 * change in the host's load hits every path alike.
 */
static void measure_size(const struct spec *s, const struct alg *a, size_t size)
{
	struct result group[MAX_PATHS * MAX_DEPTHS];
	struct team *team[MAX_PATHS * MAX_DEPTHS];
	int j, d, k, n = 0, round;

	for (j = 0; j < s->npaths; j++) {
		enum path_id p = s->paths[j];
		int nd = paths[p] && paths[p]->depth ? s->ndepths : 1;
		int err;

		if (p == P_TCRYPT)
			continue;
		err = check(s, a, p);
		for (d = 0; d < nd; d++, n++) {
			struct result *r = &group[n];

			team[n] = NULL;
			if (err) {
				memset(r, 0, sizeof(*r));
				r->alg = a;
				r->path = p;
				r->crid = s->crid;
				r->depth = paths[p]->depth ? s->depths[d] : 0;
				r->size = size;
				r->threads = s->threads;
				r->err = err;
				continue;
			}
			team[n] = figure_start(s, a, p, s->depths[d], size, r);
		}
	}
	for (round = 0; round < opt.rounds; round++)
		for (k = 0; k < n; k++)
			if (team[k])
				figure_round(team[k], false);
	for (k = 0; k < n; k++) {
		if (team[k])
			figure_end(team[k]);
		*new_result() = group[k];
		show(&group[k]);
	}
}

static void measure(const struct spec *s)
{
	int i, j, k;

	for (j = 0; j < s->npaths; j++)
		if (s->paths[j] == P_TCRYPT && s->crid == CLASS_ANY)
			tcrypt_collect(s->algs, s->nalgs);
	for (i = 0; i < s->nalgs; i++) {
		for (j = 0; j < s->npaths; j++)
			if (s->paths[j] == P_TCRYPT && s->crid == CLASS_ANY)
				measure_tcrypt(s, s->algs[i]);
		for (k = 0; k < s->nsizes; k++)
			measure_size(s, s->algs[i], s->sizes[k]);
	}
}

static void run_plan(const char *file, const struct spec *defaults)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	char line[1024];
	int ln = 0;

	if (!f)
		die("%s: %s", file, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *argv[64] = { "plan" }, *tok, *hash, shown[1024];
		struct opts saved;
		struct spec s = *defaults;
		int argc = 1;

		ln++;
		hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		snprintf(shown, sizeof(shown), "%s", line);
		shown[strcspn(shown, "\n")] = 0;
		for (tok = strtok(line, " \t\n"); tok && argc < 63;
		     tok = strtok(NULL, " \t\n"))
			argv[argc++] = strdup(tok);
		if (argc == 1)
			continue;
		note("plan line %d: %s", ln, shown);
		saved = opt;	/* -r and -t hold for this line only */
		parse_opts(argc, argv, &s, true);
		measure(&s);
		opt.rounds = saved.rounds;
		opt.round_s = saved.round_s;
	}
	if (f != stdin)
		fclose(f);
}

int main(int argc, char **argv)
{
	const char *plan;
	struct spec s;

	setvbuf(stdout, NULL, _IOLBF, 0);
	default_spec(&s);
	plan = parse_opts(argc, argv, &s, false);
	cdev_probe();
	note("ocf-bench: /dev/crypto %s, features 0x%llx, zc_threshold %u; %d round(s) of %.0f ms",
	     cdev_present ? "present" : "absent",
	     (unsigned long long)cdev_features, cdev_zc_threshold,
	     opt.rounds, opt.round_s * 1e3);
	if (plan)
		run_plan(plan, &s);
	else
		measure(&s);
	report_text(results, nresults);
	if (opt.json)
		report_json(opt.json, results, nresults);
	if (opt.md)
		report_md(opt.md, results, nresults);
	if (opt.plotdir)
		report_plots(opt.plotdir, results, nresults);
	return 0;
}
