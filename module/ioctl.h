/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_IOCTL_H
#define _OCF_IOCTL_H

#include <linux/fs.h>

struct ocf_file;
struct ocf_session;
struct ocf_session_params;

/* The keys of a new session in user memory (ocf_session_create_user()). */
struct ocf_user_keys {
	const void __user *key;
	unsigned int keylen;
	unsigned int keymax;
	const void __user *mackey;
	unsigned int mackeylen;
};

int ocf_session_create_user(struct ocf_file *f, struct ocf_session_params *p,
			    const struct ocf_user_keys *uk,
			    struct ocf_session **out);

long ocf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);
long ocf_ioctl_call(struct file *filp, unsigned int cmd, void *karg);
bool ocf_ioctl_copy_out(unsigned int cmd, long ret);
void ocf_ioctl_undo(struct file *filp, unsigned int cmd, void *karg);
long ocf_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

#endif /* _OCF_IOCTL_H */
