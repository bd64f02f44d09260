/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_ALGS_H
#define _OCF_ALGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* What a table entry's kernel algorithm is: OCF_TYPE_* of the uapi header. */

/* The entry is a TLS 1.0-1.2 composite (CBC + HMAC, authenc key layout). */
#define OCF_ALGF_TLS_COMPOSITE	BIT(0)

/**
 * struct ocf_alg - one algorithm id of the /dev/crypto ABI
 * @id: cryptodev_crypto_op_t value
 * @type: OCF_TYPE_CIPHER, OCF_TYPE_HASH or OCF_TYPE_AEAD
 * @flags: OCF_ALGF_*
 * @name: crypto API algorithm name (cra_name)
 * @mac_name: for OCF_ALGF_TLS_COMPOSITE, the MAC of the composite
 */
struct ocf_alg {
	u32 id;
	u8 type;
	u8 flags;
	const char *name;
	const char *mac_name;
};

const struct ocf_alg *ocf_alg_find(u32 id);
u32 ocf_alg_id_by_name(const char *name);

#endif /* _OCF_ALGS_H */
