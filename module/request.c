// SPDX-License-Identifier: GPL-2.0
/*
 * Operations: allocation, the kernel copy of their data, and waiting for
 * asynchronous drivers.
 *
 * Waiting.  A driver that returns -EINPROGRESS (or -EBUSY: backlogged)
 * calls ocf_op_done() later, from any context.  The waiter sleeps killable.
 * If it is killed, it and the callback race on op->state: the one that
 * moves it from PENDING decides.  A waiter that wins leaves with -EINTR,
 * having given the callback a reference of its own: the waiter's caller
 * drops its reference as on any other error, and whichever of the two
 * holders is last releases the pages, buffers and session the driver was
 * using.  The callback drops its reference from a work item (process
 * context: dropping the session may free transforms, which can sleep).
 * Module unload waits for every such operation.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/wait_bit.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "request.h"
#include "session.h"
#include "ucopy.h"
#include "stats.h"

enum {
	OCF_OP_PENDING,
	OCF_OP_DONE,
	OCF_OP_ABANDONED,
};

static struct workqueue_struct *ocf_wq;

/*
 * Operations a driver may still complete when nobody owns them any more
 * (a killed waiter, a closed file).  Module unload waits for them.
 */
static atomic_t ocf_pending = ATOMIC_INIT(0);

/** ocf_pending_get() - count an operation a driver may complete unowned */
void ocf_pending_get(void)
{
	atomic_inc(&ocf_pending);
}

/** ocf_pending_put() - the counted operation is owned or gone */
void ocf_pending_put(void)
{
	if (atomic_dec_and_test(&ocf_pending))
		wake_up_var(&ocf_pending);
}

static void op_free_work(struct work_struct *work)
{
	struct ocf_op *op = container_of(work, struct ocf_op, free_work);

	ocf_op_free(op);
	ocf_pending_put();
}

/**
 * ocf_op_free_later() - free a counted operation from process context
 * @op: an operation counted with ocf_pending_get(); any context
 */
void ocf_op_free_later(struct ocf_op *op)
{
	queue_work(ocf_wq, &op->free_work);
}

/* Most idle operations a session keeps for reuse (one batch's worth). */
#define OCF_OP_CACHE 32

static size_t op_req_offset(void)
{
	return ALIGN(sizeof(struct ocf_op), CRYPTO_MINALIGN);
}

static struct ocf_op *op_new(struct ocf_session *s)
{
	/*
	 * The inline buffer may be a device's DMA target: it starts and ends
	 * on a cache line of its own, so that nothing the CPU writes shares a
	 * line with it.
	 */
	size_t align = max_t(size_t, dma_get_cache_alignment(), CRYPTO_MINALIGN);
	size_t inl = ALIGN(op_req_offset() + s->reqsize, align);
	size_t inl_size = ALIGN(OCF_OP_INLINE, align);
	struct ocf_op *op;

	op = kmalloc(inl + inl_size, GFP_KERNEL_ACCOUNT);
	if (!op)
		return NULL;
	memset(op, 0, sizeof(*op));
	op->req = (u8 *)op + op_req_offset();
	op->buf.inl = (u8 *)op + inl;
	op->buf.inl_size = inl_size;
	init_completion(&op->done);
	INIT_WORK(&op->free_work, op_free_work);
	return op;
}

/**
 * ocf_op_alloc() - an operation on a session
 * @s: the session; a reference is taken
 *
 * An idle operation of the session is reused; only when there is none is
 * one allocated.
 *
 * Return: the operation, or NULL.
 */
struct ocf_op *ocf_op_alloc(struct ocf_session *s)
{
	struct ocf_op *op;

	spin_lock(&s->cache_lock);
	op = list_first_entry_or_null(&s->cache, struct ocf_op, cache);
	if (op) {
		list_del(&op->cache);
		s->ncached--;
	}
	spin_unlock(&s->cache_lock);
	if (!op) {
		op = op_new(s);
		if (!op)
			return NULL;
	}
	refcount_set(&op->refs, 1);
	this_cpu_inc(ocf_live_ops);
	kref_get(&s->ref);
	op->s = s;
	return op;
}

/* Release what one use of an operation took, and wipe it. */
static void op_release(struct ocf_op *op)
{
	if (op->dsgt.orig_nents)
		sg_free_table(&op->dsgt);
	if (op->ssgt.orig_nents)
		sg_free_table(&op->ssgt);
	ocf_umem_unpin(&op->udst);
	ocf_umem_unpin(&op->usrc);
	if (op->release)
		op->release(op);
	ocf_buf_free(&op->buf);
	/* The IV, digest and every per-use field, in one go. */
	ocf_wipe((u8 *)op + OCF_OP_RESET_START,
		 OCF_OP_RESET_END - OCF_OP_RESET_START);
}

/**
 * ocf_op_free() - drop a reference to an operation
 * @op: the operation; process context
 *
 * The last reference releases everything the operation holds and gives it
 * back to its session.  Callers drop theirs on every path, an abandoned
 * wait (-EINTR) included.
 */
void ocf_op_free(struct ocf_op *op)
{
	struct ocf_session *s = op->s;
	bool kept = false;

	if (!refcount_dec_and_test(&op->refs))
		return;
	op_release(op);
	this_cpu_dec(ocf_live_ops);
	spin_lock(&s->cache_lock);
	if (s->ncached < OCF_OP_CACHE) {
		list_add(&op->cache, &s->cache);
		s->ncached++;
		kept = true;
	}
	spin_unlock(&s->cache_lock);
	if (!kept)
		kfree_sensitive(op);
	ocf_session_put(s);
}

/**
 * ocf_op_cache_free() - free the idle operations of a session being freed
 * @s: the session; no reference left
 *
 * Their request areas may hold state of the transforms: wiped.
 */
void ocf_op_cache_free(struct ocf_session *s)
{
	struct ocf_op *op, *tmp;

	list_for_each_entry_safe(op, tmp, &s->cache, cache)
		kfree_sensitive(op);
	INIT_LIST_HEAD(&s->cache);
	s->ncached = 0;
}

/**
 * ocf_want_zc() - should an operation on @len bytes use the caller's pages?
 * @s: the session
 * @len: data length
 * @flags: COP_FLAG_* of the operation (COP_FLAG_NO_ZC forbids it)
 *
 * A hardware driver gets at most OCF_HW_ZC_MAX bytes of pinned pages: a
 * device may bound the scatterlist entries of one request, and its driver
 * may not split larger ones (virtio-crypto under QEMU breaks the device
 * on a chain longer than its queue, 128 KiB in place already).  Larger
 * requests are copied into one linear buffer.
 */
bool ocf_want_zc(const struct ocf_session *s, size_t len, u16 flags)
{
	if (s->hw_segs && len > OCF_HW_ZC_MAX)
		return false;
	return !(flags & COP_FLAG_NO_ZC) && len >= ocf_limit(&ocf_zc_threshold);
}

/* The associated data in op->buf, then @len bytes of pinned @m. */
static int umem_sg(struct ocf_op *op, struct sg_table *sgt,
		   struct scatterlist *few, const struct ocf_umem *m, size_t len)
{
	return ocf_umem_sg(sgt, few, OCF_UMEM_FEW + 1, op->buf.data, op->plen,
			   m, len);
}

/* Pin @src (and @dst); for verify_out the driver writes into op->buf. */
static int map_zc(struct ocf_op *op, const u8 __user *src, size_t in_len,
		  u8 __user *dst, size_t out_len)
{
	bool inplace = dst && src == dst;
	int ret;

	if (inplace) {
		size_t len = max(in_len, out_len);

		ret = ocf_umem_pin(&op->usrc, src, len, true);
		if (!ret)
			ret = umem_sg(op, &op->ssgt, op->sfew, &op->usrc,
				      op->verify_out ? in_len : len);
		if (ret)
			return ret;
		op->src_sg = op->ssgt.sgl;
		op->dst_sg = op->ssgt.sgl;
	} else {
		if (in_len) {
			ret = ocf_umem_pin(&op->usrc, src, in_len, false);
			if (ret)
				return ret;
		}
		ret = umem_sg(op, &op->ssgt, op->sfew, &op->usrc, in_len);
		if (ret)
			return ret;
		op->src_sg = op->ssgt.sgl;
		if (!dst)
			return 0;
		if (out_len) {
			ret = ocf_umem_pin(&op->udst, dst, out_len, true);
			if (ret)
				return ret;
		}
		if (!op->verify_out) {
			ret = umem_sg(op, &op->dsgt, op->dfew, &op->udst, out_len);
			if (ret)
				return ret;
			op->dst_sg = op->dsgt.sgl;
		}
	}
	if (op->verify_out) {
		op->dst_sg = ocf_buf_sg(&op->buf, 0, op->plen + out_len);
		if (!op->dst_sg)
			return -ENOMEM;
	}
	return 0;
}

/**
 * ocf_op_map() - give an operation its data and IV
 * @op: the operation
 * @m: its user memory
 *
 * Sets op->src_sg and op->dst_sg.  In copy mode both point to one kernel
 * buffer (associated data, then data) processed in place.  Except in plain
 * zero-copy mode the output must be delivered with ocf_op_copy_out() or
 * ocf_op_commit().  What is copied (associated data, data, IV) is copied
 * in one go.
 *
 * Return: 0, -EFAULT, -ENOMEM.
 */
int ocf_op_map(struct ocf_op *op, const struct ocf_umap *m)
{
	size_t len = max(m->in_len, m->out_len);
	enum ocf_map mode = m->mode;
	struct ocf_uvec v[3];
	unsigned int n = 0;
	size_t extra;
	int ret;

	op->plen = m->alen;
	if (mode != OCF_MAP_COPY && m->dst && m->src != m->dst &&
	    ocf_ranges_overlap(m->src, m->in_len, m->dst, m->out_len))
		mode = OCF_MAP_COPY;
	if (!m->in_len && !m->out_len)
		mode = OCF_MAP_COPY;
	op->zc = mode != OCF_MAP_COPY;
	op->verify_out = mode == OCF_MAP_ZC_VERIFY;

	extra = mode == OCF_MAP_COPY ? len : mode == OCF_MAP_ZC_VERIFY ? m->out_len : 0;
	ret = ocf_buf_alloc(&op->buf, m->alen + extra);
	if (ret)
		return ret;
	if (m->alen)
		v[n++] = (struct ocf_uvec){ op->buf.data, (void __user *)m->aad, m->alen };
	if (!op->zc && m->in_len)
		v[n++] = (struct ocf_uvec){ op->buf.data + m->alen,
					    (void __user *)m->src, m->in_len };
	if (m->iv && op->s->ivsize)
		v[n++] = (struct ocf_uvec){ op->iv, (void __user *)m->iv, op->s->ivsize };
	if (n && ocf_copy_in_vec(v, n))
		return -EFAULT;
	if (op->zc)
		return map_zc(op, m->src, m->in_len, m->dst, m->out_len);

	op->src_sg = ocf_buf_sg(&op->buf, 0, m->alen + len);
	if (!op->src_sg)
		return -ENOMEM;
	op->dst_sg = op->src_sg;
	return 0;
}

/**
 * ocf_op_commit() - deliver verified output into the caller's pinned pages
 * @op: an operation mapped with OCF_MAP_ZC_VERIFY (else nothing to do)
 * @len: bytes of output
 *
 * Safe in any context.
 */
void ocf_op_commit(struct ocf_op *op, size_t len)
{
	struct ocf_umem *m = op->udst.pages ? &op->udst : &op->usrc;

	if (op->verify_out && len && m->pages)
		ocf_umem_copy_to(m, 0, op->buf.data + op->plen, min(len, m->len));
}

/**
 * ocf_op_copy_out() - deliver the output of an operation that succeeded
 * @op: the operation
 * @dst: user output
 * @len: bytes of output
 *
 * Copy mode copies to @dst; verified zero-copy fills the pinned pages;
 * plain zero-copy has nothing to do: the driver wrote in place.
 *
 * Return: 0 or -EFAULT.
 */
int ocf_op_copy_out(struct ocf_op *op, u8 __user *dst, size_t len)
{
	if (!len)
		return 0;
	if (op->zc) {
		ocf_op_commit(op, len);
		return 0;
	}
	return ocf_copy_out(dst, op->buf.data + op->plen, len) ? -EFAULT : 0;
}

/**
 * ocf_op_prepare() - arm an operation for its next crypto call
 * @op: the operation
 */
void ocf_op_prepare(struct ocf_op *op)
{
	reinit_completion(&op->done);
	atomic_set(&op->state, OCF_OP_PENDING);
	op->err = 0;
}

/**
 * ocf_op_done() - completion callback of every crypto request we submit
 * @arg: the request's data (the operation), in the kernel's callback form
 * @err: result
 */
void ocf_op_done(OCF_CRYPTO_CB_ARG arg, int err)
{
	struct ocf_op *op = ocf_cb_data(arg);

	/* A backlogged request has started: the real completion follows. */
	if (err == -EINPROGRESS)
		return;
	op->err = err;
	if (atomic_cmpxchg(&op->state, OCF_OP_PENDING, OCF_OP_DONE) ==
	    OCF_OP_ABANDONED) {
		ocf_op_free_later(op);
		return;
	}
	complete(&op->done);
}

/**
 * ocf_op_wait() - wait for a crypto call to finish
 * @op: the operation, armed with ocf_op_prepare()
 * @err: what the crypto call returned
 *
 * Return: the result of the call.  -EINTR means the caller was killed
 * while a driver still works on @op: the caller must not use its data any
 * more, only drop its reference with ocf_op_free().
 */
int ocf_op_wait(struct ocf_op *op, int err)
{
	if (err != -EINPROGRESS && err != -EBUSY)
		return err;
	if (wait_for_completion_killable(&op->done)) {
		/* The callback's reference and count, should we abandon. */
		refcount_inc(&op->refs);
		ocf_pending_get();
		if (atomic_cmpxchg(&op->state, OCF_OP_PENDING,
				   OCF_OP_ABANDONED) == OCF_OP_PENDING)
			return -EINTR;
		/* The caller still holds its reference: this is not the last. */
		refcount_dec(&op->refs);
		ocf_pending_put();
		/* The callback has run or is running: it is about to complete. */
		wait_for_completion(&op->done);
	}
	return op->err;
}

/**
 * ocf_buf_alloc() - the kernel copy of an operation's data
 * @b: the buffer
 * @len: its size; at most ocf_max_request plus headers, checked by callers
 *
 * Small data uses the operation's inline buffer.
 *
 * Return: 0 or -ENOMEM.
 */
int ocf_buf_alloc(struct ocf_buf *b, size_t len)
{
	if (len <= b->inl_size) {
		b->data = b->inl;
	} else {
		b->data = kvmalloc(len, GFP_KERNEL_ACCOUNT);
		if (!b->data)
			return -ENOMEM;
	}
	b->len = len;
	return 0;
}

/**
 * ocf_buf_sg() - a scatterlist over part of the buffer
 * @b: the buffer
 * @off: where the part starts
 * @len: its length
 *
 * The scatterlist stays valid until the next call or ocf_buf_free().
 *
 * Return: the scatterlist, or NULL when out of memory.
 */
struct scatterlist *ocf_buf_sg(struct ocf_buf *b, size_t off, size_t len)
{
	struct scatterlist *sg;
	u8 *p = b->data + off;
	unsigned int n, i;

	if (b->sgt.orig_nents)
		sg_free_table(&b->sgt);
	memset(&b->sgt, 0, sizeof(b->sgt));
	if (b->data == b->inl || !is_vmalloc_addr(b->data)) {
		/* The usual case, the inline buffer from its start, is set once. */
		if (p == b->inl && b->one_inl) {
			b->one.length = max_t(size_t, len, 1);
		} else {
			sg_init_one(&b->one, p, max_t(size_t, len, 1));
			b->one_inl = p == b->inl;
		}
		return &b->one;
	}
	n = max_t(unsigned int, 1, DIV_ROUND_UP(offset_in_page(p) + len, PAGE_SIZE));
	if (sg_alloc_table(&b->sgt, n, GFP_KERNEL_ACCOUNT))
		return NULL;
	for_each_sg(b->sgt.sgl, sg, n, i) {
		unsigned int pg_off = offset_in_page(p);
		size_t chunk = min_t(size_t, PAGE_SIZE - pg_off, len);

		sg_set_page(sg, vmalloc_to_page(p), chunk, pg_off);
		p += chunk;
		len -= chunk;
	}
	return b->sgt.sgl;
}

/**
 * ocf_buf_free() - wipe and free an operation's data
 * @b: the buffer; its inline part stays
 */
void ocf_buf_free(struct ocf_buf *b)
{
	if (b->sgt.orig_nents)
		sg_free_table(&b->sgt);
	memset(&b->sgt, 0, sizeof(b->sgt));
	if (b->data) {
		ocf_wipe(b->data, b->len);
		if (b->data != b->inl)
			kvfree(b->data);
	}
	b->data = NULL;
	b->len = 0;
}

int ocf_request_init(void)
{
	ocf_wq = alloc_workqueue("ocf", WQ_UNBOUND, 0);
	return ocf_wq ? 0 : -ENOMEM;
}

void ocf_request_exit(void)
{
	wait_var_event(&ocf_pending, !atomic_read(&ocf_pending));
	destroy_workqueue(ocf_wq);
}
