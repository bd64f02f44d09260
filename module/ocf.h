/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide limits and tunables (module parameters, see main.c).
 */
#ifndef _OCF_OCF_H
#define _OCF_OCF_H

#include <linux/compiler.h>
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

/**
 * struct ocf_limit - a bounded module parameter
 * @val: current value
 * @min: smallest value accepted
 * @max: largest value accepted
 */
struct ocf_limit {
	unsigned int val;
	unsigned int min;
	unsigned int max;
};

static inline unsigned int ocf_limit(const struct ocf_limit *l)
{
	return READ_ONCE(l->val);
}

extern struct ocf_limit ocf_max_sessions;
extern struct ocf_limit ocf_max_request;
extern struct ocf_limit ocf_zc_threshold;
extern struct ocf_limit ocf_max_queue;
extern struct ocf_limit ocf_max_pinned;
extern struct ocf_limit ocf_max_key_updates;

#endif /* _OCF_OCF_H */
