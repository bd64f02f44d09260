/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels we build against lives here.
 *
 * compat/Kbuild.include probes the target tree and defines OCF_HAVE_*; this
 * header turns each probe into one helper so that the rest of the module is
 * written once, against the newest API.  Supported: Linux 5.10 to 7.x (kTLS
 * differences: compat/ktls.h).
 */
#ifndef _OCF_COMPAT_H
#define _OCF_COMPAT_H

#include <linux/crypto.h>
#include <linux/net.h>
#include <linux/sockptr.h>
#include <crypto/skcipher.h>
#include <net/sock.h>

/*
 * Crypto completion callbacks take the request's data pointer since 6.3;
 * before that they took the request.  Callbacks are declared with
 * OCF_CRYPTO_CB_ARG and fetch their data with ocf_cb_data().
 */
#ifdef OCF_HAVE_CB_DATA
#define OCF_CRYPTO_CB_ARG void *
static inline void *ocf_cb_data(void *data)
{
	return data;
}
#else
#define OCF_CRYPTO_CB_ARG struct crypto_async_request *
static inline void *ocf_cb_data(struct crypto_async_request *req)
{
	return req->data;
}
#endif

/*
 * Before 6.3, which brought the data-pointer callbacks above, cryptd's AEAD
 * gives a request back with its transform and callback changed: the
 * crypto manager's self-test of every new cryptd AEAD instance fails, with
 * a WARNING (5.10, 6.1), and the instance is never usable.  Those kernels
 * are told apart by the same probe; there an exact AEAD driver named
 * cryptd(...) is refused before the crypto API is asked (driver.c).
 */
#ifdef OCF_HAVE_CB_DATA
#define OCF_CRYPTD_AEAD_USABLE true
#else
#define OCF_CRYPTD_AEAD_USABLE false
#endif

/*
 * The crypto API's registry of algorithms.  Exported (GPL) by every kernel
 * we support, but declared only in the private crypto/internal.h.  Readers
 * hold crypto_alg_sem for reading.
 */
extern struct list_head crypto_alg_list;
extern struct rw_semaphore crypto_alg_sem;

/*
 * 6.7 added "lskcipher" algorithms, which the skcipher API serves too.
 */
static inline bool ocf_alg_type_is_skcipher(u32 cra_flags)
{
	u32 type = cra_flags & CRYPTO_ALG_TYPE_MASK;

#ifdef CRYPTO_ALG_TYPE_LSKCIPHER
	if (type == CRYPTO_ALG_TYPE_LSKCIPHER)
		return true;
#endif
	return type == CRYPTO_ALG_TYPE_SKCIPHER;
}

/*
 * 6.8 moved a stream cipher's keystream (ARC4's) out of the transform
 * into the request, with an export/import interface: a session that goes
 * on with one keystream over its operations keeps the state itself.
 * Before, the transform kept it and these are never called (statesize 0).
 */
#ifdef CRYPTO_SKCIPHER_REQ_CONT
#define OCF_SKCIPHER_REQ_CONT		CRYPTO_SKCIPHER_REQ_CONT
#define OCF_SKCIPHER_REQ_NOTFINAL	CRYPTO_SKCIPHER_REQ_NOTFINAL

static inline unsigned int ocf_skcipher_statesize(struct crypto_skcipher *tfm)
{
	return crypto_skcipher_statesize(tfm);
}

static inline int ocf_skcipher_export(struct skcipher_request *req, void *out)
{
	return crypto_skcipher_export(req, out);
}

static inline int ocf_skcipher_import(struct skcipher_request *req, const void *in)
{
	return crypto_skcipher_import(req, in);
}
#else
#define OCF_SKCIPHER_REQ_CONT		0
#define OCF_SKCIPHER_REQ_NOTFINAL	0

static inline unsigned int ocf_skcipher_statesize(struct crypto_skcipher *tfm)
{
	return 0;
}

static inline int ocf_skcipher_export(struct skcipher_request *req, void *out)
{
	return -EOPNOTSUPP;
}

static inline int ocf_skcipher_import(struct skcipher_request *req, const void *in)
{
	return -EOPNOTSUPP;
}
#endif

/* Sizes of a registered skcipher or lskcipher algorithm. */
static inline void ocf_skcipher_alg_sizes(struct crypto_alg *alg, u32 *ivsize,
					  u32 *min_key, u32 *max_key)
{
	struct skcipher_alg *sk;

#ifdef CRYPTO_ALG_TYPE_LSKCIPHER
	if ((alg->cra_flags & CRYPTO_ALG_TYPE_MASK) == CRYPTO_ALG_TYPE_LSKCIPHER) {
		struct lskcipher_alg *lsk = container_of(alg, struct lskcipher_alg, co.base);

		*ivsize = lsk->co.ivsize;
		*min_key = lsk->co.min_keysize;
		*max_key = lsk->co.max_keysize;
		return;
	}
#endif
	sk = container_of(alg, struct skcipher_alg, base);
	*ivsize = sk->ivsize;
	*min_key = sk->min_keysize;
	*max_key = sk->max_keysize;
}

/*
 * Setting an option of a user's socket from the kernel (the kTLS bridge).
 * do_sock_setsockopt() (6.8+) is the path of the system call: it runs the
 * LSM and cgroup-BPF setsockopt hooks before the protocol's handler.  Older
 * kernels export no such path, so the protocol's handler is called
 * directly and the hooks do not run (Documentation/ktls-bridge.rst).
 */
static inline int ocf_sock_setsockopt(struct socket *sock, int level,
				      int optname, sockptr_t optval,
				      unsigned int optlen)
{
#ifdef OCF_HAVE_DO_SOCK_SETSOCKOPT
	return do_sock_setsockopt(sock, false, level, optname, optval, optlen);
#else
	/* kTLS replaces sock->ops when it keys a direction. */
	const struct proto_ops *ops = READ_ONCE(sock->ops);

	return ops->setsockopt(sock, level, optname, optval, optlen);
#endif
}

/*
 * A local that is written before it is read, exempt from the stack
 * initialisation of CONFIG_INIT_STACK_ALL_ZERO (compilers with the option
 * have the attribute): the ioctl argument buffers, which the dispatcher
 * clears or fills to the size each call uses, instead of all 400 bytes
 * on every call.
 */
#if __has_attribute(__uninitialized__)
#define __ocf_noinit __attribute__((__uninitialized__))
#else
#define __ocf_noinit
#endif

#endif /* _OCF_COMPAT_H */
