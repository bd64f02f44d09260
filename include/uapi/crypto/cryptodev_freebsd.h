/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/crypto user API, FreeBSD flavour.
 *
 * FreeBSD's <crypto/cryptodev.h> (sys/opencrypto) names the same calls as
 * cryptodev-linux but gives them other numbers, other structures and other
 * algorithm ids, so one program cannot see both sets.  This header is the
 * FreeBSD set, as served by the same /dev/crypto: the module dispatches on
 * the full command value, and no FreeBSD value equals a cryptodev-linux
 * one.  A program written for FreeBSD builds unchanged with
 *
 *	cc -DOCF_FREEBSD_API prog.c	(then <crypto/cryptodev.h> is this file)
 *
 * or includes <crypto/cryptodev_freebsd.h> directly.  It cannot include
 * both headers.  Documentation/userspace-api.rst, "The FreeBSD ioctl set",
 * describes what differs from a FreeBSD kernel.
 */
#ifndef _UAPI_CRYPTO_CRYPTODEV_FREEBSD_H
#define _UAPI_CRYPTO_CRYPTODEV_FREEBSD_H

#ifdef _UAPI_CRYPTO_CRYPTODEV_H
#error "<crypto/cryptodev_freebsd.h> and the cryptodev-linux header exclude each other"
#endif

#include <linux/types.h>
#include <linux/ioctl.h>

/* Algorithm ids: 1-14 are the cryptodev-linux ones, the rest differ. */
#define CRYPTO_DES_CBC			1
#define CRYPTO_3DES_CBC			2
#define CRYPTO_BLF_CBC			3
#define CRYPTO_CAST_CBC			4
#define CRYPTO_SKIPJACK_CBC		5
#define CRYPTO_MD5_HMAC			6
#define CRYPTO_SHA1_HMAC		7
#define CRYPTO_RIPEMD160_HMAC		8
#define CRYPTO_MD5_KPDK			9
#define CRYPTO_SHA1_KPDK		10
#define CRYPTO_RIJNDAEL128_CBC		11
#define CRYPTO_AES_CBC			11
#define CRYPTO_ARC4			12
#define CRYPTO_MD5			13
#define CRYPTO_SHA1			14
#define CRYPTO_NULL_HMAC		15
#define CRYPTO_NULL_CBC			16
#define CRYPTO_DEFLATE_COMP		17
#define CRYPTO_SHA2_256_HMAC		18
#define CRYPTO_SHA2_384_HMAC		19
#define CRYPTO_SHA2_512_HMAC		20
#define CRYPTO_CAMELLIA_CBC		21
#define CRYPTO_AES_XTS			22
#define CRYPTO_AES_ICM			23	/* CTR */
#define CRYPTO_AES_NIST_GMAC		24
#define CRYPTO_AES_NIST_GCM_16		25
#define CRYPTO_BLAKE2B			29
#define CRYPTO_BLAKE2S			30
#define CRYPTO_CHACHA20			31
#define CRYPTO_SHA2_224_HMAC		32
#define CRYPTO_RIPEMD160		33
#define CRYPTO_SHA2_224			34
#define CRYPTO_SHA2_256			35
#define CRYPTO_SHA2_384			36
#define CRYPTO_SHA2_512			37
#define CRYPTO_POLY1305			38
#define CRYPTO_AES_CCM_CBC_MAC		39
#define CRYPTO_AES_CCM_16		40
#define CRYPTO_CHACHA20_POLY1305	41
#define CRYPTO_XCHACHA20_POLY1305	42
#define CRYPTO_ALGORITHM_MIN		1
#define CRYPTO_ALGORITHM_MAX		42
/* MIN <= x <= MAX, with x evaluated once (negative x wraps to huge). */
#define CRYPTO_ALGO_VALID(x)					\
	((unsigned long long)(x) - CRYPTO_ALGORITHM_MIN <=	\
	 CRYPTO_ALGORITHM_MAX - CRYPTO_ALGORITHM_MIN)

/* Digest sizes, in bytes. */
#define NULL_HASH_LEN			16
#define SHA1_HASH_LEN			20
#define RIPEMD160_HASH_LEN		20
#define SHA2_224_HASH_LEN		28
#define SHA2_256_HASH_LEN		32
#define SHA2_384_HASH_LEN		48
#define SHA2_512_HASH_LEN		64
#define AES_GMAC_HASH_LEN		16
#define POLY1305_HASH_LEN		16
#define AES_CBC_MAC_HASH_LEN		16
#define HASH_MAX_LEN			64	/* the largest of them */
#define AALG_MAX_RESULT_LEN		64

/* Hash block sizes, and what HMAC pads the key with. */
#define SHA1_BLOCK_LEN			64
#define RIPEMD160_BLOCK_LEN		64
#define SHA2_224_BLOCK_LEN		64
#define SHA2_256_BLOCK_LEN		64
#define SHA2_384_BLOCK_LEN		128
#define SHA2_512_BLOCK_LEN		128
#define POLY1305_BLOCK_LEN		16
#define NULL_HMAC_BLOCK_LEN		64
#define HMAC_MAX_BLOCK_LEN		128
#define HMAC_IPAD_VAL			0x36
#define HMAC_OPAD_VAL			0x5c

/* MAC key sizes. */
#define AES_128_GMAC_KEY_LEN		16
#define AES_192_GMAC_KEY_LEN		24
#define AES_256_GMAC_KEY_LEN		32
#define AES_128_CBC_MAC_KEY_LEN		16
#define AES_192_CBC_MAC_KEY_LEN		24
#define AES_256_CBC_MAC_KEY_LEN		32
#define POLY1305_KEY_LEN		32

/* Cipher block sizes (the unit a length must be a multiple of). */
#define NULL_BLOCK_LEN			4
#define RIJNDAEL128_BLOCK_LEN		16
#define AES_BLOCK_LEN			16
#define AES_ICM_BLOCK_LEN		1
#define CAMELLIA_BLOCK_LEN		16
#define CHACHA20_NATIVE_BLOCK_LEN	64
#define EALG_MAX_BLOCK_LEN		64	/* the largest of them */

/* IV and nonce sizes. */
#define AES_GCM_IV_LEN			12
#define AES_CCM_IV_LEN			12
#define AES_XTS_IV_LEN			8	/* the 64-bit block number */
#define AES_XTS_ALPHA			0x87	/* XTS's GF(2^128) reduction */
#define CHACHA20_NATIVE_IV_LEN		16
#define CHACHA20_POLY1305_IV_LEN	12
#define XCHACHA20_POLY1305_IV_LEN	24

/* Cipher key sizes. */
#define NULL_MIN_KEY			0
#define NULL_MAX_KEY			256
#define RIJNDAEL_MIN_KEY		16
#define RIJNDAEL_MAX_KEY		32
#define AES_MIN_KEY			RIJNDAEL_MIN_KEY
#define AES_MAX_KEY			RIJNDAEL_MAX_KEY
#define AES_XTS_MIN_KEY			(2 * AES_MIN_KEY)
#define AES_XTS_MAX_KEY			(2 * AES_MAX_KEY)
#define CAMELLIA_MIN_KEY		16
#define CAMELLIA_MAX_KEY		32
#define CHACHA20_POLY1305_KEY		32
#define XCHACHA20_POLY1305_KEY		32

/* Drivers a FreeBSD kernel sets up at boot (no meaning here). */
#define CRYPTO_DRIVERS_INITIAL		4

/* session2_op.crid: a driver id (CIOCFINDDEV), or a class of drivers. */
#define CRYPTO_FLAG_HARDWARE		0x01000000
#define CRYPTO_FLAG_SOFTWARE		0x02000000

/**
 * struct session_op - CIOCGSESSION
 * @cipher: cipher algorithm id, or 0
 * @mac: hash or MAC algorithm id, or 0
 * @keylen: cipher key length
 * @key: cipher key
 * @mackeylen: MAC key length
 * @mackey: MAC key
 * @ses: (out) session id
 */
struct session_op {
	__u32 cipher;
	__u32 mac;
	__u32 keylen;
	const void *key;
	int mackeylen;
	const void *mackey;
	__u32 ses;
};

/**
 * struct session2_op - CIOCGSESSION2: a session_op that picks its driver
 * @cipher: as in session_op
 * @mac: as in session_op
 * @keylen: as in session_op
 * @key: as in session_op
 * @mackeylen: as in session_op
 * @mackey: as in session_op
 * @ses: (out) session id
 * @crid: (in) driver id or CRYPTO_FLAG_* class; (out) the driver chosen
 * @ivlen: IV (nonce) length, 0 for the algorithm's
 * @maclen: digest or tag length, 0 for the algorithm's
 * @pad: zero
 */
struct session2_op {
	__u32 cipher;
	__u32 mac;
	__u32 keylen;
	const void *key;
	int mackeylen;
	const void *mackey;
	__u32 ses;
	int crid;
	int ivlen;
	int maclen;
	int pad[2];
};

/**
 * struct crypt_op - CIOCCRYPT
 * @ses: session id
 * @op: COP_ENCRYPT or COP_DECRYPT (either, or 0, for a digest)
 * @flags: COP_F_*
 * @len: bytes at @src; with @iv NULL, they start with the IV
 * @src: input
 * @dst: output, or NULL
 * @mac: digest or tag: output, or the tag to verify when decrypting
 * @iv: IV, or NULL when it leads @src
 */
struct crypt_op {
	__u32 ses;
	__u16 op;
	__u16 flags;
	unsigned int len;
	const void *src;
	void *dst;
	void *mac;
	const void *iv;
};

#define COP_ENCRYPT			1
#define COP_DECRYPT			2
#define COP_F_CIPHER_FIRST		0x0001	/* encrypt-then-MAC; encryption only */
#define COP_F_BATCH			0x0008	/* a hint; ignored */

/**
 * struct crypt_aead - CIOCCRYPTAEAD: AEAD or encrypt-then-MAC with AAD
 * @ses: session id
 * @op: COP_ENCRYPT or COP_DECRYPT
 * @flags: COP_F_*
 * @len: bytes at @src
 * @aadlen: bytes at @aad
 * @ivlen: bytes at @iv: the session's IV length
 * @src: input
 * @dst: output, or NULL
 * @aad: additional authenticated data
 * @tag: tag: output, or the tag to verify when decrypting
 * @iv: IV
 */
struct crypt_aead {
	__u32 ses;
	__u16 op;
	__u16 flags;
	unsigned int len;
	unsigned int aadlen;
	unsigned int ivlen;
	const void *src;
	void *dst;
	const void *aad;
	void *tag;
	const void *iv;
};

/**
 * struct crypt_find_op - CIOCFINDDEV: a driver's id from its name, or back
 * @crid: driver id, or -1 to look @name up
 * @name: driver name (truncated to 31 characters)
 */
struct crypt_find_op {
	int crid;
	char name[32];
};

/**
 * struct cryptostats - FreeBSD's kern.crypto_stats sysctl
 * @cs_ops: symmetric operations submitted
 * @cs_errs: symmetric operations that failed
 * @cs_kops: asymmetric operations submitted
 * @cs_kerrs: asymmetric operations that failed
 * @cs_intrs: dispatch thread wake-ups
 * @cs_rets: return thread wake-ups
 * @cs_blocks: symmetric operations a driver blocked
 * @cs_kblocks: asymmetric operations a driver blocked
 *
 * For programs that declare it; Linux has no such sysctl (the module's
 * counters are in /sys/kernel/debug/ocf/stats).
 */
struct cryptostats {
	__u64 cs_ops;
	__u64 cs_errs;
	__u64 cs_kops;
	__u64 cs_kerrs;
	__u64 cs_intrs;
	__u64 cs_rets;
	__u64 cs_blocks;
	__u64 cs_kblocks;
};

/* Asymmetric operations: CIOCKEY and CIOCKEY2 fail with EOPNOTSUPP. */
#define CRK_MAXPARAM			8
#define CRK_MOD_EXP			0
#define CRK_MOD_EXP_CRT			1
#define CRK_DSA_SIGN			2
#define CRK_DSA_VERIFY			3
#define CRK_DH_COMPUTE_KEY		4
#define CRF_MOD_EXP			(1 << CRK_MOD_EXP)
#define CRF_MOD_EXP_CRT			(1 << CRK_MOD_EXP_CRT)
#define CRF_DSA_SIGN			(1 << CRK_DSA_SIGN)
#define CRF_DSA_VERIFY			(1 << CRK_DSA_VERIFY)
#define CRF_DH_COMPUTE_KEY		(1 << CRK_DH_COMPUTE_KEY)

struct crparam {
	void *crp_p;
	unsigned int crp_nbits;
};

struct crypt_kop {
	unsigned int crk_op;
	unsigned int crk_status;
	unsigned short crk_iparams;
	unsigned short crk_oparams;
	unsigned int crk_crid;
	struct crparam crk_param[CRK_MAXPARAM];
};

#define CRIOGET			_IOWR('c', 100, __u32)
#define CIOCGSESSION		_IOWR('c', 101, struct session_op)
#define CIOCFSESSION		_IOW('c', 102, __u32)
#define CIOCCRYPT		_IOWR('c', 103, struct crypt_op)
#define CIOCKEY			_IOWR('c', 104, struct crypt_kop)
#define CIOCASYMFEAT		_IOR('c', 105, __u32)
#define CIOCGSESSION2		_IOWR('c', 106, struct session2_op)
#define CIOCKEY2		_IOWR('c', 107, struct crypt_kop)
#define CIOCFINDDEV		_IOWR('c', 108, struct crypt_find_op)
#define CIOCCRYPTAEAD		_IOWR('c', 109, struct crypt_aead)

#endif /* _UAPI_CRYPTO_CRYPTODEV_FREEBSD_H */
