// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.3 key schedule (OCF_IOC_TLS13_SESSION): an AEAD session made from
 * a traffic secret.
 *
 * RFC 8446 section 7.3 derives the record protection key and IV of each
 * traffic secret with HKDF-Expand-Label (section 7.1) over the hash of the
 * cipher suite:
 *
 *	key = HKDF-Expand-Label(secret, "key", "", key_length)
 *	iv  = HKDF-Expand-Label(secret, "iv", "", 12)
 *
 * A TLS library hands over the secret (what its keylog callback sees) and
 * the key is derived here, so it never exists in user memory.  The IV is
 * kept in the session for the kTLS bridge (OCF_KTLS_F_SESSION_IV) and is
 * returned only on request: it is a per-record nonce mask, not a secret
 * that protects anything by itself.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <crypto/hash.h>
#include <crypto/cryptodev.h>

#include "chardev.h"
#include "session.h"
#include "tls13.h"

/* RFC 8446 section 7.1: every label is prefixed with this. */
#define TLS13_LABEL_PREFIX	"tls13 "
/* Longest label used here ("traffic upd"), without the prefix. */
#define TLS13_MAX_LABEL		12
/* Longest key of the suites below. */
#define TLS13_MAX_KEY		32

/* The ABI: one layout on every architecture. */
static_assert(sizeof(struct ocf_tls13_session) == 88);
static_assert(sizeof_field(struct ocf_session, tls_iv) == OCF_KTLS_IV_LEN);

/**
 * struct tls13_suite - a TLS 1.3 cipher suite
 * @id: IANA value (OCF_TLS_*)
 * @keylen: AEAD key length
 * @alg_id: the algorithm id the session reports
 * @aead: AEAD algorithm name
 * @hmac: HMAC of the suite's hash
 */
struct tls13_suite {
	u16 id;
	u8 keylen;
	u32 alg_id;
	const char *aead;
	const char *hmac;
};

static const struct tls13_suite tls13_suites[] = {
	{ OCF_TLS_AES_128_GCM_SHA256, 16, CRYPTO_AES_GCM, "gcm(aes)", "hmac(sha256)" },
	{ OCF_TLS_AES_256_GCM_SHA384, 32, CRYPTO_AES_GCM, "gcm(aes)", "hmac(sha384)" },
	{ OCF_TLS_CHACHA20_POLY1305_SHA256, 32, CRYPTO_CHACHA20_POLY1305,
	  "rfc7539(chacha20,poly1305)", "hmac(sha256)" },
	{ OCF_TLS_AES_128_CCM_SHA256, 16, CRYPTO_AES_CCM, "ccm(aes)", "hmac(sha256)" },
	{ OCF_TLS_SM4_GCM_SM3, 16, CRYPTO_SM4_GCM, "gcm(sm4)", "hmac(sm3)" },
	{ OCF_TLS_SM4_CCM_SM3, 16, CRYPTO_SM4_CCM, "ccm(sm4)", "hmac(sm3)" },
};

static const struct tls13_suite *find_suite(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tls13_suites); i++)
		if (tls13_suites[i].id == id)
			return &tls13_suites[i];
	return NULL;
}

/*
 * HKDF-Expand-Label(Secret, Label, "", Length), with @hmac keyed with the
 * secret.  It is HKDF-Expand (RFC 5869) of the serialised HkdfLabel:
 *
 *	uint16 length; opaque label<7..255> ("tls13 " + Label);
 *	opaque context<0..255> (empty here)
 *
 * and HKDF-Expand produces T(1) | T(2) | ... truncated to Length, where
 * T(i) = HMAC(Secret, T(i-1) | HkdfLabel | i) and T(0) is empty.
 */
static int hkdf_expand_label(struct crypto_shash *hmac, const char *label,
			     u8 *out, unsigned int len)
{
	const unsigned int plen = strlen(TLS13_LABEL_PREFIX);
	unsigned int dlen = crypto_shash_digestsize(hmac);
	unsigned int llen = strlen(label), ilen, done, n;
	u8 info[2 + 1 + sizeof(TLS13_LABEL_PREFIX) + TLS13_MAX_LABEL + 1];
	u8 t[HASH_MAX_DIGESTSIZE];
	int ret = 0;
	u8 i;

	SHASH_DESC_ON_STACK(desc, hmac);

	if (llen > TLS13_MAX_LABEL || len > 255 * dlen)
		return -EINVAL;
	info[0] = len >> 8;
	info[1] = len & 0xff;
	info[2] = plen + llen;
	memcpy(info + 3, TLS13_LABEL_PREFIX, plen);
	memcpy(info + 3 + plen, label, llen);
	info[3 + plen + llen] = 0;
	ilen = 3 + plen + llen + 1;

	desc->tfm = hmac;
	for (done = 0, i = 1; done < len; done += n, i++) {
		ret = crypto_shash_init(desc);
		if (!ret && done)
			ret = crypto_shash_update(desc, t, dlen);
		if (!ret)
			ret = crypto_shash_update(desc, info, ilen);
		if (!ret)
			ret = crypto_shash_finup(desc, &i, 1, t);
		if (ret)
			break;
		n = min(len - done, dlen);
		memcpy(out + done, t, n);
	}
	memzero_explicit(t, sizeof(t));
	shash_desc_zero(desc);
	return ret;
}

/* Derive key and IV from the secret with the suite's HMAC. */
static int derive(const struct tls13_suite *suite, const u8 *secret,
		  unsigned int secret_len, u8 *key, u8 *iv)
{
	struct crypto_shash *hmac;
	int ret;

	hmac = crypto_alloc_shash(suite->hmac, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	/* The traffic secret is as long as the hash (RFC 8446 7.1). */
	ret = -EINVAL;
	if (crypto_shash_digestsize(hmac) == secret_len)
		ret = crypto_shash_setkey(hmac, secret, secret_len);
	if (!ret)
		ret = hkdf_expand_label(hmac, "key", key, suite->keylen);
	if (!ret)
		ret = hkdf_expand_label(hmac, "iv", iv, OCF_KTLS_IV_LEN);
	/* Freeing a transform wipes its keyed state. */
	crypto_free_shash(hmac);
	return ret;
}

/**
 * ocf_tls13_next() - the next generation of a traffic secret, and its key
 *	and IV (RFC 8446 section 7.2, a KeyUpdate)
 * @suite: the session's suite
 * @secret: application_traffic_secret_N
 * @secret_len: its length, the suite's hash length
 * @next: application_traffic_secret_N+1 (@secret_len bytes, out)
 * @key: its key (the suite's key length, out)
 * @iv: its IV (%OCF_KTLS_IV_LEN bytes, out)
 *
 * secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length).
 *
 * Return: 0, or a negative errno (the outputs are then wiped).
 */
int ocf_tls13_next(const struct tls13_suite *suite, const u8 *secret,
		   unsigned int secret_len, u8 *next, u8 *key, u8 *iv)
{
	struct crypto_shash *hmac;
	int ret;

	hmac = crypto_alloc_shash(suite->hmac, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	ret = -EINVAL;
	if (crypto_shash_digestsize(hmac) == secret_len)
		ret = crypto_shash_setkey(hmac, secret, secret_len);
	if (!ret)
		ret = hkdf_expand_label(hmac, "traffic upd", next, secret_len);
	crypto_free_shash(hmac);
	if (!ret)
		ret = derive(suite, next, secret_len, key, iv);
	if (ret) {
		memzero_explicit(next, secret_len);
		memzero_explicit(key, suite->keylen);
		memzero_explicit(iv, OCF_KTLS_IV_LEN);
	}
	return ret;
}

static int check_args(const struct ocf_tls13_session *op)
{
	unsigned int i;

	if (op->flags & ~OCF_TLS13_F_ALL || op->reserved0)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(op->reserved); i++)
		if (op->reserved[i])
			return -EINVAL;
	if (!op->secret_len || op->secret_len > HASH_MAX_DIGESTSIZE)
		return -EINVAL;
	return 0;
}

/* What a new session keeps of its traffic secret. */
struct tls13_finish {
	const struct tls13_suite *suite;
	const u8 *secret;
	unsigned int secret_len;
	const u8 *iv;
};

/*
 * The new session's static IV, and the secret it keeps for KeyUpdate
 * (tls13_update.c), set before its id exists.
 */
static int set_static_iv(struct ocf_session *s, const void *arg)
{
	const struct tls13_finish *fin = arg;

	memcpy(s->tls_iv, fin->iv, OCF_KTLS_IV_LEN);
	s->tls_ivlen = OCF_KTLS_IV_LEN;
	return ocf_tls13_state_new(s, fin->suite, fin->secret, fin->secret_len,
				   fin->iv);
}

/**
 * ocf_tls13_session() - create an AEAD session from a TLS 1.3 traffic
 *	secret (OCF_IOC_TLS13_SESSION)
 * @f: the open file that will own the session
 * @op: the request (kernel copy); ses, key_len, iv_len and iv are filled in
 *
 * Return: 0; -EINVAL for an unknown suite, a secret whose length is not the
 * suite's hash length, unknown flags or non-zero reserved fields; -ENOENT
 * when the kernel lacks the suite's hash or AEAD; -EFAULT; -ENOMEM; and the
 * errors of session creation (-ENOSPC, -ENODEV).
 */
long ocf_tls13_session(struct ocf_file *f, struct ocf_tls13_session *op)
{
	struct ocf_session_params p = {};
	const struct tls13_suite *suite;
	u8 key[TLS13_MAX_KEY], iv[OCF_KTLS_IV_LEN];
	struct tls13_finish fin;
	struct ocf_session *s;
	u8 *secret;
	long ret;

	ret = check_args(op);
	if (ret)
		return ret;
	suite = find_suite(op->suite);
	if (!suite)
		return -EINVAL;
	secret = memdup_user(u64_to_user_ptr(op->secret), op->secret_len);
	if (IS_ERR(secret))
		return PTR_ERR(secret);

	ret = derive(suite, secret, op->secret_len, key, iv);
	if (ret)
		goto out_wipe;
	p.cipher = suite->aead;
	p.cipher_type = OCF_TYPE_AEAD;
	p.cipher_id = suite->alg_id;
	p.crid = op->crid;
	p.key = key;
	p.keylen = suite->keylen;
	fin.suite = suite;
	fin.secret = secret;
	fin.secret_len = op->secret_len;
	fin.iv = iv;
	p.finish = set_static_iv;
	p.finish_arg = &fin;
	ret = ocf_session_create(f, &p, &s);
	if (ret)
		goto out_wipe;

	op->ses = s->id;
	op->key_len = suite->keylen;
	op->iv_len = OCF_KTLS_IV_LEN;
	memset(op->iv, 0, sizeof(op->iv));
	if (op->flags & OCF_TLS13_F_IV_OUT)
		memcpy(op->iv, iv, OCF_KTLS_IV_LEN);
	ocf_session_put(s);
out_wipe:
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	kfree_sensitive(secret);
	return ret;
}

/*
 * "traffic upd" (RFC 8446 section 7.2) of RFC 8448's
 * client_application_traffic_secret_0, and the new key and IV: RFC 8448
 * has no KeyUpdate, so the values were computed with OpenSSL's HKDF
 * ("openssl kdf ... mode:EXPAND_ONLY" with the HkdfLabel built by hand)
 * and checked with a second implementation.
 */
static bool __init tls13_update_selftest(void)
{
	static const u8 secret[32] __initconst = {
		0x9e, 0x40, 0x64, 0x6c, 0xe7, 0x9a, 0x7f, 0x9d,
		0xc0, 0x5a, 0xf8, 0x88, 0x9b, 0xce, 0x65, 0x52,
		0x87, 0x5a, 0xfa, 0x0b, 0x06, 0xdf, 0x00, 0x87,
		0xf7, 0x92, 0xeb, 0xb7, 0xc1, 0x75, 0x04, 0xa5,
	};
	static const u8 want_next[32] __initconst = {
		0xfc, 0xdf, 0xcc, 0x72, 0x72, 0x5a, 0xae, 0xe4,
		0x8b, 0xf6, 0x4e, 0x4f, 0xd8, 0xb7, 0x49, 0xcd,
		0xbd, 0xba, 0xb3, 0x9d, 0x90, 0xda, 0x0b, 0x26,
		0xe2, 0x24, 0x5c, 0xa6, 0xea, 0x16, 0x72, 0x07,
	};
	static const u8 want_key[16] __initconst = {
		0x38, 0x79, 0xd8, 0x2f, 0x5f, 0x14, 0x05, 0x6e,
		0x62, 0x3f, 0x2c, 0xe5, 0xbf, 0xc6, 0x6f, 0xce,
	};
	static const u8 want_iv[OCF_KTLS_IV_LEN] __initconst = {
		0x5d, 0xfb, 0x2c, 0x59, 0x38, 0xc3, 0x37, 0x9b,
		0x6c, 0xc5, 0xd1, 0xf2,
	};
	u8 next[32], key[TLS13_MAX_KEY], iv[OCF_KTLS_IV_LEN];
	bool ok;
	int ret;

	ret = ocf_tls13_next(find_suite(OCF_TLS_AES_128_GCM_SHA256), secret,
			     sizeof(secret), next, key, iv);
	ok = !ret && !memcmp(next, want_next, sizeof(want_next)) &&
	     !memcmp(key, want_key, sizeof(want_key)) &&
	     !memcmp(iv, want_iv, sizeof(want_iv));
	if (!ok)
		pr_err("self-test: TLS 1.3 \"traffic upd\": %d\n", ret);
	memzero_explicit(next, sizeof(next));
	memzero_explicit(key, sizeof(key));
	return ok;
}

/*
 * Self-test of HKDF-Expand-Label (main.c, selftest=1): RFC 8448 section
 * 3, the server's handshake traffic key and IV.
 */
bool __init ocf_tls13_selftest(void)
{
	static const u8 secret[32] __initconst = {
		0xb6, 0x7b, 0x7d, 0x69, 0x0c, 0xc1, 0x6c, 0x4e,
		0x75, 0xe5, 0x42, 0x13, 0xcb, 0x2d, 0x37, 0xb4,
		0xe9, 0xc9, 0x12, 0xbc, 0xde, 0xd9, 0x10, 0x5d,
		0x42, 0xbe, 0xfd, 0x59, 0xd3, 0x91, 0xad, 0x38,
	};
	static const u8 want_key[16] __initconst = {
		0x3f, 0xce, 0x51, 0x60, 0x09, 0xc2, 0x17, 0x27,
		0xd0, 0xf2, 0xe4, 0xe8, 0x6e, 0xe4, 0x03, 0xbc,
	};
	static const u8 want_iv[OCF_KTLS_IV_LEN] __initconst = {
		0x5d, 0x31, 0x3e, 0xb2, 0x67, 0x12, 0x76, 0xee,
		0x13, 0x00, 0x0b, 0x30,
	};
	u8 key[TLS13_MAX_KEY], iv[OCF_KTLS_IV_LEN];
	int ret;

	ret = derive(find_suite(OCF_TLS_AES_128_GCM_SHA256), secret,
		     sizeof(secret), key, iv);
	if (ret || memcmp(key, want_key, sizeof(want_key)) ||
	    memcmp(iv, want_iv, sizeof(want_iv))) {
		pr_err("self-test: HKDF-Expand-Label (RFC 8448): %d\n", ret);
		return false;
	}
	if (!tls13_update_selftest())
		return false;
	/* A secret of the wrong length for the suite's hash. */
	if (derive(find_suite(OCF_TLS_AES_256_GCM_SHA384), secret,
		   sizeof(secret), key, iv) != -EINVAL) {
		pr_err("self-test: HKDF-Expand-Label took a short secret\n");
		return false;
	}
	memzero_explicit(key, sizeof(key));
	return true;
}
