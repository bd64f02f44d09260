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
 *	if (cdev_session(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0,
       &ses) == -ENOENT)
 *		... the kernel lacks cbc(aes) ...
 *	cdev_crypt(fd, ses, COP_ENCRYPT, 0, pt, ct, len, iv, NULL);
 *	cdev_fsession(fd, ses);
 *
 * Implemented in cdev.c (libocftest.a).
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

int cdev_open(void);

int cdev_ioctl(int fd, unsigned long cmd, void *arg);

/* CIOCGSESSION: a session by legacy or extension algorithm ids. */
int cdev_session(int fd, __u32 cipher, const void *key, __u32 keylen, __u32 mac,
		 const void *mackey, __u32 mackeylen, __u32 *ses);

int cdev_fsession(int fd, __u32 ses);

/* CIOCCRYPT */
int cdev_crypt(int fd, __u32 ses, __u16 op, __u16 flags, const void *src,
	       void *dst, __u32 len, void *iv, void *mac);

/* A hash or MAC session: one operation of @flags over @len bytes. */
int cdev_hash(int fd, __u32 ses, __u16 flags, const void *src, __u32 len,
	      void *mac);

/* CIOCAUTHCRYPT; len, tag_len and tag are written back into @caop. */
int cdev_authcrypt(int fd, struct crypt_auth_op *caop);

void cdev_caop(struct crypt_auth_op *caop, __u32 ses, __u16 op, __u16 flags,
	       const void *aad, __u32 aad_len, const void *src, void *dst,
	       __u32 len, void *iv, __u32 iv_len, void *tag, __u32 tag_len);

/* CIOCCPHASH */
int cdev_cphash(int fd, __u32 dst_ses, __u32 src_ses);

/* Format @len bytes as hex into @out (2 * @len + 1 bytes), for diagnostics. */
const char *cdev_hex(char *out, const void *buf, size_t len);

/*
 * What the module holds right now (debugfs ocf/live): sessions, operations
 * and pinned pages.  Returns false when the file cannot be read.
 */
struct cdev_live {
	long sessions, ops, pinned_pages;
};

#define CDEV_LIVE	"/sys/kernel/debug/ocf/live"

bool cdev_live_read(struct cdev_live *l);

/*
 * With no /dev/crypto file open anywhere, wait up to @ms milliseconds
 * (abandoned operations are released when their driver completes them)
 * for the module to hold nothing.  Returns 1 when it does, 0 when it still
 * holds something (left in @l), -1 without ocf/live.
 */
int cdev_live_zero(struct cdev_live *l, int ms);

/*
 * The TAP line "nothing held after WHAT": with every /dev/crypto file
 * closed, the module holds no session, operation or pinned page.
 */
void cdev_tap_nothing_held(const char *what);

#endif /* _OCF_SELFTEST_CDEV_H */
