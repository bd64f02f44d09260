// SPDX-License-Identifier: GPL-2.0
/*
 * kat: known-answer tests for every algorithm id of <crypto/cryptodev.h>
 * that the module may serve, through the legacy CIOCGSESSION.
 *
 * Ciphers go through CIOCCRYPT (encrypt out of place, decrypt in place),
 * hashes and MACs through CIOCCRYPT on a MAC-only session, AEADs and the
 * TLS composites through CIOCAUTHCRYPT.  A session the running kernel
 * cannot build (CIOCGSESSION fails with ENOENT) turns each of its vectors
 * into "ok N - ... # SKIP alg: not in this kernel"; any other failure
 * fails.
 *
 * Vectors are published test vectors (the source is named with each);
 * where no published vector exists the expected value was computed once
 * on the build host with OpenSSL 3.0 (or, for BLAKE2b-256, Python's
 * hashlib) and is marked "computed".
 *
 * Byte strings are written in a small notation (see parse_bytes()): hex
 * bytes, "XX*N" for N repetitions of the bytes XX, and "'text" for the
 * rest of the string as ASCII.
 *
 * No libcrypto here: this test is also built as a 32-bit program (kat_32)
 * to check the compat ioctl path.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdev.h"
#include "tap.h"

#define MAX_BYTES	1024
#define MAX_IV		32

/*
 * Cipher vector flag: an ECB vector, run block by block through a CBC id
 * with a zero IV each time.
 */
#define KAT_BLOCKWISE	0x1
/*
 * A stream cipher without IV (ARC4): a session is one keystream that runs
 * on across operations, so the vector is encrypted in two halves on one
 * session and decrypted on a second session with the same key.
 */
#define KAT_STREAM	0x2

struct cipher_kat {
	const char *name;
	__u32 alg;
	unsigned int flags;
	const char *key;
	const char *iv;
	const char *pt;
	const char *ct;
};

struct hash_kat {
	const char *name;
	__u32 alg;
	const char *key;	/* NULL: unkeyed hash */
	const char *msg;
	const char *md;
};

/* AEAD and TLS-composite vectors: ct is the whole output (tag included). */
struct aead_kat {
	const char *name;
	__u32 alg;
	const char *key;
	const char *iv;		/* the kernel's IV format */
	const char *aad;
	const char *pt;
	const char *ct;
	unsigned int tag_len;
};

/* Names of the kernel algorithms behind the ids, for skip messages. */
static const struct {
	__u32 alg;
	const char *name;
} alg_names[] = {
	{ CRYPTO_DES_CBC, "cbc(des)" },
	{ CRYPTO_3DES_CBC, "cbc(des3_ede)" },
	{ CRYPTO_BLF_CBC, "cbc(blowfish)" },
	{ CRYPTO_CAST_CBC, "cbc(cast5)" },
	{ CRYPTO_MD5_HMAC, "hmac(md5)" },
	{ CRYPTO_SHA1_HMAC, "hmac(sha1)" },
	{ CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)" },
	{ CRYPTO_AES_CBC, "cbc(aes)" },
	{ CRYPTO_ARC4, "ecb(arc4)" },
	{ CRYPTO_MD5, "md5" },
	{ CRYPTO_SHA1, "sha1" },
	{ CRYPTO_NULL, "ecb(cipher_null)" },
	{ CRYPTO_SHA2_256_HMAC, "hmac(sha256)" },
	{ CRYPTO_SHA2_384_HMAC, "hmac(sha384)" },
	{ CRYPTO_SHA2_512_HMAC, "hmac(sha512)" },
	{ CRYPTO_AES_CTR, "ctr(aes)" },
	{ CRYPTO_AES_XTS, "xts(aes)" },
	{ CRYPTO_AES_ECB, "ecb(aes)" },
	{ CRYPTO_AES_CFB, "cfb(aes)" },
	{ CRYPTO_AES_OFB, "ofb(aes)" },
	{ CRYPTO_AES_GCM, "gcm(aes)" },
	{ CRYPTO_AES_CCM, "ccm(aes)" },
	{ CRYPTO_CAMELLIA_CBC, "cbc(camellia)" },
	{ CRYPTO_RIPEMD160, "rmd160" },
	{ CRYPTO_SHA2_224, "sha224" },
	{ CRYPTO_SHA2_256, "sha256" },
	{ CRYPTO_SHA2_384, "sha384" },
	{ CRYPTO_SHA2_512, "sha512" },
	{ CRYPTO_SHA2_224_HMAC, "hmac(sha224)" },
	{ CRYPTO_TLS11_AES_CBC_HMAC_SHA1, "cbc(aes)+hmac(sha1)" },
	{ CRYPTO_TLS12_AES_CBC_HMAC_SHA256, "cbc(aes)+hmac(sha256)" },
	{ CRYPTO_CHACHA20, "chacha20" },
	{ CRYPTO_CHACHA20_POLY1305, "rfc7539(chacha20,poly1305)" },
	{ CRYPTO_SHA3_224, "sha3-224" },
	{ CRYPTO_SHA3_256, "sha3-256" },
	{ CRYPTO_SHA3_384, "sha3-384" },
	{ CRYPTO_SHA3_512, "sha3-512" },
	{ CRYPTO_SHA3_224_HMAC, "hmac(sha3-224)" },
	{ CRYPTO_SHA3_256_HMAC, "hmac(sha3-256)" },
	{ CRYPTO_SHA3_384_HMAC, "hmac(sha3-384)" },
	{ CRYPTO_SHA3_512_HMAC, "hmac(sha3-512)" },
	{ CRYPTO_BLAKE2B_256, "blake2b-256" },
	{ CRYPTO_BLAKE2B_512, "blake2b-512" },
	{ CRYPTO_SM3, "sm3" },
	{ CRYPTO_SM3_HMAC, "hmac(sm3)" },
	{ CRYPTO_SM4_CBC, "cbc(sm4)" },
	{ CRYPTO_SM4_ECB, "ecb(sm4)" },
	{ CRYPTO_SM4_CTR, "ctr(sm4)" },
	{ CRYPTO_SM4_GCM, "gcm(sm4)" },
	{ CRYPTO_SM4_CCM, "ccm(sm4)" },
	{ CRYPTO_AES_CMAC, "cmac(aes)" },
	{ CRYPTO_AES_XCBC_MAC, "xcbc(aes)" },
	{ CRYPTO_CAMELLIA_ECB, "ecb(camellia)" },
	{ CRYPTO_CAMELLIA_CTR, "ctr(camellia)" },
};

/* SP 800-38A F.1-F.5: the AES-128 and AES-256 keys, four plaintext blocks. */
#define SP38A_K128	"2b7e151628aed2a6abf7158809cf4f3c"
#define SP38A_K256	"603deb1015ca71be2b73aef0857d7781" \
			"1f352c073b6108d72d9810a30914dff4"
#define SP38A_IV	"000102030405060708090a0b0c0d0e0f"
#define SP38A_CTR	"f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
#define SP38A_PT	"6bc1bee22e409f96e93d7e117393172a" \
			"ae2d8a571e03ac9c9eb76fac45af8e51" \
			"30c81c46a35ce411e5fbc1191a0a52ef" \
			"f69f2445df4f9b17ad2b417be66c3710"

/* RFC 8439 2.4.2 and 2.8.2: the "sunscreen" plaintext, 114 bytes. */
#define SUNSCREEN	"'Ladies and Gentlemen of the class of '99: If I could " \
			"offer you only one tip for the future, sunscreen " \
			"would be it."

/* FIPS 81 / FIPS 46 "Now is the time for all " */
#define NOW_IS		"4e6f77206973207468652074696d6520666f7220616c6c20"

/* RFC 8998 A.1/A.2: SM4-GCM and SM4-CCM share key, IV, AAD, plaintext. */
#define SM4_KEY		"0123456789abcdeffedcba9876543210"
#define RFC8998_IV	"00001234567800000000abcd"
#define RFC8998_AAD	"feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define RFC8998_PT	"aa*8 bb*8 cc*8 dd*8 ee*8 ff*8 ee*8 aa*8"

/* IEEE 1619 vectors 15-18: key, data unit 0x123456789a, 16 bytes 00..0f */
#define XTS_K15		"fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0"
#define XTS_IV15	"9a78563412 00*11"
#define XTS_PT15	"000102030405060708090a0b0c0d0e0f"

static const struct cipher_kat cipher_kats[] = {
	/* AES: NIST SP 800-38A appendix F */
	{ "AES-128-ECB SP 800-38A F.1.1", CRYPTO_AES_ECB, 0, SP38A_K128, NULL, SP38A_PT,
	  "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
	  "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4" },
	{ "AES-256-ECB SP 800-38A F.1.5", CRYPTO_AES_ECB, 0, SP38A_K256, NULL, SP38A_PT,
	  "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870"
	  "b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7" },
	{ "AES-128-CBC SP 800-38A F.2.1", CRYPTO_AES_CBC, 0, SP38A_K128, SP38A_IV, SP38A_PT,
	  "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
	  "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7" },
	{ "AES-256-CBC SP 800-38A F.2.5", CRYPTO_AES_CBC, 0, SP38A_K256, SP38A_IV, SP38A_PT,
	  "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
	  "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b" },
	{ "AES-128-CFB128 SP 800-38A F.3.13", CRYPTO_AES_CFB, 0, SP38A_K128, SP38A_IV, SP38A_PT,
	  "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
	  "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6" },
	{ "AES-128-OFB SP 800-38A F.4.1", CRYPTO_AES_OFB, 0, SP38A_K128, SP38A_IV, SP38A_PT,
	  "3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed825"
	  "9740051e9c5fecf64344f7a82260edcc304c6528f659c77866a510d9c1d6ae5e" },
	{ "AES-128-CTR SP 800-38A F.5.1", CRYPTO_AES_CTR, 0, SP38A_K128, SP38A_CTR, SP38A_PT,
	  "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
	  "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee" },
	{ "AES-256-CTR SP 800-38A F.5.5", CRYPTO_AES_CTR, 0, SP38A_K256, SP38A_CTR, SP38A_PT,
	  "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
	  "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6" },
	/* AES-XTS: IEEE 1619-2007 annex B; the IV is the LE data unit number */
	{ "AES-128-XTS IEEE 1619 vector 1", CRYPTO_AES_XTS, 0, "00*32", "00*16", "00*32",
	  "917cf69ebd68b2ec9b9fe9a3eadda692cd43d2f59598ed858c02c2652fbf922e" },
	{ "AES-128-XTS IEEE 1619 vector 2", CRYPTO_AES_XTS, 0, "11*16 22*16",
	  "3333333333 00*11", "44*32",
	  "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0" },
	{ "AES-128-XTS IEEE 1619 vector 3", CRYPTO_AES_XTS, 0,
	  "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0 22*16", "3333333333 00*11", "44*32",
	  "af85336b597afc1a900b2eb21ec949d292df4c047e0b21532186a5971a227a89" },
	/* Vectors 15-18: data units of 17-20 bytes, ciphertext stealing */
	{ "AES-128-XTS IEEE 1619 vector 15 (17 bytes)", CRYPTO_AES_XTS, 0, XTS_K15,
	  XTS_IV15, XTS_PT15 "10", "6c1625db4671522d3d7599601de7ca09ed" },
	{ "AES-128-XTS IEEE 1619 vector 16 (18 bytes)", CRYPTO_AES_XTS, 0, XTS_K15,
	  XTS_IV15, XTS_PT15 "1011", "d069444b7a7e0cab09e24447d24deb1fedbf" },
	{ "AES-128-XTS IEEE 1619 vector 17 (19 bytes)", CRYPTO_AES_XTS, 0, XTS_K15,
	  XTS_IV15, XTS_PT15 "101112", "e5df1351c0544ba1350b3363cd8ef4beedbf9d" },
	{ "AES-128-XTS IEEE 1619 vector 18 (20 bytes)", CRYPTO_AES_XTS, 0, XTS_K15,
	  XTS_IV15, XTS_PT15 "10111213", "9d84c813f719aa2c7be3f66171c7c5c2edbf9dac" },
	/* DES and 3DES: FIPS 81 CBC example; SP 800-67 example (ECB) */
	{ "DES-CBC FIPS 81 B.1", CRYPTO_DES_CBC, 0, "0123456789abcdef",
	  "1234567890abcdef", NOW_IS,
	  "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6" },
	{ "DES FIPS 81 ECB example", CRYPTO_DES_CBC, KAT_BLOCKWISE,
	  "0123456789abcdef", NULL, NOW_IS,
	  "3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53" },
	{ "3DES SP 800-67 example", CRYPTO_3DES_CBC, KAT_BLOCKWISE,
	  "0123456789abcdef23456789abcdef01456789abcdef0123", NULL,
	  "'The qufck brown fox jump",
	  "a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900" },
	/* Blowfish: Eric Young's test data (ECB, and the CBC example) */
	{ "Blowfish ECB zero key", CRYPTO_BLF_CBC, KAT_BLOCKWISE,
	  "0000000000000000", NULL, "0000000000000000", "4ef997456198dd78" },
	{ "Blowfish ECB all-ones key", CRYPTO_BLF_CBC, KAT_BLOCKWISE,
	  "ffffffffffffffff", NULL, "ffffffffffffffff", "51866fd5b85ecb8a" },
	{ "Blowfish ECB 3000000000000000", CRYPTO_BLF_CBC, KAT_BLOCKWISE,
	  "3000000000000000", NULL, "1000000000000001", "7d856f9a613063f2" },
	{ "Blowfish-CBC 128-bit key example", CRYPTO_BLF_CBC, 0,
	  "0123456789abcdeff0e1d2c3b4a59687", "fedcba9876543210",
	  "37363534333231204e6f77206973207468652074696d6520666f722000000000",
	  "6b77b4d63006dee605b156e27403979358deb9e7154616d959f1652bd5ff92cc" },
	/* CAST5: RFC 2144 appendix B.1 */
	{ "CAST5 RFC 2144 B.1 128-bit key", CRYPTO_CAST_CBC, KAT_BLOCKWISE,
	  "0123456712345678234567893456789a", NULL, "0123456789abcdef",
	  "238b4fe5847e44b2" },
	{ "CAST5 RFC 2144 B.1 80-bit key", CRYPTO_CAST_CBC, KAT_BLOCKWISE,
	  "01234567123456782345", NULL, "0123456789abcdef", "eb6a711a2c02271b" },
	{ "CAST5 RFC 2144 B.1 40-bit key", CRYPTO_CAST_CBC, KAT_BLOCKWISE,
	  "0123456712", NULL, "0123456789abcdef", "7ac816d16e9b302e" },
	/* Camellia: RFC 3713 appendix A; RFC 5528 4 (CTR) */
	{ "Camellia-128 RFC 3713 A (ECB)", CRYPTO_CAMELLIA_ECB, 0,
	  "0123456789abcdeffedcba9876543210", NULL,
	  "0123456789abcdeffedcba9876543210", "67673138549669730857065648eabe43" },
	{ "Camellia-192 RFC 3713 A (ECB)", CRYPTO_CAMELLIA_ECB, 0,
	  "0123456789abcdeffedcba98765432100011223344556677", NULL,
	  "0123456789abcdeffedcba9876543210", "b4993401b3e996f84ee5cee7d79b09b9" },
	{ "Camellia-256 RFC 3713 A (ECB)", CRYPTO_CAMELLIA_ECB, 0,
	  "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff", NULL,
	  "0123456789abcdeffedcba9876543210", "9acc237dff16d76c20ef7c919e3a7509" },
	{ "Camellia-128 RFC 3713 A (via CBC)", CRYPTO_CAMELLIA_CBC, KAT_BLOCKWISE,
	  "0123456789abcdeffedcba9876543210", NULL,
	  "0123456789abcdeffedcba9876543210", "67673138549669730857065648eabe43" },
	{ "Camellia-256 RFC 3713 A (via CBC)", CRYPTO_CAMELLIA_CBC, KAT_BLOCKWISE,
	  "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff", NULL,
	  "0123456789abcdeffedcba9876543210", "9acc237dff16d76c20ef7c919e3a7509" },
	{ "Camellia-128-CTR RFC 5528 vector 1", CRYPTO_CAMELLIA_CTR, 0,
	  "ae6852f8121067cc4bf7a5765577f39e", "00000030000000000000000000000001",
	  "'Single block msg", "d09dc29a8214619a20877c76db1f0b3f" },
	{ "Camellia-128-CTR RFC 5528 vector 2", CRYPTO_CAMELLIA_CTR, 0,
	  "7e24067817fae0d743d6ce1f32539163", "006cb6dbc0543b59da48d90b00000001",
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  "dbf3c78dc08396d4da7c907765bbcb442b8e8e0f31f0dca72c7417e35360e048" },
	/* NULL: the identity */
	{ "NULL cipher", CRYPTO_NULL, 0, "", NULL, "'null cipher leaves data as is",
	  "'null cipher leaves data as is" },
	/* ARC4: RFC 6229, keystream at offset 0 (encryption of zeros) */
	{ "ARC4 RFC 6229 40-bit key", CRYPTO_ARC4, KAT_STREAM, "0102030405", NULL, "00*16",
	  "b2396305f03dc027ccc3524a0a1118a8" },
	{ "ARC4 RFC 6229 128-bit key", CRYPTO_ARC4, KAT_STREAM,
	  "0102030405060708090a0b0c0d0e0f10", NULL, "00*16",
	  "9ac7cc9a609d1ef7b2932899cde41b97" },
	/* ChaCha20: RFC 8439 2.4.2; IV = LE32 block counter || nonce */
	{ "ChaCha20 RFC 8439 2.4.2", CRYPTO_CHACHA20, 0,
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  "01000000 000000000000004a00000000", SUNSCREEN,
	  "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
	  "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
	  "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
	  "5af90bbf74a35be6b40b8eedf2785e42874d" },
	/* SM4: GB/T 32907-2016 A.1; CBC and CTR computed with OpenSSL */
	{ "SM4 GB/T 32907 A.1 (ECB)", CRYPTO_SM4_ECB, 0, SM4_KEY, NULL, SM4_KEY,
	  "681edf34d206965e86b3e94f536e4246" },
	{ "SM4-CBC (computed)", CRYPTO_SM4_CBC, 0, SM4_KEY, SP38A_IV, SP38A_PT,
	  "784626c834ab18614677eb2074f2c5575146022d81cd18fef9bc1a1fd3a64d61"
	  "102a1897c5f04a7b15e433733daf080f51284344ea0da9383f85b20ee99c3a94" },
	{ "SM4-CTR (computed)", CRYPTO_SM4_CTR, 0, SM4_KEY, SP38A_CTR, SP38A_PT,
	  "35e35825ac852f2b185d6b9bb4ea6f9d201ec3e66740adc7c540716c2f5a4995"
	  "2911a86a7841287429b6412dd677e359a2cf6977ee5c7a440920bb4826dc10f9" },
};

static const struct hash_kat hash_kats[] = {
	/* MD5: RFC 1321 A.5 */
	{ "MD5 RFC 1321 \"\"", CRYPTO_MD5, NULL, "", "d41d8cd98f00b204e9800998ecf8427e" },
	{ "MD5 RFC 1321 \"abc\"", CRYPTO_MD5, NULL, "'abc", "900150983cd24fb0d6963f7d28e17f72" },
	{ "MD5 RFC 1321 \"message digest\"", CRYPTO_MD5, NULL, "'message digest",
	  "f96b697d7cb7938d525a2f31aaf161d0" },
	{ "MD5 RFC 1321 80 digits", CRYPTO_MD5, NULL, "'1234567890*8",
	  "57edf4a22be3c955ac49da2e2107b67a" },
	/* SHA-1, SHA-2: FIPS 180 examples (NIST CSRC example values) */
	{ "SHA-1 \"abc\"", CRYPTO_SHA1, NULL, "'abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ "SHA-1 448-bit message", CRYPTO_SHA1, NULL,
	  "'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	{ "SHA-224 \"abc\"", CRYPTO_SHA2_224, NULL, "'abc",
	  "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
	{ "SHA-224 448-bit message", CRYPTO_SHA2_224, NULL,
	  "'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525" },
	{ "SHA-256 \"abc\"", CRYPTO_SHA2_256, NULL, "'abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "SHA-256 448-bit message", CRYPTO_SHA2_256, NULL,
	  "'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "SHA-256 \"\"", CRYPTO_SHA2_256, NULL, "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "SHA-384 \"abc\"", CRYPTO_SHA2_384, NULL, "'abc",
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	  "8086072ba1e7cc2358baeca134c825a7" },
	{ "SHA-384 896-bit message", CRYPTO_SHA2_384, NULL,
	  "'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	  "fcc7c71a557e2db966c3e9fa91746039" },
	{ "SHA-512 \"abc\"", CRYPTO_SHA2_512, NULL, "'abc",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ "SHA-512 896-bit message", CRYPTO_SHA2_512, NULL,
	  "'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
	/* SHA-3: FIPS 202 examples (NIST CSRC example values) */
	{ "SHA3-224 \"abc\"", CRYPTO_SHA3_224, NULL, "'abc",
	  "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf" },
	{ "SHA3-256 \"abc\"", CRYPTO_SHA3_256, NULL, "'abc",
	  "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532" },
	{ "SHA3-256 \"\"", CRYPTO_SHA3_256, NULL, "",
	  "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a" },
	{ "SHA3-384 \"abc\"", CRYPTO_SHA3_384, NULL, "'abc",
	  "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
	  "98d88cea927ac7f539f1edf228376d25" },
	{ "SHA3-512 \"abc\"", CRYPTO_SHA3_512, NULL, "'abc",
	  "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
	  "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0" },
	/* BLAKE2b: RFC 7693 appendix A; BLAKE2b-256 computed (hashlib) */
	{ "BLAKE2b-512 RFC 7693 \"abc\"", CRYPTO_BLAKE2B_512, NULL, "'abc",
	  "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
	  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923" },
	{ "BLAKE2b-256 \"abc\" (computed)", CRYPTO_BLAKE2B_256, NULL, "'abc",
	  "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319" },
	/* SM3: GB/T 32905-2016 A.1 and A.2 */
	{ "SM3 GB/T 32905 A.1 \"abc\"", CRYPTO_SM3, NULL, "'abc",
	  "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" },
	{ "SM3 GB/T 32905 A.2 \"abcd\"x16", CRYPTO_SM3, NULL, "'abcd*16",
	  "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732" },
	/* RIPEMD-160: the designers' test vectors */
	{ "RIPEMD-160 \"\"", CRYPTO_RIPEMD160, NULL, "",
	  "9c1185a5c5e9fc54612808977ee8f548b2258d31" },
	{ "RIPEMD-160 \"abc\"", CRYPTO_RIPEMD160, NULL, "'abc",
	  "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc" },
	{ "RIPEMD-160 \"message digest\"", CRYPTO_RIPEMD160, NULL, "'message digest",
	  "5d0689ef49d2fae572b881b123a85ffa21595f36" },
	/* HMAC-MD5 and HMAC-SHA1: RFC 2202 test cases 1, 2, 3, 6 */
	{ "HMAC-MD5 RFC 2202 case 1", CRYPTO_MD5_HMAC, "0b*16", "'Hi There",
	  "9294727a3638bb1c13f48ef8158bfc9d" },
	{ "HMAC-MD5 RFC 2202 case 2", CRYPTO_MD5_HMAC, "'Jefe", "'what do ya want for nothing?",
	  "750c783e6ab0b503eaa86e310a5db738" },
	{ "HMAC-MD5 RFC 2202 case 3", CRYPTO_MD5_HMAC, "aa*16", "dd*50",
	  "56be34521d144c88dbb8c733f0e8b3f6" },
	{ "HMAC-MD5 RFC 2202 case 6", CRYPTO_MD5_HMAC, "aa*80",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd" },
	{ "HMAC-SHA1 RFC 2202 case 1", CRYPTO_SHA1_HMAC, "0b*20", "'Hi There",
	  "b617318655057264e28bc0b6fb378c8ef146be00" },
	{ "HMAC-SHA1 RFC 2202 case 2", CRYPTO_SHA1_HMAC, "'Jefe", "'what do ya want for nothing?",
	  "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
	{ "HMAC-SHA1 RFC 2202 case 3", CRYPTO_SHA1_HMAC, "aa*20", "dd*50",
	  "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
	{ "HMAC-SHA1 RFC 2202 case 6", CRYPTO_SHA1_HMAC, "aa*80",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
	/* HMAC-SHA2: RFC 4231 test cases 1, 2, 6 */
	{ "HMAC-SHA224 RFC 4231 case 1", CRYPTO_SHA2_224_HMAC, "0b*20", "'Hi There",
	  "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22" },
	{ "HMAC-SHA224 RFC 4231 case 2", CRYPTO_SHA2_224_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44" },
	{ "HMAC-SHA224 RFC 4231 case 6", CRYPTO_SHA2_224_HMAC, "aa*131",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e" },
	{ "HMAC-SHA256 RFC 4231 case 1", CRYPTO_SHA2_256_HMAC, "0b*20", "'Hi There",
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ "HMAC-SHA256 RFC 4231 case 2", CRYPTO_SHA2_256_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ "HMAC-SHA256 RFC 4231 case 6", CRYPTO_SHA2_256_HMAC, "aa*131",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ "HMAC-SHA384 RFC 4231 case 1", CRYPTO_SHA2_384_HMAC, "0b*20", "'Hi There",
	  "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
	  "faea9ea9076ede7f4af152e8b2fa9cb6" },
	{ "HMAC-SHA384 RFC 4231 case 2", CRYPTO_SHA2_384_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
	  "8e2240ca5e69e2c78b3239ecfab21649" },
	{ "HMAC-SHA384 RFC 4231 case 6", CRYPTO_SHA2_384_HMAC, "aa*131",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
	  "0c2ef6ab4030fe8296248df163f44952" },
	{ "HMAC-SHA512 RFC 4231 case 1", CRYPTO_SHA2_512_HMAC, "0b*20", "'Hi There",
	  "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
	  "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
	{ "HMAC-SHA512 RFC 4231 case 2", CRYPTO_SHA2_512_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
	  "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
	{ "HMAC-SHA512 RFC 4231 case 6", CRYPTO_SHA2_512_HMAC, "aa*131",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
	  "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
	/* HMAC-RIPEMD-160: RFC 2286 test cases 1 and 2 */
	{ "HMAC-RIPEMD160 RFC 2286 case 1", CRYPTO_RIPEMD160_HMAC, "0b*20", "'Hi There",
	  "24cb4bd67d20fc1a5d2ed7732dcc39377f0a5668" },
	{ "HMAC-RIPEMD160 RFC 2286 case 2", CRYPTO_RIPEMD160_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "dda6c0213a485a9e24f4742064a7f033b43c4069" },
	/* HMAC-SHA3 and HMAC-SM3: computed with OpenSSL 3.0 on the build host */
	{ "HMAC-SHA3-224 \"Jefe\" (computed)", CRYPTO_SHA3_224_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "7fdb8dd88bd2f60d1b798634ad386811c2cfc85bfaf5d52bbace5e66" },
	{ "HMAC-SHA3-256 \"Jefe\" (computed)", CRYPTO_SHA3_256_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "c7d4072e788877ae3596bbb0da73b887c9171f93095b294ae857fbe2645e1ba5" },
	{ "HMAC-SHA3-256 200-byte key (computed)", CRYPTO_SHA3_256_HMAC, "aa*200",
	  "'Test Using Larger Than Block-Size Key - Hash Key First",
	  "49ad92b02124fdac9627ae45e008a696182ab6bfb8470457777c744aeb9df06f" },
	{ "HMAC-SHA3-384 \"Jefe\" (computed)", CRYPTO_SHA3_384_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "f1101f8cbf9766fd6764d2ed61903f21ca9b18f57cf3e1a23ca13508a93243ce"
	  "48c045dc007f26a21b3f5e0e9df4c20a" },
	{ "HMAC-SHA3-512 \"Jefe\" (computed)", CRYPTO_SHA3_512_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "5a4bfeab6166427c7a3647b747292b8384537cdb89afb3bf5665e4c5e709350b"
	  "287baec921fd7ca0ee7a0c31d022a95e1fc92ba9d77df883960275beb4e62024" },
	{ "HMAC-SM3 \"Jefe\" (computed)", CRYPTO_SM3_HMAC, "'Jefe",
	  "'what do ya want for nothing?",
	  "2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882" },
	/* AES-CMAC: RFC 4493 4 */
	{ "AES-CMAC RFC 4493 example 1 (empty)", CRYPTO_AES_CMAC, SP38A_K128, "",
	  "bb1d6929e95937287fa37d129b756746" },
	{ "AES-CMAC RFC 4493 example 2 (16 bytes)", CRYPTO_AES_CMAC, SP38A_K128,
	  "6bc1bee22e409f96e93d7e117393172a", "070a16b46b4d4144f79bdd9dd04a287c" },
	{ "AES-CMAC RFC 4493 example 3 (40 bytes)", CRYPTO_AES_CMAC, SP38A_K128,
	  "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	  "30c81c46a35ce411", "dfa66747de9ae63030ca32611497c827" },
	{ "AES-CMAC RFC 4493 example 4 (64 bytes)", CRYPTO_AES_CMAC, SP38A_K128,
	  SP38A_PT, "51f0bebf7e3b9d92fc49741779363cfe" },
	/* AES-XCBC-MAC-96 (full 128-bit MAC): RFC 3566 4.6 */
	{ "AES-XCBC-MAC RFC 3566 case 1 (empty)", CRYPTO_AES_XCBC_MAC,
	  "000102030405060708090a0b0c0d0e0f", "", "75f0251d528ac01c4573dfd584d79f29" },
	{ "AES-XCBC-MAC RFC 3566 case 2 (3 bytes)", CRYPTO_AES_XCBC_MAC,
	  "000102030405060708090a0b0c0d0e0f", "000102", "5b376580ae2f19afe7219ceef172756f" },
	{ "AES-XCBC-MAC RFC 3566 case 3 (16 bytes)", CRYPTO_AES_XCBC_MAC,
	  "000102030405060708090a0b0c0d0e0f", "000102030405060708090a0b0c0d0e0f",
	  "d2a246fa349b68a79998a4394ff7a263" },
	{ "AES-XCBC-MAC RFC 3566 case 5 (32 bytes)", CRYPTO_AES_XCBC_MAC,
	  "000102030405060708090a0b0c0d0e0f",
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  "f54f0ec8d2b9f3d36807734bd5283fd4" },
	{ "AES-XCBC-MAC RFC 3566 case 7 (1000 zero bytes)", CRYPTO_AES_XCBC_MAC,
	  "000102030405060708090a0b0c0d0e0f", "00*1000", "f0dafee895db30253761103b5d84528f" },
};

static const struct aead_kat aead_kats[] = {
	/* AES-GCM: McGrew and Viega, "The Galois/Counter Mode of Operation", B */
	{ "AES-128-GCM test case 1", CRYPTO_AES_GCM, "00*16", "00*12", "", "",
	  "58e2fccefa7e3061367f1d57a4e7455a", 16 },
	{ "AES-128-GCM test case 2", CRYPTO_AES_GCM, "00*16", "00*12", "", "00*16",
	  "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf", 16 },
	{ "AES-128-GCM test case 3", CRYPTO_AES_GCM, "feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888", "",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
	  "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
	  "4d5c2af327cd64a62cf35abd2ba6fab4", 16 },
	{ "AES-128-GCM test case 4 (AAD)", CRYPTO_AES_GCM, "feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
	  "5bc94fbc3221a5db94fae95ae7121a47", 16 },
	{ "AES-256-GCM test case 13", CRYPTO_AES_GCM, "00*32", "00*12", "", "",
	  "530f8afbc74536b9a963b4f1c4cb738b", 16 },
	{ "AES-256-GCM test case 14", CRYPTO_AES_GCM, "00*32", "00*12", "", "00*16",
	  "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919", 16 },
	{ "AES-256-GCM test case 16 (AAD)", CRYPTO_AES_GCM,
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
	  "76fc6ece0f4e1768cddf8853bb2d551b", 16 },
	/* AES-CCM; IV = L-1 || nonce || zero counter */
	{ "AES-CCM RFC 3610 packet vector 1", CRYPTO_AES_CCM,
	  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "01 00000003020100a0a1a2a3a4a5 0000",
	  "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
	  "588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0", 8 },
	{ "AES-CCM SP 800-38C C.1", CRYPTO_AES_CCM, "404142434445464748494a4b4c4d4e4f",
	  "07 10111213141516 00*8", "0001020304050607", "20212223",
	  "7162015b4dac255d", 4 },
	{ "AES-CCM SP 800-38C C.2", CRYPTO_AES_CCM, "404142434445464748494a4b4c4d4e4f",
	  "06 1011121314151617 00*7", "000102030405060708090a0b0c0d0e0f",
	  "202122232425262728292a2b2c2d2e2f",
	  "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd", 6 },
	/* ChaCha20-Poly1305: RFC 8439 2.8.2 */
	{ "ChaCha20-Poly1305 RFC 8439 2.8.2", CRYPTO_CHACHA20_POLY1305,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7", SUNSCREEN,
	  "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	  "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	  "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	  "3ff4def08e4b7a9de576d26586cec64b6116"
	  "1ae10b594f09e26a7e902ecbd0600691", 16 },
	/* SM4-GCM and SM4-CCM: RFC 8998 A.1 and A.2 */
	{ "SM4-GCM RFC 8998 A.1", CRYPTO_SM4_GCM, SM4_KEY, RFC8998_IV, RFC8998_AAD,
	  RFC8998_PT,
	  "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
	  "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d"
	  "83de3541e4c2b58177e065a9bf7b62ec", 16 },
	{ "SM4-CCM RFC 8998 A.2", CRYPTO_SM4_CCM, SM4_KEY, "02 " RFC8998_IV " 00*3",
	  RFC8998_AAD, RFC8998_PT,
	  "48af93501fa62adbcd414cce6034d895dda1bf8f132f042098661572e7483094"
	  "fd12e518ce062c98acee28d95df4416bed31a2f04476c18bb40c84a74b97dc5b"
	  "16842d4fa186f56ab33256971fa110f4", 16 },
};

/*
 * TLS composites: the key is in the kernel's authenc layout (rtattr with
 * the big-endian cipher key length, MAC key, cipher key; the rtattr header
 * is little-endian here).  The record is CBC(data || HMAC(aad || data) ||
 * padding); expected values computed with OpenSSL 3.0.
 */
static const struct aead_kat tls_kats[] = {
	{ "TLS1.1 AES-128-CBC HMAC-SHA1 (computed)", CRYPTO_TLS11_AES_CBC_HMAC_SHA1,
	  "0800 0100 00000010 0b*20 000102030405060708090a0b0c0d0e0f",
	  SP38A_IV, "0000000000000001170302001b", "'a short TLS record payload!",
	  "83108bd578f7602121131c133aec2d4f6a9c267165c7b52fd4061f05a9bf928a"
	  "7c42c03dcac8bf1f43d0842994e9167a", 0 },
	{ "TLS1.2 AES-128-CBC HMAC-SHA256 (computed)", CRYPTO_TLS12_AES_CBC_HMAC_SHA256,
	  "0800 0100 00000010 0c*32 000102030405060708090a0b0c0d0e0f",
	  SP38A_IV, "0000000000000001170303001b", "'a short TLS record payload!",
	  "83108bd578f7602121131c133aec2d4f55543d893c01c01116d8a91b7d067957"
	  "2abe68f0934749d52f6cfab3c6636a1d5b3fddb276766957a3429fc105414566", 0 },
};

static int devfd = -1;

/* Kernel algorithms found missing, for the summary. */
static const char *missing[ARRAY_SIZE(alg_names)];
static unsigned int nr_missing;

static const char *alg_name(__u32 alg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(alg_names); i++)
		if (alg_names[i].alg == alg)
			return alg_names[i].name;
	return "?";
}

static void note_missing(__u32 alg)
{
	const char *name = alg_name(alg);
	unsigned int i;

	for (i = 0; i < nr_missing; i++)
		if (missing[i] == name)
			return;
	if (nr_missing < ARRAY_SIZE(missing))
		missing[nr_missing++] = name;
}

/*
 * Parse @spec into @out.  @spec is whitespace-separated tokens: hex digits,
 * optionally followed by "*N" to repeat those bytes N times; or "'" and
 * text, which runs to the end of @spec and may itself end in "*N".
 * Returns the length, or -1 for a malformed spec or one longer than @max.
 */
static int parse_bytes(const char *spec, uint8_t *out, size_t max)
{
	size_t len = 0;

	if (!spec)
		return 0;
	while (*spec) {
		const char *tok, *end, *star;
		size_t n, i, rep = 1;
		uint8_t *start = out + len;

		while (isspace((unsigned char)*spec))
			spec++;
		if (!*spec)
			break;
		if (*spec == '\'') {
			tok = spec + 1;
			end = tok + strlen(tok);
			star = strrchr(tok, '*');
			if (star && star[1] && strspn(star + 1, "0123456789") == strlen(star + 1)) {
				rep = strtoul(star + 1, NULL, 10);
				end = star;
			}
			n = end - tok;
			if (len + n * rep > max)
				return -1;
			memcpy(start, tok, n);
			spec = tok + strlen(tok);
		} else {
			tok = spec;
			end = tok + strcspn(tok, " \t\n*");
			if ((end - tok) % 2)
				return -1;
			n = (end - tok) / 2;
			if (len + n > max)
				return -1;
			for (i = 0; i < n; i++) {
				unsigned int b;

				if (sscanf(tok + 2 * i, "%2x", &b) != 1)
					return -1;
				start[i] = b;
			}
			spec = end;
			if (*spec == '*') {
				char *next;

				rep = strtoul(spec + 1, &next, 10);
				spec = next;
			}
			if (len + n * rep > max)
				return -1;
		}
		for (i = 1; i < rep; i++)
			memcpy(start + i * n, start, n);
		len += n * rep;
	}
	return len;
}

struct bytes {
	uint8_t b[MAX_BYTES];
	int len;
};

static bool parse(struct bytes *b, const char *spec, const char *name)
{
	b->len = parse_bytes(spec, b->b, sizeof(b->b));
	if (b->len < 0)
		tap_diag("%s: bad byte string \"%s\"", name, spec);
	return b->len >= 0;
}

static void show_mismatch(const char *what, const uint8_t *got,
			  const uint8_t *want, size_t len)
{
	char *hex = malloc(2 * len + 1);

	if (!hex)
		return;
	tap_diag("  %s want %s", what, cdev_hex(hex, want, len));
	tap_diag("  %s got  %s", what, cdev_hex(hex, got, len));
	free(hex);
}

static bool same(const char *what, const uint8_t *got, const uint8_t *want,
		 size_t len)
{
	if (!memcmp(got, want, len))
		return true;
	show_mismatch(what, got, want, len);
	return false;
}

/*
 * Create a session; on ENOENT report the vector as skipped.  Returns 1 with
 * a session, 0 when the vector was reported (skipped or failed).
 */
static int open_session(const char *name, __u32 cipher, const struct bytes *key,
			__u32 mac, const struct bytes *mackey, __u32 *ses)
{
	__u32 alg = cipher ? cipher : mac;
	char reason[128];
	int ret;

	ret = cdev_session(devfd, cipher, key ? key->b : NULL, key ? key->len : 0,
			   mac, mackey ? mackey->b : NULL, mackey ? mackey->len : 0,
			   ses);
	if (!ret)
		return 1;
	if (ret == -ENOENT) {
		note_missing(alg);
		snprintf(reason, sizeof(reason), "%s: not in this kernel",
			 alg_name(alg));
		tap_skip(reason, "%s", name);
		return 0;
	}
	tap_diag("%s: CIOCGSESSION: %s", name, strerror(-ret));
	tap_fail("%s", name);
	return 0;
}

static bool run_cipher(const struct cipher_kat *v, __u32 ses,
		       const struct bytes *key, const struct bytes *iv,
		       const struct bytes *pt, const struct bytes *ct)
{
	uint8_t buf[MAX_BYTES], ivbuf[MAX_IV];
	unsigned int step = pt->len, off;
	__u32 dses = ses;
	bool ok;
	int ret;

	/* Block by block through a CBC id with a zero IV: that is ECB. */
	if (v->flags & KAT_BLOCKWISE)
		step = v->alg == CRYPTO_CAMELLIA_CBC ? CAMELLIA_BLOCK_LEN : DES_BLOCK_LEN;
	if (v->flags & KAT_STREAM)
		step = pt->len / 2;

	memset(buf, 0xa5, sizeof(buf));
	for (off = 0; off < (unsigned int)pt->len; off += step) {
		memset(ivbuf, 0, sizeof(ivbuf));
		memcpy(ivbuf, iv->b, iv->len);
		ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt->b + off, buf + off,
				 step, iv->len || (v->flags & KAT_BLOCKWISE) ? ivbuf : NULL,
				 NULL);
		if (ret) {
			tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
			return false;
		}
	}
	if (!same("ciphertext", buf, ct->b, ct->len))
		return false;

	/* A keystream is used once: decrypt from its start on a new session. */
	if (v->flags & KAT_STREAM) {
		ret = cdev_session(devfd, v->alg, key->b, key->len, 0, NULL, 0,
				   &dses);
		if (ret) {
			tap_diag("%s: second session: %s", v->name, strerror(-ret));
			return false;
		}
		step = ct->len;
	}

	/* Decrypt in place. */
	ok = true;
	for (off = 0; ok && off < (unsigned int)ct->len; off += step) {
		memset(ivbuf, 0, sizeof(ivbuf));
		memcpy(ivbuf, iv->b, iv->len);
		ret = cdev_crypt(devfd, dses, COP_DECRYPT, 0, buf + off, buf + off,
				 step, iv->len || (v->flags & KAT_BLOCKWISE) ? ivbuf : NULL,
				 NULL);
		if (ret) {
			tap_diag("%s: decrypt: %s", v->name, strerror(-ret));
			ok = false;
		}
	}
	if (dses != ses && cdev_fsession(devfd, dses))
		ok = false;
	return ok && same("plaintext", buf, pt->b, pt->len);
}

static void test_cipher(const struct cipher_kat *v)
{
	struct bytes key, iv, pt, ct;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&pt, v->pt, v->name) || !parse(&ct, v->ct, v->name) ||
	    pt.len != ct.len || iv.len > MAX_IV) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_cipher(v, ses, &key, &iv, &pt, &ct);
	if (cdev_fsession(devfd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

static void test_hash(const struct hash_kat *v)
{
	uint8_t md[AALG_MAX_RESULT_LEN + 8];
	struct bytes key, msg, want;
	__u32 ses;
	bool ok;
	int ret;

	if (!parse(&key, v->key, v->name) || !parse(&msg, v->msg, v->name) ||
	    !parse(&want, v->md, v->name) || want.len > AALG_MAX_RESULT_LEN) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, 0, NULL, v->alg, v->key ? &key : NULL, &ses))
		return;
	memset(md, 0xa5, sizeof(md));
	ret = cdev_hash(devfd, ses, 0, msg.b, msg.len, md);
	if (ret)
		tap_diag("%s: CIOCCRYPT: %s", v->name, strerror(-ret));
	ok = !ret && same("digest", md, want.b, want.len);
	/* Nothing beyond the digest size may be written. */
	if (ok && md[want.len] != 0xa5) {
		tap_diag("%s: wrote past the %d-byte digest", v->name, want.len);
		ok = false;
	}
	if (cdev_fsession(devfd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

/* AEAD: encrypt, decrypt, and a flipped tag bit must give EBADMSG. */
static bool run_aead(const struct aead_kat *v, __u32 ses, struct bytes *iv,
		     const struct bytes *aad, const struct bytes *pt,
		     const struct bytes *ct)
{
	struct crypt_auth_op caop;
	uint8_t buf[MAX_BYTES], dec[MAX_BYTES];
	int ret;

	memset(buf, 0xa5, sizeof(buf));
	cdev_caop(&caop, ses, COP_ENCRYPT, 0, aad->b, aad->len, pt->b, buf,
		  pt->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)ct->len || caop.tag_len != v->tag_len) {
		tap_diag("%s: encrypt wrote back len %u tag_len %u, want %d and %u",
			 v->name, caop.len, caop.tag_len, ct->len, v->tag_len);
		return false;
	}
	if (!same("ciphertext||tag", buf, ct->b, ct->len))
		return false;

	memset(dec, 0xa5, sizeof(dec));
	cdev_caop(&caop, ses, COP_DECRYPT, 0, aad->b, aad->len, ct->b, dec,
		  ct->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		tap_diag("%s: decrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)pt->len) {
		tap_diag("%s: decrypt wrote back len %u, want %d", v->name,
			 caop.len, pt->len);
		return false;
	}
	if (!same("plaintext", dec, pt->b, pt->len))
		return false;

	buf[ct->len - 1] ^= 0x01;
	cdev_caop(&caop, ses, COP_DECRYPT, 0, aad->b, aad->len, buf, buf,
		  ct->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret != -EBADMSG) {
		tap_diag("%s: decrypt with a bad tag: %s, want EBADMSG", v->name,
			 ret ? strerror(-ret) : "success");
		return false;
	}
	return true;
}

static void test_aead(const struct aead_kat *v)
{
	struct bytes key, iv, aad, pt, ct;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&aad, v->aad, v->name) || !parse(&pt, v->pt, v->name) ||
	    !parse(&ct, v->ct, v->name) || ct.len != pt.len + (int)v->tag_len) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_aead(v, ses, &iv, &aad, &pt, &ct);
	if (cdev_fsession(devfd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

/* TLS composite: encrypt to the record, decrypt back, reject a flipped bit. */
static bool run_tls(const struct aead_kat *v, __u32 ses, struct bytes *iv,
		    const struct bytes *aad, const struct bytes *pt,
		    const struct bytes *rec)
{
	struct crypt_auth_op caop;
	uint8_t buf[MAX_BYTES], dec[MAX_BYTES];
	int ret;

	memset(buf, 0xa5, sizeof(buf));
	cdev_caop(&caop, ses, COP_ENCRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  pt->b, buf, pt->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret) {
		tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)rec->len) {
		tap_diag("%s: encrypt wrote back len %u, want %d", v->name,
			 caop.len, rec->len);
		return false;
	}
	if (!same("record", buf, rec->b, rec->len))
		return false;

	memset(dec, 0xa5, sizeof(dec));
	cdev_caop(&caop, ses, COP_DECRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  rec->b, dec, rec->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret || caop.len != (__u32)pt->len) {
		tap_diag("%s: decrypt: %s, len %u (want %d)", v->name,
			 strerror(-ret), caop.len, pt->len);
		return false;
	}
	if (!same("plaintext", dec, pt->b, pt->len))
		return false;

	buf[0] ^= 0x80;
	cdev_caop(&caop, ses, COP_DECRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  buf, dec, rec->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(devfd, &caop);
	if (ret != -EBADMSG) {
		tap_diag("%s: tampered record: %s, want EBADMSG", v->name,
			 ret ? strerror(-ret) : "success");
		return false;
	}
	return true;
}

static void test_tls(const struct aead_kat *v)
{
	struct bytes key, iv, aad, pt, rec;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&aad, v->aad, v->name) || !parse(&pt, v->pt, v->name) ||
	    !parse(&rec, v->ct, v->name)) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_tls(v, ses, &iv, &aad, &pt, &rec);
	if (cdev_fsession(devfd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

/* Ids the ABI defines but nothing in the kernel can serve: EINVAL. */
static void test_unservable(void)
{
	static const __u32 ciphers[] = { CRYPTO_SKIPJACK_CBC, CRYPTO_DEFLATE_COMP,
					 CRYPTO_LZS_COMP, CRYPTO_ALGORITHM_ALL,
					 OCF_ALG_MAX + 1 };
	static const __u32 macs[] = { CRYPTO_MD5_KPDK, CRYPTO_SHA1_KPDK };
	uint8_t key[16] = { 0 };
	unsigned int i;
	bool ok = true;
	__u32 ses;
	int ret;

	for (i = 0; i < ARRAY_SIZE(ciphers); i++) {
		ret = cdev_session(devfd, ciphers[i], key, 8, 0, NULL, 0, &ses);
		if (ret != -EINVAL) {
			tap_diag("cipher id %u: %s, want EINVAL", ciphers[i],
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
	}
	for (i = 0; i < ARRAY_SIZE(macs); i++) {
		ret = cdev_session(devfd, 0, NULL, 0, macs[i], key, 16, &ses);
		if (ret != -EINVAL) {
			tap_diag("mac id %u: %s, want EINVAL", macs[i],
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
	}
	tap_ok(ok, "ids without a kernel algorithm give EINVAL");
}

/*
 * XTS steals ciphertext: any length from one block on (vectors 15-18
 * above), but not less than a block; CBC still wants whole blocks.
 */
static void test_partial_blocks(void)
{
	static const unsigned int short_lens[] = { 0, 1, 8, 15 };
	uint8_t key[32] = { 1 }, iv[16] = { 0 }, buf[64] = { 0 };
	unsigned int i;
	bool ok = true;
	__u32 ses;
	int ret;

	ret = cdev_session(devfd, CRYPTO_AES_XTS, key, 32, 0, NULL, 0, &ses);
	for (i = 0; !ret && i < ARRAY_SIZE(short_lens); i++) {
		int err = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, buf, buf,
				     short_lens[i], iv, NULL);

		if (err != -EINVAL) {
			tap_diag("XTS, %u bytes: %s, want EINVAL", short_lens[i],
				 err ? strerror(-err) : "success");
			ok = false;
		}
	}
	if (!ret) {
		cdev_fsession(devfd, ses);
		ret = cdev_session(devfd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	}
	if (ret) {
		tap_diag("CIOCGSESSION: %s", strerror(-ret));
		ok = false;
	} else {
		ret = cdev_crypt(devfd, ses, COP_ENCRYPT, 0, buf, buf, 17, iv, NULL);
		if (ret != -EINVAL) {
			tap_diag("CBC, 17 bytes: %s, want EINVAL",
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
		cdev_fsession(devfd, ses);
	}
	tap_ok(ok, "XTS below one block and CBC past whole blocks give EINVAL");
}

int main(void)
{
	unsigned int i;

	devfd = cdev_open();
	if (devfd < 0)
		tap_skip_all("cannot open " CDEV_PATH ": %s", strerror(errno));

	tap_plan(ARRAY_SIZE(cipher_kats) + ARRAY_SIZE(hash_kats) +
		 ARRAY_SIZE(aead_kats) + ARRAY_SIZE(tls_kats) + 2);
	tap_diag("%zu-bit program", sizeof(void *) * 8);
	for (i = 0; i < ARRAY_SIZE(cipher_kats); i++)
		test_cipher(&cipher_kats[i]);
	for (i = 0; i < ARRAY_SIZE(hash_kats); i++)
		test_hash(&hash_kats[i]);
	for (i = 0; i < ARRAY_SIZE(aead_kats); i++)
		test_aead(&aead_kats[i]);
	for (i = 0; i < ARRAY_SIZE(tls_kats); i++)
		test_tls(&tls_kats[i]);
	test_unservable();
	test_partial_blocks();

	if (nr_missing) {
		char list[1024] = "";

		for (i = 0; i < nr_missing; i++) {
			strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
			strncat(list, missing[i], sizeof(list) - strlen(list) - 1);
		}
		tap_diag("not in this kernel: %s", list);
	}
	close(devfd);
	return tap_finish();
}
