// SPDX-License-Identifier: GPL-2.0
/*
 * aead_xcheck, record_xcheck: the three modes of CIOCAUTHCRYPT against
 * OpenSSL (xcheck_aead for AEAD sessions; xcheck_tls, xcheck_srtp for the
 * record modes).
 *
 * AEAD sessions: encryption gives ciphertext || tag and writes back len
 * and tag_len; decryption recovers the plaintext; a flipped bit in the
 * tag, the AAD or the ciphertext gives EBADMSG and leaves dst untouched.
 *
 * TLS mode (COP_FLAG_AEAD_TLS_TYPE on a CBC + HMAC session, and the TLS
 * composite ids): the record is CBC(data || HMAC(aad || data) || padding),
 * padding being pad bytes of value pad - 1 up to the next whole block.
 *
 * SRTP mode (COP_FLAG_AEAD_SRTP_TYPE on a CTR + HMAC session): the payload
 * (src == dst) lies inside the authenticated packet (auth_src); it is
 * encrypted in place and the HMAC of the whole packet, truncated to
 * tag_len, goes to tag.
 */
#include <stdlib.h>

#include <openssl/evp.h>

#include "xcheck.h"

/* ------------------------------------------------------------------ */
/* AEAD                                                                */
/* ------------------------------------------------------------------ */

enum aead_kind { AEAD_GCM, AEAD_CCM, AEAD_CHACHAPOLY };

struct xc_aead {
	const char *ossl;
	__u32 id;
	enum aead_kind kind;
	unsigned int keylen;
};

static const struct xc_aead aeads[] = {
	{ "AES-128-GCM", CRYPTO_AES_GCM, AEAD_GCM, 16 },
	{ "AES-256-GCM", CRYPTO_AES_GCM, AEAD_GCM, 32 },
	{ "AES-128-CCM", CRYPTO_AES_CCM, AEAD_CCM, 16 },
	{ "AES-256-CCM", CRYPTO_AES_CCM, AEAD_CCM, 32 },
	{ "ChaCha20-Poly1305", CRYPTO_CHACHA20_POLY1305, AEAD_CHACHAPOLY, 32 },
};

/* Tag lengths the kernel's gcm, ccm and rfc7539 templates accept. */
static const unsigned int gcm_tags[] = { 4, 8, 12, 13, 14, 15, 16 };
static const unsigned int ccm_tags[] = { 4, 6, 8, 10, 12, 14, 16 };

/* out = ciphertext || tag (@tag_len bytes) */
static bool ossl_aead_encrypt(const struct xc_aead *a, const uint8_t *key,
			      const uint8_t *nonce, unsigned int nlen,
			      const uint8_t *aad, size_t alen, const uint8_t *pt,
			      size_t len, uint8_t *out, unsigned int tag_len)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, a->ossl, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	bool ccm = a->kind == AEAD_CCM;
	uint8_t tag[16];
	int n = 0, m = 0;
	bool ok;

	ok = c && ctx && EVP_EncryptInit_ex2(ctx, c, NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, nlen, NULL) &&
	     (!ccm || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, tag_len, NULL)) &&
	     EVP_EncryptInit_ex2(ctx, NULL, key, nonce, NULL) &&
	     (!ccm || EVP_EncryptUpdate(ctx, NULL, &n, NULL, len)) &&
	     (!alen || EVP_EncryptUpdate(ctx, NULL, &n, aad, alen)) &&
	     EVP_EncryptUpdate(ctx, out, &n, pt, len) &&
	     EVP_EncryptFinal_ex(ctx, out + n, &m) && (size_t)(n + m) == len &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, ccm ? tag_len : 16, tag);
	if (ok)
		memcpy(out + len, tag, tag_len);	/* GCM: a prefix */
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok ? true : fail("OpenSSL %s failed", a->ossl);
}

struct aead_case {
	const struct xc_aead *a;
	__u32 ses;
	uint8_t iv[16];		/* the kernel's format */
	unsigned int ivlen;
	uint8_t *aad;
	size_t alen;
	uint8_t *pt;
	size_t len;
	uint8_t *want;		/* ct || tag */
	unsigned int tag;	/* actual tag length */
	unsigned int tag_req;	/* tag_len passed in: 0 or tag */
};

/*
 * A rejected decryption must leave dst as it was (aead.c: "fails with
 * EBADMSG on a bad tag, writing nothing to dst").  Cases that wrote it are
 * counted, and reported as a TAP line of their own after each family, so
 * that one such bug does not hide the other checks of the family.  (From
 * abd1946 to 964453b the zero-copy path, from zc_threshold bytes on,
 * zeroed dst -- in place, the ciphertext -- on EBADMSG.)
 */
static unsigned int dst_written, rejected;
static size_t min_written, max_kept;	/* of len + tag */
static char dst_written_first[256];

static void note_dst_written(const struct aead_case *c, const char *what,
			     bool in_place, size_t at, uint8_t byte)
{
	size_t total = c->len + c->tag;

	if (!dst_written++ || total < min_written)
		min_written = total;
	if (dst_written == 1)
		snprintf(dst_written_first, sizeof(dst_written_first),
			 "%s, %s, %zu bytes + %u tag: dst byte %zu became %02x",
			 what, in_place ? "in place" : "out of place", c->len,
			 c->tag, at, byte);
}

/* Decrypt @src (len + tag bytes) expecting EBADMSG, with dst untouched. */
static bool aead_reject(struct aead_case *c, const char *what, const uint8_t *aad,
			size_t alen, const uint8_t *src)
{
	size_t total = c->len + c->tag, k;
	uint8_t *buf = xmalloc(total + 16);
	bool in_place = rnd_below(2);
	struct crypt_auth_op caop;
	int ret;

	memset(buf, CANARY, total + 16);
	if (in_place)
		memcpy(buf, src, total);
	cdev_caop(&caop, c->ses, COP_DECRYPT, 0, aad, alen, in_place ? buf : src,
		  buf, total, c->iv, c->ivlen, NULL, c->tag_req);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret != -EBADMSG) {
		free(buf);
		return fail("%s, %s: %s, want EBADMSG", what,
			    in_place ? "in place" : "out of place",
			    ret ? strerror(-ret) : "success");
	}
	rejected++;
	for (k = 0; k < total + 16; k++) {
		uint8_t was = in_place && k < total ? src[k] : CANARY;

		if (buf[k] != was) {
			note_dst_written(c, what, in_place, k, buf[k]);
			break;
		}
	}
	if (k == total + 16 && total > max_kept)
		max_kept = total;
	free(buf);
	return true;
}

static bool aead_tampered(struct aead_case *c)
{
	size_t total = c->len + c->tag;
	uint8_t *bad = xmalloc(total), *aad = xmalloc(c->alen + 1);
	bool ok;

	/* A flipped bit in the tag. */
	memcpy(bad, c->want, total);
	bad[c->len + rnd_below(c->tag)] ^= 1 << rnd_below(8);
	ok = aead_reject(c, "tampered tag", c->aad, c->alen, bad);

	/* In the AAD (none: one byte of it). */
	if (ok) {
		memcpy(aad, c->aad, c->alen);
		if (c->alen)
			aad[rnd_below(c->alen)] ^= 1 << rnd_below(8);
		else
			aad[0] = rnd64();
		ok = aead_reject(c, "tampered AAD", aad, c->alen ? c->alen : 1,
				 c->want);
	}

	/* In the ciphertext. */
	if (ok && c->len) {
		memcpy(bad, c->want, total);
		bad[rnd_below(c->len)] ^= 1 << rnd_below(8);
		ok = aead_reject(c, "tampered ciphertext", c->aad, c->alen, bad);
	}
	free(bad);
	free(aad);
	return ok;
}

static bool aead_run(struct aead_case *c)
{
	size_t total = c->len + c->tag;
	uint8_t *dst = xmalloc(total + 16);
	bool in_place = rnd_below(2);
	struct crypt_auth_op caop;
	bool ok = false;
	int ret;

	/* Encrypt: ct || tag, len and tag_len written back. */
	memset(dst, CANARY, total + 16);
	if (in_place)
		memcpy(dst, c->pt, c->len);
	cdev_caop(&caop, c->ses, COP_ENCRYPT, 0, c->aad, c->alen,
		  in_place ? dst : c->pt, dst, c->len, c->iv, c->ivlen, NULL,
		  c->tag_req);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out;
	}
	if (caop.len != total || caop.tag_len != c->tag) {
		fail("encrypt wrote back len %u tag_len %u, want %zu and %u",
		     caop.len, caop.tag_len, total, c->tag);
		goto out;
	}
	if (!same("ciphertext || tag", dst, c->want, total) ||
	    !untouched("after the tag", dst + total, 16))
		goto out;

	/* Decrypt: plaintext, len written back. */
	memset(dst, CANARY, total + 16);
	if (in_place)
		memcpy(dst, c->want, total);
	cdev_caop(&caop, c->ses, COP_DECRYPT, 0, c->aad, c->alen,
		  in_place ? dst : c->want, dst, total, c->iv, c->ivlen, NULL,
		  c->tag_req);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		fail("decrypt: %s", strerror(-ret));
		goto out;
	}
	if (caop.len != c->len) {
		fail("decrypt wrote back len %u, want %zu", caop.len, c->len);
		goto out;
	}
	if (!same("plaintext", dst, c->pt, c->len) ||
	    (!in_place && !untouched("after the plaintext", dst + c->len, total + 16 - c->len)))
		goto out;
	ok = aead_tampered(c);
out:
	if (!ok)
		fail("%s, %zu bytes, AAD %zu, tag_len %u (asked %u)",
		     in_place ? "in place" : "out of place", c->len, c->alen,
		     c->tag, c->tag_req);
	free(dst);
	return ok;
}

static bool aead_case(void *arg, unsigned int i)
{
	struct aead_case c = { .a = arg };
	uint8_t key[32], nonce[13];
	unsigned int nlen = 12, L;
	bool ok = false;

	c.len = rnd_len(MAX_DATA);
	c.alen = rnd_below(4) ? rnd_len(MAX_AAD) : 0;
	switch (c.a->kind) {
	case AEAD_GCM:
		c.tag = gcm_tags[rnd_below(ARRAY_SIZE(gcm_tags))];
		break;
	case AEAD_CCM:
		c.tag = ccm_tags[rnd_below(ARRAY_SIZE(ccm_tags))];
		break;
	case AEAD_CHACHAPOLY:
		c.tag = 16;
		break;
	}
	/* tag_len 0 asks for the full tag. */
	if (rnd_below(2) || c.tag == 16) {
		c.tag = 16;
		c.tag_req = rnd_below(2) ? 0 : 16;
	} else {
		c.tag_req = c.tag;
	}

	rnd_fill(key, c.a->keylen);
	rnd_fill(nonce, sizeof(nonce));
	memset(c.iv, 0, sizeof(c.iv));
	if (c.a->kind == AEAD_CCM) {
		/* Length field of L bytes: 2..8, enough for len. */
		L = 2 + rnd_below(7);
		if (L == 2 && c.len > 0xffff)
			L = 3;
		nlen = 15 - L;
		c.iv[0] = L - 1;
		memcpy(c.iv + 1, nonce, nlen);
		c.ivlen = 16;
	} else {
		memcpy(c.iv, nonce, nlen);
		c.ivlen = nlen;
	}

	c.aad = xmalloc(c.alen);
	c.pt = xmalloc(c.len);
	c.want = xmalloc(c.len + c.tag);
	rnd_fill(c.aad, c.alen);
	rnd_fill(c.pt, c.len);
	if (!ossl_aead_encrypt(c.a, key, nonce, nlen, c.aad, c.alen, c.pt, c.len,
			       c.want, c.tag))
		goto out;
	if (xc_session(c.a->id, key, c.a->keylen, 0, NULL, 0, &c.ses))
		goto out;
	ok = aead_run(&c);
	cdev_fsession(devfd, c.ses);
out:
	free(c.aad);
	free(c.pt);
	free(c.want);
	return ok;
}

void xcheck_aead(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(aeads); i++) {
		if (!ossl_has_cipher(aeads[i].ossl)) {
			tap_skip("OpenSSL lacks it", "%s", aeads[i].ossl);
			continue;
		}
		dst_written = 0;
		rejected = 0;
		max_kept = 0;
		if (run_family(aeads[i].ossl, ncases(CASES), aead_case,
			       (void *)&aeads[i]) == FAMILY_SKIP) {
			tap_skip("algorithm not in this kernel",
				    "%s: a rejected decryption leaves dst untouched",
				    aeads[i].ossl);
			continue;
		}
		if (dst_written) {
			tap_diag("%s: %u of %u rejected decryptions wrote dst, first: %s",
			     aeads[i].ossl, dst_written, rejected, dst_written_first);
			tap_diag("%s: shortest len + tag written %zu, longest kept %zu",
			     aeads[i].ossl, min_written, max_kept);
		}
		tap_ok(!dst_written, "%s: a rejected decryption leaves dst untouched",
		       aeads[i].ossl);
	}
}

/* ------------------------------------------------------------------ */
/* TLS mode                                                            */
/* ------------------------------------------------------------------ */

struct xc_tls {
	const char *name;
	__u32 cipher;		/* CBC, or a TLS composite id */
	__u32 mac;		/* 0 for a composite */
	const char *ossl;	/* the CBC cipher */
	unsigned int keylen;
	const char *md;
	unsigned int mdlen;
};

static const struct xc_tls tlss[] = {
	{ "TLS mode AES-128-CBC + HMAC-SHA1", CRYPTO_AES_CBC, CRYPTO_SHA1_HMAC,
	  "AES-128-CBC", 16, "SHA1", 20 },
	{ "TLS mode AES-256-CBC + HMAC-SHA256", CRYPTO_AES_CBC, CRYPTO_SHA2_256_HMAC,
	  "AES-256-CBC", 32, "SHA256", 32 },
	{ "TLS composite TLS11_AES_CBC_HMAC_SHA1", CRYPTO_TLS11_AES_CBC_HMAC_SHA1, 0,
	  "AES-128-CBC", 16, "SHA1", 20 },
	{ "TLS composite TLS12_AES_CBC_HMAC_SHA256", CRYPTO_TLS12_AES_CBC_HMAC_SHA256, 0,
	  "AES-256-CBC", 32, "SHA256", 32 },
};

/* A composite's key: rtattr { len 8, type 1 }, be32 cipher key length, keys. */
static size_t authenc_key(uint8_t *blob, const uint8_t *key, unsigned int klen,
			  const uint8_t *mkey, unsigned int mklen)
{
	uint16_t rta[2] = { 8, 1 };

	memcpy(blob, rta, sizeof(rta));
	blob[4] = klen >> 24;
	blob[5] = klen >> 16;
	blob[6] = klen >> 8;
	blob[7] = klen;
	memcpy(blob + 8, mkey, mklen);
	memcpy(blob + 8 + mklen, key, klen);
	return 8 + mklen + klen;
}

struct tls_case {
	__u32 ses;
	uint8_t iv[16];
	uint8_t *aad;
	size_t alen;
	uint8_t *data;
	size_t len;
	uint8_t *rec;		/* the expected record */
	size_t rlen;
	unsigned int tag_req;	/* tag_len passed in (0: the full digest) */
	unsigned int tag;	/* the tag length used */
	__u16 flags;
};

/* One TLS-mode operation; on success, len and tag_len must be written back. */
static int tls_op(struct tls_case *c, __u16 op, const uint8_t *aad,
		  const uint8_t *src, size_t len, uint8_t *dst, __u32 *out_len)
{
	struct crypt_auth_op caop;
	int ret;

	cdev_caop(&caop, c->ses, op, c->flags, aad, c->alen, src, dst, len, c->iv,
		  16, NULL, c->tag_req);
	ret = cdev_authcrypt(devfd, &caop);
	*out_len = caop.len;
	if (!ret && caop.tag_len != c->tag) {
		fail("tag_len written back %u, want %u", caop.tag_len, c->tag);
		return -EPROTO;
	}
	return ret;
}

static bool tls_run(struct tls_case *c)
{
	size_t room = c->rlen + 32;
	uint8_t *dst = xmalloc(room), *bad = xmalloc(c->rlen);
	bool in_place = rnd_below(2);
	bool ok = false;
	__u32 out_len;
	int ret;

	memset(dst, CANARY, room);
	if (in_place)
		memcpy(dst, c->data, c->len);
	ret = tls_op(c, COP_ENCRYPT, c->aad, in_place ? dst : c->data, c->len, dst,
		     &out_len);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out;
	}
	if (out_len != c->rlen) {
		fail("encrypt wrote back len %u, want %zu", out_len, c->rlen);
		goto out;
	}
	if (!same("record", dst, c->rec, c->rlen) ||
	    !untouched("after the record", dst + c->rlen, room - c->rlen))
		goto out;

	memset(dst, CANARY, room);
	if (in_place)
		memcpy(dst, c->rec, c->rlen);
	ret = tls_op(c, COP_DECRYPT, c->aad, in_place ? dst : c->rec, c->rlen, dst,
		     &out_len);
	if (ret) {
		fail("decrypt: %s", strerror(-ret));
		goto out;
	}
	if (out_len != c->len) {
		fail("decrypt wrote back len %u, want %zu", out_len, c->len);
		goto out;
	}
	if (!same("data", dst, c->data, c->len))
		goto out;

	/* A flipped bit anywhere in the record: EBADMSG, dst untouched. */
	memcpy(bad, c->rec, c->rlen);
	bad[rnd_below(c->rlen)] ^= 1 << rnd_below(8);
	memset(dst, CANARY, room);
	ret = tls_op(c, COP_DECRYPT, c->aad, bad, c->rlen, dst, &out_len);
	if (ret != -EBADMSG) {
		fail("tampered record: %s, want EBADMSG", ret ? strerror(-ret) : "success");
		goto out;
	}
	if (!untouched("dst of a tampered record", dst, room))
		goto out;

	/* A changed AAD byte. */
	if (c->alen) {
		uint8_t *aad = xmalloc(c->alen);

		memcpy(aad, c->aad, c->alen);
		/* (with TLS_SETLEN the kernel writes the length field) */
		aad[rnd_below((c->flags & COP_FLAG_TLS_SETLEN) ? 11 : c->alen)] ^=
			1 << rnd_below(8);
		ret = tls_op(c, COP_DECRYPT, aad, c->rec, c->rlen, dst, &out_len);
		free(aad);
		if (ret != -EBADMSG) {
			fail("tampered AAD: %s, want EBADMSG",
			     ret ? strerror(-ret) : "success");
			goto out;
		}
		if (!untouched("dst with a tampered AAD", dst, room))
			goto out;
	}
	ok = true;
out:
	if (!ok)
		fail("%s, %zu bytes, AAD %zu, tag_len %u", in_place ? "in place" :
		     "out of place", c->len, c->alen, c->tag_req);
	free(dst);
	free(bad);
	return ok;
}

static bool tls_case(void *arg, unsigned int i)
{
	const struct xc_tls *t = arg;
	uint8_t key[32], mkey[64], blob[8 + 32 + 64], mac[64];
	unsigned int mklen = 1 + rnd_below(64), tag, n, pad;
	struct tls_case c = { 0 };
	bool ok = false;
	size_t klen;

	c.len = rnd_len(16384);
	c.alen = rnd_below(4) ? 13 : rnd_len(64);
	c.tag_req = rnd_below(2) ? 0 : 10 + rnd_below(t->mdlen - 9);
	tag = c.tag_req ? c.tag_req : t->mdlen;
	c.tag = tag;
	/* Composites are TLS sessions: the flag is optional there. */
	c.flags = (!t->mac && rnd_below(2)) ? 0 : COP_FLAG_AEAD_TLS_TYPE;
	rnd_fill(key, t->keylen);
	rnd_fill(mkey, mklen);
	rnd_fill(c.iv, sizeof(c.iv));

	c.aad = xmalloc(c.alen + c.len);	/* aad || data, for the HMAC */
	c.data = c.aad + c.alen;
	rnd_fill(c.aad, c.alen + c.len);
	/* a TLS header whose length field the kernel fills in */
	if (c.alen == 13 && rnd_below(2)) {
		c.flags |= COP_FLAG_TLS_SETLEN;
		c.aad[11] = (uint8_t)(c.len >> 8);
		c.aad[12] = (uint8_t)c.len;
	}
	pad = 16 - (c.len + tag) % 16;
	c.rlen = c.len + tag + pad;
	c.rec = xmalloc(c.rlen);

	/* The record OpenSSL's way: data || HMAC || padding, then CBC. */
	if (!ossl_hmac(t->md, mkey, mklen, c.aad, c.alen + c.len, mac, &n))
		goto out;
	memcpy(c.rec, c.data, c.len);
	memcpy(c.rec + c.len, mac, tag);
	memset(c.rec + c.len + tag, pad - 1, pad);
	if (!ossl_cipher(t->ossl, true, key, c.iv, c.rec, c.rlen, c.rec))
		goto out;
	/* the caller's length field is ignored: make it wrong */
	if (c.flags & COP_FLAG_TLS_SETLEN) {
		c.aad[11] ^= 0x80;
		c.aad[12] ^= (uint8_t)(1 + rnd_below(255));
	}

	if (t->mac) {
		if (xc_session(t->cipher, key, t->keylen, t->mac, mkey, mklen, &c.ses))
			goto out;
	} else {
		klen = authenc_key(blob, key, t->keylen, mkey, mklen);
		if (xc_session(t->cipher, blob, klen, 0, NULL, 0, &c.ses))
			goto out;
	}
	ok = tls_run(&c);
	cdev_fsession(devfd, c.ses);
out:
	free(c.aad);
	free(c.rec);
	return ok;
}

void xcheck_tls(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tlss); i++)
		run_family(tlss[i].name, ncases(CASES_MULTI), tls_case, (void *)&tlss[i]);
}

/* ------------------------------------------------------------------ */
/* SRTP mode                                                           */
/* ------------------------------------------------------------------ */

struct xc_srtp {
	const char *name;
	const char *ossl;	/* the CTR cipher */
	unsigned int keylen;
	__u32 mac;
	const char *md;
	unsigned int mdlen;
};

static const struct xc_srtp srtps[] = {
	{ "SRTP mode AES-128-CTR + HMAC-SHA1", "AES-128-CTR", 16, CRYPTO_SHA1_HMAC,
	  "SHA1", 20 },
	{ "SRTP mode AES-256-CTR + HMAC-SHA256", "AES-256-CTR", 32,
	  CRYPTO_SHA2_256_HMAC, "SHA256", 32 },
};

static int srtp_op(__u32 ses, __u16 op, uint8_t *pkt, size_t plen, size_t hlen,
		   size_t len, uint8_t *iv, uint8_t *tag, unsigned int tag_req,
		   __u32 *tag_len)
{
	struct crypt_auth_op caop;
	int ret;

	cdev_caop(&caop, ses, op, COP_FLAG_AEAD_SRTP_TYPE, pkt, plen, pkt + hlen,
		  pkt + hlen, len, iv, 16, tag, tag_req);
	ret = cdev_authcrypt(devfd, &caop);
	if (tag_len)
		*tag_len = caop.tag_len;
	return ret;
}

static bool srtp_case(void *arg, unsigned int i)
{
	const struct xc_srtp *t = arg;
	size_t hlen = 12 + 4 * rnd_below(8), len = 1 + rnd_len(8191);
	size_t tlen = rnd_below(4) ? 0 : rnd_below(17), plen = hlen + len + tlen;
	uint8_t key[32], mkey[20], iv[16], ivc[16], mac[64], tag[64 + 8];
	unsigned int tag_req = rnd_below(3) ? 10 : 0, tl = tag_req ?: t->mdlen, n;
	uint8_t *pkt = xmalloc(plen), *want = xmalloc(plen), *buf = xmalloc(plen);
	__u32 ses, tag_out;
	bool ok = false;
	int ret;

	rnd_fill(key, t->keylen);
	rnd_fill(mkey, sizeof(mkey));
	rnd_fill(iv, sizeof(iv));
	rnd_fill(pkt, plen);

	/* OpenSSL: encrypt the payload, then HMAC the whole packet. */
	memcpy(want, pkt, plen);
	if (!ossl_cipher(t->ossl, true, key, iv, pkt + hlen, len, want + hlen) ||
	    !ossl_hmac(t->md, mkey, sizeof(mkey), want, plen, mac, &n))
		goto out;
	if (xc_session(CRYPTO_AES_CTR, key, t->keylen, t->mac, mkey, sizeof(mkey), &ses))
		goto out;

	memcpy(buf, pkt, plen);
	memcpy(ivc, iv, sizeof(iv));
	memset(tag, CANARY, sizeof(tag));
	ret = srtp_op(ses, COP_ENCRYPT, buf, plen, hlen, len, ivc, tag, tag_req,
		      &tag_out);
	if (ret) {
		fail("encrypt: %s", strerror(-ret));
		goto out_ses;
	}
	if (tag_out != tl) {
		fail("encrypt wrote back tag_len %u, want %u", tag_out, tl);
		goto out_ses;
	}
	if (!same("packet", buf, want, plen) || !same("tag", tag, mac, tl) ||
	    !untouched("after the tag", tag + tl, sizeof(tag) - tl))
		goto out_ses;

	/* Decrypt: the tag is checked, the payload decrypted in place. */
	memcpy(ivc, iv, sizeof(iv));
	ret = srtp_op(ses, COP_DECRYPT, buf, plen, hlen, len, ivc, tag, tag_req, NULL);
	if (ret) {
		fail("decrypt: %s", strerror(-ret));
		goto out_ses;
	}
	if (!same("decrypted packet", buf, pkt, plen))
		goto out_ses;

	/* A flipped bit in the tag, then in the packet: EBADMSG, untouched. */
	memcpy(buf, want, plen);
	tag[rnd_below(tl)] ^= 1 << rnd_below(8);
	ret = srtp_op(ses, COP_DECRYPT, buf, plen, hlen, len, ivc, tag, tag_req, NULL);
	if (ret != -EBADMSG) {
		fail("tampered tag: %s, want EBADMSG", ret ? strerror(-ret) : "success");
		goto out_ses;
	}
	if (!same("packet after a tampered tag", buf, want, plen))
		goto out_ses;
	memcpy(tag, mac, tl);
	buf[rnd_below(plen)] ^= 1 << rnd_below(8);
	memcpy(want, buf, plen);
	ret = srtp_op(ses, COP_DECRYPT, buf, plen, hlen, len, ivc, tag, tag_req, NULL);
	if (ret != -EBADMSG) {
		fail("tampered packet: %s, want EBADMSG", ret ? strerror(-ret) : "success");
		goto out_ses;
	}
	if (!same("tampered packet", buf, want, plen))
		goto out_ses;

	ok = true;
	/* Once: the payload must be in place and inside the packet. */
	if (i == 0) {
		struct crypt_auth_op caop;

		cdev_caop(&caop, ses, COP_ENCRYPT, COP_FLAG_AEAD_SRTP_TYPE, buf, plen,
			  buf + hlen, pkt + hlen, len, ivc, 16, tag, tag_req);
		ret = cdev_authcrypt(devfd, &caop);
		if (ret != -EINVAL)
			ok = fail("src != dst: %s, want EINVAL", strerror(-ret));
		cdev_caop(&caop, ses, COP_ENCRYPT, COP_FLAG_AEAD_SRTP_TYPE, buf, plen,
			  buf + hlen, buf + hlen, plen, ivc, 16, tag, tag_req);
		ret = cdev_authcrypt(devfd, &caop);
		if (ret != -EINVAL)
			ok = fail("payload past the packet: %s, want EINVAL",
				  strerror(-ret));
	}
out_ses:
	cdev_fsession(devfd, ses);
out:
	if (!ok)
		fail("header %zu, payload %zu, trailer %zu, tag_len %u", hlen, len,
		     tlen, tag_req);
	free(pkt);
	free(want);
	free(buf);
	return ok;
}

void xcheck_srtp(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(srtps); i++)
		run_family(srtps[i].name, ncases(CASES_MULTI), srtp_case, (void *)&srtps[i]);
}
