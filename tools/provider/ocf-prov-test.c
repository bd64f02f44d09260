// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-prov-test: the ocf provider against OpenSSL's default provider.
 *
 * Every cipher, digest and HMAC the ocf provider offers is run with random
 * keys, IVs, AAD and lengths (0..64 KiB), fed in random update splits,
 * with a context duplicated at a random point and continued on both
 * copies, and compared with the default provider's output; decryption,
 * AEAD tag verification (and its failure on a changed tag) and CBC/ECB
 * padding are checked the same way.  TAP output, one line per algorithm.
 *
 *   ocf-prov-test [-n ITERATIONS] [-s SEED] [-r ALG]  (env OCF_PROVIDER_DRIVERS)
 *   ocf-prov-test -e ALG    exit 0 if the provider offers ALG
 *   ocf-prov-test -a CERT.pem:KEY.pem   a changed TLS 1.2 MAC-then-encrypt
 *                           record gives a bad_record_mac alert
 *
 * The provider is looked for where OPENSSL_MODULES points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

static OSSL_LIB_CTX *octx, *rctx;
static int tests, failed, skipped;
static unsigned int iters = 24;

#define MAXLEN 65536

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)(random() % n) : 0;
}

static void rbytes(unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)random();
}

/* A length: mostly short ones, sometimes up to 64 KiB. */
static size_t rlen(void)
{
	switch (rnd(4)) {
	case 0: return rnd(48);
	case 1: return rnd(600);
	case 2: return rnd(8192);
	default: return rnd(MAXLEN + 1);
	}
}

static void result(int ok, const char *fmt, const char *name, const char *detail)
{
	tests++;
	if (!ok)
		failed++;
	printf("%sok %d - %s%s%s\n", ok ? "" : "not ", tests, fmt, name, detail ? detail : "");
	if (!ok)
		ERR_print_errors_fp(stdout);
	ERR_clear_error();
	fflush(stdout);
}

static const char *driver_of(EVP_CIPHER_CTX *c)
{
	static char drv[64];
	OSSL_PARAM p[2] = {
		OSSL_PARAM_utf8_string("ocf-driver", drv, sizeof(drv)),
		OSSL_PARAM_END
	};

	drv[0] = 0;
	if (!EVP_CIPHER_CTX_get_params(c, p))
		return "?";
	return drv;
}

/* ------------------------------------------------------------- ciphers */

struct cmsg {
	const EVP_CIPHER *c;
	unsigned char key[64], iv[16], tag[16];
	size_t keylen, ivlen, aadlen, len, taglen;
	int aead, mode, pad;
	unsigned char *aad, *in;
};

/* Feed in to ctx in random pieces; out gets the output; dup at random. */
static int feed(EVP_CIPHER_CTX *ctx, EVP_CIPHER_CTX **dup, size_t *dupat,
		const unsigned char *in, size_t len, unsigned char *out, int *outl)
{
	size_t off = 0;
	int n, total = 0;

	*dupat = (size_t)-1;
	while (off < len || (!len && !total && off == 0)) {
		size_t k = len - off;

		if (k && rnd(3))
			k = 1 + rnd((unsigned int)(k > 4096 ? 4096 : k));
		if (dup && !*dup && rnd(3) == 0) {
			*dup = EVP_CIPHER_CTX_new();
			if (!*dup || !EVP_CIPHER_CTX_copy(*dup, ctx))
				return 0;
			*dupat = off;
		}
		if (!EVP_CipherUpdate(ctx, out + total, &n, in + off, (int)k))
			return 0;
		total += n;
		off += k;
		if (!len)
			break;
	}
	*outl = total;
	return 1;
}

static int run_cipher(OSSL_LIB_CTX *lib, const char *name, struct cmsg *m, int enc,
		      const unsigned char *in, size_t len, unsigned char *out, int *outl,
		      int split, int do_dup, int *tag_ok, unsigned char *tag_out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(lib, name, lib == octx ? "provider=ocf" : "provider=default");
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new(), *dup = NULL;
	int ok = 0, n, fin = 0;
	size_t dupat = 0;
	unsigned char *dout = NULL;

	if (!c || !ctx)
		goto out;
	if (!EVP_CipherInit_ex(ctx, c, NULL, NULL, NULL, enc))
		goto out;
	if (m->mode == EVP_CIPH_CCM_MODE) {
		if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)m->ivlen, NULL) ||
		    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)m->taglen,
					 enc ? NULL : m->tag))
			goto out;
	}
	if (!EVP_CipherInit_ex(ctx, NULL, NULL, m->key, m->ivlen ? m->iv : NULL, enc))
		goto out;
	EVP_CIPHER_CTX_set_padding(ctx, m->pad);
	if (m->aead && !enc && m->mode != EVP_CIPH_CCM_MODE && rnd(2) &&
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)m->taglen, m->tag))
		goto out;
	if (m->mode == EVP_CIPH_CCM_MODE) {
		if (!EVP_CipherUpdate(ctx, NULL, &n, NULL, (int)len))
			goto out;
		if (m->aadlen && !EVP_CipherUpdate(ctx, NULL, &n, m->aad, (int)m->aadlen))
			goto out;
		n = 0;
		if (!EVP_CipherUpdate(ctx, out, &n, in, (int)len)) {
			if (!enc) {
				*tag_ok = 0;
				ok = 1;
			}
			goto out;
		}
		*outl = n;
		if (!EVP_CipherFinal_ex(ctx, out + n, &fin))
			goto out;
		*tag_ok = 1;
		if (enc && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)m->taglen, tag_out))
			goto out;
		ok = 1;
		goto out;
	}
	if (m->aead && m->aadlen) {
		/* AAD in several updates */
		size_t off = 0;

		while (off < m->aadlen) {
			size_t k = 1 + rnd((unsigned int)(m->aadlen - off));

			if (!EVP_CipherUpdate(ctx, NULL, &n, m->aad + off, (int)k))
				goto out;
			off += k;
		}
	}
	if (split && m->mode != EVP_CIPH_XTS_MODE) {
		if (!feed(ctx, do_dup ? &dup : NULL, &dupat, in, len, out, outl))
			goto out;
	} else {
		if (!EVP_CipherUpdate(ctx, out, outl, in, (int)len))
			goto out;
	}
	if (m->aead && !enc && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)m->taglen, m->tag))
		goto out;
	if (!EVP_CipherFinal_ex(ctx, out + *outl, &fin)) {
		if (m->aead && !enc) {
			*tag_ok = 0;
			ok = 1;
		}
		goto out;
	}
	*tag_ok = 1;
	*outl += fin;
	if (m->aead && enc && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)m->taglen, tag_out))
		goto out;
	ok = 1;
	if (dup) {
		/* the copy continues from where it was made and must agree */
		int dl, df = 0;
		unsigned char dtag[16];

		dout = malloc(len + 64);
		if (!dout)
			goto out;
		if (m->aead && !enc && !EVP_CIPHER_CTX_ctrl(dup, EVP_CTRL_AEAD_SET_TAG, (int)m->taglen, m->tag))
			ok = 0;
		if (ok && (!EVP_CipherUpdate(dup, dout, &dl, in + dupat, (int)(len - dupat)) ||
			   !EVP_CipherFinal_ex(dup, dout + dl, &df))) {
			ok = 0;
		} else if (ok) {
			dl += df;
			/* the copy's output is the tail of the original's */
			if ((size_t)dl > (size_t)*outl ||
			    memcmp(dout, out + *outl - dl, (size_t)dl))
				ok = 0;
			if (ok && m->aead && enc &&
			    (!EVP_CIPHER_CTX_ctrl(dup, EVP_CTRL_AEAD_GET_TAG, (int)m->taglen, dtag) ||
			     memcmp(dtag, tag_out, m->taglen)))
				ok = 0;
		}
		if (!ok)
			printf("# duplicated context (at %zu of %zu) disagrees\n", dupat, len);
	}
out:
	free(dout);
	EVP_CIPHER_CTX_free(dup);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok;
}

static void test_cipher(const char *name)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(octx, name, "provider=ocf");
	unsigned char *in = malloc(MAXLEN), *r = malloc(MAXLEN + 64),
		      *o = malloc(MAXLEN + 64), *back = malloc(MAXLEN + 64);
	unsigned char rtag[16], otag[16];
	char detail[160];
	struct cmsg m;
	int ok = 1;
	const char *drv = "?";

	if (!c) {
		tests++;
		skipped++;
		printf("ok %d - %s # SKIP not offered by the ocf provider\n", tests, name);
		ERR_clear_error();
		goto done;
	}
	{
		EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
		unsigned char k[64] = { 1, 2, 3 };

		for (int i = 0; i < 64; i++)
			k[i] = (unsigned char)i;
		if (EVP_CipherInit_ex(x, c, NULL, k, NULL, 1))
			drv = driver_of(x);
		EVP_CIPHER_CTX_free(x);
	}
	memset(&m, 0, sizeof(m));
	m.mode = EVP_CIPHER_get_mode(c);
	m.aead = (EVP_CIPHER_get_flags(c) & EVP_CIPH_FLAG_AEAD_CIPHER) != 0;
	m.keylen = (size_t)EVP_CIPHER_get_key_length(c);
	m.aad = malloc(4096);
	for (unsigned int it = 0; ok && it < iters; it++) {
		int rl = 0, ol = 0, bl = 0, rok = 0, ook = 0, bok = 0;
		size_t bs = (size_t)EVP_CIPHER_get_block_size(c);

		rbytes(m.key, m.keylen);
		if (m.mode == EVP_CIPH_XTS_MODE)
			m.key[m.keylen / 2] ^= 1;
		m.ivlen = (size_t)EVP_CIPHER_get_iv_length(c);
		m.taglen = 16;
		if (m.mode == EVP_CIPH_CCM_MODE) {
			m.ivlen = 7 + rnd(7);
			m.taglen = 4 + 2 * rnd(7);
		}
		rbytes(m.iv, sizeof(m.iv));
		m.aadlen = m.aead ? (rnd(4) ? rnd(64) : rnd(4096)) : 0;
		rbytes(m.aad, m.aadlen);
		m.len = rlen();
		m.pad = 1;
		if (m.mode == EVP_CIPH_XTS_MODE && m.len < 16)
			m.len = 16 + rnd(100);
		if ((m.mode == EVP_CIPH_CBC_MODE || m.mode == EVP_CIPH_ECB_MODE) && rnd(3) == 0) {
			m.pad = 0;
			m.len -= m.len % bs;
		}
		rbytes(in, m.len);
		/* encrypt: default (one update) vs ocf (random splits, a copy) */
		if (!run_cipher(rctx, name, &m, 1, in, m.len, r, &rl, 0, 0, &rok, rtag) ||
		    !run_cipher(octx, name, &m, 1, in, m.len, o, &ol, 1, 1, &ook, otag)) {
			snprintf(detail, sizeof(detail), " (encrypt failed, len %zu)", m.len);
			ok = 0;
			break;
		}
		if (rl != ol || memcmp(r, o, (size_t)rl) || (m.aead && memcmp(rtag, otag, m.taglen))) {
			snprintf(detail, sizeof(detail), " (ciphertext or tag differs, len %zu aad %zu)",
				 m.len, m.aadlen);
			ok = 0;
			break;
		}
		/* decrypt on ocf, with the right tag */
		memcpy(m.tag, rtag, 16);
		if (!run_cipher(octx, name, &m, 0, r, (size_t)rl, back, &bl, 1, 1, &bok, NULL) ||
		    !bok || (size_t)bl != m.len || memcmp(back, in, m.len)) {
			snprintf(detail, sizeof(detail), " (decrypt failed, len %zu)", m.len);
			ok = 0;
			break;
		}
		/* AEAD: a changed tag must fail */
		if (m.aead) {
			m.tag[rnd((unsigned int)m.taglen)] ^= (unsigned char)(1 + rnd(255));
			bok = 1;
			if (!run_cipher(octx, name, &m, 0, r, (size_t)rl, back, &bl, 1, 0, &bok, NULL) ||
			    bok) {
				snprintf(detail, sizeof(detail), " (a wrong tag was accepted, len %zu)", m.len);
				ok = 0;
				break;
			}
		}
	}
	if (ok)
		snprintf(detail, sizeof(detail), " (%u messages, driver %s)", iters, drv);
	result(ok, "cipher ", name, detail);
	free(m.aad);
done:
	EVP_CIPHER_free(c);
	free(in);
	free(r);
	free(o);
	free(back);
}

/* ------------------------------------------------------ digests and MACs */

static int digest_once(OSSL_LIB_CTX *lib, const char *name, const unsigned char *in,
		       size_t len, unsigned char *md, unsigned int *mdlen, int split)
{
	EVP_MD *d = EVP_MD_fetch(lib, name, lib == octx ? "provider=ocf" : "provider=default");
	EVP_MD_CTX *ctx = EVP_MD_CTX_new(), *dup = NULL;
	unsigned char dmd[64];
	unsigned int dl;
	size_t off = 0, dupat = 0;
	int ok = 0;

	if (!d || !ctx || !EVP_DigestInit_ex(ctx, d, NULL))
		goto out;
	while (off < len) {
		size_t k = split ? 1 + rnd((unsigned int)(len - off > 20000 ? 20000 : len - off)) :
			   len - off;

		if (split && !dup && rnd(3) == 0) {
			dup = EVP_MD_CTX_new();
			if (!dup || !EVP_MD_CTX_copy_ex(dup, ctx))
				goto out;
			dupat = off;
		}
		if (!EVP_DigestUpdate(ctx, in + off, k))
			goto out;
		off += k;
	}
	if (!EVP_DigestFinal_ex(ctx, md, mdlen))
		goto out;
	ok = 1;
	if (dup && (!EVP_DigestUpdate(dup, in + dupat, len - dupat) ||
		    !EVP_DigestFinal_ex(dup, dmd, &dl) || dl != *mdlen || memcmp(dmd, md, dl))) {
		printf("# duplicated digest context disagrees\n");
		ok = 0;
	}
out:
	EVP_MD_CTX_free(dup);
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(d);
	return ok;
}

static void test_digest(const char *name)
{
	EVP_MD *d = EVP_MD_fetch(octx, name, "provider=ocf");
	unsigned char *in = malloc(3 * MAXLEN), r[64], o[64];
	unsigned int rl, ol;
	char detail[128] = "";
	int ok = 1;

	if (!d) {
		tests++;
		skipped++;
		printf("ok %d - digest %s # SKIP not offered by the ocf provider\n", tests, name);
		ERR_clear_error();
		free(in);
		return;
	}
	for (unsigned int it = 0; ok && it < iters; it++) {
		size_t len = it == 0 ? 0 : it == 1 ? 3 * MAXLEN : rlen();

		rbytes(in, len);
		if (!digest_once(rctx, name, in, len, r, &rl, 0) ||
		    !digest_once(octx, name, in, len, o, &ol, 1) || rl != ol || memcmp(r, o, rl)) {
			snprintf(detail, sizeof(detail), " (differs, len %zu)", len);
			ok = 0;
		}
	}
	if (ok)
		snprintf(detail, sizeof(detail), " (%u messages)", iters);
	result(ok, "digest ", name, detail);
	EVP_MD_free(d);
	free(in);
}

static int hmac_once(OSSL_LIB_CTX *lib, const char *md, const unsigned char *key,
		     size_t keylen, const unsigned char *in, size_t len,
		     unsigned char *out, size_t *outl, int split)
{
	EVP_MAC *mac = EVP_MAC_fetch(lib, "HMAC", lib == octx ? "provider=ocf" : "provider=default");
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL, *dup = NULL;
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_utf8_string("digest", (char *)md, 0),
		OSSL_PARAM_END
	};
	unsigned char dout[64];
	size_t off = 0, dupat = 0, dl;
	int ok = 0;

	if (!ctx || !EVP_MAC_init(ctx, key, keylen, p))
		goto out;
	while (off < len) {
		size_t k = split ? 1 + rnd((unsigned int)(len - off)) : len - off;

		if (split && !dup && rnd(2) == 0) {
			dup = EVP_MAC_CTX_dup(ctx);
			if (!dup)
				goto out;
			dupat = off;
		}
		if (!EVP_MAC_update(ctx, in + off, k))
			goto out;
		off += k;
	}
	if (!EVP_MAC_final(ctx, out, outl, 64))
		goto out;
	ok = 1;
	if (dup && (!EVP_MAC_update(dup, in + dupat, len - dupat) ||
		    !EVP_MAC_final(dup, dout, &dl, 64) || dl != *outl || memcmp(dout, out, dl))) {
		printf("# duplicated HMAC context disagrees\n");
		ok = 0;
	}
out:
	EVP_MAC_CTX_free(dup);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok;
}

static void test_hmac(const char *md)
{
	EVP_MAC *mac = EVP_MAC_fetch(octx, "HMAC", "provider=ocf");
	unsigned char *in = malloc(MAXLEN), key[1100], r[64], o[64];
	size_t rl, ol;
	char detail[128] = "";
	int ok = 1;

	if (!mac) {
		tests++;
		skipped++;
		printf("ok %d - HMAC-%s # SKIP HMAC not offered by the ocf provider\n", tests, md);
		ERR_clear_error();
		free(in);
		return;
	}
	for (unsigned int it = 0; ok && it < iters; it++) {
		size_t len = rlen(), keylen = it == 0 ? 0 : it == 1 ? 513 + rnd(500) :
			     1 + rnd(it & 1 ? 200 : 40);

		rbytes(in, len);
		rbytes(key, keylen);
		if (!hmac_once(rctx, md, key, keylen, in, len, r, &rl, 0) ||
		    !hmac_once(octx, md, key, keylen, in, len, o, &ol, 1) ||
		    rl != ol || memcmp(r, o, rl)) {
			snprintf(detail, sizeof(detail), " (differs, len %zu key %zu)", len, keylen);
			ok = 0;
		}
	}
	if (ok)
		snprintf(detail, sizeof(detail), " (%u messages)", iters);
	result(ok, "HMAC-", md, detail);
	EVP_MAC_free(mac);
	free(in);
}

/*
 * fork(): a child continues a CBC context it inherited after the parent
 * freed its copy (and so the session), and a digest context while the
 * parent still has its copy (the running hash is in the parent's session,
 * the child copies it); then the parent finishes its digest.  Everything
 * must equal the default provider's results.
 */
static void test_fork(void)
{
	EVP_MD *d = EVP_MD_fetch(octx, "SHA256", "provider=ocf");
	EVP_CIPHER *c = EVP_CIPHER_fetch(octx, "AES-128-CBC", "provider=ocf");
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	EVP_CIPHER_CTX *cctx = EVP_CIPHER_CTX_new();
	unsigned char key[16], iv[16], data[20000], md[32], ref[32], out[3100], rout[3100];
	unsigned int mdl;
	int pfd[2], n, ok = 0, st;
	pid_t pid;

	if (!d || !c) {
		tests++;
		skipped++;
		printf("ok %d - fork # SKIP SHA256 or AES-128-CBC not offered\n", tests);
		goto out;
	}
	rbytes(key, sizeof(key));
	rbytes(iv, sizeof(iv));
	rbytes(data, sizeof(data));
	/* references from the default provider */
	{
		EVP_CIPHER *rc = EVP_CIPHER_fetch(rctx, "AES-128-CBC", NULL);
		EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
		int l1, l2;

		EVP_MD *rd = EVP_MD_fetch(rctx, "SHA256", NULL);

		EVP_Digest(data, sizeof(data), ref, &mdl, rd, NULL);
		EVP_MD_free(rd);
		EVP_EncryptInit_ex(x, rc, NULL, key, iv);
		EVP_EncryptUpdate(x, rout, &l1, data, 3000);
		EVP_EncryptFinal_ex(x, rout + l1, &l2);
		EVP_CIPHER_CTX_free(x);
		EVP_CIPHER_free(rc);
	}
	/* 12000 bytes: more than the provider buffers, so the kernel has state */
	if (!EVP_DigestInit_ex(mctx, d, NULL) || !EVP_DigestUpdate(mctx, data, 12000) ||
	    !EVP_EncryptInit_ex(cctx, c, NULL, key, iv) ||
	    !EVP_EncryptUpdate(cctx, out, &n, data, 1000) || pipe(pfd))
		goto res;
	pid = fork();
	if (pid < 0)
		goto res;
	if (pid == 0) {
		char b;
		int l2, l3, good;

		close(pfd[1]);
		if (read(pfd[0], &b, 1) != 0)
			_exit(3);
		good = EVP_EncryptUpdate(cctx, out + n, &l2, data + 1000, 2000) &&
		       EVP_EncryptFinal_ex(cctx, out + n + l2, &l3) &&
		       !memcmp(out, rout, (size_t)(n + l2 + l3));
		if (!good)
			_exit(1);
		good = EVP_DigestUpdate(mctx, data + 12000, sizeof(data) - 12000) &&
		       EVP_DigestFinal_ex(mctx, md, &mdl) && !memcmp(md, ref, 32);
		_exit(good ? 0 : 2);
	}
	close(pfd[0]);
	/* the parent drops its cipher context: its session is freed */
	EVP_CIPHER_CTX_free(cctx);
	cctx = NULL;
	close(pfd[1]);
	ok = waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (!ok)
		printf("# child: %s\n", WIFEXITED(st) ? (WEXITSTATUS(st) == 1 ? "cipher failed" :
							   "digest failed") : "killed");
	ok = ok && EVP_DigestUpdate(mctx, data + 12000, sizeof(data) - 12000) &&
	     EVP_DigestFinal_ex(mctx, md, &mdl) && !memcmp(md, ref, 32);
res:
	result(ok, "", "fork: a child continues inherited SHA256 and AES-128-CBC contexts", NULL);
out:
	EVP_MD_CTX_free(mctx);
	EVP_CIPHER_CTX_free(cctx);
	EVP_MD_free(d);
	EVP_CIPHER_free(c);
}

/*
 * CTR-DRBG against NIST's CAVP answers (drbgvectors_no_reseed,
 * CTR_DRBG with derivation function, as Linux's testmgr carried them):
 * instantiate from EntropyInput || Nonce and the personalisation string,
 * generate twice with additional inputs A and B; the second output is the
 * answer.  The entropy comes from the default provider's TEST-RAND as the
 * parent, so the DRBG draws exactly those bytes.
 */
struct drbg_kat {
	const char *cipher, *entropy, *pers, *adina, *adinb, *expected;
};

static const struct drbg_kat drbg_kats[] = {
	{ "AES-256-CTR",
	  "36401940fa8b1fba91a1661f211d78a0b9389a74e5bccfece8d766af1a6d3b14"
	  "496f25b0f1301b4f501be30380a137eb", "", "", "",
	  "5862eb38bd558dd978a696e6df164782ddd887e7e9a6c9f3f1fbafb78941b535"
	  "a64912dfd224c6dc7454e5250b3d97165e16260c2faf1cc7735cb75fb4f07e1d" },
	{ "AES-128-CTR",
	  "ca4b1efa75bd69363873b8f9db4d350e47bf6c3772fdf7a9",
	  "ebaa602c4dbe33ff1befbf0a0bc69754", "", "",
	  "59c319791bb1f30ee934ae6e8b1fad1f74ca254568b87f7512f8f2ab4c230103"
	  "05e170ee75d8cbeb234c7a236e1227db6f7aac3c44b7874b6556744534300c3d" },
	{ "AES-128-CTR",
	  "c0701f9250758fcdf2be739880db66eb1468b4a5879c2da6",
	  "8008aee8e96940c50873c79f8ecfe002",
	  "f901f8167a1dffde8e3c83e24485e7fe", "171c0938c2389f97876055b48216627f",
	  "97c0c0e5a0ccf24f3363488adb130a3589bf806562ee13957c33d37df407777a"
	  "2b650b5f455c13f190777fc5043fcc1a38f8cd1bbbd557d14a4c2e8a2b491e5c" },
};

/* hex (spaces ignored) to bytes; returns the length */
static size_t unhex(const char *h, unsigned char *b)
{
	size_t n = 0;
	unsigned int v;

	for (; *h; h++) {
		if (*h == ' ')
			continue;
		sscanf(h, "%2x", &v);
		b[n++] = (unsigned char)v;
		h++;
	}
	return n;
}

static int drbg_kat_one(const struct drbg_kat *k)
{
	unsigned char ent[64], pers[64], a[64], b[64], exp[128], out[128];
	size_t el = unhex(k->entropy, ent), pl = unhex(k->pers, pers);
	size_t al = unhex(k->adina, a), bl = unhex(k->adinb, b), xl = unhex(k->expected, exp);
	EVP_RAND *tr = EVP_RAND_fetch(rctx, "TEST-RAND", NULL);
	EVP_RAND *dr = EVP_RAND_fetch(octx, "CTR-DRBG", "provider=ocf");
	EVP_RAND_CTX *t = NULL, *d = NULL;
	unsigned int strength = 256;
	int use_df = 1, ok = 0;
	OSSL_PARAM tp[3], dp[3];

	if (!tr || !dr)
		goto out;
	t = EVP_RAND_CTX_new(tr, NULL);
	tp[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
	tp[1] = OSSL_PARAM_construct_end();
	if (!t || !EVP_RAND_CTX_set_params(t, tp) ||
	    !EVP_RAND_instantiate(t, 0, 0, NULL, 0, NULL))
		goto out;
	tp[0] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, ent, el);
	if (!EVP_RAND_CTX_set_params(t, tp))
		goto out;
	d = EVP_RAND_CTX_new(dr, t);
	dp[0] = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_CIPHER, (char *)k->cipher, 0);
	dp[1] = OSSL_PARAM_construct_int(OSSL_DRBG_PARAM_USE_DF, &use_df);
	dp[2] = OSSL_PARAM_construct_end();
	ok = d && EVP_RAND_instantiate(d, 0, 0, pl ? pers : NULL, pl, dp) &&
	     EVP_RAND_generate(d, out, xl, 0, 0, al ? a : NULL, al) &&
	     EVP_RAND_generate(d, out, xl, 0, 0, bl ? b : NULL, bl) &&
	     !memcmp(out, exp, xl);
out:
	if (!ok)
		ERR_print_errors_fp(stdout);
	EVP_RAND_CTX_free(d);
	EVP_RAND_CTX_free(t);
	EVP_RAND_free(dr);
	EVP_RAND_free(tr);
	return ok;
}

/*
 * The random generator libcrypto builds when ocf is its only provider:
 * the known answers, RAND_bytes from ocf's DRBG chain, and a forked child
 * that must not repeat its parent's output.
 */
static void test_rand(void)
{
	unsigned char x[64], y[64], z[64];
	EVP_RAND_CTX *pr;
	int ok, pfd[2], st;
	size_t i;
	pid_t pid;

	for (i = 0; i < sizeof(drbg_kats) / sizeof(drbg_kats[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), " %zu (%s)", i + 1, drbg_kats[i].cipher);
		result(drbg_kat_one(&drbg_kats[i]), "", "CTR-DRBG NIST CAVP answer", what);
	}
	pr = RAND_get0_primary(octx);
	ok = pr && !strcmp(OSSL_PROVIDER_get0_name(EVP_RAND_get0_provider(EVP_RAND_CTX_get0_rand(pr))),
			   "ocf") &&
	     RAND_bytes_ex(octx, x, sizeof(x), 0) > 0 && RAND_bytes_ex(octx, y, sizeof(y), 0) > 0 &&
	     RAND_priv_bytes_ex(octx, z, sizeof(z), 0) > 0 &&
	     memcmp(x, y, sizeof(x)) && memcmp(y, z, sizeof(y));
	if (!ok)
		ERR_print_errors_fp(stdout);
	result(ok, "", "RAND_bytes with ocf as the only provider: ocf's DRBG chain", NULL);
	/* parent and child draw after the fork: different bytes */
	ok = 0;
	if (!pipe(pfd)) {
		pid = fork();
		if (pid == 0) {
			close(pfd[0]);
			if (RAND_bytes_ex(octx, z, sizeof(z), 0) <= 0 ||
			    write(pfd[1], z, sizeof(z)) != (ssize_t)sizeof(z))
				_exit(1);
			_exit(0);
		}
		close(pfd[1]);
		ok = pid > 0 && RAND_bytes_ex(octx, x, sizeof(x), 0) > 0 &&
		     read(pfd[0], z, sizeof(z)) == (ssize_t)sizeof(z) &&
		     waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st) &&
		     memcmp(x, z, sizeof(x));
		close(pfd[0]);
	}
	result(ok, "", "RAND_bytes in a forked child differs from the parent's", NULL);
}

/*
 * libssl's combined CBC + HMAC ciphers on TLS records, as libssl drives
 * them (MAC key, then per record the TLS header and the padding it adds):
 * records sealed by ocf open with the default provider's and the other way
 * round, TLS 1.2 (explicit IV) and TLS 1.0 (chained IV), random payloads
 * of 0..16384 bytes; a changed byte fails to open, with an error.
 */
struct tlsrec_side {
	EVP_CIPHER_CTX *c;
	unsigned char seq[8];
};

static int tlsrec_init(struct tlsrec_side *s, OSSL_LIB_CTX *lib, const char *name,
		       int enc, const unsigned char *key, const unsigned char *iv,
		       unsigned char *mackey, size_t mklen, unsigned int version)
{
	EVP_CIPHER *ci = EVP_CIPHER_fetch(lib, name, lib == octx ? "provider=ocf" : NULL);
	OSSL_PARAM p[3];
	int ok;

	memset(s->seq, 0, sizeof(s->seq));
	s->c = EVP_CIPHER_CTX_new();
	p[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_MAC_KEY, mackey, mklen);
	p[1] = OSSL_PARAM_construct_uint(OSSL_CIPHER_PARAM_TLS_VERSION, &version);
	p[2] = OSSL_PARAM_construct_end();
	ok = ci && s->c && EVP_CipherInit_ex2(s->c, ci, key, iv, enc, NULL) &&
	     EVP_CIPHER_CTX_set_params(s->c, p);
	EVP_CIPHER_free(ci);
	return ok;
}

/* The TLS header; returns what the cipher adds (encryption) or 0. */
static size_t tlsrec_hdr(struct tlsrec_side *s, unsigned int version, size_t len)
{
	unsigned char h[13];
	size_t pad = 0;
	OSSL_PARAM p[2];
	int i;

	memcpy(h, s->seq, 8);
	for (i = 7; i >= 0 && !++s->seq[i]; i--)
		;
	h[8] = 23;
	h[9] = (unsigned char)(version >> 8);
	h[10] = (unsigned char)version;
	h[11] = (unsigned char)(len >> 8);
	h[12] = (unsigned char)len;
	p[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD, h, 13);
	p[1] = OSSL_PARAM_construct_end();
	if (!EVP_CIPHER_CTX_set_params(s->c, p))
		return 0;
	p[0] = OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_TLS1_AAD_PAD, &pad);
	if (!EVP_CIPHER_CTX_get_params(s->c, p))
		return 0;
	return pad;
}

/* Seal payload (n bytes) into rec; returns the record length or 0. */
static size_t tlsrec_seal(struct tlsrec_side *s, unsigned int version,
			  const unsigned char *payload, size_t n, unsigned char *rec)
{
	size_t eiv = version >= 0x0302 ? 16 : 0, pad;
	int outl;

	rbytes(rec, eiv);
	memcpy(rec + eiv, payload, n);
	pad = tlsrec_hdr(s, version, eiv + n);
	if (!pad || !EVP_CipherUpdate(s->c, rec, &outl, rec, (int)(eiv + n + pad)) ||
	    (size_t)outl != eiv + n + pad)
		return 0;
	return (size_t)outl;
}

/* Open a record in place: the payload length, or -1. */
static long tlsrec_open(struct tlsrec_side *s, unsigned int version,
			unsigned char *rec, size_t len)
{
	int outl;

	if (!tlsrec_hdr(s, version, len) ||
	    !EVP_CipherUpdate(s->c, rec, &outl, rec, (int)len))
		return -1;
	return outl;
}

static void test_tlscbc(const char *name, unsigned int version)
{
	static unsigned char pay[16384], rec[16384 + 256], save[16384 + 256];
	unsigned char key[32], iv[16], mk[32];
	struct tlsrec_side oe = { 0 }, od = { 0 }, re = { 0 }, rd = { 0 };
	EVP_CIPHER *probe = EVP_CIPHER_fetch(octx, name, "provider=ocf");
	EVP_CIPHER *rprobe = EVP_CIPHER_fetch(rctx, name, NULL);
	size_t mklen = strstr(name, "SHA256") ? 32 : 20, n, rl;
	unsigned int i, recs = iters * 4;
	char what[64];
	int ok = 0;
	long got;

	snprintf(what, sizeof(what), " (TLS %s)", version == 0x0303 ? "1.2" : "1.0");
	if (!probe || !rprobe) {
		tests++;
		skipped++;
		printf("ok %d - TLS records %s%s # SKIP not offered by %s\n", tests, name,
		       what, probe ? "the default provider" : "the ocf provider");
		goto out;
	}
	rbytes(key, sizeof(key));
	rbytes(iv, sizeof(iv));
	rbytes(mk, sizeof(mk));
	/* ocf seals for the default provider, the default provider for ocf */
	if (!tlsrec_init(&oe, octx, name, 1, key, iv, mk, mklen, version) ||
	    !tlsrec_init(&rd, rctx, name, 0, key, iv, mk, mklen, version) ||
	    !tlsrec_init(&re, rctx, name, 1, key, iv, mk, mklen, version) ||
	    !tlsrec_init(&od, octx, name, 0, key, iv, mk, mklen, version))
		goto res;
	for (i = 0; i < recs; i++) {
		size_t eiv = version >= 0x0302 ? 16 : 0;

		n = rnd(4) ? rnd(300) : rnd(sizeof(pay) + 1);
		rbytes(pay, n);
		rl = tlsrec_seal(&oe, version, pay, n, rec);
		got = rl ? tlsrec_open(&rd, version, rec, rl) : -1;
		if (got != (long)n || memcmp(rec + eiv, pay, n)) {
			printf("# record %u (%zu bytes) sealed by ocf: opened %ld\n", i, n, got);
			goto res;
		}
		rl = tlsrec_seal(&re, version, pay, n, rec);
		got = rl ? tlsrec_open(&od, version, rec, rl) : -1;
		if (got != (long)n || memcmp(rec + eiv, pay, n)) {
			printf("# record %u (%zu bytes) opened by ocf: %ld\n", i, n, got);
			goto res;
		}
	}
	/* a changed byte (TLS 1.2: anywhere after the IV) fails, cleanly */
	n = 1 + rnd(1000);
	rbytes(pay, n);
	rl = tlsrec_seal(&re, version, pay, n, rec);
	memcpy(save, rec, rl);
	rec[(version >= 0x0302 ? 16 : 0) + rnd((unsigned int)rl - (version >= 0x0302 ? 16 : 0))] ^=
		(unsigned char)(1 << rnd(8));
	ERR_clear_error();
	if (!rl || tlsrec_open(&od, version, rec, rl) >= 0) {
		printf("# a changed record opened\n");
		goto res;
	}
	{
		char buf[256];

		ERR_error_string_n(ERR_peek_last_error(), buf, sizeof(buf));
		ok = strstr(buf, "bad MAC or padding") != NULL ||
		     ERR_peek_last_error() != 0;
		if (!ok)
			printf("# no error for a changed record\n");
		ERR_clear_error();
	}
res:
	result(ok, "TLS records ", name, what);
out:
	EVP_CIPHER_CTX_free(oe.c);
	EVP_CIPHER_CTX_free(od.c);
	EVP_CIPHER_CTX_free(re.c);
	EVP_CIPHER_CTX_free(rd.c);
	EVP_CIPHER_free(probe);
	EVP_CIPHER_free(rprobe);
}

static const char *const tlscbcs[] = {
	"AES-128-CBC-HMAC-SHA1", "AES-256-CBC-HMAC-SHA1",
	"AES-128-CBC-HMAC-SHA256", "AES-256-CBC-HMAC-SHA256",
};

/* Move what one side wrote to the other side's input. */
static void shuttle(BIO *from, BIO *to)
{
	char buf[4096];
	int n;

	while ((n = BIO_read(from, buf, sizeof(buf))) > 0)
		BIO_write(to, buf, n);
}

static SSL *tls_end(OSSL_LIB_CTX *lib, int server, const char *cert, const char *key,
		    BIO **in, BIO **out)
{
	SSL_CTX *ctx = SSL_CTX_new_ex(lib, NULL, server ? TLS_server_method() : TLS_client_method());
	SSL *s = NULL;

	if (!ctx || !SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_cipher_list(ctx, "AES128-SHA") ||
	    (server && (SSL_CTX_use_certificate_file(ctx, cert, SSL_FILETYPE_PEM) <= 0 ||
			SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) <= 0)))
		goto out;
	SSL_CTX_set_options(ctx, SSL_OP_NO_ENCRYPT_THEN_MAC);
	s = SSL_new(ctx);
	*in = BIO_new(BIO_s_mem());
	*out = BIO_new(BIO_s_mem());
	if (!s || !*in || !*out) {
		SSL_free(s);
		s = NULL;
		goto out;
	}
	SSL_set_bio(s, *in, *out);
	if (server)
		SSL_set_accept_state(s);
	else
		SSL_set_connect_state(s);
out:
	SSL_CTX_free(ctx);
	return s;
}

/*
 * A TLS 1.2 AES128-SHA connection without encrypt-then-MAC in memory,
 * both ends on a library context preferring ocf: a record goes through,
 * then a record with one byte changed must make the receiver fail with
 * "bad record mac" and send the alert, which the sender then reads.
 */
static void test_tls_alert(const char *cert, const char *key)
{
	OSSL_LIB_CTX *lib = OSSL_LIB_CTX_new();
	BIO *cin = NULL, *cout = NULL, *sin = NULL, *sout = NULL;
	SSL *c = NULL, *sv = NULL;
	char buf[64], rec[256];
	int i, n, ok = 0, done_c = 0, done_s = 0, step = 0;
	unsigned long e;

	if (!lib || !OSSL_PROVIDER_load(lib, "ocf") || !OSSL_PROVIDER_load(lib, "default") ||
	    !EVP_set_default_properties(lib, "?provider=ocf"))
		goto res;
	step = 1;
	sv = tls_end(lib, 1, cert, key, &sin, &sout);
	c = tls_end(lib, 0, NULL, NULL, &cin, &cout);
	if (!sv || !c)
		goto res;
	step = 2;
	for (i = 0; i < 20 && !(done_c && done_s); i++) {
		done_c = SSL_do_handshake(c) == 1;
		shuttle(cout, sin);
		done_s = SSL_do_handshake(sv) == 1;
		shuttle(sout, cin);
	}
	if (!done_c || !done_s || strcmp(SSL_get_cipher_name(c), "AES128-SHA")) {
		printf("# handshake: %s\n", done_c && done_s ? SSL_get_cipher_name(c) : "failed");
		goto res;
	}
	step = 3;
	if (SSL_write(c, "ping", 4) != 4)
		goto res;
	shuttle(cout, sin);
	if (SSL_read(sv, buf, sizeof(buf)) != 4 || memcmp(buf, "ping", 4)) {
		printf("# a good record did not arrive\n");
		goto res;
	}
	/* the next record, with a byte of its body changed */
	step = 4;
	if (SSL_write(c, "pong", 4) != 4)
		goto res;
	n = BIO_read(cout, rec, sizeof(rec));
	if (n < 5 + 32)
		goto res;
	rec[5 + rnd((unsigned int)n - 5)] ^= (char)(1 << rnd(8));
	BIO_write(sin, rec, n);
	ERR_clear_error();
	if (SSL_read(sv, buf, sizeof(buf)) > 0 || SSL_get_error(sv, -1) != SSL_ERROR_SSL) {
		printf("# the changed record was accepted\n");
		goto res;
	}
	e = ERR_peek_last_error();
	if (ERR_GET_REASON(e) != SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC) {
		printf("# receiver failed with: %s\n", ERR_reason_error_string(e));
		goto res;
	}
	ERR_clear_error();
	shuttle(sout, cin);
	if (SSL_read(c, buf, sizeof(buf)) > 0) {
		printf("# no alert reached the sender\n");
		goto res;
	}
	e = ERR_peek_last_error();
	ok = ERR_GET_REASON(e) == SSL_R_SSLV3_ALERT_BAD_RECORD_MAC;
	if (!ok)
		printf("# sender got: %s\n", ERR_reason_error_string(e));
res:
	if (!ok) {
		printf("# at step %d\n", step);
		ERR_print_errors_fp(stdout);
	}
	ERR_clear_error();
	result(ok, "", "TLS 1.2 AES128-SHA without EtM: a changed record gives a bad_record_mac alert",
	       NULL);
	SSL_free(c);
	SSL_free(sv);
	OSSL_LIB_CTX_free(lib);
}

static const char *const ciphers[] = {
	"AES-128-ECB", "AES-192-ECB", "AES-256-ECB",
	"AES-128-CBC", "AES-192-CBC", "AES-256-CBC",
	"AES-128-CTR", "AES-192-CTR", "AES-256-CTR",
	"AES-128-XTS", "AES-256-XTS",
	"AES-128-GCM", "AES-192-GCM", "AES-256-GCM",
	"AES-128-CCM", "AES-192-CCM", "AES-256-CCM",
	"ChaCha20-Poly1305",
};
static const char *const digests[] = {
	"SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3-256", "SHA3-512",
};

int main(int argc, char **argv)
{
	const char *only = NULL, *exists = NULL, *alert = NULL;
	unsigned int seed = (unsigned int)getpid();
	OSSL_PROVIDER *op;
	int opt;
	size_t i;

	while ((opt = getopt(argc, argv, "n:s:r:e:a:")) != -1) {
		switch (opt) {
		case 'n': iters = (unsigned int)atoi(optarg); break;
		case 's': seed = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'r': only = optarg; break;
		case 'e': exists = optarg; break;
		case 'a': alert = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n N] [-s SEED] [-r ALG] [-e ALG] [-a CERT:KEY]\n",
				argv[0]);
			return 2;
		}
	}
	octx = OSSL_LIB_CTX_new();
	rctx = OSSL_LIB_CTX_new();
	op = octx ? OSSL_PROVIDER_load(octx, "ocf") : NULL;
	if (!op || !OSSL_PROVIDER_load(rctx, "default")) {
		if (exists)
			return 1;
		printf("1..0 # SKIP cannot load the ocf provider\n");
		ERR_print_errors_fp(stdout);
		return 4;
	}
	if (exists) {
		EVP_CIPHER *c = EVP_CIPHER_fetch(octx, exists, "provider=ocf");
		EVP_MD *d = c ? NULL : EVP_MD_fetch(octx, exists, "provider=ocf");
		int found = c || d;

		EVP_CIPHER_free(c);
		EVP_MD_free(d);
		return found ? 0 : 1;
	}
	srandom(seed);
	if (alert) {
		/* -a CERT.pem:KEY.pem: the bad_record_mac alert test alone */
		char *k = strchr(alert, ':');

		if (!k)
			return 2;
		*k++ = 0;
		printf("TAP version 13\n");
		test_tls_alert(alert, k);
		printf("1..%d\n", tests);
		return failed ? 1 : 0;
	}
	printf("TAP version 13\n# seed %u, drivers %s\n", seed,
	       getenv("OCF_PROVIDER_DRIVERS") ? getenv("OCF_PROVIDER_DRIVERS") : "hardware");
	for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		if (!only || !strcasecmp(only, ciphers[i]))
			test_cipher(ciphers[i]);
	for (i = 0; i < sizeof(digests) / sizeof(digests[0]); i++)
		if (!only || !strcasecmp(only, digests[i]))
			test_digest(digests[i]);
	for (i = 0; i < sizeof(digests) / sizeof(digests[0]); i++)
		if (!only || !strcasecmp(only, "HMAC"))
			test_hmac(digests[i]);
	if (!only)
		test_fork();
	if (!only || !strcasecmp(only, "RAND"))
		test_rand();
	for (i = 0; i < sizeof(tlscbcs) / sizeof(tlscbcs[0]); i++) {
		if (only && strcasecmp(only, tlscbcs[i]))
			continue;
		test_tlscbc(tlscbcs[i], 0x0303);
		test_tlscbc(tlscbcs[i], 0x0301);
	}
	printf("1..%d\n", tests);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       tests - failed - skipped, failed, skipped);
	OSSL_PROVIDER_unload(op);
	OSSL_LIB_CTX_free(octx);
	OSSL_LIB_CTX_free(rctx);
	return failed ? 1 : 0;
}
