/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_IOCTL_H
#define _OCF_IOCTL_H

#include <linux/fs.h>

struct ocf_file;

long ocf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);
long ocf_ioctl_call(struct file *filp, unsigned int cmd, void *karg);
bool ocf_ioctl_copy_out(unsigned int cmd, long ret);
void ocf_ioctl_undo(struct file *filp, unsigned int cmd, void *karg);
long ocf_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

#endif /* _OCF_IOCTL_H */
