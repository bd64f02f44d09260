// SPDX-License-Identifier: GPL-2.0
/*
 * freebsd: the FreeBSD ioctl set, from a program written as for FreeBSD.
 *
 * Built with -DOCF_FREEBSD_API, so <crypto/cryptodev.h> gives FreeBSD's
 * names, numbers and structures (include/uapi/crypto/cryptodev_freebsd.h).
 * Also built as a 32-bit program (freebsd_32) for the compat path.
 *
 * Known answers from NIST SP 800-38A, IEEE 1619 (vectors 15-18: ciphertext
 * stealing), FIPS 180, RFC 4231, RFC 7693, the GCM specification's test
 * cases, RFC 3610 and RFC 8439.  cipher_xcheck (xcheck_xts.c) compares
 * FreeBSD's AES-XTS calls with OpenSSL at every length from 16 to 4096
 * bytes.  The encrypt-then-MAC result is checked against the module's own
 * cipher and HMAC sessions, which the vectors above check.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "procdrv.h"
#include "tap.h"

#ifndef _UAPI_CRYPTO_CRYPTODEV_FREEBSD_H
#error "built without -DOCF_FREEBSD_API"
#endif

/* The command values of FreeBSD's header, for both ABIs. */
#define LP64 (sizeof(void *) == 8)
_Static_assert(CRIOGET == 0xc0046364, "CRIOGET");
_Static_assert(CIOCGSESSION == (LP64 ? 0xc0306365 : 0xc01c6365), "CIOCGSESSION");
_Static_assert(CIOCFSESSION == 0x40046366, "CIOCFSESSION");
_Static_assert(CIOCCRYPT == (LP64 ? 0xc0306367 : 0xc01c6367), "CIOCCRYPT");
_Static_assert(CIOCKEY == (LP64 ? 0xc0906368 : 0xc0506368), "CIOCKEY");
_Static_assert(CIOCASYMFEAT == 0x80046369, "CIOCASYMFEAT");
_Static_assert(CIOCGSESSION2 == (LP64 ? 0xc040636a : 0xc030636a), "CIOCGSESSION2");
_Static_assert(CIOCKEY2 == (LP64 ? 0xc090636b : 0xc050636b), "CIOCKEY2");
_Static_assert(CIOCFINDDEV == 0xc024636c, "CIOCFINDDEV");
_Static_assert(CIOCCRYPTAEAD == (LP64 ? 0xc040636d : 0xc028636d), "CIOCCRYPTAEAD");
_Static_assert(COP_ENCRYPT == 1 && COP_DECRYPT == 2, "COP_*");

/*
 * The sizes and limits of FreeBSD's <crypto/cryptodev.h> (sys/opencrypto),
 * which FreeBSD programs use to size their buffers: this file does not
 * build if one is missing or differs.
 */
#define BSD_CONSTANTS(X)						\
	X(NULL_HASH_LEN, 16) X(SHA1_HASH_LEN, 20) X(RIPEMD160_HASH_LEN, 20)	\
	X(SHA2_224_HASH_LEN, 28) X(SHA2_256_HASH_LEN, 32)			\
	X(SHA2_384_HASH_LEN, 48) X(SHA2_512_HASH_LEN, 64)			\
	X(AES_GMAC_HASH_LEN, 16) X(POLY1305_HASH_LEN, 16)			\
	X(AES_CBC_MAC_HASH_LEN, 16) X(HASH_MAX_LEN, 64)			\
	X(AALG_MAX_RESULT_LEN, 64)						\
	X(SHA1_BLOCK_LEN, 64) X(RIPEMD160_BLOCK_LEN, 64)			\
	X(SHA2_224_BLOCK_LEN, 64) X(SHA2_256_BLOCK_LEN, 64)			\
	X(SHA2_384_BLOCK_LEN, 128) X(SHA2_512_BLOCK_LEN, 128)			\
	X(POLY1305_BLOCK_LEN, 16) X(NULL_HMAC_BLOCK_LEN, 64)			\
	X(HMAC_MAX_BLOCK_LEN, 128) X(HMAC_IPAD_VAL, 0x36) X(HMAC_OPAD_VAL, 0x5c) \
	X(AES_128_GMAC_KEY_LEN, 16) X(AES_192_GMAC_KEY_LEN, 24)		\
	X(AES_256_GMAC_KEY_LEN, 32) X(AES_128_CBC_MAC_KEY_LEN, 16)		\
	X(AES_192_CBC_MAC_KEY_LEN, 24) X(AES_256_CBC_MAC_KEY_LEN, 32)	\
	X(POLY1305_KEY_LEN, 32)						\
	X(NULL_BLOCK_LEN, 4) X(RIJNDAEL128_BLOCK_LEN, 16) X(AES_BLOCK_LEN, 16)	\
	X(AES_ICM_BLOCK_LEN, 1) X(CAMELLIA_BLOCK_LEN, 16)			\
	X(CHACHA20_NATIVE_BLOCK_LEN, 64) X(EALG_MAX_BLOCK_LEN, 64)		\
	X(AES_GCM_IV_LEN, 12) X(AES_CCM_IV_LEN, 12) X(AES_XTS_IV_LEN, 8)	\
	X(AES_XTS_ALPHA, 0x87) X(CHACHA20_POLY1305_IV_LEN, 12)		\
	X(XCHACHA20_POLY1305_IV_LEN, 24)					\
	X(NULL_MIN_KEY, 0) X(NULL_MAX_KEY, 256) X(RIJNDAEL_MIN_KEY, 16)	\
	X(RIJNDAEL_MAX_KEY, 32) X(AES_MIN_KEY, 16) X(AES_MAX_KEY, 32)		\
	X(AES_XTS_MIN_KEY, 32) X(AES_XTS_MAX_KEY, 64) X(CAMELLIA_MIN_KEY, 16) \
	X(CAMELLIA_MAX_KEY, 32) X(CHACHA20_POLY1305_KEY, 32)			\
	X(XCHACHA20_POLY1305_KEY, 32) X(CRYPTO_DRIVERS_INITIAL, 4)		\
	X(CRYPTO_ALGORITHM_MIN, 1) X(CRYPTO_ALGORITHM_MAX, 42)		\
	X(CRYPTO_XCHACHA20_POLY1305, 42)					\
	X(CRYPTO_FLAG_HARDWARE, 0x01000000) X(CRYPTO_FLAG_SOFTWARE, 0x02000000)
#define BSD_CONSTANT(name, v)	_Static_assert((name) == (v), #name);
BSD_CONSTANTS(BSD_CONSTANT)
_Static_assert(CRYPTO_ALGO_VALID(CRYPTO_AES_XTS) && CRYPTO_ALGO_VALID(42) &&
	       !CRYPTO_ALGO_VALID(0) && !CRYPTO_ALGO_VALID(43) &&
	       !CRYPTO_ALGO_VALID(-1), "CRYPTO_ALGO_VALID");
_Static_assert(sizeof(struct cryptostats) == 64, "struct cryptostats");

#define MAXB 512

static int fd;

static size_t hex(uint8_t *out, const char *h)
{
	size_t n = 0;
	unsigned int b;

	while (*h) {
		if (*h == ' ') {
			h++;
			continue;
		}
		if (sscanf(h, "%2x", &b) != 1)
			break;
		out[n++] = b;
		h += 2;
	}
	return n;
}

/* CIOCGSESSION2; returns 0 or the errno. */
static int session(uint32_t cipher, const void *key, int keylen, uint32_t mac,
		   const void *mackey, int mackeylen, int ivlen, int maclen,
		   int *crid, uint32_t *ses)
{
	struct session2_op s = {
		.cipher = cipher, .mac = mac,
		.keylen = keylen, .key = key,
		.mackeylen = mackeylen, .mackey = mackey,
		.crid = crid ? *crid : CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE,
		.ivlen = ivlen, .maclen = maclen,
	};

	if (ioctl(fd, CIOCGSESSION2, &s))
		return errno;
	*ses = s.ses;
	if (crid)
		*crid = s.crid;
	return 0;
}

static void end_session(uint32_t ses)
{
	ioctl(fd, CIOCFSESSION, &ses);
}

static int crypt_op(uint32_t ses, int op, int flags, const void *src, void *dst,
		    unsigned int len, void *mac, const void *iv)
{
	struct crypt_op c = {
		.ses = ses, .op = op, .flags = flags, .len = len,
		.src = src, .dst = dst, .mac = mac, .iv = iv,
	};

	return ioctl(fd, CIOCCRYPT, &c) ? errno : 0;
}

static int aead_op(uint32_t ses, int op, const void *src, void *dst,
		   unsigned int len, const void *aad, unsigned int aadlen,
		   void *tag, const void *iv, unsigned int ivlen)
{
	struct crypt_aead a = {
		.ses = ses, .op = op, .len = len, .aadlen = aadlen,
		.ivlen = ivlen, .src = src, .dst = dst, .aad = aad,
		.tag = tag, .iv = iv,
	};

	return ioctl(fd, CIOCCRYPTAEAD, &a) ? errno : 0;
}

/* A session the kernel cannot build (ENOENT) skips; anything else fails. */
static bool got_session(int err, const char *name)
{
	if (err == ENOENT) {
		tap_skip("not in this kernel", "%s", name);
		return false;
	}
	if (err) {
		tap_fail("%s: CIOCGSESSION2: %s", name, strerror(err));
		return false;
	}
	return true;
}

static const char aes_key[] = "2b7e151628aed2a6abf7158809cf4f3c";
static const char cbc_iv[] = "000102030405060708090a0b0c0d0e0f";
static const char cbc_pt[] = "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51";
static const char cbc_ct[] = "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2";

static void test_cbc(void)
{
	uint8_t key[16], iv[16], pt[32], ct[32], buf[48], in[48], out[48];
	uint32_t ses = 0;
	int err;

	hex(key, aes_key);
	hex(iv, cbc_iv);
	hex(pt, cbc_pt);
	hex(ct, cbc_ct);
	if (!got_session(session(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, 0, 0, NULL,
				 &ses), "AES-CBC"))
		return;

	err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv);
	tap_ok(!err && !memcmp(buf, ct, 32), "AES-128-CBC encrypt, IV apart (SP 800-38A F.2.1)");
	err = crypt_op(ses, COP_DECRYPT, 0, buf, buf, 32, NULL, iv);
	tap_ok(!err && !memcmp(buf, pt, 32), "AES-128-CBC decrypt in place");

	/* No IV pointer: the IV leads the data, the output keeps its place. */
	memcpy(in, iv, 16);
	memcpy(in + 16, pt, 32);
	memset(out, 0xa5, sizeof(out));
	err = crypt_op(ses, COP_ENCRYPT, 0, in, out, 48, NULL, NULL);
	tap_ok(!err && !memcmp(out + 16, ct, 32) && out[0] == 0xa5 && out[15] == 0xa5,
	       "AES-128-CBC with the IV in front of the data: output after it, IV bytes untouched");
	memcpy(in + 16, ct, 32);
	err = crypt_op(ses, COP_DECRYPT, 0, in, in, 48, NULL, NULL);
	tap_ok(!err && !memcmp(in + 16, pt, 32), "AES-128-CBC decrypt, IV in front");

	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, in, out, 16, NULL, NULL) == EINVAL,
	       "IV in front and no data: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, out, 8, NULL, NULL) == EINVAL,
	       "shorter than the IV: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, out, 20, NULL, iv) == EINVAL,
	       "not a multiple of the block size: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, out, 0, NULL, iv) == EINVAL,
	       "no data: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, out, 16, buf, iv) == EINVAL,
	       "a MAC pointer on a cipher session: EINVAL");
	tap_ok(crypt_op(ses, 0, 0, pt, out, 16, NULL, iv) == EINVAL &&
	       crypt_op(ses, 3, 0, pt, out, 16, NULL, iv) == EINVAL,
	       "op 0 or 3 on a cipher session: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0x100, pt, out, 16, NULL, iv) == EINVAL,
	       "an unknown flag: EINVAL");
	tap_ok(crypt_op(ses, COP_ENCRYPT, COP_F_BATCH, pt, out, 16, NULL, iv) == 0,
	       "COP_F_BATCH is accepted");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, (void *)16, out, 16, NULL, iv) == EFAULT,
	       "unmapped source: EFAULT");
	tap_ok(aead_op(ses, COP_ENCRYPT, pt, out, 16, NULL, 0, buf, iv, 16) == EINVAL,
	       "CIOCCRYPTAEAD on a cipher-only session: EINVAL");
	end_session(ses);
}

static void test_ctr_xts(void)
{
	uint8_t key[64], iv[16], pt[32], ct[32], buf[32];
	uint32_t ses = 0;
	int err;

	hex(key, aes_key);
	hex(iv, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
	hex(pt, "6bc1bee22e409f96e93d7e117393172a");
	hex(ct, "874d6191b620e3261bef6864990db6ce");
	if (got_session(session(CRYPTO_AES_ICM, key, 16, 0, NULL, 0, 0, 0, NULL, &ses),
			"AES-ICM")) {
		err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 16, NULL, iv);
		tap_ok(!err && !memcmp(buf, ct, 16), "AES-ICM (CTR) encrypt (SP 800-38A F.5.1)");
		err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 5, NULL, iv);
		tap_ok(!err && !memcmp(buf, ct, 5), "AES-ICM: any length");
		end_session(ses);
	}

	/* IEEE 1619 vector 2: data unit 0x3333333333, an 8-byte block number. */
	memset(key, 0x11, 16);
	memset(key + 16, 0x22, 16);
	memset(pt, 0x44, 32);
	hex(ct, "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0");
	hex(iv, "3333333333000000");
	if (got_session(session(CRYPTO_AES_XTS, key, 32, 0, NULL, 0, 0, 0, NULL, &ses),
			"AES-XTS")) {
		err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv);
		tap_ok(!err && !memcmp(buf, ct, 32),
		       "AES-XTS encrypt with FreeBSD's 8-byte block number (IEEE 1619 #2)");
		err = crypt_op(ses, COP_DECRYPT, 0, buf, buf, 32, NULL, iv);
		tap_ok(!err && !memcmp(buf, pt, 32), "AES-XTS decrypt");
		end_session(ses);
	}
	tap_ok(session(CRYPTO_AES_XTS, key, 32, 0, NULL, 0, 16, 0, NULL, &ses) == EINVAL,
	       "AES-XTS with ivlen 16: EINVAL");
}

/* IEEE 1619 vectors 15-18: 17 to 20 bytes, data unit 0x123456789a. */
static const char *const xts_steal_ct[] = {
	"6c1625db4671522d3d7599601de7ca09ed",
	"d069444b7a7e0cab09e24447d24deb1fedbf",
	"e5df1351c0544ba1350b3363cd8ef4beedbf9d",
	"9d84c813f719aa2c7be3f66171c7c5c2edbf9dac",
};

/*
 * AES-XTS steals ciphertext: any length from one block on, through
 * CIOCCRYPT (IV apart or in front of the data) and encrypt-then-MAC.
 */
static void test_xts_partial(void)
{
	uint8_t key[32], iv[8], pt[20], ct[20], buf[64], in[64], mkey[32];
	uint8_t aad[13], t[32], exp[32];
	uint32_t ses = 0, hses = 0;
	unsigned int i, n;
	bool ok;
	int err;

	hex(key, "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0");
	hex(iv, "9a78563412000000");
	for (i = 0; i < sizeof(pt); i++)
		pt[i] = i;
	if (!got_session(session(CRYPTO_AES_XTS, key, 32, 0, NULL, 0, 0, 0, NULL, &ses),
			 "AES-XTS"))
		return;
	for (i = 0; i < 4; i++) {
		n = hex(ct, xts_steal_ct[i]);
		memset(buf, 0, sizeof(buf));
		err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, n, NULL, iv);
		ok = !err && !memcmp(buf, ct, n);
		err = crypt_op(ses, COP_DECRYPT, 0, buf, buf, n, NULL, iv);
		tap_ok(ok && !err && !memcmp(buf, pt, n),
		       "AES-XTS %u bytes, and back (IEEE 1619 vector %u)", n, 15 + i);
	}
	/* The IV in front: 8 + 17 bytes; dst's first 8 bytes are not written. */
	n = hex(ct, xts_steal_ct[0]);
	memcpy(in, iv, 8);
	memcpy(in + 8, pt, n);
	memset(buf, 0x5a, sizeof(buf));
	err = crypt_op(ses, COP_ENCRYPT, 0, in, buf, 8 + n, NULL, NULL);
	tap_ok(!err && !memcmp(buf + 8, ct, n) && buf[0] == 0x5a && buf[7] == 0x5a,
	       "AES-XTS 17 bytes with the IV in front of the data");
	ok = true;
	for (n = 0; n < 16; n++) {
		if (crypt_op(ses, COP_ENCRYPT, 0, pt, buf, n, NULL, iv) != EINVAL)
			ok = false;
		memcpy(in + 8, pt, n);
		if (crypt_op(ses, COP_ENCRYPT, 0, in, buf, 8 + n, NULL, NULL) != EINVAL)
			ok = false;
	}
	tap_ok(ok, "AES-XTS below one block (0..15 bytes, IV apart or in front): EINVAL");
	end_session(ses);

	/* Encrypt-then-MAC: the HMAC of AAD || ciphertext, on its own session. */
	memset(mkey, 0x0b, sizeof(mkey));
	memset(aad, 0x17, sizeof(aad));
	n = hex(ct, xts_steal_ct[2]);
	if (!got_session(session(0, NULL, 0, CRYPTO_SHA2_256_HMAC, mkey, 32, 0, 0, NULL,
				 &hses), "HMAC-SHA2-256"))
		return;
	memcpy(in, aad, 13);
	memcpy(in + 13, ct, n);
	err = crypt_op(hses, 0, 0, in, NULL, 13 + n, exp, NULL);
	end_session(hses);
	if (!TAP_CHECK(!err, "HMAC of AAD || XTS ciphertext on its own session"))
		return;
	if (!got_session(session(CRYPTO_AES_XTS, key, 32, CRYPTO_SHA2_256_HMAC, mkey, 32,
				 0, 0, NULL, &ses), "AES-XTS + HMAC-SHA2-256"))
		return;
	err = aead_op(ses, COP_ENCRYPT, pt, buf, n, aad, 13, t, iv, 8);
	tap_ok(!err && !memcmp(buf, ct, n) && !memcmp(t, exp, 32),
	       "encrypt-then-MAC, AES-XTS 19 bytes (IEEE 1619 vector 17): ciphertext and HMAC");
	memset(buf, 0, sizeof(buf));
	err = aead_op(ses, COP_DECRYPT, ct, buf, n, aad, 13, exp, iv, 8);
	tap_ok(!err && !memcmp(buf, pt, n), "... decrypted after verification");
	err = crypt_op(ses, COP_ENCRYPT, COP_F_CIPHER_FIRST, pt, buf, n, t, iv);
	tap_ok(!err && !memcmp(buf, ct, n), "... and through CIOCCRYPT");
	tap_ok(aead_op(ses, COP_ENCRYPT, pt, buf, 15, aad, 13, t, iv, 8) == EINVAL,
	       "encrypt-then-MAC, AES-XTS 15 bytes: EINVAL");
	end_session(ses);
}

/*
 * BLAKE2b and BLAKE2s (RFC 7693 appendices A and B).  The crypto API has
 * had no "blake2s-256" since Linux 6.0 (only a library for the kernel's
 * own use remains): where the kernel lacks it the session is ENOENT.
 */
static void test_blake2(void)
{
	static const struct {
		const char *name, *kname, *md;
		uint32_t alg;
	} b2[] = {
		{ "BLAKE2b-512", "blake2b-512",
		  "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
		  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
		  CRYPTO_BLAKE2B },
		{ "BLAKE2s-256", "blake2s-256",
		  "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
		  CRYPTO_BLAKE2S },
	};
	uint8_t md[64], exp[64];
	uint32_t ses = 0;
	unsigned int i, n;
	int err;

	for (i = 0; i < 2; i++) {
		err = session(0, NULL, 0, b2[i].alg, NULL, 0, 0, 0, NULL, &ses);
		/* Asking may have loaded the module that provides it. */
		if (!procdrv_has(b2[i].kname)) {
			tap_ok(err == ENOENT, "%s: this kernel lacks %s: ENOENT (%s)",
			       b2[i].name, b2[i].kname, err ? strerror(err) : "success");
			if (!err)
				end_session(ses);
			continue;
		}
		if (err) {
			tap_fail("%s: CIOCGSESSION2: %s", b2[i].name, strerror(err));
			continue;
		}
		n = hex(exp, b2[i].md);
		memset(md, 0, sizeof(md));
		err = crypt_op(ses, 0, 0, "abc", NULL, 3, md, NULL);
		tap_ok(!err && !memcmp(md, exp, n), "%s of \"abc\" (RFC 7693)", b2[i].name);
		end_session(ses);
	}
}

static void test_digest(void)
{
	uint8_t key[16], md[64], buf[64], exp[64];
	const char *abc = "abc", *jefe = "what do ya want for nothing?";
	uint32_t ses = 0;
	int err;

	hex(exp, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	tap_ok(session(CRYPTO_SHA2_256, NULL, 0, 0, NULL, 0, 0, 0, NULL, &ses) == EINVAL,
	       "a hash as the cipher: EINVAL");

	if (got_session(session(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, 0, 0, NULL, &ses),
			"SHA2-256")) {
		memset(buf, 0, sizeof(buf));
		err = crypt_op(ses, 0, 0, abc, buf, 3, md, NULL);
		tap_ok(!err && !memcmp(md, exp, 32) && !memcmp(buf, "abc", 3),
		       "SHA2-256 of \"abc\", op 0; dst receives the data (FIPS 180)");
		memset(md, 0, sizeof(md));
		err = crypt_op(ses, COP_ENCRYPT, 0, abc, NULL, 3, md, NULL);
		tap_ok(!err && !memcmp(md, exp, 32), "SHA2-256 with op COP_ENCRYPT, no dst");
		hex(exp, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		err = crypt_op(ses, 0, 0, NULL, NULL, 0, md, NULL);
		tap_ok(!err && !memcmp(md, exp, 32), "SHA2-256 of nothing");
		tap_ok(crypt_op(ses, 3, 0, abc, NULL, 3, md, NULL) == EINVAL, "op 3: EINVAL");
		end_session(ses);
	}

	hex(exp, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	if (got_session(session(0, NULL, 0, CRYPTO_SHA2_256_HMAC, "Jefe", 4, 0, 0, NULL, &ses),
			"HMAC-SHA2-256")) {
		err = crypt_op(ses, 0, 0, jefe, NULL, strlen(jefe), md, NULL);
		tap_ok(!err && !memcmp(md, exp, 32), "HMAC-SHA2-256 (RFC 4231 case 2)");
		end_session(ses);
	}
	if (got_session(session(0, NULL, 0, CRYPTO_SHA2_256_HMAC, "Jefe", 4, 0, 16, NULL, &ses),
			"HMAC-SHA2-256/128")) {
		memset(md, 0xa5, sizeof(md));
		err = crypt_op(ses, 0, 0, jefe, NULL, strlen(jefe), md, NULL);
		tap_ok(!err && !memcmp(md, exp, 16) && md[16] == 0xa5,
		       "maclen 16: 16 bytes of the HMAC written, no more");
		end_session(ses);
	}
	tap_ok(session(0, NULL, 0, CRYPTO_SHA2_256_HMAC, "Jefe", 4, 0, 33, NULL, &ses) == EINVAL,
	       "maclen above the digest size: EINVAL");
	tap_ok(session(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, 16, 0, NULL, &ses) == EINVAL,
	       "ivlen on a hash session: EINVAL");
	hex(key, "00");
	tap_ok(session(0, NULL, 0, CRYPTO_SHA2_256, key, 1, 0, 0, NULL, &ses) == EINVAL,
	       "a key for a plain hash: EINVAL");
}

struct aead_kat {
	const char *name;
	uint32_t alg;
	int ivlen, maclen;
	const char *key, *iv, *aad, *pt, *ct, *tag;
};

static const struct aead_kat aead_kats[] = {
	{ "AES-128-GCM (GCM spec. test case 4)", CRYPTO_AES_NIST_GCM_16, 0, 0,
	  "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
	  "5bc94fbc3221a5db94fae95ae7121a47" },
	{ "AES-128-CCM, 13-byte nonce, 8-byte tag (RFC 3610 #1)", CRYPTO_AES_CCM_16, 13, 8,
	  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5",
	  "0001020304050607",
	  "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
	  "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0" },
	{ "ChaCha20-Poly1305 (RFC 8439 2.8.2)", CRYPTO_CHACHA20_POLY1305, 0, 0,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
	  "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
	  "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
	  "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
	  "637265656e20776f756c642062652069742e",
	  "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	  "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	  "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	  "3ff4def08e4b7a9de576d26586cec64b6116",
	  "1ae10b594f09e26a7e902ecbd0600691" },
};

static void test_aead_kat(const struct aead_kat *k)
{
	uint8_t key[32], iv[16], aad[64], pt[MAXB], ct[MAXB], tag[16];
	uint8_t buf[MAXB], t[16];
	size_t klen = hex(key, k->key), ivlen = hex(iv, k->iv), alen = hex(aad, k->aad);
	size_t len = hex(pt, k->pt), tlen = hex(tag, k->tag);
	uint32_t ses = 0;
	int err;

	hex(ct, k->ct);
	if (!got_session(session(k->alg, key, klen, 0, NULL, 0, k->ivlen, k->maclen,
				 NULL, &ses), k->name))
		return;
	memset(t, 0, sizeof(t));
	err = aead_op(ses, COP_ENCRYPT, pt, buf, len, aad, alen, t, iv, ivlen);
	tap_ok(!err && !memcmp(buf, ct, len) && !memcmp(t, tag, tlen),
	       "%s: CIOCCRYPTAEAD encrypt", k->name);
	err = aead_op(ses, COP_DECRYPT, ct, buf, len, aad, alen, tag, iv, ivlen);
	tap_ok(!err && !memcmp(buf, pt, len), "%s: decrypt", k->name);
	memset(buf, 0x5a, len);
	tag[0] ^= 1;
	err = aead_op(ses, COP_DECRYPT, ct, buf, len, aad, alen, tag, iv, ivlen);
	tap_ok(err == EBADMSG && buf[0] == 0x5a && buf[len - 1] == 0x5a,
	       "%s: a bad tag gives EBADMSG and writes nothing", k->name);
	tag[0] ^= 1;
	tap_ok(aead_op(ses, COP_ENCRYPT, pt, buf, len, aad, alen, NULL, iv, ivlen) == EINVAL,
	       "%s: no tag pointer: EINVAL", k->name);
	tap_ok(aead_op(ses, COP_ENCRYPT, pt, buf, len, aad, alen, t, NULL, ivlen) == EINVAL &&
	       aead_op(ses, COP_ENCRYPT, pt, buf, len, aad, alen, t, iv, ivlen - 1) == EINVAL,
	       "%s: no IV, or another IV length: EINVAL", k->name);
	end_session(ses);
}

static void test_aead(void)
{
	uint8_t key[16] = { 0 }, iv[12] = { 0 }, pt[16] = { 0 }, ct[16], tag[16];
	uint8_t buf[16], t[16];
	unsigned int i;
	uint32_t ses = 0;
	int err;

	for (i = 0; i < sizeof(aead_kats) / sizeof(aead_kats[0]); i++)
		test_aead_kat(&aead_kats[i]);

	/* GCM through CIOCCRYPT (no AAD): the tag goes to mac, or comes from it. */
	hex(ct, "0388dace60b6a392f328c2b971b2fe78");
	hex(tag, "ab6e47d42cec13bdf53a67b21257bddf");
	if (!got_session(session(CRYPTO_AES_NIST_GCM_16, key, 16, 0, NULL, 0, 0, 0, NULL,
				 &ses), "AES-GCM"))
		return;
	err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 16, t, iv);
	tap_ok(!err && !memcmp(buf, ct, 16) && !memcmp(t, tag, 16),
	       "AES-128-GCM through CIOCCRYPT, tag to mac (GCM spec. test case 2)");
	err = crypt_op(ses, COP_DECRYPT, 0, ct, buf, 16, tag, iv);
	tap_ok(!err && !memcmp(buf, pt, 16), "AES-128-GCM through CIOCCRYPT: decrypt checks mac");
	tag[15] ^= 0x80;
	tap_ok(crypt_op(ses, COP_DECRYPT, 0, ct, buf, 16, tag, iv) == EBADMSG,
	       "AES-128-GCM through CIOCCRYPT: a bad tag gives EBADMSG");
	tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 16, t, NULL) == EINVAL,
	       "AES-GCM without an IV pointer: EINVAL");
	end_session(ses);

	tap_ok(session(CRYPTO_AES_NIST_GCM_16, key, 16, 0, NULL, 0, 8, 0, NULL, &ses) == EINVAL,
	       "AES-GCM with an 8-byte IV: EINVAL (the kernel's gcm takes 12)");
	tap_ok(session(CRYPTO_AES_NIST_GCM_16, key, 16, CRYPTO_SHA2_256_HMAC, key, 16, 0, 0,
		       NULL, &ses) == EINVAL, "AES-GCM with a MAC: EINVAL");
	tap_ok(session(CRYPTO_AES_CCM_16, key, 16, 0, NULL, 0, 6, 0, NULL, &ses) == EINVAL,
	       "AES-CCM with a 6-byte nonce: EINVAL");
	tap_ok(session(CRYPTO_AES_NIST_GCM_16, key, 16, 0, NULL, 0, 0, 3, NULL, &ses) == EINVAL,
	       "AES-GCM with a 3-byte tag: EINVAL");
}

/* AES-CBC + HMAC-SHA2-256: the MAC covers AAD and ciphertext. */
static void test_eta(void)
{
	uint8_t key[16], mkey[32], iv[16], pt[32], ct[32], aad[13], buf[64];
	uint8_t t[32], exp[32], in[64];
	uint32_t ses = 0, hses = 0;
	int err;

	hex(key, aes_key);
	hex(iv, cbc_iv);
	hex(pt, cbc_pt);
	hex(ct, cbc_ct);
	memset(mkey, 0x0b, sizeof(mkey));
	memset(aad, 0x17, sizeof(aad));
	if (!got_session(session(0, NULL, 0, CRYPTO_SHA2_256_HMAC, mkey, 32, 0, 0, NULL,
				 &hses), "HMAC-SHA2-256"))
		return;
	memcpy(in, aad, 13);
	memcpy(in + 13, ct, 32);
	err = crypt_op(hses, 0, 0, in, NULL, 45, exp, NULL);
	end_session(hses);
	if (!TAP_CHECK(!err, "HMAC of AAD || ciphertext on its own session"))
		return;
	if (!got_session(session(CRYPTO_AES_CBC, key, 16, CRYPTO_SHA2_256_HMAC, mkey, 32,
				 0, 0, NULL, &ses), "AES-CBC + HMAC-SHA2-256"))
		return;

	err = aead_op(ses, COP_ENCRYPT, pt, buf, 32, aad, 13, t, iv, 16);
	tap_ok(!err && !memcmp(buf, ct, 32) && !memcmp(t, exp, 32),
	       "encrypt-then-MAC: CBC ciphertext, HMAC over AAD || ciphertext");
	memset(buf, 0, sizeof(buf));
	err = aead_op(ses, COP_DECRYPT, ct, buf, 32, aad, 13, exp, iv, 16);
	tap_ok(!err && !memcmp(buf, pt, 32), "encrypt-then-MAC: decrypt after verification");
	memset(buf, 0x5a, sizeof(buf));
	in[20] ^= 1;
	err = aead_op(ses, COP_DECRYPT, in + 13, buf, 32, aad, 13, exp, iv, 16);
	tap_ok(err == EBADMSG && buf[0] == 0x5a && buf[31] == 0x5a,
	       "encrypt-then-MAC: altered ciphertext gives EBADMSG, dst untouched");
	err = aead_op(ses, COP_DECRYPT, ct, buf, 32, aad, 12, exp, iv, 16);
	tap_ok(err == EBADMSG, "encrypt-then-MAC: other AAD gives EBADMSG");

	/* Through CIOCCRYPT: no AAD; COP_F_CIPHER_FIRST says the same. */
	err = crypt_op(ses, COP_ENCRYPT, COP_F_CIPHER_FIRST, pt, buf, 32, t, iv);
	tap_ok(!err && !memcmp(buf, ct, 32), "encrypt-then-MAC through CIOCCRYPT");
	err = crypt_op(ses, COP_DECRYPT, 0, ct, buf, 32, t, iv);
	tap_ok(!err && !memcmp(buf, pt, 32), "... and back, verifying mac");
	tap_ok(crypt_op(ses, COP_DECRYPT, COP_F_CIPHER_FIRST, ct, buf, 32, t, iv) == EINVAL,
	       "COP_F_CIPHER_FIRST when decrypting: EINVAL");
	tap_ok(crypt_op(ses, COP_DECRYPT, 0, ct, buf, 32, NULL, iv) == EFAULT,
	       "decrypting without the tag to verify: EFAULT");
	end_session(ses);
}

static void test_session_calls(void)
{
	uint8_t key[16], iv[16], pt[32], ct[32], buf[32];
	struct session_op so = { 0 };
	struct crypt_find_op find;
	uint32_t ses = 0, feat = 1;
	struct crypt_kop kop;
	int crid, fd2, err;
	char name[32];

	hex(key, aes_key);
	hex(iv, cbc_iv);
	hex(pt, cbc_pt);
	hex(ct, cbc_ct);

	so.cipher = CRYPTO_AES_CBC;
	so.keylen = 16;
	so.key = key;
	err = ioctl(fd, CIOCGSESSION, &so) ? errno : 0;
	tap_ok(!err && so.ses, "CIOCGSESSION (session_op)");
	if (!err) {
		err = crypt_op(so.ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv);
		tap_ok(!err && !memcmp(buf, ct, 32), "... serves CIOCCRYPT");
		ses = so.ses;
		tap_ok(!ioctl(fd, CIOCFSESSION, &ses), "CIOCFSESSION");
		tap_ok(ioctl(fd, CIOCFSESSION, &ses) && errno == EINVAL,
		       "CIOCFSESSION again: EINVAL");
		tap_ok(crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv) == EINVAL,
		       "CIOCCRYPT on a freed session: EINVAL");
	}

	tap_ok(session(CRYPTO_AES_NIST_GMAC, key, 16, 0, NULL, 0, 0, 0, NULL, &ses) == EINVAL &&
	       session(99, key, 16, 0, NULL, 0, 0, 0, NULL, &ses) == EINVAL &&
	       session(0, NULL, 0, 0, NULL, 0, 0, 0, NULL, &ses) == EINVAL,
	       "unknown or unsupported algorithm ids, or none: EINVAL");
	tap_ok(session(CRYPTO_AES_CBC, key, 15, 0, NULL, 0, 0, 0, NULL, &ses) == EINVAL,
	       "a bad key length: EINVAL");
	tap_ok(session(CRYPTO_AES_CBC, (void *)16, 16, 0, NULL, 0, 0, 0, NULL, &ses) == EFAULT,
	       "an unmapped key: EFAULT");

	crid = CRYPTO_FLAG_SOFTWARE;
	err = session(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, 0, 0, &crid, &ses);
	tap_ok(!err && crid > 0 && crid < CRYPTO_FLAG_HARDWARE,
	       "CRYPTO_FLAG_SOFTWARE: a driver id comes back (%d)", crid);
	if (!err) {
		end_session(ses);
		memset(&find, 0, sizeof(find));
		find.crid = crid;
		err = ioctl(fd, CIOCFINDDEV, &find) ? errno : 0;
		tap_ok(!err && find.name[0], "CIOCFINDDEV: id %d is \"%s\"", crid, find.name);
		memcpy(name, find.name, sizeof(name));
		memset(&find, 0, sizeof(find));
		find.crid = -1;
		memcpy(find.name, name, sizeof(name));
		err = ioctl(fd, CIOCFINDDEV, &find) ? errno : 0;
		if (strlen(name) < 31)
			tap_ok(!err && find.crid == crid, "CIOCFINDDEV: \"%s\" is id %d", name,
			       find.crid);
		else
			tap_skip("name truncated to 31 characters", "CIOCFINDDEV by name");
		/* An exact driver id serves a session of its algorithm. */
		err = session(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, 0, 0, &crid, &ses);
		tap_ok(!err, "CIOCGSESSION2 with that exact driver id");
		if (!err) {
			err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv);
			tap_ok(!err && !memcmp(buf, ct, 32), "... computes the right result");
			end_session(ses);
		}
	}
	memset(&find, 0, sizeof(find));
	find.crid = -1;
	strcpy(find.name, "no-such-driver");
	tap_ok(ioctl(fd, CIOCFINDDEV, &find) && errno == ENOENT, "CIOCFINDDEV of an unknown name: ENOENT");
	find.crid = 0x7fffff;
	tap_ok(ioctl(fd, CIOCFINDDEV, &find) && errno == ENOENT, "CIOCFINDDEV of an unknown id: ENOENT");

	tap_ok(!ioctl(fd, CIOCASYMFEAT, &feat) && feat == 0, "CIOCASYMFEAT: no asymmetric features");
	memset(&kop, 0, sizeof(kop));
	tap_ok(ioctl(fd, CIOCKEY, &kop) && errno == EOPNOTSUPP &&
	       ioctl(fd, CIOCKEY2, &kop) && errno == EOPNOTSUPP, "CIOCKEY, CIOCKEY2: EOPNOTSUPP");

	fd2 = -1;
	err = ioctl(fd, CRIOGET, &fd2) ? errno : 0;
	tap_ok(!err && fd2 >= 0, "CRIOGET gives a descriptor");
	if (!err) {
		int saved = fd;

		fd = fd2;
		err = session(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, 0, 0, NULL, &ses);
		if (!err)
			err = crypt_op(ses, COP_ENCRYPT, 0, pt, buf, 32, NULL, iv);
		tap_ok(!err && !memcmp(buf, ct, 32), "... that serves sessions");
		fd = saved;
		close(fd2);
	}
}

static void test_limits(void)
{
	uint8_t key[16] = { 0 }, tag[16];
	size_t big = 256 * 1024;
	uint32_t ses = 0;
	uint8_t *p;

	p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		tap_fail("mmap: %s", strerror(errno));
		return;
	}
	if (got_session(session(CRYPTO_AES_NIST_GCM_16, key, 16, 0, NULL, 0, 0, 0, NULL, &ses),
			"AES-GCM")) {
		tap_ok(aead_op(ses, COP_ENCRYPT, p, p, big - 4, p, 16, tag, key, 12) == 0,
		       "256 KiB - 4 bytes: accepted");
		tap_ok(aead_op(ses, COP_ENCRYPT, p, p, big - 3, p, 16, tag, key, 12) == E2BIG &&
		       aead_op(ses, COP_ENCRYPT, p, p, 16, p, big, tag, key, 12) == E2BIG &&
		       crypt_op(ses, COP_ENCRYPT, 0, p, p, big, tag, key) == E2BIG,
		       "data or AAD above 256 KiB - 4 bytes: E2BIG");
		end_session(ses);
	}
	munmap(p, big);
}

int main(void)
{
	tap_header();
	fd = open(CDEV_PATH, O_RDWR);
	if (fd < 0) {
		tap_skip_all("/dev/crypto: %s", strerror(errno));
		return tap_finish();
	}
	tap_pass("FreeBSD's ioctl values and header constants (%zu-bit)",
		 sizeof(void *) * 8);
	test_cbc();
	test_ctr_xts();
	test_xts_partial();
	test_blake2();
	test_digest();
	test_aead();
	test_eta();
	test_session_calls();
	test_limits();
	close(fd);
	return tap_finish();
}
