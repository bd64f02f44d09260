// SPDX-License-Identifier: GPL-2.0
/*
 * Asynchronous and batched submission: CIOCASYNCCRYPT, CIOCASYNCFETCH,
 * OCF_IOC_SUBMIT, OCF_IOC_REAP and poll().
 *
 * Submission hands the request to the crypto API and returns; the driver's
 * completion callback puts the operation on the file's completion queue,
 * in completion order, and wakes poll() and reapers.  Nothing runs jobs in
 * sequence on a worker.  Synchronous drivers (AES-NI) complete inside the
 * submission, so a batch of small requests costs two system calls in all.
 *
 * Memory.  An asynchronous operation works on the caller's pinned pages
 * (source, destination, digest and IV outputs), so its results land in the
 * submitter's memory however late they arrive and whichever process
 * reaps them.  The pinned pages are charged to the submitter's
 * RLIMIT_MEMLOCK (unless it has CAP_IPC_LOCK) and to the file's
 * max_pinned budget; the queue depth is bounded by max_queue.
 *
 * What cannot run as one asynchronous crypto call (multi-part hashing,
 * cipher + MAC sessions, TLS and SRTP modes, overlapping buffers) runs
 * synchronously at submission and is queued already completed, so every
 * kind of operation can be submitted.  Asynchronous operations never
 * update the session's IV; an operation without an IV uses the one the
 * session has at submission.
 *
 * Lifetimes.  Each operation holds references on its session and on the
 * queue.  Closing the file marks the queue dead and frees what completed;
 * operations still in a driver free themselves from a work item when they
 * complete (request.c), and module unload waits for them.  munmap() of a
 * buffer under operation is harmless (the pages stay pinned), and fork()
 * gives the child copies of pinned pages, never the pages themselves.
 *
 * Locking: q->lock (a spinlock, taken from completion callbacks with
 * interrupts saved) protects the done list, depth, ready count, pinned
 * bytes and the dead flag; q->reap_lock (a mutex) serialises fetchers and
 * reapers and is taken before q->lock.  No session lock is held while
 * either is taken.
 */
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "async.h"
#include "chardev.h"
#include "crypt.h"
#include "request.h"
#include "session.h"
#include "ucopy.h"

#define DESC_FLAGS (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_WRITE_IV | \
		    COP_FLAG_NO_ZC | COP_FLAG_RESET | COP_FLAG_AEAD_TLS_TYPE | \
		    COP_FLAG_AEAD_SRTP_TYPE)
#define MODE_FLAGS (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE)
#define MULTIPART_FLAGS (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET)

/* Most entries one OCF_IOC_SUBMIT or OCF_IOC_REAP call handles. */
#define OCF_MAX_BATCH 1024
/* Descriptors OCF_IOC_SUBMIT copies in at a time. */
#define SUBMIT_CHUNK 4

/**
 * struct ocf_queue - completion queue of one open file
 * @ref: the file and every queued or running operation hold one
 * @lock: protects the fields below (see the locking rules above)
 * @reap_lock: serialises CIOCASYNCFETCH and OCF_IOC_REAP
 * @done: completed operations, oldest first
 * @wait: poll() and OCF_IOC_REAP sleep here
 * @depth: operations submitted and not yet fetched
 * @ready: entries on @done
 * @pinned: bytes of user memory pinned by the operations counted in @depth
 * @dead: the file is closed; completions free themselves
 */
struct ocf_queue {
	struct kref ref;
	spinlock_t lock;		/* see @lock above */
	struct mutex reap_lock;		/* see @reap_lock above */
	struct list_head done;
	wait_queue_head_t wait;
	unsigned int depth;
	unsigned int ready;
	size_t pinned;
	bool dead;
};

static void queue_release(struct kref *ref)
{
	struct ocf_queue *q = container_of(ref, struct ocf_queue, ref);

	mutex_destroy(&q->reap_lock);
	kfree(q);
}

/**
 * ocf_queue_put() - drop a reference to a completion queue
 * @q: the queue; any context
 */
static void ocf_queue_put(struct ocf_queue *q)
{
	kref_put(&q->ref, queue_release);
}

/* What an asynchronous operation holds besides its data (op->release). */
static void async_release(struct ocf_op *op)
{
	ocf_umem_unpin(&op->umac);
	ocf_umem_unpin(&op->uiv);
	if (op->mm) {
		if (op->locked)
			account_locked_vm(op->mm, op->locked, false);
		mmdrop(op->mm);
	}
	ocf_queue_put(op->q);
}

static size_t op_pinned_bytes(const struct ocf_op *op)
{
	return (size_t)(op->usrc.npages + op->udst.npages + op->umac.npages +
			op->uiv.npages) << PAGE_SHIFT;
}

/* Any context: put a finished operation where its owner will find it. */
static void enqueue(struct ocf_op *op)
{
	struct ocf_queue *q = op->q;
	unsigned long flags;
	bool dead;

	spin_lock_irqsave(&q->lock, flags);
	dead = q->dead;
	if (!dead) {
		list_add_tail(&op->node, &q->done);
		q->ready++;
		/*
		 * Under the lock: the queue may be freed as soon as we drop it.
		 * Waiters test their condition under q->lock after queueing
		 * themselves, so one that is not queued yet will see this.
		 */
		if (wq_has_sleeper(&q->wait))
			wake_up_poll(&q->wait, EPOLLIN | EPOLLRDNORM);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	if (dead)
		ocf_op_free_later(op);	/* its work item drops the count */
	else
		ocf_pending_put();
}

/*
 * Queue the completions a submitter collected in @local (complete_op()),
 * under one lock; process context, in the submitting call.
 */
static void flush_local(struct ocf_queue *q, struct list_head *local)
{
	struct ocf_op *op;
	unsigned int n = 0;

	if (list_empty(local))
		return;
	list_for_each_entry(op, local, node)
		n++;
	spin_lock_irq(&q->lock);
	/* The file cannot be closed while one of its ioctls runs. */
	list_splice_tail_init(local, &q->done);
	q->ready += n;
	if (wq_has_sleeper(&q->wait))
		wake_up_poll(&q->wait, EPOLLIN | EPOLLRDNORM);
	spin_unlock_irq(&q->lock);
	while (n--)
		ocf_pending_put();
}

/*
 * Account a finished operation and queue its completion; any context.
 * A submitter that finished it in its own call passes @local to collect
 * it for flush_local(), others NULL.
 */
static void complete_op(struct ocf_op *op, struct list_head *local)
{
	struct ocf_session *s = op->s;

	if (!op->synced)
		ocf_session_account(s, op->desc.len, op->status);
	atomic_dec(&s->inflight);
	if (local)
		list_add_tail(&op->node, local);
	else
		enqueue(op);
}

/* Deliver the outputs into the pinned pages, then complete; any context. */
static void async_finish(struct ocf_op *op, int err, struct list_head *local)
{
	op->status = err ?: op->deliver_err;
	if (!op->status) {
		if (op->umac.pages)
			ocf_umem_copy_to(&op->umac, 0, op->digest, op->umac.len);
		if (op->uiv.pages)
			ocf_umem_copy_to(&op->uiv, 0, op->iv, op->uiv.len);
		if (op->zc)
			ocf_op_commit(op, op->out_len);
		else if (op->udst.pages)
			ocf_umem_copy_to(&op->udst, 0, op->buf.data + op->plen,
					 op->out_len);
	}
	complete_op(op, local);
}

/*
 * A copied operation that went asynchronous finishes when both the driver
 * and its submitter (pinning the outputs) are done, whichever is last.
 */
static void copied_part_done(struct ocf_op *op)
{
	if (atomic_dec_and_test(&op->parts))
		async_finish(op, op->err, NULL);
}

static void async_done(OCF_CRYPTO_CB_ARG arg, int err)
{
	struct ocf_op *op = ocf_cb_data(arg);

	if (err == -EINPROGRESS)
		return;
	if (op->zc) {
		async_finish(op, err, NULL);
		return;
	}
	op->err = err;
	copied_part_done(op);
}

/* Reserve up to @want places in the queue: how many were free. */
static u32 reserve(struct ocf_queue *q, u32 want)
{
	u32 got = 0, max;

	spin_lock_irq(&q->lock);
	max = ocf_limit(&ocf_max_queue);
	if (!q->dead && q->depth < max) {
		got = min(want, max - q->depth);
		q->depth += got;
	}
	spin_unlock_irq(&q->lock);
	return got;
}

/* Give back @n places and @pinned bytes; caller holds q->lock. */
static void release_places(struct ocf_queue *q, unsigned int n, size_t pinned)
{
	lockdep_assert_held(&q->lock);
	q->depth -= n;
	q->pinned -= pinned;
	if (wq_has_sleeper(&q->wait))
		wake_up_poll(&q->wait, EPOLLOUT | EPOLLWRNORM);
}

static void unreserve(struct ocf_queue *q, u32 n, size_t pinned)
{
	spin_lock_irq(&q->lock);
	release_places(q, n, pinned);
	spin_unlock_irq(&q->lock);
}

/* Charge the operation's pinned pages to the file and to RLIMIT_MEMLOCK. */
static int charge(struct ocf_queue *q, struct ocf_op *op)
{
	size_t bytes = op_pinned_bytes(op);
	unsigned long pages = bytes >> PAGE_SHIFT;
	int ret = 0;

	spin_lock_irq(&q->lock);
	if (q->pinned + bytes > ocf_limit(&ocf_max_pinned))
		ret = -EAGAIN;
	else
		q->pinned += bytes;
	spin_unlock_irq(&q->lock);
	if (ret)
		return ret;
	op->qbytes = bytes;
	if (!pages)
		return 0;

	ret = account_locked_vm(current->mm, pages, true);
	if (ret)
		return ret;
	mmgrab(current->mm);
	op->mm = current->mm;
	op->locked = pages;
	return 0;
}

/* What kind of asynchronous crypto call serves @d, if any. */
enum async_kind { RUN_SYNC, RUN_CIPHER, RUN_HASH, RUN_AEAD };

static enum async_kind classify(struct ocf_session *s, const struct ocf_crypt_desc *d)
{
	if (d->flags & MODE_FLAGS)
		return RUN_SYNC;
	switch (s->kind) {
	case OCF_KIND_AEAD:
		return RUN_AEAD;
	case OCF_KIND_CIPHER:
		if (d->flags & MULTIPART_FLAGS)
			return RUN_SYNC;
		/* A keystream without IV (ARC4) lives in the transform. */
		return !s->ivsize && s->blocksize == 1 ? RUN_SYNC : RUN_CIPHER;
	case OCF_KIND_HASH:
		if (d->flags & MULTIPART_FLAGS || READ_ONCE(s->hash_open))
			return RUN_SYNC;
		return RUN_HASH;
	default:
		return RUN_SYNC;
	}
}

static int pin_out(struct ocf_umem *m, u64 uptr, size_t len)
{
	if (!len)
		return 0;
	return ocf_umem_pin(m, u64_to_user_ptr(uptr), len, true);
}

/* Pin what the operation writes besides its data: digest, output IV. */
static int pin_small_outputs(struct ocf_op *op)
{
	const struct ocf_crypt_desc *d = &op->desc;
	struct ocf_session *s = op->s;
	int ret = 0;

	if (s->kind == OCF_KIND_HASH)
		ret = pin_out(&op->umac, d->mac, s->digestsize);
	if (!ret && (d->flags & COP_FLAG_WRITE_IV) && d->iv && s->ivsize)
		ret = pin_out(&op->uiv, d->iv, s->ivsize);
	return ret;
}

/*
 * A copied operation the driver completed at once: we are still in the
 * submitter's context, so its outputs go straight to user space and
 * nothing is pinned.
 */
static int copy_outputs(struct ocf_op *op)
{
	const struct ocf_crypt_desc *d = &op->desc;
	struct ocf_session *s = op->s;
	struct ocf_uvec v[3];
	unsigned int n = 0;

	if (op->out_len)
		v[n++] = (struct ocf_uvec){ op->buf.data + op->plen,
					    u64_to_user_ptr(d->dst), op->out_len };
	if (s->kind == OCF_KIND_HASH)
		v[n++] = (struct ocf_uvec){ op->digest, u64_to_user_ptr(d->mac),
					    s->digestsize };
	if ((d->flags & COP_FLAG_WRITE_IV) && d->iv && s->ivsize)
		v[n++] = (struct ocf_uvec){ op->iv, u64_to_user_ptr(d->iv),
					    s->ivsize };
	return n ? ocf_copy_out_vec(v, n) : 0;
}

/* The crypto call itself, by the executors' own request builders. */
static int start_crypto(struct ocf_op *op, enum async_kind kind)
{
	unsigned int len = op->desc.len;

	switch (kind) {
	case RUN_AEAD:
		return ocf_aead_start(op, op->src_sg, op->dst_sg, op->plen, len,
				      op->enc, async_done);
	case RUN_CIPHER:
		return ocf_skcipher_start(op, op->src_sg, op->dst_sg, len,
					  op->enc, async_done);
	default:
		return ocf_hash_start(op, op->src_sg, len, async_done);
	}
}

/*
 * Map data and outputs and start the crypto call.
 *
 * From zc_threshold bytes on, the data and outputs are pinned and charged
 * before the call.  Smaller operations are copied: most drivers complete
 * them at once, and then the outputs are copied to user space right here,
 * pinning nothing.  Only if the driver goes asynchronous are the outputs
 * pinned (and charged) now, for the completion to fill in; a failure there
 * becomes the operation's status.
 */
static int async_start(struct ocf_op *op, enum async_kind kind,
		       struct list_head *local)
{
	const struct ocf_crypt_desc *d = &op->desc;
	struct ocf_session *s = op->s;
	u8 __user *src = u64_to_user_ptr(d->src);
	u8 __user *dst = u64_to_user_ptr(d->dst);
	unsigned int in_len = d->len, out_len = d->len;
	unsigned int alen = 0;
	struct ocf_umap m;
	enum ocf_map mode;
	bool zc;
	int ret;

	/* An IV given is copied in with the data, by ocf_op_map(). */
	if (d->iv) {
		if (d->iv_len && d->iv_len < s->ivsize)
			return -EINVAL;
	} else {
		/* A snapshot; asynchronous operations do not chain. */
		if (mutex_lock_killable(&s->lock))
			return -EINTR;
		memcpy(op->iv, s->iv, s->ivsize);
		mutex_unlock(&s->lock);
	}

	switch (kind) {
	case RUN_AEAD:
		op->tag_len = d->tag_len ?: s->deftag;
		if (op->tag_len != READ_ONCE(s->authsize))
			return -EINVAL;
		if (!op->enc && in_len < op->tag_len)
			return -EINVAL;
		out_len = op->enc ? in_len + op->tag_len : in_len - op->tag_len;
		alen = d->auth_len;
		break;
	case RUN_CIPHER:
		if (!in_len || !ocf_cipher_len_ok(s, in_len))
			return -EINVAL;
		break;
	case RUN_HASH:
		dst = NULL;
		out_len = 0;
		break;
	default:
		return -EINVAL;
	}
	if (out_len && !dst)
		return -EFAULT;
	op->out_len = out_len;

	mode = OCF_MAP_COPY;
	if (ocf_want_zc(op->s, in_len, d->flags))
		mode = kind == RUN_AEAD && !op->enc ? OCF_MAP_ZC_VERIFY : OCF_MAP_ZC;
	if (mode != OCF_MAP_COPY) {
		ret = pin_small_outputs(op);
		if (ret)
			return ret;
	}
	m = (struct ocf_umap){
		.aad = u64_to_user_ptr(d->auth_src), .alen = alen,
		.src = src, .in_len = in_len, .dst = dst, .out_len = out_len,
		.iv = u64_to_user_ptr(d->iv), .mode = mode,
	};
	ret = ocf_op_map(op, &m);
	if (!ret && op->zc)
		ret = charge(op->q, op);
	if (ret)
		return ret;

	/*
	 * Once the driver has a zero-copy operation, its completion may
	 * queue it and another thread reap and free it before the crypto
	 * call returns: what decides the path is read before.
	 */
	zc = op->zc;
	atomic_inc(&s->inflight);
	ocf_pending_get();
	atomic_set(&op->parts, 2);
	ret = start_crypto(op, kind);
	if (zc) {
		if (ret != -EINPROGRESS && ret != -EBUSY)
			async_finish(op, ret, local);
		return 0;
	}
	if (ret != -EINPROGRESS && ret != -EBUSY) {
		op->status = ret ?: copy_outputs(op);
		complete_op(op, local);
		return 0;
	}
	/* In flight: give the completion somewhere to write. */
	ret = pin_small_outputs(op);
	if (!ret && out_len)
		ret = ocf_umem_pin(&op->udst, dst, out_len, true);
	if (!ret)
		ret = charge(op->q, op);
	op->deliver_err = ret;
	copied_part_done(op);
	return 0;
}

/*
 * Run an operation synchronously, with the executors of the synchronous
 * calls and the session it already holds; its completion is queued all
 * the same.
 */
static void run_sync(struct ocf_op *op, struct list_head *local)
{
	const struct ocf_crypt_desc *d = &op->desc;
	struct ocf_session *s = op->s;
	struct ocf_req r = {
		.op = d->op, .flags = d->flags, .len = d->len,
		.auth_len = d->auth_len, .tag_len = d->tag_len,
		.iv_len = d->iv_len,
		.src = u64_to_user_ptr(d->src),
		.dst = u64_to_user_ptr(d->dst),
		.auth_src = u64_to_user_ptr(d->auth_src),
		.mac = u64_to_user_ptr(d->mac),
		.iv = u64_to_user_ptr(d->iv),
	};

	if (s->kind == OCF_KIND_AEAD || s->kind == OCF_KIND_TLS ||
	    (d->flags & MODE_FLAGS)) {
		op->status = ocf_run_authcrypt(s, &r);
		op->tag_len = r.tag_len;
	} else {
		op->status = ocf_run_crypt(s, &r);
	}
	op->out_len = r.len;
	op->synced = true;		/* counted by the synchronous path */
	atomic_inc(&s->inflight);	/* complete_op() balances both */
	ocf_pending_get();
	complete_op(op, local);
}

static int check_desc(const struct ocf_crypt_desc *d)
{
	if (d->op != COP_ENCRYPT && d->op != COP_DECRYPT)
		return -EINVAL;
	if (d->flags & ~DESC_FLAGS)
		return -EINVAL;
	if ((d->flags & MODE_FLAGS) == MODE_FLAGS)
		return -EINVAL;
	if (d->reserved[0] || d->reserved[1])
		return -EINVAL;
	if (d->len > ocf_limit(&ocf_max_request) || d->auth_len > OCF_MAX_AAD)
		return -E2BIG;
	return 0;
}

/*
 * Whether the operation @d can be submitted on session @s (the caller's
 * reference), which the caller looked up by d->ses: NULL when there is
 * none.
 */
static int check_one(struct ocf_session *s, const struct ocf_crypt_desc *d,
		     bool legacy)
{
	int ret = check_desc(d);

	if (ret)
		return ret;
	if (!s)
		return -EINVAL;
	/* CIOCASYNCCRYPT is CIOCCRYPT: no AEAD sessions. */
	if (legacy && (s->kind == OCF_KIND_AEAD || s->kind == OCF_KIND_TLS))
		return -EINVAL;
	return 0;
}

/*
 * Submit one checked operation into a place of the queue the caller
 * reserved; on failure the caller gives the place back.  What completes
 * within the call is collected in @local for flush_local().
 */
static int submit_one(struct ocf_queue *q, struct ocf_session *s,
		      const struct ocf_crypt_desc *d, bool legacy,
		      struct list_head *local)
{
	enum async_kind kind;
	struct ocf_op *op;
	int ret;

	op = ocf_op_alloc(s);
	if (!op)
		return -ENOMEM;
	kref_get(&q->ref);
	op->q = q;
	op->release = async_release;
	op->desc = *d;
	op->legacy = legacy;
	op->enc = d->op == COP_ENCRYPT;

	kind = classify(s, d);
	if (kind != RUN_SYNC && d->dst && d->src != d->dst &&
	    ocf_ranges_overlap(u64_to_user_ptr(d->src), d->len,
			       u64_to_user_ptr(d->dst), d->len + s->maxauth))
		kind = RUN_SYNC;
	if (kind == RUN_SYNC) {
		run_sync(op, local);
		return 0;
	}
	ret = async_start(op, kind, local);
	if (ret) {
		if (op->qbytes)
			unreserve(q, 0, op->qbytes);
		ocf_op_free(op);
	}
	return ret;
}

/**
 * ocf_async_crypt() - CIOCASYNCCRYPT
 * @f: the open file
 * @cop: the operation (kernel copy)
 *
 * Return: 0 once queued; -EAGAIN when max_queue operations or max_pinned
 * bytes are outstanding; -ENOMEM when RLIMIT_MEMLOCK would be exceeded;
 * -EINVAL, -E2BIG, -EFAULT as for CIOCCRYPT.
 */
long ocf_async_crypt(struct ocf_file *f, struct crypt_op *cop)
{
	struct ocf_crypt_desc d = {
		.ses = cop->ses, .op = cop->op, .flags = cop->flags,
		.len = cop->len,
		.src = (u64)(uintptr_t)cop->src,
		.dst = (u64)(uintptr_t)cop->dst,
		.mac = (u64)(uintptr_t)cop->mac,
		.iv = (u64)(uintptr_t)cop->iv,
		.user_data = (u64)(uintptr_t)cop->dst,
	};
	struct ocf_session *s;
	LIST_HEAD(local);
	long ret;

	if (cop->flags & MODE_FLAGS)
		return -EINVAL;
	s = ocf_session_get(f, d.ses);
	ret = check_one(s, &d, true);
	if (!ret && !reserve(f->q, 1)) {
		ret = -EAGAIN;
	} else if (!ret) {
		ret = submit_one(f->q, s, &d, true, &local);
		if (ret)
			unreserve(f->q, 1, 0);
	}
	flush_local(f->q, &local);
	if (s)
		ocf_session_put(s);
	return ret;
}

/* Take the oldest completion; caller holds q->reap_lock. */
static struct ocf_op *pop(struct ocf_queue *q)
{
	struct ocf_op *op;

	lockdep_assert_held(&q->reap_lock);
	spin_lock_irq(&q->lock);
	op = list_first_entry_or_null(&q->done, struct ocf_op, node);
	if (op) {
		list_del(&op->node);
		q->ready--;
		release_places(q, 1, op->qbytes);
	}
	spin_unlock_irq(&q->lock);
	return op;
}

/**
 * ocf_async_fetch() - CIOCASYNCFETCH
 * @f: the open file
 * @cop: receives the completed operation as it was submitted
 *
 * The oldest completion of the file is returned, whatever submitted it.
 *
 * Return: the operation's result (0, -EBADMSG, ...), with @cop filled in;
 * -EBUSY when nothing has completed.
 */
long ocf_async_fetch(struct ocf_file *f, struct crypt_op *cop)
{
	struct ocf_queue *q = f->q;
	struct ocf_op *op;
	long ret;

	if (mutex_lock_interruptible(&q->reap_lock))
		return -EINTR;
	op = pop(q);
	mutex_unlock(&q->reap_lock);
	if (!op)
		return -EBUSY;
	cop->ses = op->desc.ses;
	cop->op = op->desc.op;
	cop->flags = op->desc.flags;
	cop->len = op->desc.len;
	cop->src = u64_to_user_ptr(op->desc.src);
	cop->dst = u64_to_user_ptr(op->desc.dst);
	cop->mac = u64_to_user_ptr(op->desc.mac);
	cop->iv = u64_to_user_ptr(op->desc.iv);
	ret = op->status;
	ocf_op_free(op);
	return ret;
}

/**
 * ocf_async_submit() - OCF_IOC_SUBMIT
 * @f: the open file
 * @sb: the batch (kernel copy); @sb->submitted is set
 *
 * Return: 0 when at least one operation was queued, else the first
 * entry's error.
 */
long ocf_async_submit(struct ocf_file *f, struct ocf_submit *sb)
{
	struct ocf_crypt_desc __user *u = u64_to_user_ptr(sb->descs);
	struct ocf_crypt_desc dv[SUBMIT_CHUNK] __ocf_noinit;
	u32 i, n = min_t(u32, sb->count, OCF_MAX_BATCH);
	unsigned int have = 0, at = 0;
	struct ocf_session *s = NULL;
	u32 places = 0;
	LIST_HEAD(local);
	int ret = 0;

	if (sb->flags || sb->reserved)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		const struct ocf_crypt_desc *d;

		if (at == have) {
			/*
			 * A few descriptors at a time; when that faults, one
			 * at a time: those before the bad one are submitted.
			 */
			at = 0;
			have = min_t(u32, n - i, SUBMIT_CHUNK);
			if (ocf_copy_in(dv, &u[i], have * sizeof(*dv))) {
				have = 1;
				if (ocf_copy_in(dv, &u[i], sizeof(*dv))) {
					ret = -EFAULT;
					break;
				}
			}
		}
		d = &dv[at++];
		/* A batch usually names one session: look it up once. */
		if (!s || s->id != d->ses) {
			if (s)
				ocf_session_put(s);
			s = ocf_session_get(f, d->ses);
		}
		ret = check_one(s, d, false);
		if (ret)
			break;
		/* Places for the rest of the batch, under one lock. */
		if (!places) {
			places = reserve(f->q, n - i);
			if (!places) {
				ret = -EAGAIN;
				break;
			}
		}
		ret = submit_one(f->q, s, d, false, &local);
		if (ret)
			break;
		places--;
	}
	if (places)
		unreserve(f->q, places, 0);
	/* What completed at once reaches the queue in one go. */
	flush_local(f->q, &local);
	if (s)
		ocf_session_put(s);
	ocf_wipe(dv, sizeof(dv));
	sb->submitted = i;
	return i ? 0 : ret;
}

/*
 * The wait of a reaper is over once @want completions are ready, or once
 * no more than the ready ones are outstanding: another reaper of the same
 * file may take the completions this one was waiting for.
 */
static bool reap_ready(struct ocf_queue *q, u32 want)
{
	bool ok;

	spin_lock_irq(&q->lock);
	ok = q->ready >= min(want, q->depth);
	spin_unlock_irq(&q->lock);
	return ok;
}

/**
 * ocf_async_reap() - OCF_IOC_REAP
 * @f: the open file
 * @r: the request (kernel copy); @r->reaped is set
 *
 * Waits (killable) until @r->min completions are ready, capped at what is
 * outstanding (as other reapers of the file take completions, too), then
 * returns up to @r->count of them in completion order.
 * A result is taken off the queue only once it has been written.
 *
 * Return: 0, -EINVAL, -EFAULT (nothing lost), -EINTR.
 */
long ocf_async_reap(struct ocf_file *f, struct ocf_reap *r)
{
	struct ocf_result __user *out = u64_to_user_ptr(r->results);
	struct ocf_queue *q = f->q;
	u32 n = min_t(u32, r->count, OCF_MAX_BATCH), nb, i, k;
	struct ocf_op *op, *tmp;
	LIST_HEAD(batch);
	LIST_HEAD(done);
	size_t pinned = 0;
	u32 want;
	long ret = 0;

	r->reaped = 0;
	if (r->flags)
		return -EINVAL;
	spin_lock_irq(&q->lock);
	want = min3(r->min, n, q->depth);
	spin_unlock_irq(&q->lock);
	if (want && wait_event_killable(q->wait, reap_ready(q, want)))
		return -EINTR;

	if (mutex_lock_interruptible(&q->reap_lock))
		return -EINTR;
	/* Take up to @n completions at once; give back what is not written. */
	spin_lock_irq(&q->lock);
	for (nb = 0; nb < n && !list_empty(&q->done); nb++)
		list_move_tail(q->done.next, &batch);
	spin_unlock_irq(&q->lock);

	/* The results, in one pass over user memory. */
	i = 0;
	if (nb && user_access_begin(out, nb * sizeof(*out))) {
		list_for_each_entry(op, &batch, node) {
			unsafe_put_user(op->desc.user_data, &out[i].user_data, fault);
			unsafe_put_user(op->status, &out[i].status, fault);
			unsafe_put_user(op->out_len, &out[i].len, fault);
			unsafe_put_user(op->tag_len, &out[i].tag_len, fault);
			unsafe_put_user(0, &out[i].reserved, fault);
			pinned += op->qbytes;
			i++;
		}
fault:
		user_access_end();
	}
	if (nb && !i)
		ret = -EFAULT;

	spin_lock_irq(&q->lock);
	for (k = 0; k < i; k++)
		list_move_tail(batch.next, &done);
	list_splice(&batch, &q->done);
	q->ready -= i;
	if (i)
		release_places(q, i, pinned);
	spin_unlock_irq(&q->lock);
	mutex_unlock(&q->reap_lock);

	list_for_each_entry_safe(op, tmp, &done, node)
		ocf_op_free(op);
	r->reaped = i;
	return ret;
}

/**
 * ocf_async_poll() - poll() of /dev/crypto
 * @f: the open file
 * @filp: its file
 * @wait: poll table
 *
 * Return: EPOLLIN when completions are ready, EPOLLOUT while the queue has
 * room.
 */
__poll_t ocf_async_poll(struct ocf_file *f, struct file *filp, poll_table *wait)
{
	struct ocf_queue *q = f->q;
	__poll_t mask = 0;

	poll_wait(filp, &q->wait, wait);
	spin_lock_irq(&q->lock);
	if (q->ready)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (q->depth < ocf_limit(&ocf_max_queue))
		mask |= EPOLLOUT | EPOLLWRNORM;
	spin_unlock_irq(&q->lock);
	return mask;
}

/**
 * ocf_async_open() - give a new open file its completion queue
 * @f: the open file
 *
 * Return: 0 or -ENOMEM.
 */
int ocf_async_open(struct ocf_file *f)
{
	struct ocf_queue *q = kzalloc(sizeof(*q), GFP_KERNEL_ACCOUNT);

	if (!q)
		return -ENOMEM;
	kref_init(&q->ref);
	spin_lock_init(&q->lock);
	mutex_init(&q->reap_lock);
	INIT_LIST_HEAD(&q->done);
	init_waitqueue_head(&q->wait);
	f->q = q;
	return 0;
}

/**
 * ocf_async_release() - the file is closed: drop what completed
 * @f: the open file
 *
 * Operations still in a driver free themselves when they complete.
 */
void ocf_async_release(struct ocf_file *f)
{
	struct ocf_queue *q = f->q;
	struct ocf_op *op, *tmp;
	LIST_HEAD(list);

	spin_lock_irq(&q->lock);
	q->dead = true;
	list_splice_init(&q->done, &list);
	q->ready = 0;
	spin_unlock_irq(&q->lock);
	list_for_each_entry_safe(op, tmp, &list, node)
		ocf_op_free(op);
	ocf_queue_put(q);
}
