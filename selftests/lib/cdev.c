// SPDX-License-Identifier: GPL-2.0
/*
 * cdev.c - the /dev/crypto wrappers of cdev.h (libocftest.a).
 */
#include "cdev.h"

int cdev_open(void)
{
	return open(CDEV_PATH, O_RDWR | O_CLOEXEC);
}

int cdev_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

int cdev_session(int fd, __u32 cipher, const void *key, __u32 keylen, __u32 mac,
		 const void *mackey, __u32 mackeylen, __u32 *ses)
{
	struct session_op sop;
	int ret;

	memset(&sop, 0, sizeof(sop));
	sop.cipher = cipher;
	sop.key = CDEV_PTR(key);
	sop.keylen = keylen;
	sop.mac = mac;
	sop.mackey = CDEV_PTR(mackey);
	sop.mackeylen = mackeylen;
	ret = cdev_ioctl(fd, CIOCGSESSION, &sop);
	if (!ret)
		*ses = sop.ses;
	return ret;
}

int cdev_fsession(int fd, __u32 ses)
{
	return cdev_ioctl(fd, CIOCFSESSION, &ses);
}

int cdev_crypt(int fd, __u32 ses, __u16 op, __u16 flags, const void *src,
	       void *dst, __u32 len, void *iv, void *mac)
{
	struct crypt_op cop;

	memset(&cop, 0, sizeof(cop));
	cop.ses = ses;
	cop.op = op;
	cop.flags = flags;
	cop.len = len;
	cop.src = CDEV_PTR(src);
	cop.dst = CDEV_PTR(dst);
	cop.mac = CDEV_PTR(mac);
	cop.iv = CDEV_PTR(iv);
	return cdev_ioctl(fd, CIOCCRYPT, &cop);
}

int cdev_hash(int fd, __u32 ses, __u16 flags, const void *src, __u32 len,
	      void *mac)
{
	return cdev_crypt(fd, ses, COP_ENCRYPT, flags, src, NULL, len, NULL,
		   mac);
}

int cdev_authcrypt(int fd, struct crypt_auth_op *caop)
{
	return cdev_ioctl(fd, CIOCAUTHCRYPT, caop);
}

void cdev_caop(struct crypt_auth_op *caop, __u32 ses, __u16 op, __u16 flags,
	       const void *aad, __u32 aad_len, const void *src, void *dst,
	       __u32 len, void *iv, __u32 iv_len, void *tag, __u32 tag_len)
{
	memset(caop, 0, sizeof(*caop));
	caop->ses = ses;
	caop->op = op;
	caop->flags = flags;
	caop->auth_src = CDEV_PTR(aad);
	caop->auth_len = aad_len;
	caop->src = CDEV_PTR(src);
	caop->dst = CDEV_PTR(dst);
	caop->len = len;
	caop->iv = CDEV_PTR(iv);
	caop->iv_len = iv_len;
	caop->tag = CDEV_PTR(tag);
	caop->tag_len = tag_len;
}

int cdev_cphash(int fd, __u32 dst_ses, __u32 src_ses)
{
	struct cphash_op cp = { .dst_ses = dst_ses, .src_ses = src_ses };

	return cdev_ioctl(fd, CIOCCPHASH, &cp);
}

const char *cdev_hex(char *out, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * len] = '\0';
	return out;
}

bool cdev_live_read(struct cdev_live *l)
{
	FILE *f = fopen(CDEV_LIVE, "r");
	char name[32];
	int seen = 0;
	long x;

	if (!f)
		return false;
	while (fscanf(f, "%31s %ld", name, &x) == 2) {
		if (!strcmp(name, "sessions")) {
			l->sessions = x;
			seen |= 1;
		} else if (!strcmp(name, "ops")) {
			l->ops = x;
			seen |= 2;
		} else if (!strcmp(name, "pinned_pages")) {
			l->pinned_pages = x;
			seen |= 4;
		}
	}
	fclose(f);
	return seen == 7;
}

int cdev_live_zero(struct cdev_live *l, int ms)
{
	for (;;) {
		if (!cdev_live_read(l))
			return -1;
		if (!l->sessions && !l->ops && !l->pinned_pages)
			return 1;
		if (ms <= 0)
			return 0;
		usleep(10000);
		ms -= 10;
	}
}

void cdev_tap_nothing_held(const char *what)
{
	struct cdev_live l;
	int ret = cdev_live_zero(&l, 10000);

	if (ret < 0) {
		tap_skip("no " CDEV_LIVE, "nothing held after %s", what);
		return;
	}
	if (!ret)
		tap_diag("held: %ld sessions, %ld ops, %ld pinned pages",
			 l.sessions, l.ops, l.pinned_pages);
	tap_ok(ret == 1, "nothing held after %s", what);
}
