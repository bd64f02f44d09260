/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_KTLS_H
#define _OCF_KTLS_H

#include <linux/types.h>

struct ocf_file;
struct ocf_ktls_attach;
struct ocf_session;
struct socket;

long ocf_ktls_attach(struct ocf_file *f, struct ocf_ktls_attach *a);
int ocf_ktls_rekey(struct socket *sock, const struct ocf_session *s, bool tx,
		   const u8 *old_nonce, const u8 *key, const u8 *nonce,
		   bool hide_key, u32 *result);

#endif /* _OCF_KTLS_H */
