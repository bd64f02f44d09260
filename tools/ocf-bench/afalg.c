// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: the AF_ALG paths, the kernel's own user-space crypto interface.
 *
 *   afalg         sendmsg() of the data (copied into the kernel) with the
 *                 operation, IV and AAD length as control messages, then
 *                 read() of the result into the caller's pages
 *   afalg-splice  sendmsg() of the control messages only, then vmsplice()
 *                 of the data into a pipe and splice() into the socket
 *                 (the kernel takes references to the pages), then read()
 *
 * An AEAD takes its associated data in front of the plaintext and returns
 * it in front of the ciphertext and tag.  The same kernel algorithm name
 * is used as /dev/crypto gets, so the crypto API picks the same driver;
 * for a driver class other than "any" the driver /dev/crypto chose is
 * asked for by its driver name.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/if_alg.h>

#include <crypto/cryptodev.h>

#include "bench.h"

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

static const char *alg_type(const struct alg *a)
{
	switch (a->kind) {
	case K_AEAD:
		return "aead";
	case K_CIPHER:
		return "skcipher";
	default:
		return "hash";
	}
}

/* Bind a transform socket to @name; 0 or errno. */
static int bind_tfm(const struct alg *a, const char *name, int *tfm)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int fd;

	strncpy((char *)sa.salg_type, alg_type(a), sizeof(sa.salg_type) - 1);
	strncpy((char *)sa.salg_name, name, sizeof(sa.salg_name) - 1);
	fd = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = errno;

		close(fd);
		return err;
	}
	*tfm = fd;
	return 0;
}

int afalg_check(const struct alg *a)
{
	int fd, err = bind_tfm(a, a->kname, &fd);

	if (!err)
		close(fd);
	return err;
}

static int afalg_setup(struct worker *w)
{
	const struct alg *a = w->alg;
	const char *name = a->kname;
	int err, sz = 64 << 20;

	/* A driver class: ask AF_ALG for the driver /dev/crypto chose. */
	if (w->crid != CLASS_ANY) {
		if (!w->driver[0])
			return ENOTSUP;
		name = w->driver;
	}
	err = bind_tfm(a, name, &w->fd2);
	if (err)
		return err;
	if (a->keylen &&
	    setsockopt(w->fd2, SOL_ALG, ALG_SET_KEY, w->key, a->keylen))
		return errno;
	if (a->kind == K_AEAD &&
	    setsockopt(w->fd2, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, a->taglen))
		return errno;
	w->fd = accept4(w->fd2, NULL, 0, SOCK_CLOEXEC);
	if (w->fd < 0)
		return errno;
	/* Room for a whole request (root only; harmless otherwise). */
	setsockopt(w->fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	if (w->path == &path_splice) {
		if (pipe2(w->pipe, O_CLOEXEC))
			return errno;
		/* Best effort: a bigger pipe means fewer splice() calls. */
		fcntl(w->pipe[1], F_SETPIPE_SZ, 1 << 20);
	}
	/* AEAD: associated data goes in front of the data. */
	if (a->kind == K_AEAD)
		memcpy(slot_src(w, 0), w->aad, opt.aad_len);
	return 0;
}

static void afalg_teardown(struct worker *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->fd2 >= 0)
		close(w->fd2);
	if (w->pipe[0] >= 0) {
		close(w->pipe[0]);
		close(w->pipe[1]);
	}
	w->fd = w->fd2 = w->pipe[0] = w->pipe[1] = -1;
}

/* Control messages: operation, IV, AAD length. */
static size_t build_cmsg(struct worker *w, char *buf, size_t len)
{
	const struct alg *a = w->alg;
	struct msghdr msg = { .msg_control = buf, .msg_controllen = len };
	struct cmsghdr *c;
	struct af_alg_iv *iv;
	size_t used;

	memset(buf, 0, len);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(sizeof(uint32_t));
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	used = CMSG_SPACE(sizeof(uint32_t));
	if (a->ivlen) {
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_IV;
		c->cmsg_len = CMSG_LEN(sizeof(*iv) + a->ivlen);
		iv = (struct af_alg_iv *)CMSG_DATA(c);
		iv->ivlen = a->ivlen;
		memcpy(iv->iv, w->iv, a->ivlen);
		used += CMSG_SPACE(sizeof(*iv) + a->ivlen);
	}
	if (a->kind == K_AEAD) {
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
		c->cmsg_len = CMSG_LEN(sizeof(uint32_t));
		*(uint32_t *)CMSG_DATA(c) = opt.aad_len;
		used += CMSG_SPACE(sizeof(uint32_t));
	}
	return used;
}

static size_t in_len(struct worker *w)
{
	return w->size + (w->alg->kind == K_AEAD ? opt.aad_len : 0);
}

static size_t out_len(struct worker *w)
{
	const struct alg *a = w->alg;

	if (a->kind == K_HASH || a->kind == K_HMAC)
		return a->digestlen;
	if (a->kind == K_AEAD)
		return opt.aad_len + w->size + a->taglen;
	return w->size;
}

static int read_all(int fd, uint8_t *buf, size_t len)
{
	ssize_t r;

	while (len) {
		r = read(fd, buf, len);
		if (r < 0)
			return errno;
		if (!r)
			return EIO;
		buf += r;
		len -= r;
	}
	return 0;
}

static int one_sendmsg(struct worker *w)
{
	char cbuf[CMSG_SPACE(sizeof(uint32_t)) * 2 +
		  CMSG_SPACE(sizeof(struct af_alg_iv) + 32)];
	struct iovec iov = { slot_src(w, 0), in_len(w) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t r;

	if (w->alg->kind != K_HASH && w->alg->kind != K_HMAC) {
		msg.msg_control = cbuf;
		msg.msg_controllen = build_cmsg(w, cbuf, sizeof(cbuf));
	}
	r = sendmsg(w->fd, &msg, 0);
	if (r < 0)
		return errno;
	if ((size_t)r != iov.iov_len)
		return EMSGSIZE;
	return read_all(w->fd, slot_dst(w, 0), out_len(w));
}

static int one_splice(struct worker *w)
{
	char cbuf[CMSG_SPACE(sizeof(uint32_t)) * 2 +
		  CMSG_SPACE(sizeof(struct af_alg_iv) + 32)];
	struct msghdr msg = { 0 };
	size_t left = in_len(w);
	uint8_t *p = slot_src(w, 0);
	ssize_t r;

	if (w->alg->kind != K_HASH && w->alg->kind != K_HMAC) {
		msg.msg_control = cbuf;
		msg.msg_controllen = build_cmsg(w, cbuf, sizeof(cbuf));
		if (sendmsg(w->fd, &msg, MSG_MORE) < 0)
			return errno;
	}
	/* Every splice() but the last says more data follows. */
	while (left) {
		struct iovec iov = { p, left };
		ssize_t in;

		in = vmsplice(w->pipe[1], &iov, 1, 0);
		if (in <= 0)
			return in < 0 ? errno : EIO;
		p += in;
		while (in) {
			unsigned int more = left > (size_t)in ? SPLICE_F_MORE : 0;

			r = splice(w->pipe[0], NULL, w->fd, NULL, in, more);
			if (r <= 0)
				return r < 0 ? errno : EIO;
			in -= r;
			left -= r;
		}
	}
	return read_all(w->fd, slot_dst(w, 0), out_len(w));
}

static long run_sendmsg(struct worker *w, long n)
{
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = one_sendmsg(w);
		if (err)
			return -err;
	}
	return n;
}

static long run_splice(struct worker *w, long n)
{
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = one_splice(w);
		if (err)
			return -err;
	}
	return n;
}

const struct path path_afalg = {
	"afalg", "AF_ALG, sendmsg() of the data, read() of the result",
	false, afalg_setup, run_sendmsg, NULL, afalg_teardown,
};

const struct path path_splice = {
	"afalg-splice", "AF_ALG, vmsplice()+splice() of the data, read()",
	false, afalg_setup, run_splice, NULL, afalg_teardown,
};
