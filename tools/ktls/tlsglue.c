// SPDX-License-Identifier: GPL-2.0
/*
 * tlsglue.c - OpenSSL handshakes whose record layer moves to kTLS through
 * the ocf bridge (see tlsglue.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>

#include "tlsglue.h"

/* OpenSSL names of each cipher, per version (ECDSA and RSA certificates). */
struct tg_names {
	const char *name;
	const char *tls12;
	const char *tls13;
};

static const struct tg_names tg_names[] = {
	{ "aes128gcm", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256",
	  "TLS_AES_128_GCM_SHA256" },
	{ "aes256gcm", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384",
	  "TLS_AES_256_GCM_SHA384" },
	{ "aes128ccm", "ECDHE-ECDSA-AES128-CCM:DHE-RSA-AES128-CCM",
	  "TLS_AES_128_CCM_SHA256" },
	{ "chacha20poly1305",
	  "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
	  "TLS_CHACHA20_POLY1305_SHA256" },
	{ "aria128gcm", "ECDHE-ECDSA-ARIA128-GCM-SHA256:ECDHE-ARIA128-GCM-SHA256",
	  NULL },
	{ "aria256gcm", "ECDHE-ECDSA-ARIA256-GCM-SHA384:ECDHE-ARIA256-GCM-SHA384",
	  NULL },
};

/* The keylog callback's findings, per SSL object (ex_data). */
struct tg_secrets {
	unsigned char secret[2][64];
	size_t len[2];
};

static int tg_index = -1;

static void tg_free_secrets(void *parent, void *ptr, CRYPTO_EX_DATA *ad,
			    int idx, long argl, void *argp)
{
	if (ptr) {
		OPENSSL_cleanse(ptr, sizeof(struct tg_secrets));
		free(ptr);
	}
}

static int hex_value(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static size_t parse_hex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (n < max && hex_value(s[0]) >= 0 && hex_value(s[1]) >= 0) {
		out[n++] = hex_value(s[0]) << 4 | hex_value(s[1]);
		s += 2;
	}
	return *s ? 0 : n;
}

/*
 * "CLIENT_TRAFFIC_SECRET_0 <client random> <secret>" and the SERVER_ one:
 * the TLS 1.3 application traffic secrets (NSS key log format).
 */
static void tg_keylog(const SSL *ssl, const char *line)
{
	static const char *const labels[2] = {
		"CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 ",
	};
	struct tg_secrets *ts = SSL_get_ex_data(ssl, tg_index);
	const char *p;
	int i;

	for (i = 0; i < 2; i++) {
		if (strncmp(line, labels[i], strlen(labels[i])))
			continue;
		if (!ts) {
			ts = calloc(1, sizeof(*ts));
			if (!ts || !SSL_set_ex_data((SSL *)ssl, tg_index, ts)) {
				free(ts);
				return;
			}
		}
		p = strchr(line + strlen(labels[i]), ' ');
		if (p)
			ts->len[i] = parse_hex(p + 1, ts->secret[i],
					       sizeof(ts->secret[i]));
	}
}

/**
 * tg_configure() - make a context negotiate one version and one cipher,
 *	and capture what the bridge needs
 * @ctx: the context
 * @version: OCF_KTLS_VERSION_1_2 or OCF_KTLS_VERSION_1_3
 * @c: the cipher
 * @server: @ctx is a server's: send no TLS 1.3 session tickets, whose
 *	records would take sequence numbers the bridge could not know
 *
 * Return: 0, or -EINVAL when OpenSSL cannot negotiate that combination.
 */
int tg_configure(SSL_CTX *ctx, int version, const struct ktls_cipher *c,
		 bool server)
{
	const struct tg_names *n = NULL;
	int proto = version == OCF_KTLS_VERSION_1_3 ? TLS1_3_VERSION :
						      TLS1_2_VERSION;
	size_t i;

	if (tg_index < 0)
		tg_index = SSL_get_ex_new_index(0, NULL, NULL, NULL,
						tg_free_secrets);
	for (i = 0; i < sizeof(tg_names) / sizeof(tg_names[0]); i++)
		if (!strcmp(tg_names[i].name, c->name))
			n = &tg_names[i];
	if (!n || tg_index < 0)
		return -EINVAL;
	if (!SSL_CTX_set_min_proto_version(ctx, proto) ||
	    !SSL_CTX_set_max_proto_version(ctx, proto))
		return -EINVAL;
	if (version == OCF_KTLS_VERSION_1_3) {
		if (!n->tls13 || !SSL_CTX_set_ciphersuites(ctx, n->tls13))
			return -EINVAL;
	} else if (!SSL_CTX_set_cipher_list(ctx, n->tls12)) {
		return -EINVAL;
	}
	SSL_CTX_set_keylog_callback(ctx, tg_keylog);
	if (server)
		SSL_CTX_set_num_tickets(ctx, 0);
	return 0;
}

const char *tg_version_name(int version)
{
	return version == OCF_KTLS_VERSION_1_3 ? "TLS 1.3" : "TLS 1.2";
}

/* The negotiated cipher, as kTLS knows it. */
static const struct ktls_cipher *tg_cipher(const SSL_CIPHER *sc)
{
	const char *name = SSL_CIPHER_get_name(sc);

	switch (SSL_CIPHER_get_cipher_nid(sc)) {
	case NID_aes_128_gcm:
		return ktls_cipher_by_name("aes128gcm");
	case NID_aes_256_gcm:
		return ktls_cipher_by_name("aes256gcm");
	case NID_chacha20_poly1305:
		return ktls_cipher_by_name("chacha20poly1305");
	case NID_aes_128_ccm:
		/* kTLS has no CCM with an 8-byte tag. */
		if (strstr(name, "CCM8") || strstr(name, "CCM_8"))
			return NULL;
		return ktls_cipher_by_name("aes128ccm");
	case NID_aria_128_gcm:
		return ktls_cipher_by_name("aria128gcm");
	case NID_aria_256_gcm:
		return ktls_cipher_by_name("aria256gcm");
	default:
		return NULL;
	}
}

/* TLS 1.2 key block: PRF(master_secret, "key expansion", sr || cr). */
static int tls12_key_block(SSL *ssl, const EVP_MD *md, unsigned char *out,
			   size_t len)
{
	unsigned char ms[48], seed[2 * SSL3_RANDOM_SIZE];
	static const char label[] = "key expansion";
	OSSL_PARAM params[5];
	EVP_KDF_CTX *kctx;
	EVP_KDF *kdf;
	size_t mslen;
	int ok = 0;

	mslen = SSL_SESSION_get_master_key(SSL_get_session(ssl), ms, sizeof(ms));
	SSL_get_server_random(ssl, seed, SSL3_RANDOM_SIZE);
	SSL_get_client_random(ssl, seed + SSL3_RANDOM_SIZE, SSL3_RANDOM_SIZE);
	kdf = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
	kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	if (kctx && mslen) {
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
							     (char *)EVP_MD_get0_name(md), 0);
		params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
							      ms, mslen);
		params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
							      (void *)label,
							      strlen(label));
		params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
							      seed, sizeof(seed));
		params[4] = OSSL_PARAM_construct_end();
		ok = EVP_KDF_derive(kctx, out, len, params) > 0;
	}
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	OPENSSL_cleanse(ms, sizeof(ms));
	return ok ? 0 : -EIO;
}

static void put_be64(unsigned char *p, __u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = v & 0xff;
}

static int tg_keys12(SSL *ssl, const SSL_CIPHER *sc, struct tg_keys *k)
{
	const struct ktls_cipher *c = k->cipher;
	unsigned int fixed = c->salt_len ? c->salt_len : OCF_KTLS_IV_LEN;
	unsigned char block[2 * 32 + 2 * OCF_KTLS_IV_LEN];
	const EVP_MD *md = SSL_CIPHER_get_handshake_digest(sc);
	int i, ret;

	if (!md)
		return -EINVAL;
	/* AEAD suites: no MAC keys; client key, server key, client IV, server IV */
	ret = tls12_key_block(ssl, md, block, 2 * c->keylen + 2 * fixed);
	if (ret)
		return ret;
	for (i = 0; i < 2; i++) {
		memcpy(k->key[i], block + i * c->keylen, c->keylen);
		memcpy(k->iv[i], block + 2 * c->keylen + i * fixed, fixed);
		/* The Finished message took sequence number 0. */
		k->seq[i] = 1;
		/* The explicit nonce kTLS starts from: the sequence number. */
		if (c->salt_len)
			put_be64(k->iv[i] + c->salt_len, k->seq[i]);
	}
	OPENSSL_cleanse(block, sizeof(block));
	return 0;
}

static int tg_keys13(SSL *ssl, const SSL_CIPHER *sc, struct tg_keys *k)
{
	struct tg_secrets *ts = SSL_get_ex_data(ssl, tg_index);
	int i;

	k->suite = SSL_CIPHER_get_protocol_id(sc);
	if (!ts || !ts->len[0] || ts->len[0] != ts->len[1])
		return -ENOKEY;
	k->secret_len = ts->len[0];
	for (i = 0; i < 2; i++) {
		memcpy(k->secret[i], ts->secret[i], ts->len[i]);
		k->seq[i] = 0;
	}
	return 0;
}

/**
 * tg_keys() - what kTLS needs, after a completed handshake
 * @ssl: the connection
 * @k: filled in; wipe with tg_wipe()
 *
 * Return: 0; -ENOKEY when the keylog callback saw no secrets (the context
 * was not set up with tg_configure()); -EPROTONOSUPPORT for a version or
 * cipher kTLS does not support.
 */
int tg_keys(SSL *ssl, struct tg_keys *k)
{
	const SSL_CIPHER *sc = SSL_get_current_cipher(ssl);

	memset(k, 0, sizeof(*k));
	if (!sc)
		return -EINVAL;
	k->cipher = tg_cipher(sc);
	if (!k->cipher)
		return -EPROTONOSUPPORT;
	switch (SSL_version(ssl)) {
	case TLS1_3_VERSION:
		k->version = OCF_KTLS_VERSION_1_3;
		return tg_keys13(ssl, sc, k);
	case TLS1_2_VERSION:
		k->version = OCF_KTLS_VERSION_1_2;
		return tg_keys12(ssl, sc, k);
	default:
		return -EPROTONOSUPPORT;
	}
}

void tg_wipe(struct tg_keys *k)
{
	OPENSSL_cleanse(k, sizeof(*k));
}

/*
 * Key one direction: @i is 0 for the client's keys, 1 for the server's.
 * @keep: NULL to free the session once kTLS is keyed, else where to leave
 * its id (TLS 1.3: for KeyUpdate).
 */
static int tg_attach_dir(int cfd, const struct tg_keys *k, int i, int sock,
			 int dir, __u32 flags, struct ocf_ktls_attach *res,
			 __u32 *keep)
{
	__u32 ses, fs;
	int ret;

	if (k->version == OCF_KTLS_VERSION_1_3)
		ret = ktls_tls13_session(cfd, k->suite, k->secret[i],
					 k->secret_len, &ses, NULL);
	else
		ret = ktls_session(cfd, k->cipher, k->key[i], &ses);
	if (ret)
		return ret;
	if (dir == OCF_KTLS_TX || k->version != OCF_KTLS_VERSION_1_3)
		flags &= ~OCF_KTLS_F_RX_EXPECT_NO_PAD;
	ret = ktls_attach(cfd, ses, sock, dir, k->version,
			  k->version == OCF_KTLS_VERSION_1_3 ? NULL : k->iv[i],
			  k->seq[i], flags, res);
	if (!ret && keep) {
		*keep = ses;
		return 0;
	}
	/* kTLS has its own copy: the session is no longer needed. */
	fs = ses;
	ioctl(cfd, CIOCFSESSION, &fs);
	return ret;
}

/**
 * tg_attach() - move a connection's record layer from OpenSSL to kTLS
 * @cfd: open /dev/crypto
 * @ssl: the connection, its handshake complete and no application data
 *	exchanged; do no more I/O through it afterwards
 * @sock: its socket
 * @flags: OCF_KTLS_F_HIDE_KEY, OCF_KTLS_F_RX_EXPECT_NO_PAD
 * @rep: what each attach returned, or NULL
 *
 * Return: 0 or a negative errno (-EAGAIN: OpenSSL already read records
 * beyond the handshake, which kTLS would never see).
 */
int tg_attach(int cfd, SSL *ssl, int sock, __u32 flags, struct tg_report *rep)
{
	return tg_attach_ku(cfd, ssl, sock, flags, rep, NULL);
}

/**
 * tg_attach_ku() - tg_attach(), keeping TLS 1.3 sessions for KeyUpdate
 * @cfd: open /dev/crypto, which must stay open while @ku is used
 * @ssl: as for tg_attach()
 * @sock: its socket
 * @flags: as for tg_attach()
 * @rep: as for tg_attach()
 * @ku: NULL (as tg_attach()), or set up for tg_read_ku() and
 *	tg_key_update(); @ku->enabled tells whether the connection is TLS 1.3
 *	and this kernel can advance its keys (OCF_FEAT_KEY_UPDATE).  Release
 *	with tg_ku_release().
 *
 * Return: as tg_attach().
 */
int tg_attach_ku(int cfd, SSL *ssl, int sock, __u32 flags,
		 struct tg_report *rep, struct tg_ku *ku)
{
	struct ocf_features feat;
	struct tg_report dummy;
	struct tg_keys k;
	int me = SSL_is_server(ssl) ? 1 : 0;
	bool keep = false;
	int ret;

	if (!rep)
		rep = &dummy;
	if (ku) {
		memset(ku, 0, sizeof(*ku));
		ku->cfd = cfd;
		ku->flags = flags & OCF_KTLS_F_HIDE_KEY;
		keep = SSL_version(ssl) == TLS1_3_VERSION &&
		       !ioctl(cfd, OCF_IOC_GET_FEATURES, &feat) &&
		       (feat.features & OCF_FEAT_KEY_UPDATE);
	}
	if (SSL_has_pending(ssl))
		return -EAGAIN;
	ret = tg_keys(ssl, &k);
	if (!ret)
		ret = tg_attach_dir(cfd, &k, me, sock, OCF_KTLS_TX, flags, &rep->tx,
				    keep ? &ku->ses[0] : NULL);
	if (!ret)
		ret = tg_attach_dir(cfd, &k, !me, sock, OCF_KTLS_RX, flags, &rep->rx,
				    keep ? &ku->ses[1] : NULL);
	tg_wipe(&k);
	if (keep)
		ku->enabled = !ret;
	if (ret && ku)
		tg_ku_release(ku);
	return ret;
}

/* Free the sessions tg_attach_ku() kept. */
void tg_ku_release(struct tg_ku *ku)
{
	int i;

	for (i = 0; i < 2; i++) {
		__u32 ses = ku->ses[i];

		if (ses)
			ioctl(ku->cfd, CIOCFSESSION, &ses);
		ku->ses[i] = 0;
	}
	ku->enabled = false;
}

/**
 * tg_key_update() - send a KeyUpdate and advance the TX direction
 * @ku: from tg_attach_ku(), enabled
 * @sock: the socket
 * @requested: ask the peer to update its keys too (update_requested)
 *
 * The caller sends nothing else on @sock meanwhile: every record after
 * the KeyUpdate must use the new key.
 *
 * Return: 0 or a negative errno.
 */
int tg_key_update(struct tg_ku *ku, int sock, int requested)
{
	int ret;

	if (!ku->enabled)
		return -EOPNOTSUPP;
	ret = ktls_send_key_update(sock, requested);
	if (!ret)
		ret = ktls_tls13_update(ku->cfd, ku->ses[0], sock, OCF_KTLS_TX,
					ku->flags, &ku->tx_gen);
	if (!ret)
		ku->sent++;
	return ret;
}

/**
 * tg_read() - read application data from a kTLS RX socket
 * @sock: the socket
 * @buf: where to
 * @len: room at @buf
 *
 * Handshake records (TLS 1.3 session tickets) are skipped.
 *
 * Return: bytes read; 0 at close_notify or end of stream; a negative errno
 * (-ECONNRESET for a fatal alert, -EPROTO for a KeyUpdate or an unknown
 * record type).
 */
ssize_t tg_read(int sock, void *buf, size_t len)
{
	return tg_read_ku(NULL, sock, buf, len, NULL);
}

/**
 * tg_read_ku() - tg_read(), following the peer's KeyUpdates
 * @ku: from tg_attach_ku(), or NULL
 * @sock: the socket
 * @buf: where to
 * @len: room at @buf
 * @reply: set to 1 when a KeyUpdate asked for ours (update_requested):
 *	the caller then sends one with tg_key_update(..., 0) before any more
 *	application data.  May be NULL.
 *
 * A KeyUpdate comes as a handshake record of its own; kTLS then refuses
 * to read (EKEYEXPIRED) until the RX direction has the next key, which
 * the kernel derives here (OCF_IOC_TLS13_UPDATE).
 *
 * Return: as tg_read(); -EPROTO for a KeyUpdate when @ku is not enabled.
 */
ssize_t tg_read_ku(struct tg_ku *ku, int sock, void *buf, size_t len,
		   int *reply)
{
	unsigned char *p = buf;
	__u8 type;
	ssize_t n;
	int req, ret;

	for (;;) {
		n = ktls_recv_type(sock, &type, buf, len, 0);
		if (n <= 0 || type == KTLS_RT_DATA)
			return n;
		if (type == KTLS_RT_ALERT)
			return n >= 2 && p[1] == 0 ? 0 : -ECONNRESET;
		if (type != KTLS_RT_HANDSHAKE)
			return -EPROTO;
		/* NewSessionTicket (4) can be dropped. */
		if (p[0] == 4)
			continue;
		req = ktls_key_update_request(p, n);
		if (req < 0 || !ku || !ku->enabled)
			return -EPROTO;
		ret = ktls_tls13_update(ku->cfd, ku->ses[1], sock, OCF_KTLS_RX,
					ku->flags, &ku->rx_gen);
		if (ret)
			return ret;
		ku->received++;
		if (req && reply)
			*reply = 1;
	}
}

/* Send a close_notify alert (warning level). */
int tg_close_notify(int sock)
{
	static const unsigned char alert[2] = { 1, 0 };
	ssize_t n = ktls_send_type(sock, KTLS_RT_ALERT, alert, sizeof(alert));

	return n < 0 ? (int)n : 0;
}
