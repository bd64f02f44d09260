/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_ALGS_H
#define _OCF_ALGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* What a table entry's kernel algorithm is: OCF_TYPE_* of the uapi header. */

/* The entry is a TLS 1.0-1.2 composite (CBC + HMAC, authenc key layout). */
#define OCF_ALGF_TLS_COMPOSITE	BIT(0)

/* How the IV of a FreeBSD call becomes the IV of the kernel transform. */
enum {
	OCF_BSD_IV_ASIS,	/* the same bytes */
	OCF_BSD_IV_XTS,		/* block number, little endian, zero-extended */
	OCF_BSD_IV_CCM,		/* nonce, behind the length-of-length byte */
};

/**
 * struct ocf_alg - one algorithm of the /dev/crypto ABIs
 * @id: cryptodev_crypto_op_t value, 0 for one FreeBSD only names
 * @bsd: FreeBSD's CRYPTO_* value, 0 for none
 * @type: OCF_TYPE_CIPHER, OCF_TYPE_HASH or OCF_TYPE_AEAD
 * @flags: OCF_ALGF_*
 * @bsd_ivfmt: OCF_BSD_IV_*: FreeBSD's IV for this algorithm
 * @name: crypto API algorithm name (cra_name)
 * @mac_name: for OCF_ALGF_TLS_COMPOSITE, the MAC of the composite
 */
struct ocf_alg {
	u32 id;
	u8 bsd;
	u8 type;
	u8 flags;
	u8 bsd_ivfmt;
	const char *name;
	const char *mac_name;
};

const struct ocf_alg *ocf_alg_find(u32 id);
const struct ocf_alg *ocf_alg_find_bsd(u32 bsd);
u32 ocf_alg_id_by_name(const char *name);

#endif /* _OCF_ALGS_H */
