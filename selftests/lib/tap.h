/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a small TAP 13 producer for the ocf selftests.
 *
 * Output contract (the same as the kernel's kselftest):
 *
 *	TAP version 13
 *	1..N
 *	ok 1 - name
 *	not ok 2 - name
 *	ok 3 - name # SKIP reason
 *	# diagnostic line
 *	# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0
 *
 * and the exit codes TAP_EXIT_PASS (0), TAP_EXIT_FAIL (1), TAP_EXIT_SKIP (4).
 *
 * Usage:
 *
 *	tap_plan(3);
 *	tap_ok(fd >= 0, "open %s", path);
 *	tap_skip("no AES-NI", "aesni speed");
 *	return tap_finish();
 *
 * Any thread may report: each result line is written whole under stdout's
 * stream lock and the counters are atomic. tap_plan() and tap_finish() are
 * meant for the main thread. stdout is made line-buffered so that output
 * interleaves sensibly with children and the serial console.
 *
 * Header-only: include it from exactly the test's .c file(s).
 */
#ifndef _OCF_SELFTEST_TAP_H
#define _OCF_SELFTEST_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define TAP_EXIT_PASS	0
#define TAP_EXIT_FAIL	1
#define TAP_EXIT_SKIP	4

#define __tap_printf(a, b) __attribute__((format(printf, a, b)))

struct tap_state {
	int planned;		/* -1: no plan printed yet */
	int next;		/* number of the last result line */
	int pass;
	int fail;
	int skip;
};

static struct tap_state tap_state = { .planned = -1 };

static inline void tap_header(void)
{
	static bool done;

	if (!done) {
		done = true;
		setvbuf(stdout, NULL, _IOLBF, 0);
		printf("TAP version 13\n");
	}
}

/* Print the header and the plan "1..n". Call once, before any result. */
static inline void tap_plan(int n)
{
	tap_header();
	tap_state.planned = n;
	printf("1..%d\n", n);
}

static inline void tap_vdiag(const char *fmt, va_list ap)
{
	flockfile(stdout);
	fputs("# ", stdout);
	vfprintf(stdout, fmt, ap);
	fputc('\n', stdout);
	funlockfile(stdout);
}

/* A "# ..." diagnostic line; ignored by TAP consumers, read by humans. */
static inline __tap_printf(1, 2) void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

/*
 * Print one result line. @directive is NULL or "SKIP reason". Returns @pass,
 * so a test can write "if (!tap_ok(...)) return;".
 */
static inline bool tap_vresult(bool pass, const char *directive,
			       const char *fmt, va_list ap)
{
	int n;

	tap_header();
	flockfile(stdout);
	n = __atomic_add_fetch(&tap_state.next, 1, __ATOMIC_SEQ_CST);
	printf("%sok %d - ", pass ? "" : "not ", n);
	vfprintf(stdout, fmt, ap);
	if (directive)
		printf(" # %s", directive);
	fputc('\n', stdout);
	funlockfile(stdout);
	return pass;
}

static inline __tap_printf(2, 3) bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(pass ? &tap_state.pass : &tap_state.fail, 1,
			   __ATOMIC_SEQ_CST);
	tap_vresult(pass, NULL, fmt, ap);
	va_end(ap);
	return pass;
}

static inline __tap_printf(1, 2) void tap_pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(&tap_state.pass, 1, __ATOMIC_SEQ_CST);
	tap_vresult(true, NULL, fmt, ap);
	va_end(ap);
}

static inline __tap_printf(1, 2) void tap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(&tap_state.fail, 1, __ATOMIC_SEQ_CST);
	tap_vresult(false, NULL, fmt, ap);
	va_end(ap);
}

/* "ok N - name # SKIP reason": the test could not run here. */
static inline __tap_printf(2, 3) void tap_skip(const char *reason,
					       const char *fmt, ...)
{
	char directive[256];
	va_list ap;

	snprintf(directive, sizeof(directive), "SKIP %s", reason);
	va_start(ap, fmt);
	__atomic_add_fetch(&tap_state.skip, 1, __ATOMIC_SEQ_CST);
	tap_vresult(true, directive, fmt, ap);
	va_end(ap);
}

/* Nothing in this program can run here: "1..0 # SKIP reason", exit 4. */
static inline __tap_printf(1, 2) void tap_skip_all(const char *fmt, ...)
{
	va_list ap;

	tap_header();
	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(TAP_EXIT_SKIP);
}

/* Stop everything: "Bail out! reason", exit 1. */
static inline __tap_printf(1, 2) void tap_bail_out(const char *fmt, ...)
{
	va_list ap;

	tap_header();
	flockfile(stdout);
	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	funlockfile(stdout);
	exit(TAP_EXIT_FAIL);
}

/*
 * Print the totals (and the plan, if none was given up front) and return
 * the exit code: fail if anything failed or the plan was not met, skip if
 * nothing passed but something was skipped, else pass.
 */
static inline int tap_finish(void)
{
	struct tap_state *s = &tap_state;
	int ran = __atomic_load_n(&s->next, __ATOMIC_SEQ_CST);

	tap_header();
	if (s->planned < 0) {
		s->planned = ran;
		printf("1..%d\n", ran);
	} else if (ran != s->planned) {
		printf("# planned %d tests but ran %d\n", s->planned, ran);
		s->fail++;
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       s->pass, s->fail, s->skip);
	fflush(stdout);
	if (s->fail)
		return TAP_EXIT_FAIL;
	if (s->skip && !s->pass)
		return TAP_EXIT_SKIP;
	return TAP_EXIT_PASS;
}

/* tap_ok() with the failing expression as the name's diagnostic. */
#define TAP_CHECK(cond, ...)						\
	({								\
		bool __ok = (cond);					\
		if (!__ok)						\
			tap_diag("%s:%d: failed: %s (errno %d: %s)",	\
				 __FILE__, __LINE__, #cond, errno,	\
				 strerror(errno));			\
		tap_ok(__ok, __VA_ARGS__);				\
	})

#endif /* _OCF_SELFTEST_TAP_H */
