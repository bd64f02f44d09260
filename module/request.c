// SPDX-License-Identifier: GPL-2.0
/*
 * Operations: allocation, the kernel copy of their data, and waiting for
 * asynchronous drivers.
 *
 * Waiting.  A driver that returns -EINPROGRESS (or -EBUSY: backlogged)
 * calls ocf_op_done() later, from any context.  The waiter sleeps killable.
 * If it is killed, it and the callback race on op->state: the one that
 * moves it from PENDING decides.  A waiter that wins leaves with -EINTR
 * and the operation now belongs to the callback, which frees it from a
 * work item (process context: dropping the session may free transforms,
 * which can sleep).  Module unload waits for every such operation.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/wait_bit.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "request.h"
#include "session.h"

enum {
	OCF_OP_PENDING,
	OCF_OP_DONE,
	OCF_OP_ABANDONED,
};

static struct workqueue_struct *ocf_wq;
static atomic_t ocf_abandoned = ATOMIC_INIT(0);

static void op_free_work(struct work_struct *work)
{
	struct ocf_op *op = container_of(work, struct ocf_op, free_work);

	ocf_op_free(op);
	if (atomic_dec_and_test(&ocf_abandoned))
		wake_up_var(&ocf_abandoned);
}

/**
 * ocf_op_alloc() - allocate an operation on a session
 * @s: the session; a reference is taken
 *
 * Return: the operation, or NULL.
 */
struct ocf_op *ocf_op_alloc(struct ocf_session *s)
{
	struct ocf_op *op;

	op = kzalloc(ALIGN(sizeof(*op), CRYPTO_MINALIGN) + s->reqsize,
		     GFP_KERNEL_ACCOUNT);
	if (!op)
		return NULL;
	op->req = (u8 *)op + ALIGN(sizeof(*op), CRYPTO_MINALIGN);
	kref_get(&s->ref);
	op->s = s;
	init_completion(&op->done);
	INIT_WORK(&op->free_work, op_free_work);
	return op;
}

/**
 * ocf_op_free() - release an operation and everything it holds
 * @op: the operation; process context
 */
void ocf_op_free(struct ocf_op *op)
{
	ocf_buf_free(&op->buf);
	memzero_explicit(op->iv, sizeof(op->iv));
	memzero_explicit(op->digest, sizeof(op->digest));
	ocf_session_put(op->s);
	kfree_sensitive(op);
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
		queue_work(ocf_wq, &op->free_work);
		return;
	}
	complete(&op->done);
}

/**
 * ocf_op_wait() - wait for a crypto call to finish
 * @op: the operation, armed with ocf_op_prepare()
 * @err: what the crypto call returned
 *
 * Return: the result of the call.  -EINTR means the caller was killed and
 * the operation has been handed to its callback: the caller must not touch
 * @op again.
 */
int ocf_op_wait(struct ocf_op *op, int err)
{
	if (err != -EINPROGRESS && err != -EBUSY)
		return err;
	if (wait_for_completion_killable(&op->done)) {
		if (atomic_cmpxchg(&op->state, OCF_OP_PENDING,
				   OCF_OP_ABANDONED) == OCF_OP_PENDING) {
			atomic_inc(&ocf_abandoned);
			return -EINTR;
		}
		/* The callback has run or is running: it is about to complete. */
		wait_for_completion(&op->done);
	}
	return op->err;
}

/**
 * ocf_buf_alloc() - allocate the kernel copy of an operation's data
 * @b: the buffer
 * @len: its size; at most ocf_max_request plus headers, checked by callers
 *
 * Return: 0 or -ENOMEM.
 */
int ocf_buf_alloc(struct ocf_buf *b, size_t len)
{
	b->data = kvmalloc(max_t(size_t, len, 1), GFP_KERNEL_ACCOUNT);
	if (!b->data)
		return -ENOMEM;
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
	if (!is_vmalloc_addr(b->data)) {
		sg_init_one(&b->one, p, max_t(size_t, len, 1));
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
 * @b: the buffer
 */
void ocf_buf_free(struct ocf_buf *b)
{
	if (b->sgt.orig_nents)
		sg_free_table(&b->sgt);
	if (b->data) {
		memzero_explicit(b->data, b->len);
		kvfree(b->data);
	}
	memset(b, 0, sizeof(*b));
}

int ocf_request_init(void)
{
	ocf_wq = alloc_workqueue("ocf", WQ_UNBOUND, 0);
	return ocf_wq ? 0 : -ENOMEM;
}

void ocf_request_exit(void)
{
	wait_var_event(&ocf_abandoned, !atomic_read(&ocf_abandoned));
	destroy_workqueue(ocf_wq);
}
