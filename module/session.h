/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_SESSION_H
#define _OCF_SESSION_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>

#include "ocf.h"

struct ocf_file;
struct ocf_driver_entry;
struct ocf_session;
struct ocf_tls13_state;

/*
 * What a session is, decided once when it is created.  A cipher and a MAC
 * serve hash-then-encrypt, the TLS and SRTP modes and FreeBSD's
 * encrypt-then-MAC.
 */
enum ocf_kind {
	OCF_KIND_HASH,		/* a digest or MAC */
	OCF_KIND_CIPHER,	/* a cipher */
	OCF_KIND_CIPHER_MAC,	/* a cipher and a MAC */
	OCF_KIND_AEAD,		/* an AEAD */
	OCF_KIND_TLS,		/* a TLS composite (CBC + HMAC, one key) */
};

/**
 * struct ocf_session_params - what a session is created from
 * @cipher: cipher or AEAD algorithm name, or NULL
 * @mac: hash or MAC algorithm name, or NULL
 * @cipher_type: OCF_TYPE_CIPHER or OCF_TYPE_AEAD, or 0 to detect it
 * @cipher_id: algorithm id reported back (0 when created by name)
 * @mac_id: likewise for the MAC
 * @crid: driver class or driver id (OCF_CRID_*)
 * @cipher_driver: exact driver for the cipher, or NULL
 * @mac_driver: exact driver for the MAC, or NULL
 * @key: cipher key (kernel copy)
 * @keylen: length of @key
 * @mackey: MAC key (kernel copy)
 * @mackeylen: length of @mackey
 * @tag_len: AEAD tag length, 0 for the algorithm's maximum
 * @tls_composite: CBC + HMAC session for TLS records, keyed with an
 *	authenc-layout key in @key
 * @finish: sets the front end's own fields of the new session (FreeBSD's
 *	IV format, a TLS 1.3 static IV), or refuses it, before its id exists:
 *	nobody sees a session that is not complete.  May be NULL.
 * @finish_arg: its argument
 */
struct ocf_session_params {
	const char *cipher;
	const char *mac;
	unsigned int cipher_type;
	u32 cipher_id;
	u32 mac_id;
	u32 crid;
	const char *cipher_driver;
	const char *mac_driver;
	const u8 *key;
	unsigned int keylen;
	const u8 *mackey;
	unsigned int mackeylen;
	unsigned int tag_len;
	bool tls_composite;
	int (*finish)(struct ocf_session *s, const void *arg);
	const void *finish_arg;
};

/**
 * struct ocf_user_keys - the keys of a new session, in user memory
 * @key: cipher key
 * @keylen: its length
 * @keymax: the longest cipher key accepted
 * @mackey: MAC key
 * @mackeylen: its length
 */
struct ocf_user_keys {
	const void __user *key;
	unsigned int keylen;
	unsigned int keymax;
	const void __user *mackey;
	unsigned int mackeylen;
};

/**
 * struct ocf_session - a keyed crypto context owned by one open file
 * @ref: references: the owner's id table holds one, each operation one
 * @id: the session id user space names it by
 * @lock: serialises the operations of the session, because they share the
 *	chained IV, the multi-part hash state and the AEAD tag length.  Taken
 *	killable; never held while taking the owner's xa_lock.  When two
 *	sessions are involved (CIOCCPHASH) they are locked one after the other,
 *	never nested.
 * @cipher: the cipher transform, or NULL
 * @aead: the AEAD transform, or NULL
 * @hash: the hash or MAC transform, or NULL
 * @cipher_id: algorithm id of the cipher (0 if created by name)
 * @mac_id: algorithm id of the MAC (0 if created by name)
 * @tls_composite: CBC + HMAC session created from a TLS composite id
 * @kind: what the session is (OCF_KIND_*): which calls and modes it takes
 * @blocksize: cipher block size (1 for stream ciphers and AEAD)
 * @steal: the cipher steals ciphertext (XTS, CTS): it takes any length
 *	from one block on, not only whole blocks
 * @ivsize: cipher or AEAD IV size
 * @digestsize: hash or MAC digest size
 * @maxauth: largest AEAD tag
 * @authsize: current AEAD tag length (under @lock)
 * @deftag: tag length used when an operation asks for none
 * @reqsize: largest crypto request (with its context) of the transforms
 * @inflight: asynchronous operations running; the AEAD tag length cannot
 *	change under them
 * @iv: IV left by the last operation, used when an operation passes none
 * @cstate: a stream cipher's keystream state between operations, where
 *	the request rather than the transform holds it (ARC4 from 6.8;
 *	under @lock), or NULL
 * @cstate_set: @cstate holds the state an operation ended with
 * @hash_open: a multi-part hash is in progress and its state is in @hstate
 * @hstate: exported partial hash state
 * @cstat: statistics of the cipher or AEAD driver, or NULL
 * @hstat: statistics of the hash driver, or NULL
 * @key: AEAD key, kept for the kTLS bridge (wiped on free)
 * @keylen: length of @key
 * @tls_iv: static IV of a session made from a TLS 1.3 traffic secret
 *	(tls13.c), for the kTLS bridge
 * @tls_ivlen: length of @tls_iv, 0 for every other session
 * @tls13: the traffic secret of such a session and the kTLS directions it
 *	keyed, for KeyUpdate (tls13_update.c); NULL for every other session
 * @bsd_ivfmt: how the IV of a FreeBSD call becomes the transform's
 *	(OCF_BSD_IV_*, bsd.c)
 * @bsd_ivlen: IV length of FreeBSD calls (0: @ivsize)
 * @bsd_maclen: digest length of FreeBSD calls (0: the whole digest)
 * @hw_segs: a transform is a hardware driver's: bound the scatterlist of
 *	a request (ocf_want_zc())
 * @cache_lock: protects @cache and @ncached
 * @cache: idle operations of this session, ready for reuse (request.c)
 * @ncached: how many
 */
struct ocf_session {
	struct kref ref;
	u32 id;
	struct mutex lock;	/* see @lock above */

	struct crypto_skcipher *cipher;
	struct crypto_aead *aead;
	struct crypto_ahash *hash;
	u32 cipher_id;
	u32 mac_id;
	bool tls_composite;
	enum ocf_kind kind;

	unsigned int blocksize;
	bool steal;
	unsigned int ivsize;
	unsigned int digestsize;
	unsigned int maxauth;
	unsigned int authsize;
	unsigned int deftag;
	unsigned int reqsize;
	atomic_t inflight;

	u8 iv[OCF_MAX_IV];
	u8 *cstate;
	bool cstate_set;
	bool hash_open;
	void *hstate;
	struct ocf_driver_entry *cstat;
	struct ocf_driver_entry *hstat;
	u8 *key;
	unsigned int keylen;
	u8 tls_iv[12];
	unsigned int tls_ivlen;
	struct ocf_tls13_state *tls13;
	u8 bsd_ivfmt;
	u8 bsd_ivlen;
	u8 bsd_maclen;
	bool hw_segs;

	spinlock_t cache_lock;	/* see @cache_lock above */
	struct list_head cache;
	unsigned int ncached;
};

/**
 * ocf_cipher_len_ok() - whether the session's cipher takes @len bytes
 * @s: a session with a cipher or an AEAD
 * @len: data length
 *
 * Return: true for whole blocks, and with ciphertext stealing for any
 * length from one block on.
 */
static inline bool ocf_cipher_len_ok(const struct ocf_session *s,
				     unsigned int len)
{
	return !(len % s->blocksize) || (s->steal && len >= s->blocksize);
}

int ocf_session_create(struct ocf_file *f, const struct ocf_session_params *p,
		       struct ocf_session **out);
int ocf_session_create_user(struct ocf_file *f, struct ocf_session_params *p,
			    const struct ocf_user_keys *uk,
			    struct ocf_session **out);
struct ocf_session *ocf_session_get(struct ocf_file *f, u32 id);
void ocf_session_put(struct ocf_session *s);
int ocf_session_remove(struct ocf_file *f, u32 id);
void ocf_sessions_release(struct ocf_file *f);

/* The transform that names the session's cipher side, for reports. */
struct crypto_tfm *ocf_session_cipher_tfm(struct ocf_session *s);
int ocf_session_crid(struct ocf_session *s);
void ocf_session_account(struct ocf_session *s, size_t bytes, int err);

bool ocf_session_selftest(void);

#endif /* _OCF_SESSION_H */
