// SPDX-License-Identifier: GPL-2.0
/*
 * cipher: the ciphers through CIOCCRYPT (CBC, CTR, ECB, XTS, CTS, CFB,
 * OFB, ChaCha20, the legacy DES/3DES/Blowfish/CAST/Camellia/SM4 ids and
 * ARC4), known answers first and bad input after:
 *
 *  - every cipher id of <crypto/cryptodev.h> the module may serve, on its
 *    published vectors (kat.h: encrypt out of place, decrypt in place);
 *  - XTS below one block and CBC past whole blocks give EINVAL;
 *  - CIOCCRYPT on a cipher session and on a cipher + MAC session with
 *    one thing wrong (badinput.h: errno, untouched outputs, alignment).
 *
 * Against OpenSSL: cipher_xcheck (random lengths, every cipher; XTS at
 * every length).
 * Built twice: cipher (x86-64) and cipher_32 (the compat path).
 */
#include <string.h>
#include <unistd.h>

#include "badinput.h"
#include "kat.h"

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

	ret = cdev_session(kat_fd, CRYPTO_AES_XTS, key, 32, 0, NULL, 0, &ses);
	for (i = 0; !ret && i < ARRAY_SIZE(short_lens); i++) {
		int err = cdev_crypt(kat_fd, ses, COP_ENCRYPT, 0, buf, buf,
				     short_lens[i], iv, NULL);

		if (err != -EINVAL) {
			tap_diag("XTS, %u bytes: %s, want EINVAL", short_lens[i],
				 err ? strerror(-err) : "success");
			ok = false;
		}
	}
	if (!ret) {
		cdev_fsession(kat_fd, ses);
		ret = cdev_session(kat_fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	}
	if (ret) {
		tap_diag("CIOCGSESSION: %s", strerror(-ret));
		ok = false;
	} else {
		ret = cdev_crypt(kat_fd, ses, COP_ENCRYPT, 0, buf, buf, 17, iv, NULL);
		if (ret != -EINVAL) {
			tap_diag("CBC, 17 bytes: %s, want EINVAL",
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
		cdev_fsession(kat_fd, ses);
	}
	tap_ok(ok, "XTS below one block and CBC past whole blocks give EINVAL");
}

static const struct ecase bad_cases[] = {
	/* CIOCCRYPT on a cipher session */
	{ "encrypt", SC_CRYPT, 0, 0, { } },
	{ "decrypt", SC_CRYPT_DEC, 0, 0, { } },
	{ "unknown session", SC_CRYPT, EINVAL, 0, { SES(COP, ses, S_UNKNOWN) } },
	{ "session 0", SC_CRYPT, EINVAL, 0, { SES(COP, ses, S_ZERO) } },
	{ "freed session", SC_CRYPT, EINVAL, 0, { SES(COP, ses, S_FREED) } },
	{ "op 2", SC_CRYPT, EINVAL, 0, { SET(COP, op, 2) } },
	{ "op 0xffff", SC_CRYPT, EINVAL, 0, { SET(COP, op, 0xffff) } },
	{ "unknown flag 1 << 7", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, 1 << 7) } },
	{ "unknown flag 1 << 15", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, 1 << 15) } },
	{ "flag AEAD_TLS_TYPE", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_AEAD_TLS_TYPE) } },
	{ "flag AEAD_SRTP_TYPE", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_AEAD_SRTP_TYPE) } },
	{ "UPDATE on a cipher", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_UPDATE) } },
	{ "FINAL on a cipher", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_FINAL) } },
	{ "RESET on a cipher", SC_CRYPT, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_RESET) } },
	{ "AEAD session", SC_CRYPT, EINVAL, 0, { SES(COP, ses, S_GCM) } },
	{ "TLS composite session", SC_CRYPT, EINVAL, 0,
	  { SES(COP, ses, S_TLS) } },
	{ "len 0", SC_CRYPT, EINVAL, 0, { SET(COP, len, 0) } },
	{ "len 15", SC_CRYPT, EINVAL, 0, { SET(COP, len, 15) } },
	{ "len 17", SC_CRYPT, EINVAL, 0, { SET(COP, len, 17) } },
	{ "len max_request + 16", SC_CRYPT, E2BIG, 0,
	  { SETMAX(COP, len, 16) } },
	{ "len 0xfffffff0", SC_CRYPT, E2BIG, 0, { SET(COP, len, 0xfffffff0) } },
	{ "len 0xffffffff", SC_CRYPT, E2BIG, 0, { SET(COP, len, 0xffffffff) } },
	{ "src NULL", SC_CRYPT, EFAULT, 0, { PTR(COP, src, P_NULL) } },
	{ "src unmapped", SC_CRYPT, EFAULT, 0, { PTR(COP, src, P_LOW) } },
	{ "src at a kernel address", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, src, P_KERNEL) } },
	{ "src in a PROT_NONE page", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, src, P_NONE) } },
	{ "src runs into an inaccessible page", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, src, P_EDGE) } },
	{ "len beyond the end of src", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, src, P_EDGEPAGE), SET(COP, len, 1 << 16) } },
	{ "dst NULL", SC_CRYPT, EFAULT, 0, { PTR(COP, dst, P_NULL) } },
	{ "dst in read-only memory", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, dst, P_RDONLY) } },
	{ "dst at a kernel address", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, dst, P_KERNEL) } },
	{ "dst in a PROT_NONE page", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, dst, P_NONE) } },
	{ "dst runs into an inaccessible page", SC_CRYPT, EFAULT, C_MAYWRITE,
	  { PTR(COP, dst, P_EDGE) } },
	{ "iv unmapped", SC_CRYPT, EFAULT, 0, { PTR(COP, iv, P_LOW) } },
	{ "iv at a kernel address", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, iv, P_KERNEL) } },
	{ "iv runs into an inaccessible page", SC_CRYPT, EFAULT, 0,
	  { PTR(COP, iv, P_EDGE) } },
	{ "WRITE_IV into read-only memory", SC_CRYPT, EFAULT, C_MAYWRITE,
	  { PTR(COP, iv, P_RDONLY), SET(COP, flags, COP_FLAG_WRITE_IV) } },
	{ "iv in read-only memory", SC_CRYPT, 0, C_NOVERIFY,
	  { PTR(COP, iv, P_RDONLY) } },
	{ "iv NULL (the session's IV)", SC_CRYPT, 0, C_NOVERIFY,
	  { PTR(COP, iv, P_NULL) } },
	{ "WRITE_IV", SC_CRYPT, 0, 0, { SET(COP, flags, COP_FLAG_WRITE_IV) } },
	{ "NO_ZC", SC_CRYPT, 0, 0, { SET(COP, flags, COP_FLAG_NO_ZC) } },
	{ "src misaligned", SC_CRYPT, 0, 0, { SHIFT(R_SRC, 1) } },
	{ "dst misaligned", SC_CRYPT, 0, 0, { SHIFT(R_DST, 1) } },
	{ "iv misaligned", SC_CRYPT, 0, 0, { SHIFT(R_IV, 7) } },
	{ "src, dst, iv misaligned differently", SC_CRYPT, 0, 0,
	  { SHIFT(R_SRC, 3), SHIFT(R_DST, 5), SHIFT(R_IV, 1),
	    SET(COP, flags, COP_FLAG_WRITE_IV) } },
	{ "src and dst across page boundaries", SC_CRYPT, 0, 0,
	  { SHIFT(R_SRC, SHIFT_CROSS), SHIFT(R_DST, SHIFT_CROSS),
	    SHIFT(R_IV, SHIFT_CROSS) } },
	{ "in place", SC_CRYPT, 0, 0, { ALIAS(R_DST, R_SRC) } },
	{ "in place, misaligned", SC_CRYPT, 0, 0,
	  { SHIFT(R_SRC, 9), ALIAS(R_DST, R_SRC) } },
	{ "mac unused by a cipher session", SC_CRYPT, 0, 0,
	  { PTR(COP, mac, P_NONE) } },

	/* CIOCCRYPT on a cipher + MAC session */
	{ "AES-CBC + HMAC-SHA1", SC_CRYPT_MAC, 0, 0, { } },
	{ "mac in read-only memory", SC_CRYPT_MAC, EFAULT, C_MAYWRITE,
	  { PTR(COP, mac, P_RDONLY) } },
	{ "mac NULL", SC_CRYPT_MAC, EFAULT, C_MAYWRITE,
	  { PTR(COP, mac, P_NULL) } },
	{ "UPDATE on cipher + MAC", SC_CRYPT_MAC, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_UPDATE) } },
};

int main(void)
{
	unsigned int i;

	kat_open();
	tap_plan(ARRAY_SIZE(cipher_kats) + 1 + ARRAY_SIZE(bad_cases));
	for (i = 0; i < ARRAY_SIZE(cipher_kats); i++)
		kat_cipher(&cipher_kats[i]);
	test_partial_blocks();
	kat_summary();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	close(kat_fd);
	return tap_finish();
}
