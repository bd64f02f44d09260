/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procdrv.h - a driver name to test with, read from /proc/crypto.
 *
 * Kernels name their software drivers differently ("sha1-generic" up to
 * 6.x, "sha1-lib" in 7.x, where the library implementations register the
 * algorithm), so tests that need "the" software driver of an algorithm ask
 * the kernel instead of naming one.  Header-only, like tap.h.
 */
#ifndef _OCF_SELFTEST_PROCDRV_H
#define _OCF_SELFTEST_PROCDRV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Copy into @buf the driver of algorithm @alg with the lowest priority in
 * /proc/crypto (the portable C implementation, when there are several), or
 * @fallback when /proc/crypto has none.  Returns @buf.
 */
static inline char *procdrv_lowest(const char *alg, const char *fallback,
				   char *buf, size_t len)
{
	char line[256], name[128] = "", driver[128] = "";
	long prio, best = -1;
	FILE *f = fopen("/proc/crypto", "r");

	snprintf(buf, len, "%s", fallback);
	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "name : %127s", name) == 1) {
			driver[0] = '\0';
		} else if (sscanf(line, "driver : %127s", driver) == 1) {
			continue;
		} else if (sscanf(line, "priority : %ld", &prio) == 1 &&
			   driver[0] && !strcmp(name, alg) &&
			   (best < 0 || prio < best)) {
			best = prio;
			snprintf(buf, len, "%s", driver);
		}
	}
	fclose(f);
	return buf;
}

#endif /* _OCF_SELFTEST_PROCDRV_H */
