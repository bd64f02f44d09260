/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Execution of operations: cipher.c (CIOCCRYPT), hash.c (digests,
 * multi-part hashing, CIOCCPHASH), aead.c (CIOCAUTHCRYPT).
 */
#ifndef _OCF_CRYPT_H
#define _OCF_CRYPT_H

#include <linux/crypto.h>
#include <linux/types.h>
#include <crypto/cryptodev.h>

struct ocf_file;
struct ocf_op;
struct ocf_session;
struct scatterlist;

/**
 * struct ocf_req - one operation, as every front end hands it on
 * @op: COP_ENCRYPT or COP_DECRYPT
 * @flags: COP_FLAG_*
 * @len: bytes of data; out: bytes of output (CIOCAUTHCRYPT semantics)
 * @auth_len: bytes of associated data
 * @tag_len: tag or digest length, 0 for the session's; out: the one used
 * @iv_len: bytes at @iv, 0 when unstated
 * @src: input
 * @dst: output
 * @auth_src: associated data
 * @mac: digest output (CIOCCRYPT), or tag (CIOCAUTHCRYPT); out: where the
 *	tag of an AEAD operation is
 * @iv: IV, or NULL for the session's
 *
 * The cryptodev-linux calls, their asynchronous and batched forms and
 * FreeBSD's calls convert their user structures into one of these once;
 * the executors (cipher.c, hash.c, aead.c, bsd.c for FreeBSD's semantics)
 * take it and the session, nothing else.
 */
struct ocf_req {
	u16 op;
	u16 flags;
	u32 len;
	u32 auth_len;
	u32 tag_len;
	u32 iv_len;
	const u8 __user *src;
	u8 __user *dst;
	const u8 __user *auth_src;
	u8 __user *mac;
	u8 __user *iv;
};

long ocf_crypt(struct ocf_file *f, struct crypt_op *cop);
long ocf_authcrypt(struct ocf_file *f, struct crypt_auth_op *caop);
long ocf_cphash(struct ocf_file *f, const struct cphash_op *cp);
long ocf_run_crypt(struct ocf_session *s, struct ocf_req *r);
long ocf_run_authcrypt(struct ocf_session *s, struct ocf_req *r);

int ocf_skcipher_start(struct ocf_op *op, struct scatterlist *src,
		       struct scatterlist *dst, unsigned int len, bool enc,
		       crypto_completion_t done);
int ocf_skcipher_run(struct ocf_op *op, struct scatterlist *src,
		     struct scatterlist *dst, unsigned int len, bool enc);
int ocf_skcipher_buf(struct ocf_op *op, size_t off, unsigned int len, bool enc);
int ocf_hash_start(struct ocf_op *op, struct scatterlist *sg, unsigned int len,
		   crypto_completion_t done);
int ocf_hash_digest(struct ocf_op *op, struct scatterlist *sg,
		    unsigned int len);
int ocf_hash_buf(struct ocf_op *op, size_t off, unsigned int len);
int ocf_aead_start(struct ocf_op *op, struct scatterlist *src,
		   struct scatterlist *dst, unsigned int alen,
		   unsigned int len, bool enc, crypto_completion_t done);
int ocf_aead_run(struct ocf_op *op, struct scatterlist *src,
		 struct scatterlist *dst, unsigned int alen, unsigned int len,
		 bool enc);
int ocf_aead_use_tag(struct ocf_session *s, unsigned int tag_len);
int ocf_hash_multipart(struct ocf_op *op, u16 flags, unsigned int len,
		       u8 __user *mac);

bool ocf_aead_selftest(void);

#endif /* _OCF_CRYPT_H */
