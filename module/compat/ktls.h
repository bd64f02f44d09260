/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kTLS differences between the kernels we build against (ktls.c only).
 *
 * Each kTLS cipher and socket option is a macro of <linux/tls.h>, so the
 * header itself says what this kernel's kTLS knows.  A cipher the kernel
 * lacks gets its user ABI here (the layout every later kernel uses), so that
 * the cipher table stays one table, and ocf_ktls_cipher_supported() says
 * false for it: the bridge then refuses it with EOPNOTSUPP instead of
 * handing kTLS a cipher number it does not know.
 */
#ifndef _OCF_COMPAT_KTLS_H
#define _OCF_COMPAT_KTLS_H

#include <linux/types.h>
#include <net/tls.h>

#ifndef TLS_CIPHER_CHACHA20_POLY1305
#define OCF_KTLS_LACKS_CHACHA20_POLY1305
#define TLS_CIPHER_CHACHA20_POLY1305 54
struct tls12_crypto_info_chacha20_poly1305 {
	struct tls_crypto_info info;
	unsigned char iv[12];
	unsigned char key[32];
	unsigned char salt[0];
	unsigned char rec_seq[8];
};
#endif

#ifndef TLS_CIPHER_SM4_GCM
#define OCF_KTLS_LACKS_SM4_GCM
#define TLS_CIPHER_SM4_GCM 55
struct tls12_crypto_info_sm4_gcm {
	struct tls_crypto_info info;
	unsigned char iv[8];
	unsigned char key[16];
	unsigned char salt[4];
	unsigned char rec_seq[8];
};
#endif

#ifndef TLS_CIPHER_SM4_CCM
#define OCF_KTLS_LACKS_SM4_CCM
#define TLS_CIPHER_SM4_CCM 56
struct tls12_crypto_info_sm4_ccm {
	struct tls_crypto_info info;
	unsigned char iv[8];
	unsigned char key[16];
	unsigned char salt[4];
	unsigned char rec_seq[8];
};
#endif

#ifndef TLS_CIPHER_ARIA_GCM_128
#define OCF_KTLS_LACKS_ARIA_GCM_128
#define TLS_CIPHER_ARIA_GCM_128 57
struct tls12_crypto_info_aria_gcm_128 {
	struct tls_crypto_info info;
	unsigned char iv[8];
	unsigned char key[16];
	unsigned char salt[4];
	unsigned char rec_seq[8];
};
#endif

#ifndef TLS_CIPHER_ARIA_GCM_256
#define OCF_KTLS_LACKS_ARIA_GCM_256
#define TLS_CIPHER_ARIA_GCM_256 58
struct tls12_crypto_info_aria_gcm_256 {
	struct tls_crypto_info info;
	unsigned char iv[8];
	unsigned char key[32];
	unsigned char salt[4];
	unsigned char rec_seq[8];
};
#endif

/* Whether this kernel's kTLS knows cipher @type (TLS_CIPHER_*). */
static inline bool ocf_ktls_cipher_supported(u16 type)
{
	bool ok = true;

#ifdef OCF_KTLS_LACKS_CHACHA20_POLY1305
	ok = ok && type != TLS_CIPHER_CHACHA20_POLY1305;
#endif
#ifdef OCF_KTLS_LACKS_SM4_GCM
	ok = ok && type != TLS_CIPHER_SM4_GCM;
#endif
#ifdef OCF_KTLS_LACKS_SM4_CCM
	ok = ok && type != TLS_CIPHER_SM4_CCM;
#endif
#ifdef OCF_KTLS_LACKS_ARIA_GCM_128
	ok = ok && type != TLS_CIPHER_ARIA_GCM_128;
#endif
#ifdef OCF_KTLS_LACKS_ARIA_GCM_256
	ok = ok && type != TLS_CIPHER_ARIA_GCM_256;
#endif
	return ok;
}

/*
 * TLS_RX_EXPECT_NO_PAD (the receive side's zero-copy promise for TLS 1.3).
 * Without it the bridge refuses OCF_KTLS_F_RX_EXPECT_NO_PAD (EOPNOTSUPP)
 * before keying anything; the number is defined only so that the call that
 * cannot happen still compiles.
 */
#ifdef TLS_RX_EXPECT_NO_PAD
static inline bool ocf_ktls_has_rx_no_pad(void)
{
	return true;
}
#else
#define TLS_RX_EXPECT_NO_PAD 4
static inline bool ocf_ktls_has_rx_no_pad(void)
{
	return false;
}
#endif

/*
 * TLS 1.3 rekeying: a second TLS_TX or TLS_RX on a keyed TLS 1.3 direction
 * installs the next key (after a KeyUpdate), where older kTLS says EBUSY.
 * The change that taught kTLS this also taught its receive side to stop at
 * a KeyUpdate handshake message (EKEYEXPIRED until TLS_RX is set again),
 * and for that <net/tls.h> gained TLS_HANDSHAKE_KEYUPDATE: its presence is
 * the probe, a fact of the header and not of a version number.
 */
static inline bool ocf_ktls_can_rekey(void)
{
#ifdef TLS_HANDSHAKE_KEYUPDATE
	return true;
#else
	return false;
#endif
}

#endif /* _OCF_COMPAT_KTLS_H */
