// SPDX-License-Identifier: GPL-2.0
/*
 * Hashes and MACs: one-shot digests, multi-part hashing and CIOCCPHASH.
 *
 * Multi-part state lives in the session as an exported hash state
 * (crypto_ahash_export), not in a long-lived request: each operation
 * imports it, works, and exports it again.  So an operation that is
 * abandoned by a killed waiter never leaves a request in the session that a
 * driver could still be writing, and CIOCCPHASH is a copy of bytes.
 *
 * When is a hash finished?  An operation finalises when it carries
 * COP_FLAG_FINAL, or lacks COP_FLAG_UPDATE, or has no data (the
 * cryptodev-linux rules).  It continues the previous state only when the
 * previous operation on the session was an unfinished UPDATE, and
 * COP_FLAG_RESET always starts afresh.  cryptodev-linux instead continues
 * unless the flags are exactly 0 or RESET, so an operation with only
 * WRITE_IV or NO_ZC silently mixes in the previous message; we do not.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <crypto/hash.h>

#include "chardev.h"
#include "crypt.h"
#include "request.h"
#include "session.h"
#include "ucopy.h"

static struct ahash_request *hash_req(struct ocf_op *op)
{
	struct ahash_request *req = op->req;

	ahash_request_set_tfm(req, op->s->hash);
	ahash_request_set_callback(req, OCF_REQ_FLAGS, ocf_op_done, op);
	return req;
}

/**
 * ocf_hash_start() - start a one-shot digest into op->digest
 * @op: the operation
 * @sg: data
 * @len: its length
 * @done: completion callback, called with @op if the driver goes
 *	asynchronous
 *
 * Return: what the crypto call returned (-EINPROGRESS, -EBUSY: @done
 * follows).
 */
int ocf_hash_start(struct ocf_op *op, struct scatterlist *sg, unsigned int len,
		   crypto_completion_t done)
{
	struct ahash_request *req = op->req;

	ahash_request_set_tfm(req, op->s->hash);
	ahash_request_set_callback(req, OCF_REQ_FLAGS, done, op);
	ahash_request_set_crypt(req, sg, op->digest, len);
	return crypto_ahash_digest(req);
}

/**
 * ocf_hash_digest() - one-shot digest into op->digest, and wait
 * @op: the operation
 * @sg: data
 * @len: its length
 *
 * Return: 0 or a negative errno (-EINTR: the caller was killed).
 */
int ocf_hash_digest(struct ocf_op *op, struct scatterlist *sg, unsigned int len)
{
	ocf_op_prepare(op);
	return ocf_op_wait(op, ocf_hash_start(op, sg, len, ocf_op_done));
}

/**
 * ocf_hash_buf() - digest of part of the operation's kernel copy, and wait
 * @op: the operation
 * @off: where the part starts in op->buf
 * @len: its length
 *
 * Return: as ocf_hash_digest(), and -ENOMEM.
 */
int ocf_hash_buf(struct ocf_op *op, size_t off, unsigned int len)
{
	struct scatterlist *sg = ocf_buf_sg(&op->buf, off, len);

	return sg ? ocf_hash_digest(op, sg, len) : -ENOMEM;
}

/**
 * ocf_hash_multipart() - one step of a multi-part hash (CIOCCRYPT)
 * @op: the operation, with its data mapped; the session is locked
 * @flags: COP_FLAG_* of the operation
 * @len: bytes of data
 * @mac: where the digest goes when the hash finishes
 *
 * Return: 0 or a negative errno (-EINTR: the caller was killed).
 */
int ocf_hash_multipart(struct ocf_op *op, u16 flags, unsigned int len,
		       u8 __user *mac)
{
	struct ocf_session *s = op->s;
	bool final = (flags & COP_FLAG_FINAL) || !(flags & COP_FLAG_UPDATE) || !len;
	bool resume = s->hash_open && !(flags & COP_FLAG_RESET);
	struct scatterlist *sg = op->src_sg;
	struct ahash_request *req;
	int ret;

	lockdep_assert_held(&s->lock);
	/* Whatever happens below, the old state is used up. */
	s->hash_open = false;
	if (!resume && final) {
		ret = ocf_hash_digest(op, sg, len);
		goto out;
	}

	req = hash_req(op);
	if (resume) {
		ret = crypto_ahash_import(req, s->hstate);
	} else {
		ocf_op_prepare(op);
		ret = ocf_op_wait(op, crypto_ahash_init(req));
	}
	if (!ret && len) {
		ahash_request_set_crypt(req, sg, NULL, len);
		ocf_op_prepare(op);
		ret = ocf_op_wait(op, crypto_ahash_update(req));
	}
	if (ret)
		goto out;
	if (final) {
		ahash_request_set_crypt(req, NULL, op->digest, 0);
		ocf_op_prepare(op);
		ret = ocf_op_wait(op, crypto_ahash_final(req));
	} else {
		ret = crypto_ahash_export(req, s->hstate);
		if (!ret)
			s->hash_open = true;
	}
out:
	if (!ret && final && ocf_copy_out(mac, op->digest, s->digestsize))
		ret = -EFAULT;
	return ret;
}

static bool hash_only(const struct ocf_session *s)
{
	return s->kind == OCF_KIND_HASH;
}

/**
 * ocf_cphash() - copy the hash state of one session into another
 * @f: the open file owning both sessions
 * @cp: the sessions
 *
 * Both must be hash-only sessions of the same driver, and distinct.
 *
 * Return: 0, -EINVAL, -EINTR or -ENOMEM.
 */
long ocf_cphash(struct ocf_file *f, const struct cphash_op *cp)
{
	struct ocf_session *src, *dst = NULL;
	unsigned int size;
	bool open;
	void *state;
	long ret = -EINVAL;

	if (cp->src_ses == cp->dst_ses)
		return -EINVAL;
	src = ocf_session_get(f, cp->src_ses);
	if (!src)
		return -EINVAL;
	dst = ocf_session_get(f, cp->dst_ses);
	if (!dst)
		goto out;
	if (!hash_only(src) || !hash_only(dst) ||
	    strcmp(crypto_tfm_alg_driver_name(crypto_ahash_tfm(src->hash)),
		   crypto_tfm_alg_driver_name(crypto_ahash_tfm(dst->hash))))
		goto out;

	size = crypto_ahash_statesize(src->hash);
	state = kmalloc(size, GFP_KERNEL);
	ret = -ENOMEM;
	if (!state)
		goto out;

	/* One session lock at a time: no ordering between sessions needed. */
	ret = -EINTR;
	if (mutex_lock_killable(&src->lock))
		goto out_free;
	open = src->hash_open;
	memcpy(state, src->hstate, size);
	mutex_unlock(&src->lock);

	if (mutex_lock_killable(&dst->lock))
		goto out_free;
	memcpy(dst->hstate, state, size);
	dst->hash_open = open;
	mutex_unlock(&dst->lock);
	ret = 0;

out_free:
	kfree_sensitive(state);
out:
	if (dst)
		ocf_session_put(dst);
	ocf_session_put(src);
	return ret;
}
