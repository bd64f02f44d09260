// SPDX-License-Identifier: GPL-2.0
/*
 * Ciphers: AES in ECB, CBC, CTR and XTS mode, and the AEADs AES-GCM, AES-CCM
 * and ChaCha20-Poly1305, each context owning one /dev/crypto session opened
 * when its key is set.
 *
 * OpenSSL's streaming semantics are kept in user space, the cipher work in
 * the kernel:
 * - ECB/CBC hold back partial blocks (and, when decrypting with padding,
 *   the last full block); the IV is passed with every operation and the
 *   next one derived here (the last ciphertext block), so a context's state
 *   is all in the context and duplicating it is opening a session with the
 *   same key on the same driver.
 * - CTR passes the counter block with every operation; a chunk that ends
 *   inside a block leaves an offset, and the rest of that block's keystream
 *   is fetched (one block encrypted from zeros) only if more data follows.
 * - AEADs: the kernel's AEADs are one-shot, OpenSSL's are streaming.  The
 *   first data update of a message runs the kernel's AEAD at once on that
 *   data (a TLS record is one update, so it is one system call) and keeps
 *   its tag; if more data follows, the later chunks are encrypted with the
 *   AEAD's stream cipher (ctr(aes) from counter 2, chacha20 from block 1)
 *   and the tag is computed at the end by running the AEAD again over the
 *   whole message, which the context keeps.  Decryption verifies at the end
 *   the same way (or at once when the tag was set before the data).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "ocf_prov.h"

enum ocf_mode { M_ECB, M_CBC, M_CTR, M_XTS, M_GCM, M_CCM, M_CHAPOLY };

/* EVP_CIPH_*_MODE values, as the "mode" parameter reports them */
#define EVPM_STREAM	0x0
#define EVPM_ECB	0x1
#define EVPM_CBC	0x2
#define EVPM_CTR	0x5
#define EVPM_GCM	0x6
#define EVPM_CCM	0x7
#define EVPM_XTS	0x10001

#define TLS1_1_VERSION	0x0302
#define TLS_AAD_LEN	13
#define GCM_EIV_LEN	8
#define AEAD_TAG_MAX	16
#define PIPES_MAX	32	/* OpenSSL's EVP_MAX_PIPES */

#ifndef OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG
#define OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG "pipeline-tag"
#endif

struct cdesc {
	enum ocf_mode mode;
	const char *kname;	/* kernel algorithm */
	const char *stream;	/* AEAD: its stream cipher in the kernel */
	size_t keylen, ivlen, bs;
	unsigned int evp_mode;
};

struct cctx {
	struct ocf_prov *p;
	const struct cdesc *d;
	uint32_t ses, sses;		/* session; AEAD stream-cipher session */
	unsigned int gen;		/* ocf_fork_gen when they were opened */
	char driver[OCF_NAME_LEN];
	unsigned char key[64];
	int keyset, enc, pad;
	size_t ivlen;
	unsigned char oiv[16], iv[16];
	int ivset;
	/* ECB/CBC: partial block */
	unsigned char buf[16];
	size_t buflen;
	/* stream: counter block, keystream of its block, offset in it */
	unsigned char ctr[16], ks[64];
	size_t ks_off;
	int ks_valid;
	/* AEAD message */
	unsigned char *aad, *data, *scratch;
	size_t aadlen, aadcap, datalen, datacap, scratchcap;
	int data_started, spec_ok, failed;
	size_t spec_len;
	unsigned char tag[AEAD_TAG_MAX], spec_tag[AEAD_TAG_MAX];
	size_t taglen;			/* tag length (CCM: M; GCM: 16) */
	int tag_set, tag_ready, final_done;
	size_t ccm_len;
	int ccm_len_set;
	/* TLS */
	unsigned char tls_aad[TLS_AAD_LEN];
	int tls_aad_set;
	int iv_gen;
	unsigned int tlsversion;
	size_t tlsmacsize;
	unsigned char tlsmac[64];
	int tlsmac_set;
	/* OpenSSL 3.5 pipelines (AES-GCM), made at the first pipeline init */
	struct ocf_pipe *pipe;
};

static void pipe_free(struct ocf_pipe *pp);
static int pipe_get_tags(struct cctx *c, OSSL_PARAM *p);
static int pipe_set_tags(struct cctx *c, const OSSL_PARAM *p);

static size_t stream_bs(const struct cctx *c)
{
	return c->d->mode == M_CHAPOLY ? 64 : 16;
}

/* ------------------------------------------------------------ sessions */

static void close_sessions(struct cctx *c)
{
	/* after fork(), the sessions are the parent's */
	if (c->gen == ocf_fork_gen) {
		ocf_session_free(c->p, c->ses);
		ocf_session_free(c->p, c->sses);
	}
	c->ses = c->sses = 0;
}

static int open_session(struct cctx *c, const char *driver);

/* In a forked child, open the context's own session (same driver). */
static int check_fork(struct cctx *c)
{
	char drv[OCF_NAME_LEN];

	if (c->gen == ocf_fork_gen || !c->ses)
		return 1;
	close_sessions(c);
	c->gen = ocf_fork_gen;
	memcpy(drv, c->driver, sizeof(drv));
	return open_session(c, drv);
}

static int open_session(struct cctx *c, const char *driver)
{
	struct ocf_sess_req r = { 0 };

	r.cipher = c->d->kname;
	r.key = c->key;
	r.keylen = c->d->keylen;
	r.driver = driver;
	c->gen = ocf_fork_gen;
	c->ses = ocf_session(c->p, &r, c->driver);
	if (!c->ses) {
		ocf_kerr(c->p, "session", c->d->kname, errno);
		return 0;
	}
	return 1;
}

static int open_stream_session(struct cctx *c)
{
	struct ocf_sess_req r = { 0 };

	if (c->sses)
		return 1;
	r.cipher = c->d->stream;
	r.key = c->key;
	r.keylen = c->d->keylen;
	c->sses = ocf_session(c->p, &r, NULL);
	if (!c->sses) {
		ocf_kerr(c->p, "session", c->d->stream, errno);
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------- buffers */

static int reserve(struct cctx *c, unsigned char **b, size_t *cap, size_t need)
{
	unsigned char *n;
	size_t ncap;

	if (need <= *cap)
		return 1;
	ncap = need < 256 ? 256 : need + need / 2;
	n = malloc(ncap);
	if (!n) {
		ocf_err(c->p, OCF_R_NO_MEMORY, "out of memory (%zu bytes)", ncap);
		return 0;
	}
	if (*b) {
		memcpy(n, *b, *cap);
		ocf_cleanse(*b, *cap);
		free(*b);
	}
	*b = n;
	*cap = ncap;
	return 1;
}

static void drop(unsigned char **b, size_t *cap)
{
	if (*b) {
		ocf_cleanse(*b, *cap);
		free(*b);
	}
	*b = NULL;
	*cap = 0;
}

static int append(struct cctx *c, unsigned char **b, size_t *len, size_t *cap,
		  const void *src, size_t n)
{
	if (!n)
		return 1;
	if (*len + n < *len || !reserve(c, b, cap, *len + n))
		return 0;
	memcpy(*b + *len, src, n);
	*len += n;
	return 1;
}

/* --------------------------------------------------------- stream mode */

static void ctr_add(struct cctx *c, uint64_t blocks)
{
	if (c->d->mode == M_CHAPOLY) {
		uint32_t v = (uint32_t)c->ctr[0] | (uint32_t)c->ctr[1] << 8 |
			     (uint32_t)c->ctr[2] << 16 | (uint32_t)c->ctr[3] << 24;

		v += (uint32_t)blocks;
		c->ctr[0] = (unsigned char)v;
		c->ctr[1] = (unsigned char)(v >> 8);
		c->ctr[2] = (unsigned char)(v >> 16);
		c->ctr[3] = (unsigned char)(v >> 24);
		return;
	}
	/* a 128-bit big-endian counter, as the kernel's ctr() */
	for (int i = 15; i >= 0 && blocks; i--) {
		uint64_t s = c->ctr[i] + (blocks & 0xff);

		c->ctr[i] = (unsigned char)s;
		blocks = (blocks >> 8) + (s >> 8);
	}
}

/* XOR len bytes of keystream from the current position into out. */
static int stream_xor(struct cctx *c, uint32_t ses, const unsigned char *in,
		      unsigned char *out, size_t len)
{
	size_t bs = stream_bs(c), chunk, max = c->p->max_request / bs * bs;
	unsigned char iv[16];
	int ret;

	if (c->ks_off && len) {
		size_t n = bs - c->ks_off;

		if (!c->ks_valid) {
			memset(c->ks, 0, bs);
			memcpy(iv, c->ctr, 16);
			ret = ocf_crypt(c->p, ses, COP_ENCRYPT, 0, c->ks, c->ks, bs, iv, NULL);
			if (ret) {
				ocf_kerr(c->p, "keystream", c->d->stream ? c->d->stream : c->d->kname, -ret);
				return 0;
			}
			c->ks_valid = 1;
		}
		if (n > len)
			n = len;
		for (size_t i = 0; i < n; i++)
			out[i] = in[i] ^ c->ks[c->ks_off + i];
		c->ks_off += n;
		in += n;
		out += n;
		len -= n;
		if (c->ks_off == bs) {
			c->ks_off = 0;
			c->ks_valid = 0;
			ctr_add(c, 1);
		}
	}
	while (len) {
		chunk = len > max ? max : len;
		memcpy(iv, c->ctr, 16);
		ret = ocf_crypt(c->p, ses, COP_ENCRYPT, 0, in, out, chunk, iv, NULL);
		if (ret) {
			ocf_kerr(c->p, "encrypt", c->d->stream ? c->d->stream : c->d->kname, -ret);
			return 0;
		}
		ctr_add(c, chunk / bs);
		c->ks_off = chunk % bs;
		c->ks_valid = 0;
		in += chunk;
		out += chunk;
		len -= chunk;
	}
	return 1;
}

/* Set the stream state for the message starting with IV c->iv. */
static void stream_start(struct cctx *c)
{
	memset(c->ctr, 0, sizeof(c->ctr));
	switch (c->d->mode) {
	case M_CTR:
		memcpy(c->ctr, c->iv, 16);
		break;
	case M_GCM:	/* J0 = IV || 1; data starts at inc32(J0) */
		memcpy(c->ctr, c->iv, 12);
		c->ctr[15] = 2;
		break;
	case M_CHAPOLY:	/* block 0 keys Poly1305; data starts at 1 */
		c->ctr[0] = 1;
		memcpy(c->ctr + 4, c->iv, 12);
		break;
	default:
		break;
	}
	c->ks_off = 0;
	c->ks_valid = 0;
}

/* ---------------------------------------------------------- block mode */

/* ECB/CBC over whole blocks, chaining the IV here. */
static int block_do(struct cctx *c, const unsigned char *in, unsigned char *out,
		    size_t len)
{
	size_t bs = c->d->bs, max = c->p->max_request / bs * bs, chunk;
	unsigned char next[16], iv[16];
	int ret;

	while (len) {
		chunk = len > max ? max : len;
		if (c->d->mode == M_CBC) {
			if (!c->enc)
				memcpy(next, in + chunk - bs, bs);
			memcpy(iv, c->iv, bs);
		}
		ret = ocf_crypt(c->p, c->ses, c->enc ? COP_ENCRYPT : COP_DECRYPT, 0,
				in, out, chunk, c->d->mode == M_CBC ? iv : NULL, NULL);
		if (ret) {
			ocf_kerr(c->p, c->enc ? "encrypt" : "decrypt", c->d->kname, -ret);
			return 0;
		}
		if (c->d->mode == M_CBC)
			memcpy(c->iv, c->enc ? out + chunk - bs : next, bs);
		in += chunk;
		out += chunk;
		len -= chunk;
	}
	return 1;
}

static int block_update(struct cctx *c, unsigned char *out, size_t *outl,
			size_t outsize, const unsigned char *in, size_t inl)
{
	size_t bs = c->d->bs, total = c->buflen + inl, todo, k, tail;
	unsigned char save[16];

	todo = total / bs * bs;
	if (!c->enc && c->pad && todo && todo == total)
		todo -= bs;	/* the last block may be padding */
	*outl = 0;
	if (todo > outsize) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
		return 0;
	}
	if (!todo) {
		memcpy(c->buf + c->buflen, in, inl);
		c->buflen += inl;
		return 1;
	}
	/* what stays buffered, saved before the output may overwrite it */
	tail = total - todo;
	memcpy(save, in + inl - tail, tail);
	if (c->buflen) {
		k = bs - c->buflen;
		memcpy(c->buf + c->buflen, in, k);
		if (!block_do(c, c->buf, out, bs))
			return 0;
		in += k;
		out += bs;
		todo -= bs;
		*outl += bs;
	}
	if (todo) {
		if (!block_do(c, in, out, todo))
			return 0;
		*outl += todo;
	}
	memcpy(c->buf, save, tail);
	c->buflen = tail;
	return 1;
}

static int block_final(struct cctx *c, unsigned char *out, size_t *outl,
		       size_t outsize)
{
	size_t bs = c->d->bs, pad, i;
	unsigned char blk[16];
	unsigned int bad = 0;

	*outl = 0;
	if (c->enc) {
		if (!c->pad) {
			if (c->buflen) {
				ocf_err(c->p, OCF_R_BAD_LENGTH, "data not a multiple of the block length");
				return 0;
			}
			return 1;
		}
		if (outsize < bs) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
			return 0;
		}
		pad = bs - c->buflen;
		memset(c->buf + c->buflen, (int)pad, pad);
		if (!block_do(c, c->buf, out, bs))
			return 0;
		c->buflen = 0;
		*outl = bs;
		return 1;
	}
	if (!c->pad) {
		if (c->buflen) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "data not a multiple of the block length");
			return 0;
		}
		return 1;
	}
	if (c->buflen != bs) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "wrong final block length");
		return 0;
	}
	if (!block_do(c, c->buf, blk, bs))
		return 0;
	c->buflen = 0;
	pad = blk[bs - 1];
	bad |= pad == 0 || pad > bs;
	for (i = 0; i < bs && !bad; i++)
		if (i >= bs - pad)
			bad |= blk[i] != pad;
	if (bad) {
		ocf_cleanse(blk, sizeof(blk));
		ocf_err(c->p, OCF_R_BAD_DECRYPT, "bad decrypt (padding)");
		return 0;
	}
	if (outsize < bs - pad) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
		return 0;
	}
	memcpy(out, blk, bs - pad);
	ocf_cleanse(blk, sizeof(blk));
	*outl = bs - pad;
	return 1;
}

static int tls_version_explicit_iv(unsigned int v)
{
	return (v >= TLS1_1_VERSION && v < 0x0400) || v == 0x0100 ||
	       v == 0xfeff || v == 0xfefd;
}

/*
 * A whole TLS 1.x CBC record (libssl set tls-version): encryption adds the
 * TLS padding (libssl leaves it to the provider) and encrypts; decryption
 * decrypts, then strips explicit IV, padding and MAC, the MAC going to the
 * "tls-mac" parameter.  A bad padding yields a random MAC, so that libssl
 * fails the record at the MAC check.
 */
static int block_tls(struct cctx *c, unsigned char *out, size_t *outl,
		     size_t outsize, const unsigned char *in, size_t inl)
{
	size_t bs = c->d->bs, n, pad, i, off = 0;
	int good = 1;

	*outl = 0;
	if (c->tlsversion < 0x0301 && c->tlsversion != 0x0100 && c->tlsversion < 0xfe00) {
		ocf_err(c->p, OCF_R_UNSUPPORTED, "TLS version %#x", c->tlsversion);
		return 0;
	}
	if (c->enc) {
		pad = bs - inl % bs;
		if (inl + pad > outsize) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
			return 0;
		}
		if (out != in)
			memmove(out, in, inl);
		memset(out + inl, (int)(pad - 1), pad);
		if (!block_do(c, out, out, inl + pad))
			return 0;
		*outl = inl + pad;
		return 1;
	}
	if (!inl || inl % bs || inl > outsize) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "bad TLS record length");
		return 0;
	}
	if (!block_do(c, in, out, inl))
		return 0;
	if (tls_version_explicit_iv(c->tlsversion))
		off = bs;
	if (inl < off + c->tlsmacsize + 1) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "TLS record too short");
		return 0;
	}
	n = inl - off;
	pad = out[inl - 1];
	if (pad + 1 + c->tlsmacsize > n) {
		good = 0;
	} else {
		for (i = 0; i <= pad; i++)
			if (out[inl - 1 - i] != pad)
				good = 0;
	}
	if (good)
		n -= pad + 1;
	c->tlsmac_set = 0;
	if (c->tlsmacsize) {
		if (c->tlsmacsize > sizeof(c->tlsmac))
			return 0;
		n -= c->tlsmacsize;
		if (good)
			memcpy(c->tlsmac, out + off + n, c->tlsmacsize);
		else if (!ocf_random(c->tlsmac, c->tlsmacsize))
			return 0;
		c->tlsmac_set = 1;
	} else if (!good) {
		ocf_err(c->p, OCF_R_BAD_DECRYPT, "bad TLS record padding");
		return 0;
	}
	*outl = n;
	return 1;
}

/* ------------------------------------------------------------------- XTS */

static int xts_op(struct cctx *c, const unsigned char *in, unsigned char *out,
		  size_t len)
{
	unsigned char iv[16];
	int ret;

	memcpy(iv, c->iv, 16);
	ret = ocf_crypt(c->p, c->ses, c->enc ? COP_ENCRYPT : COP_DECRYPT, 0,
			in, out, len, iv, NULL);
	if (ret) {
		ocf_kerr(c->p, c->enc ? "encrypt" : "decrypt", c->d->kname, -ret);
		return 0;
	}
	return 1;
}

/*
 * XTS of one data unit.  The module takes whole blocks only, so a tail of
 * r < 16 bytes is done here by ciphertext stealing (IEEE 1619): block j of
 * the unit is transformed with its own tweak by running the unit's first
 * j + 1 blocks, whatever the earlier ones hold, and keeping the last.
 */
static int xts_do(struct cctx *c, const unsigned char *in, unsigned char *out,
		  size_t len)
{
	size_t m = len / 16, r = len % 16, last = (m - 1) * 16;
	unsigned char keep[16], tail[16];
	unsigned char *s;

	if (!r)
		return xts_op(c, in, out, len);
	if (!reserve(c, &c->scratch, &c->scratchcap, (m + 1) * 16))
		return 0;
	s = c->scratch;
	memcpy(tail, in + m * 16, r);
	if (c->enc) {
		/* CC = E_{m-1}(P_{m-1}); C_m = CC[0..r); C_{m-1} = E_m(P_m || CC[r..]) */
		if (!xts_op(c, in, out, m * 16))
			return 0;
		memcpy(keep, out + last, 16);
		memcpy(s + m * 16, tail, r);
		memcpy(s + m * 16 + r, keep + r, 16 - r);
		if (!xts_op(c, s, s, (m + 1) * 16))
			return 0;
		memcpy(out + last, s + m * 16, 16);
		memcpy(out + m * 16, keep, r);
		return 1;
	}
	/* PP = D_m(C_{m-1}); P_m = PP[0..r); P_{m-1} = D_{m-1}(C_m || PP[r..]) */
	memcpy(s + m * 16, in + last, 16);
	if (!xts_op(c, s, s, (m + 1) * 16))
		return 0;
	memcpy(keep, s + m * 16, 16);
	if (last)
		memcpy(s, in, last);
	memcpy(s + last, tail, r);
	memcpy(s + last + r, keep + r, 16 - r);
	if (!xts_op(c, s, s, m * 16))
		return 0;
	memcpy(out, s, m * 16);
	memcpy(out + m * 16, keep, r);
	ocf_cleanse(keep, sizeof(keep));
	return 1;
}

/* ------------------------------------------------------------------ AEAD */

/* The kernel's IV for this message (CCM: the 16-byte counter block A0). */
static size_t kernel_iv(const struct cctx *c, unsigned char kiv[16])
{
	if (c->d->mode == M_CCM) {
		memset(kiv, 0, 16);
		kiv[0] = (unsigned char)(14 - c->ivlen);	/* L - 1 */
		memcpy(kiv + 1, c->iv, c->ivlen);
		return 16;
	}
	memcpy(kiv, c->iv, 12);
	return 12;
}

/*
 * One kernel AEAD operation over a whole message: encryption writes
 * len bytes of ciphertext to out and the tag to c->tag (or tag_out);
 * decryption reads len bytes of ciphertext from in and tag, and writes the
 * plaintext to out only if the tag verified.  Returns 1, 0 (error raised),
 * or -1 for a tag mismatch (no error raised).
 */
static int aead_once(struct cctx *c, const unsigned char *aad, size_t aadlen,
		     const unsigned char *in, unsigned char *out, size_t len,
		     const unsigned char *tag_in, unsigned char *tag_out, size_t taglen)
{
	unsigned char kiv[16];
	size_t ivl = kernel_iv(c, kiv);
	int ret;

	if (!reserve(c, &c->scratch, &c->scratchcap, len + AEAD_TAG_MAX))
		return 0;
	if (c->enc) {
		ret = ocf_aead(c->p, c->ses, COP_ENCRYPT, aad, aadlen, in, c->scratch,
			       len, kiv, ivl, taglen);
		if (!ret) {
			if (out)
				memcpy(out, c->scratch, len);
			memcpy(tag_out, c->scratch + len, taglen);
			return 1;
		}
	} else {
		if (len)
			memcpy(c->scratch, in, len);
		memcpy(c->scratch + len, tag_in, taglen);
		ret = ocf_aead(c->p, c->ses, COP_DECRYPT, aad, aadlen, c->scratch,
			       c->scratch, len + taglen, kiv, ivl, taglen);
		if (!ret) {
			if (out)
				memcpy(out, c->scratch, len);
			return 1;
		}
		if (ret == -EBADMSG)
			return -1;
	}
	ocf_kerr(c->p, c->enc ? "aead encrypt" : "aead decrypt", c->d->kname, -ret);
	return 0;
}

static void aead_reset(struct cctx *c)
{
	c->aadlen = c->datalen = 0;
	c->data_started = c->spec_ok = c->failed = 0;
	c->tag_ready = c->final_done = 0;
	c->ccm_len_set = 0;
	if (c->ivset)
		stream_start(c);
}

static int aead_data(struct cctx *c, unsigned char *out, size_t *outl,
		     size_t outsize, const unsigned char *in, size_t inl)
{
	int r;

	*outl = 0;
	if (!c->ivset || !c->keyset) {
		ocf_err(c->p, OCF_R_STATE, "no key or IV set");
		return 0;
	}
	if (inl > outsize) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
		return 0;
	}
	if (c->d->mode == M_CCM) {
		/* CCM: the whole message in one update, as in OpenSSL */
		if (c->data_started || (c->ccm_len_set && c->ccm_len != inl)) {
			ocf_err(c->p, OCF_R_STATE, "CCM takes the message in one update of the announced length");
			return 0;
		}
		if (!c->enc && !c->tag_set) {
			ocf_err(c->p, OCF_R_TAG, "CCM decryption needs the tag first");
			return 0;
		}
		c->data_started = 1;
		r = aead_once(c, c->aad, c->aadlen, in, out, inl, c->tag, c->tag, c->taglen);
		if (r <= 0) {
			c->failed = 1;
			if (r < 0)
				ocf_err(c->p, OCF_R_TAG, "CCM tag mismatch");
			return 0;
		}
		c->tag_ready = c->enc;
		*outl = inl;
		return 1;
	}
	if (!inl)
		return 1;
	if (!append(c, &c->data, &c->datalen, &c->datacap, in, inl))
		return 0;
	if (!c->data_started) {
		c->data_started = 1;
		if (c->enc || c->tag_set) {
			r = aead_once(c, c->aad, c->aadlen, c->data, out, inl,
				      c->tag, c->spec_tag, c->enc ? AEAD_TAG_MAX : c->taglen);
			if (r == 0)
				return 0;
			if (r > 0) {
				c->spec_ok = 1;
				c->spec_len = inl;
				/* the stream continues after this chunk */
				ctr_add(c, inl / stream_bs(c));
				c->ks_off = inl % stream_bs(c);
				c->ks_valid = 0;
				*outl = inl;
				return 1;
			}
			/* tag mismatch: maybe more data follows; decrypt it */
		}
	}
	if (!open_stream_session(c) ||
	    !stream_xor(c, c->sses, c->data + c->datalen - inl, out, inl))
		return 0;
	*outl = inl;
	return 1;
}

static int aead_final_msg(struct cctx *c, size_t *outl);

/* The message is over: a decryption tag is used up. */
static int aead_final(struct cctx *c, size_t *outl)
{
	int r = aead_final_msg(c, outl);

	if (!c->enc)
		c->tag_set = 0;
	return r;
}

static int aead_final_msg(struct cctx *c, size_t *outl)
{
	int r;

	*outl = 0;
	if (c->final_done || c->failed) {
		ocf_err(c->p, OCF_R_STATE, "message already finished");
		return 0;
	}
	if (!c->ivset || !c->keyset) {
		ocf_err(c->p, OCF_R_STATE, "no key or IV set");
		return 0;
	}
	c->final_done = 1;
	if (c->d->mode == M_CCM) {
		if (!c->data_started) {
			size_t n;

			if (!aead_data(c, NULL, &n, 0, NULL, 0))
				return 0;
		}
		return 1;
	}
	if (c->enc) {
		if (c->spec_ok && c->spec_len == c->datalen) {
			memcpy(c->tag, c->spec_tag, AEAD_TAG_MAX);
		} else {
			r = aead_once(c, c->aad, c->aadlen, c->data, NULL, c->datalen,
				      NULL, c->tag, AEAD_TAG_MAX);
			if (r <= 0)
				return 0;
		}
		c->taglen = AEAD_TAG_MAX;
		c->tag_ready = 1;
		return 1;
	}
	if (!c->tag_set) {
		ocf_err(c->p, OCF_R_TAG, "no tag set for decryption");
		return 0;
	}
	if (c->spec_ok && c->spec_len == c->datalen)
		return 1;
	r = aead_once(c, c->aad, c->aadlen, c->data, NULL, c->datalen,
		      c->tag, NULL, c->taglen);
	if (r < 0)
		ocf_err(c->p, OCF_R_TAG, "tag mismatch");
	return r > 0;
}

/*
 * A TLS 1.2 record (tlsaad set): GCM: explicit nonce || data || tag,
 * ChaCha20-Poly1305: data || tag, in one kernel operation.
 */
static int aead_tls(struct cctx *c, unsigned char *out, size_t *outl,
		    size_t outsize, const unsigned char *in, size_t inl)
{
	size_t eiv = c->d->mode == M_GCM ? GCM_EIV_LEN : 0;
	unsigned char kiv[16];
	size_t n;
	int ret;

	*outl = 0;
	c->tls_aad_set = 0;
	if (inl < eiv + AEAD_TAG_MAX || inl > outsize || !c->keyset) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "bad TLS record");
		return 0;
	}
	n = inl - eiv - AEAD_TAG_MAX;
	if (c->d->mode == M_GCM) {
		if (c->enc) {
			if (!c->iv_gen) {
				ocf_err(c->p, OCF_R_STATE, "no TLS fixed IV");
				return 0;
			}
			memcpy(out, c->iv + 4, GCM_EIV_LEN);
			memcpy(kiv, c->iv, 12);
			/* next record: increment the invocation field */
			for (int i = 11; i >= 4; i--)
				if (++c->iv[i])
					break;
		} else {
			memcpy(kiv, c->iv, 4);
			memcpy(kiv + 4, in, GCM_EIV_LEN);
		}
	} else {
		/* nonce: fixed IV XOR the record sequence number */
		memcpy(kiv, c->iv, 12);
		for (int i = 0; i < 8; i++)
			kiv[4 + i] ^= c->tls_aad[i];
	}
	if (c->enc)
		ret = ocf_aead(c->p, c->ses, COP_ENCRYPT, c->tls_aad, TLS_AAD_LEN,
			       in + eiv, out + eiv, n, kiv, 12, AEAD_TAG_MAX);
	else
		ret = ocf_aead(c->p, c->ses, COP_DECRYPT, c->tls_aad, TLS_AAD_LEN,
			       in + eiv, out + eiv, n + AEAD_TAG_MAX, kiv, 12, AEAD_TAG_MAX);
	if (ret) {
		if (ret == -EBADMSG)
			ocf_err(c->p, OCF_R_TAG, "TLS record tag mismatch");
		else
			ocf_kerr(c->p, c->enc ? "aead encrypt" : "aead decrypt", c->d->kname, -ret);
		return 0;
	}
	*outl = c->enc ? inl : n;
	return 1;
}

/* ------------------------------------------------------- context, params */

static void *cctx_new(void *provctx, const struct cdesc *d)
{
	struct cctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->p = provctx;
	c->d = d;
	c->pad = 1;
	c->ivlen = d->ivlen;
	c->taglen = d->mode == M_CCM ? 12 : AEAD_TAG_MAX;
	/* like OpenSSL's: a block or stream mode without IV uses zeros */
	c->ivset = d->mode < M_GCM;
	return c;
}

static void cctx_free(void *vc)
{
	struct cctx *c = vc;

	if (!c)
		return;
	close_sessions(c);
	pipe_free(c->pipe);
	drop(&c->aad, &c->aadcap);
	drop(&c->data, &c->datacap);
	drop(&c->scratch, &c->scratchcap);
	ocf_cleanse(c, sizeof(*c));
	free(c);
}

static unsigned char *dup_buf(const unsigned char *b, size_t cap, int *ok)
{
	unsigned char *n;

	if (!b)
		return NULL;
	n = malloc(cap);
	if (!n) {
		*ok = 0;
		return NULL;
	}
	memcpy(n, b, cap);
	return n;
}

static void *cctx_dup(void *vc)
{
	struct cctx *src = vc, *c = malloc(sizeof(*c));
	int ok = 1;

	if (!c)
		return NULL;
	*c = *src;
	c->ses = c->sses = 0;
	c->gen = ocf_fork_gen;
	c->scratch = NULL;
	c->scratchcap = 0;
	c->pipe = NULL;		/* a copy does not carry pipeline messages */
	c->aad = dup_buf(src->aad, src->aadcap, &ok);
	c->data = dup_buf(src->data, src->datacap, &ok);
	/* the same driver, so that the copy computes what the original would */
	if (!ok || (src->ses && !open_session(c, src->driver))) {
		cctx_free(c);
		return NULL;
	}
	return c;
}

static int set_ctx_params(void *vc, const OSSL_PARAM params[]);

static int cctx_init(struct cctx *c, const unsigned char *key, size_t keylen,
		     const unsigned char *iv, size_t ivlen,
		     const OSSL_PARAM params[], int enc)
{
	c->enc = enc;
	c->buflen = 0;
	c->tls_aad_set = 0;
	if (!set_ctx_params(c, params))
		return 0;
	if (key) {
		if (keylen != c->d->keylen) {
			ocf_err(c->p, OCF_R_BAD_KEY_LENGTH, "key length %zu, %s takes %zu",
				keylen, c->d->kname, c->d->keylen);
			return 0;
		}
		close_sessions(c);
		memcpy(c->key, key, keylen);
		c->keyset = 0;
		if (!open_session(c, NULL))
			return 0;
		c->keyset = 1;
		c->iv_gen = 0;
	}
	if (iv && c->d->mode != M_ECB) {
		if (ivlen < c->ivlen) {
			ocf_err(c->p, OCF_R_BAD_IV_LENGTH, "IV length %zu, need %zu", ivlen, c->ivlen);
			return 0;
		}
		memcpy(c->oiv, iv, c->ivlen);
		memcpy(c->iv, iv, c->ivlen);
		c->ivset = 1;
	} else if (c->d->mode == M_CBC) {
		/* EVP re-init without an IV restarts CBC from the original one */
		memcpy(c->iv, c->oiv, c->ivlen);
	} else if (c->d->mode == M_CTR) {
		/* ... and continues CTR at the next whole block */
		if (c->ks_off)
			ctr_add(c, 1);
		c->ks_off = 0;
		c->ks_valid = 0;
		return 1;
	}
	if (c->d->mode == M_ECB)
		c->ivset = 1;
	stream_start(c);
	aead_reset(c);
	return 1;
}

static int cctx_einit(void *vc, const unsigned char *key, size_t keylen,
		      const unsigned char *iv, size_t ivlen, const OSSL_PARAM params[])
{
	return cctx_init(vc, key, keylen, iv, ivlen, params, 1);
}

static int cctx_dinit(void *vc, const unsigned char *key, size_t keylen,
		      const unsigned char *iv, size_t ivlen, const OSSL_PARAM params[])
{
	return cctx_init(vc, key, keylen, iv, ivlen, params, 0);
}

static int cctx_update(void *vc, unsigned char *out, size_t *outl,
		       size_t outsize, const unsigned char *in, size_t inl)
{
	struct cctx *c = vc;

	*outl = 0;
	if (!check_fork(c))
		return 0;
	if (!c->keyset) {
		ocf_err(c->p, OCF_R_STATE, "no key set");
		return 0;
	}
	switch (c->d->mode) {
	case M_ECB:
	case M_CBC:
		if (c->tlsversion)
			return block_tls(c, out, outl, outsize, in, inl);
		if (!c->ivset) {
			ocf_err(c->p, OCF_R_STATE, "no IV set");
			return 0;
		}
		return block_update(c, out, outl, outsize, in, inl);
	case M_CTR:
		if (!c->ivset) {
			ocf_err(c->p, OCF_R_STATE, "no IV set");
			return 0;
		}
		if (inl > outsize) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "output buffer too small");
			return 0;
		}
		if (!stream_xor(c, c->ses, in, out, inl))
			return 0;
		*outl = inl;
		return 1;
	case M_XTS:
		if (!c->ivset) {
			ocf_err(c->p, OCF_R_STATE, "no IV set");
			return 0;
		}
		if (inl < 16 || inl + 16 > c->p->max_request || inl > outsize) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "XTS data of %zu bytes", inl);
			return 0;
		}
		if (!xts_do(c, in, out, inl))
			return 0;
		*outl = inl;
		return 1;
	default:
		break;
	}
	/* AEAD */
	if (c->tls_aad_set)
		return aead_tls(c, out, outl, outsize, in, inl);
	if (!out) {
		if (c->d->mode == M_CCM && !in) {
			c->ccm_len = inl;
			c->ccm_len_set = 1;
			*outl = inl;
			return 1;
		}
		if (c->data_started) {
			ocf_err(c->p, OCF_R_STATE, "AAD after data");
			return 0;
		}
		if (!append(c, &c->aad, &c->aadlen, &c->aadcap, in, inl))
			return 0;
		*outl = inl;
		return 1;
	}
	return aead_data(c, out, outl, outsize, in, inl);
}

static int cctx_final(void *vc, unsigned char *out, size_t *outl, size_t outsize)
{
	struct cctx *c = vc;

	*outl = 0;
	if (!check_fork(c))
		return 0;
	if (!c->keyset) {
		ocf_err(c->p, OCF_R_STATE, "no key set");
		return 0;
	}
	switch (c->d->mode) {
	case M_ECB:
	case M_CBC:
		if (c->tlsversion)
			return 1;
		return block_final(c, out, outl, outsize);
	case M_CTR:
	case M_XTS:
		return 1;
	default:
		break;
	}
	return aead_final(c, outl);
}

/* EVP_Cipher(): raw blocks for ECB/CBC, update-or-final otherwise. */
static int cctx_cipher(void *vc, unsigned char *out, size_t *outl, size_t outsize,
		       const unsigned char *in, size_t inl)
{
	struct cctx *c = vc;

	*outl = 0;
	if (!check_fork(c))
		return 0;
	if ((c->d->mode == M_ECB || c->d->mode == M_CBC) && !c->tlsversion) {
		if (!c->keyset || inl % c->d->bs || inl > outsize) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "not a multiple of the block length");
			return 0;
		}
		if (!block_do(c, in, out, inl))
			return 0;
		*outl = inl;
		return 1;
	}
	if (!in && c->d->mode >= M_GCM && !c->tls_aad_set)
		return cctx_final(c, out, outl, outsize);
	return cctx_update(c, out, outl, outsize, in, inl);
}

static int get_ctx_params(void *vc, OSSL_PARAM params[])
{
	struct cctx *c = vc;
	OSSL_PARAM *p;

	if (!ocf_set_size(params, OSSL_CIPHER_PARAM_IVLEN, c->ivlen) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_KEYLEN, c->d->keylen) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_PADDING, (uint64_t)c->pad) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_NUM, c->ks_off) ||
	    !ocf_set_size(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, AEAD_TAG_MAX) ||
	    !ocf_set_str(params, OCF_PARAM_DRIVER, c->driver))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAGLEN);
	if (p && !ocf_param_set_u64(p, c->taglen))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_IV);
	if (p && !ocf_param_set_octets(p, c->oiv, c->ivlen))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_UPDATED_IV);
	if (p) {
		unsigned char cur[16];

		memcpy(cur, c->iv, sizeof(cur));
		if (c->d->mode == M_CTR) {
			/* the counter of the next unused block, as OpenSSL's */
			unsigned char save[16];

			memcpy(save, c->ctr, 16);
			if (c->ks_off)
				ctr_add(c, 1);
			memcpy(cur, c->ctr, 16);
			memcpy(c->ctr, save, 16);
		}
		if (!ocf_param_set_octets(p, cur, c->ivlen))
			return 0;
	}
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TAG);
	if (p) {
		if (c->d->mode < M_GCM || !c->enc || !c->tag_ready ||
		    p->data_type != OSSL_PARAM_OCTET_STRING || !p->data ||
		    !p->data_size || p->data_size > c->taglen) {
			ocf_err(c->p, OCF_R_TAG, "no tag to get");
			return 0;
		}
		memcpy(p->data, c->tag, p->data_size);
		p->return_size = p->data_size;
	}
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_AEAD_TLS1_GET_IV_GEN);
	if (p) {
		size_t n = p->data_size;

		if (c->d->mode != M_GCM || !c->iv_gen || p->data_type != OSSL_PARAM_OCTET_STRING ||
		    !n || n > 12)
			return 0;
		memcpy(p->data, c->iv + 12 - n, n);
		p->return_size = n;
		for (int i = 11; i >= 4; i--)
			if (++c->iv[i])
				break;
		c->ivset = 1;
		stream_start(c);
	}
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_TLS_MAC);
	if (p && !(c->tlsmac_set && ocf_param_set_octets(p, c->tlsmac, c->tlsmacsize)))
		return 0;
	p = ocf_param_locate(params, OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG);
	if (p && !pipe_get_tags(c, p))
		return 0;
	return 1;
}

static int set_ctx_params(void *vc, const OSSL_PARAM params[])
{
	struct cctx *c = vc;
	const OSSL_PARAM *p;
	const void *data;
	uint64_t v;
	size_t n;

	if (!params)
		return 1;
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_PADDING);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		c->pad = v != 0;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_KEYLEN);
	if (p && !(ocf_param_get_u64(p, &v) && v == c->d->keylen)) {
		ocf_err(c->p, OCF_R_BAD_KEY_LENGTH, "%s has a fixed key length", c->d->kname);
		return 0;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_TLS_VERSION);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		if (c->d->mode == M_ECB || c->d->mode == M_CBC)
			c->tlsversion = (unsigned int)v;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_TLS_MAC_SIZE);
	if (p) {
		if (!ocf_param_get_u64(p, &v) || v > sizeof(c->tlsmac))
			return 0;
		c->tlsmacsize = (size_t)v;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_NUM);
	if (p && c->d->mode == M_CTR) {
		if (!ocf_param_get_u64(p, &v) || v >= 16)
			return 0;
		c->ks_off = (size_t)v;
		c->ks_valid = 0;
	}
	if (c->d->mode < M_GCM)
		return 1;
	/* AEAD */
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG);
	if (p && !pipe_set_tags(c, p))
		return 0;
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_IVLEN);
	if (p) {
		if (!ocf_param_get_u64(p, &v))
			return 0;
		if (c->d->mode == M_CCM ? (v < 7 || v > 13) : v != 12) {
			ocf_err(c->p, OCF_R_BAD_IV_LENGTH, "IV length %llu not supported by %s",
				(unsigned long long)v, c->d->kname);
			return 0;
		}
		c->ivlen = (size_t)v;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TAG);
	if (p) {
		if (p->data_type != OSSL_PARAM_OCTET_STRING || !p->data_size ||
		    p->data_size > AEAD_TAG_MAX ||
		    (c->d->mode == M_CCM && (p->data_size < 4 || p->data_size & 1))) {
			ocf_err(c->p, OCF_R_TAG, "bad tag length %zu", p->data_size);
			return 0;
		}
		if (p->data) {
			if (c->enc) {
				ocf_err(c->p, OCF_R_TAG, "tag set while encrypting");
				return 0;
			}
			memcpy(c->tag, p->data, p->data_size);
			c->tag_set = 1;
		}
		c->taglen = p->data_size;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_AAD);
	if (p) {
		size_t len, sub;

		if (!ocf_param_get_octets(p, &data, &n) || n != TLS_AAD_LEN || !data)
			return 0;
		memcpy(c->tls_aad, data, TLS_AAD_LEN);
		len = (size_t)c->tls_aad[11] << 8 | c->tls_aad[12];
		sub = (c->d->mode == M_GCM ? GCM_EIV_LEN : 0) + (c->enc ? 0 : AEAD_TAG_MAX);
		if (c->d->mode == M_CCM || len < sub) {
			ocf_err(c->p, OCF_R_UNSUPPORTED, "TLS AAD");
			return 0;
		}
		len -= sub;
		c->tls_aad[11] = (unsigned char)(len >> 8);
		c->tls_aad[12] = (unsigned char)len;
		c->tls_aad_set = 1;
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED);
	if (p) {
		if (!ocf_param_get_octets(p, &data, &n) || !data)
			return 0;
		if (n == 12) {
			memcpy(c->iv, data, 12);
		} else if (c->d->mode == M_GCM && n == 4) {
			memcpy(c->iv, data, 4);
			if (c->enc && !ocf_random(c->iv + 4, 8))
				return 0;
		} else {
			ocf_err(c->p, OCF_R_BAD_IV_LENGTH, "TLS fixed IV of %zu bytes", n);
			return 0;
		}
		c->ivlen = 12;
		c->iv_gen = 1;
		c->ivset = 1;
		stream_start(c);
	}
	p = ocf_param_locate_const(params, OSSL_CIPHER_PARAM_AEAD_TLS1_SET_IV_INV);
	if (p) {
		if (c->d->mode != M_GCM || c->enc || !c->iv_gen ||
		    !ocf_param_get_octets(p, &data, &n) || !data || !n || n > 8)
			return 0;
		memcpy(c->iv + 12 - n, data, n);
		c->ivset = 1;
		stream_start(c);
	}
	return 1;
}

/* ------------------------------------------------------------- pipelines */

/*
 * OpenSSL 3.5's cipher pipelines (EVP_CipherPipelineEncryptInit and the
 * rest): one key, N messages, each with its own IV, AAD and tag, moved
 * through one call.  For AES-GCM and AES-CBC the N messages of a data
 * update go to the kernel as one OCF_IOC_SUBMIT batch, reaped together
 * with OCF_IOC_REAP, on the context's own /dev/crypto: the completion
 * queue belongs to an open file, and a context is used by one thread at
 * a time.  (CBC: see pipe_cbc_update.)
 *
 * A GCM message is one data update (the kernel's AEAD is one-shot):
 * - encryption writes ciphertext and tag straight into the caller's
 *   output when it has room for the tag behind the data, else through a
 *   buffer; the tags are fetched with the "pipeline-tag" parameter;
 * - decryption with the tags set before the data verifies in that batch;
 *   with the tags set after it (the usual order), the update decrypts
 *   with ctr(aes) from counter 2 in one batch and the final verifies the
 *   kept ciphertexts in another.
 * Where the module cannot queue (no OCF_FEAT_BATCH, memory lock limits),
 * the operations run one by one synchronously.  OpenSSL 3.0 to 3.4 do not
 * know the function ids and ignore them.
 */
#ifndef OSSL_FUNC_CIPHER_PIPELINE_ENCRYPT_INIT
#define OSSL_FUNC_CIPHER_PIPELINE_ENCRYPT_INIT	15
#define OSSL_FUNC_CIPHER_PIPELINE_DECRYPT_INIT	16
#define OSSL_FUNC_CIPHER_PIPELINE_UPDATE	17
#define OSSL_FUNC_CIPHER_PIPELINE_FINAL		18
#endif

struct pipe_msg {
	unsigned char *aad, *buf;	/* AAD; ciphertext (+ tag) kept */
	size_t aadlen, aadcap, bufcap, len;
	unsigned char iv[12], ctr[16], tag[AEAD_TAG_MAX];
	int zc, bad;
	/* CBC: chaining IV, held-back partial (or last) block */
	unsigned char cbc_iv[16], blk[16];
	size_t blklen;
};

struct ocf_pipe {
	int fd;				/* our own /dev/crypto */
	unsigned int gen;		/* ocf_fork_gen when opened */
	uint32_t ses, sses;		/* gcm(aes), ctr(aes) on fd */
	size_t ses_taglen;
	size_t n, taglen;
	int enc, ivset, data_done, tag_set, tag_ready, verified, final_done;
	int cbc;			/* AES-CBC (else AES-GCM) */
	struct pipe_msg m[PIPES_MAX];
	struct ocf_crypt_desc d[PIPES_MAX];
	struct ocf_result r[PIPES_MAX];
	int st[PIPES_MAX];
};

static void pipe_close_sessions(struct ocf_pipe *pp)
{
	if (pp->fd >= 0 && pp->gen == ocf_fork_gen) {
		if (pp->ses)
			ioctl(pp->fd, CIOCFSESSION, &pp->ses);
		if (pp->sses)
			ioctl(pp->fd, CIOCFSESSION, &pp->sses);
	}
	pp->ses = 0;
	pp->sses = 0;
}

static void pipe_free(struct ocf_pipe *pp)
{
	if (!pp)
		return;
	pipe_close_sessions(pp);
	if (pp->fd >= 0)
		close(pp->fd);
	for (size_t i = 0; i < PIPES_MAX; i++) {
		drop(&pp->m[i].aad, &pp->m[i].aadcap);
		drop(&pp->m[i].buf, &pp->m[i].bufcap);
	}
	ocf_cleanse(pp, sizeof(*pp));
	free(pp);
}

/* The context's pipeline state with its own open /dev/crypto. */
static struct ocf_pipe *pipe_get(struct cctx *c)
{
	struct ocf_pipe *pp = c->pipe;

	if (pp && pp->fd >= 0 && pp->gen != ocf_fork_gen) {
		/* forked: the file and its queue are the parent's too */
		close(pp->fd);
		pp->fd = -1;
		pp->ses = 0;
		pp->sses = 0;
	}
	if (!pp) {
		pp = calloc(1, sizeof(*pp));
		if (!pp) {
			ocf_err(c->p, OCF_R_NO_MEMORY, "out of memory");
			return NULL;
		}
		pp->fd = -1;
		c->pipe = pp;
	}
	if (pp->fd < 0) {
		pp->fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
		if (pp->fd < 0) {
			ocf_kerr(c->p, "open", "/dev/crypto", errno);
			return NULL;
		}
		pp->gen = ocf_fork_gen;
	}
	return pp;
}

/* The AEAD session with this tag length, or the stream cipher's. */
static int pipe_session(struct cctx *c, struct ocf_pipe *pp, int stream,
			size_t taglen)
{
	struct ocf_sess_req r = { 0 };
	uint32_t *ses = stream ? &pp->sses : &pp->ses;

	if (*ses && (stream || pp->ses_taglen == taglen))
		return 1;
	if (*ses)
		ioctl(pp->fd, CIOCFSESSION, ses);
	r.cipher = stream ? c->d->stream : c->d->kname;
	r.key = c->key;
	r.keylen = c->d->keylen;
	/* the AEAD on the driver the context reports */
	r.driver = !stream && c->driver[0] ? c->driver : NULL;
	r.tag_len = stream || taglen == AEAD_TAG_MAX ? 0 : (unsigned int)taglen;
	*ses = ocf_session_fd(c->p, pp->fd, &r, stream ? NULL : c->driver);
	if (!*ses) {
		ocf_kerr(c->p, "session", r.cipher, errno);
		return 0;
	}
	if (!stream)
		pp->ses_taglen = taglen;
	return 1;
}

/* One descriptor the synchronous way (the module could not queue it). */
static int pipe_sync(struct ocf_pipe *pp, const struct ocf_crypt_desc *d)
{
	int ret;

	if (d->ses == pp->ses && !pp->cbc) {
		struct crypt_auth_op a;

		memset(&a, 0, sizeof(a));
		a.ses = d->ses;
		a.op = d->op;
		a.len = d->len;
		a.auth_len = d->auth_len;
		a.auth_src = (void *)(uintptr_t)d->auth_src;
		a.src = (void *)(uintptr_t)d->src;
		a.dst = (void *)(uintptr_t)d->dst;
		a.iv = (void *)(uintptr_t)d->iv;
		a.iv_len = d->iv_len;
		ret = ioctl(pp->fd, CIOCAUTHCRYPT, &a);
	} else {
		struct crypt_op o;

		memset(&o, 0, sizeof(o));
		o.ses = d->ses;
		o.op = d->op;
		o.len = d->len;
		o.src = (void *)(uintptr_t)d->src;
		o.dst = (void *)(uintptr_t)d->dst;
		o.iv = (void *)(uintptr_t)d->iv;
		ret = ioctl(pp->fd, CIOCCRYPT, &o);
	}
	return ret < 0 ? -errno : 0;
}

/*
 * Run descriptors d[0..nd), whose user_data is their pipe, as one batch
 * and wait for all of them: pp->st[pipe] gets each status.
 */
static int pipe_run(struct cctx *c, struct ocf_pipe *pp, size_t nd)
{
	size_t next = 0, out = 0, i;
	int batch = (c->p->features & OCF_FEAT_BATCH) != 0;

	while (next < nd || out) {
		if (next < nd) {
			struct ocf_submit sb;

			memset(&sb, 0, sizeof(sb));
			sb.count = (uint32_t)(nd - next);
			sb.descs = (uintptr_t)&pp->d[next];
			if (batch && !ioctl(pp->fd, OCF_IOC_SUBMIT, &sb)) {
				next += sb.submitted;
				out += sb.submitted;
				continue;
			}
			if (batch && errno == EINTR)
				continue;
			if (!out) {
				/* nothing queued, nothing in flight: run it here */
				if (batch && (errno == ENOTTY || errno == EOPNOTSUPP))
					batch = 0;
				pp->st[pp->d[next].user_data] = pipe_sync(pp, &pp->d[next]);
				next++;
				continue;
			}
			/* the queue is full: make room */
		}
		{
			struct ocf_reap rp;

			memset(&rp, 0, sizeof(rp));
			rp.count = (uint32_t)out;
			rp.min = (uint32_t)out;
			rp.results = (uintptr_t)pp->r;
			if (ioctl(pp->fd, OCF_IOC_REAP, &rp) < 0) {
				if (errno == EINTR)
					continue;
				ocf_kerr(c->p, "reap", c->d->kname, errno);
				return 0;
			}
			for (i = 0; i < rp.reaped; i++)
				if (pp->r[i].user_data < PIPES_MAX)
					pp->st[pp->r[i].user_data] = pp->r[i].status;
			out -= rp.reaped;
		}
	}
	return 1;
}

static void pipe_desc(struct ocf_pipe *pp, size_t k, size_t pipe, uint32_t ses,
		      int op, const void *src, void *dst, size_t len)
{
	struct ocf_crypt_desc *d = &pp->d[k];
	struct pipe_msg *m = &pp->m[pipe];

	memset(d, 0, sizeof(*d));
	d->ses = ses;
	d->op = (uint16_t)op;
	d->len = (uint32_t)len;
	d->src = (uintptr_t)src;
	d->dst = (uintptr_t)dst;
	d->user_data = pipe;
	pp->st[pipe] = 0;
	if (ses == pp->ses && !pp->cbc) {
		d->iv = (uintptr_t)m->iv;
		d->iv_len = sizeof(m->iv);
		d->auth_src = (uintptr_t)m->aad;
		d->auth_len = (uint32_t)m->aadlen;
	} else {
		d->iv = (uintptr_t)m->ctr;
	}
}

static int overlap(const void *a, size_t alen, const void *b, size_t blen)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return x < y + blen && y < x + alen;
}

/* Encrypt every pipe's message (none given: empty ones) in one batch. */
static int pipe_encrypt(struct cctx *c, struct ocf_pipe *pp, unsigned char **out,
			const size_t *outsize, const unsigned char **in,
			const size_t *inl)
{
	size_t i;

	if (!pipe_session(c, pp, 0, AEAD_TAG_MAX))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];
		size_t len = in ? inl[i] : 0;
		void *dst;

		m->len = len;
		m->zc = len && outsize[i] >= len + AEAD_TAG_MAX &&
			(out[i] == in[i] || !overlap(in[i], len, out[i], len + AEAD_TAG_MAX));
		if (m->zc) {
			dst = out[i];
		} else {
			if (!reserve(c, &m->buf, &m->bufcap, len + AEAD_TAG_MAX))
				return 0;
			dst = m->buf;
		}
		pipe_desc(pp, i, i, pp->ses, COP_ENCRYPT, len ? in[i] : NULL, dst, len);
	}
	if (!pipe_run(c, pp, pp->n))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		if (pp->st[i]) {
			ocf_kerr(c->p, "batch aead encrypt", c->d->kname, -pp->st[i]);
			return 0;
		}
		if (m->zc) {
			memcpy(m->tag, out[i] + m->len, AEAD_TAG_MAX);
		} else {
			if (m->len)
				memcpy(out[i], m->buf, m->len);
			memcpy(m->tag, m->buf + m->len, AEAD_TAG_MAX);
		}
	}
	pp->tag_ready = 1;
	return 1;
}

/*
 * Decrypt and verify each pipe's kept ciphertext || tag in place (the
 * final, or the update when the tags came first: then into out).
 */
static int pipe_verify(struct cctx *c, struct ocf_pipe *pp, unsigned char **out)
{
	size_t i;
	int bad = 0;

	if (!pipe_session(c, pp, 0, pp->taglen))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		memcpy(m->buf + m->len, m->tag, pp->taglen);
		pipe_desc(pp, i, i, pp->ses, COP_DECRYPT, m->buf,
			  out && m->len ? out[i] : m->buf, m->len + pp->taglen);
	}
	if (!pipe_run(c, pp, pp->n))
		return 0;
	for (i = 0; i < pp->n; i++) {
		if (pp->st[i] == -EBADMSG) {
			pp->m[i].bad = 1;
			bad = 1;
			/* nothing was written: no stale plaintext either */
			if (out && pp->m[i].len)
				memset(out[i], 0, pp->m[i].len);
		} else if (pp->st[i]) {
			ocf_kerr(c->p, "batch aead decrypt", c->d->kname, -pp->st[i]);
			return 0;
		}
	}
	pp->verified = 1;
	return bad ? -1 : 1;
}

/* Decryption data: keep the ciphertexts, then verify or decrypt them. */
static int pipe_decrypt(struct cctx *c, struct ocf_pipe *pp, unsigned char **out,
			const unsigned char **in, const size_t *inl)
{
	size_t i, nd = 0;

	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];
		size_t len = in ? inl[i] : 0;

		m->len = len;
		if (!reserve(c, &m->buf, &m->bufcap, len + AEAD_TAG_MAX))
			return 0;
		if (len)
			memcpy(m->buf, in[i], len);
	}
	if (pp->tag_set)
		return pipe_verify(c, pp, out) != 0;	/* a mismatch fails the final */
	if (!out)
		return 1;
	if (!pipe_session(c, pp, 1, 0))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		if (!m->len)
			continue;
		/* GCM's data starts at counter 2: IV || 00000002 */
		memcpy(m->ctr, m->iv, 12);
		memset(m->ctr + 12, 0, 3);
		m->ctr[15] = 2;
		pipe_desc(pp, nd++, i, pp->sses, COP_ENCRYPT, m->buf, out[i], m->len);
	}
	if (nd && !pipe_run(c, pp, nd))
		return 0;
	for (i = 0; i < pp->n; i++) {
		if (pp->m[i].len && pp->st[i]) {
			ocf_kerr(c->p, "batch decrypt", c->d->stream, -pp->st[i]);
			return 0;
		}
	}
	return 1;
}

/*
 * CBC: each update sends every pipe's whole blocks (a held-back partial
 * block first) as one descriptor of a batch, the IV chained here; with
 * padding, decryption holds back the last block for the final.
 */
static int pipe_cbc_update(struct cctx *c, struct ocf_pipe *pp, unsigned char **out,
			   size_t *outl, const size_t *outsize,
			   const unsigned char **in, const size_t *inl)
{
	size_t i, nd = 0;

	if (!pipe_session(c, pp, 0, AEAD_TAG_MAX))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];
		size_t total = m->blklen + inl[i], todo = total / 16 * 16, tail;
		const unsigned char *src = in[i];

		if (!pp->enc && c->pad && todo && todo == total)
			todo -= 16;	/* the last block may be padding */
		if (todo > outsize[i]) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "pipe %zu: output buffer too small", i);
			return 0;
		}
		m->len = todo;
		outl[i] = todo;
		if (!todo) {
			if (inl[i])
				memcpy(m->blk + m->blklen, in[i], inl[i]);
			m->blklen += inl[i];
			continue;
		}
		tail = total - todo;
		if (m->blklen) {
			if (!reserve(c, &m->buf, &m->bufcap, todo))
				return 0;
			memcpy(m->buf, m->blk, m->blklen);
			memcpy(m->buf + m->blklen, in[i], todo - m->blklen);
			src = m->buf;
		}
		/* what stays, saved before the output may overwrite it */
		memcpy(m->blk, in[i] + inl[i] - tail, tail);
		m->blklen = tail;
		memcpy(m->ctr, m->cbc_iv, 16);
		if (!pp->enc)
			memcpy(m->cbc_iv, src + todo - 16, 16);
		pipe_desc(pp, nd++, i, pp->ses, pp->enc ? COP_ENCRYPT : COP_DECRYPT,
			  src, out[i], todo);
	}
	if (nd && !pipe_run(c, pp, nd))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		if (!m->len)
			continue;
		if (pp->st[i]) {
			ocf_kerr(c->p, pp->enc ? "batch encrypt" : "batch decrypt",
				 c->d->kname, -pp->st[i]);
			return 0;
		}
		if (pp->enc)
			memcpy(m->cbc_iv, out[i] + m->len - 16, 16);
	}
	return 1;
}

/* CBC final: the padding blocks of all pipes in one batch, or checks. */
static int pipe_cbc_final(struct cctx *c, struct ocf_pipe *pp, unsigned char **out,
			  size_t *outl, const size_t *outsize)
{
	size_t i, pad;

	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		if (!c->pad ? m->blklen != 0 : !pp->enc && m->blklen != 16) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "pipe %zu: %s", i,
				c->pad ? "wrong final block length" :
					 "data not a multiple of the block length");
			return 0;
		}
		if (c->pad && pp->enc && outsize[i] < 16) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "pipe %zu: output buffer too small", i);
			return 0;
		}
	}
	if (!c->pad)
		return 1;
	if (!pipe_session(c, pp, 0, AEAD_TAG_MAX))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];

		if (pp->enc) {
			pad = 16 - m->blklen;
			memset(m->blk + m->blklen, (int)pad, pad);
		} else if (!reserve(c, &m->buf, &m->bufcap, 16)) {
			return 0;
		}
		memcpy(m->ctr, m->cbc_iv, 16);
		pipe_desc(pp, i, i, pp->ses, pp->enc ? COP_ENCRYPT : COP_DECRYPT,
			  m->blk, pp->enc ? out[i] : m->buf, 16);
	}
	if (!pipe_run(c, pp, pp->n))
		return 0;
	for (i = 0; i < pp->n; i++) {
		struct pipe_msg *m = &pp->m[i];
		unsigned int bad = 0;

		if (pp->st[i]) {
			ocf_kerr(c->p, pp->enc ? "batch encrypt" : "batch decrypt",
				 c->d->kname, -pp->st[i]);
			return 0;
		}
		m->blklen = 0;
		if (pp->enc) {
			outl[i] = 16;
			continue;
		}
		pad = m->buf[15];
		bad |= pad == 0 || pad > 16;
		for (size_t k = 16 - (bad ? 16 : pad); k < 16 && !bad; k++)
			bad |= m->buf[k] != pad;
		if (bad || outsize[i] < 16 - pad) {
			ocf_cleanse(m->buf, 16);
			ocf_err(c->p, OCF_R_BAD_DECRYPT, "bad decrypt (padding, pipe %zu)", i);
			return 0;
		}
		memcpy(out[i], m->buf, 16 - pad);
		ocf_cleanse(m->buf, 16);
		outl[i] = 16 - pad;
	}
	return 1;
}

static int pipe_init(struct cctx *c, const unsigned char *key, size_t keylen,
		     size_t n, const unsigned char **iv, size_t ivlen,
		     const OSSL_PARAM params[], int enc)
{
	struct ocf_pipe *pp;
	size_t i;

	if (c->d->mode != M_GCM && c->d->mode != M_CBC) {
		ocf_err(c->p, OCF_R_UNSUPPORTED, "no pipelines for %s", c->d->kname);
		return 0;
	}
	if (!n || n > PIPES_MAX) {
		ocf_err(c->p, OCF_R_BAD_LENGTH, "%zu pipes (1 to %d)", n, PIPES_MAX);
		return 0;
	}
	pp = pipe_get(c);
	if (!pp)
		return 0;
	if (key) {
		/* the context's own session too: its driver is the pipes' */
		if (!cctx_init(c, key, keylen, NULL, 0, NULL, enc))
			return 0;
		pipe_close_sessions(pp);
	}
	c->enc = enc;
	pp->enc = enc;
	pp->n = n;
	pp->cbc = c->d->mode == M_CBC;
	if (iv) {
		if (ivlen != c->d->ivlen) {
			ocf_err(c->p, OCF_R_BAD_IV_LENGTH, "IV length %zu, need %zu",
				ivlen, c->d->ivlen);
			return 0;
		}
		for (i = 0; i < n; i++) {
			if (c->d->mode == M_CBC)
				memcpy(pp->m[i].cbc_iv, iv[i], 16);
			else
				memcpy(pp->m[i].iv, iv[i], 12);
		}
		pp->ivset = 1;
	}
	for (i = 0; i < n; i++) {
		pp->m[i].blklen = 0;
		pp->m[i].aadlen = 0;
		pp->m[i].len = 0;
		pp->m[i].bad = 0;
	}
	pp->data_done = 0;
	pp->tag_set = 0;
	pp->tag_ready = 0;
	pp->verified = 0;
	pp->final_done = 0;
	pp->taglen = AEAD_TAG_MAX;
	return set_ctx_params(c, params);
}

static int pipe_einit(void *vc, const unsigned char *key, size_t keylen, size_t n,
		      const unsigned char **iv, size_t ivlen, const OSSL_PARAM params[])
{
	return pipe_init(vc, key, keylen, n, iv, ivlen, params, 1);
}

static int pipe_dinit(void *vc, const unsigned char *key, size_t keylen, size_t n,
		      const unsigned char **iv, size_t ivlen, const OSSL_PARAM params[])
{
	return pipe_init(vc, key, keylen, n, iv, ivlen, params, 0);
}

/* The pipeline of this context, ready for n pipes' data, or NULL. */
static struct ocf_pipe *pipe_ready(struct cctx *c, size_t n)
{
	struct ocf_pipe *pp = c->pipe;

	if (!pp || n != pp->n || !c->keyset || !pp->ivset) {
		ocf_err(c->p, OCF_R_STATE, "pipeline not initialised (key, IVs, %zu pipes)", n);
		return NULL;
	}
	if (pp->final_done) {
		ocf_err(c->p, OCF_R_STATE, "pipeline messages already finished");
		return NULL;
	}
	if (pp->gen != ocf_fork_gen)
		return pipe_get(c);
	return pp;
}

static int pipe_update(void *vc, size_t n, unsigned char **out, size_t *outl,
		       const size_t *outsize, const unsigned char **in,
		       const size_t *inl)
{
	struct cctx *c = vc;
	struct ocf_pipe *pp = pipe_ready(c, n);
	size_t i;

	if (!pp)
		return 0;
	if (pp->cbc) {
		if (!out) {
			ocf_err(c->p, OCF_R_STATE, "no AAD with %s", c->d->kname);
			return 0;
		}
		for (i = 0; i < n; i++) {
			if ((inl[i] && (!out[i] || !in[i])) || inl[i] > c->p->max_request) {
				ocf_err(c->p, OCF_R_BAD_LENGTH, "pipe %zu: %zu bytes", i, inl[i]);
				return 0;
			}
		}
		return pipe_cbc_update(c, pp, out, outl, outsize, in, inl);
	}
	if (!out) {
		/* AAD */
		if (pp->data_done) {
			ocf_err(c->p, OCF_R_STATE, "AAD after data");
			return 0;
		}
		for (i = 0; i < n; i++) {
			struct pipe_msg *m = &pp->m[i];

			if (!append(c, &m->aad, &m->aadlen, &m->aadcap, in[i], inl[i]))
				return 0;
			outl[i] = inl[i];
		}
		return 1;
	}
	if (pp->data_done) {
		ocf_err(c->p, OCF_R_STATE,
			"a pipeline takes each message in one data update");
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (inl[i] > outsize[i] || (inl[i] && (!out[i] || !in[i])) ||
		    inl[i] > c->p->max_request) {
			ocf_err(c->p, OCF_R_BAD_LENGTH, "pipe %zu: %zu bytes, output of %zu",
				i, inl[i], outsize[i]);
			return 0;
		}
	}
	pp->data_done = 1;
	if (!(pp->enc ? pipe_encrypt(c, pp, out, outsize, in, inl) :
			pipe_decrypt(c, pp, out, in, inl)))
		return 0;
	for (i = 0; i < n; i++)
		outl[i] = inl[i];
	return 1;
}

static int pipe_final(void *vc, size_t n, unsigned char **out, size_t *outl,
		      const size_t *outsize)
{
	struct cctx *c = vc;
	struct ocf_pipe *pp = pipe_ready(c, n);
	size_t i;

	if (!pp)
		return 0;
	for (i = 0; i < n; i++)
		outl[i] = 0;
	pp->final_done = 1;
	if (pp->cbc)
		return pipe_cbc_final(c, pp, out, outl, outsize);
	if (pp->enc) {
		if (!pp->data_done && !pipe_encrypt(c, pp, NULL, NULL, NULL, NULL))
			return 0;
		return 1;
	}
	if (!pp->data_done && !pipe_decrypt(c, pp, NULL, NULL, NULL))
		return 0;
	if (!pp->verified) {
		if (!pp->tag_set) {
			ocf_err(c->p, OCF_R_TAG, "no tags set for decryption");
			return 0;
		}
		if (!pipe_verify(c, pp, NULL))
			return 0;
	}
	pp->tag_set = 0;
	for (i = 0; i < n; i++) {
		if (pp->m[i].bad) {
			ocf_err(c->p, OCF_R_TAG, "tag mismatch (pipe %zu of %zu)", i, n);
			return 0;
		}
	}
	return 1;
}

/* "pipeline-tag": an array of n tag buffers of p->data_size bytes each. */
static int pipe_get_tags(struct cctx *c, OSSL_PARAM *p)
{
	struct ocf_pipe *pp = c->pipe;
	unsigned char **tags;

	if (!pp || !pp->enc || !pp->tag_ready || p->data_type != OSSL_PARAM_OCTET_PTR ||
	    !p->data || !p->data_size || p->data_size > AEAD_TAG_MAX) {
		ocf_err(c->p, OCF_R_TAG, "no pipeline tags to get");
		return 0;
	}
	tags = *(unsigned char ***)p->data;
	for (size_t i = 0; i < pp->n; i++)
		memcpy(tags[i], pp->m[i].tag, p->data_size);
	p->return_size = p->data_size;
	return 1;
}

static int pipe_set_tags(struct cctx *c, const OSSL_PARAM *p)
{
	struct ocf_pipe *pp = c->pipe;
	unsigned char *const *tags;
	size_t n = p->data_size;

	/* the lengths gcm(aes) takes */
	if (!pp || pp->enc || p->data_type != OSSL_PARAM_OCTET_PTR || !p->data ||
	    !(n == 4 || n == 8 || (n >= 12 && n <= AEAD_TAG_MAX))) {
		ocf_err(c->p, OCF_R_TAG, "pipeline tags of %zu bytes", n);
		return 0;
	}
	tags = *(unsigned char *const **)p->data;
	if (!tags)
		return 0;
	for (size_t i = 0; i < pp->n; i++)
		memcpy(pp->m[i].tag, tags[i], n);
	pp->taglen = n;
	pp->tag_set = 1;
	return 1;
}

static const OSSL_PARAM cipher_param_types[] = {
	{ OSSL_CIPHER_PARAM_MODE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_IVLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_BLOCK_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_AEAD, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_CUSTOM_IV, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_CTS, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ OSSL_CIPHER_PARAM_HAS_RAND_KEY, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM cipher_ctx_gettable[] = {
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_IVLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_PADDING, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_NUM, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_IV, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_UPDATED_IV, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TAG, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TAGLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_GET_IV_GEN, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_TLS_MAC, OSSL_PARAM_OCTET_PTR, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG, OSSL_PARAM_OCTET_PTR, NULL, 0, 0 },
	{ OCF_PARAM_DRIVER, OSSL_PARAM_UTF8_STRING, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM cipher_ctx_settable[] = {
	{ OSSL_CIPHER_PARAM_KEYLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_PADDING, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_NUM, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_IVLEN, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TAG, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_AEAD_TLS1_SET_IV_INV, OSSL_PARAM_OCTET_STRING, NULL, 0, 0 },
	{ OSSL_CIPHER_PARAM_TLS_VERSION, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(unsigned int), 0 },
	{ OSSL_CIPHER_PARAM_TLS_MAC_SIZE, OSSL_PARAM_UNSIGNED_INTEGER, NULL, sizeof(size_t), 0 },
	{ OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG, OSSL_PARAM_OCTET_PTR, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *cipher_gettable_params(void *provctx)
{
	return cipher_param_types;
}

static const OSSL_PARAM *cipher_gettable_ctx_params(void *cctx, void *provctx)
{
	return cipher_ctx_gettable;
}

static const OSSL_PARAM *cipher_settable_ctx_params(void *cctx, void *provctx)
{
	return cipher_ctx_settable;
}

static int cipher_get_params(const struct cdesc *d, OSSL_PARAM params[])
{
	int aead = d->mode >= M_GCM;

	return ocf_set_size(params, OSSL_CIPHER_PARAM_MODE, d->evp_mode) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_KEYLEN, d->keylen) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_IVLEN, d->ivlen) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_BLOCK_SIZE, d->bs) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_AEAD, (uint64_t)aead) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_CUSTOM_IV,
			    (uint64_t)(aead || d->mode == M_XTS)) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_CTS, 0) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_TLS1_MULTIBLOCK, 0) &&
	       ocf_set_size(params, OSSL_CIPHER_PARAM_HAS_RAND_KEY, 0);
}

#define FN(id, f) { id, (void (*)(void))(f) }

/* PIPE: the pipeline functions (PIPE_FNS), or nothing */
#define PIPE_FNS								\
		FN(OSSL_FUNC_CIPHER_PIPELINE_ENCRYPT_INIT, pipe_einit),		\
		FN(OSSL_FUNC_CIPHER_PIPELINE_DECRYPT_INIT, pipe_dinit),		\
		FN(OSSL_FUNC_CIPHER_PIPELINE_UPDATE, pipe_update),		\
		FN(OSSL_FUNC_CIPHER_PIPELINE_FINAL, pipe_final),
#define NO_PIPE

#define CIPHER(id, mode, kname, stream, keylen, ivlen, bs, evpm, PIPE)	\
	static const struct cdesc id##_desc = {					\
		mode, kname, stream, keylen, ivlen, bs, evpm };			\
	static void *id##_new(void *provctx)					\
	{									\
		return cctx_new(provctx, &id##_desc);				\
	}									\
	static int id##_get_params(OSSL_PARAM params[])			\
	{									\
		return cipher_get_params(&id##_desc, params);			\
	}									\
	static const OSSL_DISPATCH id##_fns[] = {				\
		FN(OSSL_FUNC_CIPHER_NEWCTX, id##_new),				\
		FN(OSSL_FUNC_CIPHER_FREECTX, cctx_free),			\
		FN(OSSL_FUNC_CIPHER_DUPCTX, cctx_dup),				\
		FN(OSSL_FUNC_CIPHER_ENCRYPT_INIT, cctx_einit),			\
		FN(OSSL_FUNC_CIPHER_DECRYPT_INIT, cctx_dinit),			\
		FN(OSSL_FUNC_CIPHER_UPDATE, cctx_update),			\
		FN(OSSL_FUNC_CIPHER_FINAL, cctx_final),				\
		FN(OSSL_FUNC_CIPHER_CIPHER, cctx_cipher),			\
		FN(OSSL_FUNC_CIPHER_GET_PARAMS, id##_get_params),		\
		FN(OSSL_FUNC_CIPHER_GETTABLE_PARAMS, cipher_gettable_params),	\
		FN(OSSL_FUNC_CIPHER_GET_CTX_PARAMS, get_ctx_params),		\
		FN(OSSL_FUNC_CIPHER_SET_CTX_PARAMS, set_ctx_params),		\
		FN(OSSL_FUNC_CIPHER_GETTABLE_CTX_PARAMS, cipher_gettable_ctx_params), \
		FN(OSSL_FUNC_CIPHER_SETTABLE_CTX_PARAMS, cipher_settable_ctx_params), \
		PIPE								\
		{ 0, NULL }							\
	}

CIPHER(aes128ecb, M_ECB, "ecb(aes)", NULL, 16, 0, 16, EVPM_ECB, NO_PIPE);
CIPHER(aes192ecb, M_ECB, "ecb(aes)", NULL, 24, 0, 16, EVPM_ECB, NO_PIPE);
CIPHER(aes256ecb, M_ECB, "ecb(aes)", NULL, 32, 0, 16, EVPM_ECB, NO_PIPE);
CIPHER(aes128cbc, M_CBC, "cbc(aes)", NULL, 16, 16, 16, EVPM_CBC, PIPE_FNS);
CIPHER(aes192cbc, M_CBC, "cbc(aes)", NULL, 24, 16, 16, EVPM_CBC, PIPE_FNS);
CIPHER(aes256cbc, M_CBC, "cbc(aes)", NULL, 32, 16, 16, EVPM_CBC, PIPE_FNS);
CIPHER(aes128ctr, M_CTR, "ctr(aes)", NULL, 16, 16, 1, EVPM_CTR, NO_PIPE);
CIPHER(aes192ctr, M_CTR, "ctr(aes)", NULL, 24, 16, 1, EVPM_CTR, NO_PIPE);
CIPHER(aes256ctr, M_CTR, "ctr(aes)", NULL, 32, 16, 1, EVPM_CTR, NO_PIPE);
CIPHER(aes128xts, M_XTS, "xts(aes)", NULL, 32, 16, 1, EVPM_XTS, NO_PIPE);
CIPHER(aes256xts, M_XTS, "xts(aes)", NULL, 64, 16, 1, EVPM_XTS, NO_PIPE);
CIPHER(aes128gcm, M_GCM, "gcm(aes)", "ctr(aes)", 16, 12, 1, EVPM_GCM, PIPE_FNS);
CIPHER(aes192gcm, M_GCM, "gcm(aes)", "ctr(aes)", 24, 12, 1, EVPM_GCM, PIPE_FNS);
CIPHER(aes256gcm, M_GCM, "gcm(aes)", "ctr(aes)", 32, 12, 1, EVPM_GCM, PIPE_FNS);
CIPHER(aes128ccm, M_CCM, "ccm(aes)", NULL, 16, 12, 1, EVPM_CCM, NO_PIPE);
CIPHER(aes192ccm, M_CCM, "ccm(aes)", NULL, 24, 12, 1, EVPM_CCM, NO_PIPE);
CIPHER(aes256ccm, M_CCM, "ccm(aes)", NULL, 32, 12, 1, EVPM_CCM, NO_PIPE);
CIPHER(chapoly, M_CHAPOLY, "rfc7539(chacha20,poly1305)", "chacha20", 32, 12, 1,
	EVPM_STREAM, NO_PIPE);

#define PROPS "provider=ocf"
#define ALG(names, id, desc)							\
	{ { names, PROPS, id##_fns, "ocf " desc }, id##_desc.kname,		\
	  id##_desc.stream, (unsigned int)id##_desc.keylen, 0, 0 }

const struct ocf_alg_probe ocf_cipher_algs[] = {
	ALG("AES-128-ECB:2.16.840.1.101.3.4.1.1", aes128ecb, "ecb(aes)"),
	ALG("AES-192-ECB:2.16.840.1.101.3.4.1.21", aes192ecb, "ecb(aes)"),
	ALG("AES-256-ECB:2.16.840.1.101.3.4.1.41", aes256ecb, "ecb(aes)"),
	ALG("AES-128-CBC:AES128:2.16.840.1.101.3.4.1.2", aes128cbc, "cbc(aes)"),
	ALG("AES-192-CBC:AES192:2.16.840.1.101.3.4.1.22", aes192cbc, "cbc(aes)"),
	ALG("AES-256-CBC:AES256:2.16.840.1.101.3.4.1.42", aes256cbc, "cbc(aes)"),
	ALG("AES-128-CTR", aes128ctr, "ctr(aes)"),
	ALG("AES-192-CTR", aes192ctr, "ctr(aes)"),
	ALG("AES-256-CTR", aes256ctr, "ctr(aes)"),
	ALG("AES-128-XTS:1.3.111.2.1619.0.1.1", aes128xts, "xts(aes)"),
	ALG("AES-256-XTS:1.3.111.2.1619.0.1.2", aes256xts, "xts(aes)"),
	ALG("AES-128-GCM:id-aes128-GCM:2.16.840.1.101.3.4.1.6", aes128gcm, "gcm(aes)"),
	ALG("AES-192-GCM:id-aes192-GCM:2.16.840.1.101.3.4.1.26", aes192gcm, "gcm(aes)"),
	ALG("AES-256-GCM:id-aes256-GCM:2.16.840.1.101.3.4.1.46", aes256gcm, "gcm(aes)"),
	ALG("AES-128-CCM:id-aes128-CCM:2.16.840.1.101.3.4.1.7", aes128ccm, "ccm(aes)"),
	ALG("AES-192-CCM:id-aes192-CCM:2.16.840.1.101.3.4.1.27", aes192ccm, "ccm(aes)"),
	ALG("AES-256-CCM:id-aes256-CCM:2.16.840.1.101.3.4.1.47", aes256ccm, "ccm(aes)"),
	ALG("ChaCha20-Poly1305", chapoly, "rfc7539(chacha20,poly1305)"),
	{ { NULL, NULL, NULL, NULL }, NULL, NULL, 0, 0, 0 }
};
