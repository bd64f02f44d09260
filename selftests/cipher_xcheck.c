// SPDX-License-Identifier: GPL-2.0
/*
 * cipher_xcheck: the ciphers against OpenSSL, with random keys, IVs and
 * data (xcheck_util.c): one operation at a time (this file), IV chaining
 * across operations and cipher + MAC sessions (xcheck_state.c), sessions
 * by driver name (xcheck_state.c), and AES-XTS at every length from 16 to
 * 4096 bytes on every path, FreeBSD's calls included (xcheck_xts.c).
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

/* ------------------------------------------------------------------ */
/* Ciphers                                                             */
/* ------------------------------------------------------------------ */

struct xc_cipher {
	const char *ossl;	/* OpenSSL name */
	__u32 id;
	unsigned int keylen;
	unsigned int ivlen;
	unsigned int bs;	/* lengths must be multiples of this */
};

/* XTS steals ciphertext: it takes any length from one block on. */
static bool steals(const struct xc_cipher *c)
{
	return c->id == CRYPTO_AES_XTS;
}

static const struct xc_cipher ciphers[] = {
	{ "AES-128-CBC", CRYPTO_AES_CBC, 16, 16, 16 },
	{ "AES-192-CBC", CRYPTO_AES_CBC, 24, 16, 16 },
	{ "AES-256-CBC", CRYPTO_AES_CBC, 32, 16, 16 },
	{ "AES-128-ECB", CRYPTO_AES_ECB, 16, 0, 16 },
	{ "AES-256-ECB", CRYPTO_AES_ECB, 32, 0, 16 },
	{ "AES-128-CTR", CRYPTO_AES_CTR, 16, 16, 1 },
	{ "AES-256-CTR", CRYPTO_AES_CTR, 32, 16, 1 },
	{ "AES-128-XTS", CRYPTO_AES_XTS, 32, 16, 16 },
	{ "AES-256-XTS", CRYPTO_AES_XTS, 64, 16, 16 },
	{ "AES-128-CFB", CRYPTO_AES_CFB, 16, 16, 1 },
	{ "AES-128-OFB", CRYPTO_AES_OFB, 16, 16, 1 },
	{ "DES-EDE3-CBC", CRYPTO_3DES_CBC, 24, 8, 8 },
	{ "CAMELLIA-128-CBC", CRYPTO_CAMELLIA_CBC, 16, 16, 16 },
	{ "CAMELLIA-256-CBC", CRYPTO_CAMELLIA_CBC, 32, 16, 16 },
	{ "CAMELLIA-128-ECB", CRYPTO_CAMELLIA_ECB, 16, 0, 16 },
	{ "CAMELLIA-256-CTR", CRYPTO_CAMELLIA_CTR, 32, 16, 1 },
	{ "ChaCha20", CRYPTO_CHACHA20, 32, 16, 1 },
	{ "SM4-CBC", CRYPTO_SM4_CBC, 16, 16, 16 },
	{ "SM4-ECB", CRYPTO_SM4_ECB, 16, 0, 16 },
	{ "SM4-CTR", CRYPTO_SM4_CTR, 16, 16, 1 },
};

static bool cipher_case(void *arg, unsigned int i)
{
	const struct xc_cipher *c = arg;
	uint8_t key[64], iv[16], ivcopy[16];
	size_t len = steals(c) ? c->bs + rnd_len(MAX_DATA - c->bs) :
				c->bs * (1 + rnd_len(MAX_DATA / c->bs - 1));
	uint8_t *pt = xmalloc(len), *ct = xmalloc(len), *want = xmalloc(len);
	bool in_place = rnd_below(2);
	bool ok = false;
	__u32 ses;
	int ret;

	rnd_fill(key, c->keylen);
	rnd_fill(iv, sizeof(iv));
	/* ChaCha20: keep the 32-bit block counter from wrapping. */
	if (c->id == CRYPTO_CHACHA20)
		iv[3] = 0;
	rnd_fill(pt, len);

	if (xc_session(c->id, key, c->keylen, 0, NULL, 0, &ses))
		goto out;
	if (!ossl_cipher(c->ossl, true, key, iv, pt, len, want))
		goto out_ses;

	/* Encrypt (in place or not), compare; decrypt in place. */
	memcpy(ivcopy, iv, sizeof(iv));
	memset(ct, CANARY, len);
	if (in_place)
		memcpy(ct, pt, len);
	ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, in_place ? ct : pt, ct, len,
			 c->ivlen ? ivcopy : NULL, NULL);
	if (ret) {
		fail("encrypt %zu bytes: %s", len, strerror(-ret));
		goto out_ses;
	}
	if (!same("ciphertext", ct, want, len) ||
	    !same("IV without WRITE_IV", ivcopy, iv, sizeof(iv)))
		goto out_ses;
	memcpy(ivcopy, iv, sizeof(iv));
	ret = cdev_crypt(devfd, ses, COP_DECRYPT, 0, ct, ct, len,
			 c->ivlen ? ivcopy : NULL, NULL);
	if (ret) {
		fail("decrypt %zu bytes: %s", len, strerror(-ret));
		goto out_ses;
	}
	if (!same("plaintext", ct, pt, len))
		goto out_ses;

	/*
	 * Once per family: lengths that are not whole blocks are refused,
	 * with ciphertext stealing those below one block.
	 */
	ok = true;
	if (i == 0) {
		ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, 0, ivcopy, NULL);
		if (ret != -EINVAL)
			ok = fail("len 0: %s, want EINVAL", strerror(-ret));
		if (steals(c)) {
			ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, c->bs - 1,
					 ivcopy, NULL);
			if (ret != -EINVAL)
				ok = fail("len %u: %s, want EINVAL", c->bs - 1,
					  strerror(-ret));
		} else if (c->bs > 1 && len > c->bs) {
			ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, ct, c->bs + 1,
					 ivcopy, NULL);
			if (ret != -EINVAL)
				ok = fail("len %u: %s, want EINVAL", c->bs + 1,
					  strerror(-ret));
		}
	}
out_ses:
	cdev_fsession(devfd, ses);
out:
	free(pt);
	free(ct);
	free(want);
	return ok;
}

static void xcheck_ciphers(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ciphers); i++) {
		const struct xc_cipher *c = &ciphers[i];

		if (!ossl_has_cipher(c->ossl)) {
			tap_skip("OpenSSL lacks it", "cipher %s", c->ossl);
			continue;
		}
		run_family(c->ossl, ncases(CASES), cipher_case, (void *)c);
	}
}

int main(void)
{
	xcheck_start();
	xcheck_ciphers();
	xcheck_chaining();
	xcheck_cipher_mac();
	xcheck_by_name();
	xcheck_xts_lengths();
	return xcheck_finish();
}
