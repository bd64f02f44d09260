// SPDX-License-Identifier: GPL-2.0
/*
 * libocf-ktls-preload.so: put the data connections of an unmodified iperf3
 * (client and server) on kTLS, keyed through the ocf bridge.
 *
 *	OCF_KTLS_SECRET=... LD_PRELOAD=libocf-ktls-preload.so iperf3 -s
 *	OCF_KTLS_SECRET=... LD_PRELOAD=libocf-ktls-preload.so iperf3 -c HOST [-Z]
 *
 * iperf3 opens a control connection, then one connection per stream; each
 * begins with the client sending the test's 37-byte cookie.  The library
 * watches the first 37 bytes written on each connected (client) or read on
 * each accepted (server) TCP socket: the first cookie of a test marks the
 * control connection, which is left alone; a connection that carries the
 * same cookie again is a data stream.  There the client's library sends a
 * random 16-byte connection nonce after the cookie, the server's library
 * consumes it before returning the cookie to iperf3, and both key both
 * directions, so that every byte iperf3 sends or receives on the stream
 * from then on is a TLS record processed by the kernel.
 *
 * Keys: for each direction a traffic secret
 *	HMAC-H(OCF_KTLS_SECRET, "ocf-ktls c2s" or "ocf-ktls s2c" || cookie || nonce)
 * computed through /dev/crypto (H is the suite's hash), which the kernel
 * turns into key and IV (OCF_IOC_TLS13_SESSION, TLS 1.3).  With
 * OCF_KTLS_TLS=1.2 the key and the 12-byte salt || IV are taken from
 * further HMACs of the secret, and plain AEAD sessions are made from them.
 *
 * Environment:
 *	OCF_KTLS_SECRET    shared secret (required; the same on both ends)
 *	OCF_KTLS_CIPHER    aes128gcm (default), aes256gcm, aes128ccm,
 *			   chacha20poly1305
 *	OCF_KTLS_TLS       1.3 (default) or 1.2
 *	OCF_KTLS_HIDE_KEY  1: getsockopt(SOL_TLS) shall not return the keys
 *	OCF_KTLS_KEYING    bridge (default), or setsockopt: key kTLS with
 *			   setsockopt(SOL_TLS) instead of the bridge, for
 *			   comparison (keys as for TLS 1.2, in user memory)
 *	OCF_KTLS_VERBOSE   1: report each connection on stderr
 *
 * Any failure to key a data connection ends the program (exit status 1):
 * a measurement must not silently fall back to plain TCP.  Only one test
 * at a time is recognised (iperf3's own limit too).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "bridge.h"

#define COOKIE_SIZE	37	/* iperf3's COOKIE_SIZE */
#define NONCE_SIZE	16
#define MAX_FDS		4096

enum fd_state {
	FD_NONE,	/* not watched */
	FD_CLIENT,	/* connected TCP socket: watching its first writes */
	FD_SERVER,	/* accepted TCP socket: watching its first reads */
};

struct fd_info {
	enum fd_state state;
	unsigned int seen;
	unsigned char cookie[COOKIE_SIZE];
};

static struct {
	pthread_mutex_t lock;
	struct fd_info fds[MAX_FDS];
	bool have_cookie;	/* the current test's control cookie */
	unsigned char cookie[COOKIE_SIZE];
	int control_fd;
	/* configuration */
	bool ready;
	const char *secret;
	const struct ktls_cipher *cipher;
	int version;
	__u32 flags;
	bool verbose;
	bool setsockopt;
	int cfd;
	/* the C library's functions */
	int (*connect)(int, const struct sockaddr *, socklen_t);
	int (*accept)(int, struct sockaddr *, socklen_t *);
	int (*accept4)(int, struct sockaddr *, socklen_t *, int);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*recv)(int, void *, size_t, int);
	ssize_t (*write)(int, const void *, size_t);
	int (*close)(int);
} pl = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.control_fd = -1,
	.cfd = -1,
};

static void pl_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void pl_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ocf-ktls: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void pl_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void pl_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ocf-ktls: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	_exit(1);
}

__attribute__((constructor)) static void pl_init(void)
{
	const char *s;

	pl.connect = dlsym(RTLD_NEXT, "connect");
	pl.accept = dlsym(RTLD_NEXT, "accept");
	pl.accept4 = dlsym(RTLD_NEXT, "accept4");
	pl.read = dlsym(RTLD_NEXT, "read");
	pl.recv = dlsym(RTLD_NEXT, "recv");
	pl.write = dlsym(RTLD_NEXT, "write");
	pl.close = dlsym(RTLD_NEXT, "close");
	if (!pl.connect || !pl.accept || !pl.read || !pl.recv || !pl.write ||
	    !pl.close)
		pl_fatal("cannot find the C library's socket functions");

	pl.secret = getenv("OCF_KTLS_SECRET");
	if (!pl.secret || !*pl.secret)
		pl_fatal("OCF_KTLS_SECRET is not set");
	s = getenv("OCF_KTLS_CIPHER");
	pl.cipher = ktls_cipher_by_name(s && *s ? s : "aes128gcm");
	if (!pl.cipher || (!pl.cipher->suite13 && !pl.cipher->tls12_only))
		pl_fatal("unknown cipher %s", s);
	s = getenv("OCF_KTLS_TLS");
	pl.version = s && !strcmp(s, "1.2") ? OCF_KTLS_VERSION_1_2 :
					      OCF_KTLS_VERSION_1_3;
	if (pl.version == OCF_KTLS_VERSION_1_3 && !pl.cipher->suite13)
		pl_fatal("%s is not a TLS 1.3 cipher", pl.cipher->name);
	s = getenv("OCF_KTLS_HIDE_KEY");
	if (s && *s == '1')
		pl.flags |= OCF_KTLS_F_HIDE_KEY;
	s = getenv("OCF_KTLS_KEYING");
	if (s && *s && strcmp(s, "bridge")) {
		if (strcmp(s, "setsockopt"))
			pl_fatal("OCF_KTLS_KEYING: bridge or setsockopt");
		pl.setsockopt = true;
	}
	s = getenv("OCF_KTLS_VERBOSE");
	pl.verbose = s && *s == '1';
	pl.cfd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (pl.cfd < 0)
		pl_fatal("/dev/crypto: %s", strerror(errno));
	pl.ready = true;
}

/* The suite's hash: SHA-384 for AES-256-GCM, else SHA-256. */
static unsigned int hash_len(void)
{
	return pl.cipher->suite13 == OCF_TLS_AES_256_GCM_SHA384 ? 48 : 32;
}

/* out = HMAC-H(secret, label || cookie || nonce) through /dev/crypto. */
static int hmac(const char *label, const unsigned char *cookie,
		const unsigned char *nonce, unsigned char *out)
{
	unsigned char msg[32 + COOKIE_SIZE + NONCE_SIZE];
	size_t llen = strlen(label);
	struct session_op sop;
	struct crypt_op cop;
	int ret = 0;

	memset(&sop, 0, sizeof(sop));
	sop.mac = hash_len() == 48 ? CRYPTO_SHA2_384_HMAC : CRYPTO_SHA2_256_HMAC;
	sop.mackey = (__u8 *)pl.secret;
	sop.mackeylen = strlen(pl.secret);
	if (ioctl(pl.cfd, CIOCGSESSION, &sop))
		return -errno;
	memcpy(msg, label, llen);
	memcpy(msg + llen, cookie, COOKIE_SIZE);
	memcpy(msg + llen + COOKIE_SIZE, nonce, NONCE_SIZE);
	memset(&cop, 0, sizeof(cop));
	cop.ses = sop.ses;
	cop.len = llen + COOKIE_SIZE + NONCE_SIZE;
	cop.src = msg;
	cop.mac = out;
	if (ioctl(pl.cfd, CIOCCRYPT, &cop))
		ret = -errno;
	ioctl(pl.cfd, CIOCFSESSION, &sop.ses);
	return ret;
}

/* Key one direction with the secret of @label. */
static int key_dir(int fd, int dir, const char *label,
		   const unsigned char *cookie, const unsigned char *nonce)
{
	unsigned char secret[48], iv[48];
	char lab[32];
	__u32 ses;
	int ret;

	ret = hmac(label, cookie, nonce, secret);
	if (ret)
		return ret;
	if (pl.setsockopt) {
		snprintf(lab, sizeof(lab), "%s iv", label);
		ret = hmac(lab, cookie, nonce, iv);
		if (!ret)
			ret = ktls_setsockopt(fd, dir, pl.version, pl.cipher,
					      secret, iv, 0);
		ses = 0;
	} else if (pl.version == OCF_KTLS_VERSION_1_3) {
		ret = ktls_tls13_session(pl.cfd, pl.cipher->suite13, secret,
					 hash_len(), &ses, NULL);
		if (!ret)
			ret = ktls_attach(pl.cfd, ses, fd, dir, pl.version, NULL,
					  0, pl.flags, NULL);
	} else {
		snprintf(lab, sizeof(lab), "%s iv", label);
		ret = hmac(lab, cookie, nonce, iv);
		if (!ret)
			ret = ktls_session(pl.cfd, pl.cipher, secret, &ses);
		if (!ret)
			ret = ktls_attach(pl.cfd, ses, fd, dir, pl.version, iv,
					  0, pl.flags, NULL);
	}
	if (!ret && ses)
		ioctl(pl.cfd, CIOCFSESSION, &ses);
	memset(secret, 0, sizeof(secret));
	memset(iv, 0, sizeof(iv));
	__asm__ __volatile__("" : : "r"(secret), "r"(iv) : "memory");
	return ret;
}

static void key_stream(int fd, bool client, const unsigned char *cookie,
		       const unsigned char *nonce)
{
	int ret;

	ret = key_dir(fd, client ? OCF_KTLS_TX : OCF_KTLS_RX, "ocf-ktls c2s",
		      cookie, nonce);
	if (!ret)
		ret = key_dir(fd, client ? OCF_KTLS_RX : OCF_KTLS_TX,
			      "ocf-ktls s2c", cookie, nonce);
	if (ret)
		pl_fatal("fd %d: keying the data connection failed: %s", fd,
			 strerror(-ret));
	if (pl.verbose)
		pl_log("fd %d: data connection on kTLS (TLS %s %s, both ways, keyed %s)",
		       fd, pl.version == OCF_KTLS_VERSION_1_3 ? "1.3" : "1.2",
		       pl.cipher->name,
		       pl.setsockopt ? "with setsockopt" : "through the bridge");
}

static bool is_tcp(int fd)
{
	int type = 0, proto = 0;
	socklen_t len = sizeof(type);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) || type != SOCK_STREAM)
		return false;
	len = sizeof(proto);
	return !getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) &&
	       proto == IPPROTO_TCP;
}

static void watch(int fd, enum fd_state state)
{
	if (!pl.ready || fd < 0 || fd >= MAX_FDS || !is_tcp(fd))
		return;
	pthread_mutex_lock(&pl.lock);
	memset(&pl.fds[fd], 0, sizeof(pl.fds[fd]));
	pl.fds[fd].state = state;
	pthread_mutex_unlock(&pl.lock);
}

/*
 * A whole cookie was seen on @fd: the control connection's, or a data
 * stream's.  Called with pl.lock held.  Return: true for a data stream.
 */
static bool classify(int fd, struct fd_info *fi)
{
	fi->state = FD_NONE;
	if (!pl.have_cookie) {
		memcpy(pl.cookie, fi->cookie, COOKIE_SIZE);
		pl.have_cookie = true;
		pl.control_fd = fd;
		if (pl.verbose)
			pl_log("fd %d: control connection (left in the clear)", fd);
		return false;
	}
	return !memcmp(pl.cookie, fi->cookie, COOKIE_SIZE);
}

static ssize_t full_write(int fd, const void *buf, size_t len)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pl.write(fd, (const char *)buf + done, len - done);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			poll(&pfd, 1, 10000);
			continue;
		}
		if (n <= 0)
			return -1;
		done += n;
	}
	return done;
}

static int full_read(int fd, void *buf, size_t len)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pl.read(fd, (char *)buf + done, len - done);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			if (poll(&pfd, 1, 10000) <= 0)
				return -1;
			continue;
		}
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int ret;

	if (!pl.connect)
		pl_init();
	ret = pl.connect(fd, addr, len);
	if (!ret || errno == EINPROGRESS)
		watch(fd, FD_CLIENT);
	return ret;
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	int s;

	if (!pl.accept)
		pl_init();
	s = pl.accept(fd, addr, len);
	watch(s, FD_SERVER);
	return s;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int s;

	if (!pl.accept)
		pl_init();
	if (!pl.accept4) {
		errno = ENOSYS;
		return -1;
	}
	s = pl.accept4(fd, addr, len, flags);
	watch(s, FD_SERVER);
	return s;
}

/*
 * The cookie is the first COOKIE_SIZE bytes of a watched connection, in
 * either direction.  Both helpers run under pl.lock: cookie_want() caps a
 * transfer so that no byte past the cookie is moved before the stream is
 * classified, cookie_feed() records the @n bytes just moved and returns true
 * once the cookie is complete and names a data stream (copied to @cookie).
 */
static size_t cookie_want(int fd, size_t count)
{
	size_t left = COOKIE_SIZE - pl.fds[fd].seen;

	return count < left ? count : left;
}

static bool cookie_feed(int fd, const void *buf, ssize_t n,
			unsigned char *cookie)
{
	struct fd_info *fi = &pl.fds[fd];

	if (n <= 0)
		return false;
	memcpy(fi->cookie + fi->seen, buf, n);
	fi->seen += n;
	if (fi->seen < COOKIE_SIZE || !classify(fd, fi))
		return false;
	memcpy(cookie, fi->cookie, COOKIE_SIZE);
	return true;
}

/* Client: the first COOKIE_SIZE bytes written on a connected socket. */
ssize_t write(int fd, const void *buf, size_t count)
{
	unsigned char nonce[NONCE_SIZE], cookie[COOKIE_SIZE];
	bool data;
	ssize_t n;

	if (!pl.write)
		pl_init();
	if (fd < 0 || fd >= MAX_FDS || pl.fds[fd].state != FD_CLIENT)
		return pl.write(fd, buf, count);

	pthread_mutex_lock(&pl.lock);
	n = pl.write(fd, buf, cookie_want(fd, count));
	data = cookie_feed(fd, buf, n, cookie);
	pthread_mutex_unlock(&pl.lock);
	if (data) {
		int rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

		if (rnd < 0 || full_read(rnd, nonce, sizeof(nonce)))
			pl_fatal("cannot read /dev/urandom");
		pl.close(rnd);
		if (full_write(fd, nonce, sizeof(nonce)) != sizeof(nonce))
			pl_fatal("fd %d: cannot send the connection nonce", fd);
		key_stream(fd, true, cookie, nonce);
	}
	return n;
}

/* Server: the first COOKIE_SIZE bytes read from an accepted socket. */
static ssize_t watched_read(int fd, void *buf, size_t count,
			    ssize_t (*rd)(int, void *, size_t, int), int flags)
{
	unsigned char nonce[NONCE_SIZE], cookie[COOKIE_SIZE];
	bool data;
	ssize_t n;

	pthread_mutex_lock(&pl.lock);
	if (pl.fds[fd].state != FD_SERVER || (flags & MSG_PEEK)) {
		pthread_mutex_unlock(&pl.lock);
		return rd(fd, buf, count, flags);
	}
	n = rd(fd, buf, cookie_want(fd, count), flags);
	data = cookie_feed(fd, buf, n, cookie);
	pthread_mutex_unlock(&pl.lock);
	if (data) {
		if (full_read(fd, nonce, sizeof(nonce)))
			pl_fatal("fd %d: no connection nonce (is the client preloaded?)",
				 fd);
		key_stream(fd, false, cookie, nonce);
	}
	return n;
}

static ssize_t read_flags(int fd, void *buf, size_t count, int flags)
{
	return pl.read(fd, buf, count);
}

ssize_t read(int fd, void *buf, size_t count)
{
	if (!pl.read)
		pl_init();
	if (fd < 0 || fd >= MAX_FDS || pl.fds[fd].state != FD_SERVER)
		return pl.read(fd, buf, count);
	return watched_read(fd, buf, count, read_flags, 0);
}

ssize_t recv(int fd, void *buf, size_t count, int flags)
{
	if (!pl.recv)
		pl_init();
	if (fd < 0 || fd >= MAX_FDS || pl.fds[fd].state != FD_SERVER)
		return pl.recv(fd, buf, count, flags);
	return watched_read(fd, buf, count, pl.recv, flags);
}

int close(int fd)
{
	if (!pl.close)
		pl_init();
	if (fd >= 0 && fd < MAX_FDS) {
		pthread_mutex_lock(&pl.lock);
		pl.fds[fd].state = FD_NONE;
		/* The control connection's end is the test's end. */
		if (fd == pl.control_fd) {
			pl.control_fd = -1;
			pl.have_cookie = false;
		}
		pthread_mutex_unlock(&pl.lock);
	}
	return pl.close(fd);
}
