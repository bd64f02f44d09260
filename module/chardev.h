/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_CHARDEV_H
#define _OCF_CHARDEV_H

#include <linux/atomic.h>
#include <linux/xarray.h>

struct ocf_queue;

/**
 * struct ocf_file - the state of one open of /dev/crypto
 * @sessions: session id -> &struct ocf_session; the array holds one
 *	reference on each session.  Its internal lock (xa_lock) is the only
 *	lock of this structure and nests inside no other lock of the module.
 * @next_id: cursor of the cyclic id allocator, so that a freed id is not
 *	handed out again soon and a stale id fails instead of reaching a new
 *	session
 * @nr_sessions: number of live sessions, bounded by ocf_max_sessions
 * @q: completion queue of asynchronous operations (async.c)
 *
 * Every descriptor that refers to this open file (CRIOGET duplicates it,
 * fork() shares it) sees the same sessions.
 */
struct ocf_file {
	struct xarray sessions;
	u32 next_id;
	atomic_t nr_sessions;
	struct ocf_queue *q;
};

int ocf_chardev_init(void);
void ocf_chardev_exit(void);

#endif /* _OCF_CHARDEV_H */
