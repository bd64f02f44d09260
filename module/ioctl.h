/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_IOCTL_H
#define _OCF_IOCTL_H

#include <linux/fs.h>

/**
 * struct ocf_compat_layout - the 32-bit layout of an ioctl argument
 * @size: size of the 32-bit structure
 * @in: fill the native structure from the 32-bit one, or NULL
 * @out: update the 32-bit structure from the native one, or NULL
 */
struct ocf_compat_layout {
	unsigned int size;
	void (*in)(void *native, const void *c32);
	void (*out)(void *c32, const void *native);
};

/* The 32-bit value of a command: the same, with the 32-bit size. */
#define OCF_CMD32(cmd, size32) \
	(((cmd) & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) | ((size32) << _IOC_SIZESHIFT))

/* Largest 32-bit structure (crypt_kop). */
#define OCF_COMPAT_ARG_MAX	80

extern const struct ocf_compat_layout ocf_c32_session_op;
extern const struct ocf_compat_layout ocf_c32_crypt_op;
extern const struct ocf_compat_layout ocf_c32_crypt_auth_op;
extern const struct ocf_compat_layout ocf_c32_crypt_kop;
extern const struct ocf_compat_layout ocf_c32_bsd_session2_op;
extern const struct ocf_compat_layout ocf_c32_bsd_crypt_aead;

void ocf_ioctl_init(void);
long ocf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);
long ocf_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

#endif /* _OCF_IOCTL_H */
