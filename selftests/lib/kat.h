/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kat.h - the known-answer engine of the ocf selftests (kat.c,
 * libocftest.a): vectors by algorithm id through the legacy CIOCGSESSION.
 *
 * Ciphers go through CIOCCRYPT (encrypt out of place, decrypt in place),
 * hashes and MACs through CIOCCRYPT on a MAC-only session, AEADs and the
 * TLS composites through CIOCAUTHCRYPT.  A session the running kernel
 * cannot build (CIOCGSESSION fails with ENOENT) turns each of its vectors
 * into "ok N - ... # SKIP alg: not in this kernel"; any other failure
 * fails.  Each kat_*() call is one TAP result.
 *
 * The tables live with their feature (cipher.c, hash.c, aead.c,
 * record.c).  Vectors are published test vectors (the source is named
 * with each); where no published vector exists the expected value was
 * computed once on the build host with OpenSSL 3.0 (or, for BLAKE2b-256,
 * Python's hashlib) and is marked "computed".
 *
 * Byte strings are written in a small notation (parse_bytes() in
 * kat.c):
 * hex bytes, "XX*N" for N repetitions of the bytes XX, and "'text" for the
 * rest of the string as ASCII.
 *
 * No libcrypto here: the tests are also built as 32-bit programs (_32) to
 * check the compat ioctl path.
 */
#ifndef _OCF_SELFTEST_KAT_H
#define _OCF_SELFTEST_KAT_H

#include <stdbool.h>
#include <stdint.h>

#include "cdev.h"

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


/* The device every kat_*() uses: opened by kat_open() (or skip all). */
extern int kat_fd;

void kat_open(void);
void kat_cipher(const struct cipher_kat *v);
void kat_hash(const struct hash_kat *v);
void kat_aead(const struct aead_kat *v);
void kat_tls(const struct aead_kat *v);
/* A diagnostic naming the kernel algorithms found missing, if any. */
void kat_summary(void);

#endif /* _OCF_SELFTEST_KAT_H */
