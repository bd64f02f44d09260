// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-byname: a session by kernel algorithm name, on hardware if any.
 *
 *	ocf-byname [NAME [hw|sw|any]]	(default: "cbc(aes)" hw)
 *
 * OCF_IOC_GSESSION takes the algorithm by its crypto API name (cra_name,
 * as in /proc/crypto) and a crid: OCF_CRID_HARDWARE or OCF_CRID_SOFTWARE
 * pick the best driver of that class, OCF_CRID_ANY the kernel's choice.
 * When no hardware driver serves the algorithm the call fails with ENODEV;
 * this program then falls back to software.  The chosen driver and its id
 * are written back; OCF_IOC_FINDDEV maps the id to the name again.
 *
 * The session is keyed with 16 zero bytes and encrypts one zero block; for
 * "cbc(aes)" and "ecb(aes)" the result is checked (FIPS-197 AES-128 of
 * zeros).  Exit status 0 on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

/* AES-128 with an all-zero key, of an all-zero block. */
static const unsigned char aes_zero[16] = {
	0x66, 0xe9, 0x4b, 0xd4, 0xef, 0x8a, 0x2c, 0x3b,
	0x88, 0x4c, 0xfa, 0x59, 0xca, 0x34, 0x2b, 0x2e,
};

static int session_by_name(int fd, const char *name, __u32 crid,
			   const unsigned char *key, __u32 keylen,
			   struct ocf_session_op *op)
{
	memset(op, 0, sizeof(*op));
	op->cipher = OCF_ALG_BY_NAME;
	snprintf(op->cipher_name, sizeof(op->cipher_name), "%s", name);
	op->key = (uintptr_t)key;	/* pointers travel as __u64 */
	op->keylen = keylen;
	op->crid = crid;
	return ioctl(fd, OCF_IOC_GSESSION, op) ? -errno : 0;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "cbc(aes)";
	const char *class = argc > 2 ? argv[2] : "hw";
	unsigned char key[16] = { 0 }, block[16] = { 0 }, iv[16] = { 0 };
	struct ocf_session_op op;
	struct ocf_find_op find;
	struct crypt_op cryp;
	__u32 crid;
	int fd, ret, i;

	if (!strcmp(class, "hw")) {
		crid = OCF_CRID_HARDWARE;
	} else if (!strcmp(class, "sw")) {
		crid = OCF_CRID_SOFTWARE;
	} else if (!strcmp(class, "any")) {
		crid = OCF_CRID_ANY;
	} else {
		fprintf(stderr, "usage: %s [NAME [hw|sw|any]]\n", argv[0]);
		return 2;
	}

	fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/crypto");
		return 1;
	}

	ret = session_by_name(fd, name, crid, key, sizeof(key), &op);
	if (ret == -ENODEV && crid == OCF_CRID_HARDWARE) {
		printf("%s: no hardware driver, trying software\n", name);
		ret = session_by_name(fd, name, OCF_CRID_SOFTWARE, key,
				      sizeof(key), &op);
	}
	if (ret) {
		fprintf(stderr, "OCF_IOC_GSESSION %s: %s\n", name,
			strerror(-ret));
		return 1;
	}
	printf("%s: driver %s, crid %u\n", op.cipher_name, op.cipher_driver,
	       op.crid);

	/* The id names the driver for later sessions (crid = that id). */
	memset(&find, 0, sizeof(find));
	find.crid = op.crid;
	if (ioctl(fd, OCF_IOC_FINDDEV, &find) == 0)
		printf("crid %u is %s\n", op.crid, find.name);

	/* From here on it is an ordinary session. */
	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = op.ses;
	cryp.op = COP_ENCRYPT;
	cryp.len = sizeof(block);
	cryp.src = block;
	cryp.dst = block;
	cryp.iv = iv;
	if (ioctl(fd, CIOCCRYPT, &cryp)) {
		perror("CIOCCRYPT");
		return 1;
	}
	printf("E(0^128) = ");
	for (i = 0; i < (int)sizeof(block); i++)
		printf("%02x", block[i]);
	printf("\n");
	ioctl(fd, CIOCFSESSION, &op.ses);
	close(fd);

	if (!strcmp(op.cipher_name, "cbc(aes)") ||
	    !strcmp(op.cipher_name, "ecb(aes)"))
		return memcmp(block, aes_zero, sizeof(block)) ? 1 : 0;
	return 0;
}
