/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_ASYNC_H
#define _OCF_ASYNC_H

#include <linux/poll.h>
#include <crypto/cryptodev.h>

struct ocf_file;
struct ocf_queue;

long ocf_async_crypt(struct ocf_file *f, struct crypt_op *cop);
long ocf_async_fetch(struct ocf_file *f, struct crypt_op *cop);
long ocf_async_submit(struct ocf_file *f, struct ocf_submit *sb);
long ocf_async_reap(struct ocf_file *f, struct ocf_reap *r);
__poll_t ocf_async_poll(struct ocf_file *f, struct file *filp, poll_table *wait);
int ocf_async_open(struct ocf_file *f);
void ocf_async_release(struct ocf_file *f);

#endif /* _OCF_ASYNC_H */
