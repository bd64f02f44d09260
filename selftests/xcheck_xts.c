// SPDX-License-Identifier: GPL-2.0
/*
 * cipher_xcheck: AES-XTS at every length from 16 to 4096 bytes, whole blocks or
 * not (ciphertext stealing), on every path that runs a cipher, against
 * OpenSSL: cryptodev-linux's CIOCCRYPT through a kernel copy and through
 * the caller's pages, CIOCASYNCCRYPT, OCF_IOC_SUBMIT, and FreeBSD's
 * CIOCCRYPT (IV apart or in front of the data) and CIOCCRYPTAEAD with
 * XTS + HMAC-SHA2-256 (encrypt-then-MAC).  Even lengths use AES-128-XTS,
 * odd ones AES-256-XTS; every encryption is decrypted back.
 *
 * The other ciphertext-stealing mode, "cts(cbc(aes))" by name (the
 * Kerberos variant, OpenSSL's CS3): RFC 3962's known answers, then every
 * length from 16 to 4096 against OpenSSL.
 */
#include <stdlib.h>
#include <sys/ioctl.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "bsd_abi.h"
#include "xcheck.h"

#define XTS_MIN		16
#define XTS_MAX		4096
#define BATCH		16	/* operations per OCF_IOC_SUBMIT */
#define ZC_PARAM	"/sys/module/ocf/parameters/zc_threshold"
#define ETA_AAD		"xts aad bytes"	/* 13 bytes, as in TLS */
#define ETA_AADLEN	(sizeof(ETA_AAD) - 1)

enum xts_path { X_COPY, X_ZC, X_ASYNC, X_BATCH, X_BSD, X_BSD_ETA, X_MAX };

static const char *const xts_path_name[] = {
	"CIOCCRYPT (kernel copy)", "CIOCCRYPT (zero-copy)", "CIOCASYNCCRYPT",
	"OCF_IOC_SUBMIT", "FreeBSD CIOCCRYPT", "FreeBSD CIOCCRYPTAEAD encrypt-then-MAC",
};

struct xts_ctx {
	enum xts_path path;
	uint8_t key[2][64];	/* AES-128-XTS, AES-256-XTS */
	uint8_t mkey[32];	/* HMAC key of encrypt-then-MAC */
	__u32 ses[2];
	bool open[2];
};

static unsigned int keylen(size_t len)
{
	return len & 1 ? 64 : 32;
}

static long zc_threshold(long set)
{
	FILE *f = fopen(ZC_PARAM, set < 0 ? "r" : "w");
	long v = -1;

	if (!f)
		return -1;
	if (set < 0) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
	} else {
		fprintf(f, "%ld\n", set);
		v = set;
	}
	fclose(f);
	return v;
}

static int bsd_xts_session(struct xts_ctx *x, int k)
{
	struct bsd_session2_op s = {
		.cipher = BSD_AES_XTS, .keylen = k ? 64 : 32, .key = x->key[k],
		.crid = OCF_CRID_ANY,
	};

	if (x->path == X_BSD_ETA) {
		s.mac = BSD_SHA2_256_HMAC;
		s.mackey = x->mkey;
		s.mackeylen = sizeof(x->mkey);
	}
	if (ioctl(devfd, BSD_CIOCGSESSION2, &s))
		return -errno;
	x->ses[k] = s.ses;
	return 0;
}

static int open_sessions(struct xts_ctx *x)
{
	int k, ret;

	for (k = 0; k < 2; k++) {
		if (x->path >= X_BSD)
			ret = bsd_xts_session(x, k);
		else
			ret = cdev_session(devfd, CRYPTO_AES_XTS, x->key[k], k ? 64 : 32,
					   0, NULL, 0, &x->ses[k]);
		if (ret)
			return ret;
		x->open[k] = true;
	}
	return 0;
}

static void close_sessions(struct xts_ctx *x)
{
	int k;

	for (k = 0; k < 2; k++)
		if (x->open[k])
			cdev_fsession(devfd, x->ses[k]);
}

static int reap(unsigned int n, struct ocf_result *r)
{
	struct ocf_reap rp = { .count = n, .min = n, .results = (uintptr_t)r };
	unsigned int i;

	if (ioctl(devfd, OCF_IOC_REAP, &rp))
		return -errno;
	if (rp.reaped != n)
		return -EIO;
	for (i = 0; i < n; i++)
		if (r[i].status)
			return r[i].status;
	return 0;
}

/* One operation of @len bytes on a cryptodev-linux path; -errno on error. */
static int linux_op(struct xts_ctx *x, __u16 op, const uint8_t *in, uint8_t *out,
		    size_t len, uint8_t *iv)
{
	struct crypt_op cop = {
		.ses = x->ses[keylen(len) == 64], .op = op, .len = len,
		.src = CDEV_PTR(in), .dst = out, .iv = iv,
	};
	struct ocf_result r;

	switch (x->path) {
	case X_COPY:
		cop.flags = COP_FLAG_NO_ZC;
		/* fall through */
	case X_ZC:
		return cdev_ioctl(devfd, CIOCCRYPT, &cop);
	case X_ASYNC:
		if (ioctl(devfd, CIOCASYNCCRYPT, &cop))
			return -errno;
		return reap(1, &r);
	default:
		return -EINVAL;
	}
}

/*
 * The FreeBSD calls: the IV is the 64-bit block number, little endian;
 * OpenSSL's is the same 8 bytes followed by 8 zeros.  Odd lengths put it in
 * front of the data (CIOCCRYPT with iv NULL).  Encrypt-then-MAC tags the
 * 13 bytes of AAD and the ciphertext.
 */
static int bsd_op(struct xts_ctx *x, __u16 op, const uint8_t *in, uint8_t *out,
		  size_t len, const uint8_t *iv, uint8_t *tag)
{
	__u32 ses = x->ses[keylen(len) == 64];
	uint8_t *buf;
	int ret;

	if (x->path == X_BSD_ETA) {
		struct bsd_crypt_aead a = {
			.ses = ses, .op = op, .len = len, .aadlen = ETA_AADLEN,
			.ivlen = 8, .src = in, .dst = out, .aad = ETA_AAD, .tag = tag,
			.iv = iv,
		};

		return cdev_ioctl(devfd, BSD_CIOCCRYPTAEAD, &a);
	}
	if (!(len & 1)) {
		struct crypt_op c = {
			.ses = ses, .op = op, .len = len, .src = CDEV_PTR(in),
			.dst = out, .iv = CDEV_PTR(iv),
		};

		return cdev_ioctl(devfd, BSD_CIOCCRYPT, &c);
	}
	buf = xmalloc(2 * (8 + len));
	memcpy(buf, iv, 8);
	memcpy(buf + 8, in, len);
	memset(buf + 8 + len, CANARY, 8);
	{
		struct crypt_op c = {
			.ses = ses, .op = op, .len = 8 + len, .src = buf,
			.dst = buf + 8 + len,
		};

		ret = cdev_ioctl(devfd, BSD_CIOCCRYPT, &c);
	}
	if (!ret && !untouched("the IV's place in dst", buf + 8 + len, 8))
		ret = -EIO;
	memcpy(out, buf + 16 + len, len);
	free(buf);
	return ret;
}

static bool xts_reference(size_t len, const uint8_t *key, const uint8_t *iv,
			  const uint8_t *pt, uint8_t *ct)
{
	return ossl_cipher(keylen(len) == 64 ? "AES-256-XTS" : "AES-128-XTS", true,
			   key, iv, pt, len, ct);
}

/* One length on a synchronous path: encrypt, compare, decrypt back. */
static bool xts_one(struct xts_ctx *x, size_t len, uint8_t *pt, uint8_t *ct,
		    uint8_t *out)
{
	const uint8_t *key = x->key[keylen(len) == 64];
	uint8_t iv[16], ivc[16], tag[32], want_tag[32];
	uint8_t *mac_in = NULL;
	unsigned int tl = 0;
	int ret;

	rnd_fill(pt, len);
	rnd_fill(iv, sizeof(iv));
	if (x->path >= X_BSD)
		memset(iv + 8, 0, 8);
	if (!xts_reference(len, key, iv, pt, ct))
		return false;
	if (x->path == X_BSD_ETA) {
		mac_in = xmalloc(ETA_AADLEN + len);
		memcpy(mac_in, ETA_AAD, ETA_AADLEN);
		memcpy(mac_in + ETA_AADLEN, ct, len);
		if (!ossl_hmac("SHA256", x->mkey, sizeof(x->mkey), mac_in, ETA_AADLEN + len,
			       want_tag, &tl)) {
			free(mac_in);
			return false;
		}
		free(mac_in);
	}

	memset(out, CANARY, len);
	memcpy(ivc, iv, sizeof(iv));
	ret = x->path >= X_BSD ? bsd_op(x, BSD_COP_ENCRYPT, pt, out, len, ivc, tag) :
				 linux_op(x, COP_ENCRYPT, pt, out, len, ivc);
	if (ret)
		return fail("encrypt %zu bytes: %s", len, strerror(-ret));
	if (!same("ciphertext", out, ct, len))
		return fail("encrypt %zu bytes", len);
	if (x->path == X_BSD_ETA && !same("tag", tag, want_tag, tl))
		return fail("encrypt %zu bytes", len);

	memcpy(ivc, iv, sizeof(iv));
	ret = x->path >= X_BSD ? bsd_op(x, BSD_COP_DECRYPT, ct, out, len, ivc, want_tag) :
				 linux_op(x, COP_DECRYPT, ct, out, len, ivc);
	if (ret)
		return fail("decrypt %zu bytes: %s", len, strerror(-ret));
	if (!same("plaintext", out, pt, len))
		return fail("decrypt %zu bytes", len);
	return true;
}

/*
 * OCF_IOC_SUBMIT: BATCH lengths per call, encrypting, then the same lengths
 * decrypting the results back.
 */
static bool xts_batch(struct xts_ctx *x, size_t first, uint8_t **pt, uint8_t **ct,
		      uint8_t **out)
{
	struct ocf_crypt_desc d[BATCH];
	struct ocf_result r[BATCH];
	struct ocf_submit sb = { .descs = (uintptr_t)d };
	uint8_t iv[BATCH][16], ivc[BATCH][16];
	unsigned int i, n = 0;
	int pass, ret;

	for (i = 0; i < BATCH && first + i <= XTS_MAX; i++) {
		size_t len = first + i;

		rnd_fill(pt[i], len);
		rnd_fill(iv[i], 16);
		if (!xts_reference(len, x->key[keylen(len) == 64], iv[i], pt[i], ct[i]))
			return false;
		n++;
	}
	for (pass = 0; pass < 2; pass++) {
		memset(d, 0, sizeof(d));
		for (i = 0; i < n; i++) {
			size_t len = first + i;

			memset(out[i], CANARY, len);
			memcpy(ivc[i], iv[i], 16);
			d[i].ses = x->ses[keylen(len) == 64];
			d[i].op = pass ? COP_DECRYPT : COP_ENCRYPT;
			d[i].len = len;
			d[i].src = (uintptr_t)(pass ? ct[i] : pt[i]);
			d[i].dst = (uintptr_t)out[i];
			d[i].iv = (uintptr_t)ivc[i];
			d[i].user_data = i;
		}
		sb.count = n;
		sb.submitted = 0;
		if (ioctl(devfd, OCF_IOC_SUBMIT, &sb))
			return fail("OCF_IOC_SUBMIT of %u from %zu bytes: %s", n, first,
				    strerror(errno));
		if (sb.submitted != n)
			return fail("OCF_IOC_SUBMIT queued %u of %u", sb.submitted, n);
		ret = reap(n, r);
		if (ret)
			return fail("%s from %zu bytes: %s", pass ? "decrypt" : "encrypt",
				    first, strerror(-ret));
		for (i = 0; i < n; i++)
			if (!same(pass ? "plaintext" : "ciphertext", out[i],
				  pass ? pt[i] : ct[i], first + i))
				return fail("%s %zu bytes", pass ? "decrypt" : "encrypt",
					    first + i);
	}
	return true;
}

static void xts_path(enum xts_path p)
{
	struct xts_ctx x = { .path = p };
	uint8_t *pt[BATCH], *ct[BATCH], *out[BATCH];
	long saved = -1;
	size_t len;
	bool ok = true;
	int i, ret;

	for (i = 0; i < 2; i++) {
		/* OpenSSL refuses XTS keys whose halves are equal. */
		do
			rnd_fill(x.key[i], 64);
		while (!memcmp(x.key[i], x.key[i] + (i ? 32 : 16), i ? 32 : 16));
	}
	rnd_fill(x.mkey, sizeof(x.mkey));
	ret = open_sessions(&x);
	if (ret == -ENOENT) {
		close_sessions(&x);
		tap_skip("xts(aes) not in this kernel", "AES-XTS 16..4096 bytes: %s",
			    xts_path_name[p]);
		return;
	}
	if (p == X_ZC) {
		saved = zc_threshold(-1);
		if (saved < 0 || zc_threshold(1) != 1) {
			close_sessions(&x);
			tap_skip("no " ZC_PARAM, "AES-XTS 16..4096 bytes: %s",
				    xts_path_name[p]);
			return;
		}
	}
	for (i = 0; i < BATCH; i++) {
		pt[i] = xmalloc(XTS_MAX);
		ct[i] = xmalloc(XTS_MAX);
		out[i] = xmalloc(XTS_MAX);
	}
	fail_reset();
	if (ret) {
		ok = fail("session: %s", strerror(-ret));
	} else if (p == X_BATCH) {
		for (len = XTS_MIN; ok && len <= XTS_MAX; len += BATCH)
			ok = xts_batch(&x, len, pt, ct, out);
	} else {
		for (len = XTS_MIN; ok && len <= XTS_MAX; len++)
			ok = xts_one(&x, len, pt[0], ct[0], out[0]);
	}
	if (!ok)
		tap_diag("%s", fail_reason());
	if (saved >= 0)
		zc_threshold(saved);
	tap_ok(ok, "AES-XTS every length 16..4096 bytes equals OpenSSL: %s",
	       xts_path_name[p]);
	for (i = 0; i < BATCH; i++) {
		free(pt[i]);
		free(ct[i]);
		free(out[i]);
	}
	close_sessions(&x);
}

static bool ossl_cts(bool enc, const uint8_t *key, const uint8_t *in, size_t len,
		     uint8_t *out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, "AES-128-CBC-CTS", NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	OSSL_PARAM prm[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_CIPHER_PARAM_CTS_MODE, "CS3", 0),
		OSSL_PARAM_construct_end(),
	};
	static const uint8_t iv[16];
	int n = 0;
	bool ok;

	ok = c && ctx && EVP_CipherInit_ex2(ctx, c, key, iv, enc, prm) &&
	     EVP_CipherUpdate(ctx, out, &n, in, len) && (size_t)n == len;
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok ? true : fail("OpenSSL AES-128-CBC-CTS (CS3) failed");
}

/* RFC 3962 appendix B: AES-128, key "chicken teriyaki", IV 0. */
static const char rfc3962_pt[] =
	"I would like the General Gau's Chicken, please, and wonton soup.";
static const struct {
	size_t len;
	const char *ct;
} rfc3962[] = {
	{ 17, "c6353568f2bf8cb4d8a580362da7ff7f97" },
	{ 31, "fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5" },
	{ 47, "97687268d6ecccc0c07b25e25ecfe584b3fffd940c16a18c1b5549d2f838029e"
	      "39312523a78662d5be7fcbcc98ebf5" },
};

static int cts_session(const uint8_t *key, __u32 *ses)
{
	struct ocf_session_op op = {
		.cipher = OCF_ALG_BY_NAME, .key = (uintptr_t)key, .keylen = 16,
	};
	int ret;

	strcpy(op.cipher_name, "cts(cbc(aes))");
	ret = cdev_ioctl(devfd, OCF_IOC_GSESSION, &op);
	*ses = op.ses;
	return ret;
}

static bool cts_one(__u32 ses, const uint8_t *key, size_t len, const uint8_t *pt,
		    const uint8_t *want, uint8_t *out)
{
	uint8_t iv[16];
	int ret;

	memset(out, CANARY, len);
	memset(iv, 0, sizeof(iv));
	ret = cdev_crypt(devfd, ses, COP_ENCRYPT, COP_FLAG_NO_ZC, pt, out, len, iv, NULL);
	if (ret)
		return fail("encrypt %zu bytes: %s", len, strerror(-ret));
	if (!same("ciphertext", out, want, len))
		return fail("encrypt %zu bytes", len);
	memset(iv, 0, sizeof(iv));
	ret = cdev_crypt(devfd, ses, COP_DECRYPT, 0, want, out, len, iv, NULL);
	if (ret)
		return fail("decrypt %zu bytes: %s", len, strerror(-ret));
	return same("plaintext", out, pt, len) ? true : fail("decrypt %zu bytes", len);
}

static void xcheck_cts(void)
{
	uint8_t key[16], *pt = xmalloc(XTS_MAX), *ct = xmalloc(XTS_MAX);
	uint8_t *out = xmalloc(XTS_MAX), want[64];
	unsigned int i, j, b;
	bool ok = true;
	size_t len;
	__u32 ses;
	int ret;

	memcpy(key, "chicken teriyaki", 16);
	ret = cts_session(key, &ses);
	if (ret == -ENOENT) {
		tap_skip("cts(cbc(aes)) not in this kernel", "cts(cbc(aes))");
		goto out;
	}
	fail_reset();
	for (i = 0; !ret && ok && i < ARRAY_SIZE(rfc3962); i++) {
		for (j = 0; j < rfc3962[i].len; j++) {
			sscanf(rfc3962[i].ct + 2 * j, "%2x", &b);
			want[j] = b;
		}
		ok = cts_one(ses, key, rfc3962[i].len, (const uint8_t *)rfc3962_pt,
			     want, out);
	}
	if (!ret && ok) {
		memset(want, 0, 16);
		if (cdev_crypt(devfd, ses, COP_ENCRYPT, 0, pt, out, 15, want, NULL) != -EINVAL)
			ok = fail("15 bytes: not EINVAL");
	}
	if (ret)
		ok = fail("OCF_IOC_GSESSION cts(cbc(aes)): %s", strerror(-ret));
	if (!ok)
		tap_diag("%s", fail_reason());
	tap_ok(ok, "cts(cbc(aes)) by name: RFC 3962 (17, 31, 47 bytes), EINVAL below 16");
	if (!ret)
		cdev_fsession(devfd, ses);
	if (!ok || ret || !ossl_has_cipher("AES-128-CBC-CTS")) {
		tap_skip(ok && !ret ? "OpenSSL lacks AES-128-CBC-CTS" : "failed above",
			    "cts(cbc(aes)) every length 16..4096 bytes equals OpenSSL (CS3)");
		goto out;
	}

	rnd_fill(key, sizeof(key));
	ret = cts_session(key, &ses);
	fail_reset();
	for (len = XTS_MIN; !ret && ok && len <= XTS_MAX; len++) {
		rnd_fill(pt, len);
		ok = ossl_cts(true, key, pt, len, ct) && cts_one(ses, key, len, pt, ct, out);
	}
	if (ret)
		ok = fail("OCF_IOC_GSESSION cts(cbc(aes)): %s", strerror(-ret));
	else
		cdev_fsession(devfd, ses);
	if (!ok)
		tap_diag("%s", fail_reason());
	tap_ok(ok, "cts(cbc(aes)) every length 16..4096 bytes equals OpenSSL (CS3)");
out:
	free(pt);
	free(ct);
	free(out);
}

void xcheck_xts_lengths(void)
{
	enum xts_path p;

	if (!ossl_has_cipher("AES-128-XTS") || !ossl_has_cipher("AES-256-XTS")) {
		tap_skip("OpenSSL lacks it", "AES-XTS 16..4096 bytes");
		return;
	}
	for (p = 0; p < X_MAX; p++)
		xts_path(p);
	xcheck_cts();
}
