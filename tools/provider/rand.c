// SPDX-License-Identifier: GPL-2.0
/*
 * Random numbers: what libcrypto fetches when this is its only provider.
 *
 * libcrypto builds its generators as a chain: a seed source fetched as
 * "SEED-SRC", a primary DRBG on it and per-thread public and private DRBGs
 * on the primary, each fetched as "CTR-DRBG" with the cipher "AES-256-CTR"
 * unless openssl.cnf's [random] section names others.  So this file offers
 * exactly those two names, and each is what its name says:
 *
 * - SEED-SRC: the operating system's entropy source, getrandom(2) (which
 *   blocks until the kernel's pool is initialised), as OpenSSL's own.
 * - CTR-DRBG: NIST SP 800-90A CTR_DRBG (section 10.2) with AES-128, -192
 *   or -256, with (the default) or without the derivation function, and
 *   checked against NIST's CAVP answers by ocf-prov-test.  Its block
 *   cipher runs in the kernel (ecb(aes) and cbc(aes) on the kernel's
 *   preferred driver, whatever the provider's "drivers" class: the DRBG is
 *   internal to OpenSSL, not an algorithm a program chooses).  It is
 *   seeded from its parent (get_seed, else generate) or, without one,
 *   from getrandom(2), reseeds after reseed_requests generate calls, after
 *   reseed_time_interval seconds, on prediction resistance and in a
 *   process forked from the one that seeded it.
 *
 * CTR_DRBG changes its key with every request, and a /dev/crypto session
 * has one key, so each AES operation opens a session, runs and frees it: a
 * generate call is three system calls (four with additional input).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "ocf_prov.h"

#define ST_UNINIT	0	/* EVP_RAND_STATE_* */
#define ST_READY	1
#define ST_ERROR	2

#define BLK		16
#define MAX_KEY		32
#define MAX_SEEDLEN	(MAX_KEY + BLK)
#define MAX_REQUEST	(1 << 16)	/* bytes per generate (SP 800-90A: 2^19 bits) */
#define MAX_STR	(1 << 16)	/* personalisation, additional input */
#define RESEED_MAX	(1ULL << 48)	/* SP 800-90A's reseed_interval bound */
#define SEED_STRENGTH	256		/* getrandom(2): a 256-bit CSPRNG */

/* ------------------------------------------------------------ SEED-SRC */

struct seedsrc {
	struct ocf_prov *p;
	int state;
};

static void *seed_new(void *provctx, void *parent, const OSSL_DISPATCH *pd)
{
	struct seedsrc *s;

	if (parent) {
		ocf_err(provctx, OCF_R_UNSUPPORTED, "SEED-SRC takes no parent");
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s)
		s->p = provctx;
	return s;
}

static void seed_free(void *vs)
{
	free(vs);
}

static int seed_instantiate(void *vs, unsigned int strength, int pr,
			    const unsigned char *pstr, size_t pstr_len,
			    const OSSL_PARAM params[])
{
	struct seedsrc *s = vs;

	if (strength > SEED_STRENGTH)
		return 0;
	s->state = ST_READY;
	return 1;
}

static int seed_uninstantiate(void *vs)
{
	((struct seedsrc *)vs)->state = ST_UNINIT;
	return 1;
}

static int seed_generate(void *vs, unsigned char *out, size_t outlen,
			 unsigned int strength, int pr,
			 const unsigned char *adin, size_t adin_len)
{
	struct seedsrc *s = vs;

	if (s->state != ST_READY || strength > SEED_STRENGTH) {
		ocf_err(s->p, OCF_R_STATE, "SEED-SRC not ready or strength %u too high", strength);
		return 0;
	}
	if (!ocf_random(out, outlen)) {
		s->state = ST_ERROR;
		ocf_err(s->p, OCF_R_KERNEL, "getrandom: %s (errno %d)", strerror(errno), errno);
		return 0;
	}
	return 1;
}

static int seed_reseed(void *vs, int pr, const unsigned char *ent, size_t ent_len,
		       const unsigned char *adin, size_t adin_len)
{
	return ((struct seedsrc *)vs)->state == ST_READY;
}

/* A buffer of the seed's length: between min_len and max_len bytes. */
static size_t seed_len(int entropy, size_t min_len, size_t max_len)
{
	size_t n = entropy > 0 ? ((size_t)entropy + 7) / 8 : 0;

	if (n < min_len)
		n = min_len;
	return n > max_len ? 0 : n;
}

static size_t seed_get_seed(void *vs, unsigned char **pout, int entropy,
			    size_t min_len, size_t max_len, int pr,
			    const unsigned char *adin, size_t adin_len)
{
	struct seedsrc *s = vs;
	size_t n = seed_len(entropy, min_len, max_len);
	unsigned char *b;

	if (!n || entropy > SEED_STRENGTH || s->state != ST_READY)
		return 0;
	b = malloc(n);
	if (!b)
		return 0;
	if (!seed_generate(s, b, n, 0, pr, NULL, 0)) {
		free(b);
		return 0;
	}
	*pout = b;
	return n;
}

static void clear_seed(void *vs, unsigned char *b, size_t len)
{
	ocf_cleanse(b, len);
	free(b);
}

static int no_lock_needed(void *vs)
{
	return 1;
}

static void no_unlock_needed(void *vs)
{
}

static int seed_get_ctx_params(void *vs, OSSL_PARAM params[])
{
	struct seedsrc *s = vs;

	return ocf_set_size(params, OSSL_RAND_PARAM_STATE, (uint64_t)s->state) &&
	       ocf_set_size(params, OSSL_RAND_PARAM_STRENGTH, SEED_STRENGTH) &&
	       ocf_set_size(params, OSSL_RAND_PARAM_MAX_REQUEST, MAX_REQUEST);
}

static const OSSL_PARAM seed_gettable[] = {
	{ OSSL_RAND_PARAM_STATE, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_RAND_PARAM_STRENGTH, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_RAND_PARAM_MAX_REQUEST, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *seed_gettable_ctx_params(void *vs, void *provctx)
{
	return seed_gettable;
}

static int zeroized(void *vs)
{
	return 1;
}

#define FN(id, f) { id, (void (*)(void))(f) }

static const OSSL_DISPATCH seed_fns[] = {
	FN(OSSL_FUNC_RAND_NEWCTX, seed_new),
	FN(OSSL_FUNC_RAND_FREECTX, seed_free),
	FN(OSSL_FUNC_RAND_INSTANTIATE, seed_instantiate),
	FN(OSSL_FUNC_RAND_UNINSTANTIATE, seed_uninstantiate),
	FN(OSSL_FUNC_RAND_GENERATE, seed_generate),
	FN(OSSL_FUNC_RAND_RESEED, seed_reseed),
	FN(OSSL_FUNC_RAND_ENABLE_LOCKING, no_lock_needed),
	FN(OSSL_FUNC_RAND_LOCK, no_lock_needed),
	FN(OSSL_FUNC_RAND_UNLOCK, no_unlock_needed),
	FN(OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, seed_gettable_ctx_params),
	FN(OSSL_FUNC_RAND_GET_CTX_PARAMS, seed_get_ctx_params),
	FN(OSSL_FUNC_RAND_VERIFY_ZEROIZATION, zeroized),
	FN(OSSL_FUNC_RAND_GET_SEED, seed_get_seed),
	FN(OSSL_FUNC_RAND_CLEAR_SEED, clear_seed),
	{ 0, NULL }
};

/* ------------------------------------------------------------ CTR-DRBG */

struct drbg {
	struct ocf_prov *p;
	/* the parent and the functions of it we use */
	void *parent;
	OSSL_FUNC_rand_get_seed_fn *par_get_seed;
	OSSL_FUNC_rand_clear_seed_fn *par_clear_seed;
	OSSL_FUNC_rand_generate_fn *par_generate;
	OSSL_FUNC_rand_lock_fn *par_lock;
	OSSL_FUNC_rand_unlock_fn *par_unlock;
	pthread_mutex_t *lock;
	int state;
	size_t keylen;			/* 16, 24 or 32 */
	int use_df;
	unsigned char key[MAX_KEY], v[BLK];
	uint64_t reseed_ctr;		/* generate calls since the last seeding */
	uint64_t reseed_interval;
	int64_t reseed_time_interval;	/* seconds, 0: none */
	time_t seeded_at;
	unsigned int seedings;		/* reported as reseed_counter */
	pid_t pid;			/* the process that seeded it */
};

static size_t seedlen(const struct drbg *d)
{
	return d->keylen + BLK;
}

/* AES in the kernel: one session for the key, one operation, freed. */
static int aes(struct drbg *d, const char *alg, const unsigned char *key,
	       const unsigned char *in, unsigned char *out, size_t len,
	       unsigned char *iv)
{
	struct ocf_sess_req r = { 0 };
	uint32_t ses;
	int ret;

	r.cipher = alg;
	r.key = key;
	r.keylen = d->keylen;
	r.any_driver = 1;
	ses = ocf_session(d->p, &r, NULL);
	if (!ses) {
		ocf_kerr(d->p, "CTR-DRBG session", alg, errno);
		return 0;
	}
	ret = ocf_crypt(d->p, ses, COP_ENCRYPT, 0, in, out, len, iv, NULL);
	ocf_session_free(d->p, ses);
	if (ret) {
		ocf_kerr(d->p, "CTR-DRBG encrypt", alg, -ret);
		return 0;
	}
	return 1;
}

static void inc128(unsigned char v[BLK])
{
	for (int i = BLK - 1; i >= 0; i--)
		if (++v[i])
			break;
}

/*
 * Output blocks E(Key, V+1) .. E(Key, V+n) into out (n * 16 bytes), with V
 * left at V+n: generate and update in one kernel operation.
 */
static int ctr_blocks(struct drbg *d, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		inc128(d->v);
		memcpy(out + i * BLK, d->v, BLK);
	}
	return aes(d, "ecb(aes)", d->key, out, out, n * BLK, NULL);
}

/* CTR_DRBG_Update (10.2.1.2) from blocks already encrypted in t. */
static void update_from(struct drbg *d, const unsigned char *t,
			const unsigned char *provided)
{
	size_t i;

	for (i = 0; i < d->keylen; i++)
		d->key[i] = t[i] ^ (provided ? provided[i] : 0);
	for (i = 0; i < BLK; i++)
		d->v[i] = t[d->keylen + i] ^ (provided ? provided[d->keylen + i] : 0);
}

static size_t update_blocks(const struct drbg *d)
{
	return (seedlen(d) + BLK - 1) / BLK;
}

static int update(struct drbg *d, const unsigned char *provided)
{
	unsigned char t[MAX_SEEDLEN + BLK];
	int ok = ctr_blocks(d, t, update_blocks(d));

	if (ok)
		update_from(d, t, provided);
	ocf_cleanse(t, sizeof(t));
	return ok;
}

/*
 * Block_Cipher_df (10.3.2) of the concatenation of two inputs, returning
 * seedlen bytes.  BCC is a CBC-MAC: the last block of cbc(aes) from a zero
 * IV over IV_i || S; the final chain X = E(K, X), ... is cbc(aes) of
 * X, 0, 0 from a zero IV.
 */
static int block_cipher_df(struct drbg *d, const unsigned char *a, size_t alen,
			   const unsigned char *b, size_t blen, unsigned char *out)
{
	size_t sl = seedlen(d), inlen = alen + blen, slen, nb, i;
	unsigned char k0[MAX_KEY], temp[MAX_SEEDLEN + BLK], iv[BLK];
	unsigned char x[3 * BLK];
	unsigned char *s, *w;
	int ok = 0;

	/* IV_i || S, S = L || N || input || 0x80 || zeros to a whole block */
	slen = (BLK + 8 + inlen + 1 + BLK - 1) / BLK * BLK;
	s = calloc(2, slen);
	if (!s) {
		ocf_err(d->p, OCF_R_NO_MEMORY, "out of memory");
		return 0;
	}
	w = s + slen;
	s[BLK + 0] = (unsigned char)(inlen >> 24);
	s[BLK + 1] = (unsigned char)(inlen >> 16);
	s[BLK + 2] = (unsigned char)(inlen >> 8);
	s[BLK + 3] = (unsigned char)inlen;
	s[BLK + 7] = (unsigned char)sl;
	if (alen)
		memcpy(s + BLK + 8, a, alen);
	if (blen)
		memcpy(s + BLK + 8 + alen, b, blen);
	s[BLK + 8 + inlen] = 0x80;
	for (i = 0; i < d->keylen; i++)
		k0[i] = (unsigned char)i;
	nb = (d->keylen + BLK + BLK - 1) / BLK;
	for (i = 0; i < nb; i++) {
		memcpy(w, s, slen);
		w[3] = (unsigned char)i;
		memset(iv, 0, BLK);
		if (!aes(d, "cbc(aes)", k0, w, w, slen, iv))
			goto out;
		memcpy(temp + i * BLK, w + slen - BLK, BLK);
	}
	/* K = temp[0, keylen), X = the next block */
	memset(x, 0, sizeof(x));
	memcpy(x, temp + d->keylen, BLK);
	memset(iv, 0, BLK);
	if (!aes(d, "cbc(aes)", temp, x, x, update_blocks(d) * BLK, iv))
		goto out;
	memcpy(out, x, sl);
	ok = 1;
out:
	ocf_cleanse(s, 2 * slen);
	free(s);
	ocf_cleanse(temp, sizeof(temp));
	ocf_cleanse(x, sizeof(x));
	return ok;
}

/*
 * Seed material of entropy (and nonce) ent with the string str
 * (personalisation or additional input): Key and V from the update.
 * Instantiation starts from Key = 0, V = 0; reseeding from the state.
 */
static int seed_with(struct drbg *d, const unsigned char *ent, size_t entlen,
		     const unsigned char *str, size_t strlen_, int fresh)
{
	unsigned char sm[MAX_SEEDLEN];
	size_t i;
	int ok;

	if (d->use_df) {
		if (!block_cipher_df(d, ent, entlen, str, strlen_, sm))
			return 0;
	} else {
		/* no df: full-entropy input of seedlen bytes, str XORed in */
		if (entlen != seedlen(d) || strlen_ > seedlen(d))
			return 0;
		memcpy(sm, ent, entlen);
		for (i = 0; i < strlen_; i++)
			sm[i] ^= str[i];
	}
	if (fresh) {
		memset(d->key, 0, sizeof(d->key));
		memset(d->v, 0, sizeof(d->v));
	}
	ok = update(d, sm);
	ocf_cleanse(sm, sizeof(sm));
	if (ok) {
		d->reseed_ctr = 1;
		d->seeded_at = time(NULL);
		d->seedings++;
		d->pid = getpid();
	}
	return ok;
}

static void put_entropy(struct drbg *d, unsigned char *buf, size_t len, int from_parent)
{
	if (!buf)
		return;
	if (from_parent) {
		/* the parent's buffer: its to free (or keep, without clear_seed) */
		if (d->par_clear_seed)
			d->par_clear_seed(d->parent, buf, len);
		return;
	}
	ocf_cleanse(buf, len);
	free(buf);
}

/* Entropy (and nonce) for a seeding, from the parent or getrandom(2). */
static size_t get_entropy(struct drbg *d, unsigned char **buf, size_t len,
			  int pr, int *from_parent)
{
	size_t n = 0;

	*from_parent = 0;
	if (d->parent && d->par_get_seed) {
		if (d->par_lock && !d->par_lock(d->parent))
			return 0;
		n = d->par_get_seed(d->parent, buf, (int)d->keylen * 8, len, len,
				    pr, NULL, 0);
		if (d->par_unlock)
			d->par_unlock(d->parent);
		*from_parent = n != 0;
		if (n && n != len) {
			put_entropy(d, *buf, n, 1);
			return 0;
		}
		return n;
	}
	*buf = malloc(len);
	if (!*buf)
		return 0;
	if (d->parent && d->par_generate) {
		if (d->par_lock && !d->par_lock(d->parent))
			goto fail;
		n = d->par_generate(d->parent, *buf, len, (unsigned int)d->keylen * 8,
				    pr, NULL, 0) ? len : 0;
		if (d->par_unlock)
			d->par_unlock(d->parent);
	} else if (!d->parent) {
		n = ocf_random(*buf, len) ? len : 0;
	}
	if (n)
		return n;
fail:
	free(*buf);
	*buf = NULL;
	return 0;
}

/*
 * Instantiate (nonce: 1/2 of the strength, from the same source as the
 * entropy input, SP 800-90A 8.6.7) or reseed.
 */
static int drbg_seed(struct drbg *d, int fresh, int pr,
		     const unsigned char *str, size_t slen)
{
	size_t want = d->use_df ? d->keylen + (fresh ? d->keylen / 2 : 0) : seedlen(d);
	unsigned char *ent = NULL;
	int fp, ok;
	size_t n;

	if (slen > MAX_STR) {
		ocf_err(d->p, OCF_R_BAD_LENGTH, "CTR-DRBG input of %zu bytes", slen);
		return 0;
	}
	n = get_entropy(d, &ent, want, pr, &fp);
	if (!n) {
		d->state = ST_ERROR;
		ocf_err(d->p, OCF_R_STATE, "CTR-DRBG: no entropy from the %s",
			d->parent ? "parent" : "kernel");
		return 0;
	}
	ok = seed_with(d, ent, n, str, slen, fresh);
	put_entropy(d, ent, n, fp);
	d->state = ok ? ST_READY : ST_ERROR;
	return ok;
}

static void *drbg_new(void *provctx, void *parent, const OSSL_DISPATCH *pd)
{
	struct drbg *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->p = provctx;
	d->keylen = 32;
	d->use_df = 1;
	d->reseed_interval = 1 << 16;
	d->parent = parent;
	for (; parent && pd && pd->function_id; pd++) {
		switch (pd->function_id) {
		case OSSL_FUNC_RAND_GET_SEED:
			d->par_get_seed = OSSL_FUNC_rand_get_seed(pd);
			break;
		case OSSL_FUNC_RAND_CLEAR_SEED:
			d->par_clear_seed = OSSL_FUNC_rand_clear_seed(pd);
			break;
		case OSSL_FUNC_RAND_GENERATE:
			d->par_generate = OSSL_FUNC_rand_generate(pd);
			break;
		case OSSL_FUNC_RAND_LOCK:
			d->par_lock = OSSL_FUNC_rand_lock(pd);
			break;
		case OSSL_FUNC_RAND_UNLOCK:
			d->par_unlock = OSSL_FUNC_rand_unlock(pd);
			break;
		}
	}
	return d;
}

static void drbg_free(void *vd)
{
	struct drbg *d = vd;

	if (!d)
		return;
	if (d->lock) {
		pthread_mutex_destroy(d->lock);
		free(d->lock);
	}
	ocf_cleanse(d, sizeof(*d));
	free(d);
}

static int drbg_set_ctx_params(void *vd, const OSSL_PARAM params[]);

static int drbg_instantiate(void *vd, unsigned int strength, int pr,
			    const unsigned char *pstr, size_t pstr_len,
			    const OSSL_PARAM params[])
{
	struct drbg *d = vd;

	if (!drbg_set_ctx_params(d, params))
		return 0;
	if (strength > d->keylen * 8) {
		ocf_err(d->p, OCF_R_UNSUPPORTED, "CTR-DRBG strength %u above %zu",
			strength, d->keylen * 8);
		return 0;
	}
	return drbg_seed(d, 1, pr, pstr, pstr_len);
}

static int drbg_uninstantiate(void *vd)
{
	struct drbg *d = vd;

	ocf_cleanse(d->key, sizeof(d->key));
	ocf_cleanse(d->v, sizeof(d->v));
	d->state = ST_UNINIT;
	return 1;
}

static int drbg_reseed(void *vd, int pr, const unsigned char *ent, size_t ent_len,
		       const unsigned char *adin, size_t adin_len)
{
	struct drbg *d = vd;
	int ok;

	if (d->state == ST_UNINIT)
		return 0;
	if (adin_len > MAX_STR)
		return 0;
	if (!ent)
		return drbg_seed(d, 0, pr, adin, adin_len);
	/* entropy handed in (RAND_add): used as the entropy input */
	ok = seed_with(d, ent, ent_len, adin, adin_len, 0);
	d->state = ok ? ST_READY : ST_ERROR;
	return ok;
}

static int need_reseed(struct drbg *d, int pr)
{
	if (pr || d->state != ST_READY || d->reseed_ctr > d->reseed_interval ||
	    d->pid != getpid())
		return 1;
	return d->reseed_time_interval > 0 &&
	       time(NULL) - d->seeded_at >= d->reseed_time_interval;
}

static int drbg_generate(void *vd, unsigned char *out, size_t outlen,
			 unsigned int strength, int pr,
			 const unsigned char *adin, size_t adin_len)
{
	struct drbg *d = vd;
	unsigned char a[MAX_SEEDLEN], *t;
	size_t nb, ub = update_blocks(d);
	int ok = 0;

	if (d->state == ST_UNINIT || strength > d->keylen * 8 ||
	    outlen > MAX_REQUEST || adin_len > MAX_STR) {
		ocf_err(d->p, OCF_R_STATE, "CTR-DRBG: not instantiated or request out of range");
		return 0;
	}
	if (need_reseed(d, pr)) {
		/* the additional input goes into the reseed (9.3.1 step 7) */
		if (!drbg_seed(d, 0, pr, adin, adin_len))
			return 0;
		adin = NULL;
		adin_len = 0;
	}
	memset(a, 0, sizeof(a));
	if (adin_len) {
		if (d->use_df) {
			if (!block_cipher_df(d, adin, adin_len, NULL, 0, a))
				goto out;
		} else {
			if (adin_len > seedlen(d))
				goto out;
			memcpy(a, adin, adin_len);
		}
		if (!update(d, a))
			goto out;
	}
	/* the output blocks and the update's in one operation */
	nb = (outlen + BLK - 1) / BLK;
	t = malloc((nb + ub) * BLK);
	if (!t) {
		ocf_err(d->p, OCF_R_NO_MEMORY, "out of memory");
		goto out;
	}
	if (ctr_blocks(d, t, nb + ub)) {
		memcpy(out, t, outlen);
		update_from(d, t + nb * BLK, adin_len ? a : NULL);
		d->reseed_ctr++;
		ok = 1;
	}
	ocf_cleanse(t, (nb + ub) * BLK);
	free(t);
out:
	ocf_cleanse(a, sizeof(a));
	if (!ok)
		d->state = ST_ERROR;
	return ok;
}

/* For a child DRBG: seed material generated by this one. */
static size_t drbg_get_seed(void *vd, unsigned char **pout, int entropy,
			    size_t min_len, size_t max_len, int pr,
			    const unsigned char *adin, size_t adin_len)
{
	struct drbg *d = vd;
	size_t n = seed_len(entropy, min_len, max_len);
	unsigned char *b;

	if (!n || n > MAX_REQUEST || entropy > (int)d->keylen * 8)
		return 0;
	b = malloc(n);
	if (!b)
		return 0;
	if (!drbg_generate(d, b, n, 0, pr, adin, adin_len)) {
		free(b);
		return 0;
	}
	*pout = b;
	return n;
}

static int drbg_enable_locking(void *vd)
{
	struct drbg *d = vd;

	if (d->lock)
		return 1;
	d->lock = malloc(sizeof(*d->lock));
	if (!d->lock || pthread_mutex_init(d->lock, NULL)) {
		free(d->lock);
		d->lock = NULL;
		return 0;
	}
	return 1;
}

static int drbg_lock(void *vd)
{
	struct drbg *d = vd;

	return !d->lock || !pthread_mutex_lock(d->lock);
}

static void drbg_unlock(void *vd)
{
	struct drbg *d = vd;

	if (d->lock)
		pthread_mutex_unlock(d->lock);
}

static int drbg_get_ctx_params(void *vd, OSSL_PARAM params[])
{
	struct drbg *d = vd;
	OSSL_PARAM *p;
	char name[16];

	snprintf(name, sizeof(name), "AES-%zu-CTR", d->keylen * 8);
	if (!ocf_set_size(params, OSSL_RAND_PARAM_STATE, (uint64_t)d->state) ||
	    !ocf_set_size(params, OSSL_RAND_PARAM_STRENGTH, d->keylen * 8) ||
	    !ocf_set_size(params, OSSL_RAND_PARAM_MAX_REQUEST, MAX_REQUEST) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_RESEED_REQUESTS, d->reseed_interval) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL,
			  (uint64_t)d->reseed_time_interval) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_RESEED_COUNTER, d->seedings) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MIN_ENTROPYLEN, d->keylen) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MAX_ENTROPYLEN, MAX_STR) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MIN_NONCELEN, d->use_df ? d->keylen / 2 : 0) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MAX_NONCELEN, d->use_df ? MAX_STR : 0) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MAX_PERSLEN, d->use_df ? MAX_STR : seedlen(d)) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_MAX_ADINLEN, d->use_df ? MAX_STR : seedlen(d)) ||
	    !ocf_set_size(params, OSSL_DRBG_PARAM_USE_DF, (uint64_t)d->use_df) ||
	    !ocf_set_str(params, OSSL_DRBG_PARAM_CIPHER, name))
		return 0;
	p = ocf_param_locate(params, OSSL_DRBG_PARAM_RESEED_TIME);
	if (p && !ocf_param_set_u64(p, (uint64_t)d->seeded_at))
		return 0;
	return ocf_set_str(params, OCF_PARAM_DRIVER, "kernel ecb(aes), cbc(aes)");
}

static int drbg_set_ctx_params(void *vd, const OSSL_PARAM params[])
{
	struct drbg *d = vd;
	const OSSL_PARAM *p;
	char name[32];
	uint64_t v;

	if (!params)
		return 1;
	p = ocf_param_locate_const(params, OSSL_DRBG_PARAM_CIPHER);
	if (p) {
		if (!ocf_param_get_utf8(p, name, sizeof(name)))
			return 0;
		if (!strcasecmp(name, "AES-128-CTR")) {
			d->keylen = 16;
		} else if (!strcasecmp(name, "AES-192-CTR")) {
			d->keylen = 24;
		} else if (!strcasecmp(name, "AES-256-CTR")) {
			d->keylen = 32;
		} else {
			ocf_err(d->p, OCF_R_UNSUPPORTED,
				"CTR-DRBG cipher %s: AES-128-CTR, AES-192-CTR or AES-256-CTR", name);
			return 0;
		}
		if (d->state != ST_UNINIT)
			d->state = ST_ERROR;	/* a new cipher needs a new seed */
	}
	p = ocf_param_locate_const(params, OSSL_DRBG_PARAM_USE_DF);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		d->use_df = v != 0;
	}
	p = ocf_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_REQUESTS);
	if (p) {
		if (!ocf_param_get_u64(p, &v) || v > RESEED_MAX)
			return 0;
		d->reseed_interval = v ? v : 1;
	}
	p = ocf_param_locate_const(params, OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		d->reseed_time_interval = (int64_t)v;
	}
	return 1;
}

static const OSSL_PARAM drbg_gettable[] = {
	{ OSSL_RAND_PARAM_STATE, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_RAND_PARAM_STRENGTH, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_RAND_PARAM_MAX_REQUEST, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_RESEED_REQUESTS, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, OSSL_PARAM_INTEGER, NULL, sizeof(int64_t), 0 },
	{ OSSL_DRBG_PARAM_RESEED_COUNTER, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_DRBG_PARAM_RESEED_TIME, OSSL_PARAM_INTEGER, NULL, sizeof(int64_t), 0 },
	{ OSSL_DRBG_PARAM_MIN_ENTROPYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_MAX_ENTROPYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_MIN_NONCELEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_MAX_NONCELEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_MAX_PERSLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_MAX_ADINLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DRBG_PARAM_USE_DF, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_DRBG_PARAM_CIPHER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ OCF_PARAM_DRIVER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM drbg_settable[] = {
	{ OSSL_DRBG_PARAM_CIPHER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ OSSL_DRBG_PARAM_PROPERTIES, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ OSSL_DRBG_PARAM_USE_DF, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_DRBG_PARAM_RESEED_REQUESTS, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, OSSL_PARAM_INTEGER, NULL, sizeof(int64_t), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *drbg_gettable_ctx_params(void *vd, void *provctx)
{
	return drbg_gettable;
}

static const OSSL_PARAM *drbg_settable_ctx_params(void *vd, void *provctx)
{
	return drbg_settable;
}

static int drbg_zeroized(void *vd)
{
	struct drbg *d = vd;
	unsigned char acc = 0;

	if (d->state != ST_UNINIT)
		return 0;
	for (size_t i = 0; i < sizeof(d->key); i++)
		acc |= d->key[i];
	for (size_t i = 0; i < sizeof(d->v); i++)
		acc |= d->v[i];
	return !acc;
}

static const OSSL_DISPATCH drbg_fns[] = {
	FN(OSSL_FUNC_RAND_NEWCTX, drbg_new),
	FN(OSSL_FUNC_RAND_FREECTX, drbg_free),
	FN(OSSL_FUNC_RAND_INSTANTIATE, drbg_instantiate),
	FN(OSSL_FUNC_RAND_UNINSTANTIATE, drbg_uninstantiate),
	FN(OSSL_FUNC_RAND_GENERATE, drbg_generate),
	FN(OSSL_FUNC_RAND_RESEED, drbg_reseed),
	FN(OSSL_FUNC_RAND_ENABLE_LOCKING, drbg_enable_locking),
	FN(OSSL_FUNC_RAND_LOCK, drbg_lock),
	FN(OSSL_FUNC_RAND_UNLOCK, drbg_unlock),
	FN(OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, drbg_gettable_ctx_params),
	FN(OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, drbg_settable_ctx_params),
	FN(OSSL_FUNC_RAND_GET_CTX_PARAMS, drbg_get_ctx_params),
	FN(OSSL_FUNC_RAND_SET_CTX_PARAMS, drbg_set_ctx_params),
	FN(OSSL_FUNC_RAND_VERIFY_ZEROIZATION, drbg_zeroized),
	FN(OSSL_FUNC_RAND_GET_SEED, drbg_get_seed),
	FN(OSSL_FUNC_RAND_CLEAR_SEED, clear_seed),
	{ 0, NULL }
};

/* Offered when the kernel has AES in ECB and CBC mode on any driver. */
const struct ocf_alg_probe ocf_rand_algs[] = {
	{ { "CTR-DRBG", "provider=ocf", drbg_fns,
	    "ocf SP 800-90A CTR_DRBG, AES in the kernel" }, "ecb(aes)", "cbc(aes)", 32, 0, 1 },
	{ { "SEED-SRC", "provider=ocf", seed_fns,
	    "ocf seed source: getrandom(2)" }, NULL, NULL, 0, 0, 1 },
	{ { NULL, NULL, NULL, NULL }, NULL, NULL, 0, 0, 0 }
};
