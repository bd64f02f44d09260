/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_STATS_H
#define _OCF_STATS_H

#include <linux/atomic.h>
#include <linux/percpu.h>

/**
 * struct ocf_live - objects the module holds right now (debugfs ocf/live)
 * @sessions: sessions not yet released (ids freed but still in use count)
 * @pinned_pages: user pages pinned for zero-copy
 *
 * With no file open and nothing in flight, these and the operations not
 * yet released (ocf_live_ops, abandoned or queued ones included) are zero:
 * tests read them to prove that a path released what it took.
 */
struct ocf_live {
	atomic_long_t sessions;
	atomic_long_t pinned_pages;
};

extern struct ocf_live ocf_live;

/*
 * Operations taken minus those given back, per CPU (one is often given
 * back on another CPU): only the sum means something.
 */
DECLARE_PER_CPU(long, ocf_live_ops);

/**
 * struct ocf_tls_records - records of CIOCAUTHCRYPT's TLS mode (ocf/tls)
 * @sealed: records encrypted
 * @opened: records decrypted and verified
 * @rejected: records that failed the padding or MAC check (EBADMSG)
 */
struct ocf_tls_records {
	atomic64_t sealed;
	atomic64_t opened;
	atomic64_t rejected;
};

extern struct ocf_tls_records ocf_tls_records;

void ocf_stats_init(void);
void ocf_stats_exit(void);

#endif /* _OCF_STATS_H */
