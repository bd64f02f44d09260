// SPDX-License-Identifier: GPL-2.0
/*
 * Digests and HMAC (as an EVP_MAC), on /dev/crypto hash sessions.
 *
 * Updates are gathered in a buffer of the context and sent to the kernel
 * as multi-part operations (COP_FLAG_UPDATE) when it fills, so a short
 * message costs one system call.  The kernel keeps the running state in
 * the session; duplicating a context opens a session on the same driver
 * and copies that state with CIOCCPHASH.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include "ocf_prov.h"

#define DBUF	8192

static const struct ocf_md_desc md_table[] = {
	{ "SHA1:SHA-1:SSL3-SHA1:1.3.14.3.2.26", "sha1", "hmac(sha1)", 20, 64 },
	{ "SHA2-224:SHA-224:SHA224:2.16.840.1.101.3.4.2.4", "sha224", "hmac(sha224)", 28, 64 },
	{ "SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1", "sha256", "hmac(sha256)", 32, 64 },
	{ "SHA2-384:SHA-384:SHA384:2.16.840.1.101.3.4.2.2", "sha384", "hmac(sha384)", 48, 128 },
	{ "SHA2-512:SHA-512:SHA512:2.16.840.1.101.3.4.2.3", "sha512", "hmac(sha512)", 64, 128 },
	{ "SHA3-256:2.16.840.1.101.3.4.2.8", "sha3-256", "hmac(sha3-256)", 32, 136 },
	{ "SHA3-512:2.16.840.1.101.3.4.2.10", "sha3-512", "hmac(sha3-512)", 64, 72 },
	{ NULL, NULL, NULL, 0, 0 }
};

const struct ocf_md_desc *ocf_md_by_name(const char *name)
{
	size_t n = strlen(name);

	for (const struct ocf_md_desc *d = md_table; d->names; d++) {
		const char *s = d->names;

		while (*s) {
			const char *e = strchr(s, ':');
			size_t l = e ? (size_t)(e - s) : strlen(s);

			if (l == n && !strncasecmp(s, name, n))
				return d;
			s += l + (e ? 1 : 0);
		}
	}
	return NULL;
}

struct dctx {
	struct ocf_prov *p;
	const struct ocf_md_desc *d;
	int mac;			/* HMAC context */
	uint32_t ses;
	unsigned int gen;		/* ocf_fork_gen when ses was opened */
	char driver[OCF_NAME_LEN];
	int started;			/* the kernel holds a running state */
	int inited;
	unsigned char *key;		/* HMAC key, any length */
	size_t keylen;
	int keyset;
	size_t buflen;
	unsigned char buf[DBUF];
};

/*
 * HMAC keys longer than the module takes (512 bytes) are hashed first, as
 * HMAC does itself with any key longer than the hash's block.
 */
static int hash_long_key(struct dctx *c, unsigned char md[HASH_MAX_LEN])
{
	struct ocf_sess_req r = { 0 };
	uint32_t ses;
	int ret;

	r.mac = c->d->kname;
	ses = ocf_session(c->p, &r, NULL);
	if (!ses) {
		ocf_kerr(c->p, "session", c->d->kname, errno);
		return 0;
	}
	ret = ocf_crypt(c->p, ses, COP_ENCRYPT, 0, c->key, NULL, c->keylen, NULL, md);
	ocf_session_free(c->p, ses);
	if (ret) {
		ocf_kerr(c->p, "hash", c->d->kname, -ret);
		return 0;
	}
	return 1;
}

static int dctx_open(struct dctx *c, const char *driver)
{
	struct ocf_sess_req r = { 0 };
	const char *k = c->mac ? c->d->hmac : c->d->kname;
	unsigned char md[HASH_MAX_LEN];

	r.mac = k;
	if (c->mac) {
		r.mackey = c->key;
		r.mackeylen = c->keylen;
		if (c->keylen > CRYPTO_HMAC_MAX_KEY_LEN) {
			if (!hash_long_key(c, md))
				return 0;
			r.mackey = md;
			r.mackeylen = c->d->size;
		}
	}
	r.driver = driver;
	c->gen = ocf_fork_gen;
	c->ses = ocf_session(c->p, &r, c->driver);
	ocf_cleanse(md, sizeof(md));
	if (!c->ses) {
		ocf_kerr(c->p, "session", k, errno);
		return 0;
	}
	return 1;
}

static void dctx_close(struct dctx *c)
{
	/* after fork(), the session is the parent's */
	if (c->gen == ocf_fork_gen)
		ocf_session_free(c->p, c->ses);
	c->ses = 0;
}

/* Open a session on the same driver and copy src's running state into it. */
static int dctx_clone_session(struct dctx *c, uint32_t src, int started)
{
	struct cphash_op cp;

	if (!dctx_open(c, c->driver))
		return 0;
	if (started) {
		cp.dst_ses = c->ses;
		cp.src_ses = src;
		if (ioctl(c->p->fd, CIOCCPHASH, &cp) < 0) {
			ocf_kerr(c->p, "CIOCCPHASH", c->driver, errno);
			return 0;
		}
	}
	return 1;
}

/* In a forked child, continue on a session of the child's own. */
static int check_fork(struct dctx *c)
{
	uint32_t old = c->ses;

	if (c->gen == ocf_fork_gen || !c->ses)
		return 1;
	c->ses = 0;
	return dctx_clone_session(c, old, c->started);
}

static int flush(struct dctx *c, const void *data, size_t len)
{
	size_t max = c->p->max_request, n;
	const unsigned char *b = data;
	int ret;

	while (len) {
		n = len > max ? max : len;
		ret = ocf_crypt(c->p, c->ses, COP_ENCRYPT,
				COP_FLAG_UPDATE | (c->started ? 0 : COP_FLAG_RESET),
				b, NULL, n, NULL, NULL);
		if (ret) {
			ocf_kerr(c->p, "hash update", c->mac ? c->d->hmac : c->d->kname, -ret);
			return 0;
		}
		c->started = 1;
		b += n;
		len -= n;
	}
	return 1;
}

static int dctx_update(void *vc, const unsigned char *in, size_t inl)
{
	struct dctx *c = vc;
	size_t n;

	if (!check_fork(c))
		return 0;
	if (!c->inited || !c->ses) {
		ocf_err(c->p, OCF_R_STATE, "not initialised");
		return 0;
	}
	if (c->buflen + inl <= DBUF) {
		memcpy(c->buf + c->buflen, in, inl);
		c->buflen += inl;
		return 1;
	}
	if (c->buflen) {
		n = DBUF - c->buflen;
		memcpy(c->buf + c->buflen, in, n);
		in += n;
		inl -= n;
		if (!flush(c, c->buf, DBUF))
			return 0;
		c->buflen = 0;
	}
	if (inl > DBUF) {
		n = inl - inl % DBUF;
		if (n == inl)
			n -= DBUF;	/* keep some for the final operation */
		if (!flush(c, in, n))
			return 0;
		in += n;
		inl -= n;
	}
	memcpy(c->buf, in, inl);
	c->buflen = inl;
	return 1;
}

static int dctx_final(void *vc, unsigned char *out, size_t *outl, size_t outsz)
{
	struct dctx *c = vc;
	unsigned char md[HASH_MAX_LEN];
	int ret;

	*outl = 0;
	if (!check_fork(c))
		return 0;
	if (!c->inited || !c->ses) {
		ocf_err(c->p, OCF_R_STATE, "not initialised");
		return 0;
	}
	if (outsz < c->d->size) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
		return 0;
	}
	ret = ocf_crypt(c->p, c->ses, COP_ENCRYPT,
			COP_FLAG_FINAL | (c->started ? COP_FLAG_UPDATE : COP_FLAG_RESET),
			c->buflen ? c->buf : NULL, NULL, c->buflen, NULL, md);
	c->started = 0;
	c->buflen = 0;
	c->inited = 0;
	if (ret) {
		ocf_kerr(c->p, "hash final", c->mac ? c->d->hmac : c->d->kname, -ret);
		return 0;
	}
	memcpy(out, md, c->d->size);
	ocf_cleanse(md, sizeof(md));
	*outl = c->d->size;
	return 1;
}

static void dctx_free(void *vc)
{
	struct dctx *c = vc;

	if (!c)
		return;
	dctx_close(c);
	if (c->key) {
		ocf_cleanse(c->key, c->keylen);
		free(c->key);
	}
	ocf_cleanse(c, sizeof(*c));
	free(c);
}

static void *dctx_dup(void *vc)
{
	struct dctx *src = vc, *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	memcpy(c, src, sizeof(*c));
	c->ses = 0;
	if (src->key) {
		c->key = malloc(src->keylen);
		if (!c->key) {
			free(c);
			return NULL;
		}
		memcpy(c->key, src->key, src->keylen);
	}
	if (src->ses && !dctx_clone_session(c, src->ses, src->started)) {
		dctx_free(c);
		return NULL;
	}
	return c;
}

static int dctx_get_ctx_params(void *vc, OSSL_PARAM params[])
{
	struct dctx *c = vc;

	if (!ocf_set_str(params, OCF_PARAM_DRIVER, c->driver))
		return 0;
	if (c->mac && c->d)
		return ocf_set_size(params, OSSL_MAC_PARAM_SIZE, c->d->size) &&
		       ocf_set_size(params, OSSL_MAC_PARAM_BLOCK_SIZE, c->d->blocksize);
	return 1;
}

static const OSSL_PARAM dctx_gettable[] = {
	{ OCF_PARAM_DRIVER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *dctx_gettable_ctx_params(void *vc, void *provctx)
{
	return dctx_gettable;
}

/* --------------------------------------------------------------- digests */

static void *md_new(void *provctx, const struct ocf_md_desc *d)
{
	struct dctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->p = provctx;
	c->d = d;
	return c;
}

static int md_init(void *vc, const OSSL_PARAM params[])
{
	struct dctx *c = vc;

	if (c->gen != ocf_fork_gen)
		dctx_close(c);
	if (!c->ses && !dctx_open(c, NULL))
		return 0;
	c->started = 0;
	c->buflen = 0;
	c->inited = 1;
	return 1;
}

static const OSSL_PARAM md_param_types[] = {
	{ OSSL_DIGEST_PARAM_BLOCK_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DIGEST_PARAM_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_DIGEST_PARAM_XOF, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_DIGEST_PARAM_ALGID_ABSENT, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *md_gettable_params(void *provctx)
{
	return md_param_types;
}

static int md_get_params(const struct ocf_md_desc *d, OSSL_PARAM params[])
{
	return ocf_set_size(params, OSSL_DIGEST_PARAM_BLOCK_SIZE, d->blocksize) &&
	       ocf_set_size(params, OSSL_DIGEST_PARAM_SIZE, d->size) &&
	       ocf_set_size(params, OSSL_DIGEST_PARAM_XOF, 0) &&
	       ocf_set_size(params, OSSL_DIGEST_PARAM_ALGID_ABSENT, 1);
}

#define FN(id, f) { id, (void (*)(void))(f) }

#define DIGEST(id, idx)								\
	static void *id##_new(void *provctx)					\
	{									\
		return md_new(provctx, &md_table[idx]);				\
	}									\
	static int id##_get_params(OSSL_PARAM params[])			\
	{									\
		return md_get_params(&md_table[idx], params);			\
	}									\
	static const OSSL_DISPATCH id##_fns[] = {				\
		FN(OSSL_FUNC_DIGEST_NEWCTX, id##_new),				\
		FN(OSSL_FUNC_DIGEST_INIT, md_init),				\
		FN(OSSL_FUNC_DIGEST_UPDATE, dctx_update),			\
		FN(OSSL_FUNC_DIGEST_FINAL, dctx_final),				\
		FN(OSSL_FUNC_DIGEST_FREECTX, dctx_free),			\
		FN(OSSL_FUNC_DIGEST_DUPCTX, dctx_dup),				\
		FN(OSSL_FUNC_DIGEST_GET_PARAMS, id##_get_params),		\
		FN(OSSL_FUNC_DIGEST_GETTABLE_PARAMS, md_gettable_params),	\
		FN(OSSL_FUNC_DIGEST_GET_CTX_PARAMS, dctx_get_ctx_params),	\
		FN(OSSL_FUNC_DIGEST_GETTABLE_CTX_PARAMS, dctx_gettable_ctx_params), \
		{ 0, NULL }							\
	}

DIGEST(sha1, 0);
DIGEST(sha224, 1);
DIGEST(sha256, 2);
DIGEST(sha384, 3);
DIGEST(sha512, 4);
DIGEST(sha3_256, 5);
DIGEST(sha3_512, 6);

#define PROPS "provider=ocf"
#define MD(id, idx)								\
	{ { md_table[idx].names, PROPS, id##_fns, "ocf digest" },		\
	  md_table[idx].kname, NULL, 0, 1, 0 }

const struct ocf_alg_probe ocf_digest_algs[] = {
	MD(sha1, 0), MD(sha224, 1), MD(sha256, 2), MD(sha384, 3), MD(sha512, 4),
	MD(sha3_256, 5), MD(sha3_512, 6),
	{ { NULL, NULL, NULL, NULL }, NULL, NULL, 0, 0, 0 }
};

/* ------------------------------------------------------------------ HMAC */

static void *hmac_new(void *provctx)
{
	struct dctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->p = provctx;
	c->mac = 1;
	return c;
}

static int hmac_set_key(struct dctx *c, const unsigned char *key, size_t keylen)
{
	unsigned char *k;

	/* an empty key is the same HMAC key as one zero byte */
	k = calloc(1, keylen ? keylen : 1);
	if (!k) {
		ocf_err(c->p, OCF_R_NO_MEMORY, "out of memory");
		return 0;
	}
	if (keylen)
		memcpy(k, key, keylen);
	dctx_close(c);
	if (c->key) {
		ocf_cleanse(c->key, c->keylen);
		free(c->key);
	}
	c->key = k;
	c->keylen = keylen ? keylen : 1;
	c->keyset = 1;
	return 1;
}

static int hmac_set_ctx_params(void *vc, const OSSL_PARAM params[])
{
	struct dctx *c = vc;
	const OSSL_PARAM *p;
	char name[64];

	if (!params)
		return 1;
	p = ocf_param_locate_const(params, OSSL_MAC_PARAM_DIGEST);
	if (p) {
		const struct ocf_md_desc *d;

		if (!ocf_param_get_utf8(p, name, sizeof(name)))
			return 0;
		d = ocf_md_by_name(name);
		if (!d) {
			ocf_err(c->p, OCF_R_UNSUPPORTED, "HMAC digest %s", name);
			return 0;
		}
		if (d != c->d)
			dctx_close(c);
		c->d = d;
	}
	p = ocf_param_locate_const(params, OSSL_MAC_PARAM_KEY);
	if (p) {
		const void *k;
		size_t kl;

		if (!ocf_param_get_octets(p, &k, &kl) || !hmac_set_key(c, k, kl))
			return 0;
	}
	return 1;
}

static int hmac_init(void *vc, const unsigned char *key, size_t keylen,
		     const OSSL_PARAM params[])
{
	struct dctx *c = vc;

	if (!hmac_set_ctx_params(c, params))
		return 0;
	if (key && !hmac_set_key(c, key, keylen))
		return 0;
	if (!c->d || !c->keyset) {
		ocf_err(c->p, OCF_R_STATE, "HMAC needs a digest and a key");
		return 0;
	}
	if (c->gen != ocf_fork_gen)
		dctx_close(c);
	if (!c->ses && !dctx_open(c, NULL))
		return 0;
	c->started = 0;
	c->buflen = 0;
	c->inited = 1;
	return 1;
}

static const OSSL_PARAM hmac_gettable[] = {
	{ OSSL_MAC_PARAM_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_MAC_PARAM_BLOCK_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OCF_PARAM_DRIVER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM hmac_settable[] = {
	{ OSSL_MAC_PARAM_DIGEST, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ OSSL_MAC_PARAM_PROPERTIES, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ OSSL_MAC_PARAM_KEY, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *hmac_gettable_ctx_params(void *vc, void *provctx)
{
	return hmac_gettable;
}

static const OSSL_PARAM *hmac_settable_ctx_params(void *vc, void *provctx)
{
	return hmac_settable;
}

static const OSSL_DISPATCH hmac_fns[] = {
	FN(OSSL_FUNC_MAC_NEWCTX, hmac_new),
	FN(OSSL_FUNC_MAC_DUPCTX, dctx_dup),
	FN(OSSL_FUNC_MAC_FREECTX, dctx_free),
	FN(OSSL_FUNC_MAC_INIT, hmac_init),
	FN(OSSL_FUNC_MAC_UPDATE, dctx_update),
	FN(OSSL_FUNC_MAC_FINAL, dctx_final),
	FN(OSSL_FUNC_MAC_GETTABLE_CTX_PARAMS, hmac_gettable_ctx_params),
	FN(OSSL_FUNC_MAC_GET_CTX_PARAMS, dctx_get_ctx_params),
	FN(OSSL_FUNC_MAC_SETTABLE_CTX_PARAMS, hmac_settable_ctx_params),
	FN(OSSL_FUNC_MAC_SET_CTX_PARAMS, hmac_set_ctx_params),
	{ 0, NULL }
};

const struct ocf_alg_probe ocf_mac_algs[] = {
	{ { "HMAC", PROPS, hmac_fns, "ocf HMAC" }, "hmac(sha256)", NULL, 32, 1, 0 },
	{ { NULL, NULL, NULL, NULL }, NULL, NULL, 0, 0, 0 }
};
