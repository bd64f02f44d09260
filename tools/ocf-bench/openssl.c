// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: user-space OpenSSL (libcrypto, linked statically), the
 * reference every kernel path is compared with.  Contexts are keyed once;
 * each operation resets the IV (or the hash) and does what one /dev/crypto
 * operation does: encrypt src to dst (AAD and tag for an AEAD), or hash
 * src.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "bench.h"

static const EVP_CIPHER *cipher_of(const struct alg *a)
{
	if (!strcmp(a->evp, "NULL"))
		return EVP_enc_null();
	return EVP_get_cipherbyname(a->evp);
}

int openssl_check(const struct alg *a)
{
	if (a->kind == K_HASH || a->kind == K_HMAC)
		return EVP_get_digestbyname(a->evp) ? 0 : ENOENT;
	return cipher_of(a) ? 0 : ENOENT;
}

static int ossl_setup(struct worker *w)
{
	const struct alg *a = w->alg;

	if (a->kind == K_HASH) {
		w->ctx2 = (void *)EVP_get_digestbyname(a->evp);
		w->ctx = EVP_MD_CTX_new();
		return w->ctx && w->ctx2 ? 0 : ENOMEM;
	}
	if (a->kind == K_HMAC) {
		OSSL_PARAM p[] = {
			OSSL_PARAM_utf8_string(OSSL_MAC_PARAM_DIGEST,
					       (char *)a->evp, 0),
			OSSL_PARAM_END,
		};
		EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);

		if (!mac)
			return ENOENT;
		w->ctx2 = mac;
		w->ctx = EVP_MAC_CTX_new(mac);
		if (!w->ctx || !EVP_MAC_init(w->ctx, w->key, a->keylen, p))
			return EINVAL;
		return 0;
	}
	w->ctx = EVP_CIPHER_CTX_new();
	if (!w->ctx)
		return ENOMEM;
	if (!EVP_EncryptInit_ex(w->ctx, cipher_of(a), NULL, w->key, w->iv))
		return EINVAL;
	EVP_CIPHER_CTX_set_padding(w->ctx, 0);
	return 0;
}

static void ossl_teardown(struct worker *w)
{
	const struct alg *a = w->alg;

	if (a->kind == K_HASH)
		EVP_MD_CTX_free(w->ctx);
	else if (a->kind == K_HMAC)
		EVP_MAC_CTX_free(w->ctx);
	else
		EVP_CIPHER_CTX_free(w->ctx);
	if (a->kind == K_HMAC)
		EVP_MAC_free(w->ctx2);
	w->ctx = w->ctx2 = NULL;
}

static int one_op(struct worker *w)
{
	const struct alg *a = w->alg;
	uint8_t *src = slot_src(w, 0), *dst = slot_dst(w, 0);
	size_t mlen;
	int len;

	switch (a->kind) {
	case K_HASH:
		if (!EVP_DigestInit_ex(w->ctx, w->ctx2, NULL) ||
		    !EVP_DigestUpdate(w->ctx, src, w->size) ||
		    !EVP_DigestFinal_ex(w->ctx, dst, NULL))
			return EIO;
		return 0;
	case K_HMAC:
		/* A NULL key re-initialises with the key set at setup. */
		if (!EVP_MAC_init(w->ctx, NULL, 0, NULL) ||
		    !EVP_MAC_update(w->ctx, src, w->size) ||
		    !EVP_MAC_final(w->ctx, dst, &mlen, DIGEST_MAX))
			return EIO;
		return 0;
	case K_AEAD:
		if (!EVP_EncryptInit_ex(w->ctx, NULL, NULL, NULL, w->iv) ||
		    !EVP_EncryptUpdate(w->ctx, NULL, &len, w->aad, opt.aad_len) ||
		    !EVP_EncryptUpdate(w->ctx, dst, &len, src, w->size) ||
		    !EVP_EncryptFinal_ex(w->ctx, dst + len, &len) ||
		    !EVP_CIPHER_CTX_ctrl(w->ctx, EVP_CTRL_AEAD_GET_TAG, a->taglen,
					 dst + w->size))
			return EIO;
		return 0;
	default:
		if (!EVP_EncryptInit_ex(w->ctx, NULL, NULL, NULL,
					a->ivlen ? w->iv : NULL) ||
		    !EVP_EncryptUpdate(w->ctx, dst, &len, src, w->size) ||
		    !EVP_EncryptFinal_ex(w->ctx, dst + len, &len))
			return EIO;
		return 0;
	}
}

static long ossl_run(struct worker *w, long n)
{
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = one_op(w);
		if (err)
			return -err;
	}
	return n;
}

const struct path path_openssl = {
	"openssl", "user-space OpenSSL libcrypto (EVP), same process",
	false, ossl_setup, ossl_run, NULL, ossl_teardown,
};
