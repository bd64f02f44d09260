// SPDX-License-Identifier: GPL-2.0
/*
 * badinput.c - the bad-input engine (badinput.h): the scenarios, the
 * memory regions and pointer tokens, and running one case.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_alg.h>

#include <crypto/cryptodev.h>

#include "badinput.h"
#include "cdev.h"
#include "procdrv.h"
#include "vectors.h"

/*
 * Drivers named by the cases, read from /proc/crypto at the start: the
 * software sha1 driver and a ctr(aes) driver (names vary between kernels).
 */
static char sha1_drv[128];
char ctr_aes_drv[128];

#define PARAM_DIR	"/sys/module/ocf/parameters/"

/* Addresses no program can access. */
#define LOW_ADDR	0x1000UL		/* below mmap_min_addr */
#define KERNEL_ADDR64	0xffffffff81000000ULL	/* x86-64 kernel text */
#define KERNEL_ADDR32	0xfffff000UL		/* above a 32-bit task */
#if __SIZEOF_POINTER__ == 8
#define HIGH_BIT	(1ULL << 63)		/* non-canonical */
#else
#define HIGH_BIT	(1ULL << 32)		/* must not be truncated */
#endif

struct env {
	int fd;
	long page;
	unsigned char *region[R_NR];
	unsigned char *ptr[R_NR];	/* region + this case's shift */
	unsigned char *none;
	unsigned char *rdonly;
	unsigned char *edge;		/* read-write page, then PROT_NONE */
	unsigned char *snap;		/* regions before the call */
	unsigned char *rdonly_snap;
	unsigned char *edge_snap;
	unsigned int max_request;
	__u32 ses[16];
	__u32 fsession;		/* the session SC_FSESSION made */
	__u32 missing;		/* cipher id the kernel lacks, 0: none */
};

static size_t region_size(const struct env *e)
{
	return REGION_PAGES * e->page;
}

static size_t rdonly_size(const struct env *e)
{
	return RDONLY_PAGES * e->page;
}

/* Fill @len bytes with the ECB plaintext block, repeated. */
static void fill_ecb_pt(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = kat_ecb_pt[i % 16];
}

static bool mem_init(struct env *e)
{
	size_t rsize = region_size(e);
	size_t len = R_NR * rsize + (1 + RDONLY_PAGES + 2) * e->page;
	unsigned char *p;
	int r;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return false;
	for (r = 0; r < R_NR; r++)
		e->region[r] = p + r * rsize;
	p += R_NR * rsize;
	e->none = p;
	e->rdonly = p + e->page;
	e->edge = e->rdonly + rdonly_size(e);
	fill_ecb_pt(e->rdonly, rdonly_size(e));
	e->snap = malloc(R_NR * rsize);
	e->rdonly_snap = malloc(rdonly_size(e));
	e->edge_snap = malloc(e->page);
	return e->snap && e->rdonly_snap && e->edge_snap &&
	       !mprotect(e->none, e->page, PROT_NONE) &&
	       !mprotect(e->rdonly, rdonly_size(e), PROT_READ) &&
	       !mprotect(e->edge + e->page, e->page, PROT_NONE);
}

/* The value of a pointer token for a field of @size bytes. */
static uint64_t resolve(const struct env *e, unsigned int tok, size_t size)
{
	switch (tok) {
	case P_NULL:
		return 0;
	case P_LOW:
		return LOW_ADDR;
	case P_NONE:
		return (uintptr_t)e->none;
	case P_RDONLY:
		return (uintptr_t)e->rdonly;
	case P_KERNEL:
		return size == 8 ? KERNEL_ADDR64 : KERNEL_ADDR32;
	case P_EDGE:
		return (uintptr_t)(e->edge + e->page - 4);
	case P_EDGEPAGE:
		return (uintptr_t)e->edge;
	}
	if (tok >= P_REGION)
		return (uintptr_t)e->ptr[tok - P_REGION];
	return (uintptr_t)e->ptr[tok - P_HIGH] | HIGH_BIT;
}

static void put_field(void *arg, size_t off, size_t size, uint64_t v)
{
	/* Little-endian: the low @size bytes of @v. */
	memcpy((unsigned char *)arg + off, &v, size);
}

/* ------------------------------------------------------------------ */
/* Sessions shared by the cases (enum ses)                             */
/* ------------------------------------------------------------------ */

/* A key in the kernel's authenc layout: rtattr, be32 enckeylen, keys. */
static const unsigned char tls_key[8 + 32 + 16] = {
	0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x10,
	[8 ... 39] = 0x42,
	[40 ... 55] = 0x24,
};

static bool sessions_init(struct env *e)
{
	static const struct {
		__u32 cipher;
		const unsigned char *key;
		__u32 keylen;
		__u32 mac;
		const unsigned char *mackey;
		__u32 mackeylen;
	} def[] = {
		[S_CBC] = { CRYPTO_AES_CBC, kat_cbc_key, 16 },
		[S_ECB] = { CRYPTO_AES_ECB, kat_cbc_key, 16 },
		[S_SHA1] = { .mac = CRYPTO_SHA1 },
		[S_SHA1_B] = { .mac = CRYPTO_SHA1 },
		[S_SHA256] = { .mac = CRYPTO_SHA2_256 },
		[S_HMAC] = { .mac = CRYPTO_SHA1_HMAC, .mackey = kat_hmac_key,
			     .mackeylen = 4 },
		[S_CBC_HMAC] = { CRYPTO_AES_CBC, kat_cbc_key, 16,
				 CRYPTO_SHA1_HMAC, kat_hmac_key, 4 },
		[S_CTR_HMAC] = { CRYPTO_AES_CTR, kat_cbc_key, 16,
				 CRYPTO_SHA1_HMAC, kat_hmac_key, 4 },
		[S_GCM] = { CRYPTO_AES_GCM, kat_gcm_key, 16 },
		[S_TLS] = { CRYPTO_TLS12_AES_CBC_HMAC_SHA256, tls_key,
			    sizeof(tls_key) },
		[S_FREED] = { CRYPTO_AES_CBC, kat_cbc_key, 16 },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(def); i++) {
		ret = cdev_session(e->fd, def[i].cipher, def[i].key,
				   def[i].keylen, def[i].mac, def[i].mackey,
				   def[i].mackeylen, &e->ses[i]);
		if (ret) {
			tap_diag("session %u: %s", i, strerror(-ret));
			return false;
		}
	}
	if (ioctl(e->fd, CIOCFSESSION, &e->ses[S_FREED]))
		return false;
	e->ses[S_UNKNOWN] = 0x7ffffff0;
	e->ses[S_ZERO] = 0;
	return true;
}

/* ------------------------------------------------------------------ */
/* Scenarios: a valid request, its check, and what it writes           */
/* ------------------------------------------------------------------ */


union earg {
	__u32 u32;
	struct session_op sop;
	struct crypt_op cop;
	struct crypt_auth_op caop;
	struct session_info_op sinfo;
	struct cphash_op cphash;
	struct crypt_kop kop;
	struct ocf_session_op osop;
	struct ocf_features feat;
	struct ocf_find_op find;
	struct ocf_alg_list list;
	unsigned char raw[512];
};

struct scen {
	const char *name;
	unsigned long cmd;
	unsigned int outputs;	/* regions a failed call must leave alone */
	bool (*build)(struct env *e, union earg *a);
	bool (*verify)(struct env *e, union earg *a);
	void (*cleanup)(struct env *e, union earg *a, int ret);
};

static bool eq(const void *have, const void *want, size_t len, const char *what)
{
	if (!memcmp(have, want, len))
		return true;
	tap_diag("%s differs from the known answer", what);
	return false;
}

/* Encrypt the CBC vector with session @ses; true if the answer is right. */
static bool cbc_works(struct env *e, __u32 ses)
{
	unsigned char out[32], iv[16];
	struct crypt_op cop = {
		.ses = ses, .op = COP_ENCRYPT, .len = 32,
		.src = (__u8 *)kat_cbc_pt, .dst = out, .iv = iv,
	};

	memcpy(iv, kat_cbc_iv, 16);
	if (ioctl(e->fd, CIOCCRYPT, &cop)) {
		tap_diag("CIOCCRYPT with the new session: %s", strerror(errno));
		return false;
	}
	return eq(out, kat_cbc_ct, 32, "ciphertext");
}

static bool b_none(struct env *e, union earg *a)
{
	return true;
}

/* CIOCGSESSION */
static bool b_gsession(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_KEY], kat_cbc_key, 16);
	a->sop.cipher = CRYPTO_AES_CBC;
	a->sop.keylen = 16;
	a->sop.key = e->ptr[R_KEY];
	return true;
}

static bool v_gsession(struct env *e, union earg *a)
{
	return a->sop.ses && cbc_works(e, a->sop.ses);
}

static void c_gsession(struct env *e, union earg *a, int ret)
{
	if (!ret)
		cdev_fsession(e->fd, a->sop.ses);
}

/* CIOCGSESSION of an HMAC-SHA1 session */
static bool b_gsession_hmac(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_MACKEY], kat_hmac_key, 4);
	a->sop.mac = CRYPTO_SHA1_HMAC;
	a->sop.mackeylen = 4;
	a->sop.mackey = e->ptr[R_MACKEY];
	return true;
}

static bool hmac_works(struct env *e, __u32 ses)
{
	unsigned char mac[20];
	struct crypt_op cop = {
		.ses = ses, .op = COP_ENCRYPT, .len = sizeof(kat_hmac_data),
		.src = (__u8 *)kat_hmac_data, .mac = mac,
	};

	if (ioctl(e->fd, CIOCCRYPT, &cop)) {
		tap_diag("CIOCCRYPT with the new session: %s", strerror(errno));
		return false;
	}
	return eq(mac, kat_hmac_sha1, 20, "HMAC");
}

static bool v_gsession_hmac(struct env *e, union earg *a)
{
	return a->sop.ses && hmac_works(e, a->sop.ses);
}

/* CIOCFSESSION of a session made for the case */
static bool b_fsession(struct env *e, union earg *a)
{
	if (cdev_session(e->fd, CRYPTO_AES_CBC, kat_cbc_key, 16, 0, NULL, 0,
			 &e->fsession))
		return false;
	a->u32 = e->fsession;
	return true;
}

static void c_fsession(struct env *e, union earg *a, int ret)
{
	cdev_fsession(e->fd, e->fsession);	/* if the case did not */
}

static bool v_fsession(struct env *e, union earg *a)
{
	unsigned char buf[16];
	struct crypt_op cop = {
		.ses = a->u32, .op = COP_ENCRYPT, .len = 16,
		.src = buf, .dst = buf,
	};

	memset(buf, 0, sizeof(buf));
	if (ioctl(e->fd, CIOCCRYPT, &cop) == -1 && errno == EINVAL)
		return true;
	tap_diag("the freed session still works");
	return false;
}

static bool b_sessinfo(struct env *e, union earg *a)
{
	a->sinfo.ses = e->ses[S_CBC];
	return true;
}

static bool v_sessinfo(struct env *e, union earg *a)
{
	return !strcmp(a->sinfo.cipher_info.cra_name, "cbc(aes)") &&
	       a->sinfo.cipher_info.cra_driver_name[0] &&
	       !a->sinfo.hash_info.cra_name[0];
}

/* CIOCCRYPT: AES-128-CBC, two blocks */
static bool b_crypt(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_SRC], kat_cbc_pt, 32);
	memcpy(e->ptr[R_IV], kat_cbc_iv, 16);
	a->cop.ses = e->ses[S_CBC];
	a->cop.op = COP_ENCRYPT;
	a->cop.len = 32;
	a->cop.src = e->ptr[R_SRC];
	a->cop.dst = e->ptr[R_DST];
	a->cop.iv = e->ptr[R_IV];
	return true;
}

static bool v_crypt(struct env *e, union earg *a)
{
	if (!eq(e->ptr[R_DST], kat_cbc_ct, 32, "ciphertext"))
		return false;
	if (a->cop.flags & COP_FLAG_WRITE_IV)
		return eq(e->ptr[R_IV], kat_cbc_ct + 16, 16, "IV written back");
	return eq(e->ptr[R_IV], kat_cbc_iv, 16, "IV (not to be written)");
}

static bool b_crypt_dec(struct env *e, union earg *a)
{
	b_crypt(e, a);
	memcpy(e->ptr[R_SRC], kat_cbc_ct, 32);
	a->cop.op = COP_DECRYPT;
	return true;
}

static bool v_crypt_dec(struct env *e, union earg *a)
{
	return eq(e->ptr[R_DST], kat_cbc_pt, 32, "plaintext");
}

/* CIOCCRYPT: SHA-1 of "abc" */
static bool b_hash(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_SRC], kat_abc, 3);
	a->cop.ses = e->ses[S_SHA1];
	a->cop.op = COP_ENCRYPT;
	a->cop.len = 3;
	a->cop.src = e->ptr[R_SRC];
	a->cop.mac = e->ptr[R_MAC];
	return true;
}

static bool v_hash(struct env *e, union earg *a)
{
	return eq(e->ptr[R_MAC], a->cop.len ? kat_sha1_abc : kat_sha1_empty,
		  20, "digest");
}

/* CIOCCRYPT: HMAC-SHA1 */
static bool b_hmac(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_SRC], kat_hmac_data, sizeof(kat_hmac_data));
	a->cop.ses = e->ses[S_HMAC];
	a->cop.op = COP_ENCRYPT;
	a->cop.len = sizeof(kat_hmac_data);
	a->cop.src = e->ptr[R_SRC];
	a->cop.mac = e->ptr[R_MAC];
	return true;
}

static bool v_hmac(struct env *e, union earg *a)
{
	return eq(e->ptr[R_MAC], kat_hmac_sha1, 20, "HMAC");
}

/* CIOCCRYPT: AES-128-CBC + HMAC-SHA1 (the MAC of the plaintext) */
static bool b_crypt_mac(struct env *e, union earg *a)
{
	b_crypt(e, a);
	a->cop.ses = e->ses[S_CBC_HMAC];
	a->cop.mac = e->ptr[R_MAC];
	return true;
}

static bool v_crypt_mac(struct env *e, union earg *a)
{
	unsigned char mac[20];
	struct crypt_op cop = {
		.ses = e->ses[S_HMAC], .op = COP_ENCRYPT, .len = 32,
		.src = (__u8 *)kat_cbc_pt, .mac = mac,
	};

	if (!eq(e->ptr[R_DST], kat_cbc_ct, 32, "ciphertext"))
		return false;
	if (ioctl(e->fd, CIOCCRYPT, &cop))
		return false;
	return eq(e->ptr[R_MAC], mac, 20, "MAC");
}

/* CIOCAUTHCRYPT: AES-128-GCM test case 4 */
static bool b_aead_enc(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_SRC], kat_gcm_pt, 60);
	memcpy(e->ptr[R_AAD], kat_gcm_aad, 20);
	memcpy(e->ptr[R_IV], kat_gcm_iv, 12);
	a->caop.ses = e->ses[S_GCM];
	a->caop.op = COP_ENCRYPT;
	a->caop.len = 60;
	a->caop.auth_len = 20;
	a->caop.auth_src = e->ptr[R_AAD];
	a->caop.src = e->ptr[R_SRC];
	a->caop.dst = e->ptr[R_DST];
	a->caop.iv = e->ptr[R_IV];
	a->caop.iv_len = 12;
	return true;
}

static bool v_aead_enc(struct env *e, union earg *a)
{
	unsigned int tl = a->caop.tag_len;

	if (a->caop.len != 60 + tl || a->caop.tag != e->ptr[R_DST] + 60 ||
	    !tl || tl > 16) {
		tap_diag("len %u tag_len %u", a->caop.len, tl);
		return false;
	}
	return eq(e->ptr[R_DST], kat_gcm_ct, 60, "ciphertext") &&
	       eq(e->ptr[R_DST] + 60, kat_gcm_ct + 60, tl, "tag");
}

static bool b_aead_dec(struct env *e, union earg *a)
{
	b_aead_enc(e, a);
	memcpy(e->ptr[R_SRC], kat_gcm_ct, 76);
	a->caop.op = COP_DECRYPT;
	a->caop.len = 76;
	return true;
}

static bool v_aead_dec(struct env *e, union earg *a)
{
	if (a->caop.len != 60) {
		tap_diag("len %u", a->caop.len);
		return false;
	}
	return eq(e->ptr[R_DST], kat_gcm_pt, 60, "plaintext");
}

/* CIOCAUTHCRYPT, TLS mode: a 13-byte record header, 32 bytes of data */
#define TLS_HDR 13

static bool b_tls_enc(struct env *e, union earg *a)
{
	memset(e->ptr[R_AAD], 0x17, TLS_HDR);
	memcpy(e->ptr[R_SRC], kat_cbc_pt, 32);
	memcpy(e->ptr[R_IV], kat_cbc_iv, 16);
	a->caop.ses = e->ses[S_CBC_HMAC];
	a->caop.op = COP_ENCRYPT;
	a->caop.flags = COP_FLAG_AEAD_TLS_TYPE;
	a->caop.len = 32;
	a->caop.auth_len = TLS_HDR;
	a->caop.auth_src = e->ptr[R_AAD];
	a->caop.src = e->ptr[R_SRC];
	a->caop.dst = e->ptr[R_DST];
	a->caop.iv = e->ptr[R_IV];
	return true;
}

/* Decrypt the record at @rec (@len bytes) with @tmpl's session and header. */
static int tls_open(struct env *e, const struct crypt_auth_op *tmpl,
		    const unsigned char *rec, unsigned int len,
		    unsigned char *out, unsigned int *outlen)
{
	unsigned char iv[16], in[128];
	struct crypt_auth_op op = *tmpl;

	memcpy(iv, kat_cbc_iv, 16);
	memcpy(in, rec, len);
	op.op = COP_DECRYPT;
	op.len = len;
	op.src = in;
	op.dst = out;
	op.iv = iv;
	op.tag_len = 0;
	if (ioctl(e->fd, CIOCAUTHCRYPT, &op))
		return -errno;
	*outlen = op.len;
	return 0;
}

static bool v_tls_enc(struct env *e, union earg *a)
{
	unsigned char out[128];
	unsigned int len = 0;
	int ret;

	if (a->caop.len % 16 || a->caop.len <= 32 + a->caop.tag_len ||
	    a->caop.len > sizeof(out)) {
		tap_diag("record length %u", a->caop.len);
		return false;
	}
	ret = tls_open(e, &a->caop, e->ptr[R_DST], a->caop.len, out, &len);
	if (ret) {
		tap_diag("decrypting the record: %s", strerror(-ret));
		return false;
	}
	return len == 32 && eq(out, kat_cbc_pt, 32, "TLS round trip");
}

static bool b_tls_dec(struct env *e, union earg *a)
{
	union earg enc = { 0 };

	/* Seal a record into the source region, then open it. */
	b_tls_enc(e, &enc);
	enc.caop.dst = e->ptr[R_SRC];
	if (ioctl(e->fd, CIOCAUTHCRYPT, &enc)) {
		tap_diag("sealing the record: %s", strerror(errno));
		return false;
	}
	*a = enc;
	memcpy(e->ptr[R_IV], kat_cbc_iv, 16);
	a->caop.op = COP_DECRYPT;
	a->caop.dst = e->ptr[R_DST];
	a->caop.tag_len = 0;
	return true;
}

static bool v_tls_dec(struct env *e, union earg *a)
{
	if (a->caop.len != 32) {
		tap_diag("len %u", a->caop.len);
		return false;
	}
	return eq(e->ptr[R_DST], kat_cbc_pt, 32, "plaintext");
}

/*
 * CIOCAUTHCRYPT, SRTP mode: AES-CTR + HMAC-SHA1; a 12-byte header and
 * 32 bytes of payload in the AAD region, encrypted in place; 10-byte tag.
 */
#define SRTP_HDR 12

static bool b_srtp(struct env *e, union earg *a)
{
	memset(e->ptr[R_AAD], 0x80, SRTP_HDR);
	memcpy(e->ptr[R_AAD] + SRTP_HDR, kat_cbc_pt, 32);
	memcpy(e->ptr[R_IV], kat_cbc_iv, 16);
	a->caop.ses = e->ses[S_CTR_HMAC];
	a->caop.op = COP_ENCRYPT;
	a->caop.flags = COP_FLAG_AEAD_SRTP_TYPE;
	a->caop.len = 32;
	a->caop.auth_len = SRTP_HDR + 32;
	a->caop.auth_src = e->ptr[R_AAD];
	a->caop.src = e->ptr[R_AAD] + SRTP_HDR;
	a->caop.dst = e->ptr[R_AAD] + SRTP_HDR;
	a->caop.tag = e->ptr[R_TAG];
	a->caop.tag_len = 10;
	a->caop.iv = e->ptr[R_IV];
	return true;
}

static bool v_srtp(struct env *e, union earg *a)
{
	unsigned char pkt[SRTP_HDR + 32], tag[10], iv[16];
	struct crypt_auth_op op = a->caop;

	if (a->caop.tag_len != 10) {
		tap_diag("tag_len %u", a->caop.tag_len);
		return false;
	}
	if (!memcmp(e->ptr[R_AAD] + SRTP_HDR, kat_cbc_pt, 32)) {
		tap_diag("payload not encrypted");
		return false;
	}
	memcpy(pkt, e->ptr[R_AAD], sizeof(pkt));
	memcpy(tag, e->ptr[R_TAG], sizeof(tag));
	memcpy(iv, kat_cbc_iv, 16);
	op.op = COP_DECRYPT;
	op.auth_src = pkt;
	op.src = pkt + SRTP_HDR;
	op.dst = pkt + SRTP_HDR;
	op.tag = tag;
	op.iv = iv;
	if (ioctl(e->fd, CIOCAUTHCRYPT, &op)) {
		tap_diag("SRTP decrypt: %s", strerror(errno));
		return false;
	}
	return eq(pkt + SRTP_HDR, kat_cbc_pt, 32, "SRTP round trip");
}

static bool b_srtp_dec(struct env *e, union earg *a)
{
	union earg enc = { 0 };

	b_srtp(e, &enc);
	if (ioctl(e->fd, CIOCAUTHCRYPT, &enc)) {
		tap_diag("protecting the packet: %s", strerror(errno));
		return false;
	}
	*a = enc;
	memcpy(e->ptr[R_IV], kat_cbc_iv, 16);
	a->caop.op = COP_DECRYPT;
	return true;
}

static bool v_srtp_dec(struct env *e, union earg *a)
{
	return eq(e->ptr[R_AAD] + SRTP_HDR, kat_cbc_pt, 32, "payload");
}

/* Zero-copy: AES-128-ECB over ZC_LEN bytes of the F.1.1 block, repeated */
static bool b_ecb_zc(struct env *e, union earg *a)
{
	fill_ecb_pt(e->ptr[R_SRC], ZC_LEN);
	a->cop.ses = e->ses[S_ECB];
	a->cop.op = COP_ENCRYPT;
	a->cop.len = ZC_LEN;
	a->cop.src = e->ptr[R_SRC];
	a->cop.dst = e->ptr[R_DST];
	return true;
}

static bool v_ecb_zc(struct env *e, union earg *a)
{
	unsigned int i;

	for (i = 0; i < ZC_LEN; i += 16)
		if (memcmp(e->ptr[R_DST] + i, kat_ecb_ct, 16)) {
			tap_diag("ciphertext block at %u differs", i);
			return false;
		}
	return true;
}

/* Zero-copy: SHA-1 of the same 8 KiB */
static bool b_hash_zc(struct env *e, union earg *a)
{
	fill_ecb_pt(e->ptr[R_SRC], ZC_LEN);
	a->cop.ses = e->ses[S_SHA1];
	a->cop.op = COP_ENCRYPT;
	a->cop.len = ZC_LEN;
	a->cop.src = e->ptr[R_SRC];
	a->cop.mac = e->ptr[R_MAC];
	return true;
}

static bool v_hash_zc(struct env *e, union earg *a)
{
	return eq(e->ptr[R_MAC], kat_sha1_ecb_pt_8k, 20, "digest");
}

/*
 * Zero-copy GCM over the same 8 KiB, checked against the same operation
 * done with COP_FLAG_NO_ZC (the copy path the known answers above check).
 */
static unsigned char gcm_ref[ZC_LEN + 16];

static bool b_gcm_zc(struct env *e, union earg *a)
{
	b_aead_enc(e, a);
	fill_ecb_pt(e->ptr[R_SRC], ZC_LEN);
	a->caop.len = ZC_LEN;
	return true;
}

static bool gcm_nozc(struct env *e, const struct crypt_auth_op *tmpl,
		     const void *src, unsigned int len, unsigned char *out,
		     unsigned int *outlen)
{
	struct crypt_auth_op op = *tmpl;
	unsigned char iv[12], aad[20];

	memcpy(iv, kat_gcm_iv, 12);
	memcpy(aad, kat_gcm_aad, 20);
	op.flags |= COP_FLAG_NO_ZC;
	op.len = len;
	op.src = (__u8 *)src;
	op.dst = out;
	op.iv = iv;
	op.auth_src = aad;
	if (ioctl(e->fd, CIOCAUTHCRYPT, &op)) {
		tap_diag("the same operation without zero-copy: %s",
			 strerror(errno));
		return false;
	}
	*outlen = op.len;
	return true;
}

static bool v_gcm_zc(struct env *e, union earg *a)
{
	static unsigned char pt[ZC_LEN];
	struct crypt_auth_op tmpl = a->caop;
	unsigned int len;

	fill_ecb_pt(pt, ZC_LEN);
	tmpl.op = COP_ENCRYPT;
	if (!gcm_nozc(e, &tmpl, pt, ZC_LEN, gcm_ref, &len))
		return false;
	if (a->caop.len != len || a->caop.tag != e->ptr[R_DST] + ZC_LEN) {
		tap_diag("len %u tag_len %u", a->caop.len, a->caop.tag_len);
		return false;
	}
	return eq(e->ptr[R_DST], gcm_ref, len, "zero-copy ciphertext");
}

static bool b_gcm_zc_dec(struct env *e, union earg *a)
{
	static unsigned char pt[ZC_LEN];
	unsigned int len;

	b_gcm_zc(e, a);
	fill_ecb_pt(pt, ZC_LEN);
	if (!gcm_nozc(e, &a->caop, pt, ZC_LEN, e->ptr[R_SRC], &len))
		return false;
	a->caop.op = COP_DECRYPT;
	a->caop.len = len;
	return true;
}

static bool v_gcm_zc_dec(struct env *e, union earg *a)
{
	static unsigned char pt[ZC_LEN];

	fill_ecb_pt(pt, ZC_LEN);
	if (a->caop.len != ZC_LEN) {
		tap_diag("len %u", a->caop.len);
		return false;
	}
	return eq(e->ptr[R_DST], pt, ZC_LEN, "zero-copy plaintext");
}

static bool b_cphash(struct env *e, union earg *a)
{
	a->cphash.dst_ses = e->ses[S_SHA1_B];
	a->cphash.src_ses = e->ses[S_SHA1];
	return true;
}

/* OCF_IOC_GSESSION: "cbc(aes)" by name */
static bool b_ocf_gsession(struct env *e, union earg *a)
{
	memcpy(e->ptr[R_KEY], kat_cbc_key, 16);
	a->osop.cipher = OCF_ALG_BY_NAME;
	strcpy(a->osop.cipher_name, "cbc(aes)");
	a->osop.keylen = 16;
	a->osop.key = (uintptr_t)e->ptr[R_KEY];
	return true;
}

static bool v_ocf_gsession(struct env *e, union earg *a)
{
	if (strcmp(a->osop.cipher_name, "cbc(aes)") || !a->osop.crid ||
	    !a->osop.cipher_driver[0]) {
		tap_diag("name \"%s\" driver \"%s\" crid %#x",
			 a->osop.cipher_name, a->osop.cipher_driver,
			 a->osop.crid);
		return false;
	}
	return a->osop.ses && cbc_works(e, a->osop.ses);
}

static void c_ocf_gsession(struct env *e, union earg *a, int ret)
{
	if (!ret)
		cdev_fsession(e->fd, a->osop.ses);
}

static bool b_finddev(struct env *e, union earg *a)
{
	a->find.crid = -1;
	strcpy(a->find.name, sha1_drv);
	return true;
}

static bool v_finddev(struct env *e, union earg *a)
{
	return a->find.crid > 0;
}

static bool b_list(struct env *e, union earg *a)
{
	a->list.capacity = 1;
	a->list.entries = (uintptr_t)e->ptr[R_DST];
	strcpy(a->list.filter, sha1_drv);
	return true;
}

static bool v_list(struct env *e, union earg *a)
{
	const struct ocf_alg_entry *ent = (const void *)e->ptr[R_DST];

	if (!a->list.capacity)
		return a->list.count == 1;
	return a->list.count == 1 && !strcmp(ent->driver, sha1_drv);
}

static bool v_features(struct env *e, union earg *a)
{
	return a->feat.api_version == OCF_API_VERSION;
}

static bool v_asymfeat(struct env *e, union earg *a)
{
	return a->u32 == 0;
}


static const struct scen scens[] = {
	[SC_RAW] = { "raw", 0, 0, b_none },
	[SC_KEY] = { "CIOCKEY", CIOCKEY, 0, b_none },
	[SC_ASYMFEAT] = { "CIOCASYMFEAT", CIOCASYMFEAT, 0, b_none, v_asymfeat },
	[SC_GSESSION] = { "CIOCGSESSION", CIOCGSESSION, 0, b_gsession,
			  v_gsession, c_gsession },
	[SC_GSESSION_HMAC] = { "CIOCGSESSION", CIOCGSESSION, 0,
			       b_gsession_hmac, v_gsession_hmac, c_gsession },
	[SC_FSESSION] = { "CIOCFSESSION", CIOCFSESSION, 0, b_fsession,
			  v_fsession, c_fsession },
	[SC_SESSINFO] = { "CIOCGSESSINFO", CIOCGSESSINFO, 0, b_sessinfo,
			  v_sessinfo },
	[SC_CRYPT] = { "CIOCCRYPT cbc", CIOCCRYPT, RB(R_DST) | RB(R_IV),
		       b_crypt, v_crypt },
	[SC_CRYPT_DEC] = { "CIOCCRYPT cbc", CIOCCRYPT, RB(R_DST) | RB(R_IV),
			   b_crypt_dec, v_crypt_dec },
	[SC_HASH] = { "CIOCCRYPT sha1", CIOCCRYPT, RB(R_DST) | RB(R_MAC),
		      b_hash, v_hash },
	[SC_HMAC] = { "CIOCCRYPT hmac", CIOCCRYPT, RB(R_MAC), b_hmac, v_hmac },
	[SC_CRYPT_MAC] = { "CIOCCRYPT cbc+hmac", CIOCCRYPT,
			   RB(R_DST) | RB(R_MAC) | RB(R_IV), b_crypt_mac,
			   v_crypt_mac },
	[SC_AEAD_ENC] = { "CIOCAUTHCRYPT gcm", CIOCAUTHCRYPT,
			  RB(R_DST) | RB(R_TAG) | RB(R_IV), b_aead_enc,
			  v_aead_enc },
	[SC_AEAD_DEC] = { "CIOCAUTHCRYPT gcm", CIOCAUTHCRYPT,
			  RB(R_DST) | RB(R_TAG) | RB(R_IV), b_aead_dec,
			  v_aead_dec },
	[SC_TLS_ENC] = { "CIOCAUTHCRYPT tls", CIOCAUTHCRYPT,
			 RB(R_DST) | RB(R_TAG) | RB(R_IV), b_tls_enc,
			 v_tls_enc },
	[SC_TLS_DEC] = { "CIOCAUTHCRYPT tls", CIOCAUTHCRYPT,
			 RB(R_DST) | RB(R_TAG) | RB(R_IV), b_tls_dec,
			 v_tls_dec },
	[SC_SRTP] = { "CIOCAUTHCRYPT srtp", CIOCAUTHCRYPT,
		      RB(R_AAD) | RB(R_TAG) | RB(R_IV) | RB(R_DST), b_srtp,
		      v_srtp },
	[SC_SRTP_DEC] = { "CIOCAUTHCRYPT srtp", CIOCAUTHCRYPT,
			  RB(R_AAD) | RB(R_TAG) | RB(R_IV) | RB(R_DST),
			  b_srtp_dec, v_srtp_dec },
	[SC_CPHASH] = { "CIOCCPHASH", CIOCCPHASH, 0, b_cphash },
	[SC_OCF_GSESSION] = { "OCF_IOC_GSESSION", OCF_IOC_GSESSION, 0,
			      b_ocf_gsession, v_ocf_gsession, c_ocf_gsession },
	[SC_FINDDEV] = { "OCF_IOC_FINDDEV", OCF_IOC_FINDDEV, 0, b_finddev,
			 v_finddev },
	[SC_LIST] = { "OCF_IOC_LIST_ALGS", OCF_IOC_LIST_ALGS, RB(R_DST),
		      b_list, v_list },
	[SC_FEATURES] = { "OCF_IOC_GET_FEATURES", OCF_IOC_GET_FEATURES, 0,
			  b_none, v_features },
	[SC_ECB_ZC] = { "CIOCCRYPT ecb 8k", CIOCCRYPT, RB(R_DST) | RB(R_SRC),
			b_ecb_zc, v_ecb_zc },
	[SC_HASH_ZC] = { "CIOCCRYPT sha1 8k", CIOCCRYPT, RB(R_MAC) | RB(R_SRC),
			 b_hash_zc, v_hash_zc },
	[SC_GCM_ZC] = { "CIOCAUTHCRYPT gcm 8k", CIOCAUTHCRYPT,
			RB(R_DST) | RB(R_SRC) | RB(R_IV), b_gcm_zc, v_gcm_zc },
	[SC_GCM_ZC_DEC] = { "CIOCAUTHCRYPT gcm 8k", CIOCAUTHCRYPT,
			    RB(R_DST) | RB(R_SRC) | RB(R_IV), b_gcm_zc_dec,
			    v_gcm_zc_dec },
};

static const char *const known_issues[] = {
	[1] = "contract says dst untouched; zero-copy decryption clears it",
};


/* ------------------------------------------------------------------ */
/* A cipher the kernel lacks                                           */
/* ------------------------------------------------------------------ */

/*
 * Does the kernel lack this algorithm?  1 yes, 0 no, -1 cannot tell.
 * Registered is present; else AF_ALG is asked, which instantiates
 * templates and loads modules, except where it is cut off from them
 * (7.2 and later refuse "allocating" algorithms): so the candidates
 * below begin with algorithms that kernels dropped outright.
 */
static int kernel_lacks(const char *type, const char *name)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int fd, ret;

	if (procdrv_has(name))
		return 0;

	fd = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	strncpy((char *)sa.salg_type, type, sizeof(sa.salg_type) - 1);
	strncpy((char *)sa.salg_name, name, sizeof(sa.salg_name) - 1);
	ret = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (ret && errno == ENOENT)
		ret = 1;
	else
		ret = ret ? -1 : 0;
	close(fd);
	return ret;
}

/* An algorithm id the module knows whose cipher this kernel does not have. */
static __u32 missing_cipher(void)
{
	static const struct {
		__u32 id;
		const char *name;
	} cand[] = {
		{ CRYPTO_AES_OFB, "ofb(aes)" },
		{ CRYPTO_AES_CFB, "cfb(aes)" },
		{ CRYPTO_SM4_CBC, "cbc(sm4)" },
		{ CRYPTO_ARC4, "ecb(arc4)" },
		{ CRYPTO_CAST_CBC, "cbc(cast5)" },
	};
	unsigned int i;

	/* AF_ALG must see a cipher that surely exists, or it cannot tell. */
	if (kernel_lacks("skcipher", "cbc(aes)") != 0)
		return 0;
	for (i = 0; i < ARRAY_SIZE(cand); i++)
		if (kernel_lacks("skcipher", cand[i].name) == 1)
			return cand[i].id;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Running a case                                                      */
/* ------------------------------------------------------------------ */

static void prepare_regions(struct env *e, const struct ecase *c)
{
	int shift[R_NR] = { 0 }, delta[R_NR] = { 0 };
	int alias[R_NR];
	const struct mut *m;
	int r;

	for (r = 0; r < R_NR; r++)
		alias[r] = r;
	for (m = c->m; m < c->m + ARRAY_SIZE(c->m) && m->kind; m++) {
		if (m->kind == M_SHIFT)
			shift[m->aux] = m->val == SHIFT_CROSS ?
					e->page - 5 : m->val;
		else if (m->kind == M_ALIAS) {
			alias[m->aux] = m->val;
			delta[m->aux] = m->delta;
		}
	}
	for (r = 0; r < R_NR; r++) {
		memset(e->region[r], FILL_BYTE, region_size(e));
		e->ptr[r] = e->region[r] + shift[r];
	}
	memset(e->edge, FILL_BYTE, e->page);
	for (r = 0; r < R_NR; r++)
		e->ptr[r] = e->ptr[alias[r]] + delta[r];
}

/* Apply the field mutations to the built argument. */
static void mutate(struct env *e, const struct ecase *c, union earg *a,
		   unsigned long *cmd, uint64_t *argtok, bool *has_argtok)
{
	const struct mut *m;

	for (m = c->m; m < c->m + ARRAY_SIZE(c->m) && m->kind; m++) {
		switch (m->kind) {
		case M_SET:
			put_field(a, m->off, m->size, m->val);
			break;
		case M_SETMAX:
			put_field(a, m->off, m->size, e->max_request + m->val);
			break;
		case M_PTR:
			put_field(a, m->off, m->size,
				  resolve(e, m->val, m->size));
			break;
		case M_SES:
			put_field(a, m->off, m->size, e->ses[m->val]);
			break;
		case M_STR:
			if (m->str)
				strncpy((char *)a + m->off, m->str, m->size);
			else
				memset((char *)a + m->off, 'a', m->size);
			break;
		case M_ARG:
			*argtok = m->val;
			*has_argtok = true;
			break;
		case M_FLIP:
			e->ptr[m->aux][m->val] ^= 0x01;
			break;
		case M_CMD:
			*cmd = m->val;
			break;
		}
	}
	if (c->flags & C_MISSING)
		a->sop.cipher = e->missing;
}

/* Where the argument goes for an ARG() token; NULL: a bare pointer. */
static void *place_arg(struct env *e, unsigned int tok, const union earg *a,
		       size_t size)
{
	void *p;

	switch (tok) {
	case P_RDONLY:
		p = e->rdonly + rdonly_size(e) - e->page;
		if (mprotect(p, e->page, PROT_READ | PROT_WRITE))
			return NULL;
		memcpy(p, a, size);
		mprotect(p, e->page, PROT_READ);
		return p;
	case P_EDGE:
		p = e->edge + e->page - size / 2;
		memcpy(p, a, size / 2);
		return p;
	}
	return (void *)(uintptr_t)resolve(e, tok, sizeof(void *));
}

static bool untouched(struct env *e, unsigned int outputs)
{
	size_t rsize = region_size(e);
	bool ok = true;
	int r;

	for (r = 0; r < R_NR; r++) {
		if (!(outputs & RB(r)))
			continue;
		if (memcmp(e->region[r], e->snap + r * rsize, rsize)) {
			tap_diag("region %d was written", r);
			ok = false;
		}
	}
	return ok;
}

static void run_case(struct env *e, const struct ecase *c)
{
	const struct scen *s = &scens[c->sc];
	unsigned long cmd = s->cmd;
	size_t rsize = region_size(e);
	union earg a, before;
	uint64_t argtok = 0;
	bool has_argtok = false, ok;
	void *argp = &a;
	int ret, err, want = c->err;
	int r;

	if ((c->flags & C_MISSING) && !e->missing) {
		tap_skip("no cipher known to be missing", "%s: %s",
			 s->name, c->name);
		return;
	}

	prepare_regions(e, c);
	memset(&a, 0, sizeof(a));
	if (!s->build(e, &a)) {
		tap_fail("%s: %s (building the request failed)", s->name,
			 c->name);
		return;
	}
	mutate(e, c, &a, &cmd, &argtok, &has_argtok);
	if (has_argtok)
		argp = place_arg(e, argtok, &a, _IOC_SIZE(cmd));
	before = a;
	for (r = 0; r < R_NR; r++)
		memcpy(e->snap + r * rsize, e->region[r], rsize);
	memcpy(e->rdonly_snap, e->rdonly, rdonly_size(e));
	memcpy(e->edge_snap, e->edge, e->page);

	ret = ioctl(e->fd, cmd, argp);
	err = ret ? errno : 0;

	ok = want ? ret == -1 && err == want : ret == 0;
	if (!ok)
		tap_diag("returned %d, errno %d (%s); want %s", ret, err,
			 strerror(err), want ? strerror(want) : "success");
	if (ok && !want && s->verify && !(c->flags & C_NOVERIFY))
		ok = s->verify(e, &a);
	if (ok && want && !(c->flags & C_MAYWRITE)) {
		ok = untouched(e, s->outputs);
		if (argp == &a && memcmp(&a, &before, sizeof(a))) {
			tap_diag("the argument was written back");
			ok = false;
		}
		if (memcmp(e->edge, e->edge_snap, e->page)) {
			tap_diag("the page before the guard page was written");
			ok = false;
		}
	}
	if (memcmp(e->rdonly, e->rdonly_snap, rdonly_size(e))) {
		tap_diag("read-only memory changed");
		ok = false;
	}
	if (!ok && C_KNOWN_OF(c->flags))
		tap_skip(known_issues[C_KNOWN_OF(c->flags)],
			 "%s: %s -> %s (known module issue)", s->name, c->name,
			 want ? strerror(want) : "ok");
	else
		tap_ok(ok, "%s: %s -> %s", s->name, c->name,
		       want ? strerror(want) : "ok");
	if (s->cleanup)
		s->cleanup(e, &a, ret);
}

static long read_param(const char *name, long def)
{
	char path[128], buf[32];
	long v = def;
	FILE *f;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return def;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 0);
	fclose(f);
	return v;
}

void bad_run(const struct ecase *cases, size_t n)
{
	static struct env e;
	size_t i;

	if (!e.page) {
		e.page = sysconf(_SC_PAGESIZE);
		procdrv_lowest("sha1", "sha1-generic", sha1_drv,
			       sizeof(sha1_drv));
		procdrv_lowest("ctr(aes)", "ctr(aes-generic)", ctr_aes_drv,
			       sizeof(ctr_aes_drv));
		e.max_request = read_param("max_request", 4 << 20);
		e.fd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
		if (e.fd < 0)
			tap_bail_out("open %s: %s", CDEV_PATH, strerror(errno));
		if (!mem_init(&e))
			tap_bail_out("memory setup: %s", strerror(errno));
		if (!sessions_init(&e))
			tap_bail_out("creating the sessions the cases use");
		e.missing = missing_cipher();
	}
	tap_diag("%zu bad-input cases, %d-bit ABI", n,
		 (int)sizeof(void *) * 8);
	for (i = 0; i < n; i++)
		run_case(&e, &cases[i]);
}
