// SPDX-License-Identifier: GPL-2.0
/*
 * record: the record modes of CIOCAUTHCRYPT, TLS (COP_FLAG_AEAD_TLS_TYPE
 * and the TLS composite ids) and SRTP (COP_FLAG_AEAD_SRTP_TYPE), known
 * answers first and bad input after:
 *
 *  - the TLS composites: encrypt to the record, decrypt back, reject a
 *    flipped bit (kat.h);
 *  - CIOCAUTHCRYPT in TLS and SRTP mode with one thing wrong
 *    (badinput.h).
 *
 * Against OpenSSL: xcheck_aead.c (xcheck_tls, xcheck_srtp).  Built twice:
 * record (x86-64) and record_32 (the compat path).
 */
#include <string.h>
#include <unistd.h>

#include "badinput.h"
#include "kat.h"

/*
 * TLS composites: the key is in the kernel's authenc layout (rtattr with
 * the big-endian cipher key length, MAC key, cipher key; the rtattr header
 * is little-endian here).  The record is CBC(data || HMAC(aad || data) ||
 * padding); expected values computed with OpenSSL 3.0.
 */
static const struct aead_kat tls_kats[] = {
	{ "TLS1.1 AES-128-CBC HMAC-SHA1 (computed)", CRYPTO_TLS11_AES_CBC_HMAC_SHA1,
	  "0800 0100 00000010 0b*20 000102030405060708090a0b0c0d0e0f",
	  SP38A_IV, "0000000000000001170302001b", "'a short TLS record payload!",
	  "83108bd578f7602121131c133aec2d4f6a9c267165c7b52fd4061f05a9bf928a"
	  "7c42c03dcac8bf1f43d0842994e9167a", 0 },
	{ "TLS1.2 AES-128-CBC HMAC-SHA256 (computed)", CRYPTO_TLS12_AES_CBC_HMAC_SHA256,
	  "0800 0100 00000010 0c*32 000102030405060708090a0b0c0d0e0f",
	  SP38A_IV, "0000000000000001170303001b", "'a short TLS record payload!",
	  "83108bd578f7602121131c133aec2d4f55543d893c01c01116d8a91b7d067957"
	  "2abe68f0934749d52f6cfab3c6636a1d5b3fddb276766957a3429fc105414566", 0 },
};

static const struct ecase bad_cases[] = {
	/* CIOCAUTHCRYPT, TLS mode */
	{ "seal a record", SC_TLS_ENC, 0, 0, { } },
	{ "open a record", SC_TLS_DEC, 0, 0, { } },
	{ "TLS composite session, no flag", SC_TLS_ENC, 0, 0,
	  { SES(CAOP, ses, S_TLS), SET(CAOP, flags, 0) } },
	{ "TLS_SETLEN with a 12-byte header", SC_TLS_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_TLS_SETLEN),
	    SET(CAOP, auth_len, 12) } },
	{ "TLS_SETLEN with SRTP", SC_TLS_ENC, EINVAL, 0,
	  { SET(CAOP, flags, COP_FLAG_AEAD_SRTP_TYPE | COP_FLAG_TLS_SETLEN) } },
	{ "open len 0", SC_TLS_DEC, EINVAL, 0, { SET(CAOP, len, 0) } },
	{ "open len not a block multiple", SC_TLS_DEC, EINVAL, 0,
	  { SET(CAOP, len, 63) } },
	{ "open len 16 < tag_len", SC_TLS_DEC, EINVAL, 0,
	  { SET(CAOP, len, 16) } },
	{ "tag_len 21 > HMAC-SHA1", SC_TLS_ENC, EINVAL, 0,
	  { SET(CAOP, tag_len, 21) } },
	{ "open a corrupted record", SC_TLS_DEC, EBADMSG, 0,
	  { FLIP(R_SRC, 40) } },
	{ "open with a corrupted header", SC_TLS_DEC, EBADMSG, 0,
	  { FLIP(R_AAD, 0) } },
	{ "open with corrupted padding", SC_TLS_DEC, EBADMSG, 0,
	  { FLIP(R_SRC, 47) } },
	{ "TLS on a hash-only session", SC_TLS_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_HMAC) } },
	{ "TLS on a cipher-only session", SC_TLS_ENC, EINVAL, 0,
	  { SES(CAOP, ses, S_CBC) } },

	/* CIOCAUTHCRYPT, SRTP mode */
	{ "protect a packet", SC_SRTP, 0, 0, { } },
	{ "unprotect a packet", SC_SRTP_DEC, 0, 0, { } },
	{ "src != dst", SC_SRTP, EINVAL, 0,
	  { PTR(CAOP, dst, P_REGION + R_DST) } },
	{ "src outside the authenticated region", SC_SRTP, EINVAL, 0,
	  { SET(CAOP, auth_len, 8) } },
	{ "data runs past the authenticated region", SC_SRTP, EINVAL, 0,
	  { SET(CAOP, len, 33) } },
	{ "src before auth_src", SC_SRTP, EINVAL, 0,
	  { PTR(CAOP, src, P_REGION + R_DST),
	    PTR(CAOP, dst, P_REGION + R_DST) } },
	{ "len 0", SC_SRTP, EINVAL, 0, { SET(CAOP, len, 0) } },
	{ "auth_len 0", SC_SRTP, EINVAL, 0, { SET(CAOP, auth_len, 0) } },
	{ "block cipher session", SC_SRTP, EINVAL, 0,
	  { SES(CAOP, ses, S_CBC_HMAC) } },
	{ "tag_len 21", SC_SRTP, EINVAL, 0, { SET(CAOP, tag_len, 21) } },
	{ "tag unmapped", SC_SRTP, EFAULT, 0, { PTR(CAOP, tag, P_LOW) } },
	{ "tag in read-only memory", SC_SRTP, EFAULT, 0,
	  { PTR(CAOP, tag, P_RDONLY) } },
	{ "unprotect with a bad tag", SC_SRTP_DEC, EBADMSG, 0,
	  { FLIP(R_TAG, 9) } },
	{ "unprotect with a bad header", SC_SRTP_DEC, EBADMSG, 0,
	  { FLIP(R_AAD, 1) } },
};

int main(void)
{
	unsigned int i;

	kat_open();
	tap_plan(ARRAY_SIZE(tls_kats) + ARRAY_SIZE(bad_cases));
	for (i = 0; i < ARRAY_SIZE(tls_kats); i++)
		kat_tls(&tls_kats[i]);
	kat_summary();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	close(kat_fd);
	return tap_finish();
}
