/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FreeBSD's /dev/crypto structures and commands for tests that also use
 * the cryptodev-linux header (the fuzzer, the fault-injection sweep): the
 * two public headers exclude each other, their names being the same.
 * selftests/freebsd.c checks the public header itself.  session_op and
 * crypt_op have the cryptodev-linux layout in both sets.
 */
#ifndef _OCF_SELFTEST_BSD_ABI_H
#define _OCF_SELFTEST_BSD_ABI_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <crypto/cryptodev.h>

struct bsd_session2_op {
	__u32 cipher, mac, keylen;
	const void *key;
	int mackeylen;
	const void *mackey;
	__u32 ses;
	int crid, ivlen, maclen, pad[2];
};

struct bsd_crypt_aead {
	__u32 ses;
	__u16 op, flags;
	unsigned int len, aadlen, ivlen;
	const void *src;
	void *dst;
	const void *aad;
	void *tag;
	const void *iv;
};

struct bsd_find_op {
	int crid;
	char name[32];
};

#define BSD_CIOCGSESSION	_IOWR('c', 101, struct session_op)
#define BSD_CIOCCRYPT		_IOWR('c', 103, struct crypt_op)
#define BSD_CIOCGSESSION2	_IOWR('c', 106, struct bsd_session2_op)
#define BSD_CIOCFINDDEV		_IOWR('c', 108, struct bsd_find_op)
#define BSD_CIOCCRYPTAEAD	_IOWR('c', 109, struct bsd_crypt_aead)

#define BSD_COP_ENCRYPT		1
#define BSD_COP_DECRYPT		2
#define BSD_AES_CBC		11
#define BSD_SHA2_256_HMAC	18
#define BSD_AES_XTS		22
#define BSD_AES_NIST_GCM_16	25
#define BSD_AES_CCM_16		40

#endif /* _OCF_SELFTEST_BSD_ABI_H */
