// SPDX-License-Identifier: GPL-2.0
/*
 * session: making, describing and freeing sessions, and finding
 * algorithms and drivers: CIOCGSESSION, CIOCFSESSION, CIOCGSESSINFO,
 * OCF_IOC_GSESSION, OCF_IOC_FINDDEV, OCF_IOC_LIST_ALGS and
 * OCF_IOC_GET_FEATURES.
 *
 *  - ids the ABI defines but nothing in the kernel can serve: EINVAL;
 *  - each ioctl with one thing wrong (badinput.h: errno, untouched
 *    outputs, known answers of the sessions made).
 *
 * Built twice: session (x86-64) and session_32 (the compat path).
 */
#include <string.h>
#include <unistd.h>

#include "badinput.h"
#include "kat.h"

/* Ids the ABI defines but nothing in the kernel can serve: EINVAL. */
static void test_unservable(void)
{
	static const __u32 ciphers[] = { CRYPTO_SKIPJACK_CBC, CRYPTO_DEFLATE_COMP,
					 CRYPTO_LZS_COMP, CRYPTO_ALGORITHM_ALL,
					 OCF_ALG_MAX + 1 };
	static const __u32 macs[] = { CRYPTO_MD5_KPDK, CRYPTO_SHA1_KPDK };
	uint8_t key[16] = { 0 };
	unsigned int i;
	bool ok = true;
	__u32 ses;
	int ret;

	for (i = 0; i < ARRAY_SIZE(ciphers); i++) {
		ret = cdev_session(kat_fd, ciphers[i], key, 8, 0, NULL, 0, &ses);
		if (ret != -EINVAL) {
			tap_diag("cipher id %u: %s, want EINVAL", ciphers[i],
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
	}
	for (i = 0; i < ARRAY_SIZE(macs); i++) {
		ret = cdev_session(kat_fd, 0, NULL, 0, macs[i], key, 16, &ses);
		if (ret != -EINVAL) {
			tap_diag("mac id %u: %s, want EINVAL", macs[i],
				 ret ? strerror(-ret) : "success");
			ok = false;
		}
	}
	tap_ok(ok, "ids without a kernel algorithm give EINVAL");
}

static const struct ecase bad_cases[] = {
	/* CIOCGSESSION */
	{ "AES-128-CBC", SC_GSESSION, 0, 0, { } },
	{ "argument NULL", SC_GSESSION, EFAULT, 0, { ARG(P_NULL) } },
	{ "argument unmapped", SC_GSESSION, EFAULT, 0, { ARG(P_LOW) } },
	{ "argument at a kernel address", SC_GSESSION, EFAULT, 0,
	  { ARG(P_KERNEL) } },
	{ "argument runs into an inaccessible page", SC_GSESSION, EFAULT, 0,
	  { ARG(P_EDGE) } },
	{ "unknown cipher id 9999", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, 9999) } },
	{ "cipher CRYPTO_ALGORITHM_ALL", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_ALGORITHM_ALL) } },
	{ "cipher Skipjack (not served)", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_SKIPJACK_CBC) } },
	{ "hash id as cipher", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_SHA1) } },
	{ "cipher id as mac", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, mac, CRYPTO_AES_CBC) } },
	{ "AEAD id as mac", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, mac, CRYPTO_AES_GCM) } },
	{ "no cipher and no mac", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, 0), SET(SOP, keylen, 0) } },
	{ "keylen 65", SC_GSESSION, EINVAL, 0, { SET(SOP, keylen, 65) } },
	{ "keylen 0xffffffff", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, keylen, 0xffffffff) } },
	{ "AES keylen 17", SC_GSESSION, EINVAL, 0, { SET(SOP, keylen, 17) } },
	{ "AES keylen 0", SC_GSESSION, EINVAL, 0, { SET(SOP, keylen, 0) } },
	{ "AES keylen 64", SC_GSESSION, EINVAL, 0, { SET(SOP, keylen, 64) } },
	{ "key NULL", SC_GSESSION, EFAULT, 0, { PTR(SOP, key, P_NULL) } },
	{ "key unmapped", SC_GSESSION, EFAULT, 0, { PTR(SOP, key, P_LOW) } },
	{ "key at a kernel address", SC_GSESSION, EFAULT, 0,
	  { PTR(SOP, key, P_KERNEL) } },
	{ "key in a PROT_NONE page", SC_GSESSION, EFAULT, 0,
	  { PTR(SOP, key, P_NONE) } },
	{ "key runs into an inaccessible page", SC_GSESSION, EFAULT, 0,
	  { PTR(SOP, key, P_EDGE) } },
	{ "key misaligned", SC_GSESSION, 0, 0, { SHIFT(R_KEY, 1) } },
	{ "key across a page boundary", SC_GSESSION, 0, 0,
	  { SHIFT(R_KEY, SHIFT_CROSS) } },
	{ "key in read-only memory", SC_GSESSION, 0, C_NOVERIFY,
	  { PTR(SOP, key, P_RDONLY) } },
	{ "HMAC-SHA1", SC_GSESSION_HMAC, 0, 0, { } },
	{ "HMAC without a key", SC_GSESSION_HMAC, EINVAL, 0,
	  { SET(SOP, mackeylen, 0) } },
	{ "a key for plain SHA-1", SC_GSESSION_HMAC, EINVAL, 0,
	  { SET(SOP, mac, CRYPTO_SHA1) } },
	{ "mackeylen 513", SC_GSESSION_HMAC, EINVAL, 0,
	  { SET(SOP, mackeylen, 513) } },
	{ "mackeylen 512", SC_GSESSION_HMAC, 0, C_NOVERIFY,
	  { SET(SOP, mackeylen, 512) } },
	{ "mackey unmapped", SC_GSESSION_HMAC, EFAULT, 0,
	  { PTR(SOP, mackey, P_LOW) } },
	{ "mackey NULL", SC_GSESSION_HMAC, EFAULT, 0,
	  { PTR(SOP, mackey, P_NULL) } },
	{ "mackey misaligned", SC_GSESSION_HMAC, 0, 0, { SHIFT(R_MACKEY, 3) } },
	{ "keylen without a cipher", SC_GSESSION_HMAC, EINVAL, 0,
	  { SET(SOP, keylen, 16), PTR(SOP, key, P_REGION + R_MACKEY) } },
	{ "AES-GCM with a mac", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_AES_GCM), SET(SOP, mac, CRYPTO_SHA1) } },
	{ "TLS composite with a mac", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_TLS12_AES_CBC_HMAC_SHA256),
	    SET(SOP, mac, CRYPTO_SHA1) } },
	{ "TLS composite with a plain key", SC_GSESSION, EINVAL, 0,
	  { SET(SOP, cipher, CRYPTO_TLS12_AES_CBC_HMAC_SHA256) } },
	{ "cipher the kernel lacks", SC_GSESSION, ENOENT, C_MISSING, { } },
	{ "AES-CBC + HMAC-SHA1", SC_GSESSION, 0, C_NOVERIFY,
	  { SET(SOP, mac, CRYPTO_SHA1_HMAC), SET(SOP, mackeylen, 16),
	    PTR(SOP, mackey, P_REGION + R_KEY) } },

	/* CIOCFSESSION */
	{ "a live session", SC_FSESSION, 0, 0, { } },
	{ "id 0", SC_FSESSION, EINVAL, 0, { SES(FSES, ses, S_ZERO) } },
	{ "unknown id", SC_FSESSION, EINVAL, 0,
	  { SES(FSES, ses, S_UNKNOWN) } },
	{ "freed id (double free)", SC_FSESSION, EINVAL, 0,
	  { SES(FSES, ses, S_FREED) } },
	{ "argument NULL", SC_FSESSION, EFAULT, 0, { ARG(P_NULL) } },
	{ "argument unmapped", SC_FSESSION, EFAULT, 0, { ARG(P_LOW) } },

	/* CIOCGSESSINFO */
	{ "AES-CBC session", SC_SESSINFO, 0, 0, { } },
	{ "unknown id", SC_SESSINFO, EINVAL, 0, { SES(SINFO, ses, S_UNKNOWN) } },
	{ "freed id", SC_SESSINFO, EINVAL, 0, { SES(SINFO, ses, S_FREED) } },
	{ "argument in read-only memory", SC_SESSINFO, EFAULT, 0,
	  { ARG(P_RDONLY) } },
	{ "argument NULL", SC_SESSINFO, EFAULT, 0, { ARG(P_NULL) } },

	/* OCF_IOC_GSESSION */
	{ "cbc(aes) by name", SC_OCF_GSESSION, 0, 0, { } },
	{ "AES-CBC by id", SC_OCF_GSESSION, 0, 0,
	  { SET(OSOP, cipher, CRYPTO_AES_CBC) } },
	{ "crid OCF_CRID_SOFTWARE", SC_OCF_GSESSION, 0, 0,
	  { SET(OSOP, crid, OCF_CRID_SOFTWARE) } },
	{ "crid OCF_CRID_ANY", SC_OCF_GSESSION, 0, 0,
	  { SET(OSOP, crid, OCF_CRID_ANY) } },
	{ "unknown flag 1 << 2", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, flags, 1 << 2) } },
	{ "unknown flag 1 << 31", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, flags, 1u << 31) } },
	{ "reserved[0] set", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, reserved[0], 1) } },
	{ "reserved[3] set", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, reserved[3], 1ULL << 63) } },
	{ "empty cipher_name", SC_OCF_GSESSION, EINVAL, 0,
	  { STR(OSOP, cipher_name, "") } },
	{ "unterminated cipher_name", SC_OCF_GSESSION, EINVAL, 0,
	  { STR(OSOP, cipher_name, NULL) } },
	{ "empty mac_name", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, mac, OCF_ALG_BY_NAME) } },
	{ "unknown algorithm name", SC_OCF_GSESSION, ENOENT, 0,
	  { STR(OSOP, cipher_name, "nosuch(aes)") } },
	{ "hash id as cipher", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, cipher, CRYPTO_SHA1) } },
	{ "gcm(aes) from hardware (none here)", SC_OCF_GSESSION, ENODEV, 0,
	  { STR(OSOP, cipher_name, "gcm(aes)"),
	    SET(OSOP, crid, OCF_CRID_HARDWARE) } },
	{ "exact driver of another algorithm", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, flags, OCF_SES_F_CIPHER_DRIVER),
	    STR(OSOP, cipher_driver, ctr_aes_drv) } },
	{ "unknown driver name", SC_OCF_GSESSION, ENOENT, 0,
	  { SET(OSOP, flags, OCF_SES_F_CIPHER_DRIVER),
	    STR(OSOP, cipher_driver, "no-such-driver") } },
	{ "empty driver name", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, flags, OCF_SES_F_CIPHER_DRIVER) } },
	{ "unknown driver id", SC_OCF_GSESSION, ENODEV, 0,
	  { SET(OSOP, crid, 4000) } },
	{ "class bits with id bits", SC_OCF_GSESSION, EINVAL, 0,
	  { SET(OSOP, crid, OCF_CRID_HARDWARE | 1) } },
	{ "keylen 65", SC_OCF_GSESSION, EINVAL, 0, { SET(OSOP, keylen, 65) } },
	{ "key unmapped", SC_OCF_GSESSION, EFAULT, 0,
	  { PTR(OSOP, key, P_LOW) } },
	{ "key pointer with a high bit set", SC_OCF_GSESSION, EFAULT, 0,
	  { PTR(OSOP, key, P_HIGH + R_KEY) } },
	{ "key at a 64-bit kernel address", SC_OCF_GSESSION, EFAULT, 0,
	  { PTR(OSOP, key, P_KERNEL) } },
	{ "key misaligned", SC_OCF_GSESSION, 0, 0, { SHIFT(R_KEY, 1) } },
	{ "gcm(aes) tag_len 5", SC_OCF_GSESSION, EINVAL, 0,
	  { STR(OSOP, cipher_name, "gcm(aes)"), SET(OSOP, tag_len, 5) } },
	{ "gcm(aes) with a mac", SC_OCF_GSESSION, EINVAL, 0,
	  { STR(OSOP, cipher_name, "gcm(aes)"),
	    SET(OSOP, mac, CRYPTO_SHA1) } },
	{ "argument runs into an inaccessible page", SC_OCF_GSESSION, EFAULT,
	  0, { ARG(P_EDGE) } },

	/* OCF_IOC_FINDDEV */
	{ "the software sha1 driver", SC_FINDDEV, 0, 0, { } },
	{ "flags 1", SC_FINDDEV, EINVAL, 0, { SET(FIND, flags, 1) } },
	{ "unknown name", SC_FINDDEV, ENOENT, 0,
	  { STR(FIND, name, "no-such-driver") } },
	{ "empty name", SC_FINDDEV, EINVAL, 0, { STR(FIND, name, "") } },
	{ "unterminated name", SC_FINDDEV, EINVAL, 0,
	  { STR(FIND, name, NULL) } },
	{ "crid 0", SC_FINDDEV, EINVAL, 0, { SET(FIND, crid, 0) } },
	{ "crid -2", SC_FINDDEV, EINVAL, 0, { SET(FIND, crid, -2) } },
	{ "crid INT_MIN", SC_FINDDEV, EINVAL, 0, { SET(FIND, crid, INT_MIN) } },
	{ "unknown crid", SC_FINDDEV, ENOENT, 0, { SET(FIND, crid, 100000) } },

	/* OCF_IOC_LIST_ALGS, OCF_IOC_GET_FEATURES */
	{ "filtered list", SC_LIST, 0, 0, { } },
	{ "count only", SC_LIST, 0, 0,
	  { SET(LIST, capacity, 0), PTR(LIST, entries, P_NULL) } },
	{ "entries unmapped", SC_LIST, EFAULT, 0,
	  { PTR(LIST, entries, P_LOW) } },
	{ "entries in read-only memory", SC_LIST, EFAULT, 0,
	  { PTR(LIST, entries, P_RDONLY) } },
	{ "features", SC_FEATURES, 0, 0, { } },
	{ "features to NULL", SC_FEATURES, EFAULT, 0, { ARG(P_NULL) } },
	{ "features to read-only memory", SC_FEATURES, EFAULT, 0,
	  { ARG(P_RDONLY) } },
};

int main(void)
{
	kat_open();
	tap_plan(1 + ARRAY_SIZE(bad_cases));
	test_unservable();
	kat_summary();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	close(kat_fd);
	return tap_finish();
}
