// SPDX-License-Identifier: GPL-2.0
/*
 * The kTLS bridge (OCF_IOC_KTLS_ATTACH): key one direction of a user's TCP
 * socket with the key of an AEAD session, so that the kernel's TLS record
 * layer (net/tls, "kTLS") frames and encrypts what is written to the
 * socket, or decrypts what is read from it.
 *
 * kTLS allocates its own transform by the generic algorithm name and takes
 * a raw key: it cannot use the session's transform.  So the bridge builds
 * the tls12_crypto_info_* kTLS expects on the stack, from the key the
 * session keeps for this purpose and the caller's salt, IV and sequence
 * number, and wipes that copy on every path.  The session may be freed
 * right after: the socket keeps working.
 *
 * The sequence runs in process context and holds references on the session
 * and on the socket's file, but no lock of ours: kTLS takes the socket lock
 * itself and may sleep.
 *  1. check the arguments, the session's cipher and the socket (TCP over
 *     IPv4 or IPv6, connected);
 *  2. set the "tls" upper-layer protocol (ULP) unless the socket has it;
 *     another ULP is an error;
 *  3. setsockopt(SOL_TLS, TLS_TX or TLS_RX) through
 *     ocf_sock_setsockopt() (compat.h: the system call's own path, with its
 *     LSM and cgroup-BPF hooks, where the kernel exports it), the info
 *     passed in a page of the caller's (set_crypto_info());
 *  4. optionally TLS_RX_EXPECT_NO_PAD, and wiping kTLS's copy of the key so
 *     that getsockopt(SOL_TLS) cannot return it (see hide_key()).
 */
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/net.h>
#include <linux/string.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/tls.h>
#include <crypto/aead.h>
#include <crypto/cryptodev.h>

#include "chardev.h"
#include "compat/ktls.h"
#include "driver.h"
#include "ktls.h"
#include "ktls_route.h"
#include "session.h"
#include "tls13.h"

/* The name kTLS registers its ULP under. */
#define KTLS_ULP	"tls"

/* kTLS uses the full 16-byte tag of every cipher it supports. */
#define KTLS_TAG_LEN	16

/* The ABI: one layout on every architecture. */
static_assert(sizeof(struct ocf_ktls_attach) == 88);
static_assert(OCF_KTLS_VERSION_1_2 == TLS_1_2_VERSION);
static_assert(OCF_KTLS_VERSION_1_3 == TLS_1_3_VERSION);

/**
 * struct ktls_cipher - how a session's AEAD maps to a kTLS cipher
 * @alg: cra_name of the session's AEAD transform
 * @type: TLS_CIPHER_* value
 * @tls12_only: kTLS refuses the cipher for TLS 1.3
 * @size: size of the cipher's tls12_crypto_info_* structure
 * @keylen: key length, which selects the cipher among those of @alg
 * @iv_len: length of the structure's iv field
 * @salt_len: length of its salt field; @salt_len + @iv_len is 12
 * @iv_off: offset of the iv field
 * @key_off: offset of the key field
 * @salt_off: offset of the salt field
 * @seq_off: offset of the rec_seq field (8 bytes, big endian)
 */
struct ktls_cipher {
	const char *alg;
	u16 type;
	bool tls12_only;
	u8 size;
	u8 keylen;
	u8 iv_len;
	u8 salt_len;
	u8 iv_off;
	u8 key_off;
	u8 salt_off;
	u8 seq_off;
};

#define KTLS_CIPHER(name, t, s, only12) {				\
	.alg = (name), .type = (t), .tls12_only = (only12),		\
	.size = sizeof(s), .keylen = sizeof_field(s, key),		\
	.iv_len = sizeof_field(s, iv), .salt_len = sizeof_field(s, salt), \
	.iv_off = offsetof(s, iv), .key_off = offsetof(s, key),	\
	.salt_off = offsetof(s, salt), .seq_off = offsetof(s, rec_seq) }

static const struct ktls_cipher ktls_ciphers[] = {
	KTLS_CIPHER("gcm(aes)", TLS_CIPHER_AES_GCM_128,
		    struct tls12_crypto_info_aes_gcm_128, false),
	KTLS_CIPHER("gcm(aes)", TLS_CIPHER_AES_GCM_256,
		    struct tls12_crypto_info_aes_gcm_256, false),
	KTLS_CIPHER("ccm(aes)", TLS_CIPHER_AES_CCM_128,
		    struct tls12_crypto_info_aes_ccm_128, false),
	KTLS_CIPHER("rfc7539(chacha20,poly1305)", TLS_CIPHER_CHACHA20_POLY1305,
		    struct tls12_crypto_info_chacha20_poly1305, false),
	KTLS_CIPHER("gcm(sm4)", TLS_CIPHER_SM4_GCM,
		    struct tls12_crypto_info_sm4_gcm, false),
	KTLS_CIPHER("ccm(sm4)", TLS_CIPHER_SM4_CCM,
		    struct tls12_crypto_info_sm4_ccm, false),
	KTLS_CIPHER("gcm(aria)", TLS_CIPHER_ARIA_GCM_128,
		    struct tls12_crypto_info_aria_gcm_128, true),
	KTLS_CIPHER("gcm(aria)", TLS_CIPHER_ARIA_GCM_256,
		    struct tls12_crypto_info_aria_gcm_256, true),
};

/* Room for the largest tls12_crypto_info_* of the table. */
union ktls_info {
	struct tls_crypto_info info;
	struct tls12_crypto_info_aes_gcm_256 aes_gcm_256;
	struct tls12_crypto_info_chacha20_poly1305 chacha20_poly1305;
	struct tls12_crypto_info_aria_gcm_256 aria_gcm_256;
};

/* Every cipher's nonce is salt || iv, 12 bytes; hide_key() relies on the size. */
#define KTLS_CHECK(s)								\
	static_assert(sizeof_field(s, salt) + sizeof_field(s, iv) == OCF_KTLS_IV_LEN && \
		      sizeof_field(s, rec_seq) == sizeof(__be64) &&		\
		      sizeof(s) <= sizeof(union ktls_info) &&			\
		      sizeof(s) <= sizeof(union tls_crypto_context))
KTLS_CHECK(struct tls12_crypto_info_aes_gcm_128);
KTLS_CHECK(struct tls12_crypto_info_aes_gcm_256);
KTLS_CHECK(struct tls12_crypto_info_aes_ccm_128);
KTLS_CHECK(struct tls12_crypto_info_chacha20_poly1305);
KTLS_CHECK(struct tls12_crypto_info_sm4_gcm);
KTLS_CHECK(struct tls12_crypto_info_sm4_ccm);
KTLS_CHECK(struct tls12_crypto_info_aria_gcm_128);
KTLS_CHECK(struct tls12_crypto_info_aria_gcm_256);

static int check_args(const struct ocf_ktls_attach *a)
{
	unsigned int i, iv_len;

	/* result, cipher and crid are out only: ignored on input. */
	if (a->flags & ~OCF_KTLS_F_ALL || a->reserved0)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(a->reserved); i++)
		if (a->reserved[i])
			return -EINVAL;
	if (a->direction != OCF_KTLS_TX && a->direction != OCF_KTLS_RX)
		return -EINVAL;
	if (a->version != OCF_KTLS_VERSION_1_2 &&
	    a->version != OCF_KTLS_VERSION_1_3)
		return -EINVAL;
	if ((a->flags & OCF_KTLS_F_RX_EXPECT_NO_PAD) &&
	    (a->direction != OCF_KTLS_RX || a->version != OCF_KTLS_VERSION_1_3))
		return -EINVAL;
	iv_len = a->flags & OCF_KTLS_F_SESSION_IV ? 0 : OCF_KTLS_IV_LEN;
	if (a->iv_len != iv_len ||
	    memchr_inv(a->iv + iv_len, 0, sizeof(a->iv) - iv_len))
		return -EINVAL;
	if ((a->flags & OCF_KTLS_F_RX_EXPECT_NO_PAD) && !ocf_ktls_has_rx_no_pad())
		return -EOPNOTSUPP;
	return 0;
}

/* The kTLS cipher of a session, or NULL when kTLS cannot use it. */
static const struct ktls_cipher *find_cipher(const struct ocf_session *s,
					     u32 version)
{
	const char *alg;
	unsigned int i;

	if (!s->aead || !s->key || s->deftag != KTLS_TAG_LEN)
		return NULL;
	alg = crypto_tfm_alg_name(crypto_aead_tfm(s->aead));
	for (i = 0; i < ARRAY_SIZE(ktls_ciphers); i++) {
		const struct ktls_cipher *c = &ktls_ciphers[i];

		if (c->keylen == s->keylen && !strcmp(c->alg, alg))
			return c->tls12_only && version != TLS_1_2_VERSION ? NULL : c;
	}
	return NULL;
}

/* Salt || IV from the caller, or the IV a TLS 1.3 session was made with. */
static int get_nonce(const struct ocf_session *s,
		     const struct ocf_ktls_attach *a, u8 *nonce)
{
	if (!(a->flags & OCF_KTLS_F_SESSION_IV)) {
		memcpy(nonce, a->iv, OCF_KTLS_IV_LEN);
		return 0;
	}
	if (a->version != OCF_KTLS_VERSION_1_3)
		return -EINVAL;
	/* Set before the session's id existed (tls13.c). */
	if (s->tls_ivlen != OCF_KTLS_IV_LEN)
		return -EINVAL;
	memcpy(nonce, s->tls_iv, OCF_KTLS_IV_LEN);
	return 0;
}

static int check_socket(const struct socket *sock)
{
	const struct sock *sk = sock->sk;
	int state;

	if (sock->type != SOCK_STREAM || !sk ||
	    sk->sk_protocol != IPPROTO_TCP ||
	    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
		return -EPROTONOSUPPORT;
	state = READ_ONCE(sk->sk_state);
	if (state != TCP_ESTABLISHED && state != TCP_CLOSE_WAIT)
		return -ENOTCONN;
	return 0;
}

/* Does the socket have kTLS as its ULP?  Caller holds the socket lock. */
static bool has_ktls(struct sock *sk)
{
	const struct tcp_ulp_ops *ops = inet_csk(sk)->icsk_ulp_ops;

	sock_owned_by_me(sk);
	return ops && !strcmp(ops->name, KTLS_ULP);
}

/* 1: the socket has kTLS as its ULP; 0: no ULP; -EEXIST: another one. */
static int socket_ulp(struct sock *sk)
{
	int ret = 0;

	lock_sock(sk);
	if (inet_csk(sk)->icsk_ulp_ops)
		ret = has_ktls(sk) ? 1 : -EEXIST;
	release_sock(sk);
	return ret;
}

/*
 * The ULP is read from the socket itself: getsockopt(TCP_ULP) into a
 * kernel buffer is not possible (do_sock_getsockopt() warns on it).
 */
static int set_ulp(struct socket *sock, u32 *result)
{
	char name[] = KTLS_ULP;
	int ret;

	ret = socket_ulp(sock->sk);
	if (ret)
		return ret < 0 ? ret : 0;
	ret = ocf_sock_setsockopt(sock, SOL_TCP, TCP_ULP, KERNEL_SOCKPTR(name),
				  strlen(name));
	switch (ret) {
	case 0:
		*result |= OCF_KTLS_R_ULP_SET;
		return 0;
	case -EEXIST:
		/* Another thread set a ULP meanwhile: fine if it is kTLS. */
		return socket_ulp(sock->sk) == 1 ? 0 : -EEXIST;
	case -ENOENT:
		/* No "tls" ULP, and the caller may not load tls.ko. */
		return -ENOPKG;
	default:
		return ret;
	}
}

/*
 * setsockopt(SOL_TLS, TLS_TX or TLS_RX) with @info, through user memory.
 *
 * kTLS copies the crypto_info in two steps, the second into the space past
 * its first member.  From a kernel buffer that copy is a memcpy() which
 * FORTIFY_SOURCE reports as a field-spanning write (a WARNING with a stack
 * trace, a panic under panic_on_warn: 7.x); from user memory it is the
 * system call's copy_from_user().  So the info goes through a private
 * anonymous page of the caller, mapped for the call and cleared before it
 * is unmapped.  The key is the caller's own (or derived from its own), so
 * nothing is shown to the process that it could not compute.  Without a
 * user address space (a kernel thread) the kernel buffer is used.
 */
static int set_crypto_info(struct socket *sock, bool tx,
			   const union ktls_info *info, unsigned int len)
{
	int opt = tx ? TLS_TX : TLS_RX;
	unsigned long addr;
	void __user *u;
	int ret;

	if (!current->mm || (current->flags & PF_KTHREAD))
		return ocf_sock_setsockopt(sock, SOL_TLS, opt,
					   KERNEL_SOCKPTR((void *)info), len);
	addr = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	u = (void __user *)addr;
	if (copy_to_user(u, info, len))
		ret = -EFAULT;
	else
		ret = ocf_sock_setsockopt(sock, SOL_TLS, opt, USER_SOCKPTR(u),
					  len);
	/* Another thread may have unmapped it: then there is nothing to clear. */
	if (clear_user(u, len))
		ret = ret ?: -EFAULT;
	vm_munmap(addr, PAGE_SIZE);
	return ret;
}

static int set_key(struct socket *sock, const struct ktls_cipher *c,
		   const struct ocf_session *s, const struct ocf_ktls_attach *a,
		   const u8 *nonce)
{
	__be64 seq = cpu_to_be64(a->rec_seq);
	union ktls_info info;
	u8 *p = (u8 *)&info;
	int ret;

	memset(&info, 0, sizeof(info));
	info.info.version = a->version;
	info.info.cipher_type = c->type;
	memcpy(p + c->salt_off, nonce, c->salt_len);
	memcpy(p + c->iv_off, nonce + c->salt_len, c->iv_len);
	memcpy(p + c->key_off, s->key, c->keylen);
	memcpy(p + c->seq_off, &seq, sizeof(seq));
	ret = set_crypto_info(sock, a->direction == OCF_KTLS_TX, &info,
			      c->size);
	memzero_explicit(&info, sizeof(info));
	return ret;
}

/* Is the direction keyed in software already?  (kTLS's own state.) */
static bool keyed_sw(struct sock *sk, bool tx)
{
	struct tls_context *ctx;
	bool keyed = false;

	lock_sock(sk);
	ctx = has_ktls(sk) ? tls_get_ctx(sk) : NULL;
	if (ctx)
		keyed = (tx ? ctx->tx_conf : ctx->rx_conf) == TLS_SW;
	release_sock(sk);
	return keyed;
}

/*
 * set_key() with kTLS's transform routed to the session's driver
 * (ktls_route.c).  Return: as set_key(); *@crid is the driver's id when
 * routed, else 0.
 */
static int set_key_routed(struct socket *sock, const struct ktls_cipher *c,
			  const struct ocf_session *s,
			  const struct ocf_ktls_attach *a, const u8 *nonce,
			  u32 *crid)
{
	struct ocf_ktls_route route;
	bool routed;
	int ret, id;

	*crid = 0;
	/* A rekey (7.x): kTLS keeps the transform of the first keying. */
	if (keyed_sw(sock->sk, a->direction == OCF_KTLS_TX))
		return set_key(sock, c, s, a, nonce);
	ret = ocf_ktls_route_begin(&route, s);
	if (ret)
		return ret;
	ret = set_key(sock, c, s, a, nonce);
	routed = ocf_ktls_route_end(&route);
	if (!ret && routed) {
		id = ocf_driver_id(crypto_tfm_alg_driver_name(crypto_aead_tfm(s->aead)));
		if (id > 0)
			*crid = id;
	}
	return ret;
}

static int set_no_pad(struct socket *sock)
{
	u32 one = 1;

	return ocf_sock_setsockopt(sock, SOL_TLS, TLS_RX_EXPECT_NO_PAD,
				   KERNEL_SOCKPTR(&one), sizeof(one));
}

/*
 * kTLS keeps the crypto_info it was keyed with in its context, and
 * getsockopt(SOL_TLS, TLS_TX/TLS_RX) copies it out, key included, to anyone
 * holding the socket.  In software mode kTLS reads that key only while the
 * direction is being keyed (to key its own transform); afterwards it reads
 * the version and cipher (to check the other direction, for inet_diag) and
 * wipes the whole context on close.  So the key bytes can be wiped here,
 * under the socket lock, which kTLS's setsockopt and getsockopt also take;
 * getsockopt then returns zeros in their place.  Device offload reads the
 * context again later (its software fallback), so it is left alone and
 * the caller learns it from the result.
 *
 * Return: OCF_KTLS_R_* bits describing the direction.
 */
static u32 inspect(struct sock *sk, const struct ktls_cipher *c, bool tx,
		   bool hide_key)
{
	union tls_crypto_context *cc;
	struct tls_context *ctx;
	u32 result = 0;
	u8 conf;

	lock_sock(sk);
	ctx = has_ktls(sk) ? tls_get_ctx(sk) : NULL;
	if (!ctx)
		goto out;
	conf = tx ? ctx->tx_conf : ctx->rx_conf;
	if (conf != TLS_SW) {
		result |= OCF_KTLS_R_OFFLOAD;
		goto out;
	}
	cc = tx ? &ctx->crypto_send : &ctx->crypto_recv;
	if (hide_key && cc->info.cipher_type == c->type) {
		memzero_explicit((u8 *)cc + c->key_off, c->keylen);
		result |= OCF_KTLS_R_KEY_HIDDEN;
	}
out:
	release_sock(sk);
	return result;
}

/**
 * ocf_ktls_attach() - key one direction of a TCP socket's kTLS from a
 *	session (OCF_IOC_KTLS_ATTACH)
 * @f: the open file owning the session
 * @a: the request (kernel copy); result and cipher are filled in
 *
 * Return: 0 on success; -EINVAL for bad arguments, an unknown session or
 * one kTLS cannot use, or keying refused by kTLS (version or cipher unlike
 * the other direction's); -EBADF, -ENOTSOCK for the descriptor;
 * -EPROTONOSUPPORT when the socket is not TCP; -ENOTCONN when it is not
 * connected; -EEXIST when it has another ULP; -ENOPKG when kTLS is not
 * available; -EBUSY when the direction is keyed already (and kTLS cannot
 * rekey); -EOPNOTSUPP when this kernel's kTLS lacks the cipher or
 * TLS_RX_EXPECT_NO_PAD; -ENOMEM.
 */
long ocf_ktls_attach(struct ocf_file *f, struct ocf_ktls_attach *a)
{
	const struct ktls_cipher *c;
	u8 nonce[OCF_KTLS_IV_LEN];
	struct ocf_session *s;
	struct socket *sock;
	u32 result = 0, crid = 0;
	int ret;

	ret = check_args(a);
	if (ret)
		return ret;
	s = ocf_session_get(f, a->ses);
	if (!s)
		return -EINVAL;
	c = find_cipher(s, a->version);
	if (!c)
		ret = -EINVAL;
	else if (!ocf_ktls_cipher_supported(c->type))
		ret = -EOPNOTSUPP;	/* this kernel's kTLS lacks the cipher */
	else
		ret = get_nonce(s, a, nonce);
	if (ret)
		goto out_put_session;

	sock = sockfd_lookup(a->fd, &ret);
	if (!sock)
		goto out_wipe_nonce;
	ret = check_socket(sock);
	if (!ret)
		ret = set_ulp(sock, &result);
	if (!ret)
		ret = set_key_routed(sock, c, s, a, nonce, &crid);
	if (!ret && (a->flags & OCF_KTLS_F_RX_EXPECT_NO_PAD))
		ret = set_no_pad(sock);
	if (!ret) {
		result |= inspect(sock->sk, c, a->direction == OCF_KTLS_TX,
				  a->flags & OCF_KTLS_F_HIDE_KEY);
		if (crid)
			result |= OCF_KTLS_R_ROUTED;
		a->result = result;
		a->cipher = c->type;
		a->crid = crid;
		/* KeyUpdate (tls13_update.c) may advance this direction. */
		ocf_tls13_bind(s, sock, a->direction, a->version, nonce);
	}
	sockfd_put(sock);
out_wipe_nonce:
	memzero_explicit(nonce, sizeof(nonce));
out_put_session:
	ocf_session_put(s);
	return ret;
}

/*
 * TLS 1.3 KeyUpdate (OCF_IOC_TLS13_UPDATE, tls13_update.c): key a direction
 * kTLS has keyed already, with the next generation's key and IV.
 */

/*
 * Is @tx (or RX) of the socket keyed in software with TLS 1.3, cipher @c
 * and static IV @nonce, that is with the generation the caller holds?
 */
static int check_generation(struct sock *sk, const struct ktls_cipher *c,
			    bool tx, const u8 *nonce)
{
	const union tls_crypto_context *cc;
	struct tls_context *ctx;
	const u8 *p;
	int ret = -ENOENT;

	lock_sock(sk);
	ctx = has_ktls(sk) ? tls_get_ctx(sk) : NULL;
	if (!ctx)
		goto out;
	cc = tx ? &ctx->crypto_send : &ctx->crypto_recv;
	if (cc->info.version != TLS_1_3_VERSION ||
	    cc->info.cipher_type != c->type)
		goto out;
	if ((tx ? ctx->tx_conf : ctx->rx_conf) != TLS_SW) {
		ret = -EOPNOTSUPP;	/* device offload */
		goto out;
	}
	p = (const u8 *)cc;
	if (!memcmp(p + c->salt_off, nonce, c->salt_len) &&
	    !memcmp(p + c->iv_off, nonce + c->salt_len, c->iv_len))
		ret = 0;
out:
	release_sock(sk);
	return ret;
}

/**
 * ocf_ktls_rekey() - key a keyed TLS 1.3 direction again (KeyUpdate)
 * @sock: the socket (the caller holds its file)
 * @s: the session that keyed it: its AEAD names the cipher
 * @tx: the TX direction, else RX
 * @old_nonce: static IV of the generation the direction must be at now
 * @key: the new key (the cipher's key length)
 * @nonce: the new static IV (%OCF_KTLS_IV_LEN bytes)
 * @hide_key: wipe kTLS's copy of the new key, as OCF_KTLS_F_HIDE_KEY
 * @result: OCF_KTLS_R_* of the direction (out)
 *
 * The record sequence number starts again at 0 (RFC 8446 section 5.3).
 * Callers check ocf_ktls_can_rekey() first.
 *
 * Return: 0; -ENOENT when the direction is not keyed with TLS 1.3 and
 * @old_nonce; -EOPNOTSUPP for device offload; -EPROTONOSUPPORT,
 * -ENOTCONN for the socket (RX may still be advanced after our FIN);
 * -EINVAL when kTLS cannot use the session's cipher; and kTLS's errors.
 */
int ocf_ktls_rekey(struct socket *sock, const struct ocf_session *s, bool tx,
		   const u8 *old_nonce, const u8 *key, const u8 *nonce,
		   bool hide_key, u32 *result)
{
	const struct ktls_cipher *c = find_cipher(s, TLS_1_3_VERSION);
	union ktls_info info;
	u8 *p = (u8 *)&info;
	int ret;

	if (!c)
		return -EINVAL;
	ret = check_socket(sock);
	/*
	 * A socket that sent its FIN still receives: the peer's KeyUpdate may
	 * come after our close_notify and shutdown(SHUT_WR).
	 */
	if (ret == -ENOTCONN && !tx &&
	    (1 << READ_ONCE(sock->sk->sk_state)) & (TCPF_FIN_WAIT1 | TCPF_FIN_WAIT2))
		ret = 0;
	if (!ret)
		ret = check_generation(sock->sk, c, tx, old_nonce);
	if (ret)
		return ret;

	memset(&info, 0, sizeof(info));
	info.info.version = TLS_1_3_VERSION;
	info.info.cipher_type = c->type;
	memcpy(p + c->salt_off, nonce, c->salt_len);
	memcpy(p + c->iv_off, nonce + c->salt_len, c->iv_len);
	memcpy(p + c->key_off, key, c->keylen);
	/* rec_seq: zero, from the memset */
	ret = set_crypto_info(sock, tx, &info, c->size);
	memzero_explicit(&info, sizeof(info));
	if (!ret)
		*result = inspect(sock->sk, c, tx, hide_key);
	return ret;
}
