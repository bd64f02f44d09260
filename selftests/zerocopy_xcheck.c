// SPDX-License-Identifier: GPL-2.0
/*
 * Every data path gives OpenSSL's result: copy (COP_FLAG_NO_ZC), zero-copy,
 * asynchronous (CIOCASYNCCRYPT) and batched (OCF_IOC_SUBMIT/REAP), for
 * AES-128-CTR (any length), AES-128-CBC and AES-128-GCM, at every offset
 * within a page for short buffers and at random offsets up to 1 MiB, in
 * place and not.  Read-only sources (a PROT_READ mapping, a read-only file
 * mapping) work and are never written; a read-only destination fails.
 *
 * Written with the kernel's kselftest_harness.h: the fixture "paths" has
 * one variant per algorithm and one test per path (paths.ctr.copy, ...);
 * "readonly" the read-only mappings.  Every test runs in its own process,
 * started from the same random state.
 *
 * OCF_SEED=N repeats a run.  Bad input on these paths: zerocopy.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <crypto/cryptodev.h>

/* First: 5.10's defines ARRAY_SIZE unconditionally (common.h does not). */
#include "kselftest_harness.h"
#include "cdev.h"

#define MAXLEN		(1 << 20)
#define AREA		(MAXLEN + 2 * 4096 + 64)

enum path { P_COPY, P_ZC, P_ASYNC, P_BATCH, P_MAX };
static const char *const path_name[] = { "copy", "zero-copy", "async", "batched" };

enum alg { A_CTR, A_CBC, A_GCM, A_MAX };
static const char *const alg_name[] = { "AES-128-CTR", "AES-128-CBC", "AES-128-GCM" };
static const unsigned int alg_id[] = { CRYPTO_AES_CTR, CRYPTO_AES_CBC, CRYPTO_AES_GCM };

static int fd;
static unsigned int ses[A_MAX];
static unsigned char key[16];
static uint64_t rng;
static unsigned char *src_area, *dst_area, *ref;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void fill(unsigned char *p, size_t n)
{
	while (n--)
		*p++ = rnd();
}

/* OpenSSL's answer: ciphertext (and tag for GCM) into @out. */
static void reference(enum alg a, const unsigned char *iv, const unsigned char *in,
		      size_t len, unsigned char *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	const EVP_CIPHER *ciph = a == A_CTR ? EVP_aes_128_ctr() :
				 a == A_CBC ? EVP_aes_128_cbc() : EVP_aes_128_gcm();
	int n;

	EVP_EncryptInit_ex(c, ciph, NULL, key, iv);
	EVP_CIPHER_CTX_set_padding(c, 0);
	EVP_EncryptUpdate(c, out, &n, in, len);
	EVP_EncryptFinal_ex(c, out + n, &n);
	if (a == A_GCM)
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + len);
	EVP_CIPHER_CTX_free(c);
}

static int wait_one(void)
{
	struct ocf_result r;
	struct ocf_reap rp = { .count = 1, .min = 1, .results = (uintptr_t)&r };

	if (ioctl(fd, OCF_IOC_REAP, &rp) || rp.reaped != 1)
		return -EIO;
	return r.status;
}

/* One operation through @p; returns 0 or -errno. */
static int run(enum path p, enum alg a, unsigned char *iv, unsigned char *in,
	       size_t len, unsigned char *out)
{
	int flags = p == P_COPY ? COP_FLAG_NO_ZC : 0;

	if (a == A_GCM && p != P_BATCH) {
		struct crypt_auth_op op = {
			.ses = ses[a], .op = COP_ENCRYPT, .flags = flags,
			.len = len, .src = in, .dst = out, .iv = iv,
		};

		/* GCM has no CIOCASYNCCRYPT: batch it for the async path. */
		if (p == P_ASYNC)
			return run(P_BATCH, a, iv, in, len, out);
		return ioctl(fd, CIOCAUTHCRYPT, &op) ? -errno : 0;
	}
	if (p == P_BATCH) {
		struct ocf_crypt_desc d = {
			.ses = ses[a], .op = COP_ENCRYPT, .len = len,
			.src = (uintptr_t)in, .dst = (uintptr_t)out,
			.iv = (uintptr_t)iv,
		};
		struct ocf_submit sb = { .count = 1, .descs = (uintptr_t)&d };

		if (ioctl(fd, OCF_IOC_SUBMIT, &sb))
			return -errno;
		return wait_one();
	} else {
		struct crypt_op op = {
			.ses = ses[a], .op = COP_ENCRYPT, .flags = flags,
			.len = len, .src = in, .dst = out, .iv = iv,
		};

		if (p == P_ASYNC) {
			if (ioctl(fd, CIOCASYNCCRYPT, &op))
				return -errno;
			return wait_one();
		}
		return ioctl(fd, CIOCCRYPT, &op) ? -errno : 0;
	}
}

/* Encrypt @len bytes at @soff to @doff (or in place) and compare. */
static int check(enum path p, enum alg a, size_t len, size_t soff, size_t doff,
		 int inplace)
{
	unsigned char iv[16], ivc[16];
	unsigned char *in = src_area + soff;
	unsigned char *out = inplace ? in : dst_area + doff;
	size_t olen = len + (a == A_GCM ? 16 : 0);
	int ret;

	fill(iv, 16);
	if (a == A_GCM)
		memset(iv + 12, 0, 4);
	fill(in, len);
	reference(a, iv, in, len, ref);
	memcpy(ivc, iv, 16);
	ret = run(p, a, ivc, in, len, out);
	if (ret) {
		ksft_print_msg("%s %s len %zu offsets %zu/%zu%s: error %d\n",
			       path_name[p], alg_name[a], len, soff, doff,
			       inplace ? " in place" : "", ret);
		return 1;
	}
	if (memcmp(out, ref, olen)) {
		ksft_print_msg("%s %s len %zu offsets %zu/%zu%s: wrong result\n",
			       path_name[p], alg_name[a], len, soff, doff,
			       inplace ? " in place" : "");
		return 1;
	}
	return 0;
}

static size_t fit(enum alg a, size_t len)
{
	if (a == A_CBC)
		len &= ~(size_t)15;
	return len ? len : 16;
}

#define ZC_PARAM "/sys/module/ocf/parameters/zc_threshold"

/* Read or set zc_threshold; -1 when it cannot be read. */
static long zc_threshold(long set)
{
	FILE *f = fopen(ZC_PARAM, set < 0 ? "r" : "w");
	long v = -1;

	if (!f)
		return -1;
	if (set < 0) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
	} else {
		fprintf(f, "%ld\n", set);
		v = set;
	}
	fclose(f);
	return v;
}

/* The state every test starts from: the seed, a key and the buffers. */
static void __attribute__((constructor)) zc_seed(void)
{
	const char *seed = getenv("OCF_SEED");

	rng = seed ? strtoull(seed, NULL, 0) : (uint64_t)getpid() * 2654435761u + 1;
	ksft_print_msg("seed %llu (OCF_SEED repeats it)\n", (unsigned long long)rng);
}

/* Open the device, the buffers and a session of @a; 0 or -errno. */
static int zc_open(enum alg a)
{
	fd = open(CDEV_PATH, O_RDWR);
	if (fd < 0)
		return -errno;
	src_area = aligned_alloc(4096, AREA);
	dst_area = aligned_alloc(4096, AREA);
	ref = malloc(AREA);
	if (!src_area || !dst_area || !ref)
		return -ENOMEM;
	fill(key, sizeof(key));
	return cdev_session(fd, alg_id[a], key, 16, 0, NULL, 0, &ses[a]);
}

FIXTURE(paths) {
	long saved;	/* zc_threshold before the test, or -1 */
};

FIXTURE_VARIANT(paths) {
	enum alg a;
};

FIXTURE_VARIANT_ADD(paths, ctr) { .a = A_CTR };
FIXTURE_VARIANT_ADD(paths, cbc) { .a = A_CBC };
FIXTURE_VARIANT_ADD(paths, gcm) { .a = A_GCM };

FIXTURE_SETUP(paths)
{
	int ret = zc_open(variant->a);

	ASSERT_EQ(0, ret) TH_LOG("session %s: %s", alg_name[variant->a], strerror(-ret));
	self->saved = zc_threshold(-1);
}

FIXTURE_TEARDOWN(paths)
{
	if (self->saved >= 0)
		zc_threshold(self->saved);
	close(fd);
}

/*
 * Path @p of algorithm @a against OpenSSL: every offset in a page with
 * short lengths across the page end, then random lengths up to 1 MiB at
 * random offsets, in place and not; stops after three wrong results.
 */
static void paths_check(struct __test_metadata *_metadata, long saved,
			enum path p, enum alg a)
{
	int bad = 0, n = 0;
	size_t off;

	/* Zero-copy for every length, so short buffers take that path too. */
	if (saved >= 0)
		zc_threshold(p == P_ZC ? 1 : saved);
	for (off = 0; off < 4096 && bad < 3; off += p == P_COPY || p == P_ZC ? 1 : 7) {
		size_t len = fit(a, 1 + rnd() % 300);

		bad += check(p, a, len, off, (off * 31) % 4096, off & 1);
		n++;
	}
	for (int i = 0; i < 24 && bad < 3; i++) {
		size_t len = fit(a, 1 + rnd() % (i < 12 ? 65536 : MAXLEN));

		bad += check(p, a, len, rnd() % 4096, rnd() % 4096, i & 1);
		n++;
	}
	ksft_print_msg("%s %s: %d cases, offsets 0..4095, 1 B..1 MiB, in place and not\n",
		       path_name[p], alg_name[a], n);
	EXPECT_EQ(0, bad) TH_LOG("%s %s differs from OpenSSL", path_name[p], alg_name[a]);
}

TEST_F_TIMEOUT(paths, copy, 300)
{
	paths_check(_metadata, self->saved, P_COPY, variant->a);
}

TEST_F_TIMEOUT(paths, zero_copy, 300)
{
	paths_check(_metadata, self->saved, P_ZC, variant->a);
}

TEST_F_TIMEOUT(paths, async, 300)
{
	paths_check(_metadata, self->saved, P_ASYNC, variant->a);
}

TEST_F_TIMEOUT(paths, batched, 300)
{
	paths_check(_metadata, self->saved, P_BATCH, variant->a);
}

/*
 * Read-only mappings, with AES-128-CTR: a PROT_READ anonymous mapping of
 * random bytes (ro), their copy and OpenSSL's encryption of them (ref).
 */
#define RO_LEN	(256 * 1024)

/* One AES-128-CTR operation of RO_LEN bytes through @p, the IV 01 00...00. */
static int run_ro(enum path p, unsigned char *in, unsigned char *out)
{
	unsigned char iv[16] = { 1 };

	return run(p, A_CTR, iv, in, RO_LEN, out);
}

FIXTURE(readonly) {
	unsigned char *ro;
	unsigned char *copy;
};

FIXTURE_SETUP(readonly)
{
	int ret = zc_open(A_CTR);

	ASSERT_EQ(0, ret) TH_LOG("session %s: %s", alg_name[A_CTR], strerror(-ret));
	self->ro = mmap(NULL, RO_LEN, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->ro);
	self->copy = malloc(RO_LEN);
	ASSERT_NE(NULL, self->copy);
	fill(self->ro, RO_LEN);
	memcpy(self->copy, self->ro, RO_LEN);
	ASSERT_EQ(0, mprotect(self->ro, RO_LEN, PROT_READ));
	reference(A_CTR, (const unsigned char [16]) { 1 }, self->ro, RO_LEN, ref);
}

FIXTURE_TEARDOWN(readonly)
{
	munmap(self->ro, RO_LEN);
	free(self->copy);
	close(fd);
}

/* zero-copy from a PROT_READ mapping works and leaves it unchanged */
TEST_F(readonly, zero_copy_source)
{
	EXPECT_EQ(0, run_ro(P_ZC, self->ro, dst_area));
	EXPECT_EQ(0, memcmp(dst_area, ref, RO_LEN));
	EXPECT_EQ(0, memcmp(self->ro, self->copy, RO_LEN));
}

/* asynchronous from a PROT_READ mapping works */
TEST_F(readonly, async_source)
{
	EXPECT_EQ(0, run_ro(P_ASYNC, self->ro, dst_area));
	EXPECT_EQ(0, memcmp(dst_area, ref, RO_LEN));
}

/* a PROT_READ destination fails with EFAULT and stays unchanged */
TEST_F(readonly, zero_copy_destination)
{
	EXPECT_EQ(-EFAULT, run_ro(P_ZC, src_area, self->ro));
	EXPECT_EQ(0, memcmp(self->ro, self->copy, RO_LEN));
}

/* ... asynchronously too */
TEST_F(readonly, async_destination)
{
	EXPECT_EQ(-EFAULT, run_ro(P_ASYNC, src_area, self->ro));
	EXPECT_EQ(0, memcmp(self->ro, self->copy, RO_LEN));
}

/*
 * A read-only file mapping as source (zero-copy and batched): the file is
 * never written.
 */
TEST_F(readonly, file_source)
{
	char path[] = "/tmp/ocf-zc-XXXXXX";
	unsigned char *ro;
	int tfd;

	tfd = mkstemp(path);
	if (tfd < 0 || write(tfd, self->copy, RO_LEN) != RO_LEN) {
		if (tfd >= 0) {
			close(tfd);
			unlink(path);
		}
		SKIP(return, "cannot create a file");
	}
	close(tfd);
	tfd = open(path, O_RDONLY);
	ASSERT_LE(0, tfd);
	ro = mmap(NULL, RO_LEN, PROT_READ, MAP_SHARED, tfd, 0);
	close(tfd);
	ASSERT_NE(MAP_FAILED, ro);
	EXPECT_EQ(0, run_ro(P_ZC, ro, dst_area));
	EXPECT_EQ(0, memcmp(dst_area, ref, RO_LEN));
	EXPECT_EQ(0, run_ro(P_BATCH, ro, dst_area));
	EXPECT_EQ(0, memcmp(dst_area, ref, RO_LEN));
	munmap(ro, RO_LEN);
	tfd = open(path, O_RDONLY);
	ASSERT_LE(0, tfd);
	EXPECT_EQ(RO_LEN, read(tfd, dst_area, RO_LEN));
	EXPECT_EQ(0, memcmp(dst_area, self->copy, RO_LEN));
	close(tfd);
	unlink(path);
}

TEST_HARNESS_MAIN
