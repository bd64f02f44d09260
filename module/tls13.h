/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_TLS13_H
#define _OCF_TLS13_H

#include <linux/types.h>

struct ocf_file;
struct ocf_session;
struct ocf_tls13_session;
struct ocf_tls13_state;
struct ocf_tls13_update;
struct socket;
struct tls13_suite;

long ocf_tls13_session(struct ocf_file *f, struct ocf_tls13_session *op);
int ocf_tls13_next(const struct tls13_suite *suite, const u8 *secret,
		   unsigned int secret_len, u8 *next, u8 *key, u8 *iv);

bool ocf_tls13_selftest(void);

/* tls13_update.c: KeyUpdate (OCF_IOC_TLS13_UPDATE) */
int ocf_tls13_state_new(struct ocf_session *s, const struct tls13_suite *suite,
			const u8 *secret, unsigned int secret_len,
			const u8 *iv);
void ocf_tls13_state_free(struct ocf_tls13_state *st);
void ocf_tls13_bind(struct ocf_session *s, struct socket *sock, u32 direction,
		    u32 version, const u8 *nonce);
long ocf_tls13_update(struct ocf_file *f, struct ocf_tls13_update *op);
void ocf_tls13_update_stats(u64 *tx, u64 *rx, u64 *errors);

#endif /* _OCF_TLS13_H */
