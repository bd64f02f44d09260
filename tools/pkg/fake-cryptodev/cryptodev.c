// SPDX-License-Identifier: GPL-2.0
/*
 * A test-only module named like cryptodev-linux's, holding a misc device
 * named "crypto" with a dynamic minor as that module does, so that the VM
 * test can check that ocf refuses to load beside it.  It serves nothing.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static const struct file_operations stand_in_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice stand_in = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "crypto",
	.fops = &stand_in_fops,
};

static int __init stand_in_init(void)
{
	return misc_register(&stand_in);
}

static void __exit stand_in_exit(void)
{
	misc_deregister(&stand_in);
}

module_init(stand_in_init);
module_exit(stand_in_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test-only stand-in for cryptodev-linux's /dev/crypto");
