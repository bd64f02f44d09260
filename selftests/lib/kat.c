// SPDX-License-Identifier: GPL-2.0
/*
 * kat.c - the known-answer engine (kat.h): sessions by id, the byte-string
 * notation, and one vector of each kind run and compared.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kat.h"

/* Names of the kernel algorithms behind the ids, for skip messages. */
static const struct {
	__u32 alg;
	const char *name;
} alg_names[] = {
	{ CRYPTO_DES_CBC, "cbc(des)" },
	{ CRYPTO_3DES_CBC, "cbc(des3_ede)" },
	{ CRYPTO_BLF_CBC, "cbc(blowfish)" },
	{ CRYPTO_CAST_CBC, "cbc(cast5)" },
	{ CRYPTO_MD5_HMAC, "hmac(md5)" },
	{ CRYPTO_SHA1_HMAC, "hmac(sha1)" },
	{ CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)" },
	{ CRYPTO_AES_CBC, "cbc(aes)" },
	{ CRYPTO_ARC4, "ecb(arc4)" },
	{ CRYPTO_MD5, "md5" },
	{ CRYPTO_SHA1, "sha1" },
	{ CRYPTO_NULL, "ecb(cipher_null)" },
	{ CRYPTO_SHA2_256_HMAC, "hmac(sha256)" },
	{ CRYPTO_SHA2_384_HMAC, "hmac(sha384)" },
	{ CRYPTO_SHA2_512_HMAC, "hmac(sha512)" },
	{ CRYPTO_AES_CTR, "ctr(aes)" },
	{ CRYPTO_AES_XTS, "xts(aes)" },
	{ CRYPTO_AES_ECB, "ecb(aes)" },
	{ CRYPTO_AES_CFB, "cfb(aes)" },
	{ CRYPTO_AES_OFB, "ofb(aes)" },
	{ CRYPTO_AES_GCM, "gcm(aes)" },
	{ CRYPTO_AES_CCM, "ccm(aes)" },
	{ CRYPTO_CAMELLIA_CBC, "cbc(camellia)" },
	{ CRYPTO_RIPEMD160, "rmd160" },
	{ CRYPTO_SHA2_224, "sha224" },
	{ CRYPTO_SHA2_256, "sha256" },
	{ CRYPTO_SHA2_384, "sha384" },
	{ CRYPTO_SHA2_512, "sha512" },
	{ CRYPTO_SHA2_224_HMAC, "hmac(sha224)" },
	{ CRYPTO_TLS11_AES_CBC_HMAC_SHA1, "cbc(aes)+hmac(sha1)" },
	{ CRYPTO_TLS12_AES_CBC_HMAC_SHA256, "cbc(aes)+hmac(sha256)" },
	{ CRYPTO_CHACHA20, "chacha20" },
	{ CRYPTO_CHACHA20_POLY1305, "rfc7539(chacha20,poly1305)" },
	{ CRYPTO_SHA3_224, "sha3-224" },
	{ CRYPTO_SHA3_256, "sha3-256" },
	{ CRYPTO_SHA3_384, "sha3-384" },
	{ CRYPTO_SHA3_512, "sha3-512" },
	{ CRYPTO_SHA3_224_HMAC, "hmac(sha3-224)" },
	{ CRYPTO_SHA3_256_HMAC, "hmac(sha3-256)" },
	{ CRYPTO_SHA3_384_HMAC, "hmac(sha3-384)" },
	{ CRYPTO_SHA3_512_HMAC, "hmac(sha3-512)" },
	{ CRYPTO_BLAKE2B_256, "blake2b-256" },
	{ CRYPTO_BLAKE2B_512, "blake2b-512" },
	{ CRYPTO_SM3, "sm3" },
	{ CRYPTO_SM3_HMAC, "hmac(sm3)" },
	{ CRYPTO_SM4_CBC, "cbc(sm4)" },
	{ CRYPTO_SM4_ECB, "ecb(sm4)" },
	{ CRYPTO_SM4_CTR, "ctr(sm4)" },
	{ CRYPTO_SM4_GCM, "gcm(sm4)" },
	{ CRYPTO_SM4_CCM, "ccm(sm4)" },
	{ CRYPTO_AES_CMAC, "cmac(aes)" },
	{ CRYPTO_AES_XCBC_MAC, "xcbc(aes)" },
	{ CRYPTO_CAMELLIA_ECB, "ecb(camellia)" },
	{ CRYPTO_CAMELLIA_CTR, "ctr(camellia)" },
};


/* Kernel algorithms found missing, for the summary. */
int kat_fd = -1;

static const char *missing[ARRAY_SIZE(alg_names)];
static unsigned int nr_missing;

static const char *alg_name(__u32 alg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(alg_names); i++)
		if (alg_names[i].alg == alg)
			return alg_names[i].name;
	return "?";
}

static void note_missing(__u32 alg)
{
	const char *name = alg_name(alg);
	unsigned int i;

	for (i = 0; i < nr_missing; i++)
		if (missing[i] == name)
			return;
	if (nr_missing < ARRAY_SIZE(missing))
		missing[nr_missing++] = name;
}

/*
 * Parse @spec into @out.  @spec is whitespace-separated tokens: hex digits,
 * optionally followed by "*N" to repeat those bytes N times; or "'" and
 * text, which runs to the end of @spec and may itself end in "*N".
 * Returns the length, or -1 for a malformed spec or one longer than @max.
 */
static int parse_bytes(const char *spec, uint8_t *out, size_t max)
{
	size_t len = 0;

	if (!spec)
		return 0;
	while (*spec) {
		const char *tok, *end, *star;
		size_t n, i, rep = 1;
		uint8_t *start = out + len;

		while (isspace((unsigned char)*spec))
			spec++;
		if (!*spec)
			break;
		if (*spec == '\'') {
			tok = spec + 1;
			end = tok + strlen(tok);
			star = strrchr(tok, '*');
			if (star && star[1] && strspn(star + 1, "0123456789") == strlen(star + 1)) {
				rep = strtoul(star + 1, NULL, 10);
				end = star;
			}
			n = end - tok;
			if (len + n * rep > max)
				return -1;
			memcpy(start, tok, n);
			spec = tok + strlen(tok);
		} else {
			tok = spec;
			end = tok + strcspn(tok, " \t\n*");
			if ((end - tok) % 2)
				return -1;
			n = (end - tok) / 2;
			if (len + n > max)
				return -1;
			for (i = 0; i < n; i++) {
				unsigned int b;

				if (sscanf(tok + 2 * i, "%2x", &b) != 1)
					return -1;
				start[i] = b;
			}
			spec = end;
			if (*spec == '*') {
				char *next;

				rep = strtoul(spec + 1, &next, 10);
				spec = next;
			}
			if (len + n * rep > max)
				return -1;
		}
		for (i = 1; i < rep; i++)
			memcpy(start + i * n, start, n);
		len += n * rep;
	}
	return len;
}

struct bytes {
	uint8_t b[MAX_BYTES];
	int len;
};

static bool parse(struct bytes *b, const char *spec, const char *name)
{
	b->len = parse_bytes(spec, b->b, sizeof(b->b));
	if (b->len < 0)
		tap_diag("%s: bad byte string \"%s\"", name, spec);
	return b->len >= 0;
}

static void show_mismatch(const char *what, const uint8_t *got,
			  const uint8_t *want, size_t len)
{
	char *hex = malloc(2 * len + 1);

	if (!hex)
		return;
	tap_diag("  %s want %s", what, cdev_hex(hex, want, len));
	tap_diag("  %s got  %s", what, cdev_hex(hex, got, len));
	free(hex);
}

static bool same(const char *what, const uint8_t *got, const uint8_t *want,
		 size_t len)
{
	if (!memcmp(got, want, len))
		return true;
	show_mismatch(what, got, want, len);
	return false;
}

/*
 * Create a session; on ENOENT report the vector as skipped.  Returns 1 with
 * a session, 0 when the vector was reported (skipped or failed).
 */
static int open_session(const char *name, __u32 cipher, const struct bytes *key,
			__u32 mac, const struct bytes *mackey, __u32 *ses)
{
	__u32 alg = cipher ? cipher : mac;
	char reason[128];
	int ret;

	ret = cdev_session(kat_fd, cipher, key ? key->b : NULL, key ? key->len : 0,
			   mac, mackey ? mackey->b : NULL, mackey ? mackey->len : 0,
			   ses);
	if (!ret)
		return 1;
	if (ret == -ENOENT) {
		note_missing(alg);
		snprintf(reason, sizeof(reason), "%s: not in this kernel",
			 alg_name(alg));
		tap_skip(reason, "%s", name);
		return 0;
	}
	tap_diag("%s: CIOCGSESSION: %s", name, strerror(-ret));
	tap_fail("%s", name);
	return 0;
}

static bool run_cipher(const struct cipher_kat *v, __u32 ses,
		       const struct bytes *key, const struct bytes *iv,
		       const struct bytes *pt, const struct bytes *ct)
{
	uint8_t buf[MAX_BYTES], ivbuf[MAX_IV];
	unsigned int step = pt->len, off;
	__u32 dses = ses;
	bool ok;
	int ret;

	/* Block by block through a CBC id with a zero IV: that is ECB. */
	if (v->flags & KAT_BLOCKWISE)
		step = v->alg == CRYPTO_CAMELLIA_CBC ? CAMELLIA_BLOCK_LEN : DES_BLOCK_LEN;
	if (v->flags & KAT_STREAM)
		step = pt->len / 2;

	memset(buf, 0xa5, sizeof(buf));
	for (off = 0; off < (unsigned int)pt->len; off += step) {
		memset(ivbuf, 0, sizeof(ivbuf));
		memcpy(ivbuf, iv->b, iv->len);
		ret = cdev_crypt(kat_fd, ses, COP_ENCRYPT, 0, pt->b + off, buf + off,
				 step, iv->len || (v->flags & KAT_BLOCKWISE) ? ivbuf : NULL,
				 NULL);
		if (ret) {
			tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
			return false;
		}
	}
	if (!same("ciphertext", buf, ct->b, ct->len))
		return false;

	/* A keystream is used once: decrypt from its start on a new session. */
	if (v->flags & KAT_STREAM) {
		ret = cdev_session(kat_fd, v->alg, key->b, key->len, 0, NULL, 0,
				   &dses);
		if (ret) {
			tap_diag("%s: second session: %s", v->name, strerror(-ret));
			return false;
		}
		step = ct->len;
	}

	/* Decrypt in place. */
	ok = true;
	for (off = 0; ok && off < (unsigned int)ct->len; off += step) {
		memset(ivbuf, 0, sizeof(ivbuf));
		memcpy(ivbuf, iv->b, iv->len);
		ret = cdev_crypt(kat_fd, dses, COP_DECRYPT, 0, buf + off, buf + off,
				 step, iv->len || (v->flags & KAT_BLOCKWISE) ? ivbuf : NULL,
				 NULL);
		if (ret) {
			tap_diag("%s: decrypt: %s", v->name, strerror(-ret));
			ok = false;
		}
	}
	if (dses != ses && cdev_fsession(kat_fd, dses))
		ok = false;
	return ok && same("plaintext", buf, pt->b, pt->len);
}

void kat_cipher(const struct cipher_kat *v)
{
	struct bytes key, iv, pt, ct;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&pt, v->pt, v->name) || !parse(&ct, v->ct, v->name) ||
	    pt.len != ct.len || iv.len > MAX_IV) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_cipher(v, ses, &key, &iv, &pt, &ct);
	if (cdev_fsession(kat_fd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

void kat_hash(const struct hash_kat *v)
{
	uint8_t md[AALG_MAX_RESULT_LEN + 8];
	struct bytes key, msg, want;
	__u32 ses;
	bool ok;
	int ret;

	if (!parse(&key, v->key, v->name) || !parse(&msg, v->msg, v->name) ||
	    !parse(&want, v->md, v->name) || want.len > AALG_MAX_RESULT_LEN) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, 0, NULL, v->alg, v->key ? &key : NULL, &ses))
		return;
	memset(md, 0xa5, sizeof(md));
	ret = cdev_hash(kat_fd, ses, 0, msg.b, msg.len, md);
	if (ret)
		tap_diag("%s: CIOCCRYPT: %s", v->name, strerror(-ret));
	ok = !ret && same("digest", md, want.b, want.len);
	/* Nothing beyond the digest size may be written. */
	if (ok && md[want.len] != 0xa5) {
		tap_diag("%s: wrote past the %d-byte digest", v->name, want.len);
		ok = false;
	}
	if (cdev_fsession(kat_fd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

/* AEAD: encrypt, decrypt, and a flipped tag bit must give EBADMSG. */
static bool run_aead(const struct aead_kat *v, __u32 ses, struct bytes *iv,
		     const struct bytes *aad, const struct bytes *pt,
		     const struct bytes *ct)
{
	struct crypt_auth_op caop;
	uint8_t buf[MAX_BYTES], dec[MAX_BYTES];
	int ret;

	memset(buf, 0xa5, sizeof(buf));
	cdev_caop(&caop, ses, COP_ENCRYPT, 0, aad->b, aad->len, pt->b, buf,
		  pt->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret) {
		tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)ct->len || caop.tag_len != v->tag_len) {
		tap_diag("%s: encrypt wrote back len %u tag_len %u, want %d and %u",
			 v->name, caop.len, caop.tag_len, ct->len, v->tag_len);
		return false;
	}
	if (!same("ciphertext||tag", buf, ct->b, ct->len))
		return false;

	memset(dec, 0xa5, sizeof(dec));
	cdev_caop(&caop, ses, COP_DECRYPT, 0, aad->b, aad->len, ct->b, dec,
		  ct->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret) {
		tap_diag("%s: decrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)pt->len) {
		tap_diag("%s: decrypt wrote back len %u, want %d", v->name,
			 caop.len, pt->len);
		return false;
	}
	if (!same("plaintext", dec, pt->b, pt->len))
		return false;

	buf[ct->len - 1] ^= 0x01;
	cdev_caop(&caop, ses, COP_DECRYPT, 0, aad->b, aad->len, buf, buf,
		  ct->len, iv->b, iv->len, NULL, v->tag_len);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret != -EBADMSG) {
		tap_diag("%s: decrypt with a bad tag: %s, want EBADMSG", v->name,
			 ret ? strerror(-ret) : "success");
		return false;
	}
	return true;
}

void kat_aead(const struct aead_kat *v)
{
	struct bytes key, iv, aad, pt, ct;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&aad, v->aad, v->name) || !parse(&pt, v->pt, v->name) ||
	    !parse(&ct, v->ct, v->name) || ct.len != pt.len + (int)v->tag_len) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_aead(v, ses, &iv, &aad, &pt, &ct);
	if (cdev_fsession(kat_fd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

/* TLS composite: encrypt to the record, decrypt back, reject a flipped bit. */
static bool run_tls(const struct aead_kat *v, __u32 ses, struct bytes *iv,
		    const struct bytes *aad, const struct bytes *pt,
		    const struct bytes *rec)
{
	struct crypt_auth_op caop;
	uint8_t buf[MAX_BYTES], dec[MAX_BYTES];
	int ret;

	memset(buf, 0xa5, sizeof(buf));
	cdev_caop(&caop, ses, COP_ENCRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  pt->b, buf, pt->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret) {
		tap_diag("%s: encrypt: %s", v->name, strerror(-ret));
		return false;
	}
	if (caop.len != (__u32)rec->len) {
		tap_diag("%s: encrypt wrote back len %u, want %d", v->name,
			 caop.len, rec->len);
		return false;
	}
	if (!same("record", buf, rec->b, rec->len))
		return false;

	memset(dec, 0xa5, sizeof(dec));
	cdev_caop(&caop, ses, COP_DECRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  rec->b, dec, rec->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret || caop.len != (__u32)pt->len) {
		tap_diag("%s: decrypt: %s, len %u (want %d)", v->name,
			 strerror(-ret), caop.len, pt->len);
		return false;
	}
	if (!same("plaintext", dec, pt->b, pt->len))
		return false;

	buf[0] ^= 0x80;
	cdev_caop(&caop, ses, COP_DECRYPT, COP_FLAG_AEAD_TLS_TYPE, aad->b, aad->len,
		  buf, dec, rec->len, iv->b, iv->len, NULL, 0);
	ret = cdev_authcrypt(kat_fd, &caop);
	if (ret != -EBADMSG) {
		tap_diag("%s: tampered record: %s, want EBADMSG", v->name,
			 ret ? strerror(-ret) : "success");
		return false;
	}
	return true;
}

void kat_tls(const struct aead_kat *v)
{
	struct bytes key, iv, aad, pt, rec;
	__u32 ses;
	bool ok;

	if (!parse(&key, v->key, v->name) || !parse(&iv, v->iv, v->name) ||
	    !parse(&aad, v->aad, v->name) || !parse(&pt, v->pt, v->name) ||
	    !parse(&rec, v->ct, v->name)) {
		tap_fail("%s (bad vector)", v->name);
		return;
	}
	if (!open_session(v->name, v->alg, &key, 0, NULL, &ses))
		return;
	ok = run_tls(v, ses, &iv, &aad, &pt, &rec);
	if (cdev_fsession(kat_fd, ses))
		ok = false;
	tap_ok(ok, "%s", v->name);
}

void kat_open(void)
{
	kat_fd = cdev_open();
	if (kat_fd < 0)
		tap_skip_all("cannot open " CDEV_PATH ": %s", strerror(errno));
	tap_diag("%zu-bit program", sizeof(void *) * 8);
}

void kat_summary(void)
{
	char list[1024] = "";
	unsigned int i;

	if (!nr_missing)
		return;
	for (i = 0; i < nr_missing; i++) {
		strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
		strncat(list, missing[i], sizeof(list) - strlen(list) - 1);
	}
	tap_diag("not in this kernel: %s", list);
}
