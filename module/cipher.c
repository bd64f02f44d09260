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
#include "ucopy.h"

#define CRYPT_FLAGS (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_WRITE_IV | \
		     COP_FLAG_NO_ZC | COP_FLAG_RESET)

/**
 * ocf_skcipher_start() - start encrypting or decrypting with the session
 * cipher
 * @op: the operation; op->iv is used and updated
 * @src: input
 * @dst: output (may be @src)
 * @len: its length
 * @enc: encrypt (else decrypt)
 * @done: completion callback, called with @op if the driver goes
 *	asynchronous
 *
 * A session with a keystream state (s->cstate) needs s->lock held, and
 * ocf_skcipher_run() to keep the state the operation ends with.
 *
 * Return: what the crypto call returned (-EINPROGRESS, -EBUSY: @done
 * follows).
 */
int ocf_skcipher_start(struct ocf_op *op, struct scatterlist *src,
		       struct scatterlist *dst, unsigned int len, bool enc,
		       crypto_completion_t done)
{
	struct ocf_session *s = op->s;
	struct skcipher_request *req = op->req;
	u32 flags = OCF_REQ_FLAGS;
	int ret;

	/*
	 * A stream cipher whose keystream the request holds (s->cstate) goes
	 * on from where the session's last operation ended, as the transform
	 * did before 6.8; the first one starts from the key.
	 */
	if (s->cstate) {
		lockdep_assert_held(&s->lock);
		flags |= OCF_SKCIPHER_REQ_NOTFINAL;
		if (s->cstate_set)
			flags |= OCF_SKCIPHER_REQ_CONT;
	}
	skcipher_request_set_tfm(req, s->cipher);
	skcipher_request_set_callback(req, flags, done, op);
	skcipher_request_set_crypt(req, src, dst, len, op->iv);
	if (s->cstate && s->cstate_set) {
		ret = ocf_skcipher_import(req, s->cstate);
		if (ret)
			return ret;
	}
	return enc ? crypto_skcipher_encrypt(req) : crypto_skcipher_decrypt(req);
}

/**
 * ocf_skcipher_run() - encrypt or decrypt with the session cipher, and
 * wait
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
	struct ocf_session *s = op->s;
	int ret;

	ocf_op_prepare(op);
	ret = ocf_op_wait(op, ocf_skcipher_start(op, src, dst, len, enc,
						 ocf_op_done));
	if (!ret && s->cstate) {
		ret = ocf_skcipher_export(op->req, s->cstate);
		s->cstate_set = !ret;
	}
	return ret;
}

/**
 * ocf_skcipher_buf() - encrypt or decrypt part of the operation's kernel
 * copy in place, and wait
 * @op: the operation
 * @off: where the part starts in op->buf
 * @len: its length
 * @enc: encrypt (else decrypt)
 *
 * Return: as ocf_skcipher_run(), and -ENOMEM.
 */
int ocf_skcipher_buf(struct ocf_op *op, size_t off, unsigned int len, bool enc)
{
	struct scatterlist *sg = ocf_buf_sg(&op->buf, off, len);

	return sg ? ocf_skcipher_run(op, sg, sg, len, enc) : -ENOMEM;
}

static int check_crypt(const struct ocf_session *s, const struct ocf_req *r)
{
	if (r->op != COP_ENCRYPT && r->op != COP_DECRYPT)
		return -EINVAL;
	if (r->flags & ~CRYPT_FLAGS)
		return -EINVAL;
	/* AEAD and TLS sessions take CIOCAUTHCRYPT. */
	if (s->kind == OCF_KIND_AEAD || s->kind == OCF_KIND_TLS)
		return -EINVAL;
	if (r->len > ocf_limit(&ocf_max_request))
		return -E2BIG;
	if (s->kind != OCF_KIND_HASH) {
		if (!r->len || !ocf_cipher_len_ok(s, r->len))
			return -EINVAL;
		/* Multi-part flags are for hash sessions only. */
		if (r->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET))
			return -EINVAL;
	}
	return 0;
}

static int run_cipher(struct ocf_op *op, const struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	bool enc = r->op == COP_ENCRYPT;
	bool mac = s->kind == OCF_KIND_CIPHER_MAC;
	int ret;

	/* An IV given was copied in with the data (do_crypt()). */
	if (!r->iv)
		memcpy(op->iv, s->iv, s->ivsize);

	if (mac && enc) {
		ret = ocf_hash_digest(op, op->src_sg, r->len);
		if (ret)
			return ret;
	}
	ret = ocf_skcipher_run(op, op->src_sg, op->dst_sg, r->len, enc);
	if (ret)
		return ret;
	if (mac && !enc) {
		ret = ocf_hash_digest(op, op->dst_sg, r->len);
		if (ret)
			return ret;
	}

	memcpy(s->iv, op->iv, s->ivsize);
	ret = ocf_op_copy_out(op, r->dst, r->len);
	if (ret)
		return ret;
	if ((r->flags & COP_FLAG_WRITE_IV) && r->iv && s->ivsize &&
	    ocf_copy_out(r->iv, op->iv, s->ivsize))
		return -EFAULT;
	if (mac && ocf_copy_out(r->mac, op->digest, s->digestsize))
		return -EFAULT;
	return 0;
}

static int do_crypt(struct ocf_session *s, const struct ocf_req *r)
{
	struct ocf_umap m = {
		.src = r->src, .in_len = r->len,
		.mode = ocf_want_zc(s, r->len, r->flags) ? OCF_MAP_ZC : OCF_MAP_COPY,
	};
	struct ocf_op *op;
	int ret;

	if (s->kind != OCF_KIND_HASH && !r->dst)
		return -EFAULT;
	op = ocf_op_alloc(s);
	if (!op)
		return -ENOMEM;
	if (s->kind != OCF_KIND_HASH) {
		m.dst = r->dst;
		m.out_len = r->len;
		m.iv = r->iv;
		ret = ocf_op_map(op, &m);
		if (!ret)
			ret = run_cipher(op, r);
	} else {
		ret = ocf_op_map(op, &m);
		if (!ret)
			ret = ocf_hash_multipart(op, r->flags, r->len, r->mac);
	}
	ocf_op_free(op);
	return ret;
}

/**
 * ocf_run_crypt() - run an operation with CIOCCRYPT's semantics
 * @s: the session (a reference held by the caller)
 * @r: the operation
 *
 * Return: 0; -EINVAL for a bad op, flag or length, or an AEAD session;
 * -E2BIG above ocf_max_request; -EFAULT; -EINTR when killed; -ENOMEM; a
 * driver's error.
 */
long ocf_run_crypt(struct ocf_session *s, struct ocf_req *r)
{
	long ret = check_crypt(s, r);

	if (ret)
		return ret;
	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	ret = do_crypt(s, r);
	mutex_unlock(&s->lock);
	ocf_session_account(s, r->len, ret);
	return ret;
}

/**
 * ocf_crypt() - CIOCCRYPT
 * @f: the open file
 * @cop: the operation (kernel copy; pointers are user pointers)
 *
 * Return: as ocf_run_crypt(), and -EINVAL for an unknown session.
 */
long ocf_crypt(struct ocf_file *f, struct crypt_op *cop)
{
	struct ocf_session *s = ocf_session_get(f, cop->ses);
	struct ocf_req r = {
		.op = cop->op, .flags = cop->flags, .len = cop->len,
		.src = cop->src, .dst = cop->dst, .mac = cop->mac, .iv = cop->iv,
	};
	long ret;

	if (!s)
		return -EINVAL;
	ret = ocf_run_crypt(s, &r);
	ocf_session_put(s);
	return ret;
}
