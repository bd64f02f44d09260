/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/crypto user API.
 *
 * Part 1 is the binary ABI of cryptodev-linux's <crypto/cryptodev.h>:
 * programs built against that header run unmodified.  Every number and
 * layout there is frozen; the legacy structures carry native user pointers,
 * so their size differs between 64-bit and 32-bit programs and the kernel
 * translates the 32-bit form.
 *
 * Part 2 holds the OCF extensions of this implementation.  Extension
 * structures use fixed-width fields only (pointers travel as __u64), are
 * naturally aligned, padded to a multiple of 8 bytes and identical on every
 * ABI.  Their reserved fields and unknown flag bits must be zero.  Extension
 * ioctl numbers start at 192 so that no full command value collides with a
 * cryptodev-linux or a FreeBSD command.
 *
 * Documentation/userspace-api.rst describes every call.  A program
 * written for FreeBSD's header defines OCF_FREEBSD_API and gets
 * <crypto/cryptodev_freebsd.h> instead.
 */
#if defined(OCF_FREEBSD_API) && !defined(__KERNEL__)
/* A program written for FreeBSD's <crypto/cryptodev.h>: its ioctl set. */
#include <crypto/cryptodev_freebsd.h>
#else
#ifndef _UAPI_CRYPTO_CRYPTODEV_H
#define _UAPI_CRYPTO_CRYPTODEV_H

#include <linux/types.h>
#include <linux/ioctl.h>

#ifndef __KERNEL__
#define __user
#endif

/* ------------------------------------------------------------------ */
/* Part 1: the cryptodev-linux ABI                                     */
/* ------------------------------------------------------------------ */

/* Linux OCF numbering of algorithms. */
enum cryptodev_crypto_op_t {
	CRYPTO_DES_CBC = 1,
	CRYPTO_3DES_CBC = 2,
	CRYPTO_BLF_CBC = 3,
	CRYPTO_CAST_CBC = 4,
	CRYPTO_SKIPJACK_CBC = 5,
	CRYPTO_MD5_HMAC = 6,
	CRYPTO_SHA1_HMAC = 7,
	CRYPTO_RIPEMD160_HMAC = 8,
	CRYPTO_MD5_KPDK = 9,
	CRYPTO_SHA1_KPDK = 10,
	CRYPTO_RIJNDAEL128_CBC = 11,
	CRYPTO_AES_CBC = CRYPTO_RIJNDAEL128_CBC,
	CRYPTO_ARC4 = 12,
	CRYPTO_MD5 = 13,
	CRYPTO_SHA1 = 14,
	CRYPTO_DEFLATE_COMP = 15,
	CRYPTO_NULL = 16,
	CRYPTO_LZS_COMP = 17,
	CRYPTO_SHA2_256_HMAC = 18,
	CRYPTO_SHA2_384_HMAC = 19,
	CRYPTO_SHA2_512_HMAC = 20,
	CRYPTO_AES_CTR = 21,
	CRYPTO_AES_XTS = 22,
	CRYPTO_AES_ECB = 23,
	CRYPTO_AES_CFB = 24,
	CRYPTO_AES_OFB = 25,
	CRYPTO_AES_GCM = 50,
	CRYPTO_AES_CCM = 51,
	CRYPTO_CAMELLIA_CBC = 101,
	CRYPTO_RIPEMD160,
	CRYPTO_SHA2_224,
	CRYPTO_SHA2_256,
	CRYPTO_SHA2_384,
	CRYPTO_SHA2_512,
	CRYPTO_SHA2_224_HMAC,
	CRYPTO_TLS11_AES_CBC_HMAC_SHA1,
	CRYPTO_TLS12_AES_CBC_HMAC_SHA256,
	CRYPTO_ALGORITHM_ALL, /* keep last */

	/* OCF extensions: see part 2 */
	CRYPTO_CHACHA20 = 200,
	CRYPTO_CHACHA20_POLY1305 = 201,
	CRYPTO_SHA3_224 = 202,
	CRYPTO_SHA3_256 = 203,
	CRYPTO_SHA3_384 = 204,
	CRYPTO_SHA3_512 = 205,
	CRYPTO_SHA3_224_HMAC = 206,
	CRYPTO_SHA3_256_HMAC = 207,
	CRYPTO_SHA3_384_HMAC = 208,
	CRYPTO_SHA3_512_HMAC = 209,
	CRYPTO_BLAKE2B_256 = 210,
	CRYPTO_BLAKE2B_512 = 211,
	CRYPTO_SM3 = 212,
	CRYPTO_SM3_HMAC = 213,
	CRYPTO_SM4_CBC = 214,
	CRYPTO_SM4_ECB = 215,
	CRYPTO_SM4_CTR = 216,
	CRYPTO_SM4_GCM = 217,
	CRYPTO_SM4_CCM = 218,
	CRYPTO_AES_CMAC = 219,
	CRYPTO_AES_XCBC_MAC = 220,
	CRYPTO_CAMELLIA_ECB = 221,
	CRYPTO_CAMELLIA_CTR = 222,
	OCF_ALG_MAX = 222,
};

/* The last legacy id (cryptodev-linux's name), and the last of all. */
#define CRYPTO_ALGORITHM_MAX	(CRYPTO_ALGORITHM_ALL - 1)
#define CRYPTO_ALG_MAX		OCF_ALG_MAX

/* Limits. */
#define CRYPTO_HMAC_MAX_KEY_LEN		512
#define CRYPTO_CIPHER_MAX_KEY_LEN	64

/* Block and result sizes. */
#define NULL_BLOCK_LEN			1
#define DES_BLOCK_LEN			8
#define DES3_BLOCK_LEN			8
#define RIJNDAEL128_BLOCK_LEN		16
#define AES_BLOCK_LEN			RIJNDAEL128_BLOCK_LEN
#define CAMELLIA_BLOCK_LEN		16
#define BLOWFISH_BLOCK_LEN		8
#define SKIPJACK_BLOCK_LEN		8
#define CAST128_BLOCK_LEN		8

#define EALG_MAX_BLOCK_LEN		16
#define AALG_MAX_RESULT_LEN		64
#define HASH_MAX_LEN			64
#define CRYPTODEV_MAX_ALG_NAME		64

/* CIOCGSESSION */
struct session_op {
	__u32	cipher;		/* cryptodev_crypto_op_t */
	__u32	mac;		/* cryptodev_crypto_op_t */

	__u32	keylen;
	__u8	__user *key;
	__u32	mackeylen;
	__u8	__user *mackey;

	__u32	ses;		/* session id, returned */
};

struct alg_info {
	char cra_name[CRYPTODEV_MAX_ALG_NAME];
	char cra_driver_name[CRYPTODEV_MAX_ALG_NAME];
};

/* CIOCGSESSINFO */
struct session_info_op {
	__u32 ses;		/* session id */

	struct alg_info cipher_info;
	struct alg_info hash_info;

	__u16	alignmask;	/* alignment constraints */
	__u32	flags;		/* SIOP_FLAG_* */
};

/*
 * The driver of the session is a hardware implementation (see
 * Documentation/userspace-api.rst for the rule this implementation uses).
 */
#define SIOP_FLAG_KERNEL_DRIVER_ONLY	1

#define COP_ENCRYPT	0
#define COP_DECRYPT	1

/* CIOCCRYPT, CIOCASYNCCRYPT, CIOCASYNCFETCH */
struct crypt_op {
	__u32	ses;		/* session id */
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_* */
	__u32	len;		/* length of source data */
	__u8	__user *src;	/* source data */
	__u8	__user *dst;	/* pointer to output data */
	/* pointer to output data for hash/MAC operations */
	__u8	__user *mac;
	/* initialization vector for encryption operations */
	__u8	__user *iv;
};

/* CIOCAUTHCRYPT */
struct crypt_auth_op {
	__u32	ses;		/* session id */
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_AEAD_* and the COP_FLAG_* above */
	__u32	len;		/* length of source data */
	__u32	auth_len;	/* length of auth data */
	__u8	__user *auth_src;	/* authenticated-only data */

	/*
	 * The current implementation is more efficient if data are
	 * encrypted in-place (src == dst).
	 */
	__u8	__user *src;	/* data to be encrypted and authenticated */
	__u8	__user *dst;	/* pointer to output data. Must have
				 * space for tag. For TLS this should be at
				 * least len + tag_size + block_size for padding
				 */

	__u8	__user *tag;	/* where the tag will be copied to. TLS mode
				 * doesn't use that as tag is copied to dst.
				 * SRTP mode copies tag there.
				 */
	__u32	tag_len;	/* the length of the tag. Use zero for digest size
				 * or max tag.
				 */

	/* initialization vector for encryption operations */
	__u8	__user *iv;
	__u32	iv_len;
};

/* In plain AEAD mode the data is authenticated then encrypted. */
#define COP_FLAG_AEAD_TLS_TYPE	(1 << 4)	/* MAC, pad, then encrypt */
#define COP_FLAG_AEAD_SRTP_TYPE	(1 << 5)	/* encrypt, then MAC */
/*
 * TLS mode, synchronous CIOCAUTHCRYPT only: auth_src is the 13-byte TLS
 * header (sequence, type, version, length) and the kernel writes the
 * record's plaintext length into its length field before the MAC, as a
 * decrypting caller cannot know it before the padding is removed.
 */
#define COP_FLAG_TLS_SETLEN	(1 << 7)

#define COP_FLAG_NONE		(0 << 0)	/* totally no flag */
#define COP_FLAG_UPDATE		(1 << 0)	/* multi-update hash mode */
#define COP_FLAG_FINAL		(1 << 1)	/* multi-update final hash mode */
#define COP_FLAG_WRITE_IV	(1 << 2)	/* update the IV during operation */
#define COP_FLAG_NO_ZC		(1 << 3)	/* do not zero-copy */
#define COP_FLAG_RESET		(1 << 6)	/* multi-update reset the state */

/* CIOCCPHASH: copy the hash state of src_ses into dst_ses. */
struct cphash_op {
	__u32	dst_ses;
	__u32	src_ses;
};

/* Asymmetric operations (CIOCKEY).  Not implemented: CIOCASYMFEAT is 0. */
struct crparam {
	__u8	__user *crp_p;
	__u32	crp_nbits;
};

#define CRK_MAXPARAM	8

struct crypt_kop {
	__u32	crk_op;		/* cryptodev_crk_op_t */
	__u32	crk_status;
	__u16	crk_iparams;
	__u16	crk_oparams;
	__u32	crk_pad1;
	struct crparam	crk_param[CRK_MAXPARAM];
};

enum cryptodev_crk_op_t {
	CRK_MOD_EXP = 0,
	CRK_MOD_EXP_CRT = 1,
	CRK_DSA_SIGN = 2,
	CRK_DSA_VERIFY = 3,
	CRK_DH_COMPUTE_KEY = 4,
	CRK_ALGORITHM_ALL
};

#define CRK_ALGORITHM_MAX	(CRK_ALGORITHM_ALL - 1)

#define CRF_MOD_EXP		(1 << CRK_MOD_EXP)
#define CRF_MOD_EXP_CRT		(1 << CRK_MOD_EXP_CRT)
#define CRF_DSA_SIGN		(1 << CRK_DSA_SIGN)
#define CRF_DSA_VERIFY		(1 << CRK_DSA_VERIFY)
#define CRF_DH_COMPUTE_KEY	(1 << CRK_DH_COMPUTE_KEY)

#define CRYPTO_ALG_FLAG_SUPPORTED	1
#define CRYPTO_ALG_FLAG_RNG_ENABLE	2
#define CRYPTO_ALG_FLAG_DSA_SHA		4

/* CRIOGET is not needed: every open of /dev/crypto is usable directly. */
#define CRIOGET_NOT_NEEDED 1

#define CRIOGET		_IOWR('c', 101, __u32)
#define CIOCGSESSION	_IOWR('c', 102, struct session_op)
#define CIOCFSESSION	_IOW('c', 103, __u32)
#define CIOCCRYPT	_IOWR('c', 104, struct crypt_op)
#define CIOCKEY		_IOWR('c', 105, struct crypt_kop)
#define CIOCASYMFEAT	_IOR('c', 106, __u32)
#define CIOCGSESSINFO	_IOWR('c', 107, struct session_info_op)
#define CIOCAUTHCRYPT	_IOWR('c', 109, struct crypt_auth_op)
#define CIOCASYNCCRYPT	_IOW('c', 110, struct crypt_op)
#define CIOCASYNCFETCH	_IOR('c', 111, struct crypt_op)
#define CIOCCPHASH	_IOW('c', 112, struct cphash_op)

/* ------------------------------------------------------------------ */
/* Part 2: OCF extensions                                              */
/* ------------------------------------------------------------------ */

#define OCF_API_VERSION		1

/**
 * DOC: driver selection
 *
 * A &struct ocf_session_op ``crid`` chooses which kernel implementation
 * serves a session, after FreeBSD's CIOCGSESSION2: 0 or %OCF_CRID_ANY
 * takes the kernel's highest-priority driver, %OCF_CRID_HARDWARE only a
 * hardware driver, %OCF_CRID_SOFTWARE only a software one; a value below
 * %OCF_CRID_HARDWARE is an exact driver id from %OCF_IOC_FINDDEV.  The id
 * of the driver that was chosen is written back.
 */
#define OCF_CRID_HARDWARE	0x01000000
#define OCF_CRID_SOFTWARE	0x02000000
#define OCF_CRID_ANY		(OCF_CRID_HARDWARE | OCF_CRID_SOFTWARE)

/* &struct ocf_session_op.cipher or .mac: take the algorithm by its name */
#define OCF_ALG_BY_NAME		0xffffffffU

/* &struct ocf_session_op.flags */
#define OCF_SES_F_CIPHER_DRIVER	(1U << 0)	/* cipher_driver names the driver */
#define OCF_SES_F_MAC_DRIVER	(1U << 1)	/* mac_driver names the driver */
#define OCF_SES_F_ALL		(OCF_SES_F_CIPHER_DRIVER | OCF_SES_F_MAC_DRIVER)

/**
 * struct ocf_session_op - create a session (%OCF_IOC_GSESSION)
 * @cipher: algorithm id, %OCF_ALG_BY_NAME, or 0 for none
 * @mac: algorithm id, %OCF_ALG_BY_NAME, or 0 for none
 * @keylen: length of @key
 * @mackeylen: length of @mackey
 * @key: user pointer to the cipher key
 * @mackey: user pointer to the MAC key
 * @flags: OCF_SES_F_*
 * @crid: driver class or exact driver id (in), chosen driver id (out)
 * @ses: session id (out)
 * @tag_len: AEAD tag length; 0 for the algorithm's full tag
 * @cipher_name: kernel algorithm name (``cra_name``, for example
 *	"xts(aes)") when @cipher is %OCF_ALG_BY_NAME; the name used (out)
 * @mac_name: likewise for @mac ("hmac(sha3-256)")
 * @cipher_driver: exact driver (``cra_driver_name``) when
 *	%OCF_SES_F_CIPHER_DRIVER is set; the driver chosen (out)
 * @mac_driver: likewise for the MAC
 * @reserved: must be zero
 */
struct ocf_session_op {
	__u32 cipher;
	__u32 mac;
	__u32 keylen;
	__u32 mackeylen;
	__u64 key;
	__u64 mackey;
	__u32 flags;
	__u32 crid;
	__u32 ses;
	__u32 tag_len;
	char cipher_name[CRYPTODEV_MAX_ALG_NAME];
	char mac_name[CRYPTODEV_MAX_ALG_NAME];
	char cipher_driver[CRYPTODEV_MAX_ALG_NAME];
	char mac_driver[CRYPTODEV_MAX_ALG_NAME];
	__u64 reserved[4];
};

/* &struct ocf_features.features */
#define OCF_FEAT_BY_NAME	(1ULL << 0)	/* OCF_ALG_BY_NAME */
#define OCF_FEAT_DRIVER_SELECT	(1ULL << 1)	/* crid and driver names */
#define OCF_FEAT_COMPAT32	(1ULL << 2)	/* 32-bit programs served */
#define OCF_FEAT_ALG_LIST	(1ULL << 3)	/* OCF_IOC_LIST_ALGS */
#define OCF_FEAT_ZEROCOPY	(1ULL << 4)	/* user pages used in place */
#define OCF_FEAT_ASYNC		(1ULL << 5)	/* CIOCASYNCCRYPT, poll() */
#define OCF_FEAT_BATCH		(1ULL << 6)	/* OCF_IOC_SUBMIT, OCF_IOC_REAP */
#define OCF_FEAT_KTLS		(1ULL << 7)	/* OCF_IOC_KTLS_ATTACH, OCF_IOC_TLS13_SESSION */
#define OCF_FEAT_KEY_UPDATE	(1ULL << 8)	/* OCF_IOC_TLS13_UPDATE: kTLS can rekey */
#define OCF_FEAT_TLS_SETLEN	(1ULL << 9)	/* COP_FLAG_TLS_SETLEN */

/**
 * struct ocf_features - what this implementation offers (%OCF_IOC_GET_FEATURES)
 * @features: OCF_FEAT_* bits
 * @api_version: %OCF_API_VERSION
 * @max_sessions: sessions one open file may hold
 * @max_request: largest @len of one operation, in bytes
 * @max_queue: asynchronous operations one open file may have outstanding
 * @zc_threshold: smallest length that is processed in place (zero-copy)
 * @reserved0: zero
 * @reserved: zero
 */
struct ocf_features {
	__u64 features;
	__u32 api_version;
	__u32 max_sessions;
	__u32 max_request;
	__u32 max_queue;
	__u32 zc_threshold;
	__u32 reserved0;
	__u64 reserved[3];
};

/**
 * struct ocf_find_op - map a driver name to its id and back (%OCF_IOC_FINDDEV)
 * @crid: driver id; -1 (in) to look @name up
 * @flags: zero
 * @name: driver name (``cra_driver_name``)
 */
struct ocf_find_op {
	__s32 crid;
	__u32 flags;
	char name[CRYPTODEV_MAX_ALG_NAME];
};

/* &struct ocf_alg_entry.type */
#define OCF_TYPE_CIPHER		1
#define OCF_TYPE_HASH		2
#define OCF_TYPE_AEAD		3

/* &struct ocf_alg_entry.flags */
#define OCF_ALG_F_HARDWARE	(1U << 0)	/* hardware by the module's rule */
#define OCF_ALG_F_ASYNC		(1U << 1)	/* may complete asynchronously */
#define OCF_ALG_F_KEYED		(1U << 2)	/* needs a key */

/**
 * struct ocf_alg_entry - one kernel implementation usable through /dev/crypto
 * @name: algorithm name (``cra_name``)
 * @driver: driver name (``cra_driver_name``)
 * @module: module providing the driver ("kernel" when built in)
 * @priority: crypto API priority (higher wins by default)
 * @type: OCF_TYPE_*
 * @flags: OCF_ALG_F_*
 * @crid: driver id, as for &struct ocf_find_op
 * @alg_id: the cryptodev algorithm id that maps to @name, or 0
 * @blocksize: block size in bytes
 * @ivsize: IV size (ciphers, AEAD)
 * @min_keysize: smallest key (ciphers, AEAD)
 * @max_keysize: largest key (ciphers, AEAD)
 * @digestsize: digest (hashes) or maximum tag (AEAD) size
 * @reserved: zero
 */
struct ocf_alg_entry {
	char name[CRYPTODEV_MAX_ALG_NAME];
	char driver[CRYPTODEV_MAX_ALG_NAME];
	char module[CRYPTODEV_MAX_ALG_NAME];
	__u32 priority;
	__u32 type;
	__u32 flags;
	__u32 crid;
	__u32 alg_id;
	__u32 blocksize;
	__u32 ivsize;
	__u32 min_keysize;
	__u32 max_keysize;
	__u32 digestsize;
	__u64 reserved[2];
};

/**
 * struct ocf_alg_list - list implementations (%OCF_IOC_LIST_ALGS)
 * @capacity: entries that fit at @entries (in)
 * @count: entries that exist (out); at most @capacity were written
 * @entries: user pointer to an array of &struct ocf_alg_entry
 * @filter: only entries whose name or driver equals this (empty: all)
 */
struct ocf_alg_list {
	__u32 capacity;
	__u32 count;
	__u64 entries;
	char filter[CRYPTODEV_MAX_ALG_NAME];
};

/**
 * struct ocf_crypt_desc - one operation submitted with %OCF_IOC_SUBMIT
 * @ses: session id
 * @op: COP_ENCRYPT or COP_DECRYPT
 * @flags: COP_FLAG_*, as for CIOCCRYPT or CIOCAUTHCRYPT
 * @len: bytes at @src
 * @auth_len: bytes at @auth_src (AEAD, TLS and SRTP modes)
 * @src: user pointer to the input
 * @dst: user pointer to the output
 * @mac: user pointer to the digest (hash sessions) or tag (SRTP mode)
 * @iv: user pointer to the IV, or 0 for the session's
 * @auth_src: user pointer to the associated data
 * @tag_len: tag length (AEAD); 0 for the session's
 * @iv_len: 0, or the length of the IV at @iv
 * @user_data: returned as is with the result
 * @reserved: zero
 *
 * The session decides what the operation is: a cipher, hash or cipher + MAC
 * session works as CIOCCRYPT, an AEAD session (or a mode flag) as
 * CIOCAUTHCRYPT.  Output lengths come back in &struct ocf_result.
 */
struct ocf_crypt_desc {
	__u32 ses;
	__u16 op;
	__u16 flags;
	__u32 len;
	__u32 auth_len;
	__u64 src;
	__u64 dst;
	__u64 mac;
	__u64 iv;
	__u64 auth_src;
	__u32 tag_len;
	__u32 iv_len;
	__u64 user_data;
	__u64 reserved[2];
};

/**
 * struct ocf_submit - submit operations in one call (%OCF_IOC_SUBMIT)
 * @count: entries at @descs
 * @flags: zero
 * @descs: user pointer to an array of &struct ocf_crypt_desc
 * @submitted: how many were queued (out); they are the first ones
 * @reserved: zero
 *
 * Stops at the first entry that cannot be queued.  The call fails (with
 * that entry's errno) only when none was queued.
 */
struct ocf_submit {
	__u32 count;
	__u32 flags;
	__u64 descs;
	__u32 submitted;
	__u32 reserved;
};

/**
 * struct ocf_result - the completion of one queued operation
 * @user_data: &struct ocf_crypt_desc.user_data (for CIOCASYNCCRYPT: dst)
 * @status: 0 or a negative errno (-EBADMSG: authentication failed)
 * @len: output length (ciphertext with tag, plaintext, ...)
 * @tag_len: tag length used (AEAD)
 * @reserved: zero
 */
struct ocf_result {
	__u64 user_data;
	__s32 status;
	__u32 len;
	__u32 tag_len;
	__u32 reserved;
};

/**
 * struct ocf_reap - collect completions in one call (%OCF_IOC_REAP)
 * @count: entries that fit at @results
 * @min: wait until at least this many are available (capped at what is
 *	outstanding); 0 never waits
 * @results: user pointer to an array of &struct ocf_result
 * @reaped: entries written (out), in completion order
 * @flags: zero
 */
struct ocf_reap {
	__u32 count;
	__u32 min;
	__u64 results;
	__u32 reaped;
	__u32 flags;
};

#define OCF_IOC_GET_FEATURES	_IOR('c', 192, struct ocf_features)
#define OCF_IOC_GSESSION	_IOWR('c', 193, struct ocf_session_op)
#define OCF_IOC_FINDDEV		_IOWR('c', 194, struct ocf_find_op)
#define OCF_IOC_LIST_ALGS	_IOWR('c', 195, struct ocf_alg_list)
#define OCF_IOC_SUBMIT		_IOWR('c', 196, struct ocf_submit)
#define OCF_IOC_REAP		_IOWR('c', 197, struct ocf_reap)

/**
 * DOC: kTLS bridge
 *
 * %OCF_IOC_KTLS_ATTACH hands the key of an AEAD session to the kernel's TLS
 * record layer (kTLS) for one direction of a connected TCP socket: from then
 * on write(), sendmsg(), sendfile() and splice() on the socket send TLS
 * records, and read() or recvmsg() returns the plaintext of received ones.
 * %OCF_IOC_TLS13_SESSION creates such a session from a TLS 1.3 traffic
 * secret, deriving the key and IV in the kernel (RFC 8446 section 7.3).
 * Documentation/ktls-bridge.rst describes both.
 */

/* &struct ocf_ktls_attach.direction (the values of TLS_TX and TLS_RX) */
#define OCF_KTLS_TX		1
#define OCF_KTLS_RX		2

/* &struct ocf_ktls_attach.version (TLS_1_2_VERSION, TLS_1_3_VERSION) */
#define OCF_KTLS_VERSION_1_2	0x0303
#define OCF_KTLS_VERSION_1_3	0x0304

/* &struct ocf_ktls_attach.flags */
#define OCF_KTLS_F_RX_EXPECT_NO_PAD (1U << 0)	/* TLS 1.3 RX: TLS_RX_EXPECT_NO_PAD */
#define OCF_KTLS_F_HIDE_KEY	(1U << 1)	/* getsockopt() does not return the key */
#define OCF_KTLS_F_SESSION_IV	(1U << 2)	/* the IV of an OCF_IOC_TLS13_SESSION session */
#define OCF_KTLS_F_ALL		(OCF_KTLS_F_RX_EXPECT_NO_PAD | OCF_KTLS_F_HIDE_KEY | \
				 OCF_KTLS_F_SESSION_IV)

/* &struct ocf_ktls_attach.result */
#define OCF_KTLS_R_ULP_SET	(1U << 0)	/* this call set the "tls" ULP */
#define OCF_KTLS_R_KEY_HIDDEN	(1U << 1)	/* kTLS's copy of the key was wiped */
#define OCF_KTLS_R_OFFLOAD	(1U << 2)	/* keyed for device offload, not software */
#define OCF_KTLS_R_ROUTED	(1U << 3)	/* records run on the session's driver (@crid) */

/* The nonce material of every kTLS cipher: salt and IV, 12 bytes together. */
#define OCF_KTLS_IV_LEN		12

/**
 * struct ocf_ktls_attach - key kTLS from a session (%OCF_IOC_KTLS_ATTACH)
 * @ses: AEAD session: gcm(aes) with a 128 or 256-bit key, ccm(aes) 128,
 *	rfc7539(chacha20,poly1305), gcm(sm4), ccm(sm4), gcm(aria) 128 or
 *	256 (TLS 1.2 only), with the full 16-byte tag
 * @fd: connected TCP socket (IPv4 or IPv6) of the calling process
 * @direction: %OCF_KTLS_TX or %OCF_KTLS_RX
 * @version: %OCF_KTLS_VERSION_1_2 or %OCF_KTLS_VERSION_1_3
 * @flags: OCF_KTLS_F_*
 * @iv_len: %OCF_KTLS_IV_LEN, or 0 with %OCF_KTLS_F_SESSION_IV
 * @rec_seq: sequence number of the first record in this direction
 * @iv: TLS 1.2 AES and SM4/ARIA: the 4-byte implicit salt (write IV) then
 *	the 8-byte explicit nonce of the first record; TLS 1.3 and
 *	ChaCha20-Poly1305: the 12-byte static IV.  Bytes past @iv_len are zero.
 * @result: OCF_KTLS_R_* (out)
 * @cipher: the TLS_CIPHER_* value kTLS was given (out)
 * @crid: with %OCF_KTLS_R_ROUTED, the id of the driver that processes the
 *	direction's records: the session's driver, as CIOCGSESSINFO and
 *	CIOCFINDDEV name it; else 0 (kTLS chose its own) (out)
 * @reserved0: zero
 * @reserved: zero
 */
struct ocf_ktls_attach {
	__u32 ses;
	__s32 fd;
	__u32 direction;
	__u32 version;
	__u32 flags;
	__u32 iv_len;
	__u64 rec_seq;
	__u8 iv[16];
	__u32 result;
	__u32 cipher;
	__u32 crid;
	__u32 reserved0;
	__u64 reserved[3];
};

/* &struct ocf_tls13_session.suite: IANA TLS 1.3 cipher suite values */
#define OCF_TLS_AES_128_GCM_SHA256		0x1301
#define OCF_TLS_AES_256_GCM_SHA384		0x1302
#define OCF_TLS_CHACHA20_POLY1305_SHA256	0x1303
#define OCF_TLS_AES_128_CCM_SHA256		0x1304
#define OCF_TLS_SM4_GCM_SM3			0x00c6
#define OCF_TLS_SM4_CCM_SM3			0x00c7

/* &struct ocf_tls13_session.flags */
#define OCF_TLS13_F_IV_OUT	(1U << 0)	/* write the derived IV to @iv */
#define OCF_TLS13_F_ALL		OCF_TLS13_F_IV_OUT

/**
 * struct ocf_tls13_session - an AEAD session from a TLS 1.3 traffic secret
 *	(%OCF_IOC_TLS13_SESSION)
 * @suite: OCF_TLS_* cipher suite
 * @flags: OCF_TLS13_F_*
 * @secret: user pointer to the traffic secret (for example the value of a
 *	CLIENT_TRAFFIC_SECRET_0 keylog line)
 * @secret_len: length of @secret: the suite's hash length (32 or 48)
 * @crid: driver class or exact driver id, as &struct ocf_session_op.crid
 * @ses: session id (out)
 * @key_len: length of the derived key (out)
 * @iv_len: length of the derived IV, 12 (out)
 * @reserved0: zero
 * @iv: the derived IV (out, only with %OCF_TLS13_F_IV_OUT; else zeroed)
 * @reserved: zero
 *
 * The key, HKDF-Expand-Label(secret, "key", "", key_len), never leaves the
 * kernel; the IV, HKDF-Expand-Label(secret, "iv", "", 12), is kept in the
 * session for %OCF_KTLS_F_SESSION_IV.
 */
struct ocf_tls13_session {
	__u32 suite;
	__u32 flags;
	__u64 secret;
	__u32 secret_len;
	__u32 crid;
	__u32 ses;
	__u32 key_len;
	__u32 iv_len;
	__u32 reserved0;
	__u8 iv[16];
	__u64 reserved[4];
};

#define OCF_IOC_KTLS_ATTACH	_IOWR('c', 198, struct ocf_ktls_attach)
#define OCF_IOC_TLS13_SESSION	_IOWR('c', 199, struct ocf_tls13_session)

/**
 * struct ocf_tls13_update - advance one kTLS direction to the next TLS 1.3
 *	traffic secret (%OCF_IOC_TLS13_UPDATE, a KeyUpdate)
 * @ses: the %OCF_IOC_TLS13_SESSION session that keyed the direction
 * @fd: the socket whose direction it keyed (%OCF_IOC_KTLS_ATTACH with
 *	%OCF_KTLS_VERSION_1_3)
 * @direction: %OCF_KTLS_TX or %OCF_KTLS_RX
 * @flags: OCF_KTLS_F_HIDE_KEY (kTLS's copy of the new key is wiped, as
 *	for %OCF_IOC_KTLS_ATTACH); no other bit
 * @generation: the generation the direction is now at (out): 1 after the
 *	first update of the direction, 2 after the second, ...
 * @result: OCF_KTLS_R_* of the rekeyed direction (out)
 * @reserved0: zero
 * @reserved: zero
 *
 * The kernel derives application_traffic_secret_N+1 =
 * HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length) from the
 * secret it keeps for this (socket, direction), then the key and IV of
 * the new secret, and keys kTLS with them and record sequence number 0
 * (RFC 8446 section 7.2).  No secret, key or IV reaches user space.
 */
struct ocf_tls13_update {
	__u32 ses;
	__s32 fd;
	__u32 direction;
	__u32 flags;
	__u64 generation;
	__u32 result;
	__u32 reserved0;
	__u64 reserved[4];
};

#define OCF_IOC_TLS13_UPDATE	_IOWR('c', 200, struct ocf_tls13_update)

#endif /* _UAPI_CRYPTO_CRYPTODEV_H */
#endif /* OCF_FREEBSD_API */
