// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: the algorithms, with their cryptodev ids, kernel (AF_ALG)
 * names, OpenSSL names and the tcrypt speed mode that measures the same
 * kernel algorithm.
 *
 * tcrypt mapping (crypto/tcrypt.c, sec=0 prints cycles per operation):
 *   AES-128-CBC        mode=500: async skcipher "cbc(aes)" (the same
 *                      driver /dev/crypto gets: highest priority, async
 *                      allowed); 128-bit key rows
 *   AES-128/256-GCM    mode=211: aead "gcm(aes)", 8 bytes of AAD, 16-byte
 *                      tag; 128- or 256-bit key rows
 *   ChaCha20-Poly1305  mode=213: "rfc7539esp(chacha20,poly1305)", the ESP
 *                      variant (8-byte IV in the data); the closest mode
 *   SHA-256            mode=400 alg=sha256: async hash, one update
 *   HMAC-SHA256        mode=400 alg=hmac(sha256) klen=32
 *   NULL               no tcrypt speed test exists
 */
#include <string.h>

#include <crypto/cryptodev.h>

#include "bench.h"

const struct alg algs[] = {
	{ "null", K_CIPHER, CRYPTO_NULL, 0, 0, 0, 0, 1,
	  "ecb(cipher_null)", "NULL", { 0 } },
	{ "aes-128-cbc", K_CIPHER, CRYPTO_AES_CBC, 16, 16, 0, 0, 16,
	  "cbc(aes)", "AES-128-CBC", { 500, NULL, 0, "cbc(aes)", 128 } },
	{ "aes-128-gcm", K_AEAD, CRYPTO_AES_GCM, 16, 12, 16, 0, 1,
	  "gcm(aes)", "AES-128-GCM", { 211, NULL, 0, "gcm(aes)", 128 } },
	{ "aes-256-gcm", K_AEAD, CRYPTO_AES_GCM, 32, 12, 16, 0, 1,
	  "gcm(aes)", "AES-256-GCM", { 211, NULL, 0, "gcm(aes)", 256 } },
	{ "chacha20-poly1305", K_AEAD, CRYPTO_CHACHA20_POLY1305, 32, 12, 16,
	  0, 1, "rfc7539(chacha20,poly1305)", "ChaCha20-Poly1305",
	  { 213, NULL, 0, "rfc7539esp(chacha20,poly1305)", 288 } },
	{ "sha256", K_HASH, CRYPTO_SHA2_256, 0, 0, 0, 32, 1,
	  "sha256", "SHA256", { 400, "sha256", 0, "sha256", 0 } },
	{ "hmac-sha256", K_HMAC, CRYPTO_SHA2_256_HMAC, 32, 0, 0, 32, 1,
	  "hmac(sha256)", "SHA256",
	  { 400, "hmac(sha256)", 32, "hmac(sha256)", 0 } },
	{ NULL }
};

const struct alg *alg_find(const char *name)
{
	const struct alg *a;

	for (a = algs; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

int alg_count(void)
{
	int n = 0;

	while (algs[n].name)
		n++;
	return n;
}

const char *crid_name(enum crid_class c)
{
	return c == CLASS_HW ? "hw" : c == CLASS_SW ? "sw" : "any";
}
