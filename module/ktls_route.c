// SPDX-License-Identifier: GPL-2.0
/*
 * kTLS routing: make kTLS run a bridged socket's records on the driver of
 * the session it was keyed from.
 *
 * kTLS keys a direction by allocating its own AEAD by the cipher's generic
 * name ("gcm(aes)", "ccm(aes)", "rfc7539(chacha20,poly1305)", ...) inside
 * setsockopt(SOL_TLS), and the crypto API gives it the implementation of
 * highest priority.  For the duration of one attach only, this file
 * registers an AEAD under that generic name with a priority above every
 * other: an instance of the module's template "ocf_ktls_route", named
 * "ocf-route-N(<session's driver>)", which forwards setkey, setauthsize,
 * encrypt and decrypt to a transform of the session's exact driver and
 * passes asynchronous completions through.  kTLS's lookup finds it; right
 * after kTLS's setsockopt returns the instance is unregistered.  Only the
 * crypto API's public interfaces for templates are used, and nothing of
 * kTLS's own structures.
 *
 * Who may bind to the instance (route_init()):
 *  - the attaching task, while the attach is in progress: that is kTLS's
 *    allocation inside the setsockopt;
 *  - anyone while the instance is not yet marked tested
 *    (CRYPTO_ALG_TESTED): the crypto API hands untested algorithms only to
 *    the crypto manager's self-test, which allocates them by driver name,
 *    so this is the self-test of this instance (it runs the generic name's
 *    vectors through the session's driver, and passes legitimately);
 *  - nobody else: their allocation fails in init with -EAGAIN, which the
 *    crypto API answers by marking the instance dying and looking the name
 *    up again, so they get exactly the implementation they got before.
 *    The attach then finds kTLS bound elsewhere (rare, and reported: no
 *    OCF_KTLS_R_ROUTED).
 *
 * Unregistering while kTLS's transform is alive is safe: an instance, unlike
 * an algorithm registered with crypto_register_alg(), is destroyed by the
 * crypto API when its last reference goes, and every transform holds one,
 * along with a reference on this module (cra_module), so that the module
 * cannot be unloaded while a routed socket exists.  The transform of the
 * session's driver that the route holds pins that driver's module likewise.
 * Nothing in the instance or its transforms points at the session or the
 * open file: both may go first.
 *
 * Attaches are serialised by route_lock, so at most one instance exists at
 * a time and its name and priority never meet another's.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/internal/aead.h>

#include "driver.h"
#include "ktls_route.h"
#include "session.h"

static bool ktls_route = true;
module_param(ktls_route, bool, 0644);
MODULE_PARM_DESC(ktls_route, "Run bridged kTLS records on the session's driver (default: 1)");

#define ROUTE_TMPL	"ocf_ktls_route"
#define ROUTE_PRIORITY	INT_MAX

/**
 * struct route_inst - the instance's context
 * @driver: driver name of the session's transform
 * @stat: the statistics entry of that driver, or NULL
 * @owner: the attaching task while the attach is in progress, else NULL
 * @nested: @owner is inside route_init() (only @owner touches it)
 * @bound: transforms created for @owner
 */
struct route_inst {
	char driver[CRYPTO_MAX_ALG_NAME];
	struct ocf_driver_entry *stat;
	struct task_struct *owner;
	bool nested;
	atomic_t bound;
};

/**
 * struct route_tfm - a transform's context
 * @inner: transform of the session's driver
 * @stat: as &struct route_inst.stat
 */
struct route_tfm {
	struct crypto_aead *inner;
	struct ocf_driver_entry *stat;
};

/**
 * struct route_req - a request's context
 * @encrypt: direction, for the statistics
 * @sub: the request to @inner; its own context follows
 */
struct route_req {
	bool encrypt;
	struct aead_request sub;
};

static DEFINE_MUTEX(route_lock);	/* one attach at a time */
static u32 route_seq;			/* under route_lock */

/*
 * 1: the attaching task (kTLS); 0: the crypto manager's self-test of the
 * instance, whose operations are not counted; -EAGAIN: anyone else.
 */
static int route_may_bind(struct route_inst *ri, struct crypto_aead *tfm)
{
	/*
	 * The session's driver allocating the generic name itself while
	 * being allocated (a fallback): not to itself through the route.
	 */
	if (READ_ONCE(ri->owner) == current && ri->nested)
		return -EAGAIN;
	if (READ_ONCE(ri->owner) == current) {
		atomic_inc(&ri->bound);
		return 1;
	}
	if (!(READ_ONCE(crypto_aead_alg(tfm)->base.cra_flags) &
	      CRYPTO_ALG_TESTED))
		return 0;
	return -EAGAIN;
}

static int route_init(struct crypto_aead *tfm)
{
	struct route_inst *ri = aead_instance_ctx(aead_alg_instance(tfm));
	struct route_tfm *ctx = crypto_aead_ctx(tfm);
	struct crypto_aead *inner;
	int who;

	who = route_may_bind(ri, tfm);
	if (who < 0)
		return who;
	if (who)
		ri->nested = true;
	inner = crypto_alloc_aead(ri->driver, 0, 0);
	if (who)
		ri->nested = false;
	if (IS_ERR(inner))
		return PTR_ERR(inner);
	ctx->inner = inner;
	ctx->stat = who ? ri->stat : NULL;
	crypto_aead_set_reqsize(tfm, sizeof(struct route_req) +
				crypto_aead_reqsize(inner));
	return 0;
}

static void route_exit(struct crypto_aead *tfm)
{
	struct route_tfm *ctx = crypto_aead_ctx(tfm);

	crypto_free_aead(ctx->inner);
}

static int route_setkey(struct crypto_aead *tfm, const u8 *key,
			unsigned int keylen)
{
	struct route_tfm *ctx = crypto_aead_ctx(tfm);

	crypto_aead_clear_flags(ctx->inner, CRYPTO_TFM_REQ_MASK);
	crypto_aead_set_flags(ctx->inner, crypto_aead_get_flags(tfm) &
			      CRYPTO_TFM_REQ_MASK);
	return crypto_aead_setkey(ctx->inner, key, keylen);
}

static int route_setauthsize(struct crypto_aead *tfm, unsigned int authsize)
{
	struct route_tfm *ctx = crypto_aead_ctx(tfm);

	return crypto_aead_setauthsize(ctx->inner, authsize);
}

static void route_account(struct aead_request *req, int err)
{
	struct crypto_aead *tfm = crypto_aead_reqtfm(req);
	struct route_tfm *ctx = crypto_aead_ctx(tfm);
	struct route_req *rr = aead_request_ctx(req);
	unsigned int len = req->cryptlen;

	if (!rr->encrypt)
		len -= min(len, crypto_aead_authsize(tfm));
	ocf_driver_account(ctx->stat, len, err);
}

static void route_done(OCF_CRYPTO_CB_ARG arg, int err)
{
	struct aead_request *req = ocf_cb_data(arg);

	/* -EINPROGRESS: a backlogged request was queued; more follows. */
	if (err != -EINPROGRESS)
		route_account(req, err);
	aead_request_complete(req, err);
}

static int route_crypt(struct aead_request *req, bool encrypt)
{
	struct route_tfm *ctx = crypto_aead_ctx(crypto_aead_reqtfm(req));
	struct route_req *rr = aead_request_ctx(req);
	struct aead_request *sub = &rr->sub;
	u32 flags = aead_request_flags(req);
	int err;

	rr->encrypt = encrypt;
	aead_request_set_tfm(sub, ctx->inner);
	aead_request_set_callback(sub, flags, route_done, req);
	aead_request_set_crypt(sub, req->src, req->dst, req->cryptlen, req->iv);
	aead_request_set_ad(sub, req->assoclen);
	err = encrypt ? crypto_aead_encrypt(sub) : crypto_aead_decrypt(sub);
	/* Completed now, unless route_done() will be called. */
	if (err != -EINPROGRESS &&
	    !(err == -EBUSY && (flags & CRYPTO_TFM_REQ_MAY_BACKLOG)))
		route_account(req, err);
	return err;
}

static int route_encrypt(struct aead_request *req)
{
	return route_crypt(req, true);
}

static int route_decrypt(struct aead_request *req)
{
	return route_crypt(req, false);
}

static void route_free(struct aead_instance *inst)
{
	kfree(inst);
}

/* Instances are made by attaches only, never by name. */
static int route_create(struct crypto_template *tmpl, struct rtattr **tb)
{
	return -ENOENT;
}

static struct crypto_template route_tmpl = {
	.name = ROUTE_TMPL,
	.create = route_create,
	.module = THIS_MODULE,
};

/* The instance's name: "ocf-route-N(driver)", or "ocf-route-N" if too long. */
static void route_name(char *buf, u32 seq, const char *driver)
{
	if (snprintf(buf, CRYPTO_MAX_ALG_NAME, "ocf-route-%u(%s)", seq,
		     driver) >= CRYPTO_MAX_ALG_NAME)
		snprintf(buf, CRYPTO_MAX_ALG_NAME, "ocf-route-%u", seq);
}

static struct aead_instance *route_alloc(const struct ocf_session *s,
					 const char *name)
{
	struct aead_alg *a = crypto_aead_alg(s->aead);
	struct aead_instance *inst;
	struct route_inst *ri;

	inst = kzalloc(sizeof(*inst) + sizeof(*ri), GFP_KERNEL);
	if (!inst)
		return NULL;
	ri = aead_instance_ctx(inst);
	strscpy(ri->driver, crypto_tfm_alg_driver_name(crypto_aead_tfm(s->aead)),
		sizeof(ri->driver));
	ri->stat = s->cstat;
	ri->owner = current;
	atomic_set(&ri->bound, 0);

	strscpy(inst->alg.base.cra_name, name, CRYPTO_MAX_ALG_NAME);
	route_name(inst->alg.base.cra_driver_name, ++route_seq, ri->driver);
	inst->alg.base.cra_priority = ROUTE_PRIORITY;
	inst->alg.base.cra_flags = a->base.cra_flags & CRYPTO_ALG_ASYNC;
	inst->alg.base.cra_blocksize = a->base.cra_blocksize;
	inst->alg.base.cra_alignmask = a->base.cra_alignmask;
	inst->alg.base.cra_ctxsize = sizeof(struct route_tfm);
	inst->alg.ivsize = crypto_aead_alg_ivsize(a);
	inst->alg.maxauthsize = crypto_aead_alg_maxauthsize(a);
	inst->alg.chunksize = crypto_aead_alg_chunksize(a);
	inst->alg.init = route_init;
	inst->alg.exit = route_exit;
	inst->alg.setkey = route_setkey;
	inst->alg.setauthsize = route_setauthsize;
	inst->alg.encrypt = route_encrypt;
	inst->alg.decrypt = route_decrypt;
	inst->free = route_free;
	return inst;
}

/**
 * struct route_reg - registering an instance from a workqueue
 * @work: runs route_register_work()
 * @inst: the instance
 * @ret: aead_register_instance()'s result
 */
struct route_reg {
	struct work_struct work;
	struct aead_instance *inst;
	int ret;
};

static void route_register_work(struct work_struct *work)
{
	struct route_reg *reg = container_of(work, struct route_reg, work);

	reg->ret = aead_register_instance(&route_tmpl, reg->inst);
}

/*
 * Where registration waits for the instance's self-test (6.1), it waits
 * killably and warns when a fatal signal interrupts it: so register from a
 * worker, which no user signal reaches, and wait for it here (the test
 * takes milliseconds).
 */
static int route_register(struct aead_instance *inst)
{
	struct route_reg reg = { .inst = inst };

	INIT_WORK_ONSTACK(&reg.work, route_register_work);
	queue_work(system_unbound_wq, &reg.work);
	flush_work(&reg.work);
	destroy_work_on_stack(&reg.work);
	return reg.ret;
}

/**
 * ocf_ktls_route_begin() - route the next kTLS key of this task to a
 *	session's driver
 * @r: state for ocf_ktls_route_end()
 * @s: the session; its AEAD's cra_name is the name kTLS will look up
 *
 * Takes route_lock (the caller then calls ocf_ktls_route_end() on every
 * path where this returned 0) and registers the routing instance.  With
 * routing disabled (module parameter ktls_route=0) it only takes the lock.
 *
 * Return: 0; -EINTR when killed while waiting for another attach; -ENOMEM;
 * or the crypto API's error from registering the instance.
 */
int ocf_ktls_route_begin(struct ocf_ktls_route *r, const struct ocf_session *s)
{
	const char *name = crypto_tfm_alg_name(crypto_aead_tfm(s->aead));
	struct aead_instance *inst;
	int ret;

	r->inst = NULL;
	if (mutex_lock_killable(&route_lock))
		return -EINTR;
	if (!READ_ONCE(ktls_route))
		return 0;
	inst = route_alloc(s, name);
	if (!inst) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	ret = route_register(inst);
	if (ret) {
		kfree(inst);
		goto err_unlock;
	}
	r->inst = inst;
	return 0;

err_unlock:
	mutex_unlock(&route_lock);
	return ret;
}

/**
 * ocf_ktls_route_end() - unregister the routing instance
 * @r: from ocf_ktls_route_begin()
 *
 * Return: true when kTLS allocated its transform from the instance during
 * the attach, so that (if kTLS accepted the key) the direction's records
 * run on the session's driver.
 */
bool ocf_ktls_route_end(struct ocf_ktls_route *r)
{
	struct route_inst *ri;
	bool bound;

	if (!r->inst) {
		mutex_unlock(&route_lock);
		return false;
	}
	ri = aead_instance_ctx(r->inst);
	WRITE_ONCE(ri->owner, NULL);
	bound = atomic_read(&ri->bound) > 0;
	/* Freed by the crypto API once kTLS's transform, if any, is gone. */
	crypto_unregister_instance(aead_crypto_instance(r->inst));
	r->inst = NULL;
	mutex_unlock(&route_lock);
	return bound;
}

int ocf_ktls_route_init(void)
{
	return crypto_register_template(&route_tmpl);
}

void ocf_ktls_route_exit(void)
{
	crypto_unregister_template(&route_tmpl);
}
