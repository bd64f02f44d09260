/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlsglue.h - an OpenSSL handshake, then the record layer handed to kTLS
 * through the ocf bridge.
 *
 *	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
 *	tg_configure(ctx, OCF_KTLS_VERSION_1_3, cipher, false);
 *	... SSL_connect(ssl) ...
 *	tg_attach(cfd, ssl, sock, 0, &rep);	// both directions keyed
 *	SSL_free(ssl);				// OpenSSL is done
 *	write(sock, ...); tg_read(sock, ...); tg_close_notify(sock);
 *
 * TLS 1.3 KeyUpdate: tg_attach_ku() keeps the sessions, tg_read_ku()
 * follows the peer's KeyUpdates (the kernel advances the RX key), and
 * tg_key_update() sends one of ours and advances the TX key.
 *
 * TLS 1.3: the traffic secrets come from the keylog callback, and the
 * kernel derives key and IV from them (OCF_IOC_TLS13_SESSION): the keys
 * never exist in user memory.  TLS 1.2: the key block is computed from the
 * master secret with the TLS PRF, and plain AEAD sessions are made from it.
 */
#ifndef _OCF_TOOLS_KTLS_TLSGLUE_H
#define _OCF_TOOLS_KTLS_TLSGLUE_H

#include <stdbool.h>
#include <openssl/ssl.h>

#include "bridge.h"

/**
 * struct tg_keys - what kTLS needs for both directions after a handshake
 * @version: OCF_KTLS_VERSION_1_2 or OCF_KTLS_VERSION_1_3
 * @cipher: the negotiated cipher
 * @suite: TLS 1.3 cipher suite
 * @secret_len: TLS 1.3 traffic secret length
 * @secret: TLS 1.3 client [0] and server [1] application traffic secrets
 * @key: TLS 1.2 client [0] and server [1] write keys
 * @iv: TLS 1.2 client [0] and server [1] nonce: write IV, then the
 *	explicit part of the first record (GCM, CCM)
 * @seq: sequence number of the first application record, client [0] and
 *	server [1]
 */
struct tg_keys {
	int version;
	const struct ktls_cipher *cipher;
	__u16 suite;
	unsigned int secret_len;
	unsigned char secret[2][64];
	unsigned char key[2][32];
	unsigned char iv[2][OCF_KTLS_IV_LEN];
	__u64 seq[2];
};

/* What tg_attach() did, for reports. */
struct tg_report {
	struct ocf_ktls_attach tx;
	struct ocf_ktls_attach rx;
};

/**
 * struct tg_ku - TLS 1.3 KeyUpdate state of a connection (tg_attach_ku())
 * @enabled: TLS 1.3, and the kernel advances the keys
 * @cfd: /dev/crypto
 * @ses: the sessions of the TX [0] and RX [1] directions
 * @flags: OCF_KTLS_F_HIDE_KEY or 0, for every update
 * @tx_gen: generation of the TX direction
 * @rx_gen: generation of the RX direction
 * @sent: KeyUpdates sent
 * @received: KeyUpdates received
 */
struct tg_ku {
	bool enabled;
	int cfd;
	__u32 ses[2];
	__u32 flags;
	__u64 tx_gen;
	__u64 rx_gen;
	unsigned long sent;
	unsigned long received;
};

int tg_configure(SSL_CTX *ctx, int version, const struct ktls_cipher *c,
		 bool server);
int tg_keys(SSL *ssl, struct tg_keys *k);
void tg_wipe(struct tg_keys *k);
int tg_attach(int cfd, SSL *ssl, int sock, __u32 flags, struct tg_report *rep);
int tg_attach_ku(int cfd, SSL *ssl, int sock, __u32 flags,
		 struct tg_report *rep, struct tg_ku *ku);
void tg_ku_release(struct tg_ku *ku);
int tg_key_update(struct tg_ku *ku, int sock, int requested);
ssize_t tg_read(int sock, void *buf, size_t len);
ssize_t tg_read_ku(struct tg_ku *ku, int sock, void *buf, size_t len,
		   int *reply);
int tg_close_notify(int sock);
const char *tg_version_name(int version);

#endif /* _OCF_TOOLS_KTLS_TLSGLUE_H */
