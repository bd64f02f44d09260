// SPDX-License-Identifier: GPL-2.0
/*
 * tap.c - the TAP 13 producer of the ocf selftests (tap.h): one set of
 * counters for the whole program, whichever of its files reports.
 */
#include "tap.h"

struct tap_state tap_state = { .planned = -1 };

void tap_header(void)
{
	static bool done;

	if (!done) {
		done = true;
		setvbuf(stdout, NULL, _IOLBF, 0);
		printf("TAP version 13\n");
	}
}

/* Print the header and the plan "1..n". Call once, before any result. */
void tap_plan(int n)
{
	tap_header();
	tap_state.planned = n;
	printf("1..%d\n", n);
}

void tap_vdiag(const char *fmt, va_list ap)
{
	flockfile(stdout);
	fputs("# ", stdout);
	vfprintf(stdout, fmt, ap);
	fputc('\n', stdout);
	funlockfile(stdout);
}

/* A "# ..." diagnostic line; ignored by TAP consumers, read by humans. */
void tap_diag(const char *fmt, ...)
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
static bool tap_vresult(bool pass, const char *directive,
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

bool tap_ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(pass ? &tap_state.pass : &tap_state.fail, 1,
			   __ATOMIC_SEQ_CST);
	tap_vresult(pass, NULL, fmt, ap);
	va_end(ap);
	return pass;
}

void tap_pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(&tap_state.pass, 1, __ATOMIC_SEQ_CST);
	tap_vresult(true, NULL, fmt, ap);
	va_end(ap);
}

void tap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	__atomic_add_fetch(&tap_state.fail, 1, __ATOMIC_SEQ_CST);
	tap_vresult(false, NULL, fmt, ap);
	va_end(ap);
}

/* "ok N - name # SKIP reason": the test could not run here. */
void tap_skip(const char *reason, const char *fmt, ...)
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
void tap_skip_all(const char *fmt, ...)
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
void tap_bail_out(const char *fmt, ...)
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
int tap_finish(void)
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
