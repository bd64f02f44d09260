/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_IOCTL_H
#define _OCF_IOCTL_H

#include <linux/fs.h>

struct ocf_file;

/* Keys of a new session, copied from user space. */
struct ocf_keys {
	u8 *key;
	u8 *mackey;
};

int ocf_keys_copy(struct ocf_keys *k, const void __user *key,
		  unsigned int keylen, unsigned int keymax,
		  const void __user *mackey, unsigned int mackeylen);
void ocf_keys_free(struct ocf_keys *k, unsigned int keylen,
		   unsigned int mackeylen);

long ocf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);
long ocf_ioctl_call(struct file *filp, unsigned int cmd, void *karg);
bool ocf_ioctl_copy_out(unsigned int cmd, long ret);
void ocf_ioctl_undo(struct file *filp, unsigned int cmd, void *karg);
long ocf_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

#endif /* _OCF_IOCTL_H */
