// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-pipe-test -b: the pipeline rows of the provider benchmark
 * (tools/provider/bench-provider.sh, Documentation/benchmarks.rst).
 *
 * For AES-128-GCM and AES-128-CBC encryption (CBC without padding, as
 * "openssl speed" and libssl's records use it) of 16 B to 16 KiB
 * messages, messages per second, wall clock (CLOCK_MONOTONIC), for a
 * fixed time per cell:
 *   - OpenSSL's default provider, one message per
 *     EVP_EncryptInit_ex2 (new IV) / EVP_EncryptUpdate / EVP_EncryptFinal_ex;
 *   - the ocf provider the same way (one system call per message);
 *   - the ocf provider through OpenSSL 3.5's pipelines, 8 and 32
 *     messages per EVP_CipherPipelineUpdate (one batch, two system calls),
 *     each pipeline re-initialised with new IVs and the same key;
 * for each driver class asked for (OCF_PROVIDER_DRIVERS, one library
 * context each) that offers the cipher.  GCM gets its tags (the
 * "pipeline-tag" parameter, EVP_CTRL_AEAD_GET_TAG), no AAD.  The first
 * (untimed) operation of every cell is checked against the default
 * provider.  Markdown tables on stdout, then the figures as one JSON
 * object between "==== JSON" and "==== END" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include "ocf-pipe-bench.h"

#if OPENSSL_VERSION_NUMBER < 0x30500000L
#error "ocf-pipe-test -b needs OpenSSL 3.5 or later (cipher pipelines)"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BMAX	16384
#define BPIPES	32
#define TAGLEN	16
#define NSIZES	6
#define NCLASS	3	/* software, hardware, any */

static const size_t sizes[NSIZES] = { 16, 64, 256, 1024, 8192, 16384 };

enum { M_DEFAULT, M_SINGLE, M_PIPE8, M_PIPE32, NMETHODS };

static const char *const mname[NMETHODS] = {
	"default", "ocf single", "ocf pipeline 8", "ocf pipeline 32"
};

static const char *const mkey[NMETHODS] = { "default", "single", "pipeline8", "pipeline32" };
static const size_t mpipes[NMETHODS] = { 1, 1, 8, 32 };

struct bcipher {
	const char *name;
	int gcm;
	size_t ivlen;
};

static const struct bcipher bciphers[] = {
	{ "AES-128-GCM", 1, 12 },
	{ "AES-128-CBC", 0, 16 },
};

/* One cell: messages per second (0: not run); ok is 0 when it failed. */
struct bcell {
	double rate;
	unsigned long msgs;
	double secs;
	int ok;
};

static struct bcell cells[ARRAY_SIZE(bciphers)][NCLASS][NMETHODS][NSIZES];
static int offered[ARRAY_SIZE(bciphers)][NCLASS];
static const char *classes[NCLASS];
static size_t nclass;
static double cell_secs;
static unsigned char key[16];
static unsigned char *bin[BPIPES], *bout[BPIPES];
static unsigned long ivctr;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void berrors(const char *what)
{
	unsigned long e;
	char buf[256];

	fprintf(stderr, "ocf-pipe-test -b: %s failed\n", what);
	while ((e = ERR_get_error())) {
		ERR_error_string_n(e, buf, sizeof(buf));
		fprintf(stderr, "  %s\n", buf);
	}
}

/* A fresh IV: a message counter in the last 8 bytes. */
static void next_iv(unsigned char *iv, size_t ivlen)
{
	unsigned long v = ++ivctr;

	memset(iv, 0x5c, ivlen);
	for (size_t i = 0; i < 8; i++, v >>= 8)
		iv[ivlen - 1 - i] = (unsigned char)v;
}

/* The default provider's encryption of one message, to check against. */
static int reference(EVP_CIPHER *rc, const struct bcipher *bc, const unsigned char *iv,
		     const unsigned char *in, size_t len, const unsigned char *out,
		     const unsigned char *tag)
{
	unsigned char *want = malloc(BMAX + TAGLEN), wtag[TAGLEN];
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int a = 0, b = 0, ok;

	ok = want && x && EVP_EncryptInit_ex2(x, rc, key, iv, NULL) &&
	     EVP_CIPHER_CTX_set_padding(x, 0) &&
	     EVP_EncryptUpdate(x, want, &a, in, (int)len) &&
	     EVP_EncryptFinal_ex(x, want + a, &b) &&
	     (!bc->gcm || EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, TAGLEN, wtag));
	if (!ok) {
		berrors("the default provider's encryption");
	} else if ((size_t)(a + b) != len || memcmp(want, out, len) ||
		   (bc->gcm && memcmp(wtag, tag, TAGLEN))) {
		fprintf(stderr, "ocf-pipe-test -b: %s, %zu bytes: %s\n", bc->name, len,
			"output differs from the default provider's");
		ok = 0;
	}
	EVP_CIPHER_CTX_free(x);
	free(want);
	return ok;
}

/* One message the single-buffer way on x (keyed): 1 when done. */
static int one_message(EVP_CIPHER_CTX *x, const struct bcipher *bc, unsigned char *iv,
		       const unsigned char *in, unsigned char *out, size_t len,
		       unsigned char *tag)
{
	int a = 0, b = 0;

	next_iv(iv, bc->ivlen);
	if (!EVP_EncryptInit_ex2(x, NULL, NULL, iv, NULL) ||
	    !EVP_EncryptUpdate(x, out, &a, in, (int)len) ||
	    !EVP_EncryptFinal_ex(x, out + a, &b) ||
	    (size_t)(a + b) != len)
		return 0;
	return !bc->gcm || EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, TAGLEN, tag);
}

static void bench_single(EVP_CIPHER *c, EVP_CIPHER *rc, const struct bcipher *bc,
			 size_t len, struct bcell *r)
{
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	unsigned char iv[16], tag[TAGLEN];
	double t0, t;

	if (!x || !EVP_EncryptInit_ex2(x, c, key, NULL, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(x, 0) ||
	    !one_message(x, bc, iv, bin[0], bout[0], len, tag)) {
		berrors("single-buffer encryption");
		goto out;
	}
	if (!reference(rc, bc, iv, bin[0], len, bout[0], tag))
		goto out;
	t0 = now();
	do {
		if (!one_message(x, bc, iv, bin[r->msgs & (BPIPES - 1)],
				 bout[r->msgs & (BPIPES - 1)], len, tag)) {
			berrors("single-buffer encryption");
			goto out;
		}
		r->msgs++;
	} while ((t = now()) - t0 < cell_secs);
	r->secs = t - t0;
	r->rate = (double)r->msgs / r->secs;
	r->ok = 1;
out:
	EVP_CIPHER_CTX_free(x);
}

/*
 * One pipeline of n messages on x: re-initialised with n new IVs (the key
 * kept, when rekey is 0), one data update, the final, the tags.
 */
static int one_pipeline(EVP_CIPHER_CTX *x, EVP_CIPHER *c, const struct bcipher *bc,
			size_t n, size_t len, int rekey, unsigned char iv[][16],
			unsigned char tag[][TAGLEN])
{
	const unsigned char *ivp[BPIPES], *in[BPIPES];
	unsigned char *out[BPIPES], *tags[BPIPES], **tagp = tags;
	size_t inl[BPIPES], outl[BPIPES], outsize[BPIPES];
	OSSL_PARAM prm[2];

	for (size_t i = 0; i < n; i++) {
		next_iv(iv[i], bc->ivlen);
		ivp[i] = iv[i];
		in[i] = bin[i];
		inl[i] = len;
		out[i] = bout[i];
		/* room for the tag: GCM writes straight into it */
		outsize[i] = len + TAGLEN;
		tags[i] = tag[i];
	}
	if (!EVP_CipherPipelineEncryptInit(x, rekey ? c : NULL, rekey ? key : NULL,
					   sizeof(key), n, ivp, bc->ivlen))
		return 0;
	if (rekey && !bc->gcm && !EVP_CIPHER_CTX_set_padding(x, 0))
		return 0;
	if (!EVP_CipherPipelineUpdate(x, out, outl, outsize, in, inl))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (outl[i] != len)
			return 0;
		out[i] += len;
		outsize[i] -= len;
	}
	if (!EVP_CipherPipelineFinal(x, out, outl, outsize))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (outl[i])
			return 0;
	if (!bc->gcm)
		return 1;
	/* an octet pointer: the address of a variable holding the array */
	prm[0] = OSSL_PARAM_construct_octet_ptr(OSSL_CIPHER_PARAM_PIPELINE_AEAD_TAG,
						(void **)&tagp, TAGLEN);
	prm[1] = OSSL_PARAM_construct_end();
	return EVP_CIPHER_CTX_get_params(x, prm);
}

static void bench_pipe(EVP_CIPHER *c, EVP_CIPHER *rc, const struct bcipher *bc,
		       size_t n, size_t len, struct bcell *r)
{
	static unsigned char iv[BPIPES][16], tag[BPIPES][TAGLEN];
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	double t0, t;

	if (!x || !one_pipeline(x, c, bc, n, len, 1, iv, tag)) {
		berrors("pipelined encryption (first)");
		goto out;
	}
	if (!reference(rc, bc, iv[0], bin[0], len, bout[0], tag[0]) ||
	    !reference(rc, bc, iv[n - 1], bin[n - 1], len, bout[n - 1], tag[n - 1]))
		goto out;
	t0 = now();
	do {
		if (!one_pipeline(x, c, bc, n, len, 0, iv, tag)) {
			berrors("pipelined encryption");
			goto out;
		}
		r->msgs += n;
	} while ((t = now()) - t0 < cell_secs);
	r->secs = t - t0;
	r->rate = (double)r->msgs / r->secs;
	/* and the last one right too: re-initialising kept the key */
	if (!reference(rc, bc, iv[n - 1], bin[n - 1], len, bout[n - 1], tag[n - 1]))
		goto out;
	r->ok = 1;
out:
	EVP_CIPHER_CTX_free(x);
}

static void size_name(char *b, size_t bl, size_t s)
{
	if (s >= 1024)
		snprintf(b, bl, "%zu KiB", s / 1024);
	else
		snprintf(b, bl, "%zu B", s);
}

static void fmt_rate(char *b, size_t bl, const struct bcell *r)
{
	if (!r->ok)
		snprintf(b, bl, "failed");
	else if (r->rate >= 1e5)
		snprintf(b, bl, "%.0f k", r->rate / 1e3);
	else if (r->rate >= 1e3)
		snprintf(b, bl, "%.1f k", r->rate / 1e3);
	else
		snprintf(b, bl, "%.0f", r->rate);
}

static double ratio(const struct bcell *a, const struct bcell *b)
{
	return a->ok && b->ok && b->rate > 0 ? a->rate / b->rate : 0;
}

/* Was cell (cipher a, class k, method m) measured? (default: class 0) */
static int measured(size_t a, size_t k, int m)
{
	return m == M_DEFAULT ? k == 0 : offered[a][k];
}

/* What pipeline cell (a, k, m) is compared with: ocf single or default. */
static const struct bcell *base(size_t a, size_t k, int vs, size_t s)
{
	return vs == M_SINGLE ? &cells[a][k][M_SINGLE][s] : &cells[a][0][M_DEFAULT][s];
}

static void table_head(const char *third)
{
	char b[32];

	printf("| algorithm | drivers | %s |", third);
	for (size_t s = 0; s < NSIZES; s++) {
		size_name(b, sizeof(b), sizes[s]);
		printf(" %s |", b);
	}
	printf("\n|---|---|---|");
	for (size_t s = 0; s < NSIZES; s++)
		printf("---:|");
	printf("\n");
}

static void rate_row(size_t a, size_t k, int m)
{
	char b[32];

	if (m != M_DEFAULT && !offered[a][k]) {
		if (m != M_SINGLE)
			return;
		printf("| %s | %s | not offered by ocf with these drivers |",
		       bciphers[a].name, classes[k]);
		for (size_t s = 0; s < NSIZES; s++)
			printf(" - |");
		printf("\n");
		return;
	}
	printf("| %s | %s | %s |", bciphers[a].name, m == M_DEFAULT ? "-" : classes[k],
	       mname[m]);
	for (size_t s = 0; s < NSIZES; s++) {
		fmt_rate(b, sizeof(b), &cells[a][k][m][s]);
		printf(" %s |", b);
	}
	printf("\n");
}

static void ratio_row(size_t a, size_t k, int m, int vs)
{
	printf("| %s | %s | pipeline %zu / %s |", bciphers[a].name, classes[k], mpipes[m],
	       vs == M_SINGLE ? "ocf single" : "default");
	for (size_t s = 0; s < NSIZES; s++) {
		double v = ratio(&cells[a][k][m][s], base(a, k, vs, s));

		printf(v < 0.1 ? " %.3f |" : " %.2f |", v);
	}
	printf("\n");
}

static void print_tables(void)
{
	printf("Messages per second (k = 1000), one encryption each, %g s per cell; ",
	       cell_secs);
	printf("\"ocf single\": one EVP_EncryptInit_ex2/Update/Final per message; ");
	printf("\"ocf pipeline N\": N messages per EVP_CipherPipelineUpdate (one batch); ");
	printf("\"default\": OpenSSL %s's default provider, one message at a time.\n\n",
	       OpenSSL_version(OPENSSL_VERSION_STRING));
	table_head("method");
	for (size_t a = 0; a < ARRAY_SIZE(bciphers); a++)
		for (size_t k = 0; k < nclass; k++)
			for (int m = k ? M_SINGLE : M_DEFAULT; m < NMETHODS; m++)
				rate_row(a, k, m);
	printf("\nRatios of messages per second: pipeline / ocf single (what batching ");
	printf("gains) and pipeline / default provider.\n\n");
	table_head("ratio");
	for (size_t a = 0; a < ARRAY_SIZE(bciphers); a++)
		for (size_t k = 0; k < nclass; k++)
			for (int m = M_PIPE8; offered[a][k] && m <= M_PIPE32; m++) {
				ratio_row(a, k, m, M_SINGLE);
				ratio_row(a, k, m, M_DEFAULT);
			}
}

static void json_cell(size_t a, size_t k, int m, size_t s)
{
	const struct bcell *r = &cells[a][k][m][s];

	printf("    {\"cipher\": \"%s\", ", bciphers[a].name);
	if (m == M_DEFAULT)
		printf("\"provider\": \"default\", \"drivers\": null, ");
	else
		printf("\"provider\": \"ocf\", \"drivers\": \"%s\", ", classes[k]);
	printf("\"method\": \"%s\", \"pipes\": %zu, \"size\": %zu, ",
	       mkey[m], mpipes[m], sizes[s]);
	printf("\"ok\": %s, \"messages\": %lu, \"seconds\": %.4f, \"msgs_per_s\": %.1f",
	       r->ok ? "true" : "false", r->msgs, r->secs, r->rate);
	if (m >= M_PIPE8)
		printf(", \"vs_single\": %.4f, \"vs_default\": %.4f",
		       ratio(r, base(a, k, M_SINGLE, s)), ratio(r, base(a, k, M_DEFAULT, s)));
	printf("}");
}

static void print_json(void)
{
	struct utsname u;
	const char *sep = "";

	if (uname(&u))
		strcpy(u.release, "unknown");
	printf("{\n  \"kernel\": \"%s\",\n  \"openssl\": \"%s\",\n", u.release,
	       OpenSSL_version(OPENSSL_VERSION_STRING));
	printf("  \"seconds_per_cell\": %.3f,\n  \"sizes\": [", cell_secs);
	for (size_t s = 0; s < NSIZES; s++)
		printf("%s%zu", s ? ", " : "", sizes[s]);
	printf("],\n  \"results\": [");
	for (size_t a = 0; a < ARRAY_SIZE(bciphers); a++)
		for (size_t k = 0; k < nclass; k++)
			for (int m = 0; m < NMETHODS; m++)
				for (size_t s = 0; measured(a, k, m) && s < NSIZES; s++) {
					printf("%s\n", sep);
					json_cell(a, k, m, s);
					sep = ",";
				}
	printf("\n  ]\n}\n");
}

/*
 * The benchmark: drivers is a comma-separated list of driver classes
 * (OCF_PROVIDER_DRIVERS values), secs the time per cell.  Returns the
 * exit status: 1 when a cell failed or nothing could be loaded.
 */
int ocf_pipe_bench(const char *drivers, double secs)
{
	OSSL_LIB_CTX *dctx, *kctx[NCLASS] = { NULL };
	char *list = strdup(drivers), *tok, *save = NULL;
	int status = 0;

	cell_secs = secs > 0 ? secs : 1;
	if (!list)
		return 1;
	for (tok = strtok_r(list, ",", &save); tok && nclass < NCLASS;
	     tok = strtok_r(NULL, ",", &save))
		classes[nclass++] = tok;
	if (tok) {
		fprintf(stderr, "ocf-pipe-test -b: at most %d driver classes\n", NCLASS);
		return 2;
	}
	dctx = OSSL_LIB_CTX_new();
	if (!dctx || !OSSL_PROVIDER_load(dctx, "default")) {
		berrors("loading the default provider");
		return 1;
	}
	for (size_t k = 0; k < nclass; k++) {
		/* the class is read when the provider is loaded into a context */
		setenv("OCF_PROVIDER_DRIVERS", classes[k], 1);
		kctx[k] = OSSL_LIB_CTX_new();
		if (!kctx[k] || !OSSL_PROVIDER_load(kctx[k], "ocf")) {
			berrors("loading the ocf provider");
			return 1;
		}
	}
	for (size_t i = 0; i < BPIPES; i++) {
		bin[i] = malloc(BMAX);
		bout[i] = malloc(BMAX + TAGLEN);
		if (!bin[i] || !bout[i])
			return 1;
		for (size_t j = 0; j < BMAX; j++)
			bin[i][j] = (unsigned char)(i * 131 + j * 7);
	}
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)(0x30 + i);

	for (size_t a = 0; a < ARRAY_SIZE(bciphers); a++) {
		const struct bcipher *bc = &bciphers[a];
		EVP_CIPHER *rc = EVP_CIPHER_fetch(dctx, bc->name, "provider=default");

		if (!rc) {
			berrors(bc->name);
			return 1;
		}
		for (size_t s = 0; s < NSIZES; s++) {
			fprintf(stderr, "# %s %zu B: default\n", bc->name, sizes[s]);
			bench_single(rc, rc, bc, sizes[s], &cells[a][0][M_DEFAULT][s]);
		}
		for (size_t k = 0; k < nclass; k++) {
			EVP_CIPHER *c = EVP_CIPHER_fetch(kctx[k], bc->name, "provider=ocf");

			if (!c || !EVP_CIPHER_can_pipeline(c, 1)) {
				ERR_clear_error();
				EVP_CIPHER_free(c);
				continue;
			}
			offered[a][k] = 1;
			for (size_t s = 0; s < NSIZES; s++) {
				fprintf(stderr, "# %s %zu B: ocf %s\n", bc->name, sizes[s],
					classes[k]);
				bench_single(c, rc, bc, sizes[s], &cells[a][k][M_SINGLE][s]);
				bench_pipe(c, rc, bc, 8, sizes[s], &cells[a][k][M_PIPE8][s]);
				bench_pipe(c, rc, bc, 32, sizes[s], &cells[a][k][M_PIPE32][s]);
			}
			EVP_CIPHER_free(c);
		}
		EVP_CIPHER_free(rc);
	}
	for (size_t a = 0; a < ARRAY_SIZE(bciphers); a++)
		for (size_t k = 0; k < nclass; k++)
			for (int m = 0; m < NMETHODS; m++)
				for (size_t s = 0; measured(a, k, m) && s < NSIZES; s++)
					if (!cells[a][k][m][s].ok)
						status = 1;
	print_tables();
	printf("\n==== JSON\n");
	print_json();
	printf("==== END\n");
	fflush(stdout);
	for (size_t k = 0; k < nclass; k++)
		OSSL_LIB_CTX_free(kctx[k]);
	OSSL_LIB_CTX_free(dctx);
	return status;
}
