// SPDX-License-Identifier: GPL-2.0
/*
 * hash: hashes and MACs through CIOCCRYPT on a MAC-only session (MD5,
 * SHA-1, SHA-2, SHA-3, BLAKE2b, SM3, RIPEMD-160, their HMACs, AES-CMAC and
 * AES-XCBC-MAC), known answers first and bad input after:
 *
 *  - every hash and MAC id the module may serve, on its published vectors
 *    (kat.h);
 *  - CIOCCRYPT on hash and HMAC sessions, and CIOCCPHASH, with one thing
 *    wrong (badinput.h).
 *
 * Against OpenSSL: hash_xcheck (one shot, multi-part state,
 * CIOCCPHASH).  Built twice: hash (x86-64) and hash_32 (the compat path).
 */
#include <string.h>
#include <unistd.h>

#include "badinput.h"
#include "kat.h"

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

static const struct ecase bad_cases[] = {
	/* CIOCCRYPT on hash sessions */
	{ "SHA-1", SC_HASH, 0, 0, { } },
	{ "HMAC-SHA1", SC_HMAC, 0, 0, { } },
	{ "SHA-1 of nothing, src NULL", SC_HASH, 0, 0,
	  { SET(COP, len, 0), PTR(COP, src, P_NULL) } },
	{ "mac NULL", SC_HASH, EFAULT, 0, { PTR(COP, mac, P_NULL) } },
	{ "mac in read-only memory", SC_HASH, EFAULT, 0,
	  { PTR(COP, mac, P_RDONLY) } },
	{ "mac unmapped", SC_HASH, EFAULT, 0, { PTR(COP, mac, P_LOW) } },
	{ "mac at a kernel address", SC_HASH, EFAULT, 0,
	  { PTR(COP, mac, P_KERNEL) } },
	{ "mac runs into an inaccessible page", SC_HASH, EFAULT, C_MAYWRITE,
	  { PTR(COP, mac, P_EDGE) } },
	{ "mac misaligned", SC_HMAC, 0, 0, { SHIFT(R_MAC, 1) } },
	{ "src across a page boundary", SC_HMAC, 0, 0,
	  { SHIFT(R_SRC, SHIFT_CROSS) } },
	{ "src unmapped", SC_HASH, EFAULT, 0, { PTR(COP, src, P_LOW) } },
	{ "len max_request + 1", SC_HASH, E2BIG, 0, { SETMAX(COP, len, 1) } },
	{ "dst unused by a hash session", SC_HASH, 0, 0,
	  { PTR(COP, dst, P_NONE) } },
	{ "op 2 on a hash", SC_HASH, EINVAL, 0, { SET(COP, op, 2) } },
	{ "unknown flag on a hash", SC_HASH, EINVAL, 0,
	  { SET(COP, flags, 1 << 8) } },
	{ "AEAD_TLS_TYPE on a hash", SC_HASH, EINVAL, 0,
	  { SET(COP, flags, COP_FLAG_AEAD_TLS_TYPE) } },

	/* CIOCCPHASH */
	{ "SHA-1 to SHA-1", SC_CPHASH, 0, 0, { } },
	{ "source == destination", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, src_ses, S_SHA1_B) } },
	{ "unknown source", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, src_ses, S_UNKNOWN) } },
	{ "unknown destination", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, dst_ses, S_UNKNOWN) } },
	{ "cipher session as source", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, src_ses, S_CBC) } },
	{ "cipher session as destination", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, dst_ses, S_CBC) } },
	{ "SHA-1 to SHA-256 (other driver)", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, dst_ses, S_SHA256) } },
	{ "HMAC-SHA1 to SHA-1", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, src_ses, S_HMAC) } },
	{ "cipher + MAC session", SC_CPHASH, EINVAL, 0,
	  { SES(CPH, src_ses, S_CBC_HMAC) } },
	{ "argument NULL", SC_CPHASH, EFAULT, 0, { ARG(P_NULL) } },
};

int main(void)
{
	unsigned int i;

	kat_open();
	tap_plan(ARRAY_SIZE(hash_kats) + ARRAY_SIZE(bad_cases));
	for (i = 0; i < ARRAY_SIZE(hash_kats); i++)
		kat_hash(&hash_kats[i]);
	kat_summary();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	close(kat_fd);
	return tap_finish();
}
