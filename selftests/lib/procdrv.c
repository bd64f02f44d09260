// SPDX-License-Identifier: GPL-2.0
/*
 * procdrv.c - algorithms and drivers in /proc/crypto (procdrv.h,
 * libocftest.a).
 */
#include "procdrv.h"

char *procdrv_lowest(const char *alg, const char *fallback, char *buf,
		     size_t len)
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

bool procdrv_has(const char *name)
{
	char line[256], v[128];
	bool found = false;
	FILE *f = fopen("/proc/crypto", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = (sscanf(line, "name : %127s", v) == 1 ||
			 sscanf(line, "driver : %127s", v) == 1) &&
			!strcmp(v, name);
	fclose(f);
	return found;
}
