// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-cipher: AES-128-CBC through /dev/crypto, the cryptodev-linux way.
 *
 * Encrypts the NIST SP 800-38A CBC example (F.2.1) and decrypts it again,
 * checking both against the published values.  Exit status 0 on success.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

static const unsigned char key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

static const unsigned char iv0[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};

static const unsigned char plaintext[32] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
	0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
};

static const unsigned char expected[32] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d,
	0x50, 0x86, 0xcb, 0x9b, 0x50, 0x72, 0x19, 0xee,
	0x95, 0xdb, 0x11, 0x3a, 0x91, 0x76, 0x78, 0xb2,
};

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
	printf("%-10s ", label);
	while (n--)
		printf("%02x", *p++);
	printf("\n");
}

int main(void)
{
	struct session_op sess;
	struct crypt_op cryp;
	unsigned char buf[32], iv[16];
	int fd, ok;

	fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/crypto");
		return 1;
	}

	/* A session holds the algorithm and the key. */
	memset(&sess, 0, sizeof(sess));
	sess.cipher = CRYPTO_AES_CBC;
	sess.key = (__u8 *)key;
	sess.keylen = sizeof(key);
	if (ioctl(fd, CIOCGSESSION, &sess)) {
		perror("CIOCGSESSION");
		return 1;
	}

	/*
	 * One CIOCCRYPT per buffer; len must be a multiple of the block
	 * size.  The IV is read from iv (and, with COP_FLAG_WRITE_IV, the
	 * chaining value for the next call is written back there).
	 */
	memcpy(iv, iv0, sizeof(iv));
	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = sess.ses;
	cryp.op = COP_ENCRYPT;
	cryp.len = sizeof(plaintext);
	cryp.src = (__u8 *)plaintext;
	cryp.dst = buf;
	cryp.iv = iv;
	if (ioctl(fd, CIOCCRYPT, &cryp)) {
		perror("CIOCCRYPT encrypt");
		return 1;
	}
	print_hex("plaintext", plaintext, sizeof(plaintext));
	print_hex("ciphertext", buf, sizeof(buf));
	ok = !memcmp(buf, expected, sizeof(expected));

	/* Decrypt in place: src and dst may be the same buffer. */
	memcpy(iv, iv0, sizeof(iv));
	cryp.op = COP_DECRYPT;
	cryp.src = buf;
	cryp.dst = buf;
	if (ioctl(fd, CIOCCRYPT, &cryp)) {
		perror("CIOCCRYPT decrypt");
		return 1;
	}
	print_hex("decrypted", buf, sizeof(buf));
	ok = ok && !memcmp(buf, plaintext, sizeof(plaintext));

	ioctl(fd, CIOCFSESSION, &sess.ses);
	close(fd);
	printf("AES-128-CBC: %s\n", ok ? "matches SP 800-38A" : "WRONG");
	return ok ? 0 : 1;
}
