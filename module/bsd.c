// SPDX-License-Identifier: GPL-2.0
/*
 * The FreeBSD ioctl set.
 *
 * FreeBSD's /dev/crypto has the cryptodev-linux calls under other numbers
 * (its CIOCGSESSION is 101, not 102), other algorithm ids above 14,
 * COP_ENCRYPT 1 and COP_DECRYPT 2, and calls of its own: CIOCGSESSION2
 * (driver choice, IV and MAC lengths), CIOCCRYPTAEAD (AEAD or
 * encrypt-then-MAC with separate AAD and tag) and CIOCFINDDEV.  No FreeBSD
 * command value equals a cryptodev-linux one, so ioctl.c sends both sets
 * to the same sessions and executors.  What a FreeBSD call means here:
 *
 * - A session is of one of four kinds: cipher; digest (a hash or an HMAC);
 *   AEAD (GCM, CCM, ChaCha20-Poly1305); or encrypt-then-MAC (a cipher and
 *   an HMAC), whose MAC covers the AAD and the ciphertext.  Decryption
 *   verifies the tag the caller passes before anything else, and fails
 *   with EBADMSG writing nothing.
 * - Operations do not chain IVs: with iv NULL, CIOCCRYPT takes the IV from
 *   the start of src and writes its output that many bytes into dst.
 * - A digest session hashes src into mac; dst, when given, receives src.
 * - Data and AAD are limited to 256 KiB - 4 bytes each (E2BIG).
 * - IVs are FreeBSD's: AES-XTS takes the 64-bit block number (8 bytes),
 *   AES-CCM its nonce (7 to 13 bytes, 12 by default); both become the
 *   16-byte IVs of the kernel's xts and ccm templates.
 *
 * Every operation works on a kernel copy of its data, which FreeBSD's
 * limit keeps small, and writes user memory only once it has succeeded.
 */
#include <linux/uaccess.h>
#include <crypto/aead.h>
#include <crypto/algapi.h>

#include "algs.h"
#include "bsd.h"
#include "chardev.h"
#include "crypt.h"
#include "driver.h"
#include "request.h"
#include "session.h"
#include "ucopy.h"

#define BSD_COP_ENCRYPT		1
#define BSD_COP_DECRYPT		2
#define BSD_COP_F_CIPHER_FIRST	0x0001
#define BSD_COP_F_BATCH		0x0008
#define BSD_MAX_REQUEST		(256 * 1024 - 4)
#define BSD_XTS_IV_LEN		8
#define BSD_CCM_IV_LEN		12

enum bsd_kind { BSD_KIND_CIPHER, BSD_KIND_DIGEST, BSD_KIND_AEAD, BSD_KIND_ETA };

/* FreeBSD's view of the session's kind: a cipher and a MAC are ETA. */
static enum bsd_kind bsd_kind(const struct ocf_session *s)
{
	switch (s->kind) {
	case OCF_KIND_AEAD:
		return BSD_KIND_AEAD;
	case OCF_KIND_CIPHER:
		return BSD_KIND_CIPHER;
	case OCF_KIND_HASH:
		return BSD_KIND_DIGEST;
	default:
		return BSD_KIND_ETA;
	}
}

static unsigned int bsd_ivsize(const struct ocf_session *s)
{
	return s->bsd_ivlen ?: s->ivsize;
}

/* Bytes of digest or tag an operation reads or writes. */
static unsigned int bsd_hashsize(const struct ocf_session *s)
{
	if (s->aead)
		return s->deftag;
	if (s->hash)
		return s->bsd_maclen ?: s->digestsize;
	return 0;
}

/* What bsd_session_setup() checks a new session against. */
struct bsd_setup {
	const struct ocf_alg *c;
	const struct bsd_session2_op *sop;
};

/* Check ivlen and maclen against the new session, and record them. */
static int bsd_session_setup(struct ocf_session *s, const void *arg)
{
	const struct bsd_setup *bs = arg;
	const struct bsd_session2_op *sop = bs->sop;
	unsigned int ivlen = sop->ivlen;
	u8 fmt = bs->c ? bs->c->bsd_ivfmt : OCF_BSD_IV_ASIS;

	if (sop->maclen && s->hash) {
		if (sop->maclen > s->digestsize)
			return -EINVAL;
		s->bsd_maclen = sop->maclen;
	}
	switch (fmt) {
	case OCF_BSD_IV_XTS:
		if (ivlen && ivlen != BSD_XTS_IV_LEN)
			return -EINVAL;
		ivlen = BSD_XTS_IV_LEN;
		break;
	case OCF_BSD_IV_CCM:
		if (ivlen && (ivlen < 7 || ivlen > 13))
			return -EINVAL;
		ivlen = ivlen ?: BSD_CCM_IV_LEN;
		break;
	default:
		if (ivlen && ivlen != s->ivsize)
			return -EINVAL;
		ivlen = s->ivsize;
		break;
	}
	s->bsd_ivfmt = fmt;
	s->bsd_ivlen = ivlen;
	return 0;
}

static long bsd_session_create(struct ocf_file *f, struct bsd_session2_op *sop)
{
	const struct ocf_alg *c = NULL, *m = NULL;
	struct bsd_setup bs = { .sop = sop };
	struct ocf_session_params p = {};
	struct ocf_user_keys uk = {
		.key = sop->key, .keylen = sop->keylen,
		.keymax = OCF_MAX_CIPHER_KEY,
		.mackey = sop->mackey, .mackeylen = sop->mackeylen,
	};
	struct ocf_session *s;
	long ret;

	if (sop->cipher) {
		c = ocf_alg_find_bsd(sop->cipher);
		if (!c || c->type == OCF_TYPE_HASH)
			return -EINVAL;
		bs.c = c;
		p.cipher = c->name;
		p.cipher_type = c->type;
	}
	if (sop->mac) {
		m = ocf_alg_find_bsd(sop->mac);
		if (!m || m->type != OCF_TYPE_HASH)
			return -EINVAL;
		p.mac = m->name;
	}
	if ((!c && !m) || sop->mackeylen < 0 || sop->ivlen < 0 ||
	    sop->maclen < 0 || (sop->ivlen && !c))
		return -EINVAL;
	if (c && c->type == OCF_TYPE_AEAD) {
		/* An AEAD authenticates by itself; maclen is its tag. */
		if (m)
			return -EINVAL;
		p.tag_len = sop->maclen;
	} else if (sop->maclen && !m) {
		return -EINVAL;
	}
	p.crid = sop->crid;
	p.finish = bsd_session_setup;
	p.finish_arg = &bs;
	ret = ocf_session_create_user(f, &p, &uk, &s);
	if (ret)
		return ret;
	sop->ses = s->id;
	sop->crid = ocf_session_crid(s);
	ocf_session_put(s);
	return 0;
}

/**
 * ocf_bsd_gsession() - FreeBSD's CIOCGSESSION
 * @f: the open file
 * @arg: struct session_op (the cryptodev-linux layout); ses is set
 *
 * A FreeBSD kernel serves this call from hardware drivers only unless the
 * administrator allows software; here any driver serves it, as for
 * cryptodev-linux's CIOCGSESSION.
 *
 * Return: 0 or a negative errno, as for CIOCGSESSION2.
 */
long ocf_bsd_gsession(struct ocf_file *f, void *arg)
{
	struct session_op *sop = arg;
	struct bsd_session2_op s2 = {
		.cipher = sop->cipher,
		.mac = sop->mac,
		.keylen = sop->keylen,
		.key = sop->key,
		.mackeylen = sop->mackeylen,
		.mackey = sop->mackey,
		.crid = OCF_CRID_ANY,
	};
	long ret = bsd_session_create(f, &s2);

	if (!ret)
		sop->ses = s2.ses;
	return ret;
}

/**
 * ocf_bsd_gsession2() - CIOCGSESSION2
 * @f: the open file
 * @arg: struct bsd_session2_op; ses and crid (the driver chosen) are set
 *
 * Return: 0; -EINVAL for an unknown or unusable algorithm pair, a bad key,
 * IV or MAC length; -ENOENT when the kernel lacks the algorithm; -ENODEV
 * when no driver of the class asked for serves it; -ENOSPC, -EFAULT,
 * -ENOMEM.
 */
long ocf_bsd_gsession2(struct ocf_file *f, void *arg)
{
	return bsd_session_create(f, arg);
}

static int bsd_check_op(enum bsd_kind kind, u16 op, u16 flags)
{
	if (flags & ~(BSD_COP_F_CIPHER_FIRST | BSD_COP_F_BATCH))
		return -EINVAL;
	/* A flag from before session kinds: it can only mean encrypt-then-MAC. */
	if ((flags & BSD_COP_F_CIPHER_FIRST) && op != BSD_COP_ENCRYPT)
		return -EINVAL;
	if (op == BSD_COP_ENCRYPT || op == BSD_COP_DECRYPT)
		return 0;
	return kind == BSD_KIND_DIGEST && !op ? 0 : -EINVAL;
}

/* The IV from r->iv, or when that is NULL from the start of the data. */
static int bsd_load_iv(struct ocf_op *op, struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	unsigned int n = bsd_ivsize(s);
	u8 iv[OCF_MAX_IV];

	if (!n)
		return 0;
	if (r->iv) {
		if (ocf_copy_in(iv, r->iv, n))
			return -EFAULT;
	} else {
		if (ocf_copy_in(iv, r->src, n))
			return -EFAULT;
		r->src += n;
		if (r->dst)
			r->dst += n;
		r->len -= n;
	}
	memset(op->iv, 0, sizeof(op->iv));
	switch (s->bsd_ivfmt) {
	case OCF_BSD_IV_CCM:
		/* 15 - n bytes of length field, stored as their count - 1. */
		op->iv[0] = 14 - n;
		memcpy(op->iv + 1, iv, n);
		break;
	default:
		memcpy(op->iv, iv, n);
		break;
	}
	return 0;
}

static int bsd_aead(struct ocf_op *op, unsigned int alen, unsigned int len,
		    unsigned int hs, bool enc)
{
	struct scatterlist *sg;
	int ret;

	ret = ocf_aead_use_tag(op->s, hs);
	if (ret)
		return ret;
	sg = ocf_buf_sg(&op->buf, 0, alen + len + hs);
	if (!sg)
		return -ENOMEM;
	return ocf_aead_run(op, sg, sg, alen, enc ? len : len + hs, enc);
}

/*
 * The operation's buffer holds AAD, data and digest or tag, in this order;
 * everything runs in place there.
 */
static int bsd_run(struct ocf_op *op, struct ocf_req *r)
{
	struct ocf_session *s = op->s;
	enum bsd_kind kind = bsd_kind(s);
	unsigned int hs = bsd_hashsize(s), alen = r->auth_len, len;
	bool enc = r->op == BSD_COP_ENCRYPT;
	bool verify = !enc && (kind == BSD_KIND_AEAD || kind == BSD_KIND_ETA);
	u8 *data, *tag;
	int ret;

	ret = bsd_load_iv(op, r);
	if (ret)
		return ret;
	len = r->len;
	ret = ocf_buf_alloc(&op->buf, alen + len + hs);
	if (ret)
		return ret;
	data = op->buf.data + alen;
	tag = data + len;
	if ((alen && ocf_copy_in(op->buf.data, r->auth_src, alen)) ||
	    (len && ocf_copy_in(data, r->src, len)) ||
	    (verify && ocf_copy_in(tag, r->mac, hs)))
		return -EFAULT;

	switch (kind) {
	case BSD_KIND_AEAD:
		ret = bsd_aead(op, alen, len, hs, enc);
		break;
	case BSD_KIND_ETA:
		if (!enc) {
			ret = ocf_hash_buf(op, 0, alen + len);
			if (ret)
				return ret;
			if (crypto_memneq(op->digest, tag, hs))
				return -EBADMSG;
		}
		ret = ocf_skcipher_buf(op, alen, len, enc);
		if (ret || !enc)
			break;
		ret = ocf_hash_buf(op, 0, alen + len);
		if (!ret)
			memcpy(tag, op->digest, hs);
		break;
	case BSD_KIND_CIPHER:
		ret = ocf_skcipher_buf(op, 0, len, enc);
		break;
	case BSD_KIND_DIGEST:
		ret = ocf_hash_buf(op, 0, len);
		if (!ret)
			memcpy(tag, op->digest, hs);
		break;
	}
	if (ret)
		return ret;

	if (r->dst && len && ocf_copy_out(r->dst, data, len))
		return -EFAULT;
	if (!verify && hs && r->mac && ocf_copy_out(r->mac, tag, hs))
		return -EFAULT;
	return 0;
}

static long bsd_submit(struct ocf_session *s, struct ocf_req *r)
{
	size_t bytes = r->len;
	struct ocf_op *op;
	long ret;

	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	op = ocf_op_alloc(s);
	if (op) {
		ret = bsd_run(op, r);
		ocf_op_free(op);
	} else {
		ret = -ENOMEM;
	}
	mutex_unlock(&s->lock);
	ocf_session_account(s, bytes, ret);
	return ret;
}

static int bsd_check_crypt(struct ocf_session *s, const struct crypt_op *cop)
{
	enum bsd_kind kind = bsd_kind(s);
	unsigned int ivsize = bsd_ivsize(s), len;
	int ret;

	if (cop->len > BSD_MAX_REQUEST || cop->len > ocf_limit(&ocf_max_request))
		return -E2BIG;
	if (cop->mac && !bsd_hashsize(s))
		return -EINVAL;
	ret = bsd_check_op(kind, cop->op, cop->flags);
	if (ret)
		return ret;
	/* An AEAD nonce is never part of the data. */
	if (kind == BSD_KIND_AEAD && ivsize && !cop->iv)
		return -EINVAL;
	if (cop->iv ? !ivsize : cop->len < ivsize)
		return -EINVAL;
	/* The data: what follows the IV when the IV leads it. */
	len = cop->iv ? cop->len : cop->len - ivsize;
	if (kind == BSD_KIND_CIPHER && !len)
		return -EINVAL;
	if (kind != BSD_KIND_DIGEST && !ocf_cipher_len_ok(s, len))
		return -EINVAL;
	return 0;
}

/**
 * ocf_bsd_crypt() - FreeBSD's CIOCCRYPT
 * @f: the open file
 * @arg: struct crypt_op (same layout as cryptodev-linux's), unchanged
 *
 * Return: 0; -EBADMSG when the tag does not verify; -EINVAL for an unknown
 * session, a bad op, flag, length, IV or tag pointer; -E2BIG; -EFAULT;
 * -EINTR; -ENOMEM.
 */
long ocf_bsd_crypt(struct ocf_file *f, void *arg)
{
	struct crypt_op *cop = arg;
	struct ocf_session *s = ocf_session_get(f, cop->ses);
	struct ocf_req r = {
		.op = cop->op,
		.len = cop->len,
		.src = cop->src,
		.dst = cop->dst,
		.mac = cop->mac,
		.iv = cop->iv,
	};
	long ret;

	if (!s)
		return -EINVAL;
	ret = bsd_check_crypt(s, cop);
	if (!ret)
		ret = bsd_submit(s, &r);
	ocf_session_put(s);
	return ret;
}

static int bsd_check_aead(struct ocf_session *s, const struct bsd_crypt_aead *ca)
{
	enum bsd_kind kind = bsd_kind(s);
	unsigned int ivlen = ca->ivlen;
	int ret;

	if (ca->len > BSD_MAX_REQUEST || ca->aadlen > BSD_MAX_REQUEST ||
	    ca->len > ocf_limit(&ocf_max_request))
		return -E2BIG;
	if ((kind != BSD_KIND_AEAD && kind != BSD_KIND_ETA) ||
	    !bsd_hashsize(s) || !ca->tag || !ocf_cipher_len_ok(s, ca->len))
		return -EINVAL;
	ret = bsd_check_op(kind, ca->op, ca->flags);
	if (ret)
		return ret;
	if (!ca->iv || !bsd_ivsize(s))
		return -EINVAL;
	/* A whole block as XTS IV: its first 8 bytes are the block number. */
	if (s->bsd_ivfmt == OCF_BSD_IV_XTS && ivlen == 16)
		ivlen = BSD_XTS_IV_LEN;
	return ivlen == bsd_ivsize(s) ? 0 : -EINVAL;
}

/**
 * ocf_bsd_crypt_aead() - CIOCCRYPTAEAD
 * @f: the open file
 * @arg: struct bsd_crypt_aead, unchanged
 *
 * Return: as ocf_bsd_crypt(); the session must be AEAD or encrypt-then-MAC.
 */
long ocf_bsd_crypt_aead(struct ocf_file *f, void *arg)
{
	struct bsd_crypt_aead *ca = arg;
	struct ocf_session *s = ocf_session_get(f, ca->ses);
	struct ocf_req r = {
		.op = ca->op,
		.len = ca->len,
		.auth_len = ca->aadlen,
		.src = ca->src,
		.dst = ca->dst,
		.auth_src = ca->aad,
		.mac = ca->tag,
		.iv = (u8 __user *)ca->iv,	/* read only */
	};
	long ret;

	if (!s)
		return -EINVAL;
	ret = bsd_check_aead(s, ca);
	if (!ret)
		ret = bsd_submit(s, &r);
	ocf_session_put(s);
	return ret;
}

/**
 * ocf_bsd_finddev() - CIOCFINDDEV
 * @f: the open file
 * @arg: struct bsd_find_op: crid -1 and a name in, the id out; or an id
 *	in, its name (truncated to 31 characters) out
 *
 * Return: 0, or -ENOENT for an unknown name or id.
 */
long ocf_bsd_finddev(struct ocf_file *f, void *arg)
{
	struct bsd_find_op *fo = arg;
	int id;

	if (fo->crid != -1) {
		memset(fo->name, 0, sizeof(fo->name));
		if (fo->crid <= 0)
			return -ENOENT;
		return ocf_driver_name(fo->crid, fo->name, sizeof(fo->name));
	}
	fo->name[sizeof(fo->name) - 1] = '\0';
	id = ocf_driver_id(fo->name);
	if (id < 0)
		return -ENOENT;
	fo->crid = id;
	return 0;
}
