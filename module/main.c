// SPDX-License-Identifier: GPL-2.0
/*
 * ocf: an OCF-compatible /dev/crypto on the Linux crypto API.
 *
 * Module init and exit, and the module-wide limits.  Reading order of the
 * other files: chardev.c (the device), ioctl.c and ioctl_compat.c
 * (dispatch), session.c, algs.c, driver.c (what serves a session),
 * request.c (operations and waiting), cipher.c, hash.c, aead.c (the crypto),
 * ktls.c and tls13.c (the kTLS bridge).
 */
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "chardev.h"
#include "crypt.h"
#include "driver.h"
#include "ioctl.h"
#include "ktls_route.h"
#include "ocf.h"
#include "request.h"
#include "session.h"
#include "stats.h"
#include "tls13.h"

/* module/Kbuild passes the version; a build without it still names one. */
#ifndef OCF_VERSION
#define OCF_VERSION "unknown"
#endif

/*
 * Limits are module parameters an administrator may change at run time,
 * each within bounds that keep the length arithmetic of the module far
 * from overflow.  Readers use ocf_limit().
 */
static int set_limit(const char *val, const struct kernel_param *kp)
{
	struct ocf_limit *l = kp->arg;
	unsigned int v;
	int ret;

	ret = kstrtouint(val, 0, &v);
	if (ret)
		return ret;
	if (v < l->min || v > l->max)
		return -EINVAL;
	WRITE_ONCE(l->val, v);
	return 0;
}

static int get_limit(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", ocf_limit(kp->arg));
}

static const struct kernel_param_ops limit_ops = {
	.set = set_limit,
	.get = get_limit,
};

struct ocf_limit ocf_max_sessions = { 1024, 1, 1 << 20 };
module_param_cb(max_sessions, &limit_ops, &ocf_max_sessions, 0644);
MODULE_PARM_DESC(max_sessions, "Sessions one open file may hold (default 1024)");

struct ocf_limit ocf_max_request = { 4 << 20, 0, OCF_MAX_REQUEST_LIMIT };
module_param_cb(max_request, &limit_ops, &ocf_max_request, 0644);
MODULE_PARM_DESC(max_request, "Largest data length of one operation in bytes (default 4 MiB, at most 64 MiB)");

struct ocf_limit ocf_zc_threshold = { 4096, 0, UINT_MAX };
module_param_cb(zc_threshold, &limit_ops, &ocf_zc_threshold, 0644);
MODULE_PARM_DESC(zc_threshold, "Smallest data length in bytes processed in the caller's pages instead of a copy (default 4096)");

struct ocf_limit ocf_max_queue = { 256, 1, 1 << 16 };
module_param_cb(max_queue, &limit_ops, &ocf_max_queue, 0644);
MODULE_PARM_DESC(max_queue, "Asynchronous operations one open file may have outstanding (default 256)");

struct ocf_limit ocf_max_pinned = { 64 << 20, 0, UINT_MAX };
module_param_cb(max_pinned, &limit_ops, &ocf_max_pinned, 0644);
MODULE_PARM_DESC(max_pinned, "Bytes of user memory one open file may keep pinned for outstanding operations (default 64 MiB)");

struct ocf_limit ocf_max_key_updates = { UINT_MAX, 1, UINT_MAX };
module_param_cb(max_key_updates, &limit_ops, &ocf_max_key_updates, 0644);
MODULE_PARM_DESC(max_key_updates, "TLS 1.3 key updates of one kTLS direction (OCF_IOC_TLS13_UPDATE), before EOVERFLOW (default 4294967295)");

static bool selftest;
module_param(selftest, bool, 0444);
MODULE_PARM_DESC(selftest, "Test the module's pure helpers at load, and refuse to load if one fails (default off)");

/* The helpers' self-tests, WireGuard style: all pass, or no module. */
static int __init run_selftests(void)
{
	bool ok = ocf_aead_selftest();

	ok &= ocf_session_selftest();
	ok &= ocf_tls13_selftest();
	ok &= ocf_driver_selftest();
	pr_info("self-tests: %s\n", ok ? "pass" : "FAIL");
	return ok ? 0 : -ENOTRECOVERABLE;
}

/*
 * cryptodev-linux's module, cryptodev, also registers a misc device named
 * "crypto".  Both take a dynamic minor, so misc_register() would not see a
 * collision; the second device_create() would fail on the sysfs name with a
 * "duplicate filename" stack dump.  So look for the module first: every
 * loaded module has a kobject in the module kset (/sys/module), the kset
 * of our own kobject, which is set up before our init runs.  find_module()
 * is not exported and symbol_get() would tie us to a symbol of cryptodev's;
 * a kset lookup by name needs neither, nor a path lookup in some mount
 * namespace.  Should cryptodev load at the same moment, misc_register()
 * fails (with the sysfs warning) and ocf_init() unwinds.
 */
static int __init check_cryptodev(void)
{
	struct kset *modules = THIS_MODULE->mkobj.kobj.kset;
	struct kobject *other;

	if (!modules)
		return 0;
	other = kset_find_obj(modules, "cryptodev");
	if (!other)
		return 0;
	kobject_put(other);
	pr_err("cryptodev-linux's module cryptodev owns /dev/crypto: unload it (rmmod cryptodev) or blacklist it before loading ocf\n");
	return -EBUSY;
}

static int __init ocf_init(void)
{
	int ret;

	ret = check_cryptodev();
	if (ret)
		return ret;
	if (selftest) {
		ret = run_selftests();
		if (ret)
			return ret;
	}
	ret = ocf_request_init();
	if (ret)
		return ret;
	ret = ocf_driver_init();
	if (ret)
		goto err_request;
	ocf_stats_init();
	ocf_ioctl_init();
	ret = ocf_ktls_route_init();
	if (ret)
		goto err_stats;
	ret = ocf_chardev_init();
	if (ret)
		goto err_route;
	return 0;

err_route:
	ocf_ktls_route_exit();
err_stats:
	ocf_stats_exit();

	ocf_driver_exit();
err_request:
	ocf_request_exit();
	return ret;
}

static void __exit ocf_exit(void)
{
	ocf_chardev_exit();
	ocf_ktls_route_exit();
	ocf_stats_exit();
	ocf_driver_exit();
	ocf_request_exit();
}

module_init(ocf_init);
module_exit(ocf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The ocf developers");
MODULE_DESCRIPTION("OCF-compatible /dev/crypto on the Linux crypto API");
MODULE_VERSION(OCF_VERSION);
MODULE_SOFTDEP("pre: tls");
