// SPDX-License-Identifier: GPL-2.0
/*
 * aead: AEAD sessions through CIOCAUTHCRYPT (AES-GCM, AES-CCM,
 * ChaCha20-Poly1305, SM4-GCM, SM4-CCM), known answers first and bad input
 * after:
 *
 *  - the published vectors: encrypt, decrypt, and a flipped tag bit gives
 *    EBADMSG (kat.h);
 *  - CIOCAUTHCRYPT on an AEAD session with one thing wrong (badinput.h).
 *
 * Against OpenSSL: xcheck_aead.c (every tag length, tampering).  Built
 * twice: aead (x86-64) and aead_32 (the compat path).
 */
#include <string.h>
#include <unistd.h>

#include "badinput.h"
#include "kat.h"

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

static const struct ecase bad_cases[] = {
	/* CIOCAUTHCRYPT on an AEAD session */
	{ "encrypt", SC_AEAD_ENC, 0, 0, { } },
	{ "decrypt", SC_AEAD_DEC, 0, 0, { } },
	{ "unknown session", SC_AEAD_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_UNKNOWN) } },
	{ "op 2", SC_AEAD_ENC, EINVAL, 0, { SET(CAOP, op, 2) } },
	{ "unknown flag 1 << 8", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, 1 << 8) } },
	{ "TLS_SETLEN on an AEAD session", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_TLS_SETLEN) } },
	{ "flag UPDATE", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_UPDATE) } },
	{ "flag RESET", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_RESET) } },
	{ "TLS and SRTP together", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_AEAD_TLS_TYPE |
			     COP_FLAG_AEAD_SRTP_TYPE) } },
	{ "TLS flag on GCM", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_AEAD_TLS_TYPE) } },
	{ "SRTP flag on GCM", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_AEAD_SRTP_TYPE) } },
	{ "len max_request + 1", SC_AEAD_ENC, E2BIG, 0,
	  { SETMAX(CAOP, len, 1) } },
	{ "len 0xffffffff", SC_AEAD_DEC, E2BIG, 0,
	  { SET(CAOP, len, 0xffffffff) } },
	{ "auth_len 65537", SC_AEAD_ENC, E2BIG, 0,
	  { SET(CAOP, auth_len, 65537) } },
	{ "auth_len 0xffffffff", SC_AEAD_ENC, E2BIG, 0,
	  { SET(CAOP, auth_len, 0xffffffff) } },
	{ "tag_len 17", SC_AEAD_ENC, EINVAL, 0, { SET(CAOP, tag_len, 17) } },
	{ "tag_len 5 (unsupported by GCM)", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, tag_len, 5) } },
	{ "tag_len 0xffffffff", SC_AEAD_ENC, EINVAL, 0,
	  { SET(CAOP, tag_len, 0xffffffff) } },
	{ "tag_len 12", SC_AEAD_ENC, 0, 0, { SET(CAOP, tag_len, 12) } },
	{ "decrypt len 15 < tag_len", SC_AEAD_DEC, EINVAL, 0,
	  { SET(CAOP, len, 15) } },
	{ "decrypt with a bad tag", SC_AEAD_DEC, EBADMSG, 0,
	  { FLIP(R_SRC, 75) } },
	{ "decrypt with a bad ciphertext", SC_AEAD_DEC, EBADMSG, 0,
	  { FLIP(R_SRC, 0) } },
	{ "decrypt with bad AAD", SC_AEAD_DEC, EBADMSG, 0,
	  { FLIP(R_AAD, 19) } },
	{ "decrypt with a truncated tag", SC_AEAD_DEC, EBADMSG, 0,
	  { SET(CAOP, tag_len, 12) } },
	{ "iv_len 11", SC_AEAD_ENC, EINVAL, 0, { SET(CAOP, iv_len, 11) } },
	{ "iv_len 0 (the algorithm's)", SC_AEAD_ENC, 0, 0,
	  { SET(CAOP, iv_len, 0) } },
	{ "iv_len 16", SC_AEAD_ENC, 0, 0, { SET(CAOP, iv_len, 16) } },
	{ "iv NULL (the session's IV)", SC_AEAD_ENC, 0, C_NOVERIFY,
	  { PTR(CAOP, iv, P_NULL) } },
	{ "iv unmapped", SC_AEAD_ENC, EFAULT, 0, { PTR(CAOP, iv, P_LOW) } },
	{ "auth_src unmapped", SC_AEAD_ENC, EFAULT, 0,
	  { PTR(CAOP, auth_src, P_LOW) } },
	{ "auth_src NULL", SC_AEAD_ENC, EFAULT, 0,
	  { PTR(CAOP, auth_src, P_NULL) } },
	{ "src unmapped", SC_AEAD_ENC, EFAULT, 0, { PTR(CAOP, src, P_LOW) } },
	{ "src at a kernel address", SC_AEAD_DEC, EFAULT, 0,
	  { PTR(CAOP, src, P_KERNEL) } },
	{ "dst in read-only memory", SC_AEAD_ENC, EFAULT, 0,
	  { PTR(CAOP, dst, P_RDONLY) } },
	{ "dst NULL", SC_AEAD_DEC, EFAULT, 0, { PTR(CAOP, dst, P_NULL) } },
	{ "dst runs into an inaccessible page", SC_AEAD_ENC, EFAULT,
	  C_MAYWRITE, { PTR(CAOP, dst, P_EDGE) } },
	{ "tag pointer unused by AEAD", SC_AEAD_ENC, 0, 0,
	  { PTR(CAOP, tag, P_NONE) } },
	{ "src, dst, AAD, iv misaligned", SC_AEAD_ENC, 0, 0,
	  { SHIFT(R_SRC, 1), SHIFT(R_DST, 3), SHIFT(R_AAD, 5),
	    SHIFT(R_IV, SHIFT_CROSS) } },
	{ "decrypt in place", SC_AEAD_DEC, 0, 0, { ALIAS(R_DST, R_SRC) } },
	{ "argument in read-only memory", SC_AEAD_ENC, EFAULT, C_MAYWRITE,
	  { ARG(P_RDONLY) } },
	{ "cipher-only session", SC_AEAD_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_CBC) } },
	{ "hash-only session", SC_AEAD_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_SHA1) } },
	{ "cipher + MAC session without a mode", SC_AEAD_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_CBC_HMAC) } },
};

int main(void)
{
	unsigned int i;

	kat_open();
	tap_plan(ARRAY_SIZE(aead_kats) + ARRAY_SIZE(bad_cases));
	for (i = 0; i < ARRAY_SIZE(aead_kats); i++)
		kat_aead(&aead_kats[i]);
	kat_summary();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	close(kat_fd);
	return tap_finish();
}
