/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TAP functions ktls_util.c calls (ktls_util.h), defined over tap.h's
 * counters.  tap.h keeps its state in each file that includes it, so the
 * program that owns the TAP run (ktls.c, ktls_route.c, ktls_update.c)
 * includes this once, after tap.h.
 */
#ifndef _OCF_SELFTEST_KTLS_TAP_H
#define _OCF_SELFTEST_KTLS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "ktls_util.h"
#include "tap.h"

bool kt_ok(bool pass, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return tap_ok(pass, "%s", buf);
}

void kt_skip(const char *reason, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tap_skip(reason, "%s", buf);
}

void kt_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

void kt_bail_out(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tap_bail_out("%s", buf);
	exit(TAP_EXIT_FAIL);	/* not reached: tap_bail_out() exits */
}

#endif /* _OCF_SELFTEST_KTLS_TAP_H */
