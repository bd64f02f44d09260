/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_DRIVER_H
#define _OCF_DRIVER_H

#include <linux/types.h>

struct crypto_tfm;
struct crypto_skcipher;
struct crypto_aead;
struct crypto_ahash;
struct ocf_alg_list;
struct ocf_driver_entry;
struct seq_file;

/**
 * struct ocf_pick - which implementation of an algorithm to allocate
 * @crid: 0, OCF_CRID_ANY, OCF_CRID_HARDWARE, OCF_CRID_SOFTWARE, or a
 *	driver id from ocf_driver_id()
 * @driver: exact driver name, or NULL
 */
struct ocf_pick {
	u32 crid;
	const char *driver;
};

struct crypto_skcipher *ocf_alloc_skcipher(const char *name,
					   const struct ocf_pick *pick);
struct crypto_aead *ocf_alloc_aead(const char *name,
				   const struct ocf_pick *pick);
struct crypto_ahash *ocf_alloc_ahash(const char *name,
				     const struct ocf_pick *pick);

bool ocf_tfm_is_hardware(struct crypto_tfm *tfm);
int ocf_registered_kind(const char *name);
struct ocf_driver_entry *ocf_driver_entry(struct crypto_tfm *tfm);
void ocf_driver_account(struct ocf_driver_entry *e, size_t bytes, int err);
int ocf_driver_stats_show(struct seq_file *m, void *unused);
int ocf_driver_id(const char *driver);
int ocf_driver_name(u32 id, char *buf, size_t len);
int ocf_list_algs(struct ocf_alg_list *req);

int ocf_driver_init(void);
void ocf_driver_exit(void);

bool ocf_driver_selftest(void);

#endif /* _OCF_DRIVER_H */
