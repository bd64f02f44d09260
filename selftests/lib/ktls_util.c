// SPDX-License-Identifier: GPL-2.0
/*
 * ktls_util.c - helpers of the kTLS bridge selftests (see ktls_util.h).
 *
 * Transfers send a slice of one random buffer, from memory (write()) or
 * from a memfd holding the same bytes (sendfile(), splice()), and the
 * receiver compares what arrives with the buffer, so that any corruption,
 * loss or reordering shows.  Every test socket has 30 s send and receive
 * timeouts: a bug makes a test fail instead of hanging the run.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/sendfile.h>

#include "ktls_util.h"

#define KTU_CHUNK	(64 * 1024)

unsigned char *ktu_data;
int ktu_memfd = -1;
size_t ktu_size;

static __u64 ktu_rng = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: reproducible test data and keys. */
void ktu_random(void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		ktu_rng ^= ktu_rng >> 12;
		ktu_rng ^= ktu_rng << 25;
		ktu_rng ^= ktu_rng >> 27;
		p[i] = (ktu_rng * 0x2545f4914f6cdd1dULL) >> 56;
	}
}

int ktu_data_init(size_t size)
{
	size_t len = 2 * size, off;
	ssize_t n;

	ktu_size = size;
	ktu_data = malloc(len);
	if (!ktu_data)
		return -ENOMEM;
	ktu_random(ktu_data, len);
	ktu_memfd = memfd_create("ktls-data", 0);
	if (ktu_memfd < 0)
		return -errno;
	for (off = 0; off < len; off += n) {
		n = write(ktu_memfd, ktu_data + off, len - off);
		if (n <= 0)
			return -EIO;
	}
	return 0;
}

void ktu_keys(struct ktu_keys *k, const struct ktls_cipher *c, int version,
	      __u64 seq)
{
	memset(k, 0, sizeof(*k));
	k->c = c;
	k->version = version;
	k->seq = seq;
	ktu_random(k->key, c->keylen);
	ktu_random(k->iv, sizeof(k->iv));
}

const char *ktu_version(int version)
{
	return version == OCF_KTLS_VERSION_1_3 ? "1.3" : "1.2";
}

static void ktu_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = 30 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* A connected loopback TCP pair over @family (AF_INET or AF_INET6). */
int ktu_pair(int family, int *a, int *b)
{
	struct sockaddr_storage ss = { .ss_family = family };
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	socklen_t len = family == AF_INET6 ? sizeof(*sin6) : sizeof(*sin);
	int ls, ret = 0;

	if (family == AF_INET6)
		sin6->sin6_addr = in6addr_loopback;
	else
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*a = *b = -1;
	ls = socket(family, SOCK_STREAM, 0);
	if (ls < 0)
		return -errno;
	if (bind(ls, (struct sockaddr *)&ss, len) || listen(ls, 1) ||
	    getsockname(ls, (struct sockaddr *)&ss, &len))
		goto fail;
	*a = socket(family, SOCK_STREAM, 0);
	if (*a < 0 || connect(*a, (struct sockaddr *)&ss, len))
		goto fail;
	*b = accept(ls, NULL, NULL);
	if (*b < 0)
		goto fail;
	ktu_timeouts(*a);
	ktu_timeouts(*b);
	close(ls);
	return 0;
fail:
	ret = -errno;
	close(ls);
	ktu_close(a, b);
	return ret;
}

void ktu_close(int *a, int *b)
{
	if (*a >= 0)
		close(*a);
	if (*b >= 0)
		close(*b);
	*a = *b = -1;
}

/* Key a direction through the bridge; the session is freed at once. */
int ktu_bridge(int cfd, int sock, int dir, const struct ktu_keys *k,
	       __u32 flags, struct ocf_ktls_attach *res)
{
	__u32 ses;
	int ret;

	ret = ktls_session(cfd, k->c, k->key, &ses);
	if (ret)
		return ret;
	ret = ktls_attach(cfd, ses, sock, dir, k->version, k->iv, k->seq,
			  flags, res);
	ioctl(cfd, CIOCFSESSION, &ses);
	return ret;
}

/*
 * Whether this kernel has kTLS at all: 1 when the "tls" ULP can be set on a
 * connected TCP socket (root: loading tls.ko on demand), 0 when the kernel
 * has none (ENOENT: no CONFIG_TLS), else -errno.
 */
int ktu_kernel_ktls(void)
{
	static const char tls[] = "tls";
	int a, b, ret;

	ret = ktu_pair(AF_INET, &a, &b);
	if (ret)
		return ret;
	ret = setsockopt(a, IPPROTO_TCP, TCP_ULP, tls, sizeof(tls) - 1) ? -errno : 1;
	ktu_close(&a, &b);
	return ret == -ENOENT ? 0 : ret;
}

/* Key a direction with setsockopt(), as without the bridge. */
int ktu_plain(int sock, int dir, const struct ktu_keys *k)
{
	return ktls_setsockopt(sock, dir, k->version, k->c, k->key, k->iv,
			       k->seq);
}

struct ktu_xfer {
	int fd;
	size_t off;
	size_t len;
	enum ktu_tx txm;
	enum ktu_rx rxm;
	int err;		/* negative errno */
	size_t done;		/* bytes sent, or received and equal */
};

static int send_write(struct ktu_xfer *x)
{
	ssize_t n;

	while (x->done < x->len) {
		size_t want = x->len - x->done;

		n = write(x->fd, ktu_data + x->off + x->done,
			  want < KTU_CHUNK ? want : KTU_CHUNK);
		if (n <= 0)
			return n ? -errno : -EIO;
		x->done += n;
	}
	return 0;
}

static int send_sendfile(struct ktu_xfer *x)
{
	off_t pos = x->off;
	ssize_t n;

	while (x->done < x->len) {
		n = sendfile(x->fd, ktu_memfd, &pos, x->len - x->done);
		if (n <= 0)
			return n ? -errno : -EIO;
		x->done += n;
	}
	return 0;
}

static int send_splice(struct ktu_xfer *x)
{
	loff_t pos = x->off;
	int p[2], ret = 0;
	ssize_t n, m;

	if (pipe(p))
		return -errno;
	while (x->done < x->len) {
		size_t want = x->len - x->done;

		n = splice(ktu_memfd, &pos, p[1], NULL,
			   want < KTU_CHUNK ? want : KTU_CHUNK, 0);
		if (n <= 0) {
			ret = n ? -errno : -EIO;
			break;
		}
		for (; n > 0; n -= m, x->done += m) {
			m = splice(p[0], NULL, x->fd, NULL, n, 0);
			if (m <= 0) {
				ret = m ? -errno : -EIO;
				goto out;
			}
		}
	}
out:
	close(p[0]);
	close(p[1]);
	return ret;
}

static void *sender(void *arg)
{
	struct ktu_xfer *x = arg;

	switch (x->txm) {
	case TX_WRITE:
		x->err = send_write(x);
		break;
	case TX_SENDFILE:
		x->err = send_sendfile(x);
		break;
	case TX_SPLICE:
		x->err = send_splice(x);
		break;
	}
	return NULL;
}

/* Read up to @len bytes from the socket, directly or through a pipe. */
static ssize_t recv_some(struct ktu_xfer *x, int *p, unsigned char *buf,
			 size_t len)
{
	ssize_t n, m, got = 0;

	if (x->rxm == RX_READ) {
		n = read(x->fd, buf, len);
		return n < 0 ? -errno : n;
	}
	n = splice(x->fd, NULL, p[1], NULL, len, 0);
	if (n <= 0)
		return n < 0 ? -errno : 0;
	for (; got < n; got += m) {
		m = read(p[0], buf + got, n - got);
		if (m <= 0)
			return -EIO;
	}
	return n;
}

static void *receiver(void *arg)
{
	struct ktu_xfer *x = arg;
	unsigned char *buf = malloc(KTU_CHUNK);
	int p[2] = { -1, -1 };
	ssize_t n;

	x->err = 0;
	if (!buf || (x->rxm == RX_SPLICE && pipe(p))) {
		x->err = -ENOMEM;
		goto out;
	}
	while (x->done < x->len) {
		size_t want = x->len - x->done;

		n = recv_some(x, p, buf, want < KTU_CHUNK ? want : KTU_CHUNK);
		if (n <= 0) {
			x->err = n ? n : -ENODATA;
			break;
		}
		if (memcmp(buf, ktu_data + x->off + x->done, n)) {
			x->err = -EILSEQ;
			break;
		}
		x->done += n;
	}
out:
	if (p[0] >= 0) {
		close(p[0]);
		close(p[1]);
	}
	free(buf);
	return NULL;
}

static int ktu_check(const char *what, const struct ktu_xfer *x)
{
	if (!x->err)
		return 0;
	tap_diag("%s: %s after %zu of %zu bytes", what, strerror(-x->err),
		 x->done, x->len);
	return x->err;
}

/*
 * Send ktu_data[@off, @off + @len) from @tx to @rx, @tx sending with @txm
 * and @rx receiving with @rxm, in two threads.  Return: 0 when every byte
 * arrived intact, else a negative errno (-EILSEQ: different data).
 */
int ktu_transfer(int tx, int rx, size_t off, size_t len, enum ktu_tx txm,
		 enum ktu_rx rxm)
{
	struct ktu_xfer s = { .fd = tx, .off = off, .len = len, .txm = txm };
	struct ktu_xfer r = { .fd = rx, .off = off, .len = len, .rxm = rxm };
	pthread_t ts, tr;
	int ret;

	if (pthread_create(&tr, NULL, receiver, &r))
		return -EAGAIN;
	if (pthread_create(&ts, NULL, sender, &s)) {
		shutdown(rx, SHUT_RDWR);
		pthread_join(tr, NULL);
		return -EAGAIN;
	}
	pthread_join(ts, NULL);
	pthread_join(tr, NULL);
	ret = ktu_check("send", &s);
	return ktu_check("receive", &r) ?: ret;
}

/* Both ways at once: @len bytes from @a to @b and other @len from @b to @a. */
int ktu_transfer2(int a, int b, size_t len, enum ktu_tx txm, enum ktu_rx rxm)
{
	struct ktu_xfer x[4] = {
		{ .fd = a, .off = 0, .len = len, .txm = txm },
		{ .fd = b, .off = 0, .len = len, .rxm = rxm },
		{ .fd = b, .off = len, .len = len, .txm = txm },
		{ .fd = a, .off = len, .len = len, .rxm = rxm },
	};
	pthread_t t[4];
	int i, n, ret = 0;

	for (n = 0; n < 4; n++)
		if (pthread_create(&t[n], NULL, n & 1 ? receiver : sender, &x[n]))
			break;
	if (n < 4) {
		shutdown(a, SHUT_RDWR);
		shutdown(b, SHUT_RDWR);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++)
		ret = ktu_check(i & 1 ? "receive" : "send", &x[i]) ?: ret;
	return n < 4 ? -EAGAIN : ret;
}
