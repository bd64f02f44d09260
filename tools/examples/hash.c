// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-hash: SHA-256 of a file (or standard input) in parts, like sha256sum.
 *
 * Each chunk goes to CIOCCRYPT with COP_FLAG_UPDATE; a last call with
 * COP_FLAG_FINAL (and no data) finishes the hash and writes the digest to
 * mac.  This is how OpenSSL's devcrypto engine feeds a digest.
 *
 *	echo -n abc | ocf-hash	# ba7816bf...f20015ad  -
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#define CHUNK	4096

static int hash_part(int fd, __u32 ses, __u16 flags, const void *data,
		     size_t len, unsigned char *digest)
{
	struct crypt_op cryp;

	memset(&cryp, 0, sizeof(cryp));
	cryp.ses = ses;
	cryp.op = COP_ENCRYPT;
	cryp.flags = flags;
	cryp.len = len;
	cryp.src = (__u8 *)data;
	cryp.mac = digest;	/* written only when the hash finishes */
	return ioctl(fd, CIOCCRYPT, &cryp);
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "-";
	unsigned char chunk[CHUNK], digest[32];
	struct session_op sess;
	int fd, in, i;
	ssize_t n;

	in = strcmp(name, "-") ? open(name, O_RDONLY) : STDIN_FILENO;
	if (in < 0) {
		perror(name);
		return 1;
	}
	fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/crypto");
		return 1;
	}

	/* A hash-only session: mac set, no cipher, no key. */
	memset(&sess, 0, sizeof(sess));
	sess.mac = CRYPTO_SHA2_256;
	if (ioctl(fd, CIOCGSESSION, &sess)) {
		perror("CIOCGSESSION");
		return 1;
	}

	while ((n = read(in, chunk, sizeof(chunk))) > 0) {
		if (hash_part(fd, sess.ses, COP_FLAG_UPDATE, chunk, n, digest)) {
			perror("CIOCCRYPT update");
			return 1;
		}
	}
	if (n < 0) {
		perror(name);
		return 1;
	}
	if (hash_part(fd, sess.ses, COP_FLAG_FINAL, NULL, 0, digest)) {
		perror("CIOCCRYPT final");
		return 1;
	}

	for (i = 0; i < (int)sizeof(digest); i++)
		printf("%02x", digest[i]);
	printf("  %s\n", name);
	ioctl(fd, CIOCFSESSION, &sess.ses);
	close(fd);
	return 0;
}
