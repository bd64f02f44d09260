// SPDX-License-Identifier: GPL-2.0
/*
 * ocf_test_aead: asynchronous AEAD drivers for the kTLS routing tests
 * (selftests/ktls_route.c), on every kernel, whatever its own drivers.
 *
 * For gcm(aes), ccm(aes) and rfc7539(chacha20,poly1305), when the kernel
 * has a synchronous implementation, a driver "ocf-test-async-<name>" of
 * the lowest priority (never anyone's default) that completes every
 * request from a workqueue, after delay_ms milliseconds (module parameter,
 * writable: the tests raise it to keep records in flight), by running the
 * synchronous implementation there.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/workqueue.h>
#include <crypto/aead.h>
#include <crypto/internal/aead.h>

static unsigned int delay_ms;
module_param(delay_ms, uint, 0644);
MODULE_PARM_DESC(delay_ms, "Delay before completing each request (default: 0)");

static struct workqueue_struct *wq;

struct tctx {
	struct crypto_aead *fb;
};

struct treq {
	struct work_struct work;
	struct aead_request *req;
	bool encrypt;
	struct aead_request sub;
};

static int t_init(struct crypto_aead *tfm)
{
	struct tctx *ctx = crypto_aead_ctx(tfm);
	struct crypto_aead *fb;

	fb = crypto_alloc_aead(crypto_tfm_alg_name(crypto_aead_tfm(tfm)), 0,
			       CRYPTO_ALG_ASYNC);
	if (IS_ERR(fb))
		return PTR_ERR(fb);
	ctx->fb = fb;
	crypto_aead_set_reqsize(tfm, sizeof(struct treq) + crypto_aead_reqsize(fb));
	return 0;
}

static void t_exit(struct crypto_aead *tfm)
{
	struct tctx *ctx = crypto_aead_ctx(tfm);

	crypto_free_aead(ctx->fb);
}

static int t_setkey(struct crypto_aead *tfm, const u8 *key, unsigned int len)
{
	struct tctx *ctx = crypto_aead_ctx(tfm);

	return crypto_aead_setkey(ctx->fb, key, len);
}

static int t_setauthsize(struct crypto_aead *tfm, unsigned int authsize)
{
	struct tctx *ctx = crypto_aead_ctx(tfm);

	return crypto_aead_setauthsize(ctx->fb, authsize);
}

static void t_work(struct work_struct *w)
{
	struct treq *rr = container_of(w, struct treq, work);
	struct aead_request *req = rr->req;
	struct tctx *ctx = crypto_aead_ctx(crypto_aead_reqtfm(req));
	unsigned int ms = READ_ONCE(delay_ms);
	int err;

	if (ms)
		msleep(ms);
	aead_request_set_tfm(&rr->sub, ctx->fb);
	aead_request_set_callback(&rr->sub, 0, NULL, NULL);
	aead_request_set_crypt(&rr->sub, req->src, req->dst, req->cryptlen,
			       req->iv);
	aead_request_set_ad(&rr->sub, req->assoclen);
	err = rr->encrypt ? crypto_aead_encrypt(&rr->sub) :
			    crypto_aead_decrypt(&rr->sub);
	/* Completions run in softirq context elsewhere: callers may rely on it. */
	local_bh_disable();
	aead_request_complete(req, err);
	local_bh_enable();
}

static int t_queue(struct aead_request *req, bool encrypt)
{
	struct treq *rr = aead_request_ctx(req);

	rr->req = req;
	rr->encrypt = encrypt;
	INIT_WORK(&rr->work, t_work);
	queue_work(wq, &rr->work);
	return -EINPROGRESS;
}

static int t_encrypt(struct aead_request *req)
{
	return t_queue(req, true);
}

static int t_decrypt(struct aead_request *req)
{
	return t_queue(req, false);
}

#define T_ALG(name, drv, iv) {						\
	.base.cra_name = name,						\
	.base.cra_driver_name = drv,					\
	.base.cra_priority = 1,						\
	.base.cra_flags = CRYPTO_ALG_ASYNC,				\
	.base.cra_blocksize = 1,					\
	.base.cra_ctxsize = sizeof(struct tctx),			\
	.base.cra_module = THIS_MODULE,					\
	.ivsize = iv, .maxauthsize = 16,				\
	.init = t_init, .exit = t_exit, .setkey = t_setkey,		\
	.setauthsize = t_setauthsize,					\
	.encrypt = t_encrypt, .decrypt = t_decrypt }

static struct aead_alg algs[] = {
	T_ALG("gcm(aes)", "ocf-test-async-gcm-aes", 12),
	T_ALG("ccm(aes)", "ocf-test-async-ccm-aes", 16),
	T_ALG("rfc7539(chacha20,poly1305)", "ocf-test-async-chacha20poly1305", 12),
};

static bool registered[ARRAY_SIZE(algs)];

static int __init t_mod_init(void)
{
	unsigned int i, n = 0;

	wq = alloc_workqueue("ocf_test_aead", WQ_UNBOUND, 0);
	if (!wq)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		struct crypto_aead *fb;

		/* Only where the kernel has the synchronous implementation. */
		fb = crypto_alloc_aead(algs[i].base.cra_name, 0, CRYPTO_ALG_ASYNC);
		if (IS_ERR(fb))
			continue;
		crypto_free_aead(fb);
		if (!crypto_register_aead(&algs[i])) {
			registered[i] = true;
			n++;
		}
	}
	if (!n) {
		destroy_workqueue(wq);
		return -ENOENT;
	}
	return 0;
}

static void __exit t_mod_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(algs); i++)
		if (registered[i])
			crypto_unregister_aead(&algs[i]);
	destroy_workqueue(wq);
}

module_init(t_mod_init);
module_exit(t_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ocf selftests: asynchronous AEAD drivers");
