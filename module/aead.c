// SPDX-License-Identifier: GPL-2.0
/*
 * CIOCAUTHCRYPT: authenticated encryption in three modes.
 *
 * AEAD sessions (GCM, CCM, ChaCha20-Poly1305...): the additional data is
 * auth_src/auth_len; encryption writes ciphertext then tag to dst and
 * returns len + tag_len; decryption takes the tag at the end of src, returns
 * len - tag_len and fails with EBADMSG on a bad tag, writing nothing to
 * dst.
 *
 * TLS mode (COP_FLAG_AEAD_TLS_TYPE, or a TLS composite session; a CBC or
 * stream cipher + HMAC session): MAC over auth || data, then TLS padding,
 * then encryption of data || MAC || padding; decryption checks padding and
 * MAC together and fails with EBADMSG.  With COP_FLAG_TLS_SETLEN the
 * kernel puts the plaintext length into the TLS header (auth) itself, and
 * a decryption hashes as many bytes whatever the padding.
 *
 * SRTP mode (COP_FLAG_AEAD_SRTP_TYPE; a stream cipher + HMAC session): the
 * data (src == dst) lies inside the authenticated region auth_src; it is
 * encrypted, then the MAC of the whole region goes to tag.  Decryption
 * checks the tag first.
 *
 * User memory is written only after the operation succeeded: a failed
 * decryption leaves dst untouched.  TLS and SRTP modes work on a kernel
 * copy.  AEAD reads the caller's pages in place from zc_threshold bytes on
 * and encrypts into them; decryption writes into a kernel buffer that is
 * copied out once the tag has been verified.
 */
#include <linux/uaccess.h>
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>

#include "chardev.h"
#include "crypt.h"
#include "request.h"
#include "session.h"
#include "stats.h"
#include "ucopy.h"

#define AUTH_FLAGS (COP_FLAG_WRITE_IV | COP_FLAG_NO_ZC | \
		    COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE | \
		    COP_FLAG_TLS_SETLEN)

/* The TLS record header: sequence number, type, version, length. */
#define TLS_HDR_LEN 13

/* TLS pads to the block size with at most 256 bytes. */
#define TLS_MAX_PAD 256

/*
 * Check the IV an operation gives, to be copied in with its data; or take
 * the session's.
 */
static int check_iv(struct ocf_op *op, const struct ocf_req *r)
{
	struct ocf_session *s = op->s;

	if (!r->iv) {
		memcpy(op->iv, s->iv, s->ivsize);
		return 0;
	}
	/* A caller that states the IV length must give a whole IV. */
	if (r->iv_len && r->iv_len < s->ivsize)
		return -EINVAL;
	return 0;
}

static int load_iv(struct ocf_op *op, const struct ocf_req *r)
{
	int ret = check_iv(op, r);

	if (!ret && r->iv && ocf_copy_in(op->iv, r->iv, op->s->ivsize))
		return -EFAULT;
	return ret;
}

static int store_iv(struct ocf_op *op, const struct ocf_req *r)
{
	struct ocf_session *s = op->s;

	memcpy(s->iv, op->iv, s->ivsize);
	if ((r->flags & COP_FLAG_WRITE_IV) && r->iv && s->ivsize &&
	    ocf_copy_out(r->iv, op->iv, s->ivsize))
		return -EFAULT;
	return 0;
}

static int copy_in(struct ocf_op *op, size_t off, const u8 __user *src, size_t len)
{
	if (len && ocf_copy_in(op->buf.data + off, src, len))
		return -EFAULT;
	return 0;
}

/**
 * ocf_aead_use_tag() - set the tag length of an AEAD session's transform
 * @s: the session, locked
 * @tag_len: tag length
 *
 * Return: 0; -EINVAL for a length the algorithm refuses; -EBUSY while
 * asynchronous operations, which read it from the transform, are running.
 */
int ocf_aead_use_tag(struct ocf_session *s, unsigned int tag_len)
{
	lockdep_assert_held(&s->lock);
	if (tag_len > s->maxauth)
		return -EINVAL;
	if (tag_len == s->authsize)
		return 0;
	if (atomic_read(&s->inflight))
		return -EBUSY;
	if (crypto_aead_setauthsize(s->aead, tag_len))
		return -EINVAL;
	WRITE_ONCE(s->authsize, tag_len);
	return 0;
}

/**
 * ocf_aead_start() - start an AEAD encryption or decryption
 * @op: the operation; op->iv is used
 * @src: associated data, then input
 * @dst: associated data, then output (may be @src)
 * @alen: bytes of associated data
 * @len: bytes of input (with the tag, when decrypting)
 * @enc: encrypt (else decrypt)
 * @done: completion callback, called with @op if the driver goes
 *	asynchronous
 *
 * Return: what the crypto call returned (-EINPROGRESS, -EBUSY: @done
 * follows).
 */
int ocf_aead_start(struct ocf_op *op, struct scatterlist *src,
		   struct scatterlist *dst, unsigned int alen,
		   unsigned int len, bool enc, crypto_completion_t done)
{
	struct aead_request *req = op->req;

	aead_request_set_tfm(req, op->s->aead);
	aead_request_set_callback(req, OCF_REQ_FLAGS, done, op);
	aead_request_set_ad(req, alen);
	aead_request_set_crypt(req, src, dst, len, op->iv);
	return enc ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
}

/**
 * ocf_aead_run() - AEAD encryption or decryption, and wait
 * @op: the operation; op->iv is used
 * @src: associated data, then input
 * @dst: associated data, then output (may be @src)
 * @alen: bytes of associated data
 * @len: bytes of input (with the tag, when decrypting)
 * @enc: encrypt (else decrypt)
 *
 * Return: 0, -EBADMSG, or another negative errno (-EINTR: the caller was
 * killed).
 */
int ocf_aead_run(struct ocf_op *op, struct scatterlist *src,
		 struct scatterlist *dst, unsigned int alen, unsigned int len,
		 bool enc)
{
	ocf_op_prepare(op);
	return ocf_op_wait(op, ocf_aead_start(op, src, dst, alen, len, enc,
					      ocf_op_done));
}

static int run_aead(struct ocf_op *op, struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	bool enc = r->op == COP_ENCRYPT;
	unsigned int alen = r->auth_len, len = r->len;
	unsigned int tag_len = r->tag_len ?: s->deftag;
	enum ocf_map mode = OCF_MAP_COPY;
	unsigned int out_len;
	struct ocf_umap m;
	int ret;

	if (r->flags & (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE |
			COP_FLAG_TLS_SETLEN))
		return -EINVAL;
	ret = ocf_aead_use_tag(s, tag_len);
	if (ret)
		return ret;
	if (!enc && len < tag_len)
		return -EINVAL;
	out_len = enc ? len + tag_len : len - tag_len;
	if (out_len && !r->dst)
		return -EFAULT;
	if (ocf_want_zc(s, len, r->flags))
		mode = enc ? OCF_MAP_ZC : OCF_MAP_ZC_VERIFY;

	ret = check_iv(op, r);
	if (ret)
		return ret;
	m = (struct ocf_umap){
		.aad = r->auth_src, .alen = alen, .src = r->src, .in_len = len,
		.dst = r->dst, .out_len = out_len, .iv = r->iv, .mode = mode,
	};
	ret = ocf_op_map(op, &m);
	if (ret)
		return ret;

	ret = ocf_aead_run(op, op->src_sg, op->dst_sg, alen, len, enc);
	if (ret)
		return ret;

	ret = ocf_op_copy_out(op, r->dst, out_len);
	if (!ret)
		ret = store_iv(op, r);
	if (ret)
		return ret;
	r->mac = r->dst + (enc ? len : len - tag_len);
	r->tag_len = tag_len;
	r->len = out_len;
	return 0;
}

/* COP_FLAG_TLS_SETLEN: the plaintext length into the header's last field. */
static void tls_set_len(u8 *hdr, unsigned int plain)
{
	hdr[TLS_HDR_LEN - 2] = (u8)(plain >> 8);
	hdr[TLS_HDR_LEN - 1] = (u8)plain;
}

/* Constant-time check of TLS padding: returns the pad length or 0. */
static unsigned int tls_pad_ok(const u8 *rec, unsigned int len,
			       unsigned int tag_len)
{
	unsigned int pad = rec[len - 1] + 1, i, n;
	u8 bad = 0;

	if (pad + tag_len > len)
		return 0;
	n = min_t(unsigned int, len, TLS_MAX_PAD);
	for (i = 1; i <= n; i++) {
		u8 in_pad = (u8)-(i <= pad);	/* 0xff where byte i is padding */

		bad |= in_pad & (rec[len - i] ^ (pad - 1));
	}
	return bad ? 0 : pad;
}

static int run_tls(struct ocf_op *op, struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	bool enc = r->op == COP_ENCRYPT;
	unsigned int alen = r->auth_len, len = r->len;
	unsigned int bs = s->blocksize;
	unsigned int tag_len = r->tag_len ?: s->digestsize;
	unsigned int pad = 0, out_len, plain;
	bool setlen = r->flags & COP_FLAG_TLS_SETLEN;
	u8 *rec;
	int ret;

	if (r->flags & COP_FLAG_AEAD_SRTP_TYPE)
		return -EINVAL;
	if (tag_len > s->digestsize)
		return -EINVAL;
	/* a TLS record's plaintext fits its 16-bit length field */
	if (setlen && (alen != TLS_HDR_LEN || len > 0xffff))
		return -EINVAL;
	if (enc) {
		if (bs > 1)
			pad = bs - (len + tag_len) % bs;
		out_len = len + tag_len + pad;
	} else {
		if (!len || len % bs || len < tag_len)
			return -EINVAL;
		out_len = len;
	}
	if (out_len > ocf_limit(&ocf_max_request))
		return -E2BIG;

	ret = ocf_buf_alloc(&op->buf, alen + out_len);
	if (ret)
		return ret;
	ret = copy_in(op, 0, r->auth_src, alen);
	if (!ret)
		ret = copy_in(op, alen, r->src, len);
	if (!ret)
		ret = load_iv(op, r);
	if (ret)
		return ret;
	rec = op->buf.data + alen;

	if (enc) {
		if (setlen)
			tls_set_len(op->buf.data, len);
		ret = ocf_hash_buf(op, 0, alen + len);
		if (ret)
			return ret;
		memcpy(rec + len, op->digest, tag_len);
		memset(rec + len + tag_len, pad - 1, pad);
		ret = ocf_skcipher_buf(op, alen, out_len, true);
		if (ret)
			return ret;
		plain = out_len;
	} else {
		unsigned int padlen = 0;
		bool ok = true;

		ret = ocf_skcipher_buf(op, alen, len, false);
		if (ret)
			return ret;
		if (bs > 1) {
			padlen = tls_pad_ok(rec, len, tag_len);
			ok = padlen;
		}
		/* Bad padding: still compute the MAC, as if there were none. */
		plain = len - tag_len - padlen;
		if (setlen) {
			/*
			 * Hash the bytes the padding takes away (and one) in a
			 * throw-away digest first, so that the two together
			 * hash alen + len - tag_len + 1 bytes whatever the
			 * padding (Lucky Thirteen); the count of hash blocks
			 * still differs by at most one.
			 */
			ret = ocf_hash_buf(op, alen + plain, padlen + 1);
			if (ret)
				return ret;
			tls_set_len(op->buf.data, plain);
		}
		ret = ocf_hash_buf(op, 0, alen + plain);
		if (ret)
			return ret;
		if (crypto_memneq(op->digest, rec + plain, tag_len) || !ok) {
			atomic64_inc(&ocf_tls_records.rejected);
			return -EBADMSG;
		}
	}

	if (plain && ocf_copy_out(r->dst, rec, plain))
		return -EFAULT;
	ret = store_iv(op, r);
	if (ret)
		return ret;
	r->tag_len = tag_len;
	r->len = plain;
	atomic64_inc(enc ? &ocf_tls_records.sealed : &ocf_tls_records.opened);
	return 0;
}

static int run_srtp(struct ocf_op *op, struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	bool enc = r->op == COP_ENCRYPT;
	unsigned int alen = r->auth_len, len = r->len;
	unsigned int tag_len = r->tag_len ?: s->digestsize;
	unsigned long diff = (unsigned long)r->src - (unsigned long)r->auth_src;
	u8 tag[OCF_MAX_DIGEST];
	int ret;

	if (s->kind != OCF_KIND_CIPHER_MAC || s->blocksize != 1)
		return -EINVAL;
	if (r->src != r->dst || !len || !alen || tag_len > s->digestsize)
		return -EINVAL;
	/* The data must lie inside the authenticated region. */
	if ((unsigned long)r->src < (unsigned long)r->auth_src ||
	    diff > alen || len > alen - diff)
		return -EINVAL;
	if (alen > ocf_limit(&ocf_max_request))
		return -E2BIG;

	ret = ocf_buf_alloc(&op->buf, alen);
	if (ret)
		return ret;
	ret = copy_in(op, 0, r->auth_src, alen);
	if (!ret)
		ret = load_iv(op, r);
	if (!ret && !enc && ocf_copy_in(tag, r->mac, tag_len))
		ret = -EFAULT;
	if (ret)
		return ret;

	if (!enc) {
		ret = ocf_hash_buf(op, 0, alen);
		if (ret)
			return ret;
		if (crypto_memneq(op->digest, tag, tag_len))
			return -EBADMSG;
	}
	ret = ocf_skcipher_buf(op, diff, len, enc);
	if (ret)
		return ret;
	if (enc) {
		ret = ocf_hash_buf(op, 0, alen);
		if (ret)
			return ret;
		if (ocf_copy_out(r->mac, op->digest, tag_len))
			return -EFAULT;
	}
	if (ocf_copy_out(r->dst, op->buf.data + diff, len))
		return -EFAULT;
	ret = store_iv(op, r);
	if (ret)
		return ret;
	r->tag_len = tag_len;
	return 0;
}

static int do_authcrypt(struct ocf_session *s, struct ocf_req *r)
{
	struct ocf_op *op = ocf_op_alloc(s);
	int ret;

	if (!op)
		return -ENOMEM;
	if (s->kind == OCF_KIND_AEAD)
		ret = run_aead(op, r);
	else if (s->kind == OCF_KIND_TLS ||
		 (s->kind == OCF_KIND_CIPHER_MAC &&
		  (r->flags & COP_FLAG_AEAD_TLS_TYPE)))
		ret = run_tls(op, r);
	else if (r->flags & COP_FLAG_AEAD_SRTP_TYPE)
		ret = run_srtp(op, r);
	else
		ret = -EINVAL;
	ocf_op_free(op);
	return ret;
}

/**
 * ocf_run_authcrypt() - run an operation with CIOCAUTHCRYPT's semantics
 * @s: the session (a reference held by the caller)
 * @r: the operation; len, tag_len and mac (the tag) are updated
 *
 * Return: 0; -EBADMSG when authentication fails; -EINVAL for a bad op,
 * flag, length or tag length, or a session of the wrong kind; -E2BIG above
 * the size limits; -EFAULT; -EINTR; -ENOMEM.
 */
long ocf_run_authcrypt(struct ocf_session *s, struct ocf_req *r)
{
	long ret;

	if (r->op != COP_ENCRYPT && r->op != COP_DECRYPT)
		return -EINVAL;
	if (r->flags & ~AUTH_FLAGS)
		return -EINVAL;
	if ((r->flags & COP_FLAG_AEAD_TLS_TYPE) &&
	    (r->flags & COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	if ((r->flags & COP_FLAG_TLS_SETLEN) &&
	    (r->flags & COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	if (r->len > ocf_limit(&ocf_max_request) || r->auth_len > OCF_MAX_AAD)
		return -E2BIG;
	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	ret = do_authcrypt(s, r);
	mutex_unlock(&s->lock);
	ocf_session_account(s, r->len, ret);
	return ret;
}

/**
 * ocf_authcrypt() - CIOCAUTHCRYPT
 * @f: the open file
 * @caop: the operation (kernel copy); len, tag_len and tag are updated
 *
 * Return: as ocf_run_authcrypt(), and -EINVAL for an unknown session.
 */
long ocf_authcrypt(struct ocf_file *f, struct crypt_auth_op *caop)
{
	struct ocf_session *s = ocf_session_get(f, caop->ses);
	struct ocf_req r = {
		.op = caop->op, .flags = caop->flags, .len = caop->len,
		.auth_len = caop->auth_len, .tag_len = caop->tag_len,
		.iv_len = caop->iv_len, .src = caop->src, .dst = caop->dst,
		.auth_src = caop->auth_src, .mac = caop->tag, .iv = caop->iv,
	};
	long ret;

	if (!s)
		return -EINVAL;
	ret = ocf_run_authcrypt(s, &r);
	if (!ret) {
		caop->len = r.len;
		caop->tag_len = r.tag_len;
		caop->tag = r.mac;
	}
	ocf_session_put(s);
	return ret;
}

/* Self-test of the TLS padding check (main.c, selftest=1). */
bool __init ocf_aead_selftest(void)
{
	static const struct {
		unsigned int len, tag_len, last, bad_at, want;
	} cases[] = {
		{ 32, 20, 3, 0, 4 },		/* 4 bytes of 3 */
		{ 32, 20, 3, 29, 0 },		/* one of them wrong */
		{ 32, 20, 31, 0, 0 },		/* longer than the record */
		{ 32, 20, 0, 0, 1 },		/* only the length byte */
		{ 32, 20, 11, 0, 12 },		/* up to the MAC */
		{ 32, 20, 12, 0, 0 },		/* into the MAC */
		{ 300, 0, 255, 0, 256 },	/* the longest */
		{ 300, 0, 255, 44, 0 },		/* its first byte wrong */
	};
	static u8 rec[300] __initdata;
	unsigned int i, got;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned int len = cases[i].len;

		memset(rec, 0xaa, len);
		memset(rec + len - cases[i].last - 1, cases[i].last,
		       cases[i].last + 1);
		if (cases[i].bad_at)
			rec[cases[i].bad_at] ^= 1;
		got = tls_pad_ok(rec, len, cases[i].tag_len);
		if (got != cases[i].want) {
			pr_err("self-test: TLS padding case %u: %u, not %u\n",
			       i, got, cases[i].want);
			return false;
		}
	}
	return true;
}
