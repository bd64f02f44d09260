/* SPDX-License-Identifier: GPL-2.0 */
/*
 * peer.h - what ktls-client and ktls-server share: options, sockets, and
 * the data phase of a connection whose records kTLS processes.
 */
#ifndef _OCF_TOOLS_KTLS_PEER_H
#define _OCF_TOOLS_KTLS_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <openssl/ssl.h>

#include "bridge.h"

enum peer_mode { MODE_WRITE, MODE_SENDFILE, MODE_SPLICE };

/**
 * struct peer_opts - command line of ktls-client and ktls-server
 * @version: OCF_KTLS_VERSION_*
 * @cipher: cipher to negotiate
 * @send: file to send after the handshake, or NULL
 * @out: file to write what is received to, or NULL
 * @expect: bytes to receive before closing; -1: until the peer closes
 * @mode: how @send is sent
 * @flags: OCF_KTLS_F_* for the attach
 * @cert: certificate (PEM; server)
 * @key: private key (PEM; server)
 * @host: address to connect to (client) or bind (server)
 * @port: port
 * @count: connections to serve (server)
 * @no_bridge: leave the records to OpenSSL (SSL_write/SSL_read): a
 *	reference to compare with
 * @verbose: report the negotiated parameters on stderr
 * @key_update: TLS 1.3: send a KeyUpdate of our own every @key_update
 *	bytes sent (0: only on SIGUSR1 and in reply)
 * @update_requested: our own KeyUpdates ask the peer to update too
 */
struct peer_opts {
	int version;
	const struct ktls_cipher *cipher;
	const char *send;
	const char *out;
	long long expect;
	enum peer_mode mode;
	__u32 flags;
	const char *cert;
	const char *key;
	const char *host;
	const char *port;
	int count;
	bool no_bridge;
	bool verbose;
	long long key_update;
	bool update_requested;
};

void peer_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void peer_ssl_die(const char *what) __attribute__((noreturn));
void peer_parse(int argc, char **argv, struct peer_opts *o, bool server,
		const char *usage);
int peer_connect(const char *host, const char *port);
int peer_listen(const char *host, const char *port);
int peer_run(int sock, SSL *ssl, const struct peer_opts *o);

#endif /* _OCF_TOOLS_KTLS_PEER_H */
