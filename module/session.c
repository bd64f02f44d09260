// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions: creation (transforms and keys), ids, references and teardown.
 *
 * A session belongs to one open file.  Its id lives in the file's xarray,
 * which holds one reference; every operation takes another for as long as
 * it runs, so freeing a session (CIOCFSESSION, close) while another thread
 * uses it only unlinks it: the last reference frees the transforms and
 * wipes the keys.  The last reference is always dropped in process context
 * (ioctl, release, or the work item of an abandoned operation), because
 * freeing a transform may sleep.
 */
#include <linux/err.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <crypto/authenc.h>
#include <crypto/cryptodev.h>

#include "chardev.h"
#include "driver.h"
#include "request.h"
#include "session.h"
#include "stats.h"
#include "tls13.h"

static void session_release(struct kref *ref)
{
	struct ocf_session *s = container_of(ref, struct ocf_session, ref);

	if (s->cipher)
		crypto_free_skcipher(s->cipher);
	if (s->aead)
		crypto_free_aead(s->aead);
	if (s->hash)
		crypto_free_ahash(s->hash);
	ocf_op_cache_free(s);
	kfree_sensitive(s->hstate);
	kfree_sensitive(s->cstate);
	kfree_sensitive(s->key);
	ocf_tls13_state_free(s->tls13);
	mutex_destroy(&s->lock);
	kfree_sensitive(s);
	atomic_long_dec(&ocf_live.sessions);
}

/**
 * ocf_session_put() - drop a reference to a session
 * @s: the session; process context
 */
void ocf_session_put(struct ocf_session *s)
{
	kref_put(&s->ref, session_release);
}

/*
 * Split a key in the kernel's authenc layout (an rtattr carrying the
 * big-endian cipher key length, then the MAC key, then the cipher key).
 */
static int split_authenc_key(const u8 *key, unsigned int keylen,
			     const u8 **ckey, unsigned int *ckeylen,
			     const u8 **mkey, unsigned int *mkeylen)
{
	const struct crypto_authenc_key_param *param;
	const struct rtattr *rta = (const void *)key;
	unsigned int enckeylen;

	if (keylen < RTA_SPACE(sizeof(*param)) || !RTA_OK(rta, keylen) ||
	    rta->rta_type != CRYPTO_AUTHENC_KEYA_PARAM ||
	    RTA_PAYLOAD(rta) < sizeof(*param))
		return -EINVAL;
	param = RTA_DATA(rta);
	enckeylen = be32_to_cpu(param->enckeylen);
	key += rta->rta_len;
	keylen -= rta->rta_len;
	if (keylen < enckeylen)
		return -EINVAL;
	*mkey = key;
	*mkeylen = keylen - enckeylen;
	*ckey = key + *mkeylen;
	*ckeylen = enckeylen;
	return 0;
}

static int setup_aead(struct ocf_session *s, const struct ocf_session_params *p,
		      const struct ocf_pick *pick, const u8 *key,
		      unsigned int keylen)
{
	struct crypto_aead *tfm = ocf_alloc_aead(p->cipher, pick);

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	s->aead = tfm;
	if (crypto_aead_setkey(tfm, key, keylen))
		return -EINVAL;
	s->maxauth = crypto_aead_maxauthsize(tfm);
	if (p->tag_len) {
		if (p->tag_len > s->maxauth ||
		    crypto_aead_setauthsize(tfm, p->tag_len))
			return -EINVAL;
	}
	s->authsize = crypto_aead_authsize(tfm);
	s->deftag = s->authsize;
	s->ivsize = crypto_aead_ivsize(tfm);
	s->blocksize = 1;
	s->reqsize = max_t(unsigned int, s->reqsize,
			   sizeof(struct aead_request) + crypto_aead_reqsize(tfm));
	s->key = kmemdup(key, keylen, GFP_KERNEL_ACCOUNT);
	if (!s->key)
		return -ENOMEM;
	s->keylen = keylen;
	return 0;
}

/*
 * XTS and CTS take any length from one block on (the last two blocks share
 * the tail), though the crypto API gives them the block size of the cipher.
 */
static bool steals_ciphertext(struct crypto_tfm *tfm)
{
	const char *name = crypto_tfm_alg_name(tfm);

	return str_has_prefix(name, "xts(") || str_has_prefix(name, "cts(");
}

static int setup_skcipher(struct ocf_session *s, const struct ocf_session_params *p,
			  const struct ocf_pick *pick, const u8 *key,
			  unsigned int keylen)
{
	struct crypto_skcipher *tfm = ocf_alloc_skcipher(p->cipher, pick);
	unsigned int statesize;

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	s->cipher = tfm;
	if (crypto_skcipher_setkey(tfm, key, keylen))
		return -EINVAL;
	s->ivsize = crypto_skcipher_ivsize(tfm);
	s->blocksize = crypto_skcipher_blocksize(tfm);
	s->steal = steals_ciphertext(crypto_skcipher_tfm(tfm));
	statesize = ocf_skcipher_statesize(tfm);
	if (statesize) {
		s->cstate = kzalloc(statesize, GFP_KERNEL_ACCOUNT);
		if (!s->cstate)
			return -ENOMEM;
	}
	s->reqsize = max_t(unsigned int, s->reqsize,
			   sizeof(struct skcipher_request) +
			   crypto_skcipher_reqsize(tfm));
	return 0;
}

static int setup_cipher(struct ocf_session *s, const struct ocf_session_params *p,
			const u8 *key, unsigned int keylen)
{
	struct ocf_pick pick = { .crid = p->crid, .driver = p->cipher_driver };
	int kind, ret;

	switch (p->cipher_type) {
	case OCF_TYPE_AEAD:
		ret = setup_aead(s, p, &pick, key, keylen);
		break;
	case OCF_TYPE_CIPHER:
		ret = setup_skcipher(s, p, &pick, key, keylen);
		break;
	default:
		/*
		 * By name: an AEAD if the kernel has one of that name.  Ask the
		 * registry first: crypto_has_alg() may run modprobe twice.
		 */
		kind = ocf_registered_kind(p->cipher);
		if (!kind)
			kind = crypto_has_alg(p->cipher, CRYPTO_ALG_TYPE_AEAD,
					      CRYPTO_ALG_TYPE_MASK) ?
			       OCF_TYPE_AEAD : OCF_TYPE_CIPHER;
		if (kind == OCF_TYPE_AEAD)
			ret = setup_aead(s, p, &pick, key, keylen);
		else
			ret = setup_skcipher(s, p, &pick, key, keylen);
		break;
	}
	if (!ret && s->ivsize > OCF_MAX_IV)
		ret = -EINVAL;
	return ret;
}

static int setup_mac(struct ocf_session *s, const struct ocf_session_params *p,
		     const u8 *key, unsigned int keylen)
{
	struct ocf_pick pick = { .crid = p->crid, .driver = p->mac_driver };
	struct crypto_ahash *tfm = ocf_alloc_ahash(p->mac, &pick);

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	s->hash = tfm;
	if (keylen && crypto_ahash_setkey(tfm, key, keylen))
		return -EINVAL;
	/* A MAC without its key, or a key for a plain hash. */
	if (crypto_ahash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY)
		return -EINVAL;
	s->digestsize = crypto_ahash_digestsize(tfm);
	if (s->digestsize > OCF_MAX_DIGEST)
		return -EINVAL;
	s->hstate = kzalloc(crypto_ahash_statesize(tfm), GFP_KERNEL_ACCOUNT);
	if (!s->hstate)
		return -ENOMEM;
	s->reqsize = max_t(unsigned int, s->reqsize,
			   sizeof(struct ahash_request) + crypto_ahash_reqsize(tfm));
	return 0;
}

static int session_setup(struct ocf_session *s, const struct ocf_session_params *p)
{
	const u8 *ckey = p->key, *mkey = p->mackey;
	unsigned int ckeylen = p->keylen, mkeylen = p->mackeylen;
	int ret;

	if (p->tls_composite) {
		if (mkeylen)
			return -EINVAL;
		ret = split_authenc_key(p->key, p->keylen, &ckey, &ckeylen,
					&mkey, &mkeylen);
		if (ret)
			return ret;
		s->tls_composite = true;
	}
	if (ckeylen > OCF_MAX_CIPHER_KEY || mkeylen > OCF_MAX_MAC_KEY)
		return -EINVAL;

	if (p->cipher) {
		ret = setup_cipher(s, p, ckey, ckeylen);
		if (ret)
			return ret;
	} else if (ckeylen) {
		return -EINVAL;
	}
	if (p->mac) {
		/* An AEAD authenticates by itself. */
		if (s->aead)
			return -EINVAL;
		ret = setup_mac(s, p, mkey, mkeylen);
		if (ret)
			return ret;
	} else if (mkeylen) {
		return -EINVAL;
	}
	if (s->tls_composite && (!s->cipher || !s->hash))
		return -EINVAL;
	if (ocf_session_cipher_tfm(s)) {
		s->cstat = ocf_driver_entry(ocf_session_cipher_tfm(s));
		s->hw_segs = ocf_tfm_is_hardware(ocf_session_cipher_tfm(s));
	}
	if (s->hash) {
		s->hstat = ocf_driver_entry(crypto_ahash_tfm(s->hash));
		s->hw_segs |= ocf_tfm_is_hardware(crypto_ahash_tfm(s->hash));
	}
	s->cipher_id = p->cipher_id;
	s->mac_id = p->mac_id;
	if (s->tls_composite)
		s->kind = OCF_KIND_TLS;
	else if (s->aead)
		s->kind = OCF_KIND_AEAD;
	else if (s->cipher)
		s->kind = s->hash ? OCF_KIND_CIPHER_MAC : OCF_KIND_CIPHER;
	else
		s->kind = OCF_KIND_HASH;
	return 0;
}

/**
 * ocf_session_create() - create a session and give it an id
 * @f: the open file that will own it
 * @p: what to create
 * @out: the session, with a reference for the caller
 *
 * Return: 0; -ENOSPC when the file holds ocf_max_sessions sessions;
 * -EINVAL for no algorithm, a bad key or tag size; -ENOENT when the kernel
 * lacks the algorithm; -ENODEV when no driver of the asked class serves
 * it; -ENOMEM.
 */
int ocf_session_create(struct ocf_file *f, const struct ocf_session_params *p,
		       struct ocf_session **out)
{
	struct ocf_session *s;
	int ret;

	if (!p->cipher && !p->mac)
		return -EINVAL;
	if (atomic_inc_return(&f->nr_sessions) > ocf_limit(&ocf_max_sessions)) {
		ret = -ENOSPC;
		goto err_count;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s) {
		ret = -ENOMEM;
		goto err_count;
	}
	kref_init(&s->ref);
	mutex_init(&s->lock);
	spin_lock_init(&s->cache_lock);
	INIT_LIST_HEAD(&s->cache);
	atomic_long_inc(&ocf_live.sessions);

	ret = session_setup(s, p);
	if (!ret && p->finish)
		ret = p->finish(s, p->finish_arg);
	if (ret)
		goto err_put;

	kref_get(&s->ref);	/* the caller's */
	ret = xa_alloc_cyclic(&f->sessions, &s->id, s, XA_LIMIT(1, INT_MAX),
			      &f->next_id, GFP_KERNEL_ACCOUNT);
	if (ret < 0) {
		ocf_session_put(s);
		goto err_put;
	}
	*out = s;
	return 0;

err_put:
	ocf_session_put(s);
err_count:
	atomic_dec(&f->nr_sessions);
	return ret == -EBUSY ? -ENOSPC : ret;
}

/* Kernel copies of the keys of a new session. */
struct session_keys {
	u8 *key;
	u8 *mackey;
};

static int copy_keys(struct session_keys *k, const struct ocf_user_keys *uk)
{
	k->key = NULL;
	k->mackey = NULL;
	if (uk->keylen > uk->keymax || uk->mackeylen > OCF_MAX_MAC_KEY)
		return -EINVAL;
	if (uk->keylen) {
		k->key = memdup_user(uk->key, uk->keylen);
		if (IS_ERR(k->key))
			return PTR_ERR(k->key);
	}
	if (uk->mackeylen) {
		k->mackey = memdup_user(uk->mackey, uk->mackeylen);
		if (IS_ERR(k->mackey)) {
			kfree_sensitive(k->key);
			return PTR_ERR(k->mackey);
		}
	}
	return 0;
}

static void free_keys(struct session_keys *k, const struct ocf_user_keys *uk)
{
	if (k->key) {
		memzero_explicit(k->key, uk->keylen);
		kfree(k->key);
	}
	if (k->mackey) {
		memzero_explicit(k->mackey, uk->mackeylen);
		kfree(k->mackey);
	}
}

/**
 * ocf_session_create_user() - create a session keyed from user memory
 * @f: the open file
 * @p: what to create; its key fields are set here
 * @uk: where the keys are, their lengths, the longest cipher key accepted
 * @out: the session, with a reference for the caller
 *
 * The keys are copied in, used and wiped.
 *
 * Return: as ocf_session_create(), and -EINVAL for a key too long,
 * -EFAULT for a key that cannot be read.
 */
int ocf_session_create_user(struct ocf_file *f, struct ocf_session_params *p,
			    const struct ocf_user_keys *uk,
			    struct ocf_session **out)
{
	struct session_keys k;
	int ret = copy_keys(&k, uk);

	if (ret)
		return ret;
	p->key = k.key;
	p->keylen = uk->keylen;
	p->mackey = k.mackey;
	p->mackeylen = uk->mackeylen;
	ret = ocf_session_create(f, p, out);
	free_keys(&k, uk);
	p->key = NULL;
	p->mackey = NULL;
	return ret;
}

/**
 * ocf_session_get() - look a session up by id
 * @f: the open file
 * @id: session id from user space
 *
 * Return: the session with a reference, or NULL.
 */
struct ocf_session *ocf_session_get(struct ocf_file *f, u32 id)
{
	struct ocf_session *s;

	xa_lock(&f->sessions);
	s = xa_load(&f->sessions, id);
	if (s)
		kref_get(&s->ref);
	xa_unlock(&f->sessions);
	return s;
}

/**
 * ocf_session_remove() - free a session id (CIOCFSESSION)
 * @f: the open file
 * @id: session id
 *
 * Operations already running on the session finish normally.
 *
 * Return: 0, or -EINVAL when @id names no session of @f.
 */
int ocf_session_remove(struct ocf_file *f, u32 id)
{
	struct ocf_session *s = xa_erase(&f->sessions, id);

	if (!s)
		return -EINVAL;
	atomic_dec(&f->nr_sessions);
	ocf_session_put(s);
	return 0;
}

/**
 * ocf_sessions_release() - drop every session of a file being closed
 * @f: the open file
 */
void ocf_sessions_release(struct ocf_file *f)
{
	struct ocf_session *s;
	unsigned long id;

	xa_for_each(&f->sessions, id, s) {
		xa_erase(&f->sessions, id);
		ocf_session_put(s);
	}
	xa_destroy(&f->sessions);
	atomic_set(&f->nr_sessions, 0);
}

/**
 * ocf_session_account() - count a finished operation in the statistics
 * @s: its session
 * @bytes: data processed
 * @err: its result
 *
 * Safe in any context.
 */
void ocf_session_account(struct ocf_session *s, size_t bytes, int err)
{
	ocf_driver_account(s->cstat, bytes, err);
	ocf_driver_account(s->hstat, bytes, err);
}

/**
 * ocf_session_cipher_tfm() - the transform of the session's cipher side
 * @s: the session
 *
 * Return: the cipher or AEAD transform, or NULL for a hash-only session.
 */
struct crypto_tfm *ocf_session_cipher_tfm(struct ocf_session *s)
{
	if (s->cipher)
		return crypto_skcipher_tfm(s->cipher);
	if (s->aead)
		return crypto_aead_tfm(s->aead);
	return NULL;
}

/**
 * ocf_session_crid() - the driver id that serves a session
 * @s: the session
 *
 * Return: the id (OCF_IOC_FINDDEV) of the cipher's driver, else of the
 * MAC's, or 0 when neither has one.
 */
int ocf_session_crid(struct ocf_session *s)
{
	struct crypto_tfm *tfm = ocf_session_cipher_tfm(s);
	int id = 0;

	if (tfm)
		id = ocf_driver_id(crypto_tfm_alg_driver_name(tfm));
	if (id <= 0 && s->hash)
		id = ocf_driver_id(crypto_tfm_alg_driver_name(crypto_ahash_tfm(s->hash)));
	return id > 0 ? id : 0;
}

/* Self-test of the authenc key split (main.c, selftest=1). */
bool __init ocf_session_selftest(void)
{
	struct {
		struct rtattr rta;
		__be32 enckeylen;
		u8 keys[20 + 16];
	} __packed blob;
	const u8 *ck, *mk;
	unsigned int ckl, mkl, i;
	bool ok;

	blob.rta.rta_len = RTA_LENGTH(sizeof(blob.enckeylen));
	blob.rta.rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	blob.enckeylen = cpu_to_be32(16);
	for (i = 0; i < sizeof(blob.keys); i++)
		blob.keys[i] = i;

	ok = !split_authenc_key((u8 *)&blob, sizeof(blob), &ck, &ckl, &mk, &mkl) &&
	     mkl == 20 && mk == blob.keys && ckl == 16 && ck == blob.keys + 20;
	/* A cipher key longer than what follows the parameter. */
	blob.enckeylen = cpu_to_be32(37);
	ok = ok && split_authenc_key((u8 *)&blob, sizeof(blob), &ck, &ckl,
				     &mk, &mkl) == -EINVAL;
	/* Not the parameter attribute. */
	blob.enckeylen = cpu_to_be32(16);
	blob.rta.rta_type = CRYPTO_AUTHENC_KEYA_PARAM + 1;
	ok = ok && split_authenc_key((u8 *)&blob, sizeof(blob), &ck, &ckl,
				     &mk, &mkl) == -EINVAL;
	/* Shorter than the attribute. */
	blob.rta.rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	ok = ok && split_authenc_key((u8 *)&blob, 6, &ck, &ckl, &mk, &mkl) ==
		   -EINVAL;
	if (!ok)
		pr_err("self-test: authenc key split\n");
	return ok;
}
