// SPDX-License-Identifier: GPL-2.0
/*
 * libssl's combined ciphers for MAC-then-encrypt TLS CBC suites:
 * AES-128/256-CBC-HMAC-SHA1 and AES-128/256-CBC-HMAC-SHA256.
 *
 * Without encrypt-then-MAC, libssl hands a TLS 1.x CBC record to one of
 * these whole: it sets the MAC key ("mackey"), then for every record the
 * 13-byte TLS header ("tlsaad") and reads back how much MAC and padding
 * encryption adds ("tlsaadpad"); the update then turns explicit IV ||
 * payload || room into the sealed record, or a received record into
 * explicit IV || payload, returning the payload length.  Each record here
 * is one CIOCAUTHCRYPT in the module's TLS mode on a cbc(aes) + hmac(shaN)
 * session, with COP_FLAG_TLS_SETLEN so that the kernel puts the plaintext
 * length into the header it MACs: MAC, padding, encryption, and on
 * decryption the padding and MAC checks, all happen in the kernel (bad
 * padding and bad MAC are one EBADMSG, which libssl turns into a
 * bad_record_mac alert).
 *
 * TLS 1.1 and later carry an explicit IV: libssl fills the first block
 * with random bytes, and this sends it as the record's IV and encrypts the
 * rest from it (OpenSSL's own encrypts that block too, chained from the
 * key's IV; both are TLS 1.1's construction).  TLS 1.0 chains the IV from
 * record to record.  With drivers = hardware the cipher must run on a
 * hardware driver and the HMAC may run on any (virtio-crypto has no HMAC).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include "ocf_prov.h"

#define BLK		16
#define TLS_HDR		13
#define TLS1_1		0x0302
#define EVPM_CBC	0x2

struct tdesc {
	size_t keylen;
	const char *hmac;	/* kernel HMAC */
	size_t maclen;
};

struct tctx {
	struct ocf_prov *p;
	const struct tdesc *d;
	uint32_t ses;
	unsigned int gen;	/* ocf_fork_gen when it was opened */
	char driver[OCF_NAME_LEN];
	unsigned char key[32], mackey[64];
	size_t mackeylen;
	int keyset, enc;
	unsigned char iv[BLK], oiv[BLK];
	unsigned char hdr[TLS_HDR];
	int hdr_set;
	size_t payload, aad_pad;
	unsigned int tlsversion;
};

static void close_session(struct tctx *c)
{
	if (c->gen == ocf_fork_gen)
		ocf_session_free(c->p, c->ses);
	c->ses = 0;
}

/* The hardware class: the cipher's hardware driver, the HMAC anywhere. */
static int cipher_driver(struct tctx *c, char drv[OCF_NAME_LEN])
{
	struct ocf_sess_req r = { 0 };
	uint32_t ses;

	r.cipher = "cbc(aes)";
	r.key = c->key;
	r.keylen = c->d->keylen;
	ses = ocf_session(c->p, &r, drv);
	if (!ses)
		return 0;
	ocf_session_free(c->p, ses);
	return 1;
}

/* A cbc(aes) + hmac session on driver (exact cipher driver) or the class. */
static int open_session(struct tctx *c, const char *driver)
{
	struct ocf_sess_req r = { 0 };
	char drv[OCF_NAME_LEN];

	close_session(c);
	if (!c->keyset || !c->mackeylen)
		return 1;	/* opened once both keys are known */
	if (!driver && c->p->crid == OCF_CRID_HARDWARE) {
		if (!cipher_driver(c, drv)) {
			ocf_kerr(c->p, "session", "cbc(aes)", errno);
			return 0;
		}
		driver = drv;
	}
	r.cipher = "cbc(aes)";
	r.key = c->key;
	r.keylen = c->d->keylen;
	r.mac = c->d->hmac;
	r.mackey = c->mackey;
	r.mackeylen = c->mackeylen;
	r.driver = driver;
	c->gen = ocf_fork_gen;
	c->ses = ocf_session(c->p, &r, c->driver);
	if (!c->ses) {
		ocf_kerr(c->p, "session", c->d->hmac, errno);
		return 0;
	}
	return 1;
}

static void *tctx_new(void *provctx, const struct tdesc *d)
{
	struct tctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->p = provctx;
	c->d = d;
	return c;
}

static void tctx_free(void *vc)
{
	struct tctx *c = vc;

	if (!c)
		return;
	close_session(c);
	ocf_cleanse(c, sizeof(*c));
	free(c);
}

static void *tctx_dup(void *vc)
{
	struct tctx *src = vc, *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = *src;
	c->ses = 0;
	if (src->ses && !open_session(c, src->driver)) {
		tctx_free(c);
		return NULL;
	}
	return c;
}

static int tctx_set_ctx_params(void *vc, const OSSL_PARAM params[]);

static int tctx_init(struct tctx *c, const unsigned char *key, size_t keylen,
		     const unsigned char *iv, size_t ivlen,
		     const OSSL_PARAM params[], int enc)
{
	c->enc = enc;
	c->hdr_set = 0;
	if (iv) {
		if (ivlen < BLK) {
			ocf_err(c->p, OCF_R_BAD_IV_LENGTH, "IV length %zu, need 16", ivlen);
			return 0;
		}
		memcpy(c->iv, iv, BLK);
		memcpy(c->oiv, iv, BLK);
	}
	if (key) {
		if (keylen != c->d->keylen) {
			ocf_err(c->p, OCF_R_BAD_KEY_LENGTH, "key length %zu, need %zu",
				keylen, c->d->keylen);
			return 0;
		}
		memcpy(c->key, key, keylen);
		c->keyset = 1;
		if (!open_session(c, NULL))
			return 0;
	}
	return tctx_set_ctx_params(c, params);
}

static int tctx_einit(void *vc, const unsigned char *key, size_t keylen,
		      const unsigned char *iv, size_t ivlen, const OSSL_PARAM params[])
{
	return tctx_init(vc, key, keylen, iv, ivlen, params, 1);
}

static int tctx_dinit(void *vc, const unsigned char *key, size_t keylen,
		      const unsigned char *iv, size_t ivlen, const OSSL_PARAM params[])
{
	return tctx_init(vc, key, keylen, iv, ivlen, params, 0);
}

static int explicit_iv(const struct tctx *c)
{
	unsigned int v = (unsigned int)c->hdr[9] << 8 | c->hdr[10];

	return v >= TLS1_1;	/* TLS 1.1, 1.2 and DTLS (0xfeff, 0xfefd) */
}

/* One record through the kernel's TLS mode: 1, 0 (error raised). */
static int tls_record(struct tctx *c, unsigned char *out, size_t *outl,
		      size_t outsize, const unsigned char *in, size_t inl)
{
	size_t eiv = explicit_iv(c) ? BLK : 0;
	unsigned char iv[BLK], next[BLK];
	struct crypt_auth_op a;

	*outl = 0;
	c->hdr_set = 0;
	if (inl > outsize || inl < eiv + BLK || (!c->enc && inl % BLK)) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "bad TLS record length %zu", inl);
		return 0;
	}
	if (c->enc && inl != eiv + c->payload + c->aad_pad) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "TLS record of %zu bytes, header says %zu",
			inl, eiv + c->payload + c->aad_pad);
		return 0;
	}
	memcpy(iv, eiv ? in : c->iv, BLK);
	if (!c->enc)
		memcpy(next, in + inl - BLK, BLK);
	if (eiv && out != in)
		memcpy(out, in, BLK);
	memset(&a, 0, sizeof(a));
	a.ses = c->ses;
	a.op = c->enc ? COP_ENCRYPT : COP_DECRYPT;
	a.flags = COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_TLS_SETLEN;
	a.len = (uint32_t)(c->enc ? c->payload : inl - eiv);
	a.auth_len = TLS_HDR;
	a.auth_src = c->hdr;
	a.src = (unsigned char *)in + eiv;
	a.dst = out + eiv;
	a.iv = iv;
	a.iv_len = BLK;
	if (ioctl(c->p->fd, CIOCAUTHCRYPT, &a) < 0) {
		if (errno == EBADMSG)
			ocf_err(c->p, OCF_R_BAD_DECRYPT, "TLS record: bad MAC or padding");
		else
			ocf_kerr(c->p, c->enc ? "TLS seal" : "TLS open", c->d->hmac, errno);
		return 0;
	}
	if (!eiv)
		memcpy(c->iv, c->enc ? out + inl - BLK : next, BLK);
	/* sealed: the whole record; opened: the payload after the IV */
	*outl = c->enc ? inl : a.len;
	return 1;
}

static int tctx_update(void *vc, unsigned char *out, size_t *outl, size_t outsize,
		       const unsigned char *in, size_t inl)
{
	struct tctx *c = vc;

	*outl = 0;
	if (!c->ses || !c->hdr_set) {
		ocf_err(c->p, OCF_R_UNSUPPORTED,
			"%s takes TLS records only: key, MAC key and TLS header first",
			c->d->hmac);
		return 0;
	}
	if (c->gen != ocf_fork_gen) {
		/* after fork(), a session of this process's own */
		char drv[OCF_NAME_LEN];

		memcpy(drv, c->driver, sizeof(drv));
		if (!open_session(c, drv))
			return 0;
	}
	return tls_record(c, out, outl, outsize, in, inl);
}

static int tctx_final(void *vc, unsigned char *out, size_t *outl, size_t outsize)
{
	*outl = 0;
	return 1;
}

static int tctx_cipher(void *vc, unsigned char *out, size_t *outl, size_t outsize,
		       const unsigned char *in, size_t inl)
{
	return tctx_update(vc, out, outl, outsize, in, inl);
}

static int tctx_set_ctx_params(void *vc, const OSSL_PARAM params[])
{
	struct tctx *c = vc;
	const OSSL_PARAM *p;
	const void *data;
	uint64_t v;
	size_t n;

	if (!params)
		return 1;
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_MAC_KEY);
	if (p) {
		if (!ocf_param_get_octets(p, &data, &n) || !data || !n ||
		    n > sizeof(c->mackey)) {
			ocf_err(c->p, OCF_R_BAD_KEY_LENGTH, "MAC key");
			return 0;
		}
		memcpy(c->mackey, data, n);
		c->mackeylen = n;
		if (!open_session(c, NULL))
			return 0;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_KEYLEN);
	if (p && !(ocf_param_get_u64(p, &v) && v == c->d->keylen)) {
		ocf_err(c->p, OCF_R_BAD_KEY_LENGTH, "fixed key length");
		return 0;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_TLS_VERSION);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		c->tlsversion = (unsigned int)v;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD);
	if (p) {
		size_t len;

		if (!ocf_param_get_octets(p, &data, &n) || n != TLS_HDR || !data)
			return 0;
		memcpy(c->hdr, data, TLS_HDR);
		c->hdr_set = 1;
		if (!c->enc) {
			/* the MAC's length; the kernel fills in the length */
			c->aad_pad = c->d->maclen;
			return 1;
		}
		/* libssl's length counts the explicit IV; the MAC's does not */
		len = (size_t)c->hdr[11] << 8 | c->hdr[12];
		if (explicit_iv(c)) {
			if (len < BLK) {
				c->hdr_set = 0;
				ocf_err(c->p, OCF_R_BAD_LENGTH, "TLS record shorter than its IV");
				return 0;
			}
			len -= BLK;
		}
		c->payload = len;
		c->aad_pad = ((len + c->d->maclen + BLK) & ~(size_t)(BLK - 1)) - len;
	}
	return 1;
}

static int tctx_get_ctx_params(void *vc, OSSL_PARAM params[])
{
	struct tctx *c = vc;
	OSSL_PARAM *p;

	if (!ocf_set_size(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, c->aad_pad) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_KEYLEN, c->d->keylen) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_IVLEN, BLK) ||
	    !ocf_set_str(params, OCF_PARAM_DRIVER, c->driver))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_IV);
	if (p && !ocf_param_set_octets(p, c->oiv, BLK))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_UPDATED_IV);
	if (p && !ocf_param_set_octets(p, c->iv, BLK))
		return 0;
	return 1;
}

static const OSSL_PARAM tctx_gettable[] = {
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_IVLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_IV, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_UPDATED_IV, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OCF_PARAM_DRIVER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM tctx_settable[] = {
	{ OSSL_CIPHER_PARAM_AEAD_MAC_KEY, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_TLS_VERSION, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_TLS_MAC_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM tparams[] = {
	{ OSSL_CIPHER_PARAM_MODE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_IVLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_BLOCK_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_AEAD, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_CUSTOM_IV, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_CTS, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_HAS_RAND_KEY, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *tctx_gettable_params(void *provctx)
{
	return tparams;
}

static const OSSL_PARAM *tctx_gettable_ctx_params(void *cctx, void *provctx)
{
	return tctx_gettable;
}

static const OSSL_PARAM *tctx_settable_ctx_params(void *cctx, void *provctx)
{
	return tctx_settable;
}

/* An AEAD to libssl (so it sets the TLS header), CBC, no multiblock. */
static int tdesc_get_params(const struct tdesc *d, OSSL_PARAM params[])
{
	return ocf_set_size(params, OSSL_CIPHER_PARAM_MODE, EVPM_CBC) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_KEYLEN, d->keylen) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_IVLEN, BLK) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_BLOCK_SIZE, BLK) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_AEAD, 1) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_CUSTOM_IV, 0) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_CTS, 0) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK, 0) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_HAS_RAND_KEY, 0);
}

#define FN(id, f) { id, (void (*)(void))(f) }

#define TLSCBC(id, keylen, hmac, maclen)					\
	static const struct tdesc id##_desc = { keylen, hmac, maclen };		\
	static void *id##_new(void *provctx)					\
	{									\
		return tctx_new(provctx, &id##_desc);				\
	}									\
	static int id##_get_params(OSSL_PARAM params[])			\
	{									\
		return tdesc_get_params(&id##_desc, params);			\
	}									\
	static const OSSL_DISPATCH id##_fns[] = {				\
		FN(OSSL_FUNC_CIPHER_NEWCTX, id##_new),				\
		FN(OSSL_FUNC_CIPHER_FREECTX, tctx_free),			\
		FN(OSSL_FUNC_CIPHER_DUPCTX, tctx_dup),				\
		FN(OSSL_FUNC_CIPHER_ENCRYPT_INIT, tctx_einit),			\
		FN(OSSL_FUNC_CIPHER_DECRYPT_INIT, tctx_dinit),			\
		FN(OSSL_FUNC_CIPHER_UPDATE, tctx_update),			\
		FN(OSSL_FUNC_CIPHER_FINAL, tctx_final),				\
		FN(OSSL_FUNC_CIPHER_CIPHER, tctx_cipher),			\
		FN(OSSL_FUNC_CIPHER_GET_PARAMS, id##_get_params),		\
		FN(OSSL_FUNC_CIPHER_GETTABLE_PARAMS, tctx_gettable_params),	\
		FN(OSSL_FUNC_CIPHER_GET_CTX_PARAMS, tctx_get_ctx_params),	\
		FN(OSSL_FUNC_CIPHER_SET_CTX_PARAMS, tctx_set_ctx_params),	\
		FN(OSSL_FUNC_CIPHER_GETTABLE_CTX_PARAMS, tctx_gettable_ctx_params), \
		FN(OSSL_FUNC_CIPHER_SETTABLE_CTX_PARAMS, tctx_settable_ctx_params), \
		{ 0, NULL }							\
	}

TLSCBC(a128sha1, 16, "hmac(sha1)", 20);
TLSCBC(a256sha1, 32, "hmac(sha1)", 20);
TLSCBC(a128sha256, 16, "hmac(sha256)", 32);
TLSCBC(a256sha256, 32, "hmac(sha256)", 32);

/*
 * Offered when the kernel has cbc(aes) in the drivers' class (hmac on any
 * driver) and the module fills in the TLS header's length.
 */
#define TALG(names, id)								\
	{ { names, "provider=ocf", id##_fns, "ocf TLS CBC record, " #id },	\
	  "cbc(aes)", id##_desc.hmac, (unsigned int)id##_desc.keylen, 2, 0 }

const struct ocf_alg_probe ocf_tlscbc_algs[] = {
	TALG("AES-128-CBC-HMAC-SHA1", a128sha1),
	TALG("AES-256-CBC-HMAC-SHA1", a256sha1),
	TALG("AES-128-CBC-HMAC-SHA256", a128sha256),
	TALG("AES-256-CBC-HMAC-SHA256", a256sha256),
	{ { NULL, NULL, NULL, NULL }, NULL, NULL, 0, 0, 0 }
};
