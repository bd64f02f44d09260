/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ocf-bench: shared types.
 *
 * A *figure* is one measured cell: an algorithm, a driver class, a path
 * (how the work reaches the crypto code), a queue depth, a size and a
 * thread count.  A *worker* is one thread measuring a figure; a *path*
 * provides setup, "do n operations", drain and teardown for a worker.
 */
#ifndef OCF_BENCH_H
#define OCF_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_SIZES	32
#define MAX_DEPTHS	16
#define MAX_ALGS	16
#define MAX_PATHS	16
#define MAX_ROUNDS	64
#define AAD_MAX		64
#define TAG_MAX		16
#define DIGEST_MAX	64
#define DRIVER_MAX	96

enum alg_kind { K_CIPHER, K_AEAD, K_HASH, K_HMAC };

/* Driver class asked of /dev/crypto (OCF_IOC_GSESSION crid). */
enum crid_class { CLASS_ANY, CLASS_HW, CLASS_SW };

/* Kernel tcrypt speed mode that measures the same algorithm. */
struct tcrypt_map {
	int mode;		/* 0: tcrypt has no speed test for it */
	const char *param_alg;	/* alg= parameter, or NULL */
	unsigned int klen;	/* klen= parameter (keyed hashes), or 0 */
	const char *name;	/* algorithm name tcrypt prints */
	unsigned int keybits;	/* key size of the rows to take (ciphers) */
};

struct alg {
	const char *name;	/* ocf-bench name: "aes-128-gcm" */
	enum alg_kind kind;
	uint32_t cdev_id;	/* cryptodev id (cipher or mac field) */
	unsigned int keylen, ivlen, taglen, digestlen, blocksize;
	const char *kname;	/* kernel / AF_ALG name */
	const char *evp;	/* OpenSSL cipher or digest name */
	struct tcrypt_map tc;
};

enum path_id {
	P_COPY, P_ZC, P_ASYNC, P_BATCH, P_AFALG, P_SPLICE, P_OPENSSL,
	P_NOP, P_TCRYPT, P_NR
};

struct worker;

struct path {
	const char *name;
	const char *what;	/* one-line description */
	bool depth;		/* takes a queue depth */
	int (*setup)(struct worker *w);
	/* Complete at least @n operations; returns how many, or -errno. */
	long (*run)(struct worker *w, long n);
	void (*drain)(struct worker *w);
	void (*teardown)(struct worker *w);
};

/* What to measure: one line of a plan, or the command line. */
struct spec {
	const struct alg *algs[MAX_ALGS];
	int nalgs;
	size_t sizes[MAX_SIZES];
	int nsizes;
	enum path_id paths[MAX_PATHS];
	int npaths;
	unsigned int depths[MAX_DEPTHS];
	int ndepths;
	enum crid_class crid;
	int threads;
	int cpu;		/* -1: not pinned */
	bool spread;		/* threads on CPUs cpu, cpu+1, ... */
};

struct stat3 {
	double median, min, max;
};

struct result {
	const struct alg *alg;
	enum path_id path;
	enum crid_class crid;
	unsigned int depth;
	size_t size;
	int threads;
	int cpu;
	bool spread;
	char driver[DRIVER_MAX];
	int err;		/* errno when the figure could not be measured */
	int nrounds;
	double ops[MAX_ROUNDS];	/* ops/s of each round */
	struct stat3 o, m;	/* ops/s and MB/s (10^6 bytes/s) */
};

struct worker {
	const struct alg *alg;
	const struct path *path;
	enum crid_class crid;
	size_t size;
	unsigned int depth;
	int cpu;
	/* buffers: one slot per queue entry */
	uint8_t *mem;
	size_t stride;
	uint8_t *key, *aad, *iv;
	/* per-path state */
	int fd, fd2, pipe[2];
	uint32_t ses;
	void *ctx, *ctx2;
	void *priv;
	char driver[DRIVER_MAX];
	/* measurement */
	long done;
	double elapsed;
	int err;
};

/* Slot @i of a worker: input at src(), output at dst(). */
static inline uint8_t *slot_src(struct worker *w, unsigned int i)
{
	return w->mem + (size_t)i * w->stride * 2;
}

static inline uint8_t *slot_dst(struct worker *w, unsigned int i)
{
	return slot_src(w, i) + w->stride;
}

/* Global options. */
struct opts {
	int rounds;
	double round_s;
	double warmup_s;
	unsigned int aad_len;
	int tcrypt_runs;
	int tcrypt_sec;
	bool verbose;
	const char *json, *md, *plotdir, *note;
	unsigned int plot_depth;
	size_t depth_size;
};

extern struct opts opt;
extern const struct alg algs[];
extern const struct path *paths[P_NR];
extern uint64_t cdev_features;
extern uint32_t cdev_zc_threshold;
extern bool cdev_present;

const struct alg *alg_find(const char *name);
int alg_count(void);
const char *crid_name(enum crid_class c);

extern const struct path path_copy, path_zc, path_async, path_batch;
extern const struct path path_afalg, path_splice, path_openssl, path_nop;

void cdev_probe(void);
int cdev_check(const struct alg *a, enum path_id p);
void cdev_driver(const struct alg *a, enum crid_class c, char *buf, size_t len);
int afalg_check(const struct alg *a);
int openssl_check(const struct alg *a);

double now_s(void);
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* run.c */
struct team;
struct team *figure_start(const struct spec *s, const struct alg *a,
			  enum path_id p, unsigned int depth, size_t size,
			  struct result *r);
void figure_round(struct team *t, bool warmup);
void figure_end(struct team *t);

/* tcrypt.c */
int tcrypt_measure(const struct alg *a, size_t size, struct result *r);
void tcrypt_collect(const struct alg *const *as, int n);
void tcrypt_peak(const struct alg *a, size_t *size, struct stat3 *mbps,
		 char *driver, size_t dlen);

/* report.c */
void stat3_of(const double *v, int n, struct stat3 *s);
void report_text(const struct result *r, int n);
void report_json(const char *file, const struct result *r, int n);
void report_md(const char *file, const struct result *r, int n);
void report_plots(const char *dir, const struct result *r, int n);
void fmt_size(char *buf, size_t len, size_t size);
const struct result *find_result(const struct result *r, int n,
				 const struct alg *a, enum crid_class c,
				 enum path_id p, unsigned int depth, size_t size);

#endif /* OCF_BENCH_H */
