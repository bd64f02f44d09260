// SPDX-License-Identifier: GPL-2.0
/*
 * peer.c - the shared part of ktls-client and ktls-server.
 *
 * After the handshake, peer_run() moves the record layer to kTLS through
 * the bridge (tg_attach()), then sends a file with write(), sendfile() or
 * splice() while a second thread receives into another file, and ends with
 * a close_notify alert.  With --no-bridge the same happens through
 * SSL_write()/SSL_read(), for comparison.
 *
 * TLS 1.3 KeyUpdate (where the kernel can advance kTLS's keys): the
 * receiver follows the peer's KeyUpdates (tg_read_ku(): the kernel
 * advances the RX key) and, when one carries update_requested, a KeyUpdate
 * of ours is due; we also send our own every --key-update bytes and on
 * SIGUSR1.  Ours go out from the one thread that sends, between two
 * chunks (a KeyUpdate and the TX rekey must not have application data in
 * between), or from the receiver once the sending is over.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <openssl/err.h>

#include "peer.h"
#include "tlsglue.h"

#define CHUNK	(64 * 1024)

void peer_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ktls: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void peer_ssl_die(const char *what)
{
	fprintf(stderr, "ktls: %s failed\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

void peer_parse(int argc, char **argv, struct peer_opts *o, bool server,
		const char *usage)
{
	static const struct option longopts[] = {
		{ "tls", required_argument, NULL, 'v' },
		{ "cipher", required_argument, NULL, 'c' },
		{ "send", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "expect", required_argument, NULL, 'n' },
		{ "mode", required_argument, NULL, 'm' },
		{ "hide-key", no_argument, NULL, 'H' },
		{ "no-pad", no_argument, NULL, 'P' },
		{ "cert", required_argument, NULL, 'C' },
		{ "key", required_argument, NULL, 'K' },
		{ "count", required_argument, NULL, 'N' },
		{ "no-bridge", no_argument, NULL, 'B' },
		{ "verbose", no_argument, NULL, 'V' },
		{ "key-update", required_argument, NULL, 'u' },
		{ "request-update", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->version = OCF_KTLS_VERSION_1_3;
	o->cipher = ktls_cipher_by_name("aes128gcm");
	o->expect = -1;
	o->count = 1;
	while ((ch = getopt_long(argc, argv, "v:c:s:o:n:m:HPC:K:N:BVu:Rh",
				 longopts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			if (!strcmp(optarg, "1.2"))
				o->version = OCF_KTLS_VERSION_1_2;
			else if (!strcmp(optarg, "1.3"))
				o->version = OCF_KTLS_VERSION_1_3;
			else
				peer_die("--tls: 1.2 or 1.3");
			break;
		case 'c':
			o->cipher = ktls_cipher_by_name(optarg);
			if (!o->cipher)
				peer_die("unknown cipher %s", optarg);
			break;
		case 's':
			o->send = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'n':
			o->expect = strtoll(optarg, NULL, 0);
			break;
		case 'm':
			if (!strcmp(optarg, "write"))
				o->mode = MODE_WRITE;
			else if (!strcmp(optarg, "sendfile"))
				o->mode = MODE_SENDFILE;
			else if (!strcmp(optarg, "splice"))
				o->mode = MODE_SPLICE;
			else
				peer_die("--mode: write, sendfile or splice");
			break;
		case 'H':
			o->flags |= OCF_KTLS_F_HIDE_KEY;
			break;
		case 'P':
			o->flags |= OCF_KTLS_F_RX_EXPECT_NO_PAD;
			break;
		case 'C':
			o->cert = optarg;
			break;
		case 'K':
			o->key = optarg;
			break;
		case 'N':
			o->count = atoi(optarg);
			break;
		case 'B':
			o->no_bridge = true;
			break;
		case 'V':
			o->verbose = true;
			break;
		case 'u':
			o->key_update = strtoll(optarg, NULL, 0);
			if (o->key_update <= 0)
				peer_die("--key-update: a number of bytes");
			break;
		case 'R':
			o->update_requested = true;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			fputs(usage, stderr);
			exit(2);
		}
	}
	if (server) {
		if (argc - optind < 1 || argc - optind > 2 || !o->cert || !o->key) {
			fputs(usage, stderr);
			exit(2);
		}
		o->port = argv[optind];
		o->host = argc - optind == 2 ? argv[optind + 1] : NULL;
	} else {
		if (argc - optind != 2) {
			fputs(usage, stderr);
			exit(2);
		}
		o->host = argv[optind];
		o->port = argv[optind + 1];
	}
}

/*
 * Numeric addresses only (and "localhost"): the programs are static, and a
 * static program cannot use the C library's name service.
 */
static int peer_addr(const char *host, const char *port,
		     struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	char *end;
	long p = strtol(port, &end, 10);

	if (*end || p <= 0 || p > 65535)
		peer_die("bad port %s", port);
	memset(ss, 0, sizeof(*ss));
	if (!host || !strcmp(host, "localhost"))
		host = host ? "127.0.0.1" : "::";
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(p);
		*len = sizeof(*sin);
	} else if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(p);
		*len = sizeof(*sin6);
	} else {
		peer_die("%s: not a numeric address", host);
	}
	return ss->ss_family;
}

int peer_connect(const char *host, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	fd = socket(peer_addr(host, port, &ss, &len), SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len))
		peer_die("connect %s:%s: %s", host, port, strerror(errno));
	return fd;
}

/* Without ADDRESS: every IPv6 and IPv4 address (or IPv4 only). */
int peer_listen(const char *host, const char *port)
{
	struct sockaddr_storage ss;
	int fd, one = 1, zero = 0;
	socklen_t len;

	fd = socket(peer_addr(host, port, &ss, &len), SOCK_STREAM, 0);
	if (fd < 0 && !host) {
		fd = socket(peer_addr("0.0.0.0", port, &ss, &len), SOCK_STREAM, 0);
	} else if (fd >= 0 && ss.ss_family == AF_INET6) {
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	}
	if (fd < 0)
		peer_die("socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 16))
		peer_die("listen on %s: %s", port, strerror(errno));
	return fd;
}

/*
 * The data phase: either kTLS on the socket, or OpenSSL.  @tx_lock
 * serialises the sending of KeyUpdates and guards @closing; @since belongs
 * to whoever sends.  The receiver never waits for @tx_lock while the
 * sender may hold it: a KeyUpdate can block in sendmsg() until the peer
 * reads, and the peer's receiver must not be waiting for its own sender
 * meanwhile.  So a reply that is due is flagged in @reply, and the
 * receiver sends it itself only once @sending is over (both atomic, in
 * the order that lets one of the two threads see the other's flag).
 */
struct conn {
	int sock;
	SSL *ssl;	/* NULL once kTLS has the records */
	const struct peer_opts *o;
	long long received;
	int rx_error;
	struct tg_ku ku;
	pthread_mutex_t tx_lock;
	bool sending;
	bool closing;
	int reply;
	long long since;
	int ku_error;
	volatile int rx_done;
};

static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	usr1 = 1;
}

/*
 * A point where nothing else is being sent: send the KeyUpdate that is
 * due, a reply to the peer's update_requested or one of our own (every
 * --key-update bytes while sending, or on SIGUSR1), and advance the TX
 * key.  Caller holds @tx_lock.
 */
static int ku_point(struct conn *c)
{
	const struct peer_opts *o = c->o;
	bool own = usr1 || (__atomic_load_n(&c->sending, __ATOMIC_SEQ_CST) &&
			    o->key_update > 0 && c->since >= o->key_update);
	int reply, ret;

	if (!c->ku.enabled || c->closing)
		return 0;
	reply = __atomic_exchange_n(&c->reply, 0, __ATOMIC_SEQ_CST);
	if (!own && !reply)
		return 0;
	/* A reply asks for nothing back (RFC 8446 section 4.6.3). */
	ret = tg_key_update(&c->ku, c->sock, reply ? 0 : o->update_requested);
	if (own) {
		usr1 = 0;
		c->since = 0;
	}
	if (ret && !c->ku_error)
		c->ku_error = ret;
	return ret;
}

static int ku_point_locked(struct conn *c)
{
	int ret;

	pthread_mutex_lock(&c->tx_lock);
	ret = ku_point(c);
	pthread_mutex_unlock(&c->tx_lock);
	return ret;
}

static ssize_t conn_write(struct conn *c, const void *buf, size_t len)
{
	ssize_t n;

	if (!c->ssl) {
		n = write(c->sock, buf, len);
		return n < 0 ? -errno : n;
	}
	n = SSL_write(c->ssl, buf, len);
	return n > 0 ? n : -EIO;
}

static ssize_t conn_read(struct conn *c, void *buf, size_t len)
{
	int reply = 0;
	ssize_t n;

	if (!c->ssl) {
		n = tg_read_ku(&c->ku, c->sock, buf, len, &reply);
		if (reply) {
			/* Ours is due: the sender sends it, or we do. */
			__atomic_store_n(&c->reply, 1, __ATOMIC_SEQ_CST);
			if (!__atomic_load_n(&c->sending, __ATOMIC_SEQ_CST))
				ku_point_locked(c);
		}
		return n;
	}
	n = SSL_read(c->ssl, buf, len);
	if (n > 0)
		return n;
	return SSL_get_error(c->ssl, n) == SSL_ERROR_ZERO_RETURN ? 0 : -EIO;
}

static void *receiver(void *arg)
{
	struct conn *c = arg;
	const struct peer_opts *o = c->o;
	char *buf = malloc(CHUNK);
	int out = -1;
	ssize_t n;

	if (o->out) {
		out = open(o->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0)
			peer_die("%s: %s", o->out, strerror(errno));
	}
	while (buf && (o->expect < 0 || c->received < o->expect)) {
		size_t want = CHUNK;

		if (o->expect >= 0 && o->expect - c->received < CHUNK)
			want = o->expect - c->received;
		n = conn_read(c, buf, want);
		if (n <= 0) {
			c->rx_error = n;
			break;
		}
		if (out >= 0 && write(out, buf, n) != n)
			peer_die("%s: %s", o->out, strerror(errno));
		c->received += n;
	}
	if (out >= 0)
		close(out);
	free(buf);
	c->rx_done = 1;
	return NULL;
}

static int send_write(struct conn *c, int fd)
{
	char *buf = malloc(CHUNK);
	ssize_t n, w, off;
	int ret = 0;

	while (buf && (n = read(fd, buf, CHUNK)) > 0) {
		for (off = 0; off < n; off += w) {
			if (!c->ssl && ku_point_locked(c)) {
				ret = c->ku_error;
				goto out;
			}
			w = conn_write(c, buf + off, n - off);
			if (w < 0) {
				ret = w;
				goto out;
			}
			c->since += w;
		}
	}
out:
	free(buf);
	return ret;
}

/* In chunks when KeyUpdates may have to go in between. */
static int send_sendfile(struct conn *c, int fd, off_t size)
{
	off_t off = 0;
	ssize_t n;

	while (off < size) {
		if (ku_point_locked(c))
			return c->ku_error;
		n = sendfile(c->sock, fd, &off,
			     c->ku.enabled && size - off > CHUNK ? CHUNK : size - off);
		if (n < 0)
			return -errno;
		if (!n)
			return -EIO;
		c->since += n;
	}
	return 0;
}

static int send_splice(struct conn *c, int fd, off_t size)
{
	int sock = c->sock;
	loff_t off = 0;
	int p[2], ret = 0;
	ssize_t n, m;

	if (pipe(p))
		return -errno;
	while (off < size) {
		if (ku_point_locked(c)) {
			ret = c->ku_error;
			break;
		}
		n = splice(fd, &off, p[1], NULL, CHUNK, SPLICE_F_MOVE);
		if (n <= 0) {
			ret = n ? -errno : -EIO;
			break;
		}
		while (n > 0) {
			m = splice(p[0], NULL, sock, NULL, n,
				   SPLICE_F_MOVE | (off < size ? SPLICE_F_MORE : 0));
			if (m <= 0) {
				ret = m ? -errno : -EIO;
				goto out;
			}
			n -= m;
			c->since += m;
		}
	}
out:
	close(p[0]);
	close(p[1]);
	return ret;
}

static int send_file(struct conn *c)
{
	const struct peer_opts *o = c->o;
	struct stat st;
	int fd, ret;

	fd = open(o->send, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		peer_die("%s: %s", o->send, strerror(errno));
	if (c->ssl || o->mode == MODE_WRITE)
		ret = send_write(c, fd);
	else if (o->mode == MODE_SENDFILE)
		ret = send_sendfile(c, fd, st.st_size);
	else
		ret = send_splice(c, fd, st.st_size);
	close(fd);
	return ret;
}

/*
 * Read and drop until the peer closes (or 30 s pass: a peer still
 * receiving under emulation may take a while).
 */
static void drain(struct conn *c)
{
	struct timeval tv = { .tv_sec = 30 };
	char buf[4096];
	int i;

	setsockopt(c->sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (i = 0; i < 1024; i++) {
		ssize_t n = conn_read(c, buf, sizeof(buf));

		/* SIGUSR1 interrupts a read with a time limit. */
		if (n == -EINTR)
			continue;
		if (n <= 0)
			break;
	}
}

static void report(const struct peer_opts *o, SSL *ssl,
		   const struct tg_report *rep)
{
	fprintf(stderr, "ktls: %s %s, %s; tx %s (result %#x) rx %s (result %#x)\n",
		SSL_get_version(ssl), SSL_get_cipher_name(ssl),
		o->no_bridge ? "records by OpenSSL" : "records by kTLS",
		o->no_bridge ? "-" : "bridge", rep->tx.result,
		o->no_bridge ? "-" : "bridge", rep->rx.result);
}

/**
 * peer_run() - the data phase of one connection
 * @sock: the connected socket
 * @ssl: its OpenSSL connection, handshake done (freed here)
 * @o: options
 *
 * Return: 0 when everything was sent and the expected amount received.
 */
int peer_run(int sock, SSL *ssl, const struct peer_opts *o)
{
	struct conn c = { .sock = sock, .ssl = ssl, .o = o };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct tg_report rep = {};
	int ret = 0, cfd = -1;
	pthread_t rx;

	pthread_mutex_init(&c.tx_lock, NULL);
	if (!o->no_bridge) {
		cfd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
		if (cfd < 0)
			peer_die("/dev/crypto: %s", strerror(errno));
		ret = tg_attach_ku(cfd, ssl, sock, o->flags, &rep, &c.ku);
		if (ret)
			peer_die("attach: %s", strerror(-ret));
		if (!c.ku.enabled) {
			close(cfd);
			cfd = -1;
		}
		c.ssl = NULL;
	}
	if (o->verbose)
		report(o, ssl, &rep);
	if ((o->key_update || o->update_requested) && !c.ku.enabled)
		fprintf(stderr, "ktls: no KeyUpdate here (%s)\n",
			o->no_bridge ? "--no-bridge" :
			rep.tx.version != OCF_KTLS_VERSION_1_3 ? "not TLS 1.3" :
			"this kernel's kTLS cannot rekey");
	sigaction(SIGUSR1, &sa, NULL);

	c.sending = o->send != NULL;
	if (pthread_create(&rx, NULL, receiver, &c))
		peer_die("pthread_create failed");
	if (o->send)
		ret = send_file(&c);
	/* A reply that came late, and SIGUSR1 while we only receive. */
	pthread_mutex_lock(&c.tx_lock);
	__atomic_store_n(&c.sending, false, __ATOMIC_SEQ_CST);
	ku_point(&c);
	pthread_mutex_unlock(&c.tx_lock);
	while (!c.rx_done) {
		if (usr1)
			ku_point_locked(&c);
		usleep(20000);
	}
	pthread_join(rx, NULL);
	if (c.ku_error) {
		fprintf(stderr, "ktls: KeyUpdate: %s\n", strerror(-c.ku_error));
		ret = ret ? ret : c.ku_error;
	}
	if (ret)
		fprintf(stderr, "ktls: send: %s\n", strerror(-ret));
	if (c.rx_error < 0) {
		fprintf(stderr, "ktls: receive: %s\n", strerror(-c.rx_error));
		ret = c.rx_error;
	}
	if (o->expect >= 0 && c.received != o->expect) {
		fprintf(stderr, "ktls: received %lld bytes, expected %lld\n",
			c.received, o->expect);
		ret = ret ? ret : -EIO;
	}
	if (o->verbose)
		fprintf(stderr, "ktls: received %lld bytes\n", c.received);

	/*
	 * close_notify, then wait for the peer to close too: closing a socket
	 * with unread data in it resets the connection, which could drop what
	 * is still queued for sending.
	 */
	pthread_mutex_lock(&c.tx_lock);
	c.closing = true;
	pthread_mutex_unlock(&c.tx_lock);
	if (c.ssl)
		SSL_shutdown(ssl);
	else
		tg_close_notify(sock);
	shutdown(sock, SHUT_WR);
	drain(&c);
	SSL_free(ssl);
	close(sock);
	/* After drain(): the peer's last KeyUpdates may come with its close. */
	if (o->verbose && c.ku.enabled)
		fprintf(stderr, "ktls: KeyUpdate: sent %lu (TX generation %llu), received %lu (RX generation %llu)\n",
			c.ku.sent, (unsigned long long)c.ku.tx_gen,
			c.ku.received, (unsigned long long)c.ku.rx_gen);
	if (c.ku.enabled)
		tg_ku_release(&c.ku);
	if (cfd >= 0)
		close(cfd);
	pthread_mutex_destroy(&c.tx_lock);
	return ret;
}
