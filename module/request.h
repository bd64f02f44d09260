/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_REQUEST_H
#define _OCF_REQUEST_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/workqueue.h>

#include <crypto/cryptodev.h>

#include "ocf.h"
#include "pin.h"

struct ocf_session;
struct ocf_queue;

/**
 * struct ocf_buf - kernel copy of the data of one operation
 * @data: linear buffer: @inl, or kmalloc or vmalloc memory
 * @len: its length
 * @inl: the operation's own small buffer, used when @len fits
 * @inl_size: its size
 * @sgt: scatterlist over part of @data when @data is vmalloc memory
 * @one: the single entry used otherwise
 * @one_inl: @one describes @inl from its start (only its length changes)
 */
struct ocf_buf {
	u8 *data;
	size_t len;
	u8 *inl;
	size_t inl_size;
	struct sg_table sgt;
	struct scatterlist one;
	bool one_inl;
};

/**
 * struct ocf_op - one operation on a session, from submission to completion
 * @s: the session; the operation holds a reference
 * @refs: holders: the submitter, and a driver still working on an
 *	operation its waiter abandoned; the last ocf_op_free() releases it
 * @buf: kernel copy of the associated data, then (copy mode) the data
 * @zc: the data is the caller's pinned memory (@usrc, @udst)
 * @verify_out: zero-copy input, but the driver writes into @buf; the
 *	output reaches the caller's pages only once it is verified
 * @plen: bytes of associated data at the start of @buf
 * @usrc: pinned source (zero-copy); also the destination when in place
 * @udst: pinned destination (zero-copy, not in place)
 * @ssgt: scatterlist table of the source (zero-copy)
 * @dsgt: scatterlist table of the destination (zero-copy, not in place)
 * @sfew: entries of @ssgt when a few are enough (no allocation)
 * @dfew: likewise for @dsgt
 * @src_sg: where a driver reads
 * @dst_sg: where a driver writes
 * @done: completed by the crypto callback of an asynchronous step
 * @state: OCF_OP_* handshake between a waiter and the callback
 * @err: result of the last asynchronous step
 * @free_work: frees an operation from process context
 * @iv: the IV this operation uses and updates
 * @digest: hash or tag output
 * @release: releases what the owner of an asynchronous operation (async.c)
 *	attached to it, when the last reference goes; NULL for the others
 * The fields from @node to @deliver_err belong to async.c:
 * @node: entry in the completion queue
 * @q: completion queue of an asynchronous operation
 * @mm: address space whose RLIMIT_MEMLOCK the pinned pages are charged to
 * @locked: pages charged
 * @qbytes: bytes charged to the file's max_pinned budget
 * @umac: pinned digest output
 * @uiv: pinned IV output (COP_FLAG_WRITE_IV)
 * @desc: the request as user space described it, reported on completion
 * @legacy: submitted with CIOCASYNCCRYPT
 * @synced: ran synchronously at submission
 * @parts: a copied operation completes when both the driver and the
 *	submitter are done with it
 * @deliver_err: the outputs cannot be delivered (pinning or charging
 *	failed after submission)
 * @enc: encrypting
 * @status: result of an asynchronous operation
 * @out_len: bytes of output
 * @tag_len: tag length used (AEAD)
 * @req: crypto request area, large enough for any transform of @s
 * @cache: entry in the session's list of idle operations (session.c)
 *
 * An operation owns everything a driver may still touch (request, IV,
 * data, digest, pinned pages, the session reference), so that a killed
 * waiter or a closed file can leave and the operation is freed later.
 *
 * The last reference gives an operation back to its session, which keeps
 * a few idle ones for the next calls (ocf_op_alloc()): the steady state
 * allocates nothing.  Everything from @zc to @tag_len is zero when an
 * operation is handed out, and is wiped when it comes back.
 */
struct ocf_op {
	struct ocf_session *s;
	refcount_t refs;
	struct list_head cache;
	struct completion done;
	struct work_struct free_work;
	void *req;
	struct ocf_buf buf;
	struct scatterlist sfew[OCF_UMEM_FEW + 1];
	struct scatterlist dfew[OCF_UMEM_FEW + 1];

	/* Per use, zeroed: from here to @tag_len (OCF_OP_RESET_*). */
	bool zc;
	bool verify_out;
	size_t plen;
	struct ocf_umem usrc;
	struct ocf_umem udst;
	struct sg_table ssgt;
	struct sg_table dsgt;
	struct scatterlist *src_sg;
	struct scatterlist *dst_sg;

	atomic_t state;
	int err;
	u8 iv[OCF_MAX_IV];
	u8 digest[OCF_MAX_DIGEST];

	void (*release)(struct ocf_op *op);
	struct list_head node;
	struct ocf_queue *q;
	struct mm_struct *mm;
	unsigned long locked;
	size_t qbytes;
	struct ocf_umem umac;
	struct ocf_umem uiv;
	struct ocf_crypt_desc desc;
	bool legacy;
	bool synced;
	atomic_t parts;
	int deliver_err;
	bool enc;
	int status;
	u32 out_len;
	u32 tag_len;
};

#define OCF_OP_RESET_START	offsetof(struct ocf_op, zc)
#define OCF_OP_RESET_END	offsetofend(struct ocf_op, tag_len)

/* Bytes of data an operation carries inline, without an allocation. */
#define OCF_OP_INLINE		(1024 + 256)

struct ocf_op *ocf_op_alloc(struct ocf_session *s);
void ocf_op_free(struct ocf_op *op);
void ocf_op_cache_free(struct ocf_session *s);
void ocf_op_free_later(struct ocf_op *op);
void ocf_pending_get(void);
void ocf_pending_put(void);
void ocf_op_prepare(struct ocf_op *op);
int ocf_op_wait(struct ocf_op *op, int err);
void ocf_op_done(OCF_CRYPTO_CB_ARG arg, int err);

/* Request flags of every crypto call: we may sleep, and accept backlog. */
#define OCF_REQ_FLAGS (CRYPTO_TFM_REQ_MAY_SLEEP | CRYPTO_TFM_REQ_MAY_BACKLOG)

/* How ocf_op_map() gives an operation its data. */
enum ocf_map {
	OCF_MAP_COPY,		/* kernel copy, processed in place */
	OCF_MAP_ZC,		/* the caller's pages, in and out */
	OCF_MAP_ZC_VERIFY,	/* the caller's pages in; out after verification */
};

/* Largest zero-copy request given to a hardware driver (ocf_want_zc()). */
#define OCF_HW_ZC_MAX	(64 * 1024)

/**
 * struct ocf_umap - the user memory of an operation, for ocf_op_map()
 * @aad: bytes that precede the data in both scatterlists (the AEAD
 *	associated data); always copied into the kernel
 * @alen: their length
 * @src: input
 * @in_len: its length
 * @dst: output, or NULL when the operation only reads (hashes)
 * @out_len: its length
 * @iv: the operation's IV (the session's IV size) to copy into op->iv, or
 *	NULL when the caller sets op->iv
 * @mode: copy, zero-copy, or zero-copy with verified output (a copy mode
 *	is used instead when @src and @dst overlap without being equal, or
 *	there is no data)
 */
struct ocf_umap {
	const u8 __user *aad;
	size_t alen;
	const u8 __user *src;
	size_t in_len;
	u8 __user *dst;
	size_t out_len;
	const u8 __user *iv;
	enum ocf_map mode;
};

bool ocf_want_zc(const struct ocf_session *s, size_t len, u16 flags);
int ocf_op_map(struct ocf_op *op, const struct ocf_umap *m);
int ocf_op_copy_out(struct ocf_op *op, u8 __user *dst, size_t len);
void ocf_op_commit(struct ocf_op *op, size_t len);

int ocf_buf_alloc(struct ocf_buf *b, size_t len);
struct scatterlist *ocf_buf_sg(struct ocf_buf *b, size_t off, size_t len);
void ocf_buf_free(struct ocf_buf *b);

int ocf_request_init(void);
void ocf_request_exit(void);

#endif /* _OCF_REQUEST_H */
