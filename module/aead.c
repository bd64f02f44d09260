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
 * MAC together and fails with EBADMSG.
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

#define AUTH_FLAGS (COP_FLAG_WRITE_IV | COP_FLAG_NO_ZC | \
		    COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE)

/* TLS pads to the block size with at most 256 bytes. */
#define TLS_MAX_PAD 256

static int load_iv(struct ocf_op *op, const struct crypt_auth_op *caop)
{
	struct ocf_session *s = op->s;

	if (!caop->iv) {
		memcpy(op->iv, s->iv, s->ivsize);
		return 0;
	}
	/* A caller that states the IV length must give a whole IV. */
	if (caop->iv_len && caop->iv_len < s->ivsize)
		return -EINVAL;
	if (copy_from_user(op->iv, caop->iv, s->ivsize))
		return -EFAULT;
	return 0;
}

static int store_iv(struct ocf_op *op, const struct crypt_auth_op *caop)
{
	struct ocf_session *s = op->s;

	memcpy(s->iv, op->iv, s->ivsize);
	if ((caop->flags & COP_FLAG_WRITE_IV) && caop->iv && s->ivsize &&
	    copy_to_user(caop->iv, op->iv, s->ivsize))
		return -EFAULT;
	return 0;
}

static int copy_in(struct ocf_op *op, size_t off, const u8 __user *src, size_t len)
{
	if (len && copy_from_user(op->buf.data + off, src, len))
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

static int run_aead(struct ocf_op *op, struct crypt_auth_op *caop)
{
	struct ocf_session *s = op->s;
	bool enc = caop->op == COP_ENCRYPT;
	unsigned int alen = caop->auth_len, len = caop->len;
	unsigned int tag_len = caop->tag_len ?: s->deftag;
	struct aead_request *req = op->req;
	enum ocf_map mode = OCF_MAP_COPY;
	unsigned int out_len;
	int ret;

	if (caop->flags & (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	ret = ocf_aead_use_tag(s, tag_len);
	if (ret)
		return ret;
	if (!enc && len < tag_len)
		return -EINVAL;
	out_len = enc ? len + tag_len : len - tag_len;
	if (out_len && !caop->dst)
		return -EFAULT;
	if (ocf_want_zc(s, len, caop->flags))
		mode = enc ? OCF_MAP_ZC : OCF_MAP_ZC_VERIFY;

	ret = load_iv(op, caop);
	if (!ret)
		ret = ocf_op_map(op, caop->auth_src, alen, caop->src, len,
				 caop->dst, out_len, mode);
	if (ret)
		return ret;

	aead_request_set_tfm(req, s->aead);
	aead_request_set_callback(req, OCF_REQ_FLAGS, ocf_op_done, op);
	aead_request_set_ad(req, alen);
	aead_request_set_crypt(req, op->src_sg, op->dst_sg, len, op->iv);
	ocf_op_prepare(op);
	ret = ocf_op_wait(op, enc ? crypto_aead_encrypt(req) :
				    crypto_aead_decrypt(req));
	if (ret)
		return ret;

	ret = ocf_op_copy_out(op, caop->dst, out_len);
	if (!ret)
		ret = store_iv(op, caop);
	if (ret)
		return ret;
	caop->tag = caop->dst + (enc ? len : len - tag_len);
	caop->tag_len = tag_len;
	caop->len = out_len;
	return 0;
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

static int run_tls(struct ocf_op *op, struct crypt_auth_op *caop)
{
	struct ocf_session *s = op->s;
	bool enc = caop->op == COP_ENCRYPT;
	unsigned int alen = caop->auth_len, len = caop->len;
	unsigned int bs = s->blocksize;
	unsigned int tag_len = caop->tag_len ?: s->digestsize;
	unsigned int pad = 0, out_len, plain;
	struct scatterlist *sg;
	u8 *rec;
	int ret;

	if (!s->cipher || !s->hash || (caop->flags & COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	if (tag_len > s->digestsize)
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
	ret = copy_in(op, 0, caop->auth_src, alen);
	if (!ret)
		ret = copy_in(op, alen, caop->src, len);
	if (!ret)
		ret = load_iv(op, caop);
	if (ret)
		return ret;
	rec = op->buf.data + alen;

	if (enc) {
		sg = ocf_buf_sg(&op->buf, 0, alen + len);
		if (!sg)
			return -ENOMEM;
		ret = ocf_hash_digest(op, sg, alen + len);
		if (ret)
			return ret;
		memcpy(rec + len, op->digest, tag_len);
		memset(rec + len + tag_len, pad - 1, pad);
		sg = ocf_buf_sg(&op->buf, alen, out_len);
		if (!sg)
			return -ENOMEM;
		ret = ocf_skcipher_run(op, sg, sg, out_len, true);
		if (ret)
			return ret;
		plain = out_len;
	} else {
		unsigned int padlen = 0;
		bool ok = true;

		sg = ocf_buf_sg(&op->buf, alen, len);
		if (!sg)
			return -ENOMEM;
		ret = ocf_skcipher_run(op, sg, sg, len, false);
		if (ret)
			return ret;
		if (bs > 1) {
			padlen = tls_pad_ok(rec, len, tag_len);
			ok = padlen;
		}
		/* Bad padding: still compute the MAC, as if there were none. */
		plain = len - tag_len - padlen;
		sg = ocf_buf_sg(&op->buf, 0, alen + plain);
		if (!sg)
			return -ENOMEM;
		ret = ocf_hash_digest(op, sg, alen + plain);
		if (ret)
			return ret;
		if (crypto_memneq(op->digest, rec + plain, tag_len) || !ok)
			return -EBADMSG;
	}

	if (plain && copy_to_user(caop->dst, rec, plain))
		return -EFAULT;
	ret = store_iv(op, caop);
	if (ret)
		return ret;
	caop->tag_len = tag_len;
	caop->len = plain;
	return 0;
}

static int run_srtp(struct ocf_op *op, struct crypt_auth_op *caop)
{
	struct ocf_session *s = op->s;
	bool enc = caop->op == COP_ENCRYPT;
	unsigned int alen = caop->auth_len, len = caop->len;
	unsigned int tag_len = caop->tag_len ?: s->digestsize;
	unsigned long diff = (unsigned long)caop->src - (unsigned long)caop->auth_src;
	struct scatterlist *sg;
	u8 tag[OCF_MAX_DIGEST];
	int ret;

	if (!s->cipher || !s->hash || s->blocksize != 1)
		return -EINVAL;
	if (caop->src != caop->dst || !len || !alen || tag_len > s->digestsize)
		return -EINVAL;
	/* The data must lie inside the authenticated region. */
	if ((unsigned long)caop->src < (unsigned long)caop->auth_src ||
	    diff > alen || len > alen - diff)
		return -EINVAL;
	if (alen > ocf_limit(&ocf_max_request))
		return -E2BIG;

	ret = ocf_buf_alloc(&op->buf, alen);
	if (ret)
		return ret;
	ret = copy_in(op, 0, caop->auth_src, alen);
	if (!ret)
		ret = load_iv(op, caop);
	if (!ret && !enc && copy_from_user(tag, caop->tag, tag_len))
		ret = -EFAULT;
	if (ret)
		return ret;

	if (!enc) {
		sg = ocf_buf_sg(&op->buf, 0, alen);
		if (!sg)
			return -ENOMEM;
		ret = ocf_hash_digest(op, sg, alen);
		if (ret)
			return ret;
		if (crypto_memneq(op->digest, tag, tag_len))
			return -EBADMSG;
	}
	sg = ocf_buf_sg(&op->buf, diff, len);
	if (!sg)
		return -ENOMEM;
	ret = ocf_skcipher_run(op, sg, sg, len, enc);
	if (ret)
		return ret;
	if (enc) {
		sg = ocf_buf_sg(&op->buf, 0, alen);
		if (!sg)
			return -ENOMEM;
		ret = ocf_hash_digest(op, sg, alen);
		if (ret)
			return ret;
		if (copy_to_user(caop->tag, op->digest, tag_len))
			return -EFAULT;
	}
	if (copy_to_user(caop->dst, op->buf.data + diff, len))
		return -EFAULT;
	ret = store_iv(op, caop);
	if (ret)
		return ret;
	caop->tag_len = tag_len;
	return 0;
}

static int do_authcrypt(struct ocf_session *s, struct crypt_auth_op *caop)
{
	struct ocf_op *op = ocf_op_alloc(s);
	int ret;

	if (!op)
		return -ENOMEM;
	if (s->aead)
		ret = run_aead(op, caop);
	else if (s->tls_composite || (caop->flags & COP_FLAG_AEAD_TLS_TYPE))
		ret = run_tls(op, caop);
	else if (caop->flags & COP_FLAG_AEAD_SRTP_TYPE)
		ret = run_srtp(op, caop);
	else
		ret = -EINVAL;
	ocf_op_free(op);
	return ret;
}

/**
 * ocf_authcrypt() - CIOCAUTHCRYPT
 * @f: the open file
 * @caop: the operation (kernel copy); len, tag_len and tag are updated
 *
 * Return: 0; -EBADMSG when authentication fails; -EINVAL for an unknown
 * session, a bad op, flag, length or tag length, or a session of the wrong
 * kind; -E2BIG above the size limits; -EFAULT; -EINTR; -ENOMEM.
 */
long ocf_authcrypt(struct ocf_file *f, struct crypt_auth_op *caop)
{
	struct ocf_session *s = ocf_session_get(f, caop->ses);
	long ret = -EINVAL;

	if (!s)
		return -EINVAL;
	if (caop->op != COP_ENCRYPT && caop->op != COP_DECRYPT)
		goto out;
	if (caop->flags & ~AUTH_FLAGS)
		goto out;
	if ((caop->flags & COP_FLAG_AEAD_TLS_TYPE) &&
	    (caop->flags & COP_FLAG_AEAD_SRTP_TYPE))
		goto out;
	ret = -E2BIG;
	if (caop->len > ocf_limit(&ocf_max_request) || caop->auth_len > OCF_MAX_AAD)
		goto out;
	ret = -EINTR;
	if (mutex_lock_killable(&s->lock))
		goto out;
	ret = do_authcrypt(s, caop);
	mutex_unlock(&s->lock);
	ocf_session_account(s, caop->len, ret);
out:
	ocf_session_put(s);
	return ret;
}
