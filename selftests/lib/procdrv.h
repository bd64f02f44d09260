/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procdrv.h - a driver name to test with, read from /proc/crypto, and
 * whether it lists an algorithm or driver.
 *
 * Kernels name their software drivers differently ("sha1-generic" up to
 * 6.x, "sha1-lib" in 7.x, where the library implementations register the
 * algorithm), so tests that need "the" software driver of an algorithm ask
 * the kernel instead of naming one.  Implemented in procdrv.c
 * (libocftest.a).
 */
#ifndef _OCF_SELFTEST_PROCDRV_H
#define _OCF_SELFTEST_PROCDRV_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Copy into @buf the driver of algorithm @alg with the lowest priority in
 * /proc/crypto (the portable C implementation, when there are several), or
 * @fallback when /proc/crypto has none.  Returns @buf.
 */
char *procdrv_lowest(const char *alg, const char *fallback, char *buf,
		     size_t len);

/*
 * Whether /proc/crypto lists @name as an algorithm ("name") or a driver
 * ("driver"): false also when it cannot be read.
 */
bool procdrv_has(const char *name);

#endif /* _OCF_SELFTEST_PROCDRV_H */
