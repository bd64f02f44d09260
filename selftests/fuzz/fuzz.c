// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz - a structure-aware, multi-threaded fuzzer for /dev/crypto.
 *
 *	fuzz [-s SEED] [-t SECONDS] [-j THREADS] [-r ROUND_SECONDS] [-q]
 *
 * The run is a sequence of rounds.  Each round forks a worker process that
 * opens a few descriptors of /dev/crypto and runs THREADS threads, each
 * making a random sequence of system calls: every ioctl (legacy,
 * FreeBSD's and extension, plus unknown numbers) with mostly valid arguments that are
 * then mutated (ids, lengths, flags, pointers to unmapped, read-only,
 * PROT_NONE, kernel, non-canonical and misaligned addresses, huge sizes,
 * overlapping buffers), and also session frees racing with their use,
 * close/dup/CRIOGET of the descriptors, fork() with operations in flight,
 * munmap()/mmap() of buffers under operation, poll(), signals, and changes
 * of the module's limits.  kTLS: a few loopback TCP connections per worker
 * keyed with OCF_IOC_KTLS_ATTACH (do_ktls()), records sent and received
 * without blocking while the sockets, sessions and /dev/crypto descriptors
 * go away in any order.  Some rounds drop to an unprivileged user with
 * a small RLIMIT_MEMLOCK.  The parent kills most workers with SIGKILL in
 * the middle of their calls.
 *
 * Oracles: the kernel's own (KASAN, lockdep, ... in the guest log, read by
 * tools/vm/ocf-vm); here, a worker that dies of anything but our SIGKILL,
 * a worker that does not die within 60 s of SIGKILL (a task stuck in the
 * kernel), an errno above 133 (a kernel-internal code leaking out), and a
 * known-answer check of /dev/crypto after the run.
 *
 * Reproducing: the seed is printed ("# seed S"); every round and thread
 * derives its own generator from it, so "fuzz -s S" makes the same calls
 * in the same order per thread (the interleaving of threads, and where
 * SIGKILL lands, still vary).  "-j 1" and OCF_FUZZ_NOKILL=1 make a round
 * fully sequential.  Environment: OCF_SEED, OCF_FUZZ_SECONDS.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "tap.h"
#include "bsd_abi.h"
#include "cdev.h"
#include "ktls_util.h"

#define PARAMS		"/sys/module/ocf/parameters/"
#define NFDS		4
#define NSES		64
#define ARENA_SIZE	(4u << 20)
#define VOL_SIZE	(256u << 10)
#define GUARD_SIZE	(16u << 20)	/* above 2 x max_request */
#define MAX_DRIVERS	256
#define MAX_THREADS	16
#define NPAIRS		6	/* kTLS connections of a worker */
#define MAX_KDRV	32

/* ------------------------------------------------------------ PRNG */

struct rng {
	__u64 s;
};

static __u64 rnd64(struct rng *r)
{
	/* splitmix64 */
	__u64 z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static __u32 rnd(struct rng *r, __u32 n)
{
	return n ? (__u32)(rnd64(r) % n) : 0;
}

static int chance(struct rng *r, int percent)
{
	return rnd(r, 100) < (__u32)percent;
}

static __u64 mix(__u64 a, __u64 b)
{
	struct rng r = { a ^ (b * 0xff51afd7ed558ccdull) };

	return rnd64(&r);
}

/* --------------------------------------------------- shared state */

/* Counters shared by the parent and all workers (MAP_SHARED). */
struct stats {
	__u64 calls;
	__u64 ok;
	__u64 errs[140];
	__u64 weird;		/* errno > 133 */
	int weird_errno;
	unsigned int weird_cmd;
	__u64 forks;
	__u64 unmaps;
	__u64 closes;
	/* do_ktls() */
	__u64 ktls_attach;	/* OCF_IOC_KTLS_ATTACH calls */
	__u64 ktls_attach_ok;
	__u64 ktls_routed;	/* ... of which OCF_KTLS_R_ROUTED */
	__u64 ktls_aerrs[140];	/* their errnos */
	__u64 ktls_update;	/* OCF_IOC_TLS13_UPDATE calls */
	__u64 ktls_update_ok;
	__u64 ktls_pairs;	/* connections made */
	__u64 ktls_io;		/* sends and receives on the connections */
	__u64 ktls_io_ok;
	__u64 ktls_bytes_out;
	__u64 ktls_bytes_in;
	__u64 ktls_sock_closes;	/* close(), shutdown() */
	__u64 ktls_cdev_closes;	/* /dev/crypto of a keying session replaced */
};

static struct stats *st;

/* Drivers and names seen by OCF_IOC_LIST_ALGS (filled before the rounds). */
static char drivers[MAX_DRIVERS][CRYPTODEV_MAX_ALG_NAME];
static char algnames[MAX_DRIVERS][CRYPTODEV_MAX_ALG_NAME];
static int ndrivers;
static __u32 max_request = 4u << 20;

/*
 * kTLS (do_ktls()): whether this kernel has it (ktu_kernel_ktls(), as root
 * before the rounds, which also loads tls.ko for the unprivileged ones),
 * and the exact drivers a kTLS cipher's session can be made on.
 */
static int have_ktls;
static struct {
	__u32 alg;
	__u32 keylen;
	char name[CRYPTODEV_MAX_ALG_NAME];
} kdrv[MAX_KDRV];
static int nkdrv;

/* --------------------------------------------------- worker state */

/*
 * A loopback TCP connection for kTLS, and the keys its attaches use: both
 * directions of both ends get the same key and IV, so that what one end
 * sends the other can read when both were keyed from the pair's keys.
 */
struct kpair {
	int fd[2];			/* -1: closed */
	const struct ktls_cipher *c;
	__u32 version;
	__u8 key[48];			/* or the TLS 1.3 secret */
	__u8 iv[OCF_KTLS_IV_LEN];
	__u32 ses;			/* the session that last keyed it ... */
	int slot;			/* ... on W.fds[slot] */
	int ses13;			/* ... from a TLS 1.3 secret */
};

struct worker {
	int fds[NFDS];
	__u32 ses[NFDS][NSES];	/* ids seen per descriptor, live or not */
	__u8 *arena;			/* RW, stable, filled with random bytes */
	__u8 *ro;			/* PROT_READ page */
	__u8 *none;			/* PROT_NONE page */
	__u8 *hole;			/* unmapped */
	__u8 *vol;			/* RW, unmapped and remapped at times */
	__u8 *shm;			/* MAP_SHARED memfd, 64 KiB */
	pthread_mutex_t vol_lock;
	struct kpair kp[NPAIRS];
	pthread_mutex_t kp_lock;	/* kp[] and lfd[] */
	int lfd[2];			/* listeners: IPv4, IPv6 */
	int mfd;			/* the shm memfd, for sendfile() */
	int stop;			/* set by SIGALRM; read atomically */
	__u64 seed;
};

static struct worker W;

static void count(long ret, unsigned long cmd)
{
	__atomic_add_fetch(&st->calls, 1, __ATOMIC_RELAXED);
	if (ret >= 0) {
		__atomic_add_fetch(&st->ok, 1, __ATOMIC_RELAXED);
		return;
	}
	if (errno > 0 && errno < 140)
		__atomic_add_fetch(&st->errs[errno], 1, __ATOMIC_RELAXED);
	if (errno > 133) {
		__atomic_add_fetch(&st->weird, 1, __ATOMIC_RELAXED);
		st->weird_errno = errno;
		st->weird_cmd = (unsigned int)cmd;
	}
}

static long xioctl(int fd, unsigned long cmd, void *arg)
{
	long ret = ioctl(fd, cmd, arg);

	count(ret, cmd);
	return ret;
}

/* ------------------------------------------------------ generators */

/* The descriptor slot of the current call: sessions belong to open files. */
static __thread int cur;

static int pick_fd(struct rng *r)
{
	if (chance(r, 2))
		return (int)rnd(r, 64) - 1;	/* anything, -1 included */
	if (chance(r, 5))
		return W.fds[rnd(r, NFDS)];
	return W.fds[cur];
}

static __u32 pick_ses(struct rng *r)
{
	switch (rnd(r, 20)) {
	case 0:
		return 0;
	case 1:
		return (__u32)rnd64(r);
	case 2:
		return W.ses[cur][rnd(r, NSES)] + 1;
	case 3:
		return W.ses[rnd(r, NFDS)][rnd(r, NSES)];
	default:
		return W.ses[cur][rnd(r, NSES)];
	}
}

static void remember_ses(struct rng *r, __u32 id)
{
	W.ses[cur][rnd(r, NSES)] = id;
}

/* A length, biased to block multiples, the zero-copy threshold and limits. */
static __u32 pick_len(struct rng *r)
{
	switch (rnd(r, 24)) {
	case 0:
		return 0;
	case 1:
		return (__u32)rnd64(r);
	case 2:
		return max_request + rnd(r, 3) - 1;
	case 3:
		return 0xffffffffu - rnd(r, 64);
	case 4:
		return 1u << rnd(r, 32);
	case 5: case 6:
		return 4096 + rnd(r, 3) * 16 - 16;	/* around zc_threshold */
	case 7: case 8:
		return (rnd(r, 64) + 1) * 4096 + 16 * rnd(r, 2);
	case 9:
		return rnd(r, 300000);
	case 10: case 11:
		return rnd(r, 64);
	default:
		return 16 * (rnd(r, 256) + 1);
	}
}

/*
 * A user pointer for @len bytes: mostly inside the arena (misaligned at
 * times), else something the kernel must refuse or handle.
 */
static __u64 pick_ptr(struct rng *r, __u32 len, int writable)
{
	__u64 off;

	switch (rnd(r, 40)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)W.hole + rnd(r, 4096);
	case 2:
		return (uintptr_t)W.none + rnd(r, 4096);
	case 3:
		return (uintptr_t)W.ro + rnd(r, 64);
	case 4:
		/* a kernel address */
		return sizeof(long) == 8 ? 0xffffffff81000000ull + rnd(r, 1 << 20)
					 : 0xc0000000u + rnd(r, 1 << 20);
	case 5:
		/* non-canonical, or the top of the address space */
		return sizeof(long) == 8 ? 0x8000000000000000ull + rnd(r, 4096)
					 : 0xfffff000u + rnd(r, 4096);
	case 6:
		/* crossing from the arena into the hole after it */
		return (uintptr_t)W.arena + ARENA_SIZE - rnd(r, 64) - 1;
	case 7: case 8:
		return (uintptr_t)W.vol + rnd(r, VOL_SIZE);
	case 9:
		return (uintptr_t)W.shm + rnd(r, 65536);
	case 10:
		return writable ? (uintptr_t)W.ro : (uintptr_t)W.ro + rnd(r, 4096);
	case 11:
		/* random, but never this process's memory */
		if (sizeof(long) == 8)
			return rnd64(r) | 0x8000000000000000ull;
		return (uintptr_t)W.hole + rnd(r, 4096);
	default:
		break;
	}
	if (len > ARENA_SIZE - 64)
		len = rnd(r, 65536);
	off = rnd(r, ARENA_SIZE - len);
	if (chance(r, 60))
		off &= ~15ull;
	return (uintptr_t)W.arena + off;
}

/* A second pointer that overlaps @p at times. */
static __u64 pick_ptr2(struct rng *r, __u64 p, __u32 len, int writable)
{
	switch (rnd(r, 8)) {
	case 0: case 1:
		return p;			/* in place */
	case 2:
		return p + rnd(r, 64) - 32;	/* overlapping */
	default:
		return pick_ptr(r, len, writable);
	}
}

/*
 * Flip a few bytes of a structure now and then: only in its first @size
 * bytes, the scalar fields (ids, ops, flags, lengths).  Pointers get their
 * bad values from pick_ptr(): a flipped bit in a pointer would send the
 * kernel's (legitimate) writes into this process's own stacks and locks.
 */
static void mutate(struct rng *r, void *p, size_t size)
{
	__u8 *b = p;
	int n;

	if (!chance(r, 15))
		return;
	for (n = rnd(r, 4) + 1; n; n--) {
		size_t i = rnd(r, size);

		switch (rnd(r, 4)) {
		case 0:
			b[i] ^= 1u << rnd(r, 8);
			break;
		case 1:
			b[i] = 0xff;
			break;
		case 2:
			b[i] = 0;
			break;
		default:
			b[i] = (__u8)rnd64(r);
		}
	}
}

struct alg {
	__u32 id;
	__u8 kind;		/* see enum */
	__u8 keylens[3];
};

enum { K_CIPHER, K_AEAD, K_HASH, K_HMAC, K_TLS };

static const struct alg algs[] = {
	{ CRYPTO_DES_CBC, K_CIPHER, { 8 } },
	{ CRYPTO_3DES_CBC, K_CIPHER, { 24 } },
	{ CRYPTO_BLF_CBC, K_CIPHER, { 16, 8, 56 } },
	{ CRYPTO_CAST_CBC, K_CIPHER, { 16, 5 } },
	{ CRYPTO_AES_CBC, K_CIPHER, { 16, 24, 32 } },
	{ CRYPTO_AES_CBC, K_CIPHER, { 16 } },
	{ CRYPTO_ARC4, K_CIPHER, { 16, 5, 32 } },
	{ CRYPTO_NULL, K_CIPHER, { 0, 16 } },
	{ CRYPTO_AES_CTR, K_CIPHER, { 16, 32 } },
	{ CRYPTO_AES_XTS, K_CIPHER, { 32, 64 } },
	{ CRYPTO_AES_ECB, K_CIPHER, { 16 } },
	{ CRYPTO_AES_CFB, K_CIPHER, { 16 } },
	{ CRYPTO_AES_OFB, K_CIPHER, { 16 } },
	{ CRYPTO_CAMELLIA_CBC, K_CIPHER, { 16, 32 } },
	{ CRYPTO_CHACHA20, K_CIPHER, { 32 } },
	{ CRYPTO_SM4_CBC, K_CIPHER, { 16 } },
	{ CRYPTO_SM4_CTR, K_CIPHER, { 16 } },
	{ CRYPTO_CAMELLIA_CTR, K_CIPHER, { 16 } },
	{ CRYPTO_AES_GCM, K_AEAD, { 16, 32 } },
	{ CRYPTO_AES_GCM, K_AEAD, { 16 } },
	{ CRYPTO_AES_CCM, K_AEAD, { 16 } },
	{ CRYPTO_CHACHA20_POLY1305, K_AEAD, { 32 } },
	{ CRYPTO_SM4_GCM, K_AEAD, { 16 } },
	{ CRYPTO_MD5, K_HASH, { 0 } },
	{ CRYPTO_SHA1, K_HASH, { 0 } },
	{ CRYPTO_SHA2_256, K_HASH, { 0 } },
	{ CRYPTO_SHA2_512, K_HASH, { 0 } },
	{ CRYPTO_RIPEMD160, K_HASH, { 0 } },
	{ CRYPTO_SHA3_256, K_HASH, { 0 } },
	{ CRYPTO_BLAKE2B_512, K_HASH, { 0, 32, 64 } },
	{ CRYPTO_SM3, K_HASH, { 0 } },
	{ CRYPTO_MD5_HMAC, K_HMAC, { 16, 64, 200 } },
	{ CRYPTO_SHA1_HMAC, K_HMAC, { 20, 64 } },
	{ CRYPTO_SHA2_256_HMAC, K_HMAC, { 32, 1, 128 } },
	{ CRYPTO_SHA2_512_HMAC, K_HMAC, { 64 } },
	{ CRYPTO_SHA3_256_HMAC, K_HMAC, { 32 } },
	{ CRYPTO_AES_CMAC, K_HMAC, { 16 } },
	{ CRYPTO_AES_XCBC_MAC, K_HMAC, { 16 } },
	{ CRYPTO_TLS11_AES_CBC_HMAC_SHA1, K_TLS, { 16 } },
	{ CRYPTO_TLS12_AES_CBC_HMAC_SHA256, K_TLS, { 32 } },
};

#define NALGS ARRAY_SIZE(algs)

static const char *const names[] = {
	"cbc(aes)", "xts(aes)", "ctr(aes)", "ecb(aes)", "gcm(aes)", "ccm(aes)",
	"rfc4106(gcm(aes))", "rfc4309(ccm(aes))", "rfc7539(chacha20,poly1305)",
	"rfc7539esp(chacha20,poly1305)", "hmac(sha256)", "hmac(sha3-256)",
	"sha256", "sha1", "md5", "cmac(aes)", "xcbc(aes)", "ghash", "crc32c",
	"authenc(hmac(sha1),cbc(aes))", "authenc(hmac(sha256),ctr(aes))",
	"ecb(cipher_null)", "digest_null", "cipher_null", "aes", "__cbc(aes)",
	"__xts(aes)", "__gcm(aes)", "cryptd(__cbc-aes-aesni)", "stdrng",
	"jitterentropy_rng", "rsa", "pkcs1pad(rsa,sha256)", "deflate",
	"cbc(cbc(aes))", "ecb(ecb(ecb(aes)))", "hmac(hmac(sha1))", "xts(ecb(aes))",
	"gcm_base(ctr(aes),ghash)", "ccm_base(ctr(aes),cbcmac(aes))",
	"cbcmac(aes)", "poly1305", "chacha20", "blake2b-256", "sha3-512",
	"", "(", "cbc(", "cbc(aes", "cbc()", "hmac(md5))", "xxxxxxxx",
};

#define NNAMES ARRAY_SIZE(names)

static void pick_name(struct rng *r, char *dst)
{
	switch (rnd(r, 10)) {
	case 0:
		/* unterminated */
		memset(dst, 'a' + rnd(r, 26), CRYPTODEV_MAX_ALG_NAME);
		return;
	case 1:
		if (ndrivers) {
			strcpy(dst, drivers[rnd(r, ndrivers)]);
			return;
		}
		break;
	case 2: case 3:
		if (ndrivers) {
			strcpy(dst, algnames[rnd(r, ndrivers)]);
			return;
		}
		break;
	default:
		break;
	}
	snprintf(dst, CRYPTODEV_MAX_ALG_NAME, "%s", names[rnd(r, NNAMES)]);
}

/* The authenc key layout of the TLS composite ids: rtattr, enckeylen, keys. */
static __u32 tls_key(struct rng *r, __u8 *buf, __u32 enckey)
{
	__u32 mackey = 20 + rnd(r, 13);

	buf[0] = 8;
	buf[1] = 0;
	buf[2] = 1;
	buf[3] = 0;
	buf[4] = 0;
	buf[5] = 0;
	buf[6] = 0;
	buf[7] = (__u8)enckey;
	memset(buf + 8, 0x5a, mackey + enckey);
	return 8 + mackey + enckey;
}

/* ------------------------------------------------------- the calls */

static void do_gsession(struct rng *r)
{
	const struct alg *a = &algs[rnd(r, NALGS)];
	__u8 tkey[128];
	struct session_op s;
	__u32 klen = a->keylens[rnd(r, 3)];

	if (!klen)
		klen = a->keylens[0];
	memset(&s, 0, sizeof(s));
	switch (a->kind) {
	case K_CIPHER:
	case K_AEAD:
		s.cipher = a->id;
		s.keylen = klen;
		s.key = (__u8 *)(uintptr_t)pick_ptr(r, klen, 0);
		if (a->kind == K_CIPHER && chance(r, 30)) {
			s.mac = algs[31 + rnd(r, 5)].id;
			s.mackeylen = 20;
			s.mackey = (__u8 *)(uintptr_t)pick_ptr(r, 20, 0);
		}
		break;
	case K_HASH:
		s.mac = a->id;
		s.mackeylen = klen;
		if (klen)
			s.mackey = (__u8 *)(uintptr_t)pick_ptr(r, klen, 0);
		break;
	case K_HMAC:
		s.mac = a->id;
		s.mackeylen = klen;
		s.mackey = (__u8 *)(uintptr_t)pick_ptr(r, klen, 0);
		break;
	case K_TLS:
		s.cipher = a->id;
		s.keylen = tls_key(r, tkey, klen);
		s.key = tkey;
		break;
	}
	if (chance(r, 10))
		s.keylen = pick_len(r);
	if (chance(r, 5))
		s.cipher = rnd(r, 260);
	if (chance(r, 5))
		s.mac = rnd(r, 260);
	mutate(r, &s, offsetof(struct session_op, key));
	if (chance(r, 3)) {
		xioctl(pick_fd(r), CIOCGSESSION, (void *)(uintptr_t)pick_ptr(r, sizeof(s), 1));
		return;
	}
	if (xioctl(pick_fd(r), CIOCGSESSION, &s) == 0)
		remember_ses(r, s.ses);
}

/* FreeBSD's set (module/bsd.c): its own numbers, structures and ids. */
static const struct { __u32 id; __u8 keylen; __u8 mac; } bsd_algs[] = {
	{ 11, 16, 0 }, { 11, 32, 0 }, { 22, 32, 0 }, { 22, 64, 0 }, { 23, 16, 0 },
	{ 21, 16, 0 }, { 25, 16, 0 }, { 25, 32, 0 }, { 40, 16, 0 }, { 41, 32, 0 },
	{ 16, 0, 0 }, { 31, 32, 0 },
	{ 35, 0, 1 }, { 37, 0, 1 }, { 18, 32, 1 }, { 7, 20, 1 }, { 29, 0, 1 },
};

static void do_bsd_session(struct rng *r)
{
	struct bsd_session2_op s;
	struct session_op so;
	unsigned int c, m;

	memset(&s, 0, sizeof(s));
	c = rnd(r, 12);
	m = 12 + rnd(r, 5);
	if (chance(r, 75)) {
		s.cipher = bsd_algs[c].id;
		s.keylen = bsd_algs[c].keylen;
		s.key = (void *)(uintptr_t)pick_ptr(r, s.keylen, 0);
	}
	if (!s.cipher || chance(r, 30)) {
		s.mac = bsd_algs[m].id;
		s.mackeylen = bsd_algs[m].keylen;
		s.mackey = (void *)(uintptr_t)pick_ptr(r, s.mackeylen, 0);
	}
	s.crid = chance(r, 70) ? 0x03000000 : (int)rnd64(r) & 0x0300000f;
	s.ivlen = chance(r, 80) ? 0 : (int)rnd(r, 20);
	s.maclen = chance(r, 80) ? 0 : (int)rnd(r, 70);
	if (chance(r, 5))
		s.cipher = rnd(r, 50);
	if (chance(r, 5))
		s.mac = rnd(r, 50);
	mutate(r, &s, offsetof(struct bsd_session2_op, key));
	if (chance(r, 3)) {
		xioctl(pick_fd(r), BSD_CIOCGSESSION2,
		       (void *)(uintptr_t)pick_ptr(r, sizeof(s), 1));
		return;
	}
	if (chance(r, 20)) {
		/* the same on the old call: session_op, no crid or lengths */
		memset(&so, 0, sizeof(so));
		so.cipher = s.cipher;
		so.mac = s.mac;
		so.keylen = s.keylen;
		so.key = (void *)s.key;
		so.mackeylen = s.mackeylen;
		so.mackey = (void *)s.mackey;
		if (xioctl(pick_fd(r), BSD_CIOCGSESSION, &so) == 0)
			remember_ses(r, so.ses);
		return;
	}
	if (xioctl(pick_fd(r), BSD_CIOCGSESSION2, &s) == 0)
		remember_ses(r, s.ses);
}

static void do_bsd(struct rng *r)
{
	struct bsd_crypt_aead a;
	struct bsd_find_op f;
	struct crypt_op c;

	switch (rnd(r, 6)) {
	case 0: case 1:
		do_bsd_session(r);
		break;
	case 2: case 3:
		memset(&c, 0, sizeof(c));
		c.ses = pick_ses(r);
		c.op = chance(r, 95) ? rnd(r, 3) : (__u16)rnd64(r);
		c.flags = chance(r, 90) ? rnd(r, 2) : (__u16)rnd64(r);
		c.len = chance(r, 50) ? rnd(r, 4) * 16 + 16 : pick_len(r);
		c.src = (__u8 *)(uintptr_t)pick_ptr(r, c.len, 0);
		c.dst = chance(r, 90) ? (__u8 *)(uintptr_t)pick_ptr2(r, (uintptr_t)c.src,
								    c.len, 1) : NULL;
		c.mac = chance(r, 60) ? (__u8 *)(uintptr_t)pick_ptr(r, 64, 1) : NULL;
		c.iv = chance(r, 60) ? (__u8 *)(uintptr_t)pick_ptr(r, 32, 0) : NULL;
		mutate(r, &c, offsetof(struct crypt_op, src));
		xioctl(pick_fd(r), BSD_CIOCCRYPT,
		       chance(r, 3) ? (void *)(uintptr_t)pick_ptr(r, sizeof(c), 1) : &c);
		break;
	case 4:
		memset(&a, 0, sizeof(a));
		a.ses = pick_ses(r);
		a.op = chance(r, 95) ? 1 + rnd(r, 2) : (__u16)rnd64(r);
		a.flags = chance(r, 90) ? rnd(r, 2) : (__u16)rnd64(r);
		a.len = chance(r, 50) ? rnd(r, 100) : pick_len(r);
		a.aadlen = chance(r, 60) ? rnd(r, 64) : pick_len(r);
		a.ivlen = chance(r, 70) ? 12 : rnd(r, 20);
		a.src = (void *)(uintptr_t)pick_ptr(r, a.len, 0);
		a.dst = chance(r, 90) ? (void *)(uintptr_t)pick_ptr2(r, (uintptr_t)a.src,
								    a.len, 1) : NULL;
		a.aad = (void *)(uintptr_t)pick_ptr(r, a.aadlen, 0);
		a.tag = chance(r, 90) ? (void *)(uintptr_t)pick_ptr(r, 64, 1) : NULL;
		a.iv = chance(r, 90) ? (void *)(uintptr_t)pick_ptr(r, 32, 0) : NULL;
		mutate(r, &a, offsetof(struct bsd_crypt_aead, src));
		xioctl(pick_fd(r), BSD_CIOCCRYPTAEAD,
		       chance(r, 3) ? (void *)(uintptr_t)pick_ptr(r, sizeof(a), 1) : &a);
		break;
	default:
		memset(&f, 0, sizeof(f));
		f.crid = chance(r, 50) ? -1 : (int)rnd(r, 40);
		if (f.crid == -1 && ndrivers)
			strncpy(f.name, drivers[rnd(r, ndrivers)], sizeof(f.name) - 1);
		mutate(r, &f, sizeof(f));
		xioctl(pick_fd(r), BSD_CIOCFINDDEV,
		       chance(r, 3) ? (void *)(uintptr_t)pick_ptr(r, sizeof(f), 1) : &f);
		break;
	}
}

static void do_gsession_ext(struct rng *r)
{
	static const __u32 keylens[] = { 16, 32, 64, 0, 24 };
	static const __u32 mackeylens[] = { 0, 16, 32, 64 };
	const struct alg *a = &algs[rnd(r, NALGS)];
	struct ocf_session_op s;
	__u8 tkey[128];
	__u32 klen = a->keylens[rnd(r, 3)];

	if (!klen)
		klen = a->keylens[0];
	memset(&s, 0, sizeof(s));
	if (a->kind == K_HASH || a->kind == K_HMAC) {
		s.mac = a->id;
		s.mackeylen = klen;
		s.mackey = klen ? pick_ptr(r, klen, 0) : 0;
	} else if (a->kind == K_TLS) {
		s.cipher = a->id;
		s.keylen = tls_key(r, tkey, klen);
		s.key = (uintptr_t)tkey;
	} else {
		s.cipher = a->id;
		s.keylen = klen;
		s.key = pick_ptr(r, klen, 0);
	}
	if (chance(r, 40)) {
		/* by name, with a key of a likely size */
		if (chance(r, 70)) {
			s.cipher = OCF_ALG_BY_NAME;
			pick_name(r, s.cipher_name);
			s.keylen = keylens[rnd(r, ARRAY_SIZE(keylens))];
			s.key = pick_ptr(r, s.keylen, 0);
		}
		if (chance(r, 40)) {
			s.mac = OCF_ALG_BY_NAME;
			pick_name(r, s.mac_name);
			s.mackeylen = mackeylens[rnd(r, ARRAY_SIZE(mackeylens))];
			s.mackey = s.mackeylen ? pick_ptr(r, s.mackeylen, 0) : 0;
		}
	}
	switch (rnd(r, 8)) {
	case 0:
		s.crid = OCF_CRID_ANY;
		break;
	case 1:
		s.crid = OCF_CRID_HARDWARE;
		break;
	case 2:
		s.crid = OCF_CRID_SOFTWARE;
		break;
	case 3:
		s.crid = rnd(r, ndrivers + 4);
		break;
	case 4:
		s.crid = (__u32)rnd64(r);
		break;
	default:
		break;
	}
	if (chance(r, 15)) {
		s.flags |= OCF_SES_F_CIPHER_DRIVER;
		pick_name(r, s.cipher_driver);
	}
	if (chance(r, 10)) {
		s.flags |= OCF_SES_F_MAC_DRIVER;
		pick_name(r, s.mac_driver);
	}
	if (chance(r, 20))
		s.tag_len = rnd(r, 20);
	if (chance(r, 3))
		s.flags |= 1u << rnd(r, 32);
	if (chance(r, 3))
		s.reserved[rnd(r, 4)] = rnd64(r);
	mutate(r, &s, offsetof(struct ocf_session_op, key));
	if (chance(r, 3)) {
		xioctl(pick_fd(r), OCF_IOC_GSESSION,
		       (void *)(uintptr_t)pick_ptr(r, sizeof(s), 1));
		return;
	}
	if (xioctl(pick_fd(r), OCF_IOC_GSESSION, &s) == 0)
		remember_ses(r, s.ses);
}

static void do_fsession(struct rng *r)
{
	__u32 id = pick_ses(r);

	if (chance(r, 3))
		xioctl(pick_fd(r), CIOCFSESSION, (void *)(uintptr_t)pick_ptr(r, 4, 0));
	else
		xioctl(pick_fd(r), CIOCFSESSION, &id);
}

static __u16 pick_flags(struct rng *r)
{
	static const __u16 f[] = {
		0, 0, 0, COP_FLAG_UPDATE, COP_FLAG_FINAL, COP_FLAG_WRITE_IV,
		COP_FLAG_NO_ZC, COP_FLAG_RESET, COP_FLAG_UPDATE | COP_FLAG_FINAL,
		COP_FLAG_AEAD_TLS_TYPE, COP_FLAG_AEAD_SRTP_TYPE,
	};
	__u16 v = f[rnd(r, ARRAY_SIZE(f))];

	if (chance(r, 20))
		v |= f[rnd(r, ARRAY_SIZE(f))];
	if (chance(r, 3))
		v = (__u16)rnd64(r);
	return v;
}

static void do_crypt(struct rng *r, int async)
{
	struct crypt_op c;

	memset(&c, 0, sizeof(c));
	c.ses = pick_ses(r);
	c.op = chance(r, 95) ? rnd(r, 2) : (__u16)rnd64(r);
	c.flags = pick_flags(r);
	c.len = pick_len(r);
	c.src = (__u8 *)(uintptr_t)pick_ptr(r, c.len, 0);
	c.dst = (__u8 *)(uintptr_t)pick_ptr2(r, (uintptr_t)c.src, c.len, 1);
	c.mac = chance(r, 80) ? (__u8 *)(uintptr_t)pick_ptr(r, 64, 1) : NULL;
	c.iv = chance(r, 70) ? (__u8 *)(uintptr_t)pick_ptr(r, 32, 1) : NULL;
	mutate(r, &c, offsetof(struct crypt_op, src));
	xioctl(pick_fd(r), async ? CIOCASYNCCRYPT : CIOCCRYPT,
	       chance(r, 3) ? (void *)(uintptr_t)pick_ptr(r, sizeof(c), 0) : &c);
}

static void do_fetch(struct rng *r)
{
	struct crypt_op c;

	xioctl(pick_fd(r), CIOCASYNCFETCH,
	       chance(r, 5) ? (void *)(uintptr_t)pick_ptr(r, sizeof(c), 1) : &c);
}

static void fill_auth(struct rng *r, struct crypt_auth_op *a)
{
	memset(a, 0, sizeof(*a));
	a->ses = pick_ses(r);
	a->op = chance(r, 95) ? rnd(r, 2) : (__u16)rnd64(r);
	a->flags = pick_flags(r);
	a->len = pick_len(r);
	a->auth_len = chance(r, 60) ? rnd(r, 64) : pick_len(r);
	a->auth_src = (__u8 *)(uintptr_t)pick_ptr(r, a->auth_len, 0);
	a->src = (__u8 *)(uintptr_t)pick_ptr(r, a->len, 0);
	if (a->flags & COP_FLAG_AEAD_SRTP_TYPE && chance(r, 60)) {
		/* SRTP: src == dst inside the authenticated region */
		a->src = a->auth_src + rnd(r, a->auth_len + 1);
		a->dst = a->src;
	} else {
		a->dst = (__u8 *)(uintptr_t)pick_ptr2(r, (uintptr_t)a->src,
							 a->len + 64, 1);
	}
	a->tag = chance(r, 70) ? (__u8 *)(uintptr_t)pick_ptr(r, 64, 1) : NULL;
	a->tag_len = chance(r, 70) ? 0 : rnd(r, 70);
	a->iv = chance(r, 80) ? (__u8 *)(uintptr_t)pick_ptr(r, 32, 0) : NULL;
	a->iv_len = chance(r, 70) ? 0 : rnd(r, 40);
	mutate(r, a, offsetof(struct crypt_auth_op, auth_src));
}

static void do_authcrypt(struct rng *r)
{
	struct crypt_auth_op a;

	fill_auth(r, &a);
	xioctl(pick_fd(r), CIOCAUTHCRYPT,
	       chance(r, 3) ? (void *)(uintptr_t)pick_ptr(r, sizeof(a), 1) : &a);
}

static void do_sessinfo(struct rng *r)
{
	struct session_info_op si;

	memset(&si, 0, sizeof(si));
	si.ses = pick_ses(r);
	xioctl(pick_fd(r), CIOCGSESSINFO,
	       chance(r, 5) ? (void *)(uintptr_t)pick_ptr(r, sizeof(si), 1) : &si);
}

static void do_cphash(struct rng *r)
{
	struct cphash_op cp = { pick_ses(r), pick_ses(r) };

	if (chance(r, 10))
		cp.dst_ses = cp.src_ses;
	xioctl(pick_fd(r), CIOCCPHASH, &cp);
}

static void fill_desc(struct rng *r, struct ocf_crypt_desc *d)
{
	struct crypt_auth_op a;

	fill_auth(r, &a);
	memset(d, 0, sizeof(*d));
	d->ses = a.ses;
	d->op = a.op;
	d->flags = a.flags;
	d->len = a.len;
	d->auth_len = a.auth_len;
	d->src = (uintptr_t)a.src;
	d->dst = (uintptr_t)a.dst;
	d->mac = (uintptr_t)a.tag;
	d->iv = (uintptr_t)a.iv;
	d->auth_src = (uintptr_t)a.auth_src;
	d->tag_len = a.tag_len;
	d->iv_len = a.iv_len;
	d->user_data = rnd64(r);
	if (chance(r, 2))
		d->reserved[rnd(r, 2)] = 1;
	if (chance(r, 5))
		d->src = rnd64(r);	/* high bits set on a 32-bit ABI */
}

static void do_submit(struct rng *r)
{
	struct ocf_crypt_desc d[16];
	struct ocf_submit sb;
	__u32 n = rnd(r, 16) + 1, i;

	for (i = 0; i < n; i++)
		fill_desc(r, &d[i]);
	memset(&sb, 0, sizeof(sb));
	sb.count = chance(r, 95) ? n : (__u32)rnd64(r);
	sb.descs = (uintptr_t)d;
	if (chance(r, 5))
		sb.descs = pick_ptr(r, n * sizeof(d[0]), 0);
	if (chance(r, 3))
		sb.flags = 1;
	if (chance(r, 3))
		sb.reserved = 1;
	mutate(r, &sb, offsetof(struct ocf_submit, descs));
	if (sb.count > n && sb.descs == (uintptr_t)d)
		sb.count = n;		/* never let the kernel read our stack */
	xioctl(pick_fd(r), OCF_IOC_SUBMIT, &sb);
}

static void do_reap(struct rng *r)
{
	struct ocf_result res[32];
	struct ocf_reap rp;

	memset(&rp, 0, sizeof(rp));
	rp.count = rnd(r, 33);
	/* min > 0 waits (killably) for completions: keep it small */
	rp.min = chance(r, 20) ? rnd(r, 2) : 0;
	rp.results = (uintptr_t)res;
	if (chance(r, 5))
		rp.results = pick_ptr(r, sizeof(res), 1);
	if (chance(r, 3))
		rp.flags = 1;
	if (chance(r, 3))
		rp.count = (__u32)rnd64(r);
	if (rp.count > 32 && rp.results == (uintptr_t)res)
		rp.count = 32;
	xioctl(pick_fd(r), OCF_IOC_REAP, &rp);
}

static void do_info(struct rng *r)
{
	struct ocf_alg_entry e[8];
	struct ocf_features f;
	struct ocf_alg_list l;
	struct ocf_find_op fo;
	__u32 u;

	switch (rnd(r, 6)) {
	case 0:
		xioctl(pick_fd(r), OCF_IOC_GET_FEATURES,
		       chance(r, 10) ? (void *)(uintptr_t)pick_ptr(r, sizeof(f), 1) : &f);
		break;
	case 1:
		memset(&fo, 0, sizeof(fo));
		fo.crid = chance(r, 50) ? -1 : (__s32)rnd(r, ndrivers + 8) - 2;
		pick_name(r, fo.name);
		if (chance(r, 5))
			fo.flags = 1;
		xioctl(pick_fd(r), OCF_IOC_FINDDEV, &fo);
		break;
	case 2:
		memset(&l, 0, sizeof(l));
		l.capacity = rnd(r, 9);
		l.entries = (uintptr_t)e;
		if (chance(r, 20)) {
			l.capacity = (__u32)pick_len(r);
			l.entries = pick_ptr(r, l.capacity, 1);
		}
		if (chance(r, 30))
			pick_name(r, l.filter);
		xioctl(pick_fd(r), OCF_IOC_LIST_ALGS, &l);
		break;
	case 3:
		xioctl(pick_fd(r), CIOCASYMFEAT, &u);
		break;
	case 4: {
		struct crypt_kop k;

		memset(&k, 0, sizeof(k));
		k.crk_op = rnd(r, 6);
		k.crk_iparams = rnd(r, 10);
		xioctl(pick_fd(r), CIOCKEY, &k);
		break;
	}
	default: {
		/* an unknown or malformed command */
		__u8 buf[512];
		unsigned long cmd;

		memset(buf, 0, sizeof(buf));
		switch (rnd(r, 4)) {
		case 0:
			cmd = _IOC(rnd(r, 4), 'c', rnd(r, 256), rnd(r, 512));
			break;
		case 1:
			/* a known number with the wrong size or direction */
			cmd = _IOC(rnd(r, 4), 'c', 101 + rnd(r, 12), rnd(r, 512));
			break;
		case 2:
			cmd = _IOC(rnd(r, 4), 'c', 192 + rnd(r, 10), rnd(r, 512));
			break;
		default:
			cmd = (unsigned long)rnd64(r);
			break;
		}
		xioctl(pick_fd(r), cmd,
		       chance(r, 80) ? buf : (void *)(uintptr_t)pick_ptr(r, 64, 1));
	}
	}
}

/* Close a descriptor and put a new open file (or a dup) in its place. */
static void do_fdops(struct rng *r)
{
	int slot = rnd(r, NFDS), fd = -1;
	__u32 u;

	switch (rnd(r, 4)) {
	case 0:
		fd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
		break;
	case 1:
		fd = dup(W.fds[rnd(r, NFDS)]);
		break;
	case 2:
		if (xioctl(W.fds[rnd(r, NFDS)], CRIOGET, &u) == 0)
			fd = (int)u;
		break;
	default: {
		struct pollfd p = { W.fds[slot], POLLIN | POLLOUT, 0 };

		poll(&p, 1, 0);
		return;
	}
	}
	if (fd < 0)
		return;
	__atomic_add_fetch(&st->closes, 1, __ATOMIC_RELAXED);
	/* dup2 replaces atomically: the old open file may be in use */
	dup2(fd, W.fds[slot]);
	close(fd);
}

/* Unmap the volatile region under the other threads' operations, remap it. */
static void do_vol(struct rng *r)
{
	pthread_mutex_lock(&W.vol_lock);
	__atomic_add_fetch(&st->unmaps, 1, __ATOMIC_RELAXED);
	switch (rnd(r, 3)) {
	case 0:
		munmap(W.vol, VOL_SIZE);
		usleep(rnd(r, 2000));
		break;
	case 1:
		mprotect(W.vol, VOL_SIZE, PROT_READ);
		usleep(rnd(r, 2000));
		break;
	default:
		madvise(W.vol, VOL_SIZE, MADV_DONTNEED);
		break;
	}
	mmap(W.vol, VOL_SIZE, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	pthread_mutex_unlock(&W.vol_lock);
}

/* ------------------------------------------------------------ kTLS */

/*
 * kTLS bridging (OCF_IOC_KTLS_ATTACH) and its lifetimes: a few loopback
 * connections (W.kp, NPAIRS), keyed from gcm(aes) sessions mostly, on the
 * kernel's driver or an exact one (synchronous C, asynchronous, cryptd),
 * from TLS 1.3 secrets, or from any session id; records sent and received
 * without ever blocking (O_NONBLOCK, MSG_DONTWAIT), and the socket, the
 * session and /dev/crypto going away in any order, records in flight.
 */

/* A send or receive: counted apart from the ioctls (their errnos are net/'s). */
static void kcount(long ret, __u64 *bytes)
{
	__atomic_add_fetch(&st->ktls_io, 1, __ATOMIC_RELAXED);
	if (ret < 0)
		return;
	__atomic_add_fetch(&st->ktls_io_ok, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(bytes, (__u64)ret, __ATOMIC_RELAXED);
}

static void ktls_timeouts(int fd)
{
	struct timeval tv = { 0, 100000 };

	/* a backstop: every call here is non-blocking already */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* The worker's listener of @family, made on first use.  Caller: kp_lock. */
static int ktls_listener(int v6)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	int fd;

	if (W.lfd[v6] >= 0)
		return W.lfd[v6];
	fd = socket(v6 ? AF_INET6 : AF_INET,
		    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	s6.sin6_addr = in6addr_loopback;
	s4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((v6 ? bind(fd, (struct sockaddr *)&s6, sizeof(s6)) :
		  bind(fd, (struct sockaddr *)&s4, sizeof(s4))) ||
	    listen(fd, 8)) {
		close(fd);
		return -1;
	}
	W.lfd[v6] = fd;
	return fd;
}

/* Accept and close whatever a failed connect left queued. */
static void ktls_drain(int lfd)
{
	int fd;

	while ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
		close(fd);
}

/*
 * A connected loopback pair, both ends non-blocking; 0 or -1.  Loopback
 * connects at once: the waits (200 ms at most each) only guard against
 * signals and a full backlog.  Caller: kp_lock.
 */
static int ktls_connect(struct rng *r, int *a, int *b)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int v6 = chance(r, 20), lfd, c, s = -1;
	struct pollfd p;

	lfd = ktls_listener(v6);
	if (lfd < 0 && v6)
		lfd = ktls_listener(v6 = 0);
	if (lfd < 0 || getsockname(lfd, (struct sockaddr *)&ss, &len))
		return -1;
	c = socket(v6 ? AF_INET6 : AF_INET,
		   SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c < 0)
		return -1;
	if (connect(c, (struct sockaddr *)&ss, len) && errno != EINPROGRESS)
		goto fail;
	p = (struct pollfd){ lfd, POLLIN, 0 };
	if (poll(&p, 1, 200) != 1)
		goto fail;
	s = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	p = (struct pollfd){ c, POLLOUT, 0 };
	if (s < 0 || poll(&p, 1, 200) != 1 || (p.revents & (POLLERR | POLLHUP)))
		goto fail;
	ktls_timeouts(c);
	ktls_timeouts(s);
	*a = c;
	*b = s;
	return 0;
fail:
	close(c);
	if (s >= 0)
		close(s);
	ktls_drain(lfd);
	return -1;
}

/* kTLS ciphers of bridge.h a pair may use: AES-GCM mostly. */
static const struct ktls_cipher *ktls_pick_cipher(struct rng *r)
{
	switch (rnd(r, 20)) {
	case 0: case 1:
		return ktls_cipher_by_name("aes256gcm");
	case 2:
		return ktls_cipher_by_name("aes128ccm");
	case 3:
		return ktls_cipher_by_name("chacha20poly1305");
	default:
		return ktls_cipher_by_name("aes128gcm");
	}
}

/* A new connection in a free slot, or in place of one (closed). */
static void ktls_new_pair(struct rng *r)
{
	struct kpair *p = &W.kp[rnd(r, NPAIRS)];
	int old[2] = { -1, -1 }, a, b, i;

	pthread_mutex_lock(&W.kp_lock);
	for (i = 0; i < NPAIRS; i++)
		if (W.kp[i].fd[0] < 0 && W.kp[i].fd[1] < 0) {
			p = &W.kp[i];
			break;
		}
	if (i == NPAIRS && !chance(r, 30))
		goto out;
	if (ktls_connect(r, &a, &b))
		goto out;
	__atomic_add_fetch(&st->ktls_pairs, 1, __ATOMIC_RELAXED);
	old[0] = p->fd[0];
	old[1] = p->fd[1];
	p->fd[0] = a;
	p->fd[1] = b;
	p->c = ktls_pick_cipher(r);
	p->version = chance(r, 50) ? OCF_KTLS_VERSION_1_3 : OCF_KTLS_VERSION_1_2;
	for (i = 0; i < (int)sizeof(p->key); i++)
		p->key[i] = (__u8)rnd64(r);
	for (i = 0; i < OCF_KTLS_IV_LEN; i++)
		p->iv[i] = (__u8)rnd64(r);
	p->ses = 0;
	p->slot = cur;
	p->ses13 = 0;
	if (chance(r, 15)) {
		int small = 4096 + rnd(r, 8192);

		setsockopt(chance(r, 50) ? a : b, SOL_SOCKET,
			   chance(r, 50) ? SO_SNDBUF : SO_RCVBUF, &small, sizeof(small));
	}
	if (chance(r, 10))
		ktls_set_ulp(chance(r, 50) ? a : b);	/* the ULP set before */
out:
	pthread_mutex_unlock(&W.kp_lock);
	for (i = 0; i < 2; i++)
		if (old[i] >= 0) {
			__atomic_add_fetch(&st->ktls_sock_closes, 1, __ATOMIC_RELAXED);
			close(old[i]);
		}
}

/*
 * One end of a pair, as a descriptor of the caller's own (a dup, which
 * the caller closes: another thread may close the pair's at any time),
 * with a copy of the pair; -1 when that end is closed.
 */
static int ktls_get(struct rng *r, struct kpair **pp, struct kpair *copy)
{
	struct kpair *p = &W.kp[rnd(r, NPAIRS)];
	int fd = -1, end = rnd(r, 2);

	pthread_mutex_lock(&W.kp_lock);
	if (p->fd[end] < 0)
		end ^= 1;
	if (p->fd[end] >= 0)
		fd = fcntl(p->fd[end], F_DUPFD_CLOEXEC, 0);
	*copy = *p;
	pthread_mutex_unlock(&W.kp_lock);
	if (pp)
		*pp = p;
	return fd;
}

/*
 * A session for @c with the pair's key on /dev/crypto slot @cur: on the
 * kernel's driver, on one of kdrv[] (synchronous C, asynchronous,
 * cryptd), or on a driver named at random.  0 or -1.
 */
static int ktls_session_new(struct rng *r, const struct kpair *k, __u32 *ses)
{
	struct ocf_session_op s;
	int i, n = 0, pick[MAX_KDRV];

	memset(&s, 0, sizeof(s));
	s.cipher = k->c->alg;
	s.keylen = k->c->keylen;
	s.key = (uintptr_t)k->key;
	if (chance(r, 3))
		s.key = pick_ptr(r, s.keylen, 0);
	for (i = 0; i < nkdrv; i++)
		if (kdrv[i].alg == s.cipher && kdrv[i].keylen == s.keylen)
			pick[n++] = i;
	switch (rnd(r, 10)) {
	case 0 ... 3:
		break;
	case 4 ... 8:
		if (n) {
			s.flags = OCF_SES_F_CIPHER_DRIVER;
			strcpy(s.cipher_driver, kdrv[pick[rnd(r, n)]].name);
		}
		break;
	default:
		s.flags = OCF_SES_F_CIPHER_DRIVER;
		pick_name(r, s.cipher_driver);
		break;
	}
	if (chance(r, 10))
		s.crid = chance(r, 50) ? OCF_CRID_SOFTWARE : OCF_CRID_HARDWARE;
	if (chance(r, 5))
		s.tag_len = rnd(r, 17);
	if (xioctl(W.fds[cur], OCF_IOC_GSESSION, &s))
		return -1;
	remember_ses(r, s.ses);
	*ses = s.ses;
	return 0;
}

/* A session from a TLS 1.3 traffic secret (the pair's key bytes). */
static int ktls_session13(struct rng *r, const struct kpair *k, __u32 *ses)
{
	static const __u16 suites[] = {
		OCF_TLS_AES_128_GCM_SHA256, OCF_TLS_AES_256_GCM_SHA384,
		OCF_TLS_CHACHA20_POLY1305_SHA256, OCF_TLS_AES_128_CCM_SHA256,
	};
	struct ocf_tls13_session t;

	memset(&t, 0, sizeof(t));
	t.suite = k->c->suite13 && chance(r, 90) ? k->c->suite13 :
		  suites[rnd(r, ARRAY_SIZE(suites))];
	t.secret = (uintptr_t)k->key;
	t.secret_len = t.suite == OCF_TLS_AES_256_GCM_SHA384 ? 48 : 32;
	if (chance(r, 10))
		t.secret_len = rnd(r, 64);
	t.flags = chance(r, 30) ? OCF_TLS13_F_IV_OUT : 0;
	if (chance(r, 10))
		t.crid = chance(r, 50) ? OCF_CRID_SOFTWARE : (__u32)rnd64(r);
	mutate(r, &t, offsetof(struct ocf_tls13_session, secret));
	if (xioctl(W.fds[cur], OCF_IOC_TLS13_SESSION, &t))
		return -1;
	remember_ses(r, t.ses);
	*ses = t.ses;
	return 0;
}

/* A descriptor that is not a connected TCP socket; *@own: the caller closes it. */
static int ktls_bad_fd(struct rng *r, int *own)
{
	int sv[2];

	*own = 1;
	switch (rnd(r, 7)) {
	case 0:
		return -1;
	case 1:
		*own = 0;
		return (int)rnd(r, 64);
	case 2:
		return fcntl(W.fds[cur], F_DUPFD_CLOEXEC, 0);	/* ENOTSOCK */
	case 3:
		return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);	/* ENOTCONN */
	case 4:
		return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	case 5:
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
			return -1;
		close(sv[1]);
		return sv[0];
	default:
		pthread_mutex_lock(&W.kp_lock);
		sv[0] = W.lfd[0] >= 0 ? fcntl(W.lfd[0], F_DUPFD_CLOEXEC, 0) : -1;
		pthread_mutex_unlock(&W.kp_lock);
		return sv[0];
	}
}

static void ktls_attach_op(struct rng *r)
{
	struct ocf_ktls_attach a;
	struct kpair *p, k;
	int fd = ktls_get(r, &p, &k), own = 1, session_iv = 0, keep = 0, ses13 = 0;
	int bad = chance(r, 40);	/* else every field is valid */
	long ret;
	__u32 ses = 0;

	if (fd < 0 && !chance(r, 20))
		return;
	if (fd < 0 || chance(r, 8)) {
		if (fd >= 0)
			close(fd);
		fd = ktls_bad_fd(r, &own);
	}
	if (!k.c) {
		/* a slot never used */
		k.c = ktls_pick_cipher(r);
		k.version = OCF_KTLS_VERSION_1_3;
	}
	switch (rnd(r, 20)) {
	case 0 ... 9:
		if (ktls_session_new(r, &k, &ses))
			goto out;
		keep = chance(r, 70);
		break;
	case 10 ... 13:
		/* the session that keyed the pair: the other end gets its key */
		cur = k.slot;
		ses = k.ses;
		session_iv = k.ses13 && chance(r, 90);
		break;
	case 14 ... 16:
		if (ktls_session13(r, &k, &ses))
			goto out;
		k.version = OCF_KTLS_VERSION_1_3;
		session_iv = chance(r, 90);
		keep = chance(r, 70);
		ses13 = 1;
		break;
	case 17 ... 18:
		ses = pick_ses(r);
		break;
	default:
		ses = (__u32)rnd64(r);
		break;
	}
	if (keep) {
		pthread_mutex_lock(&W.kp_lock);
		p->ses = ses;
		p->slot = cur;
		p->ses13 = ses13;
		pthread_mutex_unlock(&W.kp_lock);
	}

	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.fd = fd;
	a.direction = chance(r, 50) ? OCF_KTLS_TX : OCF_KTLS_RX;
	a.version = k.version;
	if (bad && chance(r, 20))
		a.direction = chance(r, 50) ? rnd(r, 4) : (__u32)rnd64(r);
	if (bad && chance(r, 20))
		a.version = chance(r, 50) ? 0x0302 : (__u32)rnd64(r);
	if (chance(r, 5))
		a.version = k.version ^ 7;	/* the other one, valid */
	if (session_iv) {
		a.flags = OCF_KTLS_F_SESSION_IV;
	} else {
		a.iv_len = OCF_KTLS_IV_LEN;
		memcpy(a.iv, k.iv, OCF_KTLS_IV_LEN);
	}
	if (chance(r, 25))
		a.flags |= OCF_KTLS_F_HIDE_KEY;
	if (a.direction == OCF_KTLS_RX && a.version == OCF_KTLS_VERSION_1_3 &&
	    chance(r, 30))
		a.flags |= OCF_KTLS_F_RX_EXPECT_NO_PAD;
	switch (rnd(r, 20)) {
	case 0:
		a.rec_seq = rnd64(r);
		break;
	case 1:
		/* kTLS's sequence number about to wrap */
		a.rec_seq = ~0ull - rnd(r, 4);
		break;
	default:
		break;
	}
	if (chance(r, 5)) {
		/* out fields are ignored on input */
		a.result = (__u32)rnd64(r);
		a.crid = (__u32)rnd64(r);
	}
	if (bad) {
		if (chance(r, 15))
			a.flags |= OCF_KTLS_F_RX_EXPECT_NO_PAD;
		if (chance(r, 10))
			a.flags |= 1u << rnd(r, 32);
		if (chance(r, 10))
			a.iv_len = rnd(r, 17);
		if (chance(r, 5))
			a.reserved0 = 1;
		if (chance(r, 5))
			a.reserved[rnd(r, 3)] = rnd64(r);
		if (chance(r, 5))
			a.iv[12 + rnd(r, 4)] = 1;
		mutate(r, &a, sizeof(a));	/* no pointers in it */
	}

	__atomic_add_fetch(&st->ktls_attach, 1, __ATOMIC_RELAXED);
	if (bad && chance(r, 8))
		ret = xioctl(pick_fd(r), OCF_IOC_KTLS_ATTACH,
			     (void *)(uintptr_t)pick_ptr(r, sizeof(a), 1));
	else
		ret = xioctl(pick_fd(r), OCF_IOC_KTLS_ATTACH, &a);
	if (ret == 0) {
		__atomic_add_fetch(&st->ktls_attach_ok, 1, __ATOMIC_RELAXED);
		if (a.result & OCF_KTLS_R_ROUTED)
			__atomic_add_fetch(&st->ktls_routed, 1, __ATOMIC_RELAXED);
	} else if (errno > 0 && errno < 140) {
		__atomic_add_fetch(&st->ktls_aerrs[errno], 1, __ATOMIC_RELAXED);
	}
	/* the session gone right after keying, as the bridge allows */
	if (ses && !keep && chance(r, 30))
		xioctl(W.fds[cur], CIOCFSESSION, &ses);
	if (fd >= 0 && chance(r, 10)) {
		/* what kTLS holds (the key wiped with OCF_KTLS_F_HIDE_KEY) */
		__u8 buf[64];
		socklen_t len = sizeof(buf);

		getsockopt(fd, SOL_TLS, chance(r, 50) ? TLS_TX : TLS_RX, buf, &len);
	}
out:
	if (own && fd >= 0)
		close(fd);
}

/* A length for a send or receive: within a record, across, or a few. */
static __u32 ktls_len(struct rng *r)
{
	switch (rnd(r, 8)) {
	case 0:
		return rnd(r, 16);
	case 1:
		return 16384 + rnd(r, 3) - 1;	/* the record size */
	case 2:
		return rnd(r, 3 * 16384 + 100);
	default:
		return 1 + rnd(r, 4096);
	}
}

static void ktls_send(struct rng *r)
{
	char cbuf[CMSG_SPACE(sizeof(__u8))];
	struct kpair k;
	int fd = ktls_get(r, NULL, &k);
	__u32 len = ktls_len(r);
	__u64 buf = pick_ptr(r, len, 0);
	int flags = MSG_DONTWAIT | MSG_NOSIGNAL;
	long ret;

	if (fd < 0)
		return;
	if (chance(r, 25))
		flags |= MSG_MORE;	/* an open record, left to close() */
	if (len > ARENA_SIZE / 2)
		len = ARENA_SIZE / 2;
	switch (rnd(r, 8)) {
	case 0: {
		/* a record of another content type */
		struct iovec iov = { (void *)(uintptr_t)buf, len };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf,
				    .msg_controllen = sizeof(cbuf) };
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);

		c->cmsg_level = SOL_TLS;
		c->cmsg_type = TLS_SET_RECORD_TYPE;
		c->cmsg_len = CMSG_LEN(sizeof(__u8));
		*CMSG_DATA(c) = chance(r, 80) ? KTLS_RT_ALERT + rnd(r, 3) : (__u8)rnd64(r);
		ret = sendmsg(fd, &m, flags);
		break;
	}
	case 1: {
		off_t off = rnd(r, 65536);

		ret = sendfile(fd, W.mfd, &off, len);
		break;
	}
	default:
		ret = send(fd, (void *)(uintptr_t)buf, len, flags);
		break;
	}
	kcount(ret, &st->ktls_bytes_out);
	close(fd);
}

static void ktls_recv(struct rng *r)
{
	char cbuf[CMSG_SPACE(sizeof(__u8))];
	struct kpair k;
	int fd = ktls_get(r, NULL, &k);
	__u32 len = ktls_len(r);
	__u64 buf = pick_ptr(r, len, 1);
	int flags = MSG_DONTWAIT;
	long ret;

	if (fd < 0)
		return;
	if (chance(r, 10))
		flags |= MSG_PEEK;
	if (chance(r, 10))
		flags |= MSG_WAITALL;
	switch (rnd(r, 6)) {
	case 0: case 1: {
		/* with room for the record type: non-data records too */
		struct iovec iov = { (void *)(uintptr_t)buf, len };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf,
				    .msg_controllen = sizeof(cbuf) };

		ret = recvmsg(fd, &m, flags);
		break;
	}
	case 2: {
		int pfd[2];

		if (pipe2(pfd, O_NONBLOCK | O_CLOEXEC)) {
			ret = -1;
			break;
		}
		ret = splice(fd, NULL, pfd[1], NULL, len, SPLICE_F_NONBLOCK);
		close(pfd[0]);
		close(pfd[1]);
		break;
	}
	default:
		ret = recv(fd, (void *)(uintptr_t)buf, len, flags);
		break;
	}
	kcount(ret, &st->ktls_bytes_in);
	close(fd);
}

/* Close or shut down a pair's end (or both), records in flight or not. */
static void ktls_close(struct rng *r)
{
	static const struct linger rst = { 1, 0 };
	struct kpair *p = &W.kp[rnd(r, NPAIRS)];
	int fds[2] = { -1, -1 }, how = rnd(r, 8), end = rnd(r, 2), i;

	pthread_mutex_lock(&W.kp_lock);
	if (how < 3) {
		/* shutdown: the others' calls on it run on */
		if (p->fd[end] >= 0)
			shutdown(p->fd[end], how);
	} else {
		fds[0] = p->fd[end];
		p->fd[end] = -1;
		if (how == 7) {
			fds[1] = p->fd[end ^ 1];
			p->fd[end ^ 1] = -1;
		}
	}
	pthread_mutex_unlock(&W.kp_lock);
	if (how < 3) {
		__atomic_add_fetch(&st->ktls_sock_closes, 1, __ATOMIC_RELAXED);
		return;
	}
	for (i = 0; i < 2; i++) {
		if (fds[i] < 0)
			continue;
		if (how == 3)	/* a reset instead of a FIN */
			setsockopt(fds[i], SOL_SOCKET, SO_LINGER, &rst, sizeof(rst));
		__atomic_add_fetch(&st->ktls_sock_closes, 1, __ATOMIC_RELAXED);
		close(fds[i]);
	}
}

static void ktls_free_session(struct rng *r)
{
	struct kpair k;
	int fd = ktls_get(r, NULL, &k);

	if (fd >= 0)
		close(fd);
	if (k.ses)
		xioctl(W.fds[k.slot], CIOCFSESSION, &k.ses);
}

/* Close the /dev/crypto file a pair's session lives on: a new one in its place. */
static void ktls_close_cdev(struct rng *r)
{
	struct kpair k;
	int fd = ktls_get(r, NULL, &k), nfd;

	if (fd >= 0)
		close(fd);
	nfd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
	if (nfd < 0)
		return;
	__atomic_add_fetch(&st->ktls_cdev_closes, 1, __ATOMIC_RELAXED);
	dup2(nfd, W.fds[k.slot]);
	close(nfd);
}

/* A TLS 1.3 KeyUpdate of a pair's direction (OCF_IOC_TLS13_UPDATE). */
static void ktls_update(struct rng *r)
{
	struct ocf_tls13_update u;
	struct kpair k;
	int fd = ktls_get(r, NULL, &k);

	memset(&u, 0, sizeof(u));
	u.ses = chance(r, 80) ? k.ses : pick_ses(r);
	u.fd = fd;
	u.direction = chance(r, 95) ? 1 + rnd(r, 2) : (__u32)rnd64(r);
	u.flags = chance(r, 30) ? OCF_KTLS_F_HIDE_KEY : 0;
	mutate(r, &u, sizeof(u));
	__atomic_add_fetch(&st->ktls_update, 1, __ATOMIC_RELAXED);
	if (xioctl(W.fds[chance(r, 90) ? k.slot : cur], OCF_IOC_TLS13_UPDATE, &u) == 0)
		__atomic_add_fetch(&st->ktls_update_ok, 1, __ATOMIC_RELAXED);
	if (fd >= 0)
		close(fd);
}

static void do_ktls(struct rng *r)
{
	/* no kTLS in this kernel: the attaches only fail; fewer of them */
	if (have_ktls <= 0 && chance(r, 75))
		return;
	switch (rnd(r, 20)) {
	case 0 ... 2:
		ktls_new_pair(r);
		break;
	case 3 ... 7:
		ktls_attach_op(r);
		break;
	case 8 ... 11:
		ktls_send(r);
		break;
	case 12 ... 14:
		ktls_recv(r);
		break;
	case 15 ... 16:
		ktls_close(r);
		break;
	case 17:
		ktls_free_session(r);
		break;
	case 18:
		ktls_close_cdev(r);
		break;
	default:
		ktls_update(r);
		break;
	}
}

/* Before the rounds (root): kTLS present?  Which exact drivers work? */
static void load_ktls(void)
{
	static const struct { const char *cipher, *driver; } try[] = {
		/* synchronous C: 6.1 and 6.12's templates, 7.x's library */
		{ "aes128gcm", "gcm_base(ctr(aes-generic),ghash-generic)" },
		{ "aes128gcm", "gcm-aes-lib" },
		{ "aes128gcm", "gcm_base(ctr-aes-lib,ghash-lib)" },
		/*
		 * asynchronous: AES-NI's, cryptd (before 6.3 the module
		 * refuses a new cryptd AEAD: its self-test would fail with a
		 * WARNING), the test module's
		 */
		{ "aes128gcm", "generic-gcm-aesni" },
		{ "aes128gcm", "gcm_base(ctr-aes-aesni,ghash-generic)" },
		{ "aes128gcm", "cryptd(gcm_base(ctr(aes-generic),ghash-generic))" },
		{ "aes128gcm", "cryptd(gcm-aes-lib)" },
		{ "aes128gcm", "ocf-test-async-gcm-aes" },
		{ "aes256gcm", "gcm_base(ctr(aes-generic),ghash-generic)" },
		{ "aes256gcm", "gcm-aes-lib" },
		{ "aes256gcm", "generic-gcm-aesni" },
		{ "aes128ccm", "ccm_base(ctr(aes-generic),cbcmac(aes-generic))" },
		{ "aes128ccm", "ccm-aes-lib" },
		{ "aes128ccm", "cryptd(ccm-aes-lib)" },
		{ "chacha20poly1305", "rfc7539(chacha20-generic,poly1305-generic)" },
		{ "chacha20poly1305", "rfc7539(chacha20-lib,poly1305-lib)" },
		{ "chacha20poly1305", "cryptd(rfc7539(chacha20-lib,poly1305-generic))" },
	};
	static const __u8 key[32];
	struct ocf_session_op s;
	unsigned int i;
	int fd;

	have_ktls = ktu_kernel_ktls();
	fd = open(CDEV_PATH, O_RDWR);
	if (fd < 0)
		return;
	/* and the kernel's own gcm(aes) drivers, by their names */
	for (i = 0; i < ARRAY_SIZE(try) + (unsigned int)ndrivers && nkdrv < MAX_KDRV; i++) {
		const struct ktls_cipher *c;
		const char *d;

		if (i < ARRAY_SIZE(try)) {
			c = ktls_cipher_by_name(try[i].cipher);
			d = try[i].driver;
		} else {
			c = ktls_cipher_by_name("aes128gcm");
			d = drivers[i - ARRAY_SIZE(try)];
			if (strcmp(algnames[i - ARRAY_SIZE(try)], "gcm(aes)"))
				continue;
		}
		memset(&s, 0, sizeof(s));
		s.cipher = c->alg;
		s.keylen = c->keylen;
		s.key = (uintptr_t)key;
		s.flags = OCF_SES_F_CIPHER_DRIVER;
		snprintf(s.cipher_driver, sizeof(s.cipher_driver), "%s", d);
		if (ioctl(fd, OCF_IOC_GSESSION, &s))
			continue;
		ioctl(fd, CIOCFSESSION, &s.ses);
		kdrv[nkdrv].alg = c->alg;
		kdrv[nkdrv].keylen = c->keylen;
		snprintf(kdrv[nkdrv].name, sizeof(kdrv[nkdrv].name), "%s", d);
		nkdrv++;
	}
	close(fd);
}

static void one_call(struct rng *r);

/* Fork with operations in flight; the child calls a little, then exits. */
static void do_fork(struct rng *r)
{
	struct rng cr = { rnd64(r) };
	pid_t pid;
	int i;

	__atomic_add_fetch(&st->forks, 1, __ATOMIC_RELAXED);
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		for (i = rnd(&cr, 20); i; i--) {
			switch (rnd(&cr, 4)) {
			case 0:
				do_crypt(&cr, 1);
				break;
			case 1:
				do_submit(&cr);
				break;
			case 2:
				do_reap(&cr);
				break;
			default:
				do_crypt(&cr, 0);
				break;
			}
		}
		_exit(0);
	}
	if (chance(r, 50)) {
		usleep(rnd(r, 3000));
		kill(pid, SIGKILL);
	}
	waitpid(pid, NULL, 0);
}

static void one_call(struct rng *r)
{
	cur = rnd(r, NFDS);
	switch (rnd(r, 106)) {
	case 0 ... 11:
		do_gsession(r);
		break;
	case 12 ... 20:
		do_gsession_ext(r);
		break;
	case 21 ... 27:
		do_fsession(r);
		break;
	case 28 ... 42:
		do_crypt(r, 0);
		break;
	case 43 ... 49:
		do_bsd(r);
		break;
	case 50 ... 57:
		do_authcrypt(r);
		break;
	case 58 ... 65:
		do_crypt(r, 1);
		break;
	case 66 ... 69:
		do_fetch(r);
		break;
	case 70 ... 77:
		do_submit(r);
		break;
	case 78 ... 83:
		do_reap(r);
		break;
	case 84 ... 86:
		do_sessinfo(r);
		break;
	case 87 ... 88:
		do_cphash(r);
		break;
	case 89 ... 93:
		do_info(r);
		break;
	case 94 ... 96:
		do_fdops(r);
		break;
	case 97 ... 98:
		do_vol(r);
		break;
	case 100 ... 105:
		do_ktls(r);
		break;
	default:
		if (chance(r, 30))
			do_fork(r);
		break;
	}
}

static void *thread_main(void *arg)
{
	struct rng r = { mix(W.seed, (uintptr_t)arg) };

	while (!__atomic_load_n(&W.stop, __ATOMIC_RELAXED))
		one_call(&r);
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
	__atomic_store_n(&W.stop, 1, __ATOMIC_RELAXED);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* ------------------------------------------------------ the worker */

static void worker(__u64 seed, int threads, int ms, int unpriv)
{
	pthread_t tid[MAX_THREADS];
	struct sigaction sa;
	struct rng r = { seed };
	__u8 *base;
	int i, mfd;

	W.seed = seed;
	pthread_mutex_init(&W.vol_lock, NULL);
	pthread_mutex_init(&W.kp_lock, NULL);
	W.lfd[0] = -1;
	W.lfd[1] = -1;
	for (i = 0; i < NPAIRS; i++) {
		W.kp[i].fd[0] = -1;
		W.kp[i].fd[1] = -1;
	}
	for (i = 0; i < NFDS; i++) {
		W.fds[i] = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
		if (W.fds[i] < 0)
			_exit(3);
	}
	/*
	 * arena | hole | ro | none | vol | guard: a long operation that starts
	 * in vol (or shm) runs into PROT_NONE, never into our other memory.
	 */
	base = mmap(NULL, ARENA_SIZE + 3 * 4096 + VOL_SIZE + GUARD_SIZE,
		    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		_exit(3);
	mprotect(base + ARENA_SIZE + 3 * 4096 + VOL_SIZE, GUARD_SIZE, PROT_NONE);
	W.arena = base;
	W.hole = base + ARENA_SIZE;
	W.ro = W.hole + 4096;
	W.none = W.ro + 4096;
	W.vol = W.none + 4096;
	for (i = 0; i < (int)(ARENA_SIZE / 8); i++)
		((__u64 *)W.arena)[i] = rnd64(&r);
	munmap(W.hole, 4096);
	mprotect(W.ro, 4096, PROT_READ);
	mprotect(W.none, 4096, PROT_NONE);
	mfd = memfd_create("fuzz", 0);
	W.shm = mmap(NULL, 65536 + GUARD_SIZE, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mfd < 0 || ftruncate(mfd, 65536) || W.shm == MAP_FAILED ||
	    mmap(W.shm, 65536, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 mfd, 0) == MAP_FAILED)
		W.shm = W.arena;
	W.mfd = mfd;

	if (unpriv) {
		struct rlimit rl;

		rl.rlim_cur = rnd(&r, 4) * 64 * 1024;
		rl.rlim_max = rl.rlim_cur;
		setrlimit(RLIMIT_MEMLOCK, &rl);
		if (setgid(65534) || setuid(65534))
			_exit(3);
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: interrupt the waits */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	for (i = 0; i < threads; i++)
		if (pthread_create(&tid[i], NULL, thread_main, (void *)(uintptr_t)(i + 1)))
			_exit(3);
	{
		struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

		setitimer(ITIMER_REAL, &it, NULL);
	}
	/* the main thread pokes the others with signals */
	while (!__atomic_load_n(&W.stop, __ATOMIC_RELAXED)) {
		usleep(1000 + rnd(&r, 20000));
		if (chance(&r, 30))
			pthread_kill(tid[rnd(&r, threads)], SIGUSR1);
	}
	for (i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	_exit(0);
}

/* ------------------------------------------------------ the parent */

static long read_param(const char *name)
{
	char path[128], buf[64];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 0);
	fclose(f);
	return v;
}

static void write_param(const char *name, long v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "%ld\n", v);
	fclose(f);
}

static const char *const params[] = {
	"max_sessions", "max_queue", "max_pinned", "max_request", "zc_threshold",
};

#define NPARAMS ARRAY_SIZE(params)

static void load_drivers(void)
{
	static struct ocf_alg_entry e[MAX_DRIVERS];
	struct ocf_alg_list l;
	struct ocf_features f;
	int fd = open(CDEV_PATH, O_RDWR), i;

	if (fd < 0)
		return;
	memset(&l, 0, sizeof(l));
	l.capacity = MAX_DRIVERS;
	l.entries = (uintptr_t)e;
	if (ioctl(fd, OCF_IOC_LIST_ALGS, &l) == 0) {
		ndrivers = l.count < MAX_DRIVERS ? (int)l.count : MAX_DRIVERS;
		for (i = 0; i < ndrivers; i++) {
			snprintf(drivers[i], sizeof(drivers[i]), "%s", e[i].driver);
			snprintf(algnames[i], sizeof(algnames[i]), "%s", e[i].name);
		}
	}
	if (ioctl(fd, OCF_IOC_GET_FEATURES, &f) == 0)
		max_request = f.max_request;
	close(fd);
}

/* AES-128-CBC, FIPS-197 key and plaintext: /dev/crypto still works. */
static int known_answer(void)
{
	static const __u8 key[16] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
	static const __u8 pt[16] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
		0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	static const __u8 ct[16] = {
		0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
		0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
	__u8 iv[16] = { 0 }, out[16];
	struct session_op s;
	struct crypt_op c;
	int fd = open(CDEV_PATH, O_RDWR), ok;

	if (fd < 0)
		return 0;
	memset(&s, 0, sizeof(s));
	s.cipher = CRYPTO_AES_CBC;
	s.keylen = 16;
	s.key = (__u8 *)key;
	if (ioctl(fd, CIOCGSESSION, &s)) {
		close(fd);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	c.ses = s.ses;
	c.op = COP_ENCRYPT;
	c.len = 16;
	c.src = (__u8 *)pt;
	c.dst = out;
	c.iv = iv;
	ok = ioctl(fd, CIOCCRYPT, &c) == 0 && !memcmp(out, ct, 16);
	ioctl(fd, CIOCFSESSION, &s.ses);
	close(fd);
	return ok;
}

/* A worker that outlived SIGKILL: show where it is stuck. */
static void show_stuck(pid_t pid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stack", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = 0;
		tap_diag("stack of %d:\n%s", pid, buf);
	}
}

static __u64 now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"Usage: %s [-s SEED] [-t SECONDS] [-j THREADS] [-r ROUND_MS] [-q]\n"
		"  -s SEED     seed (default: OCF_SEED, else random); printed\n"
		"  -t SECONDS  run time (default: OCF_FUZZ_SECONDS, else 30)\n"
		"  -j THREADS  threads per worker (default 4, at most %d)\n"
		"  -r MS       length of one round (default 3000)\n"
		"  -q          no per-round lines\n", prog, MAX_THREADS);
	exit(2);
}

int main(int argc, char **argv)
{
	__u64 seed, t_end, t0;
	long saved[NPARAMS];
	int seconds = 30, threads = 4, round_ms = 3000, quiet = 0, opt;
	int rounds = 0, crashed = 0, stuck = 0, killed = 0, nokill;
	const char *env;
	unsigned int i;
	struct rng pr;

	env = getenv("OCF_SEED");
	seed = env ? strtoull(env, NULL, 0) : 0;
	if (!env) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed = mix((__u64)ts.tv_nsec, (__u64)getpid() << 32 | ts.tv_sec);
	}
	env = getenv("OCF_FUZZ_SECONDS");
	if (env)
		seconds = atoi(env);
	while ((opt = getopt(argc, argv, "s:t:j:r:qh")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			seconds = atoi(optarg);
			break;
		case 'j':
			threads = atoi(optarg);
			break;
		case 'r':
			round_ms = atoi(optarg);
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage(argv[0]);
		}
	}
	if (threads < 1 || threads > MAX_THREADS || round_ms < 10 || seconds < 0)
		usage(argv[0]);
	nokill = !!getenv("OCF_FUZZ_NOKILL");

	tap_header();
	if (access(CDEV_PATH, R_OK | W_OK))
		tap_skip_all("no %s", CDEV_PATH);
	tap_plan(6);
	tap_diag("seed %llu (reproduce: OCF_SEED=%llu %s -t %d -j %d -r %d)",
		 seed, seed, argv[0], seconds, threads, round_ms);

	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (st == MAP_FAILED)
		tap_bail_out("mmap: %s", strerror(errno));
	load_drivers();
	tap_diag("%d drivers listed, max_request %u", ndrivers, max_request);
	load_ktls();
	tap_diag("kTLS %s, %d exact drivers for its sessions",
		 have_ktls > 0 ? "present" : have_ktls ? strerror(-have_ktls) : "absent",
		 nkdrv);
	for (i = 0; i < NPARAMS; i++)
		saved[i] = read_param(params[i]);

	pr.s = seed;
	t0 = now_ms();
	t_end = t0 + (__u64)seconds * 1000;
	while (now_ms() < t_end) {
		__u64 rseed = mix(seed, (__u64)rounds + 1);
		struct rng rr = { rseed };
		int ms = round_ms / 2 + rnd(&rr, round_ms);
		int unpriv = chance(&rr, 25);
		int kill_at = nokill ? -1 : chance(&rr, 70) ? (int)rnd(&rr, ms) : -1;
		int status, waited;
		pid_t pid;

		/* the limits move under the workers now and then (root) */
		if (chance(&pr, 20)) {
			i = rnd(&pr, NPARAMS);
			if (saved[i] > 0)
				write_param(params[i], chance(&pr, 50) ? saved[i] :
					    (long)rnd(&pr, (__u32)saved[i] * 2) + 1);
		}
		if (!quiet)
			tap_diag("round %d seed %llu (%d ms%s%s)", rounds, rseed, ms,
				 unpriv ? ", unprivileged" : "",
				 kill_at >= 0 ? ", SIGKILL" : "");
		pid = fork();
		if (pid < 0)
			tap_bail_out("fork: %s", strerror(errno));
		if (pid == 0) {
			/* its own group: the processes it forks end with it */
			setpgid(0, 0);
			worker(rseed, threads, ms, unpriv);
		}
		setpgid(pid, pid);
		if (kill_at >= 0) {
			usleep((useconds_t)kill_at * 1000);
			kill(pid, SIGKILL);
			killed++;
		}
		/* wait for the end of the round, then SIGKILL and 60 s more */
		for (waited = 0;; waited += 10) {
			pid_t w = waitpid(pid, &status, WNOHANG);

			if (w == pid)
				break;
			if (waited == ms + 5000)
				kill(pid, SIGKILL);
			if (waited == ms + 65000) {
				tap_diag("round %d: worker %d still alive 60 s after SIGKILL",
					 rounds, pid);
				show_stuck(pid);
				stuck++;
				break;
			}
			usleep(10000);
		}
		/* children of the worker that outlive it (do_fork) */
		kill(-pid, SIGKILL);
		if (waited < ms + 65000) {
			if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
				tap_diag("round %d: worker died of signal %d", rounds,
					 WTERMSIG(status));
				crashed++;
			} else if (WIFEXITED(status) && WEXITSTATUS(status)) {
				tap_diag("round %d: worker exited %d", rounds,
					 WEXITSTATUS(status));
				crashed++;
			}
		}
		rounds++;
		if (stuck)
			break;
	}
	for (i = 0; i < NPARAMS; i++)
		if (saved[i] > 0)
			write_param(params[i], saved[i]);

	tap_diag("%d rounds (%d SIGKILLed) in %.1f s", rounds, killed,
		 (now_ms() - t0) / 1000.0);
	tap_diag("%llu calls (%llu succeeded), %llu forks, %llu unmaps, %llu fd replacements",
		 st->calls, st->ok, st->forks, st->unmaps, st->closes);
	{
		char line[1024];
		int n = 0, e;

		for (e = 1; e < 140; e++)
			if (st->errs[e])
				n += snprintf(line + n, sizeof(line) - n, " %s:%llu",
					      strerrorname_np(e) ?: "?", st->errs[e]);
		tap_diag("errnos:%s", line);
		n = 0;
		line[0] = 0;
		for (e = 1; e < 140 && n < (int)sizeof(line) - 64; e++)
			if (st->ktls_aerrs[e])
				n += snprintf(line + n, sizeof(line) - n, " %s:%llu",
					      strerrorname_np(e) ?: "?", st->ktls_aerrs[e]);
		tap_diag("kTLS: %llu attaches, %llu succeeded (%llu routed), %llu failed:%s",
			 st->ktls_attach, st->ktls_attach_ok, st->ktls_routed,
			 st->ktls_attach - st->ktls_attach_ok, line);
		tap_diag("kTLS: %llu connections, %llu sends/receives (%llu succeeded, %llu bytes out, %llu in), %llu socket closes, %llu /dev/crypto closes, %llu key updates (%llu succeeded)",
			 st->ktls_pairs, st->ktls_io, st->ktls_io_ok,
			 st->ktls_bytes_out, st->ktls_bytes_in, st->ktls_sock_closes,
			 st->ktls_cdev_closes, st->ktls_update, st->ktls_update_ok);
	}
	tap_ok(rounds > 0 && st->calls > 0, "fuzz: %llu calls in %d rounds",
	       st->calls, rounds);
	tap_ok(!crashed, "fuzz: no worker crashed (%d)", crashed);
	tap_ok(!stuck, "fuzz: every worker died on SIGKILL");
	if (!tap_ok(!st->weird, "fuzz: no kernel-internal errno returned"))
		tap_diag("errno %d from command 0x%x", st->weird_errno, st->weird_cmd);
	tap_ok(known_answer(), "fuzz: /dev/crypto still works (AES-CBC known answer)");
	cdev_tap_nothing_held("the fuzzer");
	return tap_finish();
}
