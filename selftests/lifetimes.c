// SPDX-License-Identifier: GPL-2.0
/*
 * Asynchronous operations against the end of everything they use, each case
 * 100 times: closing the file, exit(), kill -9, munmap() of a buffer and
 * fork() while requests are in flight.  And the per-file limits of
 * asynchronous work: max_queue, max_pinned, RLIMIT_MEMLOCK; poll() and
 * OCF_IOC_REAP waking up.
 *
 * A process killed while the module pins its pages (a destination behind
 * userfaultfd, so that pinning blocks until the kill) must leave nothing
 * behind: debugfs ocf/live counts the sessions, operations and pinned
 * pages the module holds, and every case ends with all three at zero.
 *
 * The requests go to the slowest driver at hand, the virtio-crypto
 * accelerator when there is one, so that they really are in flight.
 *
 * Written with the kernel's kselftest_harness.h: every case is a test of
 * the fixture "lifetimes", in its own process; exit() and kill -9 are the
 * variants of "ended", the three calls those of "killed_pinning".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/userfaultfd.h>
#include <crypto/cryptodev.h>

/* First: 5.10's defines ARRAY_SIZE unconditionally (common.h does not). */
#include "kselftest_harness.h"
#include "cdev.h"

#define ROUNDS	100
#define DEPTH	16
#define CHUNK	4096
#define PARAM	"/sys/module/ocf/parameters/"

static unsigned int crid = OCF_CRID_HARDWARE;
static const unsigned char key[16] = { 1, 2, 3 };

static int open_session(unsigned int *ses)
{
	struct ocf_session_op o = {
		.cipher = CRYPTO_AES_CBC, .keylen = 16, .key = (uintptr_t)key,
		.crid = crid,
	};
	int fd = open(CDEV_PATH, O_RDWR);

	if (fd < 0 || ioctl(fd, OCF_IOC_GSESSION, &o))
		return -1;
	*ses = o.ses;
	return fd;
}

static int submit(int fd, unsigned int ses, unsigned char *buf, size_t len)
{
	static unsigned char iv[16];
	struct crypt_op op = {
		.ses = ses, .op = COP_ENCRYPT, .len = len,
		.src = buf, .dst = buf, .iv = iv,
	};

	return ioctl(fd, CIOCASYNCCRYPT, &op) ? -errno : 0;
}

/* Submit @n chunks of @buf; returns how many were queued. */
static int submit_many(int fd, unsigned int ses, unsigned char *buf, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (submit(fd, ses, buf + i * CHUNK, CHUNK))
			break;
	return i;
}

static int reap_all(int fd, int n)
{
	struct ocf_result r[DEPTH];
	int got = 0;

	while (got < n) {
		struct ocf_reap rp = {
			.count = DEPTH, .min = 1, .results = (uintptr_t)r,
		};

		if (ioctl(fd, OCF_IOC_REAP, &rp) || !rp.reaped)
			return -1;
		for (unsigned int i = 0; i < rp.reaped; i++)
			if (r[i].status)
				return -1;
		got += rp.reaped;
	}
	return got;
}

static void write_param(const char *name, long v)
{
	FILE *f = fopen(name, "w");

	if (f) {
		fprintf(f, "%ld\n", v);
		fclose(f);
	}
}

static long read_param(const char *name)
{
	FILE *f = fopen(name, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

enum pin_call { PIN_CRYPT, PIN_AUTHCRYPT, PIN_ASYNC };

#define PIN_LEN	(64 * 1024)

struct pin_job {
	int fd;
	unsigned int ses;
	enum pin_call call;
	unsigned char *src, *dst;
};

static void *pin_thread(void *arg)
{
	static unsigned char iv[16], tag[16];
	struct pin_job *j = arg;

	if (j->call == PIN_AUTHCRYPT) {
		struct crypt_auth_op a = {
			.ses = j->ses, .op = COP_ENCRYPT, .len = PIN_LEN,
			.src = j->src, .dst = j->dst, .iv = iv, .iv_len = 12,
			.tag = tag, .tag_len = 16,
		};

		ioctl(j->fd, CIOCAUTHCRYPT, &a);
	} else {
		struct crypt_op c = {
			.ses = j->ses, .op = COP_ENCRYPT, .len = PIN_LEN,
			.src = j->src, .dst = j->dst, .iv = iv,
		};

		ioctl(j->fd, j->call == PIN_ASYNC ? CIOCASYNCCRYPT : CIOCCRYPT, &c);
	}
	return NULL;
}

/*
 * The child: a destination registered with userfaultfd for missing pages,
 * so that the module's pinning of it waits for the fault to be resolved;
 * the fault is reported to the parent and never resolved.  Exit 77: no
 * userfaultfd here.
 */
static void pin_child(enum pin_call call, int report)
{
	static const unsigned char gkey[16] = { 7 };
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct ocf_session_op o = { .keylen = 16, .crid = 0 };
	struct uffd_msg msg;
	struct pin_job j = { .call = call };
	pthread_t t;
	int uffd;

	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		_exit(77);
	j.dst = mmap(NULL, PIN_LEN, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	j.src = malloc(PIN_LEN);
	if (j.dst == MAP_FAILED || !j.src)
		_exit(1);
	memset(j.src, 0x5a, PIN_LEN);
	reg.range.start = (uintptr_t)j.dst;
	reg.range.len = PIN_LEN;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		_exit(77);

	o.cipher = call == PIN_AUTHCRYPT ? CRYPTO_AES_GCM : CRYPTO_AES_CBC;
	o.key = (uintptr_t)gkey;
	j.fd = open(CDEV_PATH, O_RDWR);
	if (j.fd < 0 || ioctl(j.fd, OCF_IOC_GSESSION, &o))
		_exit(1);
	j.ses = o.ses;
	if (pthread_create(&t, NULL, pin_thread, &j))
		_exit(1);
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT)
		_exit(1);
	if (write(report, "f", 1) != 1)
		_exit(1);
	pause();
	_exit(0);
}

FIXTURE(lifetimes) {
};

FIXTURE_SETUP(lifetimes)
{
}

FIXTURE_TEARDOWN(lifetimes)
{
}

/*
 * Nothing held (debugfs ocf/live) after @what, or the test skips without
 * debugfs: the last thing a test does.
 */
static void expect_nothing_held(struct __test_metadata *_metadata, const char *what)
{
	struct cdev_live l;
	int ret = cdev_live_zero(&l, 10000);

	if (ret < 0)
		SKIP(return, "no " CDEV_LIVE);
	EXPECT_EQ(1, ret) TH_LOG("after %s held: %ld sessions, %ld ops, %ld pinned pages",
				 what, l.sessions, l.ops, l.pinned_pages);
}

/* close() with requests in flight, ROUNDS times */
TEST_F_TIMEOUT(lifetimes, close_in_flight, 120)
{
	static unsigned char buf[DEPTH * CHUNK];
	unsigned int ses;
	int i, bad = 0;

	for (i = 0; i < ROUNDS; i++) {
		int fd = open_session(&ses);

		if (fd < 0 || submit_many(fd, ses, buf, DEPTH) != DEPTH)
			bad++;
		close(fd);
	}
	EXPECT_EQ(0, bad) TH_LOG("%d of %d rounds failed", bad, ROUNDS);
}

/* A child ends with requests in flight, ROUNDS times. */
FIXTURE(ended) {
};

FIXTURE_VARIANT(ended) {
	int kill;	/* 0: the child exits; 1: the parent kills it (-9) */
};

FIXTURE_VARIANT_ADD(ended, exit) { .kill = 0 };
FIXTURE_VARIANT_ADD(ended, kill) { .kill = 1 };

FIXTURE_SETUP(ended)
{
}

FIXTURE_TEARDOWN(ended)
{
}

TEST_F_TIMEOUT(ended, in_flight, 120)
{
	int mode = variant->kill, i, bad = 0;

	for (i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();
		int st;

		if (!pid) {
			static unsigned char buf[DEPTH * CHUNK];
			unsigned int ses;
			int fd = open_session(&ses);

			if (fd < 0)
				_exit(1);
			for (;;) {
				if (submit_many(fd, ses, buf, DEPTH) != DEPTH)
					reap_all(fd, DEPTH);
				if (!mode)
					_exit(0);
			}
		}
		if (mode) {
			usleep(1000 * (i % 7));
			kill(pid, SIGKILL);
		}
		waitpid(pid, &st, 0);
		if (!mode && (!WIFEXITED(st) || WEXITSTATUS(st)))
			bad++;
	}
	EXPECT_EQ(0, bad) TH_LOG("%d of %d children did not exit cleanly", bad, ROUNDS);
}

/* munmap() of the buffers under operation, ROUNDS times */
TEST_F_TIMEOUT(lifetimes, munmap_in_flight, 120)
{
	unsigned int ses;
	int fd = open_session(&ses), i, bad = 0;

	for (i = 0; i < ROUNDS && fd >= 0; i++) {
		size_t len = DEPTH * CHUNK;
		unsigned char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		memset(buf, i, len);
		if (submit_many(fd, ses, buf, DEPTH) != DEPTH)
			bad++;
		munmap(buf, len);
		if (reap_all(fd, DEPTH) != DEPTH)
			bad++;
	}
	if (fd >= 0)
		close(fd);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, bad) TH_LOG("%d failures in %d rounds", bad, ROUNDS);
}

/*
 * fork() with requests in flight: the results land in the parent's memory
 * only; the child's copy of the buffer never changes after the fork.
 */
TEST_F_TIMEOUT(lifetimes, fork_in_flight, 120)
{
	static unsigned char buf[DEPTH * CHUNK], ref[DEPTH * CHUNK];
	unsigned int ses;
	int fd = open_session(&ses), i, bad = 0;

	for (i = 0; i < ROUNDS && fd >= 0; i++) {
		int pipefd[2], st;
		pid_t pid;

		memset(buf, i, sizeof(buf));
		if (pipe(pipefd) || submit_many(fd, ses, buf, DEPTH) != DEPTH) {
			bad++;
			break;
		}
		pid = fork();
		if (!pid) {
			char c;

			memcpy(ref, buf, sizeof(buf));
			close(pipefd[1]);
			if (read(pipefd[0], &c, 1) != 1)
				_exit(2);
			_exit(memcmp(ref, buf, sizeof(buf)) ? 1 : 0);
		}
		close(pipefd[0]);
		if (reap_all(fd, DEPTH) != DEPTH)
			bad++;
		if (write(pipefd[1], "x", 1) != 1)
			bad++;
		close(pipefd[1]);
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	}
	if (fd >= 0)
		close(fd);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, bad) TH_LOG("%d failures in %d rounds", bad, ROUNDS);
}

/* max_queue 8: the 9th submission fails, a reap makes room again */
TEST_F_TIMEOUT(lifetimes, queue_limit, 60)
{
	static unsigned char buf[16 * CHUNK];
	long saved = read_param(PARAM "max_queue");
	unsigned int ses;
	int fd, n, ret;

	if (saved < 0)
		SKIP(return, "no max_queue parameter");
	write_param(PARAM "max_queue", 8);
	fd = open_session(&ses);
	n = submit_many(fd, ses, buf, 8);
	ret = submit(fd, ses, buf + 8 * CHUNK, CHUNK);
	EXPECT_EQ(8, n);
	EXPECT_EQ(-EAGAIN, ret) TH_LOG("max_queue 8: the 9th submission");
	reap_all(fd, 1);
	ret = submit(fd, ses, buf + 8 * CHUNK, CHUNK);
	EXPECT_EQ(0, ret) TH_LOG("after one completion is reaped there is room again");
	reap_all(fd, 8);
	close(fd);
	write_param(PARAM "max_queue", saved);
}

/* max_pinned 32 KiB: a 64 KiB request fails, a 16 KiB one fits */
TEST_F_TIMEOUT(lifetimes, pinned_limit, 60)
{
	static unsigned char buf[64 * CHUNK];
	long saved = read_param(PARAM "max_pinned");
	unsigned int ses;
	int fd, ret;

	/* zero-copy sizes: a hardware driver gets at most 64 KiB pinned */
	write_param(PARAM "max_pinned", 8 * CHUNK);
	fd = open_session(&ses);
	ret = submit(fd, ses, buf, 16 * CHUNK);
	EXPECT_EQ(-EAGAIN, ret) TH_LOG("max_pinned 32 KiB: a 64 KiB request");
	ret = submit(fd, ses, buf, 4 * CHUNK);
	EXPECT_EQ(0, ret) TH_LOG("a 16 KiB request fits");
	EXPECT_EQ(1, ret ? -1 : reap_all(fd, 1));
	close(fd);
	write_param(PARAM "max_pinned", saved);
}

/*
 * An unprivileged process: pinned memory counts against RLIMIT_MEMLOCK
 * (64 KiB: 16 pinned pages fit, the 17th fails with ENOMEM, reaping frees
 * them).
 */
TEST_F_TIMEOUT(lifetimes, memlock, 60)
{
	pid_t pid = fork();
	int st;

	if (!pid) {
		static unsigned char buf[64 * CHUNK] __attribute__((aligned(4096)));
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		unsigned int ses;
		int fd, n, ret;

		if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgid(65534) || setuid(65534))
			_exit(3);
		fd = open_session(&ses);
		if (fd < 0)
			_exit(4);
		/* 16 pages pinned (in place: once) fit; then the limit bites. */
		n = submit_many(fd, ses, buf, 16);
		ret = submit(fd, ses, buf + 16 * CHUNK, CHUNK);
		if (n != 16)
			_exit(10 + n);
		if (ret != -ENOMEM)
			_exit(5);
		reap_all(fd, 16);
		_exit(submit(fd, ses, buf, CHUNK) ? 6 : 0);
	}
	waitpid(pid, &st, 0);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st)) TH_LOG("the unprivileged child's step %d failed",
					     WEXITSTATUS(st));
}

/* poll(), CIOCASYNCFETCH and OCF_IOC_REAP with and without completions */
TEST_F_TIMEOUT(lifetimes, poll, 60)
{
	static unsigned char buf[DEPTH * CHUNK];
	struct pollfd p;
	struct crypt_op op;
	unsigned int ses;
	int fd = open_session(&ses), ret, got = 0;

	p.fd = fd;
	p.events = POLLIN | POLLOUT;
	ret = poll(&p, 1, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(1, ret);
	EXPECT_EQ(POLLOUT, p.revents) TH_LOG("an idle file polls writable, not readable");
	ret = ioctl(fd, CIOCASYNCFETCH, &op) ? errno : 0;
	EXPECT_EQ(EBUSY, ret) TH_LOG("CIOCASYNCFETCH with nothing completed");
	submit_many(fd, ses, buf, DEPTH);
	while (got < DEPTH) {
		p.events = POLLIN;
		if (poll(&p, 1, 10000) != 1 || !(p.revents & POLLIN))
			break;
		while (!ioctl(fd, CIOCASYNCFETCH, &op))
			got++;
	}
	EXPECT_EQ(DEPTH, got) TH_LOG("poll() wakes up for completions");
	submit_many(fd, ses, buf, DEPTH);
	EXPECT_EQ(DEPTH, reap_all(fd, DEPTH)) TH_LOG("OCF_IOC_REAP waits for completions");
	close(fd);
}

/*
 * After every case above: the harness runs the fixtures in the order they
 * are declared (lifetimes, ended, held, killed_pinning), each variant's
 * tests in theirs.
 */
FIXTURE(held) {
};

FIXTURE_SETUP(held)
{
}

FIXTURE_TEARDOWN(held)
{
}

TEST_F_TIMEOUT(held, after_all, 60)
{
	expect_nothing_held(_metadata, "every case above");
}

FIXTURE(killed_pinning) {
};

FIXTURE_VARIANT(killed_pinning) {
	enum pin_call call;
};

FIXTURE_VARIANT_ADD(killed_pinning, crypt) { .call = PIN_CRYPT };
FIXTURE_VARIANT_ADD(killed_pinning, authcrypt) { .call = PIN_AUTHCRYPT };
FIXTURE_VARIANT_ADD(killed_pinning, asynccrypt) { .call = PIN_ASYNC };

FIXTURE_SETUP(killed_pinning)
{
}

FIXTURE_TEARDOWN(killed_pinning)
{
}

/*
 * The call's pinning of the destination waits on userfaultfd; the process
 * is killed there, and nothing is held after.
 */
TEST_F_TIMEOUT(killed_pinning, while_pinning, 60)
{
	char c;
	struct pollfd p;
	int pfd[2], st, faulted = 0;
	pid_t pid;

	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	if (!pid) {
		close(pfd[0]);
		pin_child(variant->call, pfd[1]);
	}
	close(pfd[1]);
	p.fd = pfd[0];
	p.events = POLLIN;
	if (poll(&p, 1, 20000) == 1 && read(pfd[0], &c, 1) == 1)
		faulted = 1;
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(pfd[0]);
	if (!faulted && WIFEXITED(st) && WEXITSTATUS(st) == 77)
		SKIP(return, "no userfaultfd");
	EXPECT_EQ(1, faulted) TH_LOG("pinning the destination does not wait on userfaultfd");
	expect_nothing_held(_metadata, "the kill while pinning");
}

/*
 * The driver class every test uses (the accelerator, else the default),
 * chosen once, before the tests.
 */
static void __attribute__((constructor)) pick_driver(void)
{
	unsigned int ses;
	int fd = open_session(&ses);

	if (fd < 0) {
		crid = 0;	/* no accelerator: the default driver */
		fd = open_session(&ses);
		if (fd < 0)
			ksft_exit_fail_msg("no session: %s\n", strerror(errno));
	}
	close(fd);
	ksft_print_msg("driver class %s\n", crid ? "hardware" : "default");
}

TEST_HARNESS_MAIN
