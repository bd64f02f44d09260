/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide limits and tunables (module parameters, see main.c).
 */
#ifndef _OCF_OCF_H
#define _OCF_OCF_H

#include <linux/types.h>

/* Largest IV, digest and key the module handles for any algorithm. */
#define OCF_MAX_IV		32
#define OCF_MAX_DIGEST		64
#define OCF_MAX_CIPHER_KEY	64	/* CRYPTO_CIPHER_MAX_KEY_LEN */
#define OCF_MAX_MAC_KEY		512	/* CRYPTO_HMAC_MAX_KEY_LEN */

/* Largest authenticated-only data of one AEAD operation. */
#define OCF_MAX_AAD		65536

/* Upper bound of the max_request parameter. */
#define OCF_MAX_REQUEST_LIMIT	(64U << 20)

extern unsigned int ocf_max_sessions;
extern unsigned int ocf_max_request;
extern unsigned int ocf_zc_threshold;
extern unsigned int ocf_max_queue;
extern unsigned int ocf_max_pinned;

#endif /* _OCF_OCF_H */
