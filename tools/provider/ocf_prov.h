/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ocf.so: an OpenSSL 3 provider backed by /dev/crypto (ocf.ko).
 *
 * Uses only the provider ABI (core_dispatch.h, OSSL_PARAM): it links no
 * OpenSSL library, so the same ocf.so loads into OpenSSL 3.0 and later.
 */
#ifndef OCF_PROV_H
#define OCF_PROV_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/core.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <crypto/cryptodev.h>

#define OCF_NAME_LEN	CRYPTODEV_MAX_ALG_NAME

/* Our reason codes (provider_get_reason_strings). */
enum {
	OCF_R_NO_DEVICE = 1,
	OCF_R_KERNEL,
	OCF_R_BAD_CONFIG,
	OCF_R_BAD_KEY_LENGTH,
	OCF_R_BAD_IV_LENGTH,
	OCF_R_BAD_LENGTH,
	OCF_R_BAD_DECRYPT,
	OCF_R_TAG,
	OCF_R_STATE,
	OCF_R_NO_MEMORY,
	OCF_R_UNSUPPORTED,
};

/* One provider instance (one per library context that loads it). */
struct ocf_prov {
	const OSSL_CORE_HANDLE *handle;
	int fd;			/* /dev/crypto, shared by every context */
	uint32_t crid;		/* OCF_CRID_HARDWARE, _SOFTWARE or _ANY */
	const char *mode;	/* "hardware", "software" or "any" */
	uint32_t max_request;
	uint64_t features;	/* OCF_FEAT_* */
	OSSL_ALGORITHM *ciphers, *digests, *macs, *rands;
};

/*
 * fork(): parent and child share the open /dev/crypto and so its sessions.
 * A context used in another process than the one that opened its session
 * opens a new one (ids are never reused, so the two cannot collide) and
 * never frees the old one, which stays the parent's.  ocf_fork_gen counts
 * forks (a pthread_atfork handler); contexts remember the count they saw.
 */
extern volatile unsigned int ocf_fork_gen;

/* prov.c: errors and /dev/crypto calls */
void ocf_err(struct ocf_prov *p, int reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An ioctl failed: the error names what and the kernel's errno text. */
void ocf_kerr(struct ocf_prov *p, const char *what, const char *alg, int err);

struct ocf_sess_req {
	const char *cipher;	/* kernel name or NULL */
	const char *mac;	/* kernel name or NULL */
	const void *key;
	size_t keylen;
	const void *mackey;
	size_t mackeylen;
	unsigned int tag_len;
	const char *driver;	/* exact driver wanted, or NULL for the class */
	int any_driver;		/* any driver, whatever the class */
};

/* Returns the session id (non-zero) or 0 with errno set; fills @driver. */
uint32_t ocf_session(struct ocf_prov *p, const struct ocf_sess_req *r,
		     char driver[OCF_NAME_LEN]);
/* The same on another open /dev/crypto (a pipeline's own, cipher.c). */
uint32_t ocf_session_fd(struct ocf_prov *p, int fd, const struct ocf_sess_req *r,
			char driver[OCF_NAME_LEN]);
void ocf_session_free(struct ocf_prov *p, uint32_t ses);
int ocf_crypt(struct ocf_prov *p, uint32_t ses, int op, uint16_t flags,
	      const void *src, void *dst, size_t len, void *iv, void *mac);
/* AEAD: returns 0, or a negative errno (-EBADMSG: tag mismatch). */
int ocf_aead(struct ocf_prov *p, uint32_t ses, int op, const void *aad,
	     size_t aadlen, const void *src, void *dst, size_t len,
	     void *iv, size_t ivlen, size_t taglen);
int ocf_random(void *buf, size_t len);
void ocf_cleanse(void *p, size_t len);

/* params.c: our own OSSL_PARAM accessors */
OSSL_PARAM *ocf_param_locate(OSSL_PARAM *p, const char *key);
const OSSL_PARAM *ocf_param_locate_const(const OSSL_PARAM *p, const char *key);
int ocf_param_get_u64(const OSSL_PARAM *p, uint64_t *v);
int ocf_param_set_u64(OSSL_PARAM *p, uint64_t v);
int ocf_param_get_octets(const OSSL_PARAM *p, const void **data, size_t *len);
int ocf_param_set_octets(OSSL_PARAM *p, const void *data, size_t len);
int ocf_param_get_utf8(const OSSL_PARAM *p, char *buf, size_t size);
int ocf_param_set_utf8(OSSL_PARAM *p, const char *s);
/* Set key in params to v, if present: 1 also when absent, 0 on error. */
int ocf_set_size(OSSL_PARAM *params, const char *key, uint64_t v);
int ocf_set_str(OSSL_PARAM *params, const char *key, const char *s);

#define OCF_PARAM_DRIVER "ocf-driver"	/* ctx param: the kernel driver */

/* Algorithm tables, filtered at init by what the drivers serve. */
struct ocf_alg_probe {
	OSSL_ALGORITHM alg;
	const char *kname;	/* kernel algorithm to probe */
	const char *kname2;	/* and a second one it needs, or NULL */
	unsigned int keylen;	/* key for the probe (0: none) */
	int mac;		/* probe as a MAC/hash (1), a cipher (0), or a
				 * TLS cipher + HMAC session (2) */
	int any_driver;		/* probe on any driver, not the class */
};

extern const struct ocf_alg_probe ocf_cipher_algs[];
extern const struct ocf_alg_probe ocf_digest_algs[];
extern const struct ocf_alg_probe ocf_mac_algs[];
extern const struct ocf_alg_probe ocf_rand_algs[];
extern const struct ocf_alg_probe ocf_tlscbc_algs[];

/* digest.c: the hash table HMAC uses */
struct ocf_md_desc {
	const char *names;	/* OpenSSL names, ':'-separated */
	const char *kname;	/* kernel hash */
	const char *hmac;	/* kernel HMAC */
	size_t size, blocksize;
};
const struct ocf_md_desc *ocf_md_by_name(const char *name);

#endif /* OCF_PROV_H */
