/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xcheck.h - shared parts of the OpenSSL cross-checks (cipher_xcheck,
 * hash_xcheck, aead_xcheck, record_xcheck; xcheck_util.c): the seeded
 * PRNG, the case loop and the OpenSSL references.
 *
 * A family is one TAP result: it runs up to its number of random cases and
 * stops at the first case that disagrees, after printing what the case was
 * (lengths, flags) as diagnostics.  With the seed printed at the start and
 * OCF_SEED set to it, a run repeats exactly.
 */
#ifndef _OCF_SELFTEST_XCHECK_H
#define _OCF_SELFTEST_XCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cdev.h"

#define MAX_DATA	65536	/* longest random message */
#define MAX_AAD		4096	/* longest random AAD */
#define CANARY		0x5a	/* fill byte of output buffers */

#define __xc_printf(a, b)	__attribute__((format(printf, a, b)))

extern int devfd;

/* PRNG (splitmix64): deterministic for a given OCF_SEED. */
uint64_t rnd64(void);
uint32_t rnd_below(uint32_t n);		/* 0 .. n-1; 0 when n == 0 */
void rnd_fill(void *buf, size_t len);
size_t rnd_len(size_t max);		/* 0 .. max, log-uniform, edges often */

/*
 * Random cases per family: @dflt, or $OCF_CASES when set.  The defaults
 * keep a whole run near a minute under TCG; sessions by name are slower
 * to create, so they get fewer.
 */
#define CASES		300
#define CASES_MULTI	100	/* families of several operations per case */
#define CASES_BY_NAME	40
unsigned int ncases(unsigned int dflt);

/*
 * Case failure: record why (printed by the family loop; later calls add
 * context).  Returns false, for "return fail(...)".
 */
bool fail(const char *fmt, ...) __xc_printf(1, 2);
const char *fail_reason(void);
void fail_reset(void);
bool same(const char *what, const void *got, const void *want, size_t len);
bool untouched(const char *what, const uint8_t *buf, size_t len);
void *xmalloc(size_t len);

/*
 * Run @fn for @n cases; one TAP line named @name, failing at the first
 * case @fn rejects.  @fn returns true for a good case.  A session helper
 * returning -ENOENT makes @fn call skip_family() instead.
 * Returns FAMILY_PASS, FAMILY_FAIL or FAMILY_SKIP.
 */
enum { FAMILY_PASS, FAMILY_FAIL, FAMILY_SKIP };
int run_family(const char *name, unsigned int n,
	       bool (*fn)(void *arg, unsigned int i), void *arg);
void skip_family(const char *why);

/* Sessions; -ENOENT from the kernel becomes a skip of the family. */
int xc_session(__u32 cipher, const void *key, __u32 keylen, __u32 mac,
	       const void *mackey, __u32 mackeylen, __u32 *ses);

/* OpenSSL references; false on an OpenSSL error (reported through fail). */
bool ossl_has_cipher(const char *name);
bool ossl_has_digest(const char *name);
bool ossl_cipher(const char *name, bool enc, const uint8_t *key, const uint8_t *iv,
		 const uint8_t *in, size_t len, uint8_t *out);
bool ossl_digest(const char *name, const uint8_t *msg, size_t len, uint8_t *md,
		 unsigned int *mdlen);
bool ossl_hmac(const char *md, const uint8_t *key, size_t klen, const uint8_t *msg,
	       size_t len, uint8_t *out, unsigned int *outlen);

/*
 * A program's start (open the device or skip all, seed the PRNG) and end
 * (the seed again, the TAP totals and exit code).
 */
void xcheck_start(void);
int xcheck_finish(void);

/* Families */
void xcheck_aead(void);
void xcheck_tls(void);
void xcheck_srtp(void);
void xcheck_multipart(void);
void xcheck_chaining(void);
void xcheck_cphash(void);
void xcheck_cipher_mac(void);
void xcheck_by_name(void);
void xcheck_xts_lengths(void);

#endif /* _OCF_SELFTEST_XCHECK_H */
