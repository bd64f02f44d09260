// SPDX-License-Identifier: GPL-2.0
/*
 * xcheck_util.c: what the OpenSSL cross-checks share (xcheck.h): the
 * seeded PRNG, the family loop, failures, sessions and the OpenSSL
 * references.
 *
 * Every family draws its cases from one seeded PRNG; the seed is printed as
 * a diagnostic and OCF_SEED=<seed> repeats a run exactly.  OCF_CASES=<n>
 * changes the number of cases per family (the defaults keep a run near a
 * minute under QEMU's TCG).  A family whose kernel algorithm is missing
 * (ENOENT), or which this OpenSSL lacks, is skipped.
 *
 * The programs, by feature: cipher_xcheck (ciphers one operation at a
 * time, IV chaining, cipher + MAC sessions, sessions by name, XTS at every
 * length: xcheck_state.c, xcheck_xts.c), hash_xcheck (hashes, HMACs and
 * CMAC, multi-part state, CIOCCPHASH: xcheck_state.c), aead_xcheck (AEAD
 * sessions: xcheck_aead.c) and record_xcheck (the TLS and SRTP modes of
 * CIOCAUTHCRYPT: xcheck_aead.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include "tap.h"
#include "xcheck.h"

int devfd = -1;

/* ------------------------------------------------------------------ */
/* PRNG, cases, failures                                               */
/* ------------------------------------------------------------------ */

static uint64_t rng_state;

uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t rnd_below(uint32_t n)
{
	return n ? rnd64() % n : 0;
}

void rnd_fill(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t r = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!(i % 8))
			r = rnd64();
		p[i] = r;
		r >>= 8;
	}
}

size_t rnd_len(size_t max)
{
	unsigned int bits = 0;
	size_t v;

	switch (rnd_below(16)) {
	case 0:
		return 0;
	case 1:
		return max;
	}
	while (bits < 63 && (1ULL << bits) <= max)
		bits++;
	v = rnd64() & ((1ULL << rnd_below(bits + 1)) - 1);
	return v > max ? max : v;
}

unsigned int ncases(unsigned int dflt)
{
	const char *env = getenv("OCF_CASES");

	return env && *env ? strtoul(env, NULL, 0) : dflt;
}

static char fail_why[1024];
static const char *skip_why;

/* Record why a case failed; later calls add context after a "; ". */
bool fail(const char *fmt, ...)
{
	size_t used = strlen(fail_why);
	va_list ap;

	if (used && used < sizeof(fail_why) - 2) {
		strcpy(fail_why + used, "; ");
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(fail_why + used, sizeof(fail_why) - used, fmt, ap);
	va_end(ap);
	return false;
}

const char *fail_reason(void)
{
	return fail_why[0] ? fail_why : "failed";
}

void fail_reset(void)
{
	fail_why[0] = '\0';
}

bool same(const char *what, const void *got, const void *want, size_t len)
{
	const uint8_t *g = got, *w = want;
	size_t i;

	for (i = 0; i < len; i++)
		if (g[i] != w[i])
			return fail("%s differs at byte %zu of %zu: got %02x, want %02x",
				    what, i, len, g[i], w[i]);
	return true;
}

bool untouched(const char *what, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != CANARY)
			return fail("%s: byte %zu of %zu was written (%02x)", what,
				    i, len, buf[i]);
	return true;
}

void *xmalloc(size_t len)
{
	void *p = malloc(len ? len : 1);

	if (!p)
		tap_bail_out("out of memory");
	return p;
}

void skip_family(const char *why)
{
	skip_why = why;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int run_family(const char *name, unsigned int n,
	       bool (*fn)(void *arg, unsigned int i), void *arg)
{
	double t0 = now();
	unsigned int i;

	fail_reset();
	skip_why = NULL;
	for (i = 0; i < n; i++) {
		if (fn(arg, i))
			continue;
		if (skip_why) {
			tap_skip(skip_why, "%s", name);
			return FAMILY_SKIP;
		}
		tap_diag("%s: case %u of %u: %s", name, i, n, fail_reason());
		tap_fail("%s", name);
		return FAMILY_FAIL;
	}
	tap_pass("%s (%u cases, %.1f s)", name, n, now() - t0);
	return FAMILY_PASS;
}

int xc_session(__u32 cipher, const void *key, __u32 keylen, __u32 mac,
	       const void *mackey, __u32 mackeylen, __u32 *ses)
{
	static char why[128];
	int ret;

	ret = cdev_session(devfd, cipher, key, keylen, mac, mackey, mackeylen, ses);
	if (ret == -ENOENT) {
		snprintf(why, sizeof(why), "algorithm %u: not in this kernel",
			 cipher ? cipher : mac);
		skip_family(why);
	} else if (ret) {
		fail("CIOCGSESSION(cipher %u, mac %u, keylen %u, mackeylen %u): %s",
		     cipher, mac, keylen, mackeylen, strerror(-ret));
	}
	return ret;
}

/* ------------------------------------------------------------------ */
/* OpenSSL                                                             */
/* ------------------------------------------------------------------ */

bool ossl_has_cipher(const char *name)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);

	EVP_CIPHER_free(c);
	return c;
}

bool ossl_has_digest(const char *name)
{
	EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);

	EVP_MD_free(md);
	return md;
}

bool ossl_cipher(const char *name, bool enc, const uint8_t *key, const uint8_t *iv,
		 const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, m = 0;
	bool ok;

	ok = c && ctx && EVP_CipherInit_ex2(ctx, c, key, iv, enc, NULL) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, out, &n, in, len) &&
	     EVP_CipherFinal_ex(ctx, out + n, &m) && (size_t)(n + m) == len;
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok ? true : fail("OpenSSL %s failed", name);
}

bool ossl_digest(const char *name, const uint8_t *msg, size_t len, uint8_t *md,
		 unsigned int *mdlen)
{
	EVP_MD *m = EVP_MD_fetch(NULL, name, NULL);
	bool ok = m && EVP_Digest(msg, len, md, mdlen, m, NULL);

	EVP_MD_free(m);
	return ok ? true : fail("OpenSSL %s failed", name);
}

bool ossl_hmac(const char *md, const uint8_t *key, size_t klen, const uint8_t *msg,
	       size_t len, uint8_t *out, unsigned int *outlen)
{
	EVP_MD *m = EVP_MD_fetch(NULL, md, NULL);
	bool ok = m && HMAC(m, key, klen, msg, len, out, outlen);

	EVP_MD_free(m);
	return ok ? true : fail("OpenSSL HMAC-%s failed", md);
}

static uint64_t pick_seed(void)
{
	const char *env = getenv("OCF_SEED");
	struct timespec ts;

	if (env && *env)
		return strtoull(env, NULL, 0);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000007ULL ^ ts.tv_nsec ^
	       ((uint64_t)getpid() << 32);
}

static uint64_t xc_seed;
static double xc_t0;

void xcheck_start(void)
{
	xc_seed = pick_seed();
	xc_t0 = now();
	devfd = cdev_open();
	if (devfd < 0)
		tap_skip_all("cannot open " CDEV_PATH ": %s", strerror(errno));
	rng_state = xc_seed;
	tap_header();
	tap_diag("seed %llu (OCF_SEED=%llu repeats this run)",
		 (unsigned long long)xc_seed, (unsigned long long)xc_seed);
}

int xcheck_finish(void)
{
	tap_diag("seed %llu, %.1f s", (unsigned long long)xc_seed,
		 now() - xc_t0);
	close(devfd);
	return tap_finish();
}
