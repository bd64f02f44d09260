// SPDX-License-Identifier: GPL-2.0
/*
 * cipher_xcheck, hash_xcheck: state that lives across operations, and the
 * session kinds beyond one algorithm.
 *
 * Multi-part hashing follows the rules of module/hash.c: an operation
 * finalises when it has COP_FLAG_FINAL, lacks COP_FLAG_UPDATE, or has no
 * data; it continues the previous state only when the previous operation
 * on the session was an unfinished UPDATE; COP_FLAG_RESET always starts
 * afresh.  Random operation sequences are checked against a model of those
 * rules fed to OpenSSL, and the rules one by one.
 *
 * IV chaining: iv == NULL continues from the IV the previous operation
 * ended with, and COP_FLAG_WRITE_IV returns that IV (CBC: the last
 * ciphertext block; CTR: the next counter).
 *
 * CIOCCPHASH copies a hash state between two sessions of the same driver.
 *
 * Cipher + MAC sessions in CIOCCRYPT hash the plaintext.
 *
 * OCF_IOC_GSESSION creates sessions by kernel algorithm name.
 */
#include <stdlib.h>

#include <openssl/evp.h>

#include "xcheck.h"

/* ------------------------------------------------------------------ */
/* Multi-part hashing                                                  */
/* ------------------------------------------------------------------ */

struct xc_mp {
	const char *name;
	__u32 id;
	const char *md;		/* OpenSSL digest */
	bool hmac;
};

static const struct xc_mp mps[] = {
	{ "multi-part SHA256", CRYPTO_SHA2_256, "SHA256", false },
	{ "multi-part SHA1", CRYPTO_SHA1, "SHA1", false },
	{ "multi-part MD5", CRYPTO_MD5, "MD5", false },
	{ "multi-part SHA512", CRYPTO_SHA2_512, "SHA512", false },
	{ "multi-part SHA3-256", CRYPTO_SHA3_256, "SHA3-256", false },
	{ "multi-part BLAKE2B-512", CRYPTO_BLAKE2B_512, "BLAKE2B-512", false },
	{ "multi-part HMAC-SHA256", CRYPTO_SHA2_256_HMAC, "SHA256", true },
	{ "multi-part HMAC-SHA1", CRYPTO_SHA1_HMAC, "SHA1", true },
};

/* Flag sets of the random sequences, by weight. */
static const __u16 mp_flags[] = {
	COP_FLAG_UPDATE, COP_FLAG_UPDATE, COP_FLAG_UPDATE, COP_FLAG_UPDATE,
	COP_FLAG_UPDATE | COP_FLAG_FINAL, COP_FLAG_FINAL, COP_FLAG_NONE,
	COP_FLAG_WRITE_IV, COP_FLAG_UPDATE | COP_FLAG_NO_ZC,
	COP_FLAG_UPDATE | COP_FLAG_RESET, COP_FLAG_RESET,
};

#define MP_OPS		10
#define MP_OP_MAX	4096

struct mp_ctx {
	const struct xc_mp *m;
	uint8_t key[64];
	unsigned int klen;
	__u32 ses;		/* the session under test */
	__u32 one;		/* a second one for one-shot digests */
	bool open;		/* model: an unfinished UPDATE is pending */
	uint8_t *acc;		/* model: the data of the pending hash */
	size_t alen;
};

static bool mp_reference(struct mp_ctx *c, const uint8_t *msg, size_t len,
			 uint8_t *md, unsigned int *n)
{
	if (c->m->hmac)
		return ossl_hmac(c->m->md, c->key, c->klen, msg, len, md, n);
	return ossl_digest(c->m->md, msg, len, md, n);
}

/* One operation on the session, checked against the model. */
static bool mp_step(struct mp_ctx *c, __u16 flags, const uint8_t *data, size_t len)
{
	bool final = (flags & COP_FLAG_FINAL) || !(flags & COP_FLAG_UPDATE) || !len;
	bool resume = c->open && !(flags & COP_FLAG_RESET);
	uint8_t mac[AALG_MAX_RESULT_LEN + 8], want[AALG_MAX_RESULT_LEN];
	unsigned int n;
	int ret;

	if (!resume)
		c->alen = 0;
	memcpy(c->acc + c->alen, data, len);
	c->alen += len;
	c->open = !final;

	memset(mac, CANARY, sizeof(mac));
	ret = cdev_hash(devfd, c->ses, flags, data, len, mac);
	if (ret)
		return fail("flags %#x, %zu bytes: %s", flags, len, strerror(-ret));
	if (!final)
		return untouched("mac of an unfinished UPDATE", mac, sizeof(mac));
	if (!mp_reference(c, c->acc, c->alen, want, &n))
		return false;
	if (!same("digest", mac, want, n))
		return fail("flags %#x, %zu bytes, digest of %zu bytes", flags, len,
			    c->alen);
	/* The same data in one operation on another session. */
	memset(mac, CANARY, sizeof(mac));
	ret = cdev_hash(devfd, c->one, 0, c->acc, c->alen, mac);
	if (ret)
		return fail("one-shot of %zu bytes: %s", c->alen, strerror(-ret));
	return same("one-shot digest", mac, want, n);
}

static bool mp_open(struct mp_ctx *c)
{
	c->klen = c->m->hmac ? 1 + rnd_below(sizeof(c->key)) : 0;
	rnd_fill(c->key, c->klen);
	c->open = false;
	c->alen = 0;
	if (xc_session(0, NULL, 0, c->m->id, c->key, c->klen, &c->ses))
		return false;
	if (xc_session(0, NULL, 0, c->m->id, c->key, c->klen, &c->one)) {
		cdev_fsession(devfd, c->ses);
		return false;
	}
	return true;
}

static void mp_close(struct mp_ctx *c)
{
	cdev_fsession(devfd, c->ses);
	cdev_fsession(devfd, c->one);
}

/* A random sequence of operations, every one checked against the model. */
static bool mp_case(void *arg, unsigned int i)
{
	struct mp_ctx c = { .m = arg };
	uint8_t *data = xmalloc(MP_OP_MAX);
	unsigned int nops = 1 + rnd_below(MP_OPS), k;
	char trace[MP_OPS * 16] = "";
	bool ok = false;

	c.acc = xmalloc(MP_OPS * MP_OP_MAX);
	if (!mp_open(&c))
		goto out;
	for (k = 0; k < nops; k++) {
		__u16 flags = mp_flags[rnd_below(ARRAY_SIZE(mp_flags))];
		size_t len = rnd_below(6) ? rnd_len(MP_OP_MAX) : 0;

		snprintf(trace + strlen(trace), sizeof(trace) - strlen(trace),
			 "%s%#x:%zu", k ? " " : "", flags, len);
		rnd_fill(data, len);
		if (!mp_step(&c, flags, data, len)) {
			fail("operations (flags:len) %s", trace);
			goto out_ses;
		}
	}
	ok = true;
out_ses:
	mp_close(&c);
out:
	free(data);
	free(c.acc);
	return ok;
}

/* The rules one at a time, on SHA-256. */
struct mp_rule {
	const char *name;
	unsigned int nops;
	struct {
		__u16 flags;
		size_t len;
	} ops[4];
};

static const struct mp_rule mp_rules[] = {
	{ "multi-part: UPDATE, UPDATE, UPDATE, FINAL(no data) == one-shot",
	  4, { { COP_FLAG_UPDATE, 100 }, { COP_FLAG_UPDATE, 64 },
	    { COP_FLAG_UPDATE, 1000 }, { COP_FLAG_FINAL, 0 } } },
	{ "multi-part: UPDATE, UPDATE, UPDATE|FINAL(data) == one-shot",
	  3, { { COP_FLAG_UPDATE, 1 }, { COP_FLAG_UPDATE, 127 },
	    { COP_FLAG_UPDATE | COP_FLAG_FINAL, 333 } } },
	{ "multi-part: an empty UPDATE finalises what came before",
	  4, { { COP_FLAG_UPDATE, 200 }, { COP_FLAG_UPDATE, 0 },
	    { COP_FLAG_UPDATE, 50 }, { COP_FLAG_FINAL, 0 } } },
	{ "multi-part: WRITE_IV alone after a finished hash starts afresh",
	  3, { { COP_FLAG_UPDATE, 100 }, { COP_FLAG_FINAL, 20 },
	    { COP_FLAG_WRITE_IV, 30 } } },
	{ "multi-part: NO_ZC alone after a one-shot starts afresh",
	  2, { { COP_FLAG_NONE, 100 }, { COP_FLAG_NO_ZC, 30 } } },
	/* hash.c: only an unfinished UPDATE is continued, whatever follows. */
	{ "multi-part: WRITE_IV alone after an unfinished UPDATE continues and finalises",
	  3, { { COP_FLAG_UPDATE, 100 }, { COP_FLAG_WRITE_IV, 30 },
	    { COP_FLAG_WRITE_IV, 40 } } },
	{ "multi-part: RESET|UPDATE restarts an unfinished hash",
	  3, { { COP_FLAG_UPDATE, 100 }, { COP_FLAG_UPDATE | COP_FLAG_RESET, 30 },
	    { COP_FLAG_FINAL, 0 } } },
	{ "multi-part: RESET alone restarts an unfinished hash",
	  2, { { COP_FLAG_UPDATE, 100 }, { COP_FLAG_RESET, 30 } } },
};

static void mp_rule(const struct mp_rule *r)
{
	struct mp_ctx c = { .m = &mps[0] };
	uint8_t data[1000];
	unsigned int k;
	bool ok = false;

	fail_reset();
	c.acc = xmalloc(4 * sizeof(data));
	if (!mp_open(&c)) {
		tap_diag("%s: %s", r->name, fail_reason());
		tap_ok(false, "%s", r->name);
		free(c.acc);
		return;
	}
	for (k = 0; k < r->nops; k++) {
		rnd_fill(data, r->ops[k].len);
		if (!mp_step(&c, r->ops[k].flags, data, r->ops[k].len))
			break;
	}
	ok = k == r->nops;
	if (!ok)
		tap_diag("%s: operation %u: %s", r->name, k, fail_reason());
	mp_close(&c);
	free(c.acc);
	tap_ok(ok, "%s", r->name);
}

void xcheck_multipart(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mp_rules); i++)
		mp_rule(&mp_rules[i]);
	for (i = 0; i < ARRAY_SIZE(mps); i++)
		run_family(mps[i].name, ncases(CASES_MULTI), mp_case, (void *)&mps[i]);
}

/* ------------------------------------------------------------------ */
/* IV chaining                                                         */
/* ------------------------------------------------------------------ */

struct xc_chain {
	const char *ossl;
	__u32 id;
	unsigned int keylen;
	unsigned int bs;
	bool ctr;
};

static const struct xc_chain chains[] = {
	{ "AES-128-CBC", CRYPTO_AES_CBC, 16, 16, false },
	{ "AES-256-CBC", CRYPTO_AES_CBC, 32, 16, false },
	{ "AES-128-CTR", CRYPTO_AES_CTR, 16, 16, true },
	{ "AES-256-CTR", CRYPTO_AES_CTR, 32, 16, true },
	{ "DES-EDE3-CBC", CRYPTO_3DES_CBC, 24, 8, false },
	{ "CAMELLIA-128-CBC", CRYPTO_CAMELLIA_CBC, 16, 16, false },
};

/* The IV after @blocks blocks from @iv: CTR adds, CBC takes the last block. */
static void next_iv(const struct xc_chain *x, const uint8_t *iv,
		    const uint8_t *ct_end, unsigned int blocks, uint8_t *out)
{
	unsigned int carry = blocks, k;

	if (!x->ctr) {
		memcpy(out, ct_end - x->bs, x->bs);
		return;
	}
	for (k = x->bs; k-- > 0;) {
		carry += iv[k];
		out[k] = carry;
		carry >>= 8;
	}
}

/*
 * Two operations (the second with iv == NULL) == one operation: encrypt,
 * then decrypt, both split at @k blocks; WRITE_IV on the first gives the
 * chaining IV.
 */
static bool chain_dir(const struct xc_chain *x, __u32 ses, bool enc,
		      const uint8_t *iv, const uint8_t *in, const uint8_t *want,
		      size_t len, unsigned int k)
{
	size_t first = (size_t)k * x->bs;
	uint8_t ivc[16], next[16];
	uint8_t *out = xmalloc(len);
	const char *dir = enc ? "encrypt" : "decrypt";
	bool ok = false;
	int ret;

	memcpy(ivc, iv, x->bs);
	ret = cdev_crypt(devfd, ses, enc ? COP_ENCRYPT : COP_DECRYPT,
			 COP_FLAG_WRITE_IV, in, out, first, ivc, NULL);
	if (ret) {
		fail("%s part 1: %s", dir, strerror(-ret));
		goto out;
	}
	next_iv(x, iv, (enc ? out : in) + first, k, next);
	if (!same("IV from WRITE_IV", ivc, next, x->bs))
		goto out;
	ret = cdev_crypt(devfd, ses, enc ? COP_ENCRYPT : COP_DECRYPT, 0, in + first,
			 out + first, len - first, NULL, NULL);
	if (ret) {
		fail("%s part 2 (iv NULL): %s", dir, strerror(-ret));
		goto out;
	}
	if (!same(enc ? "chained ciphertext" : "chained plaintext", out, want, len))
		goto out;
	/* The returned IV, passed explicitly, does the same. */
	memset(out + first, CANARY, len - first);
	ret = cdev_crypt(devfd, ses, enc ? COP_ENCRYPT : COP_DECRYPT, 0, in + first,
			 out + first, len - first, ivc, NULL);
	if (ret)
		fail("%s part 2 (returned IV): %s", dir, strerror(-ret));
	else
		ok = same("continued with the returned IV", out, want, len);
out:
	free(out);
	return ok;
}

static bool chain_case(void *arg, unsigned int i)
{
	const struct xc_chain *x = arg;
	unsigned int blocks = 2 + rnd_len(MAX_DATA / x->bs - 2);
	unsigned int k = 1 + rnd_below(blocks - 1);
	/* CTR: the second part need not be whole blocks. */
	size_t len = (size_t)blocks * x->bs - (x->ctr ? rnd_below(x->bs) : 0);
	uint8_t key[32], iv[16];
	uint8_t *pt = xmalloc(len), *ct = xmalloc(len);
	bool ok = false;
	__u32 ses;

	rnd_fill(key, x->keylen);
	rnd_fill(iv, sizeof(iv));
	rnd_fill(pt, len);
	if (!ossl_cipher(x->ossl, true, key, iv, pt, len, ct))
		goto out;
	if (xc_session(x->id, key, x->keylen, 0, NULL, 0, &ses))
		goto out;
	ok = chain_dir(x, ses, true, iv, pt, ct, len, k) &&
	     chain_dir(x, ses, false, iv, ct, pt, len, k);
	if (!ok)
		fail("%zu bytes split after %u blocks", len, k);
	cdev_fsession(devfd, ses);
out:
	free(pt);
	free(ct);
	return ok;
}

void xcheck_chaining(void)
{
	unsigned int i;
	char name[64];

	for (i = 0; i < ARRAY_SIZE(chains); i++) {
		snprintf(name, sizeof(name), "IV chaining %s", chains[i].ossl);
		run_family(name, ncases(CASES_MULTI), chain_case, (void *)&chains[i]);
	}
}

/* ------------------------------------------------------------------ */
/* CIOCCPHASH                                                          */
/* ------------------------------------------------------------------ */

static const struct xc_mp cps[] = {
	{ "CIOCCPHASH SHA256", CRYPTO_SHA2_256, "SHA256", false },
	{ "CIOCCPHASH SHA1", CRYPTO_SHA1, "SHA1", false },
	{ "CIOCCPHASH MD5", CRYPTO_MD5, "MD5", false },
	{ "CIOCCPHASH SHA3-256", CRYPTO_SHA3_256, "SHA3-256", false },
	{ "CIOCCPHASH BLAKE2B-512", CRYPTO_BLAKE2B_512, "BLAKE2B-512", false },
	{ "CIOCCPHASH HMAC-SHA256", CRYPTO_SHA2_256_HMAC, "SHA256", true },
};

/* Finish @ses with @tail and compare with the reference of @head || @tail. */
static bool cp_finish(struct mp_ctx *c, __u32 ses, const char *who,
		      const uint8_t *head, size_t hlen, const uint8_t *tail,
		      size_t tlen)
{
	uint8_t *msg = xmalloc(hlen + tlen);
	uint8_t mac[AALG_MAX_RESULT_LEN], want[AALG_MAX_RESULT_LEN];
	unsigned int n;
	bool ok = false;
	int ret;

	memcpy(msg, head, hlen);
	memcpy(msg + hlen, tail, tlen);
	ret = cdev_hash(devfd, ses, COP_FLAG_UPDATE | COP_FLAG_FINAL, tail, tlen, mac);
	if (ret)
		fail("%s: FINAL: %s", who, strerror(-ret));
	else if (mp_reference(c, msg, hlen + tlen, want, &n))
		ok = same(who, mac, want, n);
	free(msg);
	return ok;
}

/* Errors, once per family: same ids, other algorithms, unknown ids. */
static bool cp_errors(struct mp_ctx *c)
{
	static const uint8_t key[16];
	__u32 other, cipher;
	int ret;
	bool ok = true;

	ret = cdev_cphash(devfd, c->ses, c->ses);
	if (ret != -EINVAL)
		ok = fail("same src and dst: %s, want EINVAL", strerror(-ret));
	ret = cdev_cphash(devfd, c->ses, 0x7ffffff0);
	if (ret != -EINVAL)
		ok = fail("unknown src: %s, want EINVAL", strerror(-ret));
	ret = cdev_cphash(devfd, 0x7ffffff0, c->ses);
	if (ret != -EINVAL)
		ok = fail("unknown dst: %s, want EINVAL", strerror(-ret));
	if (!cdev_session(devfd, 0, NULL, 0,
			  c->m->id == CRYPTO_MD5 ? CRYPTO_SHA1 : CRYPTO_MD5, NULL, 0,
			  &other)) {
		ret = cdev_cphash(devfd, other, c->ses);
		if (ret != -EINVAL)
			ok = fail("other algorithm: %s, want EINVAL", strerror(-ret));
		cdev_fsession(devfd, other);
	}
	if (!cdev_session(devfd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &cipher)) {
		ret = cdev_cphash(devfd, cipher, c->ses);
		if (ret != -EINVAL)
			ok = fail("cipher session: %s, want EINVAL", strerror(-ret));
		cdev_fsession(devfd, cipher);
	}
	return ok;
}

static bool cp_case(void *arg, unsigned int i)
{
	struct mp_ctx c = { .m = arg };
	size_t l1 = 1 + rnd_len(8191), la = rnd_len(8192), lb = rnd_len(8192);
	uint8_t *m1 = xmalloc(l1), *ma = xmalloc(la), *mb = xmalloc(lb);
	uint8_t mac[AALG_MAX_RESULT_LEN];
	bool ok = false;
	int ret;

	rnd_fill(m1, l1);
	rnd_fill(ma, la);
	rnd_fill(mb, lb);
	if (!mp_open(&c))
		goto out;

	/* The destination may hold an unfinished hash of its own. */
	if (rnd_below(2) && cdev_hash(devfd, c.one, COP_FLAG_UPDATE, mb, lb ?: 1, mac)) {
		fail("UPDATE on the destination failed");
		goto out_ses;
	}
	ret = cdev_hash(devfd, c.ses, COP_FLAG_UPDATE, m1, l1, mac);
	if (ret) {
		fail("UPDATE %zu bytes: %s", l1, strerror(-ret));
		goto out_ses;
	}
	ret = cdev_cphash(devfd, c.one, c.ses);
	if (ret) {
		fail("CIOCCPHASH: %s", strerror(-ret));
		goto out_ses;
	}
	ok = cp_finish(&c, c.ses, "source", m1, l1, ma, la) &&
	     cp_finish(&c, c.one, "copy", m1, l1, mb, lb);

	/* A copy of a finished state has nothing to continue. */
	if (ok && !cdev_hash(devfd, c.one, COP_FLAG_UPDATE, ma, la ?: 1, mac)) {
		ret = cdev_cphash(devfd, c.one, c.ses);
		ok = !ret ? cp_finish(&c, c.one, "copy of a finished state", m1, 0,
				      mb, lb) :
			    fail("CIOCCPHASH of a finished state: %s", strerror(-ret));
	}
	if (ok && i == 0)
		ok = cp_errors(&c);
	if (!ok)
		fail("%zu bytes, then %zu and %zu", l1, la, lb);
out_ses:
	mp_close(&c);
out:
	free(m1);
	free(ma);
	free(mb);
	return ok;
}

void xcheck_cphash(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cps); i++)
		run_family(cps[i].name, ncases(CASES_MULTI), cp_case, (void *)&cps[i]);
}

/* ------------------------------------------------------------------ */
/* Cipher + MAC sessions in CIOCCRYPT                                  */
/* ------------------------------------------------------------------ */

struct xc_cm {
	const char *name;
	const char *ossl;
	unsigned int keylen;
	__u32 mac;
	const char *md;
};

static const struct xc_cm cms[] = {
	{ "AES-128-CBC + HMAC-SHA1 session", "AES-128-CBC", 16, CRYPTO_SHA1_HMAC, "SHA1" },
	{ "AES-256-CBC + HMAC-SHA1 session", "AES-256-CBC", 32, CRYPTO_SHA1_HMAC, "SHA1" },
	{ "AES-128-CBC + HMAC-SHA256 session", "AES-128-CBC", 16, CRYPTO_SHA2_256_HMAC,
	  "SHA256" },
};

static bool cm_case(void *arg, unsigned int i)
{
	const struct xc_cm *x = arg;
	size_t len = 16 * (1 + rnd_len(MAX_DATA / 16 - 1));
	unsigned int mklen = 1 + rnd_below(64), n;
	uint8_t key[32], mkey[64], iv[16], ivc[16];
	uint8_t mac[AALG_MAX_RESULT_LEN + 8], want_mac[AALG_MAX_RESULT_LEN];
	uint8_t *pt = xmalloc(len), *ct = xmalloc(len), *out = xmalloc(len);
	bool ok = false;
	__u32 ses;
	int ret;

	rnd_fill(key, x->keylen);
	rnd_fill(mkey, mklen);
	rnd_fill(iv, sizeof(iv));
	rnd_fill(pt, len);
	if (!ossl_cipher(x->ossl, true, key, iv, pt, len, ct) ||
	    !ossl_hmac(x->md, mkey, mklen, pt, len, want_mac, &n))
		goto out;
	if (xc_session(CRYPTO_AES_CBC, key, x->keylen, x->mac, mkey, mklen, &ses))
		goto out;

	memcpy(ivc, iv, sizeof(iv));
	memset(mac, CANARY, sizeof(mac));
	ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, out, len, ivc, mac);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out_ses;
	}
	if (!same("ciphertext", out, ct, len) ||
	    !same("MAC of the plaintext (encrypt)", mac, want_mac, n) ||
	    !untouched("past the MAC", mac + n, sizeof(mac) - n))
		goto out_ses;

	memcpy(ivc, iv, sizeof(iv));
	memset(mac, CANARY, sizeof(mac));
	ret = cdev_crypt(devfd, ses, COP_DECRYPT, 0, ct, out, len, ivc, mac);
	if (ret) {
		fail("decrypt: %s", strerror(-ret));
		goto out_ses;
	}
	ok = same("plaintext", out, pt, len) &&
	     same("MAC of the plaintext (decrypt)", mac, want_mac, n);
out_ses:
	if (!ok)
		fail("%zu bytes, MAC key %u bytes", len, mklen);
	cdev_fsession(devfd, ses);
out:
	free(pt);
	free(ct);
	free(out);
	return ok;
}

void xcheck_cipher_mac(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cms); i++)
		run_family(cms[i].name, ncases(CASES_MULTI), cm_case, (void *)&cms[i]);
}

/* ------------------------------------------------------------------ */
/* Sessions by name (OCF_IOC_GSESSION)                                 */
/* ------------------------------------------------------------------ */

static int name_session(const char *cipher, const char *mac, const uint8_t *key,
			unsigned int klen, unsigned int tag_len,
			struct ocf_session_op *op)
{
	static char why[128];
	const char *want = cipher ? cipher : mac;
	const char *got, *drv;
	int ret;

	memset(op, 0, sizeof(*op));
	if (cipher) {
		op->cipher = OCF_ALG_BY_NAME;
		strcpy(op->cipher_name, cipher);
		op->key = (uintptr_t)key;
		op->keylen = klen;
	} else {
		op->mac = OCF_ALG_BY_NAME;
		strcpy(op->mac_name, mac);
		op->mackey = (uintptr_t)key;
		op->mackeylen = klen;
	}
	op->tag_len = tag_len;
	ret = cdev_ioctl(devfd, OCF_IOC_GSESSION, op);
	if (ret == -ENOENT) {
		snprintf(why, sizeof(why), "%s: not in this kernel", want);
		skip_family(why);
		return ret;
	}
	if (ret) {
		fail("OCF_IOC_GSESSION %s: %s", want, strerror(-ret));
		return ret;
	}
	got = cipher ? op->cipher_name : op->mac_name;
	drv = cipher ? op->cipher_driver : op->mac_driver;
	if (!op->ses || strcmp(got, want) || !drv[0]) {
		fail("OCF_IOC_GSESSION %s wrote back ses %u, name \"%.64s\", driver \"%.64s\"",
		     want, op->ses, got, drv);
		cdev_fsession(devfd, op->ses);
		return -EINVAL;
	}
	return 0;
}

static bool name_xts_cbc(const char *name, bool xts)
{
	unsigned int klen = xts ? 32 * (1 + rnd_below(2)) : 16 + 8 * rnd_below(3);
	static const char *const xts_names[] = { "AES-128-XTS", "AES-256-XTS" };
	static const char *const cbc_names[] = { "AES-128-CBC", "AES-192-CBC",
						 "AES-256-CBC" };
	const char *ossl = xts ? xts_names[klen / 32 - 1] : cbc_names[(klen - 16) / 8];
	/* XTS steals ciphertext: any length from one block on. */
	size_t len = xts ? 16 + rnd_len(MAX_DATA - 16) :
			   16 * (1 + rnd_len(MAX_DATA / 16 - 1));
	uint8_t *pt = xmalloc(len), *ct = xmalloc(len), *out = xmalloc(len);
	uint8_t key[64], iv[16], ivc[16];
	struct ocf_session_op op;
	bool ok = false;
	int ret;

	rnd_fill(key, klen);
	rnd_fill(iv, sizeof(iv));
	rnd_fill(pt, len);
	if (!ossl_cipher(ossl, true, key, iv, pt, len, ct))
		goto out;
	if (name_session(name, NULL, key, klen, 0, &op))
		goto out;
	memcpy(ivc, iv, sizeof(iv));
	ret = cdev_crypt(devfd, op.ses, COP_ENCRYPT, 0, pt, out, len, ivc, NULL);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out_ses;
	}
	if (!same("ciphertext", out, ct, len))
		goto out_ses;
	ret = cdev_crypt(devfd, op.ses, COP_DECRYPT, 0, ct, out, len, ivc, NULL);
	if (ret)
		fail("decrypt: %s", strerror(-ret));
	else
		ok = same("plaintext", out, pt, len);
out_ses:
	if (!ok)
		fail("%s, %zu bytes", ossl, len);
	cdev_fsession(devfd, op.ses);
out:
	free(pt);
	free(ct);
	free(out);
	return ok;
}

static bool name_xts(void *arg, unsigned int i)
{
	return name_xts_cbc("xts(aes)", true);
}

static bool name_cbc(void *arg, unsigned int i)
{
	return name_xts_cbc("cbc(aes)", false);
}

static bool name_hmac(void *arg, unsigned int i)
{
	size_t len = rnd_len(MAX_DATA);
	unsigned int klen = 1 + rnd_len(CRYPTO_HMAC_MAX_KEY_LEN - 1), n;
	uint8_t key[CRYPTO_HMAC_MAX_KEY_LEN], mac[AALG_MAX_RESULT_LEN + 8];
	uint8_t want[AALG_MAX_RESULT_LEN];
	uint8_t *msg = xmalloc(len);
	struct ocf_session_op op;
	bool ok = false;
	int ret;

	rnd_fill(key, klen);
	rnd_fill(msg, len);
	if (!ossl_hmac("SHA3-256", key, klen, msg, len, want, &n))
		goto out;
	if (name_session(NULL, "hmac(sha3-256)", key, klen, 0, &op))
		goto out;
	memset(mac, CANARY, sizeof(mac));
	ret = cdev_hash(devfd, op.ses, 0, msg, len, mac);
	if (ret)
		fail("digest: %s", strerror(-ret));
	else
		ok = same("HMAC-SHA3-256", mac, want, n) &&
		     untouched("past the MAC", mac + n, sizeof(mac) - n);
	if (!ok)
		fail("%zu bytes, key %u bytes", len, klen);
	cdev_fsession(devfd, op.ses);
out:
	free(msg);
	return ok;
}

/* gcm(aes) by name, with the session's tag length as the default. */
static bool name_gcm(void *arg, unsigned int i)
{
	static const struct xc_aead_name {
		const char *ossl;
		unsigned int klen;
	} gcms[] = { { "AES-128-GCM", 16 }, { "AES-256-GCM", 32 } };
	static const unsigned int tags[] = { 0, 16, 12, 8, 4 };
	const struct xc_aead_name *g = &gcms[rnd_below(2)];
	unsigned int ses_tag = tags[rnd_below(ARRAY_SIZE(tags))];
	unsigned int tag = ses_tag ?: 16;
	size_t len = rnd_len(MAX_DATA), alen = rnd_len(MAX_AAD);
	uint8_t key[32], iv[12], ftag[16];
	uint8_t *pt = xmalloc(len), *aad = xmalloc(alen);
	uint8_t *want = xmalloc(len + 16), *out = xmalloc(len + 16);
	struct ocf_session_op op;
	struct crypt_auth_op caop;
	EVP_CIPHER *evp = EVP_CIPHER_fetch(NULL, g->ossl, NULL);
	EVP_CIPHER_CTX *ctx = NULL;
	bool ok = false;
	int ret, n, m;

	rnd_fill(key, g->klen);
	rnd_fill(iv, sizeof(iv));
	rnd_fill(pt, len);
	rnd_fill(aad, alen);

	ctx = EVP_CIPHER_CTX_new();
	if (!ctx || !evp || !EVP_EncryptInit_ex2(ctx, evp, key, iv, NULL) ||
	    (alen && !EVP_EncryptUpdate(ctx, NULL, &n, aad, alen)) ||
	    !EVP_EncryptUpdate(ctx, want, &n, pt, len) ||
	    !EVP_EncryptFinal_ex(ctx, want + n, &m) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, ftag)) {
		fail("OpenSSL %s failed", g->ossl);
		goto out;
	}
	memcpy(want + len, ftag, tag);

	if (name_session("gcm(aes)", NULL, key, g->klen, ses_tag, &op))
		goto out;
	if (op.tag_len != tag) {
		fail("session tag_len written back %u, want %u", op.tag_len, tag);
		goto out_ses;
	}
	memset(out, CANARY, len + 16);
	cdev_caop(&caop, op.ses, COP_ENCRYPT, 0, aad, alen, pt, out, len, iv,
		  sizeof(iv), NULL, 0);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out_ses;
	}
	if (caop.len != len + tag || caop.tag_len != tag) {
		fail("encrypt wrote back len %u tag_len %u, want %zu and %u",
		     caop.len, caop.tag_len, len + tag, tag);
		goto out_ses;
	}
	if (!same("ciphertext || tag", out, want, len + tag))
		goto out_ses;
	cdev_caop(&caop, op.ses, COP_DECRYPT, 0, aad, alen, want, out, len + tag, iv,
		  sizeof(iv), NULL, 0);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret || caop.len != len) {
		fail("decrypt: %s, len %u", strerror(-ret), caop.len);
		goto out_ses;
	}
	ok = same("plaintext", out, pt, len);
out_ses:
	cdev_fsession(devfd, op.ses);
out:
	if (!ok)
		fail("%s, %zu bytes, AAD %zu, session tag_len %u", g->ossl, len, alen,
		     ses_tag);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(evp);
	free(pt);
	free(aad);
	free(want);
	free(out);
	return ok;
}

void xcheck_by_name(void)
{
	run_family("by name: xts(aes)", ncases(CASES_BY_NAME), name_xts, NULL);
	run_family("by name: cbc(aes)", ncases(CASES_BY_NAME), name_cbc, NULL);
	run_family("by name: hmac(sha3-256)", ncases(CASES_BY_NAME), name_hmac, NULL);
	run_family("by name: gcm(aes)", ncases(CASES_BY_NAME), name_gcm, NULL);
}
