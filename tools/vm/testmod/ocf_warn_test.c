// SPDX-License-Identifier: GPL-2.0
/*
 * ocf_warn_test: a test-only module for the VM harness self-test.
 *
 * It raises one WARN on load and then loads normally, so that
 * tools/vm/selftest-harness can prove ocf-vm fails a run whose guest kernel
 * log holds a warning even when the command itself succeeds.
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init ocf_warn_test_init(void)
{
	WARN(1, "ocf_warn_test: deliberate warning for the harness self-test\n");
	return 0;
}

static void __exit ocf_warn_test_exit(void)
{
}

module_init(ocf_warn_test_init);
module_exit(ocf_warn_test_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Raises one WARN on load (ocf VM harness self-test only)");
