// SPDX-License-Identifier: GPL-2.0
/*
 * ocf: an OCF-compatible /dev/crypto on the Linux crypto API.
 *
 * Module init and exit, and the module-wide limits.  Reading order of the
 * other files: chardev.c (the device), ioctl.c and ioctl_compat.c
 * (dispatch), session.c, algs.c, driver.c (what serves a session),
 * request.c (operations and waiting), cipher.c, hash.c, aead.c (the crypto).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "chardev.h"
#include "driver.h"
#include "ocf.h"
#include "request.h"

unsigned int ocf_max_sessions = 1024;
module_param_named(max_sessions, ocf_max_sessions, uint, 0644);
MODULE_PARM_DESC(max_sessions, "Sessions one open file may hold (default 1024)");

unsigned int ocf_max_request = 4 << 20;
module_param_named(max_request, ocf_max_request, uint, 0644);
MODULE_PARM_DESC(max_request, "Largest data length of one operation in bytes (default 4 MiB)");

unsigned int ocf_zc_threshold = 4096;
module_param_named(zc_threshold, ocf_zc_threshold, uint, 0644);
MODULE_PARM_DESC(zc_threshold, "Smallest length processed in the caller's pages instead of a copy (default 4096)");

unsigned int ocf_max_queue = 256;
module_param_named(max_queue, ocf_max_queue, uint, 0644);
MODULE_PARM_DESC(max_queue, "Asynchronous operations one open file may have outstanding (default 256)");

unsigned int ocf_max_pinned = 64 << 20;
module_param_named(max_pinned, ocf_max_pinned, uint, 0644);
MODULE_PARM_DESC(max_pinned, "Bytes of user memory one open file may keep pinned for outstanding operations (default 64 MiB)");

static int __init ocf_init(void)
{
	int ret;

	ret = ocf_request_init();
	if (ret)
		return ret;
	ret = ocf_driver_init();
	if (ret)
		goto err_request;
	ret = ocf_chardev_init();
	if (ret)
		goto err_driver;
	return 0;

err_driver:
	ocf_driver_exit();
err_request:
	ocf_request_exit();
	return ret;
}

static void __exit ocf_exit(void)
{
	ocf_chardev_exit();
	ocf_driver_exit();
	ocf_request_exit();
}

module_init(ocf_init);
module_exit(ocf_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OCF-compatible /dev/crypto on the Linux crypto API");
MODULE_SOFTDEP("pre: tls");
