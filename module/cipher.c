// SPDX-License-Identifier: GPL-2.0
/*
 * CIOCCRYPT: ciphers, hashes, and cipher + MAC sessions.
 *
 * Small requests are copied into a kernel buffer and processed in place
 * there; from zc_threshold bytes on the caller's pages are pinned and used
 * directly (request.c, pin.c).
 * A cipher + MAC session hashes the plaintext: before encryption, after
 * decryption.  The IV an operation ends with (the CBC chaining value, the
 * next CTR counter) becomes the session's IV for an operation that passes
 * none, and is written back to user space on COP_FLAG_WRITE_IV.
 */
#include <linux/uaccess.h>
#include <crypto/skcipher.h>

#include "chardev.h"
#include "crypt.h"
#include "request.h"
#include "session.h"

#define CRYPT_FLAGS (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_WRITE_IV | \
		     COP_FLAG_NO_ZC | COP_FLAG_RESET)

/**
 * ocf_skcipher_run() - encrypt or decrypt with the session cipher
 * @op: the operation; op->iv is used and updated
 * @src: input
 * @dst: output (may be @src)
 * @len: its length
 * @enc: encrypt (else decrypt)
 *
 * Return: 0 or a negative errno (-EINTR: the caller was killed).
 */
int ocf_skcipher_run(struct ocf_op *op, struct scatterlist *src,
		     struct scatterlist *dst, unsigned int len, bool enc)
{
	struct skcipher_request *req = op->req;

	skcipher_request_set_tfm(req, op->s->cipher);
	skcipher_request_set_callback(req, OCF_REQ_FLAGS, ocf_op_done, op);
	skcipher_request_set_crypt(req, src, dst, len, op->iv);
	ocf_op_prepare(op);
	return ocf_op_wait(op, enc ? crypto_skcipher_encrypt(req) :
				     crypto_skcipher_decrypt(req));
}

static int check_crypt(const struct ocf_session *s, const struct crypt_op *cop)
{
	if (cop->op != COP_ENCRYPT && cop->op != COP_DECRYPT)
		return -EINVAL;
	if (cop->flags & ~CRYPT_FLAGS)
		return -EINVAL;
	/* AEAD and TLS sessions take CIOCAUTHCRYPT. */
	if (s->aead || s->tls_composite)
		return -EINVAL;
	if (cop->len > ocf_limit(&ocf_max_request))
		return -E2BIG;
	if (s->cipher) {
		if (!cop->len || !ocf_cipher_len_ok(s, cop->len))
			return -EINVAL;
		/* Multi-part flags are for hash sessions only. */
		if (cop->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET))
			return -EINVAL;
	}
	return 0;
}

static int run_cipher(struct ocf_op *op, const struct crypt_op *cop)
{
	struct ocf_session *s = op->s;
	bool enc = cop->op == COP_ENCRYPT;
	int ret;

	if (cop->iv) {
		if (copy_from_user(op->iv, cop->iv, s->ivsize))
			return -EFAULT;
	} else {
		memcpy(op->iv, s->iv, s->ivsize);
	}

	if (s->hash && enc) {
		ret = ocf_hash_digest(op, op->src_sg, cop->len);
		if (ret)
			return ret;
	}
	ret = ocf_skcipher_run(op, op->src_sg, op->dst_sg, cop->len, enc);
	if (ret)
		return ret;
	if (s->hash && !enc) {
		ret = ocf_hash_digest(op, op->dst_sg, cop->len);
		if (ret)
			return ret;
	}

	memcpy(s->iv, op->iv, s->ivsize);
	ret = ocf_op_copy_out(op, cop->dst, cop->len);
	if (ret)
		return ret;
	if ((cop->flags & COP_FLAG_WRITE_IV) && cop->iv && s->ivsize &&
	    copy_to_user(cop->iv, op->iv, s->ivsize))
		return -EFAULT;
	if (s->hash && copy_to_user(cop->mac, op->digest, s->digestsize))
		return -EFAULT;
	return 0;
}

static int do_crypt(struct ocf_session *s, const struct crypt_op *cop)
{
	enum ocf_map mode = ocf_want_zc(s, cop->len, cop->flags) ? OCF_MAP_ZC :
								  OCF_MAP_COPY;
	struct ocf_op *op;
	int ret;

	if (s->cipher && !cop->dst)
		return -EFAULT;
	op = ocf_op_alloc(s);
	if (!op)
		return -ENOMEM;
	if (s->cipher) {
		ret = ocf_op_map(op, NULL, 0, cop->src, cop->len, cop->dst,
				 cop->len, mode);
		if (!ret)
			ret = run_cipher(op, cop);
	} else {
		ret = ocf_op_map(op, NULL, 0, cop->src, cop->len, NULL, 0, mode);
		if (!ret)
			ret = ocf_hash_multipart(op, cop->flags, cop->len, cop->mac);
	}
	ocf_op_free(op);
	return ret;
}

/**
 * ocf_crypt() - CIOCCRYPT
 * @f: the open file
 * @cop: the operation (kernel copy; pointers are user pointers)
 *
 * Return: 0; -EINVAL for an unknown session, a bad op, flag or length, or
 * an AEAD session; -E2BIG above ocf_max_request; -EFAULT; -EINTR when
 * killed; -ENOMEM; a driver's error.
 */
long ocf_crypt(struct ocf_file *f, struct crypt_op *cop)
{
	struct ocf_session *s = ocf_session_get(f, cop->ses);
	long ret;

	if (!s)
		return -EINVAL;
	ret = check_crypt(s, cop);
	if (ret)
		goto out;
	ret = -EINTR;
	if (mutex_lock_killable(&s->lock))
		goto out;
	ret = do_crypt(s, cop);
	mutex_unlock(&s->lock);
	ocf_session_account(s, cop->len, ret);
out:
	ocf_session_put(s);
	return ret;
}
