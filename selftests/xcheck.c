// SPDX-License-Identifier: GPL-2.0
/*
 * xcheck: /dev/crypto against OpenSSL, with random keys, IVs and data.
 *
 * Every family draws its cases from one seeded PRNG; the seed is printed as
 * a diagnostic and OCF_SEED=<seed> repeats a run exactly.  OCF_CASES=<n>
 * changes the number of cases per family (the defaults keep a run near a
 * minute under QEMU's TCG).  A family whose kernel algorithm is missing
 * (ENOENT), or which this OpenSSL lacks, is skipped.
 *
 * This file: the infrastructure, and ciphers, hashes, HMACs and CMAC one
 * operation at a time.  xcheck_aead.c: AEAD, TLS and SRTP modes of
 * CIOCAUTHCRYPT.  xcheck_state.c: state kept across operations (multi-part
 * hashing, IV chaining, CIOCCPHASH), cipher + MAC sessions and sessions by
 * name.  xcheck_xts.c: AES-XTS at every length from 16 to 4096 bytes on
 * every path, FreeBSD's calls included.
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

static bool ossl_cmac(const char *cipher, const uint8_t *key, size_t klen,
		      const uint8_t *msg, size_t len, uint8_t *out, size_t *outlen)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
						 (char *)cipher, 0),
		OSSL_PARAM_construct_end(),
	};
	bool ok;

	ok = ctx && EVP_MAC_init(ctx, key, klen, params) &&
	     EVP_MAC_update(ctx, msg, len) &&
	     EVP_MAC_final(ctx, out, outlen, AALG_MAX_RESULT_LEN);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? true : fail("OpenSSL CMAC(%s) failed", cipher);
}

/* ------------------------------------------------------------------ */
/* Ciphers                                                             */
/* ------------------------------------------------------------------ */

struct xc_cipher {
	const char *ossl;	/* OpenSSL name */
	__u32 id;
	unsigned int keylen;
	unsigned int ivlen;
	unsigned int bs;	/* lengths must be multiples of this */
};

/* XTS steals ciphertext: it takes any length from one block on. */
static bool steals(const struct xc_cipher *c)
{
	return c->id == CRYPTO_AES_XTS;
}

static const struct xc_cipher ciphers[] = {
	{ "AES-128-CBC", CRYPTO_AES_CBC, 16, 16, 16 },
	{ "AES-192-CBC", CRYPTO_AES_CBC, 24, 16, 16 },
	{ "AES-256-CBC", CRYPTO_AES_CBC, 32, 16, 16 },
	{ "AES-128-ECB", CRYPTO_AES_ECB, 16, 0, 16 },
	{ "AES-256-ECB", CRYPTO_AES_ECB, 32, 0, 16 },
	{ "AES-128-CTR", CRYPTO_AES_CTR, 16, 16, 1 },
	{ "AES-256-CTR", CRYPTO_AES_CTR, 32, 16, 1 },
	{ "AES-128-XTS", CRYPTO_AES_XTS, 32, 16, 16 },
	{ "AES-256-XTS", CRYPTO_AES_XTS, 64, 16, 16 },
	{ "AES-128-CFB", CRYPTO_AES_CFB, 16, 16, 1 },
	{ "AES-128-OFB", CRYPTO_AES_OFB, 16, 16, 1 },
	{ "DES-EDE3-CBC", CRYPTO_3DES_CBC, 24, 8, 8 },
	{ "CAMELLIA-128-CBC", CRYPTO_CAMELLIA_CBC, 16, 16, 16 },
	{ "CAMELLIA-256-CBC", CRYPTO_CAMELLIA_CBC, 32, 16, 16 },
	{ "CAMELLIA-128-ECB", CRYPTO_CAMELLIA_ECB, 16, 0, 16 },
	{ "CAMELLIA-256-CTR", CRYPTO_CAMELLIA_CTR, 32, 16, 1 },
	{ "ChaCha20", CRYPTO_CHACHA20, 32, 16, 1 },
	{ "SM4-CBC", CRYPTO_SM4_CBC, 16, 16, 16 },
	{ "SM4-ECB", CRYPTO_SM4_ECB, 16, 0, 16 },
	{ "SM4-CTR", CRYPTO_SM4_CTR, 16, 16, 1 },
};

static bool cipher_case(void *arg, unsigned int i)
{
	const struct xc_cipher *c = arg;
	uint8_t key[64], iv[16], ivcopy[16];
	size_t len = steals(c) ? c->bs + rnd_len(MAX_DATA - c->bs) :
				c->bs * (1 + rnd_len(MAX_DATA / c->bs - 1));
	uint8_t *pt = xmalloc(len), *ct = xmalloc(len), *want = xmalloc(len);
	bool in_place = rnd_below(2);
	bool ok = false;
	__u32 ses;
	int ret;

	rnd_fill(key, c->keylen);
	rnd_fill(iv, sizeof(iv));
	/* ChaCha20: keep the 32-bit block counter from wrapping. */
	if (c->id == CRYPTO_CHACHA20)
		iv[3] = 0;
	rnd_fill(pt, len);

	if (xc_session(c->id, key, c->keylen, 0, NULL, 0, &ses))
		goto out;
	if (!ossl_cipher(c->ossl, true, key, iv, pt, len, want))
		goto out_ses;

	/* Encrypt (in place or not), compare; decrypt in place. */
	memcpy(ivcopy, iv, sizeof(iv));
	memset(ct, CANARY, len);
	if (in_place)
		memcpy(ct, pt, len);
	ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, in_place ? ct : pt, ct, len,
			 c->ivlen ? ivcopy : NULL, NULL);
	if (ret) {
		fail("encrypt %zu bytes: %s", len, strerror(-ret));
		goto out_ses;
	}
	if (!same("ciphertext", ct, want, len) ||
	    !same("IV without WRITE_IV", ivcopy, iv, sizeof(iv)))
		goto out_ses;
	memcpy(ivcopy, iv, sizeof(iv));
	ret = cdev_crypt(devfd, ses, COP_DECRYPT, 0, ct, ct, len,
			 c->ivlen ? ivcopy : NULL, NULL);
	if (ret) {
		fail("decrypt %zu bytes: %s", len, strerror(-ret));
		goto out_ses;
	}
	if (!same("plaintext", ct, pt, len))
		goto out_ses;

	/*
	 * Once per family: lengths that are not whole blocks are refused,
	 * with ciphertext stealing those below one block.
	 */
	ok = true;
	if (i == 0) {
		ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, 0, ivcopy, NULL);
		if (ret != -EINVAL)
			ok = fail("len 0: %s, want EINVAL", strerror(-ret));
		if (steals(c)) {
			ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, c->bs - 1,
					 ivcopy, NULL);
			if (ret != -EINVAL)
				ok = fail("len %u: %s, want EINVAL", c->bs - 1,
					  strerror(-ret));
		} else if (c->bs > 1 && len > c->bs) {
			ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, c->bs + 1,
					 ivcopy, NULL);
			if (ret != -EINVAL)
				ok = fail("len %u: %s, want EINVAL", c->bs + 1,
					  strerror(-ret));
		}
	}
out_ses:
	cdev_fsession(devfd, ses);
out:
	free(pt);
	free(ct);
	free(want);
	return ok;
}

static void xcheck_ciphers(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ciphers); i++) {
		const struct xc_cipher *c = &ciphers[i];

		if (!ossl_has_cipher(c->ossl)) {
			tap_skip("OpenSSL lacks it", "cipher %s", c->ossl);
			continue;
		}
		run_family(c->ossl, ncases(CASES), cipher_case, (void *)c);
	}
}

/* ------------------------------------------------------------------ */
/* Hashes, HMACs, CMAC                                                 */
/* ------------------------------------------------------------------ */

enum xc_mac_kind { XC_HASH, XC_HMAC, XC_CMAC };

struct xc_hash {
	const char *ossl;	/* digest, or the cipher of CMAC */
	__u32 id;
	enum xc_mac_kind kind;
	unsigned int keylen;	/* CMAC */
};

static const struct xc_hash hashes[] = {
	{ "MD5", CRYPTO_MD5, XC_HASH, 0 },
	{ "SHA1", CRYPTO_SHA1, XC_HASH, 0 },
	{ "SHA224", CRYPTO_SHA2_224, XC_HASH, 0 },
	{ "SHA256", CRYPTO_SHA2_256, XC_HASH, 0 },
	{ "SHA384", CRYPTO_SHA2_384, XC_HASH, 0 },
	{ "SHA512", CRYPTO_SHA2_512, XC_HASH, 0 },
	{ "SHA3-224", CRYPTO_SHA3_224, XC_HASH, 0 },
	{ "SHA3-256", CRYPTO_SHA3_256, XC_HASH, 0 },
	{ "SHA3-384", CRYPTO_SHA3_384, XC_HASH, 0 },
	{ "SHA3-512", CRYPTO_SHA3_512, XC_HASH, 0 },
	{ "BLAKE2B-512", CRYPTO_BLAKE2B_512, XC_HASH, 0 },
	{ "RIPEMD160", CRYPTO_RIPEMD160, XC_HASH, 0 },
	{ "SM3", CRYPTO_SM3, XC_HASH, 0 },
	{ "MD5", CRYPTO_MD5_HMAC, XC_HMAC, 0 },
	{ "SHA1", CRYPTO_SHA1_HMAC, XC_HMAC, 0 },
	{ "SHA224", CRYPTO_SHA2_224_HMAC, XC_HMAC, 0 },
	{ "SHA256", CRYPTO_SHA2_256_HMAC, XC_HMAC, 0 },
	{ "SHA384", CRYPTO_SHA2_384_HMAC, XC_HMAC, 0 },
	{ "SHA512", CRYPTO_SHA2_512_HMAC, XC_HMAC, 0 },
	{ "SHA3-224", CRYPTO_SHA3_224_HMAC, XC_HMAC, 0 },
	{ "SHA3-256", CRYPTO_SHA3_256_HMAC, XC_HMAC, 0 },
	{ "SHA3-384", CRYPTO_SHA3_384_HMAC, XC_HMAC, 0 },
	{ "SHA3-512", CRYPTO_SHA3_512_HMAC, XC_HMAC, 0 },
	{ "RIPEMD160", CRYPTO_RIPEMD160_HMAC, XC_HMAC, 0 },
	{ "SM3", CRYPTO_SM3_HMAC, XC_HMAC, 0 },
	{ "AES-128-CBC", CRYPTO_AES_CMAC, XC_CMAC, 16 },
	{ "AES-256-CBC", CRYPTO_AES_CMAC, XC_CMAC, 32 },
};

static bool hash_case(void *arg, unsigned int i)
{
	const struct xc_hash *h = arg;
	uint8_t key[CRYPTO_HMAC_MAX_KEY_LEN];
	uint8_t md[AALG_MAX_RESULT_LEN + 16], want[AALG_MAX_RESULT_LEN];
	size_t len = rnd_len(MAX_DATA), wlen = 0;
	unsigned int klen = 0, n = 0;
	uint8_t *msg = xmalloc(len);
	bool ok = false;
	__u32 ses;
	int ret;

	rnd_fill(msg, len);
	switch (h->kind) {
	case XC_HASH:
		ok = ossl_digest(h->ossl, msg, len, want, &n);
		break;
	case XC_HMAC:
		/* Short keys, block-sized ones, and longer than a block. */
		klen = 1 + rnd_len(rnd_below(4) ? 200 : CRYPTO_HMAC_MAX_KEY_LEN - 1);
		rnd_fill(key, klen);
		ok = ossl_hmac(h->ossl, key, klen, msg, len, want, &n);
		break;
	case XC_CMAC:
		klen = h->keylen;
		rnd_fill(key, klen);
		ok = ossl_cmac(h->ossl, key, klen, msg, len, want, &wlen);
		n = wlen;
		break;
	}
	if (!ok)
		goto out;
	ok = false;
	if (xc_session(0, NULL, 0, h->id, klen ? key : NULL, klen, &ses))
		goto out;
	memset(md, CANARY, sizeof(md));
	ret = cdev_hash(devfd, ses, 0, msg, len, md);
	if (ret)
		fail("%zu bytes, key %u bytes: %s", len, klen, strerror(-ret));
	else if (same("digest", md, want, n))
		ok = untouched("past the digest", md + n, sizeof(md) - n);
	if (!ok)
		fail("%zu bytes, key %u bytes", len, klen);
	cdev_fsession(devfd, ses);
out:
	free(msg);
	return ok;
}

static void xcheck_hashes(void)
{
	static const char *const kind[] = { "", "HMAC-", "CMAC-" };
	unsigned int i;
	char name[64];

	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		const struct xc_hash *h = &hashes[i];
		bool have = h->kind == XC_CMAC ? ossl_has_cipher(h->ossl) :
						 ossl_has_digest(h->ossl);

		snprintf(name, sizeof(name), "%s%s", kind[h->kind], h->ossl);
		if (!have) {
			tap_skip("OpenSSL lacks it", "%s", name);
			continue;
		}
		run_family(name, ncases(CASES), hash_case, (void *)h);
	}
}

/* ------------------------------------------------------------------ */

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

int main(void)
{
	uint64_t seed = pick_seed();
	double t0 = now();

	devfd = cdev_open();
	if (devfd < 0)
		tap_skip_all("cannot open " CDEV_PATH ": %s", strerror(errno));
	rng_state = seed;
	tap_header();
	tap_diag("seed %llu (OCF_SEED=%llu repeats this run)",
		 (unsigned long long)seed, (unsigned long long)seed);

	xcheck_ciphers();
	xcheck_hashes();
	xcheck_aead();
	xcheck_tls();
	xcheck_srtp();
	xcheck_multipart();
	xcheck_chaining();
	xcheck_cphash();
	xcheck_cipher_mac();
	xcheck_by_name();
	xcheck_xts_lengths();

	tap_diag("seed %llu, %.1f s", (unsigned long long)seed, now() - t0);
	close(devfd);
	return tap_finish();
}
