// SPDX-License-Identifier: GPL-2.0
/*
 * faultinject - every ioctl path of /dev/crypto under allocation failure.
 *
 * For each path, and k = 1, 2, ...: set up (open, sessions) normally, then
 * make the k-th fault point of the call fail with
 * /proc/thread-self/fail-nth (slab allocations with CONFIG_FAILSLAB, user
 * copies with CONFIG_FAULT_INJECTION_USERCOPY), until a k is reached that
 * the call never gets to.  Every injected failure must give an errno (or
 * be absorbed), the same call must then work again on the same open file,
 * after each path's sweep the module must hold no session, operation or
 * pinned page (debugfs ocf/live), and at the end the slab object counts
 * must be back where they started.
 * KASAN, kmemleak and the module's unload judge the rest (make
 * check-debug).  Kernels without fail-nth (Debian's) skip the whole test.
 *
 *	faultinject [-v] [-k MAX_K] [-x EXCLUDE] [PATH_NAME]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"
#include "bsd_abi.h"
#include "cdev.h"

#define FAILNTH		"/proc/thread-self/fail-nth"
#define DBG		"/sys/kernel/debug/"
#define BUFSZ		(64 << 10)

static int nth_fd = -1;
static int verbose;
static int max_k = 2000;
static const char *exclude;	/* -x: skip paths whose name contains this */
static __u8 *buf, *out, *aad;
static __u8 key[64], mackey[64], iv[32], tag[64], mac[64];
static long injected_total;
static long errnos[134];

struct ctx {
	int fd;
	__u32 ses, ses2;
};

static void set_nth(int k)
{
	char s[16];
	int n = snprintf(s, sizeof(s), "%d", k);

	if (pwrite(nth_fd, s, n, 0) != n)
		tap_bail_out("write %s: %s", FAILNTH, strerror(errno));
}

/*
 * The fail-nth count left: 0 once the k-th fault point was reached.  With
 * CONFIG_FAULT_INJECTION_USERCOPY this read's own copy to user space is a
 * fault point: EFAULT means the count was 1, so the call did not reach k.
 */
static int get_nth(void)
{
	char s[16] = "";

	if (pread(nth_fd, s, sizeof(s) - 1, 0) <= 0) {
		if (errno == EFAULT)
			return 1;
		tap_bail_out("read %s: %s", FAILNTH, strerror(errno));
	}
	return atoi(s);
}

static int write_str(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, v, strlen(v)) == (ssize_t)strlen(v);
	close(fd);
	return ok ? 0 : -1;
}

/* ------------------------------------------------------ the paths */

static int ses_cipher(struct ctx *c, __u32 alg, __u32 klen, __u32 *ses)
{
	return cdev_session(c->fd, alg, key, klen, 0, NULL, 0, ses);
}

static int setup_open(struct ctx *c)
{
	c->fd = -1;
	return 0;
}

static int call_open(struct ctx *c)
{
	c->fd = cdev_open();
	return c->fd < 0 ? -errno : 0;
}

static int setup_fd(struct ctx *c)
{
	c->fd = cdev_open();
	return c->fd < 0 ? -errno : 0;
}

static int setup_cbc(struct ctx *c)
{
	return setup_fd(c) ?: ses_cipher(c, CRYPTO_AES_CBC, 16, &c->ses);
}

static int setup_hw_cbc(struct ctx *c)
{
	struct ocf_session_op s;
	int ret = setup_fd(c);

	if (ret)
		return ret;
	memset(&s, 0, sizeof(s));
	s.cipher = CRYPTO_AES_CBC;
	s.keylen = 16;
	s.key = (uintptr_t)key;
	s.crid = OCF_CRID_HARDWARE;
	ret = cdev_ioctl(c->fd, OCF_IOC_GSESSION, &s);
	c->ses = s.ses;
	return ret;
}

static int setup_hash(struct ctx *c)
{
	return setup_fd(c) ?:
	       cdev_session(c->fd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &c->ses);
}

static int setup_two_hashes(struct ctx *c)
{
	return setup_hash(c) ?:
	       cdev_session(c->fd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &c->ses2) ?:
	       cdev_hash(c->fd, c->ses2, COP_FLAG_UPDATE, buf, 100, NULL);
}

static int setup_gcm(struct ctx *c)
{
	return setup_fd(c) ?: ses_cipher(c, CRYPTO_AES_GCM, 16, &c->ses);
}

static int setup_cbc_hmac(struct ctx *c)
{
	return setup_fd(c) ?:
	       cdev_session(c->fd, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA1_HMAC,
			    mackey, 20, &c->ses);
}

static int setup_ctr_hmac(struct ctx *c)
{
	return setup_fd(c) ?:
	       cdev_session(c->fd, CRYPTO_AES_CTR, key, 16, CRYPTO_SHA1_HMAC,
			    mackey, 20, &c->ses);
}

static int call_gsession_cipher(struct ctx *c)
{
	return ses_cipher(c, CRYPTO_AES_CBC, 16, &c->ses);
}

static int call_gsession_aead(struct ctx *c)
{
	return ses_cipher(c, CRYPTO_AES_GCM, 16, &c->ses);
}

static int call_gsession_hmac(struct ctx *c)
{
	return cdev_session(c->fd, 0, NULL, 0, CRYPTO_SHA2_256_HMAC, mackey, 32,
			    &c->ses);
}

static int call_gsession_cipher_mac(struct ctx *c)
{
	return cdev_session(c->fd, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA1_HMAC,
			    mackey, 20, &c->ses);
}

static int call_gsession_tls(struct ctx *c)
{
	__u8 k[8 + 20 + 16] = { 8, 0, 1, 0, 0, 0, 0, 16 };

	memset(k + 8, 0x11, sizeof(k) - 8);
	return cdev_session(c->fd, CRYPTO_TLS11_AES_CBC_HMAC_SHA1, k, sizeof(k), 0,
			    NULL, 0, &c->ses);
}

static int gsession_ext(struct ctx *c, const char *name, __u32 crid, const char *drv)
{
	struct ocf_session_op s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.cipher = OCF_ALG_BY_NAME;
	snprintf(s.cipher_name, sizeof(s.cipher_name), "%s", name);
	s.keylen = 32;
	s.key = (uintptr_t)key;
	s.crid = crid;
	if (drv) {
		s.flags = OCF_SES_F_CIPHER_DRIVER;
		snprintf(s.cipher_driver, sizeof(s.cipher_driver), "%s", drv);
		s.keylen = 16;
	}
	ret = cdev_ioctl(c->fd, OCF_IOC_GSESSION, &s);
	c->ses = s.ses;
	return ret;
}

static int call_gsession_byname(struct ctx *c)
{
	return gsession_ext(c, "xts(aes)", OCF_CRID_SOFTWARE, NULL);
}

static int call_gsession_hw(struct ctx *c)
{
	return gsession_ext(c, "cbc(aes)", OCF_CRID_HARDWARE, "virtio_crypto_aes_cbc");
}

static int call_fsession(struct ctx *c)
{
	return cdev_fsession(c->fd, c->ses);
}

static int call_crypt_copy(struct ctx *c)
{
	return cdev_crypt(c->fd, c->ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, buf, out,
			  1024, iv, NULL);
}

static int call_crypt_bounce(struct ctx *c)
{
	/* above a page: the copy path's kvmalloc */
	return cdev_crypt(c->fd, c->ses, COP_DECRYPT, COP_FLAG_NO_ZC, buf, out,
			  8192, iv, NULL);
}

static int call_crypt_zc(struct ctx *c)
{
	return cdev_crypt(c->fd, c->ses, COP_ENCRYPT, 0, buf + 3, out + 5,
			  32768, iv, NULL);
}

static int call_crypt_inplace(struct ctx *c)
{
	return cdev_crypt(c->fd, c->ses, COP_ENCRYPT, 0, out, out, 16384, NULL, NULL);
}

static int call_crypt_overlap(struct ctx *c)
{
	return cdev_crypt(c->fd, c->ses, COP_ENCRYPT, 0, out, out + 16, 16384,
			  iv, NULL);
}

static int call_crypt_cipher_mac(struct ctx *c)
{
	return cdev_crypt(c->fd, c->ses, COP_ENCRYPT, 0, buf, out, 4096 + 512, iv, mac);
}

static int call_hash(struct ctx *c)
{
	return cdev_hash(c->fd, c->ses, 0, buf, 5000, mac);
}

static int call_hash_multi(struct ctx *c)
{
	return cdev_hash(c->fd, c->ses, COP_FLAG_UPDATE, buf, 100, NULL) ?:
	       cdev_hash(c->fd, c->ses, COP_FLAG_UPDATE, buf, 8000, NULL) ?:
	       cdev_hash(c->fd, c->ses, COP_FLAG_FINAL, buf, 10, mac);
}

static int call_cphash(struct ctx *c)
{
	return cdev_cphash(c->fd, c->ses, c->ses2) ?:
	       cdev_hash(c->fd, c->ses, COP_FLAG_FINAL, buf, 10, mac);
}

static int call_gcm(struct ctx *c)
{
	struct crypt_auth_op a;
	int ret;

	cdev_caop(&a, c->ses, COP_ENCRYPT, 0, aad, 20, buf, out, 6000, iv, 12,
		  NULL, 16);
	ret = cdev_authcrypt(c->fd, &a);
	if (ret)
		return ret;
	cdev_caop(&a, c->ses, COP_DECRYPT, 0, aad, 20, out, out + 8192, 6016, iv, 12,
		  NULL, 16);
	return cdev_authcrypt(c->fd, &a);
}

static int call_gcm_small(struct ctx *c)
{
	struct crypt_auth_op a;

	cdev_caop(&a, c->ses, COP_ENCRYPT, 0, aad, 13, buf, out, 64, iv, 0, NULL, 0);
	return cdev_authcrypt(c->fd, &a);
}

static int call_tls(struct ctx *c)
{
	struct crypt_auth_op a;

	cdev_caop(&a, c->ses, COP_ENCRYPT, COP_FLAG_AEAD_TLS_TYPE, aad, 13, buf,
		  out, 1000, iv, 0, NULL, 0);
	return cdev_authcrypt(c->fd, &a);
}

static int call_srtp(struct ctx *c)
{
	struct crypt_auth_op a;

	memcpy(out, buf, 1024);
	cdev_caop(&a, c->ses, COP_ENCRYPT, COP_FLAG_AEAD_SRTP_TYPE, out, 1024,
		  out + 12, out + 12, 1000, iv, 0, tag, 10);
	return cdev_authcrypt(c->fd, &a);
}

static int call_sessinfo(struct ctx *c)
{
	struct session_info_op si = { .ses = c->ses };

	return cdev_ioctl(c->fd, CIOCGSESSINFO, &si);
}

static int call_async(struct ctx *c)
{
	struct crypt_op op;
	int ret;

	memset(&op, 0, sizeof(op));
	op.ses = c->ses;
	op.op = COP_ENCRYPT;
	op.len = 8192;
	op.src = buf;
	op.dst = out;
	op.iv = iv;
	ret = cdev_ioctl(c->fd, CIOCASYNCCRYPT, &op);
	if (ret)
		return ret;
	/* wait for it (a hardware driver completes later) */
	for (;;) {
		struct pollfd p = { c->fd, POLLIN, 0 };

		poll(&p, 1, 1000);
		ret = cdev_ioctl(c->fd, CIOCASYNCFETCH, &op);
		if (ret != -EBUSY)
			return ret;
	}
}

static int call_batch(struct ctx *c)
{
	struct ocf_crypt_desc d[3];
	struct ocf_result res[3];
	struct ocf_submit sb = { .count = 3, .descs = (uintptr_t)d };
	struct ocf_reap rp = { .count = 3, .min = 3, .results = (uintptr_t)res };
	int ret, i;

	memset(d, 0, sizeof(d));
	for (i = 0; i < 3; i++) {
		d[i].ses = c->ses;
		d[i].op = COP_ENCRYPT;
		d[i].len = 4096 * (i + 1);
		d[i].src = (uintptr_t)(buf + i * 7);
		d[i].dst = (uintptr_t)(out + 16384 * i);
		d[i].iv = (uintptr_t)iv;
		d[i].user_data = i;
	}
	ret = cdev_ioctl(c->fd, OCF_IOC_SUBMIT, &sb);
	if (ret)
		return ret;
	rp.count = sb.submitted;
	rp.min = sb.submitted;
	ret = cdev_ioctl(c->fd, OCF_IOC_REAP, &rp);
	if (ret)
		return ret;
	for (i = 0; i < (int)rp.reaped; i++)
		if (res[i].status)
			return res[i].status;
	return sb.submitted == 3 && rp.reaped == 3 ? 0 : -EAGAIN;
}

static int call_batch_aead(struct ctx *c)
{
	struct ocf_crypt_desc d;
	struct ocf_result res;
	struct ocf_submit sb = { .count = 1, .descs = (uintptr_t)&d };
	struct ocf_reap rp = { .count = 1, .min = 1, .results = (uintptr_t)&res };
	int ret;

	memset(&d, 0, sizeof(d));
	d.ses = c->ses;
	d.op = COP_ENCRYPT;
	d.len = 5000;
	d.auth_len = 16;
	d.auth_src = (uintptr_t)aad;
	d.src = (uintptr_t)buf;
	d.dst = (uintptr_t)out;
	d.iv = (uintptr_t)iv;
	ret = cdev_ioctl(c->fd, OCF_IOC_SUBMIT, &sb) ?:
	      cdev_ioctl(c->fd, OCF_IOC_REAP, &rp);
	return ret ?: rp.reaped == 1 ? res.status : -EAGAIN;
}

static int call_info(struct ctx *c)
{
	static struct ocf_alg_entry e[64];
	struct ocf_alg_list l = { .capacity = 64, .entries = (uintptr_t)e };
	struct ocf_find_op f = { .crid = -1 };
	struct ocf_features ft;

	snprintf(f.name, sizeof(f.name), "cbc-aes-aesni");
	return cdev_ioctl(c->fd, OCF_IOC_GET_FEATURES, &ft) ?:
	       cdev_ioctl(c->fd, OCF_IOC_LIST_ALGS, &l) ?:
	       cdev_ioctl(c->fd, OCF_IOC_FINDDEV, &f);
}

static int call_crioget(struct ctx *c)
{
	__u32 nfd;
	int ret = cdev_ioctl(c->fd, CRIOGET, &nfd);

	if (!ret)
		close((int)nfd);
	return ret;
}

/* FreeBSD's set (module/bsd.c) */
static int bsd_session(struct ctx *c, __u32 cipher, __u32 klen, __u32 mac,
		       __u32 mklen, int maclen)
{
	struct bsd_session2_op s = {
		.cipher = cipher, .keylen = klen, .key = key,
		.mac = mac, .mackeylen = mklen, .mackey = mackey,
		.crid = OCF_CRID_ANY, .maclen = maclen,
	};
	int ret = cdev_ioctl(c->fd, BSD_CIOCGSESSION2, &s);

	if (!ret)
		c->ses = s.ses;
	return ret;
}

static int call_bsd_gsession(struct ctx *c)
{
	return bsd_session(c, BSD_AES_CBC, 16, BSD_SHA2_256_HMAC, 32, 16);
}

static int setup_bsd_gcm(struct ctx *c)
{
	return setup_fd(c) ?: bsd_session(c, BSD_AES_NIST_GCM_16, 16, 0, 0, 12);
}

static int setup_bsd_eta(struct ctx *c)
{
	return setup_fd(c) ?:
	       bsd_session(c, BSD_AES_CBC, 16, BSD_SHA2_256_HMAC, 32, 0);
}

static int setup_bsd_xts(struct ctx *c)
{
	return setup_fd(c) ?: bsd_session(c, BSD_AES_XTS, 32, 0, 0, 0);
}

/* Encrypt, then decrypt (verifying the tag), with AAD; BUFSZ bytes. */
static int call_bsd_aead(struct ctx *c)
{
	struct bsd_crypt_aead a = {
		.ses = c->ses, .op = BSD_COP_ENCRYPT, .len = BUFSZ,
		.aadlen = 20, .ivlen = 12, .src = buf, .dst = out,
		.aad = aad, .tag = tag, .iv = iv,
	};
	int ret = cdev_ioctl(c->fd, BSD_CIOCCRYPTAEAD, &a);

	if (ret)
		return ret;
	a.op = BSD_COP_DECRYPT;
	a.src = out;
	a.dst = out;
	return cdev_ioctl(c->fd, BSD_CIOCCRYPTAEAD, &a);
}

static int call_bsd_eta(struct ctx *c)
{
	struct bsd_crypt_aead a = {
		.ses = c->ses, .op = BSD_COP_ENCRYPT, .len = 4096,
		.aadlen = 13, .ivlen = 16, .src = buf, .dst = out,
		.aad = aad, .tag = tag, .iv = iv,
	};
	struct crypt_op op = {
		.ses = c->ses, .op = BSD_COP_DECRYPT, .len = 4096,
		.src = out, .dst = out, .mac = mac, .iv = iv,
	};
	int ret = cdev_ioctl(c->fd, BSD_CIOCCRYPTAEAD, &a);

	if (ret)
		return ret;
	a.op = BSD_COP_DECRYPT;
	a.src = out;
	ret = cdev_ioctl(c->fd, BSD_CIOCCRYPTAEAD, &a);
	if (ret)
		return ret;
	/* CIOCCRYPT without AAD: encrypt for the tag in mac, then decrypt */
	op.op = BSD_COP_ENCRYPT;
	op.src = buf;
	ret = cdev_ioctl(c->fd, BSD_CIOCCRYPT, &op);
	if (ret)
		return ret;
	op.op = BSD_COP_DECRYPT;
	op.src = out;
	return cdev_ioctl(c->fd, BSD_CIOCCRYPT, &op);
}

/* The IV in front of the data (iv NULL). */
static int call_bsd_xts(struct ctx *c)
{
	struct crypt_op op = {
		.ses = c->ses, .op = BSD_COP_ENCRYPT, .len = 8 + 4088,
		.src = buf, .dst = out,
	};

	return cdev_ioctl(c->fd, BSD_CIOCCRYPT, &op);
}

struct path {
	const char *name;
	int (*setup)(struct ctx *c);
	int (*call)(struct ctx *c);
};

static const struct path paths[] = {
	{ "open", setup_open, call_open },
	{ "CIOCGSESSION cipher", setup_fd, call_gsession_cipher },
	{ "CIOCGSESSION aead", setup_fd, call_gsession_aead },
	{ "CIOCGSESSION hmac", setup_fd, call_gsession_hmac },
	{ "CIOCGSESSION cipher+mac", setup_fd, call_gsession_cipher_mac },
	{ "CIOCGSESSION tls composite", setup_fd, call_gsession_tls },
	{ "OCF_IOC_GSESSION by name", setup_fd, call_gsession_byname },
	{ "OCF_IOC_GSESSION hardware driver", setup_fd, call_gsession_hw },
	{ "CIOCFSESSION", setup_cbc, call_fsession },
	{ "CIOCCRYPT copy", setup_cbc, call_crypt_copy },
	{ "CIOCCRYPT bounce (kvmalloc)", setup_cbc, call_crypt_bounce },
	{ "CIOCCRYPT zero-copy", setup_cbc, call_crypt_zc },
	{ "CIOCCRYPT in place", setup_cbc, call_crypt_inplace },
	{ "CIOCCRYPT overlapping", setup_cbc, call_crypt_overlap },
	{ "CIOCCRYPT hardware driver", setup_hw_cbc, call_crypt_zc },
	{ "CIOCCRYPT cipher+mac", setup_cbc_hmac, call_crypt_cipher_mac },
	{ "CIOCCRYPT hash", setup_hash, call_hash },
	{ "CIOCCRYPT hash multi-part", setup_hash, call_hash_multi },
	{ "CIOCCPHASH", setup_two_hashes, call_cphash },
	{ "CIOCAUTHCRYPT gcm", setup_gcm, call_gcm },
	{ "CIOCAUTHCRYPT gcm small", setup_gcm, call_gcm_small },
	{ "CIOCAUTHCRYPT tls", setup_cbc_hmac, call_tls },
	{ "CIOCAUTHCRYPT srtp", setup_ctr_hmac, call_srtp },
	{ "FreeBSD CIOCGSESSION2 cbc+hmac", setup_fd, call_bsd_gsession },
	{ "FreeBSD CIOCCRYPTAEAD gcm", setup_bsd_gcm, call_bsd_aead },
	{ "FreeBSD CIOCCRYPTAEAD+CIOCCRYPT encrypt-then-MAC", setup_bsd_eta, call_bsd_eta },
	{ "FreeBSD CIOCCRYPT xts, IV in front", setup_bsd_xts, call_bsd_xts },
	{ "CIOCGSESSINFO", setup_cbc, call_sessinfo },
	{ "CIOCASYNCCRYPT+FETCH", setup_cbc, call_async },
	{ "CIOCASYNCCRYPT hardware driver", setup_hw_cbc, call_async },
	{ "OCF_IOC_SUBMIT+REAP", setup_cbc, call_batch },
	{ "OCF_IOC_SUBMIT+REAP hardware driver", setup_hw_cbc, call_batch },
	{ "OCF_IOC_SUBMIT+REAP aead", setup_gcm, call_batch_aead },
	{ "GET_FEATURES, LIST_ALGS, FINDDEV", setup_fd, call_info },
	{ "CRIOGET", setup_fd, call_crioget },
};

#define NPATHS (sizeof(paths) / sizeof((paths)[0]))

/* ------------------------------------------------------ slab counts */

struct slab {
	char name[256];
	long objs;
};

static struct slab slabs[512];
static int nslabs;

/* Total objects in use in caches that ocf can allocate from. */
static int counted(const char *name)
{
	return !strncmp(name, "kmalloc-", 8) || !strncmp(name, "ocf", 3);
}

static long slab_snapshot(struct slab *snap, int *n)
{
	DIR *d = opendir("/sys/kernel/slab");
	struct dirent *de;
	long total = 0;
	char path[512], v[64];
	int fd;

	*n = 0;
	if (!d)
		return -1;
	/* let RCU frees finish, and KASAN's quarantine let go (shrink) */
	usleep(200000);
	while ((de = readdir(d)) && *n < 512) {
		if (de->d_name[0] == '.' || !counted(de->d_name))
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", de->d_name);
		write_str(path, "1");
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/objects", de->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		memset(v, 0, sizeof(v));
		if (read(fd, v, sizeof(v) - 1) > 0) {
			snprintf(snap[*n].name, sizeof(snap[*n].name), "%s", de->d_name);
			snap[*n].objs = atol(v);
			total += snap[*n].objs;
			(*n)++;
		}
		close(fd);
	}
	closedir(d);
	return total;
}

/* ------------------------------------------------------ the sweep */

static void teardown(struct ctx *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* One path: k = 1, 2, ... until the call no longer reaches fault point k. */
static void sweep(const struct path *p)
{
	int k, injected = 0, bad = 0, failed_retry = 0, setup_err = 0;
	struct cdev_live live;
	int ret, left;
	struct ctx c;

	for (k = 1; k <= max_k; k++) {
		c.fd = -1;
		ret = p->setup(&c);
		if (ret) {
			setup_err = ret;
			teardown(&c);
			break;
		}
		set_nth(k);
		ret = p->call(&c);
		left = get_nth();
		set_nth(0);
		if (left) {
			/* fault point k was never reached: a clean run */
			if (k == 1 && (ret == -ENOENT || ret == -ENODEV)) {
				teardown(&c);
				tap_skip("no such driver", "%s", p->name);
				return;
			}
			if (ret) {
				tap_fail("%s: fails without injection (%s)", p->name,
					 strerror(-ret));
				teardown(&c);
				return;
			}
			teardown(&c);
			break;
		}
		injected++;
		if (ret < 0 && -ret < 134)
			errnos[-ret]++;
		if (ret < -133 || ret > 0) {
			tap_diag("%s: k=%d returned %d", p->name, k, ret);
			bad++;
		}
		if (verbose)
			tap_diag("%s: k=%d -> %s", p->name, k, ret ? strerror(-ret) : "ok");
		/* the open file must still work: the same call again */
		if (p->call != call_open && p->setup != setup_open) {
			if (ret == 0 && p->call == call_fsession)
				ses_cipher(&c, CRYPTO_AES_CBC, 16, &c.ses);
			ret = p->call(&c);
			if (ret && ret != -EBUSY) {
				if (!failed_retry)
					tap_diag("%s: after k=%d the call fails: %s",
						 p->name, k, strerror(-ret));
				failed_retry++;
			}
		}
		teardown(&c);
	}
	if (setup_err == -ENOENT || setup_err == -ENODEV) {
		tap_skip("setup: no such driver", "%s", p->name);
		return;
	}
	if (setup_err) {
		tap_fail("%s: setup fails: %s", p->name, strerror(-setup_err));
		return;
	}
	injected_total += injected;
	/* Every file of the sweep is closed: the module must hold nothing. */
	if (cdev_live_zero(&live, 10000) == 0) {
		tap_diag("%s: still held: %ld sessions, %ld ops, %ld pinned pages",
			 p->name, live.sessions, live.ops, live.pinned_pages);
		bad++;
	}
	tap_ok(k <= max_k && !bad && !failed_retry,
	       "%s: %d faults injected, each gave an errno or was absorbed", p->name,
	       injected);
}

int main(int argc, char **argv)
{
	static struct slab before[512];
	long t0, t1;
	int opt, n0, i;
	char path[64];

	while ((opt = getopt(argc, argv, "vk:x:")) != -1) {
		if (opt == 'v')
			verbose = 1;
		else if (opt == 'k')
			max_k = atoi(optarg);
		else if (opt == 'x')
			exclude = optarg;
	}
	tap_header();
	/* make check-debug runs the sweep in a boot of its own */
	if (getenv("OCF_NO_FAULTINJECT"))
		tap_skip_all("OCF_NO_FAULTINJECT is set (runs in its own boot)");
	if (access(CDEV_PATH, R_OK | W_OK))
		tap_skip_all("no %s", CDEV_PATH);
	snprintf(path, sizeof(path), "/proc/self/task/%d/fail-nth", gettid());
	nth_fd = open(FAILNTH, O_RDWR);
	if (nth_fd < 0)
		nth_fd = open(path, O_RDWR);
	if (nth_fd < 0)
		tap_skip_all("no fail-nth (kernel without CONFIG_FAULT_INJECTION)");
	/* failslab ignores sleeping allocations and prints stacks by default */
	write_str(DBG "failslab/ignore-gfp-wait", "N");
	write_str(DBG "failslab/verbose", "0");
	write_str(DBG "fail_usercopy/verbose", "0");
	write_str(DBG "fail_page_alloc/verbose", "0");

	tap_plan(NPATHS + 1);
	buf = mmap(NULL, 3 * BUFSZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED)
		tap_bail_out("mmap");
	out = buf + BUFSZ;
	aad = out + BUFSZ;
	for (i = 0; i < 3 * BUFSZ; i++)
		buf[i] = (__u8)(i * 7 + 1);
	memset(key, 0x42, sizeof(key));
	memset(mackey, 0x24, sizeof(mackey));
	/* no page faults of our own inside the calls */
	mlockall(MCL_CURRENT | MCL_FUTURE);

	/* a warm-up pass loads the algorithms and fills per-cpu caches */
	for (i = 0; i < (int)NPATHS; i++) {
		struct ctx c = { -1, 0, 0 };

		if (!paths[i].setup(&c))
			paths[i].call(&c);
		teardown(&c);
	}
	t0 = slab_snapshot(before, &n0);

	for (i = 0; i < (int)NPATHS; i++) {
		if (exclude && strstr(paths[i].name, exclude))
			tap_skip("excluded (-x)", "%s", paths[i].name);
		else if (argc == optind || !strcmp(argv[optind], paths[i].name))
			sweep(&paths[i]);
	}

	t1 = slab_snapshot(slabs, &nslabs);
	{
		char line[512] = "";
		int n = 0, e;

		for (e = 1; e < 134; e++)
			if (errnos[e])
				n += snprintf(line + n, sizeof(line) - n, " %s:%ld",
					      strerrorname_np(e) ?: "?", errnos[e]);
		tap_diag("%ld faults injected; errnos:%s", injected_total, line);
	}
	for (i = 0; i < nslabs; i++) {
		int j;

		for (j = 0; j < n0; j++)
			if (!strcmp(before[j].name, slabs[i].name) &&
			    before[j].objs != slabs[i].objs)
				tap_diag("slab %s: %ld -> %ld", slabs[i].name,
					 before[j].objs, slabs[i].objs);
	}
	if (t0 < 0)
		tap_skip("no /sys/kernel/slab", "slab objects back where they started");
	else
		tap_ok(t1 - t0 <= 64, "slab objects back (kmalloc caches: %ld -> %ld)",
		       t0, t1);
	return tap_finish();
}
