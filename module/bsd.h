/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FreeBSD ioctl set (bsd.c): FreeBSD's structures as the module sees
 * them, and their command values.  User space has the same layouts in
 * include/uapi/crypto/cryptodev_freebsd.h, which cannot be included next to
 * the cryptodev-linux header: its names are the same.  session_op and
 * crypt_op have the cryptodev-linux layout, so those structures serve both
 * sets.
 */
#ifndef _OCF_BSD_H
#define _OCF_BSD_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <crypto/cryptodev.h>

struct ocf_file;

struct bsd_session2_op {
	u32 cipher;
	u32 mac;
	u32 keylen;
	const u8 __user *key;
	s32 mackeylen;
	const u8 __user *mackey;
	u32 ses;
	s32 crid;
	s32 ivlen;
	s32 maclen;
	s32 pad[2];
};

struct bsd_crypt_aead {
	u32 ses;
	u16 op;
	u16 flags;
	u32 len;
	u32 aadlen;
	u32 ivlen;
	const u8 __user *src;
	u8 __user *dst;
	const u8 __user *aad;
	u8 __user *tag;
	const u8 __user *iv;
};

struct bsd_find_op {
	s32 crid;
	char name[32];
};

#define BSD_CRIOGET		_IOWR('c', 100, u32)
#define BSD_CIOCGSESSION	_IOWR('c', 101, struct session_op)
#define BSD_CIOCFSESSION	_IOW('c', 102, u32)
#define BSD_CIOCCRYPT		_IOWR('c', 103, struct crypt_op)
#define BSD_CIOCKEY		_IOWR('c', 104, struct crypt_kop)
#define BSD_CIOCASYMFEAT	_IOR('c', 105, u32)
#define BSD_CIOCGSESSION2	_IOWR('c', 106, struct bsd_session2_op)
#define BSD_CIOCKEY2		_IOWR('c', 107, struct crypt_kop)
#define BSD_CIOCFINDDEV		_IOWR('c', 108, struct bsd_find_op)
#define BSD_CIOCCRYPTAEAD	_IOWR('c', 109, struct bsd_crypt_aead)

long ocf_bsd_gsession(struct ocf_file *f, void *arg);
long ocf_bsd_gsession2(struct ocf_file *f, void *arg);
long ocf_bsd_crypt(struct ocf_file *f, void *arg);
long ocf_bsd_crypt_aead(struct ocf_file *f, void *arg);
long ocf_bsd_finddev(struct ocf_file *f, void *arg);

#endif /* _OCF_BSD_H */
