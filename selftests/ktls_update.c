// SPDX-License-Identifier: GPL-2.0
/*
 * ktls_update: TLS 1.3 KeyUpdate done by the kernel (OCF_IOC_TLS13_UPDATE),
 * on loopback TCP connections.
 *
 *   - OCF_FEAT_KEY_UPDATE says what the kernel's own kTLS says: a second
 *     TLS_TX with setsockopt() succeeds (rekey) or fails with EBUSY.
 *     Without rekey, OCF_IOC_TLS13_UPDATE fails with EOPNOTSUPP and the
 *     rest is skipped.
 *   - Known answers: for each TLS 1.3 suite, the peer of a bridged
 *     direction is keyed with setsockopt() from keys this program derives
 *     with OpenSSL's HKDF ("traffic upd", then "key" and "iv"), generation
 *     after generation, both for a bridged TX and a bridged RX; the
 *     KeyUpdate record is sent and received through the record-type
 *     control messages, and the RX side reads EKEYEXPIRED until it is
 *     rekeyed.
 *   - Both ends bridged, both directions, many generations (each side's
 *     KeyUpdate requests the other's), data identical; the module's
 *     counters (debugfs ocf/ktls) and kTLS's (/proc/net/tls_stat) grow by
 *     the number of updates done.
 *   - Bad input: flags, reserved fields, direction, unknown session, a
 *     TLS 1.2 session, a socket or direction the session did not key, a
 *     direction keyed since by something else, a closed descriptor, a
 *     descriptor that is not a socket; two threads updating the same
 *     direction at once (every generation once, none lost); the
 *     max_key_updates limit (EOVERFLOW, the direction still at the
 *     limit); nothing held afterwards.
 *
 * Usage: ktls_update [-g GENERATIONS] (loopback generations, default 64)
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "cdev.h"
#include "ktls_util.h"
#include "tap.h"

#define PARAM_MAX_UPDATES "/sys/module/ocf/parameters/max_key_updates"
#define DEBUGFS_KTLS "/sys/kernel/debug/ocf/ktls"

/* Per generation, per direction. */
#define CHUNK	(32 * 1024)

/* ------------------------------------------------- user-space key schedule */

/*
 * A traffic secret and its generation, as a TLS library would keep it;
 * here only to compute what the kernel must have derived.
 */
struct us_secret {
	const struct ktls_cipher *c;
	const char *md;
	size_t len;
	unsigned char secret[48];
	unsigned int gen;
};

static const char *suite_md(__u16 suite)
{
	return suite == OCF_TLS_AES_256_GCM_SHA384 ? "SHA384" : "SHA256";
}

/* HKDF-Expand-Label(secret, label, "", olen) with OpenSSL's HKDF. */
static int hkdf_label(const char *md, const unsigned char *secret, size_t slen,
		      const char *label, unsigned char *out, size_t olen)
{
	unsigned char info[2 + 1 + 6 + 32 + 1];
	size_t llen = strlen(label), n = 0;
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY, ok;
	OSSL_PARAM params[5];
	EVP_KDF_CTX *ctx;
	EVP_KDF *kdf;

	info[n++] = olen >> 8;
	info[n++] = olen & 0xff;
	info[n++] = 6 + llen;
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, llen);
	n += llen;
	info[n++] = 0;		/* empty context */
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     (char *)md, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						      (void *)secret, slen);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						      info, n);
	params[3] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	params[4] = OSSL_PARAM_construct_end();
	kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	ok = ctx && EVP_KDF_derive(ctx, out, olen, params) == 1;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -EIO;
}

static int us_init(struct us_secret *s, const struct ktls_cipher *c)
{
	s->c = c;
	s->md = suite_md(c->suite13);
	s->len = c->suite13 == OCF_TLS_AES_256_GCM_SHA384 ? 48 : 32;
	s->gen = 0;
	ktu_random(s->secret, s->len);
	return 0;
}

/* secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length) */
static int us_next(struct us_secret *s)
{
	unsigned char next[48];
	int ret = hkdf_label(s->md, s->secret, s->len, "traffic upd", next,
			     s->len);

	if (!ret) {
		memcpy(s->secret, next, s->len);
		s->gen++;
	}
	return ret;
}

/* The key and IV of the current generation, for setsockopt(). */
static int us_keys(const struct us_secret *s, struct ktu_keys *k)
{
	memset(k, 0, sizeof(*k));
	k->c = s->c;
	k->version = OCF_KTLS_VERSION_1_3;
	return hkdf_label(s->md, s->secret, s->len, "key", k->key, s->c->keylen) ?:
	       hkdf_label(s->md, s->secret, s->len, "iv", k->iv, OCF_KTLS_IV_LEN);
}

/* A kernel session from the same secret (generation 0). */
static int us_session(int cfd, const struct us_secret *s, __u32 *ses)
{
	return ktls_tls13_session(cfd, s->c->suite13, s->secret, s->len, ses,
				  NULL);
}

/* Key @dir of @sock with setsockopt() at the secret's generation. */
static int us_plain(int sock, int dir, const struct us_secret *s)
{
	struct ktu_keys k;
	int ret = us_keys(s, &k);

	if (!ret)
		ret = ktu_plain(sock, dir, &k);
	memset(&k, 0, sizeof(k));
	return ret;
}

/* ------------------------------------------------------------ the protocol */

/* Send a KeyUpdate on @sock and advance its TX (session @ses). */
static int send_update(int cfd, __u32 ses, int sock, int requested,
		       __u64 *gen)
{
	return ktls_send_key_update(sock, requested) ?:
	       ktls_tls13_update(cfd, ses, sock, OCF_KTLS_TX, 0, gen);
}

/*
 * Read the KeyUpdate that must be next on @sock, check that kTLS now
 * refuses to read with EKEYEXPIRED, and return its request_update.
 */
static int recv_update(int sock)
{
	unsigned char buf[64];
	__u8 type = 0;
	ssize_t n;
	int req;

	n = ktls_recv_type(sock, &type, buf, sizeof(buf), 0);
	if (n < 0)
		return n;
	if (type != KTLS_RT_HANDSHAKE)
		return -EBADMSG;
	req = ktls_key_update_request(buf, n);
	if (req < 0)
		return req;
	n = ktls_recv_type(sock, &type, buf, sizeof(buf), MSG_DONTWAIT);
	if (n != -EKEYEXPIRED) {
		tap_diag("read after a KeyUpdate: %s, not EKEYEXPIRED",
			 n < 0 ? strerror(-n) : "data");
		return -EPROTO;
	}
	return req;
}

/* -------------------------------------------------------------- the probe */

/* Does this kernel's kTLS take a second TLS_TX on a TLS 1.3 socket? */
static int kernel_can_rekey(void)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct ktu_keys k = { .c = c, .version = OCF_KTLS_VERSION_1_3 };
	int a, b, ret;

	ret = ktu_pair(AF_INET, &a, &b);
	if (ret)
		return ret;
	ret = ktu_plain(a, OCF_KTLS_TX, &k);
	if (!ret) {
		k.key[0] ^= 1;
		ret = ktu_plain(a, OCF_KTLS_TX, &k);
		ret = !ret ? 1 : ret == -EBUSY ? 0 : ret;
	}
	ktu_close(&a, &b);
	return ret;
}

static void without_rekey(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct us_secret s;
	__u32 ses = 0;
	int a, b, ret;

	us_init(&s, c);
	ret = us_session(cfd, &s, &ses) ?: ktu_pair(AF_INET, &a, &b);
	if (!ret) {
		ret = ktls_attach(cfd, ses, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL);
		if (!ret)
			ret = ktls_tls13_update(cfd, ses, a, OCF_KTLS_TX, 0, NULL);
		ktu_close(&a, &b);
	}
	tap_ok(ret == -EOPNOTSUPP,
	       "kTLS cannot rekey here: OCF_IOC_TLS13_UPDATE gives EOPNOTSUPP (got %s)",
	       ret ? strerror(-ret) : "success");
	if (ses)
		cdev_fsession(cfd, ses);
}

/* -------------------------------------------------------- known answers */

/*
 * Bridged TX, RX keyed by setsockopt() from OpenSSL's derivation (@tx), or
 * the reverse: @gens generations, data checked in each.
 */
static int kat_one(int cfd, const struct ktls_cipher *c, bool bridged_tx,
		   int gens)
{
	struct us_secret s;
	int a = -1, b = -1, ret, g;
	__u32 ses = 0;
	__u64 gen = 0;

	us_init(&s, c);
	ret = us_session(cfd, &s, &ses);
	if (ret)
		return ret;
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = bridged_tx ?
			ktls_attach(cfd, ses, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				    NULL, 0, OCF_KTLS_F_HIDE_KEY, NULL) :
			us_plain(a, OCF_KTLS_TX, &s);
	if (!ret)
		ret = bridged_tx ? us_plain(b, OCF_KTLS_RX, &s) :
			ktls_attach(cfd, ses, b, OCF_KTLS_RX, OCF_KTLS_VERSION_1_3,
				    NULL, 0, OCF_KTLS_F_HIDE_KEY, NULL);
	for (g = 1; !ret && g <= gens; g++) {
		ret = ktu_transfer(a, b, (g * 4096) % ktu_size, CHUNK,
				   TX_WRITE, RX_READ);
		if (ret)
			break;
		ret = us_next(&s);
		if (!ret && bridged_tx)
			ret = send_update(cfd, ses, a, 0, &gen);
		else if (!ret)
			ret = ktls_send_key_update(a, 0) ?:
			      us_plain(a, OCF_KTLS_TX, &s);
		if (!ret) {
			ret = recv_update(b);
			ret = ret == 0 ? 0 : ret < 0 ? ret : -EPROTO;
		}
		if (!ret && bridged_tx)
			ret = us_plain(b, OCF_KTLS_RX, &s);
		else if (!ret)
			ret = ktls_tls13_update(cfd, ses, b, OCF_KTLS_RX,
						OCF_KTLS_F_HIDE_KEY, &gen);
		if (!ret && gen != (__u64)g) {
			tap_diag("generation %llu, expected %d",
				 (unsigned long long)gen, g);
			ret = -EILSEQ;
		}
	}
	if (!ret)
		ret = ktu_transfer(a, b, 0, CHUNK, TX_WRITE, RX_READ);
	ktu_close(&a, &b);
	cdev_fsession(cfd, ses);
	return ret;
}

static void known_answers(int cfd)
{
	static const char *const names[] = {
		"aes128gcm", "aes256gcm", "aes128ccm", "chacha20poly1305",
	};
	size_t i;
	int dir;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct ktls_cipher *c = ktls_cipher_by_name(names[i]);

		for (dir = 0; dir < 2; dir++) {
			int ret = kat_one(cfd, c, dir == 0, 4);

			if (ret == -ENOENT || ret == -EOPNOTSUPP) {
				tap_skip("the kernel lacks the suite's hash, AEAD or kTLS cipher",
					 "KeyUpdate known answers: %s %s", names[i],
					 dir ? "bridged RX" : "bridged TX");
				continue;
			}
			tap_ok(!ret,
			       "KeyUpdate known answers: %s, bridged %s, 4 generations against OpenSSL's HKDF (%s)",
			       names[i], dir ? "RX" : "TX",
			       ret ? strerror(-ret) : "ok");
		}
	}
}

/* ----------------------------------------------------- loopback, counters */

struct counters {
	long long ours_tx, ours_rx, ours_err;
	long long ktls_tx, ktls_rx, ktls_received;
	bool have_ours, have_ktls;
};

static long long read_counter(const char *path, const char *name, bool *ok)
{
	char key[64];
	long long v, found = -1;
	FILE *f = fopen(path, "r");

	if (!f) {
		*ok = false;
		return 0;
	}
	while (fscanf(f, "%63s %lld", key, &v) == 2)
		if (!strcmp(key, name))
			found = v;
	fclose(f);
	if (found < 0)
		*ok = false;
	return found;
}

static void counters_read(struct counters *c)
{
	c->have_ours = c->have_ktls = true;
	c->ours_tx = read_counter(DEBUGFS_KTLS, "key_updates_tx", &c->have_ours);
	c->ours_rx = read_counter(DEBUGFS_KTLS, "key_updates_rx", &c->have_ours);
	c->ours_err = read_counter(DEBUGFS_KTLS, "key_update_errors", &c->have_ours);
	c->ktls_tx = read_counter("/proc/net/tls_stat", "TlsTxRekeyOk", &c->have_ktls);
	c->ktls_rx = read_counter("/proc/net/tls_stat", "TlsRxRekeyOk", &c->have_ktls);
	c->ktls_received = read_counter("/proc/net/tls_stat", "TlsRxRekeyReceived",
					&c->have_ktls);
}

/*
 * Both ends bridged: session 1 keys a's TX and b's RX, session 2 b's TX
 * and a's RX.  Each generation moves data both ways, then a sends a
 * KeyUpdate with update_requested, b advances its RX and answers with its
 * own KeyUpdate, and a advances its RX.
 */
static void loopback(int cfd, int gens)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct counters before, after;
	struct us_secret s1, s2;
	int a = -1, b = -1, ret, g = 0;
	__u32 ses1 = 0, ses2 = 0;
	__u64 gen[4] = {};

	us_init(&s1, c);
	us_init(&s2, c);
	counters_read(&before);
	ret = us_session(cfd, &s1, &ses1) ?: us_session(cfd, &s2, &ses2) ?:
	      ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktls_attach(cfd, ses1, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL) ?:
		      ktls_attach(cfd, ses1, b, OCF_KTLS_RX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL) ?:
		      ktls_attach(cfd, ses2, b, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL) ?:
		      ktls_attach(cfd, ses2, a, OCF_KTLS_RX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL);
	for (g = 1; !ret && g <= gens; g++) {
		int req;

		ret = ktu_transfer2(a, b, CHUNK, g % 3 == 1 ? TX_SENDFILE : TX_WRITE,
				    g % 2 ? RX_READ : RX_SPLICE);
		if (!ret)
			ret = send_update(cfd, ses1, a, 1, &gen[0]);
		req = ret ? ret : recv_update(b);
		if (req < 0)
			ret = req;
		else if (req != 1)
			ret = -EPROTO;
		if (!ret)
			ret = ktls_tls13_update(cfd, ses1, b, OCF_KTLS_RX, 0, &gen[1]);
		if (!ret)
			ret = send_update(cfd, ses2, b, 0, &gen[2]);
		req = ret ? ret : recv_update(a);
		if (req < 0)
			ret = req;
		else if (req != 0)
			ret = -EPROTO;
		if (!ret)
			ret = ktls_tls13_update(cfd, ses2, a, OCF_KTLS_RX, 0, &gen[3]);
		if (!ret && (gen[0] != (__u64)g || gen[1] != (__u64)g ||
			     gen[2] != (__u64)g || gen[3] != (__u64)g))
			ret = -EILSEQ;
	}
	if (!ret)
		ret = ktu_transfer2(a, b, CHUNK, TX_SPLICE, RX_READ);
	counters_read(&after);
	tap_ok(!ret, "both ends bridged, both ways, %d generations with KeyUpdate from both sides: data identical (%s)",
	       gens, ret ? strerror(-ret) : "ok");
	if (ret)
		tap_diag("stopped at generation %d", g - 1);
	if (!after.have_ours || !before.have_ours) {
		tap_skip("no " DEBUGFS_KTLS, "the module counted the updates");
	} else {
		tap_ok(!ret && after.ours_tx - before.ours_tx == 2 * gens &&
		       after.ours_rx - before.ours_rx == 2 * gens &&
		       after.ours_err == before.ours_err,
		       "the module counted %lld TX and %lld RX updates, %lld errors (expected %d, %d, 0)",
		       after.ours_tx - before.ours_tx, after.ours_rx - before.ours_rx,
		       after.ours_err - before.ours_err, 2 * gens, 2 * gens);
	}
	if (!after.have_ktls || !before.have_ktls) {
		tap_skip("no rekey counters in /proc/net/tls_stat",
			 "kTLS's counters agree with the module's");
	} else {
		tap_ok(!ret && after.ktls_tx - before.ktls_tx == 2 * gens &&
		       after.ktls_rx - before.ktls_rx == 2 * gens &&
		       after.ktls_received - before.ktls_received == 2 * gens,
		       "kTLS's counters agree: TlsTxRekeyOk +%lld, TlsRxRekeyOk +%lld, TlsRxRekeyReceived +%lld (expected %d each)",
		       after.ktls_tx - before.ktls_tx, after.ktls_rx - before.ktls_rx,
		       after.ktls_received - before.ktls_received, 2 * gens);
	}
	ktu_close(&a, &b);
	if (ses1)
		cdev_fsession(cfd, ses1);
	if (ses2)
		cdev_fsession(cfd, ses2);
}

/*
 * The peer's KeyUpdate may come after our close_notify and
 * shutdown(SHUT_WR): RX must still advance in FIN_WAIT.
 */
static void rx_after_shutdown(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct us_secret s;
	int a = -1, b = -1, ret;
	__u32 ses = 0;
	__u64 gen = 0;

	us_init(&s, c);
	ret = us_session(cfd, &s, &ses) ?: ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktls_attach(cfd, ses, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL) ?:
		      ktls_attach(cfd, ses, b, OCF_KTLS_RX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL);
	if (!ret && shutdown(b, SHUT_WR))
		ret = -errno;
	if (!ret)
		ret = send_update(cfd, ses, a, 0, NULL);
	if (!ret)
		ret = recv_update(b);
	if (!ret)
		ret = ktls_tls13_update(cfd, ses, b, OCF_KTLS_RX, 0, &gen);
	if (!ret)
		ret = ktu_transfer(a, b, 0, CHUNK, TX_WRITE, RX_READ);
	tap_ok(!ret && gen == 1, "RX advances after our shutdown(SHUT_WR) (%s)",
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
	if (ses)
		cdev_fsession(cfd, ses);
}

/* ------------------------------------------------------------ bad input */

static int raw_update(int cfd, struct ocf_tls13_update *op)
{
	return ioctl(cfd, OCF_IOC_TLS13_UPDATE, op) ? -errno : 0;
}

static void expect(int got, int want, const char *what)
{
	tap_ok(got == want, "%s: %s (got %s)", what, strerror(-want),
	       got ? strerror(-got) : "success");
}

static void bad_input(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct ocf_tls13_update op;
	struct us_secret s1, s2;
	__u32 ses1 = 0, ses2 = 0, ses12 = 0;
	unsigned char key[16] = { 1 };
	int a, b, x, y, ret;

	us_init(&s1, c);
	us_init(&s2, c);
	ret = us_session(cfd, &s1, &ses1) ?: us_session(cfd, &s2, &ses2) ?:
	      ktls_session(cfd, c, key, &ses12) ?: ktu_pair(AF_INET, &a, &b);
	if (ret)
		tap_bail_out("bad input: setup: %s", strerror(-ret));
	ret = ktls_attach(cfd, ses1, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
			  NULL, 0, 0, NULL);
	if (ret)
		tap_bail_out("bad input: attach: %s", strerror(-ret));

	memset(&op, 0, sizeof(op));
	op.ses = ses1;
	op.fd = a;
	op.direction = OCF_KTLS_TX;
	op.flags = OCF_KTLS_F_SESSION_IV;
	expect(raw_update(cfd, &op), -EINVAL, "update with an unknown flag");
	op.flags = 0;
	op.reserved0 = 1;
	expect(raw_update(cfd, &op), -EINVAL, "update with reserved0 set");
	op.reserved0 = 0;
	op.reserved[3] = 1;
	expect(raw_update(cfd, &op), -EINVAL, "update with reserved[3] set");
	op.reserved[3] = 0;
	op.direction = 3;
	expect(raw_update(cfd, &op), -EINVAL, "update of direction 3");
	op.direction = OCF_KTLS_TX;
	op.ses = 0x7fffffff;
	expect(raw_update(cfd, &op), -EINVAL, "update with an unknown session");

	/* A TLS 1.2 socket keyed from a plain AEAD session. */
	ret = ktu_pair(AF_INET, &x, &y);
	if (!ret) {
		unsigned char iv[OCF_KTLS_IV_LEN] = { 2 };

		ret = ktls_attach(cfd, ses12, x, OCF_KTLS_TX, OCF_KTLS_VERSION_1_2,
				  iv, 0, 0, NULL);
		if (!ret)
			ret = ktls_tls13_update(cfd, ses12, x, OCF_KTLS_TX, 0, NULL);
		ktu_close(&x, &y);
	}
	expect(ret, -EINVAL, "update of a TLS 1.2 session");

	expect(ktls_tls13_update(cfd, ses2, a, OCF_KTLS_TX, 0, NULL), -ENOENT,
	       "update by a session that did not key the socket");
	expect(ktls_tls13_update(cfd, ses1, a, OCF_KTLS_RX, 0, NULL), -ENOENT,
	       "update of the direction the session did not key");
	expect(ktls_tls13_update(cfd, ses1, b, OCF_KTLS_TX, 0, NULL), -ENOENT,
	       "update of the peer socket, not keyed by the session");

	/* Keyed since by setsockopt(): no longer the session's to advance. */
	ret = ktu_pair(AF_INET, &x, &y);
	if (!ret) {
		ret = ktls_attach(cfd, ses1, x, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL) ?:
		      ktls_tls13_update(cfd, ses1, x, OCF_KTLS_TX, 0, NULL) ?:
		      us_plain(x, OCF_KTLS_TX, &s2) ?:
		      ktls_tls13_update(cfd, ses1, x, OCF_KTLS_TX, 0, NULL);
		ktu_close(&x, &y);
	}
	expect(ret, -ENOENT, "update of a direction rekeyed since by setsockopt()");

	expect(ktls_tls13_update(cfd, ses1, cfd, OCF_KTLS_TX, 0, NULL), -ENOTSOCK,
	       "update with a descriptor that is not a socket");
	x = a;
	ktu_close(&a, &b);
	expect(ktls_tls13_update(cfd, ses1, x, OCF_KTLS_TX, 0, NULL), -EBADF,
	       "update with a closed socket");

	cdev_fsession(cfd, ses1);
	cdev_fsession(cfd, ses2);
	cdev_fsession(cfd, ses12);
}

/* ------------------------------------------------------------ concurrency */

struct racer {
	int cfd, sock, n, err;
	__u32 ses;
	__u64 gens[64];
};

static void *racer(void *arg)
{
	struct racer *r = arg;
	int i, ret;

	for (i = 0; i < r->n; i++) {
		ret = ktls_tls13_update(r->cfd, r->ses, r->sock, OCF_KTLS_TX, 0,
					&r->gens[i]);
		if (ret) {
			r->err = ret;
			break;
		}
	}
	return NULL;
}

/*
 * Two threads advance the same direction: 2 * 50 generations, each
 * number returned once, and the peer keyed at generation 100 by OpenSSL's
 * derivation reads what is sent.
 */
static void concurrent(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct racer r[2];
	struct us_secret s;
	unsigned char seen[101] = {};
	int a = -1, b = -1, ret, i, j;
	pthread_t t[2];
	__u32 ses = 0;

	us_init(&s, c);
	ret = us_session(cfd, &s, &ses) ?: ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktls_attach(cfd, ses, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL);
	for (i = 0; !ret && i < 2; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].cfd = cfd;
		r[i].sock = a;
		r[i].ses = ses;
		r[i].n = 50;
	}
	if (!ret) {
		pthread_create(&t[0], NULL, racer, &r[0]);
		pthread_create(&t[1], NULL, racer, &r[1]);
		pthread_join(t[0], NULL);
		pthread_join(t[1], NULL);
		ret = r[0].err ?: r[1].err;
	}
	for (i = 0; !ret && i < 2; i++)
		for (j = 0; j < 50; j++) {
			__u64 g = r[i].gens[j];

			if (!g || g > 100 || seen[g]++)
				ret = -EILSEQ;
		}
	for (i = 0; !ret && i < 100; i++)
		ret = us_next(&s);
	if (!ret)
		ret = us_plain(b, OCF_KTLS_RX, &s);
	if (!ret)
		ret = ktu_transfer(a, b, 0, CHUNK, TX_WRITE, RX_READ);
	tap_ok(!ret, "two threads updating one direction: generations 1..100 once each, the peer at 100 reads the data (%s)",
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
	if (ses)
		cdev_fsession(cfd, ses);
}

/* ---------------------------------------------------------------- limit */

static int param_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static void generation_limit(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	char old[32] = "";
	struct us_secret s;
	int a = -1, b = -1, ret, i, fd;
	__u32 ses = 0;
	__u64 gen = 0;
	ssize_t n;

	fd = open(PARAM_MAX_UPDATES, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, old, sizeof(old) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0 || param_write(PARAM_MAX_UPDATES, "3")) {
		tap_skip("max_key_updates is not writable here", "generation limit");
		return;
	}
	expect(param_write(PARAM_MAX_UPDATES, "0"), -EINVAL,
	       "max_key_updates refuses 0");
	us_init(&s, c);
	ret = us_session(cfd, &s, &ses) ?: ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktls_attach(cfd, ses, a, OCF_KTLS_TX, OCF_KTLS_VERSION_1_3,
				  NULL, 0, 0, NULL);
	for (i = 0; !ret && i < 3; i++)
		ret = ktls_tls13_update(cfd, ses, a, OCF_KTLS_TX, 0, &gen);
	if (!ret)
		ret = ktls_tls13_update(cfd, ses, a, OCF_KTLS_TX, 0, &gen);
	expect(ret, -EOVERFLOW, "update past max_key_updates (3)");
	for (i = 0, ret = 0; !ret && i < 3; i++)
		ret = us_next(&s);
	if (!ret)
		ret = us_plain(b, OCF_KTLS_RX, &s);
	if (!ret)
		ret = ktu_transfer(a, b, 0, CHUNK, TX_WRITE, RX_READ);
	tap_ok(!ret && gen == 3, "after EOVERFLOW the direction stays at generation 3 (%s)",
	       ret ? strerror(-ret) : "ok");
	param_write(PARAM_MAX_UPDATES, old);
	ktu_close(&a, &b);
	if (ses)
		cdev_fsession(cfd, ses);
}

int main(int argc, char **argv)
{
	struct ocf_features feat;
	int cfd, opt, have, can, gens = 64;

	while ((opt = getopt(argc, argv, "g:")) != -1) {
		if (opt != 'g') {
			fprintf(stderr, "usage: %s [-g GENERATIONS]\n", argv[0]);
			return 2;
		}
		gens = atoi(optarg);
	}
	tap_header();
	cfd = cdev_open();
	if (cfd < 0)
		tap_skip_all("no %s", CDEV_PATH);
	if (cdev_ioctl(cfd, OCF_IOC_GET_FEATURES, &feat) ||
	    !(feat.features & OCF_FEAT_KTLS))
		tap_skip_all("no kTLS bridge (OCF_FEAT_KTLS)");
	if (ktu_data_init(1024 * 1024))
		tap_bail_out("cannot prepare the test data");
	have = ktu_kernel_ktls();
	if (have <= 0)
		tap_skip_all("this kernel has no kTLS (CONFIG_TLS)");

	can = kernel_can_rekey();
	if (can < 0)
		tap_bail_out("probing kTLS rekey: %s", strerror(-can));
	tap_ok(!!(feat.features & OCF_FEAT_KEY_UPDATE) == can,
	       "OCF_FEAT_KEY_UPDATE %s, and kTLS %s a second TLS_TX",
	       feat.features & OCF_FEAT_KEY_UPDATE ? "set" : "clear",
	       can ? "takes" : "refuses (EBUSY)");
	if (!can) {
		without_rekey(cfd);
		close(cfd);
		cdev_tap_nothing_held("the KeyUpdate tests");
		tap_skip("this kernel's kTLS cannot rekey (TLS 1.3 KeyUpdate came in Linux 6.14)",
			 "the KeyUpdate tests");
		return tap_finish();
	}
	known_answers(cfd);
	loopback(cfd, gens);
	rx_after_shutdown(cfd);
	bad_input(cfd);
	concurrent(cfd);
	generation_limit(cfd);
	close(cfd);
	cdev_tap_nothing_held("the KeyUpdate tests");
	return tap_finish();
}
