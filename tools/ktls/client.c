// SPDX-License-Identifier: GPL-2.0
/*
 * ktls-client: a TLS client (OpenSSL handshake) whose records are then
 * processed by the kernel, keyed through the ocf kTLS bridge.
 *
 * It connects, completes a TLS 1.2 or 1.3 handshake with one cipher, hands
 * both directions to kTLS through /dev/crypto, sends a file with write(),
 * sendfile() or splice() while receiving into another, and closes with a
 * close_notify alert.  It works against any TLS server, such as
 * "openssl s_server".  Exit status 0 when everything was sent and the
 * expected amount received.
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/ssl.h>

#include "peer.h"
#include "tlsglue.h"

static const char usage[] =
"Usage: ktls-client [options] HOST PORT\n"
"  -v, --tls 1.2|1.3        version (default 1.3)\n"
"  -c, --cipher NAME        aes128gcm (default), aes256gcm, aes128ccm,\n"
"                           chacha20poly1305, aria128gcm, aria256gcm\n"
"  -s, --send FILE          send FILE after the handshake\n"
"  -m, --mode write|sendfile|splice   how to send it (default write)\n"
"  -n, --expect BYTES       receive BYTES, then close (default: until the\n"
"                           server closes)\n"
"  -o, --out FILE           write what is received to FILE\n"
"  -H, --hide-key           getsockopt(SOL_TLS) shall not return the keys\n"
"  -P, --no-pad             TLS 1.3: TLS_RX_EXPECT_NO_PAD\n"
"  -B, --no-bridge          leave the records to OpenSSL (for comparison)\n"
"  -u, --key-update BYTES   TLS 1.3: send a KeyUpdate every BYTES sent\n"
"                           (also on SIGUSR1; the peer's are always followed)\n"
"  -R, --request-update     our KeyUpdates ask the peer to update too\n"
"  -V, --verbose            report what was negotiated and done\n";

int main(int argc, char **argv)
{
	struct peer_opts o;
	SSL_CTX *ctx;
	SSL *ssl;
	int sock;

	peer_parse(argc, argv, &o, false, usage);
	ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx)
		peer_ssl_die("SSL_CTX_new");
	if (tg_configure(ctx, o.version, o.cipher, false))
		peer_die("OpenSSL cannot do %s with %s",
			 tg_version_name(o.version), o.cipher->name);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);

	sock = peer_connect(o.host, o.port);
	ssl = SSL_new(ctx);
	if (!ssl || !SSL_set_fd(ssl, sock))
		peer_ssl_die("SSL_new");
	if (SSL_connect(ssl) != 1)
		peer_ssl_die("handshake");
	return peer_run(sock, ssl, &o) ? 1 : 0;
}
