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

/*
 * Limits are module parameters an administrator may change at run time,
 * each within bounds that keep the length arithmetic of the module far
 * from overflow.
 */
#define OCF_PARAM(name, var, def, min, max, desc)				\
	unsigned int var = def;							\
	static int set_##name(const char *val, const struct kernel_param *kp)	\
	{									\
		return param_set_uint_minmax(val, kp, min, max);		\
	}									\
	static const struct kernel_param_ops name##_ops = {			\
		.set = set_##name,						\
		.get = param_get_uint,						\
	};									\
	module_param_cb(name, &name##_ops, &var, 0644);				\
	MODULE_PARM_DESC(name, desc)

OCF_PARAM(max_sessions, ocf_max_sessions, 1024, 1, 1 << 20,
	  "Sessions one open file may hold (default 1024)");
OCF_PARAM(max_request, ocf_max_request, 4 << 20, 0, OCF_MAX_REQUEST_LIMIT,
	  "Largest data length of one operation in bytes (default 4 MiB, at most 64 MiB)");
OCF_PARAM(zc_threshold, ocf_zc_threshold, 4096, 0, UINT_MAX,
	  "Smallest length processed in the caller's pages instead of a copy (default 4096)");
OCF_PARAM(max_queue, ocf_max_queue, 256, 1, 1 << 16,
	  "Asynchronous operations one open file may have outstanding (default 256)");
OCF_PARAM(max_pinned, ocf_max_pinned, 64 << 20, 0, UINT_MAX,
	  "Bytes of user memory one open file may keep pinned for outstanding operations (default 64 MiB)");

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
