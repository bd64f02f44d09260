// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-aead: AES-128-GCM with CIOCAUTHCRYPT.
 *
 * Seals test case 4 of the GCM specification (McGrew and Viega): 60 bytes
 * of plaintext and 20 bytes of associated data.  Encryption writes the
 * ciphertext and then the tag to dst and returns len + tag_len; decryption
 * takes ciphertext and tag together and fails with EBADMSG, writing
 * nothing, when they do not authenticate.  Exit status 0 on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

static const unsigned char key[16] = {
	0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c,
	0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08,
};

static const unsigned char iv[12] = {
	0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad,
	0xde, 0xca, 0xf8, 0x88,
};

static const unsigned char aad[20] = {
	0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef,
	0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef,
	0xab, 0xad, 0xda, 0xd2,
};

static const unsigned char plaintext[60] = {
	0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5,
	0xa5, 0x59, 0x09, 0xc5, 0xaf, 0xf5, 0x26, 0x9a,
	0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda,
	0x2e, 0x4c, 0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72,
	0x1c, 0x3c, 0x0c, 0x95, 0x95, 0x68, 0x09, 0x53,
	0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25,
	0xb1, 0x6a, 0xed, 0xf5, 0xaa, 0x0d, 0xe6, 0x57,
	0xba, 0x63, 0x7b, 0x39,
};

static const unsigned char expected_tag[16] = {
	0x5b, 0xc9, 0x4f, 0xbc, 0x32, 0x21, 0xa5, 0xdb,
	0x94, 0xfa, 0xe9, 0x5a, 0xe7, 0x12, 0x1a, 0x47,
};

static int gcm(int fd, __u32 ses, __u16 op, const unsigned char *src,
	       __u32 len, unsigned char *dst, __u32 *outlen)
{
	struct crypt_auth_op caop;

	memset(&caop, 0, sizeof(caop));
	caop.ses = ses;
	caop.op = op;
	caop.auth_src = (__u8 *)aad;	/* authenticated, not encrypted */
	caop.auth_len = sizeof(aad);
	caop.src = (__u8 *)src;
	caop.dst = dst;			/* room for len + 16 when sealing */
	caop.len = len;
	caop.iv = (__u8 *)iv;
	caop.iv_len = sizeof(iv);
	caop.tag_len = 0;		/* 0: the full 16-byte tag */
	if (ioctl(fd, CIOCAUTHCRYPT, &caop))
		return -errno;
	*outlen = caop.len;
	return 0;
}

int main(void)
{
	unsigned char sealed[sizeof(plaintext) + 16], opened[sizeof(plaintext)];
	struct session_op sess;
	__u32 len, i;
	int fd, ret, ok;

	fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/crypto");
		return 1;
	}

	/* An AEAD session: the AEAD id as cipher, no mac. */
	memset(&sess, 0, sizeof(sess));
	sess.cipher = CRYPTO_AES_GCM;
	sess.key = (__u8 *)key;
	sess.keylen = sizeof(key);
	if (ioctl(fd, CIOCGSESSION, &sess)) {
		perror("CIOCGSESSION");
		return 1;
	}

	ret = gcm(fd, sess.ses, COP_ENCRYPT, plaintext, sizeof(plaintext),
		  sealed, &len);
	if (ret) {
		fprintf(stderr, "seal: %s\n", strerror(-ret));
		return 1;
	}
	printf("sealed %u bytes, tag ", len);
	for (i = len - 16; i < len; i++)
		printf("%02x", sealed[i]);
	printf("\n");
	ok = len == sizeof(sealed) &&
	     !memcmp(sealed + sizeof(plaintext), expected_tag, 16);

	ret = gcm(fd, sess.ses, COP_DECRYPT, sealed, len, opened, &len);
	printf("opened: %s\n", ret ? strerror(-ret) : "ok");
	ok = ok && !ret && len == sizeof(plaintext) &&
	     !memcmp(opened, plaintext, sizeof(plaintext));

	/* A changed bit anywhere is caught. */
	sealed[0] ^= 1;
	ret = gcm(fd, sess.ses, COP_DECRYPT, sealed, sizeof(sealed), opened,
		  &len);
	printf("opened after tampering: %s\n", ret ? strerror(-ret) : "ok");
	ok = ok && ret == -EBADMSG;

	ioctl(fd, CIOCFSESSION, &sess.ses);
	close(fd);
	printf("AES-128-GCM: %s\n", ok ? "matches the specification" : "WRONG");
	return ok ? 0 : 1;
}
