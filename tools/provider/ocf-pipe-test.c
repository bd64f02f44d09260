// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-pipe-test: the ocf provider's cipher pipelines (OpenSSL 3.5's
 * EVP_CipherPipelineEncryptInit, ...Update, ...Final and the
 * "pipeline-tag" parameter) against OpenSSL's default provider.
 *
 * For AES-128/192/256-GCM and 1 to 32 pipes: random key, per-pipe random
 * IVs, AAD (sometimes in two updates) and lengths 0..64 KiB; every pipe's
 * ciphertext and tag must equal the default provider's single-buffer
 * encryption, and the pipelined decryption (tags set before or after the
 * data, 16- or 12-byte tags, sometimes in place) must give the plaintext
 * back; a pipeline with one changed tag must fail its final, and a second
 * data update must be refused.  Some rounds have AAD-only messages, with
 * no data update at all.  AES-128/256-CBC (padding on): each pipe's
 * message in two updates split at its own random point, encryption and
 * decryption against the default provider.  A cipher ocf does not offer
 * with the configured drivers is skipped (virtio-crypto has CBC, no GCM).
 * TAP output, one line per cipher and pipe count.
 *
 *   ocf-pipe-test [-n ITERATIONS] [-s SEED] [-m KIB]   (env OCF_PROVIDER_DRIVERS)
 *   ocf-pipe-test -b [-t SECONDS] [-d DRIVERS]
 *
 * -b: the benchmark of pipelines against one message at a time
 * (ocf-pipe-bench.c), SECONDS per figure (default 1) for each class of
 * DRIVERS, a comma-separated list (default "software,hardware").
 *
 * -m KIB: first become nobody with an RLIMIT_MEMLOCK of KIB KiB, so that
 * the module refuses to pin most batches (ENOMEM) and the provider runs
 * those operations synchronously instead: the same results are required.
 *
 * Needs OpenSSL 3.5 or later (tools/provider's "pipe-test" target builds
 * it in a Debian trixie build root); the provider is looked for where
 * OPENSSL_MODULES points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <sys/resource.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include "ocf-pipe-bench.h"

#if OPENSSL_VERSION_NUMBER < 0x30500000L
#error "ocf-pipe-test needs OpenSSL 3.5 or later (cipher pipelines)"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXLEN	65536
#define NPIPES	32
#define TAGLEN	16

static OSSL_LIB_CTX *octx, *rctx;
static int tests, failed, skipped;
static unsigned int iters = 3;

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)(random() % n) : 0;
}

static void rbytes(unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)random();
}

/* Mostly short lengths, sometimes up to 64 KiB, and the edges. */
static size_t rlen(void)
{
	static const size_t edge[] = { 0, 1, 15, 16, 17, 4096, MAXLEN };

	switch (rnd(5)) {
	case 0: return edge[rnd(ARRAY_SIZE(edge))];
	case 1: return rnd(64);
	case 2: return rnd(1500);
	case 3: return rnd(16384);
	default: return rnd(MAXLEN + 1);
	}
}

struct pipe {
	unsigned char iv[16], aad[1024], tag[TAGLEN], rtag[TAGLEN];
	size_t aadlen, aadsplit, len, split;
	unsigned char *pt, *ct, *rct, *back;
};

static struct pipe P[NPIPES];
static int nodata;	/* AAD-only messages: no data update at all */

static void errors(const char *what)
{
	unsigned long e;
	char buf[256];

	printf("# %s failed\n", what);
	while ((e = ERR_get_error())) {
		ERR_error_string_n(e, buf, sizeof(buf));
		printf("#   %s\n", buf);
	}
}

/* The default provider, one buffer: ciphertext and tag of pipe p. */
static int ref_encrypt(EVP_CIPHER *c, const unsigned char *key, struct pipe *p)
{
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = x && EVP_EncryptInit_ex2(x, c, key, p->iv, NULL) &&
	     EVP_EncryptUpdate(x, NULL, &n, p->aad, (int)p->aadlen) &&
	     EVP_EncryptUpdate(x, p->rct, &n, p->pt, (int)p->len) &&
	     EVP_EncryptFinal_ex(x, p->rct + n, &n) &&
	     EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, TAGLEN, p->rtag);
	EVP_CIPHER_CTX_free(x);
	return ok;
}

/* The pipelined AAD: in one update, or two with per-pipe split points. */
static int pipe_aad(EVP_CIPHER_CTX *x, size_t n)
{
	const unsigned char *in[NPIPES];
	size_t inl[NPIPES], outl[NPIPES];
	int two = rnd(2);

	for (size_t i = 0; i < n; i++) {
		in[i] = P[i].aad;
		inl[i] = two ? P[i].aadsplit : P[i].aadlen;
	}
	if (!EVP_CipherPipelineUpdate(x, NULL, outl, NULL, in, inl))
		return 0;
	if (!two)
		return 1;
	for (size_t i = 0; i < n; i++) {
		in[i] = P[i].aad + P[i].aadsplit;
		inl[i] = P[i].aadlen - P[i].aadsplit;
	}
	return EVP_CipherPipelineUpdate(x, NULL, outl, NULL, in, inl);
}

static int tags_param(EVP_CIPHER_CTX *x, unsigned char **tags, size_t taglen, int set)
{
	OSSL_PARAM prm[2];

	prm[0] = OSSL_PARAM_construct_octet_ptr(OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG,
						(void **)&tags, taglen);
	prm[1] = OSSL_PARAM_construct_end();
	return set ? EVP_CIPHER_CTX_set_params(x, prm) : EVP_CIPHER_CTX_get_params(x, prm);
}

/*
 * One pipelined encryption of n pipes, compared with the reference.
 * tight: output buffers of exactly the data length (no room for the tag).
 */
static int pipe_encrypt(EVP_CIPHER *c, const unsigned char *key, size_t keylen,
			size_t n, int tight, char *why, size_t whylen)
{
	const unsigned char *iv[NPIPES], *in[NPIPES];
	unsigned char *out[NPIPES], *tags[NPIPES];
	size_t inl[NPIPES], outl[NPIPES], outsize[NPIPES];
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int ok = 0;

	for (size_t i = 0; i < n; i++) {
		iv[i] = P[i].iv;
		in[i] = P[i].pt;
		inl[i] = P[i].len;
		out[i] = P[i].ct;
		outsize[i] = P[i].len + (tight ? 0 : TAGLEN);
		tags[i] = P[i].tag;
	}
	if (!x || !EVP_CipherPipelineEncryptInit(x, c, key, keylen, n, iv, 12)) {
		errors("EVP_CipherPipelineEncryptInit");
		goto out;
	}
	if (!pipe_aad(x, n)) {
		errors("pipeline AAD update");
		goto out;
	}
	if (!nodata && !EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl)) {
		errors("pipeline encrypt update");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (nodata)
			outl[i] = 0;
		if (outl[i] != P[i].len) {
			snprintf(why, whylen, "pipe %zu: update gave %zu of %zu bytes",
				 i, outl[i], P[i].len);
			goto out;
		}
		out[i] += outl[i];
		outsize[i] -= outl[i];
	}
	if (!EVP_CipherPipelineFinal(x, out, outl, outsize)) {
		errors("pipeline encrypt final");
		goto out;
	}
	if (!tags_param(x, tags, TAGLEN, 0)) {
		errors("get pipeline-tag");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (outl[i]) {
			snprintf(why, whylen, "pipe %zu: final gave %zu bytes", i, outl[i]);
			goto out;
		}
		if (memcmp(P[i].ct, P[i].rct, P[i].len)) {
			snprintf(why, whylen, "pipe %zu: ciphertext (%zu bytes, AAD %zu) differs",
				 i, P[i].len, P[i].aadlen);
			goto out;
		}
		if (memcmp(P[i].tag, P[i].rtag, TAGLEN)) {
			snprintf(why, whylen, "pipe %zu: tag (%zu bytes, AAD %zu) differs",
				 i, P[i].len, P[i].aadlen);
			goto out;
		}
	}
	ok = 1;
out:
	EVP_CIPHER_CTX_free(x);
	return ok;
}

/*
 * One pipelined decryption of the reference ciphertexts: returns 1 when
 * it succeeded and gave every plaintext back, 0 when it failed (final or
 * earlier), -1 on a wrong result of a successful call.
 */
static int pipe_decrypt(EVP_CIPHER *c, const unsigned char *key, size_t keylen,
			size_t n, size_t taglen, int tag_first, int inplace,
			char *why, size_t whylen)
{
	const unsigned char *iv[NPIPES], *in[NPIPES];
	unsigned char *out[NPIPES], *tags[NPIPES];
	size_t inl[NPIPES], outl[NPIPES], outsize[NPIPES];
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int ok = 0;

	for (size_t i = 0; i < n; i++) {
		iv[i] = P[i].iv;
		if (inplace) {
			memcpy(P[i].back, P[i].rct, P[i].len);
			in[i] = P[i].back;
		} else {
			memset(P[i].back, 0xa5, P[i].len);
			in[i] = P[i].rct;
		}
		inl[i] = P[i].len;
		out[i] = P[i].back;
		outsize[i] = P[i].len;
		tags[i] = P[i].tag;
	}
	if (!x || !EVP_CipherPipelineDecryptInit(x, c, key, keylen, n, iv, 12) ||
	    !pipe_aad(x, n) ||
	    (tag_first && !tags_param(x, tags, taglen, 1)) ||
	    (!nodata && !EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (nodata)
			outl[i] = 0;
		if (outl[i] != P[i].len) {
			snprintf(why, whylen, "pipe %zu: decrypt update gave %zu of %zu bytes",
				 i, outl[i], P[i].len);
			ok = -1;
			goto out;
		}
		out[i] += outl[i];
		outsize[i] = 0;
	}
	if ((!tag_first && !tags_param(x, tags, taglen, 1)) ||
	    !EVP_CipherPipelineFinal(x, out, outl, outsize))
		goto out;
	ok = 1;
	for (size_t i = 0; i < n; i++) {
		if (memcmp(P[i].back, P[i].pt, P[i].len)) {
			snprintf(why, whylen, "pipe %zu: decryption of %zu bytes differs",
				 i, P[i].len);
			ok = -1;
		}
	}
out:
	EVP_CIPHER_CTX_free(x);
	return ok;
}

/*
 * A pipeline takes each message in one data update (the kernel's AEAD is
 * one-shot): a second one must fail, not give wrong output.
 */
static int second_update_refused(EVP_CIPHER *c, const unsigned char *key,
				 size_t keylen, size_t n)
{
	const unsigned char *iv[NPIPES], *in[NPIPES];
	unsigned char *out[NPIPES];
	size_t inl[NPIPES], outl[NPIPES], outsize[NPIPES];
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int ok;

	for (size_t i = 0; i < n; i++) {
		iv[i] = P[i].iv;
		in[i] = P[i].pt;
		inl[i] = 16;
		out[i] = P[i].ct;
		outsize[i] = MAXLEN;
	}
	ok = x && EVP_CipherPipelineEncryptInit(x, c, key, keylen, n, iv, 12) &&
	     EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl) &&
	     !EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl);
	ERR_clear_error();
	EVP_CIPHER_CTX_free(x);
	return ok;
}

/*
 * One AES-CBC round (PKCS#7 padding): every pipe's message in two data
 * updates split at its own random point, then the final, against the
 * default provider's one-shot encryption; and the decryption back, split
 * the same way.
 */
static int cbc_round(EVP_CIPHER *oc, EVP_CIPHER *rc, const unsigned char *key,
		     size_t keylen, size_t n, char *why, size_t whylen)
{
	const unsigned char *iv[NPIPES], *in[NPIPES];
	unsigned char *out[NPIPES];
	size_t inl[NPIPES], outl[NPIPES], outsize[NPIPES], done[NPIPES], clen[NPIPES];
	EVP_CIPHER_CTX *x = NULL;
	int ok = 0, k;

	for (size_t i = 0; i < n; i++) {
		struct pipe *p = &P[i];
		EVP_CIPHER_CTX *r = EVP_CIPHER_CTX_new();
		int a = 0, b = 0;

		rbytes(p->iv, 16);
		p->len = rlen();
		p->split = rnd((unsigned int)p->len + 1);
		rbytes(p->pt, p->len);
		if (!r || !EVP_EncryptInit_ex2(r, rc, key, p->iv, NULL) ||
		    !EVP_EncryptUpdate(r, p->rct, &a, p->pt, (int)p->len) ||
		    !EVP_EncryptFinal_ex(r, p->rct + a, &b)) {
			EVP_CIPHER_CTX_free(r);
			errors("reference encryption");
			snprintf(why, whylen, "reference encryption failed");
			return 0;
		}
		EVP_CIPHER_CTX_free(r);
		clen[i] = (size_t)(a + b);
		iv[i] = p->iv;
	}
	for (int dec = 0; dec < 2; dec++) {
		x = EVP_CIPHER_CTX_new();
		if (!x || !(dec ? EVP_CipherPipelineDecryptInit(x, oc, key, keylen, n, iv, 16) :
			    EVP_CipherPipelineEncryptInit(x, oc, key, keylen, n, iv, 16))) {
			errors("pipeline init");
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			done[i] = 0;
		for (k = 0; k < 3; k++) {
			for (size_t i = 0; i < n; i++) {
				const unsigned char *src = dec ? P[i].rct : P[i].pt;
				size_t total = dec ? clen[i] : P[i].len;
				size_t cut = P[i].split > total ? total : P[i].split;

				in[i] = k == 0 ? src : src + cut;
				inl[i] = k == 0 ? cut : total - cut;
				out[i] = (dec ? P[i].back : P[i].ct) + done[i];
				outsize[i] = MAXLEN + TAGLEN - done[i];
			}
			if (k < 2 ? !EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl) :
				    !EVP_CipherPipelineFinal(x, out, outl, outsize)) {
				errors(dec ? "pipelined CBC decryption" :
					     "pipelined CBC encryption");
				snprintf(why, whylen, "pipelined %s failed (%s)",
					 dec ? "decryption" : "encryption",
					 k < 2 ? "update" : "final");
				goto out;
			}
			for (size_t i = 0; i < n; i++)
				done[i] += outl[i];
		}
		for (size_t i = 0; i < n; i++) {
			const unsigned char *want = dec ? P[i].pt : P[i].rct;
			size_t wlen = dec ? P[i].len : clen[i];

			if (done[i] != wlen || memcmp(dec ? P[i].back : P[i].ct, want, wlen)) {
				snprintf(why, whylen,
					 "pipe %zu: %s of %zu bytes (split at %zu) differs", i,
					 dec ? "decryption" : "encryption", P[i].len, P[i].split);
				goto out;
			}
		}
		EVP_CIPHER_CTX_free(x);
		x = NULL;
	}
	ok = 1;
out:
	EVP_CIPHER_CTX_free(x);
	return ok;
}

static void result(int ok, const char *name, size_t n, const char *why)
{
	tests++;
	if (ok) {
		printf("ok %d - %s, %zu pipe%s\n", tests, name, n, n > 1 ? "s" : "");
	} else {
		failed++;
		printf("not ok %d - %s, %zu pipe%s: %s\n", tests, name, n,
		       n > 1 ? "s" : "", why);
	}
	fflush(stdout);
}

static void run(const char *name, size_t n)
{
	EVP_CIPHER *oc = EVP_CIPHER_fetch(octx, name, "provider=ocf");
	EVP_CIPHER *rc = EVP_CIPHER_fetch(rctx, name, "provider=default");
	unsigned char key[32];
	size_t keylen;
	char why[256] = "";
	int ok = 0;

	if (!oc && rc) {
		/* not offered with these drivers (hardware: virtio-crypto has no GCM) */
		ERR_clear_error();
		tests++;
		skipped++;
		printf("ok %d - %s, %zu pipe%s # SKIP not offered by ocf with these drivers\n",
		       tests, name, n, n > 1 ? "s" : "");
		goto done;
	}
	if (!oc || !rc) {
		errors(name);
		snprintf(why, sizeof(why), "cannot fetch");
		goto out;
	}
	if (!EVP_CIPHER_can_pipeline(oc, 1) || !EVP_CIPHER_can_pipeline(oc, 0)) {
		snprintf(why, sizeof(why), "EVP_CIPHER_can_pipeline says no");
		goto out;
	}
	keylen = (size_t)EVP_CIPHER_get_key_length(oc);
	if (EVP_CIPHER_get_mode(oc) == EVP_CIPH_CBC_MODE) {
		for (unsigned int it = 0; it < iters; it++) {
			rbytes(key, keylen);
			if (!cbc_round(oc, rc, key, keylen, n, why, sizeof(why)))
				goto out;
		}
		ok = 1;
		goto out;
	}
	for (unsigned int it = 0; it < iters; it++) {
		size_t taglen = rnd(4) ? TAGLEN : 12;
		int tag_first = rnd(2), inplace = rnd(3) == 0, r;
		size_t bad;

		rbytes(key, keylen);
		nodata = rnd(8) == 0;
		for (size_t i = 0; i < n; i++) {
			struct pipe *p = &P[i];

			rbytes(p->iv, sizeof(p->iv));
			p->aadlen = rnd(4) ? rnd(64) : rnd(sizeof(p->aad) + 1);
			p->aadsplit = rnd((unsigned int)p->aadlen + 1);
			rbytes(p->aad, p->aadlen);
			p->len = nodata ? 0 : rlen();
			rbytes(p->pt, p->len);
			if (!ref_encrypt(rc, key, p)) {
				errors("reference encryption");
				snprintf(why, sizeof(why), "reference encryption failed");
				goto out;
			}
		}
		if (!pipe_encrypt(oc, key, keylen, n, rnd(4) == 0, why, sizeof(why))) {
			if (!why[0])
				snprintf(why, sizeof(why), "pipelined encryption failed");
			goto out;
		}
		/* decrypt with the reference tags, maybe truncated */
		for (size_t i = 0; i < n; i++)
			memcpy(P[i].tag, P[i].rtag, TAGLEN);
		r = pipe_decrypt(oc, key, keylen, n, taglen, tag_first, inplace,
				 why, sizeof(why));
		if (r != 1) {
			if (!r) {
				errors("pipelined decryption");
				snprintf(why, sizeof(why),
					 "pipelined decryption failed (tag %zu bytes, %s the data%s%s)",
					 taglen, tag_first ? "before" : "after",
					 inplace ? ", in place" : "", nodata ? ", AAD only" : "");
			}
			goto out;
		}
		/* one changed tag: the final must fail */
		bad = rnd((unsigned int)n);
		P[bad].tag[rnd((unsigned int)taglen)] ^= (unsigned char)(1 + rnd(255));
		r = pipe_decrypt(oc, key, keylen, n, taglen, tag_first, inplace,
				 why, sizeof(why));
		ERR_clear_error();
		if (r != 0) {
			snprintf(why, sizeof(why),
				 "a changed tag on pipe %zu of %zu was accepted (tag %s the data)",
				 bad, n, tag_first ? "before" : "after");
			goto out;
		}
	}
	if (!second_update_refused(oc, key, keylen, n)) {
		snprintf(why, sizeof(why), "a second data update was accepted");
		goto out;
	}
	ok = 1;
out:
	result(ok, name, n, why);
done:
	EVP_CIPHER_free(oc);
	EVP_CIPHER_free(rc);
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"AES-128-GCM", "AES-192-GCM", "AES-256-GCM", "AES-128-CBC", "AES-256-CBC"
	};
	static const size_t counts[] = { 1, 2, 3, 7, 16, 31, 32 };
	unsigned long seed = (unsigned long)time(NULL) ^ (unsigned long)getpid();
	const char *drivers = "software,hardware";
	double secs = 1;
	long memlock = -1;
	int opt, bench = 0;

	while ((opt = getopt(argc, argv, "n:s:m:bt:d:")) != -1) {
		switch (opt) {
		case 'b':
			bench = 1;
			break;
		case 't':
			secs = strtod(optarg, NULL);
			break;
		case 'd':
			drivers = optarg;
			break;
		case 'n':
			iters = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			memlock = strtol(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-n ITERATIONS] [-s SEED] [-m KIB]\n"
				"       %s -b [-t SECONDS] [-d DRIVERS,...]\n",
				argv[0], argv[0]);
			return 2;
		}
	}
	if (bench)
		return ocf_pipe_bench(drivers, secs);
	if (memlock >= 0) {
		struct rlimit rl = { (rlim_t)memlock * 1024, (rlim_t)memlock * 1024 };

		/* nobody: without CAP_IPC_LOCK, pinned pages count */
		if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgroups(0, NULL) ||
		    setgid(65534) || setuid(65534) || !getuid()) {
			perror("ocf-pipe-test: -m (needs root to drop it)");
			return 1;
		}
	}
	srandom((unsigned int)seed);
	printf("TAP version 13\n# %s, seed %lu\n", OpenSSL_version(OPENSSL_VERSION), seed);
	if (memlock >= 0)
		printf("# as uid %d with RLIMIT_MEMLOCK %ld KiB\n", (int)getuid(), memlock);
	octx = OSSL_LIB_CTX_new();
	rctx = OSSL_LIB_CTX_new();
	if (!octx || !rctx || !OSSL_PROVIDER_load(octx, "ocf") ||
	    !OSSL_PROVIDER_load(rctx, "default")) {
		errors("loading the ocf and default providers");
		printf("Bail out! cannot load the providers\n");
		return 1;
	}
	for (size_t i = 0; i < NPIPES; i++) {
		P[i].pt = malloc(MAXLEN);
		P[i].ct = malloc(MAXLEN + TAGLEN);
		P[i].rct = malloc(MAXLEN + TAGLEN);
		P[i].back = malloc(MAXLEN + TAGLEN);
		if (!P[i].pt || !P[i].ct || !P[i].rct || !P[i].back) {
			printf("Bail out! out of memory\n");
			return 1;
		}
	}
	for (size_t a = 0; a < ARRAY_SIZE(names); a++)
		for (size_t k = 0; k < ARRAY_SIZE(counts); k++)
			run(names[a], counts[k]);
	printf("1..%d\n", tests);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       tests - failed - skipped, failed, skipped);
	return failed ? 1 : 0;
}
