// SPDX-License-Identifier: GPL-2.0
/*
 * ktls-server: a TLS server (OpenSSL handshake) whose records are then
 * processed by the kernel, keyed through the ocf kTLS bridge.
 *
 * It accepts --count connections one after the other; on each it completes
 * a TLS 1.2 or 1.3 handshake, hands both directions to kTLS through
 * /dev/crypto, sends a file with write(), sendfile() or splice() while
 * receiving into another, and closes with a close_notify alert.  It works
 * against any TLS client, such as "openssl s_client".  It sends no TLS 1.3
 * session tickets.  Exit status 0 when every connection sent everything
 * and received the expected amount.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include "peer.h"
#include "tlsglue.h"

static const char usage[] =
"Usage: ktls-server [options] --cert PEM --key PEM PORT [ADDRESS]\n"
"  -C, --cert FILE          certificate (PEM)\n"
"  -K, --key FILE           private key (PEM)\n"
"  -N, --count N            connections to serve (default 1)\n"
"  -v, --tls 1.2|1.3        version (default 1.3)\n"
"  -c, --cipher NAME        aes128gcm (default), aes256gcm, aes128ccm,\n"
"                           chacha20poly1305, aria128gcm, aria256gcm\n"
"  -s, --send FILE          send FILE after the handshake\n"
"  -m, --mode write|sendfile|splice   how to send it (default write)\n"
"  -n, --expect BYTES       receive BYTES, then close (default: until the\n"
"                           client closes)\n"
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
	int ls, sock, i, failed = 0;
	SSL_CTX *ctx;
	SSL *ssl;

	peer_parse(argc, argv, &o, true, usage);
	ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx)
		peer_ssl_die("SSL_CTX_new");
	if (tg_configure(ctx, o.version, o.cipher, true))
		peer_die("OpenSSL cannot do %s with %s",
			 tg_version_name(o.version), o.cipher->name);
	if (SSL_CTX_use_certificate_chain_file(ctx, o.cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, o.key, SSL_FILETYPE_PEM) != 1)
		peer_ssl_die("loading the certificate");

	ls = peer_listen(o.host, o.port);
	for (i = 0; i < o.count; i++) {
		sock = accept(ls, NULL, NULL);
		if (sock < 0)
			peer_die("accept failed");
		ssl = SSL_new(ctx);
		if (!ssl || !SSL_set_fd(ssl, sock))
			peer_ssl_die("SSL_new");
		if (SSL_accept(ssl) != 1) {
			peer_ssl_die("handshake");
		}
		if (peer_run(sock, ssl, &o))
			failed++;
	}
	close(ls);
	SSL_CTX_free(ctx);
	return failed ? 1 : 0;
}
