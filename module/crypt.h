/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Execution of operations: cipher.c (CIOCCRYPT), hash.c (digests,
 * multi-part hashing, CIOCCPHASH), aead.c (CIOCAUTHCRYPT).
 */
#ifndef _OCF_CRYPT_H
#define _OCF_CRYPT_H

#include <linux/types.h>
#include <crypto/cryptodev.h>

struct ocf_file;
struct ocf_op;
struct ocf_session;
struct scatterlist;

long ocf_crypt(struct ocf_file *f, struct crypt_op *cop);
long ocf_authcrypt(struct ocf_file *f, struct crypt_auth_op *caop);
long ocf_cphash(struct ocf_file *f, const struct cphash_op *cp);

int ocf_skcipher_run(struct ocf_op *op, struct scatterlist *src,
		     struct scatterlist *dst, unsigned int len, bool enc);
int ocf_hash_digest(struct ocf_op *op, struct scatterlist *sg,
		    unsigned int len);
int ocf_aead_use_tag(struct ocf_session *s, unsigned int tag_len);
int ocf_hash_multipart(struct ocf_op *op, u16 flags, unsigned int len,
		       u8 __user *mac);

#endif /* _OCF_CRYPT_H */
