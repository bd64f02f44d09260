// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/crypto misc device: open, release, and the per-open state.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "async.h"
#include "chardev.h"
#include "ioctl.h"
#include "session.h"

static ushort mode = 0666;
module_param(mode, ushort, 0444);
MODULE_PARM_DESC(mode, "Permissions of /dev/crypto as octal mode bits (default 0666; udev rules may override)");

static int ocf_open(struct inode *inode, struct file *filp)
{
	struct ocf_file *f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);

	if (!f)
		return -ENOMEM;
	if (ocf_async_open(f)) {
		kfree(f);
		return -ENOMEM;
	}
	xa_init_flags(&f->sessions, XA_FLAGS_ALLOC1);
	filp->private_data = f;
	return stream_open(inode, filp);
}

/*
 * The last descriptor is gone, so no ioctl runs on this file any more.
 * Operations still in a driver (asynchronous ones, or those whose waiter
 * was killed) hold their own session and queue references and outlive it.
 */
static int ocf_release(struct inode *inode, struct file *filp)
{
	struct ocf_file *f = filp->private_data;

	ocf_async_release(f);
	ocf_sessions_release(f);
	kfree(f);
	return 0;
}

static __poll_t ocf_poll(struct file *filp, poll_table *wait)
{
	return ocf_async_poll(filp->private_data, filp, wait);
}

static const struct file_operations ocf_fops = {
	.owner = THIS_MODULE,
	.open = ocf_open,
	.release = ocf_release,
	.poll = ocf_poll,
	.unlocked_ioctl = ocf_ioctl,
	.compat_ioctl = ocf_compat_ioctl,
};

static struct miscdevice ocf_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "crypto",
	.fops = &ocf_fops,
};

int ocf_chardev_init(void)
{
	int ret;

	ocf_misc.mode = mode & 0777;
	ret = misc_register(&ocf_misc);
	if (ret)
		pr_err("cannot register /dev/crypto (another driver may own it): %d\n", ret);
	return ret;
}

void ocf_chardev_exit(void)
{
	misc_deregister(&ocf_misc);
}
