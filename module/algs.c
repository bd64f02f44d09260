// SPDX-License-Identifier: GPL-2.0
/*
 * The algorithm table: which kernel algorithm serves each algorithm id of
 * the /dev/crypto ABI.  Only facts live here; block, IV, key and digest
 * sizes come from the transform the kernel gives us, so that a driver and
 * its generic implementation can never disagree with a table.
 *
 * Ids the ABI defines but the kernel cannot serve (Skipjack, the KPDK MACs,
 * compression) are absent: asking for them gives EINVAL.  An id present
 * here whose implementation the running kernel lacks gives ENOENT.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/cryptodev.h>

#include "algs.h"

/* An entry: the Linux id, the name, then FreeBSD's id and IV format. */
#define CIPHER(i, n, ...) { .id = (i), .type = OCF_TYPE_CIPHER, .name = (n), __VA_ARGS__ }
#define HASH(i, n, ...)   { .id = (i), .type = OCF_TYPE_HASH, .name = (n), __VA_ARGS__ }
#define AEAD(i, n, ...)   { .id = (i), .type = OCF_TYPE_AEAD, .name = (n), __VA_ARGS__ }
#define TLS(i, c, m) { .id = (i), .type = OCF_TYPE_CIPHER, \
		       .flags = OCF_ALGF_TLS_COMPOSITE, .name = (c), .mac_name = (m) }

static const struct ocf_alg ocf_algs[] = {
	CIPHER(CRYPTO_DES_CBC, "cbc(des)", .bsd = 1),
	CIPHER(CRYPTO_3DES_CBC, "cbc(des3_ede)", .bsd = 2),
	CIPHER(CRYPTO_BLF_CBC, "cbc(blowfish)", .bsd = 3),
	CIPHER(CRYPTO_CAST_CBC, "cbc(cast5)", .bsd = 4),
	HASH(CRYPTO_MD5_HMAC, "hmac(md5)", .bsd = 6),
	HASH(CRYPTO_SHA1_HMAC, "hmac(sha1)", .bsd = 7),
	HASH(CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)", .bsd = 8),
	CIPHER(CRYPTO_AES_CBC, "cbc(aes)", .bsd = 11),
	CIPHER(CRYPTO_ARC4, "ecb(arc4)"),
	HASH(CRYPTO_MD5, "md5", .bsd = 13),
	HASH(CRYPTO_SHA1, "sha1", .bsd = 14),
	CIPHER(CRYPTO_NULL, "ecb(cipher_null)", .bsd = 16),
	HASH(CRYPTO_SHA2_256_HMAC, "hmac(sha256)", .bsd = 18),
	HASH(CRYPTO_SHA2_384_HMAC, "hmac(sha384)", .bsd = 19),
	HASH(CRYPTO_SHA2_512_HMAC, "hmac(sha512)", .bsd = 20),
	CIPHER(CRYPTO_AES_CTR, "ctr(aes)", .bsd = 23),
	CIPHER(CRYPTO_AES_XTS, "xts(aes)", .bsd = 22, .bsd_ivfmt = OCF_BSD_IV_XTS),
	CIPHER(CRYPTO_AES_ECB, "ecb(aes)"),
	CIPHER(CRYPTO_AES_CFB, "cfb(aes)"),
	CIPHER(CRYPTO_AES_OFB, "ofb(aes)"),
	AEAD(CRYPTO_AES_GCM, "gcm(aes)", .bsd = 25),
	AEAD(CRYPTO_AES_CCM, "ccm(aes)", .bsd = 40, .bsd_ivfmt = OCF_BSD_IV_CCM),
	CIPHER(CRYPTO_CAMELLIA_CBC, "cbc(camellia)", .bsd = 21),
	HASH(CRYPTO_RIPEMD160, "rmd160", .bsd = 33),
	HASH(CRYPTO_SHA2_224, "sha224", .bsd = 34),
	HASH(CRYPTO_SHA2_256, "sha256", .bsd = 35),
	HASH(CRYPTO_SHA2_384, "sha384", .bsd = 36),
	HASH(CRYPTO_SHA2_512, "sha512", .bsd = 37),
	HASH(CRYPTO_SHA2_224_HMAC, "hmac(sha224)", .bsd = 32),
	TLS(CRYPTO_TLS11_AES_CBC_HMAC_SHA1, "cbc(aes)", "hmac(sha1)"),
	TLS(CRYPTO_TLS12_AES_CBC_HMAC_SHA256, "cbc(aes)", "hmac(sha256)"),

	/* extensions */
	CIPHER(CRYPTO_CHACHA20, "chacha20", .bsd = 31),
	AEAD(CRYPTO_CHACHA20_POLY1305, "rfc7539(chacha20,poly1305)", .bsd = 41),
	HASH(CRYPTO_SHA3_224, "sha3-224"),
	HASH(CRYPTO_SHA3_256, "sha3-256"),
	HASH(CRYPTO_SHA3_384, "sha3-384"),
	HASH(CRYPTO_SHA3_512, "sha3-512"),
	HASH(CRYPTO_SHA3_224_HMAC, "hmac(sha3-224)"),
	HASH(CRYPTO_SHA3_256_HMAC, "hmac(sha3-256)"),
	HASH(CRYPTO_SHA3_384_HMAC, "hmac(sha3-384)"),
	HASH(CRYPTO_SHA3_512_HMAC, "hmac(sha3-512)"),
	HASH(CRYPTO_BLAKE2B_256, "blake2b-256"),
	HASH(CRYPTO_BLAKE2B_512, "blake2b-512", .bsd = 29),
	HASH(0, "blake2s-256", .bsd = 30),	/* FreeBSD's only */
	HASH(CRYPTO_SM3, "sm3"),
	HASH(CRYPTO_SM3_HMAC, "hmac(sm3)"),
	CIPHER(CRYPTO_SM4_CBC, "cbc(sm4)"),
	CIPHER(CRYPTO_SM4_ECB, "ecb(sm4)"),
	CIPHER(CRYPTO_SM4_CTR, "ctr(sm4)"),
	AEAD(CRYPTO_SM4_GCM, "gcm(sm4)"),
	AEAD(CRYPTO_SM4_CCM, "ccm(sm4)"),
	HASH(CRYPTO_AES_CMAC, "cmac(aes)"),
	HASH(CRYPTO_AES_XCBC_MAC, "xcbc(aes)"),
	CIPHER(CRYPTO_CAMELLIA_ECB, "ecb(camellia)"),
	CIPHER(CRYPTO_CAMELLIA_CTR, "ctr(camellia)"),
};

/**
 * ocf_alg_find() - look an algorithm id up
 * @id: cryptodev_crypto_op_t value from user space
 *
 * Return: the table entry, or NULL when the module does not know @id.
 */
const struct ocf_alg *ocf_alg_find(u32 id)
{
	unsigned int i;

	for (i = 0; id && i < ARRAY_SIZE(ocf_algs); i++)
		if (ocf_algs[i].id == id)
			return &ocf_algs[i];
	return NULL;
}

/**
 * ocf_alg_find_bsd() - the table entry of a FreeBSD algorithm id
 * @bsd: FreeBSD's CRYPTO_* value
 *
 * Return: the entry, or NULL for an id the kernel cannot serve.
 */
const struct ocf_alg *ocf_alg_find_bsd(u32 bsd)
{
	unsigned int i;

	for (i = 0; bsd && i < ARRAY_SIZE(ocf_algs); i++)
		if (ocf_algs[i].bsd == bsd)
			return &ocf_algs[i];
	return NULL;
}

/**
 * ocf_alg_id_by_name() - the algorithm id that maps to a kernel name
 * @name: crypto API algorithm name
 *
 * Return: the id, or 0 when no id maps to @name.
 */
u32 ocf_alg_id_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ocf_algs); i++)
		if (!(ocf_algs[i].flags & OCF_ALGF_TLS_COMPOSITE) &&
		    !strcmp(ocf_algs[i].name, name))
			return ocf_algs[i].id;
	return 0;
}
