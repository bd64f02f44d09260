// SPDX-License-Identifier: GPL-2.0
/*
 * ocf_test_ulp: a TCP upper-layer protocol named "ocf_test" that does
 * nothing, so that the ktls selftest can give an established socket a ULP
 * other than "tls" (Debian's kernels have none that an established TCP
 * socket accepts) and check that the bridge refuses it with EEXIST.
 * Test use only.
 */
#include <linux/module.h>
#include <net/tcp.h>

static int ocf_test_ulp_init(struct sock *sk)
{
	return 0;
}

static void ocf_test_ulp_release(struct sock *sk)
{
}

static struct tcp_ulp_ops ocf_test_ulp_ops __read_mostly = {
	.name = "ocf_test",
	.owner = THIS_MODULE,
	.init = ocf_test_ulp_init,
	.release = ocf_test_ulp_release,
};

static int __init ocf_test_ulp_register(void)
{
	return tcp_register_ulp(&ocf_test_ulp_ops);
}

static void __exit ocf_test_ulp_unregister(void)
{
	tcp_unregister_ulp(&ocf_test_ulp_ops);
}

module_init(ocf_test_ulp_register);
module_exit(ocf_test_ulp_unregister);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A TCP ULP that does nothing (ocf selftests)");
