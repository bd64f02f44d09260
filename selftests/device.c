// SPDX-License-Identifier: GPL-2.0
/*
 * device: the /dev/crypto node itself, before any crypto.
 *
 * It must exist as a character device with the mode set by the module
 * parameter "mode" (0666 by default), survive many concurrent open/close
 * cycles, and answer unknown ioctl numbers with ENOTTY.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define MODE_PARAM	"/sys/module/ocf/parameters/mode"
#define DEFAULT_MODE	0666
#define OPEN_THREADS	16
#define OPEN_ROUNDS	1000

/* The mode ocf was asked for: its parameter if readable, else the default. */
static unsigned int expected_mode(void)
{
	unsigned long mode = DEFAULT_MODE;
	char buf[32];
	FILE *f = fopen(MODE_PARAM, "r");

	if (f) {
		if (fgets(buf, sizeof(buf), f))
			mode = strtoul(buf, NULL, 0);	/* "0666" or "438" */
		fclose(f);
	}
	return mode & 07777;
}

static void test_node(void)
{
	struct stat st;
	unsigned int want = expected_mode();

	if (!TAP_CHECK(stat(CDEV_PATH, &st) == 0, CDEV_PATH " exists")) {
		tap_skip("no device node", "is a character device");
		tap_skip("no device node", "mode is %04o", want);
		return;
	}
	tap_ok(S_ISCHR(st.st_mode), "is a character device");
	if (!tap_ok((st.st_mode & 07777) == want, "mode is %04o", want))
		tap_diag("mode is %04o", st.st_mode & 07777);
}

struct opener {
	pthread_t thread;
	int failures;
	int first_errno;
};

static void *open_close_loop(void *arg)
{
	struct opener *o = arg;
	int i, fd;

	for (i = 0; i < OPEN_ROUNDS; i++) {
		fd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
		if (fd < 0 || close(fd) != 0) {
			if (!o->failures++)
				o->first_errno = errno;
		}
	}
	return NULL;
}

static void test_concurrent_open(void)
{
	struct opener o[OPEN_THREADS] = { 0 };
	int i, failures = 0, started = 0;

	for (i = 0; i < OPEN_THREADS; i++) {
		if (pthread_create(&o[i].thread, NULL, open_close_loop, &o[i]))
			break;
		started++;
	}
	for (i = 0; i < started; i++) {
		pthread_join(o[i].thread, NULL);
		if (o[i].failures && !failures)
			tap_diag("thread %d: first failure: %s", i,
				 strerror(o[i].first_errno));
		failures += o[i].failures;
	}
	if (started < OPEN_THREADS)
		tap_diag("only %d threads started", started);
	tap_ok(started == OPEN_THREADS && !failures,
	       "open/close %d threads x %d", OPEN_THREADS, OPEN_ROUNDS);
}

static void test_unknown_ioctl(const char *name, unsigned long cmd)
{
	int fd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
	int arg = 0, ret, err;

	if (fd < 0) {
		tap_fail("unknown ioctl %s returns ENOTTY (open: %s)", name,
			 strerror(errno));
		return;
	}
	ret = ioctl(fd, cmd, &arg);
	err = errno;
	close(fd);
	if (!tap_ok(ret == -1 && err == ENOTTY,
		    "unknown ioctl %s returns ENOTTY", name))
		tap_diag("ioctl returned %d, errno %d (%s)", ret, err,
			 strerror(err));
}

int main(void)
{
	tap_plan(6);
	test_node();
	test_concurrent_open();
	test_unknown_ioctl("_IO('c', 250)", _IO('c', 250));
	test_unknown_ioctl("_IOWR('x', 1, int)", _IOWR('x', 1, int));
	return tap_finish();
}
