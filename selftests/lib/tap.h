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
 * Implemented in tap.c (libocftest.a): any file of a program may include
 * this and report; the counters are one set per program.
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
#define __tap_noreturn __attribute__((noreturn))

struct tap_state {
	int planned;		/* -1: no plan printed yet */
	int next;		/* number of the last result line */
	int pass;
	int fail;
	int skip;
};

/* The program's counters (tap.c): one set, whichever file reports. */
extern struct tap_state tap_state;

/* "TAP version 13", once (tap_plan() and every result print it first). */
void tap_header(void);
/* Print the header and the plan "1..n". Call once, before any result. */
void tap_plan(int n);
/* A "# ..." diagnostic line; ignored by TAP consumers, read by humans. */
void tap_diag(const char *fmt, ...) __tap_printf(1, 2);
void tap_vdiag(const char *fmt, va_list ap);
/*
 * One result line; tap_ok() returns @pass, so a test can write
 * "if (!tap_ok(...)) return;".
 */
bool tap_ok(bool pass, const char *fmt, ...) __tap_printf(2, 3);
void tap_pass(const char *fmt, ...) __tap_printf(1, 2);
void tap_fail(const char *fmt, ...) __tap_printf(1, 2);
/* "ok N - name # SKIP reason": the test could not run here. */
void tap_skip(const char *reason, const char *fmt, ...) __tap_printf(2, 3);
/* Nothing in this program can run here: "1..0 # SKIP reason", exit 4. */
void tap_skip_all(const char *fmt, ...) __tap_printf(1, 2) __tap_noreturn;
/* Stop everything: "Bail out! reason", exit 1. */
void tap_bail_out(const char *fmt, ...) __tap_printf(1, 2) __tap_noreturn;
/*
 * Print the totals (and the plan, if none was given up front) and return
 * the exit code: fail if anything failed or the plan was not met, skip if
 * nothing passed but something was skipped, else pass.
 */
int tap_finish(void);

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
