/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common.h - what every ocf selftest spells the same way: the device's path
 * and ARRAY_SIZE.  Included by tap.h, so by every test.
 */
#ifndef _OCF_SELFTEST_COMMON_H
#define _OCF_SELFTEST_COMMON_H

#define CDEV_PATH	"/dev/crypto"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#endif /* _OCF_SELFTEST_COMMON_H */
