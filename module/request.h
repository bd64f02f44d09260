/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_REQUEST_H
#define _OCF_REQUEST_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/scatterlist.h>
#include <linux/workqueue.h>

#include "ocf.h"

struct ocf_session;

/**
 * struct ocf_buf - kernel copy of the data of one operation
 * @data: linear buffer (kmalloc or vmalloc)
 * @len: its length
 * @sgt: scatterlist over part of @data when @data is vmalloc memory
 * @one: the single entry used otherwise
 */
struct ocf_buf {
	u8 *data;
	size_t len;
	struct sg_table sgt;
	struct scatterlist one;
};

/**
 * struct ocf_op - one operation on a session, from submission to completion
 * @s: the session; the operation holds a reference
 * @buf: the data
 * @done: completed by the crypto callback of an asynchronous step
 * @state: OCF_OP_* handshake between a waiter and the callback
 * @err: result of the last asynchronous step
 * @free_work: frees an operation whose waiter was killed
 * @iv: the IV this operation uses and updates
 * @digest: hash or tag output
 * @req: crypto request area, large enough for any transform of @s
 *
 * An operation owns everything a driver may still touch (request, IV,
 * data, digest, the session reference), so that a killed waiter can leave
 * and the callback frees it all later.
 */
struct ocf_op {
	struct ocf_session *s;
	struct ocf_buf buf;
	struct completion done;
	atomic_t state;
	int err;
	struct work_struct free_work;
	u8 iv[OCF_MAX_IV];
	u8 digest[OCF_MAX_DIGEST];
	void *req;
};

struct ocf_op *ocf_op_alloc(struct ocf_session *s);
void ocf_op_free(struct ocf_op *op);
void ocf_op_prepare(struct ocf_op *op);
int ocf_op_wait(struct ocf_op *op, int err);
void ocf_op_done(OCF_CRYPTO_CB_ARG arg, int err);

/* Request flags of every crypto call: we may sleep, and accept backlog. */
#define OCF_REQ_FLAGS (CRYPTO_TFM_REQ_MAY_SLEEP | CRYPTO_TFM_REQ_MAY_BACKLOG)

int ocf_buf_alloc(struct ocf_buf *b, size_t len);
struct scatterlist *ocf_buf_sg(struct ocf_buf *b, size_t off, size_t len);
void ocf_buf_free(struct ocf_buf *b);

int ocf_request_init(void);
void ocf_request_exit(void);

#endif /* _OCF_REQUEST_H */
