/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktls_util.h - loopback connections, keys and data transfers for the kTLS
 * bridge selftests (ktls.c, ktls_errors.c, ktls_route.c, ktls_update.c).
 *
 * The bridge calls themselves are tools/ktls/bridge.h (ktls_attach(),
 * ktls_setsockopt(), ...), so that the tests exercise the same helpers as
 * the tools.  Implemented in ktls_util.c (libocftest.a); results go
 * through tap.h.
 */
#ifndef _OCF_SELFTEST_KTLS_UTIL_H
#define _OCF_SELFTEST_KTLS_UTIL_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "bridge.h"
#include "tap.h"

/* How data leaves and reaches the application. */
enum ktu_tx { TX_WRITE, TX_SENDFILE, TX_SPLICE };
enum ktu_rx { RX_READ, RX_SPLICE };

/**
 * struct ktu_keys - one direction's keys
 * @c: cipher
 * @version: OCF_KTLS_VERSION_*
 * @key: key (@c->keylen bytes used)
 * @iv: salt || IV
 * @seq: first record's sequence number
 */
struct ktu_keys {
	const struct ktls_cipher *c;
	int version;
	unsigned char key[32];
	unsigned char iv[OCF_KTLS_IV_LEN];
	__u64 seq;
};

/* The test data: random, 2 * ktu_size bytes, also in ktu_memfd. */
extern unsigned char *ktu_data;
extern int ktu_memfd;
extern size_t ktu_size;

int ktu_data_init(size_t size);
void ktu_random(void *buf, size_t len);
void ktu_keys(struct ktu_keys *k, const struct ktls_cipher *c, int version,
	      __u64 seq);
int ktu_pair(int family, int *a, int *b);
void ktu_close(int *a, int *b);
int ktu_bridge(int cfd, int sock, int dir, const struct ktu_keys *k,
	       __u32 flags, struct ocf_ktls_attach *res);
int ktu_plain(int sock, int dir, const struct ktu_keys *k);
int ktu_transfer(int tx, int rx, size_t off, size_t len, enum ktu_tx txm,
		 enum ktu_rx rxm);
int ktu_transfer2(int a, int b, size_t len, enum ktu_tx txm, enum ktu_rx rxm);
const char *ktu_version(int version);
int ktu_kernel_ktls(void);

#endif /* _OCF_SELFTEST_KTLS_UTIL_H */
