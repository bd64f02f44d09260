// SPDX-License-Identifier: GPL-2.0
/*
 * legacy_client: a cryptodev-linux client, written the way existing ones
 * are, must work unmodified.
 *
 * The calls below follow the habits of the programs in the wild (the
 * cryptodev-linux examples, OpenSSL's devcrypto engine): open /dev/crypto,
 * get a second descriptor with CRIOGET and mark it close-on-exec, create
 * sessions with numeric algorithm ids, ask CIOCGSESSINFO for the driver
 * when the header has it (#ifdef CIOCGSESSINFO), run AES-128-CBC with
 * CIOCCRYPT, hash with SHA-1 in one go and in parts (COP_FLAG_UPDATE,
 * COP_FLAG_FINAL, CIOCCPHASH as the engine's digest copy does), HMAC-SHA1,
 * then CIOCFSESSION and close.  Only the TAP reporting is ours.
 *
 * Built 64-bit and 32-bit (legacy_client_32): old 32-bit clients go
 * through the kernel's compat path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "tap.h"
#include "vectors.h"

#define KEY_SIZE	16
#define BLOCK_SIZE	16
#define DATA_SIZE	32

static int cfd = -1;

static int check(int cond, const char *what)
{
	if (!cond)
		tap_diag("%s: %s", what, strerror(errno));
	tap_ok(cond, "%s", what);
	return cond;
}

#ifdef CIOCGSESSINFO
static void print_driver(__u32 ses, const char *what, char *name, size_t len)
{
	struct session_info_op siop;

	memset(&siop, 0, sizeof(siop));
	siop.ses = ses;
	if (ioctl(cfd, CIOCGSESSINFO, &siop)) {
		perror("ioctl(CIOCGSESSINFO)");
		name[0] = '\0';
		return;
	}
	if (siop.cipher_info.cra_name[0]) {
		tap_diag("%s: cipher %s, driver %s%s", what,
			 siop.cipher_info.cra_name,
			 siop.cipher_info.cra_driver_name,
			 siop.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY ?
			 " (hardware)" : "");
		snprintf(name, len, "%s", siop.cipher_info.cra_name);
	} else {
		tap_diag("%s: hash %s, driver %s%s", what,
			 siop.hash_info.cra_name,
			 siop.hash_info.cra_driver_name,
			 siop.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY ?
			 " (hardware)" : "");
		snprintf(name, len, "%s", siop.hash_info.cra_name);
	}
	tap_diag("%s: alignmask %#x", what, siop.alignmask);
}
#endif

static void test_aes_cbc(void)
{
	struct session_op sess;
	struct crypt_op cryp;
	unsigned char key[KEY_SIZE], iv[BLOCK_SIZE];
	unsigned char plaintext[DATA_SIZE], ciphertext[DATA_SIZE];
	char name[CRYPTODEV_MAX_ALG_NAME];
	int ok;

	memcpy(key, kat_cbc_key, KEY_SIZE);
	memset(&sess, 0, sizeof(sess));
	sess.cipher = CRYPTO_AES_CBC;
	sess.keylen = KEY_SIZE;
	sess.key = key;
	if (!check(ioctl(cfd, CIOCGSESSION, &sess) == 0,
		   "CIOCGSESSION AES-128-CBC")) {
		perror("ioctl(CIOCGSESSION)");
		exit(tap_finish());
	}

#ifdef CIOCGSESSINFO
	print_driver(sess.ses, "AES-128-CBC", name, sizeof(name));
	tap_ok(!strcmp(name, "cbc(aes)"), "CIOCGSESSINFO names cbc(aes)");
#else
	tap_skip("no CIOCGSESSINFO", "CIOCGSESSINFO names cbc(aes)");
#endif

	memcpy(plaintext, kat_cbc_pt, DATA_SIZE);
	memcpy(iv, kat_cbc_iv, BLOCK_SIZE);
	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = sess.ses;
	cryp.len = sizeof(plaintext);
	cryp.src = plaintext;
	cryp.dst = ciphertext;
	cryp.iv = iv;
	cryp.op = COP_ENCRYPT;
	ok = ioctl(cfd, CIOCCRYPT, &cryp) == 0;
	if (!ok)
		perror("ioctl(CIOCCRYPT)");
	check(ok && !memcmp(ciphertext, kat_cbc_ct, DATA_SIZE),
	      "CIOCCRYPT AES-128-CBC encrypts the known vector");

	/* Decrypt in place, as many clients do. */
	memcpy(iv, kat_cbc_iv, BLOCK_SIZE);
	cryp.src = ciphertext;
	cryp.dst = ciphertext;
	cryp.op = COP_DECRYPT;
	ok = ioctl(cfd, CIOCCRYPT, &cryp) == 0;
	if (!ok)
		perror("ioctl(CIOCCRYPT)");
	check(ok && !memcmp(ciphertext, kat_cbc_pt, DATA_SIZE),
	      "CIOCCRYPT AES-128-CBC decrypts it in place");

	check(ioctl(cfd, CIOCFSESSION, &sess.ses) == 0,
	      "CIOCFSESSION AES-128-CBC");
}

/* The devcrypto engine's digest: UPDATE per chunk, FINAL with no data. */
static int digest_update(__u32 ses, const void *data, size_t len)
{
	struct crypt_op cryp;

	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = ses;
	cryp.op = COP_ENCRYPT;
	cryp.flags = COP_FLAG_UPDATE;
	cryp.len = len;
	cryp.src = (void *)data;
	return ioctl(cfd, CIOCCRYPT, &cryp);
}

static int digest_final(__u32 ses, unsigned char *md)
{
	struct crypt_op cryp;

	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = ses;
	cryp.op = COP_ENCRYPT;
	cryp.flags = COP_FLAG_FINAL;
	cryp.mac = md;
	return ioctl(cfd, CIOCCRYPT, &cryp);
}

static void test_sha1(void)
{
	struct session_op sess, copy;
	struct crypt_op cryp;
	struct cphash_op cphash;
	unsigned char md[20], md2[20];
	char name[CRYPTODEV_MAX_ALG_NAME];
	int ok;

	memset(&sess, 0, sizeof(sess));
	sess.mac = CRYPTO_SHA1;
	if (!check(ioctl(cfd, CIOCGSESSION, &sess) == 0,
		   "CIOCGSESSION SHA1")) {
		perror("ioctl(CIOCGSESSION)");
		return;
	}
#ifdef CIOCGSESSINFO
	print_driver(sess.ses, "SHA1", name, sizeof(name));
	tap_ok(!strcmp(name, "sha1"), "CIOCGSESSINFO names sha1");
#else
	tap_skip("no CIOCGSESSINFO", "CIOCGSESSINFO names sha1");
#endif

	/* One shot: flags 0 hashes and finishes. */
	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = sess.ses;
	cryp.len = sizeof(kat_abc);
	cryp.src = (void *)kat_abc;
	cryp.mac = md;
	cryp.op = COP_ENCRYPT;
	ok = ioctl(cfd, CIOCCRYPT, &cryp) == 0;
	check(ok && !memcmp(md, kat_sha1_abc, 20), "SHA1(\"abc\") in one call");

	/* In parts, with a copy of the state taken half way. */
	memset(&copy, 0, sizeof(copy));
	copy.mac = CRYPTO_SHA1;
	ok = ioctl(cfd, CIOCGSESSION, &copy) == 0;
	ok = ok && digest_update(sess.ses, "a", 1) == 0 &&
	     digest_update(sess.ses, "b", 1) == 0;
	cphash.dst_ses = copy.ses;
	cphash.src_ses = sess.ses;
	ok = ok && ioctl(cfd, CIOCCPHASH, &cphash) == 0;
	ok = ok && digest_update(sess.ses, "c", 1) == 0 &&
	     digest_final(sess.ses, md) == 0;
	ok = ok && digest_update(copy.ses, "c", 1) == 0 &&
	     digest_final(copy.ses, md2) == 0;
	check(ok && !memcmp(md, kat_sha1_abc, 20) &&
	      !memcmp(md2, kat_sha1_abc, 20),
	      "SHA1 in parts (UPDATE, FINAL) and after CIOCCPHASH");

	check(ioctl(cfd, CIOCFSESSION, &sess.ses) == 0 &&
	      ioctl(cfd, CIOCFSESSION, &copy.ses) == 0,
	      "CIOCFSESSION SHA1 sessions");
}

static void test_hmac(void)
{
	struct session_op sess;
	struct crypt_op cryp;
	unsigned char mac[AALG_MAX_RESULT_LEN];
	char name[CRYPTODEV_MAX_ALG_NAME];
	int ok;

	memset(&sess, 0, sizeof(sess));
	sess.mac = CRYPTO_SHA1_HMAC;
	sess.mackeylen = sizeof(kat_hmac_key);
	sess.mackey = (__u8 *)kat_hmac_key;
	if (!check(ioctl(cfd, CIOCGSESSION, &sess) == 0,
		   "CIOCGSESSION SHA1_HMAC")) {
		perror("ioctl(CIOCGSESSION)");
		return;
	}
#ifdef CIOCGSESSINFO
	print_driver(sess.ses, "SHA1_HMAC", name, sizeof(name));
	tap_ok(!strcmp(name, "hmac(sha1)"), "CIOCGSESSINFO names hmac(sha1)");
#else
	tap_skip("no CIOCGSESSINFO", "CIOCGSESSINFO names hmac(sha1)");
#endif

	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = sess.ses;
	cryp.len = sizeof(kat_hmac_data);
	cryp.src = (void *)kat_hmac_data;
	cryp.mac = mac;
	cryp.op = COP_ENCRYPT;
	ok = ioctl(cfd, CIOCCRYPT, &cryp) == 0;
	if (!ok)
		perror("ioctl(CIOCCRYPT)");
	check(ok && !memcmp(mac, kat_hmac_sha1, 20),
	      "HMAC-SHA1 (RFC 2202 test case 2)");
	check(ioctl(cfd, CIOCFSESSION, &sess.ses) == 0,
	      "CIOCFSESSION SHA1_HMAC");
}

int main(void)
{
	int fd;

	tap_plan(19);

	/* Open the crypto device */
	fd = open(CDEV_PATH, O_RDWR, 0);
	if (!check(fd >= 0, "open /dev/crypto"))
		return tap_finish();

	/* Clone file descriptor */
	if (!check(ioctl(fd, CRIOGET, &cfd) == 0, "CRIOGET")) {
		perror("ioctl(CRIOGET)");
		return tap_finish();
	}

	/* Set close-on-exec (not really needed here) */
	check(fcntl(cfd, F_SETFD, 1) != -1, "fcntl(F_SETFD) on the clone");

	test_aes_cbc();
	test_sha1();
	test_hmac();

	/* Close cloned descriptor, then the device */
	check(close(cfd) == 0, "close the CRIOGET descriptor");
	check(close(fd) == 0, "close /dev/crypto");
	return tap_finish();
}
