// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: the kernel's own speed, measured by tcrypt.
 *
 * "modprobe tcrypt mode=M sec=S [alg=A] [klen=K]" runs the speed tests of
 * mode M inside the module's init (which then fails on purpose, so the
 * module never stays loaded) and prints them to the kernel log, which is
 * read from /dev/kmsg.  The figure is the in-kernel limit for that driver:
 * no system call, no copy, no page pinning.
 *
 * sec=0 (the default, opt.tcrypt_sec) prints "1 operation in C cycles"
 * averaged over 8 operations after 4 of warm-up; C is turned into
 * operations per second with the TSC frequency measured here against
 * CLOCK_MONOTONIC (under TCG the guest's TSC is the host's).  sec=N
 * counts operations for N seconds per size and key length, more precise
 * but far slower: mode 500 alone has several hundred such tests.  Each
 * mode is loaded opt.tcrypt_runs times; the figure is the median run.
 *
 * Sizes are tcrypt's own (16 to 4096 bytes for ciphers, to 8192 for AEADs
 * and hashes); sizes it does not have are left out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "bench.h"

struct tc_entry {
	char alg[64];
	char driver[DRIVER_MAX];
	bool dec;
	unsigned int keybits, block, plen;
	int run;
	double ops;
};

static struct tc_entry *tc;
static int ntc, tc_cap;
static double tsc_hz;

static double measure_tsc(void)
{
	double t0 = now_s(), t;
	uint64_t c0 = __rdtsc();

	do
		t = now_s();
	while (t - t0 < 0.2);
	return (__rdtsc() - c0) / (t - t0);
}

static int load_tcrypt(const struct tcrypt_map *m)
{
	char mode[32], sec[32], alg[96], klen[32];
	char *argv[8] = { "modprobe", "tcrypt", mode, sec };
	int n = 4, st, fd;
	pid_t pid;

	snprintf(mode, sizeof(mode), "mode=%d", m->mode);
	snprintf(sec, sizeof(sec), "sec=%d", opt.tcrypt_sec);
	if (m->param_alg) {
		snprintf(alg, sizeof(alg), "alg=%s", m->param_alg);
		argv[n++] = alg;
	}
	if (m->klen) {
		snprintf(klen, sizeof(klen), "klen=%u", m->klen);
		argv[n++] = klen;
	}
	argv[n] = NULL;
	pid = fork();
	if (pid < 0)
		return errno;
	if (!pid) {
		/* tcrypt always fails to load (EAGAIN): keep modprobe quiet. */
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp("modprobe", argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 127 ? ENOENT : 0;
}

static struct tc_entry *add_entry(void)
{
	if (ntc == tc_cap) {
		tc_cap = tc_cap ? tc_cap * 2 : 256;
		tc = realloc(tc, tc_cap * sizeof(*tc));
		if (!tc)
			die("out of memory");
	}
	memset(&tc[ntc], 0, sizeof(*tc));
	return &tc[ntc++];
}

/* Parser state across kernel log records. */
struct tc_parse {
	char alg[64], driver[DRIVER_MAX];
	bool dec;
	unsigned int keybits, block, plen;
	bool have_test;
	int run;
};

static void parse_title(struct tc_parse *ps, const char *p)
{
	const char *open, *end;

	if (!strncmp(p, "async ", 6))
		p += 6;
	if (!strncmp(p, "multibuffer ", 12))
		p += 12;
	open = strstr(p, " (");
	if (!open)
		return;
	snprintf(ps->alg, sizeof(ps->alg), "%.*s", (int)(open - p), p);
	ps->dec = !!strstr(open, ") decryption");
	end = strrchr(open, ')');
	if (!end)
		return;
	snprintf(ps->driver, sizeof(ps->driver), "%.*s",
		 (int)(end - open - 2), open + 2);
	ps->have_test = false;
}

static void parse_result(struct tc_parse *ps, const char *p)
{
	unsigned long long a, b;
	struct tc_entry *e;
	double ops = 0;
	const char *q;

	q = strstr(p, "1 operation in ");
	if (q && sscanf(q, "1 operation in %llu cycles", &a) == 1 && a) {
		ops = tsc_hz / a;
	} else if (strstr(p, " operations in ")) {
		q = strstr(p, " operations in ");
		if (sscanf(q, " operations in %llu seconds", &b) == 1 && b) {
			while (q > p && q[-1] >= '0' && q[-1] <= '9')
				q--;
			ops = (double)strtoull(q, NULL, 10) / b;
		}
	} else if (strstr(p, "cycles/operation")) {
		ops = sscanf(p, "%llu cycles/operation", &a) == 1 && a ?
		      tsc_hz / a : 0;
	} else if (strstr(p, "opers/sec")) {
		ops = sscanf(p, "%llu opers/sec", &a) == 1 ? a : 0;
	}
	if (!ops || !ps->have_test)
		return;
	e = add_entry();
	memcpy(e->alg, ps->alg, sizeof(e->alg));
	memcpy(e->driver, ps->driver, sizeof(e->driver));
	e->dec = ps->dec;
	e->keybits = ps->keybits;
	e->block = ps->block;
	e->plen = ps->plen;
	e->run = ps->run;
	e->ops = ops;
	ps->have_test = false;
}

static void parse_line(struct tc_parse *ps, const char *p)
{
	unsigned int n, k, b, u;
	const char *q;

	/* /dev/kmsg shows a leading newline as "\x0a". */
	q = strstr(p, "testing speed of ");
	if (q) {
		parse_title(ps, q + 17);
		return;
	}
	if (!strncmp(p, "tcrypt: ", 8))
		p += 8;
	while (*p == ' ')
		p++;
	if (sscanf(p, "test %u (%u bit key, %u byte blocks)", &n, &k, &b) == 3) {
		ps->keybits = k;
		ps->block = ps->plen = b;
		ps->have_test = true;
	} else if (sscanf(p, "test %u ( %u byte blocks, %u bytes per update, %u updates)",
			  &n, &b, &k, &u) == 4) {
		ps->keybits = 0;
		ps->block = b;
		ps->plen = k;
		ps->have_test = true;
	}
	q = strstr(p, "): ");
	parse_result(ps, q ? q + 3 : p);
}

static int run_mode(const struct tcrypt_map *m, int run)
{
	struct tc_parse ps = { .run = run };
	char buf[8192];
	ssize_t r;
	int fd, err;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	lseek(fd, 0, SEEK_END);
	err = load_tcrypt(m);
	while (!err) {
		char *msg, *nl;

		r = read(fd, buf, sizeof(buf) - 1);
		if (r < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (r <= 0)
			break;
		buf[r] = 0;
		msg = strchr(buf, ';');
		if (!msg)
			continue;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = 0;
		parse_line(&ps, msg + 1);
	}
	close(fd);
	return err;
}

static bool same_mode(const struct tcrypt_map *a, const struct tcrypt_map *b)
{
	if (a->mode != b->mode || a->klen != b->klen)
		return false;
	if (!a->param_alg || !b->param_alg)
		return a->param_alg == b->param_alg;
	return !strcmp(a->param_alg, b->param_alg);
}

/* Run each distinct tcrypt mode the algorithms need, opt.tcrypt_runs times. */
void tcrypt_collect(const struct alg *const *as, int n)
{
	int i, j, run;

	if (!tsc_hz)
		tsc_hz = measure_tsc();
	for (i = 0; i < n; i++) {
		const struct tcrypt_map *m = &as[i]->tc;

		if (!m->mode)
			continue;
		for (j = 0; j < i; j++)
			if (same_mode(&as[j]->tc, m))
				break;
		if (j < i)
			continue;
		note("tcrypt mode=%d%s%s: %d run(s)", m->mode,
		     m->param_alg ? " alg=" : "", m->param_alg ?: "",
		     opt.tcrypt_runs);
		for (run = 0; run < opt.tcrypt_runs; run++)
			if (run_mode(m, run))
				break;
	}
	note("tcrypt: %d figures from the kernel log (TSC %.0f MHz)", ntc,
	     tsc_hz / 1e6);
}

static bool matches(const struct alg *a, const struct tc_entry *e,
		    size_t size)
{
	if (strcmp(e->alg, a->tc.name) || e->dec || e->block != size)
		return false;
	if (a->kind == K_HASH || a->kind == K_HMAC)
		return e->plen == e->block;
	return e->keybits == a->tc.keybits;
}

int tcrypt_measure(const struct alg *a, size_t size, struct result *r)
{
	int i;

	r->nrounds = 0;
	for (i = 0; i < ntc && r->nrounds < MAX_ROUNDS; i++) {
		if (!matches(a, &tc[i], size))
			continue;
		r->ops[r->nrounds++] = tc[i].ops;
		snprintf(r->driver, sizeof(r->driver), "%s", tc[i].driver);
	}
	if (!r->nrounds)
		return ENOENT;
	return 0;
}

/* The largest size tcrypt measured for @a, and its MB/s. */
void tcrypt_peak(const struct alg *a, size_t *size, struct stat3 *mbps,
		 char *driver, size_t dlen)
{
	double v[MAX_ROUNDS];
	int i, n = 0;

	*size = 0;
	for (i = 0; i < ntc; i++)
		if (matches(a, &tc[i], tc[i].block) && tc[i].block > *size)
			*size = tc[i].block;
	for (i = 0; *size && i < ntc && n < MAX_ROUNDS; i++) {
		if (!matches(a, &tc[i], *size))
			continue;
		v[n++] = tc[i].ops * *size / 1e6;
		snprintf(driver, dlen, "%s", tc[i].driver);
	}
	if (n)
		stat3_of(v, n, mbps);
}
