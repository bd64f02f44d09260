/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vectors.h - known-answer vectors shared by the ocf selftests.
 *
 * Each vector is a published one (the source is named) or, where marked
 * "computed", was computed with an independent implementation (Python's
 * cryptography and hashlib).  All were checked that way.  Defined in
 * vectors.c (libocftest.a).
 */
#ifndef _OCF_SELFTEST_VECTORS_H
#define _OCF_SELFTEST_VECTORS_H

/* NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), first two blocks. */
extern const unsigned char kat_cbc_key[16];
extern const unsigned char kat_cbc_iv[16];
extern const unsigned char kat_cbc_pt[32];
extern const unsigned char kat_cbc_ct[32];

/* NIST SP 800-38A F.1.1 (ECB-AES128.Encrypt), first block; key kat_cbc_key. */
extern const unsigned char kat_ecb_pt[16];
extern const unsigned char kat_ecb_ct[16];

/* Computed: SHA-1 of kat_ecb_pt repeated 512 times (8 KiB). */
extern const unsigned char kat_sha1_ecb_pt_8k[20];

/* FIPS 180 examples: SHA-1 and SHA-256 of "abc"; SHA-1 of "". */
extern const unsigned char kat_abc[3];
extern const unsigned char kat_sha1_abc[20];
extern const unsigned char kat_sha1_empty[20];
extern const unsigned char kat_sha256_abc[32];

/* RFC 2202 test case 2: HMAC-SHA1 with key "Jefe". */
extern const unsigned char kat_hmac_key[4];
extern const unsigned char kat_hmac_data[28];
extern const unsigned char kat_hmac_sha1[20];

/* The GCM specification (McGrew, Viega), test case 4: AES-128, AAD. */
extern const unsigned char kat_gcm_key[16];
extern const unsigned char kat_gcm_iv[12];
extern const unsigned char kat_gcm_aad[20];
extern const unsigned char kat_gcm_pt[60];

/* Ciphertext followed by the 16-byte tag. */
extern const unsigned char kat_gcm_ct[76];

#endif /* _OCF_SELFTEST_VECTORS_H */
