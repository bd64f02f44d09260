// SPDX-License-Identifier: GPL-2.0
/*
 * limits - the per-file bounds of asynchronous operation, and the limits'
 * parameters themselves.
 *
 * max_sessions is tested in threads.c and max_request (E2BIG) with the bad
 * input of cipher.c, hash.c and aead.c;
 * this adds what they do not cover:
 *  - max_queue: the (max_queue + 1)-th outstanding operation gets EAGAIN,
 *    per open file, poll() drops POLLOUT, a fetch makes room again, and a
 *    batch is cut short at the bound;
 *  - max_pinned: pinned bytes of outstanding operations are bounded
 *    (EAGAIN) and given back when they are fetched or the file is closed;
 *  - RLIMIT_MEMLOCK: an unprivileged submitter (no CAP_IPC_LOCK) gets
 *    ENOMEM past its limit, and the charge is returned on fetch and close;
 *  - the parameters refuse values outside their range, and a changed
 *    max_request applies at once;
 *  - a batch handles at most 1024 entries per call.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "cdev.h"

#define PARAMS "/sys/module/ocf/parameters/"

static __u8 *buf;
static const __u8 key[16] = { 7 };

static long read_param(const char *name)
{
	char path[128], v[32] = "";
	int fd;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, v, sizeof(v) - 1) <= 0)
		v[0] = 0;
	close(fd);
	return v[0] ? atol(v) : -1;
}

/* 0, or -errno of the write (a refused value gives EINVAL). */
static int write_param(const char *name, const char *val)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int write_num(const char *name, long v)
{
	char s[32];

	snprintf(s, sizeof(s), "%ld", v);
	return write_param(name, s);
}

static int cbc_session(int fd, __u32 *ses)
{
	return cdev_session(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, ses);
}

/* CIOCASYNCCRYPT of @len bytes from buf + @off to buf + @off + 1 MiB. */
static int submit(int fd, __u32 ses, size_t off, __u32 len)
{
	struct crypt_op op;

	memset(&op, 0, sizeof(op));
	op.ses = ses;
	op.op = COP_ENCRYPT;
	op.len = len;
	op.src = buf + off;
	op.dst = buf + off + (1 << 20);
	return cdev_ioctl(fd, CIOCASYNCCRYPT, &op);
}

/* Wait for and fetch one completion. */
static int fetch(int fd)
{
	struct crypt_op op;
	int ret, tries;

	for (tries = 0; tries < 500; tries++) {
		struct pollfd p = { fd, POLLIN, 0 };

		ret = cdev_ioctl(fd, CIOCASYNCFETCH, &op);
		if (ret != -EBUSY)
			return ret;
		poll(&p, 1, 20);
	}
	return -ETIMEDOUT;
}

/* Fetch what has completed, without waiting. */
static void drain(int fd)
{
	struct crypt_op op;
	int n;

	for (n = 0; n < 100000; n++)
		if (cdev_ioctl(fd, CIOCASYNCFETCH, &op) == -EBUSY)
			return;
}

static int pollout(int fd)
{
	struct pollfd p = { fd, POLLOUT, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

static void test_max_queue(void)
{
	long saved = read_param("max_queue");
	int fd = cdev_open(), fd2 = cdev_open(), i, n = 0, err = 0, ok;
	struct ocf_crypt_desc d[4];
	struct ocf_submit sb;
	__u32 ses, ses2;

	if (saved < 0 || write_num("max_queue", 8) || fd < 0 || fd2 < 0 ||
	    cbc_session(fd, &ses) || cbc_session(fd2, &ses2)) {
		for (i = 0; i < 4; i++)
			tap_skip("cannot set max_queue", "max_queue %d", i);
		goto out;
	}
	for (i = 0; i < 20 && !err; i++) {
		err = submit(fd, ses, 4096 * i, 4096);
		if (!err)
			n++;
	}
	tap_ok(n == 8 && err == -EAGAIN && !pollout(fd),
	       "max_queue 8: 8 outstanding, then EAGAIN and no POLLOUT (%d, %s)", n,
	       strerror(-err));
	ok = !submit(fd2, ses2, 0, 4096);
	tap_ok(ok, "max_queue is per open file: another file still submits");
	ok = !fetch(fd) && pollout(fd) && !submit(fd, ses, 0, 4096) &&
	     submit(fd, ses, 0, 4096) == -EAGAIN;
	tap_ok(ok, "max_queue: a fetch makes room for exactly one more");
	drain(fd);
	/* a batch of 4 with 2 free places: 2 queued, then EAGAIN for none */
	for (i = 0; i < 6; i++)
		submit(fd, ses, 4096 * i, 4096);
	memset(d, 0, sizeof(d));
	for (i = 0; i < 4; i++) {
		d[i].ses = ses;
		d[i].op = COP_ENCRYPT;
		d[i].len = 4096;
		d[i].src = (uintptr_t)buf;
		d[i].dst = (uintptr_t)buf + (1 << 20) + 8192 * i;
	}
	memset(&sb, 0, sizeof(sb));
	sb.count = 4;
	sb.descs = (uintptr_t)d;
	ok = !cdev_ioctl(fd, OCF_IOC_SUBMIT, &sb) && sb.submitted == 2;
	sb.submitted = 0;
	ok = ok && cdev_ioctl(fd, OCF_IOC_SUBMIT, &sb) == -EAGAIN && sb.submitted == 0;
	tap_ok(ok, "max_queue: a batch is cut at the bound, the next one fails EAGAIN");
out:
	if (saved > 0)
		write_num("max_queue", saved);
	if (fd >= 0)
		close(fd);
	if (fd2 >= 0)
		close(fd2);
}

static void test_max_pinned(void)
{
	long saved = read_param("max_pinned");
	int fd = cdev_open(), n = 0, err = 0, i, ok;
	__u32 ses;

	/* 16 KiB page-aligned source and destination: 32 KiB pinned each */
	if (saved < 0 || write_num("max_pinned", 96 << 10) || fd < 0 ||
	    cbc_session(fd, &ses)) {
		for (i = 0; i < 3; i++)
			tap_skip("cannot set max_pinned", "max_pinned %d", i);
		goto out;
	}
	for (i = 0; i < 10 && !err; i++) {
		err = submit(fd, ses, 16384 * i, 16384);
		if (!err)
			n++;
	}
	tap_ok(n == 3 && err == -EAGAIN,
	       "max_pinned 96 KiB: three 32 KiB operations, then EAGAIN (%d, %s)", n,
	       strerror(-err));
	ok = !fetch(fd) && !submit(fd, ses, 0, 16384) &&
	     submit(fd, ses, 0, 16384) == -EAGAIN;
	tap_ok(ok, "max_pinned: a fetch gives the bytes back");
	close(fd);
	fd = cdev_open();
	ok = fd >= 0 && !cbc_session(fd, &ses);
	for (i = 0; ok && i < 3; i++)
		ok = !submit(fd, ses, 16384 * i, 16384);
	tap_ok(ok, "max_pinned: closing the file gives everything back");
out:
	if (saved >= 0)
		write_num("max_pinned", saved);
	if (fd >= 0)
		close(fd);
}

/* In a child without CAP_IPC_LOCK and RLIMIT_MEMLOCK 64 KiB; exit code = failures. */
static int memlock_child(void)
{
	struct rlimit rl = { 64 << 10, 64 << 10 };
	int fd, ret, fails = 0, i;
	__u32 ses;

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgid(65534) || setuid(65534))
		return 100;
	fd = cdev_open();
	if (fd < 0 || cbc_session(fd, &ses))
		return 101;
	/* 32 KiB pinned each: two fit, the third exceeds 64 KiB */
	for (i = 0; i < 2; i++)
		if (submit(fd, ses, 16384 * i, 16384)) {
			printf("# memlock: submission %d failed\n", i);
			fails++;
		}
	ret = submit(fd, ses, 16384 * 2, 16384);
	if (ret != -ENOMEM) {
		printf("# memlock: third submission gave %s, not ENOMEM\n", strerror(-ret));
		fails++;
	}
	if (fetch(fd) || submit(fd, ses, 0, 16384)) {
		printf("# memlock: no room after a fetch\n");
		fails++;
	}
	close(fd);
	/* closing with operations queued returns the charge */
	fd = cdev_open();
	if (fd < 0 || cbc_session(fd, &ses))
		return 102;
	for (i = 0; i < 2; i++)
		if (submit(fd, ses, 16384 * i, 16384)) {
			printf("# memlock: after close, submission %d failed\n", i);
			fails++;
		}
	close(fd);
	return fails;
}

static void test_memlock(void)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(memlock_child());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		tap_fail("RLIMIT_MEMLOCK: the child did not finish");
		return;
	}
	if (WEXITSTATUS(status) >= 100)
		tap_skip("cannot drop privileges", "RLIMIT_MEMLOCK");
	else
		tap_ok(!WEXITSTATUS(status),
		       "RLIMIT_MEMLOCK 64 KiB without CAP_IPC_LOCK: ENOMEM past it, charge returned on fetch and close");
}

static void test_params(void)
{
	long req = read_param("max_request");
	int fd = cdev_open(), ok;
	__u32 ses;

	if (req < 0 || fd < 0 || cbc_session(fd, &ses)) {
		tap_skip("no parameters", "limits: parameter ranges");
		tap_skip("no parameters", "limits: max_request applies at once");
		goto out;
	}
	ok = write_num("max_request", (64L << 20) + 1) == -EINVAL &&
	     write_num("max_queue", 0) == -EINVAL &&
	     write_num("max_queue", (1L << 16) + 1) == -EINVAL &&
	     write_num("max_sessions", 0) == -EINVAL &&
	     write_num("max_sessions", (1L << 20) + 1) == -EINVAL &&
	     write_param("max_pinned", "-1") < 0 &&
	     write_param("max_sessions", "abc") < 0 &&
	     write_param("max_pinned", "4294967296") < 0 &&
	     read_param("max_request") == req;
	tap_ok(ok, "limits: values outside a parameter's range are refused");
	ok = !write_num("max_request", 8192) &&
	     !cdev_crypt(fd, ses, COP_ENCRYPT, 0, buf, buf + 65536, 8192, NULL, NULL) &&
	     cdev_crypt(fd, ses, COP_ENCRYPT, 0, buf, buf + 65536, 8208, NULL, NULL) ==
	     -E2BIG &&
	     !write_num("max_request", req) &&
	     !cdev_crypt(fd, ses, COP_ENCRYPT, 0, buf, buf + 65536, 8208, NULL, NULL);
	tap_ok(ok, "limits: max_request 8192 applies at once (8208 bytes: E2BIG)");
out:
	if (req > 0)
		write_num("max_request", req);
	if (fd >= 0)
		close(fd);
}

static void test_batch_cap(void)
{
	long saved = read_param("max_queue");
	struct ocf_crypt_desc *d;
	struct ocf_submit sb;
	int fd = cdev_open(), i;
	__u32 ses;

	d = calloc(2000, sizeof(*d));
	if (!d || saved < 0 || write_num("max_queue", 4096) || fd < 0 ||
	    cbc_session(fd, &ses)) {
		tap_skip("cannot set max_queue", "limits: at most 1024 entries per batch");
		goto out;
	}
	for (i = 0; i < 2000; i++) {
		d[i].ses = ses;
		d[i].op = COP_ENCRYPT;
		d[i].len = 16;
		d[i].src = (uintptr_t)buf;
		d[i].dst = (uintptr_t)buf + 4096;
		d[i].flags = COP_FLAG_NO_ZC;
	}
	memset(&sb, 0, sizeof(sb));
	sb.count = 2000;
	sb.descs = (uintptr_t)d;
	i = cdev_ioctl(fd, OCF_IOC_SUBMIT, &sb);
	tap_ok(!i && sb.submitted == 1024,
	       "limits: at most 1024 entries per batch (%u submitted of 2000)",
	       sb.submitted);
out:
	if (saved > 0)
		write_num("max_queue", saved);
	if (fd >= 0)
		close(fd);
	free(d);
}

int main(void)
{
	tap_header();
	if (access(CDEV_PATH, R_OK | W_OK))
		tap_skip_all("no %s", CDEV_PATH);
	if (geteuid())
		tap_skip_all("not root: cannot change the module's parameters");
	buf = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED)
		tap_bail_out("mmap");
	memset(buf, 0x5c, 4 << 20);
	tap_plan(11);
	test_max_queue();
	test_max_pinned();
	test_memlock();
	test_params();
	test_batch_cap();
	return tap_finish();
}
