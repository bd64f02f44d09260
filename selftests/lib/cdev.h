/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cdev.h - thin wrappers around the /dev/crypto ioctls for the selftests.
 *
 * Every wrapper returns 0 or a negative errno (errno itself is left as the
 * ioctl set it), so that a test can compare results with a table:
 *
 *	int fd = cdev_open();
 *	__u32 ses;
 *
 *	if (cdev_session(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses) == -ENOENT)
 *		... the kernel lacks cbc(aes) ...
 *	cdev_crypt(fd, ses, COP_ENCRYPT, 0, pt, ct, len, iv, NULL);
 *	cdev_fsession(fd, ses);
 *
 * Header-only, like tap.h.
 */
#ifndef _OCF_SELFTEST_CDEV_H
#define _OCF_SELFTEST_CDEV_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "tap.h"

/* A user pointer as the legacy structures want it. */
#define CDEV_PTR(p)	((__u8 *)(uintptr_t)(p))

static inline int cdev_open(void)
{
	return open(CDEV_PATH, O_RDWR | O_CLOEXEC);
}

static inline int cdev_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

/* CIOCGSESSION: a session by legacy or extension algorithm ids. */
static inline int cdev_session(int fd, __u32 cipher, const void *key,
			       __u32 keylen, __u32 mac, const void *mackey,
			       __u32 mackeylen, __u32 *ses)
{
	struct session_op sop;
	int ret;

	memset(&sop, 0, sizeof(sop));
	sop.cipher = cipher;
	sop.key = CDEV_PTR(key);
	sop.keylen = keylen;
	sop.mac = mac;
	sop.mackey = CDEV_PTR(mackey);
	sop.mackeylen = mackeylen;
	ret = cdev_ioctl(fd, CIOCGSESSION, &sop);
	if (!ret)
		*ses = sop.ses;
	return ret;
}

static inline int cdev_fsession(int fd, __u32 ses)
{
	return cdev_ioctl(fd, CIOCFSESSION, &ses);
}

/* CIOCCRYPT */
static inline int cdev_crypt(int fd, __u32 ses, __u16 op, __u16 flags,
			     const void *src, void *dst, __u32 len, void *iv,
			     void *mac)
{
	struct crypt_op cop;

	memset(&cop, 0, sizeof(cop));
	cop.ses = ses;
	cop.op = op;
	cop.flags = flags;
	cop.len = len;
	cop.src = CDEV_PTR(src);
	cop.dst = CDEV_PTR(dst);
	cop.mac = CDEV_PTR(mac);
	cop.iv = CDEV_PTR(iv);
	return cdev_ioctl(fd, CIOCCRYPT, &cop);
}

/* A hash or MAC session: one operation of @flags over @len bytes. */
static inline int cdev_hash(int fd, __u32 ses, __u16 flags, const void *src,
			    __u32 len, void *mac)
{
	return cdev_crypt(fd, ses, COP_ENCRYPT, flags, src, NULL, len, NULL, mac);
}

/* CIOCAUTHCRYPT; len, tag_len and tag are written back into @caop. */
static inline int cdev_authcrypt(int fd, struct crypt_auth_op *caop)
{
	return cdev_ioctl(fd, CIOCAUTHCRYPT, caop);
}

static inline void cdev_caop(struct crypt_auth_op *caop, __u32 ses, __u16 op,
			     __u16 flags, const void *aad, __u32 aad_len,
			     const void *src, void *dst, __u32 len, void *iv,
			     __u32 iv_len, void *tag, __u32 tag_len)
{
	memset(caop, 0, sizeof(*caop));
	caop->ses = ses;
	caop->op = op;
	caop->flags = flags;
	caop->auth_src = CDEV_PTR(aad);
	caop->auth_len = aad_len;
	caop->src = CDEV_PTR(src);
	caop->dst = CDEV_PTR(dst);
	caop->len = len;
	caop->iv = CDEV_PTR(iv);
	caop->iv_len = iv_len;
	caop->tag = CDEV_PTR(tag);
	caop->tag_len = tag_len;
}

/* CIOCCPHASH */
static inline int cdev_cphash(int fd, __u32 dst_ses, __u32 src_ses)
{
	struct cphash_op cp = { .dst_ses = dst_ses, .src_ses = src_ses };

	return cdev_ioctl(fd, CIOCCPHASH, &cp);
}

/* Format @len bytes as hex into @out (2 * @len + 1 bytes), for diagnostics. */
static inline const char *cdev_hex(char *out, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * len] = '\0';
	return out;
}

/*
 * What the module holds right now (debugfs ocf/live): sessions, operations
 * and pinned pages.  Returns false when the file cannot be read.
 */
struct cdev_live {
	long sessions, ops, pinned_pages;
};

#define CDEV_LIVE	"/sys/kernel/debug/ocf/live"

static inline bool cdev_live_read(struct cdev_live *l)
{
	FILE *f = fopen(CDEV_LIVE, "r");
	char name[32];
	int seen = 0;
	long x;

	if (!f)
		return false;
	while (fscanf(f, "%31s %ld", name, &x) == 2) {
		if (!strcmp(name, "sessions")) {
			l->sessions = x;
			seen |= 1;
		} else if (!strcmp(name, "ops")) {
			l->ops = x;
			seen |= 2;
		} else if (!strcmp(name, "pinned_pages")) {
			l->pinned_pages = x;
			seen |= 4;
		}
	}
	fclose(f);
	return seen == 7;
}

/*
 * With no /dev/crypto file open anywhere, wait up to @ms milliseconds
 * (abandoned operations are released when their driver completes them)
 * for the module to hold nothing.  Returns 1 when it does, 0 when it still
 * holds something (left in @l), -1 without ocf/live.
 */
static inline int cdev_live_zero(struct cdev_live *l, int ms)
{
	for (;;) {
		if (!cdev_live_read(l))
			return -1;
		if (!l->sessions && !l->ops && !l->pinned_pages)
			return 1;
		if (ms <= 0)
			return 0;
		usleep(10000);
		ms -= 10;
	}
}

/*
 * The TAP line "nothing held after WHAT": with every /dev/crypto file
 * closed, the module holds no session, operation or pinned page.
 */
static inline void cdev_tap_nothing_held(const char *what)
{
	struct cdev_live l;
	int ret = cdev_live_zero(&l, 10000);

	if (ret < 0) {
		tap_skip("no " CDEV_LIVE, "nothing held after %s", what);
		return;
	}
	if (!ret)
		tap_diag("held: %ld sessions, %ld ops, %ld pinned pages",
			 l.sessions, l.ops, l.pinned_pages);
	tap_ok(ret == 1, "nothing held after %s", what);
}

#endif /* _OCF_SELFTEST_CDEV_H */
