// SPDX-License-Identifier: GPL-2.0
/*
 * ktls: the kTLS bridge (OCF_IOC_KTLS_ATTACH) and the TLS 1.3 key schedule
 * (OCF_IOC_TLS13_SESSION), on loopback TCP connections.
 *
 * For each TLS version and cipher kTLS supports (a cipher the kernel lacks
 * is one SKIP line):
 *   1. bridged TX read by a kTLS RX keyed with setsockopt() (write/read);
 *   2. setsockopt() TX read by a bridged RX (sendfile/splice), starting at
 *      a non-zero sequence number;
 *   3. bridged both ways on both ends, both directions at once
 *      (splice/read);
 *   4. sequence numbers across 2^32, keys hidden;
 *   5. records of other content types (alert, handshake) through the
 *      TLS_SET_RECORD_TYPE/TLS_GET_RECORD_TYPE control messages;
 *   6. a wrong key on RX gives EBADMSG;
 *   7. a tampered record is rejected (EBADMSG) and the untampered one
 *      accepted.
 * Then: TLS 1.3 key derivation against RFC 8448 and other fixed vectors,
 * key exposure through getsockopt(SOL_TLS), IPv6, receive keying with
 * records already queued, TLS_RX_EXPECT_NO_PAD, attach racing with a
 * writer thread, and sockets outliving their session and /dev/crypto
 * file.  ktls_errors.c checks every bad input and its errno.
 *
 * Usage: ktls [-s KiB]: bytes per transfer (default 1024 KiB, 128 KiB for
 * the 32-bit build; $KTLS_SIZE_KB likewise).  "ktls -s 65536" moves 64 MiB
 * per transfer: tools/ktls/run-stress runs that.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "cdev.h"
#include "ktls_util.h"
#include "tap.h"

int ktls_errors(int cfd);

static const int versions[] = { OCF_KTLS_VERSION_1_3, OCF_KTLS_VERSION_1_2 };

/* ---------------------------------------------------------------- ciphers */

/* Can this kernel make a session of the cipher? */
static int cipher_available(int cfd, const struct ktls_cipher *c)
{
	unsigned char key[32] = {};
	__u32 ses;
	int ret;

	ret = ktls_session(cfd, c, key, &ses);
	if (!ret)
		ioctl(cfd, CIOCFSESSION, &ses);
	return ret;
}

/* 1: bridged TX, setsockopt RX */
static void bridge_to_plain(int cfd, const struct ktls_cipher *c, int v,
			    const char *name)
{
	struct ktu_keys k;
	int a, b, ret;

	ktu_keys(&k, c, v, 0);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);
	if (!ret)
		ret = ktu_plain(b, OCF_KTLS_RX, &k);
	if (!ret)
		ret = ktu_transfer(a, b, 0, ktu_size, TX_WRITE, RX_READ);
	tap_ok(!ret, "%s: bridged TX -> setsockopt RX, write/read (%s)", name,
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/* 2: setsockopt TX, bridged RX, from a non-zero sequence number */
static void plain_to_bridge(int cfd, const struct ktls_cipher *c, int v,
			    const char *name, enum ktu_tx txm, enum ktu_rx rxm)
{
	struct ktu_keys k;
	int a, b, ret;

	ktu_keys(&k, c, v, 0x0123456789abcdefULL);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_plain(a, OCF_KTLS_TX, &k);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k, 0, NULL);
	if (!ret)
		ret = ktu_transfer(a, b, 0, ktu_size, txm, rxm);
	tap_ok(!ret, "%s: setsockopt TX -> bridged RX, %s/%s, seq %#llx (%s)",
	       name, txm == TX_SENDFILE ? "sendfile" : "splice",
	       rxm == RX_READ ? "read" : "splice",
	       (unsigned long long)k.seq, ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/* Key both ends both ways through the bridge (a's TX = b's RX = k[0]). */
static int bridge_both(int cfd, int a, int b, const struct ktu_keys *k,
		       __u32 flags)
{
	int ret;

	ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k[0], flags, NULL);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k[0], flags, NULL);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_TX, &k[1], flags, NULL);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_RX, &k[1], flags, NULL);
	return ret;
}

/* 3: bridged on both ends, both directions at once */
static void bridge_to_bridge(int cfd, const struct ktls_cipher *c, int v,
			     const char *name, enum ktu_tx txm)
{
	struct ktu_keys k[2];
	int a, b, ret;

	ktu_keys(&k[0], c, v, 7);
	ktu_keys(&k[1], c, v, 1);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = bridge_both(cfd, a, b, k, 0);
	if (!ret)
		ret = ktu_transfer2(a, b, ktu_size, txm, RX_READ);
	tap_ok(!ret, "%s: bridged <-> bridged, both ways at once, %s/read (%s)",
	       name, txm == TX_SPLICE ? "splice" : "write",
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/* 4: sequence numbers across 2^32, keys hidden */
static void seq_wrap(int cfd, const struct ktls_cipher *c, int v,
		     const char *name)
{
	struct ocf_ktls_attach res;
	struct ktu_keys k;
	int a, b, ret;

	/* Records hold up to 16 KiB: the transfer crosses 2^32 at its fifth. */
	ktu_keys(&k, c, v, 0xfffffffcULL);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, OCF_KTLS_F_HIDE_KEY, &res);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k, OCF_KTLS_F_HIDE_KEY, NULL);
	if (!ret)
		ret = ktu_transfer(a, b, 0, ktu_size, TX_SENDFILE, RX_SPLICE);
	tap_ok(!ret, "%s: sequence numbers from 2^32 - 4, keys hidden, sendfile/splice (%s)",
	       name, ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/* 5: records of other content types through control messages */
static void record_types(int cfd, const struct ktls_cipher *c, int v,
			 const char *name)
{
	static const unsigned char hs[] = { 4, 0, 0, 3, 'o', 'c', 'f' };
	static const unsigned char alert[] = { 1, 0 };
	static const struct {
		__u8 type;
		const void *buf;
		size_t len;
	} recs[] = {
		{ KTLS_RT_DATA, "first", 5 },
		{ KTLS_RT_HANDSHAKE, hs, sizeof(hs) },
		{ KTLS_RT_DATA, "second", 6 },
		{ KTLS_RT_ALERT, alert, sizeof(alert) },
	};
	unsigned char buf[64];
	struct ktu_keys k[2];
	bool ok = true;
	__u8 type = 0;
	size_t i;
	ssize_t n;
	int a, b;

	ktu_keys(&k[0], c, v, 0);
	ktu_keys(&k[1], c, v, 0);
	if (ktu_pair(AF_INET, &a, &b) || bridge_both(cfd, a, b, k, 0)) {
		tap_fail("%s: record types (setup failed: %s)", name, strerror(errno));
		ktu_close(&a, &b);
		return;
	}
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		n = recs[i].type == KTLS_RT_DATA ?
		    write(a, recs[i].buf, recs[i].len) :
		    ktls_send_type(a, recs[i].type, recs[i].buf, recs[i].len);
		ok &= n == (ssize_t)recs[i].len;
	}
	for (i = 0; ok && i < sizeof(recs) / sizeof(recs[0]); i++) {
		if (recs[i].type == KTLS_RT_HANDSHAKE) {
			/* A plain read() cannot take the record type. */
			n = read(b, buf, sizeof(buf));
			if (n != -1 || errno != EIO) {
				tap_diag("read() of a handshake record: %zd (%s)",
					 n, strerror(errno));
				ok = false;
			}
		}
		n = ktls_recv_type(b, &type, buf, sizeof(buf), 0);
		if (n != (ssize_t)recs[i].len || type != recs[i].type ||
		    memcmp(buf, recs[i].buf, n)) {
			tap_diag("record %zu: type %u, %zd bytes", i, type, n);
			ok = false;
		}
	}
	tap_ok(ok, "%s: data, handshake, data, alert records via TLS_SET/GET_RECORD_TYPE",
	       name);
	ktu_close(&a, &b);
}

/* 6: the wrong key on RX */
static void wrong_key(int cfd, const struct ktls_cipher *c, int v,
		      const char *name)
{
	struct ktu_keys k, other;
	char buf[64];
	int a, b, ret;
	ssize_t n = 0;

	ktu_keys(&k, c, v, 0);
	other = k;
	ktu_random(other.key, c->keylen);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);
	if (!ret)
		ret = ktu_plain(b, OCF_KTLS_RX, &other);
	if (!ret && write(a, "attack at dawn", 14) != 14)
		ret = -errno;
	if (!ret) {
		n = read(b, buf, sizeof(buf));
		ret = n < 0 ? -errno : 0;
	}
	tap_ok(ret == -EBADMSG, "%s: bridged TX, RX with another key: EBADMSG (%s)",
	       name, ret ? strerror(-ret) : "read succeeded");
	ktu_close(&a, &b);
}

/* Read one whole TLS record from a socket without kTLS RX. */
static ssize_t read_record(int fd, unsigned char *buf, size_t size)
{
	size_t len = 5, got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			return -1;
		got += n;
		if (got == 5) {
			len = 5 + (buf[3] << 8 | buf[4]);
			if (len > size)
				return -1;
		}
	}
	return len;
}

/* Deliver one raw record to a bridged RX socket; return what read() got. */
static int deliver(int cfd, const struct ktu_keys *k, const unsigned char *rec,
		   size_t len, char *out, size_t outlen)
{
	int a, b, ret;
	ssize_t n;

	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, k, 0, NULL);
	if (!ret && write(a, rec, len) != (ssize_t)len)
		ret = -errno;
	if (!ret) {
		n = read(b, out, outlen);
		ret = n < 0 ? -errno : (int)n;
	}
	ktu_close(&a, &b);
	return ret;
}

/* 7: a tampered record */
static void tampered(int cfd, const struct ktls_cipher *c, int v,
		     const char *name)
{
	static const char msg[] = "a record that must not change in transit";
	unsigned char rec[256];
	struct ktu_keys k;
	int a, b, good, bad;
	char out[128];
	ssize_t len = -1;

	ktu_keys(&k, c, v, 42);
	if (!ktu_pair(AF_INET, &a, &b) &&
	    !ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL) &&
	    write(a, msg, sizeof(msg)) == sizeof(msg))
		len = read_record(b, rec, sizeof(rec));
	ktu_close(&a, &b);
	if (len < 0) {
		tap_fail("%s: tampered record (capture failed)", name);
		return;
	}
	good = deliver(cfd, &k, rec, len, out, sizeof(out));
	good = good == sizeof(msg) && !memcmp(out, msg, sizeof(msg));
	rec[5 + (len - 5) / 2] ^= 0x01;
	bad = deliver(cfd, &k, rec, len, out, sizeof(out));
	tap_ok(good && bad == -EBADMSG,
	       "%s: captured record accepted, with one bit flipped EBADMSG (%s)",
	       name, bad < 0 ? strerror(-bad) : "accepted");
}

static void combos(int cfd)
{
	size_t i, j;
	char name[64];
	int ret;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		int v = versions[i];

		for (j = 0; j < KTLS_NR_CIPHERS; j++) {
			const struct ktls_cipher *c = &ktls_ciphers[j];

			if (c->tls12_only && v != OCF_KTLS_VERSION_1_2)
				continue;
			snprintf(name, sizeof(name), "TLS %s %s", ktu_version(v),
				 c->name);
			ret = cipher_available(cfd, c);
			if (ret) {
				tap_skip(ret == -ENOENT ? "the kernel lacks it" :
					 strerror(-ret), "%s (%s): 7 cases",
					 name, c->alg_name);
				continue;
			}
			bridge_to_plain(cfd, c, v, name);
			plain_to_bridge(cfd, c, v, name,
					j & 1 ? TX_SPLICE : TX_SENDFILE,
					j & 1 ? RX_READ : RX_SPLICE);
			bridge_to_bridge(cfd, c, v, name,
					 j & 1 ? TX_WRITE : TX_SPLICE);
			seq_wrap(cfd, c, v, name);
			record_types(cfd, c, v, name);
			wrong_key(cfd, c, v, name);
			tampered(cfd, c, v, name);
		}
	}
}

/* -------------------------------------------------------- TLS 1.3 schedule */

/*
 * Traffic secrets and the key and IV RFC 8446 7.3 derives from them: RFC
 * 8448 section 3 (the simple 1-RTT handshake's application traffic
 * secrets), and for the other suites fixed secrets whose outputs were
 * computed with OpenSSL's HKDF ("openssl kdf ... HKDF", SM3 included) and
 * checked with a second, independent implementation.
 */
static const struct {
	const char *what;
	__u16 suite;
	const char *secret;
	const char *key;
	const char *iv;
} tls13_vectors[] = {
	{ "RFC 8448 client_application_traffic_secret_0", OCF_TLS_AES_128_GCM_SHA256,
	  "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
	  "17422dda596ed5d9acd890e3c63f5051", "5b78923dee08579033e523d9" },
	{ "RFC 8448 server_application_traffic_secret_0", OCF_TLS_AES_128_GCM_SHA256,
	  "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
	  "9f02283b6c9c07efc26bb9f2ac92e356", "cf782b88dd83549aadf1e984" },
	{ "TLS_AES_256_GCM_SHA384", OCF_TLS_AES_256_GCM_SHA384,
	  "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	  "606162636465666768696a6b6c6d6e6f",
	  "32f584230ad7bd6ea025e6e6cc16e757358c962ebc8196f5433acae983fb668b",
	  "0e7c7d30272bc74a0c9833b2" },
	{ "TLS_CHACHA20_POLY1305_SHA256", OCF_TLS_CHACHA20_POLY1305_SHA256,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "5c96661b96c42c1b5289d3c3b21a19a6b872f11d08363b5e93d13373841c8e7b",
	  "6c8a8fa6342c9d263c731f9c" },
	{ "TLS_AES_128_CCM_SHA256", OCF_TLS_AES_128_CCM_SHA256,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "7fb0c102252b729eac27aea463ef6f31", "6c8a8fa6342c9d263c731f9c" },
	{ "TLS_SM4_GCM_SM3", OCF_TLS_SM4_GCM_SM3,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "459c731e8c395196a4c6deb7f4d6471e", "9e707f9f3c1f23a01819fc53" },
	{ "TLS_SM4_CCM_SM3", OCF_TLS_SM4_CCM_SM3,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "459c731e8c395196a4c6deb7f4d6471e", "9e707f9f3c1f23a01819fc53" },
};

static size_t unhex(const char *s, unsigned char *out)
{
	size_t n = 0;
	unsigned int x;

	for (; s[0] && s[1] && sscanf(s, "%2x", &x) == 1; s += 2)
		out[n++] = x;
	return n;
}

/*
 * The derived IV must be the vector's, and the key too: it never leaves
 * the kernel, so records sent with the session (attached with
 * OCF_KTLS_F_SESSION_IV) are read by an RX keyed with the vector's key.
 */
static void tls13_schedule(int cfd)
{
	size_t i;

	for (i = 0; i < sizeof(tls13_vectors) / sizeof(tls13_vectors[0]); i++) {
		unsigned char secret[48], iv[OCF_KTLS_IV_LEN];
		struct ocf_tls13_session op;
		struct ktu_keys k = {};
		int a = -1, b = -1, ret;
		size_t len;

		k.c = ktls_cipher_by_suite13(tls13_vectors[i].suite);
		k.version = OCF_KTLS_VERSION_1_3;
		unhex(tls13_vectors[i].key, k.key);
		unhex(tls13_vectors[i].iv, k.iv);
		len = unhex(tls13_vectors[i].secret, secret);

		memset(&op, 0, sizeof(op));
		op.suite = tls13_vectors[i].suite;
		op.secret = (__u64)(uintptr_t)secret;
		op.secret_len = len;
		op.flags = OCF_TLS13_F_IV_OUT;
		ret = cdev_ioctl(cfd, OCF_IOC_TLS13_SESSION, &op);
		if (ret == -ENOENT) {
			tap_skip("the kernel lacks the suite's hash or AEAD",
				 "TLS 1.3 key schedule: %s", tls13_vectors[i].what);
			continue;
		}
		memcpy(iv, op.iv, sizeof(iv));
		if (!ret && (op.key_len != k.c->keylen || op.iv_len != 12 ||
			     memcmp(iv, k.iv, sizeof(iv))))
			ret = -EILSEQ;
		if (!ret)
			ret = ktu_pair(AF_INET, &a, &b);
		if (!ret)
			ret = ktls_attach(cfd, op.ses, a, OCF_KTLS_TX,
					  OCF_KTLS_VERSION_1_3, NULL, 0, 0, NULL);
		if (!ret)
			ret = ktu_plain(b, OCF_KTLS_RX, &k);
		if (!ret)
			ret = ktu_transfer(a, b, 0, 65536, TX_WRITE, RX_READ);
		tap_ok(!ret, "TLS 1.3 key schedule: %s gives the expected key and IV (%s)",
		       tls13_vectors[i].what, ret ? strerror(-ret) : "ok");
		ktu_close(&a, &b);
		if (op.ses)
			cdev_fsession(cfd, op.ses);
	}
}

/* Without OCF_TLS13_F_IV_OUT the IV stays in the kernel. */
static void tls13_iv_private(int cfd)
{
	unsigned char secret[32] = { 1 };
	struct ocf_tls13_session op;
	static const unsigned char zero[16];
	int ret;

	memset(&op, 0, sizeof(op));
	memset(op.iv, 0xa5, sizeof(op.iv));
	op.suite = OCF_TLS_AES_128_GCM_SHA256;
	op.secret = (__u64)(uintptr_t)secret;
	op.secret_len = sizeof(secret);
	ret = cdev_ioctl(cfd, OCF_IOC_TLS13_SESSION, &op);
	tap_ok(!ret && !memcmp(op.iv, zero, sizeof(zero)) && op.iv_len == 12,
	       "TLS 1.3 session without OCF_TLS13_F_IV_OUT returns no IV");
	if (!ret)
		cdev_fsession(cfd, op.ses);
}

/* ------------------------------------------------------------ key exposure */

/*
 * getsockopt(SOL_TLS, TLS_TX/TLS_RX) copies out the crypto_info kTLS was
 * keyed with.  Measured: the key comes back on a bridged socket, unless
 * the attach asked for OCF_KTLS_F_HIDE_KEY; then zeros come back in its
 * place and the socket works on.
 */
static void key_exposure(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct tls12_crypto_info_aes_gcm_128 info;
	struct ocf_ktls_attach res;
	static const unsigned char zero[16];
	struct ktu_keys k;
	socklen_t len;
	int a, b, ret;
	bool ok;

	for (int hide = 0; hide < 2; hide++) {
		ktu_keys(&k, c, OCF_KTLS_VERSION_1_3, 5);
		ret = ktu_pair(AF_INET, &a, &b);
		if (!ret)
			ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k,
					 hide ? OCF_KTLS_F_HIDE_KEY : 0, &res);
		if (!ret)
			ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k,
					 hide ? OCF_KTLS_F_HIDE_KEY : 0, NULL);
		if (!ret)
			ret = ktu_transfer(a, b, 0, 100000, TX_WRITE, RX_READ);
		len = sizeof(info);
		memset(&info, 0xff, sizeof(info));
		if (!ret && getsockopt(a, SOL_TLS, TLS_TX, &info, &len))
			ret = -errno;
		ok = !ret && len == sizeof(info) &&
		     info.info.cipher_type == TLS_CIPHER_AES_GCM_128 &&
		     !memcmp(info.salt, k.iv, 4);
		if (hide) {
			ok = ok && (res.result & OCF_KTLS_R_KEY_HIDDEN) &&
			     !memcmp(info.key, zero, 16);
			tap_ok(ok, "OCF_KTLS_F_HIDE_KEY: getsockopt(TLS_TX) returns zeros for the key, the socket works");
		} else {
			ok = ok && !(res.result & OCF_KTLS_R_KEY_HIDDEN) &&
			     !memcmp(info.key, k.key, 16);
			tap_ok(ok, "without OCF_KTLS_F_HIDE_KEY getsockopt(TLS_TX) returns the key (as for setsockopt keying)");
		}
		len = sizeof(info);
		if (!ret && getsockopt(b, SOL_TLS, TLS_RX, &info, &len))
			ret = -errno;
		ok = !ret && !memcmp(info.key, hide ? zero : k.key, 16);
		tap_ok(ok, "getsockopt(TLS_RX) %s the key", hide ? "hides" : "returns");
		ktu_close(&a, &b);
	}
}

/* ------------------------------------------------------------ other cases */

static void ipv6(int cfd)
{
	struct ktu_keys k[2];
	int a, b, ret;

	ktu_keys(&k[0], ktls_cipher_by_name("aes256gcm"), OCF_KTLS_VERSION_1_3, 0);
	ktu_keys(&k[1], k[0].c, OCF_KTLS_VERSION_1_3, 0);
	ret = ktu_pair(AF_INET6, &a, &b);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		tap_skip("no IPv6 loopback", "IPv6: bridged both ways");
		return;
	}
	if (!ret)
		ret = bridge_both(cfd, a, b, k, 0);
	if (!ret)
		ret = ktu_transfer2(a, b, ktu_size / 4, TX_WRITE, RX_READ);
	tap_ok(!ret, "IPv6: bridged both ways (%s)", ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/* Receive keying after records are queued: the queue starts at a record. */
static void queued_rx(int cfd)
{
	struct ktu_keys k;
	char buf[3000];
	int a, b, i, ret, avail = 0;
	ssize_t n, got = 0;

	ktu_keys(&k, ktls_cipher_by_name("chacha20poly1305"), OCF_KTLS_VERSION_1_2, 3);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);
	for (i = 0; !ret && i < 3; i++)
		if (write(a, ktu_data + i * 1000, 1000) != 1000)
			ret = -errno;
	/* 3 records of 5 + 1000 + 16 bytes */
	for (i = 0; !ret && i < 100 && avail < 3 * 1021; i++) {
		if (ioctl(b, FIONREAD, &avail))
			ret = -errno;
		else if (avail < 3 * 1021)
			usleep(10000);
	}
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k, 0, NULL);
	while (!ret && got < 3000) {
		n = read(b, buf + got, sizeof(buf) - got);
		if (n <= 0)
			ret = n ? -errno : -ENODATA;
		else
			got += n;
	}
	if (!ret && memcmp(buf, ktu_data, 3000))
		ret = -EILSEQ;
	tap_ok(!ret, "RX attached with 3 records already queued reads them (%s)",
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

static void no_pad(int cfd)
{
	struct ktu_keys k;
	int a, b, ret, val = 0;
	socklen_t len = sizeof(val);

	ktu_keys(&k, ktls_cipher_by_name("aes128gcm"), OCF_KTLS_VERSION_1_3, 0);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);
	if (!ret)
		ret = ktu_bridge(cfd, b, OCF_KTLS_RX, &k,
				 OCF_KTLS_F_RX_EXPECT_NO_PAD, NULL);
	if (!ret && getsockopt(b, SOL_TLS, TLS_RX_EXPECT_NO_PAD, &val, &len))
		ret = -errno;
	if (!ret && val != 1)
		ret = -EINVAL;
	if (!ret)
		ret = ktu_transfer(a, b, 0, ktu_size / 4, TX_WRITE, RX_READ);
	tap_ok(!ret, "OCF_KTLS_F_RX_EXPECT_NO_PAD sets TLS_RX_EXPECT_NO_PAD (%s)",
	       ret ? strerror(-ret) : "ok");
	ktu_close(&a, &b);
}

/*
 * Attach racing with a writer: a thread writes 4 KiB chunks, each starting
 * with 'P' and its index, while the main thread attaches TX.  Every write()
 * must go out entirely in the clear or entirely as records: the reader
 * takes plaintext chunks until the next byte is a record header (23), then
 * keys its RX and must find the chunks continuing in order.
 */
#define RACE_CHUNK	4096
#define RACE_CHUNKS	256

struct race {
	int fd;
	volatile int written;
	int err;
};

static void *race_writer(void *arg)
{
	struct race *r = arg;
	unsigned char chunk[RACE_CHUNK];
	int i;

	for (i = 0; i < RACE_CHUNKS; i++) {
		memcpy(chunk, ktu_data + i * 16, sizeof(chunk));
		chunk[0] = 'P';
		memcpy(chunk + 1, &i, sizeof(i));
		if (write(r->fd, chunk, sizeof(chunk)) != sizeof(chunk)) {
			r->err = -errno;
			break;
		}
		__atomic_store_n(&r->written, i + 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static int read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			return n ? -errno : -ENODATA;
		got += n;
	}
	return 0;
}

static int race_round(int cfd, int wait_chunks, int *clear)
{
	unsigned char chunk[RACE_CHUNK], first;
	struct race r = {};
	struct ktu_keys k;
	pthread_t t;
	int a, b, i, idx, ret, keyed = 0;

	ktu_keys(&k, ktls_cipher_by_name("aes128gcm"), OCF_KTLS_VERSION_1_3, 0);
	ret = ktu_pair(AF_INET, &a, &b);
	if (ret)
		return ret;
	r.fd = a;
	if (pthread_create(&t, NULL, race_writer, &r)) {
		ktu_close(&a, &b);
		return -EAGAIN;
	}
	/* The writer blocks once the socket buffers are full: wait 0.5 s at most. */
	for (i = 0; i < 5000; i++) {
		if (__atomic_load_n(&r.written, __ATOMIC_ACQUIRE) >= wait_chunks || r.err)
			break;
		usleep(100);
	}
	ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);

	*clear = 0;
	for (i = 0; !ret && i < RACE_CHUNKS; i++) {
		if (!keyed) {
			if (recv(b, &first, 1, MSG_PEEK) != 1) {
				ret = -errno;
				break;
			}
			if (first == KTLS_RT_DATA) {
				ret = ktu_plain(b, OCF_KTLS_RX, &k);
				keyed = 1;
			} else {
				(*clear)++;
			}
		}
		if (!ret)
			ret = read_full(b, chunk, sizeof(chunk));
		memcpy(&idx, chunk + 1, sizeof(idx));
		if (!ret && (chunk[0] != 'P' || idx != i ||
			     memcmp(chunk + 5, ktu_data + i * 16 + 5, RACE_CHUNK - 5)))
			ret = -EILSEQ;
	}
	if (ret)
		shutdown(b, SHUT_RDWR);
	pthread_join(t, NULL);
	ktu_close(&a, &b);
	return ret ?: r.err;
}

static void race(int cfd)
{
	static const int waits[] = { 0, 1, 8, 64, 200 };
	int i, ret = 0, clear;

	for (i = 0; !ret && i < (int)(sizeof(waits) / sizeof(waits[0])); i++) {
		ret = race_round(cfd, waits[i], &clear);
		if (!ret)
			tap_diag("race round %d: %d chunks in the clear, %d as records",
				 i, clear, RACE_CHUNKS - clear);
	}
	tap_ok(!ret, "attach racing with a writer thread: each write() wholly clear or wholly records (%s)",
	       ret ? strerror(-ret) : "ok");
}

/* Sockets keep working after their session, and /dev/crypto, are gone. */
static void outlive_session(void)
{
	struct ktu_keys k;
	int cfd2, a, b, ret;
	__u32 ses;

	ktu_keys(&k, ktls_cipher_by_name("aes128gcm"), OCF_KTLS_VERSION_1_2, 1);
	cfd2 = cdev_open();
	ret = cfd2 < 0 ? -errno : ktu_pair(AF_INET, &a, &b);
	/* One session keys a's TX and b's RX. */
	if (!ret)
		ret = ktls_session(cfd2, k.c, k.key, &ses);
	if (!ret)
		ret = ktls_attach(cfd2, ses, a, OCF_KTLS_TX, k.version, k.iv,
				  k.seq, 0, NULL);
	if (!ret)
		ret = ktls_attach(cfd2, ses, b, OCF_KTLS_RX, k.version, k.iv,
				  k.seq, 0, NULL);
	if (!ret)
		ret = cdev_fsession(cfd2, ses);
	if (cfd2 >= 0)
		close(cfd2);
	if (!ret)
		ret = ktu_transfer(a, b, 0, ktu_size / 4, TX_SENDFILE, RX_READ);
	tap_ok(!ret, "sockets work on after CIOCFSESSION and close(/dev/crypto) (%s)",
	       ret ? strerror(-ret) : "ok");
	if (cfd2 >= 0)
		ktu_close(&a, &b);
}

/*
 * A kernel without kTLS (Debian's 5.10 has no CONFIG_TLS): the bridge must
 * say so with ENOPKG; nothing else here can run.
 */
static int without_ktls(int cfd, int probe)
{
	struct ktu_keys k;
	int a, b, ret;

	if (probe < 0)
		tap_bail_out("cannot probe for kTLS: %s", strerror(-probe));
	ktu_keys(&k, ktls_cipher_by_name("aes128gcm"), OCF_KTLS_VERSION_1_2, 0);
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret) {
		ret = ktu_bridge(cfd, a, OCF_KTLS_TX, &k, 0, NULL);
		ktu_close(&a, &b);
	}
	tap_ok(ret == -ENOPKG,
	       "no kTLS in this kernel (TCP_ULP \"tls\": ENOENT): attach gives ENOPKG (got %s)",
	       ret ? strerror(-ret) : "success");
	tap_skip("this kernel has no kTLS (CONFIG_TLS)", "the kTLS bridge tests");
	close(cfd);
	return tap_finish();
}

int main(int argc, char **argv)
{
	struct ocf_features feat;
	size_t kb = sizeof(long) == 4 ? 128 : 1024;
	const char *env = getenv("KTLS_SIZE_KB");
	int cfd, opt, have;

	if (env)
		kb = strtoul(env, NULL, 0);
	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's') {
			fprintf(stderr, "usage: %s [-s KiB]\n", argv[0]);
			return 2;
		}
		kb = strtoul(optarg, NULL, 0);
	}
	tap_header();
	cfd = cdev_open();
	if (cfd < 0)
		tap_skip_all("no %s", CDEV_PATH);
	if (cdev_ioctl(cfd, OCF_IOC_GET_FEATURES, &feat) ||
	    !(feat.features & OCF_FEAT_KTLS))
		tap_skip_all("no kTLS bridge (OCF_FEAT_KTLS)");
	if (!kb || ktu_data_init(kb * 1024))
		tap_bail_out("cannot prepare %zu KiB of test data", kb);
	have = ktu_kernel_ktls();
	if (have <= 0)
		return without_ktls(cfd, have);
	tap_diag("%zu KiB per transfer", kb);

	/* First: it may unload tls.ko, which needs no kTLS socket around. */
	ktls_errors(cfd);
	tls13_schedule(cfd);
	tls13_iv_private(cfd);
	combos(cfd);
	key_exposure(cfd);
	ipv6(cfd);
	queued_rx(cfd);
	no_pad(cfd);
	race(cfd);
	outlive_session();
	close(cfd);
	return tap_finish();
}
