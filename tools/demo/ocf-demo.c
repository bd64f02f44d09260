// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-demo: the checks behind `make demo`, one subcommand per step.  Each
 * prints what it did and ends with a line "PASS: ..." or "FAIL: ..."
 * (exit status 0 or 1).
 *
 *   list      algorithms and drivers (OCF_IOC_LIST_ALGS), for a few names
 *   gcm       AES-128-GCM through CIOCAUTHCRYPT equals OpenSSL's
 *   hw        an AES-128-CBC session on a hardware driver next to one on
 *             a software driver: driver names, equal results; AF_ALG bound
 *             to the hardware driver: the same result, or (Linux 7.2 on)
 *             refused
 *   paths     zero-copy (separate, in place, read-only source), async
 *             (CIOCASYNCCRYPT + poll + CIOCASYNCFETCH) and batched
 *             (OCF_IOC_SUBMIT + OCF_IOC_REAP) results equal OpenSSL's
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_alg.h>

#include <openssl/evp.h>

#include <crypto/cryptodev.h>

#define BIG	(64 * 1024)
#define NASYNC	32

static int fd;
static unsigned char key[32], iv[16], aad[16];

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

static int result(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	return ok ? 0 : 1;
}

static void hex(const char *label, const unsigned char *p, size_t n)
{
	size_t i;

	printf("  %-24s", label);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("%s\n", n == 16 ? "" : "...");
}

/* OpenSSL's AES-128-CBC or AES-128-GCM (ciphertext, then tag). */
static void ossl(const EVP_CIPHER *c, const unsigned char *in, size_t len,
		 unsigned char *out, size_t alen)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n;

	EVP_EncryptInit_ex(ctx, c, NULL, key, iv);
	EVP_CIPHER_CTX_set_padding(ctx, 0);
	if (alen)
		EVP_EncryptUpdate(ctx, NULL, &n, aad, alen);
	EVP_EncryptUpdate(ctx, out, &n, in, len);
	EVP_EncryptFinal_ex(ctx, out + n, &n);
	if (EVP_CIPHER_CTX_mode(ctx) == EVP_CIPH_GCM_MODE)
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out + len);
	EVP_CIPHER_CTX_free(ctx);
}

/* A session of @alg on driver class @crid (0: any); 0 or errno. */
static int session(__u32 alg, __u32 keylen, __u32 crid, __u32 *ses,
		   char *driver, size_t dlen, int *hw)
{
	struct ocf_session_op so;
	struct session_info_op si;

	memset(&so, 0, sizeof(so));
	so.cipher = alg;
	so.keylen = keylen;
	so.key = (uintptr_t)key;
	so.crid = crid;
	if (ioctl(fd, OCF_IOC_GSESSION, &so))
		return errno;
	*ses = so.ses;
	memset(&si, 0, sizeof(si));
	si.ses = so.ses;
	if (ioctl(fd, CIOCGSESSINFO, &si))
		return errno;
	snprintf(driver, dlen, "%s", si.cipher_info.cra_driver_name);
	*hw = !!(si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY);
	return 0;
}

static int cbc(__u32 ses, const unsigned char *src, unsigned char *dst,
	       size_t len, __u16 flags)
{
	struct crypt_op co = {
		.ses = ses, .op = COP_ENCRYPT, .flags = flags, .len = len,
		.src = (__u8 *)src, .dst = dst, .iv = iv,
	};

	return ioctl(fd, CIOCCRYPT, &co) ? errno : 0;
}

static int cmd_list(void)
{
	static const char *const names[] = {
		"cbc(aes)", "gcm(aes)", "rfc7539(chacha20,poly1305)",
		"sha256", "hmac(sha256)",
	};
	struct ocf_alg_entry e[32];
	struct ocf_alg_list l;
	unsigned int i, j, total;

	memset(&l, 0, sizeof(l));
	if (ioctl(fd, OCF_IOC_LIST_ALGS, &l))
		return result(0, "OCF_IOC_LIST_ALGS");
	total = l.count;
	printf("  %u implementations usable through /dev/crypto; some of them:\n\n", total);
	printf("  %-28s %-34s %-14s %5s  %s\n", "ALGORITHM", "DRIVER", "MODULE",
	       "PRIO", "CLASS");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		memset(&l, 0, sizeof(l));
		l.capacity = 32;
		l.entries = (uintptr_t)e;
		snprintf(l.filter, sizeof(l.filter), "%s", names[i]);
		if (ioctl(fd, OCF_IOC_LIST_ALGS, &l))
			return result(0, "OCF_IOC_LIST_ALGS with a filter");
		for (j = 0; j < l.count && j < 32; j++)
			printf("  %-28s %-34s %-14s %5u  %s\n", e[j].name,
			       e[j].driver, e[j].module, e[j].priority,
			       e[j].flags & OCF_ALG_F_HARDWARE ? "hardware" :
			       "software");
	}
	return result(total > 0, "the kernel's algorithms and drivers are listed");
}

static int cmd_gcm(void)
{
	unsigned char pt[4096], ct[4096 + 16], ref[4096 + 16];
	struct crypt_auth_op cao;
	struct session_op so;

	fill(pt, sizeof(pt), 1);
	memset(&so, 0, sizeof(so));
	so.cipher = CRYPTO_AES_GCM;
	so.keylen = 16;
	so.key = key;
	if (ioctl(fd, CIOCGSESSION, &so))
		return result(0, "CIOCGSESSION AES-128-GCM");
	memset(&cao, 0, sizeof(cao));
	cao.ses = so.ses;
	cao.op = COP_ENCRYPT;
	cao.len = sizeof(pt);
	cao.auth_len = sizeof(aad);
	cao.auth_src = aad;
	cao.src = pt;
	cao.dst = ct;
	cao.iv = iv;
	cao.iv_len = 12;
	if (ioctl(fd, CIOCAUTHCRYPT, &cao))
		return result(0, "CIOCAUTHCRYPT");
	ossl(EVP_aes_128_gcm(), pt, sizeof(pt), ref, sizeof(aad));
	printf("  4096 bytes, 16 bytes of AAD, 12-byte IV\n");
	hex("/dev/crypto ciphertext", ct, 16);
	hex("OpenSSL ciphertext", ref, 16);
	hex("/dev/crypto tag", ct + sizeof(pt), 16);
	hex("OpenSSL tag", ref + sizeof(pt), 16);
	return result(cao.len == sizeof(ct) && !memcmp(ct, ref, sizeof(ct)),
		      "AES-128-GCM through /dev/crypto equals OpenSSL (ciphertext and tag)");
}

/*
 * AF_ALG bound to the exact driver @driver: its AES-128-CBC of @pt, with
 * the demo's key and IV.  0 or the errno of the step that failed.
 */
static int afalg_cbc(const char *driver, const unsigned char *pt,
		     unsigned char *out, size_t len)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG, .salg_type = "skcipher" };
	char cbuf[CMSG_SPACE(sizeof(__u32)) +
		  CMSG_SPACE(sizeof(struct af_alg_iv) + sizeof(iv))] = { 0 };
	struct iovec io = { .iov_base = (void *)pt, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &io, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct af_alg_iv *ivm;
	struct cmsghdr *c;
	int tfm, op = -1, err = 0;

	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", driver);
	tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (tfm < 0)
		return errno;
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, 16)) {
		err = errno;
		goto out;
	}
	op = accept(tfm, NULL, 0);
	if (op < 0) {
		err = errno;
		goto out;
	}
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(sizeof(__u32));
	*(__u32 *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	c = CMSG_NXTHDR(&msg, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(sizeof(*ivm) + sizeof(iv));
	ivm = (struct af_alg_iv *)CMSG_DATA(c);
	ivm->ivlen = sizeof(iv);
	memcpy(ivm->iv, iv, sizeof(iv));
	if (sendmsg(op, &msg, 0) != (ssize_t)len || read(op, out, len) != (ssize_t)len)
		err = errno ? errno : EIO;
out:
	if (op >= 0)
		close(op);
	close(tfm);
	return err;
}

/*
 * The same exact driver through AF_ALG: reached (and equal), or refused.
 * Linux 7.2 deprecated AF_ALG and keeps asynchronous and driver-only
 * algorithms (such as an accelerator's) out of its reach.
 */
static int afalg_beside(const char *driver, const unsigned char *pt,
			const unsigned char *ref, size_t len)
{
	unsigned char out[4096];
	int err = afalg_cbc(driver, pt, out, len);

	if (err == EAFNOSUPPORT) {
		printf("  AF_ALG: not in this kernel\n");
		return 0;
	}
	if (err) {
		printf("  AF_ALG bound to %-17s refused: %s\n", driver, strerror(err));
		printf("  (from Linux 7.2 AF_ALG no longer reaches asynchronous or hardware\n"
		       "   drivers; /dev/crypto above did)\n");
		return 0;
	}
	hex("AF_ALG, same driver", out, 16);
	return memcmp(out, ref, len) ? 1 : 0;
}

static int cmd_hw(void)
{
	unsigned char pt[4096], a[4096], b[4096], ref[4096 + 16];
	char dhw[64], dsw[64];
	__u32 shw, ssw;
	int hw1, hw2, err;

	err = session(CRYPTO_AES_CBC, 16, OCF_CRID_HARDWARE, &shw, dhw,
		      sizeof(dhw), &hw1);
	if (err) {
		printf("  no hardware AES-CBC driver: %s\n", strerror(err));
		return result(0, "a session on the hardware accelerator");
	}
	err = session(CRYPTO_AES_CBC, 16, OCF_CRID_SOFTWARE, &ssw, dsw,
		      sizeof(dsw), &hw2);
	if (err)
		return result(0, "a session on a software driver");
	printf("  OCF_CRID_HARDWARE session: driver %-24s (%s)\n", dhw,
	       hw1 ? "SIOP_FLAG_KERNEL_DRIVER_ONLY: hardware" : "software?");
	printf("  OCF_CRID_SOFTWARE session: driver %-24s (%s)\n", dsw,
	       hw2 ? "hardware?" : "software");
	fill(pt, sizeof(pt), 2);
	if (cbc(shw, pt, a, sizeof(pt), 0) || cbc(ssw, pt, b, sizeof(pt), 0))
		return result(0, "CIOCCRYPT on both sessions");
	ossl(EVP_aes_128_cbc(), pt, sizeof(pt), ref, 0);
	hex("hardware result", a, 16);
	hex("software result", b, 16);
	hex("OpenSSL", ref, 16);
	err = afalg_beside(dhw, pt, ref, sizeof(pt));
	return result(hw1 && !hw2 && !memcmp(a, b, sizeof(a)) &&
		      !memcmp(a, ref, sizeof(a)) && !err,
		      "the virtio-crypto accelerator and the CPU's driver give equal results");
}

/* Zero-copy: separate buffers, in place, and a read-only source. */
static int zc_checks(__u32 ses, const unsigned char *ref)
{
	unsigned char *src, *dst, *ro;
	int ok = 1, err;

	src = malloc(BIG + 1);
	dst = malloc(BIG + 1);
	ro = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);
	if (!src || !dst || ro == MAP_FAILED)
		return 0;
	/* Odd alignment: pages are pinned wherever the buffer starts. */
	fill(src + 1, BIG, 3);
	err = cbc(ses, src + 1, dst + 1, BIG, 0);
	printf("  zero-copy, separate buffers (64 KiB, odd address): %s\n",
	       !err && !memcmp(dst + 1, ref, BIG) ? "equal" : "DIFFERENT");
	ok &= !err && !memcmp(dst + 1, ref, BIG);
	err = cbc(ses, src + 1, src + 1, BIG, 0);
	printf("  zero-copy, in place:                                %s\n",
	       !err && !memcmp(src + 1, ref, BIG) ? "equal" : "DIFFERENT");
	ok &= !err && !memcmp(src + 1, ref, BIG);
	fill(ro, BIG, 3);
	mprotect(ro, BIG, PROT_READ);
	err = cbc(ses, ro, dst, BIG, 0);
	printf("  zero-copy, PROT_READ source:                        %s\n",
	       !err && !memcmp(dst, ref, BIG) ? "equal" : "DIFFERENT");
	ok &= !err && !memcmp(dst, ref, BIG);
	munmap(ro, BIG);
	free(src);
	free(dst);
	return ok;
}

/* NASYNC CIOCASYNCCRYPT in flight, then poll() and CIOCASYNCFETCH. */
static int async_checks(__u32 ses, const unsigned char *pt,
			const unsigned char *ref, const char *driver)
{
	static unsigned char out[NASYNC][4096];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int i, got = 0, good = 0;

	for (i = 0; i < NASYNC; i++) {
		struct crypt_op co = {
			.ses = ses, .op = COP_ENCRYPT, .len = 4096,
			.src = (__u8 *)pt, .dst = out[i], .iv = iv,
		};

		if (ioctl(fd, CIOCASYNCCRYPT, &co))
			return 0;
	}
	while (got < NASYNC) {
		struct crypt_op co;

		memset(&co, 0, sizeof(co));
		if (ioctl(fd, CIOCASYNCFETCH, &co)) {
			if (errno != EBUSY || poll(&pfd, 1, 5000) <= 0)
				break;
			continue;
		}
		got++;
		good += !memcmp(co.dst, ref, 4096);
	}
	printf("  async: %d CIOCASYNCCRYPT in flight on %s, %d fetched, %d equal\n",
	       NASYNC, driver, got, good);
	return good == NASYNC;
}

/* One OCF_IOC_SUBMIT of NASYNC AES-GCM operations, one OCF_IOC_REAP. */
static int batch_checks(const unsigned char *pt)
{
	static unsigned char out[NASYNC][4096 + 16];
	struct ocf_crypt_desc d[NASYNC];
	struct ocf_result res[NASYNC];
	unsigned char ref[4096 + 16];
	struct ocf_submit sb;
	struct ocf_reap rp;
	struct session_op so;
	int i, good = 0;

	memset(&so, 0, sizeof(so));
	so.cipher = CRYPTO_AES_GCM;
	so.keylen = 16;
	so.key = key;
	if (ioctl(fd, CIOCGSESSION, &so))
		return 0;
	memset(d, 0, sizeof(d));
	for (i = 0; i < NASYNC; i++) {
		d[i].ses = so.ses;
		d[i].op = COP_ENCRYPT;
		d[i].len = 4096;
		d[i].src = (uintptr_t)pt;
		d[i].dst = (uintptr_t)out[i];
		d[i].iv = (uintptr_t)iv;
		d[i].auth_src = (uintptr_t)aad;
		d[i].auth_len = sizeof(aad);
		d[i].user_data = i;
	}
	sb = (struct ocf_submit){ .count = NASYNC, .descs = (uintptr_t)d };
	if (ioctl(fd, OCF_IOC_SUBMIT, &sb) || sb.submitted != NASYNC)
		return 0;
	rp = (struct ocf_reap){ .count = NASYNC, .min = NASYNC,
				.results = (uintptr_t)res };
	if (ioctl(fd, OCF_IOC_REAP, &rp))
		return 0;
	ossl(EVP_aes_128_gcm(), pt, 4096, ref, sizeof(aad));
	for (i = 0; i < (int)rp.reaped; i++)
		good += !res[i].status && res[i].user_data < NASYNC &&
			!memcmp(out[res[i].user_data], ref, sizeof(ref));
	printf("  batch: one OCF_IOC_SUBMIT of %d AES-GCM operations, one OCF_IOC_REAP: %u results, %d equal\n",
	       NASYNC, rp.reaped, good);
	return good == NASYNC;
}

static int cmd_paths(void)
{
	static unsigned char pt[BIG], ref[BIG + 16];
	struct ocf_features f;
	char dhw[64], dsw[64];
	__u32 shw, ssw;
	int hw, ok;

	memset(&f, 0, sizeof(f));
	ioctl(fd, OCF_IOC_GET_FEATURES, &f);
	printf("  zc_threshold %u bytes: from there on the caller's pages are pinned, not copied\n",
	       f.zc_threshold);
	fill(pt, BIG, 3);
	ossl(EVP_aes_128_cbc(), pt, BIG, ref, 0);
	if (session(CRYPTO_AES_CBC, 16, OCF_CRID_SOFTWARE, &ssw, dsw,
		    sizeof(dsw), &hw))
		return result(0, "AES-CBC session");
	ok = zc_checks(ssw, ref);
	/* Async on the accelerator if there is one: it really is async. */
	if (session(CRYPTO_AES_CBC, 16, OCF_CRID_HARDWARE, &shw, dhw,
		    sizeof(dhw), &hw))
		ok &= async_checks(ssw, pt, ref, dsw);
	else
		ok &= async_checks(shw, pt, ref, dhw);
	ok &= batch_checks(pt);
	return result(ok, "zero-copy, async and batched results equal OpenSSL's");
}

int main(int argc, char **argv)
{
	fill(key, sizeof(key), 7);
	fill(iv, sizeof(iv), 8);
	fill(aad, sizeof(aad), 9);
	fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("/dev/crypto");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "list"))
		return cmd_list();
	if (argc == 2 && !strcmp(argv[1], "gcm"))
		return cmd_gcm();
	if (argc == 2 && !strcmp(argv[1], "hw"))
		return cmd_hw();
	if (argc == 2 && !strcmp(argv[1], "paths"))
		return cmd_paths();
	fprintf(stderr, "usage: ocf-demo list|gcm|hw|paths\n");
	return 2;
}
