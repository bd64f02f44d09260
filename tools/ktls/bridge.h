/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bridge.h - the ocf kTLS bridge from user space, as small helpers.
 *
 * A TLS library that finished a handshake keys the kernel's TLS record
 * layer (kTLS) of its socket through /dev/crypto instead of passing raw key
 * bytes to setsockopt():
 *
 *	int cfd = open("/dev/crypto", O_RDWR);
 *	__u32 ses;
 *
 *	// TLS 1.3: the kernel derives key and IV from the traffic secret
 *	ktls_tls13_session(cfd, 0x1301, secret, 32, &ses);
 *	ktls_attach(cfd, ses, sock, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
 *		    NULL, 0, OCF_KTLS_F_HIDE_KEY, NULL);
 *	ioctl(cfd, CIOCFSESSION, &ses);	// the socket keeps working
 *	write(sock, "hello", 5);		// one TLS record
 *
 * Also: ktls_setsockopt() keys kTLS the usual way (to compare with, or for
 * a peer), ktls_send_type()/ktls_recv_type() send and receive records of
 * other content types (alerts, handshake messages).
 *
 * Header-only; every function returns 0 (or a length) on success and a
 * negative errno on failure.  Documentation/ktls-bridge.rst has the model.
 */
#ifndef _OCF_TOOLS_KTLS_BRIDGE_H
#define _OCF_TOOLS_KTLS_BRIDGE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/tls.h>

#include <crypto/cryptodev.h>

#ifndef SOL_TLS
#define SOL_TLS		282
#endif
#ifndef TCP_ULP
#define TCP_ULP		31
#endif

/* TLS record content types (RFC 8446 section 5.1) */
#define KTLS_RT_ALERT		21
#define KTLS_RT_HANDSHAKE	22
#define KTLS_RT_DATA		23

/**
 * struct ktls_cipher - one cipher kTLS supports, and how to name it
 * @name: short name used by the tools ("aes128gcm")
 * @alg: /dev/crypto algorithm id of the AEAD, or OCF_ALG_BY_NAME
 * @alg_name: kernel algorithm name
 * @type: TLS_CIPHER_* value
 * @suite13: TLS 1.3 cipher suite (OCF_TLS_*), 0 if none
 * @keylen: key length
 * @salt_len: bytes of the 12-byte nonce in the salt field
 * @info_size: size of the tls12_crypto_info_* structure
 * @tls12_only: not usable with TLS 1.3
 */
struct ktls_cipher {
	const char *name;
	__u32 alg;
	const char *alg_name;
	__u16 type;
	__u16 suite13;
	unsigned int keylen;
	unsigned int salt_len;
	size_t info_size;
	bool tls12_only;
};

static const struct ktls_cipher ktls_ciphers[] = {
	{ "aes128gcm", CRYPTO_AES_GCM, "gcm(aes)", TLS_CIPHER_AES_GCM_128,
	  OCF_TLS_AES_128_GCM_SHA256, 16, 4,
	  sizeof(struct tls12_crypto_info_aes_gcm_128), false },
	{ "aes256gcm", CRYPTO_AES_GCM, "gcm(aes)", TLS_CIPHER_AES_GCM_256,
	  OCF_TLS_AES_256_GCM_SHA384, 32, 4,
	  sizeof(struct tls12_crypto_info_aes_gcm_256), false },
	{ "aes128ccm", CRYPTO_AES_CCM, "ccm(aes)", TLS_CIPHER_AES_CCM_128,
	  OCF_TLS_AES_128_CCM_SHA256, 16, 4,
	  sizeof(struct tls12_crypto_info_aes_ccm_128), false },
	{ "chacha20poly1305", CRYPTO_CHACHA20_POLY1305,
	  "rfc7539(chacha20,poly1305)", TLS_CIPHER_CHACHA20_POLY1305,
	  OCF_TLS_CHACHA20_POLY1305_SHA256, 32, 0,
	  sizeof(struct tls12_crypto_info_chacha20_poly1305), false },
	{ "sm4gcm", CRYPTO_SM4_GCM, "gcm(sm4)", TLS_CIPHER_SM4_GCM,
	  OCF_TLS_SM4_GCM_SM3, 16, 4,
	  sizeof(struct tls12_crypto_info_sm4_gcm), false },
	{ "sm4ccm", CRYPTO_SM4_CCM, "ccm(sm4)", TLS_CIPHER_SM4_CCM,
	  OCF_TLS_SM4_CCM_SM3, 16, 4,
	  sizeof(struct tls12_crypto_info_sm4_ccm), false },
	{ "aria128gcm", OCF_ALG_BY_NAME, "gcm(aria)", TLS_CIPHER_ARIA_GCM_128,
	  0, 16, 4, sizeof(struct tls12_crypto_info_aria_gcm_128), true },
	{ "aria256gcm", OCF_ALG_BY_NAME, "gcm(aria)", TLS_CIPHER_ARIA_GCM_256,
	  0, 32, 4, sizeof(struct tls12_crypto_info_aria_gcm_256), true },
};

#define KTLS_NR_CIPHERS (sizeof(ktls_ciphers) / sizeof(ktls_ciphers[0]))

static inline const struct ktls_cipher *ktls_cipher_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < KTLS_NR_CIPHERS; i++)
		if (!strcmp(ktls_ciphers[i].name, name))
			return &ktls_ciphers[i];
	return NULL;
}

static inline const struct ktls_cipher *ktls_cipher_by_suite13(__u16 suite)
{
	size_t i;

	for (i = 0; i < KTLS_NR_CIPHERS; i++)
		if (ktls_ciphers[i].suite13 == suite)
			return &ktls_ciphers[i];
	return NULL;
}

/* A plain AEAD session keyed with @key (OCF_IOC_GSESSION). */
static inline int ktls_session(int cfd, const struct ktls_cipher *c,
			       const void *key, __u32 *ses)
{
	struct ocf_session_op op;

	memset(&op, 0, sizeof(op));
	op.cipher = c->alg;
	if (c->alg == OCF_ALG_BY_NAME)
		strncpy(op.cipher_name, c->alg_name, sizeof(op.cipher_name) - 1);
	op.keylen = c->keylen;
	op.key = (__u64)(uintptr_t)key;
	if (ioctl(cfd, OCF_IOC_GSESSION, &op))
		return -errno;
	*ses = op.ses;
	return 0;
}

/*
 * A session from a TLS 1.3 traffic secret (OCF_IOC_TLS13_SESSION); @iv, if
 * not NULL, receives the derived 12-byte IV.
 */
static inline int ktls_tls13_session(int cfd, __u16 suite, const void *secret,
				     size_t len, __u32 *ses, unsigned char *iv)
{
	struct ocf_tls13_session op;

	memset(&op, 0, sizeof(op));
	op.suite = suite;
	op.secret = (__u64)(uintptr_t)secret;
	op.secret_len = len;
	op.flags = iv ? OCF_TLS13_F_IV_OUT : 0;
	if (ioctl(cfd, OCF_IOC_TLS13_SESSION, &op))
		return -errno;
	*ses = op.ses;
	if (iv)
		memcpy(iv, op.iv, OCF_KTLS_IV_LEN);
	return 0;
}

/*
 * Key direction @dir (OCF_KTLS_TX or OCF_KTLS_RX) of socket @sock from
 * session @ses.  @iv is the 12-byte salt || IV, or NULL to take the IV of
 * a TLS 1.3 session; @seq the first record's sequence number; @flags
 * OCF_KTLS_F_*.  @res, if not NULL, receives the completed request.
 */
static inline int ktls_attach(int cfd, __u32 ses, int sock, int dir,
			      int version, const unsigned char *iv, __u64 seq,
			      __u32 flags, struct ocf_ktls_attach *res)
{
	struct ocf_ktls_attach a;

	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.fd = sock;
	a.direction = dir;
	a.version = version;
	a.rec_seq = seq;
	a.flags = flags;
	if (iv) {
		a.iv_len = OCF_KTLS_IV_LEN;
		memcpy(a.iv, iv, OCF_KTLS_IV_LEN);
	} else {
		a.flags |= OCF_KTLS_F_SESSION_IV;
	}
	if (ioctl(cfd, OCF_IOC_KTLS_ATTACH, &a))
		return -errno;
	if (res)
		*res = a;
	return 0;
}

/* Set the "tls" ULP unless the socket has it already. */
static inline int ktls_set_ulp(int sock)
{
	char name[16] = "";
	socklen_t len = sizeof(name);

	if (!getsockopt(sock, SOL_TCP, TCP_ULP, name, &len) &&
	    !strcmp(name, "tls"))
		return 0;
	if (setsockopt(sock, SOL_TCP, TCP_ULP, "tls", sizeof("tls")))
		return -errno;
	return 0;
}

/*
 * Fill a tls12_crypto_info_* at @buf (@c->info_size bytes).  Every one is
 * laid out as version/cipher, iv, key, salt, rec_seq.
 */
static inline void ktls_fill_info(void *buf, const struct ktls_cipher *c,
				  int version, const void *key,
				  const unsigned char *iv, __u64 seq)
{
	struct tls_crypto_info *info = buf;
	unsigned int iv_len = OCF_KTLS_IV_LEN - c->salt_len;
	unsigned char *p = (unsigned char *)(info + 1);
	int i;

	memset(buf, 0, c->info_size);
	info->version = version;
	info->cipher_type = c->type;
	memcpy(p, iv + c->salt_len, iv_len);
	p += iv_len;
	memcpy(p, key, c->keylen);
	p += c->keylen;
	memcpy(p, iv, c->salt_len);
	p += c->salt_len;
	for (i = 7; i >= 0; i--, seq >>= 8)
		p[i] = seq & 0xff;
}

/* Key direction @dir of @sock with setsockopt(), as without the bridge. */
static inline int ktls_setsockopt(int sock, int dir, int version,
				  const struct ktls_cipher *c, const void *key,
				  const unsigned char *iv, __u64 seq)
{
	unsigned char buf[64];
	int ret;

	ret = ktls_set_ulp(sock);
	if (ret)
		return ret;
	ktls_fill_info(buf, c, version, key, iv, seq);
	ret = setsockopt(sock, SOL_TLS, dir == OCF_KTLS_TX ? TLS_TX : TLS_RX,
			 buf, c->info_size) ? -errno : 0;
	memset(buf, 0, sizeof(buf));
	__asm__ __volatile__("" : : "r"(buf) : "memory");
	return ret;
}

/* Send @len bytes as one record of content type @type. */
static inline ssize_t ktls_send_type(int sock, __u8 type, const void *buf,
				     size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(type))];
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	ssize_t n;

	memset(cbuf, 0, sizeof(cbuf));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_TLS;
	cmsg->cmsg_type = TLS_SET_RECORD_TYPE;
	cmsg->cmsg_len = CMSG_LEN(sizeof(type));
	*CMSG_DATA(cmsg) = type;
	n = sendmsg(sock, &msg, 0);
	return n < 0 ? -errno : n;
}

/*
 * Receive from a kTLS RX socket, learning the record's content type: kTLS
 * returns records of another type than application data one at a time,
 * and only to a caller that can take the control message.
 */
static inline ssize_t ktls_recv_type(int sock, __u8 *type, void *buf,
				     size_t len, int flags)
{
	char cbuf[CMSG_SPACE(sizeof(*type))];
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	ssize_t n;

	n = recvmsg(sock, &msg, flags);
	if (n < 0)
		return -errno;
	*type = KTLS_RT_DATA;
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg))
		if (cmsg->cmsg_level == SOL_TLS &&
		    cmsg->cmsg_type == TLS_GET_RECORD_TYPE)
			*type = *CMSG_DATA(cmsg);
	return n;
}

/* TLS 1.3 handshake message type of a KeyUpdate (RFC 8446 section 4.6.3). */
#define KTLS_HS_KEY_UPDATE	24

/*
 * Advance direction @dir of @sock, keyed from TLS 1.3 session @ses, to the
 * next traffic secret (OCF_IOC_TLS13_UPDATE); @gen, if not NULL, receives
 * the new generation.  @flags: 0 or OCF_KTLS_F_HIDE_KEY.
 */
static inline int ktls_tls13_update(int cfd, __u32 ses, int sock, int dir,
				    __u32 flags, __u64 *gen)
{
	struct ocf_tls13_update op;

	memset(&op, 0, sizeof(op));
	op.ses = ses;
	op.fd = sock;
	op.direction = dir;
	op.flags = flags;
	if (ioctl(cfd, OCF_IOC_TLS13_UPDATE, &op))
		return -errno;
	if (gen)
		*gen = op.generation;
	return 0;
}

/*
 * Send a KeyUpdate handshake message in its own record, with
 * update_requested (1) or update_not_requested (0).  The caller advances
 * its TX direction right after, before sending anything else.
 */
static inline int ktls_send_key_update(int sock, int requested)
{
	const unsigned char msg[5] = { KTLS_HS_KEY_UPDATE, 0, 0, 1,
				       requested ? 1 : 0 };
	ssize_t n = ktls_send_type(sock, KTLS_RT_HANDSHAKE, msg, sizeof(msg));

	if (n < 0)
		return (int)n;
	return n == sizeof(msg) ? 0 : -EIO;
}

/*
 * A received handshake record that is a KeyUpdate: its request_update
 * (0 or 1), or -EPROTO for a malformed one.  -ENOENT: another message.
 */
static inline int ktls_key_update_request(const unsigned char *p, size_t n)
{
	if (n < 1 || p[0] != KTLS_HS_KEY_UPDATE)
		return -ENOENT;
	if (n != 5 || p[1] || p[2] || p[3] != 1 || p[4] > 1)
		return -EPROTO;
	return p[4];
}

#endif /* _OCF_TOOLS_KTLS_BRIDGE_H */
