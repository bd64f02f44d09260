// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.3 KeyUpdate done in the kernel (OCF_IOC_TLS13_UPDATE).
 *
 * A session made from a traffic secret (tls13.c) keeps that secret.  Each
 * time the bridge keys a kTLS direction with the session for TLS 1.3
 * (ktls.c), the session records the direction: the socket's cookie (a
 * 64-bit number the kernel never reuses, so no pointer to the socket is
 * kept and a closed socket leaves no dangling reference), the direction,
 * and its own copy of the secret and static IV at generation 0.  Each
 * direction then advances on its own: one session may key the two ends of
 * a loopback pair, whose peers update at different times.
 *
 * An update finds the record of (socket, direction), derives
 *
 *	secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length)
 *
 * and the key and IV of secret_N+1 (RFC 8446 sections 7.2 and 7.3), and
 * keys kTLS again (ktls.c, ocf_ktls_rekey()), which checks under the
 * socket lock that the direction is still keyed with generation N's IV:
 * a direction keyed meanwhile by another session, or by setsockopt(), is
 * not this session's to advance.  The record is updated only when kTLS
 * took the new key, so a failed update leaves both at generation N.
 *
 * The state's mutex serialises updates (and attaches) of one session: two
 * threads advancing the same direction at once make two generations, one
 * after the other, never two keys derived from the same secret.  It is
 * taken before the socket lock (inside kTLS's setsockopt) and never the
 * other way round.
 *
 * A session remembers the TLS13_MAX_BINDS most recently keyed directions;
 * an older one can no longer be advanced (ENOENT).
 */
#include <linux/atomic.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/sock_diag.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/cryptodev.h>

#include "chardev.h"
#include "compat/ktls.h"
#include "ktls.h"
#include "ocf.h"
#include "session.h"
#include "tls13.h"

/* Directions one session remembers (the most recently keyed ones). */
#define TLS13_MAX_BINDS	8

/* The ABI: one layout on every architecture. */
static_assert(sizeof(struct ocf_tls13_update) == 64);

/**
 * struct tls13_bind - one kTLS direction a session keyed
 * @cookie: the socket's cookie; 0 for an unused slot
 * @stamp: when it was last keyed or advanced (for reuse of the slot)
 * @direction: OCF_KTLS_TX or OCF_KTLS_RX
 * @generation: N, the number of updates so far
 * @secret: application_traffic_secret_N
 * @iv: its static IV, which kTLS must still have
 */
struct tls13_bind {
	u64 cookie;
	u64 stamp;
	u32 direction;
	u32 generation;
	u8 secret[HASH_MAX_DIGESTSIZE];
	u8 iv[OCF_KTLS_IV_LEN];
};

/**
 * struct ocf_tls13_state - what a TLS 1.3 session keeps for KeyUpdate
 * @lock: serialises the updates and attaches of the session
 * @suite: the session's cipher suite (tls13.c)
 * @secret_len: length of the secrets, the suite's hash length
 * @secret: the secret the session was made from (generation 0)
 * @iv: its static IV
 * @clock: source of &struct tls13_bind.stamp
 * @binds: the directions keyed
 *
 * Every secret is wiped when the session is freed.
 */
struct ocf_tls13_state {
	struct mutex lock;	/* see @lock above */
	const struct tls13_suite *suite;
	unsigned int secret_len;
	u8 secret[HASH_MAX_DIGESTSIZE];
	u8 iv[OCF_KTLS_IV_LEN];
	u64 clock;
	struct tls13_bind binds[TLS13_MAX_BINDS];
};

/* Module-wide counters (debugfs ocf/ktls, stats.c). */
static atomic64_t updates_tx = ATOMIC64_INIT(0);
static atomic64_t updates_rx = ATOMIC64_INIT(0);
static atomic64_t update_errors = ATOMIC64_INIT(0);

/**
 * ocf_tls13_state_new() - keep a new TLS 1.3 session's secret
 * @s: the session, not yet visible to anyone
 * @suite: its suite
 * @secret: its traffic secret
 * @secret_len: the secret's length
 * @iv: the secret's static IV
 *
 * Return: 0 or -ENOMEM.
 */
int ocf_tls13_state_new(struct ocf_session *s, const struct tls13_suite *suite,
			const u8 *secret, unsigned int secret_len,
			const u8 *iv)
{
	struct ocf_tls13_state *st;

	if (secret_len > HASH_MAX_DIGESTSIZE)
		return -EINVAL;
	st = kzalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);
	if (!st)
		return -ENOMEM;
	mutex_init(&st->lock);
	st->suite = suite;
	st->secret_len = secret_len;
	memcpy(st->secret, secret, secret_len);
	memcpy(st->iv, iv, OCF_KTLS_IV_LEN);
	s->tls13 = st;
	return 0;
}

/* Wipe and free a session's state (NULL is fine). */
void ocf_tls13_state_free(struct ocf_tls13_state *st)
{
	if (!st)
		return;
	mutex_destroy(&st->lock);
	kfree_sensitive(st);
}

static u64 socket_cookie(struct socket *sock)
{
	u32 c[2];

	sock_diag_save_cookie(sock->sk, c);
	return c[0] | (u64)c[1] << 32;
}

/* The record of (@cookie, @direction), or NULL.  Caller holds the lock. */
static struct tls13_bind *find_bind(struct ocf_tls13_state *st, u64 cookie,
				    u32 direction)
{
	unsigned int i;

	lockdep_assert_held(&st->lock);
	for (i = 0; i < TLS13_MAX_BINDS; i++) {
		struct tls13_bind *b = &st->binds[i];

		if (b->cookie == cookie && b->direction == direction)
			return b;
	}
	return NULL;
}

/* An unused slot, else the least recently used.  Caller holds the lock. */
static struct tls13_bind *free_bind(struct ocf_tls13_state *st)
{
	struct tls13_bind *victim = &st->binds[0];
	unsigned int i;

	lockdep_assert_held(&st->lock);
	for (i = 0; i < TLS13_MAX_BINDS; i++) {
		struct tls13_bind *b = &st->binds[i];

		if (!b->cookie)
			return b;
		if (b->stamp < victim->stamp)
			victim = b;
	}
	return victim;
}

/**
 * ocf_tls13_bind() - remember that a session keyed a kTLS direction
 * @s: the session
 * @sock: the socket (the caller holds its file)
 * @direction: OCF_KTLS_TX or OCF_KTLS_RX
 * @version: the TLS version it was keyed for
 * @nonce: the static IV it was keyed with
 *
 * Only a TLS 1.3 direction keyed with the session's own IV is recorded
 * (with any other IV, no generation of the secret matches the keys);
 * keying the same direction again starts it at generation 0 again.
 */
void ocf_tls13_bind(struct ocf_session *s, struct socket *sock, u32 direction,
		    u32 version, const u8 *nonce)
{
	struct ocf_tls13_state *st = s->tls13;
	struct tls13_bind *b;
	u64 cookie;

	if (!st || version != OCF_KTLS_VERSION_1_3 ||
	    memcmp(nonce, st->iv, OCF_KTLS_IV_LEN))
		return;
	cookie = socket_cookie(sock);
	mutex_lock(&st->lock);
	b = find_bind(st, cookie, direction);
	if (!b)
		b = free_bind(st);
	b->cookie = cookie;
	b->direction = direction;
	b->generation = 0;
	memcpy(b->secret, st->secret, st->secret_len);
	memcpy(b->iv, st->iv, OCF_KTLS_IV_LEN);
	b->stamp = ++st->clock;
	mutex_unlock(&st->lock);
}

static int check_args(const struct ocf_tls13_update *op)
{
	unsigned int i;

	if (op->flags & ~OCF_KTLS_F_HIDE_KEY || op->reserved0)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(op->reserved); i++)
		if (op->reserved[i])
			return -EINVAL;
	if (op->direction != OCF_KTLS_TX && op->direction != OCF_KTLS_RX)
		return -EINVAL;
	return 0;
}

/* Advance the direction @b of @sock.  Caller holds the state's lock. */
static int advance(struct ocf_session *s, struct tls13_bind *b,
		   struct socket *sock, struct ocf_tls13_update *op)
{
	struct ocf_tls13_state *st = s->tls13;
	u8 next[HASH_MAX_DIGESTSIZE], key[OCF_MAX_CIPHER_KEY];
	u8 iv[OCF_KTLS_IV_LEN];
	u32 result = 0;
	int ret;

	lockdep_assert_held(&st->lock);
	if (b->generation >= ocf_limit(&ocf_max_key_updates))
		return -EOVERFLOW;
	ret = ocf_tls13_next(st->suite, b->secret, st->secret_len, next, key,
			     iv);
	if (!ret)
		ret = ocf_ktls_rekey(sock, s, op->direction == OCF_KTLS_TX,
				     b->iv, key, iv,
				     op->flags & OCF_KTLS_F_HIDE_KEY, &result);
	if (!ret) {
		memcpy(b->secret, next, st->secret_len);
		memcpy(b->iv, iv, OCF_KTLS_IV_LEN);
		b->generation++;
		b->stamp = ++st->clock;
		op->generation = b->generation;
		op->result = result;
		atomic64_inc(op->direction == OCF_KTLS_TX ? &updates_tx :
			     &updates_rx);
	} else {
		atomic64_inc(&update_errors);
	}
	memzero_explicit(next, sizeof(next));
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return ret;
}

/**
 * ocf_tls13_update() - advance a kTLS direction to the next generation of
 *	its traffic secret (OCF_IOC_TLS13_UPDATE)
 * @f: the open file owning the session
 * @op: the request (kernel copy); generation and result are filled in
 *
 * Return: 0; -EINVAL for unknown flags, non-zero reserved fields, a bad
 * direction, an unknown session or one not made from a TLS 1.3 traffic
 * secret (a TLS 1.2 session); -EOPNOTSUPP when this kernel's kTLS cannot
 * rekey, or the direction is offloaded to a device; -EBADF, -ENOTSOCK
 * for the descriptor; -EPROTONOSUPPORT, -ENOTCONN for the socket;
 * -ENOENT when the session did not key this direction of this socket for
 * TLS 1.3, or the direction was keyed again since by something else;
 * -EOVERFLOW when the direction is at the max_key_updates generation;
 * -EINTR when killed while waiting for another update of the session;
 * -ENOMEM and kTLS's errors.
 */
long ocf_tls13_update(struct ocf_file *f, struct ocf_tls13_update *op)
{
	struct ocf_tls13_state *st;
	struct ocf_session *s;
	struct tls13_bind *b;
	struct socket *sock;
	u64 cookie;
	int ret;

	ret = check_args(op);
	if (ret)
		return ret;
	op->generation = 0;
	op->result = 0;
	if (!ocf_ktls_can_rekey())
		return -EOPNOTSUPP;
	s = ocf_session_get(f, op->ses);
	if (!s)
		return -EINVAL;
	st = s->tls13;
	if (!st) {
		ret = -EINVAL;
		goto out_put_session;
	}
	sock = sockfd_lookup(op->fd, &ret);
	if (!sock)
		goto out_put_session;
	cookie = socket_cookie(sock);
	ret = mutex_lock_killable(&st->lock);
	if (ret)
		goto out_put_sock;
	b = find_bind(st, cookie, op->direction);
	ret = b ? advance(s, b, sock, op) : -ENOENT;
	mutex_unlock(&st->lock);
out_put_sock:
	sockfd_put(sock);
out_put_session:
	ocf_session_put(s);
	return ret;
}

/* The counters, for debugfs ocf/ktls. */
void ocf_tls13_update_stats(u64 *tx, u64 *rx, u64 *errors)
{
	*tx = atomic64_read(&updates_tx);
	*rx = atomic64_read(&updates_rx);
	*errors = atomic64_read(&update_errors);
}
