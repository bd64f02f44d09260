// SPDX-License-Identifier: GPL-2.0
/*
 * hash_xcheck: hashes, HMACs and CMAC against OpenSSL, with random keys
 * and data (xcheck_util.c): one operation at a time (this file), and the
 * state kept across operations, multi-part hashing and CIOCCPHASH
 * (xcheck_state.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include "tap.h"
#include "xcheck.h"

static bool ossl_cmac(const char *cipher, const uint8_t *key, size_t klen,
		      const uint8_t *msg, size_t len, uint8_t *out, size_t *outlen)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
						 (char *)cipher, 0),
		OSSL_PARAM_construct_end(),
	};
	bool ok;

	ok = ctx && EVP_MAC_init(ctx, key, klen, params) &&
	     EVP_MAC_update(ctx, msg, len) &&
	     EVP_MAC_final(ctx, out, outlen, AALG_MAX_RESULT_LEN);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? true : fail("OpenSSL CMAC(%s) failed", cipher);
}

/* ------------------------------------------------------------------ */
/* Hashes, HMACs, CMAC                                                 */
/* ------------------------------------------------------------------ */

enum xc_mac_kind { XC_HASH, XC_HMAC, XC_CMAC };

struct xc_hash {
	const char *ossl;	/* digest, or the cipher of CMAC */
	__u32 id;
	enum xc_mac_kind kind;
	unsigned int keylen;	/* CMAC */
};

static const struct xc_hash hashes[] = {
	{ "MD5", CRYPTO_MD5, XC_HASH, 0 },
	{ "SHA1", CRYPTO_SHA1, XC_HASH, 0 },
	{ "SHA224", CRYPTO_SHA2_224, XC_HASH, 0 },
	{ "SHA256", CRYPTO_SHA2_256, XC_HASH, 0 },
	{ "SHA384", CRYPTO_SHA2_384, XC_HASH, 0 },
	{ "SHA512", CRYPTO_SHA2_512, XC_HASH, 0 },
	{ "SHA3-224", CRYPTO_SHA3_224, XC_HASH, 0 },
	{ "SHA3-256", CRYPTO_SHA3_256, XC_HASH, 0 },
	{ "SHA3-384", CRYPTO_SHA3_384, XC_HASH, 0 },
	{ "SHA3-512", CRYPTO_SHA3_512, XC_HASH, 0 },
	{ "BLAKE2B-512", CRYPTO_BLAKE2B_512, XC_HASH, 0 },
	{ "RIPEMD160", CRYPTO_RIPEMD160, XC_HASH, 0 },
	{ "SM3", CRYPTO_SM3, XC_HASH, 0 },
	{ "MD5", CRYPTO_MD5_HMAC, XC_HMAC, 0 },
	{ "SHA1", CRYPTO_SHA1_HMAC, XC_HMAC, 0 },
	{ "SHA224", CRYPTO_SHA2_224_HMAC, XC_HMAC, 0 },
	{ "SHA256", CRYPTO_SHA2_256_HMAC, XC_HMAC, 0 },
	{ "SHA384", CRYPTO_SHA2_384_HMAC, XC_HMAC, 0 },
	{ "SHA512", CRYPTO_SHA2_512_HMAC, XC_HMAC, 0 },
	{ "SHA3-224", CRYPTO_SHA3_224_HMAC, XC_HMAC, 0 },
	{ "SHA3-256", CRYPTO_SHA3_256_HMAC, XC_HMAC, 0 },
	{ "SHA3-384", CRYPTO_SHA3_384_HMAC, XC_HMAC, 0 },
	{ "SHA3-512", CRYPTO_SHA3_512_HMAC, XC_HMAC, 0 },
	{ "RIPEMD160", CRYPTO_RIPEMD160_HMAC, XC_HMAC, 0 },
	{ "SM3", CRYPTO_SM3_HMAC, XC_HMAC, 0 },
	{ "AES-128-CBC", CRYPTO_AES_CMAC, XC_CMAC, 16 },
	{ "AES-256-CBC", CRYPTO_AES_CMAC, XC_CMAC, 32 },
};

static bool hash_case(void *arg, unsigned int i)
{
	const struct xc_hash *h = arg;
	uint8_t key[CRYPTO_HMAC_MAX_KEY_LEN];
	uint8_t md[AALG_MAX_RESULT_LEN + 16], want[AALG_MAX_RESULT_LEN];
	size_t len = rnd_len(MAX_DATA), wlen = 0;
	unsigned int klen = 0, n = 0;
	uint8_t *msg = xmalloc(len);
	bool ok = false;
	__u32 ses;
	int ret;

	rnd_fill(msg, len);
	switch (h->kind) {
	case XC_HASH:
		ok = ossl_digest(h->ossl, msg, len, want, &n);
		break;
	case XC_HMAC:
		/* Short keys, block-sized ones, and longer than a block. */
		klen = 1 + rnd_len(rnd_below(4) ? 200 : CRYPTO_HMAC_MAX_KEY_LEN - 1);
		rnd_fill(key, klen);
		ok = ossl_hmac(h->ossl, key, klen, msg, len, want, &n);
		break;
	case XC_CMAC:
		klen = h->keylen;
		rnd_fill(key, klen);
		ok = ossl_cmac(h->ossl, key, klen, msg, len, want, &wlen);
		n = wlen;
		break;
	}
	if (!ok)
		goto out;
	ok = false;
	if (xc_session(0, NULL, 0, h->id, klen ? key : NULL, klen, &ses))
		goto out;
	memset(md, CANARY, sizeof(md));
	ret = cdev_hash(devfd, ses, 0, msg, len, md);
	if (ret)
		fail("%zu bytes, key %u bytes: %s", len, klen, strerror(-ret));
	else if (same("digest", md, want, n))
		ok = untouched("past the digest", md + n, sizeof(md) - n);
	if (!ok)
		fail("%zu bytes, key %u bytes", len, klen);
	cdev_fsession(devfd, ses);
out:
	free(msg);
	return ok;
}

static void xcheck_hashes(void)
{
	static const char *const kind[] = { "", "HMAC-", "CMAC-" };
	unsigned int i;
	char name[64];

	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		const struct xc_hash *h = &hashes[i];
		bool have = h->kind == XC_CMAC ? ossl_has_cipher(h->ossl) :
						 ossl_has_digest(h->ossl);

		snprintf(name, sizeof(name), "%s%s", kind[h->kind], h->ossl);
		if (!have) {
			tap_skip("OpenSSL lacks it", "%s", name);
			continue;
		}
		run_family(name, ncases(CASES), hash_case, (void *)h);
	}
}

int main(void)
{
	xcheck_start();
	xcheck_hashes();
	xcheck_multipart();
	xcheck_cphash();
	return xcheck_finish();
}
