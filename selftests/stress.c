// SPDX-License-Identifier: GPL-2.0
/*
 * stress - many threads x many sessions x every data path, on every CPU.
 *
 *	stress [-t SECONDS] [-j THREADS] [-n SESSIONS]
 *
 * Each thread (pinned round-robin to the CPUs) opens its own /dev/crypto,
 * or shares one with its neighbour, creates SESSIONS sessions of several
 * kinds (AES-CBC, AES-GCM, ChaCha20-Poly1305, SHA-256, HMAC-SHA256, the
 * virtio-crypto driver when present) and runs until the deadline, picking
 * at random: synchronous copy (below zc_threshold), zero-copy, in place,
 * asynchronous (CIOCASYNCCRYPT + CIOCASYNCFETCH), batched (OCF_IOC_SUBMIT +
 * OCF_IOC_REAP), AEAD round trips with a verified tag, multi-part hashing,
 * and session churn (free + create).  Every cipher and AEAD operation is
 * checked by decrypting it again.  kTLS attach (OCF_IOC_KTLS_ATTACH on a
 * loopback TCP pair, records read back and compared) joins when the header
 * and the kernel have it.  Environment: OCF_STRESS_SECONDS.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "cdev.h"

#define MAXLEN		(64 << 10)
#define MAX_THREADS	64
#define MAX_SES		256

enum path { P_COPY, P_ZC, P_INPLACE, P_ASYNC, P_BATCH, P_AEAD, P_HASH, P_CHURN,
	    P_HW, P_KTLS, NPATHS };

static const char *const path_names[NPATHS] = {
	"sync copy", "zero-copy", "in place", "async", "batched", "aead",
	"multi-part hash", "session churn", "hardware driver", "kTLS attach",
};

enum kind { S_CBC, S_GCM, S_CHACHAPOLY, S_SHA, S_HMAC, S_HW, NKINDS };

struct ses {
	__u32 id;
	enum kind kind;
};

struct thr {
	int idx;
	int fd;
	int own_fd;
	int shared;		/* another thread uses this fd too */
	struct ses ses[MAX_SES];
	int nses;
	__u64 seed;
	__u64 ops[NPATHS];
	__u64 errors;
	int no_ktls;		/* OCF_IOC_KTLS_ATTACH unusable here */
	__u64 mismatches;
	__u8 *a, *b, *c;
	__u8 *scratch;	/* batch destinations: may be written late */
};

static int seconds = 20, nthreads = 8, nsessions = 16;
static int stop;	/* read and written atomically */
static int have_hw;
static __u8 key[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

static __u32 rnd(__u64 *s, __u32 n)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (__u32)(*s % n);
}

static int new_session(int fd, enum kind k, __u32 *id)
{
	struct ocf_session_op s;
	int ret;

	switch (k) {
	case S_CBC:
		return cdev_session(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, id);
	case S_GCM:
		return cdev_session(fd, CRYPTO_AES_GCM, key, 16, 0, NULL, 0, id);
	case S_CHACHAPOLY:
		return cdev_session(fd, CRYPTO_CHACHA20_POLY1305, key, 32, 0, NULL, 0, id);
	case S_SHA:
		return cdev_session(fd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, id);
	case S_HMAC:
		return cdev_session(fd, 0, NULL, 0, CRYPTO_SHA2_256_HMAC, key, 32, id);
	default:
		memset(&s, 0, sizeof(s));
		s.cipher = CRYPTO_AES_CBC;
		s.keylen = 16;
		s.key = (uintptr_t)key;
		s.crid = OCF_CRID_HARDWARE;
		ret = cdev_ioctl(fd, OCF_IOC_GSESSION, &s);
		*id = s.ses;
		return ret;
	}
}

static struct ses *pick(struct thr *t, enum kind k)
{
	int i, start = rnd(&t->seed, t->nses);

	for (i = 0; i < t->nses; i++) {
		struct ses *s = &t->ses[(start + i) % t->nses];

		if (s->kind == k && s->id)
			return s;
	}
	return NULL;
}

static void fill(struct thr *t, __u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (__u8)rnd(&t->seed, 256);
}

static void error(struct thr *t, const char *what, int err)
{
	if (err == -EINTR)
		return;
	if (t->errors++ < 5)
		tap_diag("thread %d: %s: %s", t->idx, what, strerror(-err));
}

static void mismatch(struct thr *t, const char *what)
{
	if (t->mismatches++ < 5)
		tap_diag("thread %d: %s: output does not decrypt back", t->idx, what);
}

/* CBC encrypt a -> b (or in place), decrypt back to c, compare. */
static void cbc_roundtrip(struct thr *t, struct ses *s, __u32 len, int inplace,
			  const char *what)
{
	__u8 iv[16] = { 9 }, iv2[16] = { 9 };
	int ret;

	fill(t, t->a, len);
	if (inplace) {
		memcpy(t->b, t->a, len);
		ret = cdev_crypt(t->fd, s->id, COP_ENCRYPT, 0, t->b, t->b, len, iv, NULL);
	} else {
		ret = cdev_crypt(t->fd, s->id, COP_ENCRYPT, 0, t->a, t->b, len, iv, NULL);
	}
	if (!ret)
		ret = cdev_crypt(t->fd, s->id, COP_DECRYPT, 0, t->b, t->c, len, iv2, NULL);
	if (ret)
		error(t, what, ret);
	else if (memcmp(t->a, t->c, len))
		mismatch(t, what);
}

static int wait_fetch(struct thr *t, struct crypt_op *op)
{
	int ret;

	for (;;) {
		struct pollfd p = { t->fd, POLLIN, 0 };

		ret = cdev_ioctl(t->fd, CIOCASYNCFETCH, op);
		if (ret != -EBUSY)
			return ret;
		poll(&p, 1, 100);
	}
}

static void do_async(struct thr *t, struct ses *s)
{
	__u8 iv[16] = { 3 };
	struct crypt_op op;
	__u32 len = 16 * (1 + rnd(&t->seed, 1024));
	int ret;

	fill(t, t->a, len);
	memset(&op, 0, sizeof(op));
	op.ses = s->id;
	op.op = COP_ENCRYPT;
	op.len = len;
	op.src = t->a;
	op.dst = t->b;
	op.iv = iv;
	ret = cdev_ioctl(t->fd, CIOCASYNCCRYPT, &op);
	if (ret == -EAGAIN)
		return;
	if (!ret)
		ret = wait_fetch(t, &op);
	if (!ret) {
		op.op = COP_DECRYPT;
		op.src = t->b;
		op.dst = t->c;
		ret = cdev_ioctl(t->fd, CIOCASYNCCRYPT, &op);
		if (ret == -EAGAIN)
			return;
		if (!ret)
			ret = wait_fetch(t, &op);
	}
	if (ret)
		error(t, "async", ret);
	else if (memcmp(t->a, t->c, len))
		mismatch(t, "async");
}

/* Another thread may share this fd: results can be theirs, so only counts. */
static void do_batch(struct thr *t, struct ses *s)
{
	struct ocf_crypt_desc d[8];
	struct ocf_result res[8];
	struct ocf_submit sb;
	struct ocf_reap rp;
	__u8 iv[16] = { 4 };
	int i, n = 1 + rnd(&t->seed, 8), ret;

	memset(d, 0, sizeof(d));
	for (i = 0; i < n; i++) {
		d[i].ses = s->id;
		d[i].op = COP_ENCRYPT;
		d[i].len = 16 * (1 + rnd(&t->seed, 512));
		d[i].src = (uintptr_t)(t->a + 8192 * i);
		d[i].dst = (uintptr_t)(t->scratch + 8192 * i);
		d[i].iv = (uintptr_t)iv;
		d[i].user_data = i;
	}
	memset(&sb, 0, sizeof(sb));
	sb.count = n;
	sb.descs = (uintptr_t)d;
	ret = cdev_ioctl(t->fd, OCF_IOC_SUBMIT, &sb);
	if (ret == -EAGAIN)
		return;
	if (ret) {
		error(t, "submit", ret);
		return;
	}
	memset(&rp, 0, sizeof(rp));
	rp.count = sb.submitted;
	rp.min = t->shared ? 0 : sb.submitted;
	rp.results = (uintptr_t)res;
	ret = cdev_ioctl(t->fd, OCF_IOC_REAP, &rp);
	if (ret) {
		error(t, "reap", ret);
		return;
	}
	for (i = 0; i < (int)rp.reaped; i++)
		if (res[i].status)
			error(t, "batched operation", res[i].status);
}

static void do_aead(struct thr *t, struct ses *s)
{
	__u8 iv[12] = { 5 }, aad[20];
	struct crypt_auth_op a;
	__u32 len = rnd(&t->seed, 20000);
	int ret;

	fill(t, t->a, len);
	fill(t, aad, sizeof(aad));
	cdev_caop(&a, s->id, COP_ENCRYPT, 0, aad, sizeof(aad), t->a, t->b, len,
		  iv, 12, NULL, 0);
	ret = cdev_authcrypt(t->fd, &a);
	if (!ret) {
		cdev_caop(&a, s->id, COP_DECRYPT, 0, aad, sizeof(aad), t->b, t->c,
			  a.len, iv, 12, NULL, 0);
		ret = cdev_authcrypt(t->fd, &a);
	}
	if (ret)
		error(t, "aead", ret);
	else if (a.len != len || memcmp(t->a, t->c, len))
		mismatch(t, "aead");
}

static void do_hash(struct thr *t, struct ses *s)
{
	__u8 d1[32], d2[32];
	__u32 len = rnd(&t->seed, 30000), cut = len ? rnd(&t->seed, len) : 0;
	int ret;

	fill(t, t->a, len);
	ret = cdev_hash(t->fd, s->id, 0, t->a, len, d1);
	if (!ret && cut)
		ret = cdev_hash(t->fd, s->id, COP_FLAG_UPDATE, t->a, cut, NULL);
	if (!ret)
		ret = cdev_hash(t->fd, s->id, COP_FLAG_FINAL, t->a + cut, len - cut, d2);
	if (ret)
		error(t, "hash", ret);
	else if (memcmp(d1, d2, sizeof(d1)))
		mismatch(t, "multi-part hash");
}

static void do_churn(struct thr *t)
{
	struct ses *s = &t->ses[rnd(&t->seed, t->nses)];
	int ret;

	if (s->kind == S_HW && !have_hw)
		return;
	if (s->id) {
		ret = cdev_fsession(t->fd, s->id);
		if (ret && t->own_fd)
			error(t, "free session", ret);
		s->id = 0;
	}
	ret = new_session(t->fd, s->kind, &s->id);
	if (ret) {
		s->id = 0;
		if (ret != -ENOSPC)
			error(t, "new session", ret);
	}
}

#ifdef OCF_IOC_KTLS_ATTACH
/*
 * kTLS attach: a loopback TCP pair whose directions are keyed from one
 * AES-GCM session with OCF_IOC_KTLS_ATTACH, records sent and read back,
 * then everything torn down again.  Returns 0, or -errno of the attach
 * (ENOENT/ENOPROTOOPT/EOPNOTSUPP/ENOPKG: no kTLS here), or -EIO on bad
 * data.
 */
static int ktls_round(struct thr *t)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct timeval tv = { 30, 0 };
	socklen_t sl = sizeof(sa);
	int lfd, c = -1, sv = -1, ret = -EIO, i;
	struct ocf_ktls_attach a;
	__u32 ses = 0;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lfd, 1) || getsockname(lfd, (struct sockaddr *)&sa, &sl))
		goto out;
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&sa, sizeof(sa)))
		goto out;
	sv = accept(lfd, NULL, NULL);
	if (sv < 0)
		goto out;
	setsockopt(sv, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	ret = cdev_session(t->fd, CRYPTO_AES_GCM, key, 16, 0, NULL, 0, &ses);
	if (ret)
		goto out;
	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.version = OCF_KTLS_VERSION_1_2;
	a.iv_len = OCF_KTLS_IV_LEN;
	for (i = 0; i < OCF_KTLS_IV_LEN; i++)
		a.iv[i] = (__u8)(t->idx + i);
	a.fd = c;
	a.direction = OCF_KTLS_TX;
	ret = cdev_ioctl(t->fd, OCF_IOC_KTLS_ATTACH, &a);
	if (!ret) {
		a.fd = sv;
		a.direction = OCF_KTLS_RX;
		ret = cdev_ioctl(t->fd, OCF_IOC_KTLS_ATTACH, &a);
	}
	/* the session may go at once: kTLS has its own copy of the key */
	cdev_fsession(t->fd, ses);
	if (ret)
		goto out;
	for (i = 0; i < 8 && !ret; i++) {
		size_t len = 1 + rnd(&t->seed, 16384), got = 0;

		fill(t, t->a, len);
		if (write(c, t->a, len) != (ssize_t)len) {
			ret = -EIO;
			break;
		}
		while (got < len) {
			ssize_t n = read(sv, t->b + got, len - got);

			if (n <= 0)
				break;
			got += n;
		}
		if (got != len || memcmp(t->a, t->b, len))
			ret = -EIO;
	}
out:
	if (sv >= 0)
		close(sv);
	if (c >= 0)
		close(c);
	if (lfd >= 0)
		close(lfd);
	return ret;
}
#endif

static void do_ktls(struct thr *t)
{
#ifdef OCF_IOC_KTLS_ATTACH
	int ret = ktls_round(t);

	if (ret == -ENOENT || ret == -ENOPROTOOPT || ret == -EOPNOTSUPP ||
	    ret == -ENOTTY || ret == -ENOPKG) {
		t->no_ktls = 1;
		return;
	}
	if (ret == -EIO)
		mismatch(t, "ktls");
	else if (ret)
		error(t, "ktls attach", ret);
#else
	t->no_ktls = 1;
#endif
}

static void *run(void *arg)
{
	struct thr *t = arg;
	struct ses *s;
	int i;

	for (i = 0; i < t->nses; i++) {
		t->ses[i].kind = (enum kind)(i % NKINDS);
		if (t->ses[i].kind == S_HW && !have_hw)
			t->ses[i].kind = S_CBC;
		if (new_session(t->fd, t->ses[i].kind, &t->ses[i].id)) {
			t->ses[i].id = 0;
			error(t, "session", -errno);
		}
	}
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		enum path p = (enum path)rnd(&t->seed, NPATHS);

		switch (p) {
		case P_COPY:
			s = pick(t, S_CBC);
			if (s)
				cbc_roundtrip(t, s, 16 * (1 + rnd(&t->seed, 200)), 0, "copy");
			break;
		case P_ZC:
			s = pick(t, S_CBC);
			if (s)
				cbc_roundtrip(t, s, 4096 + 16 * rnd(&t->seed, 3000), 0, "zc");
			break;
		case P_INPLACE:
			s = pick(t, S_CBC);
			if (s)
				cbc_roundtrip(t, s, 16 * (1 + rnd(&t->seed, 4000)), 1, "inplace");
			break;
		case P_ASYNC:
			s = pick(t, S_CBC);
			if (s && !t->shared)
				do_async(t, s);
			break;
		case P_BATCH:
			s = pick(t, rnd(&t->seed, 2) ? S_CBC : S_HW);
			if (s)
				do_batch(t, s);
			break;
		case P_AEAD:
			s = pick(t, rnd(&t->seed, 2) ? S_GCM : S_CHACHAPOLY);
			if (s)
				do_aead(t, s);
			break;
		case P_HASH:
			s = pick(t, rnd(&t->seed, 2) ? S_SHA : S_HMAC);
			if (s)
				do_hash(t, s);
			break;
		case P_CHURN:
			do_churn(t);
			break;
		case P_KTLS:
			/* a kTLS round is heavy: one draw in four */
			if (t->no_ktls || rnd(&t->seed, 4))
				continue;
			do_ktls(t);
			if (t->no_ktls)
				continue;
			break;
		default:
			s = pick(t, S_HW);
			if (s)
				cbc_roundtrip(t, s, 16 * (1 + rnd(&t->seed, 2000)), 0, "hw");
			break;
		}
		t->ops[p]++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static struct thr thr[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	__u64 total[NPATHS] = { 0 }, errors = 0, mism = 0, all = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("OCF_STRESS_SECONDS");
	struct timespec t0, t1;
	int opt, i, p;

	if (env)
		seconds = atoi(env);
	while ((opt = getopt(argc, argv, "t:j:n:")) != -1) {
		switch (opt) {
		case 't':
			seconds = atoi(optarg);
			break;
		case 'j':
			nthreads = atoi(optarg);
			break;
		case 'n':
			nsessions = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-t SECONDS] [-j THREADS] [-n SESSIONS]\n",
				argv[0]);
			return 2;
		}
	}
	if (nthreads < 1 || nthreads > MAX_THREADS || nsessions < NKINDS ||
	    nsessions > MAX_SES)
		return 2;
	tap_header();
	if (access(CDEV_PATH, R_OK | W_OK))
		tap_skip_all("no %s", CDEV_PATH);
	tap_plan(NPATHS + 3);
	{
		int fd = cdev_open();
		__u32 id;

		have_hw = fd >= 0 && !new_session(fd, S_HW, &id);
		if (fd >= 0)
			close(fd);
	}
	tap_diag("%d threads x %d sessions for %d s on %ld CPUs%s", nthreads,
		 nsessions, seconds, ncpu, have_hw ? ", virtio-crypto" : "");

	for (i = 0; i < nthreads; i++) {
		struct thr *t = &thr[i];

		t->idx = i;
		t->seed = 0x9e3779b97f4a7c15ull * (i + 1);
		t->nses = nsessions;
		/* every third thread shares its neighbour's open file */
		t->own_fd = !(i % 3 == 2);
		t->fd = t->own_fd ? cdev_open() : thr[i - 1].fd;
		if (!t->own_fd) {
			t->shared = 1;
			thr[i - 1].shared = 1;
		}
		t->a = mmap(NULL, 4 * MAXLEN * 2, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (t->fd < 0 || t->a == MAP_FAILED)
			tap_bail_out("thread %d: setup: %s", i, strerror(errno));
		t->b = t->a + 2 * MAXLEN;
		t->c = t->b + 2 * MAXLEN;
		t->scratch = t->c + 2 * MAXLEN;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nthreads; i++) {
		pthread_attr_t at;
		cpu_set_t set;

		pthread_attr_init(&at);
		CPU_ZERO(&set);
		CPU_SET(i % (ncpu > 0 ? ncpu : 1), &set);
		pthread_attr_setaffinity_np(&at, sizeof(set), &set);
		if (pthread_create(&tid[i], &at, run, &thr[i]))
			tap_bail_out("pthread_create");
		pthread_attr_destroy(&at);
	}
	sleep(seconds);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (i = 0; i < nthreads; i++) {
		for (p = 0; p < NPATHS; p++)
			total[p] += thr[i].ops[p];
		errors += thr[i].errors;
		mism += thr[i].mismatches;
	}
	for (i = 0; i < nthreads; i++)
		if (thr[i].own_fd)
			close(thr[i].fd);
	for (p = 0; p < NPATHS; p++) {
		all += total[p];
		if (p == P_KTLS && !total[p])
			tap_skip("no kTLS (OCF_IOC_KTLS_ATTACH or the tls module)",
				 "stress: %s", path_names[p]);
		else if (p == P_HW && !have_hw)
			tap_skip("no virtio-crypto driver", "stress: %s", path_names[p]);
		else
			tap_ok(total[p] > 0, "stress: %s: %llu operations", path_names[p],
			       (unsigned long long)total[p]);
	}
	tap_diag("%llu operations in %.1f s", (unsigned long long)all,
		 (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	tap_ok(!errors, "stress: no unexpected errors (%llu)", (unsigned long long)errors);
	tap_ok(!mism, "stress: every result decrypts back (%llu mismatches)",
	       (unsigned long long)mism);
	cdev_tap_nothing_held("the stress run");
	return tap_finish();
}
